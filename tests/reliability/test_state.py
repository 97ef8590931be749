"""Corrupt, full, read-only and shared state: no crash, a notice, and no review lost.

Running as root (as CI does) makes file permissions meaningless, so the failures are
produced by SQLite itself: ``PRAGMA max_page_count`` makes every further write fail with
SQLITE_FULL ("database or disk is full"), and a ``mode=ro`` connection fails writes with
SQLITE_READONLY, exactly as a full disk or a read-only file system would.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader.store import DocumentCache
from newsreader.store import sqlite as store_sqlite
from newsreader.store.reviews import ReviewStore

from .conftest import run_cli

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "src" / "newsreader" / "data" / "kursk-2024-12-18.txt"


def fill_up(conn: sqlite3.Connection) -> None:
    """From now on this connection can't grow the file: the disk is full."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def read_only_connect(monkeypatch, module) -> None:
    """Open every database of ``module`` read-only, as on a read-only file system."""

    def connect(path: Path, **_options: object) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)

    monkeypatch.setattr(module, "connect", connect)


# -- the document cache ------------------------------------------------------------------


def test_full_disk_cache_serves_documents_and_says_so_once(sample_doc, tmp_path):
    from dataclasses import replace

    cache = DocumentCache(tmp_path / "c.sqlite3")
    fill_up(cache._conn)
    copies = [replace(sample_doc, id=f"id{i}", text=sample_doc.text + f" {i}" * 2000) for i in range(3)]
    assert cache.put_many(copies, "v1") is False
    assert cache.put(copies[0], "v1") is False  # not tried again
    assert len(cache.notices) == 1 and "full" in cache.notices[0]
    assert cache._conn.in_transaction is False
    assert cache.list_documents() == []


