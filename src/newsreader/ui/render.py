"""The one place where article text becomes styled :class:`Content`.

Everything here builds ``Content`` from plain strings plus ``Span``s computed from
character offsets; nothing is ever parsed as markup, so an article containing
``[bold]`` or ``[@click=app.quit]`` prints those characters and does nothing.

Colours are theme variables (``nr-*``); :func:`palette` reads them from the app's
``theme_variables`` and falls back to the defaults below.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.color import Color
from textual.content import Content, Span
from textual.style import Style

from ..model import Claim, Document, Source
from ..model.vocabulary import CONTESTED_GLYPH, LAYERS, UNREAD_GLYPH, default_highlights, entity_group, status_glyph

DARK_DEFAULTS = default_highlights(dark=True)
LIGHT_DEFAULTS = default_highlights(dark=False)


@dataclass(frozen=True)
class Palette:
    """Resolved highlight colours for one theme."""

    colors: Mapping[str, Color]
    dark: bool = True

    def __getitem__(self, name: str) -> Color:
        return self.colors[name]

    def fg(
        self, name: str, *, bold: bool | None = None, italic: bool | None = None, underline: bool | None = None
    ) -> Style:
        return Style(foreground=self.colors[name], bold=bold, italic=italic, underline=underline)

    def bg(self, name: str, *, bold: bool | None = None, italic: bool | None = None) -> Style:
        return Style(background=self.colors[name], bold=bold, italic=italic)

    def status(self, status: str | None) -> Color | None:
        return self.colors.get(f"nr-status-{status}") if status else None


def palette(variables: Mapping[str, str] | None = None, *, dark: bool = True) -> Palette:
    """Theme variables (``nr-*``) parsed to colours, missing ones from the defaults."""
    defaults = DARK_DEFAULTS if dark else LIGHT_DEFAULTS
    colors: dict[str, Color] = {}
    for name, fallback in defaults.items():
        value = (variables or {}).get(name) or fallback
        try:
            colors[name] = Color.parse(value)
        except Exception:  # noqa: BLE001 - a bad theme value must not break reading
            colors[name] = Color.parse(fallback)
    return Palette(colors, dark)


# -- text safety ------------------------------------------------------------------

_CONTROL = {c: "\ufffd" for c in (*range(0, 32), *range(127, 160)) if c != 10}
_CONTROL[9] = " "
# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) would let a terminal
# that does bidi reorder what the reader sees: they show as U+FFFD too.
_CONTROL.update(dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), "\ufffd"))


def safe_text(text: str) -> str:
    """Control characters (an ESC from a pasted terminal log, say) become U+FFFD, tabs spaces.

    One character for one, so every offset into the text stays valid.
    """
    return text.translate(_CONTROL)


# -- highlight layers ------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A styled range of the document text (absolute offsets)."""

    start: int
    end: int
    style: Style
    layer: str


def layer_marks(doc: Document, layers: Iterable[str], pal: Palette) -> list[Mark]:
    """Highlight marks for the enabled layers, bottom layer first.

    Quotes are a background tint (terms only italic), entities a foreground colour, numbers bold colour,
    dates an underlined colour: overlapping layers stay visible together.
    """
    enabled = set(layers)
    marks: list[Mark] = []
    if "quotes" in enabled:
        quote_style = pal.bg("nr-quote")
        marks += [Mark(q.start, q.end, quote_style, "quotes") for q in doc.quotes if q.end > q.start]
        # a mixed quote's reported statement reads as reported speech, as it would on its own
        marks += [Mark(q.statement.start, q.statement.end, quote_style, "quotes") for q in doc.quotes if q.statement]
        # Terms (scare quotes, titles, nicknames) are nobody's words: a quiet italic, no tint.
        marks += [Mark(t.start, t.end, Style(italic=True), "quotes") for t in doc.terms if t.end > t.start]
    if "entities" in enabled:
        styles = {g: pal.fg(f"nr-entity-{g}") for g in ("person", "org", "place", "other")}
        marks += [Mark(e.start, e.end, styles[entity_group(e.label)], "entities") for e in doc.entities]
    if "numbers" in enabled:
        style = pal.fg("nr-number", bold=True)
        marks += [Mark(n.start, n.end, style, "numbers") for n in doc.numbers]
    if "dates" in enabled:
        style = pal.fg("nr-date", underline=True)
        marks += [Mark(d.start, d.end, style, "dates") for d in doc.dates]
    return marks


