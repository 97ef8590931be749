"""Title, date, author and site-name evidence from a page's markup, and the choice
between the candidates (:func:`choose_title`, :func:`choose_date`); :func:`parse_date`
reads a date as pages (and Markdown front matter) write it. Used by ``html.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Literal, TypedDict, get_args

from ..lazy import lazy_import
from ..model.article import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dateutil import parser as dateutil_parser
    from lxml import etree as lxml_etree
    from lxml import html as lxml_html
else:
    # The parsers: only when a page is read (or a front-matter date is not ISO).
    lxml_html = lazy_import("lxml.html")
    lxml_etree = lazy_import("lxml.etree")
    dateutil_parser = lazy_import("dateutil.parser")


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A date as bylines and titles write it: 15 January 2024, January 15, 2024, 2024-01-15, 15.01.24.
DATELINE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})\b",
    re.I,
)


class PageMetadata(TypedDict, total=False):
    """Title, date, author and site-name evidence from a page's markup (:func:`page_metadata`)."""

    h1: list[str]  # the page's <h1>s, logos left out
    article_h1: list[str]  # those inside <article>/<main>
    props: dict[str, str]  # <meta> property/name/itemprop (lower case) -> content, first wins
    og_title: str | None
    twitter_title: str | None
    site_name: str | None
    meta_author: str
    title_tag: str
    itemprop_headline: str
    jsonld_headline: str
    jsonld_published: str
    jsonld_author: str
    time_published: str | None
    time_first: str | None
    canonical_url: str | None


# --------------------------------------------------------------------------- metadata


def page_metadata(html: str) -> PageMetadata:
    """Title, date, author and site-name evidence from the page's markup (no scoring yet)."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_etree.ParserError):
        return {}
    meta: PageMetadata = {"h1": [], "article_h1": []}
    props: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in props:
            props[key] = content
    meta["props"] = props
    meta["og_title"] = props.get("og:title")
    meta["twitter_title"] = props.get("twitter:title")
    meta["site_name"] = props.get("og:site_name") or props.get("application-name")
    author = props.get("author") or props.get("article:author") or props.get("parsely-author")
    if author and not author.startswith("http"):
        meta["meta_author"] = author
    title_el = tree.find(".//title")
    if title_el is not None:
        meta["title_tag"] = _clean(title_el.text_content())
    for el in tree.iter("h1"):
        text = _clean(el.text_content())
        if text and not _is_logo(el):
            meta["h1"].append(text)
            if any(a.tag in ("article", "main") for a in el.iterancestors()):
                meta["article_h1"].append(text)
    headline = tree.xpath('//*[@itemprop="headline"]')
    if headline:
        meta["itemprop_headline"] = _clean(headline[0].get("content") or headline[0].text_content())
    _jsonld(tree, meta)
    meta["time_published"], meta["time_first"] = _time_elements(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta["canonical_url"] = canonical[0].strip() if canonical else props.get("og:url")
    return meta


def _is_logo(el: lxml_html.HtmlElement) -> bool:
    """An ``<h1>`` that is the site's logo/masthead (in a header, or marked as a logo)."""
    for node in (el, *el.iterancestors()):
        marks = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if node.tag in ("header", "nav") or re.search(r"logo|brand|masthead|site-?(title|name)", marks):
            return not any(a.tag in ("article", "main") for a in el.iterancestors())
    links = el.findall(".//a")
    return len(links) == 1 and (links[0].get("href") or "").rstrip("/") in ("", ".")


