"""A document of many one-sentence claims, for tests that write reviews in bulk (also in
child processes: they import this module with the repository root on PYTHONPATH)."""

from __future__ import annotations

from newsreader.model import Claim, Document


def claims_document(doc_id: str, n: int, sentence: str = "Sentence number {i} says something checkable.") -> Document:
    sentences = [sentence.format(i=i) for i in range(n)]
    claims, pos = [], 0
    for i, s in enumerate(sentences):
        claims.append(Claim(f"c{i + 1}", pos, pos + len(s), s, None, None))
        pos += len(s) + 1
    return Document(doc_id, "T", None, "t", " ".join(sentences), claims=tuple(claims))
