"""Article versions: each fetch of an article that changed its title or text is kept
(``store/versions.py``); ``recheck`` fetches recent articles again; ``versions`` lists
them and ``diff`` compares two.

Where versions come from: opening or parsing a URL (``service.inputs.read_input``) and a
feed refresh (each new entry). An article's identity is its address without the parts
that don't name the page (fragment, tracking parameters, ``www.``, a trailing slash),
else its feed entry's id.
"""

from __future__ import annotations

import difflib
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..analysis import diff
from ..ingest import DEFAULT_MAX_BYTES
from ..lazy import lazy_import
from ..model import Claim, Document, IngestError, RawArticle, text_id
from ..store import DocumentCache
from ..store import versions as versions_module
from ..store.paths import data_dir
from ..store.reviews import ReviewStore
from ..store.versions import Fetch, Version, VersionStore
from .documents import open_document
from .stores import open_pages

if TYPE_CHECKING:
    from ..ingest import fetch as fetching
    from ..ingest import reader as ingest_reader
else:  # the HTTP client only when something is re-checked
    fetching = lazy_import("newsreader.ingest.fetch")
    ingest_reader = lazy_import("newsreader.ingest.reader")

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def article_identity(url: str | None, *, feed_url: str | None = None, entry_key: str | None = None) -> str | None:
    """The identity versions of one article share: "https://Example.org/a/?utm_source=x#top"
    -> "https://example.org/a"; without an address, "entry:<feed>#<entry id>"."""
    if url and url.startswith(("http://", "https://")):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if parts.port and parts.port not in (80, 443):
            host = f"{host}:{parts.port}"
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)])
        path = parts.path.rstrip("/") or ""
        return urlunsplit((parts.scheme.lower(), host, path, query, ""))
    if feed_url and entry_key:
        return f"entry:{feed_url}#{entry_key}"
    return None


def open_versions(path: Path | None = None) -> tuple[VersionStore | None, list[str]]:
    """The version store and its notices (None, with the reason, when it can't be opened)."""
    try:
        store = VersionStore(path)
    except (OSError, sqlite3.Error) as exc:
        return None, [f"The article versions are unavailable ({exc}); changes to articles are not kept."]
    return store, list(store.notices)


