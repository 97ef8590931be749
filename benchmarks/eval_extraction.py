"""Extraction quality on the HTML fixtures: newsreader's extractor vs trafilatura alone.

    .venv/bin/python benchmarks/eval_extraction.py [FIXTURE_DIR]

For every ``NAME.html`` with a ``NAME.gold.json`` (``title``, ``published``, ``text``
with one paragraph per line, ``url``) it prints main-text token F1 (bag of lower-cased
word tokens), title accuracy (exact after whitespace/case normalization) and date
accuracy (exact ``YYYY-MM-DD``), per page and averaged, for:

- ``newsreader``: :func:`newsreader.ingest.html.extract_html` (what ``read_input`` uses);
- ``trafilatura``: ``trafilatura.bare_extraction`` with its defaults and metadata;
- ``readability+htmldate``: readability-lxml's ``summary``/``short_title`` with
  ``htmldate.find_date(original_date=True)`` -- only when readability-lxml is installed
  (it is not a dependency: ``pip install readability-lxml``).

The fixture set is small (a handful of hand-made pages mimicking news layouts), so
these numbers show regressions and gross differences, not real-world accuracy.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE.parent / "tests" / "data" / "html"


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").casefold()))


def token_f1(predicted: str, gold: str) -> float:
    p, g = tokens(predicted), tokens(gold)
    common = sum((p & g).values())
    if not p or not g or not common:
        return 1.0 if not p and not g else 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def same_title(predicted: str | None, gold: str) -> bool:
    return " ".join((predicted or "").split()).casefold() == " ".join(gold.split()).casefold()


def load(path: Path) -> tuple[str, dict]:
    from newsreader.ingest.encoding import decode_bytes
    from newsreader.ingest.sniff import declared_charset

    data = path.read_bytes()
    html = decode_bytes(str(path), data, declared=declared_charset(data))
    gold = json.loads(path.with_name(path.name[: -len(".html")] + ".gold.json").read_text(encoding="utf-8"))
    return html, gold


def run_newsreader(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    from newsreader.ingest import IngestError
    from newsreader.ingest.html import extract_html

    try:
        ex = extract_html(html, url=url)
    except IngestError:
        return "", None, None
    return ex.text, ex.title, ex.published


def run_trafilatura(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return "", None, None
    return doc.text or "", doc.title, doc.date


def run_readability(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    import htmldate
    import lxml.html
    from readability import Document

    doc = Document(html)
    tree = lxml.html.fromstring(doc.summary(html_partial=True))
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//blockquote[not(p)]")
    text = "\n".join(" ".join(b.text_content().split()) for b in blocks) if blocks else tree.text_content()
    date = htmldate.find_date(html, original_date=True, url=url)
    return text, doc.short_title(), date


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    pages = sorted(p for p in folder.glob("*.html") if p.with_name(p.stem + ".gold.json").exists())
    systems = {"newsreader": run_newsreader, "trafilatura": run_trafilatura}
    try:
        import readability  # noqa: F401

        systems["readability+htmldate"] = run_readability
    except ImportError:
        print("(readability-lxml not installed: skipping readability+htmldate)", file=sys.stderr)
    totals = {name: [0.0, 0, 0] for name in systems}
    print(f"{'page':34} " + " ".join(f"{name[:22]:>24}" for name in systems))
    for path in pages:
        html, gold = load(path)
        cells = []
        for name, run in systems.items():
            text, title, date = run(html, gold.get("url"))
            f1 = token_f1(text, gold["text"])
            t_ok, d_ok = same_title(title, gold["title"]), date == gold["published"]
            totals[name][0] += f1
            totals[name][1] += t_ok
            totals[name][2] += d_ok
            cells.append(f"F1 {f1:.3f} T{'+' if t_ok else '-'} D{'+' if d_ok else '-'}".rjust(24))
        print(f"{path.stem[:34]:34} " + " ".join(cells))
    n = len(pages) or 1
    print(f"\n{len(pages)} pages (a small hand-made fixture set: indicative only)")
    print(f"{'system':24} {'text F1':>8} {'title acc':>10} {'date acc':>9}")
    for name, (f1, t, d) in totals.items():
        print(f"{name:24} {f1 / n:8.3f} {t / n:10.3f} {d / n:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
