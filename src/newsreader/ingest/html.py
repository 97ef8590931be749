"""HTML -> article: main text from trafilatura, title/date/author by combining page metadata.

- **text**: ``trafilatura.bare_extraction`` on the page less its ``googleoff`` regions
  (its own readability/jusText fallbacks on,
  comments off), one paragraph per line; a first line repeating the title is dropped.
  Balanced mode, replaced by precision mode when that keeps 85%+ of the words and does
  not drop lines from between kept ones in several places (see :func:`_drops_inside`), and
  recall mode when neither finds a sentence (see :func:`_trafilatura`).
- **title**: a vote between JSON-LD ``headline``, ``og:title``, ``twitter:title``,
  ``itemprop=headline``, ``<title>`` and the page's ``<h1>``s, each also without a
  site-name suffix/prefix ("Headline | The Daily"); see :func:`choose_title`.
- **published**: first found in priority order: JSON-LD ``datePublished`` of an
  article node, ``article:published_time`` and similar meta, ``<time>`` marked as the
  publication time, a date in the ``<title>``/og:title, trafilatura's metadata date
  (htmldate, ``original_date=True``),
  a date in the URL path; see :func:`choose_date`.
- **author**: JSON-LD ``author`` names, ``meta name=author``, trafilatura's author.

trafilatura is imported lazily (slow import; a plain text file never pays for it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urljoin, urlsplit

from ..lazy import lazy_import
from ..model.article import IngestError, mark_set_off, normalize_text
from .html_meta import (
    DATELINE,
    _first,
    _key,
    choose_date,
    choose_title,
    page_metadata,
)

if TYPE_CHECKING:
    import trafilatura
    from dateutil import parser as dateutil_parser
    from lxml import etree as lxml_etree
    from lxml import html as lxml_html
else:
    # The extractor and its parsers (~150 ms): only when a page is extracted, not when
    # Markdown front matter's date is read with parse_date().
    trafilatura = lazy_import("trafilatura")
    lxml_html = lazy_import("lxml.html")
    lxml_etree = lazy_import("lxml.etree")
    dateutil_parser = lazy_import("dateutil.parser")

EXTRACTOR_VERSION = "3"  # bump when extraction output changes: cached extractions are redone


@dataclass(frozen=True)
class Extraction:
    """What one HTML page yields; ``text`` is normalized, one paragraph per line."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    canonical: str | None = None  # the page's <link rel="canonical"> (else og:url), absolute


class _Trafilatura(TypedDict):
    """What trafilatura found: the text (one paragraph per line) and its metadata."""

    text: str
    title: str | None
    date: str | None
    author: str | None
    sitename: str | None


def extract_html(html: str, *, url: str | None = None, source: str = "html") -> Extraction:
    """Extract the article from an HTML document; raise ``IngestError`` when it has no text."""
    html = _strip_xml_declaration(html)
    if not html.strip():
        raise IngestError(source, "is empty")
    meta = page_metadata(html)
    traf = _trafilatura(without_googleoff(html), url) or _trafilatura(html, url)
    if traf is None or not traf["text"]:
        raise IngestError(source, "no article text found")
    text = traf["text"]
    title = choose_title(meta, traf["title"])
    published = choose_date(meta, traf["date"], url)
    author = _first(meta.get("jsonld_author"), meta.get("meta_author"), traf["author"])
    if title:
        text = _drop_title_line(text, title)
    text = strip_byline(text)  # after the title: "Headline / January 15, 2024 · 10:58 PM EST / ..."
    if not text:
        raise IngestError(source, "no article text found")
    return Extraction(
        text=text,
        title=title,
        published=published,
        author=author,
        site_name=_first(meta.get("site_name"), traf["sitename"]),
        canonical=canonical_address(meta.get("canonical_url"), url),
    )


def canonical_address(canonical: str | None, url: str | None) -> str | None:
    """The page's canonical address, made absolute, when it can name this article: on the
    same site as ``url`` and not the site's front page (some sites give every page the
    home page as canonical; a syndicated copy names another site's page)."""
    if not canonical or not url:
        return None
    address = urljoin(url, canonical.strip())
    here, there = urlsplit(url), urlsplit(address)
    same_site = (here.hostname or "").removeprefix("www.") == (there.hostname or "").removeprefix("www.")
    if there.scheme not in ("http", "https") or not same_site or there.path.strip("/") == "":
        return None
    return address


# --------------------------------------------------------------------------- text


