"""Cost of the attribution layers on top of the spaCy pass.

Usage: ``.venv/bin/python benchmarks/bench_attribution.py [N]``

Parses N articles (default 50: /work/shared/corpus/articles when present, else the
dev-set copies in tests/data/attribution) three ways, best of three runs each:
raw ``nlp.pipe``; ``nlp.pipe`` + entities + ``extract_attributions``; and
``nlp.pipe`` + every analysis layer (``analyze``). Prints seconds and ratios.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/articles")


def articles(n: int):
    from newsreader.ingest import read_input

    folder = CORPUS if CORPUS.is_dir() else ROOT / "tests" / "data" / "attribution"
    files = sorted(folder.glob("*.txt"))
    files = [f for f in files if f.stat().st_size < 12_000][:n]
    return [read_input(str(f)) for f in files]


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    from newsreader.analysis.attribution import extract_attributions
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import analyze

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    items = articles(n)
    texts = [a.text for a in items]
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm up

    def raw():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def with_attribution():
        for doc in nlp.pipe(texts, batch_size=16):
            extract_attributions(doc, extract_entities(doc))

    def with_everything():
        for doc, article in zip(nlp.pipe(texts, batch_size=16), items):
            analyze(doc, article)

    t_raw = best(raw)
    t_attr = best(with_attribution)
    t_all = best(with_everything)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words")
    print(f"nlp.pipe                          {t_raw:.2f}s  1.00")
    print(f"nlp.pipe + entities + attribution {t_attr:.2f}s  {t_attr / t_raw:.2f}")
    print(f"nlp.pipe + all analysis layers    {t_all:.2f}s  {t_all / t_raw:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
