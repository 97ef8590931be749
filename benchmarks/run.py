"""newsreader benchmarks: one command, side-by-side ratios, one summary line.

    make bench                      # = .venv/bin/python benchmarks/run.py
    python benchmarks/run.py --quick   # smoke run: tiny sizes, one round

Every figure is the median of several runs in which the contenders alternate (the
order flips each round), so a noisy neighbour hits both sides alike. Parse rows time
whole processes (``subprocess``); app rows run both apps in the same tmux pane (see
``METHOD``); feed rows time ``newsreader refresh`` against a local site served by
``tests/feedserver.py`` (built by ``feed_site.py``) and compare it with ``newsreader parse``
of the same texts; ledger rows (``ledger_bench.py``) time search, ``sources`` and indexing
over a 10,000-article library. The last line printed is ``SUMMARY key=value ...``.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
CORPUS = Path("/work/shared/corpus/articles")
SAMPLE = ROOT / "src" / "newsreader" / "data" / "kursk-2024-12-18.txt"
TEST_DATA = ROOT / "tests" / "data"

METHOD = (
    "app rows: both apps are started by the same launcher (benchmarks/launch.py) with tmux respawn-pane in one "
    "120x40 pane, and the screen is polled through one tmux control-mode client (no process per poll) until the "
    "text (or its highlight styles) is there; the clock starts just before respawn-pane, so process start, "
    "terminal size, text and polling cost are the same on both sides. Real terminal output is included, "
    "and no hook is needed inside either app."
)


# -- helpers ---------------------------------------------------------------------


@dataclass
class Row:
    name: str
    ours: float | None
    base: float | None
    unit: str = "s"
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.ratio is None and self.ours is not None and self.base:
            self.ratio = self.ours / self.base
        if self.ratio is not None and self.target:
            op, value = self.target[:2], float(self.target[2:].rstrip("x"))
            self.ok = self.ratio >= value if op == ">=" else self.ratio <= value


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    summary: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row, key: str | None = None) -> None:
        self.rows.append(row)
        print(f"  {row.name}: {_fmt(row.ours, row.unit)} vs {_fmt(row.base, row.unit)} -> {_ratio(row)}", flush=True)
        if key:
            self.summary[key] = _ratio(row, short=True)

    def print(self) -> None:
        print()
        header = f"{'benchmark':<52} {'newsreader':>12} {'baseline':>12} {'ratio':>8}  {'target':<8} {'met':<4} note"
        print(header)
        print("-" * len(header))
        for r in self.rows:
            met = "" if r.ok is None else ("yes" if r.ok else "NO")
            ratio = "" if r.ratio is None else f"{r.ratio:.3g}"
            print(
                f"{r.name:<52} {_fmt(r.ours, r.unit):>12} {_fmt(r.base, r.unit):>12} {ratio:>8}  {r.target:<8} {met:<4} {r.note}"
            )
        for note in self.notes:
            print(f"note: {note}")
        print()
        print("SUMMARY " + " ".join(f"{k}={v}" for k, v in self.summary.items()), flush=True)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3g} {unit}"


def _ratio(row: Row, short: bool = False) -> str:
    if row.ratio is None:
        return "n/a" if short else f"n/a ({row.note})"
    mark = "" if row.ok is None else ("(ok)" if row.ok else "(MISSED)")
    return f"{row.ratio:.3g}{mark}" if short else f"{row.ratio:.3g} {row.target} {mark}".rstrip()


def alternate(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Median of ``rounds`` runs of each contender; the order rotates every round."""
    names = list(contenders)
    samples: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        if r % 2:
            order.reverse()
        for name in order:
            samples[name].append(contenders[name]())
    return {n: statistics.median(v) for n, v in samples.items()}


