"""Posters and the price list from the command line: read-only, the files written and the caption printed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.test_cli import run


def _shop(tmp_path: Path) -> str:
    db = str(tmp_path / "toko.db")
    done = run(
        "--db", db, "setup", "--shop", "Warung Ani", "--owner", "Bu Ani", "--pin", "4826",
        "--whatsapp", "0812 1111 2222",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    products = tmp_path / "barang.csv"
    products.write_text(
        "SKU;Nama;Harga;Kategori;Satuan\nBKS;Bakso Urat;18.000;Makanan;porsi\n"
        "TEH;Es Teh Manis;5.000;Minuman;pcs\nMIE;Mie Ayam;15.000;Makanan;porsi\n"
    )
    imported = run("--db", db, "--owner-pin", "4826", "products", "import", str(products))
    assert imported.returncode == 0, imported.stderr
    return db


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_product_poster_both_sizes(tmp_path):
    db = _shop(tmp_path)
    before = _digest(db)
    out = tmp_path / "poster"
    done = run(
        "--db", db, "posters", "--products", "BKS,TEH", "--promo", "BKS=15.000", "--size", "both",
        "--until", "2099-12-31", "--title", "Promo Gajian", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    files = [Path(line) for line in lines[:3]]
    assert [f.name for f in files] == [
        "poster-promo-gajian-square.png",
        "poster-promo-gajian-status.png",
        "poster-promo-gajian-caption.txt",
    ]
    assert Image.open(files[0]).size == (1080, 1080) and Image.open(files[1]).size == (1080, 1920)
    assert lines[3] == "" and lines[4] == "Promo Gajian · Warung Ani"
    assert "• Bakso Urat ~Rp 18.000~ Rp 15.000/porsi" in lines and "• Es Teh Manis Rp 5.000" in lines
    assert "Berlaku s.d. 31-12-2099" in lines
    assert lines[-2].startswith("Pesan lewat WhatsApp: https://wa.me/6281211112222?text=Halo%20Warung%20Ani")
    assert files[2].read_text(encoding="utf-8").splitlines() == lines[4:]
    assert _digest(db) == before  # read-only


def test_price_list_of_one_category(tmp_path):
    db = _shop(tmp_path)
    out = tmp_path / "harga"
    done = run("--db", db, "posters", "--price-list", "--category", "makanan", "--out", str(out))
    assert done.returncode == 0, done.stderr
    pdf = next(out.glob("*.pdf"))
    text = " ".join(PdfReader(pdf).pages[0].extract_text(extraction_mode="layout").split())
    assert "Bakso Urat porsi Rp 18.000" in text and "Mie Ayam porsi Rp 15.000" in text and "Teh" not in text
    assert "Halaman 1 dari 1" in text
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf", ".png", ".txt"]
    assert "Daftar harga Makanan Warung Ani" in done.stdout


def test_bad_input_is_refused_and_writes_nothing(tmp_path):
    db = _shop(tmp_path)
    out = tmp_path / "none"
    cases = [
        (("--products", "BKS", "--promo", "BKS=20000"), "harus di bawah harga biasa"),
        (("--products", "XXX"), "XXX"),
        (("--products", "BKS", "--promo", "BKS"), "SKU=HARGA"),
        (("--products", "BKS", "--until", "2020-01-01"), "sudah lewat"),
        (("--products", "BKS", "--until", "besok"), "YYYY-MM-DD"),
        (("--stamps",), "kartu stempel"),
        (("--gift", "abc"), "harus angka"),
        (("--voucher", "Lebaran"), "Lebaran"),
        (("--price-list", "--category", "Sepatu"), "Sepatu"),
        (("--products", "BKS", "--layout", "program"), "Program"),
    ]
    for args, said in cases:
        done = run("--db", db, "posters", *args, "--out", str(out))
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
        assert not out.exists(), args
    both = run("--db", db, "posters", "--products", "BKS", "--price-list", "--out", str(out))
    assert both.returncode == 2 and not out.exists()
