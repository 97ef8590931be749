"""Value accuracy of dates and numbers on the hand-labelled dev set, next to dateparser.

    .venv/bin/python benchmarks/eval_dates_numbers.py [--gold tests/data/dates_numbers/gold.json] [-v]

Gold: ``tests/data/dates_numbers/gold.json`` (see the README next to it). Gold items
are in text order (see :func:`gold_spans`); a prediction counts for it
when a predicted span overlaps it (the largest overlap wins) and the value is equal
(numbers: within 1e-6 relative; vague gold = value null).

Baseline: ``dateparser.search.search_dates`` over the whole body with
``RELATIVE_BASE`` = publication date and ``PREFER_DATES_FROM = 'past'``. It returns
datetimes without a granularity, so each is formatted at the **gold** granularity
(day, ISO week, month or year) - a generous reading of the baseline.

Scores are printed per split: ``dev`` (the articles the rules were developed on),
``heldout`` (labelled after the rules were written, never used to tune them) and all.
It also prints the time of the spaCy pass and of the date + number layers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "dates_numbers" / "gold.json"


def gold_spans(text: str, items: list[dict], kind: str) -> list[tuple[int, int, dict]]:
    """Offsets of each gold item: items are in text order, each is the first whole-word
    occurrence of its text after the end of the item before it (of the same list)."""
    spans, cursor = [], 0
    for item in items:
        start = find_word(text, item["text"], cursor)
        if start < 0:
            raise SystemExit(f"gold {kind} {item['text']!r} not in the text after offset {cursor}")
        cursor = start + len(item["text"])
        spans.append((start, start + len(item["text"]), item))
    return spans


def find_word(text: str, needle: str, start: int) -> int:
    """``text.find`` that skips hits glued to letters or digits ("25,000" inside "125,000")."""
    while True:
        i = text.find(needle, start)
        if i < 0:
            return i
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(needle)] if i + len(needle) < len(text) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return i
        start = i + 1


def best_overlap(start: int, end: int, predicted: list[tuple[int, int, object]]) -> object | None:
    best, best_len = None, 0
    for s, e, value in predicted:
        overlap = min(end, e) - max(start, s)
        if overlap > best_len:
            best, best_len = value, overlap
    return best


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def as_granularity(when: dt.datetime, gold_value: str) -> str:
    if "W" in gold_value:
        year, week, _ = when.date().isocalendar()
        return f"{year:04d}-W{week:02d}"
    return when.date().isoformat()[: len(gold_value)]


def dateparser_spans(text: str, pub: dt.date) -> list[tuple[int, int, dt.datetime]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day), "PREFER_DATES_FROM": "past"}
    found = search_dates(text, languages=["en"], settings=settings) or []
    spans, cursor = [], 0
    for substring, when in found:
        start = text.find(substring, cursor)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        cursor = start + len(substring)
        spans.append((start, cursor, when))
    return spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)

    from newsreader.analysis.dates import extract_dates
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.numbers import extract_numbers
    from newsreader.ingest import read_input

    gold = json.loads(args.gold.read_text(encoding="utf-8"))["articles"]
    nlp = load_nlp()
    articles = [read_input(str(args.gold.parent / entry["file"])) for entry in gold]
    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles]))
    t_spacy = time.perf_counter() - t0
    t_layers = t_baseline = 0.0
    splits: dict[str, dict[str, list[int]]] = {}
    for entry, article, doc in zip(gold, articles, docs):
        counts = splits.setdefault(entry.get("split", "dev"), {"dates": [0, 0, 0], "numbers": [0, 0], "units": [0, 0]})
        text, pub = article.text, dt.date.fromisoformat(article.published)
        t0 = time.perf_counter()
        dates = extract_dates(doc, article.published)
        numbers = extract_numbers(doc)
        t_layers += time.perf_counter() - t0
        if not args.no_baseline:
            t0 = time.perf_counter()
            baseline = dateparser_spans(text, pub)
            t_baseline += time.perf_counter() - t0
        else:
            baseline = []
        ours = [(d.start, d.end, d.value) for d in dates]
        for start, end, item in gold_spans(text, entry["dates"], "date"):
            counts["dates"][2] += 1
            got = best_overlap(start, end, ours)
            if got == item["value"]:
                counts["dates"][0] += 1
            elif args.verbose:
                print(f"  date miss {entry['file']} {item['text']!r}: gold {item['value']} ours {got}")
            when = best_overlap(start, end, baseline)
            if isinstance(when, dt.datetime) and as_granularity(when, item["value"]) == item["value"]:
                counts["dates"][1] += 1
        predicted = [(n.start, n.end, n) for n in numbers]
        for start, end, item in gold_spans(text, entry["numbers"], "number"):
            counts["numbers"][1] += 1
            got = best_overlap(start, end, predicted)
            value = got.value if got is not None else None
            if got is not None and same_number(value, item["value"]):
                counts["numbers"][0] += 1
            elif args.verbose:
                print(
                    f"  number miss {entry['file']} {item['text']!r}: gold {item['value']} ours "
                    f"{(got.text, got.kind, got.value) if got else None}"
                )
            if item["unit"] is not None:
                counts["units"][1] += 1
                if got is not None and got.unit == item["unit"]:
                    counts["units"][0] += 1
                elif args.verbose:
                    print(
                        f"  unit miss {entry['file']} {item['text']!r}: gold {item['unit']} ours {got.unit if got else None}"
                    )

    splits["all"] = {
        key: [sum(c[key][i] for c in splits.values()) for i in range(len(c0))]
        for key, c0 in next(iter(splits.values())).items()
    }
    for name, counts in splits.items():
        ours_d, base_d, n_d = counts["dates"]
        n_ok, n_all = counts["numbers"]
        u_ok, u_all = counts["units"]
        size = len(gold) if name == "all" else sum(1 for e in gold if e.get("split", "dev") == name)
        print(f"[{name}] {size} articles, {n_d} calendar dates, {n_all} numbers")
        print(f"  {'':24}{'newsreader':>12}{'dateparser':>12}")
        base = f"{base_d / n_d:>12.3f}" if not args.no_baseline else f"{'-':>12}"
        print(f"  {'date value accuracy':24}{ours_d / n_d:>12.3f}{base}   ({ours_d}/{n_d} vs {base_d}/{n_d})")
        print(f"  {'number value accuracy':24}{n_ok / n_all:>12.3f}{'-':>12}   ({n_ok}/{n_all})")
        print(f"  {'number unit accuracy':24}{u_ok / u_all:>12.3f}{'-':>12}   ({u_ok}/{u_all})")
    print(
        f"time: spaCy pass {t_spacy:.2f}s, dates+numbers layers {t_layers:.3f}s "
        f"({100 * t_layers / t_spacy:.1f}% of spaCy), dateparser search_dates {t_baseline:.2f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
