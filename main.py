"""Kasir — offline point-of-sale with loyalty for Indonesian small shops.

python main.py                      open the app (first run: set up your own, empty shop; a demo shop can
                                    be tried from there, in its own file beside, never in your shop)
python main.py setup --shop NAME --owner NAME --pin PIN
                                    set up an empty shop without the app (scripted installs)
python main.py reset-pin --code KODE  a new owner PIN with the recovery code shown at setup (lifts the lock)
python main.py demo --shop warung   fill a database with a demo shop (made-up sales; use a separate --db)
python main.py --help               every command
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
import time
from typing import Any

import peewee

from pos import shop
from pos.core import places
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah

# argparse's own messages, said in Indonesian (argparse looks its texts up through its module's `_`)
ARGPARSE_TEXTS = {
    "usage: ": N_("pemakaian: "),
    "positional arguments": N_("argumen"),
    "options": N_("opsi"),
    "show this help message and exit": N_("tampilkan bantuan ini lalu keluar"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: kesalahan: %(message)s\n"),
    "the following arguments are required: %s": N_("argumen ini wajib diisi: %s"),
    "unrecognized arguments: %s": N_("argumen tidak dikenal: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "pilihan %(value)r tidak ada (pilih %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": N_("nilai %(value)r tidak valid"),
    "expected one argument": N_("butuh satu nilai"),
    "expected at most one argument": N_("paling banyak satu nilai"),
    "expected at least one argument": N_("butuh paling sedikit satu nilai"),
    "expected %s argument": N_("butuh %s nilai"),
    "expected %s arguments": N_("butuh %s nilai"),
    "argument %(argument_name)s: %(message)s": N_("argumen %(argument_name)s: %(message)s"),
    "not allowed with argument %s": N_("tidak boleh bersama argumen %s"),
    "ignored explicit argument %r": N_("nilai %r diabaikan"),
    "one of the arguments %s is required": N_("salah satu argumen ini wajib diisi: %s"),
    "ambiguous option: %(option)s could match %(matches)s": N_("opsi %(option)s kurang jelas: %(matches)s?"),
}


class _IndonesianArgparse:
    """While parsing (and building the parser), argparse speaks Indonesian; restored afterwards."""

    def __enter__(self) -> None:
        self.saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._ = lambda text: _(ARGPARSE_TEXTS[text]) if text in ARGPARSE_TEXTS else text  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: argparse._(one if n == 1 else many)  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        argparse._, argparse.ngettext = self.saved  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    """An argparse type: a whole number, said in Indonesian when it is not one."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} bukan angka bulat").format(text=text)) from None
    if abs(number) > 10**12:
        raise argparse.ArgumentTypeError(_("{text} terlalu besar").format(text=text))
    return number


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
    with _IndonesianArgparse():
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
        help="PIN pemilik, untuk perintah yang mengubah atas nama pemilik (impor, voucher, tutup buku); "
        "tanpa ini: $KASIR_OWNER_PIN, atau ditanyakan",
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="pasang Kasir di menu aplikasi Linux pengguna ini (file .desktop dan ikon di $XDG_DATA_HOME "
        "atau ~/.local/share), lalu keluar",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

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
    rep.add_argument("--csv", metavar="DIR", help="baris penjualan, pembayaran, ringkasan harian sebagai CSV")
    rep.add_argument("--xlsx", metavar="FILE", help="buku kerja Excel (satu sheet per tabel)")

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
    add_catalog_commands(sub)
    add_chat_command(sub)
    return parser


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


def cmd_demo(args: argparse.Namespace, target: str) -> int:
    from pos.demo.generator import fill

    if not 1 <= args.days <= 3660:
        print(_("--days harus antara 1 dan 3660."), file=sys.stderr)
        return 2
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            width = 30
            filled = width * done // total
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} hari", end="", file=sys.stderr)

    summary = fill(args.shop, args.days, args.seed, force=args.force, progress=progress, target=target)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    from pos.core.money import format_rupiah

    print(
        _(
            "Toko contoh {kind}: {sales} nota dalam {days} hari, total {total}, {customers} pelanggan, "
            "{products} barang ({secs:.1f} dtk) -> {target}"
        ).format(
            kind=summary.kind,
            sales=summary.sales,
            days=summary.days,
            total=format_rupiah(summary.total),
            customers=summary.customers,
            products=summary.products,
            secs=time.perf_counter() - started,
            target=target,
        )
    )
    return 0


