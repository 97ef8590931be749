"""SIGKILL during review saves, 20 times in a row: no review acknowledged on screen is lost.

Each round starts the real app (headless, on the cached reference article) in a child
process that presses review keys as fast as it can. After each key it checks the claim
row on screen shows the new status and only then prints ``ack``; before each key it
prints ``save``. The parent kills the child with SIGKILL at a random moment, then opens
the reviews database: every acknowledged status must be there; the one save in flight
may or may not be.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "src" / "newsreader" / "data" / "kursk-2024-12-18.txt"
ROUNDS = 20

CHILD = textwrap.dedent(
    """
    import asyncio, random, sys
    from pathlib import Path
    from newsreader.config import Config
    from newsreader.ingest import read_input
    from newsreader.store import DocumentCache
    from newsreader.store.reviews import ReviewStore
    from newsreader.ui.app import NewsreaderApp
    from newsreader.ui.widgets.side_panel import SidePanel

    home, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    KEYS = {"s": "supported", "x": "disputed", "f": "false", "v": "unverifiable"}

    async def main():
        cache = DocumentCache(home / "cache" / "documents.sqlite3")
        reviews = ReviewStore(home / "data" / "reviews.sqlite3")
        app = NewsreaderApp(read_input(sys.argv[3]), cache=cache, reviews=reviews, config=Config())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            panel = screen.query_one(SidePanel)
            print("ready", flush=True)
            while True:
                claim = rng.choice(screen.claims)
                panel.select_claim(claim.id)
                key = rng.choice(list(KEYS))
                print("save", claim.id, KEYS[key], flush=True)
                await pilot.press(key)
                await pilot.pause()
                row = screen.reviews.get(claim.id)
                rows = panel.query_one("#claims-list")
                shown = str(rows.rows[rows.index_of(f"claim:{claim.id}")].content)
                if row is not None and row.status == KEYS[key] and KEYS[key] in shown:
                    print("ack", claim.id, KEYS[key], flush=True)

    asyncio.run(main())
    """
)


def stored_statuses(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # One reviewer here: each reviewed claim has one verdict (schema 2 keeps them apart from the anchor).
        found = conn.execute("SELECT r.claim_id, v.status FROM reviews r JOIN verdicts v ON v.review_id = r.id")
        return {cid: status for cid, status in found if status}
    finally:
        conn.close()


def test_sigkill_during_review_saves_twenty_times_loses_nothing_acknowledged(home, sample_doc):
    from newsreader.analysis.version import pipeline_version
    from newsreader.config import Config
    from newsreader.store import DocumentCache

    with DocumentCache(home / "cache" / "documents.sqlite3") as cache:
        cache.put(sample_doc, pipeline_version(Config().model))
    db = home / "data" / "reviews.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    env.update(PYTHONPATH=str(ROOT / "src"), NEWSREADER_HOME=str(home))
    rng = random.Random(20261202)
    expected: dict[str, str] = {}
    total_acks = 0
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(home), str(round_), str(SAMPLE)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if line != "ready":  # the child ended (stdout closed): say how, with its stderr
            child.wait(timeout=30)
            assert line == "ready", (round_, child.returncode, line, child.stderr.read()[-2000:])
        acks, in_flight = 0, None
        target = rng.randint(1, 6)
        while acks < target:
            kind, claim_id, status = child.stdout.readline().split()
            if kind == "save":
                in_flight = (claim_id, status)
            else:
                assert (claim_id, status) == in_flight
                expected[claim_id] = status
                in_flight = None
                acks += 1
        time.sleep(rng.random() * 0.02)  # somewhere in the next save, or between two
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        # What the child managed to say before it died: a save may have started, or been acknowledged.
        for rest in child.stdout.read().split("\n"):
            parts = rest.split()
            if len(parts) == 3 and parts[0] == "save":
                in_flight = (parts[1], parts[2])
            elif len(parts) == 3 and parts[0] == "ack":
                expected[parts[1]] = parts[2]
                in_flight = None
        stored = stored_statuses(db)
        for claim_id, status in expected.items():
            if in_flight is not None and claim_id == in_flight[0] and stored.get(claim_id) == in_flight[1]:
                continue  # the save in flight reached the disk before the kill
            assert stored.get(claim_id) == status, (round_, claim_id, status, stored.get(claim_id))
        expected = dict(stored)  # the next round starts from what is on disk
        total_acks += acks
    assert total_acks >= ROUNDS
