"""Parse articles on a Dask bag: ``newsreader.analysis.parse_texts`` once per partition.

Each partition goes through one streaming ``parse_texts`` call, so each worker loads
spaCy once (it is cached per process) and pipes its share of the texts in batches.
Documents travel back as plain ``newsreader.document/1`` dicts (JSON-safe, no pickle of
spaCy objects). Input order is kept.

    pip install "dask[bag]"
    python examples/dask_parse.py corpus/*.txt --workers 2 > docs.jsonl

Without arguments it parses three short built-in texts. ``--scheduler processes`` (the
default) uses a local process pool; ``--scheduler distributed`` starts a LocalCluster
(needs ``dask[distributed]``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Iterable

DEMO_TEXTS = [
    "The mayor said on Tuesday that the bridge would reopen in June.",
    "Officials counted 1,200 ballots, according to a spokeswoman for the county.",
    "Thousands of people marched through Berlin on Saturday, police said.",
]


def parse_partition(items: Iterable[Any]) -> list[dict[str, Any]]:
    """One partition of texts or RawArticles -> their documents as dicts, in order."""
    from newsreader.analysis import parse_texts

    return [doc.to_dict() for doc in parse_texts(items)]


def parse_bag(items: list[Any], *, partitions: int = 2, scheduler: str = "processes", workers: int = 2) -> list[dict]:
    """Documents for ``items`` (str or RawArticle), computed on a Dask bag."""
    import dask.bag as db

    bag = db.from_sequence(items, npartitions=max(1, min(partitions, len(items))))
    docs = bag.map_partitions(parse_partition)
    if scheduler == "distributed":
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster, Client(cluster):
            return docs.compute()
    return docs.compute(scheduler=scheduler, num_workers=workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="article files (default: three built-in texts)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=None, help="default: one per worker")
    parser.add_argument("--scheduler", choices=("processes", "threads", "synchronous", "distributed"), default="processes")
    args = parser.parse_args(argv)
    if args.paths:
        from newsreader.ingest import read_input

        items: list[Any] = [read_input(p) for p in args.paths]
    else:
        items = list(DEMO_TEXTS)
    docs = parse_bag(items, partitions=args.partitions or args.workers, scheduler=args.scheduler, workers=args.workers)
    for doc in docs:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