def cmd_setup(args: argparse.Namespace, target: str) -> int:
    owner = shop.first_run(args.shop, args.address, args.whatsapp, args.owner, args.pin)
    from pos.core import pin_guard, settings

    print(
        _("{shop} siap dipakai (pemilik: {owner}, tanpa barang dan tanpa data contoh) -> {target}").format(
            shop=settings.get("shop_name"), owner=owner.name, target=target
        )
    )
    _print_code(pin_guard.issue_recovery_code(owner))
    return 0


def _print_code(code: str) -> None:
    print(_("Kode pemulihan: {code}").format(code=code))
    print(
        _(
            "Catat di kertas dan simpan di tempat aman; hanya tampil sekali. Untuk PIN pemilik yang lupa "
            "atau terkunci: python main.py reset-pin --code KODE"
        )
    )


def cmd_reset_pin(args: argparse.Namespace, target: str) -> int:
    from getpass import getpass

    from pos.core import pin_guard

    pin = args.pin
    if pin is None:
        pin = getpass(_("PIN baru: "))
        if getpass(_("Ulangi PIN: ")) != pin:
            print(_("PIN dan ulangan PIN tidak sama."), file=sys.stderr)
            return 2
    owner, code = pin_guard.reset_pin(args.code, pin)
    print(
        _("PIN {name} sudah diganti; PIN tidak terkunci lagi. Kode lama tidak berlaku lagi.").format(
            name=owner.name
        )
    )
    _print_code(code)
    return 0


def cmd_info(args: argparse.Namespace, target: str) -> int:
    from db.models import Customer, Product, Sale
    from pos.core import settings

    print(f"{settings.get('shop_name') or '-'} ({target})")
    print(
        _("Barang: {p}, pelanggan: {c}, nota: {s}").format(
            p=Product.select().count(), c=Customer.select().count(), s=Sale.select().count()
        )
    )
    return 0


def os_why(exc: BaseException) -> str:
    """An operating system error in Indonesian (the common ones), else its own words."""
    texts = {
        errno.ENOENT: N_("file atau folder tidak ada"),
        errno.EACCES: N_("tidak ada izin"),
        errno.EPERM: N_("tidak ada izin"),
        errno.EISDIR: N_("itu folder, bukan file"),
        errno.ENOTDIR: N_("bagian path-nya bukan folder"),
        errno.ENOSPC: N_("disk penuh"),
        errno.EROFS: N_("drive hanya bisa dibaca"),
        errno.ENAMETOOLONG: N_("nama file terlalu panjang"),
    }
    code = getattr(exc, "errno", None)
    if code in texts:
        return _(texts[code])
    if isinstance(exc, ValueError) and "null" in str(exc):
        return _("nama file berisi karakter NUL")
    return getattr(exc, "strerror", None) or str(exc)


def _check_writable(path: str) -> None:
    """Refuse (PosError) a file that cannot be written, before anything is done: a folder, a missing
    folder, no permission. A file that did not exist is not left behind."""
    from pathlib import Path

    target = Path(path)
    existed = target.exists()
    try:
        with open(target, "ab"):
            pass
    except (OSError, ValueError) as exc:
        raise PosError(N_("Tidak bisa menulis {path}: {why}"), path=path, why=os_why(exc)) from exc
    if not existed:
        target.unlink(missing_ok=True)


def _write(path: str, data: bytes) -> None:
    from pos.core.errors import PosError

    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except (OSError, ValueError) as exc:
        raise PosError(N_("Tidak bisa menulis {path}: {why}"), path=path, why=os_why(exc)) from exc


def cmd_receipt(args: argparse.Namespace, target: str) -> int:
    from pos.counter.receipt import for_sale

    if not (args.pdf or args.escpos or args.invoice):
        print(_("Pilih keluaran: --pdf, --escpos atau --invoice."), file=sys.stderr)
        return 2
    receipt = for_sale(args.number)
    if args.pdf:
        from receipts.pdf_receipt import receipt_pdf

        _write(args.pdf, receipt_pdf(receipt, args.width))
    if args.escpos:
        from receipts.escpos_out import receipt_bytes

        _write(args.escpos, receipt_bytes(receipt, args.width))
    if args.invoice:
        from receipts.invoice import invoice_pdf

        _write(args.invoice, invoice_pdf(receipt))
    print(
        _("Nota {number} ({total}) ditulis.").format(
            number=receipt.number, total=format_rupiah(receipt.total)
        )
    )
    return 0


