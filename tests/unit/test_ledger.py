"""The library ledger and search (store/index.py, service/ledger.py, the CLI commands), on
documents built by hand: what the index keeps, how sources merge, how queries fail."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.model import Claim, Document, Mention, Quote, Source, Speaker, text_id
from newsreader.service import ledger
from newsreader.service.stores import indexer_of, open_cache, open_index, open_reviews
from newsreader.store.index import LibraryIndex, QueryError


def article(title: str, published: str, paragraphs: list[tuple[str, str, str]], *, source: str = "") -> Document:
    """A document whose paragraphs are ``(speaker name, kind, quoted words)``: each becomes
    ``"WORDS," NAME said.`` with a direct quote, a speaker, a source and a claim."""
    text, quotes, sources, claims = "", [], {}, []
    for n, (name, kind, words) in enumerate(paragraphs):
        start = len(text) + 1
        text += f'"{words}," {name} said.\n\n'
        q_end = start + len(words)
        s_start = q_end + 3
        sid = sources.get(name, (f"s{len(sources) + 1}",))[0]
        quote = Quote(
            f"q{n + 1}",
            start,
            q_end,
            words,
            True,
            Speaker(name, s_start, s_start + len(name), sid),
            None,
        )
        claim = Claim(
            f"c{n + 1}", start - 1, s_start + len(name) + 6, text[start - 1 : s_start + len(name) + 6], sid, "said"
        )
        quotes.append(quote)
        claims.append(claim)
        old = sources.get(name)
        q_ids = (*old[1], quote.id) if old else (quote.id,)
        c_ids = (*old[2], claim.id) if old else (claim.id,)
        sources[name] = (sid, q_ids, c_ids, kind)
    doc_sources = tuple(
        Source(sid, name, kind, name, (Mention(0, 1),), q_ids, c_ids)
        for name, (sid, q_ids, c_ids, kind) in sources.items()
    )
    return Document(
        text_id(text + title),
        title,
        published,
        source or f"/news/{title.lower().replace(' ', '-')}.txt",
        text,
        quotes=tuple(quotes),
        sources=doc_sources,
        claims=tuple(claims),
    )


BUDGET = article(
    "Budget plan announced",
    "2010-02-02",
    [
        ("Barack Obama", "person", "We won't bring down this deficit overnight"),
        ("the government", "organization", "Spending on schools rises by four percent"),
        ("a senior official", "anonymous", "The tax cuts are off the table"),
    ],
)
FREEZE = article(
    "Spending freeze",
    "2010-01-27",
    [
        ("Obama", "person", "We are in the midst of fighting a war on covid-19 costs"),
        ("the government", "organization", "The freeze spares veterans"),
    ],
)
DEBATE = article(
    "Candidates debate",
    "2008-09-28",
    [("President Obama", "person", "More U.S. troops should go"), ("John McCain", "person", "I know how to win wars")],
)


@pytest.fixture
def library():
    cache, _ = open_cache(load_config())
    assert cache is not None
    cache.put_many([BUDGET, FREEZE, DEBATE], "test")
    yield cache, indexer_of(cache).index
    cache.close()


def test_every_document_that_enters_the_cache_is_indexed(library):
    cache, index = library
    assert index.count() == 3
    assert index.claim_count() == 7
    cache.delete(DEBATE.id)
    assert index.count() == 2
    cache.clear()
    assert index.count() == 0


def test_a_person_is_one_source_across_articles_however_named(library):
    _, index = library
    people = {s.name: s for s in ledger.sources(index, "person")}
    obama = people["Barack Obama"]
    assert obama.articles == 3 and obama.quotes == 3
    assert set(obama.names) == {"Barack Obama", "Obama", "President Obama"}
    assert (obama.first_seen, obama.last_seen) == ("2008-09-28", "2010-02-02")
    assert "Obama" not in people


def test_generic_and_anonymous_sources_never_span_articles(library):
    _, index = library
    government = [s for s in ledger.sources(index) if s.name == "the government"]
    assert len(government) == 2 and all(s.articles == 1 and s.scoped for s in government)
    assert all(s.articles == 1 for s in ledger.sources(index, "anonymous"))


def test_what_a_source_said_article_by_article_with_review_status(library):
    _, index = library
    reviews, _ = open_reviews()
    claim = BUDGET.claims[0]
    reviews.set_status(BUDGET, claim, "supported")
    found = ledger.find_sources(index, "Mr Obama's")
    record = ledger.source_record(index, reviews, found)
    assert [a.title for a in record] == ["Budget plan announced", "Spending freeze", "Candidates debate"]
    assert record[0].quotes[0].text == "We won't bring down this deficit overnight"
    assert record[0].claims[0].status == "supported"
    assert ledger.claims(index, reviews, status="supported")[0].text == claim.text
    assert len(ledger.claims(index, reviews, status="unreviewed")) == 6
    assert len(ledger.claims(index, reviews, source=found)) == 3
    reviews.close()


def test_search_ranks_finds_phrases_in_quotes_and_filters(library):
    _, index = library
    hits = ledger.search(index, "deficit")
    assert [h.title for h in hits] == ["Budget plan announced"]
    text, marks = ledger.plain_snippet(hits[0].snippet)
    assert [text[a:b] for a, b in marks] == ["deficit"]
    assert ledger.search(index, '"spending on schools"')[0].title == "Budget plan announced"
    quotes = ledger.search(index, "troops", quotes=True)
    assert quotes[0].speaker == "President Obama" and quotes[0].quote_id == "q1"
    # With a source, only what that source said (not every quote of its articles).
    obama = ledger.find_sources(index, "Obama")
    assert {h.speaker for h in ledger.search(index, "spending OR troops OR deficit", quotes=True, source=obama)} == {
        "President Obama",
        "Barack Obama",
    }
    assert ledger.search(index, "schools", quotes=True, source=obama) == []  # the government's words
    assert ledger.search(index, "spending", since="2010-02-01")[0].title == "Budget plan announced"
    assert len(ledger.search(index, "spending", since="2010-02-01")) == 1
    mccain = ledger.find_sources(index, "McCain")
    assert [h.title for h in ledger.search(index, "wars OR deficit", source=mccain)] == ["Candidates debate"]
    assert ledger.search(index, "ta", prefix=True)[0].title == "Budget plan announced"  # as one types: ta*
    assert ledger.search(index, "ZÜRICH OR tax")[0].title == "Budget plan announced"  # case and accents aside


def test_match_spans_are_offsets_in_the_document_text(library):
    _, index = library
    spans = ledger.match_spans(index, BUDGET.id, "tax", prefix=True)
    assert [BUDGET.text[a:b] for a, b in spans] == ["tax"]
    assert ledger.match_spans(index, BUDGET.id, 'bad "query') == []


@pytest.mark.parametrize("query", ['foo "bar', "*", "a:b", "NEAR(", "AND"])
def test_a_query_fts5_cannot_read_is_a_query_error(library, query):
    _, index = library
    with pytest.raises(QueryError):
        ledger.search(index, query)


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("covid-19", '"covid-19"'),
        ("U.S. troops", '"U.S." troops'),
        ('"minimum wage"', '"minimum wage"'),
        ("tax* OR vat", "tax* OR vat"),
        ("(O'Brien OR Smith)", '("O\'Brien" OR "Smith")'),
        ('foo "bar', 'foo "bar'),
    ],
)
def test_words_with_punctuation_are_searched_as_phrases(typed, sent):
    assert ledger.prepare_query(typed) == sent


def test_search_as_you_type_matches_the_last_word_as_a_prefix():
    assert ledger.prepare_query("minimum wa", prefix=True) == "minimum wa*"
    assert ledger.prepare_query('"minimum wa"', prefix=True) == '"minimum wa"'
    assert ledger.prepare_query("minimum w", prefix=True) == "minimum w"  # one letter waits for the next


def test_a_punctuated_word_finds_its_phrase(library):
    _, index = library
    assert ledger.search(index, "covid-19")[0].title == "Spending freeze"


def test_rebuild_indexes_the_cache_again(library, tmp_path):
    cache, _ = library
    fresh = LibraryIndex(tmp_path / "other.sqlite3")
    assert ledger.rebuild(cache, fresh) == 3
    assert fresh.count() == 3
    fresh.close()


def test_documents_from_standard_input_are_not_indexed(library):
    cache, index = library
    from dataclasses import replace

    cache.put(replace(BUDGET, id="f" * 64, source="-"), "test")
    assert index.count() == 3


# -- the commands -------------------------------------------------------------------------


def test_cli_sources_source_claims_search(library, capsys):
    assert main(["sources", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["name"] == "Barack Obama" and data[0]["articles"] == 3
    assert main(["sources", "--kind", "person"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "SOURCE",
        "KIND",
        "ARTICLES",
        "QUOTES",
        "CLAIMS",
        "FIRST",
        "SEEN",
        "LAST",
        "SEEN",
    ]
    assert "Barack Obama" in out and "John McCain" in out
    assert main(["source", "obama"]) == 0
    out = capsys.readouterr().out
    assert "Barack Obama" in out and "“We won't bring down this deficit overnight”" in out
    assert main(["claims", "--status", "unreviewed", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 7
    assert main(["search", "deficit", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["title"] == "Budget plan announced"
    a, b = hits[0]["matches"][0]
    assert hits[0]["snippet"][a:b] == "deficit"
    assert main(["search", "deficit"]) == 0
    assert "Budget plan announced" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", 'foo "bar'], "is not a valid query"),
        (["search", "*"], "is not a valid query"),
        (["search", "x", "--since", "yesterday"], "is not a date"),
        (["source", "Nobody"], "no source named"),
        (["claims", "--source", "Nobody"], "no source named"),
    ],
)
def test_cli_bad_queries_are_one_line_and_exit_2(library, capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_index_rebuild_and_stats(library, capsys):
    assert main(["index", "rebuild"]) == 0
    assert "indexed 3 articles" in capsys.readouterr().err
    assert main(["index", "stats"]) == 0
    assert "articles:  3 (of 3 cached)" in capsys.readouterr().out


def test_open_index_gives_the_cache_and_its_index(library):
    cache, index, notices = open_index(load_config())
    assert index is not None and index.count() == 3 and notices == []
    cache.close()


def test_cli_search_in_one_feed(library, capsys):
    from newsreader.service.stores import open_feed_list
    from newsreader.store.feeds import NewEntry

    store, _ = open_feed_list(create=True)
    feed, _ = store.add_feed("http://127.0.0.1:1/feed.xml", "Budget news")
    store.add_entries(
        [(feed.id, NewEntry("k1", None, BUDGET.title, BUDGET.published, None, BUDGET.text, True, BUDGET.id))]
    )
    store.close()
    assert main(["search", "spending", "--feed", "Budget", "--json"]) == 0
    assert [h["title"] for h in json.loads(capsys.readouterr().out)] == ["Budget plan announced"]
    assert main(["search", "spending", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_damaged_index_is_moved_aside_and_the_commands_say_to_rebuild(library, capsys):
    cache, index = library
    path = index.path
    cache.close()
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    assert main(["sources"]) == 0
    err = capsys.readouterr().err
    assert "unreadable" in err and "index rebuild" in err
    assert main(["index", "rebuild"]) == 0
    assert main(["search", "deficit", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Budget plan announced"


def test_a_contested_claim_is_contested_in_the_ledger(library):
    from newsreader.store.reviews import ReviewStore

    _, index = library
    claim = BUDGET.claims[0]
    with ReviewStore(reviewer="ann") as ann, ReviewStore(reviewer="bob") as bob:
        ann.set_status(BUDGET, claim, "supported")
        bob.set_status(BUDGET, claim, "false")
        contested = ledger.claims(index, ann, status="contested")
        assert [c.text for c in contested] == [claim.text]
        assert [c.text for c in ledger.claims(index, ann, status="reviewed")] == [claim.text]
        assert claim.text not in [c.text for c in ledger.claims(index, ann, status="unreviewed")]
