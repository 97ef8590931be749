"""The document model: lossless JSON in newsreader.document/1, and the span invariant."""

import json

import pytest

from newsreader.model import SCHEMA, Document, SchemaError

TOP_LEVEL = [
    "schema",
    "id",
    "title",
    "published",
    "source",
    "text",
    "entities",
    "numbers",
    "quotes",
    "sources",
    "claims",
    "dates",
    "terms",
]


def test_json_has_exactly_the_spec_keys_in_order(sample_doc):
    assert list(sample_doc.to_dict()) == TOP_LEVEL
    assert sample_doc.to_dict()["schema"] == SCHEMA


def test_round_trip_is_lossless(sample_doc):
    payload = sample_doc.to_json()
    again = Document.from_json(payload)
    assert again == sample_doc
    assert again.to_json() == payload


def test_empty_lists_round_trip():
    doc = Document(id="x", title="t", published=None, source="-", text="hello")
    data = doc.to_dict()
    assert data["quotes"] == [] and data["published"] is None
    assert Document.from_dict(json.loads(json.dumps(data))) == doc


def test_money_value_stays_float_through_json(sample_doc):
    data = json.loads(sample_doc.to_json())
    money = [n for n in data["numbers"] if n["text"] == "$5.6 billion"]
    assert money and money[0]["value"] == 5600000000.0 and isinstance(money[0]["value"], float)


@pytest.mark.parametrize("payload", ['{"schema": "other/1"}', "[]", '{"schema": "newsreader.document/1"}', "not json"])
def test_wrong_documents_are_refused(payload):
    with pytest.raises(SchemaError):
        Document.from_json(payload)


def test_span_errors_reports_a_broken_span():
    data = Document(id="x", title="t", published=None, source="-", text="Kursk is here").to_dict()
    data["entities"] = [{"id": "e1", "start": 0, "end": 5, "text": "Kursx", "label": "GPE", "canonical": "Kursk"}]
    assert Document.from_dict(data).span_errors()
