"""The local news site the feed refresh benchmark reads (``run.py``, feeds rows).

Feeds and article pages are served by :class:`tests.feedserver.FeedServer` (a real HTTP
server on 127.0.0.1) from real article texts: every entry is a different text, so every
entry is really parsed. Most entries are teasers (a line of summary and a link), so their
pages are fetched and extracted; every fourth one carries its whole text in the feed.
One feed in five is Atom, the rest RSS 2.0; each feed has an ETag, so a second refresh
of the unchanged site is all 304s. The same texts are written as article files for
``newsreader parse``, the baseline. A site can also have *quiet* feeds, with no items,
between the others (the memory row's 2,000 feeds).
"""

from __future__ import annotations

import email.utils
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import zip_longest
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.feedserver import FeedServer, Route, article_html, atom, rss  # noqa: E402

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?$")
FULL_TEXT_WORDS = 150  # newsreader.ingest.feeds: fewer words in the feed = a teaser


@dataclass(frozen=True)
class Story:
    title: str
    date: str  # YYYY-MM-DD
    paragraphs: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass
class Site:
    opml: Path  # the subscription list
    files: list[str]  # one article file per entry, the same texts (for `newsreader parse`)
    feeds: int
    entries: int
    words: int
    teasers: int
    urls: list[str] = field(default_factory=list)


def read_article(path: str) -> tuple[str, str, list[str]]:
    """(date, title, paragraphs) of an article file (``date YYYY-MM-DD Title`` then the body)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    match = _HEADER.match(lines[0]) if lines else None
    if match:
        date, title, body = match.group(1), match.group(2) or Path(path).stem, lines[1:]
    else:
        date, title, body = "2024-05-01", Path(path).stem, lines
    return date, " ".join(title.split()), [" ".join(line.split()) for line in body if line.strip()]


def _round_robin(per_article: list[list[Story]]) -> Iterator[Story]:
    """The first story of every article, then the second of every article, and so on; a text
    met before (the same article in two files) is left out."""
    seen: set[tuple[str, ...]] = set()
    for row in zip_longest(*per_article):
        for story in row:
            if story is not None and story.paragraphs not in seen:
                seen.add(story.paragraphs)
                yield story


def _take(stories: list[Story], n: int) -> list[Story]:
    """``n`` stories; when the texts run out, they come round again with an edition line
    added, so every text is still different (and parsed, not found in the cache)."""
    if not stories:
        raise ValueError("no article texts to build the feeds from")
    out = list(stories[:n])
    edition = 2
    while len(out) < n:
        for s in stories[: n - len(out)]:
            out.append(Story(s.title, s.date, (*s.paragraphs, f"This is edition {edition} of the report.")))
        edition += 1
    return out


def article_stories(files: Sequence[str], n: int, min_words: int) -> list[Story]:
    """``n`` stories of at least ``min_words`` words: runs of whole paragraphs of the articles
    (a long article gives several), one article after another."""
    per_article: list[list[Story]] = []
    for path in files:
        date, title, paragraphs = read_article(path)
        chunks: list[list[str]] = []
        current: list[str] = []
        for p in paragraphs:
            current.append(p)
            if sum(len(x.split()) for x in current) >= min_words:
                chunks.append(current)
                current = []
        if current:
            if chunks:
                chunks[-1].extend(current)  # a short tail joins the story before it
            elif sum(len(x.split()) for x in current) >= min(min_words, FULL_TEXT_WORDS):
                chunks.append(current)
        per_article.append(
            [Story(title if i == 0 else f"{title} (part {i + 1})", date, tuple(c)) for i, c in enumerate(chunks)]
        )
    return _take(list(_round_robin(per_article)), n)


def _rfc822(date: str) -> str:
    day = datetime.strptime(date, "%Y-%m-%d").replace(hour=8, tzinfo=timezone.utc)
    return email.utils.format_datetime(day, usegmt=True)


def _teaser(story: Story) -> str:
    words = " ".join(story.paragraphs).split()
    return " ".join(words[: max(3, min(12, len(words) // 2))]) + " …"


def build_site(
    server: FeedServer,
    prefix: str,
    stories: Sequence[Story],
    n_feeds: int,
    out_dir: Path,
    *,
    quiet_every: int = 1,
    full_every: int = 4,
    atom_every: int = 5,
) -> Site:
    """Routes for ``n_feeds`` feeds (``/{prefix}/f/N.xml``, pages ``/{prefix}/p/N.html``), the
    OPML that lists them and one article file per story. With ``quiet_every`` = k, only every
    k-th feed carries stories (shared equally); the others are quiet: a channel with no item."""
    news = [f for f in range(n_feeds) if f % quiet_every == 0]
    per_feed = len(stories) // len(news)
    assert per_feed * len(news) == len(stories), "stories must split evenly between the feeds"
    out_dir.mkdir(parents=True, exist_ok=True)
    site = Site(out_dir / "feeds.opml", [], n_feeds, len(stories), 0, 0)
    outlines = []
    for f in range(n_feeds):
        items = []
        first = news.index(f) * per_feed if f in news else 0
        for j in range(first, first + per_feed if f in news else 0):
            story = stories[j]
            page = server.url(f"/{prefix}/p/{j}.html")
            full = bool(full_every) and j % full_every == full_every - 1 and story.words >= FULL_TEXT_WORDS
            html = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
            items.append((story, page, full, html))
            if not full:
                site.teasers += 1
                server.routes[f"/{prefix}/p/{j}.html"] = Route(
                    article_html(story.title, list(story.paragraphs), date=story.date),
                    content_type="text/html; charset=utf-8",
                )
            path = out_dir / f"{j:05d}.txt"
            path.write_text(f"date {story.date} {story.title}\n" + "\n".join(story.paragraphs) + "\n", "utf-8")
            site.files.append(str(path))
            site.words += story.words
        title = f"Desk {f + 1:04d}"  # feeds are refreshed in title order: quiet ones in between
        if atom_every and f % atom_every == atom_every - 1:
            body = atom(
                title,
                [
                    {
                        "id": f"urn:bench:{prefix}:{page}",
                        "title": story.title,
                        "link": page,
                        "updated": f"{story.date}T08:00:00Z",
                        "content": html if full else f"<p>{escape(_teaser(story))}</p>",
                    }
                    for story, page, full, html in items
                ],
            )
            ctype = "application/atom+xml"
        else:
            body = rss(
                title,
                [
                    {
                        "guid": page,
                        "link": page,
                        "title": story.title,
                        "date": _rfc822(story.date),
                        "description": _teaser(story),
                        **({"content": html} if full else {}),
                    }
                    for story, page, full, html in items
                ],
                link=server.url(f"/{prefix}/"),
            )
            ctype = "application/rss+xml; charset=utf-8"
        url_path = f"/{prefix}/f/{f}.xml"
        server.routes[url_path] = Route(body, content_type=ctype, etag=f'"{prefix}-{f}-v1"')
        site.urls.append(server.url(url_path))
        outlines.append(f"<outline type={quoteattr('rss')} text={quoteattr(title)} xmlUrl={quoteattr(site.urls[-1])}/>")
    site.opml.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>bench</title></head><body>\n'
        + "\n".join(outlines)
        + "\n</body></opml>\n",
        encoding="utf-8",
    )
    return site
