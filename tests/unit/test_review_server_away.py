"""A review server that goes away: saves fail loudly and are not shown as saved, reading
goes on, the repository reconnects by itself when the server is back, and no password
ever reaches a message or ``newsreader config``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsreader.store.reviews import ReviewStore, ReviewStoreUnavailable, redact_url
from tests.unit.test_reviews import S1, S2, S3, make_doc

SECRET = "s3cret-pw"


def with_password(cluster) -> str:
    return f"postgresql://postgres:{SECRET}@127.0.0.1:{cluster.port}/postgres"  # trust auth ignores it


def test_a_save_while_the_server_is_away_fails_and_the_next_one_reconnects(own_server):
    doc = make_doc([S1, S2, S3])
    store = ReviewStore(url=with_password(own_server), reviewer="ann")
    store.set_status(doc, doc.claims[0], "supported")
    own_server.stop("immediate")  # a crash: no goodbye to the clients
    with pytest.raises(ReviewStoreUnavailable) as failed:
        store.set_status(doc, doc.claims[1], "false")
    assert SECRET not in str(failed.value) and "***" in str(failed.value)
    with pytest.raises(ReviewStoreUnavailable):
        store.reviews(doc)
    own_server.start()
    assert store.set_status(doc, doc.claims[1], "false").status == "false"  # reconnected by itself
    got = store.reviews(doc)
    assert got["c1"].status == "supported" and got["c2"].status == "false"
    store.close()


def test_config_prints_the_url_without_its_password_and_the_mode(own_server, isolated_home):
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home), NEWSREADER_REVIEWS_URL=with_password(own_server))
    out = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "config"], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert SECRET not in out.stdout + out.stderr
    assert f"postgres:***@127.0.0.1:{own_server.port}" in out.stdout
    assert "one shared role" in out.stdout
    own_server.stop("fast")
    out = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "config"], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0 and SECRET not in out.stdout + out.stderr and "mode unknown" in out.stdout
    own_server.start()


def test_redact_url_forms():
    assert redact_url("postgresql://ann:pw@db:5432/news") == "postgresql://ann:***@db:5432/news"
    assert redact_url("postgresql://db/news?user=ann&password=pw") == "postgresql://db/news?user=ann&password=***"
    assert redact_url("host=db password='p w' user=ann") == "host=db password=*** user=ann"
    assert redact_url("postgresql://ann@db/news") == "postgresql://ann@db/news"
