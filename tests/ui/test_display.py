"""Without a screen, or without Qt's X11 libraries, `python main.py` says so in Indonesian and exits 1
(Qt itself aborts with a core dump and names another library)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui import app

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_is_said_plainly_and_exits_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "toko.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Tidak ada layar untuk membuka jendela Kasir" in done.stderr
    assert not (tmp_path / "toko.db").exists()  # nothing opened, nothing made


def test_a_missing_x11_library_is_named_by_its_package(monkeypatch):
    known = "\\n".join(f"\\tlib{name}.so.0 => /usr/lib/lib{name}.so.0" for name in app.X11_LIBRARIES)
    monkeypatch.setattr(app, "_known", known.replace("libxcb-icccm", "libgone"))
    problem = app.display_problem({"DISPLAY": ":0"})
    assert problem.endswith("sudo apt-get install -y libxcb-icccm4")
    monkeypatch.setattr(app, "_known", known)
    assert app.display_problem({"DISPLAY": ":0"}) == ""
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}) == ""
