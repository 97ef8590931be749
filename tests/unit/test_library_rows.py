"""The library's logic without drawing (service/library.py): which rows, in which order,
the feed column and its counts, read states, and what a refresh says (issue 25, item 5)."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.model import text_id
from newsreader.service import library as lib
from newsreader.store import DocSummary
from newsreader.store.feeds import Feed, FeedStore, NewEntry


def feed(fid: int, title: str | None, url: str | None = None) -> Feed:
    return Feed(fid, url or f"https://x.example/{fid}.xml", title, None, None, None, 0.0, None, None, None, None)


@dataclass(frozen=True)
class E:
    id: int
    feed_id: int
    title: str
    published: str | None
    doc_id: str
    added: float
    read: bool = False


def doc(did: str, title: str, published: str | None, opened: float, claims: int = 4) -> DocSummary:
    return DocSummary(did, title, published, f"/tmp/{did}.txt", 100, claims, opened, "p")


FEEDS = [feed(1, "City Desk"), feed(2, None, "https://wire.example/feed.xml")]
ENTRIES = [
    E(10, 1, "Tram vote", "2024-05-03", "d-tram", 5.0),
    E(11, 1, "Older story", "2024-05-01", "d-old", 4.0, read=True),
    E(12, 2, "Wire news", "2024-06-01", "d-wire", 6.0),
    E(13, 2, "Undated wire", None, "d-undated", 7.0),
    E(14, 1, "Same day, later", "2024-05-03", "d-later", 9.0),
]
DOCS = [doc("d-tram", "Tram vote", "2024-05-03", 1.0, claims=7), doc("mine", "My own file", "2024-01-01", 8.0)]


def rows() -> list[lib.LibraryRow]:
    return lib.library_rows(DOCS, ENTRIES, FEEDS)


def test_rows_are_every_entry_and_every_document_that_is_no_entry():
    by_title = {r.title: r for r in rows()}
    assert set(by_title) == {"Tram vote", "Older story", "Wire news", "Undated wire", "Same day, later", "My own file"}
    tram = by_title["Tram vote"]
    assert (tram.entry_id, tram.feed_id, tram.claims, tram.source, tram.read) == (10, 1, 7, "City Desk", False)
    assert by_title["Wire news"].claims is None, "an entry whose document the cache lost is listed all the same"
    assert by_title["Wire news"].source == "https://wire.example/feed.xml", "an untitled feed is named by its URL"
    mine = by_title["My own file"]
    assert mine.entry_id is None and mine.read is None and not mine.unread
    assert [r.key for r in rows()].count(("doc", "d-tram")) == 0, "a document that is an entry is listed once"


def test_within_a_feed_entries_are_newest_first_and_undated_last():
    city = lib.sort_library(lib.in_view(rows(), 1), "published", {})
    assert [r.title for r in city] == ["Same day, later", "Tram vote", "Older story"]  # same day: latest arrival first
    everything = lib.sort_library(lib.in_view(rows(), lib.ALL), "published", {})
    assert [r.title for r in everything] == [
        "Wire news",
        "Same day, later",
        "Tram vote",
        "Older story",
        "My own file",
        "Undated wire",
    ]
    assert [r.title for r in lib.in_view(rows(), lib.OTHER)] == ["My own file"]
    by_claims = lib.sort_library(lib.in_view(rows(), lib.ALL), "to_review", {"d-tram": 2})
    assert by_claims[0].title == "Tram vote", "an entry not in the cache counts as nothing left to review"


def test_the_column_is_all_then_each_feed_then_other_articles_with_counts():
    items = lib.feed_column(FEEDS, rows())
    assert [(i.view, i.name, i.unread, i.total) for i in items] == [
        (lib.ALL, "All", 4, 6),
        (1, "City Desk", 2, 3),
        (2, "https://wire.example/feed.xml", 2, 2),
        (lib.OTHER, "Other articles", None, 1),
    ]
    no_others = lib.feed_column(FEEDS, [r for r in rows() if r.entry_id is not None])
    assert [i.view for i in no_others] == [lib.ALL, 1, 2], "no 'Other articles' when there are none"
    empty_feed = lib.feed_column([*FEEDS, feed(3, "Quiet")], rows())
    assert (empty_feed[3].name, empty_feed[3].unread, empty_feed[3].total) == ("Quiet", 0, 0)


def test_stepping_through_the_column_stops_at_either_end():
    items = lib.feed_column(FEEDS, rows())
    assert lib.step_view(items, lib.ALL, 1) == 1
    assert lib.step_view(items, 1, 1) == 2
    assert lib.step_view(items, lib.OTHER, 1) == lib.OTHER
    assert lib.step_view(items, lib.ALL, -1) == lib.ALL
    assert lib.step_view(items, 2, -1) == 1
    assert lib.step_view(items, 99, 1) == lib.ALL, "a removed feed's view falls back to All"
    assert lib.view_name(items, 1) == "City Desk" and lib.view_name(items, 99) == "All"


def test_read_states_change_the_rows_and_the_counts():
    marked = lib.with_read(rows(), [10, 12], True)
    assert {r.title for r in marked if r.unread} == {"Undated wire", "Same day, later"}
    assert lib.feed_column(FEEDS, marked)[0].unread == 2
    assert sorted(lib.unread_entries(lib.in_view(marked, 1))) == [14]
    assert lib.unread_entries(lib.in_view(rows(), lib.OTHER)) == []


def test_an_arriving_entry_is_listed_once_and_keeps_a_read_state_set_meanwhile():
    start = rows()
    stored = E(20, 2, "Just in", "2024-07-01", "d-new", 10.0)
    listed = lib.merge_entries(start, [stored, ENTRIES[2]], FEEDS)  # read from the store when its feed is done
    assert [r.title for r in listed].count("Just in") == 1 and len(listed) == len(start) + 1
    new_row = next(r for r in listed if r.entry_id == 20)
    assert new_row.claims is None and new_row.source == "https://wire.example/feed.xml"
    listed = lib.with_read(listed, [20], True)  # marked read before it was parsed
    parsed = lib.add_entry(listed, lib.entry_row(stored, "Wire", 3))  # then parsed: its claim count arrives
    row = next(r for r in parsed if r.entry_id == 20)
    assert (row.claims, row.read) == (3, True) and len(parsed) == len(listed)
    # A document opened before a feed carried it becomes that entry's row.
    carried = E(21, 1, "My own file, in a feed", "2024-01-01", "mine", 11.0)
    after = lib.add_entry(parsed, lib.entry_row(carried, "City Desk", 4))
    assert [r.id for r in after].count("mine") == 1 and next(r for r in after if r.id == "mine").entry_id == 21


def test_feed_names_follow_the_feed_list():
    renamed = lib.with_feed_names(rows(), [FEEDS[0], feed(2, "Wire Service")])
    assert {r.source for r in renamed if r.feed_id == 2} == {"Wire Service"}
    assert next(r for r in renamed if r.entry_id is None).source == "/tmp/mine.txt"


def test_as_rows_takes_the_caches_summaries_as_they_are():
    converted = lib.as_rows(DOCS)
    assert [(r.id, r.claims, r.read, r.key) for r in converted] == [
        ("d-tram", 7, None, ("doc", "d-tram")),
        ("mine", 4, None, ("doc", "mine")),
    ]


def test_refresh_progress_shows_a_few_notices_then_one_summary():
    progress = lib.RefreshProgress(total=12)
    assert progress.label == "refreshing 0/12 feeds…"
    shown = []
    for i in range(10):
        progress.feed_done(f"Feed {i}", "failed")
        if progress.notice(f"Feed {i}: server answered HTTP 404"):
            shown.append(i)
    progress.feed_done("Busy", "skipped")
    progress.feed_done("Good", "new")
    for _ in range(5):
        progress.entry_arrived()
    assert shown == [0, 1, 2] and progress.label == "refreshing 12/12 feeds…"
    assert progress.summary() == (
        "Refreshed 12 feeds: 5 new articles, 10 failed, 1 skipped (asked to wait). 7 more notices not shown "
        "(failed: Feed 3, Feed 4, Feed 5 and 4 more); `newsreader feeds list` shows each feed's last error."
    )
    quiet = lib.RefreshProgress(total=1)
    quiet.feed_done("Good", "new")
    quiet.entry_arrived()
    assert quiet.summary() == "Refreshed 1 feed: 1 new article." and quiet.label == "refreshing 1/1 feed…"


def test_the_store_lists_entries_without_their_text_and_reads_one_whole(isolated_home):
    store = FeedStore()
    try:
        f, _ = store.add_feed("https://x.example/f.xml", "F")
        texts = ["First text " * 50, "Second text " * 50]
        for i, (published, text) in enumerate(zip(("2024-05-01", "2024-05-02"), texts)):
            store.add_entry(
                f.id,
                NewEntry(f"k{i}", f"https://x.example/{i}", f"T{i}", published, None, text, False, text_id(text)),
            )
        heads = store.entry_heads()
        assert [h.title for h in heads] == ["T1", "T0"] and not hasattr(heads[0], "text")
        assert heads == store.entry_heads(f.id) and store.entry_heads(f.id + 1) == []
        store.set_read([heads[1].id])
        assert [h.read for h in store.entry_heads()] == [False, True]
        whole = store.entry(heads[0].id)
        assert whole is not None and whole.text == texts[1] and whole.link == "https://x.example/1"
        assert store.entry(12345) is None
    finally:
        store.close()


def test_the_feed_list_is_opened_only_when_it_exists(isolated_home):
    from newsreader.service.stores import open_feed_list
    from newsreader.store.paths import data_dir

    store, notices = open_feed_list()
    assert store is None and notices == [] and not (data_dir() / "feeds.sqlite3").exists(), "nothing created"
    FeedStore().close()
    store, notices = open_feed_list()
    assert store is not None and notices == []
    store.close()
