"""First paint and page-down of a 50,000-word article: newsreader vs a bare Textual app.

Run: ``NEWSREADER_HOME=$(mktemp -d) .venv/bin/python tests/ui/bench_first_paint.py``
(needs spaCy once, to parse the sample that is repeated to 50,000 words). Prints the
times and the ratios; the target is at most 1.5x the bare app.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

WORDS = 50_000
ROUNDS = 5


def big_document():
    from newsreader.analysis import parse_article
    from newsreader.ingest import read_input
    from newsreader.model import text_id
    from newsreader.service import sample_path

    article = read_input(str(sample_path()))
    doc = parse_article(article)
    copies = WORDS // len(doc.text.split()) + 1
    step = len(doc.text) + 1
    text = "\n".join([doc.text] * copies)

    def shifted(items):
        return tuple(
            replace(x, id=f"{x.id}-{k}", start=x.start + k * step, end=x.end + k * step)
            for k in range(copies) for x in items
        )

    big = replace(
        doc, text=text, id=text_id(text), entities=shifted(doc.entities), numbers=shifted(doc.numbers),
        dates=shifted(doc.dates), claims=shifted(doc.claims), quotes=tuple(
            replace(q, id=f"{q.id}-{k}", start=q.start + k * step, end=q.end + k * step, speaker=None, cue=None)
            for k in range(copies) for q in doc.quotes
        ), sources=(),
    )
    return replace(article, text=text), big


class Bare(App):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, markup=False)


async def measure(make) -> tuple[float, float]:
    started = time.perf_counter()
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        painted = time.perf_counter() - started
        focus = app.screen.query("ArticleBody") or app.screen.query(VerticalScroll)
        focus.first().focus()
        started = time.perf_counter()
        for _ in range(10):
            await pilot.press("pagedown")
            await pilot.pause()
        paged = (time.perf_counter() - started) / 10
    return painted, paged


def main() -> int:
    from newsreader.analysis.version import pipeline_version
    from newsreader.config import Config
    from newsreader.store import DocumentCache
    from newsreader.store.reviews import ReviewStore
    from newsreader.ui.app import NewsreaderApp

    article, doc = big_document()
    cache = DocumentCache()
    cache.put(doc, pipeline_version(Config().model))
    reviews = ReviewStore()
    print(f"{len(article.text.split()):,} words, {len(doc.entities):,} entities", file=sys.stderr)
    results = {"bare": [], "newsreader": []}
    for _ in range(ROUNDS):
        results["bare"].append(asyncio.run(measure(lambda: Bare(article.text))))
        results["newsreader"].append(asyncio.run(measure(lambda: NewsreaderApp(article, cache=cache, reviews=reviews))))
    med = {k: (statistics.median(p for p, _ in v), statistics.median(q for _, q in v)) for k, v in results.items()}
    for name, (paint, page) in med.items():
        print(f"{name:11s} first paint {paint * 1000:7.1f} ms   page-down {page * 1000:6.1f} ms")
    print(f"ratio       first paint {med['newsreader'][0] / med['bare'][0]:.2f}x   page-down {med['newsreader'][1] / med['bare'][1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
