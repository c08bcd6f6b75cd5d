"""The catalogue's commands: products imported, exported or a template written; price labels."""

from __future__ import annotations

import argparse
import sys

from pos.core.i18n import N_, _
from ui.cli.common import owner_with_pin, show_problems, write_file


def cmd_products(args: argparse.Namespace, target: str) -> int:
    from pos.catalog import product_export, product_import

    if args.action == "export":
        count = product_export.export(args.file, owner_with_pin(args))
        print(_("{n} barang diekspor -> {path}").format(n=count, path=args.file))
        return 0
    if args.action == "template":
        print(_("Template ditulis: {path}").format(path=product_export.template(args.file)))
        return 0
    shown = product_import.preview(args.file, update=args.update)
    if shown.problems:
        return show_problems(shown.problems)
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
    write_file(args.pdf, labels_pdf(items, args.layout, str(settings.get("shop_name") or "")))
    print(_("{n} label -> {path}").format(n=len(items), path=args.pdf))
    return 0
