"""Read one input (a path or ``-``) into a :class:`RawArticle`, or raise :class:`IngestError`.

Checks, in order: exists, is a file, size limit, not empty, not binary, decodes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from .article import RawArticle, split_article, valid_iso_date
from .errors import IngestError
from .normalize import normalize_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def read_input(
    arg: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> RawArticle:
    """Read a path or ``-`` (standard input); ``published`` overrides the file's date."""
    if published is not None and not valid_iso_date(published):
        raise IngestError("--published", f"{published!r} is not a date in the form YYYY-MM-DD")
    if arg == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        source, name = "-", "stdin"
    else:
        data = _read_file(arg, max_bytes)
        source, name = arg, Path(arg).stem
    if len(data) > max_bytes:
        raise IngestError(source, f"larger than the size limit of {_human(max_bytes)}")
    text = decode_bytes(source, data)
    return article_from_text(text, source=source, fallback_title=name, published=published)


def article_from_text(text: str, *, source: str, fallback_title: str, published: str | None = None) -> RawArticle:
    """Normalize decoded text and split off the header; raise if no body is left."""
    text = normalize_text(text)
    if not text.strip():
        raise IngestError(source, "is empty")
    title, file_published, body = split_article(text, fallback_title)
    if not body.strip():
        raise IngestError(source, "has a header but no article text")
    return RawArticle(title=title, published=published or file_published, text=body, source=source)


def _read_file(arg: str, max_bytes: int) -> bytes:
    if not arg.strip():
        raise IngestError(repr(arg), "an empty path is not a file")
    path = Path(arg)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise IngestError(arg, "no such file") from None
    except PermissionError:
        raise IngestError(arg, "permission denied") from None
    except OSError as exc:
        raise IngestError(arg, exc.strerror or "cannot be read") from None
    if path.is_dir():
        raise IngestError(arg, "is a directory, not an article file")
    if not path.is_file():
        raise IngestError(arg, "is not a regular file")
    if st.st_size > max_bytes:
        raise IngestError(arg, f"is {_human(st.st_size)}, over the size limit of {_human(max_bytes)}")
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(arg, exc.strerror or "cannot be read") from None


def decode_bytes(source: str, data: bytes) -> str:
    """UTF-8 (with or without BOM); binary data and other encodings are reported."""
    if not data.strip():
        raise IngestError(source, "is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(source, "has a UTF-16 byte order mark but does not decode as UTF-16") from None
    if _looks_binary(data):
        raise IngestError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            source, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 20)


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


__all__ = ["read_input", "article_from_text", "decode_bytes", "DEFAULT_MAX_BYTES"]
