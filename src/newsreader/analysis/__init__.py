"""Analysis: pure functions over spaCy Docs (never imports textual; spaCy only lazily).

Import :func:`parse_texts` from here for batch work; it loads spaCy on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import parse_article, parse_texts


def __getattr__(name: str) -> Any:
    if name in ("parse_texts", "parse_article"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


__all__ = ["parse_texts", "parse_article"]
