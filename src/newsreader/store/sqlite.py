"""Opening SQLite databases the same way everywhere: WAL, a busy timeout, and
recovery of a corrupt *cache* file (moved aside, never deleted silently)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout, safe for several processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # read-only media: keep the default journal; reads still work
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


# SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file is broken. Everything else
# (read-only, full disk, locked, can't open) is the environment's, and never a reason to
# move a file aside.
CORRUPTION_CODES = frozenset({11, 26})


def is_corruption(exc: BaseException) -> bool:
    """True when an SQLite error says the file itself is damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in CORRUPTION_CODES
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any: after a full disk or an I/O error SQLite has
    already rolled it back, and a second ROLLBACK would raise and hide the real error."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def move_aside(path: Path) -> Path:
    """Rename a broken database (and its WAL/SHM files) out of the way; return the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            src.replace(Path(str(target) + suffix))
    return target
