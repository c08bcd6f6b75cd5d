"""Staff: roles with permissions, users with PINs (argon2id, never stored in clear), login and lock-out."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from db import staff_rows, writes
from db.models import JournalEntry, Role, User, database
from pos.core import caches, clock, journal, pin_guard
from pos.core.errors import (
    ApprovalInvalid,
    InvalidInput,
    InvalidName,
    InvalidPin,
    NotFound,
    OwnerOnly,
    PermissionDenied,
    UserInactive,
)
from pos.core.i18n import N_, _
from pos.core.seals import seal_user
from pos.core.tx import atomic, service

APPROVAL_FOR = timedelta(minutes=2)  # an owner's approval is proof the PIN was typed just now

PERMISSIONS = {
    "sell": N_("menjual"),
    "park": N_("menyimpan pesanan"),
    "take_payment": N_("menerima pembayaran"),
    "add_customer": N_("menambah pelanggan"),
    "reprint": N_("mencetak ulang"),
    "delivery": N_("mengelola pesanan online"),
    "void": N_("membatalkan pesanan"),
    "refund": N_("mengembalikan uang (retur)"),
    "discount": N_("memberi diskon"),
    "price_override": N_("mengubah harga"),
    "points_adjust": N_("mengoreksi poin"),
    "open_drawer": N_("membuka laci tanpa penjualan"),
    "reports": N_("melihat laporan"),
    "exports": N_("mengekspor data"),
    "settings": N_("mengubah pengaturan"),
    "stock": N_("mengelola stok"),
    "products": N_("mengelola barang dan harga"),
    "staff": N_("mengelola karyawan"),
    "kasbon_noncash": N_("mencatat bayar kasbon lewat transfer atau QRIS"),
}

ROLES = {
    "owner": (N_("Pemilik"), list(PERMISSIONS)),
    "cashier": (N_("Kasir"), ["sell", "park", "take_payment", "add_customer", "reprint"]),
    "online_admin": (
        N_("Admin online"),
        ["sell", "park", "take_payment", "add_customer", "reprint", "delivery"],
    ),
}

hasher = PasswordHasher()  # argon2id


def ensure_roles() -> None:
    for code, (name, perms) in ROLES.items():
        Role.get_or_create(code=code, defaults={"name": name, "permissions": perms})


def _check_pin(pin: str) -> None:
    if not (isinstance(pin, str) and pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 6):
        raise InvalidPin()


def _has_owner() -> bool:
    return User.select().join(Role).where(Role.code == "owner", User.active == True).exists()  # noqa: E712


@service
def create_user(
    name: str, role_code: str, pin: str, by: User | None = None, approver: Approval | None = None
) -> User:
    """A new user with their own PIN, journalled (never the PIN). The shop's first owner is made at set-up
    (while there is no active owner, `by` may be None); after that only someone with the 'staff' permission
    for a role that may do no more than they may, or the owner (or an owner's approval) for the rest."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise InvalidName(limit=80)
    _check_pin(pin)
    ensure_roles()
    role = Role.get_or_none(Role.code == role_code)
    if role is None:
        raise InvalidInput(N_("Peran {code} tidak dikenal."), code=role_code)
    approved = None
    if by is None:
        if _has_owner():
            from pos.core.i18n import _

            raise OwnerOnly(name=_("Tanpa pengguna"), action=_("menambah karyawan"))
    else:
        approved = _may_manage(by, role, approver)
        if role.code == "owner":
            from pos.core import pin_guard

            pin_guard.refuse_weak(pin)  # a real shop's owner: no 1234, 0000, 1212... (set-up: shop.first_run)
    new = User.create(name=name, role=role, pin_hash=hasher.hash(pin), created_at=clock.now())
    _seal(new.id, by.name if by is not None else new.name)
    journal.append(
        "staff",
        {"added": new.name, "role": role.code, "approved_by": approved.name if approved else ""},
        user=by.name if by is not None else new.name,
    )
    return new


def _may_manage(by: User, role: Role, approver: Approval | None) -> Approval | None:
    """Managing a user of `role`: 'staff' is enough for a role that may do no more than `by` may; an owner
    account, or a role with more than `by` has, is the owner's (nobody hands themselves more rights)."""
    approved = require(by, "staff", approver)
    if approved is not None:
        return approved
    actor = _fresh(by)
    if actor.role.code == "owner":
        return None
    if role.code == "owner" or not set(role.permissions or []) <= set(actor.role.permissions or []):
        return require_owner(by, _("memberi hak yang lebih dari miliknya"), approver)
    return None


def active_users() -> list[User]:
    return list(User.select(User, Role).join(Role).where(User.active == True).order_by(User.id))  # noqa: E712


def owner() -> User:
    """The shop's (first active) owner: the command line acts as the owner, who has the machine."""
    row = (
        User.select(User, Role)
        .join(Role)
        .where(Role.code == "owner", User.active == True)  # noqa: E712
        .order_by(User.id)
        .first()
    )
    if row is None:
        raise NotFound(N_("Belum ada pemilik toko; jalankan Kasir sekali untuk menyiapkannya."))
    return row


def login(user_id: int, pin: str) -> User:
    """Check a PIN. Wrong PINs lock the user for longer and longer (pos/core/pin_guard.py; those at the
    approval prompt have their own count, which does not lock the login); a deactivated user cannot log in."""
    with atomic():
        user = User.select(User, Role).join(Role).where(User.id == user_id).get()
        if not user.active:
            raise UserInactive(name=user.name)
    return pin_guard.login(user_id, pin)


def _pin_ok(user: User, pin: str) -> bool:
    try:
        return hasher.verify(user.pin_hash, pin or "")
    except (VerificationError, InvalidHashError):
        return False


def can(user: User, permission: str) -> bool:
    """The owner may do everything (also what a newer Kasir added after the role was stored)."""
    return user.role.code == "owner" or permission in (user.role.permissions or [])


@dataclass(frozen=True)
class Approval:
    """Proof that an owner's PIN was typed just now, made only by `owner_approval`. It is valid for
    APPROVAL_FOR after the PIN and for one action: the first service that accepts it uses it up (every
    check inside that one service's transaction may use it; a rolled-back or retried service may use it
    again). A User, a copy with a guessed token or an expired approval approves nothing."""

    token: str = field(repr=False)
    user_id: int
    name: str
    made_at: datetime


@dataclass
class _Issued:
    approval: Approval
    tx: Any = None  # the transaction that used it
    entry: JournalEntry | None = None  # the journal entry that recorded the use (its seq set once written)


_issued: dict[str, _Issued] = {}


_STAFF_TABLES = frozenset({"user", "role"})
_known: dict[int, User] = {}  # the users read since the shop's configuration last changed, by id
caches.register(_known.clear)  # staff and roles count as configuration (db/config_version.py)


def _fresh(user: User) -> User:
    """The acting user as stored now (role, permissions, active): not what a caller's object says.
    Kept until the configuration number changes (any till's change to a user or a role moves it), except
    while this thread's own transaction has written users or roles: then it is read, and not kept."""
    cached = caches.usable() and not writes.wrote(_STAFF_TABLES)
    row = _known.get(user.id) if cached else None
    if row is None:
        row = staff_rows.user_with_role(user.id)
        if row is not None and cached:
            _known[user.id] = row  # callers only read it
    if row is None or not row.active:
        raise UserInactive(name=getattr(user, "name", "?"))
    return row


def _outer_tx() -> Any:
    state = getattr(database.obj, "_state", None)
    stack = getattr(state, "transactions", None)
    return stack[0] if stack else None


def _recorded(entry: JournalEntry | None) -> bool:
    """Whether the entry that used an approval is in the journal: written and committed (not rolled back
    with its action). A sale's entry is chained by the server as it commits, so it is found by what it
    says and when, not by its seq."""
    if entry is None:
        return False
    return bool(
        JournalEntry.select()
        .where(
            JournalEntry.event == entry.event,
            JournalEntry.created_at == entry.created_at,
            JournalEntry.content == entry.content,
        )
        .exists()
    )


def _use(approval: object, user: User, permission: str) -> Approval:
    """Check an approval and use it up for this action (journalled, in the caller's transaction)."""
    token = approval.token if isinstance(approval, Approval) else None
    issued = _issued.get(token) if token is not None else None
    if issued is None or token is None or not hmac.compare_digest(issued.approval.token, token):
        raise ApprovalInvalid(why=_("bukan dari PIN pemilik"))
    if clock.now() - issued.approval.made_at > APPROVAL_FOR or clock.now() < issued.approval.made_at:
        raise ApprovalInvalid(why=_("kedaluwarsa"))
    tx = _outer_tx()
    if issued.tx is not None and tx is issued.tx:
        return issued.approval  # a second check of the same service: the same action
    if _recorded(issued.entry):
        raise ApprovalInvalid(why=_("sudah dipakai"))
    owner = User.select(User, Role).join(Role).where(User.id == issued.approval.user_id).get_or_none()
    if owner is None or not owner.active or owner.role.code != "owner":
        raise ApprovalInvalid(why=_("bukan dari PIN pemilik"))
    entry = journal.append(
        "approval",
        {
            "approved_by": owner.name,
            "for": user.name,
            "permission": permission,
            "pin_at": issued.approval.made_at.isoformat(),
        },
        user=user.name,
    )
    issued.tx, issued.entry = tx if tx is not None else object(), entry
    return issued.approval


def require(user: User, permission: str, approver: Approval | None = None) -> Approval | None:
    """Raise PermissionDenied unless `user` may do it, or an owner approved it just now (an Approval from
    owner_approval, used up here and journalled). Returns the approval used, None when none was needed.
    The user's role and permissions are read from the database, not from the object passed in."""
    user = _fresh(user)
    if can(user, permission):
        return None
    if approver is not None:
        return _use(approver, user, permission)
    raise PermissionDenied(name=user.name, action=_(PERMISSIONS[permission]))


def require_owner(user: User, action: str, approver: Approval | None = None) -> Approval | None:
    """Owner work (roles and their permissions, owners' accounts): the owner, or an owner's approval.
    `action` is shown in the refusal ('mengubah hak akses')."""
    user = _fresh(user)
    if user.role.code == "owner":
        return None
    if approver is not None:
        return _use(approver, user, "staff")
    raise OwnerOnly(name=user.name, action=action)


def approval_valid(approval: Approval | None) -> bool:
    """Whether `approval` can still approve an action (for a screen deciding to ask the PIN again)."""
    if not isinstance(approval, Approval) or approval.token not in _issued:
        return False
    issued = _issued[approval.token]
    if not timedelta(0) <= clock.now() - approval.made_at <= APPROVAL_FOR:
        return False
    return not _recorded(issued.entry)


def _approval_for(user: User) -> Approval:
    """A new approval by this owner (only after their PIN was checked)."""
    now = clock.now()
    for token in [t for t, i in _issued.items() if now - i.approval.made_at > APPROVAL_FOR]:
        del _issued[token]  # the expired ones are forgotten
    approval = Approval(secrets.token_urlsafe(32), user.id, user.name, now)
    _issued[approval.token] = _Issued(approval)
    return approval


def owner_approval(pin: str) -> Approval:
    """The 'PIN pemilik' asked in place: an Approval by the owner whose PIN this is, valid APPROVAL_FOR."""
    return _approval_for(pin_guard.owner_by_pin(pin))  # wrong PINs on their own count: login is not locked


@service
def set_permissions(
    role_code: str, permissions: list[str], user: User, approver: Approval | None = None
) -> Role:
    """Change what a role may do: the owner's work (or an owner's approval), journalled. The owner role
    always keeps everything (nobody locks the shop out)."""
    approved = require_owner(user, _("mengubah hak akses"), approver)
    role = Role.get_or_none(Role.code == role_code)
    if role is None:
        raise InvalidInput(N_("Peran {code} tidak dikenal."), code=role_code)
    unknown = [p for p in permissions if p not in PERMISSIONS]
    if unknown:
        raise InvalidInput(N_("Hak akses tidak dikenal: {names}."), names=", ".join(unknown))
    before = list(role.permissions or [])
    role.permissions = (
        list(PERMISSIONS) if role.code == "owner" else [p for p in PERMISSIONS if p in permissions]
    )
    role.save()
    journal.append(
        "permissions",
        {
            "role": role.code,
            "permissions": role.permissions,
            "before": before,
            "approved_by": approved.name if approved else "",
        },
        user=user.name,
    )
    return role


@service
def set_all_permissions(mapping: dict[str, list[str]], user: User, approver: Approval | None = None) -> None:
    """The permissions grid in settings: every role at once, or nothing (one approval for all of it)."""
    for role_code, permissions in mapping.items():
        set_permissions(role_code, permissions, user, approver)


@service
def add_user(name: str, role_code: str, pin: str, by: User, approver: Approval | None = None) -> User:
    """A new member of staff with their own PIN (see create_user for who may); the PIN is never journalled."""
    return create_user(name, role_code, pin, by, approver)


def _target(user_id: int) -> User:
    target = User.select(User, Role).join(Role).where(User.id == user_id).get_or_none()
    if target is None:
        raise NotFound()
    return target


@service
def change_pin(user_id: int, pin: str, by: User, approver: Approval | None = None) -> None:
    """A new PIN: one's own, or someone else's by who may manage their role (create_user's rule)."""
    target = _target(user_id)
    approved = None if _fresh(by).id == user_id else _may_manage(by, target.role, approver)
    _check_pin(pin)
    if target.role.code == "owner":
        pin_guard.refuse_weak(pin)  # a real shop's owner: no 1234, 0000, 1212...
    User.update(pin_hash=hasher.hash(pin), failed_pins=0, locked_until=None).where(
        User.id == user_id
    ).execute()
    pin_guard.clear_approval_count(user_id)  # a new PIN: its counts start again
    _seal(user_id, by.name)
    journal.append(
        "staff",
        {"pin_changed": target.name, "approved_by": approved.name if approved else ""},
        user=by.name,
    )


@service
def set_active(user_id: int, active: bool, by: User, approver: Approval | None = None) -> None:
    """Deactivate (they can no longer log in) or reactivate a user (create_user's rule for who may)."""
    target = _target(user_id)
    approved = _may_manage(by, target.role, approver)
    if not active and target.role.code == "owner":
        others = (
            User.select()
            .join(Role)
            .where(Role.code == "owner", User.active == True, User.id != user_id)  # noqa: E712
            .count()
        )
        if not others:
            raise InvalidInput(N_("Pemilik terakhir tidak bisa dinonaktifkan."))
    User.update(active=active).where(User.id == user_id).execute()
    _seal(user_id, by.name)
    journal.append(
        "staff",
        {"active": active, "user": target.name, "approved_by": approved.name if approved else ""},
        user=by.name,
    )


def _seal(user_id: int, by: str) -> None:
    """Name, role, state and PIN hash (as a hash of it) in the journal: verify holds the row to it."""
    seal_user(user_id, by)


def all_users() -> list[User]:
    return list(User.select(User, Role).join(Role).order_by(User.active.desc(), User.id))
