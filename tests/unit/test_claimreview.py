"""The ClaimReview export: schema.org JSON-LD that names every reviewer's verdict, checked
against the schema.org vocabulary (a subset shipped in tests/data/schemaorg, CC BY-SA 3.0)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.analysis.nlp import DEFAULT_MODEL
from newsreader.analysis.version import pipeline_version
from newsreader.model import Claim, Document, Source, text_id
from newsreader.service.export import export_text
from newsreader.store import DocumentCache

VOCABULARY = Path(__file__).parents[1] / "data" / "schemaorg" / "vocabulary-subset.jsonld"
LITERALS = {"Text": str, "URL": str, "Date": str, "DateTime": str, "Number": (int, float)}

TEXT = "The mayor said 40 people attended. Prices rose 5% in February, the bureau said."


class Vocabulary:
    """schema.org classes (with their superclasses) and properties (domain and range)."""

    def __init__(self, path: Path) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for node in graph:
            name = node["@id"].removeprefix("schema:")
            if node["@type"] == "rdfs:Class":
                self.parents[name] = [p["@id"].removeprefix("schema:") for p in node.get("rdfs:subClassOf", [])]
            else:
                self.domains[name] = {d["@id"].removeprefix("schema:") for d in node["schema:domainIncludes"]}
                self.ranges[name] = {r["@id"].removeprefix("schema:") for r in node["schema:rangeIncludes"]}

    def ancestry(self, cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo += self.parents.get(c, [])
        return seen

    def check(self, node: dict, where: str = "") -> list[str]:
        """Every problem with a JSON-LD node: unknown types or properties, a property not
        allowed on its type (domainIncludes), a value outside its range (rangeIncludes)."""
        problems: list[str] = []
        cls = node.get("@type")
        if cls not in self.parents:
            return [f"{where}: unknown type {cls!r}"]
        types = self.ancestry(cls)
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            if prop not in self.domains:
                problems.append(f"{where}{cls}.{prop}: no such property")
                continue
            if not types & self.domains[prop]:
                problems.append(f"{where}{cls}.{prop}: not allowed on {cls} (domain {sorted(self.domains[prop])})")
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    if not self.ancestry(item.get("@type", "")) & self.ranges[prop]:
                        problems.append(f"{where}{cls}.{prop}: a {item.get('@type')} is outside {self.ranges[prop]}")
                    problems += self.check(item, f"{where}{cls}.{prop}.")
                elif not any(isinstance(item, LITERALS[r]) for r in self.ranges[prop] if r in LITERALS):
                    problems.append(f"{where}{cls}.{prop}: literal {item!r} outside {self.ranges[prop]}")
        return problems


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary(VOCABULARY)


def team_doc() -> Document:
    s1, s2 = TEXT.split(". ", 1)
    s1 += "."
    c1 = Claim("c1", 0, len(s1), s1, "s1", None)
    start = TEXT.index(s2)
    c2 = Claim("c2", start, start + len(s2), s2, "s2", None)
    sources = (
        Source("s1", "the mayor", "person", "mayor"),
        Source("s2", "Bureau of Statistics", "organization", "bureau"),
    )
    return Document(
        id=text_id(TEXT),
        title="Budget",
        published="2024-12-18",
        source="https://news.example/budget",
        text=TEXT,
        sources=sources,
        claims=(c1, c2),
    )


def test_contested_claim_gives_one_claimreview_per_reviewer(open_store, vocabulary):
    doc = team_doc()
    ann, bob = open_store("ann"), open_store("bob")
    ann.set_status(doc, doc.claims[0], "supported")
    ann.set_note(doc, doc.claims[0], "the minutes say 40")
    bob.set_status(doc, doc.claims[0], "false")
    ann.set_status(doc, doc.claims[1], "disputed")
    bob.set_status(doc, doc.claims[1], "disputed")

    data = json.loads(export_text(doc, ann, "claimreview"))
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    for review in reviews:
        assert vocabulary.check(review) == []
    first = [r for r in reviews if r["claimReviewed"] == doc.claims[0].text]
    assert {(r["author"]["name"], r["reviewRating"]["alternateName"]) for r in first} == {
        ("ann", "Supported"),
        ("bob", "False"),
    }
    ann_review = next(r for r in first if r["author"]["name"] == "ann")
    assert ann_review["reviewBody"] == "the minutes say 40" and ann_review["reviewRating"]["ratingValue"] == 5
    claim = ann_review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"] == {"@type": "Person", "name": "the mayor"}
    assert claim["appearance"]["url"] == "https://news.example/budget"
    assert claim["appearance"]["datePublished"] == "2024-12-18"
    agreed = [r for r in reviews if r["claimReviewed"] == doc.claims[1].text]
    assert len(agreed) == 1 and [a["name"] for a in agreed[0]["author"]] == ["ann", "bob"]
    assert agreed[0]["itemReviewed"]["author"]["@type"] == "Organization"
    assert agreed[0]["datePublished"].endswith("Z")


def test_the_organisation_signs_agreed_and_settled_verdicts(open_store, vocabulary):
    doc = team_doc()
    ann, cat = open_store("ann"), open_store("cat")
    ann.set_status(doc, doc.claims[0], "unverifiable")
    cat.set_status(doc, doc.claims[1], "supported")
    cat.settle(doc, doc.claims[1], "supported")
    data = json.loads(export_text(doc, ann, "claimreview", organisation="Example Checks"))
    assert [r["author"] for r in data["@graph"]] == [{"@type": "Organization", "name": "Example Checks"}] * 2
    assert all(vocabulary.check(r) == [] for r in data["@graph"])


def test_the_checker_catches_a_property_on_the_wrong_type(vocabulary):
    assert vocabulary.check({"@type": "Rating", "claimReviewed": "x"})
    assert vocabulary.check({"@type": "ClaimReview", "reviewRating": {"@type": "Person", "name": "x"}})
    assert vocabulary.check({"@type": "Claim", "ratingValue": 3})
    assert vocabulary.check({"@type": "Fact"})


def test_export_command_writes_claimreview(tmp_path, isolated_home, vocabulary):
    from newsreader.store.reviews import ReviewStore

    doc = team_doc()
    with DocumentCache() as cache:
        cache.put(doc, pipeline_version(DEFAULT_MODEL))
    with ReviewStore(reviewer="ann") as store:
        store.set_status(doc, doc.claims[0], "false")
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    env.pop("NEWSREADER_REVIEWS_URL", None)
    out = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "export", doc.id[:10], "--format", "claimreview"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [r["reviewRating"]["alternateName"] for r in data["@graph"]] == ["False"]
    assert vocabulary.check(data["@graph"][0]) == []
