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
    nobody = run("--db", db, "products", "import", str(good))  # a cashier at the shop's laptop, no PIN
    assert nobody.returncode == 2 and "butuh PIN pemilik" in nobody.stderr and _count(db, "product") == 0
    wrong = run("--db", db, "--owner-pin", "1111", "products", "import", str(good))
    assert wrong.returncode == 2 and "PIN salah" in wrong.stderr and _count(db, "product") == 0
    done = run("--db", db, "--owner-pin", "4826", "products", "import", str(good))
    assert done.returncode == 0 and "2 barang baru" in done.stdout
    assert (_count(db, "product"), _count(db, "stock_move")) == (2, 2)
    bad = tmp_path / "salah.csv"
    bad.write_text("Nama;Harga\nKopi;2.000\n;1.000\nTeh;dua ribu\n")
    refused = run("--db", db, "products", "import", str(bad))
    assert refused.returncode == 1 and "baris 3" in refused.stderr and "baris 4" in refused.stderr
    assert refused.stderr.splitlines()[0] == "2 masalah di 2 baris; tidak ada yang ditulis:"
    assert _count(db, "product") == 2
    out = tmp_path / "katalog.xlsx"
    assert run("--db", db, "products", "export", str(out)).returncode == 2 and not out.exists()  # a PIN
    assert run("--db", db, "--owner-pin", "4826", "products", "export", str(out)).returncode == 0
    again = run("--db", db, "--owner-pin", "4826", "products", "import", str(out), "--update")
    assert again.returncode == 0 and "0 barang baru, 0 diubah, 0 stok awal" in again.stdout
    assert run("--db", db, "verify").returncode == 0


def test_labels_from_the_command_line(tmp_path):
    from pypdf import PdfReader

    db = str(tmp_path / "toko.db")
    run("--db", db, "setup", "--shop", "Warung Ani", "--owner", "Bu Ani", "--pin", "4826")
    products = tmp_path / "barang.csv"
    products.write_text("SKU;Nama;Harga;Barcode\nMIE;Indomie Goreng;3.500;8998866200301\nGL;Gula;17.000;\n")
    run("--db", db, "--owner-pin", "4826", "products", "import", str(products))
    pdf = tmp_path / "label.pdf"
    done = run("--db", db, "labels", "--sku", "MIE:3", "GL", "--pdf", str(pdf))  # several after one --sku
    assert done.returncode == 0 and "4 label" in done.stdout
    text = PdfReader(pdf).pages[0].extract_text()
    assert text.count("Indomie Goreng") == 3 and "Rp 17.000" in text
    roll = run("--db", db, "labels", "--all", "--layout", "thermal58", "--pdf", str(pdf))
    assert roll.returncode == 0 and len(PdfReader(pdf).pages) == 2
    missing = run("--db", db, "labels", "--sku", "TIDAK-ADA", "--pdf", str(pdf))
    assert missing.returncode == 2 and "TIDAK-ADA" in missing.stderr


def test_customers_from_a_phones_contacts(tmp_path):
    db = str(tmp_path / "toko.db")
    run("--db", db, "setup", "--shop", "Warung Ani", "--owner", "Bu Ani", "--pin", "4826")
    vcf = tmp_path / "kontak.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bu Ani\r\nTEL;TYPE=CELL:0812-1111-2222\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pak Budi\r\nTEL;TYPE=CELL:+62 813 3333 4444\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    checked = run("--db", db, "customers", "import", str(vcf), "--dry-run")
    assert checked.returncode == 0 and "2 baru" in checked.stdout and _count(db, "customer") == 0
    done = run("--db", db, "--owner-pin", "4826", "customers", "import", str(vcf))
    assert done.returncode == 0 and "2 pelanggan baru" in done.stdout and _count(db, "customer") == 2
    again = run("--db", db, "--owner-pin", "4826", "customers", "import", str(vcf))
    assert again.returncode == 0 and "0 pelanggan baru, 2 sudah terdaftar" in again.stdout
    assert _count(db, "customer") == 2
