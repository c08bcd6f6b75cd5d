"""The PDFs' font: the first TrueType sans pair the system has, else reportlab's own Vera."""

from __future__ import annotations

from pathlib import Path

from receipts import fonts


def test_the_first_pair_the_system_has_is_used_else_reportlabs_own(monkeypatch, tmp_path):
    for name in ("a.ttf", "a-bold.ttf", "b.ttf", "b-bold.ttf"):
        (tmp_path / name).write_bytes(b"")
    missing = (str(tmp_path / "none.ttf"), str(tmp_path / "none-bold.ttf"))
    half = (str(tmp_path / "a.ttf"), str(tmp_path / "none-bold.ttf"))  # no bold beside it
    whole = (str(tmp_path / "b.ttf"), str(tmp_path / "b-bold.ttf"))
    monkeypatch.setattr(fonts, "_CANDIDATES", [missing, half, whole])
    assert fonts.pick() == whole
    monkeypatch.setattr(fonts, "_CANDIDATES", [missing])
    found = fonts.pick()
    assert found is not None and [Path(f).name for f in found] == ["Vera.ttf", "VeraBd.ttf"]


def test_windows_and_macos_have_a_font_to_look_for():
    looked_for = " ".join(regular for regular, _bold in fonts._CANDIDATES)
    assert "C:/Windows/Fonts/arial.ttf" in looked_for and "/System/Library/Fonts/" in looked_for
