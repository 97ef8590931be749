"""The SQLite document cache: round trip, keys, recovery from a corrupt file."""

import sqlite3

from newsreader.store import DocumentCache


def test_round_trip(sample_doc, tmp_path):
    cache = DocumentCache(tmp_path / "c.sqlite3")
    cache.put(sample_doc, "v1")
    assert cache.get(sample_doc.id, "v1", sample_doc.published) == sample_doc
    # Another pipeline version or publication date is a miss.
    assert cache.get(sample_doc.id, "v2", sample_doc.published) is None
    assert cache.get(sample_doc.id, "v1", "2000-01-01") is None
    [row] = cache.list_documents()
    assert (row.id, row.title, row.claims) == (sample_doc.id, sample_doc.title, len(sample_doc.claims))


def test_wal_mode(tmp_path):
    cache = DocumentCache(tmp_path / "c.sqlite3")
    assert cache._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corrupt_file_is_moved_aside_with_a_notice(sample_doc, tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = DocumentCache(path)
    assert cache.notices and "unreadable" in cache.notices[0]
    cache.put(sample_doc, "v1")
    assert cache.get(sample_doc.id, "v1", sample_doc.published) == sample_doc
    assert list(tmp_path.glob("c.sqlite3.corrupt-*"))


def test_other_schema_version_is_emptied(sample_doc, tmp_path):
    path = tmp_path / "c.sqlite3"
    DocumentCache(path).put(sample_doc, "v1")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    cache = DocumentCache(path)
    assert cache.notices and cache.list_documents() == []


def test_delete_and_clear(sample_doc, tmp_path):
    cache = DocumentCache(tmp_path / "c.sqlite3")
    cache.put(sample_doc, "v1")
    cache.put(sample_doc, "v2")
    assert cache.stats()["documents"] == 1 and cache.stats()["entries"] == 2
    assert cache.delete(sample_doc.id) == 2
    cache.put(sample_doc, "v1")
    assert cache.clear() == 1 and cache.list_documents() == []


def test_two_connections_share_the_cache(sample_doc, tmp_path):
    a = DocumentCache(tmp_path / "c.sqlite3")
    b = DocumentCache(tmp_path / "c.sqlite3")
    a.put(sample_doc, "v1")
    assert b.get(sample_doc.id, "v1", sample_doc.published) == sample_doc


def _copies(sample_doc, n):
    from dataclasses import replace

    from newsreader.model import text_id

    out = []
    for i in range(n):
        text = sample_doc.text + f"\nCopy {i}."
        out.append(replace(sample_doc, id=text_id(text), text=text, title=f"Copy {i}"))
    return out


def test_newest_rows_match_the_head_of_the_full_listing(sample_doc, tmp_path):
    import time

    cache = DocumentCache(tmp_path / "c.sqlite3")
    docs = _copies(sample_doc, 30)
    for doc in docs:
        cache.put(doc, "v1")
        time.sleep(0.001)
    cache.put(docs[3], "v2")  # a second version of an older document, opened last
    full = cache.list_documents()
    assert [r.id for r in full][:2] == [docs[3].id, docs[-1].id]
    assert len(full) == 30  # one row per document
    head = cache.list_documents(limit=10)
    assert [r.id for r in head] == [r.id for r in full[:10]]


def test_listing_uses_the_covering_index(tmp_path):
    cache = DocumentCache(tmp_path / "c.sqlite3")
    plan = cache._conn.execute(
        "EXPLAIN QUERY PLAN SELECT id, title, NULLIF(published, ''), source, words, claims, MAX(opened), pipeline "
        "FROM documents GROUP BY id ORDER BY MAX(opened) DESC"
    ).fetchall()
    assert any("COVERING INDEX documents_listing" in str(row) for row in plan)
