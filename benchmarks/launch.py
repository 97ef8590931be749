"""Start one contender in the benchmark pane and report on it at exit.

    python launch.py newsreader ARG...   # newsreader's own entry point, in this process
    python launch.py bare PATH           # bare_app.py

With ``NRBENCH_REPORT=FILE`` it writes ``{"maxrss_kb": ..., "spacy": ...}`` there at exit:
the peak resident set size of this process (``resource.getrusage``) and whether spaCy
was ever imported. Both contenders go through this same launcher, so process start and
the report cost the same on both sides.
"""

from __future__ import annotations

import json
import os
import resource
import sys


def _report() -> None:
    path = os.environ.get("NRBENCH_REPORT")
    if path:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"maxrss_kb": usage.ru_maxrss, "spacy": "spacy" in sys.modules}, fh)


def main() -> int:
    which, args = sys.argv[1], sys.argv[2:]
    try:
        if which == "newsreader":
            from newsreader.cli import main as newsreader_main

            return newsreader_main(args)
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from bare_app import main as bare_main

        return bare_main(args)
    finally:
        _report()


if __name__ == "__main__":
    sys.exit(main())