def test_parse_on_a_full_disk_prints_the_document_and_a_notice(tmp_path, monkeypatch, capsys):
    from newsreader import cli
    from newsreader.store import sqlite as cache_module  # where every store's connection is made

    real = cache_module.connect

    def full(path: Path, **options: bool) -> sqlite3.Connection:
        conn = real(path, **options)
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        fill_up(conn)
        return conn

    monkeypatch.setattr(cache_module, "connect", full)
    assert cli.main(["parse", str(SAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith('{"schema": "newsreader.document/1"')
    assert "full" in err and "Traceback" not in err


def test_read_only_cache_is_served_never_moved_aside(sample_doc, tmp_path, monkeypatch):
    from newsreader.store import sqlite as cache_module  # where every store's connection is made

    path = tmp_path / "c.sqlite3"
    with DocumentCache(path) as cache:
        cache.put(sample_doc, "v1")
    read_only_connect(monkeypatch, cache_module)
    cache = DocumentCache(path)
    assert cache.get(sample_doc.id, "v1", sample_doc.published) == sample_doc
    assert cache.put(sample_doc, "v2") is False
    assert cache.notices and "readonly" in cache.notices[0].replace("-", "")
    assert not list(tmp_path.glob("*.corrupt-*")), "a read-only cache is not broken"


def test_a_locked_or_unopenable_cache_is_not_moved_aside(tmp_path):
    path = tmp_path / "dir-not-file"
    path.mkdir()
    with pytest.raises(sqlite3.OperationalError):
        DocumentCache(path)  # the callers turn this into "cache unavailable"
    assert path.is_dir() and not list(tmp_path.glob("*.corrupt-*"))


def test_cache_clear_on_a_read_only_cache_is_one_line(tmp_path, home, monkeypatch, capsys, sample_doc):
    from newsreader import cli
    from newsreader.store import sqlite as cache_module  # where every store's connection is made

    with DocumentCache() as cache:
        cache.put(sample_doc, "v1")
    read_only_connect(monkeypatch, cache_module)
    assert cli.main(["cache", "clear"]) == 1
    err = capsys.readouterr().err
    assert "readonly" in err.replace("-", "") and "Traceback" not in err
    assert len([line for line in err.splitlines() if "error" in line]) == 1


def test_cache_from_another_schema_or_pipeline_is_rebuilt(sample_doc, tmp_path, home):
    path = tmp_path / "c.sqlite3"
    with DocumentCache(path) as cache:
        cache.put(sample_doc, "old-pipeline")
        cache._conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    cache = DocumentCache(path)
    assert cache.notices and "another version" in cache.notices[0]
    assert cache.list_documents() == []
    # A document of another pipeline version is a miss, never served.
    cache.put(sample_doc, "old-pipeline")
    assert cache.get(sample_doc.id, "new-pipeline", sample_doc.published) is None


def test_parse_with_a_garbage_cache_rebuilds_it(home):
    cache_file = home / "cache" / "documents.sqlite3"
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"\x00garbage" * 4096)
    proc = run_cli(["parse", SAMPLE], home)
    assert proc.returncode == 0, proc.stderr
    assert b"unreadable" in proc.stderr and b"Traceback" not in proc.stderr
    assert list(cache_file.parent.glob("documents.sqlite3.corrupt-*"))


# -- the review store --------------------------------------------------------------------


def test_full_disk_refuses_a_review_and_keeps_the_others(sample_doc, tmp_path):
    path = tmp_path / "reviews.sqlite3"
    store = ReviewStore(path)
    first, second = sample_doc.claims[:2]
    store.set_status(sample_doc, first, "supported")
    fill_up(store.backend._conn)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        store.set_note(sample_doc, second, "x" * 200_000)
    assert store.backend._conn.in_transaction is False, "the failed change was rolled back"
    store.close()
    reopened = ReviewStore(path)
    reviews = reopened.reviews(sample_doc)
    assert reviews[first.id].status == "supported" and second.id not in reviews


async def test_app_tells_the_reviewer_when_a_save_fails_and_shows_nothing_unsaved(sample_article, sample_doc, tmp_path):
    from newsreader.analysis.version import pipeline_version
    from newsreader.config import Config
    from newsreader.ui.app import NewsreaderApp

    cache = DocumentCache(tmp_path / "c.sqlite3")
    cache.put(sample_doc, pipeline_version(Config().model))
    reviews = ReviewStore(tmp_path / "r.sqlite3")
    app = NewsreaderApp(sample_article, cache=cache, reviews=reviews, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        first = screen.current_claim()
        await pilot.press("s")  # saved and acknowledged
        await pilot.pause()
        assert screen.reviews[first.id].status == "supported"
        second = screen.current_claim()
        reviews.backend._conn.execute("PRAGMA query_only = ON")  # the file became read-only under us
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running
        assert second.id not in screen.reviews, "a review that was not saved is not shown as saved"
        assert any("Could not save the review" in n.message for n in app._notifications)
        fill_up(reviews.backend._conn)
        reviews.backend._conn.execute("PRAGMA query_only = OFF")
        assert screen._save(screen.session.set_note, second, "x" * 200_000) == (False, None)  # disk full: told
        assert screen.session.note(second.id) == "", "not saved"
        await pilot.pause()
        assert sum("Could not save the review" in n.message for n in app._notifications) == 2
    cache.close()
    reviews.close()
    assert ReviewStore(tmp_path / "r.sqlite3").reviews(sample_doc).keys() == {first.id}


# -- several writers at once ------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsreader.store.reviews import ReviewStore, STATUSES
    from tests.synthetic import claims_document

    who, path, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    doc = claims_document("shared-doc", 200)
    claims = doc.claims
    store = ReviewStore(path)
    offset = 0 if who == "a" else 100
    for i in range(n):
        store.set_status(doc, claims[offset + i % 100], STATUSES[i % 4])
        store.set_note(doc, claims[offset + i % 100], f"{who} {i}")
    print("done", flush=True)
    """
)


def test_two_reviewers_and_a_parse_batch_write_at_once(tmp_path, home, sample_doc):
    reviews = tmp_path / "reviews.sqlite3"
    ReviewStore(reviews).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NEWSREADER_HOME=str(home))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, who, str(reviews), "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for who in ("a", "b")
    ]
    copies = []
    for i in range(6):
        path = tmp_path / f"article-{i}.txt"
        path.write_text(SAMPLE.read_text(encoding="utf-8") + f"\nCopy {i}.\n", encoding="utf-8")
        copies.append(path)
    parse = run_cli(["parse", "--jobs", "2", *copies], home, timeout=300)
    outs = [w.communicate(timeout=300) for w in writers]
    assert parse.returncode == 0, parse.stderr[-2000:]
    assert len(parse.stdout.splitlines()) == 6
    for writer, (out, err) in zip(writers, outs):
        assert writer.returncode == 0 and out.strip() == "done", err[-2000:]
    conn = sqlite3.connect(reviews)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Both processes review as the same login name: one verdict per claim (schema 2: a table of its own).
    notes = dict(conn.execute("SELECT r.claim_id, v.note FROM reviews r JOIN verdicts v ON v.review_id = r.id"))
    conn.close()
    assert len(notes) == 200
    assert notes["c1"] == "a 100" and notes["c101"] == "b 100"  # each writer's last word on its claims
    with DocumentCache() as cache:
        assert len(cache.list_documents()) == 6


def test_sqlite_helper_never_treats_environment_errors_as_corruption():
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    broken = sqlite3.DatabaseError("database disk image is malformed")
    broken.sqlite_errorcode = 11  # type: ignore[attr-defined]
    assert not store_sqlite.is_corruption(full)
    assert store_sqlite.is_corruption(broken)
