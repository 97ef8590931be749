"""Where newsreader keeps its files: platformdirs, or all under ``NEWSREADER_HOME``.

``NEWSREADER_HOME=/tmp/x`` puts cache, data, config and log in ``/tmp/x/{cache,data,config,log}``
(tests and throwaway runs). ``NEWSREADER_CACHE_DIR``, ``NEWSREADER_DATA_DIR`` and
``NEWSREADER_CONFIG_DIR`` and ``NEWSREADER_LOG_DIR`` redirect one each and win over ``NEWSREADER_HOME``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazy import lazy_import

if TYPE_CHECKING:
    import platformdirs
else:
    platformdirs = lazy_import("platformdirs")  # not needed when NEWSREADER_HOME or *_DIR is set

APP = "newsreader"


def _dir(kind: str) -> Path:
    specific = os.environ.get(f"NEWSREADER_{kind.upper()}_DIR")
    if specific:
        return Path(specific).expanduser()
    home = os.environ.get("NEWSREADER_HOME")
    if home:
        return Path(home).expanduser() / kind
    getter = {
        "cache": platformdirs.user_cache_dir,
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "log": platformdirs.user_log_dir,
    }[kind]
    return Path(getter(APP))


def cache_dir() -> Path:
    return _dir("cache")


def data_dir() -> Path:
    return _dir("data")


def config_dir() -> Path:
    return _dir("config")


def log_dir() -> Path:
    """Where ``newsreader.log`` goes: libraries' warnings and other diagnostics."""
    return _dir("log")
