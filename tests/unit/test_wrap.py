"""The greedy word wrap the article body and the panel lists share."""

from __future__ import annotations

import pytest

from newsreader.ui.wrap import wrap_offsets

TEXT = "  reported We have found the weapons of mass destruction, which coincided with the report"


@pytest.mark.parametrize("width", [12, 20, 31, 40, 77])
def test_no_line_is_wider_than_the_width_an_indent_included(width):
    lines = [TEXT[s:e].rstrip() for s, e in wrap_offsets(TEXT, width)]
    assert all(len(line) <= width for line in lines), lines
    assert "".join(TEXT[s:e] for s, e in wrap_offsets(TEXT, width)) == TEXT


def test_a_short_line_is_one_line():
    assert wrap_offsets("  short", 40) == [(0, 7)]