def fetch_of(
    article: RawArticle,
    *,
    url: str,
    identity: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetch | None:
    """What the version store keeps of one fetch of ``article`` (None without an identity)."""
    identity = identity or article_identity(url)
    if identity is None:
        return None
    return Fetch(
        identity,
        url,
        article.title,
        article.published,
        article.text,
        text_id(article.text),
        etag=etag,
        last_modified=last_modified,
    )


def record(store: VersionStore, fetches: list[Fetch | None]) -> list[tuple[Version, bool]]:
    """Keep the fetches that changed something; [] when the store can't be written."""
    wanted = [f for f in fetches if f is not None]
    if not wanted:
        return []
    try:
        return store.record_many(wanted)
    except (OSError, sqlite3.Error):
        return []


def record_fetch(article: RawArticle, url: str, notify: Callable[[str], None] | None = None) -> None:
    """Keep a fetched page as a version (opening the store for it); a failure is a notice."""
    store, notices = open_versions()
    for line in notices:
        if notify:
            notify(line)
    if store is None:
        return
    with store:
        identity = article_identity(article.canonical or url)
        fetch = fetch_of(article, url=url, identity=identity, etag=article.etag, last_modified=article.last_modified)
        found = record(store, [fetch])
    if found and found[0][1] and found[0][0].n > 1 and notify:
        notify(f"{url}: changed since it was last fetched (version {found[0][0].n}; see `newsreader diff {url}`)")


def version_article(store: VersionStore, version: Version) -> RawArticle:
    return RawArticle(
        title=version.title,
        published=version.published,
        text=store.text(version.identity, version.n),
        source=version.url,
    )


def find_article(store: VersionStore, ref: str) -> str:
    """The identity of the article ``ref`` names (a URL, an identity or a document id
    prefix); LookupError with a one-line reason otherwise."""
    found = store.find(ref)
    if not found and ref.startswith(("http://", "https://")):
        identity = article_identity(ref)
        found = store.find(identity) if identity else []
    if not found:
        raise LookupError(f"{ref!r}: no versions kept of that article (open its URL first)")
    if len(found) > 1:
        raise LookupError(f"{ref!r} names {len(found)} articles; give more of the id or the URL")
    return found[0]


def find_article_doc(url: str) -> str:
    """The document id of the latest version kept of the article at ``url`` (KeyError if none)."""
    store, _ = open_versions()
    if store is None:
        raise KeyError(url)
    with store:
        found = store.versions(find_article(store, url))
    return found[-1].doc_id


def recent(store: VersionStore, days: float) -> list[Version]:
    """The last version of each article first seen in the last ``days`` days."""
    return store.recent(time.time() - days * 86400)


__all__ = [
    "Version",
    "VersionStore",
    "Fetch",
    "CarriedReviews",
    "VersionDiff",
    "carry_reviews",
    "article_identity",
    "compare",
    "summaries",
    "fetch_of",
    "find_article",
    "open_versions",
    "recent",
    "record",
    "record_fetch",
    "recheck",
    "RecheckOutcome",
    "version_article",
    "versions_module",
    "VersionPlace",
    "ChangePlace",
    "brief",
    "change_places",
    "place_of",
]


@dataclass
class RecheckOutcome:
    """What re-fetching one article found: ``changed`` (a new version), ``unchanged`` (304,
    or the same text), ``skipped`` (the server asked to wait) or ``failed``."""

    url: str
    status: str
    version: Version | None = None
    error: str | None = None


def recheck(
    store: VersionStore,
    days: float,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
    workers: int = 8,
) -> list[RecheckOutcome]:
    """Fetch again every article first seen in the last ``days`` days, politely: a
    conditional GET with the last version's ETag and Last-Modified, at most 2 requests to
    one host at a time, a 429/503 with Retry-After skipped. A changed page is extracted and
    kept as a new version. Articles known only as feed entries without a page are left out."""
    targets = [v for v in recent(store, days) if not v.identity.startswith("entry:")]
    pages, notices = open_pages(cache_dir)
    for line in notices:
        if notify:
            notify(line)

    def one(last: Version) -> RecheckOutcome:
        try:
            response = fetcher.get(last.url, max_bytes=max_bytes, etag=last.etag, last_modified=last.last_modified)
            if response.not_modified:
                return RecheckOutcome(last.url, "unchanged", last)
            article = ingest_reader.article_from_response(last.url, response, pages=pages, notify=notify)
        except fetching.FetchError as exc:
            if exc.retry_after is not None:
                return RecheckOutcome(last.url, "skipped", last, exc.reason)
            return RecheckOutcome(last.url, "failed", last, exc.reason)
        except IngestError as exc:
            return RecheckOutcome(last.url, "failed", last, exc.reason)
        fetch = fetch_of(
            article, url=last.url, identity=last.identity, etag=response.etag, last_modified=response.last_modified
        )
        kept = record(store, [fetch])
        if kept and kept[0][1]:
            return RecheckOutcome(last.url, "changed", kept[0][0])
        return RecheckOutcome(last.url, "unchanged", last)

    fetcher = fetching.Fetcher(timeout=timeout or fetching.DEFAULT_TIMEOUT, per_host=2, pool=workers)
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(targets)))) as pool:
            outcomes = list(pool.map(one, targets))
    finally:
        fetcher.close()
        if pages is not None:
            pages.close()
    return outcomes


def version_document(store: VersionStore, cache: DocumentCache | None, version: Version) -> Document:
    """The parsed document of a version (from the cache, else parsed now and cached)."""
    return open_document(version_article(store, version), cache)


