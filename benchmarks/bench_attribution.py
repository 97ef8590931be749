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

    # end to end, interleaved so that load from other processes hits all variants alike
    runs = {"raw": [], "attr": [], "all": []}
    for _ in range(3):
        for name, fn in (("raw", raw), ("attr", with_attribution), ("all", with_everything)):
            runs[name].append(best(fn, runs=1))
    t_raw, t_attr, t_all = (min(runs[k]) for k in ("raw", "attr", "all"))
    # layer cost alone, on Docs parsed once: the steadiest number on a busy machine
    docs = list(nlp.pipe(texts, batch_size=16))
    ents = [extract_entities(d) for d in docs]
    t_layer = best(lambda: [extract_attributions(d, e) for d, e in zip(docs, ents)])
    t_layers_all = best(lambda: [analyze(d, a) for d, a in zip(docs, items)])
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words")
    print(
        f"end to end: nlp.pipe {t_raw:.2f}s; + entities + attribution {t_attr:.2f}s ({t_attr / t_raw:.2f}x);"
        f" + all analysis layers {t_all:.2f}s ({t_all / t_raw:.2f}x)"
    )
    print(
        f"layers on parsed Docs: attribution {t_layer:.3f}s = {t_layer / t_raw:.1%} of nlp.pipe;"
        f" all layers {t_layers_all:.3f}s = {t_layers_all / t_raw:.1%}"
        f" -> (nlp.pipe + all layers) / nlp.pipe = {(t_raw + t_layers_all) / t_raw:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
