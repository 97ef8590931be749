"""Bytes -> str: BOMs, UTF-8, a declared charset, then detection of legacy 8-bit encodings.

Order: empty check; UTF-16/UTF-32 byte order mark; binary check; strict UTF-8 (with or
without BOM); the charset the source declared (HTTP header, ``<meta charset>``) when it
decodes cleanly; then charset-normalizer, limited to the encodings news text really
comes in (cp1252/latin-1, cp1250, cp1251/koi8-r, Greek, Turkish, Baltic, Hebrew,
Arabic, CJK). charset-normalizer ranks candidates by "chaos" (implausible characters)
and "coherence" (language fit); on short Latin text several code pages tie, so ties
go to the encoding most common on the web (cp1252 first, as browsers do for latin-1).
Bytes that fit no encoding are reported with the first bad UTF-8 byte.

charset-normalizer is imported only when UTF-8 fails: a plain UTF-8 file stays fast.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from ..lazy import lazy_import
from ..model.article import IngestError

if TYPE_CHECKING:
    import charset_normalizer
else:
    charset_normalizer = lazy_import("charset_normalizer")  # only for text that is not UTF-8

# Candidate encodings in order of preference when charset-normalizer ties.
PREFERRED = (
    "cp1252",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "iso8859_15",
    "latin_1",
    "koi8_u",
    "iso8859_5",
    "mac_cyrillic",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1257",
    "iso8859_13",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)
_TIE = 0.02  # chaos/coherence differences below this are noise on short inputs


def decode_bytes(source: str, data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` or raise :class:`IngestError`; ``declared`` is a charset label to try first."""
    if not data.strip():
        raise IngestError(source, "is empty")
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                name = "UTF-32" if codec == "utf-32" else "UTF-16"
                raise IngestError(source, f"has a {name} byte order mark but does not decode as {name}") from None
    if looks_binary(data):
        raise IngestError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    declared_codec = _codec(declared)
    if declared_codec and declared_codec not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared_codec)
        except UnicodeDecodeError:
            pass
    text = detect_legacy(data)
    if text is None:
        raise IngestError(
            source,
            f"is not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) "
            "and fits no other known text encoding",
        )
    return text


def detect_legacy(data: bytes) -> str | None:
    """The most plausible decoding of non-UTF-8 text, or ``None`` when nothing fits."""
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(PREFERRED)))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos - best_chaos <= _TIE]
    best_coherence = max(m.coherence for m in close)
    close = [m for m in close if best_coherence - m.coherence <= _TIE]

    def rank(encoding: str) -> int:
        return PREFERRED.index(encoding) if encoding in PREFERRED else len(PREFERRED)

    encoding = min((enc for m in close for enc in [m.encoding, *m.could_be_from_charset]), key=rank)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:  # pragma: no cover - charset-normalizer decoded it already
        return str(close[0])


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 20)


def _codec(label: str | None) -> str | None:
    """The Python codec name for a charset label, or ``None`` when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        label = "cp1252"  # what browsers do (WHATWG Encoding Standard)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
