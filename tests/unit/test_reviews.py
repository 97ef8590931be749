"""Claim reviews: persistence, undo, re-anchoring, orphans, reviewer claims, recovery, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader.model import Claim, Document
from newsreader.store.reviews import STATUSES, Review, ReviewStore, ReviewStoreReadOnly, claim_for
from newsreader.store.reviews import dialects as reviews_mod
from tests.synthetic import claims_document

ROOT = Path(__file__).parents[2]

S1 = "The mayor said 40 people attended."
S2 = "Prices rose 5% in February."
S3 = "Officials claimed the bridge would open in June."


def make_doc(
    sentences: list[str], *, prefix: str = "", doc_id: str = "doc-1", claimed: list[str] | None = None
) -> Document:
    """A document whose text is ``prefix`` + the sentences, with a claim per sentence in ``claimed``."""
    text = prefix + " ".join(sentences)
    claims = []
    for n, sentence in enumerate(claimed if claimed is not None else sentences, 1):
        start = text.index(sentence)
        claims.append(
            Claim(id=f"c{n}", start=start, end=start + len(sentence), text=sentence, source_id=None, cue=None)
        )
    return Document(id=doc_id, title="T", published="2024-12-18", source="t.txt", text=text, claims=tuple(claims))


@pytest.fixture
def doc():
    return make_doc([S1, S2, S3])


@pytest.fixture
def db(tmp_path):
    return tmp_path / "reviews.sqlite3"


def test_default_path_is_under_the_data_dir(isolated_home):
    store = ReviewStore()
    assert store.path == isolated_home / "data" / "reviews.sqlite3"
    assert store.path.exists()


def test_reviews_persist_across_instances(open_store, doc):
    first = open_store()
    review = first.set_status(doc, doc.claims[1], "disputed")
    first.set_note(doc, doc.claims[1], "The agency says 4%.")
    assert isinstance(review, Review) and review.claim_id == "c2" and review.status == "disputed"
    first.close()

    second = open_store()
    got = second.reviews(doc)
    assert set(got) == {"c2"}
    assert got["c2"].status == "disputed"
    assert got["c2"].note == "The agency says 4%."
    assert got["c2"].claim_text == S2 and got["c2"].updated > 0 and not got["c2"].orphaned
    assert second.progress(doc) == (1, 3)
    assert second.reviewed_counts() == {"doc-1": 1}


def test_two_live_instances_see_each_others_changes(open_store, doc):
    a, b = open_store(), open_store()
    a.set_status(doc, doc.claims[0], "supported")
    assert b.reviews(doc)["c1"].status == "supported"
    b.set_status(doc, doc.claims[0], "false")
    assert a.reviews(doc)["c1"].status == "false"


def test_unknown_status_is_refused(open_store, doc):
    store = open_store()
    with pytest.raises(ValueError):
        store.set_status(doc, doc.claims[0], "maybe")
    assert store.reviews(doc) == {}


def test_clearing_a_status(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[0], "supported")
    cleared = store.set_status(doc, doc.claims[0], None)
    assert cleared.status is None
    assert store.reviews(doc) == {}  # no status, no note: nothing to show
    assert store.progress(doc) == (0, 3)
    assert store.reviewed_counts() == {}
    # A note survives a cleared status and keeps the review visible, unreviewed.
    store.set_note(doc, doc.claims[0], "check the minutes")
    store.set_status(doc, doc.claims[0], "supported")
    store.set_status(doc, doc.claims[0], None)
    assert store.reviews(doc)["c1"].note == "check the minutes"
    assert store.reviews(doc)["c1"].status is None
    assert store.progress(doc) == (0, 3)


def test_undo_steps_back_several_changes(open_store, doc):
    store = open_store()
    c1, c2 = doc.claims[0], doc.claims[1]
    store.set_status(doc, c1, "supported")
    store.set_status(doc, c1, "disputed")
    store.set_note(doc, c1, "two sources disagree")
    store.set_status(doc, c2, "false")

    undone = store.undo(doc)
    assert undone is not None and undone.claim_id == "c2" and undone.status is None
    assert "c2" not in store.reviews(doc)

    undone = store.undo(doc)
    assert undone.claim_id == "c1" and undone.note == "" and undone.status == "disputed"

    undone = store.undo(doc)
    assert undone.status == "supported"
    assert store.reviews(doc)["c1"].status == "supported"

    undone = store.undo(doc)
    assert undone.status is None and store.reviews(doc) == {}
    assert store.undo(doc) is None


def test_a_change_that_changes_nothing_is_no_undo_step(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[0], "supported")
    store.set_status(doc, doc.claims[0], "supported")
    store.set_note(doc, doc.claims[0], "")
    assert store.undo(doc).status is None
    assert store.undo(doc) is None


def test_undo_history_survives_a_restart_and_is_per_document(open_store, doc):
    other = make_doc([S3, S1], doc_id="doc-2")
    store = open_store()
    store.set_status(doc, doc.claims[0], "supported")
    store.set_status(other, other.claims[0], "false")
    store.close()
    again = open_store()
    assert again.undo(doc).claim_id == "c1"
    assert again.reviews(doc) == {}
    assert again.reviews(other)["c1"].status == "false"


def test_reanchoring_when_offsets_moved(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[2], "unverifiable")
    store.set_note(doc, doc.claims[1], "rose, per the bureau")
    # A newer pipeline: a new first claim renumbers the others and the text moved.
    newer = make_doc([S1, S2, S3], prefix="Updated at noon. ", claimed=["Updated at noon.", S1, S2, S3])
    assert newer.claims[3].start != doc.claims[2].start
    got = open_store().reviews(newer)
    assert set(got) == {"c3", "c4"}
    assert got["c4"].status == "unverifiable" and got["c4"].start == newer.claims[3].start
    assert got["c3"].note == "rose, per the bureau"
    assert newer.text[got["c4"].start : got["c4"].end] == S3


def test_reanchoring_picks_the_nearest_occurrence(open_store):
    repeated = "It was cold."
    doc = make_doc([repeated, S1, repeated])
    second = Claim(id="c3", start=doc.text.rindex(repeated), end=len(doc.text), text=repeated, source_id=None, cue=None)
    doc = Document(**{**doc.__dict__, "claims": (doc.claims[0], doc.claims[1], second)})
    store = open_store()
    store.set_status(doc, second, "false")
    shifted_text = "Note. " + doc.text
    moved = Document(
        **{
            **doc.__dict__,
            "text": shifted_text,
            "claims": tuple(
                Claim(id=c.id, start=c.start + 6, end=c.end + 6, text=c.text, source_id=None, cue=None)
                for c in doc.claims
            ),
        }
    )
    got = store.reviews(moved)
    assert set(got) == {"c3"} and got["c3"].start == second.start + 6


def test_fuzzy_match_when_the_claim_was_reshaped(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[0], "supported")
    # The new pipeline ends the claim earlier (no final period) and curls the quotes.
    reshaped = Claim(id="c1", start=0, end=len(S1) - 1, text=S1[:-1], source_id=None, cue=None)
    newer = Document(**{**doc.__dict__, "claims": (reshaped, *doc.claims[1:])})
    got = store.reviews(newer)
    assert got["c1"].status == "supported" and got["c1"].end == len(S1) - 1


def test_normalized_match_across_quote_styles(open_store):
    doc = make_doc(['He said "no" twice.', S2])
    store = open_store()
    store.set_status(doc, doc.claims[0], "disputed")
    curly = make_doc(["He said \u201cno\u201d  twice.", S2])
    got = store.reviews(curly)
    assert got["c1"].status == "disputed" and not got["c1"].orphaned


def test_review_of_a_vanished_claim_is_kept_as_orphan(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[1], "false")
    store.set_note(doc, doc.claims[1], "no such statistic")
    rewritten = make_doc([S1, "Something else entirely happened in the city.", S3])
    got = store.reviews(rewritten)
    orphans = [r for r in got.values() if r.orphaned]
    assert len(orphans) == 1
    orphan = orphans[0]
    assert orphan.claim_id.startswith("orphan:") and orphan.status == "false" and orphan.claim_text == S2
    assert store.progress(rewritten) == (0, 3)
    assert store.reviewed_counts() == {}
    # The orphan can still be edited through its id, and comes back when the text does.
    store.set_note(rewritten, claim_for(orphan), "kept")
    back = store.reviews(doc)
    assert back["c2"].status == "false" and back["c2"].note == "kept" and not back["c2"].orphaned


def test_reviewed_text_no_longer_a_claim_stays_reviewable(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[1], "supported")
    fewer = make_doc([S1, S2, S3], claimed=[S1, S3])
    claims = store.claims(fewer)
    assert [c.text for c in claims] == [S1, S2, S3]
    kept = claims[1]
    assert kept.id.startswith("r")
    assert store.reviews(fewer)[kept.id].status == "supported"


def test_add_claim_and_dismiss(open_store, doc):
    store = open_store()
    start = doc.text.index("5% in February")
    added = store.add_claim(doc, start - 1, start + len("5% in February"))  # edges trimmed: " 5% in February"
    assert added.id.startswith("u") and added.text == "5% in February"
    assert doc.text[added.start : added.end] == added.text
    store.dismiss(doc, doc.claims[0])
    ids = [c.id for c in store.claims(doc)]
    assert ids == ["c2", added.id, "c3"]  # text order: the added span lies inside c2 and starts later
    assert [c.id for c in store.dismissed(doc)] == ["c1"]
    store.set_status(doc, added, "supported")

    again = open_store()
    assert [c.id for c in again.claims(doc)] == ids
    assert again.reviews(doc)[added.id].status == "supported"
    assert again.progress(doc) == (1, 3)
    with pytest.raises(ValueError):
        again.set_status(doc, doc.claims[0], "false")  # dismissed claims are not reviewed

    again.undo(doc)  # the status
    again.undo(doc)  # the dismissal
    assert [c.id for c in again.claims(doc)] == ["c1", "c2", added.id, "c3"]
    again.undo(doc)  # the added claim
    assert [c.id for c in again.claims(doc)] == ["c1", "c2", "c3"]
    assert again.undo(doc) is None


def test_add_claim_validates_the_span(open_store, doc):
    store = open_store()
    with pytest.raises(ValueError):
        store.add_claim(doc, 5, 500)
    with pytest.raises(ValueError):
        store.add_claim(doc, len(S1), len(S1) + 1)  # only the space between sentences
    assert store.add_claim(doc, 0, len(S1)) == doc.claims[0]  # already a claim


def test_dismissed_review_is_hidden_and_restored_by_undo(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[2], "false")
    store.dismiss(doc, doc.claims[2])
    assert store.reviews(doc) == {} and store.progress(doc) == (0, 2)
    assert store.reviewed_counts() == {}
    store.undo(doc)
    assert store.reviews(doc)["c3"].status == "false"
    assert store.reviewed_counts() == {"doc-1": 1}


def test_claims_with_the_sample_document(open_store, sample_doc):
    store = open_store()
    assert store.claims(sample_doc) == sorted(sample_doc.claims, key=lambda c: (c.start, c.end, c.id))
    if sample_doc.claims:
        first = sample_doc.claims[0]
        store.set_status(sample_doc, first, STATUSES[0])
        assert store.progress(sample_doc) == (1, len(sample_doc.claims))
        assert open_store().reviews(sample_doc)[first.id].claim_text == first.text


def test_reviews_survive_a_cache_clear(isolated_home, doc):
    from newsreader.store import DocumentCache

    cache = DocumentCache()
    cache.put(doc, "p1")
    store = ReviewStore()
    store.set_status(doc, doc.claims[0], "supported")
    cache.clear()
    assert ReviewStore().reviews(doc)["c1"].status == "supported"
    assert store.path.parent != cache.path.parent


def test_corrupt_database_is_copied_aside_and_reported(db, doc):
    garbage = b"this is not a database, it is a ransom note" * 200
    db.write_bytes(garbage)
    store = ReviewStore(db)
    assert len(store.notices) == 1 and "copy is kept" in store.notices[0]
    copies = [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert len(copies) == 1 and copies[0].read_bytes() == garbage
    store.set_status(doc, doc.claims[0], "supported")
    assert ReviewStore(db).reviews(doc)["c1"].status == "supported"


def test_damaged_database_keeps_its_readable_reviews(db, doc):
    store = ReviewStore(db)
    store.set_status(doc, doc.claims[0], "supported")
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE junk (x)")
    conn.executemany("INSERT INTO junk VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'junk'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:  # scribble over the junk table's root page
        fh.seek((root - 1) * page)
        fh.write(b"\xff" * page)
    recovered = ReviewStore(db)
    assert recovered.notices and "1 review was recovered" in recovered.notices[0]
    assert recovered.reviews(doc)["c1"].status == "supported"


def test_newer_schema_is_opened_read_only(db, doc):
    ReviewStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    store = ReviewStore(db)
    assert store.read_only and "newer" in store.notices[0]
    with pytest.raises(ReviewStoreReadOnly):
        store.set_status(doc, doc.claims[0], "supported")


def test_migration_is_preceded_by_a_backup(db, doc, monkeypatch):
    store = ReviewStore(db)
    store.set_status(doc, doc.claims[0], "supported")
    store.close()

    def add_reviewer(conn):
        conn.execute("ALTER TABLE reviews ADD COLUMN reviewer TEXT")

    monkeypatch.setattr(reviews_mod, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(reviews_mod.SQLITE_MIGRATIONS, 2, add_reviewer)
    upgraded = ReviewStore(db)
    assert "schema 3" in upgraded.notices[0]
    backups = [p for p in db.parent.iterdir() if ".v2-backup-" in p.name]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)
    assert old.execute("SELECT status FROM verdicts").fetchall() == [("supported",)]
    old.close()
    cols = [r[1] for r in upgraded.backend._conn.execute("PRAGMA table_info(reviews)")]
    assert "reviewer" in cols
    assert upgraded.reviews(doc)["c1"].status == "supported"


def test_a_failed_migration_changes_nothing(db, doc, monkeypatch):
    store = ReviewStore(db)
    store.set_status(doc, doc.claims[0], "supported")
    store.close()

    def broken(conn):
        conn.execute("ALTER TABLE reviews ADD COLUMN reviewer TEXT")
        raise RuntimeError("boom")

    monkeypatch.setattr(reviews_mod, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(reviews_mod.SQLITE_MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError):
        ReviewStore(db)
    monkeypatch.setattr(reviews_mod, "SCHEMA_VERSION", 2)
    assert ReviewStore(db).reviews(doc)["c1"].status == "supported"


SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, claim_id TEXT NOT NULL,
    claim_text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, status TEXT,
    note TEXT NOT NULL DEFAULT '', created REAL NOT NULL, updated REAL NOT NULL, state TEXT NOT NULL DEFAULT 'ok');
CREATE TABLE claim_edits (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, kind TEXT NOT NULL,
    claim_id TEXT NOT NULL, claim_text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, action TEXT NOT NULL,
    tbl TEXT NOT NULL, row_id INTEGER NOT NULL, before TEXT, after TEXT, at REAL NOT NULL);
INSERT INTO meta VALUES ('schema', '1');
"""


