"""Feeds as data: parse RSS / Atom / JSON Feed bytes into entries, find a page's feed,
read and write subscription lists (OPML, newsboat's urls file).

RSS 0.9x, 1.0 and 2.0 and Atom are parsed by feedparser (it copes with broken encodings,
undeclared entities and half-valid XML, and sanitizes entry HTML). feedparser 6 does not
read JSON Feed, so JSON Feed 1.0/1.1 is mapped here: it is plain JSON with a dozen fields.

Nothing here touches the network; :mod:`newsreader.service.feeds` fetches and stores.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..lazy import lazy_import
from ..model.article import IngestError, mark_set_off, normalize_text
from .html_meta import parse_date

if TYPE_CHECKING:
    import feedparser
    from lxml import etree
    from lxml import html as lxml_html
else:
    feedparser = lazy_import("feedparser")
    etree = lazy_import("lxml.etree")
    lxml_html = lazy_import("lxml.html")

#: An entry whose own text (content or summary, the longer) has fewer words than this is
#: a teaser: its linked page is fetched and extracted, and kept when it has more words.
FULL_TEXT_WORDS = 150

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
)
FEED_ACCEPT = (
    "application/atom+xml,application/rss+xml,application/feed+json;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,application/json;q=0.7,text/html;q=0.5,*/*;q=0.1"
)


class FeedError(IngestError):
    """Bytes that are not a feed (not XML, no channel, not JSON Feed)."""


@dataclass(frozen=True)
class FeedEntry:
    key: str  # the entry's id, else its link, else a hash of its title and text
    link: str | None
    title: str
    published: str | None  # ISO date
    author: str | None
    text: str  # plain text, paragraphs on their own lines ("" when the entry has none)
    updated: str | None = None  # when the feed says the entry last changed (ISO, UTC), if it says

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def teaser(self) -> bool:
        """True when the feed gives only a summary: the linked page should be fetched."""
        return self.link is not None and self.words < FULL_TEXT_WORDS


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site: str | None
    format: str  # "rss20", "atom10", "json11", …
    entries: list[FeedEntry]


def parse_feed(body: bytes, *, url: str, content_type: str = "", charset: str | None = None) -> ParsedFeed:
    """The feed in ``body`` (fetched from ``url``); :class:`FeedError` when it is not one."""
    stripped = body.lstrip()
    if stripped[:1] in (b"{", b"[") or "json" in content_type:
        return _json_feed(body, url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(reason).split())})" if reason else ""
        raise FeedError(url, f"is not a feed: no RSS, Atom or JSON Feed found{detail}")
    feed = parsed.feed
    entries = [_entry(e, url) for e in parsed.entries]
    return ParsedFeed(
        title=_one_line(feed.get("title", "")) or url,
        site=feed.get("link") or None,
        format=parsed.get("version") or "unknown",
        entries=_unique(entries),
    )


def _entry(e: Mapping[str, Any], base: str) -> FeedEntry:
    link = e.get("link") or None
    texts = [c.get("value", "") for c in e.get("content", []) or []]
    texts.append(e.get("summary", "") or "")
    text = max((html_to_text(t) for t in texts if t), key=len, default="")
    stamp = e.get("published_parsed") or e.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(stamp))) if stamp else None
    # The entry's own time: feedparser's .get("updated_parsed") falls back to the published one.
    changed = dict.get(e, "updated_parsed") if isinstance(e, dict) else None
    updated = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(changed))) if changed else None
    title = _one_line(html_to_text(e.get("title", "") or "")) or (text.split("\n", 1)[0][:80] if text else "")
    return FeedEntry(
        key=str(e.get("id") or link or _digest(title, text)),
        link=urljoin(base, link) if link else None,
        title=title or (link or "untitled entry"),
        published=published,
        author=_one_line(e.get("author", "") or "") or None,
        text=text,
        updated=updated,
    )


def _json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(url, f"is not a feed: invalid JSON ({exc})") from None
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        raise FeedError(url, "is JSON but not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        link = _str(item.get("url")) or _str(item.get("external_url"))
        html = _str(item.get("content_html"))
        plain = _str(item.get("content_text"))
        summary = _str(item.get("summary"))
        text = max((html_to_text(html) if html else "", normalize_text(plain).strip(), summary.strip()), key=len)
        title = _one_line(_str(item.get("title"))) or (text.split("\n", 1)[0][:80] if text else "")
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [_str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]
        date = _str(item.get("date_published")) or _str(item.get("date_modified"))
        entries.append(
            FeedEntry(
                key=_str(item.get("id")) or link or _digest(title, text),
                link=urljoin(url, link) if link else None,
                title=title or link or "untitled entry",
                published=parse_date(date) if date else None,
                author=", ".join(names) or None,
                text=text,
                updated=_str(item.get("date_modified")) or None,
            )
        )
    return ParsedFeed(
        title=_one_line(_str(data.get("title"))) or url,
        site=_str(data.get("home_page_url")) or None,
        format="json" + version.rsplit("/", 1)[-1].replace(".", ""),
        entries=_unique(entries),
    )


def _str(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _unique(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            out.append(entry)
    return out


def _digest(*parts: str) -> str:
    return "sha1:" + hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()


def _one_line(text: str) -> str:
    return " ".join(text.split())


_BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "figure", "figcaption", "ul", "ol", "dl", "dt", "dd", "hr", "table",
}  # fmt: skip


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (an entry's content): one paragraph per block, words
    joined as a browser would; markup never survives, entities are decoded, control
    characters (terminal escapes) are dropped."""
    fragment = normalize_text(fragment)
    if "<" not in fragment and "&" not in fragment:
        return "\n".join(_one_line(line) for line in normalize_text(fragment).split("\n") if line.strip())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _one_line(re.sub(r"<[^>]*>", " ", fragment))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    quotations = [q.text_content() for q in root.iter("blockquote")]
    text = normalize_text(root.text_content())
    return "\n".join(mark_set_off([_one_line(line) for line in text.split("\n") if line.strip()], quotations))


