"""The one atomic file writer: exports, ``config.toml`` and anything else newsreader saves.

Readers never see a half-written file, and a crash leaves either the old file or the new
one (plus at worst a hidden ``.tmp`` file next to it): the text goes to a temporary file
in the same folder, is flushed and fsynced, then renamed over the target (or linked in
place when the target must not be overwritten), and the folder is fsynced.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], content: str, *, overwrite: bool = True, mkdir: bool = False) -> Path:
    """Write ``content`` (UTF-8) to ``path`` atomically and return it.

    With ``overwrite=False`` an existing file raises FileExistsError, also when it appears
    while writing. A replaced file keeps its permission bits; a new one gets the umask's.
    ``mkdir`` creates the folder first.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if mkdir:
        folder.mkdir(parents=True, exist_ok=True)
    if target.exists() and not overwrite:
        raise _exists(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        try:
            mode = target.stat().st_mode & 0o777 if overwrite else 0o666 & ~_umask()
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_no_clobber(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return target


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, "file exists (use --force to overwrite)", str(target))


def _link_no_clobber(tmp: Path, target: Path) -> None:
    """Publish ``tmp`` as ``target`` unless ``target`` appeared meanwhile (a hard link fails then)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError:
        # No hard links here (some network or FAT file systems): check, then rename.
        if target.exists():
            raise _exists(target) from None
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
