"""Who said what: quotes, their speakers resolved to sources, and claims.

Entry point :func:`extract_attributions`; the rules live in quotes.py, speakers.py,
sources.py and claims.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Claim, Entity, Quote, Source

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def extract_attributions(doc: "Doc", entities: list[Entity]) -> tuple[list[Quote], list[Source], list[Claim]]:
    return [], [], []
