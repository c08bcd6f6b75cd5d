"""Who works here and what each role may do, as Pengaturan → Karyawan shows them: plain rows, never
model instances."""

from __future__ import annotations

from dataclasses import dataclass

from db.models import Role, User


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: str  # the role's code: owner, cashier, online_admin
    role_name: str  # as stored (N_ marked): the screen translates it
    active: bool


def people() -> list[StaffRow]:
    """Everyone, active first, each in the order they were added."""
    query = User.select(User, Role).join(Role).order_by(User.active.desc(), User.id)
    return [StaffRow(u.id, u.name, u.role.code, u.role.name, bool(u.active)) for u in query]


def rights() -> dict[str, frozenset[str]]:
    """{role code: the permissions it holds}."""
    return {r.code: frozenset(r.permissions or []) for r in Role.select()}
