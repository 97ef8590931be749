"""Hypothesis strategies for hostile article text."""

from __future__ import annotations

from hypothesis import strategies as st

QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`"
NASTY = [
    "\u0301",
    "\u0308\u0323",
    "e\u0301",
    "\U0001f600",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1fa\U0001f1f8",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\x00",
    "\x07",
    "\x1b",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x1b]52;c;aGk=\x07",
    "\x9b",
    "\x85",
    "\u2028",
    "\u2029",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "\ufffd",
    "\U0010ffff",
    "\uffff",
    "[b]",
    "[/]",
    "[@click=app.quit]",
    "<script>",
    "&amp;",
    "$5.6 billion",
    "12%",
    "Tuesday",
    "in June 2024",
    "\u00df",
    "\u0130",
    "\ufb01",
    "\u2126",
]
WORDS = [
    "the",
    "official",
    "said",
    "Joe",
    "Biden",
    "claimed",
    "according",
    "to",
    "Kyiv",
    "told",
    "reporters",
    "that",
    "several",
    "hundred",
    "troops",
    ",",
    ".",
    "?",
    "!",
    "(",
    ")",
    "-",
    "\u2014",
]

hostile_piece = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(WORDS),
    st.sampled_from(list(QUOTE_MARKS)),
    st.text(max_size=4),
)
hostile_text = st.lists(st.tuples(hostile_piece, st.sampled_from([" ", "", "\n", " "])).map("".join), max_size=60).map(
    "".join
)
any_text = st.one_of(hostile_text, st.text(max_size=200))
