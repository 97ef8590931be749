"""A tmux pane driven through one control-mode client: start a command in a fixed-size
pane, poll what is on screen (with styles) without spawning a process per poll, send keys.

Used by run.py to time the real app and the bare app the same way: same terminal size,
same process start (``respawn-pane``), same polling loop.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import subprocess
import time

SGR = re.compile(r"\x1b\[[0-9;:]*m")


_COUNTER = itertools.count()


class TmuxPane:
    def __init__(self, width: int = 120, height: int = 40) -> None:
        self.socket = f"nrbench-{os.getpid()}-{next(_COUNTER)}"
        self.width, self.height = width, height
        base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        subprocess.run(
            [*base, "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 100000"],
            check=True,
        )
        self._client = subprocess.Popen(
            [*base, "-C", "attach", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        self._read_block()  # the reply to the attach itself
        self.command("refresh-client -f no-output")
        self.command("set -g window-size manual")
        self.command(f"resize-window -t bench -x {width} -y {height}")
        self.command("set -g remain-on-exit on")
        self.command("set -g default-terminal xterm-256color")

    def command(self, line: str) -> list[str]:
        """Run one tmux command through the control client; its output lines."""
        assert self._client.stdin
        self._client.stdin.write(line + "\n")
        self._client.stdin.flush()
        return self._read_block(line)

    def _read_block(self, line: str = "attach") -> list[str]:
        assert self._client.stdout
        out: list[str] = []
        inside = False
        for raw in self._client.stdout:
            raw = raw.rstrip("\n")
            if not inside:
                if raw.startswith("%begin"):
                    inside = True
                continue
            if raw.startswith(("%end", "%error")):
                if raw.startswith("%error"):
                    raise RuntimeError(f"tmux: {line}: {' '.join(out)}")
                return out
            out.append(raw)
        raise RuntimeError("tmux control client closed")

    def start(self, argv: list[str], env: dict[str, str] | None = None) -> float:
        """Start ``argv`` in the pane (replacing what runs there); the wall time just before."""
        prefix = ""
        if env:
            prefix = "env " + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " "
        cmd = prefix + " ".join(shlex.quote(a) for a in argv)
        t0 = time.time()
        self.command(f"respawn-pane -k -t bench {shlex.quote(cmd)}")
        return t0

    def screen(self, styles: bool = False) -> str:
        return "\n".join(self.command("capture-pane -p -t bench" + (" -e" if styles else "")))

    def dead(self) -> bool:
        return self.command("display -p -t bench '#{pane_dead}'") == ["1"]

    def keys(self, *keys: str) -> float:
        t0 = time.time()
        self.command("send-keys -t bench " + " ".join(shlex.quote(k) for k in keys))
        return t0

    def wait(
        self, predicate, timeout: float = 60.0, interval: float = 0.004, styles: bool = False
    ) -> tuple[float, str]:
        """Poll the screen until ``predicate(screen)`` holds: (wall time, screen)."""
        deadline = time.time() + timeout
        while True:
            text = self.screen(styles)
            now = time.time()
            if predicate(text):
                return now, text
            if now > deadline:
                raise TimeoutError(f"screen never matched; last screen:\n{SGR.sub('', text)[-1500:]}")
            time.sleep(interval)

    def close(self) -> None:
        try:
            subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        finally:
            if self._client.poll() is None:
                self._client.terminate()
            self._client.wait(timeout=10)

    def __enter__(self) -> TmuxPane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
