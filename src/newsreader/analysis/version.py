"""The analysis pipeline's version, without importing spaCy.

It is derived from the source of every module in ``newsreader.analysis`` plus the
model name, so any rule change invalidates cached documents automatically and a
stale cache entry can never be served as current.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .. import __version__


@cache
def pipeline_version(model: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{model}+{digest.hexdigest()[:12]}"
