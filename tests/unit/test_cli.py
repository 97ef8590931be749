"""The command line: parse output, the cache hit without spaCy, one-line errors with exit 2."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE


def run(*args, stdin=None, home=None):
    env = dict(os.environ)
    if home is not None:
        env["NEWSREADER_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "newsreader.cli", *args], input=stdin, capture_output=True, env=env, timeout=300
    )


def test_parse_prints_a_valid_document_and_the_second_run_skips_spacy(isolated_home):
    first = run("parse", str(SAMPLE), home=isolated_home)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    from newsreader.model import Document

    doc = Document.from_dict(data)
    assert doc.span_errors() == []
    money = [n for n in doc.numbers if n.text == "$5.6 billion"]
    assert money[0].value == 5600000000 and money[0].unit == "USD"
    # The second run is a cache hit: spaCy is never imported.
    code = (
        f"import sys, runpy; sys.argv=['newsreader', 'parse', {str(SAMPLE)!r}];"
        "from newsreader.cli import main; rc = main(sys.argv[1:]);"
        "sys.stderr.write('SPACY=%s' % ('spacy' in sys.modules)); sys.exit(rc)"
    )
    env = dict(os.environ, NEWSREADER_HOME=str(isolated_home))
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120)
    assert second.returncode == 0
    assert b"SPACY=False" in second.stderr
    assert json.loads(second.stdout) == data


def test_parse_many_inputs_in_order_and_pretty(tmp_path, isolated_home):
    a = tmp_path / "a.txt"
    a.write_text("date 2024-01-05 A\nThe mayor said on Monday that 40 people attended.\n")
    b = tmp_path / "b.txt"
    b.write_text("date 2023-03-01 B\nPrices rose 5% in February 2023.\n")
    out = run("parse", str(b), str(a), home=isolated_home)
    lines = out.stdout.decode().splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["B", "A"]
    pretty = run("parse", "--pretty", str(a), home=isolated_home)
    assert pretty.stdout.decode().startswith('{\n  "schema": "newsreader.document/1"')


def test_parse_stdin(isolated_home):
    out = run("parse", "-", stdin=b"date 2024-01-05 A\nIt rained.\n", home=isolated_home)
    assert out.returncode == 0 and json.loads(out.stdout)["source"] == "-"


@pytest.mark.parametrize(
    "setup,expected",
    [
        (lambda p: str(p / "missing.txt"), "no such file"),
        (lambda p: str(p), "is a directory"),
        (lambda p: _file(p, "empty.txt", b""), "is empty"),
        (lambda p: _file(p, "bin.dat", bytes(range(256)) * 4), "binary"),
        (lambda p: _file(p, "undecodable.txt", bytes(range(0x80, 0x100)) * 4), "not valid UTF-8"),
        (lambda p: _file(p, "big.txt", b"a" * (5 * 1024 * 1024 + 1)), "size limit"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path, isolated_home, setup, expected):
    out = run("parse", setup(tmp_path), home=isolated_home)
    err = out.stderr.decode()
    assert out.returncode == 2
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert out.stdout == b""


def test_one_bad_input_in_a_batch_is_an_error_record_and_exit_2(tmp_path, isolated_home):
    out = run("parse", str(SAMPLE), str(tmp_path / "missing.txt"), home=isolated_home)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 2 and [r["schema"] for r in lines] == ["newsreader.document/1", "newsreader.error/1"]


def test_usage_errors_are_one_line(isolated_home):
    for args in (["parse"], ["open"], ["frobnicate"], ["parse", "--pretty", "a", "b"]):
        out = run(*args, home=isolated_home)
        assert out.returncode == 2, args
        assert out.stderr.decode().count("\n") == 1, (args, out.stderr)


def test_cache_stats_and_clear(isolated_home):
    run("parse", str(SAMPLE), home=isolated_home)
    stats = run("cache", "stats", home=isolated_home).stdout.decode()
    assert "documents: 1" in stats
    cleared = run("cache", "clear", home=isolated_home)
    assert cleared.returncode == 0 and "removed 1" in cleared.stderr.decode()
    assert "documents: 0" in run("cache", "stats", home=isolated_home).stdout.decode()


def test_version_and_help(isolated_home):
    assert run("--version", home=isolated_home).stdout.decode().startswith("newsreader ")
    for args in (["--help"], ["parse", "--help"], ["open", "--help"], ["cache", "--help"]):
        out = run(*args, home=isolated_home)
        assert out.returncode == 0 and b"example" in out.stdout


def _file(directory, name, data):
    path = directory / name
    path.write_bytes(data)
    return str(path)


def test_open_from_a_pipe_takes_keys_from_the_terminal(monkeypatch):
    """`cat a.txt | newsreader open -`: the app reads keys from standard input, which is
    the exhausted pipe; like `less`, the terminal becomes standard input."""
    from newsreader import cli

    calls = []
    monkeypatch.setattr(cli.sys, "stdin", open(os.devnull))
    monkeypatch.setattr(cli.os, "open", lambda path, flags: calls.append(("open", path)) or 99)
    monkeypatch.setattr(cli.os, "dup2", lambda fd, to: calls.append(("dup2", fd, to)))
    monkeypatch.setattr(cli.os, "close", lambda fd: calls.append(("close", fd)))
    cli.keyboard_from_terminal()
    assert calls == [("open", "/dev/tty"), ("dup2", 99, 0), ("close", 99)]


def test_open_from_a_pipe_without_a_terminal_is_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "open", "-"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        env={**os.environ, "NEWSREADER_HOME": str(tmp_path)},
        start_new_session=True,
        timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and len(err.splitlines()) == 1
    assert "no terminal to take keys from" in err
