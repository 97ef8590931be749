"""Batch parsing streams: input read in chunks, cache hits without spaCy, order kept,
``--jobs`` output identical to one process, progress bar quiet when piped.

Timings are never asserted here; ``test_bench_quick`` only checks that the benchmark
script runs and prints its summary line.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.analysis.nlp import DEFAULT_MODEL
from newsreader.analysis.version import pipeline_version
from newsreader.ingest import article_from_text
from newsreader.model import text_id
from newsreader.service import documents_for
from newsreader.store import DocumentCache

ROOT = Path(__file__).parents[2]

TEXTS = [
    "The mayor said on Tuesday that the bridge would reopen in June.",
    "Officials counted 1,200 ballots, according to a spokeswoman for the county.",
    "Rain is expected in Paris next week, the weather service said.",
    "The company reported a profit of $5.6 billion for the year.",
    "Thousands of people marched through Berlin on Saturday.",
]


def _article(i: int, text: str):
    return article_from_text(f"date 2024-12-18 Story {i}\n{text}", source=f"story-{i}.txt", fallback_title=f"story {i}")


class Counting:
    """An iterable of articles that records how many were pulled from it."""

    def __init__(self, articles):
        self.articles = list(articles)
        self.pulled = 0

    def __iter__(self):
        for article in self.articles:
            self.pulled += 1
            yield article


@pytest.fixture
def cache(tmp_path):
    with DocumentCache(tmp_path / "docs.sqlite3") as c:
        yield c


def test_order_is_kept_with_hits_and_misses_mixed(cache, nlp):
    articles = [_article(i, t) for i, t in enumerate(TEXTS)]
    first = list(documents_for(articles[1::2], cache))  # stories 1 and 3 become hits
    assert [d.title for d in first] == ["Story 1", "Story 3"]
    parsed = []
    docs = list(documents_for(articles, cache, on_parsed=parsed.append, chunk_size=2))
    assert [d.title for d in docs] == [f"Story {i}" for i in range(5)]
    assert [d.title for d in parsed] == ["Story 0", "Story 2", "Story 4"]
    assert all(d.text == a.text for d, a in zip(docs, articles))
    assert cache.stats()["documents"] == 5


def test_all_hits_read_the_input_chunk_by_chunk(cache, nlp):
    articles = [_article(i, t) for i, t in enumerate(TEXTS)]
    list(documents_for(articles, cache))
    source = Counting(articles * 4)  # 20 inputs, all hits
    stream = documents_for(source, cache, chunk_size=3)
    next(stream)
    assert source.pulled == 3  # one chunk, not the whole batch
    assert len(list(stream)) == 19
    assert source.pulled == 20


def test_misses_stream_without_reading_the_whole_input(cache, nlp):
    endless = (_article(i, TEXTS[i % len(TEXTS)] + f" Item {i}.") for i in itertools.count())
    stream = documents_for(endless, cache, chunk_size=4)
    titles = [d.title for d in itertools.islice(stream, 3)]
    stream.close()
    assert titles == ["Story 0", "Story 1", "Story 2"]
    assert cache.stats()["documents"] == 3  # what was parsed is cached when the consumer stops


def test_parse_texts_is_lazy(nlp):
    from newsreader.analysis import parse_texts

    endless = (TEXTS[i % len(TEXTS)] for i in itertools.count())
    docs = list(itertools.islice(parse_texts(endless), 2))
    assert [d.text for d in docs] == TEXTS[:2]


def test_a_cache_hit_run_never_imports_spacy(tmp_path, nlp):
    home = tmp_path / "home"
    version = pipeline_version(DEFAULT_MODEL)
    article = _article(0, TEXTS[0])
    with DocumentCache(home / "cache" / "documents.sqlite3") as c:
        list(documents_for([article], c))
        assert c.get(text_id(article.text), version, article.published) is not None
    code = (
        "import sys\n"
        "from newsreader.ingest import article_from_text\n"
        "from newsreader.service import documents_for\n"
        "from newsreader.store import DocumentCache\n"
        f"a = article_from_text({('date 2024-12-18 Story 0' + chr(10) + TEXTS[0])!r}, source='story-0.txt', fallback_title='x')\n"
        "docs = list(documents_for([a, a], DocumentCache()))\n"
        "print(len(docs), 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=_env(home), capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False"]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    env["NEWSREADER_HOME"] = str(home)
    return env


def _write_inputs(tmp_path: Path) -> list[str]:
    paths = []
    for i, text in enumerate(TEXTS[:3]):
        p = tmp_path / f"story-{i}.txt"
        p.write_text(f"date 2024-12-18 Story {i}\n{text}\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def _parse(args: list[str], home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "parse", *args], env=_env(home), capture_output=True, check=True
    )


def test_jobs_2_gives_the_same_json_lines_as_one_process_and_no_progress_when_piped(tmp_path):
    paths = _write_inputs(tmp_path)
    one = _parse(["--no-cache", *paths], tmp_path / "h1")
    two = _parse(["--no-cache", "--jobs", "2", *paths], tmp_path / "h2")
    assert one.stdout == two.stdout
    assert [json.loads(line)["title"] for line in one.stdout.splitlines()] == ["Story 0", "Story 1", "Story 2"]
    assert one.stderr == b"" and two.stderr == b""  # piped stderr: no progress bar


def test_a_batch_keeps_going_past_bad_inputs_with_an_error_record_in_place(tmp_path):
    paths = _write_inputs(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    args = [paths[0], str(tmp_path / "missing.txt"), paths[1], str(empty), paths[2], str(tmp_path / "gone.txt")]
    out = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "parse", *args],
        env=_env(tmp_path / "h"),
        capture_output=True,
    )
    assert out.returncode == 2
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["schema"] for r in records] == [
        "newsreader.document/1",
        "newsreader.error/1",
        "newsreader.document/1",
        "newsreader.error/1",
        "newsreader.document/1",
        "newsreader.error/1",
    ]
    assert [r["title"] for r in records if "title" in r] == ["Story 0", "Story 1", "Story 2"]
    errors = [r for r in records if r["schema"] == "newsreader.error/1"]
    assert [r["source"] for r in errors] == [args[1], args[3], args[5]]
    assert "no such file" in errors[0]["error"] and "is empty" in errors[1]["error"]
    err = out.stderr.decode()
    assert "missing.txt" in err and "3 of 6 inputs could not be read" in err and "Traceback" not in err


def test_bench_quick_runs_and_prints_the_summary_line(tmp_path):
    """The benchmark harness works end to end (tiny sizes); its numbers are not checked."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        env=_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("SUMMARY "), last
    assert "parse_vs_spacy=" in last and "cached_vs_cold=" in last
    for key in (
        "index_overhead=",
        "search_vs_scan=",
        "search_p95_ms=",
        "sources_10k_ms=",
        "diff_vs_parse=",
        "versions_vs_copies=",
    ):
        assert key in last, key
