"""Every key binding in one table, with ids and descriptions.

The footer, the ``?`` help screen and the command palette are all generated from
:data:`BINDINGS`. Users override keys by binding id in ``config.toml``::

    [keys]
    "article.cursor_down" = "j,down,ctrl+n"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from ..model.vocabulary import LAYERS, STATUSES


@dataclass(frozen=True)
class KeySpec:
    """One key binding: the source of the BINDINGS, the help screen and the palette."""

    id: str
    keys: str
    action: str
    description: str
    group: str
    show: bool = False
    key_display: str | None = None
    priority: bool = False
    label: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label or self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


def _spec(
    scope: str,
    name: str,
    keys: str,
    action: str,
    description: str,
    group: str,
    *,
    show: bool = False,
    key_display: str | None = None,
    priority: bool = False,
    label: str | None = None,
) -> KeySpec:
    return KeySpec(f"{scope}.{name}", keys, action, description, group, show, key_display, priority, label)


BINDINGS: tuple[KeySpec, ...] = (
    # -- everywhere
    _spec(
        "app",
        "help",
        "question_mark",
        "help",
        "Show the keys (this screen)",
        "General",
        show=True,
        key_display="?",
        label="Help",
    ),
    _spec(
        "app",
        "palette",
        "ctrl+p",
        "command_palette",
        "Command palette: every action by name",
        "General",
        label="Palette",
    ),
    # -- article: navigation
    _spec("article", "cursor_down", "j,down", "cursor_down", "Next line (or next row in the panel)", "Move"),
    _spec("article", "cursor_up", "k,up", "cursor_up", "Previous line (or previous row)", "Move"),
    _spec("article", "half_down", "ctrl+d", "half_page(1)", "Half a page down", "Move"),
    _spec("article", "half_up", "ctrl+u", "half_page(-1)", "Half a page up", "Move"),
    _spec("article", "page_down", "pagedown,space", "page(1)", "A page down", "Move"),
    _spec("article", "page_up", "pageup", "page(-1)", "A page up", "Move"),
    _spec("article", "top", "g,home", "edge(0)", "Top of the article", "Move"),
    _spec("article", "bottom", "G,end", "edge(1)", "Bottom of the article", "Move"),
    _spec(
        "article",
        "switch_pane",
        "tab",
        "switch_pane",
        "Switch between article and panel",
        "Move",
        show=True,
        key_display="tab",
        label="Pane",
    ),
    _spec("article", "jump", "enter", "jump", "Jump to the selected span in the article", "Move"),
    _spec("article", "next_tab", "t", "next_tab", "Next panel tab (Claims, Sources, Dates, Entities)", "Move"),
    _spec("article", "toggle_panel", "p", "toggle_panel", "Show or hide the side panel", "Move"),
    # -- article: search
    _spec(
        "article",
        "search",
        "slash",
        "search",
        "Search the article (what follows / is text)",
        "Search",
        show=True,
        key_display="/",
        priority=True,  # acted on as it arrives, so the keys typed after it go to the search
        label="Search",
    ),
    _spec("article", "search_next", "n", "search_step(1)", "Next match", "Search"),
    _spec("article", "search_prev", "N", "search_step(-1)", "Previous match", "Search"),
    # -- article: layers
    *(
        _spec("article", f"layer_{layer}", str(n), f"toggle_layer({layer!r})", f"Toggle {noun} highlights", "Layers")
        for n, (layer, noun) in enumerate(zip(LAYERS, ("entity", "quote", "number", "date"), strict=True), 1)
    ),
    # -- article: review (one key per status of the vocabulary)
    *(
        _spec(
            "article",
            status,
            key,
            f"review({status!r})",
            f"Mark the claim {status} and select the next one",
            "Review",
            show=True,
            label=label,
        )
        for status, key, label in zip(
            STATUSES, ("s", "x", "f", "v"), ("Support", "Dispute", "False", "Unverif."), strict=True
        )
    ),
    _spec("article", "clear", "c", "review(None)", "Clear the claim's status", "Review"),
    _spec("article", "note", "a", "note", "Add or edit a note on the claim", "Review", show=True, label="Note"),
    _spec("article", "undo", "z", "undo", "Undo the last review change", "Review"),
    _spec(
        "article",
        "next_unreviewed",
        "right_square_bracket",
        "unreviewed(1)",
        "Next unreviewed claim",
        "Review",
        key_display="]",
    ),
    _spec(
        "article",
        "prev_unreviewed",
        "left_square_bracket",
        "unreviewed(-1)",
        "Previous unreviewed claim",
        "Review",
        key_display="[",
    ),
    _spec(
        "article",
        "next_contested",
        "right_curly_bracket",
        "contested(1)",
        "Next contested claim (reviewers' verdicts differ)",
        "Review",
        key_display="}",
    ),
    _spec(
        "article",
        "prev_contested",
        "left_curly_bracket",
        "contested(-1)",
        "Previous contested claim",
        "Review",
        key_display="{",
    ),
    _spec(
        "article",
        "settle",
        "S",
        "settle",
        "Settle the claim: your verdict becomes the final one (adjudicator)",
        "Review",
    ),
    _spec("article", "mark_claim", "m", "mark_claim", "Mark the current sentence (or match) as a claim", "Review"),
    _spec("article", "dismiss_claim", "D", "dismiss_claim", "Dismiss a wrong claim", "Review"),
    _spec(
        "article",
        "export",
        "ctrl+s",
        "export",
        "Save an annotated copy (md, html, json, annotations, claimreview)",
        "Review",
        show=False,
        key_display="^s",
        label="Export",
    ),
    _spec(
        "article",
        "back",
        "escape",
        "back",
        "Close the search or the panel, else back to the library",
        "General",
        show=True,
        key_display="esc",
        label="Back",
    ),
    _spec("article", "quit", "q", "app.quit", "Quit newsreader (also ctrl+q)", "General", show=True, label="Quit"),
    _spec(
        "article",
        "versions",
        "V",
        "versions",
        "What changed between this version of the article and the newest (or the one before)",
        "Versions",
        label="Versions",  # not in the footer: the header says so when other versions are kept
    ),
    # -- library
    _spec("library", "open", "enter", "open", "Open the selected article", "Library", show=True, label="Open"),
    _spec(
        "library",
        "filter",
        "slash",
        "filter",
        "Filter by title, source or date (what follows / is text)",
        "Library",
        show=True,
        key_display="/",
        priority=True,  # acted on as it arrives, so the keys typed after it go to the filter
        label="Filter",
    ),
    _spec(
        "library",
        "sort",
        "s",
        "sort",
        "Sort by: newest first, title, source, claims left to review (remembered)",
        "Library",
        label="Sort",  # not in the footer: the header says "sorted by … (s)"
    ),
    _spec("library", "cursor_down", "j,down", "cursor(1)", "Next article", "Library"),
    _spec("library", "cursor_up", "k,up", "cursor(-1)", "Previous article", "Library"),
    _spec("library", "page_down", "pagedown,ctrl+d", "cursor_page(1)", "A page down", "Library"),
    _spec("library", "page_up", "pageup,ctrl+u", "cursor_page(-1)", "A page up", "Library"),
    _spec("library", "top", "g,home", "cursor_edge(0)", "First article", "Library"),
    _spec("library", "bottom", "G,end", "cursor_edge(1)", "Last article", "Library"),
    _spec(
        "library", "delete", "d", "delete", "Remove from the library (asks first)", "Library", show=True, label="Remove"
    ),
    # Not in the footer (80 columns hold the others, Sources and Search too, and a feed's
    # Refresh): the empty library, where the sample matters, says "press o" and has a button.
    _spec("library", "sample", "o", "open_sample", "Open the bundled sample article", "Library", label="Sample"),
    # -- library: feeds (shown once there are feeds: `newsreader feeds add`)
    _spec(
        "library",
        "refresh",
        "r",
        "refresh",
        "Refresh every feed (new articles appear as they arrive)",
        "Feeds",
        show=True,
        label="Refresh",
    ),
    _spec(
        "library",
        "toggle_read",
        "m",
        "toggle_read",
        "Mark the article read or unread (opening it marks it read)",
        "Feeds",
        label="Read",
    ),
    _spec(
        "library",
        "all_read",
        "A",
        "all_read",
        "Mark every article shown read: this feed's, or in All every feed's (asks first)",
        "Feeds",
    ),
    _spec(
        "library",
        "next_feed",
        "right_square_bracket,J",
        "feed(1)",
        "Next feed in the column",
        "Feeds",
        key_display="]",
    ),
    _spec(
        "library",
        "prev_feed",
        "left_square_bracket,K",
        "feed(-1)",
        "Previous feed in the column",
        "Feeds",
        key_display="[",
    ),
    _spec(
        "library",
        "sources",
        "S",
        "sources",
        "Sources across the library: who said what, in which articles",
        "Library",
        show=True,
        label="Sources",
    ),
    _spec(
        "library",
        "search",
        "F,ctrl+f",
        "search",
        "Search every article: titles, text, quotes and sources",
        "Library",
        show=True,
        key_display="F",
        label="Search",
    ),
    _spec("library", "clear_filter", "escape", "clear_filter", "Clear the filter (escape never quits)", "Library"),
    _spec("library", "quit", "q", "app.quit", "Quit newsreader (also ctrl+q)", "General", show=True, label="Quit"),
    # -- sources across the library (S in the library)
    _spec(
        "sources",
        "open",
        "enter",
        "open",
        "What the selected source said, article by article",
        "Sources",
        show=True,
        label="Quotes",
    ),
    _spec(
        "sources",
        "filter",
        "slash",
        "filter",
        "Filter by name (what follows / is text)",
        "Sources",
        show=True,
        key_display="/",
        priority=True,  # acted on as it arrives, so the keys typed after it go to the filter
        label="Filter",
    ),
    _spec(
        "sources",
        "kind",
        "t",
        "kind",
        "Only one kind of source: person, organization, anonymous, document, unknown, then all",
        "Sources",
        show=True,
        label="Kind",
    ),
    _spec("sources", "cursor_down", "j,down", "cursor(1)", "Next source", "Sources"),
    _spec("sources", "cursor_up", "k,up", "cursor(-1)", "Previous source", "Sources"),
    _spec("sources", "top", "g,home", "edge(0)", "First source", "Sources"),
    _spec("sources", "bottom", "G,end", "edge(1)", "Last source", "Sources"),
    _spec(
        "sources",
        "back",
        "escape",
        "back",
        "Close the filter, else back to the library",
        "General",
        show=True,
        key_display="esc",
        label="Back",
    ),
    _spec("sources", "quit", "q", "app.quit", "Quit newsreader (also ctrl+q)", "General", show=True, label="Quit"),
    # -- one source's quotes and claims (enter on a source)
    _spec(
        "source",
        "open",
        "enter",
        "open",
        "Open the article at the selected quote or claim, highlighted",
        "Sources",
        show=True,
        label="Open",
    ),
    _spec("source", "cursor_down", "j,down", "cursor(1)", "Next quote or claim", "Sources"),
    _spec("source", "cursor_up", "k,up", "cursor(-1)", "Previous quote or claim", "Sources"),
    _spec("source", "top", "g,home", "edge(0)", "First quote", "Sources"),
    _spec("source", "bottom", "G,end", "edge(1)", "Last quote or claim", "Sources"),
    _spec(
        "source",
        "back",
        "escape",
        "back",
        "Back to the sources",
        "General",
        show=True,
        key_display="esc",
        label="Back",
    ),
    _spec("source", "quit", "q", "app.quit", "Quit newsreader (also ctrl+q)", "General", show=True, label="Quit"),
    # -- search across the library (F in the library): what is typed is the query
    _spec(
        "search",
        "open",
        "enter",
        "open",
        "Open the selected result, every match highlighted (n and N step through them)",
        "Search",
        show=True,
        label="Open",
    ),
    _spec(
        "search",
        "quotes",
        "ctrl+t",
        "quotes",
        "Search only what sources said (quotes), or everything again",
        "Search",
        show=True,
        key_display="^t",
        label="Quotes only",
    ),
    _spec("search", "cursor_down", "down,j", "cursor(1)", "Next result (j once the results have the focus)", "Search"),
    _spec("search", "cursor_up", "up,k", "cursor(-1)", "Previous result (k once the results have the focus)", "Search"),
    _spec(
        "search",
        "edit",
        "slash",
        "edit",
        "Back to the query, from the results (what follows / is text)",
        "Search",
        key_display="/",
        priority=True,
    ),
    _spec(
        "search",
        "back",
        "escape",
        "back",
        "Back to the library",
        "General",
        show=True,
        key_display="esc",
        label="Back",
    ),
    # -- what changed between two versions of an article (V in an article)
    _spec(
        "diff",
        "open",
        "enter",
        "open",
        "Open the version shown at the selected change",
        "Versions",
        show=True,
        label="Open",
    ),
    _spec(
        "diff",
        "toggle",
        "o",
        "toggle_version",
        "Show the other version's text (old or new)",
        "Versions",
        show=True,
        label="Old/new",
    ),
    _spec("diff", "cursor_down", "j,down", "cursor(1)", "Next change (the text follows)", "Versions"),
    _spec("diff", "cursor_up", "k,up", "cursor(-1)", "Previous change", "Versions"),
    _spec("diff", "top", "g,home", "edge(0)", "First change", "Versions"),
    _spec("diff", "bottom", "G,end", "edge(1)", "Last change", "Versions"),
    _spec("diff", "page_down", "space,ctrl+d", "page(1)", "Scroll the text down", "Versions"),
    _spec("diff", "page_up", "ctrl+u", "page(-1)", "Scroll the text up", "Versions"),
    _spec(
        "diff",
        "back",
        "escape",
        "back",
        "Back to the article",
        "General",
        show=True,
        key_display="esc",
        label="Back",
    ),
    _spec("diff", "quit", "q", "app.quit", "Quit newsreader (also ctrl+q)", "General", show=True, label="Quit"),
)

GROUP_ORDER = ("General", "Move", "Search", "Layers", "Review", "Versions", "Library", "Feeds", "Sources")


def specs(scope: str) -> list[KeySpec]:
    return [s for s in BINDINGS if s.id.split(".", 1)[0] == scope]


def bindings(scope: str) -> list[BindingType]:
    """Textual bindings for a scope (``app``, ``article``, ``library``, ``sources``, ``source``, ``search``, ``diff``)."""
    return [s.binding() for s in specs(scope)]


def spec_by_id(binding_id: str) -> KeySpec | None:
    return next((s for s in BINDINGS if s.id == binding_id), None)


def display_key(key: str) -> str:
    """A key name as people write it: ``question_mark`` → ``?``, ``ctrl+d`` → ``ctrl+d``."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "right_curly_bracket": "}",
        "left_curly_bracket": "{",
        "space": "space",
        "escape": "esc",
    }
    return names.get(key, key)


