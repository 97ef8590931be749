"""The core never imports textual, and a cache hit never imports spaCy."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "newsreader"
CORE = ["analysis", "ingest", "store", "export", "model.py", "service.py", "config.py"]


def core_files():
    for name in CORE:
        path = SRC / name
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        elif path.exists():
            yield path


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", list(core_files()), ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_does_not_import_textual(path):
    assert not [m for m in imported_modules(path) if m.split(".")[0] in ("textual", "rich")]


def test_importing_the_core_loads_neither_textual_nor_spacy():
    code = (
        "import sys, newsreader.cli, newsreader.service, newsreader.store, newsreader.analysis, newsreader.ingest;"
        "import newsreader.analysis.pipeline;"
        "print(sorted(m for m in ('spacy', 'textual', 'dateparser') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_reading_a_text_file_does_not_import_the_html_extractor(tmp_path):
    """What a reader opening a .txt pays for: byte sniffing lives in ingest/sniff.py."""
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-02 Council votes\nThe council voted on Tuesday.\n", encoding="utf-8")
    code = (
        "import sys; from newsreader.ingest import read_input;"
        f"read_input({str(path)!r});"
        "print(sorted(m for m in ('newsreader.ingest.html', 'trafilatura', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
