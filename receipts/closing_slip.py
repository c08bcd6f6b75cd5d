"""A closing's slip: the period's figures, per payment method, the perpetual grand total, and the journal's
head with its check code (the anchor the owner keeps outside the file)."""

from __future__ import annotations

from typing import Any

from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter.payment import method_name
from receipts.layout import Row
from receipts.shift_slip import anchor_rows


def rows(closing: Any, head: tuple[int, str] | None, shop_name: str) -> list[Row]:
    """`closing`: a Closing row; `head`: its journal entry (seq, hash), from pos.audit.anchor.of_closing."""
    totals = closing.totals if isinstance(closing.totals, dict) else {}
    kind = _("TUTUP BUKU HARIAN") if closing.kind == "daily" else _("TUTUP BUKU BULANAN")
    start, end = closing.period_start, closing.period_end
    period = f"{start:%d-%m-%Y}" if start == end else f"{start:%d-%m-%Y} – {end:%d-%m-%Y}"
    out: list[Row] = [("title", shop_name), ("title", f"{kind} #{closing.number}"), ("center", period)]
    out.append(("rule",))
    out.append(("pair", _("Jumlah nota"), str(totals.get("sales_count", 0))))
    out.append(
        (
            "pair",
            _("Retur ({n})").format(n=totals.get("refunds_count", 0)),
            format_rupiah(-int(totals.get("refunds", 0))),
        )
    )
    out.append(("bold_pair", _("Dibayar"), format_rupiah(int(totals.get("total", 0)))))
    out.append(("rule",))
    out.append(("text", _("Per metode bayar:")))
    for method, amount in sorted((totals.get("by_payment") or {}).items()):
        out.append(("pair", "  " + method_name(method), format_rupiah(int(amount))))
    out.append(("rule",))
    out.append(("bold_pair", _("Total berjalan"), format_rupiah(int(closing.grand_total))))
    out.append(("rule",))
    out.extend(anchor_rows(head))
    out.append(("center", _("Simpan kode cek ini di luar komputer kasir")))
    out.append(("blank",))
    return out
