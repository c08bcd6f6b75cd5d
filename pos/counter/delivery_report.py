"""The delivery figures of a period for the report (orders by state, minutes to selesai, what couriers
brought back for COD orders) and the COD gaps of a shift for its Z slip."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from db.models import DeliveryOrder, Sale
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.periods import Period
from pos.counter.delivery import OPEN_STATES, STATES


@dataclass(frozen=True)
class DeliveryFigures:
    """The report's delivery section for a period."""

    by_state: dict[str, int]  # orders come in during the period, by their state now
    delivered: int  # orders finished (selesai) during the period
    average_minutes: int | None  # from coming in to selesai, over those; None when none
    cod_collected: int  # rupiah couriers brought back for COD orders settled in the period
    cod_difference: int  # brought back minus the orders' totals (negative: short): cod_over - cod_short
    cod_short: int  # rupiah couriers brought short, summed over the orders short (0 or more)
    cod_over: int  # rupiah couriers brought over, summed over the orders over (0 or more)
    cod_outstanding: int  # rupiah still out with couriers now: COD orders not selesai or batal
    cod_outstanding_count: int

    @property
    def orders(self) -> int:
        return sum(self.by_state.values())


def figures(period: Period) -> DeliveryFigures:
    counts = dict(
        DeliveryOrder.select(DeliveryOrder.state, fn.COUNT(DeliveryOrder.id))
        .where(DeliveryOrder.created_at >= period.since, DeliveryOrder.created_at < period.until)
        .group_by(DeliveryOrder.state)
        .tuples()
    )
    done = list(
        DeliveryOrder.select(
            DeliveryOrder.created_at,
            DeliveryOrder.done_at,
            DeliveryOrder.cod,
            DeliveryOrder.received,
            Sale.total,
        )  # fmt: skip
        .join(Sale, JOIN.LEFT_OUTER, on=(DeliveryOrder.sale == Sale.id))
        .where(
            DeliveryOrder.state == "selesai",
            DeliveryOrder.done_at >= period.since,
            DeliveryOrder.done_at < period.until,
        )
        .tuples()
    )
    seconds = [(end - start).total_seconds() for start, end, _c, _r, _t in done]
    settled = [
        (int(received), int(total or 0))
        for _s, _e, cod, received, total in done
        if cod and received is not None
    ]
    outstanding = (
        DeliveryOrder.select(fn.COUNT(DeliveryOrder.id), fn.COALESCE(fn.SUM(DeliveryOrder.expected), 0))
        .where(DeliveryOrder.cod == True, DeliveryOrder.state.in_(OPEN_STATES))  # noqa: E712
        .tuples()
        .get()
    )
    return DeliveryFigures(
        by_state={state: int(counts.get(state, 0)) for state in STATES},
        delivered=len(done),
        average_minutes=round(sum(seconds) / len(seconds) / 60) if seconds else None,
        cod_collected=sum(r for r, _t in settled),
        cod_difference=sum(r - t for r, t in settled),
        cod_short=sum(t - r for r, t in settled if r < t),
        cod_over=sum(r - t for r, t in settled if r > t),
        cod_outstanding=int(outstanding[1]),
        cod_outstanding_count=int(outstanding[0]),
    )


def report_lines(section: DeliveryFigures) -> list[tuple[str, str]]:
    """The delivery figures as the report's screen and PDF word them: (label, value)."""
    states = section.by_state
    minutes = section.average_minutes
    return [
        (_("Pesanan antar dan online"), str(section.orders)),
        (
            _("Baru / disiapkan / diantar"),
            f"{states['baru']} / {states['disiapkan']} / {states['diantar']}",
        ),
        (_("Antaran selesai / antaran batal"), f"{states['selesai']} / {states['batal']}"),
        (
            _("Rata-rata sampai selesai"),
            _("{n} menit").format(n=minutes) if minutes is not None else "–",
        ),
        (_("COD diterima dari kurir"), format_rupiah(section.cod_collected)),
        (_("Kurang dari kurir (COD)"), format_rupiah(section.cod_short)),
        (_("Lebih dari kurir (COD)"), format_rupiah(section.cod_over)),
        (
            _("COD belum diterima ({n} pesanan)").format(n=section.cod_outstanding_count),
            format_rupiah(section.cod_outstanding),
        ),
    ]
