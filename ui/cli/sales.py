"""Commands about sales: a receipt reprinted to a file, vouchers issued on an A4 sheet, a pasted chat
order read into a proposal."""

from __future__ import annotations

import argparse
import sys

from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.text import qty_text
from ui.cli.common import check_writable, owner_with_pin, write_file


def cmd_receipt(args: argparse.Namespace, target: str) -> int:
    from pos.counter.receipt import for_sale

    if not (args.pdf or args.escpos or args.invoice):
        print(_("Pilih keluaran: --pdf, --escpos atau --invoice."), file=sys.stderr)
        return 2
    receipt = for_sale(args.number, copy=True)  # the sale's own receipt was given at the counter
    if args.pdf:
        from receipts.pdf_receipt import receipt_pdf

        write_file(args.pdf, receipt_pdf(receipt, args.width))
    if args.escpos:
        from receipts.escpos_out import receipt_bytes

        write_file(args.escpos, receipt_bytes(receipt, args.width))
    if args.invoice:  # the A4 nota is made afterwards, on request: the original, not a copy
        from receipts.invoice import invoice_pdf

        write_file(args.invoice, invoice_pdf(for_sale(args.number)))
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
    check_writable(args.pdf)  # before a voucher exists: a path that cannot be written issues none
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
        write_file(args.pdf, sheet_pdf(made, str(settings.get("shop_name") or "Kasir")))
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
                    qty=qty_text(line.qty), unit=line.unit, name=line.name, sku=line.sku,
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
