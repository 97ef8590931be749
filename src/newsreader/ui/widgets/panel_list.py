"""The side panel's list widget: an OptionList whose rows carry text spans.

A module of its own so that the panel's list, tab and option classes are imported when
the panel builds its tabs (after the first frame), not when the app starts.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

__all__ = ["Option", "PanelList"]


class PanelList(OptionList):
    """An OptionList whose rows carry text spans."""

    DEFAULT_CSS = """
    PanelList { height: 1fr; border: none; padding: 0; background: $surface; scrollbar-size-vertical: 1; }
    PanelList:focus { border: none; background-tint: $foreground 3%; }
    PanelList > .option-list--option { padding: 0 1 0 0; }
    """
