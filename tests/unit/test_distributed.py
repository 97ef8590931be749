"""``parse_texts`` on a Dask bag (examples/dask_parse.py): three short texts through a
local process pool of two workers give the same documents, in order, as in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="dask[bag] is not installed (pip install -e '.[dev]' brings it)")

EXAMPLE = Path(__file__).parents[2] / "examples" / "dask_parse.py"


def test_dask_bag_with_a_process_pool_matches_parse_texts(tmp_path, nlp):
    from newsreader.analysis import parse_texts

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER_")}
    env["NEWSREADER_HOME"] = str(tmp_path / "home")
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), "--scheduler", "processes", "--workers", "2", "--partitions", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        import dask_parse
    finally:
        sys.path.remove(str(EXAMPLE.parent))
    expected = [d.to_dict() for d in parse_texts(dask_parse.DEMO_TEXTS)]
    assert [d["text"] for d in docs] == dask_parse.DEMO_TEXTS
    assert docs == expected
    assert all(d["schema"] == "newsreader.document/1" for d in docs)
