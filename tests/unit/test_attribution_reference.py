"""Acceptance: quotes, sources and claims of the bundled reference article."""

from __future__ import annotations


def source_named(doc, fragment):
    found = [s for s in doc.sources if fragment in s.name]
    assert len(found) == 1, [s.name for s in doc.sources]
    return found[0]


def quotes_of(doc, source):
    return [q for q in doc.quotes if q.id in source.quote_ids]


def test_spans_sound(sample_doc):
    assert sample_doc.span_errors() == []


def test_us_military_official_is_one_anonymous_source(sample_doc):
    source = source_named(sample_doc, "senior US military official")
    assert source.kind == "anonymous"
    assert "on condition of anonymity" in source.description
    said = [q for q in quotes_of(sample_doc, source) if q.direct and q.speaker.text == "the official"]
    starts = [q.text[:20] for q in said]
    for opening in ("Several hundred casu", "would include everyt", "These are not battle", "why they have been s"):
        assert opening in starts
    assert all(q.start < len(sample_doc.text) / 2 for q in said)


def test_defense_official_is_a_second_anonymous_source(sample_doc):
    source = source_named(sample_doc, "senior defense official")
    assert source.kind == "anonymous"
    texts = [q.text for q in quotes_of(sample_doc, source)]
    assert len(texts) == 2
    assert any("$5.6 billion" in t for t in texts)
    assert any(t.startswith("I would certainly anticipate") for t in texts)
    assert all(q.speaker.source_id == source.id for q in quotes_of(sample_doc, source))


def test_named_sources(sample_doc):
    syrsky = source_named(sample_doc, "Oleksandr Syrsky")
    assert syrsky.kind == "person"
    # one mixed quote, the reported clause its statement (attribution._absorb)
    offensive = [q for q in quotes_of(sample_doc, syrsky) if q.text == "intensive offensive"]
    assert len(offensive) == 1 and offensive[0].mixed and offensive[0].statement is not None
    assert offensive[0].statement.text.startswith("Russia has used North Korean troops")
    assert not any(not q.direct and "intensive offensive" in q.text for q in sample_doc.quotes)
    zelensky = source_named(sample_doc, "Volodymyr Zelensky")
    assert any("North Korean soldiers on the battlefield" in q.text for q in quotes_of(sample_doc, zelensky))
    trump = source_named(sample_doc, "Donald Trump")
    assert any("ceasefire" in q.text for q in quotes_of(sample_doc, trump))


def test_no_claim_or_quote_spans_two_paragraphs(sample_doc):
    for item in list(sample_doc.quotes) + list(sample_doc.claims):
        assert "\n" not in item.text
        assert sample_doc.title not in item.text


def test_outlet_claims_and_links(sample_doc):
    outlet = [c for c in sample_doc.claims if c.source_id is None]
    assert any(c.text.startswith("Pyongyang has sent thousands of troops") for c in outlet)
    assert all(c.cue is None and c.quote_ids == () for c in outlet)
    quote_ids = {q.id for q in sample_doc.quotes}
    claimed = [qid for c in sample_doc.claims for qid in c.quote_ids]
    assert sorted(claimed) == sorted(quote_ids)  # every quote is in exactly one claim
    assert [c.id for c in sample_doc.claims] == [f"c{i}" for i in range(1, len(sample_doc.claims) + 1)]
