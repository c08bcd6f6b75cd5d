"""Daily and monthly closings: numbered, stored once, never changed, sealed in the journal.

A daily closing takes every sale and refund of the day (all shifts, which must be closed); a monthly
closing takes a whole past month. Each carries a perpetual grand total: the previous closing's grand
total of the same kind plus this period's total — it only ever grows by what was really taken.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from peewee import fn

from db.models import Closing, Shift, User
from pos import clock, journal, report, staff
from pos.errors import InvalidInput, InvalidState
from pos.i18n import N_, _
from pos.tx import service


class ClosingError(InvalidInput):
    template = N_("Tutup buku tidak bisa: {why}")


def _totals(period: report.Period) -> dict[str, Any]:
    head = report.totals(period)
    head["by_payment"] = {p["method"]: p["amount"] for p in report.by_payment(period)}
    head["by_channel"] = {c["code"]: c["total"] for c in report.by_channel(period)}
    return head


def _write(kind: str, period: report.Period, user: User) -> Closing:
    if Closing.get_or_none(Closing.kind == kind, Closing.period_start == period.start) is not None:
        raise ClosingError(why=_("periode {period} sudah ditutup").format(period=period.label))
    last = Closing.select().where(Closing.kind == kind).order_by(Closing.number.desc()).first()
    if last is not None and last.period_end >= period.start:
        raise ClosingError(why=_("periode sebelum {date} sudah ditutup").format(date=last.period_end))
    totals = _totals(period)
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


def day_is_closed(day: date) -> bool:
    return Closing.select().where(Closing.kind == "daily", Closing.period_start == day).exists()


def listing(kind: str | None = None) -> list[Closing]:
    rows = Closing.select().order_by(Closing.kind, Closing.number.desc())
    if kind:
        rows = rows.where(Closing.kind == kind)
    return list(rows)


def grand_total(kind: str = "daily") -> int:
    return int(Closing.select(fn.MAX(Closing.grand_total)).where(Closing.kind == kind).scalar() or 0)


def check(problems: list[str]) -> None:
    """For verify: every closing is in the journal unchanged, none deleted, and its totals still match
    the sales of its period (a sale slipped into a closed day shows here)."""
    sealed: dict[str, str] = {}
    for (body,) in journal_bodies():
        sealed[json.loads(body)["closing"]] = body
    for row in Closing.select().order_by(Closing.id):
        key = f"{row.kind}-{row.number}"
        body = sealed.pop(key, None)
        if body is None:
            problems.append(_("tutup buku {key} tidak ada di jurnal").format(key=key))
            continue
        if journal.canonical(content(row)) != body:
            problems.append(_("tutup buku {key} berubah setelah disimpan").format(key=key))
            continue
        now = _totals(report.Period(row.period_start, row.period_end))
        if now["total"] != row.totals["total"] or now["sales_count"] != row.totals["sales_count"]:
            problems.append(_("penjualan periode tutup buku {key} berubah").format(key=key))
    for key in sealed:
        problems.append(_("tutup buku {key} dihapus").format(key=key))


def journal_bodies() -> Any:
    from db.models import NOT_A_SALE, JournalEntry

    query = JournalEntry.select(JournalEntry.content)
    return query.where(JournalEntry.event == "closing", NOT_A_SALE).tuples()


def refuse_if_closed(day: date) -> None:
    """Selling into a day whose books are closed is refused (a new shift can't open that day)."""
    if day_is_closed(day):
        raise InvalidState(action=_("membuka shift"), state=_("buku hari ini sudah ditutup"))
