"""What a file's bytes are, before decoding: an HTML page? Which charset does it declare?

Kept apart from ``html.py`` (page extraction, with its patterns and trafilatura) so that
reading a plain text file asks these questions without importing the extractor.
"""

from __future__ import annotations

import re


def sniff_html(data: bytes) -> bool:
    """True when bytes start like an HTML document (``<!doctype html``, ``<html``)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    while head.startswith(b"<!--"):
        end = head.find(b"-->")
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return head.startswith((b"<!doctype html", b"<html"))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv`` (first 4 KB)."""
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", data[:4096], re.I)
    return match.group(1).decode("ascii") if match else None


def is_url(arg: str) -> bool:
    """``http://`` or ``https://``: an input to fetch, not a path (no network module imported)."""
    return arg[:8].lower().startswith(("http://", "https://"))
