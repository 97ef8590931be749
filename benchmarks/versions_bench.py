"""Version rows of ``make bench`` (issue 23): the structural diff of two 5,000-word versions
against parsing one of them (target <= 0.1), and what 20 versions of one article cost in
the version store against 20 full copies (target < 1).

The two versions are ``diff_bench.py``'s: an article of about 5,000 words from the corpus
(or the bundled texts), and a second version with a number revised, a quote's paragraph
removed and a paragraph moved. The 20 versions are that article with one more number
revised in each (a typical story's life: small edits), stored through ``VersionStore``
(first whole, then paragraph deltas, compressed).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from diff_bench import median_time, paragraphs_from_corpus, second_version
from ledger_bench import Figure

Alternate = Callable[[dict[str, Callable[[], float]], int], dict[str, float]]


def bench(rounds: int, words: int = 5000, log: Callable[[str], None] = print) -> Iterator[Figure]:
    from newsreader.analysis import parse_texts
    from newsreader.analysis.diff import diff_documents, text_diff

    paras = paragraphs_from_corpus(words)
    new_paras, notes = second_version(paras)
    old_text = "date 2024-12-18 Benchmark article\n" + "\n".join(paras)
    new_text = "date 2024-12-18 Benchmark article\n" + "\n".join(new_paras)
    n_words = sum(len(p.split()) for p in paras)
    list(parse_texts(["Warm-up: the model loads here, said the benchmark."]))
    old, new = parse_texts([old_text, new_text])
    parse = median_time(lambda: list(parse_texts([old_text])), max(3, rounds))
    diff = median_time(lambda: diff_documents(old, new), max(5, rounds * 2))
    words_diff = median_time(lambda: text_diff(old.text, new.text), max(5, rounds * 2))
    summary = diff_documents(old, new).summary()
    log(f"versions: a {n_words}-word article; version 2: {'; '.join(notes)} -> {summary}")
    yield Figure(
        f"structural diff of two {n_words}-word versions (diff/parse one)",
        diff,
        parse,
        target="<=0.1",
        note=f"diff_documents; the word diff for display adds {words_diff * 1000:.0f} ms; found: {summary}",
        key="diff_vs_parse",
    )
    yield from _storage(old.text, log)


def _storage(text: str, log: Callable[[str], None]) -> Iterator[Figure]:
    from newsreader.store.versions import Fetch, VersionStore

    numbers = list(re.finditer(r"(?<![\w.,])\d{2,4}(?![\w.,])", text))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "versions.sqlite3"
        with VersionStore(path) as store:
            current = text
            for k in range(20):
                if k:
                    m = numbers[(k * 7) % len(numbers)]
                    current = current[: m.start()] + str(int(m.group()) + k) + current[m.end() :]
                store.record(Fetch("bench", "https://example.org/a", "T", None, current, str(k)))
            stored = store.size()
            assert store.text("bench", 20) == current
        on_disk = path.stat().st_size
    copies = 20 * len(text.encode("utf-8"))
    log(f"  20 versions: {stored} bytes of payload, {on_disk} bytes on disk, 20 copies {copies} bytes")
    yield Figure(
        "20 versions of the article in the version store (stored/20 copies)",
        stored / 1024,
        copies / 1024,
        unit="KB",
        target="<=1",
        note=f"first version whole, then paragraph deltas, zlib; the file is {on_disk / 1024:.0f} KB with its "
        f"pages and indexes; one copy of the text is {len(text.encode('utf-8')) / 1024:.0f} KB",
        key="versions_vs_copies",
    )
