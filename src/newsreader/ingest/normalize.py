"""Text normalization, done once at ingest: every offset in the system indexes its output.

NFC, ``\\r\\n``/``\\r``/U+2028/U+2029 to ``\\n``, control characters other than ``\\n`` and
``\\t`` removed (this strips ANSI/OSC escape introducers, so escapes can't reach a
terminal), trailing spaces cut from lines, leading and trailing blank lines dropped.
"""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
# C0 and C1 controls and DEL, except tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    text = _SURROGATES.sub("\ufffd", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    return text.strip("\n")
