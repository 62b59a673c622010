"""The boundaries the design keeps, read from one table.

Layers, top to bottom: the faces (the CLI and the Streamlit UI) call the use cases
(``workflow``), which call the domain packages and the Store; the domain reads and
writes records, never the database; storage knows only the records. Nothing imports
upward. Besides: Streamlit only under ui/, SQL only under storage/, nothing reads
../shared (a user's clone has no such folder).
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "review_app"

# Every top-level module or package of review_app, by layer.
LAYERS = {
    "faces": {"cli", "ui"},
    "use cases": {"workflow"},
    "domain": {"ingest", "checks", "language", "evaluation", "candidates", "scoring", "export", "presentation",
               "auth", "sessions", "batch"},
    "storage": {"storage"},
    "records": {"model", "errors", "settings"},
}
# What each layer may import, besides itself.
MAY_IMPORT = {
    "faces": {"use cases", "domain", "records"},
    "use cases": {"domain", "storage", "records"},
    "domain": {"records"},
    "storage": {"records"},
    "records": set(),
}
SQL_WORDS = re.compile(
    r"^\s*(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|(CREATE|ALTER|DROP)\s+(TABLE|INDEX))\b",
    re.IGNORECASE | re.DOTALL,
)


def _area(module: str) -> str:
    """``review_app.workflow.review`` -> ``workflow``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _layer_of(area: str) -> str:
    for layer, areas in LAYERS.items():
        if area in areas:
            return layer
    raise AssertionError(f"review_app.{area} is in no layer of LAYERS: add it to the table")


def _module_name(path: Path) -> str:
    parts = ["review_app", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of what a module imports (relative imports resolved)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                names.add(".".join(base + ([node.module] if node.module else [])))
                names.update(".".join(base + [alias.name]) for alias in node.names if not node.module)
            elif node.module:
                names.add(node.module)
    return names


def _modules(skip_area: str | None = None):
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "__init__.py" or "migrations" in path.parts or _area(_module_name(path)) == skip_area:
            continue
        yield path


def import_table() -> dict[str, set[str]]:
    """area -> the other areas of review_app it imports (for the closing note and for the test)."""
    table: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        area = _area(_module_name(path))
        for name in _imports(path):
            if name.startswith("review_app.") and _area(name) not in {area, ""}:
                table[area].add(_area(name))
    return table


def test_every_area_is_in_a_layer():
    for path in _modules():
        _layer_of(_area(_module_name(path)))


def test_nothing_imports_upward_or_around_a_layer():
    offenders = []
    for area, imported in sorted(import_table().items()):
        layer = _layer_of(area)
        for other in sorted(imported):
            target = _layer_of(other)
            if target != layer and target not in MAY_IMPORT[layer]:
                offenders.append(f"{area} ({layer}) imports {other} ({target})")
    assert offenders == []


def test_no_two_areas_import_each_other_even_through_others():
    table = import_table()

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for other in table.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    cycles = sorted(area for area in table if area in reaches(area))
    assert cycles == []


@pytest.mark.parametrize("face", sorted(LAYERS["faces"]))
def test_the_faces_reach_the_database_only_through_workflow(face):
    assert "storage" not in import_table()[face]


def test_streamlit_is_imported_only_under_ui():
    offenders = [str(p) for p in _modules(skip_area="ui") if any(n.split(".")[0] == "streamlit" for n in _imports(p))]
    assert offenders == []


def test_sql_lives_only_under_storage():
    offenders = []
    for path in _modules(skip_area="storage"):
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


def test_the_shipped_package_carries_no_test_helpers():
    assert not any(p.name.startswith("test") or p.name == "tiny.py" for p in PACKAGE.rglob("*.py"))


if __name__ == "__main__":  # python tests/test_architecture.py prints the table
    for area, imported in sorted(import_table().items()):
        print(f"{area} ({_layer_of(area)}) -> {', '.join(sorted(imported))}")