# --------------------------------------------------------------------------- discovery


def looks_like_html(body: bytes, content_type: str) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def discover_feeds(body: bytes, base_url: str) -> list[str]:
    """Feed URLs a web page names in ``<link rel="alternate" type="…rss/atom/json…">``."""
    try:
        tree = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        href = link.get("href")
        if "alternate" in rel and href and kind in FEED_TYPES:
            url = urljoin(base_url, href.strip())
            if url not in found:
                found.append(url)
    return found


# --------------------------------------------------------------------------- subscription lists


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str | None = None


def read_opml(data: bytes, source: str) -> list[Subscription]:
    """Every ``<outline xmlUrl=…>`` in an OPML file, nested folders included, in order.

    External entities and DTDs are never loaded, and a huge tree is refused."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(source, f"is not valid OPML ({' '.join(str(exc).split())})") from None
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise IngestError(source, "is not OPML (no <opml> root element)")
    subs = []
    for outline in root.iter("{*}outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url.strip():
            title = outline.get("title") or outline.get("text")
            subs.append(Subscription(url.strip(), _one_line(title) if title else None))
    return subs


def read_urls_file(text: str) -> list[Subscription]:
    """newsboat's ``urls`` file: one URL per line, then tags; ``"~Title"`` renames; ``#`` comments.
    Query feeds (``query:…``) and filter/exec feeds are not URLs and are skipped."""
    subs = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, _, rest = line.partition(" ")
        if not url.lower().startswith(("http://", "https://")):
            continue
        title = None
        for tag in re.findall(r'"([^"]*)"|(\S+)', rest):
            value = tag[0] or tag[1]
            if value.startswith("~"):
                title = value[1:].strip() or None
        subs.append(Subscription(url, title))
    return subs


def write_opml(subs: Iterable[tuple[str, str | None, str | None]], *, title: str = "newsreader feeds") -> str:
    """OPML 2.0 for ``(feed url, title, site url)`` rows."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())
    body = etree.SubElement(root, "body")
    for url, name, site in subs:
        attrs = {"type": "rss", "text": name or url, "title": name or url, "xmlUrl": url}
        if site:
            attrs["htmlUrl"] = site
        etree.SubElement(body, "outline", attrs)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")
