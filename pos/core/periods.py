"""The report's periods: a first and a last day, and the ones an owner picks by name (Hari ini, Kemarin,
Minggu ini, ...). Days are the shop's days: `pos.core.clock` says which day it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from db import summaries
from pos.core import clock
from pos.core.errors import InvalidInput
from pos.core.i18n import N_


class PeriodError(InvalidInput):
    template = N_("Periode tidak valid: {why}")


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # last day, inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(why=N_("tanggal akhir sebelum tanggal awal"))
        if (self.end - self.start).days > 3660:
            raise PeriodError(why=N_("paling panjang 10 tahun"))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def until(self) -> datetime:
        """Exclusive upper bound."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.strftime("%d-%m-%Y")
        return f"{self.start.strftime('%d-%m-%Y')} – {self.end.strftime('%d-%m-%Y')}"

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _day(today: date | None) -> date:
    return today or clock.now().date()


def today(day: date | None = None) -> Period:
    """The shop's day so far (compared with yesterday)."""
    d = _day(day)
    return Period(d, d)


def yesterday(day: date | None = None) -> Period:
    d = _day(day) - timedelta(days=1)
    return Period(d, d)


def last_week(day: date | None = None) -> Period:
    """The last full week, Monday to Sunday."""
    monday = summaries.monday(_day(day)) - timedelta(days=7)
    return Period(monday, monday + timedelta(days=6))


def this_week(day: date | None = None) -> Period:
    d = _day(day)
    return Period(summaries.monday(d), d)


def this_month(day: date | None = None) -> Period:
    d = _day(day)
    return Period(d.replace(day=1), d)


def last_month(day: date | None = None) -> Period:
    end = _day(day).replace(day=1) - timedelta(days=1)
    return Period(end.replace(day=1), end)


def iso_week(text: str) -> Period:
    """'2026-W47' -> Monday to Sunday of that ISO week."""
    try:
        year, week = text.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, TypeError) as exc:
        raise PeriodError(why=N_("minggu ditulis seperti 2026-W47")) from exc
    return Period(monday, monday + timedelta(days=6))


# The periods the owner picks by name, in the chooser's order: (code, label to translate)
CHOICES: tuple[tuple[str, str], ...] = (
    ("today", N_("Hari ini")),
    ("yesterday", N_("Kemarin")),
    ("this_week", N_("Minggu ini")),
    ("last_week", N_("Minggu lalu")),
    ("this_month", N_("Bulan ini")),
    ("last_month", N_("Bulan lalu")),
)
_BY_CODE = {
    "today": today,
    "yesterday": yesterday,
    "this_week": this_week,
    "last_week": last_week,
    "this_month": this_month,
    "last_month": last_month,
}


def named(code: str, day: date | None = None) -> Period:
    """The period a choice names ('today', 'last_week', ...), as of `day` (the shop's today)."""
    try:
        return _BY_CODE[code](day)
    except KeyError:
        raise PeriodError(why=N_("periode tidak dikenal")) from None