def _jsonld(tree: lxml_html.HtmlElement, meta: PageMetadata) -> None:
    articles: list[tuple[bool, dict[str, Any]]] = []
    others: list[tuple[bool, dict[str, Any]]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")))
            except json.JSONDecodeError:
                continue
        for node, listed in _walk_jsonld(data):
            types = node.get("@type")
            types = " ".join(types) if isinstance(types, list) else str(types or "")
            if re.search(r"Article|BlogPosting|Report|NewsArticle|LiveBlog", types):
                articles.append((listed, node))
            elif "WebPage" in types:
                others.append((listed, node))
    # Articles listed in an ItemList (related stories, "more from") come after the page's own.
    article_nodes = [node for _, node in sorted(articles, key=lambda pair: pair[0])]
    other_nodes = [node for _, node in sorted(others, key=lambda pair: pair[0])]
    for group in (article_nodes, other_nodes):
        for node in group:
            if "jsonld_headline" not in meta and isinstance(node.get("headline"), str):
                meta["jsonld_headline"] = _clean(node["headline"])
            if "jsonld_published" not in meta and isinstance(node.get("datePublished"), str):
                meta["jsonld_published"] = node["datePublished"]
            if "jsonld_author" not in meta:
                names = _author_names(node.get("author"))
                if names:
                    meta["jsonld_author"] = ", ".join(names)
        if group is article_nodes and article_nodes:
            break


def _walk_jsonld(data: object, listed: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every JSON-LD node, with whether it sits inside an ``ItemList``."""
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, listed)
    elif isinstance(data, dict):
        yield data, listed
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
            if key in data:
                yield from _walk_jsonld(data[key], listed or key in ("itemListElement", "item"))


def _author_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        name = value.get("name")
        return [name.strip()] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for item in value for n in _author_names(item)]
    return []


def _time_elements(tree: lxml_html.HtmlElement) -> tuple[str | None, str | None]:
    """``(marked, first)``: a ``<time>`` marked as the publication time, and the first
    ``<time datetime>`` inside ``<article>``/``<main>`` (weaker: may be an update time)."""
    marked = tree.xpath(
        '//time[@datetime][@pubdate or @itemprop="datePublished" or '
        'contains(translate(@class, "PUBLISHED", "published"), "publish")]'
        '|//*[@itemprop="datePublished"][@datetime or @content]'
    )
    first_marked = next((v for el in marked if (v := el.get("datetime") or el.get("content"))), None)
    in_article = tree.xpath("//article//time[@datetime]|//main//time[@datetime]")
    return first_marked, (in_article[0].get("datetime") if in_article else None)


# --------------------------------------------------------------------------- title

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|•|:)\s+")
_TitleSource = Literal[
    "article_h1", "jsonld_headline", "og_title", "itemprop_headline", "twitter_title", "title_tag", "h1"
]
_TITLE_SOURCES: tuple[_TitleSource, ...] = get_args(_TitleSource)  # in rank order


def choose_title(meta: PageMetadata, trafilatura_title: str | None = None) -> str | None:
    """The title most sources agree on, ignoring site-name affixes.

    Each source votes for its text and for its text without a site-name part: the
    ``og:site_name``, or a short last part after `` | ``, `` - ``, ``—``... (a short first
    part too, but that reading ranks below the full text). The candidate with most
    distinct votes wins; ties go to the source order in ``_TITLE_SOURCES`` (an ``<h1>``
    inside ``<article>`` first: the headline readers see), then to the reading with the
    site name removed.
    """
    site = meta.get("site_name")
    site_key = _key(site) if site else ""
    votes: dict[str, set[str]] = {}
    best_form: dict[str, tuple[int, int, str]] = {}  # key -> (source rank, reading rank, text)
    sources: list[tuple[str, str]] = []
    for field_name in _TITLE_SOURCES:
        value = meta.get(field_name)
        for text in value[:3] if isinstance(value, list) else [value]:
            if text:
                sources.append((field_name, text))
    if trafilatura_title:
        sources.append(("trafilatura", _clean(trafilatura_title)))
    for name, text in sources:
        rank = _TITLE_SOURCES.index(name) if name in _TITLE_SOURCES else len(_TITLE_SOURCES)
        voter = "h1" if name in ("h1", "article_h1") else name
        for variant, reading in _title_variants(text, site):
            key = _key(variant)
            if not key or key == site_key:
                continue
            votes.setdefault(key, set()).add(voter)
            form = (rank, reading, variant)
            if key not in best_form or form < best_form[key]:
                best_form[key] = form
    if not votes:
        return None
    best = max(votes, key=lambda k: (len(votes[k]), -best_form[k][0], -best_form[k][1]))
    return best_form[best][2]


# Readings of a title, best first on a tie: site name removed, short suffix removed, as is, prefix removed.
_SITE, _SUFFIX, _FULL, _PREFIX = range(4)


def _title_variants(text: str, site: str | None) -> list[tuple[str, int]]:
    text = _clean(text)
    variants = [(text, _FULL)]
    if site:
        affix = r"\s*[|:\-–—·»•]\s*"
        stripped = re.sub(rf"^\s*{re.escape(site)}{affix}|{affix}{re.escape(site)}\s*$", "", text, flags=re.I)
        if stripped and stripped != text:
            variants.append((stripped, _SITE))
    seps = list(_SEPARATORS.finditer(text))
    if seps:
        # "Headline | Section | Site": every cut whose tail is short; the deepest is the
        # site-free reading, shallower ones tie with the full text.
        cuts = [m for m in seps if len(text) - m.end() < len(text) / 2 and len(text[m.end() :].split()) <= 8]
        for i, m in enumerate(cuts):
            variants.append((text[: m.start()], _SUFFIX if i == 0 else _FULL))
        first = text[: seps[0].start()]
        if len(first) < len(text) / 2 and len(first.split()) <= 4:
            variants.append((text[seps[0].end() :], _PREFIX))
    return [(v.strip(), r) for v, r in variants if v.strip()]


# --------------------------------------------------------------------------- date

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d]|$)")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "original-publish-date",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
_GENERIC_DATE_META = ("date", "dc.date", "dcterms.date")


def choose_date(meta: PageMetadata, trafilatura_date: str | None, url: str | None) -> str | None:
    """The publication date (``YYYY-MM-DD``) from the most reliable source that has one.

    Order: a full date in the URL path (the page's, else its canonical/og:url; it is
    the publisher's local date, where ISO timestamps in UTC can be a day off);
    JSON-LD ``datePublished``; specific meta (``article:published_time``...); a
    ``<time>`` marked as published; trafilatura's date (htmldate, original date);
    generic ``date`` meta; the first ``<time>`` in the article.
    """
    for address in (url, meta.get("canonical_url")):
        match = _URL_DATE.search(address or "")
        if match and _valid(*match.groups()):
            return _valid(*match.groups())
    props = meta.get("props", {})
    candidates = [meta.get("jsonld_published")]
    candidates += [props.get(name) for name in _DATE_META]
    candidates += [meta.get("time_published"), _date_in_title(meta), trafilatura_date]
    candidates += [props.get(name) for name in _GENERIC_DATE_META]
    candidates += [meta.get("time_first")]
    for value in candidates:
        parsed = parse_date(value) if value else None
        if parsed:
            return parsed
    return None


def _date_in_title(meta: PageMetadata) -> str | None:
    """A date the page's own ``<title>``/og:title carries ("Uncorking wine | DW | 10.06.2013"):
    surer than htmldate's guess, which may come from a related article's teaser."""
    for title in (meta.get("title_tag"), meta.get("og_title")):
        match = DATELINE.search(title or "")
        if not match or "/" in match.group():
            continue  # 06/10/2013 could be either order
        text = match.group()
        try:
            return _plausible(dateutil_parser.parse(text, dayfirst="." in text).date())
        except (ValueError, OverflowError):
            continue
    return None


def parse_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp (the date as written, no timezone shift),
    an RFC 2822 / free-form date, or a Unix timestamp; ``None`` when implausible."""
    value = value.strip()
    match = _ISO_DATE.search(value)
    if match:
        return _valid(*match.groups())
    if re.fullmatch(r"\d{10}(?:\d{3})?", value):
        seconds = int(value[:10])
        return _plausible(dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date())
    try:
        return _plausible(parsedate_to_datetime(value).date())
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return _plausible(dateutil_parser.parse(value, fuzzy=False).date())
    except (ValueError, OverflowError, TypeError):
        return None


def _valid(year: str, month: str, day: str) -> str | None:
    try:
        return _plausible(dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None


def _plausible(date: dt.date) -> str | None:
    today = dt.date.today()
    if dt.date(1990, 1, 1) <= date <= today + dt.timedelta(days=2):
        return date.isoformat()
    return None


# --------------------------------------------------------------------------- helpers


def _clean(text: str) -> str:
    return " ".join(normalize_text(text).split())


def _key(text: str) -> str:
    """Comparison key: case-, accent-, quote- and punctuation-insensitive."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c)).split())


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
