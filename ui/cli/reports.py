"""The shop's figures: the sales report of a period, closings, the stock list."""

from __future__ import annotations

import argparse
import sys

from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.text import plain_qty
from ui.cli.common import owner_with_pin


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
    # the sales out of Kasir as files ('exports'): the CLI acts for the owner, proven by their PIN
    owner = owner_with_pin(args) if args.pdf or args.csv or args.xlsx else None
    data = report.build(period)
    if args.pdf:
        from receipts.report_pdf import report_pdf

        try:
            report_pdf(data, str(settings.get("shop_name") or "Kasir"), args.pdf)
        except OSError as exc:
            raise export.ExportError(path=args.pdf, why=exc.strerror or str(exc)) from exc
        print(_("PDF: {path}").format(path=args.pdf), file=sys.stderr)
    if args.csv:
        for path in export.write_csv(period, args.csv, owner):
            print(_("CSV: {path}").format(path=path), file=sys.stderr)
    if args.xlsx:
        print(_("XLSX: {path}").format(path=export.write_xlsx(period, args.xlsx, owner)), file=sys.stderr)
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
                "qty_left": plain_qty(b.qty_left),
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
            "on_hand": plain_qty(r.on_hand),
            "reorder_level": plain_qty(r.reorder_level),
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