class MarkIndex:
    """Marks bucketed for fast lookup of the marks overlapping a text range."""

    def __init__(self, marks: Sequence[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.start)
        self._starts = [m.start for m in self.marks]
        self._longest = max((m.end - m.start for m in self.marks), default=0)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [m for m in self.marks[lo:hi] if m.end > start and m.start < end]


def line_content(
    text: str,
    start: int,
    end: int,
    layers: Sequence[Mark],
    overlays: Sequence[Mark] = (),
    base: Style | None = None,
) -> Content:
    """``text[start:end]`` as Content with every overlapping mark clipped to it.

    ``layers`` are applied first (in order), ``overlays`` (selection, search, flash) on top.
    """
    spans: list[Span] = []
    if base is not None:
        spans.append(Span(0, end - start, base))
    for mark in (*layers, *overlays):
        s, e = max(mark.start, start), min(mark.end, end)
        if e > s:
            spans.append(Span(s - start, e - start, mark.style))
    return Content(text[start:end], spans)


def heading_style() -> Style:
    return Style(bold=True)


def set_off_mark_style() -> Style:
    """The ``> `` that opens a blockquote's paragraph: kept as text, shown quietly, like a
    mail reader's quote bar."""
    return Style(dim=True)


# -- header, legend, status --------------------------------------------------------


def plain(text: str, style: Style | None = None) -> Content:
    """Data text as Content, never markup."""
    content = Content(safe_text(text))
    return content.stylize(style) if style is not None else content


def title_content(title: str) -> Content:
    return plain(title, Style(bold=True))


def meta_content(published: str | None, source: str, words: int, status: Content | None = None) -> Content:
    """``date · N words · source``: the source (a path or address, often long) comes last, so
    a narrow terminal cuts it rather than the word count."""
    parts = [published or "date unknown", f"{words:,} words", source or "unknown source"]
    line = Content(" · ".join(parts)).stylize(Style(dim=True))
    if status is not None:
        line = Content.assemble(line, "  ", status)
    return line


def legend_content(enabled: Iterable[str], pal: Palette, keys: Mapping[str, str] | None = None) -> Content:
    """The layer toggles: each key as a keycap (`` 1 ``, reverse video) and its layer's name in
    that layer's style; a layer that is off has its key and name dimmed and struck through,
    so the strip reads as switches, not as counts."""
    on = set(enabled)
    samples = {
        "entities": (pal.fg("nr-entity-person"), "entities"),
        "quotes": (pal.bg("nr-quote"), "quotes"),
        "numbers": (pal.fg("nr-number", bold=True), "numbers"),
        "dates": (pal.fg("nr-date", underline=True), "dates"),
    }
    pieces: list[Content | str] = []
    for index, layer in enumerate(LAYERS, 1):
        style, label = samples[layer]
        key = (keys or {}).get(layer, str(index))
        if pieces:
            pieces.append("  ")
        if layer in on:
            pieces.append(Content(f" {key} ").stylize(Style(reverse=True, bold=True)))
            pieces.append(" ")
            pieces.append(Content(label).stylize(style))
        else:
            pieces.append(Content(f" {key} ").stylize(Style(reverse=True, dim=True)))
            pieces.append(" ")
            pieces.append(Content(label).stylize(Style(dim=True, strike=True)))
    return Content.assemble(*pieces)


def progress_content(reviewed: int, total: int, pal: Palette, contested: int = 0) -> Content:
    style = pal.fg("nr-status-supported", bold=True) if total and reviewed == total else Style(bold=True)
    parts = [Content(f"{reviewed}/{total}").stylize(style), Content(" reviewed").stylize(Style(dim=True))]
    if contested:
        parts += [
            Content("  "),
            Content(f"{CONTESTED_GLYPH} {contested} contested").stylize(pal.fg("nr-anonymous", bold=True)),
        ]
    return Content.assemble(*parts)


def contested_badge(pal: Palette) -> Content:
    return Content(f"{CONTESTED_GLYPH} contested").stylize(pal.fg("nr-anonymous", bold=True))


def verdicts_line(verdicts: Sequence[tuple[str, str | None]], pal: Palette, settled_by: str | None = None) -> Content:
    """Who said what: ``ann ✓ supported · bob ✗ false`` (and who settled it)."""
    parts: list[Content | str] = []
    for reviewer, status in verdicts:
        if parts:
            parts.append(Content(" · ").stylize(Style(dim=True)))
        color = pal.status(status)
        mark = Content(f"{status_glyph(status)} {status or 'note only'}")
        parts += [
            Content(clip(reviewer, 24)).stylize(Style(italic=True)),
            " ",
            mark.stylize(Style(foreground=color)) if color else mark.stylize(Style(dim=True)),
        ]
    if settled_by:
        parts += [Content(f"  settled by {clip(settled_by, 24)}").stylize(Style(dim=True, italic=True))]
    return Content.assemble(*parts)


def status_badge(status: str | None, pal: Palette) -> Content:
    glyph = status_glyph(status)
    color = pal.status(status)
    if color is None:
        return Content(f"{glyph} unreviewed").stylize(Style(dim=True))
    return Content(f"{glyph} {status}").stylize(Style(foreground=color, bold=True))


def source_badge(source: Source | None, pal: Palette) -> Content:
    """``ANON`` on a red-ish block for anonymous sources; named ones in the named colour."""
    if source is None:
        return Content("outlet").stylize(Style(dim=True, italic=True))
    if source.kind == "anonymous":
        badge = Content(" ANON ").stylize(Style(background=pal["nr-anonymous"], foreground=Color(0, 0, 0), bold=True))
        return Content.assemble(badge, " ", Content(clip(source.name, 60)).stylize(pal.fg("nr-anonymous")))
    return Content(clip(source.name, 60)).stylize(pal.fg("nr-named", bold=True))


def clip(text: str, limit: int) -> str:
    text = " ".join(safe_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def claim_row(
    claim: Claim,
    source: Source | None,
    status: str | None,
    note: str,
    pal: Palette,
    *,
    limit: int = 110,
    state: str = "",
    verdicts: Sequence[tuple[str, str | None]] = (),
    settled_by: str | None = None,
) -> Content:
    """A Claims-tab row: status (or contested) and source on the first line, the claim text
    under it; with more than one reviewer, who said what; then the note."""
    badge = contested_badge(pal) if state == "contested" else status_badge(status, pal)
    head: list[Content | str] = [badge, "  ", source_badge(source, pal)]
    if claim.id.startswith("u"):
        head += ["  ", Content("added").stylize(Style(italic=True, dim=True))]
    if note:
        head += ["  ", Content("✎ note").stylize(Style(italic=True))]
    lines = [Content.assemble(*head), Content(clip(claim.text, limit))]
    if len(verdicts) > 1 or state in ("contested", "settled"):
        lines.append(verdicts_line(verdicts, pal, settled_by))
    if note:
        lines.append(Content("✎ " + clip(note, 80)).stylize(Style(italic=True, dim=True)))
    return Content("\n").join(lines)


def source_header(source: Source | None, quotes: int, claims: int, pal: Palette) -> Content:
    counts = Content(f"  {quotes} quotes · {claims} claims").stylize(Style(dim=True))
    if source is None:
        return Content.assemble(Content("The outlet's own voice").stylize(Style(bold=True, italic=True)), counts)
    kind = Content(f"  {source.kind}").stylize(Style(dim=True, italic=True))
    return Content.assemble(source_badge(source, pal), kind, counts)


def source_item(kind: str, text: str, *, limit: int = 80) -> Content:
    label = Content("  “ " if kind == "quote" else "  ▸ ").stylize(Style(dim=True))
    return Content.assemble(label, Content(clip(text, limit)))


def meter_content(named: int, anonymous: int, outlet: int, width: int, pal: Palette) -> Content:
    """A bar of how many characters of claims rest on named, anonymous or no sources."""
    total = named + anonymous + outlet
    width = max(10, width)
    if total == 0:
        return Content("No attributed claims yet").stylize(Style(dim=True))
    cells_named = round(width * named / total)
    cells_anon = round(width * anonymous / total)
    cells_outlet = max(0, width - cells_named - cells_anon)
    bar = Content.assemble(
        Content("█" * cells_named).stylize(pal.fg("nr-named")),
        Content("█" * cells_anon).stylize(pal.fg("nr-anonymous")),
        Content("░" * cells_outlet).stylize(Style(dim=True)),
    )

    def pct(part: int) -> str:
        return f"{round(100 * part / total)}%"

    legend = Content.assemble(
        Content("■ named ").stylize(pal.fg("nr-named")),
        Content(pct(named)).stylize(Style(bold=True)),
        "  ",
        Content("■ anon ").stylize(pal.fg("nr-anonymous")),
        Content(pct(anonymous)).stylize(Style(bold=True)),
        "  ",
        Content("░ outlet ").stylize(Style(dim=True)),
        Content(pct(outlet)).stylize(Style(bold=True)),
    )
    return Content("\n").join([bar, legend])


def date_row(text: str, value: str | None, granularity: str | None, relative: bool, pal: Palette) -> Content:
    """``2024-12-17  Tuesday  day·rel``: the resolved value first, then the words, then how."""
    value_c = Content(f"{value or '?':<10}").stylize(pal.fg("nr-date", bold=True))
    detail = (granularity or "") + ("·rel" if relative else "")
    return Content.assemble(
        value_c, " ", Content(clip(text, 20).ljust(20)), " ", Content(detail).stylize(Style(dim=True))
    )


def timeline_content(points: Sequence[tuple[float, str]], published: float | None, width: int, pal: Palette) -> Content:
    """Dates on an axis: ``points`` are (position in days, label); publication marked ▼.

    Three lines: markers, the axis, and the range labels.
    """
    width = max(20, width)
    if not points:
        return Content("No resolved dates").stylize(Style(dim=True))
    xs = [p for p, _ in points] + ([published] if published is not None else [])
    lo, hi = min(xs), max(xs)
    span = max(hi - lo, 1.0)

    def col(x: float) -> int:
        return min(width - 1, max(0, round((x - lo) / span * (width - 1))))

    marks = [" "] * width
    for x, _ in points:
        marks[col(x)] = "●"
    axis = ["─"] * width
    if published is not None:
        axis[col(published)] = "┼"
    date_style = pal.fg("nr-date")
    marker_line = Content("".join(marks)).stylize(date_style)
    pub_line = [" "] * width
    if published is not None:
        pub_line[col(published)] = "▲"
    first, last = min(points)[1], max(points)[1]
    labels = first + " " * max(1, width - len(first) - len(last)) + last
    lines = [
        marker_line,
        Content("".join(axis)).stylize(Style(dim=True)),
        Content("".join(pub_line)).stylize(Style(bold=True)),
        Content(labels[:width]).stylize(Style(dim=True)),
    ]
    if published is not None:
        lines.append(Content("● date in the text  ▲ published").stylize(Style(dim=True)))
    return Content("\n").join(lines)


def entity_row(canonical: str, label: str, count: int, pal: Palette) -> Content:
    style = pal.fg(f"nr-entity-{entity_group(label)}", bold=True)
    return Content.assemble(
        Content(f"{count:>3}× ").stylize(Style(dim=True)),
        Content(clip(canonical, 60)).stylize(style),
        "  ",
        Content(label).stylize(Style(dim=True)),
    )


def library_row(
    title: str,
    published: str | None,
    source: str,
    reviewed: int,
    claims: int | None,
    width: int,
    selected: bool = False,
    unread: bool | None = None,
) -> Content:
    """One library line: title, date, source, reviewed/claims in fixed columns.

    With feeds (``unread`` not None) a mark column comes first: an unread entry has
    :data:`UNREAD_GLYPH` and a bold title, anything else a blank and a plain title.
    ``claims`` None (a document no longer in the cache) shows as a dash; ``source`` is shown
    as given (see :func:`short_source`)."""
    date_w, count_w = 10, 9
    marks = unread is not None
    if marks:
        width -= 2
    source_w = max(8, min(24, width // 5))
    title_w = max(10, width - date_w - count_w - source_w - 6)
    counts = f"{reviewed}/{claims}" if claims is not None else "—"
    cells = [
        Content(clip(title, title_w).ljust(title_w)).stylize(Style(bold=unread is not False)),
        Content((published or "—").ljust(date_w)).stylize(Style(dim=not selected)),
        Content(clip(source, source_w).ljust(source_w)).stylize(Style(dim=not selected)),
        Content(counts.rjust(count_w)),
    ]
    line = Content("  ").join(cells)
    if marks:
        mark = Content(UNREAD_GLYPH).stylize(Style(bold=True)) if unread else Content(" ")
        line = Content.assemble(mark, " ", line)
    return line


def library_header(width: int, marks: bool = False) -> Content:
    date_w, count_w = 10, 9
    if marks:
        width -= 2
    source_w = max(8, min(24, width // 5))
    title_w = max(10, width - date_w - count_w - source_w - 6)
    cells = ["Title".ljust(title_w), "Date".ljust(date_w), "Source".ljust(source_w), "Reviewed".rjust(count_w)]
    return Content(("  " if marks else "") + "  ".join(cells)).stylize(Style(bold=True, dim=True))


def feed_item(name: str, unread: int | None, total: int, width: int) -> Content:
    """One line of the feed column: the name, then ``unread/total`` at the right edge (just
    the total for articles with no read state); a feed with unread articles is bold."""
    counts = f"{unread:,}/{total:,}" if unread is not None else f"{total:,}"
    room = max(4, width - len(counts) - 2)
    label = clip(name, room).ljust(room)
    return Content.assemble(
        Content(label).stylize(Style(bold=bool(unread))),
        "  ",
        Content(counts).stylize(Style(bold=True) if unread else Style(dim=True)),
    )


def short_source(source: str) -> str:
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0]
    return source.replace("\\", "/").rsplit("/", 1)[-1]


HELP_KEY_COLUMN = 20


def help_content(rows: Sequence[tuple[str, str, str]], width: int = 71) -> Content:
    """Help lines: (section, key, description); a section heading when it changes. A long
    description wraps under itself (a hanging indent), never back to the key column."""
    lines: list[Content] = []
    section = None
    room = max(20, width - HELP_KEY_COLUMN)
    for group, key, description in rows:
        if group != section:
            if lines:
                lines.append(Content(""))
            lines.append(Content(group).stylize(Style(bold=True, underline=True)))
            section = group
        wrapped = textwrap.wrap(description, room) or [""]
        lines.append(
            Content.assemble(Content(f"  {key:<{HELP_KEY_COLUMN - 2}}").stylize(Style(bold=True)), Content(wrapped[0]))
        )
        lines += [Content(" " * HELP_KEY_COLUMN + more) for more in wrapped[1:]]
    return Content("\n").join(lines)


def search_status(query: str, index: int, total: int) -> Content:
    if not query:
        return Content("")
    if total == 0:
        return Content("no matches").stylize(Style(dim=True))
    return Content(f"{index + 1}/{total}").stylize(Style(bold=True))


# -- the ledger: sources across the library, what one said, search results ----------------

SOURCE_KIND_WIDTH = 12


def _columns(width: int) -> tuple[int, int]:
    """(name width, last-seen width) of a sources row at ``width`` columns."""
    name_w = max(16, width - SOURCE_KIND_WIDTH - 3 * 8 - 10 - 10)
    return name_w, 10


def ledger_source_row(
    name: str,
    kind: str,
    articles: int,
    quotes: int,
    claims: int,
    last_seen: str,
    width: int,
    pal: Palette,
    *,
    scoped: bool = False,
    guess: bool = False,
) -> Content:
    """One line of the Sources table: the name (marked *this article only* for a generic or
    anonymous source of one article, *guess* for anonymous sources grouped by outlet), kind,
    articles, quotes, claims, last seen."""
    name_w, seen_w = _columns(width)
    mark = "guess" if guess else "this article only" if scoped else ""
    room = name_w - 1 - (len(mark) + 3 if mark else 0)  # a blank before the kind, always
    shown = clip(name, max(6, room))
    style = pal.fg("nr-anonymous") if kind == "anonymous" else pal.fg("nr-named", bold=True)
    cell = Content(shown).stylize(style)
    if mark:
        cell = Content.assemble(cell, Content(f" · {mark}").stylize(Style(dim=True, italic=True)))
    cell = Content.assemble(cell, " " * max(0, name_w - cell.cell_length))
    cells = [
        cell,
        Content(clip(kind, SOURCE_KIND_WIDTH).ljust(SOURCE_KIND_WIDTH)).stylize(Style(dim=True)),
        Content(f"{articles:>8}{quotes:>8}{claims:>8}"),
        Content(f"  {last_seen[:seen_w]:<{seen_w}}").stylize(Style(dim=True)),
    ]
    return Content.assemble(*cells)


def ledger_sources_header(width: int) -> Content:
    name_w, seen_w = _columns(width)
    line = (
        "Source".ljust(name_w)
        + "Kind".ljust(SOURCE_KIND_WIDTH)
        + "Articles".rjust(8)
        + "Quotes".rjust(8)
        + "Claims".rjust(8)
        + "  "
        + "Last seen".ljust(seen_w)
    )
    return Content(line).stylize(Style(bold=True, dim=True))


def ledger_article_header(title: str, published: str | None, as_name: str = "") -> Content:
    """An article's heading in a source's record: the title, its date, and the name the
    source went by there when it differs."""
    parts: list[Content | str] = [
        Content(clip(title, 200)).stylize(Style(bold=True)),
        "  ",
        Content(published or "undated").stylize(Style(dim=True)),
    ]
    if as_name:
        parts += ["  ", Content(f"as {clip(as_name, 80)}").stylize(Style(dim=True, italic=True))]
    return Content.assemble(*parts)


def ledger_quote(text: str, direct: bool, mixed: bool, pal: Palette, *, limit: int = 600) -> Content:
    """A quote in a source's record: how it was reported, then its words (direct quotes in
    quotation marks, on the quote tint)."""
    how = "mixed" if mixed else "direct" if direct else "reported"
    label = Content(f"  {how:<8} ").stylize(Style(dim=True, italic=True))
    words = clip(text, limit)
    body = Content(f"“{words}”" if direct or mixed else words)
    if direct or mixed:
        body = body.stylize(pal.bg("nr-quote"))
    return Content.assemble(label, body)


def ledger_claim(text: str, status: str | None, pal: Palette, *, limit: int = 400) -> Content:
    """A claim under its quote: the review status glyph (in the status colour), the claim."""
    color = pal.status(status)
    glyph = Content(f"    {status_glyph(status)} ").stylize(
        Style(foreground=color, bold=True) if color is not None else Style(dim=True)
    )
    return Content.assemble(glyph, Content(clip(text, limit)).stylize(Style(dim=status is None)))


def one_line(text: str) -> str:
    """Line breaks (a snippet across paragraphs) as spaces, one character for one."""
    return safe_text(text).replace("\n", " ")


def marked(text: str, spans: Iterable[tuple[int, int]], pal: Palette) -> Content:
    """``text`` with the matched words (``spans``, offsets into it) in the search colour."""
    style = Style(background=pal["nr-search"], foreground=Color(0, 0, 0), bold=True)
    return Content(one_line(text), [Span(s, e, style) for s, e in spans if e > s])


def search_hit(
    title: str,
    published: str | None,
    snippet: str,
    spans: Sequence[tuple[int, int]],
    pal: Palette,
    *,
    speaker: str | None = None,
) -> Content:
    """A search result: title and date (and, for a quote, who said it), then the snippet
    with the matched words highlighted. ``snippet`` is plain (marks taken out) and
    ``spans`` are where the marks were."""
    head: list[Content | str] = [
        Content(clip(title, 200)).stylize(Style(bold=True)),
        "  ",
        Content(published or "undated").stylize(Style(dim=True)),
    ]
    if speaker:
        head += ["  ", Content(clip(speaker, 60)).stylize(pal.fg("nr-named", italic=True))]
    return Content("\n").join([Content.assemble(*head), marked(snippet, spans, pal)])


# -- article versions -------------------------------------------------------------------


def keycap(key: str) -> Content:
    """A key as the legend shows it: `` V `` in reverse video."""
    return Content(f" {key} ").stylize(Style(reverse=True, bold=True))


def versions_line(n: int, count: int, other: int, latest: bool, summary: str, key: str) -> Content:
    """The article header's line when other versions are kept: ``version 1 of 2 ·  V  what
    changed in version 2: 1 number revised, …`` (the key before the summary, which a narrow
    terminal may cut)."""
    what = f"what changed since version {other}: " if latest else f"what changed in version {other}: "
    return Content.assemble(
        Content(f"version {n} of {count}").stylize(Style(bold=True)),
        " · ",
        keycap(key),
        " ",
        Content(what),
        Content(one_line(summary)).stylize(Style(italic=True)),
    )


def added_style(pal: Palette) -> Style:
    return Style(foreground=pal["nr-status-supported"], bold=True)


def removed_style(pal: Palette) -> Style:
    return Style(foreground=pal["nr-status-false"], strike=True)


def version_marks(
    length: int, changed: Sequence[tuple[int, int]], words: Sequence[tuple[int, int]], side: str, pal: Palette
) -> list[Mark]:
    """Marks over one version's text in the diff view: what is outside its ``changed``
    paragraphs dimmed; the changed ``words`` green in the new version, red and struck
    through in the old one (offsets from the text diff's word runs)."""
    marks: list[Mark] = []
    pos = 0
    for start, end in sorted(changed):
        if start > pos:
            marks.append(Mark(pos, start, Style(dim=True), "unchanged"))
        pos = max(pos, end)
    if pos < length:
        marks.append(Mark(pos, length, Style(dim=True), "unchanged"))
    style = added_style(pal) if side == "new" else removed_style(pal)
    marks += [Mark(s, e, style, "changed") for s, e in words if e > s]
    return marks


def change_row(kind: str, what: str, old: str, new: str, detail: str, pal: Palette, *, limit: int = 160) -> Content:
    """A change in the diff view's list: ``number revised`` on top, then the old wording
    (red, struck through) → the new (green), then who or where, dimmed. Not indented: the
    list wraps a long quote to the row's left edge."""
    quoted = kind == "quote"

    def side(text: str, style: Style) -> Content:
        words = clip(text, limit)
        return Content(f"“{words}”" if quoted else words).stylize(style)

    head = Content.assemble(Content(kind).stylize(Style(bold=True)), " ", Content(what).stylize(Style(italic=True)))
    if detail and kind in ("quote", "source"):
        head = Content.assemble(head, "  ", Content(clip(detail, 60)).stylize(Style(dim=True)))
    pieces: list[Content | str] = []
    if old:
        pieces.append(side(old, removed_style(pal)))
    if old and new:
        pieces.append(" → ")
    if new:
        pieces.append(side(new, added_style(pal)))
    lines = [head, Content.assemble(*pieces)]
    if detail and kind not in ("quote", "source"):
        lines.append(Content(clip(detail, limit)).stylize(Style(dim=True)))
    return Content("\n").join(lines)
