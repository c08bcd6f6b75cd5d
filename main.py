"""Kasir — offline point-of-sale with loyalty for Indonesian small shops.

python main.py                      open the app (first run: a short setup, demo shop offered)
python main.py demo --shop warung   fill a database with a demo shop
python main.py --help               every command
"""

from __future__ import annotations

import argparse
import sys
import time

from pos import shop
from pos.errors import PosError
from pos.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Kasir: kasir offline dengan program loyalitas untuk UMKM. "
        "Tanpa perintah: membuka aplikasi.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="file database SQLite atau URL postgresql:// (bawaan: $KASIR_DB atau "
        f"{shop.default_database()})",
    )
    parser.add_argument(
        "--register", default="K1", metavar="KODE", help="kode mesin kasir ini, untuk nomor nota (bawaan: K1)"
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
    demo.add_argument("--days", type=int, default=60, help="berapa hari riwayat penjualan (bawaan 60)")
    demo.add_argument("--seed", type=int, default=1, help="benih acak; benih sama = data sama (bawaan 1)")
    demo.add_argument("--force", action="store_true", help="tetap isi walau database sudah berisi data")

    sub.add_parser("info", help="ringkasan database: toko, jumlah barang, pelanggan, nota")
    return parser


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
    from pos.money import format_rupiah

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


def cmd_info(args: argparse.Namespace, target: str) -> int:
    from db.models import Customer, Product, Sale
    from pos import settings

    print(f"{settings.get('shop_name') or '-'} ({target})")
    print(
        _("Barang: {p}, pelanggan: {c}, nota: {s}").format(
            p=Product.select().count(), c=Customer.select().count(), s=Sale.select().count()
        )
    )
    return 0


COMMANDS = {"demo": cmd_demo, "info": cmd_info}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run

        return run(args.db, args.register)
    try:
        target = shop.open_shop(args.db, args.register)
        try:
            return COMMANDS[args.command](args, target)
        finally:
            shop.close_shop()
    except PosError as exc:
        print(exc.text, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
