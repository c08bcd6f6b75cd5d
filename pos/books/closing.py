"""Daily and monthly closings: numbered, stored once, never changed, sealed in the journal.

A daily closing takes every sale and refund of the day (all shifts, which must be closed); a monthly
closing takes a whole past month. Each carries a perpetual grand total: the previous closing's grand
total of the same kind plus this period's total — it only ever grows by what was really taken.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from peewee import fn

from db import journal_rows
from db.models import NOT_A_SALE, Closing, DaySales, JournalEntry, Shift, User
from pos.books import report
from pos.core import clock, journal, staff
from pos.core.errors import InvalidInput
from pos.core.i18n import N_, _
from pos.core.tx import service


class ClosingError(InvalidInput):
    template = N_("Tutup buku tidak bisa: {why}")


def _totals(period: report.Period) -> dict[str, Any]:
    """What a closing seals of its period: the headline figures and the totals per payment method, channel
    and cashier (a cash sale turned into QRIS changes two of them, whatever else was recomputed)."""
    head: dict[str, Any] = report.totals(period).as_json()  # stored as JSON: the figures by name
    head["by_payment"] = {p.method: p.amount for p in report.by_payment(period)}
    head["by_channel"] = {c.code: c.total for c in report.by_channel(period)}
    head["by_cashier"] = {
        str(cashier): int(total)
        for cashier, total in DaySales.select(DaySales.cashier_id, fn.SUM(DaySales.total))
        .where(DaySales.day.between(period.start, period.end))
        .group_by(DaySales.cashier_id)
        .order_by(DaySales.cashier_id)
        .tuples()
    }
    return head


# Figures worked out from the others a closing seals (total, commission, delivery_fees, tax, cost, all still
# compared): since the ongkir came out of them, a closing sealed before reads them differently, not changed.
DERIVED = frozenset({"net_revenue", "margin"})

_NAMES = {
    "by_payment": N_("per metode bayar"),
    "by_channel": N_("per saluran"),
    "by_cashier": N_("per kasir"),
    "total": N_("total"),
    "sales_count": N_("jumlah nota"),
}


def _write(kind: str, period: report.Period, user: User) -> Closing:
    if Closing.get_or_none(Closing.kind == kind, Closing.period_start == period.start) is not None:
        raise ClosingError(why=_("periode {period} sudah ditutup").format(period=period.label))
    last = Closing.select().where(Closing.kind == kind).order_by(Closing.number.desc()).first()
    if last is not None and last.period_end >= period.start:
        raise ClosingError(why=_("periode sebelum {date} sudah ditutup").format(date=last.period_end))
    totals = _totals(period)
    totals["chain_head"] = list(journal.head())  # the journal as it was when the books were closed
    number = (last.number if last else 0) + 1
    grand = (last.grand_total if last else 0) + totals["total"]
    row = Closing.create(
        kind=kind,
        number=number,
        period_start=period.start,
        period_end=period.end,
        totals=totals,
        grand_total=grand,
        user=user,
        created_at=clock.now(),
    )
    journal.append("closing", content(row), user=user.name)
    return row


def content(row: Closing) -> dict[str, Any]:
    """What the journal seals for a closing; verify rebuilds it from the row."""
    return {
        "closing": f"{row.kind}-{row.number}",
        "from": row.period_start.isoformat()
        if hasattr(row.period_start, "isoformat")
        else str(row.period_start),
        "to": row.period_end.isoformat() if hasattr(row.period_end, "isoformat") else str(row.period_end),
        "totals": row.totals,
        "grand_total": row.grand_total,
    }


@service
def close_day(day: date, user: User) -> Closing:
    """Close a day's books ('reports' permission): every shift that sold that day must be closed."""
    staff.require(user, "reports")
    if day > clock.now().date():
        raise ClosingError(why=_("hari itu belum lewat"))
    until = report.Period(day, day).until
    still_open = Shift.select().where(Shift.closed_at.is_null(), Shift.opened_at < until).count()
    if still_open:
        raise ClosingError(why=_("tutup dulu shift yang masih buka"))
    return _write("daily", report.Period(day, day), user)


