"""Helpers for the reliability suite: run the real ``newsreader`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(sys.executable).with_name("newsreader")
NEWSREADER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "newsreader.cli"]


def run_cli(args, home: Path, *, input: bytes | None = None, timeout: float = 180, env=None):
    """``newsreader ARGS`` with its own NEWSREADER_HOME; returns the CompletedProcess (bytes)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    environ.update({"NEWSREADER_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb"})
    environ.update(env or {})
    return subprocess.run(
        [*NEWSREADER, *map(str, args)], input=input, capture_output=True, timeout=timeout, env=environ
    )


def assert_one_line_error(proc) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line, and no traceback."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err[-2000:])
    assert proc.stdout == b""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("newsreader: error: ")
    return lines[0]


@pytest.fixture
def home(isolated_home):
    return isolated_home
