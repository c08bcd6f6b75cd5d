"""Kasir — offline point-of-sale with loyalty for Indonesian small shops.

python main.py                      open the app (first run: set up your own, empty shop; a demo shop can
                                    be tried from there, in its own file beside, never in your shop)
python main.py setup --shop NAME --owner NAME --pin PIN
                                    set up an empty shop without the app (scripted installs)
python main.py reset-pin --code KODE  a new owner PIN with the recovery code shown at setup (lifts the lock)
python main.py demo --shop warung   fill a database with a demo shop (made-up sales; use a separate --db)
python main.py --help               every command

This file parses the arguments, opens the shop and dispatches; the commands are in ui/cli/.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from typing import Any

import peewee

from pos import shop
from pos.core import places
from pos.core.errors import PosError
from pos.core.i18n import _
from ui.cli import catalog, customers, data, reports, sales
from ui.cli import shop as shop_commands
from ui.cli.arguments import IndonesianArgparse, whole_number
from ui.cli.common import os_why


def program_name() -> str:
    """How Kasir was started, as its help names it: `kasir` (the installed command, the frozen app) or
    `python main.py` (a source checkout)."""
    started_as = os.path.basename(sys.argv[0]).lower() if sys.argv and sys.argv[0] else ""
    return "kasir" if getattr(sys, "frozen", False) or started_as.startswith("kasir") else "python main.py"


def cmd_install_desktop() -> int:
    """`--install-desktop`: the menu entry and the icons for this user (Linux; Windows has its installer)."""
    if sys.platform == "win32":
        print(_("Di Windows, menu Start dan ikon Kasir dipasang oleh pemasangnya (setup)."), file=sys.stderr)
        return 2
    from ui.icons import desktop

    written = desktop.install(desktop.launcher(main_script=__file__))
    print(
        _("Kasir dipasang di menu aplikasi: {entry} (ikon: {n} ukuran di {icons}).").format(
            entry=written[0], n=len(written) - 1, icons=written[1].parents[2]
        )
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    with IndonesianArgparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Kasir: kasir offline dengan program loyalitas untuk UMKM. "
        "Tanpa perintah: membuka aplikasi.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="file database SQLite atau URL postgresql:// (bawaan: $KASIR_DB atau "
        f"{places.default_database()})",
    )
    parser.add_argument(
        "--register", default="K1", metavar="KODE", help="kode mesin kasir ini, untuk nomor nota (bawaan: K1)"
    )
    parser.add_argument(
        "--owner-pin",
        metavar="PIN",
        help="PIN pemilik, untuk perintah atas nama pemilik (impor, voucher, tutup buku, ekspor CSV/XLSX, "
        "backup --to, restore); tanpa ini: $KASIR_OWNER_PIN, atau ditanyakan",
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="pasang Kasir di menu aplikasi Linux pengguna ini (file .desktop dan ikon di $XDG_DATA_HOME "
        "atau ~/.local/share), lalu keluar",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    _add_shop_commands(sub)
    _add_data_commands(sub)
    _add_money_commands(sub)
    _add_stock_commands(sub)
    _add_setup_commands(sub)
    add_catalog_commands(sub)
    add_chat_command(sub)
    return parser


def _add_shop_commands(sub: Any) -> None:
    """demo, info, receipt."""
    demo = sub.add_parser(
        "demo",
        help="isi database dengan toko contoh (penjualan lewat layanan kasir)",
        description="Mengisi database dengan toko contoh yang realistis: barang, pelanggan, "
        "dan penjualan harian lewat fungsi layanan yang sama dengan layar kasir.",
    )
    demo.add_argument(
        "--shop",
        choices=("warung", "bakso", "senapan"),
        default="warung",
        help="jenis toko: warung kelontong, warung bakso, bengkel senapan angin",
    )
    demo.add_argument(
        "--days", type=whole_number, default=60, help="berapa hari riwayat penjualan (bawaan 60)"
    )
    demo.add_argument(
        "--seed", type=whole_number, default=1, help="benih acak; benih sama = data sama (bawaan 1)"
    )
    demo.add_argument("--force", action="store_true", help="tetap isi walau database sudah berisi data")

    sub.add_parser("info", help="ringkasan database: toko, jumlah barang, pelanggan, nota")

    rec = sub.add_parser(
        "receipt",
        help="struk / nota sebuah penjualan sebagai PDF, ESC/POS atau nota A4",
        description="Mencetak ulang struk sebuah nota ke file.",
    )
    rec.add_argument("number", metavar="NOMOR", help="nomor nota, mis. K1-000123")
    rec.add_argument("--pdf", metavar="FILE", help="struk thermal sebagai PDF")
    rec.add_argument(
        "--width", type=whole_number, choices=(58, 80), default=58, help="lebar kertas mm (bawaan 58)"
    )
    rec.add_argument("--escpos", metavar="FILE", help="struk sebagai byte ESC/POS (untuk printer thermal)")
    rec.add_argument("--invoice", metavar="FILE", help="nota A4 sebagai PDF")


def _add_data_commands(sub: Any) -> None:
    """verify, backup, restore."""
    sub.add_parser(
        "verify",
        help="periksa rantai jurnal dan cocokkan dengan nota, pembayaran, shift",
        description="Menghitung ulang rantai hash jurnal dan mencocokkannya dengan tabel. Keluar 0 dengan "
        "'OK, N entri' bila utuh; keluar 1 dengan daftar yang diubah, dihapus atau dimasukkan di luar Kasir.",
    )
    bak = sub.add_parser(
        "backup", help="cadangkan database (API backup SQLite), simpan 7 harian + 12 bulanan"
    )
    bak.add_argument("--to", metavar="DIR", help="folder tujuan (bawaan: folder cadangan di Pengaturan)")
    res = sub.add_parser(
        "restore",
        help="pulihkan database dari file cadangan (yang lama disimpan di sampingnya)",
        description="Memeriksa cadangan dulu (quick_check dan jurnal), menyimpan database sekarang sebagai "
        "*.before-restore-WAKTU, lalu memasang cadangan.",
    )
    res.add_argument("file", metavar="FILE", help="file cadangan, mis. kasir-2026-11-27.db")
    res.add_argument(
        "--force",
        action="store_true",
        help="pulihkan juga bila database sekarang punya nota yang lebih baru (tetap disimpan di sampingnya)",
    )


def _add_money_commands(sub: Any) -> None:
    """vouchers, report."""
    vou = sub.add_parser(
        "vouchers",
        help="terbitkan voucher baru dan cetak di lembar A4",
        description="Menerbitkan N voucher baru (kode unik dengan karakter cek) dan "
        "mencetaknya di lembar A4 dengan garis potong.",
    )
    vou.add_argument("--batch", type=whole_number, required=True, metavar="N", help="jumlah voucher (1-1000)")
    vou.add_argument("--value", required=True, metavar="RP", help="nilai voucher dalam rupiah, mis. 25000")
    vou.add_argument("--percent", action="store_true", help="nilai adalah persen, bukan rupiah")
    vou.add_argument("--min-spend", default="0", metavar="RP", help="minimal belanja (bawaan 0)")
    vou.add_argument("--expires", metavar="YYYY-MM-DD", help="tanggal kedaluwarsa")
    vou.add_argument("--campaign", default="", help="nama kampanye, mis. Lebaran 2027")
    vou.add_argument("--pdf", metavar="FILE", required=True, help="lembar voucher A4 sebagai PDF")

    rep = sub.add_parser(
        "report",
        help="laporan penjualan sebuah periode (bawaan: minggu lalu), sebagai JSON, PDF, CSV, XLSX",
        description="Laporan untuk pemilik dan pembukuan: total, per hari/jam/saluran/cara bayar/barang, "
        "pelanggan, loyalitas — dibanding periode sebelumnya. Uang dalam rupiah utuh.",
    )
    rep.add_argument("--week", metavar="YYYY-Www", help="minggu ISO, mis. 2026-W47")
    rep.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="tanggal awal")
    rep.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="tanggal akhir (termasuk)")
    rep.add_argument("--json", action="store_true", help="cetak seluruh laporan sebagai JSON")
    rep.add_argument("--pdf", metavar="FILE", help="laporan A4 sebagai PDF")
    rep.add_argument("--csv", metavar="DIR", help="penjualan (baris, nota), pembayaran, ringkasan: CSV")
    rep.add_argument("--xlsx", metavar="FILE", help="buku kerja Excel (satu sheet per tabel)")


def _add_stock_commands(sub: Any) -> None:
    """bench, stock, closing."""
    ben = sub.add_parser(
        "bench",
        help="ukur kecepatan pada toko sintetis (small: 100 ribu nota, large: 1 juta nota)",
        description="Membangun toko sintetis di database sementara lalu mengukur p50/p99 tiap pekerjaan "
        "terhadap target. Tidak menyentuh database toko Anda.",
    )
    ben.add_argument(
        "--scale", choices=("tiny", "small", "large"), default="small", help="ukuran (bawaan small)"
    )
    ben.add_argument("--json", metavar="FILE", help="tulis hasil sebagai JSON")
    ben.add_argument("--keep", metavar="DB", help="simpan database sintetis di sini (file baru)")
    ben.add_argument(
        "--postgres",
        metavar="URL",
        help="juga ukur 4 kasir sekaligus di server PostgreSQL ini (pengguna boleh membuat database; "
        "database ujinya dibuat lalu dihapus)",
    )

    sto = sub.add_parser(
        "stock",
        help="stok: semua barang, yang di bawah batas (--low), yang segera kedaluwarsa (--expiring HARI)",
    )
    sto.add_argument("--low", action="store_true", help="hanya barang di bawah batas stok")
    sto.add_argument(
        "--expiring", type=whole_number, metavar="HARI", help="batch yang kedaluwarsa dalam N hari"
    )
    sto.add_argument("--json", action="store_true", help="sebagai JSON")

    clo = sub.add_parser(
        "closing",
        help="tutup buku harian atau bulanan (bernomor, tidak bisa diubah) atau daftar tutup buku",
    )
    clo.add_argument("--day", metavar="YYYY-MM-DD", help="tutup buku hari ini atau hari yang sudah lewat")
    clo.add_argument("--month", metavar="YYYY-MM", help="tutup buku bulan yang sudah selesai")


def _add_setup_commands(sub: Any) -> None:
    """setup, reset-pin."""
    stp = sub.add_parser(
        "setup",
        help="siapkan toko kosong tanpa aplikasi (pemasangan lewat skrip)",
        description="Menyiapkan database baru untuk toko sungguhan: nama toko dan pemilik dengan PIN, "
        "tanpa barang dan tanpa data contoh. Ditolak bila database sudah disiapkan.",
    )
    stp.add_argument("--shop", required=True, metavar="NAMA", help="nama toko, mis. 'Warung Bu Sri'")
    stp.add_argument("--owner", required=True, metavar="NAMA", help="nama pemilik")
    stp.add_argument("--pin", required=True, metavar="PIN", help="PIN pemilik, 4 sampai 6 angka")
    stp.add_argument("--address", default="", metavar="ALAMAT", help="alamat toko (opsional)")
    stp.add_argument("--whatsapp", default="", metavar="NO", help="nomor WhatsApp toko (opsional)")
    rst = sub.add_parser(
        "reset-pin",
        help="PIN pemilik baru dengan kode pemulihan (juga membuka PIN yang terkunci)",
        description="Untuk pemilik yang lupa PIN atau terkunci: kode pemulihan yang tampil saat toko "
        "disiapkan membuat PIN baru. Setelah dipakai, kode baru ditampilkan (yang lama tidak berlaku).",
    )
    rst.add_argument("--code", required=True, metavar="KODE", help="kode pemulihan, mis. ABCD-EFGH-JKMN")
    rst.add_argument("--pin", metavar="PIN", help="PIN baru, 4 sampai 6 angka (tanpa ini: ditanyakan)")


def add_chat_command(sub: Any) -> None:
    chat = sub.add_parser(
        "order-from-chat",
        help="baca pesanan WhatsApp yang ditempel jadi usulan keranjang (tidak menulis apa pun)",
        description="Membaca pesan pelanggan (mis. 'kak pesan bakso urat 2, es teh 1, antar ke jl. "
        "melati 12') menjadi usulan: barang dan jumlahnya, pelanggan dari nomor HP, alamat dan antar, "
        "serta kata yang tidak dikenali. Hanya membaca; keluar 1 bila tidak ada barang yang dikenali.",
    )
    chat.add_argument("text", metavar="TEKS", help="isi pesan, atau - untuk membaca dari stdin")
    chat.add_argument("--json", action="store_true", help="usulan sebagai JSON")


def add_catalog_commands(sub: Any) -> None:
    """products import/export/template, customers import, labels."""
    pro = sub.add_parser(
        "products",
        help="barang dari/ke file: impor CSV/XLSX, ekspor, template",
        description="Impor barang dari CSV atau XLSX (kolom bahasa Indonesia atau Inggris, juga ekspor "
        "Loyverse), ekspor katalog ke format yang sama, atau tulis template. Impor menulis semua baris "
        "atau tidak sama sekali; keluar 1 dengan daftar baris bermasalah.",
    )
    pro_sub = pro.add_subparsers(dest="action", metavar="AKSI", required=True)
    imp = pro_sub.add_parser("import", help="impor barang dari FILE (.csv atau .xlsx)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--update", action="store_true", help="ubah barang yang sudah ada (dicari lewat SKU/barcode)"
    )
    imp.add_argument("--dry-run", action="store_true", help="hanya periksa; tidak menulis apa pun")
    exp = pro_sub.add_parser("export", help="ekspor semua barang ke FILE (.csv atau .xlsx)")
    exp.add_argument("file", metavar="FILE")
    tpl = pro_sub.add_parser("template", help="tulis template impor ke FILE (.csv atau .xlsx)")
    tpl.add_argument("file", metavar="FILE")
    cus = sub.add_parser(
        "customers",
        help="pelanggan dari file: CSV/XLSX atau kontak HP (.vcf)",
        description="Impor pelanggan dari CSV, XLSX, ekspor Google Contacts atau kontak HP (.vcf). Nomor "
        "yang sudah terdaftar dilewati (tidak dobel). Menulis semua atau tidak sama sekali; keluar 1 "
        "dengan daftar baris bermasalah.",
    )
    cus_sub = cus.add_subparsers(dest="action", metavar="AKSI", required=True)
    cim = cus_sub.add_parser("import", help="impor pelanggan dari FILE (.csv, .xlsx atau .vcf)")
    cim.add_argument("file", metavar="FILE")
    cim.add_argument("--dry-run", action="store_true", help="hanya periksa; tidak menulis apa pun")
    cim.add_argument("--skip-errors", action="store_true", help="lewati baris bermasalah, impor sisanya")
    lab = sub.add_parser(
        "labels",
        help="label harga (nama, harga, barcode) sebagai PDF: lembar A4 3×7 / 4×10 atau rol 58 mm",
        description="Label harga untuk barang pilihan (--sku KODE atau KODE:JUMLAH, boleh berulang), "
        "barang dari satu penerimaan (--purchase NOMOR) atau semua barang aktif (--all).",
    )
    lab.add_argument(
        "--sku", action="extend", nargs="+", default=[], metavar="KODE[:N]", help="SKU atau barcode, N label"
    )
    lab.add_argument(
        "--purchase", type=whole_number, metavar="NOMOR", help="semua barang dari penerimaan ini"
    )
    lab.add_argument("--all", action="store_true", help="satu label untuk setiap barang aktif")
    lab.add_argument("--layout", default="a4-3x7", help="a4-3x7 (bawaan), a4-4x10 atau thermal58")
    lab.add_argument("--pdf", required=True, metavar="FILE", help="file PDF tujuan")
    pst = sub.add_parser(
        "posters",
        help="poster promo (PNG 1080×1080 / 1080×1920) dan daftar harga (PDF + gambar) untuk dibagikan",
        description="Poster promo untuk Facebook/Instagram (persegi) dan Status WhatsApp, dengan QR untuk "
        "memesan lewat WhatsApp, dari barang pilihan (dengan harga promo), kampanye/kode voucher, kartu "
        "stempel atau hadiah; atau daftar harga semua barang aktif / satu kategori. Hanya membaca database. "
        "Mencetak file yang ditulis dan teks untuk dibagikan.",
    )
    what = pst.add_mutually_exclusive_group(required=True)
    what.add_argument("--products", metavar="SKU,SKU", help="1–6 barang (SKU atau barcode, dipisah koma)")
    what.add_argument("--voucher", metavar="KAMPANYE|KODE", help="kampanye voucher, atau satu kode voucher")
    what.add_argument("--stamps", nargs="?", const="", metavar="ID", help="kartu stempel (bawaan: pertama)")
    what.add_argument("--gift", nargs="?", const="", metavar="ID", help="program hadiah (bawaan: pertama)")
    what.add_argument("--price-list", action="store_true", help="daftar harga: PDF A4 dan gambar HP")
    pst.add_argument("--promo", action="extend", nargs="+", default=[], metavar="SKU=HARGA", help="promo")
    pst.add_argument("--title", default="", metavar="TEKS", help="judul poster barang (bawaan: PROMO)")
    pst.add_argument("--layout", default="auto", choices=["auto", "single", "list", "program"])
    pst.add_argument("--size", default="square", choices=["square", "status", "both"], help="bawaan: square")
    pst.add_argument("--until", metavar="YYYY-MM-DD", help="tanggal promo berakhir")
    pst.add_argument("--category", metavar="NAMA", help="daftar harga satu kategori saja")
    pst.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan (dibuat bila belum ada)")


COMMANDS = {
    "order-from-chat": sales.cmd_order_from_chat,
    "products": catalog.cmd_products,
    "customers": customers.cmd_customers,
    "labels": catalog.cmd_labels,
    "posters": customers.cmd_posters,
    "stock": reports.cmd_stock,
    "report": reports.cmd_report,
    "closing": reports.cmd_closing,
    "setup": shop_commands.cmd_setup,
    "reset-pin": shop_commands.cmd_reset_pin,
    "demo": shop_commands.cmd_demo,
    "info": shop_commands.cmd_info,
    "receipt": sales.cmd_receipt,
    "vouchers": sales.cmd_vouchers,
    "verify": data.cmd_verify,
    "backup": data.cmd_backup,
    "restore": data.cmd_restore,
}


def cmd_bench(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from bench import run as bench

    if args.keep and Path(args.keep).exists():
        print(_("{path} sudah ada; --keep butuh nama file baru.").format(path=args.keep), file=sys.stderr)
        return 2
    last = [0.0]

    def progress(what: str, done: float) -> None:
        if done - last[0] >= 0.05 or done >= 1.0:
            last[0] = done
            bar = "#" * int(done * 30)
            print(f"\r[{bar:30}] {done * 100:5.1f} %  {what:20}", end="", file=sys.stderr, flush=True)

    result = bench.run(args.scale, args.keep, progress, postgres=args.postgres)
    print(file=sys.stderr)
    print(bench.table(result))
    if args.json:
        Path(args.json).write_text(
            json.dumps(result.as_json(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


CREATES = {"setup", "demo"}  # the commands that may make a new database; the others need an existing one
NO_OPEN = {"restore"}  # puts a file in place of the database: never opens (or creates) it first


def _target_problem(database: str | None, command: str) -> str:
    """Why `database` cannot be used for `command` before anything opens it ('' when it can)."""
    from db.database import OpenError, file_path

    target = database or places.default_database()
    try:
        path = file_path(target)
        if path is None or command in CREATES:
            return ""
        if path.is_dir():
            raise OpenError("is_dir", str(path))
        if command not in NO_OPEN and (not path.exists() or path.stat().st_size == 0):
            raise OpenError("missing", str(path))
    except OpenError as exc:
        return _("Tidak bisa membuka data toko {target}: {why}").format(target=exc.target, why=shop._why(exc))
    except (OSError, ValueError) as exc:
        return _("Tidak bisa membuka data toko {target}: {why}").format(target=target, why=exc)
    return ""


def main(argv: list[str] | None = None) -> int:
    with IndonesianArgparse():
        args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except PosError as exc:
        print(exc.text, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("Dibatalkan."), file=sys.stderr)
        return 130
    except OSError as exc:  # a file named on the command line
        name = exc.filename or ""
        print(_("File {name} tidak bisa dipakai: {why}.").format(name=name, why=os_why(exc)), file=sys.stderr)
        return 2
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        print(
            _(
                "Data di database tidak terbaca atau tidak bisa ditulis ({why}). Tidak ada yang berubah; "
                "jalankan 'verify' atau pulihkan dari cadangan."
            ).format(why=exc),
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line: a message, never a traceback, for the shop
        if isinstance(exc, ValueError) and "null" in str(exc).lower():  # a NUL in a name or a path
            print(_("Isian berisi karakter NUL (\\0); tidak ada yang diubah."), file=sys.stderr)
            return 2
        if os.environ.get("KASIR_DEBUG"):
            raise
        print(
            _(
                "Kesalahan tak terduga ({kind}: {why}). Tidak ada yang diubah setengah jalan; laporkan ini."
            ).format(kind=type(exc).__name__, why=exc),
            file=sys.stderr,
        )
        return 3


def _run(args: argparse.Namespace) -> int:
    if args.install_desktop:
        return cmd_install_desktop()
    if args.command == "bench":
        return cmd_bench(args)
    if args.command is None:
        from ui.app import run

        return run(args.db, args.register)
    database = args.db or os.environ.get("KASIR_DB")
    if args.command == "demo" and not database:  # a demo never fills the real shop's database
        database = shop.demo_target(args.shop)
    problem = _target_problem(database, args.command)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.command in NO_OPEN:
        return COMMANDS[args.command](args, database or places.default_database())
    target = shop.open_shop(database, args.register, sells=args.command in CREATES)
    try:
        return COMMANDS[args.command](args, target)
    finally:
        shop.close_shop()


if __name__ == "__main__":
    sys.exit(main())
