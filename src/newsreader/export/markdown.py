"""Markdown export that reads well on GitHub: a header, the article with a footnote
marker after each claim (reviewed claims in bold; quotes as written), a claims table, sources (anonymous ones flagged) and a dates
timeline.

Article text is data, never formatting: every character Markdown (or GitHub's
extensions: tables, strikethrough, math, footnotes) could read as syntax is escaped.
"""

from __future__ import annotations

import re

from ..model.vocabulary import STATUS_EMOJI, status_label
from .common import ClaimRow, ExportView, claim_ends, paragraphs, source_label

# Characters that start or end inline syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|~$])")
# Entity references (&amp; &#39;) that Markdown would decode.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block syntax recognised at the start of a line.
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")

STATUS_MARKS = {status: f"{STATUS_EMOJI[status]} {status_label(status)}" for status in STATUS_EMOJI}


def escape(text: str, *, line_start: bool = False) -> str:
    """Text as literal Markdown: inline syntax escaped; block syntax too when it starts a line."""
    out = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    if line_start:
        out = _LINE_START.sub(
            lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), out, count=1
        )
    return out


def escape_cell(text: str) -> str:
    """Text for a table cell, list item or footnote: escaped (block syntax too, since a list
    item's text starts a block), line breaks as ``<br>``."""
    lines = [escape(line.strip(), line_start=True) for line in text.strip().splitlines()]
    return "<br>".join(line for line in lines if line) or " "


def render(view: ExportView) -> str:
    doc = view.doc
    parts = [f"# {escape(doc.title.strip() or 'Untitled', line_start=False)}", ""]
    parts += [
        f"- **Published:** {escape(doc.published) if doc.published else 'unknown'}",
        f"- **Source:** {escape(doc.source)}",
        f"- **Document:** `{doc.id[:16]}`",
        f"- **Reviewed:** {view.reviewed} of {len(view.rows)} claims",
        "",
        "## Article",
        "",
    ]
    parts += _article(view)
    parts += ["## Claims", ""]
    parts += _claims_table(view)
    if view.orphans or view.dismissed:
        parts += _set_aside(view)
    parts += ["## Sources", ""]
    parts += _sources(view)
    parts += ["## Dates", ""]
    parts += _dates(view)
    parts += _footnotes(view)
    return "\n".join(parts).rstrip("\n") + "\n"


