"""Greedy word wrap to offsets: the article body and the side panel's lists wrap with it,
so a line's height is known from its plain text without building styled lines."""

from __future__ import annotations

import re

from rich.cells import cell_len

WORD = re.compile(r"\S+\s*")


def wrap_offsets(line: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph into (start, end) offsets of ``line``."""
    if not line:
        return [(0, 0)]
    width = max(4, width)
    measure = len if line.isascii() else cell_len
    if measure(line) <= width:
        return [(0, len(line))]
    out: list[tuple[int, int]] = []
    # An indent takes room on the first line too (the words are counted from the first one).
    start, col = 0, measure(line[: len(line) - len(line.lstrip())])
    for match in WORD.finditer(line):
        ws, we = match.span()
        word = match.group().rstrip()
        wlen = measure(word)
        if col and col + wlen > width:
            out.append((start, ws))
            start, col = ws, 0
        while wlen > width:  # a word longer than the line: hard break
            cut, used = ws, 0
            while cut < ws + len(word) and used + measure(line[cut]) <= width:
                used += measure(line[cut])
                cut += 1
            out.append((start, cut))
            start = ws = cut
            word = line[cut:we].rstrip()
            wlen = measure(word)
        col += measure(line[ws:we])
    out.append((start, len(line)))
    return out
