"""The shift slip / Z report: opening cash, sales by method, pay-ins/outs, expected vs counted, variance."""

from __future__ import annotations

from pos.audit.anchor import check_code
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter.payment import method_name
from pos.counter.shift import ShiftReport
from receipts.layout import Row

STILL_OUT_LINES = 20  # orders still on their way listed one by one on the Z slip; the rest as one line


def rows(report: ShiftReport, shop_name: str) -> list[Row]:
    r = report
    out: list[Row] = [("title", shop_name), ("title", _("LAPORAN SHIFT (Z)")), ("rule",)]
    out.append(("pair", _("Shift"), f"{r.register} #{r.number}"))
    out.append(("pair", _("Dibuka"), f"{r.opened_at:%d-%m-%y %H:%M} {r.opened_by}"))
    if r.closed_at:
        out.append(("pair", _("Ditutup"), f"{r.closed_at:%d-%m-%y %H:%M} {r.closed_by}"))
    out.append(("rule",))
    out.append(("pair", _("Jumlah nota"), str(r.sales_count)))
    out.append(("pair", _("Penjualan"), format_rupiah(r.sales_total)))
    out.append(("pair", _("Retur ({n})").format(n=r.refunds_count), format_rupiah(r.refunds_total)))
    if len(r.by_cashier) > 1:  # several cashiers in one shift: what each sold
        out.append(("rule",))
        out.append(("text", _("Per kasir:")))
        for name, count, total in r.by_cashier:
            out.append(("pair", f"  {name} ({count})", format_rupiah(total)))
    out.append(("rule",))
    out.append(("text", _("Per metode bayar:")))
    for method, amount in r.by_method:
        out.append(("pair", "  " + method_name(method), format_rupiah(amount)))
    out.append(("rule",))
    out.append(("pair", _("Kas awal"), format_rupiah(r.opening_cash)))
    out.append(("pair", _("Tunai masuk (penjualan)"), format_rupiah(dict(r.by_method).get("cash", 0))))
    out.append(("pair", _("Kas masuk"), format_rupiah(r.pay_ins)))
    out.append(("pair", _("Kas keluar"), format_rupiah(-r.pay_outs)))
    for line in r.cash_lines:  # who took money out or put it in, when, and why (a courier's COD gap too)
        out.append(("pair", f"  {line.at:%H:%M} {line.user}: {line.reason}", format_rupiah(line.amount)))
    out.append(("bold_pair", _("Kas seharusnya"), format_rupiah(r.expected_cash)))
    if r.counted_cash is not None:
        for denomination, pieces in r.counted_detail.items():
            out.append(
                (
                    "pair",
                    f"  {pieces} x {format_rupiah(int(denomination))}",
                    format_rupiah(int(denomination) * pieces),
                )
            )
        out.append(("bold_pair", _("Kas dihitung"), format_rupiah(r.counted_cash)))
        out.append(("bold_pair", _("Selisih"), format_rupiah(r.variance or 0)))
    out.append(("rule",))
    if r.still_out:  # delivery orders on their way: their cash (COD) or their goods are still out
        out.append(("text", _("Masih di jalan ({n}):").format(n=len(r.still_out))))
        for order in r.still_out[:STILL_OUT_LINES]:
            cod = " COD" if order.cod and not order.paid else ""
            out.append(("pair", f"  {order.label} {order.courier}{cod}".rstrip(), format_rupiah(order.total)))
        rest = r.still_out[STILL_OUT_LINES:]
        if rest:  # a shop that never moves its paid online orders on: the slip stays a slip
            out.append(
                (
                    "pair",
                    "  " + _("… {n} lainnya").format(n=len(rest)),
                    format_rupiah(sum(o.total for o in rest)),
                )
            )
        out.append(("rule",))
    out.extend(anchor_rows(r.anchor))
    out.append(("center", _("Tanda tangan kasir / pemilik")))
    out.append(("blank",))
    out.append(("blank",))
    return out


def anchor_rows(head: tuple[int, str] | None) -> list[Row]:
    """The journal's head when the slip was made, and its check code: kept on paper, outside the file."""
    if head is None:
        return []

    seq, digest = head
    return [
        ("pair", _("Jurnal"), f"#{seq}"),
        ("bold_pair", _("Kode cek"), check_code(digest)),
        ("text", digest[:32]),
        ("text", digest[32:]),
        ("rule",),
    ]
