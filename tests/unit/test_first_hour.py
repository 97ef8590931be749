"""A newcomer's first hour (issue 20): what the command line and the stores do for them."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from newsreader.cli import main as newsreader_main
from newsreader.store import DocumentCache

from ..conftest import SAMPLE


def test_parse_from_standard_input_uses_the_cache_but_stays_out_of_the_library(monkeypatch, capsys):
    """`parse -` used to add a library row titled "stdin" with no date."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It rained in Paris on Monday, the mayor said.\n")))
    assert newsreader_main(["parse", "-"]) == 0
    capsys.readouterr()
    assert newsreader_main(["parse", str(SAMPLE)]) == 0
    capsys.readouterr()
    with DocumentCache() as cache:
        assert cache.stats()["documents"] == 2, "both are cached"
        assert [d.source for d in cache.list_documents()] == [str(SAMPLE)]
        assert [d.source for d in cache.list_documents(limit=10)] == [str(SAMPLE)]


def test_library_warnings_go_to_the_log_never_the_terminal(isolated_home, tmp_path):
    """dateutil warns about a time zone it doesn't know ("IST") while a date is read."""
    page = tmp_path / "monsoon.md"
    page.write_text(
        "---\ntitle: Monsoon arrives early\ndate: Wednesday 5 June 2024 10:00 IST\n---\n\n"
        "The monsoon reached the southern coast on Wednesday, the weather office said.\n",
        encoding="utf-8",
    )
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "parse", "--no-cache", str(page)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"published": "2024-06-05"' in proc.stdout
    assert "Warning" not in proc.stderr
    assert "UnknownTimezoneWarning" in (isolated_home / "log" / "newsreader.log").read_text(encoding="utf-8")


def test_a_sentence_is_not_cut_at_an_ellipsis_or_inside_a_quotation():
    from newsreader.service.review import sentence_at

    text = SAMPLE.read_text(encoding="utf-8")
    start, end = sentence_at(text, text.index("light wounds"))
    assert text[start:end] == (
        'This "would include everything from... light wounds up to being KIA (killed in action)," '
        'the official claimed, with soldiers of "all ranks" among the casualties.'
    )
    quoted = '"It rained. It poured," he said. Then it stopped.'
    assert quoted[slice(*sentence_at(quoted, 3))] == '"It rained. It poured," he said.'
    curly = "\u201cIt rained. It poured,\u201d he said. Then it stopped."
    assert curly[slice(*sentence_at(curly, 3))] == "\u201cIt rained. It poured,\u201d he said."


def test_parse_and_export_take_the_sample_as_open_does(capsys):
    assert newsreader_main(["parse", "--sample"]) == 0
    assert '"title": "North Korean troops' in capsys.readouterr().out
    assert newsreader_main(["export", "--sample", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# North Korean troops")
    assert newsreader_main(["export", "--format", "md"]) == 2
    assert "give one PATH|ID, or --sample" in capsys.readouterr().err


def test_the_library_sorts_by_publication_title_source_or_claims_left():
    from newsreader.service import sort_library
    from newsreader.store import DocSummary

    rows = [
        DocSummary("a", "beta", "2024-01-02", "z.example", 100, 5, opened=3.0, pipeline="p"),
        DocSummary("b", "Alpha", "2024-03-01", "y.example", 100, 9, opened=1.0, pipeline="p"),
        DocSummary("c", "gamma", None, "A.example", 100, 2, opened=2.0, pipeline="p"),
    ]
    reviewed = {"b": 9}
    ids = {order: [r.id for r in sort_library(rows, order, reviewed)] for order in ("published", "title", "source")}
    assert ids == {"published": ["b", "a", "c"], "title": ["b", "a", "c"], "source": ["c", "b", "a"]}
    assert [r.id for r in sort_library(rows, "to_review", reviewed)] == ["a", "c", "b"]
