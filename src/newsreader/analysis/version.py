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

# Modules of the package that never run while a document is parsed: editing them must not
# throw away every cached document. diff.py compares two parsed documents (issue 23).
NOT_PIPELINE = frozenset({"diff.py"})


@cache
def pipeline_version(model: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name in NOT_PIPELINE:
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{model}+{digest.hexdigest()[:12]}"