@service
def close_month(year: int, month: int, user: User) -> Closing:
    """Close a past month ('reports' permission)."""
    staff.require(user, "reports")
    try:
        start = date(year, month, 1)
    except ValueError as exc:
        raise ClosingError(why=_("bulan tidak dikenal")) from exc
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if end >= clock.now().date():
        raise ClosingError(why=_("bulan itu belum selesai"))
    return _write("monthly", report.Period(start, end), user)


def listing(kind: str | None = None) -> list[Closing]:
    rows = Closing.select().order_by(Closing.kind, Closing.number.desc())
    if kind:
        rows = rows.where(Closing.kind == kind)
    return list(rows)


def grand_total(kind: str = "daily") -> int:
    return int(Closing.select(fn.MAX(Closing.grand_total)).where(Closing.kind == kind).scalar() or 0)


def check(problems: list[str]) -> None:
    """For verify: every closing is in the journal unchanged, none deleted, numbered 1, 2, 3... per kind
    with a grand total that grew by exactly each closing's total, its chain head still in the journal, and
    its figures (total, count, per payment method, channel and cashier) still those of its period's sales."""
    sealed: dict[str, str] = {}
    for (body,) in journal_bodies():
        data = journal.load(body)
        if isinstance(data, dict) and "closing" in data:
            sealed[str(data["closing"])] = body
    last: dict[str, tuple[int, int]] = {}
    for row in Closing.select().order_by(Closing.kind, Closing.number):
        key = f"{row.kind}-{row.number}"
        number, grand = last.get(row.kind, (0, 0))
        totals = row.totals if isinstance(row.totals, dict) else {}
        if row.number != number + 1:
            problems.append(_("tutup buku {kind} #{n} hilang").format(kind=row.kind, n=number + 1))
        elif row.grand_total != grand + int(totals.get("total", 0)):
            problems.append(
                _("total berjalan tutup buku {key} tidak cocok: {grand}, seharusnya {want}").format(
                    key=key, grand=row.grand_total, want=grand + int(totals.get("total", 0))
                )
            )
        last[row.kind] = (row.number, int(row.grand_total))
        body = sealed.pop(key, None)
        if body is None:
            problems.append(_("tutup buku {key} tidak ada di jurnal").format(key=key))
            continue
        if journal.canonical(content(row)) != body:
            problems.append(_("tutup buku {key} berubah setelah disimpan").format(key=key))
            continue
        head = totals.get("chain_head")
        if head and head[0] and journal_rows.hash_at(head[0]) != head[1]:
            problems.append(_("jurnal #{seq} berubah sejak tutup buku {key}").format(seq=head[0], key=key))
        now = _totals(report.Period(row.period_start, row.period_end))
        changed = [
            k
            for k in sorted(totals)
            if k != "chain_head"
            and k not in DERIVED
            and journal.canonical(now.get(k)) != journal.canonical(totals[k])
        ]
        if changed:
            what = ", ".join(_(_NAMES[k]) if k in _NAMES else k for k in changed)
            problems.append(
                _("penjualan periode tutup buku {key} berubah ({what})").format(key=key, what=what)
            )
    for key in sealed:
        problems.append(_("tutup buku {key} dihapus").format(key=key))


def entry_of(row: Closing) -> tuple[int, str] | None:
    """The closing's own journal entry (seq, hash): the chain head printed on the closing as its anchor."""
    needle = journal.canonical(f"{row.kind}-{row.number}")
    found = (
        JournalEntry.select(JournalEntry.seq, JournalEntry.hash)
        .where(
            JournalEntry.event == "closing",
            NOT_A_SALE,
            JournalEntry.content.contains(f'"closing":{needle}'),
        )
        .order_by(JournalEntry.seq.desc())
        .tuples()
        .first()
    )
    return (int(found[0]), str(found[1])) if found else None


def journal_bodies() -> Any:
    query = JournalEntry.select(JournalEntry.content)
    return query.where(JournalEntry.event == "closing", NOT_A_SALE).tuples()
