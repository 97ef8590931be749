"""Nobody writes as someone else: with a server role per person (``newsreader reviews
setup-roles``) a verdict's reviewer is ``current_user``, row-level security keeps each
reviewer to their own verdicts even in raw SQL, and only adjudicators settle."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from newsreader.store.reviews import ReviewPermissionError, ReviewStore
from tests.conftest import database_url
from tests.unit.test_reviews import S1, S2, S3, make_doc


@pytest.fixture
def team(pg_url, isolated_home):
    """Roles ann and bob (reviewers) and cat (adjudicator), set up by the command; their URLs."""
    tag = uuid.uuid4().hex[:6]
    names = {who: f"{who}_{tag}" for who in ("ann", "bob", "cat")}
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    out = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "reviews", "setup-roles", "--url", pg_url]
        + ["--reviewer", names["ann"], "--reviewer", names["bob"], "--adjudicator", names["cat"]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert names["cat"] in out.stdout and "row-level security" in out.stderr
    database = pg_url.rsplit("/", 1)[1]
    return {who: database_url(pg_url, database, user=name) for who, name in names.items()} | {"names": names}


def test_the_reviewer_is_the_servers_user_not_the_config_name(team):
    doc = make_doc([S1, S2, S3])
    with ReviewStore(url=team["ann"], reviewer="someone-else") as ann:
        assert ann.mode == "roles" and ann.reviewer == team["names"]["ann"]
        review = ann.set_status(doc, doc.claims[0], "supported")
    assert [v.reviewer for v in review.verdicts] == [team["names"]["ann"]]


def test_bob_cannot_change_or_delete_anns_verdict_even_with_raw_sql(team):
    doc = make_doc([S1, S2, S3])
    ann_name = team["names"]["ann"]
    with ReviewStore(url=team["ann"]) as ann:
        ann.set_status(doc, doc.claims[0], "supported")
    with psycopg.connect(team["bob"], autocommit=True) as bob:
        changed = bob.execute("UPDATE verdicts SET status = 'false' WHERE reviewer = %s", (ann_name,)).rowcount
        renamed = bob.execute("UPDATE verdicts SET reviewer = current_user WHERE reviewer = %s", (ann_name,)).rowcount
        deleted = bob.execute("DELETE FROM verdicts WHERE reviewer = %s", (ann_name,)).rowcount
        assert (changed, renamed, deleted) == (0, 0, 0)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute(
                "INSERT INTO verdicts (review_id, reviewer, status, note, updated) "
                "SELECT id, %s, 'false', 'forged', 0 FROM reviews LIMIT 1",
                (ann_name,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute(
                "INSERT INTO settlements (review_id, settled_by, status, note, updated) SELECT id, current_user, 'false', '', 0 FROM reviews LIMIT 1"
            )
        # He still reads it, and his own verdict sits beside it.
        assert bob.execute("SELECT status FROM verdicts WHERE reviewer = %s", (ann_name,)).fetchone() == ("supported",)
    with ReviewStore(url=team["bob"]) as bob_store:
        assert bob_store.set_status(doc, doc.claims[0], "false").state == "contested"
        with pytest.raises(ReviewPermissionError):
            bob_store.settle(doc, doc.claims[0], "false")
    with ReviewStore(url=team["ann"]) as ann:
        got = ann.reviews(doc)["c1"]
        assert got.verdict_of(ann_name).status == "supported" and got.state == "contested"


def test_only_an_adjudicator_settles(team):
    doc = make_doc([S1, S2, S3])
    with ReviewStore(url=team["ann"]) as ann:
        ann.set_status(doc, doc.claims[1], "disputed")
        with pytest.raises(ReviewPermissionError):
            ann.settle(doc, doc.claims[1], "disputed")
    with ReviewStore(url=team["cat"]) as cat:
        settled = cat.settle(doc, doc.claims[1], "false", "the bureau says 4%")
        assert settled.state == "settled" and settled.settled_by == team["names"]["cat"]


def test_print_sql_shows_the_setup_without_running_it(pg_url, isolated_home):
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsreader.cli",
            "reviews",
            "setup-roles",
            "--url",
            pg_url,
            "--reviewer",
            "zed",
            "--print-sql",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "ENABLE ROW LEVEL SECURITY" in out.stdout and 'CREATE ROLE "zed" LOGIN' in out.stdout
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'zed'").fetchone() is None
