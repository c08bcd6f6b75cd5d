"""The catalogue from the command line: an empty shop set up, products imported from a file (all or
nothing, exit 1 with the row list), exported and imported back unchanged."""

from __future__ import annotations

import sqlite3

from tests.test_cli import run


def _count(path, table):
    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def test_a_shop_from_the_command_line_imports_exports_and_refuses_bad_rows(tmp_path):
    db = str(tmp_path / "toko.db")
    assert (
        run("--db", db, "setup", "--shop", "Warung Ani", "--owner", "Bu Ani", "--pin", "4826").returncode == 0
    )
    good = tmp_path / "barang.csv"
    good.write_text(
        "Nama;Harga;Barcode;Stok\nIndomie Goreng;3.500;8998866200301;40\nGula 1 kg;Rp 17.000;;12\n"
    )
    checked = run("--db", db, "products", "import", str(good), "--dry-run")
    assert checked.returncode == 0 and "2 baru" in checked.stdout and _count(db, "product") == 0
    done = run("--db", db, "products", "import", str(good))
    assert done.returncode == 0 and "2 barang baru" in done.stdout
    assert (_count(db, "product"), _count(db, "stock_move")) == (2, 2)
    bad = tmp_path / "salah.csv"
    bad.write_text("Nama;Harga\nKopi;2.000\n;1.000\nTeh;dua ribu\n")
    refused = run("--db", db, "products", "import", str(bad))
    assert refused.returncode == 1 and "baris 3" in refused.stderr and "baris 4" in refused.stderr
    assert _count(db, "product") == 2
    out = tmp_path / "katalog.xlsx"
    assert run("--db", db, "products", "export", str(out)).returncode == 0
    again = run("--db", db, "products", "import", str(out), "--update")
    assert again.returncode == 0 and "0 barang baru, 0 diubah, 0 stok awal" in again.stdout
    assert run("--db", db, "verify").returncode == 0
