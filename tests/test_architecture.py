"""The boundaries the design keeps: Streamlit only under ui/, SQL only under storage/."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "review_app"
SQL_WORDS = re.compile(
    r"^\s*(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|(CREATE|ALTER|DROP)\s+(TABLE|INDEX))\b",
    re.IGNORECASE | re.DOTALL,
)


def _modules(exclude: str):
    for path in PACKAGE.rglob("*.py"):
        if exclude not in path.relative_to(PACKAGE).parts:
            yield path


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_streamlit_is_imported_only_under_ui():
    offenders = [str(p) for p in _modules("ui") if any(n.split(".")[0] == "streamlit" for n in _imports(p))]
    assert offenders == []


def test_sql_lives_only_under_storage():
    offenders = []
    for path in _modules("storage"):
        if any(n.startswith("sqlalchemy") and n != "sqlalchemy.exc" for n in _imports(path)):
            offenders.append(f"{path}: imports sqlalchemy")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WORDS.match(node.value):
                offenders.append(f"{path}:{node.lineno}: SQL string")
    assert offenders == []


def test_the_project_never_reads_shared():
    offenders = [str(p) for p in PACKAGE.rglob("*.py") if "../shared" in p.read_text(encoding="utf-8")]
    tests = Path(__file__).resolve().parent
    offenders += [str(p) for p in tests.rglob("*.py")
                  if p.name != Path(__file__).name and "../shared" in p.read_text(encoding="utf-8")]
    assert offenders == []
