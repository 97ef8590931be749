"""HTML export: one self-contained page (inline CSS, no JavaScript, nothing fetched)
in the colours of the theme, with the article's layered highlights, the claims table,
sources and dates.

Overlapping spans (a date inside a quote inside a claim) are rendered by cutting the
text at every span boundary into segments, each wrapped once with the classes of all
the spans that cover it. Every piece of text goes through :func:`html.escape`; theme
values are checked to be colours before they reach the style sheet, and a
Content-Security-Policy forbids scripts outright.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ..model.article import set_off_start
from ..model.vocabulary import (
    COLOUR,
    DARK_HIGHLIGHTS,
    DARK_PAGE,
    LIGHT_PAGE,
    STATUSES,
    default_highlights,
    entity_group,
    status_glyph,
    status_label,
)
from .common import ClaimRow, ExportView, Layer, claim_ends, layers, segments, source_label

# Without a theme (or for what a theme lacks) the colours are the vocabulary's defaults:
# those of the bundled newsreader-dark (or, on a light page, newsreader-light) theme.
# Quote and claim colours are background tints, the others text colours, as in the reader.
# Theme keys that mean the same thing under another name (Textual theme names).
_ALIASES = {"panel": "surface", "text": "foreground", "text-muted": "muted", "accent": "primary"}

_NAME = re.compile(r"[a-z][a-z0-9-]{0,40}")


def theme_variables(theme: Mapping[str, str] | None) -> dict[str, str]:
    """The effective colours: defaults overlaid with the theme's valid colour values.

    Without a ``background``, the page is light when the theme's quote tint is light
    (a light theme), dark otherwise.
    """
    given: dict[str, str] = {}
    items = list((theme or {}).items())
    for key, value in items:  # direct names first, then aliases for what is still missing
        key = str(key)
        if key not in _ALIASES and isinstance(value, str) and _NAME.fullmatch(key) and COLOUR.fullmatch(value.strip()):
            given[key] = value.strip()
    for key, value in items:
        target = _ALIASES.get(str(key))
        if target and target not in given and isinstance(value, str) and COLOUR.fullmatch(value.strip()):
            given[target] = value.strip()
    light = _is_light(given.get("background") or given.get("nr-quote") or DARK_HIGHLIGHTS["quote"])
    return {**default_highlights(dark=not light), **(LIGHT_PAGE if light else DARK_PAGE), **given}


def _is_light(colour: str) -> bool:
    """Whether a ``#rgb``/``#rrggbb`` colour is light (other notations count as dark)."""
    if not colour.startswith("#") or len(colour) not in (4, 7):
        return colour.lower() in ("white", "ivory", "snow", "linen", "beige", "lightgray", "lightgrey", "whitesmoke")
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5


