"""Profile the two hot paths with cProfile and print the top functions.

    python benchmarks/profile_hot.py parse [N]     # newsreader parse --no-cache on N corpus articles
    python benchmarks/profile_hot.py open [PATH]   # the app opening a cached article (headless, 120x40)

``open`` parses the article into a throwaway cache first, then profiles from before the
first newsreader import to the first idle screen, so imports count.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import corpus_files, newsreader_bin  # noqa: E402


def profile_parse(n: int) -> cProfile.Profile:
    files = corpus_files(n)
    prof = cProfile.Profile()
    prof.enable()
    from newsreader.cli import main

    with open(os.devnull, "w") as devnull:
        stdout, sys.stdout = sys.stdout, devnull
        try:
            main(["parse", "--no-cache", *files])
        finally:
            sys.stdout = stdout
    prof.disable()
    return prof


def profile_open(article: str | None = None) -> cProfile.Profile:
    article = article or corpus_files(1)[0]
    subprocess.run([newsreader_bin(), "parse", article], stdout=subprocess.DEVNULL, check=True)
    prof = cProfile.Profile()
    prof.enable()
    from newsreader.config import load_config
    from newsreader.ingest import read_input
    from newsreader.ui.app import NewsreaderApp, open_stores

    config = load_config()
    cache, reviews, notices = open_stores(config)
    app = NewsreaderApp(read_input(article), cache=cache, reviews=reviews, config=config, notices=notices)

    async def pilot(p):  # type: ignore[no-untyped-def]
        await p.pause()
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=pilot)
    prof.disable()
    print("spacy imported:", "spacy" in sys.modules)
    return prof


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "open"
    with tempfile.TemporaryDirectory(prefix="nrprof-") as home:
        os.environ["NEWSREADER_HOME"] = home
        prof = (
            profile_parse(int(argv[1]) if len(argv) > 1 else 40)
            if what == "parse"
            else profile_open(argv[1] if len(argv) > 1 else None)
        )
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(20)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
