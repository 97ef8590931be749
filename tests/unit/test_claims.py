"""Claims: sentence-sized, linked to sources and quotes, never overlapping (claims.py)."""

from __future__ import annotations

from ._attribution_helpers import parse


def test_quote_claim_is_its_sentence_with_source_and_cue():
    doc = parse('"Several hundred casualties is our latest estimate," the official said on condition of anonymity.')
    (claim,) = doc.claims
    assert claim.text == doc.text.strip()
    assert claim.cue == "said"
    assert claim.source_id == doc.sources[0].id
    assert claim.quote_ids == ("q1",)


def test_quotes_of_one_sentence_share_one_claim():
    # reference: "These are not …," the official said, which explains "why they have been suffering …"
    doc = parse(
        '"These are not battle-hardened troops," the official said, which explains "why they have been suffering the casualties."'
    )
    (claim,) = doc.claims
    assert len(claim.quote_ids) == 2


def test_outlet_voice_number_is_a_claim_without_source():
    doc = parse("Pyongyang has sent thousands of troops to reinforce Russia's war effort.")
    (claim,) = doc.claims
    assert claim.source_id is None and claim.cue is None and claim.quote_ids == ()


def test_outlet_voice_past_event_with_actor_is_a_claim():
    doc = parse("A landmark defense pact between Pyongyang and Moscow came into force earlier this month.")
    assert len(doc.claims) == 1


def test_subheading_and_opinion_are_not_claims():
    doc = parse("Biden administration racing against clock\nIt is a beautiful day.")
    assert doc.claims == ()


def test_claims_never_cross_paragraphs_and_never_overlap():
    doc = parse(
        '"The first part goes on\n"and ends here," she said.\nPolice said 40 people were arrested.\n'
        "Officials counted 300 cars."
    )
    spans = sorted((c.start, c.end) for c in doc.claims)
    assert all("\n" not in c.text for c in doc.claims)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    multi = next(q for q in doc.quotes if "\n" in q.text)
    holding = [c for c in doc.claims if multi.id in c.quote_ids]
    assert len(holding) == 2  # one claim per paragraph of the quote


def test_claim_ids_follow_text_order_and_are_stable():
    text = "Police said 40 people were arrested.\nThe army sent 300 soldiers to the city."
    first, second = parse(text), parse(text)
    assert [c.id for c in first.claims] == ["c1", "c2"]
    assert first.claims == second.claims
    assert first.claims[0].start < first.claims[1].start
