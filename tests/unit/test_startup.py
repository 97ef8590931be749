"""Start-up is kept fast on purpose (``newsreader/lazy.py``): opening a cached article in
the reader imports none of the heavy modules that only parsing, other inputs or other
commands need. Runs a fresh interpreter, as a user's ``newsreader open`` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from newsreader.cli import main as newsreader_main

from ..conftest import SAMPLE

# What the first frame of a cached article must never wait for, and why it would be there.
KEPT_OFF_THE_START_PATH = (
    "spacy",  # the parser: only when a document is parsed
    "thinc",
    "numpy",
    "newsreader.analysis.pipeline",
    "trafilatura",  # the HTML extractor: only for web pages
    "lxml",
    "htmldate",
    "newsreader.ingest.html",
    "newsreader.ingest.fetch",  # the HTTP client: only for URLs
    "http.client",
    "charset_normalizer",  # only for text that is not UTF-8
    "dateparser",
    "markdown_it",  # only for Markdown files
    "newsreader.export",  # the exporters: only on ctrl+s or `newsreader export`
    "newsreader.service.export",
    "newsreader.ui.screens.library",  # the other screens and dialogs
    "newsreader.ui.screens.help",
    "newsreader.ui.screens.export",
    "newsreader.ui.screens.versions",  # only on V
    "rich.progress",  # batch work only
    "importlib.resources",  # only for a zipped install
)

PROBE = """
import asyncio, json, sys
from newsreader.config import load_config
from newsreader.service.inputs import read_input
from newsreader.service.stores import open_stores
from newsreader.ui.app import NewsreaderApp

article = read_input(sys.argv[1])
config = load_config()
stores = open_stores(config)
app = NewsreaderApp(article, cache=stores.cache, reviews=stores.reviews, config=config)

async def run():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.doc is not None, "the article was not a cache hit"

asyncio.run(run())
print(json.dumps(sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)))
"""


def test_a_cached_article_opens_without_the_heavy_modules(isolated_home, capsys):
    assert newsreader_main(["parse", str(SAMPLE)]) == 0  # now it is cached
    capsys.readouterr()
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLE), json.dumps(KEPT_OFF_THE_START_PATH)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) == []
