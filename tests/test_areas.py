"""pos/'s areas import one way: each may use the areas below it, never one above. pos/shop.py, which opens
a shop and saves its settings, stands above them all; the demo shops above it. The product never imports the
developer tools (bench/, tools/), and db/ never imports pos/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_layering import imports

ROOT = Path(__file__).resolve().parents[1]
# Lowest first: an area may import its own modules and those of the areas before it.
AREAS = ["core", "stock", "catalog", "customers", "counter", "books", "audit", "shop", "demo"]
PRODUCT = ("pos", "ui", "db", "receipts")


def area_of(module: str) -> str | None:
    """'pos.counter.sale' -> 'counter'; 'pos.shop' -> 'shop'; anything outside pos/ -> None."""
    parts = module.split(".")
    if parts[0] != "pos" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in AREAS else None


def upward(path: Path) -> list[str]:
    """The imports of `path` that point at an area above its own."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    own = area_of(module)
    assert own is not None, f"{module} belongs to no area: put it in one of {AREAS}"
    return [n for n in imports(path) if (to := area_of(n)) and AREAS.index(to) > AREAS.index(own)]


POS_FILES = [
    p for p in sorted((ROOT / "pos").rglob("*.py")) if p.name != "__init__.py" or p.parent.name != "pos"
]


@pytest.mark.parametrize("path", POS_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_areas_import_downward_only(path: Path) -> None:
    assert upward(path) == [], f"{path.relative_to(ROOT)} imports an area above its own"


def test_every_area_says_what_it_holds() -> None:
    for area in AREAS:
        if area == "shop":
            assert (ROOT / "pos" / "shop.py").is_file()
            continue
        doc = (ROOT / "pos" / area / "__init__.py").read_text(encoding="utf-8")
        assert doc.startswith('"""') and len(doc) > 80, f"pos/{area}/__init__.py: say what it holds"
    assert sorted(
        p.name for p in (ROOT / "pos").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    ) == sorted(a for a in AREAS if a != "shop")


def test_the_check_sees_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pos" / "core" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from pos.core import money\nfrom pos.counter import sale\nimport pos.shop\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert upward(fake) == ["pos.counter", "pos.shop"]


PRODUCT_FILES = [p for pkg in PRODUCT for p in sorted((ROOT / pkg).rglob("*.py"))]


def test_main_imports_the_bench_only_for_its_command() -> None:
    """`python main.py bench` runs the developer's benchmark; no other command and no start-up imports it."""
    import ast

    tree = ast.parse((ROOT / "main.py").read_text(encoding="utf-8"))
    where = [
        fn.name
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef)
        for node in ast.walk(fn)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("bench", "tools")
    ]
    assert where == ["cmd_bench"]
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert not [n for n in top if "bench" in ast.dump(n) or "tools" in ast.dump(n)]


def test_the_product_never_imports_developer_tools() -> None:
    bad = {
        str(p.relative_to(ROOT)): n
        for p in PRODUCT_FILES
        for n in imports(p)
        if n.split(".")[0] in ("bench", "tools", "tests")
    }
    assert bad == {}


def test_db_never_imports_pos() -> None:
    bad = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "db").rglob("*.py"))
        if any(n.split(".")[0] == "pos" for n in imports(p))
    ]
    assert bad == []


def test_the_app_imports_nothing_unix_only() -> None:
    bad = [str(p.relative_to(ROOT)) for p in PRODUCT_FILES if "resource" in imports(p)]
    assert bad == []
