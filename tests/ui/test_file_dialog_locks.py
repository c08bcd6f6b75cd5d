"""Kasir's file dialog shows the shop's folder without opening its files: Qt's own icon provider read the
first bytes of kasir.db-wal and kasir.db-shm, and closing them ended this process's locks on the live
database, so another program opening it copied the log back and deleted it while Kasir kept selling."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

from ui.widgets import files


def test_listing_the_shops_folder_keeps_kasirs_hold_on_its_database(qtbot, tmp_path):
    db = tmp_path / "toko.db"
    live = sqlite3.connect(db, isolation_level=None)  # as the open shop: WAL, the log not copied back yet
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("CREATE TABLE nota (nomor TEXT)")
    live.execute("INSERT INTO nota VALUES ('K1-000001')")
    assert (tmp_path / "toko.db-wal").exists() and (tmp_path / "toko.db-shm").exists()

    box = files._dialog(None, "Impor", "Semua file (*)", saving=False)
    qtbot.addWidget(box)
    box.setDirectory(str(tmp_path))
    box.show()
    until = time.monotonic() + 2
    while time.monotonic() < until:  # the folder listed and drawn, icons and types asked for
        qtbot.wait(50)
    box.hide()

    other = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT COUNT(*) FROM nota').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", other, str(db)], check=True)  # another program opens and closes it
    assert (tmp_path / "toko.db-wal").exists()  # Kasir still holds it: nobody copied its log away
    live.execute("INSERT INTO nota VALUES ('K1-000002')")
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM nota").fetchone() == (2,)  # seen by others
    live.close()


def test_every_file_dialog_is_kasirs_own():
    """Qt's static file dialogs (QFileDialog.getSaveFileName and the like) bring Qt's icon provider back,
    and with it the lost locks: every screen asks through ui/widgets/files.py."""
    from pathlib import Path

    ui = Path(files.__file__).resolve().parents[1]
    static = ("getSaveFileName", "getOpenFileName", "getExistingDirectory", "getOpenFileNames")
    found = [
        f"{path.relative_to(ui)}: {name}"
        for path in ui.rglob("*.py")
        if path.name != "files.py"
        for name in static
        if name in path.read_text(encoding="utf-8")
    ]
    assert found == []
