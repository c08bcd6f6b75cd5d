"""The shop's own commands: setup, reset-pin, demo, info."""

from __future__ import annotations

import argparse
import sys
import time

from pos import shop
from pos.core.i18n import _
from pos.core.money import format_rupiah


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
    from pos.core import settings

    products, customers, sales = shop.counts()
    print(f"{settings.get('shop_name') or '-'} ({target})")
    print(_("Barang: {p}, pelanggan: {c}, nota: {s}").format(p=products, c=customers, s=sales))
    return 0
