"""What Pengaturan's loyalty boxes show: the points program's rules, the stamp cards and bonus gifts in
a list, one program to edit, and the birthday bonus. Plain rows, never model instances."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.models import LoyaltyProgram, Product
from pos.core.errors import NotFound
from pos.customers import loyalty, stamps


@dataclass(frozen=True)
class PointsSettings:
    active: bool
    rules: dict[str, Any]  # loyalty.DEFAULT_RULES with the saved rules over them


@dataclass(frozen=True)
class ProgramForm:
    """A stamp card or a bonus gift as its dialog edits it."""

    id: int
    kind: str
    name: str
    active: bool
    rules: dict[str, Any]


@dataclass(frozen=True)
class ProgramLine:
    """One line of the programs list. `needed` and `reward` are a stamp card's; `gift` (None when its
    product is gone) and `min_spend` a bonus gift's."""

    id: int
    kind: str
    name: str
    active: bool
    needed: int = 0
    reward: str = ""
    gift: str | None = None
    min_spend: int = 0


@dataclass(frozen=True)
class BirthdaySettings:
    active: bool
    points: int
    voucher_value: int


def points() -> PointsSettings:
    program = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "points")
    saved = (program.rules or {}) if program else {}
    return PointsSettings(bool(program and program.active), {**loyalty.DEFAULT_RULES, **saved})


def listed() -> list[ProgramLine]:
    """The stamp cards, then the bonus gifts, each in the order they were made; running or not."""
    lines = []
    query = (
        LoyaltyProgram.select()
        .where(LoyaltyProgram.kind.in_(["stamps", "gift"]))
        .order_by(LoyaltyProgram.kind.desc(), LoyaltyProgram.id)
    )
    for p in query:
        if p.kind == "stamps":
            card = stamps._card(p)
            lines.append(
                ProgramLine(p.id, p.kind, p.name, bool(p.active), card.needed, stamps.reward_text(card))
            )
        else:
            r = p.rules or {}
            gift = Product.get_or_none(Product.id == r.get("gift_product"))
            lines.append(
                ProgramLine(
                    p.id,
                    p.kind,
                    p.name,
                    bool(p.active),
                    gift=gift.name if gift else None,
                    min_spend=int(r.get("min_spend") or 0),
                )
            )
    return lines


def program(program_id: int) -> ProgramForm:
    row = LoyaltyProgram.get_or_none(LoyaltyProgram.id == program_id)
    if row is None:
        raise NotFound()
    return ProgramForm(row.id, row.kind, row.name, bool(row.active), dict(row.rules or {}))


def birthday() -> BirthdaySettings:
    program = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "birthday")
    rules = (program.rules or {}) if program else {}
    return BirthdaySettings(
        bool(program and program.active),
        int(rules.get("points", 0) or 0),
        int(rules.get("voucher_value", 0) or 0),
    )
