"""The loyalty programs the shop runs (points, tiers, stamp cards, gifts, birthday), read once per
process like the settings: the counter asks on every sale. Every change goes through a configure
service, which forgets the cache before and after."""

from __future__ import annotations

from datetime import date

from db.models import LoyaltyProgram

_cache: list[LoyaltyProgram] | None = None


def forget() -> None:
    global _cache
    _cache = None


def running(kind: str, on: date | None = None) -> list[LoyaltyProgram]:
    """Active programs of `kind`, oldest first; with `on`, only those running that day."""
    global _cache
    if _cache is None:
        _cache = list(LoyaltyProgram.select().order_by(LoyaltyProgram.id))
    return [
        p
        for p in _cache
        if p.kind == kind
        and p.active
        and (
            on is None
            or ((p.starts_on is None or p.starts_on <= on) and (p.ends_on is None or p.ends_on >= on))
        )
    ]