@dataclass(frozen=True)
class VersionDiff:
    """Two versions of an article compared: what changed in meaning, then in words."""

    identity: str
    old: Version
    new: Version
    old_doc: Document
    new_doc: Document
    changes: diff.DocumentDiff
    text: tuple[diff.ParagraphEdit, ...]

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.changes.to_dict())
        out.update(
            article=self.identity,
            old_version={"n": self.old.n, "fetched": _iso(self.old.fetched), "doc_id": self.old.doc_id},
            new_version={"n": self.new.n, "fetched": _iso(self.new.fetched), "doc_id": self.new.doc_id},
            text=[edit.to_dict() for edit in self.text],
        )
        return out


def _iso(when: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))


def compare(
    store: VersionStore, cache: DocumentCache | None, identity: str, old_n: int | None = None, new_n: int | None = None
) -> VersionDiff:
    """Version ``old_n`` (default: the one before ``new_n``) against ``new_n`` (default: the
    latest); LookupError naming what is missing."""
    found = {v.n: v for v in store.versions(identity)}
    if len(found) < 2 and (old_n is None or new_n is None):
        raise LookupError(f"{identity}: only one version is kept; nothing to compare yet")
    new_n = new_n if new_n is not None else max(found)
    old_n = old_n if old_n is not None else new_n - 1
    for n in (old_n, new_n):
        if n not in found:
            raise LookupError(f"{identity}: there is no version {n} (versions 1 to {max(found)})")
    old, new = found[old_n], found[new_n]
    old_doc, new_doc = version_document(store, cache, old), version_document(store, cache, new)
    return VersionDiff(
        identity,
        old,
        new,
        old_doc,
        new_doc,
        diff.diff_documents(old_doc, new_doc),
        diff.text_diff(old_doc.text, new_doc.text),
    )


def summaries(store: VersionStore, cache: DocumentCache | None, identity: str) -> list[tuple[Version, str]]:
    """Each version with a one-line summary of what changed since the one before it."""
    found = store.versions(identity)
    out: list[tuple[Version, str]] = []
    previous: Document | None = None
    for version in found:
        doc = version_document(store, cache, version)
        out.append((version, "first version" if previous is None else diff.diff_documents(previous, doc).summary()))
        previous = doc
    return out


#: How alike a claim of the new version must be to an old one to count as that claim, changed.
CHANGED_CLAIM_RATIO = 0.6


@dataclass
class CarriedReviews:
    """What happened to the reviews of an earlier version when a new one was opened:
    ``carried`` (the same claim: status and note copied), ``flagged`` (the claim changed:
    a note says so, the verdict is not copied) and ``removed`` (no such claim any more: the
    review stays with its version, listed here as (status, claim text))."""

    from_version: int = 0
    to_version: int = 0
    carried: int = 0
    flagged: list[str] = field(default_factory=list)  # the new claims' texts
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.carried or self.flagged or self.removed)

    def summary(self) -> str:
        parts = [f"{self.carried} carried"] if self.carried else []
        if self.flagged:
            parts.append(f"{len(self.flagged)} flagged (claim changed in version {self.to_version}: review again)")
        if self.removed:
            parts.append(
                f"{len(self.removed)} on claims removed in version {self.to_version} (kept with version {self.from_version})"
            )
        return f"reviews of version {self.from_version}: " + ", ".join(parts)


