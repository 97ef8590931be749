"""The one vocabulary: review statuses, their labels and glyphs, highlight layers, entity
groups and the default highlight colours.

The reader, the exports, the themes and the config all read these names from here and
define none of their own, so a status or a colour means the same thing everywhere.
"""

from __future__ import annotations

import re
from typing import Final

# -- review statuses ---------------------------------------------------------------------

#: A reviewer's verdicts on a claim, in the order the keys and tables show them.
STATUSES: Final = ("supported", "disputed", "false", "unverifiable")

#: How a status (``None``: not reviewed yet) reads in words.
STATUS_LABELS: Final[dict[str | None, str]] = {
    "supported": "supported",
    "disputed": "disputed",
    "false": "false",
    "unverifiable": "unverifiable",
    None: "unreviewed",
}

#: One-character marks of a status, for the reader's lists and the HTML export.
STATUS_GLYPHS: Final[dict[str | None, str]] = {
    "supported": "✓",
    "disputed": "≈",
    "false": "✗",
    "unverifiable": "?",
    None: "·",
}

#: The marks Markdown viewers show in colour (GitHub renders the emoji).
STATUS_EMOJI: Final[dict[str | None, str]] = {
    "supported": "✅",
    "disputed": "⚠️",
    "false": "❌",
    "unverifiable": "❔",
    None: "·",
}


#: What a claim's verdicts come to (:func:`newsreader.model.review.claim_state`).
CLAIM_STATES: Final = ("unreviewed", "agreed", "contested", "settled")

#: The mark of a contested claim (reviewers' verdicts differ), in the reader and exports.
CONTESTED_GLYPH: Final = "⚡"


def status_label(status: str | None) -> str:
    """``"supported"`` … ``"unreviewed"``; an unknown status reads as itself."""
    return STATUS_LABELS.get(status, str(status))


def status_glyph(status: str | None) -> str:
    return STATUS_GLYPHS.get(status, STATUS_GLYPHS[None])


# -- highlight layers and entity groups ----------------------------------------------------

#: The layers a reader turns on and off (``1``–``4``, ``[layers]`` in config.toml).
LAYERS: Final = ("entities", "quotes", "numbers", "dates")

#: spaCy entity labels -> the colour group they are drawn in; the rest are "other".
ENTITY_GROUPS: Final[dict[str, str]] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


def entity_group(label: str) -> str:
    """PERSON → person, ORG → org, GPE/LOC/FAC → place, the rest → other."""
    return ENTITY_GROUPS.get(label, "other")


# -- the library ---------------------------------------------------------------------------

#: How the library can be sorted (``s`` cycles them; ``library_sort`` in config.toml), and
#: how each reads: newest publication first, title A–Z, source A–Z, most claims left to review.
LIBRARY_ORDERS: Final = ("published", "title", "source", "to_review")
LIBRARY_ORDER_LABELS: Final[dict[str, str]] = {
    "published": "newest first",
    "title": "title",
    "source": "source",
    "to_review": "claims left to review",
}

#: How the library marks a feed entry not read yet (its title is bold too); a read one has a blank.
UNREAD_GLYPH: Final = "●"


# -- colours -------------------------------------------------------------------------------

#: What a theme colour may look like: ``#hex``, ``rgb()``/``hsl()`` or a colour name. Theme
#: files are checked with it (and Textual's parser in the reader); the HTML export lets
#: nothing else into its style sheet.
COLOUR: Final = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/]+\)")

#: Theme variables are ``nr-<highlight>``: ``$nr-quote`` in CSS, ``nr-quote`` in a theme's variables.
HIGHLIGHT_PREFIX: Final = "nr-"

#: Every ``[highlights]`` key a theme file gives.
HIGHLIGHTS: Final = (
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-other",
    "quote",
    "number",
    "date",
    "anonymous",
    "named",
    "claim",
    "search",
    *(f"status-{status}" for status in STATUSES),
)

#: The highlights of the bundled ``newsreader-dark`` theme: what a theme without its own
#: ``nr-*`` colours (a Textual theme, an export with no theme) falls back to.
DARK_HIGHLIGHTS: Final[dict[str, str]] = {
    "entity-person": "#e8c07b",
    "entity-org": "#61afef",
    "entity-place": "#8ccf7e",
    "entity-other": "#c792ea",
    "quote": "#2b3349",
    "number": "#ff9e64",
    "date": "#f28b9a",
    "anonymous": "#e5a50a",
    "named": "#7fd1a0",
    "claim": "#3a4160",
    "search": "#f0c674",
    "status-supported": "#8ccf7e",
    "status-disputed": "#e5a50a",
    "status-false": "#f28b9a",
    "status-unverifiable": "#9aa5b8",
}

#: The highlights of the bundled ``newsreader-light`` theme, for light themes.
LIGHT_HIGHLIGHTS: Final[dict[str, str]] = {
    "entity-person": "#7a4f00",
    "entity-org": "#0550ae",
    "entity-place": "#17702f",
    "entity-other": "#7a3fd1",
    "quote": "#e4e9f5",
    "number": "#a84300",
    "date": "#c2185b",
    "anonymous": "#b8233a",
    "named": "#116329",
    "claim": "#cdd5ea",
    "search": "#fbbf24",
    "status-supported": "#17702f",
    "status-disputed": "#8a5a00",
    "status-false": "#b31d28",
    "status-unverifiable": "#57606a",
}

#: Page colours (``[colors]`` of the bundled themes) for exports with no theme of their own.
DARK_PAGE: Final[dict[str, str]] = {
    "background": "#1d2026",
    "foreground": "#dcdfe4",
    "surface": "#252930",
    "primary": "#61afef",
    "muted": "#9aa5b8",
}
LIGHT_PAGE: Final[dict[str, str]] = {
    "background": "#fafafa",
    "foreground": "#1f2328",
    "surface": "#e8eaee",
    "primary": "#0550ae",
    "muted": "#57606a",
}


def default_highlights(*, dark: bool = True) -> dict[str, str]:
    """The fallback colours as theme variables: ``{"nr-quote": "#2b3349", …}``."""
    table = DARK_HIGHLIGHTS if dark else LIGHT_HIGHLIGHTS
    return {HIGHLIGHT_PREFIX + key: value for key, value in table.items()}
