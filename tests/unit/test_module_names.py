"""No module binds one top-level name twice.

A second ``_ADDRESSED = …`` further down ``reported.py`` silently replaced the first one,
and the rules written against the first lost their word list (found by reading; ruff's
F811 covers only imports and definitions, not plain assignments).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "newsreader"


def top_level_names(tree: ast.Module) -> list[str]:
    """Names bound by the module's own top-level statements (not inside ``if`` or ``try``,
    where a fallback binds a name on another path)."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.append(node.target.id)
    return names


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_top_level_name_is_bound_twice(path):
    names = top_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert not [name for name, n in Counter(names).items() if n > 1]


def test_the_check_sees_a_second_binding():
    tree = ast.parse("_WORDS = {'a'}\ndef f():\n    pass\n_WORDS = {'b'}\n")
    assert Counter(top_level_names(tree))["_WORDS"] == 2