def render(view: ExportView, theme: Mapping[str, str] | None = None) -> str:
    doc = view.doc
    esc = html.escape
    title = doc.title.strip() or "Untitled"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="newsreader">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{_css(theme_variables(theme))}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(title)}</h1>",
        '<p class="meta">',
        f"<span>Published <strong>{esc(doc.published or 'unknown')}</strong></span>",
        f"<span>Source <strong>{esc(doc.source)}</strong></span>",
        f"<span>Document <code>{esc(doc.id[:16])}</code></span>",
        f"<span>Reviewed <strong>{view.reviewed} of {len(view.rows)}</strong> claims</span>",
        "</p>",
        _legend(),
        "</header>",
        "<main>",
        '<article class="text">',
        _article(view),
        "</article>",
        '<section id="claims">',
        "<h2>Claims</h2>",
        _claims(view),
        "</section>",
    ]
    if view.orphans or view.dismissed:
        parts += ['<section id="set-aside">', _set_aside(view), "</section>"]
    parts += [
        '<section id="sources">',
        "<h2>Sources</h2>",
        _sources(view),
        "</section>",
        '<section id="dates">',
        "<h2>Dates</h2>",
        _dates(view),
        "</section>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _css(colours: dict[str, str]) -> str:
    variables = "\n".join(f"  --{k}: {v};" for k, v in sorted(colours.items()))
    return f""":root {{
{variables}
}}
body {{ background: var(--background); color: var(--foreground); margin: 0;
  font: 17px/1.65 Georgia, "Times New Roman", serif; }}
header, main {{ max-width: 52rem; margin: 0 auto; padding: 0 1.5rem; }}
header {{ padding-top: 2rem; }}
h1 {{ font-size: 1.8rem; line-height: 1.25; margin: 0 0 .5rem; }}
h2 {{ color: var(--primary); font: 600 1.2rem/1.3 system-ui, sans-serif; margin: 2.2rem 0 .8rem;
  border-bottom: 1px solid var(--surface); padding-bottom: .3rem; }}
h3 {{ font: 600 1rem system-ui, sans-serif; }}
.meta {{ color: var(--muted); font: .85rem system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; }}
.meta strong {{ color: var(--foreground); font-weight: 600; }}
code {{ font: .85em ui-monospace, monospace; }}
.legend {{ font: .8rem system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .35rem; padding: 0; list-style: none; }}
.legend li {{ background: var(--surface); border-radius: 1em; padding: .1rem .6rem; }}
.text p {{ margin: 0 0 1rem; }}
.hl-quote {{ background: var(--nr-quote); }}
.hl-entity {{ color: var(--entity, var(--nr-entity-other)); }}
.ent-person {{ --entity: var(--nr-entity-person); }}
.ent-org {{ --entity: var(--nr-entity-org); }}
.ent-place {{ --entity: var(--nr-entity-place); }}
.hl-number {{ color: var(--nr-number); font-weight: 700; }}
.hl-date {{ color: var(--nr-date); text-decoration: underline; text-underline-offset: 3px; }}
.hl-anonymous {{ color: var(--nr-anonymous); font-weight: 700; }}
.hl-claim {{ --claim: var(--muted); -webkit-box-decoration-break: clone; box-decoration-break: clone; }}
.st-supported {{ --claim: var(--nr-status-supported); }}
.st-disputed {{ --claim: var(--nr-status-disputed); }}
.st-false {{ --claim: var(--nr-status-false); }}
.st-unverifiable {{ --claim: var(--nr-status-unverifiable); }}
.st-unreviewed {{ --claim: var(--muted); }}
.hl-claim.st-supported, .hl-claim.st-disputed, .hl-claim.st-false, .hl-claim.st-unverifiable {{
  box-shadow: inset 0 -3px 0 var(--claim); }}
.legend .hl-claim {{ box-shadow: inset 0 -3px 0 var(--nr-status-disputed); }}
sup.ref {{ font: 600 .65rem system-ui, sans-serif; margin-left: .1rem; }}
sup.ref a, td a {{ color: var(--claim, var(--primary)); text-decoration: none; }}
table {{ border-collapse: collapse; width: 100%; font: .88rem/1.45 system-ui, sans-serif; }}
th, td {{ text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--surface); }}
th {{ color: var(--muted); font-weight: 600; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.note {{ white-space: pre-wrap; }}
.status {{ display: inline-block; white-space: nowrap; border-radius: .3rem; padding: 0 .45rem;
  border: 1px solid var(--claim); color: var(--claim); }}
.badge {{ display: inline-block; border-radius: .3rem; padding: 0 .4rem; font-size: .75rem;
  border: 1px solid var(--nr-anonymous); color: var(--nr-anonymous); }}
.added {{ color: var(--muted); font-size: .8rem; }}
ul.timeline {{ list-style: none; padding: 0; font: .9rem/1.5 system-ui, sans-serif; }}
ul.timeline li {{ padding: .2rem 0; }}
ul.timeline .value {{ display: inline-block; min-width: 7.5rem; color: var(--nr-date); font-weight: 600; }}
.muted {{ color: var(--muted); }}
blockquote {{ margin: 0 0 0 1.2rem; padding-left: .8rem; border-left: 3px solid var(--muted); }}
.set-off {{ display: none; }}
"""


def _legend() -> str:
    items = [
        ("hl-entity ent-person", "person"),
        ("hl-entity ent-org", "organization"),
        ("hl-entity ent-place", "place"),
        ("hl-quote", "quote"),
        ("hl-number", "number"),
        ("hl-date", "date"),
        ("hl-anonymous", "anonymous source"),
        ("hl-claim", "reviewed claim"),
    ]
    chips = "".join(f'<li><span class="{cls}">{label}</span></li>' for cls, label in items)
    return f'<ul class="legend" aria-label="highlight legend">{chips}</ul>'


def _classes(active: tuple[Layer, ...]) -> list[str]:
    classes: list[str] = []
    for layer in active:
        if layer.kind == "entity":
            classes += ["hl-entity", f"ent-{entity_group(layer.detail)}"]
        elif layer.kind == "claim":
            classes += ["hl-claim", _status_class(None if layer.detail == "unreviewed" else layer.detail)]
        else:
            classes.append(f"hl-{layer.kind}")
    return list(dict.fromkeys(classes))


def _article(view: ExportView) -> str:
    text = view.doc.text
    ends = claim_ends(view)
    paragraphs: list[str] = []
    current: list[str] = []
    mark = _mark_end(text, 0)  # where a blockquote's "> " ends, in the paragraph being written
    for start, end, active in segments(text, layers(view)):
        piece = text[start:end]
        if piece == "\n":
            paragraphs += _paragraph(current, quoted=mark is not None)
            current = []
            mark = _mark_end(text, end)
            continue
        if mark is not None and start < mark:
            # the mark stays in the page (every character is kept), hidden
            current.append(f'<span class="set-off">{html.escape(text[start:mark])}</span>')
            start, piece = mark, text[mark:end]
            if not piece:
                continue
        classes = _classes(active)
        escaped = html.escape(piece)
        if classes:
            title = _title(active)
            current.append(f'<span class="{" ".join(classes)}"{title}>{escaped}</span>')
        else:
            current.append(escaped)
        for row in ends.get(end, []):
            current.append(_ref(row))
    paragraphs += _paragraph(current, quoted=mark is not None)
    return "\n".join(paragraphs)


def _mark_end(text: str, lo: int) -> int | None:
    """Where the words begin in the paragraph starting at ``lo``, when ingest marked it as a
    blockquote (``> ``)."""
    hi = text.find("\n", lo)
    return set_off_start(text, lo, len(text) if hi < 0 else hi)


def _paragraph(pieces: list[str], quoted: bool = False) -> list[str]:
    """One ``<p>`` of escaped, highlighted pieces (none when blank); a paragraph that ingest
    marked as a blockquote (``quoted``) is a ``<blockquote>`` again."""
    body = "".join(pieces).strip()
    if not body:
        return []
    return [f"<blockquote><p>{body}</p></blockquote>" if quoted else f"<p>{body}</p>"]


def _title(active: tuple[Layer, ...]) -> str:
    """A hover text naming what covers a segment: claims with their status, anonymous sources."""
    notes = []
    for layer in active:
        if layer.kind == "claim":
            notes.append(f"claim {layer.ref}: {layer.detail}")
        elif layer.kind == "anonymous":
            notes.append(f"anonymous source: {layer.detail}")
        elif layer.kind == "date" and layer.detail:
            notes.append(f"date {layer.detail}")
    return f' title="{html.escape("; ".join(notes))}"' if notes else ""


def _status_class(status: str | None) -> str:
    """The CSS class of a review status; anything unexpected gets a neutral class, never raw text."""
    if status is None:
        return "st-unreviewed"
    return f"st-{status}" if status in STATUSES else "st-other"


def _anchor(row: ClaimRow) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", row.claim.id)
    return f"claim-{safe}-{row.number}" if safe != row.claim.id else f"claim-{safe}"


def _ref(row: ClaimRow) -> str:
    return (
        f'<sup class="ref {_status_class(row.status)}"><a href="#{_anchor(row)}">{html.escape(row.claim.id)}</a></sup>'
    )


def _status(status: str | None) -> str:
    return (
        f'<span class="status {_status_class(status)}">{status_glyph(status)} '
        f"{html.escape(status_label(status))}</span>"
    )


def _claims(view: ExportView) -> str:
    if not view.rows:
        return '<p class="muted">No claims were found in this article.</p>'
    rows = []
    for row in view.rows:
        added = ' <span class="added">(added by reviewer)</span>' if row.reviewer_added else ""
        if row.source is not None and row.source.kind == "anonymous":
            source = html.escape(row.source.name) + ' <span class="badge">anonymous</span>'
        else:
            source = html.escape(source_label(row.source))
        rows.append(
            f'<tr id="{_anchor(row)}" class="{_status_class(row.status)}">'
            f"<td>{html.escape(row.claim.id)}</td><td>{html.escape(row.claim.text)}{added}</td>"
            f'<td>{source}</td><td>{_status(row.status)}</td><td class="note">{html.escape(row.note)}</td></tr>'
        )
    return (
        "<table>\n<thead><tr><th>#</th><th>Claim</th><th>Source</th><th>Status</th><th>Note</th></tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        f'<p class="muted">{view.reviewed} of {len(view.rows)} claims reviewed.</p>'
    )


def _set_aside(view: ExportView) -> str:
    parts = []
    if view.orphans:
        parts.append("<h3>Orphaned reviews</h3>")
        parts.append('<p class="muted">Reviews whose claim text is no longer found in the article.</p>')
        items = "".join(
            f"<li>{html.escape(r.claim_text)} {_status(r.status)}{' — ' + html.escape(r.note) if r.note else ''}</li>"
            for r in view.orphans
        )
        parts.append(f"<ul>{items}</ul>")
    if view.dismissed:
        parts.append("<h3>Dismissed claims</h3>")
        items = "".join(f"<li>{html.escape(c.text)}</li>" for c in view.dismissed)
        parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts)


