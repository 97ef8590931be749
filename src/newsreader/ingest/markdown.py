"""Markdown -> article: front matter for title/date, markdown-it-py for the body.

Front matter (``---`` YAML-ish ``key: value`` lines, or ``+++`` TOML-ish ``key = value``)
gives ``title:`` and ``date:``. The body is parsed with markdown-it-py (CommonMark plus
tables and strikethrough) and rendered to plain text: one paragraph, list item, quote
paragraph (opening with "> ", SPEC §1), table row or code line per line; headings become lines without a final
period (the article format's subheadings). With no ``title:``, a leading ``# H1`` is
the title. Inline markup (emphasis, links, code, images, raw HTML) becomes its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model.article import SET_OFF, IngestError, RawArticle, normalize_text
from .html_meta import parse_date

_FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(fields, rest)``: the front matter's scalar ``key: value`` pairs and the body."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(2).splitlines():
        kv = _KEY.match(line)
        if kv and kv.group(2):
            value = kv.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields.setdefault(kv.group(1).lower(), value.strip())
    return fields, text[match.end() :]


def markdown_to_lines(text: str) -> tuple[str | None, list[str]]:
    """``(leading_h1, lines)``: the plain-text body, one block per line."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(text)
    lines: list[str] = []
    first_h1: str | None = None
    row: list[str] = []
    heading: str | None = None
    quoted = 0  # how deep inside "> " blocks
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quoted += 1
        elif tok.type == "blockquote_close":
            quoted -= 1
        elif tok.type == "heading_open":
            heading = tok.tag
        elif tok.type == "inline":
            content = _inline_text(tok.children or [])
            if _in_table(tokens, i):
                row.append(content)
                continue
            if not content:
                continue
            if heading:
                content = content.rstrip(" .")
                if heading == "h1" and not lines and first_h1 is None:
                    first_h1 = content
                    continue
            lines.append(SET_OFF + content if quoted else content)
        elif tok.type == "heading_close":
            heading = None
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            cells = [c for c in row if c]
            if cells:
                lines.append(" | ".join(cells))
            row = []
        elif tok.type in ("fence", "code_block"):
            lines.extend(line.rstrip() for line in tok.content.splitlines() if line.strip())
    return first_h1, lines


def _in_table(tokens: Sequence[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].type in ("th_open", "td_open")


def _inline_text(children: Iterable[Token]) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(_inline_text(child.children or []) or child.content)
    return " ".join("".join(out).split())


def article_from_markdown(text: str, *, source: str, fallback_title: str, published: str | None = None) -> RawArticle:
    """A :class:`RawArticle` from decoded Markdown; raise when there is no body text."""
    text = normalize_text(text)
    if not text.strip():
        raise IngestError(source, "is empty")
    fields, body = front_matter(text)
    h1, lines = markdown_to_lines(body)
    title = fields.get("title") or h1 or fallback_title
    if fields.get("title") and h1 and h1 != fields["title"]:
        lines.insert(0, h1)
    date = fields.get("date") or fields.get("published") or fields.get("pubdate")
    file_published = parse_date(date) if date else None
    body_text = normalize_text("\n".join(lines))
    if not body_text.strip():
        raise IngestError(source, "has no article text (only front matter or headings)")
    return RawArticle(
        title=" ".join(title.split()), published=published or file_published, text=body_text, source=source
    )