def cmd_vouchers(args: argparse.Namespace, target: str) -> int:
    from datetime import date

    from pos.core import settings
    from pos.core.errors import InvalidInput
    from pos.core.money import parse_rupiah
    from pos.customers import voucher
    from receipts.voucher_pdf import sheet_pdf

    try:
        expires = date.fromisoformat(args.expires) if args.expires else None
    except ValueError as exc:
        raise InvalidInput(N_("Tanggal {text} tidak valid; pakai YYYY-MM-DD."), text=args.expires) from exc
    value = int(args.value) if args.percent and str(args.value).isdigit() else parse_rupiah(args.value)
    _check_writable(args.pdf)  # before a voucher exists: a path that cannot be written issues none
    owner = owner_with_pin(args)
    made = voucher.issue_batch(
        args.batch,
        kind="pct" if args.percent else "rp",
        value=value,
        expires_on=expires,
        user=owner,
        min_spend=parse_rupiah(args.min_spend),
        campaign=args.campaign,
    )
    try:
        _write(args.pdf, sheet_pdf(made, str(settings.get("shop_name") or "Kasir")))
    except PosError as exc:
        print(
            _(
                "{n} voucher SUDAH diterbitkan dan tersimpan di database ({first} … {last}), tetapi PDF-nya "
                "tidak tertulis: {why} Cetak ulang dari Pelanggan → Voucher."
            ).format(n=len(made), first=made[0].code, last=made[-1].code, why=exc.text),
            file=sys.stderr,
        )
        return 1
    print(_("{n} voucher diterbitkan -> {path}").format(n=len(made), path=args.pdf))
    return 0


def cmd_verify(args: argparse.Namespace, target: str) -> int:
    from pos.audit.verify import verify

    result = verify()
    print(result.summary())
    for problem in result.problems:
        print(f"  - {problem}")
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace, target: str) -> int:
    from pos.audit import backup

    path = backup.backup(args.to)
    print(backup.written(path))
    return 0


