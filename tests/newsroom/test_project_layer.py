"""The project layer (newsroom/) is wiring only: it imports no app of ours."""

import ast
from pathlib import Path

import pytest

NEWSROOM = Path(__file__).resolve().parent.parent.parent / "newsroom"
APPS = {"articles", "comments"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", sorted(NEWSROOM.rglob("*.py")), ids=lambda path: str(path.relative_to(NEWSROOM)))
def test_the_project_layer_imports_no_app(path):
    assert not [name for name in imported_modules(path) if name.split(".")[0] in APPS]
