"""Markdown input: front matter, headings as subheadings, formatting stripped to text."""

from __future__ import annotations

import pytest

from newsreader.ingest import IngestError, read_input
from newsreader.ingest.markdown import front_matter, markdown_to_lines

DOC = """---
title: "Council backs transit plan"
date: 2024-03-12
tags: [city, transport]
---

# Council backs transit plan

The council **approved** a [$2.4 billion](https://example.com/plan) plan on *Tuesday*.
It was a `9-4` vote.

## What happens next.

- Construction starts in spring
- Bonds cover half the cost

> "This is the biggest investment in a generation," said Mayor Elena Ruiz.

![A tram](tram.jpg)

| Year | Cost |
|------|------|
| 2025 | $400m |

<div class="ad">Advertisement</div>
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_markdown_article(tmp_path):
    article = read_input(write(tmp_path, "story.md", DOC))
    assert (article.title, article.published) == ("Council backs transit plan", "2024-03-12")
    assert article.text.split("\n") == [
        "The council approved a $2.4 billion plan on Tuesday. It was a 9-4 vote.",
        "What happens next",
        "Construction starts in spring",
        "Bonds cover half the cost",
        '> "This is the biggest investment in a generation," said Mayor Elena Ruiz.',
        "A tram",
        "Year | Cost",
        "2025 | $400m",
    ]


def test_leading_h1_is_the_title_without_front_matter(tmp_path):
    article = read_input(write(tmp_path, "x.markdown", "# Storm hits coast\n\nWaves rose *high*.\n"))
    assert (article.title, article.published, article.text) == ("Storm hits coast", None, "Waves rose high.")


def test_no_title_uses_file_name_and_published_override(tmp_path):
    article = read_input(write(tmp_path, "brief.md", "Just one paragraph.\n"), published="2020-01-02")
    assert (article.title, article.published) == ("brief", "2020-01-02")


def test_toml_front_matter_and_datetime_date():
    fields, rest = front_matter('+++\ntitle = "A"\ndate = 2023-05-14T10:00:00Z\n+++\nBody\n')
    assert fields == {"title": "A", "date": "2023-05-14T10:00:00Z"} and rest == "Body\n"


def test_code_blocks_keep_their_lines():
    assert markdown_to_lines("Intro text.\n\n```\nx = 1\ny = 2\n```\n")[1] == ["Intro text.", "x = 1", "y = 2"]


def test_front_matter_only_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="no article text"):
        read_input(write(tmp_path, "empty.md", "---\ntitle: T\n---\n\n# T\n"))