def carry_reviews(
    reviews: ReviewStore,
    doc: Document,
    versions: VersionStore | None = None,
    *,
    cache: DocumentCache | None = None,
    known: Mapping[str, Document] | None = None,
) -> CarriedReviews | None:
    """Reviews follow the text: when ``doc`` is a later version of an article and you (the
    store's reviewer) gave verdicts on an earlier version but none yet on ``doc``, each of
    your verdicts goes to the same claim in ``doc`` (same text), or flags the claim it
    became ("claim changed in version 3: review again", the old verdict and claim in the
    note; the verdict itself is not copied), or, when no claim is like it any more, stays
    with its version and is listed. Nothing is ever dropped. Each reviewer's verdicts
    follow when that reviewer opens the new version: nobody writes as someone else.

    The earlier versions' documents come from ``known`` or the document cache (a version
    not in either is skipped: parsing it here would stall whoever opens the article).
    None when there is nothing to carry."""
    own = versions is None
    if versions is None:
        if not (data_dir() / versions_module.FILENAME).exists():
            return None
        versions, _ = open_versions()
        if versions is None:
            return None
    try:
        return _carry(reviews, doc, versions, cache, known or {})
    finally:
        if own:
            versions.close()


def _carry(
    reviews: ReviewStore,
    doc: Document,
    versions: VersionStore,
    cache: DocumentCache | None,
    known: Mapping[str, Document],
) -> CarriedReviews | None:
    identity = versions.identity_of(doc.id)
    if identity is None or reviews.read_only:
        return None
    found = versions.versions(identity)
    mine = next((v for v in found if v.doc_id == doc.id), None)
    if mine is None or mine.n == 1:
        return None
    me = reviews.reviewer
    if any(r.verdict_of(me) is not None for r in reviews.reviews(doc).values()):
        return None  # reviewed here already (or carried before)
    for earlier in reversed([v for v in found if v.n < mine.n]):
        old = known.get(earlier.doc_id)
        if old is None and cache is not None:
            hit = cache.latest(earlier.doc_id)
            old = hit[0] if hit is not None else None
        if old is None:
            continue
        given = [
            (r.claim_text, v)
            for r in reviews.reviews(old).values()
            if not r.orphaned and (v := r.verdict_of(me)) is not None and not v.empty
        ]
        if given:
            break
    else:
        return None
    report = CarriedReviews(earlier.n, mine.n)
    by_text = {c.text: c for c in doc.claims}
    for text, verdict in given:
        same = by_text.get(text)
        if same is not None:
            reviews.set_status(doc, same, verdict.status)
            if verdict.note:
                reviews.set_note(doc, same, verdict.note)
            report.carried += 1
            continue
        like = _most_like(text, doc.claims)
        if like is None:
            report.removed.append((verdict.status or "a note", text))
            continue
        was = verdict.status or "noted"
        flag = f"claim changed in version {mine.n}: review again (version {earlier.n} was {was}: “{text}”)"
        reviews.set_note(doc, like, f"{flag}\n{verdict.note}" if verdict.note else flag)
        report.flagged.append(like.text)
    return report


def _most_like(text: str, claims: Sequence[Claim]) -> Claim | None:
    best, score = None, CHANGED_CLAIM_RATIO
    words = text.split()
    for claim in claims:
        matcher = difflib.SequenceMatcher(None, words, claim.text.split(), autojunk=False)
        if matcher.real_quick_ratio() < score or matcher.quick_ratio() < score:
            continue
        ratio = matcher.ratio()
        if ratio >= score:
            best, score = claim, ratio
    return best


# -- for the reader: where a document stands among its versions, and what changed ---------------


def brief(changes: diff.DocumentDiff) -> str:
    """What changed, in counts only, for a header line: ``1 number revised, 1 quote removed,
    1 source named`` (``text edited`` when only words outside quotes, numbers and dates did)."""
    said = changes.summary(brief=True)
    return "title or layout only" if said == "no change" else said


@dataclass(frozen=True)
class VersionPlace:
    """Where one document stands among the versions of its article: it is version ``n`` of
    ``count``; ``old`` and ``new`` are the versions worth comparing from it (it and the
    latest, or, when it is the latest, the one before and it), ``summary`` what changed
    between them (:func:`brief`)."""

    identity: str
    n: int
    count: int
    old: int
    new: int
    summary: str

    @property
    def latest(self) -> bool:
        return self.n == self.new


