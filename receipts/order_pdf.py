"""The purchase suggestion as an A4 order list, one block per supplier (what to buy, how much)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pos.core import clock
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.text import printable
from receipts import fonts
from receipts.layout import markup


def order_pdf(shop_name: str, groups: dict[str, list[Any]], target: str | Path | None = None) -> bytes:
    regular, bold = fonts.register()
    title = ParagraphStyle("t", fontName=bold, fontSize=15, leading=19)
    head = ParagraphStyle("h", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3)
    small = ParagraphStyle("s", fontName=regular, fontSize=8.5, leading=11, textColor=colors.grey)
    buf = BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm)
    width = A4[0] - 36 * mm
    story: list[Any] = [
        Paragraph(markup(_("Daftar belanja {shop}").format(shop=shop_name)), title),
        Paragraph(_("dibuat oleh Kasir pada {at}").format(at=clock.now().strftime("%d-%m-%Y %H:%M")), small),
        Spacer(1, 3 * mm),
    ]
    for supplier, items in groups.items():
        rows = [[_("Barang"), _("Stok"), _("Beli"), _("Perkiraan")]] + [
            [
                printable(s.name),
                f"{format(s.on_hand.normalize(), 'f')} {s.unit}",
                f"{format(s.buy.normalize(), 'f')} {s.unit}",
                format_rupiah(s.cost),
            ]
            for s in items
        ]
        rows.append([_("Jumlah"), "", "", format_rupiah(sum(s.cost for s in items))])
        table = Table(rows, colWidths=[width * 0.46, width * 0.18, width * 0.18, width * 0.18], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 9),
                    ("FONT", (0, 0), (-1, 0), bold, 9),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ]
            )
        )
        story += [Paragraph(markup(supplier), head), table]
    doc.build(story)
    return fonts.finish(buf.getvalue(), target)
