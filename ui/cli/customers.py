"""The customers' commands: customers imported from a file; promo posters and price lists to share."""

from __future__ import annotations

import argparse
import sys

from pos.core.i18n import N_, _
from ui.cli.common import owner_with_pin, show_problems


def cmd_customers(args: argparse.Namespace, target: str) -> int:
    from pos.customers import customer_import

    shown = customer_import.preview(args.file)
    for note in shown.notes:
        print(note, file=sys.stderr)
    problems = [(row.line, f"{row.name}: {row.message}") for row in shown.errors]
    if problems and not args.skip_errors:
        return show_problems(problems)
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