PRECISION_KEEP = 0.85  # precision mode may drop at most 15% of the balanced mode's words


def _trafilatura(html: str, url: str | None) -> _Trafilatura | None:
    """trafilatura's text and metadata: balanced mode, refined or rescued by the others.

    The balanced mode's typical error is keeping small boilerplate (an app promo, a
    dateline); precision mode's is dropping whole sections. So precision mode's text
    is used when it keeps at least ``PRECISION_KEEP`` of the balanced text's words,
    and recall mode is tried only when neither found a sentence.
    """
    balanced = _run_trafilatura(html, url)
    if balanced:
        precise = _run_trafilatura(html, url, favor_precision=True)
        if (
            precise
            and _words(precise["text"]) >= PRECISION_KEEP * _words(balanced["text"])
            and not _drops_inside(balanced["text"], precise["text"])
        ):
            return {**balanced, "text": precise["text"]}
        return balanced
    return _run_trafilatura(html, url, favor_recall=True)


def _run_trafilatura(
    html: str, url: str | None, *, favor_precision: bool = False, favor_recall: bool = False
) -> _Trafilatura | None:
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=favor_precision,
            favor_recall=favor_recall,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError):  # malformed trees trafilatura can't walk
        return None
    if doc is None or isinstance(doc, dict):  # a dict only with as_dict=True
        return None
    text = _paragraphs(doc.text or "")
    if doc.body is not None:  # trafilatura's own tree names each blockquote <quote>
        quotations = [" ".join(q.itertext()) for q in doc.body.iter("quote")]
        text = "\n".join(mark_set_off(text.split("\n"), quotations))
    if not has_prose(text):
        return None
    return {"text": text, "title": doc.title, "date": doc.date, "author": doc.author, "sitename": doc.sitename}


_GOOGLEOFF = re.compile(r"<!--\s*googleoff:\s*(\w+)\s*-->.*?<!--\s*googleon:\s*\1\s*-->", re.S | re.I)


def without_googleoff(html: str) -> str:
    """The page without its ``<!--googleoff: …-->``…``<!--googleon: …-->`` regions: the
    publisher's own mark for what is not the content ("next post" teasers inside the
    story element, in one real page 385 words beside a 56-word post)."""
    return _GOOGLEOFF.sub(" ", html)


def _words(text: str) -> int:
    return len(text.split())


def _drops_inside(balanced: str, precise: str) -> bool:
    """True when precision mode dropped lines from between kept lines in two or more places.

    Boilerplate that balanced mode keeps is one block: a promo or dateline at the start
    or the end, or one inserted box ("Get breaking news alerts... Download our app").
    Lines dropped here and there through the text are the article's own structure: on
    a real interview post precision mode dropped every one of its question headings.
    """
    kept = set(precise.split("\n"))
    marks = [line in kept for line in balanced.split("\n")]
    if True not in marks:
        return False
    first, last = marks.index(True), len(marks) - 1 - marks[::-1].index(True)
    inside = marks[first : last + 1]
    gaps = sum(1 for i in range(1, len(inside)) if not inside[i] and inside[i - 1])
    return gaps >= 2


def has_prose(text: str) -> bool:
    """True when text has at least one sentence-like line (6+ words ending in ``.!?"”»)``).

    On a section front or an error page trafilatura falls back to the menu and link
    lists: short lines with no sentence. That is "no article text", not an article.
    """
    for line in text.split("\n"):
        if len(line.split()) >= 6 and line.rstrip()[-1:] in ".!?\"'”’»)…":
            return True
    return False


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in normalize_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


_BYLINE = re.compile(r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor)\s+[A-ZÀ-Ý]")  # a name follows


def strip_byline(text: str) -> str:
    """Drop up to two leading lines that are only a byline ("By Jane Doe") or a dateline
    ("January 15, 2024 · 10:58 PM EST"): short, no sentence end. Extractors keep them
    when they sit inside the article element; they are metadata, not body text."""
    lines = text.split("\n")
    dropped = 0
    while dropped < 2 and len(lines) > 1:
        line = lines[0]
        short = len(line.split()) <= 10 and line.rstrip()[-1:] not in '.!?"”'
        if short and (_BYLINE.match(line) or DATELINE.search(line)):
            lines.pop(0)
            dropped += 1
        else:
            break
    return "\n".join(lines)


def _drop_title_line(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    return rest if _key(first) == _key(title) else text


def _strip_xml_declaration(html: str) -> str:
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