def cmd_restore(args: argparse.Namespace, target: str) -> int:
    """Check the backup (a copy of it is opened and verified), then put it in place of the database."""
    import shutil
    import tempfile
    from pathlib import Path

    from db.database import file_path
    from pos.audit import backup, verify

    path = file_path(target)
    if path is None:
        print(_("Pulihkan hanya untuk database SQLite berupa file."), file=sys.stderr)
        return 2
    target = str(path)
    shop.close_shop()
    why = backup.check(args.file)
    if why:
        print(
            _("Cadangan tidak bisa dipakai: {file}: {why}. Database tidak diubah.").format(
                file=args.file, why=why
            ),
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "check.db"
        shutil.copyfile(args.file, trial)
        try:
            shop.open_shop(str(trial), args.register)
            result = verify.verify()
        except PosError as exc:
            print(
                _("Cadangan tidak bisa dipakai: {file}: {why} Database tidak diubah.").format(
                    file=args.file, why=exc.values.get("why", exc.text)
                ),
                file=sys.stderr,
            )
            return 2
        finally:
            shop.close_shop()
    if not result.ok:
        print(
            _("Cadangan gagal diperiksa: {summary}. Database tidak diubah.").format(summary=result.summary()),
            file=sys.stderr,
        )
        return 2
    lost = backup.dropped(args.file, target)
    if not lost.nothing and not args.force:
        print(
            _(
                "Cadangan {file} (ditulis {at}) lebih lama dari database sekarang: {lost}. Database tidak "
                "diubah; pakai --force untuk tetap memulihkan (database sekarang disimpan di sampingnya)."
            ).format(file=args.file, at=lost.backup_at or "?", lost=lost.text()),
            file=sys.stderr,
        )
        return 1
    kept = backup.restore(args.file, target)
    shop.open_shop(target, args.register)
    print(
        _("Dipulihkan dari {file} ({summary}). Database lama disimpan sebagai {kept}.").format(
            file=args.file, summary=result.summary(), kept=kept if kept.exists() else "-"
        )
    )
    if not lost.nothing or lost.unreadable:
        print(lost.text())
    return 0


def _period(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from datetime import date

    from pos.books import report
    from pos.core.errors import InvalidInput

    if args.week is not None:
        return report.iso_week(args.week)
    if args.date_from is not None or args.date_to is not None:
        try:
            start = date.fromisoformat(args.date_from if args.date_from is not None else args.date_to)
            end = date.fromisoformat(args.date_to if args.date_to is not None else args.date_from)
        except ValueError as exc:
            raise InvalidInput(N_("Tanggal ditulis YYYY-MM-DD, mis. 2026-11-23.")) from exc
        return report.Period(start, end)
    return report.last_week()


def cmd_report(args: argparse.Namespace, target: str) -> int:
    import json

    from pos.books import export, report
    from pos.core import settings

    period = _period(args)
    data = report.build(period)
    if args.pdf:
        from receipts.report_pdf import report_pdf

        try:
            report_pdf(data, str(settings.get("shop_name") or "Kasir"), args.pdf)
        except OSError as exc:
            raise export.ExportError(path=args.pdf, why=exc.strerror or str(exc)) from exc
        print(_("PDF: {path}").format(path=args.pdf), file=sys.stderr)
    if args.csv:
        for path in export.write_csv(period, args.csv):
            print(_("CSV: {path}").format(path=path), file=sys.stderr)
    if args.xlsx:
        print(_("XLSX: {path}").format(path=export.write_xlsx(period, args.xlsx)), file=sys.stderr)
    if args.json:
        print(json.dumps(report.as_json(data), ensure_ascii=False, indent=1))
    elif not (args.pdf or args.csv or args.xlsx):
        print(
            _("{period}: {n} nota, penjualan bersih {net}, dibayar {total}, pendapatan bersih {kept}").format(
                period=period.label,
                n=data.totals.sales_count,
                net=format_rupiah(data.totals.net),
                total=format_rupiah(data.totals.total),
                kept=format_rupiah(data.totals.net_revenue),
            )
        )
    return 0


def cmd_closing(args: argparse.Namespace, target: str) -> int:
    from datetime import date

    from pos.books import closing
    from pos.core.errors import InvalidInput

    owner = owner_with_pin(args) if args.day is not None or args.month is not None else None
    try:
        if args.day is not None:
            row = closing.close_day(date.fromisoformat(args.day), owner)
        elif args.month is not None:
            year, month = (int(x) for x in args.month.split("-"))
            row = closing.close_month(year, month, owner)
        else:
            row = None
    except ValueError as exc:
        raise InvalidInput(N_("Tanggal ditulis YYYY-MM-DD, bulan YYYY-MM.")) from exc
    if row is not None:
        print(
            _("Tutup buku {kind} #{n} ({start} – {end}): dibayar {total}, total berjalan {grand}").format(
                kind=row.kind,
                n=row.number,
                start=row.period_start,
                end=row.period_end,
                total=format_rupiah(row.totals["total"]),
                grand=format_rupiah(row.grand_total),
            )
        )
        return 0
    for row in closing.listing():
        print(
            f"{row.kind:8} #{row.number:<4} {row.period_start} – {row.period_end}  "
            f"{format_rupiah(row.totals['total']):>18}  {format_rupiah(row.grand_total):>20}"
        )
    return 0


def cmd_stock(args: argparse.Namespace, target: str) -> int:
    import json

    from pos.stock import stock_list

    if args.expiring is not None:
        if args.expiring < 0 or args.expiring > 3650:
            print(_("--expiring harus antara 0 dan 3650 hari."), file=sys.stderr)
            return 2
        batches = stock_list.expiring(args.expiring)
        rows = [
            {
                "product_id": b.product_id,
                "name": b.name,
                "expires_on": b.expires_on.isoformat(),
                "qty_left": format(b.qty_left.normalize(), "f"),
                "unit": b.unit,
                "value": b.value,
                "expired": b.expired,
            }
            for b in batches
        ]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        for r in [] if args.json else rows:
            flag = _("KEDALUWARSA") if r["expired"] else ""
            print(f"{r['expires_on']}  {r['qty_left']:>9} {r['unit']:6} {r['name'][:40]:40} {flag}")
        return 0
    items = stock_list.listing(only_low=args.low)
    rows = [
        {
            "product_id": r.product_id,
            "sku": r.sku,
            "name": r.name,
            "category": r.category,
            "unit": r.unit,
            "on_hand": format(r.on_hand.normalize(), "f"),
            "reorder_level": format(r.reorder_level.normalize(), "f"),
            "cost": r.cost,
            "value": r.value,
            "low": r.low,
            "next_expiry": r.next_expiry.isoformat() if r.next_expiry else None,
        }
        for r in items
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        mark = "!" if r["low"] else " "
        print(
            f"{mark} {r['sku']:10} {r['name'][:40]:40} {r['on_hand']:>9} {r['unit']:6} "
            f"{format_rupiah(r['value']):>16}"
        )
    print(
        _("{n} barang, nilai stok {value}").format(
            n=len(rows), value=format_rupiah(sum(r["value"] for r in rows))
        )
    )
    return 0


def _problems(problems: list[tuple[int, str]], shown: int = 50) -> int:
    """The rows' problems (the first `shown`, then how many more), nothing written: exit 1."""
    rows = sorted({line for line, _problem in problems})
    print(
        _("{n} masalah di {rows} baris; tidak ada yang ditulis:").format(n=len(problems), rows=len(rows)),
        file=sys.stderr,
    )
    for line, problem in problems[:shown]:
        print(_("  baris {line}: {problem}").format(line=line, problem=problem), file=sys.stderr)
    if len(problems) > shown:
        print(_("  … dan {n} masalah lagi").format(n=len(problems) - shown), file=sys.stderr)
    return 1


def cmd_products(args: argparse.Namespace, target: str) -> int:
    from pos.catalog import product_export, product_import

    if args.action == "export":
        count = product_export.export(args.file)
        print(_("{n} barang diekspor -> {path}").format(n=count, path=args.file))
        return 0
    if args.action == "template":
        print(_("Template ditulis: {path}").format(path=product_export.template(args.file)))
        return 0
    shown = product_import.preview(args.file, update=args.update)
    if shown.problems:
        return _problems(shown.problems)
    if args.dry_run:
        print(_("Periksa saja: {summary}. Tidak ada yang ditulis.").format(summary=shown.summary()))
        return 0
    done = product_import.apply(shown, owner_with_pin(args))
    print(
        _(
            "Impor selesai: {added} barang baru, {updated} diubah, {moves} stok awal, {cats} kategori baru."
        ).format(added=done.added, updated=done.updated, moves=done.stock_moves, cats=done.categories)
    )
    return 0


def cmd_labels(args: argparse.Namespace, target: str) -> int:
    from pos.catalog import catalog, labels
    from pos.core import settings
    from pos.core.errors import InvalidInput
    from receipts.labels import labels_pdf

    if args.all:
        items = labels.items_for_all()
    elif args.purchase is not None:
        items = labels.items_for_purchase(args.purchase)
    elif args.sku:
        counts: dict[int, int] = {}
        for text in args.sku:
            code, _sep, many = text.rpartition(":") if ":" in text else (text, "", "1")
            if not many.isdigit():
                raise InvalidInput(N_("Jumlah label untuk {code} harus angka."), code=code)
            product = catalog.by_code(code)
            counts[product.id] = counts.get(product.id, 0) + int(many)
        items = labels.items_for(counts)
    else:
        print(_("Pilih barang: --sku, --purchase atau --all."), file=sys.stderr)
        return 2
    _write(args.pdf, labels_pdf(items, args.layout, str(settings.get("shop_name") or "")))
    print(_("{n} label -> {path}").format(n=len(items), path=args.pdf))
    return 0


def cmd_posters(args: argparse.Namespace, target: str) -> int:
    from datetime import date

    from pos.catalog import catalog
    from pos.core.errors import InvalidInput
    from pos.customers import posters
    from receipts import posters as poster_files
    from receipts import price_list

    try:
        until = date.fromisoformat(args.until) if args.until else None
    except ValueError as exc:
        raise InvalidInput(N_("Tanggal {text} tidak valid; pakai YYYY-MM-DD."), text=args.until) from exc
    if args.price_list:
        category = posters.category_id(args.category) if args.category else None
        plist = posters.price_list(category)
        written, caption = price_list.save(plist, args.out), plist.caption
    else:
        if args.products is not None:
            ids = [catalog.by_code(code).id for code in args.products.split(",") if code.strip()]
            promo = {}
            for text in args.promo:
                code, price = posters.parse_promo(text)
                promo[catalog.by_code(code).id] = price
            offer = posters.for_products(ids, promo=promo, until=until, title=args.title)
        elif args.voucher is not None:
            offer = posters.for_voucher(args.voucher, until)
        else:
            kind = "stamps" if args.stamps is not None else "gift"
            ref = args.stamps if args.stamps is not None else args.gift
            if ref and not ref.isdigit():
                raise InvalidInput(N_("ID program harus angka: {text}."), text=ref)
            offer = posters.for_program(kind, ref, until)
        sizes = ("square", "status") if args.size == "both" else (args.size,)
        layout = "" if args.layout == "auto" else args.layout
        written, caption = poster_files.save(offer, args.out, sizes, layout), offer.caption
    for path in written:
        print(path)
    print()
    print(caption)
    return 0


def cmd_customers(args: argparse.Namespace, target: str) -> int:
    from pos.customers import customer_import

    shown = customer_import.preview(args.file)
    for note in shown.notes:
        print(note, file=sys.stderr)
    problems = [(row.line, f"{row.name}: {row.message}") for row in shown.errors]
    if problems and not args.skip_errors:
        return _problems(problems)
    counts = _("{new} baru, {old} sudah terdaftar, {dup} dobel di file, {bad} bermasalah").format(
        new=len(shown.to_add),
        old=shown.count(customer_import.EXISTS),
        dup=shown.count(customer_import.DUPLICATE),
        bad=len(problems),
    )
    if args.dry_run:
        print(_("Periksa saja: {counts}. Tidak ada yang ditulis.").format(counts=counts))
        return 0
    done = customer_import.apply(shown, owner_with_pin(args), skip_errors=args.skip_errors)
    print(
        _("Impor selesai: {added} pelanggan baru, {old} sudah terdaftar, {skipped} dilewati.").format(
            added=done.added, old=done.existing, skipped=len(done.skipped)
        )
    )
    return 0


def cmd_order_from_chat(args: argparse.Namespace, target: str) -> int:
    import json

    from pos.core import phone
    from pos.core.errors import NoItemsRecognised
    from pos.counter import chat_order

    text = sys.stdin.read(chat_order.MAX_TEXT * 4) if args.text == "-" else args.text
    proposal = chat_order.propose(text)
    if args.json:
        print(json.dumps(chat_order.as_json(proposal), ensure_ascii=False, indent=1))
    else:
        for line in proposal.lines:
            print(
                _("{qty} {unit} {name} [{sku}]  {price}   dari \"{matched}\"").format(
                    qty=chat_order.qty_text(line.qty), unit=line.unit, name=line.name, sku=line.sku,
                    price=format_rupiah(chat_order.line_total(line)), matched=line.matched,
                )
            )  # fmt: skip
        if proposal.phone or proposal.customer_name:
            who = proposal.customer_name or "-"
            number = phone.local_form(proposal.phone) if proposal.phone else "-"
            known = _("Pelanggan") if proposal.customer_id else _("Pelanggan baru")
            print(f"{known}: {who} ({number})")
        if proposal.delivery:
            print(_("Diantar ke: {address}").format(address=proposal.address or "-"))
        if proposal.unmatched:
            print(_("Tidak dikenali: {words}").format(words=", ".join(proposal.unmatched)))
        for note in proposal.notes:
            print(_("Catatan: {note}").format(note=note))
    if proposal.empty:
        print(NoItemsRecognised().text, file=sys.stderr)
        return 1
    return 0


COMMANDS = {
    "order-from-chat": cmd_order_from_chat,
    "products": cmd_products,
    "customers": cmd_customers,
    "labels": cmd_labels,
    "posters": cmd_posters,
    "stock": cmd_stock,
    "report": cmd_report,
    "closing": cmd_closing,
    "setup": cmd_setup,
    "reset-pin": cmd_reset_pin,
    "demo": cmd_demo,
    "info": cmd_info,
    "receipt": cmd_receipt,
    "vouchers": cmd_vouchers,
    "verify": cmd_verify,
    "backup": cmd_backup,
    "restore": cmd_restore,
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


def owner_with_pin(args: argparse.Namespace) -> Any:
    """The owner, proven by their PIN (counted and locked like at the counter): a cashier at the shop's laptop
    cannot issue vouchers or change prices from a terminal. --owner-pin, $KASIR_OWNER_PIN, or asked."""
    from getpass import getpass

    from pos.core import pin_guard
    from pos.core.errors import InvalidInput

    pin = args.owner_pin or os.environ.get("KASIR_OWNER_PIN", "")
    if not pin and sys.stdin.isatty():
        pin = getpass(_("PIN pemilik: "))
    if not pin:
        raise InvalidInput(
            N_(
                "Perintah ini butuh PIN pemilik: tulis --owner-pin PIN (atau KASIR_OWNER_PIN). "
                "Tidak ada yang diubah."
            )
        )
    return pin_guard.owner_by_pin(pin)


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
    with _IndonesianArgparse():
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