def effective_keys(spec: KeySpec, keymap: dict[str, str] | None = None) -> str:
    """The keys for a spec after the user's keymap, as a display string (``j, down``)."""
    keys = (keymap or {}).get(spec.id, spec.keys)
    return ", ".join(display_key(k.strip()) for k in keys.split(","))


def help_rows(scopes: Iterable[str], keymap: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(group, keys, description) for the help screen, grouped in :data:`GROUP_ORDER`."""
    rows = [(s.group, effective_keys(s, keymap), s.description) for scope in scopes for s in specs(scope)]
    rows.sort(key=lambda r: GROUP_ORDER.index(r[0]) if r[0] in GROUP_ORDER else len(GROUP_ORDER))
    return rows


SCOPE_TITLES = {
    "app": "Everywhere",
    "article": "Reading an article",
    "library": "The library",
    "sources": "Sources across the library (S)",
    "source": "What one source said (enter on a source)",
    "search": "Searching the library (F)",
    "diff": "What changed between versions (V in an article)",
}


def keys_markdown() -> str:
    """Every key as Markdown tables, one per screen, from the same table as the help screen
    and the footer (the README's key section is this text; a test keeps them equal)."""
    out: list[str] = []
    for scope, title in SCOPE_TITLES.items():
        out += [f"**{title}**", "", "| keys | what it does | binding id |", "|---|---|---|"]
        for spec in specs(scope):
            keys = effective_keys(spec).replace("|", "\\|")
            what = spec.description.replace("|", "\\|")
            out.append(f"| `{keys}` | {what} | `{spec.id}` |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
