"""Code a person can read: no module of the product over 500 lines, no function over 80."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE_LINES = 500
FUNCTION_LINES = 80
PRODUCT = [p for pkg in ("pos", "ui", "db", "receipts") for p in sorted((ROOT / pkg).rglob("*.py"))]
PRODUCT.append(ROOT / "main.py")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def long_modules() -> dict[str, int]:
    lengths = {_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in PRODUCT}
    return {name: n for name, n in lengths.items() if n > MODULE_LINES}


def long_functions() -> dict[str, int]:
    out = {}
    for path in PRODUCT:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    out[f"{_name(path)}:{node.name}"] = length
    return out


def test_no_module_is_over_500_lines() -> None:
    assert long_modules() == {}


def test_no_function_is_over_80_lines() -> None:
    assert long_functions() == {}
