"""The loyalty programs the shop runs (points, tiers, stamp cards, gifts, birthday), read once per
process like the settings: the counter asks on every sale. Every change goes through a configure
service, which forgets the cache before and after; the stamp-card and gift services share their first
step (named) and their last (save)."""

from __future__ import annotations

from datetime import date
from typing import Any

from db.models import LoyaltyProgram, User
from pos.core import caches, journal, staff
from pos.core.errors import InvalidInput
from pos.core.i18n import N_
from pos.core.text import clean

NAME_LIMIT = 80

_cache: list[LoyaltyProgram] | None = None


def forget() -> None:
    global _cache
    _cache = None


caches.register(forget)


def running(kind: str, on: date | None = None) -> list[LoyaltyProgram]:
    """Active programs of `kind`, oldest first; with `on`, only those running that day."""
    global _cache
    caches.refresh()
    every = _cache
    if every is None or not caches.usable():
        every = list(LoyaltyProgram.select().order_by(LoyaltyProgram.id))
        if caches.usable():
            _cache = every
    return [
        p
        for p in every
        if p.kind == kind
        and p.active
        and (
            on is None
            or ((p.starts_on is None or p.starts_on <= on) and (p.ends_on is None or p.ends_on >= on))
        )
    ]


def named(user: User, name: str, missing: str) -> str:
    """The start of a stamp-card or gift configure service: `user` needs the 'settings' permission; the
    program's name cleaned, NAME_LIMIT characters at most, an empty one refused with the message `missing`."""
    staff.require(user, "settings")
    name = clean(name, limit=NAME_LIMIT)
    if not name:
        raise InvalidInput(missing)
    return name


def save(
    kind: str,
    name: str,
    rules: dict[str, Any],
    *,
    active: bool,
    user: User,
    starts_on: date | None = None,
    ends_on: date | None = None,
    program_id: int | None = None,
) -> LoyaltyProgram:
    """Create or change a program of `kind` (inside the caller's service) and journal its rules."""
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(N_("Tanggal selesai sebelum tanggal mulai."))
    forget()
    if program_id is None:
        program = LoyaltyProgram.create(
            kind=kind, name=name, rules=rules, active=active, starts_on=starts_on, ends_on=ends_on
        )
    else:
        program = LoyaltyProgram.get_by_id(program_id)
        program.name, program.rules, program.active = name, rules, active
        program.starts_on, program.ends_on = starts_on, ends_on
        program.save()
    journal.append("loyalty_rules", {"program": program.id, kind: rules, "active": active}, user=user.name)
    forget()
    return program