def place_of(doc_id: str, cache: DocumentCache | None, path: Path | None = None) -> VersionPlace | None:
    """Where the document ``doc_id`` stands among its article's versions; None when no
    other version is kept (or no version store exists: it is not created for this). The
    other version may be parsed here (spaCy): call it from a worker."""
    path = path or data_dir() / versions_module.FILENAME
    if not path.exists():
        return None
    store, _notices = open_versions(path)
    if store is None:
        return None
    with store:
        identity = store.identity_of(doc_id)
        found = store.versions(identity) if identity is not None else []
        mine = [v.n for v in found if v.doc_id == doc_id]
        if identity is None or len(found) < 2 or not mine:
            return None
        n, last = max(mine), found[-1].n
        old, new = (n, last) if n < last else (n - 1, n)
        changes = compare(store, cache, identity, old, new).changes
    return VersionPlace(identity, n, len(found), old, new, brief(changes))


@dataclass(frozen=True)
class ChangePlace:
    """One change of a :class:`VersionDiff` as a reader lists it: ``kind`` (headline,
    number, quote, source, date), ``what`` happened (revised, removed, named, …), the old
    and the new wording (empty when a side has none), a ``detail`` (who speaks, the
    sentence), and where it is in each version's text (None where it is not there)."""

    kind: str
    what: str
    old_text: str
    new_text: str
    detail: str
    old_span: tuple[int, int] | None
    new_span: tuple[int, int] | None


def change_places(compared: VersionDiff) -> list[ChangePlace]:
    """Every change of the structural diff, headline first, then in the new text's order
    by kind as ``newsreader diff`` prints them: numbers, quotes, sources, dates."""
    c = compared.changes
    out: list[ChangePlace] = []
    if c.headline:
        out.append(ChangePlace("headline", "changed", c.headline.old, c.headline.new, "", None, None))
    for num in c.numbers:
        out.append(
            ChangePlace(
                "number",
                "revised",
                num.old.text,
                num.new.text,
                num.context,
                (num.old.start, num.old.end),
                (num.new.start, num.new.end),
            )
        )
    for q in c.quotes:
        out.append(
            ChangePlace(
                "quote",
                q.kind,
                q.old.text if q.old else "",
                q.new.text if q.new else "",
                q.speaker or "",
                (q.old.start, q.old.end) if q.old else None,
                (q.new.start, q.new.end) if q.new else None,
            )
        )
    old_paras = [(e.old_start, e.old_end) for e in compared.text if e.old_start >= 0]
    new_paras = [(e.new_start, e.new_end) for e in compared.text if e.new_start >= 0]
    for s in c.sources:
        side = s.new or s.old
        detail = f"by {s.reason}" if s.reason else side.description if side is not None else ""
        out.append(
            ChangePlace(
                "source",
                s.kind,
                s.old.name if s.old else "",
                s.new.name if s.new else "",
                detail,
                _source_span(compared.old_doc, s.old.id, old_paras) if s.old else None,
                _source_span(compared.new_doc, s.new.id, new_paras) if s.new else None,
            )
        )
    for d in c.dates:
        out.append(
            ChangePlace(
                "date",
                "moved",
                d.old.text,
                d.new.text,
                d.context,
                (d.old.start, d.old.end),
                (d.new.start, d.new.end),
            )
        )
    return out


def _source_span(doc: Document, source_id: str, edited: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where a source is in a version: its first mention (or quote) in an edited paragraph,
    else its first anywhere."""
    source = next((s for s in doc.sources if s.id == source_id), None)
    if source is None:
        return None
    quotes = {q.id: q for q in doc.quotes}
    places = [(m.start, m.end) for m in source.mentions]
    for qid in source.quote_ids:
        q = quotes.get(qid)
        if q is not None:
            places.append((q.speaker.start, q.speaker.end) if q.speaker is not None else (q.start, q.end))
    places.sort()
    inside = [p for p in places if any(s <= p[0] < e for s, e in edited)]
    found = inside or places
    return found[0] if found else None
