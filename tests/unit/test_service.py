"""The use-case layer: opening the stores, a review session, exporting, reading inputs."""

from __future__ import annotations

import sqlite3

import pytest

from newsreader.config import Config
from newsreader.service import (
    ReviewSession,
    ReviewsUnavailable,
    export_text,
    open_cache,
    open_pages,
    open_stores,
    read_input,
    save_export,
)
from newsreader.store import sqlite as store_sqlite
from newsreader.store.reviews import ReviewStore

from ..conftest import SAMPLE


def test_open_stores_opens_both_in_the_configured_places(tmp_path):
    stores = open_stores(Config(cache_dir=str(tmp_path / "elsewhere")))
    try:
        assert stores.cache is not None and stores.reviews is not None and stores.notices == []
        assert stores.cache.path == tmp_path / "elsewhere" / "documents.sqlite3"
    finally:
        stores.close()


def test_a_cache_that_cannot_be_opened_is_a_notice_not_a_crash(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    cache, notices = open_cache(Config(cache_dir=str(blocked)))
    assert cache is None
    assert len(notices) == 1 and "document cache is unavailable" in notices[0]


def test_a_locked_fetched_page_cache_is_not_moved_aside(tmp_path, monkeypatch):
    """Only a damaged file is moved aside: the fetched-page cache used to move its file for any error."""
    (tmp_path / "fetched.sqlite3").mkdir()  # can't be opened as a database, but is not damaged
    pages, notices = open_pages(tmp_path)
    assert pages is None and "unavailable" in notices[0]
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_damaged_fetched_page_cache_is_moved_aside_and_started_again(tmp_path):
    (tmp_path / "fetched.sqlite3").write_bytes(b"not a database at all " * 200)
    pages, notices = open_pages(tmp_path)
    assert pages is not None and "moved it to" in notices[0]
    assert pages.count() == 0 and list(tmp_path.glob("fetched.sqlite3.corrupt-*"))
    pages.close()


def test_open_database_serves_a_read_only_file_without_writing(tmp_path, monkeypatch):
    path = tmp_path / "x.sqlite3"

    def schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
            conn.execute("INSERT INTO t VALUES (1)")
        except sqlite3.OperationalError as exc:
            if not store_sqlite.is_read_only(exc):
                raise
            notices.append("read-only")
            return False
        return True

    store_sqlite.open_database(path, what="the test file", schema=schema).conn.close()
    real = store_sqlite.connect
    monkeypatch.setattr(
        store_sqlite,
        "connect",
        lambda p, **kw: sqlite3.connect(f"file:{p}?mode=ro", uri=True, isolation_level=None),
    )
    db = store_sqlite.open_database(path, what="the test file", schema=schema)
    assert db.writable is False and db.notices == ["read-only"]
    assert db.conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 1, "what the file holds is still read"
    assert not list(tmp_path.glob("*.corrupt-*")), "a read-only file is not a damaged one"
    db.conn.close()
    monkeypatch.setattr(store_sqlite, "connect", real)


def test_a_session_without_a_review_store_shows_the_claims_and_refuses_changes(sample_doc):
    session = ReviewSession(None, sample_doc)
    assert session.claims == list(sample_doc.claims) and session.reviews == {}
    assert not session.can_save
    with pytest.raises(ReviewsUnavailable):
        session.set_status(sample_doc.claims[0], "supported")
    assert "Reviewed <strong>0 of" in export_text(sample_doc, None, "html")


def test_a_session_follows_the_store_after_every_change(sample_doc, tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite3")
    session = ReviewSession(store, sample_doc)
    first, second = session.claims[:2]
    session.set_status(first, "supported")
    assert session.status(first.id) == "supported" and session.progress() == (1, len(sample_doc.claims))
    assert session.next_unreviewed(first, 1) == second
    session.dismiss(second)
    assert second not in session.claims
    assert session.undo() is not None and second in session.claims  # the dismissal is undone
    start = sample_doc.text.index("Kursk")
    added = session.mark(start, start + len("Kursk"))
    assert added in session.claims and added.id.startswith("u")
    assert '"reviewer_claims"' in session.export("json")
    store.close()


def test_save_export_never_overwrites_without_force(tmp_path):
    target = tmp_path / "out.md"
    save_export(target, "first")
    with pytest.raises(FileExistsError):
        save_export(target, "second")
    save_export(target, "second", force=True)
    assert target.read_text() == "second"


def test_read_input_reads_files_without_touching_the_fetched_page_cache(isolated_home):
    article = read_input(str(SAMPLE))
    assert article.title and article.published == "2024-12-18"
    assert not (isolated_home / "cache" / "fetched.sqlite3").exists()
