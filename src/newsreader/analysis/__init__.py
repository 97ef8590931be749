"""Analysis: pure functions over spaCy Docs (never imports textual; spaCy only lazily).

Import :func:`parse_texts` from here for batch work; it loads spaCy on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import parse_article, parse_texts


def __getattr__(name: str) -> Any:
    """``parse_texts`` and ``parse_article`` import the pipeline (and spaCy) on first use."""
    if name in ("parse_texts", "parse_article"):
        return getattr(importlib.import_module(f"{__name__}.pipeline"), name)
    raise AttributeError(name)


__all__ = ["parse_texts", "parse_article"]