def test_a_schema_1_file_becomes_the_openers_verdicts(db, doc):
    """Before team review a claim had one status and note: after the upgrade they are the
    verdict of whoever opened the file, who can go on changing and undoing them."""
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_1)
    conn.execute(
        'INSERT INTO reviews (doc_id, claim_id, claim_text, start, "end", status, note, created, updated) '
        "VALUES ('doc-1', 'c2', ?, ?, ?, 'disputed', 'per the bureau', 1.0, 2.0)",
        (S2, doc.claims[1].start, doc.claims[1].end),
    )
    conn.commit()
    conn.close()
    store = ReviewStore(db, reviewer="ann")
    assert "schema 2" in store.notices[0] and list(db.parent.glob("*.v1-backup-*"))
    review = store.reviews(doc)["c2"]
    assert (review.status, review.note, review.state) == ("disputed", "per the bureau", "agreed")
    assert [v.reviewer for v in review.verdicts] == ["ann"]
    assert store.set_status(doc, doc.claims[1], "false").state == "agreed"  # her own verdict, changed
    assert store.undo(doc).status == "disputed"


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsreader.store.reviews import ReviewStore, STATUSES
    from tests.synthetic import claims_document

    doc = claims_document("crash-doc", 2000)
    claims = doc.claims
    store = ReviewStore(Path(sys.argv[1]))
    print("ready", flush=True)
    for i, claim in enumerate(claims):
        store.set_status(doc, claim, STATUSES[i % 4])
        store.set_note(doc, claim, f"note {i}")
        print(i, flush=True)
    """
)


def test_sigkill_during_a_burst_of_saves_leaves_an_intact_database(db):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "ready"
    last = -1
    for line in proc.stdout:
        last = int(line)
        if last >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL and last >= 40

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    # Rebuild the same document and check every acknowledged save is there.
    doc = claims_document("crash-doc", 2000)
    store = ReviewStore(db)
    assert store.notices == []
    got = store.reviews(doc)
    for i in range(last + 1):
        assert got[f"c{i + 1}"].status == STATUSES[i % 4]
        assert got[f"c{i + 1}"].note == f"note {i}"
    assert len(got) <= last + 2  # at most the one save in flight when killed


def test_dismissing_a_kept_claim_hides_it(open_store, doc):
    store = open_store()
    store.set_status(doc, doc.claims[1], "supported")
    fewer = make_doc([S1, S2, S3], claimed=[S1, S3])
    kept = [c for c in store.claims(fewer) if c.id.startswith("r")][0]
    store.dismiss(fewer, kept)
    assert [c.text for c in store.claims(fewer)] == [S1, S3]
    assert store.reviews(fewer) == {}
    store.undo(fewer)
    assert store.reviews(fewer)[kept.id].status == "supported"


def test_reviewer_claim_over_a_dismissed_span_is_reviewable(open_store, doc):
    store = open_store()
    store.dismiss(doc, doc.claims[0])
    again = store.add_claim(doc, doc.claims[0].start, doc.claims[0].end)
    assert again.id.startswith("u")
    review = store.set_status(doc, again, "false")
    assert review.claim_id == again.id
    assert store.reviews(doc)[again.id].status == "false"
    assert store.progress(doc) == (1, 3)


def test_reviewed_counts_per_document(open_store, doc):
    other = make_doc([S2, S3], doc_id="doc-2")
    store = open_store()
    store.set_status(doc, doc.claims[0], "supported")
    store.set_status(doc, doc.claims[2], "false")
    store.set_note(doc, doc.claims[1], "only a note")
    store.set_status(other, other.claims[1], "disputed")
    assert store.reviewed_counts() == {"doc-1": 2, "doc-2": 1}


# -- team review: every reviewer's verdict is kept ------------------------------------------


def test_every_reviewers_verdict_is_kept_and_differing_ones_are_contested(open_store, doc):
    ann, bob = open_store("ann"), open_store("bob")
    c1 = doc.claims[0]
    ann.set_status(doc, c1, "supported")
    ann.set_note(doc, c1, "the minutes say 40")
    review = bob.set_status(doc, c1, "false")
    assert review.state == "contested" and review.status is None and review.reviewed
    got = ann.reviews(doc)["c1"]
    assert got.state == "contested"
    assert {(v.reviewer, v.status, v.note) for v in got.verdicts} == {
        ("ann", "supported", "the minutes say 40"),
        ("bob", "false", ""),
    }
    assert got.note == "ann: the minutes say 40"
    assert ann.progress(doc) == (1, 3) and ann.reviewed_counts() == {"doc-1": 1}
    # Bob's change never touched Ann's verdict, and his undo steps back only his own change.
    assert bob.undo(doc).state == "agreed"
    assert bob.undo(doc) is None
    assert ann.reviews(doc)["c1"].verdict_of("ann").status == "supported"
    assert ann.reviews(doc)["c1"].verdict_of("bob") is None


def test_the_same_verdict_from_everyone_is_agreed(open_store, doc):
    ann, bob = open_store("ann"), open_store("bob")
    ann.set_status(doc, doc.claims[1], "disputed")
    bob.set_status(doc, doc.claims[1], "disputed")
    got = ann.reviews(doc)["c2"]
    assert (got.state, got.status, len(got.verdicts)) == ("agreed", "disputed", 2)
    rows, _ = ann.ledger()
    assert [(r["claim_id"], r["status"]) for r in rows] == [("c2", "disputed")]


def test_an_adjudicator_settles_a_contested_claim(open_store, doc):
    ann, bob, cat = open_store("ann"), open_store("bob"), open_store("cat")
    c3 = doc.claims[2]
    ann.set_status(doc, c3, "supported")
    bob.set_status(doc, c3, "unverifiable")
    settled = cat.settle(doc, c3, "unverifiable", "no date was ever announced")
    assert (settled.state, settled.status, settled.settled_by) == ("settled", "unverifiable", "cat")
    got = ann.reviews(doc)["c3"]
    assert got.state == "settled" and got.note == "no date was ever announced"
    assert {v.reviewer for v in got.verdicts} == {"ann", "bob"}  # the verdicts are kept
    assert cat.undo(doc).state == "contested"
    with pytest.raises(ValueError):
        cat.settle(doc, c3, "maybe")
