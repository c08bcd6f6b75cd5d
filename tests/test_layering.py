"""pos/, db/ and receipts/ never import Qt or ui/: the core runs headless (CLI, reports, tests)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


CORE_FILES = [p for pkg in ("pos", "db", "receipts") for p in sorted((ROOT / pkg).rglob("*.py"))]


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_does_not_import_qt_or_ui(path: Path) -> None:
    bad = [n for n in imports(path) if n.split(".")[0] in FORBIDDEN]
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


CLI_FILES = sorted((ROOT / "ui" / "cli").rglob("*.py"))


@pytest.mark.parametrize("path", CLI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_command_line_does_not_import_qt(path: Path) -> None:
    """ui/cli/ runs without a display: no Qt, and of ui/ only its own modules."""
    bad = [
        n
        for n in imports(path)
        if n.split(".")[0] in ("PySide6", "shiboken6")
        or (n.split(".")[0] == "ui" and not n.startswith("ui.cli"))
    ]
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


def test_the_command_line_has_its_commands() -> None:
    assert len(CLI_FILES) > 5


def test_the_check_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("import os\nfrom PySide6.QtWidgets import QWidget\nimport ui.app\n")
    assert [n for n in imports(sample) if n.split(".")[0] in FORBIDDEN] == ["PySide6.QtWidgets", "ui.app"]


def test_core_packages_are_not_empty() -> None:
    assert len(CORE_FILES) > 10


# Screens that import db/ directly: none; every screen reads through pos/ query functions.
UI_READING_DB: set[str] = set()


def test_no_new_screen_imports_db() -> None:
    reading = {
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "ui").rglob("*.py"))
        if any(n.split(".")[0] == "db" for n in imports(p))
    }
    assert reading - UI_READING_DB == set(), "read through pos/ query functions instead"
    assert UI_READING_DB - reading == set(), "no longer reads db/: take it off UI_READING_DB"


WHEEL_BOXES = re.compile(r"\b(QComboBox|QSpinBox|QDoubleSpinBox|QDateEdit|QTimeEdit|QDateTimeEdit)\(")


def test_screens_build_their_boxes_from_ui_boxes() -> None:
    """A wheel passing over a Qt box changes it (Pembulatan tunai became Rp 1.000); ui/widgets/boxes.py's
    do not."""
    raw = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path.name != "boxes.py" and WHEEL_BOXES.search(path.read_text(encoding="utf-8"))
    ]
    assert raw == [], "use ui.widgets.boxes.ComboBox / SpinBox / DoubleSpinBox / DateEdit"


_SQL = re.compile(r"^\s*(SELECT|INSERT\s+INTO|UPDATE\s+\"|DELETE\s+FROM|PRAGMA|WITH\s+\w+\s+AS)\b", re.I)


def sql_strings(path: Path) -> list[str]:
    """String constants in `path` that are SQL statements, and calls of execute_sql."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
            found.append(node.value[:60])
        elif isinstance(node, ast.Attribute) and node.attr == "execute_sql":
            found.append("execute_sql")
    return found


POS_FILES = sorted((ROOT / "pos").rglob("*.py"))


@pytest.mark.parametrize("path", POS_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pos_writes_no_sql_of_its_own(path: Path) -> None:
    """Hand-written SQL lives in db/, in modules named for what they serve, returning named rows."""
    assert sql_strings(path) == [], path.relative_to(ROOT)


def test_the_sql_check_sees_a_statement(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('Q = \'SELECT "id" FROM "product"\'\ndb.execute_sql(Q)\n', encoding="utf-8")
    assert sql_strings(bad) == ['SELECT "id" FROM "product"', "execute_sql"]
