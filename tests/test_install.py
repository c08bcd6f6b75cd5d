"""Kasir installs like a desktop app: the `kasir` command (setup.cfg's entry points), `--install-desktop` (the
menu entry and icons under $XDG_DATA_HOME), the icon on every window, and the packaging files agreeing with
the code (the freedesktop entry, the PyInstaller spec's data, the Windows installer's folders)."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

import main
from ui.icons import desktop

ROOT = Path(__file__).resolve().parents[1]


def _setup_cfg() -> configparser.ConfigParser:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return cfg


def test_the_kasir_command_opens_the_app_and_runs_commands_from_one_function():
    cfg = _setup_cfg()
    console = cfg["options.entry_points"]["console_scripts"].split()
    gui = cfg["options.entry_points"]["gui_scripts"].split()
    assert console == ["kasir", "=", "main:main"] and gui == ["kasir-gui", "=", "main:main"]
    assert "ui = icons/*.png, icons/*.svg" in (ROOT / "setup.cfg").read_text(encoding="utf-8")
    extras = cfg["options.extras_require"]
    assert "pyinstaller" in extras["build"] and "psycopg2" in extras["postgres"]
    assert 'pywin32>=306; sys_platform == "win32"' in cfg["options"]["install_requires"]


def test_the_help_names_the_command_as_it_was_started(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["/opt/kasir/bin/kasir", "--help"])
    with pytest.raises(SystemExit):
        main.main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("pemakaian: kasir [-h]") and "--install-desktop" in out
    monkeypatch.setattr(sys, "argv", ["main.py"])
    assert main.program_name() == "python main.py"


@pytest.mark.skipif(sys.platform == "win32", reason="a freedesktop menu: Windows has its installer")
def test_install_desktop_writes_the_entry_and_every_icon_under_xdg_data_home_twice_the_same(
    tmp_path, monkeypatch, capsys
):
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert main.main(["--install-desktop"]) == 0
    entry = home / "applications" / "kasir.desktop"
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # how this Kasir starts: the venv's `kasir` script once pip installed it, else this Python and main.py
    command = desktop.launcher(ROOT / "main.py")
    assert exec_line == "Exec=" + " ".join(desktop.quote(arg) for arg in command)
    assert Path(command[0]).is_absolute() and Path(command[0]).is_file()
    assert command[1:] in ([], [str(ROOT / "main.py")])
    assert "Icon=kasir" in text and "Terminal=false" in text
    icons = sorted(p.relative_to(home).as_posix() for p in (home / "icons").rglob("*.*"))
    assert icons == sorted(
        [f"icons/hicolor/{n}x{n}/apps/kasir.png" for n in desktop.SIZES]
        + ["icons/hicolor/scalable/apps/kasir.svg"]
    )
    assert str(entry) in capsys.readouterr().out
    before = {p: p.stat().st_mtime_ns for p in home.rglob("*") if p.is_file()}
    assert main.main(["--install-desktop"]) == 0  # again: the same files, nothing added, nothing rewritten
    assert {p: p.stat().st_mtime_ns for p in home.rglob("*") if p.is_file()} == before


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home({"XDG_DATA_HOME": "relative/dir"}) == Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path / "x")}) == tmp_path / "x"


def test_an_installed_or_frozen_kasir_is_started_by_its_own_program(tmp_path, monkeypatch):
    venv_python = tmp_path / "venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text("")
    monkeypatch.setattr(sys, "executable", str(venv_python))
    # a source checkout: this Python running main.py
    assert desktop.launcher(ROOT / "main.py") == [str(venv_python), str(ROOT / "main.py")]
    script = venv_python.parent / "kasir"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert desktop.launcher(ROOT / "main.py") == [str(script)]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert desktop.launcher() == [str(venv_python.resolve())]


def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says():
    assert desktop.quote("/usr/bin/kasir") == "/usr/bin/kasir"
    assert desktop.quote("/home/bu sri/Kasir App/kasir") == '"/home/bu sri/Kasir App/kasir"'
    assert desktop.quote('/a/$HOME"x`y\\z') == '"/a/\\$HOME\\"x\\`y\\\\z"'


def test_the_packaged_desktop_file_is_the_one_the_code_writes():
    assert (ROOT / "packaging" / "kasir.desktop").read_text(encoding="utf-8") == desktop.desktop_entry(
        ["kasir"]
    )
    metainfo = (ROOT / "packaging" / f"{desktop.APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{desktop.APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{desktop.DESKTOP_FILE}</launchable>' in metainfo


def test_every_icon_size_is_drawn_at_its_size():
    from PIL import Image

    for size in desktop.SIZES:
        with Image.open(desktop.ICON_DIR / f"kasir-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((size // 2, size // 2))[3] == 255  # drawn, not transparent
    with Image.open(ROOT / "packaging" / "kasir.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_every_window_and_dialog_has_kasirs_icon(qtbot):
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    from ui import icons

    app = QApplication.instance()
    saved = app.windowIcon()
    app.setWindowIcon(icons.app_icon())  # what ui.app.run does
    try:
        window, dialog = QMainWindow(), QDialog()
        qtbot.addWidget(window)
        qtbot.addWidget(dialog)
        for widget in (window, dialog):
            sizes = {(s.width(), s.height()) for s in widget.windowIcon().availableSizes()}
            assert {(16, 16), (32, 32), (256, 256)} <= sizes
    finally:
        app.setWindowIcon(saved)


def test_the_frozen_build_takes_what_kasir_reads_at_run_time():
    spec = (ROOT / "packaging" / "kasir.spec").read_text(encoding="utf-8")
    for needed in (
        '"pos" / "locale"',
        '"ui" / "icons"',
        'collect_data_files("escpos")',
        '"reportlab", subdir="fonts"',
    ):
        assert needed in spec
    assert (ROOT / "pos" / "locale" / "en" / "LC_MESSAGES" / "kasir.po").is_file()


def test_the_windows_installer_keeps_the_shops_data_on_uninstall():
    iss = (ROOT / "packaging" / "kasir.iss").read_text(encoding="utf-8")
    assert "DefaultDirName={autopf}\\Kasir" in iss and "kasir-gui.exe" in iss
    assert "{localappdata}\\Kasir" not in iss.split("[UninstallDelete]")[-1]  # data stays
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "windows-latest" in workflow and "packaging/kasir.spec" in workflow


def test_a_smoke_start_shows_the_login_with_the_icon_and_quits_without_a_backup(tmp_path):
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("KASIR_NO_BACKUP", None)
    db = tmp_path / "toko.db"
    run = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]
    made = subprocess.run(
        [*run, "setup", "--shop", "Warung Uji", "--owner", "Bu Sri", "--pin", "4826"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    started = subprocess.run(
        run, capture_output=True, text=True, env={**env, "KASIR_QUIT_AFTER_START": "1"}, timeout=120
    )
    assert (started.returncode, started.stdout) == (0, "kasir started: login\n"), started.stderr
    assert not (tmp_path / "data" / "Kasir" / "cadangan").exists()  # no backup at a smoke test's quit
