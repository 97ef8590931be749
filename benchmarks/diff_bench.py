"""Cost of the structural diff of two versions against parsing one (issue 23, target ≤ 0.1).

Usage: ``.venv/bin/python benchmarks/diff_bench.py [WORDS] [ROUNDS]``

Builds one article of about WORDS words (default 5,000) from the bodies of the Wikinews
corpus at /work/shared/corpus/articles when present, else the bundled sample and
tests/data; makes a second version with a number revised, a quote's paragraph removed and
a paragraph moved; parses both with ``parse_texts`` (spaCy loaded and warm), then prints
the median time of ``diff_documents`` (and of ``text_diff``) over ROUNDS runs (default 7)
against the median time of parsing one version, and their ratio.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/articles")
FALLBACK = [
    ROOT / "src" / "newsreader" / "data",
    ROOT / "tests" / "data" / "attribution",
    ROOT / "tests" / "data" / "mainstream",
]


def paragraphs_from_corpus(words: int) -> list[str]:
    """Body paragraphs of the corpus articles, in file order, until ``words`` words."""
    folders = [CORPUS] if CORPUS.is_dir() else FALLBACK
    out: list[str] = []
    count = 0
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            body = lines[1:] if lines and lines[0].lstrip().startswith("date ") else lines
            for line in body:
                line = line.strip()
                if len(line.split()) < 8:  # subheads and bylines
                    continue
                out.append(line)
                count += len(line.split())
                if count >= words:
                    return out
    return out


def second_version(paras: list[str]) -> tuple[list[str], list[str]]:
    """The paragraphs with a number revised, a quoted paragraph removed and one moved; and
    a note of each edit."""
    new = list(paras)
    notes = []
    number = re.compile(r"(?<![\w.,])(\d{2,3})(?= (?:people|percent|per cent|troops|soldiers|civilians|years|members))")
    for k in range(len(new) // 3, len(new)):
        m = number.search(new[k])
        if m:
            revised = str(int(m.group(1)) + 3)
            new[k] = new[k][: m.start()] + revised + new[k][m.end() :]
            notes.append(f"number {m.group(1)} -> {revised} in paragraph {k}")
            break
    for k in range(len(new) // 2, len(new)):
        if new[k].startswith('"') and " said" in new[k]:
            notes.append(f"quote paragraph {k} removed: {new[k][:60]}…")
            del new[k]
            break
    moved = new.pop(len(new) // 4)
    new.insert(3 * len(new) // 4, moved)
    notes.append(f"paragraph moved from {len(paras) // 4} to {3 * len(new) // 4}: {moved[:50]}…")
    return new, notes


def median_time(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    from newsreader.analysis import parse_texts
    from newsreader.analysis.diff import diff_documents, text_diff

    words = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    paras = paragraphs_from_corpus(words)
    new_paras, notes = second_version(paras)
    old_text = "date 2024-12-18 Benchmark article\n" + "\n".join(paras)
    new_text = "date 2024-12-18 Benchmark article\n" + "\n".join(new_paras)
    print(f"article: {sum(len(p.split()) for p in paras)} words, {len(paras)} paragraphs")
    for note in notes:
        print(f"  edit: {note}")

    list(parse_texts(["Warm-up: the model loads here, said the benchmark."]))
    old, new = parse_texts([old_text, new_text])
    parse_rounds = max(3, rounds // 2)
    parse = median_time(lambda: list(parse_texts([old_text])), parse_rounds)
    diff = median_time(lambda: diff_documents(old, new), rounds)
    display = median_time(lambda: text_diff(old.text, new.text), rounds)
    result = diff_documents(old, new)
    print(f"  diff: {result.summary()}")
    print(f"  display: {len(text_diff(old.text, new.text))} paragraph edits")
    print(f"parse one version   {parse * 1000:9.1f} ms  (median of {parse_rounds})")
    print(f"diff_documents      {diff * 1000:9.1f} ms  (median of {rounds})")
    print(f"text_diff           {display * 1000:9.1f} ms  (median of {rounds})")
    ratio = diff / parse
    print(f"RESULT diff_vs_parse={ratio:.4f} ({'ok' if ratio <= 0.1 else 'over'} ≤ 0.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
