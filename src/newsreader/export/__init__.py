"""Annotated copies of a document: Markdown, HTML, JSON and W3C Web Annotations.

``render_export(doc, reviews, fmt)`` builds the text; ``write_export(path, content)``
puts it on disk atomically (a temporary file in the same folder, fsync, rename), never
over an existing file unless ``force``.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Mapping, Sequence

from ..model import Claim, Document
from ..store.reviews import Review
from .annotations import render as _render_annotations
from .common import build_view
from .html import render as _render_html
from .json_export import render as _render_json
from .markdown import render as _render_markdown

FORMATS = ("md", "html", "json", "annotations")
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "annotations": ".jsonld"}


def render_export(
    doc: Document,
    reviews: Mapping[str, Review],
    fmt: str,
    *,
    theme: dict[str, str] | None = None,
    claims: Sequence[Claim] | None = None,
    dismissed: Sequence[Claim] | None = None,
) -> str:
    """The export of ``doc`` with its ``reviews`` (``ReviewStore.reviews(doc)``) in ``fmt``.

    Pass ``claims=store.claims(doc)`` (and ``dismissed=store.dismissed(doc)``) so that
    reviewer-added and dismissed claims show; ``theme`` colours the HTML.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    view = build_view(doc, reviews, claims, dismissed)
    if fmt == "md":
        return _render_markdown(view)
    if fmt == "html":
        return _render_html(view, theme)
    if fmt == "json":
        return _render_json(view)
    return _render_annotations(view)


def write_export(path: str | os.PathLike[str], content: str, *, force: bool = False) -> Path:
    """Write ``content`` to ``path`` atomically; FileExistsError if it exists and not ``force``.

    Readers never see a half-written file, and a crash leaves either the old file or
    the new one (plus at worst a hidden ``.tmp`` file next to it).
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(errno.EEXIST, "file exists (use --force to overwrite)", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, target)
        else:
            _link_no_clobber(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return target


def _link_no_clobber(tmp: Path, target: Path) -> None:
    """Publish ``tmp`` as ``target`` unless ``target`` appeared meanwhile (a hard link fails then)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "file exists (use --force to overwrite)", str(target)) from None
    except OSError:
        # No hard links here (some network or FAT file systems): check, then rename.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "file exists (use --force to overwrite)", str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process umask, read without changing it (Linux); 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


__all__ = ["EXTENSIONS", "FORMATS", "render_export", "write_export"]