def timed(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - t0


def env_with(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    env["NEWSREADER_HOME"] = str(home)
    env.update(extra)
    return env


def article_files() -> list[str]:
    """The article files: the shared corpus when present, else the bundled sample plus the
    article-format files under tests/data."""
    files = sorted(glob.glob(str(CORPUS / "*.txt")))
    if not files:
        files = [str(SAMPLE)] + sorted(str(p) for p in TEST_DATA.rglob("*.txt") if _is_article(p))
    return files


def corpus_files(n: int) -> list[str]:
    """``n`` article files (:func:`article_files`, repeated if there are fewer)."""
    files = article_files()
    return (files * (n // len(files) + 1))[:n]


def _is_article(path: Path) -> bool:
    try:
        first = path.read_bytes()[:200].decode("utf-8").lstrip()
    except (OSError, UnicodeDecodeError):
        return False
    return re.match(r"date \d{4}-\d{2}-\d{2} ", first) is not None


def newsreader_bin() -> str:
    exe = Path(PY).with_name("newsreader")
    return str(exe) if exe.exists() else shutil.which("newsreader") or "newsreader"


# -- parse -------------------------------------------------------------------------


def bench_parse(report: Report, work: Path, n_articles: int, rounds: int) -> None:
    files = corpus_files(n_articles)
    words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
    print(f"parse: {len(files)} articles, {words} words, {rounds} alternating rounds", flush=True)
    nr = newsreader_bin()
    cold_home, warm_home = work / "parse-cold", work / "parse-warm"
    subprocess.run([nr, "parse", *files], env=env_with(warm_home), stdout=subprocess.DEVNULL, check=True)
    med = alternate(
        {
            "cold": lambda: timed([nr, "parse", "--no-cache", *files], env_with(cold_home)),
            "spacy": lambda: timed([PY, str(HERE / "raw_spacy.py"), *files], env_with(cold_home)),
            "cached": lambda: timed([nr, "parse", *files], env_with(warm_home)),
            "jobs2": lambda: timed([nr, "parse", "--no-cache", "--jobs", "2", *files], env_with(cold_home)),
        },
        rounds,
    )
    # Throughput ratio = (words/s newsreader) / (words/s spaCy) = t_spacy / t_newsreader.
    report.add(
        Row(
            f"cold parse throughput, {len(files)} articles (spaCy/ours)",
            med["cold"],
            med["spacy"],
            ratio=med["spacy"] / med["cold"],
            target=">=0.8",
            note=f"{words / med['cold']:.0f} vs {words / med['spacy']:.0f} words/s",
        ),
        "parse_vs_spacy",
    )
    report.add(
        Row("cached parse, same files (cached/cold)", med["cached"], med["cold"], target="<=0.05"), "cached_vs_cold"
    )
    report.add(
        Row(
            f"parse --jobs 2 vs --jobs 1 (speed-up, {os.cpu_count()} cores)",
            med["jobs2"],
            med["cold"],
            ratio=med["cold"] / med["jobs2"],
            note="shared machine: other load competes for the 2nd core",
        ),
        "jobs2_speedup",
    )


# -- the app, through tmux -----------------------------------------------------------


def app_available() -> str | None:
    """None when ``newsreader.ui.app.run_app`` exists, else why not."""
    probe = "import newsreader.ui.app as a; assert callable(a.run_app)"
    out = subprocess.run([PY, "-c", probe], capture_output=True, text=True)
    if out.returncode == 0:
        return None
    last = (out.stderr.strip().splitlines() or ["?"])[-1]
    return f"app not available ({last[:80]})"


def words_of(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def highlighted(entities: list[str]) -> Callable[[str], bool]:
    """True when one of ``entities`` is on screen with its own style: an SGR sequence
    right before it and right after it (plain text has neither inside a line)."""
    patterns = [re.compile(r"\x1b\[[0-9;:]*m" + re.escape(e) + r"\x1b\[") for e in entities]
    return lambda screen: any(p.search(screen) for p in patterns)


class AppBench:
    """Runs both apps in one tmux pane; each run returns timings in seconds."""

    def __init__(self, pane, work: Path) -> None:
        self.pane, self.work = pane, work
        self.reports: dict[str, list[dict]] = {}

    def launch(self, argv: list[str], home: Path, tag: str) -> float:
        report = self.work / f"report-{tag}.json"
        report.unlink(missing_ok=True)
        self._report = (report, tag)
        env = {
            "NEWSREADER_HOME": str(home),
            "NRBENCH_REPORT": str(report),
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        }
        return self.pane.start([PY, str(HERE / "launch.py"), *argv], env=env)

    def quit(self) -> None:
        """ctrl+q (Textual's quit in both apps, also from a filter or search), then ``q``, then give
        up (respawn-pane -k ends it anyway). Not Escape: on an article it opens the library,
        which would count in the peak RSS."""
        for keys, wait in ((("C-q",), 3.0), (("q",), 3.0)):
            self.pane.keys(*keys)
            deadline = time.time() + wait
            while time.time() < deadline:
                if self.pane.dead():
                    report, tag = self._report
                    if report.exists():
                        self.reports.setdefault(tag, []).append(json.loads(report.read_text()))
                    return
                time.sleep(0.02)

    def first_paint(
        self, argv: list[str], home: Path, tag: str, raw: str, entities: list[str] | None
    ) -> tuple[float, float | None]:
        """(time to raw text, time to highlights or None) from process start."""
        t0 = self.launch(argv, home, tag)
        t_raw, screen = self.pane.wait(lambda s: raw in s)
        t_hl = None
        if entities:
            t_hl, _ = self.pane.wait(highlighted(entities), styles=True)
        return t_raw - t0, (None if t_hl is None else t_hl - t0)

    def idle(self, quiet: float = 0.5, timeout: float = 30.0) -> None:
        """Wait until the screen text has been still for ``quiet`` seconds."""
        last, since = self.pane.screen(), time.time()
        deadline = since + timeout
        while time.time() < deadline:
            time.sleep(0.02)
            screen = self.pane.screen()
            if screen != last:
                last, since = screen, time.time()
            elif time.time() - since >= quiet:
                return

    def settle(self, t0: float, before: str, quiet: float = 0.25, timeout: float = 20.0) -> tuple[float, float]:
        """(first, last) screen change after ``t0``, in seconds from it, once the screen has
        been still for ``quiet`` seconds (text only: a blinking cursor does not count)."""
        first_change = last_change = None
        last = before
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.pane.screen()
            now = time.time()
            if screen != last:
                last_change, last = now, screen
                first_change = first_change or now
            elif last_change is not None and now - last_change >= quiet:
                break
            time.sleep(0.004)
        if first_change is None or last_change is None:
            raise TimeoutError("the screen did not change after the key")
        return first_change - t0, last_change - t0


def article_entities(doc: dict, limit_chars: int = 1500) -> list[str]:
    """Entity texts early in the body (on the first screen), longest first."""
    seen = {e["text"] for e in doc.get("entities", []) if e["end"] < limit_chars and len(e["text"]) >= 3}
    return sorted(seen, key=len, reverse=True)[:12]


def parse_to_cache(path: str, home: Path, jobs: int = 1) -> dict:
    argv = [newsreader_bin(), "parse", "--jobs", str(jobs), path]
    out = subprocess.run(argv, env=env_with(home), capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8").splitlines()[0])


def make_large_article(path: Path, words: int) -> None:
    paragraphs: list[str] = []
    count = 0
    sources = corpus_files(240)
    while count < words:
        for f in sources:
            lines = Path(f).read_text(encoding="utf-8").splitlines()[1:]
            for line in lines:
                if line.strip():
                    paragraphs.append(line.strip())
                    count += len(line.split())
                if count >= words:
                    break
            if count >= words:
                break
    path.write_text(
        f"date 2024-12-18 A generated long article of {count} words\n" + "\n".join(paragraphs) + "\n", encoding="utf-8"
    )


def fill_library(home: Path, n: int, seed_doc: dict, titles: list[str]) -> str:
    """A cache with ``n`` small distinct documents plus a newest marker; the marker's title."""
    from newsreader.analysis.nlp import DEFAULT_MODEL
    from newsreader.analysis.version import pipeline_version
    from newsreader.model import Document, text_id
    from newsreader.store import DocumentCache

    base = Document.from_dict(seed_doc)
    version = pipeline_version(DEFAULT_MODEL)
    marker = "Zzbench marker newest document"
    with DocumentCache(home / "cache" / "documents.sqlite3") as cache:
        batch: list[Document] = []
        for i in range(n):
            text = base.text + f"\nCopy {i}."
            batch.append(replace(base, id=text_id(text), text=text, title=f"{titles[i % len(titles)]} #{i}"))
            if len(batch) == 1000:
                cache.put_many(batch, version)
                batch = []
        if batch:
            cache.put_many(batch, version)
        time.sleep(0.05)
        text = base.text + "\nMarker."
        cache.put_many([replace(base, id=text_id(text), text=text, title=marker)], version)
    return marker


def bench_app(report: Report, work: Path, rounds: int, large_words: int, library_sizes: tuple[int, int]) -> None:
    why = app_available()
    names = [
        "app first paint, cached article, highlighted",
        "app first paint, uncached, raw text",
        "app uncached, time to highlights",
        f"large article ({large_words} words), first paint",
        "large article, page-down",
        f"library first paint, {library_sizes[1]} vs {library_sizes[0]} docs",
        f"library filter, per keystroke ({library_sizes[1]} docs)",
        "peak RSS, cached article vs bare app",
    ]
    keys = [
        "paint_cached_vs_bare",
        "paint_uncached_raw_vs_bare",
        None,
        "large_paint_vs_bare",
        "pagedown_vs_bare",
        "library_10k_vs_10",
        None,
        "rss_vs_bare",
    ]
    if why is not None:
        for name, key in zip(names, keys):
            report.add(Row(name, None, None, note=why), key)
        report.summary["spacy_on_cache_hit"] = "n/a"
        return
    if shutil.which("tmux") is None:
        for name, key in zip(names, keys):
            report.add(Row(name, None, None, note="tmux not installed"), key)
        return
    sys.path.insert(0, str(HERE))
    from tmux_pane import TmuxPane

    report.notes.append(METHOD)
    article = corpus_files(1)[0]
    home_cached = work / "app-cached"
    doc = parse_to_cache(article, home_cached)
    raw = words_of(doc["text"], 3)
    entities = article_entities(doc)
    print(f"app: {Path(article).name}, {rounds} alternating rounds, tmux 120x40", flush=True)
    with TmuxPane(120, 40) as pane:
        ab = AppBench(pane, work)

        def run(argv: list[str], home: Path, tag: str, ents: list[str] | None, which: int = 0) -> float:
            times = ab.first_paint(argv, home, tag, raw, ents)
            ab.quit()
            return times[which] if times[which] is not None else float("nan")

        fresh = iter(range(10**6))
        med = alternate(
            {
                # Re-warm before each cached run (a no-op hit normally): if the analysis source
                # changed since, the pipeline version did too and the entry would be a miss.
                "cached": lambda: (
                    parse_to_cache(article, home_cached),
                    run(["newsreader", "open", article], home_cached, "cached", entities, 1),
                )[1],
                "bare": lambda: run(["bare", article], home_cached, "bare", None),
            },
            rounds,
        )
        report.add(Row(names[0], med["cached"], med["bare"], target="<=1.3"), keys[0])

        uncached: dict[str, list[float]] = {"raw": [], "hl": []}

        def run_uncached() -> float:
            t_raw, t_hl = ab.first_paint(
                ["newsreader", "open", article], work / f"fresh-{next(fresh)}", "uncached", raw, entities
            )
            ab.quit()
            uncached["raw"].append(t_raw)
            uncached["hl"].append(t_hl if t_hl is not None else float("nan"))
            return t_raw

        med2 = alternate(
            {"uncached": run_uncached, "bare": lambda: run(["bare", article], home_cached, "bare", None)}, rounds
        )
        report.add(Row(names[1], med2["uncached"], med2["bare"], target="<=1.3"), keys[1])
        report.add(
            Row(names[2], statistics.median(uncached["hl"]), med2["bare"], note="no target; spaCy load + parse"), None
        )

        # Large article: cached (parsed once here), then first paint and page-down.
        large = work / "large-article.txt"
        make_large_article(large, large_words)
        t = time.perf_counter()
        large_doc = parse_to_cache(str(large), home_cached, jobs=2)  # long texts go to spaCy in chunks
        print(f"  (large article parsed once in {time.perf_counter() - t:.1f} s for the cache)", flush=True)
        large_raw = words_of(large_doc["text"], 3)
        pagedowns: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}

        def run_large(argv: list[str], side: str) -> float:
            t_raw, _ = ab.first_paint(argv, home_cached, f"large-{side}", large_raw, None)
            ab.idle()  # page-down latency of a settled app, not of its start-up work
            for _ in range(3):
                before = pane.screen()
                t0 = pane.keys("PageDown")
                pagedowns[side].append(ab.settle(t0, before))
            ab.quit()
            return t_raw

        med3 = alternate(
            {
                "ours": lambda: (
                    parse_to_cache(str(large), home_cached, jobs=2),
                    run_large(["newsreader", "open", str(large)], "ours"),
                )[1],
                "bare": lambda: run_large(["bare", str(large)], "bare"),
            },
            rounds,
        )
        report.add(
            Row(names[3], med3["ours"], med3["bare"], target="<=1.5", note="raw text of the cached article"), keys[3]
        )
        first = {side: statistics.median(t[0] for t in v) for side, v in pagedowns.items()}
        settled = {side: statistics.median(t[1] for t in v) for side, v in pagedowns.items()}
        report.add(
            Row(
                names[4],
                first["ours"],
                first["bare"],
                target="<=1.5",
                note="key to the new page on screen (both jump, no scroll animation)",
            ),
            keys[4],
        )
        report.add(
            Row(
                "large article, page-down until the screen is still",
                settled["ours"],
                settled["bare"],
                note="no target; includes the side panel following the cursor",
            ),
            None,
        )

        # Library: small vs big cache, then filter keystrokes on the big one.
        titles = [json.loads(json.dumps(doc))["title"]] + [
            Path(f).stem.split("-", 1)[-1].replace("-", " ") for f in corpus_files(240)
        ]
        small_n, big_n = library_sizes
        homes = {}
        for n in (small_n, big_n):
            homes[n] = work / f"library-{n}"
            marker = fill_library(homes[n], n, doc, titles)
        filter_times: list[float] = []

        def run_library(n: int, typing: bool) -> float:
            t0 = ab.launch(["newsreader"], homes[n], f"library-{n}")
            t_paint, _ = pane.wait(lambda s: marker[:20] in s)
            if typing:
                ab.idle()
                before = pane.screen()
                ab.settle(pane.keys("/"), before, quiet=0.2)  # "/" starts the filter
                for ch in "minimum":
                    before = pane.screen()
                    filter_times.append(ab.settle(pane.keys(ch), before, quiet=0.2)[1])
            ab.quit()
            return t_paint - t0

        med4 = alternate(
            {"big": lambda: run_library(big_n, True), "small": lambda: run_library(small_n, False)}, rounds
        )
        report.add(Row(names[5], med4["big"], med4["small"], target="<=1.5"), keys[5])
        report.add(Row(names[6], statistics.median(filter_times), None, note="key to settled list; no baseline"), None)

    ours = ab.reports.get("cached", [])
    bare = ab.reports.get("bare", [])
    if ours and bare:
        rss_ours = statistics.median(r["maxrss_kb"] for r in ours) / 1024
        rss_bare = statistics.median(r["maxrss_kb"] for r in bare) / 1024
        report.add(Row(names[7], rss_ours, rss_bare, unit="MB", note="ru_maxrss in the child, at exit"), keys[7])
        spacy = any(r["spacy"] for r in ours)
        report.summary["spacy_on_cache_hit"] = "yes(MISSED)" if spacy else "no(ok)"
        report.notes.append(f"spaCy imported on a cache hit: {'YES' if spacy else 'no'} ({len(ours)} runs)")
    else:
        report.add(Row(names[7], None, None, note="no exit report (app did not quit on q / ctrl+q)"), keys[7])


# -- feeds: `newsreader refresh` against a local site -----------------------------------


@dataclass(frozen=True)
class FeedSizes:
    feeds: int = 200  # feeds in the refresh rows
    per_feed: int = 2  # entries per feed there (every one a different text)
    min_words: int = 150  # words per entry, at least (whole paragraphs; fewer in a feed = a teaser)
    big_feeds: int = 2000  # the memory row: the same entries, with quiet feeds in between
    big_rounds: int = 1


QUICK_FEEDS = FeedSizes(feeds=3, per_feed=2, big_feeds=12)


def run_measured(argv: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one process: ``ru_maxrss`` of that child alone, from
    ``wait4`` (no wrapper process; stderr goes to ``log``)."""
    with open(log, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:]
        raise RuntimeError(f"{Path(argv[0]).name} {argv[1]} exited with {proc.returncode}: {tail}")
    return elapsed, usage.ru_maxrss / 1024


def refresh_counts(log: Path) -> tuple[int, int, int]:
    """(new entries, parsed, unchanged feeds) from the summary line ``newsreader refresh`` ends with."""
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.search(r"refreshed .*?(\d+) new entr\w+ \((\d+) parsed\).*?(\d+) unchanged", text)
    if not found:
        raise RuntimeError(f"no summary line from newsreader refresh: {text[-500:]}")
    return int(found[1]), int(found[2]), int(found[3])


def bench_feeds(report: Report, work: Path, rounds: int, sizes: FeedSizes) -> None:
    sys.path.insert(0, str(HERE))
    from feed_site import FeedServer, article_stories, build_site

    nr = newsreader_bin()
    stories = article_stories(article_files(), sizes.feeds * sizes.per_feed, sizes.min_words)
    homes = itertools.count()
    warnings: list[str] = []

    def fresh_home(site, tag: str) -> Path:
        home = work / f"feeds-{tag}-{next(homes)}"
        subprocess.run([nr, "feeds", "import", str(site.opml)], env=env_with(home), capture_output=True, check=True)
        return home

    def check(what: str, log: Path, want: tuple[int, int, int]) -> None:
        got = refresh_counts(log)
        if got != want:
            warnings.append(f"{what}: (new entries, parsed, unchanged feeds) = {got}, expected {want}")

    with FeedServer() as server:
        site = build_site(server, "r", stories, sizes.feeds, work / "feeds-site")
        big = build_site(
            server, "b", stories, sizes.big_feeds, work / "feeds-big", quiet_every=sizes.big_feeds // sizes.feeds
        )
        print(
            f"feeds: {site.feeds} feeds x {sizes.per_feed} entries ({site.teasers} teasers, pages fetched), "
            f"{site.words} words, {rounds} alternating rounds; then {big.feeds} feeds with the same entries",
            flush=True,
        )
        first: list[tuple[float, float]] = []  # (seconds, MB) of the first refreshes
        second: list[float] = []
        not_modified: list[int] = []
        parses: list[tuple[float, float]] = []
        last_homes: dict[str, Path] = {}

        def run_refresh() -> float:
            home = fresh_home(site, "refresh")
            log = work / "refresh.log"
            first.append(run_measured([nr, "refresh"], env_with(home), log))
            check("first refresh", log, (site.entries, site.entries, 0))
            before = server.statuses[304]
            second.append(run_measured([nr, "refresh"], env_with(home), log)[0])
            check("second refresh", log, (0, 0, site.feeds))
            not_modified.append(server.statuses[304] - before)
            last_homes["refresh"] = home
            return first[-1][0]

        def run_parse() -> float:
            home = work / f"feeds-parse-{next(homes)}"  # a fresh, empty cache: parse writes it
            parses.append(run_measured([nr, "parse", *site.files], env_with(home), work / "parse.log"))
            last_homes["parse"] = home
            return parses[-1][0]

        med = alternate({"refresh": run_refresh, "parse": run_parse}, rounds)
        same = same_documents(last_homes["refresh"], last_homes["parse"])

        bigs: list[tuple[float, float]] = []
        for _ in range(sizes.big_rounds):
            log = work / "refresh-big.log"
            bigs.append(run_measured([nr, "refresh"], env_with(fresh_home(big, "big")), log))
            check(f"{big.feeds}-feed refresh", log, (big.entries, big.entries, big.feeds - sizes.feeds))

    n = site.entries
    per_round = sorted(r[0] / p[0] for r, p in zip(first, parses))
    report.add(
        Row(
            f"refresh {site.feeds} feeds x {sizes.per_feed} entries (refresh/parse)",
            med["refresh"],
            med["parse"],
            target="<=1.2",
            note=f"{n / med['refresh']:.1f} vs {n / med['parse']:.1f} entries/s, "
            f"{(med['refresh'] - med['parse']) / n * 1000:+.0f} ms per entry; rounds "
            f"{per_round[0]:.2f}-{per_round[-1]:.2f}; baseline `parse FILES` of the same texts with a fresh "
            f"empty cache (it writes the cache too); {same}",
        ),
        "refresh_vs_parse",
    )
    report.add(
        Row(
            "second refresh, nothing changed (second/first)",
            statistics.median(second),
            med["refresh"],
            target="<=0.05",
            note=f"{statistics.median(not_modified):.0f}/{site.feeds} feeds answered 304",
        ),
        "refresh2_vs_first",
    )
    report.add(
        Row(
            "peak RSS, refresh vs parse (same texts)",
            statistics.median(mb for _, mb in first),
            statistics.median(mb for _, mb in parses),
            unit="MB",
            note="no target; ru_maxrss of each process",
        ),
        None,
    )
    report.add(
        Row(
            f"refresh peak RSS, {big.feeds} vs {site.feeds} feeds",
            statistics.median(mb for _, mb in bigs),
            statistics.median(mb for _, mb in first),
            unit="MB",
            target="<=1.5",
            note=f"the same {n} entries; the other {big.feeds - site.feeds} feeds quiet (fetched, no item), "
            "in between in refresh order",
        ),
        "refresh_rss_2000_vs_200",
    )
    report.add(
        Row(
            f"refresh time, {big.feeds} vs {site.feeds} feeds (same entries)",
            statistics.median(s for s, _ in bigs),
            med["refresh"],
            note=f"no target; {big.feeds} feeds run {sizes.big_rounds}x, after the rounds",
        ),
        None,
    )
    for line in warnings:
        report.notes.append(f"WARNING feeds: {line}")


def same_documents(refresh_home: Path, parse_home: Path) -> str:
    """Whether refresh and parse put the same documents (same text ids) into their caches."""
    from newsreader.store import DocumentCache

    ids = []
    for home in (refresh_home, parse_home):
        with DocumentCache(home / "cache" / "documents.sqlite3") as cache:
            ids.append({d.id: d.words for d in cache.list_documents()})
    common = ids[0].keys() & ids[1].keys()
    if len(common) == len(ids[0]) == len(ids[1]):
        return f"the same {len(common)} documents"
    return (
        f"NOT the same documents: {len(common)} shared of {len(ids[0])} / {len(ids[1])}, "
        f"{sum(ids[0].values())} vs {sum(ids[1].values())} words"
    )


# -- the ledger: search, sources, indexing (issue 22) ---------------------------------------


def bench_ledger(report: Report, work: Path, n_docs: int, n_articles: int | None, rounds: int) -> None:
    """The ledger rows (``ledger_bench.py``): a library of ``n_docs`` articles made from the
    article files (``n_articles`` of them; all when None)."""
    sys.path.insert(0, str(HERE))
    from ledger_bench import bench

    files = article_files()
    files = files[:n_articles] if n_articles else files
    for f in bench(work, files, n_docs, rounds, alternate):
        row = Row(f.name, f.ours, f.base, unit=f.unit, ratio=f.ratio, target=f.target, note=f.note)
        if f.key and f.key.endswith("_ms") and f.ours is not None:
            report.add(row)
            mark = "" if row.ok is None else ("(ok)" if row.ok else "(MISSED)")
            ms = f.ours * 1000
            report.summary[f.key] = f"{ms:.1f}{mark}" if ms < 100 else f"{ms:.0f}{mark}"
        else:
            report.add(row, f.key)


# -- versions: the structural diff and the version store (issue 23) ------------------------


def bench_versions(report: Report, rounds: int, words: int) -> None:
    """The version rows (``versions_bench.py``)."""
    sys.path.insert(0, str(HERE))
    from versions_bench import bench

    for f in bench(rounds, words):
        report.add(Row(f.name, f.ours, f.base, unit=f.unit, ratio=f.ratio, target=f.target, note=f.note), f.key)


# -- main ----------------------------------------------------------------------------


def compile_bytecode() -> str:
    """Byte-compile newsreader and the benchmark scripts before timing anything.

    A pip install compiles a package's modules, and Python caches them on first import
    unless PYTHONDONTWRITEBYTECODE is set -- as it is on some machines (this one), where
    an editable install would otherwise recompile every module of newsreader at every
    launch while Textual's are compiled: ~50 ms that no installed user pays. Both sides
    then start from compiled bytecode.
    """
    import compileall

    import newsreader

    here = Path(__file__).resolve().parent
    ok = compileall.compile_dir(str(Path(newsreader.__file__).parent), quiet=1) and compileall.compile_dir(
        str(here), quiet=1
    )
    return f"bytecode compiled for newsreader and benchmarks/ before timing ({'ok' if ok else 'with errors'})"


def main(argv: list[str] | None = None) -> int:
    global CORPUS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: tiny sizes, one round (numbers meaningless)")
    parser.add_argument("--rounds", type=int, default=None, help="alternating rounds per row (default 3, quick 1)")
    parser.add_argument("--articles", type=int, default=None, help="corpus articles for the parse rows (default 80)")
    parser.add_argument("--skip-app", action="store_true", help="no app rows")
    parser.add_argument("--skip-parse", action="store_true", help="no parse rows")
    parser.add_argument("--skip-feeds", action="store_true", help="no feed refresh rows")
    parser.add_argument("--skip-ledger", action="store_true", help="no ledger rows (search, sources, indexing)")
    parser.add_argument("--skip-versions", action="store_true", help="no version rows (diff, version store)")
    parser.add_argument(
        "--ledger-docs", type=int, default=None, help="articles in the ledger rows' library (default 10000)"
    )
    parser.add_argument("--feeds", type=int, default=None, help="feeds in the refresh rows (default 200)")
    parser.add_argument("--feed-entries", type=int, default=None, help="entries per feed there (default 2)")
    parser.add_argument("--corpus", type=Path, default=None, help=f"folder of article files (default {CORPUS})")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        CORPUS = args.corpus
    rounds = args.rounds or (1 if args.quick else 3)
    n_articles = args.articles or (3 if args.quick else 80)
    large_words = 2_000 if args.quick else 50_000
    library_sizes = (5, 50) if args.quick else (10, 10_000)
    feed_sizes = QUICK_FEEDS if args.quick else FeedSizes()
    ledger_docs = args.ledger_docs or (200 if args.quick else 10_000)
    if args.feeds or args.feed_entries:
        feeds = args.feeds or feed_sizes.feeds
        per_feed = args.feed_entries or feed_sizes.per_feed
        feed_sizes = replace(feed_sizes, feeds=feeds, per_feed=per_feed, big_feeds=10 * feeds)

    started = time.perf_counter()
    report = Report()
    report.notes.append(compile_bytecode())
    with tempfile.TemporaryDirectory(prefix="nrbench-") as tmp:
        work = Path(tmp)
        if not args.skip_parse:
            bench_parse(report, work, n_articles, rounds)
        if not args.skip_app:
            bench_app(report, work, rounds, large_words, library_sizes)
        if not args.skip_feeds:
            bench_feeds(report, work, rounds, feed_sizes)
        if not args.skip_ledger:
            bench_ledger(report, work, ledger_docs, 6 if args.quick else None, rounds)
        if not args.skip_versions:
            bench_versions(report, rounds, 600 if args.quick else 5000)
    report.notes.append(
        f"{'quick smoke run, numbers not meaningful; ' if args.quick else ''}"
        f"medians of {rounds} alternating rounds; total {time.perf_counter() - started:.0f} s"
    )
    report.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
