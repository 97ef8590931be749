"""A throwaway PostgreSQL cluster for the tests and the benchmark (standard library only).

The review tests run against PostgreSQL as well as SQLite, and never need a server the
suite did not start: CI (``.ci/run``) starts one and exports ``NEWSREADER_TEST_PG_URL``;
without it, :func:`start_cluster` makes one in a temporary folder when PostgreSQL's
programs are installed (``initdb`` on the PATH or in ``/usr/lib/postgresql/*/bin``).
PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user
(or ``nobody``) and its programs run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]), reverse=True)
    return Path(versions[0]).parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running cluster: ``url`` connects as the superuser ``postgres`` (trust auth, loopback only)."""

    root: Path
    bindir: Path
    port: int
    user: str | None  # the OS user it runs as when we are root

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, cwd=self.root)

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "-o", options, "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` to shut down; ``immediate`` is a crash (no checkpoint, recovery on start)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(bindir: Path | None = None) -> Cluster:
    """initdb in a new temporary folder and start it on a free loopback port."""
    bindir = bindir or bin_dir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb)")
    root = Path(tempfile.mkdtemp(prefix="nr-pg-"))
    user = None
    if os.geteuid() == 0:
        user = "postgres" if _has_user("postgres") else "nobody"
        info = pwd.getpwnam(user)
        os.chown(root, info.pw_uid, info.pw_gid)
    cluster = Cluster(root, bindir, free_port(), user)
    cluster._run("initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
    for attempt in range(3):
        try:
            cluster.start()
            break
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            cluster.port = free_port()  # taken meanwhile
            time.sleep(0.5)
    return cluster


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
