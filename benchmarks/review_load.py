"""Team review under load, on PostgreSQL: 20 reviewers saving 500 verdicts each at once.

    .venv/bin/python benchmarks/review_load.py            # 20 reviewers x 500 verdicts
    .venv/bin/python benchmarks/review_load.py --quick    # 4 x 60, a smoke run

Each reviewer is a process of its own with its own connection, saving through the review
repository (``ReviewStore.set_status``) over 25 shared documents of 20 claims, so that
reviewers meet on the same documents (per-document locks) as a team does. Two runs, each
on a fresh database of a throwaway cluster (``tests/pgserver.py``):

1. **load**: throughput (saves per second, whole run) and latency per save (median, p95).
2. **kill**: the same, but PostgreSQL is killed (``pg_ctl stop -m immediate``) a third of
   the way through and started again a second later. A reviewer whose save fails is told
   (``ReviewStoreUnavailable``) and saves again once the server is back. Afterwards every
   acknowledged verdict must be in the database with its status, and none twice.

Needs PostgreSQL's programs (``initdb``, ``pg_ctl``); prints the figures and a last
``SUMMARY key=value ...`` line.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests import pgserver  # noqa: E402
from tests.synthetic import claims_document  # noqa: E402

from newsreader.model.vocabulary import STATUSES  # noqa: E402
from newsreader.store.reviews import ReviewStore, ReviewStoreUnavailable  # noqa: E402

DOCS, CLAIMS = 25, 20


def reviewer(name: str, index: int, url: str, saves: int, done: mp.Value, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """One reviewer: ``saves`` verdicts, each retried until acknowledged; reports the
    latencies, the acknowledged verdicts and how many attempts failed."""
    docs = [claims_document(f"bench-doc-{d}", CLAIMS) for d in range(DOCS)]
    store = None
    while store is None:
        try:
            store = ReviewStore(url=url, reviewer=name)
        except ReviewStoreUnavailable:
            time.sleep(0.2)
    latencies: list[float] = []
    acked: list[tuple[str, str, str]] = []
    failures = 0
    for i in range(saves):
        doc = docs[(i // CLAIMS + index) % DOCS]  # each reviewer starts on another document
        claim = doc.claims[i % CLAIMS]
        status = STATUSES[(i + index) % len(STATUSES)]
        started = time.perf_counter()
        while True:
            try:
                store.set_status(doc, claim, status)
                break
            except ReviewStoreUnavailable:
                failures += 1
                time.sleep(0.1)
        latencies.append(time.perf_counter() - started)
        acked.append((doc.id, claim.id, status))
        with done.get_lock():
            done.value += 1
    store.close()
    out.put((name, latencies, acked, failures))


def run(server: pgserver.Cluster, reviewers: int, saves: int, *, kill_at: float | None) -> dict[str, float]:
    import psycopg

    database = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = server.url_for(database)
    ReviewStore(url=url, reviewer="setup").close()  # the schema, before the crowd arrives
    ctx = mp.get_context("fork")
    done = ctx.Value("i", 0)
    out: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [
        ctx.Process(target=reviewer, args=(f"reviewer{n:02d}", n, url, saves, done, out)) for n in range(reviewers)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    downtime = 0.0
    if kill_at is not None:
        while done.value < kill_at * reviewers * saves:
            time.sleep(0.01)
        killed = time.perf_counter()
        server.stop("immediate")
        time.sleep(1.0)
        server.start()
        downtime = time.perf_counter() - killed
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    latencies = sorted(x for _, lat, _, _ in results for x in lat)
    failures = sum(f for *_, f in results)

    # Every acknowledged verdict is there, once.
    expected = {(name, doc, claim): status for name, _, acked, _ in results for doc, claim, status in acked}
    with psycopg.connect(url) as conn:
        stored = conn.execute(
            "SELECT v.reviewer, r.doc_id, r.claim_id, v.status FROM verdicts v JOIN reviews r ON r.id = v.review_id"
        ).fetchall()
        twice_verdicts = conn.execute(
            "SELECT count(*) FROM (SELECT review_id, reviewer FROM verdicts GROUP BY 1, 2 HAVING count(*) > 1) d"
        ).fetchone()
        twice_claims = conn.execute(
            "SELECT count(*) FROM (SELECT doc_id, claim_id FROM reviews WHERE state = 'ok' "
            "GROUP BY 1, 2 HAVING count(*) > 1) d"
        ).fetchone()
    found = {(name, doc, claim): status for name, doc, claim, status in stored}
    missing = sum(1 for key, status in expected.items() if found.get(key) != status)
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
    return {
        "saves": len(latencies),
        "wall_s": wall,
        "per_s": len(latencies) / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "max_ms": latencies[-1] * 1000,
        "failed_attempts": failures,
        "downtime_s": downtime,
        "acknowledged": len(expected),
        "stored": len(stored),
        "missing": missing,
        "duplicate_verdicts": int(twice_verdicts[0]) if twice_verdicts else -1,
        "duplicate_claims": int(twice_claims[0]) if twice_claims else -1,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--saves", type=int, default=500, help="verdicts per reviewer")
    parser.add_argument("--quick", action="store_true", help="4 reviewers x 60 verdicts")
    args = parser.parse_args()
    if args.quick:
        args.reviewers, args.saves = 4, 60
    if pgserver.bin_dir() is None:
        print("review_load: PostgreSQL is not installed (no initdb); nothing measured", file=sys.stderr)
        return 2
    server = pgserver.start_cluster()
    try:
        print(f"{args.reviewers} reviewers x {args.saves} verdicts, {DOCS} documents of {CLAIMS} claims, PostgreSQL")
        load = run(server, args.reviewers, args.saves, kill_at=None)
        print(
            f"load: {load['saves']:.0f} saves in {load['wall_s']:.1f}s = {load['per_s']:.0f}/s; "
            f"per save p50 {load['p50_ms']:.1f} ms, p95 {load['p95_ms']:.1f} ms, max {load['max_ms']:.0f} ms"
        )
        kill = run(server, args.reviewers, args.saves, kill_at=1 / 3)
        print(
            f"kill: server killed (-m immediate) and restarted after a third, down {kill['downtime_s']:.1f}s; "
            f"{kill['saves']:.0f} saves in {kill['wall_s']:.1f}s = {kill['per_s']:.0f}/s; "
            f"p95 {kill['p95_ms']:.1f} ms, max {kill['max_ms']:.0f} ms; {kill['failed_attempts']:.0f} attempts failed "
            "and were saved again"
        )
        print(
            f"kill: {kill['acknowledged']:.0f} acknowledged, {kill['stored']:.0f} stored, {kill['missing']:.0f} missing, "
            f"{kill['duplicate_verdicts']:.0f} duplicate verdicts, {kill['duplicate_claims']:.0f} duplicate claims"
        )
        ok = kill["missing"] == 0 and kill["duplicate_verdicts"] == 0 and kill["duplicate_claims"] == 0
        print(
            f"SUMMARY saves_per_s={load['per_s']:.0f} p95_ms={load['p95_ms']:.1f} kill_per_s={kill['per_s']:.0f} "
            f"kill_missing={kill['missing']:.0f} kill_duplicates={kill['duplicate_verdicts'] + kill['duplicate_claims']:.0f} "
            f"ok={int(ok)}"
        )
        return 0 if ok else 1
    finally:
        server.destroy()


if __name__ == "__main__":
    sys.exit(main())
