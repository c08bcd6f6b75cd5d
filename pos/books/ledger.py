"""The report's summary as a ledger from item value to gross profit, and the tax it collected: the lines
the screen and the PDF show, in the shop's words."""

from __future__ import annotations

from dataclasses import dataclass

from pos.books.report_values import ProductRow, Report
from pos.core.i18n import _


@dataclass(frozen=True)
class SummaryLine:
    """One line of the report's summary: an amount added (+) or taken off (−) the running figure, a
    subtotal (`total`: the running figure itself, named), or a note beside the figures (`note`: not
    added)."""

    label: str
    amount: int
    kind: str = "line"  # line | total | note


def summary(report: Report, tax_name: str = "") -> list[SummaryLine]:
    """Each subtotal equals the one before plus the lines between them, to the rupiah. Lines that are zero
    in the period are left out; the subtotals always show. The tax is named `tax_name`, else as the report
    names it (the shop's setting), else "Pajak"."""
    t = report.totals
    tax = tax_name or report.tax_name or _("Pajak")
    out = [
        SummaryLine(_("Penjualan kotor (harga barang sebelum diskon)"), t.gross),
        SummaryLine(_("Diskon, voucher, poin & stempel ditukar"), -t.discounts_given),
    ]
    if t.refunds_count or t.refunded_items:
        out.append(SummaryLine(_("Retur barang ({n} nota)").format(n=t.refunds_count), -t.refunded_items))
    out.append(SummaryLine(_("Penjualan bersih (barang, tanpa ongkir)"), t.net, "total"))
    if t.included_tax:
        out.append(SummaryLine(_("termasuk {tax} di harga").format(tax=tax), t.included_tax, "note"))
    for label, amount in (
        (_("Biaya layanan"), t.service),
        (_("{tax} ditambahkan").format(tax=tax), t.added_tax),
        (_("Ongkir"), t.delivery_fees),
        (_("Pembulatan tunai"), t.rounding),
    ):
        if amount:
            out.append(SummaryLine(label, amount))
    out.append(SummaryLine(_("Dibayar pelanggan"), t.total, "total"))
    channels = [c for c in report.by_channel if c.commission]
    if channels and sum(c.commission for c in channels) == t.commission:
        out += [
            SummaryLine(_("Komisi {channel} ({n} nota)").format(channel=_(c.name), n=c.count), -c.commission)
            for c in channels
        ]
    elif t.commission:
        out.append(SummaryLine(_("Komisi aplikasi"), -t.commission))
    if t.delivery_fees:  # paid by the customer, passed on: neither revenue nor profit
        out.append(SummaryLine(_("Ongkir (diteruskan ke kurir)"), -t.delivery_fees))
    out.append(SummaryLine(_("Pendapatan bersih (diterima toko)"), t.net_revenue, "total"))
    if t.tax:
        out.append(SummaryLine(_("{tax} disetor ke negara").format(tax=tax), -t.tax))
    out.append(SummaryLine(_("Harga pokok barang (HPP)"), -t.cost))
    out.append(SummaryLine(_("Laba kotor"), t.margin, "total"))
    uncosted = without_cost(report)
    if uncosted:  # their sales are in the margin whole: the figure is too high by their unknown cost
        label = _("{n} produk tanpa HPP — laba belum pasti; penjualannya").format(n=len(uncosted))
        out.append(SummaryLine(label, sum(p.net for p in uncosted), "note"))
    return out


def without_cost(report: Report) -> list[ProductRow]:
    """The products sold in the period with no HPP (cost): each counts as 100 % profit in the margin."""
    return [p for p in report.by_product if p.no_cost]


def uncosted_note(report: Report) -> str:
    """'3 produk tanpa HPP — laba belum pasti', or '' when every product had a cost: the mark beside the
    margin figures (the KPI tiles on screen and in the PDF, the products table)."""
    count = len(without_cost(report))
    if not count:
        return ""
    return _("{n} produk tanpa HPP — laba belum pasti").format(n=count)


def tax_lines(report: Report, tax_name: str = "") -> list[SummaryLine]:
    """The tax the period collected and what it was collected on (without ongkir)."""
    t = report.totals
    tax = tax_name or report.tax_name or _("Pajak")
    base = (
        _("Penjualan bersih + biaya layanan, tanpa {tax} dan ongkir")
        if t.service
        else _("Penjualan bersih tanpa {tax} dan ongkir")
    )
    out = [SummaryLine(base.format(tax=tax), t.sales_ex_tax)]
    if t.added_tax:
        out.append(SummaryLine(_("{tax} ditambahkan ke harga").format(tax=tax), t.added_tax))
    if t.included_tax:
        out.append(SummaryLine(_("{tax} termasuk di harga").format(tax=tax), t.included_tax))
    out.append(SummaryLine(_("{tax} dipungut").format(tax=tax), t.tax, "total"))
    return out
