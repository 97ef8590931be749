"""The README shows the product as it is: every command, every key (generated from the
bindings table), and a picture made from the app (issue 20, item 13)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from newsreader.cli import build_parser
from newsreader.ui.bindings import keys_markdown

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "scripts"))
from readme_assets import BEGIN, END  # noqa: E402


def test_the_key_tables_are_the_bindings_table():
    block = README.split(BEGIN, 1)[1].split(END, 1)[0]
    assert block.strip() == keys_markdown().strip(), "run: .venv/bin/python scripts/readme_assets.py --keys"


def test_every_command_and_its_main_options_are_shown():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for command in sub.choices:
        assert re.search(rf"^newsreader {command}\b", README, re.M), command
    for option in ("--offline", "--sample", "--published", "--format", "--pretty", "--jobs", "--no-cache"):
        assert option in README, option
    for fmt in ("md", "html", "json", "annotations"):
        assert fmt in README


def test_the_screenshot_is_there_and_shown():
    assert "(docs/screenshot.png)" in README
    assert (ROOT / "docs" / "screenshot.png").stat().st_size > 10_000
