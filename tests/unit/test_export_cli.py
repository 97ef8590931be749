"""``newsreader export``: by path (cache-or-parse) or cached id, stdout or -o, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsreader.analysis.nlp import DEFAULT_MODEL
from newsreader.analysis.version import pipeline_version
from newsreader.ingest import read_input
from newsreader.model import Claim, Document, text_id
from newsreader.store import DocumentCache
from newsreader.store.reviews import ReviewStore

ARTICLE = "date 2024-12-18 Budget | vote\nThe mayor said the *budget* rose 5%.\nCritics called it <b>reckless</b>.\n"


def run(*args, home):
    env = dict(os.environ, NEWSREADER_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "newsreader.cli", *args], capture_output=True, env=env, timeout=300)


@pytest.fixture
def cached(tmp_path, isolated_home):
    """An article file whose document is already in the cache (so no spaCy), with one review."""
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_input(str(path))
    text = article.text
    claims = []
    for n, sentence in enumerate(["The mayor said the *budget* rose 5%.", "Critics called it <b>reckless</b>."], 1):
        start = text.index(sentence)
        claims.append(Claim(f"c{n}", start, start + len(sentence), sentence, None, None))
    doc = Document(
        id=text_id(text),
        title=article.title,
        published=article.published,
        source=article.source,
        text=text,
        claims=tuple(claims),
    )
    with DocumentCache() as cache:
        cache.put(doc, pipeline_version(DEFAULT_MODEL))
    store = ReviewStore()
    store.set_status(doc, doc.claims[1], "disputed")
    store.set_note(doc, doc.claims[1], "quote | checked")
    store.close()
    return path, doc


def test_export_by_path_to_stdout(cached, isolated_home):
    path, doc = cached
    out = run("export", str(path), "--format", "json", home=isolated_home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["id"] == doc.id
    assert data["reviews"][0]["status"] == "disputed" and data["reviews"][0]["note"] == "quote | checked"
    assert out.stderr == b""


@pytest.mark.parametrize("fmt", ["md", "html", "json", "annotations"])
def test_export_by_id_prefix_to_a_file(cached, isolated_home, tmp_path, fmt):
    _path, doc = cached
    target = tmp_path / f"out.{fmt}"
    out = run("export", doc.id[:8], "--format", fmt, "-o", str(target), home=isolated_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout == b""
    content = target.read_text(encoding="utf-8")
    assert "reckless" in content
    if fmt == "html":
        assert "<b>reckless</b>" not in content and "&lt;b&gt;reckless&lt;/b&gt;" in content
    if fmt == "md":
        assert "\\*budget\\*" in content and "quote \\| checked" in content


def test_existing_output_needs_force(cached, isolated_home, tmp_path):
    path, _doc = cached
    target = tmp_path / "out.md"
    target.write_text("keep me")
    out = run("export", str(path), "--format", "md", "-o", str(target), home=isolated_home)
    err = out.stderr.decode()
    assert out.returncode == 2
    assert err.count("\n") == 1 and "exists" in err and "--force" in err
    assert target.read_text() == "keep me"
    forced = run("export", str(path), "--format", "md", "-o", str(target), "--force", home=isolated_home)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text().startswith("# Budget \\| vote")


def test_unknown_id_missing_file_and_bad_format_exit_2(cached, isolated_home, tmp_path):
    for args in (
        ("export", "deadbeef", "--format", "md"),
        ("export", str(tmp_path / "missing.txt"), "--format", "md"),
        ("export", str(cached[0]), "--format", "pdf"),
        ("export", str(cached[0])),
    ):
        out = run(*args, home=isolated_home)
        err = out.stderr.decode()
        assert out.returncode == 2, args
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert out.stdout == b""


def test_ambiguous_id_prefix_exit_2(cached, isolated_home):
    _path, doc = cached
    other = Document(id=doc.id[:6] + "0" * 58, title="x", published=None, source="x", text="Other text.")
    with DocumentCache() as cache:
        cache.put(other, "p")
    out = run("export", doc.id[:6], "--format", "md", home=isolated_home)
    assert out.returncode == 2 and b"ambiguous" in out.stderr


def test_unwritable_output_exit_2(cached, isolated_home, tmp_path):
    out = run(
        "export", str(cached[0]), "--format", "md", "-o", str(tmp_path / "no" / "dir" / "x.md"), home=isolated_home
    )
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1