def _sources(view: ExportView) -> str:
    if not view.sources:
        return '<p class="muted">No sources were found.</p>'
    rows = []
    for row in view.sources:
        badge = ' <span class="badge">anonymous</span>' if row.anonymous else ""
        rows.append(
            f"<tr><td>{html.escape(row.source.name)}{badge}</td><td>{html.escape(row.source.kind)}</td>"
            f'<td>{html.escape(row.source.description)}</td><td class="num">{row.mentions}</td>'
            f'<td class="num">{row.quotes}</td><td class="num">{row.claims}</td></tr>'
        )
    anonymous = sum(1 for r in view.sources if r.anonymous)
    return (
        "<table>\n<thead><tr><th>Source</th><th>Kind</th><th>Description</th><th>Mentions</th><th>Quotes</th>"
        "<th>Claims</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        f'<p class="muted">{len(view.sources)} sources, {anonymous} anonymous.</p>'
    )


def _dates(view: ExportView) -> str:
    if not view.dates:
        return '<p class="muted">No dates were found.</p>'
    items = []
    for date in view.dates:
        detail = ", ".join(d for d in (date.granularity or "", "relative to publication" if date.relative else "") if d)
        suffix = f' <span class="muted">({html.escape(detail)})</span>' if detail else ""
        items.append(
            f'<li><span class="value">{html.escape(date.value or "unresolved")}</span> '
            f"“{html.escape(date.text)}”{suffix}</li>"
        )
    return '<ul class="timeline">\n' + "\n".join(items) + "\n</ul>"