def _article(view: ExportView) -> list[str]:
    text = view.doc.text
    claims = [(r.claim.start, r.claim.end) for r in view.rows]
    reviewed = [(r.claim.start, r.claim.end) for r in view.rows if r.status is not None]
    ends = claim_ends(view)
    trimmed = []
    for start, end in paragraphs(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append((start, end))
    lines: list[str] = []
    near_claims = _per_paragraph(claims, trimmed)
    near_reviewed = _per_paragraph(reviewed, trimmed)
    for i, (start, end) in enumerate(trimmed):
        cuts = sorted({start, end} | {c for span in near_claims[i] for c in span if start < c < end})
        tokens: list[tuple[str, bool]] = []  # (markdown, bold?); footnote markers are never bold
        for a, b in zip(cuts, cuts[1:]):
            bold = any(s <= a and b <= e for s, e in near_reviewed[i])
            tokens.append((escape(text[a:b], line_start=a == start), bold))
            for row in ends.get(b, []):
                tokens.append((f"[^{_label(row)}]", False))
        # Claims that end in the blank stretch after this paragraph get their marker here.
        following = trimmed[i + 1][0] if i + 1 < len(trimmed) else len(text)
        for offset in range(end + 1, following + 1):
            tokens += [(f"[^{_label(row)}]", False) for row in ends.get(offset, [])]
        lines += [_join(tokens), ""]
    return lines


def _per_paragraph(spans: list[tuple[int, int]], paras: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """For each paragraph (in text order), the spans that overlap it: one sweep, not spans × paragraphs."""
    ordered = sorted(spans)
    out: list[list[tuple[int, int]]] = []
    active: list[tuple[int, int]] = []
    nxt = 0
    for start, end in paras:
        while nxt < len(ordered) and ordered[nxt][0] < end:
            active.append(ordered[nxt])
            nxt += 1
        active = [s for s in active if s[1] > start]
        out.append(list(active))
    return out


def _join(tokens: list[tuple[str, bool]]) -> str:
    """Consecutive bold pieces become one ``**run**`` with its outer whitespace left outside."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        joined = "".join(run)
        core = joined.strip()
        if core:
            lead = joined[: len(joined) - len(joined.lstrip())]
            trail = joined[len(joined.rstrip()) :]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(joined)
        run.clear()

    for piece, bold in tokens:
        if bold:
            run.append(piece)
        else:
            flush()
            out.append(piece)
    flush()
    return "".join(out)


def _label(row: ClaimRow) -> str:
    """A footnote label from the claim id when it is plain, else the claim's number."""
    return row.claim.id if re.fullmatch(r"[A-Za-z0-9_-]+", row.claim.id) else f"claim-{row.number}"


def _claims_table(view: ExportView) -> list[str]:
    if not view.rows:
        return ["No claims were found in this article.", ""]
    lines = ["| # | Claim | Source | Status | Note |", "|---|---|---|---|---|"]
    for row in view.rows:
        claim = escape_cell(row.claim.text)
        if row.reviewer_added:
            claim += " *(added by reviewer)*"
        source = escape_cell(source_label(row.source))
        if row.source is not None and row.source.kind == "anonymous":
            source = "⚠️ " + source
        lines.append(
            f"| {_label(row)} | {claim} | {source} | {STATUS_MARKS.get(row.status, escape(status_label(row.status)))} "
            f"| {escape_cell(row.note) if row.note else ' '} |"
        )
    return lines + ["", f"{view.reviewed} of {len(view.rows)} claims reviewed.", ""]


def _set_aside(view: ExportView) -> list[str]:
    lines: list[str] = []
    if view.orphans:
        lines += ["### Orphaned reviews", "", "Reviews whose claim text is no longer found in the article:", ""]
        for review in view.orphans:
            note = f" — {escape_cell(review.note)}" if review.note else ""
            lines.append(f"- {escape_cell(review.claim_text)} — {STATUS_MARKS.get(review.status, 'unreviewed')}{note}")
        lines.append("")
    if view.dismissed:
        lines += ["### Dismissed claims", "", "Claims of the analysis that the reviewer set aside:", ""]
        lines += [f"- {escape_cell(c.text)}" for c in view.dismissed]
        lines.append("")
    return lines


def _sources(view: ExportView) -> list[str]:
    if not view.sources:
        return ["No sources were found.", ""]
    lines = ["| Source | Kind | Description | Mentions | Quotes | Claims |", "|---|---|---|--:|--:|--:|"]
    for row in view.sources:
        name = escape_cell(row.source.name)
        kind = escape_cell(row.source.kind)
        if row.anonymous:
            name, kind = f"⚠️ {name}", f"**{kind}**"
        lines.append(
            f"| {name} | {kind} | {escape_cell(row.source.description)} | {row.mentions} | {row.quotes} | {row.claims} |"
        )
    anonymous = sum(1 for r in view.sources if r.anonymous)
    lines += ["", f"{len(view.sources)} sources, {anonymous} anonymous.", ""]
    return lines


def _dates(view: ExportView) -> list[str]:
    if not view.dates:
        return ["No dates were found.", ""]
    lines = []
    for date in view.dates:
        value = escape(date.value) if date.value else "unresolved"
        detail = [d for d in (date.granularity, "relative to publication" if date.relative else "") if d]
        suffix = f" ({', '.join(escape(d) for d in detail)})" if detail else ""
        lines.append(f"- **{value}** — “{escape_cell(date.text)}”{suffix}")
    return lines + [""]


def _footnotes(view: ExportView) -> list[str]:
    lines = []
    for row in view.rows:
        bits = [f"**{escape(status_label(row.status))}**", f"source: {escape_cell(source_label(row.source))}"]
        if row.note:
            bits.append(f"note: {escape_cell(row.note)}")
        text = "; ".join(bits)
        lines.append(f"[^{_label(row)}]: {text}{'' if text.endswith(('.', '!', '?')) else '.'}")
    return lines
