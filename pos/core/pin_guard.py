"""PIN guessing stopped: wrong PINs counted per user, a lock-out that grows, weak owner PINs refused, and
the shop's recovery code for an owner locked out.

Failures are counted in the database (a restart or another till does not reset them), at the login screen
and at the owner-approval prompt each on its own count: the 5th wrong PIN in a row locks 1 minute, every
further one longer (LOCKS: 5 min, 30 min, 2 h, 8 h, then 24 h each). A lock at the login screen locks the
user out (and their approvals too); a lock at the approval prompt only stops approvals by that owner — a
cashier guessing the owner's PIN there cannot lock the owner out of their own login. A locked PIN is
refused even when right; the right PIN once the lock is over resets both counts, and so does the owner's
login (they were just shown the failures). The approval count is a meta row per owner
("approval_pins:<user id>": "<count>|<locked until>"), no column of its own.
Each failure is a `pin_failure` row: the owner sees those against their own PIN at their next login
(`failures_to_show`).
PINs are checked only outside any transaction (as the screens do): a failure is committed before its error
is raised. Inside a caller's transaction a rollback would take the count with it — a script could guess
for ever — so a check there is refused (PinCheckRefused) before the PIN is even looked at.

The recovery code (12 characters, ~59 bits) is shown once at setup and after each use; only its argon2 hash
is kept (table meta, key "recovery_code"). With it the owner sets a new PIN and the lock is lifted.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError

from db.models import Meta, PinFailure, Role, User, database
from pos.core import clock, journal, settings, staff, till
from pos.core.errors import InvalidPin, NeedPin, NotFound, PosError, UserInactive, UserLocked, WrongPin
from pos.core.i18n import N_, _
from pos.core.seals import seal_user
from pos.core.tx import atomic, service


class PinCheckRefused(PosError):
    template = N_(
        "PIN hanya diperiksa sebagai tindakan sendiri, di luar transaksi lain. Tidak ada yang diubah."
    )


def _outside_transactions() -> None:
    if database.obj.in_transaction():
        raise PinCheckRefused()


LOCK_AFTER = 5  # wrong PINs in a row before the first lock
LOCKS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
    timedelta(hours=24),  # and so on, every further wrong PIN
)
WHERE = {"login": N_("layar login"), "approval": N_("persetujuan"), "recovery": N_("kode pemulihan")}
CODE_KEY = "recovery_code"
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off paper without doubt
CODE_LENGTH = 12


class PinLocked(UserLocked):
    template = N_("PIN {name} dikunci karena salah {count} kali. Coba lagi {left} lagi.")


class ApprovalLocked(PinLocked):
    template = N_(
        "Persetujuan dengan PIN {name} dikunci karena salah {count} kali. Coba lagi {left} lagi, "
        "atau {name} login sendiri (login tidak ikut terkunci)."
    )


class WeakPin(InvalidPin):
    template = N_(
        "PIN ini terlalu mudah ditebak (seperti 1234, 0000, 1212 atau angka berurutan). "
        "Pemilik toko harus memakai PIN lain."
    )


class WrongRecoveryCode(PosError):
    template = N_("Kode pemulihan salah. PIN tidak diubah.")


class NoRecoveryCode(PosError):
    template = N_("Toko ini belum punya kode pemulihan; pemilik membuatnya setelah login.")


# --- the lock-out ----------------------------------------------------------------------------------


def lock_for(failures: int) -> timedelta | None:
    """How long `failures` wrong PINs in a row lock a user (None: not locked yet)."""
    if failures < LOCK_AFTER:
        return None
    return LOCKS[min(failures - LOCK_AFTER, len(LOCKS) - 1)]


def time_left(user: User, now: datetime | None = None) -> timedelta | None:
    """What is left of the user's lock (None: not locked)."""
    now = now or clock.now()
    if user.locked_until and user.locked_until > now:
        return user.locked_until - now
    return None


def left_text(left: timedelta) -> str:
    """A lock's time left for people, in whole minutes rounded up: '4 menit', '2 jam', '7 jam 59 menit'."""
    minutes = max(1, -(-int(left.total_seconds()) // 60))
    if minutes < 60:
        return _("{n} menit").format(n=minutes)
    hours, minutes = divmod(minutes, 60)
    if not minutes:
        return _("{h} jam").format(h=hours)
    return _("{h} jam {m} menit").format(h=hours, m=minutes)


def locked_error(user: User, now: datetime | None = None) -> PinLocked | None:
    left = time_left(user, now)
    if left is None:
        return None
    return PinLocked(name=user.name, count=max(user.failed_pins, LOCK_AFTER), left=left_text(left))


def lock_message(user_id: int) -> str:
    """The login screen's line for a user tapped while locked ('' when not locked)."""
    user = User.get_or_none(User.id == user_id)
    error = locked_error(user) if user is not None else None
    return error.text if error else ""


# who logged in last at this till (in this database): named with a wrong PIN at the approval prompt
_at_till: dict[str, object] = {"db": None, "user_id": None}


def _asking() -> int | None:
    return _at_till["user_id"] if _at_till["db"] is database.obj else None  # type: ignore[return-value]


def _fail(user: User, where: str, now: datetime, by: int | None) -> PosError:
    """Count one wrong PIN (inside the caller's transaction); the error to raise once it is committed."""
    tries = user.failed_pins + 1
    lock = lock_for(tries)
    user.failed_pins, user.locked_until = tries, (now + lock if lock else None)
    User.update(failed_pins=tries, locked_until=user.locked_until).where(User.id == user.id).execute()
    PinFailure.create(user=user.id, at=now, place=where, by=by or None, register=till.code())
    if lock is None:
        return WrongPin(left=LOCK_AFTER - tries)
    journal.append(
        "pin_locked",
        {"user": user.name, "failures": tries, "minutes": int(lock.total_seconds() // 60), "where": where},
    )
    return locked_error(user, now) or WrongPin(left=0)


def _passed(user: User) -> None:
    """The right PIN: both counts start again."""
    if user.failed_pins or user.locked_until:
        User.update(failed_pins=0, locked_until=None).where(User.id == user.id).execute()
        user.failed_pins, user.locked_until = 0, None
    clear_approval_count(user.id)


# --- the approval prompt's own count ---------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalCount:
    failures: int = 0  # wrong PINs in a row at the approval prompt, for this owner
    locked_until: datetime | None = None

    def left(self, now: datetime) -> timedelta | None:
        return self.locked_until - now if self.locked_until and self.locked_until > now else None


def _approval_key(user_id: int) -> str:
    return f"approval_pins:{user_id}"


def approval_counts(user_ids: list[int]) -> dict[int, ApprovalCount]:
    """Each owner's count at the approval prompt (a missing or unreadable row: none)."""
    keys = {_approval_key(uid): uid for uid in user_ids}
    found = {uid: ApprovalCount() for uid in user_ids}
    for row in Meta.select().where(Meta.key.in_(list(keys))) if keys else []:
        count, _sep, until = str(row.value).partition("|")
        try:
            found[keys[row.key]] = ApprovalCount(int(count), datetime.fromisoformat(until) if until else None)
        except ValueError:
            continue
    return found


def clear_approval_count(user_id: int) -> None:
    Meta.delete().where(Meta.key == _approval_key(user_id)).execute()


def _approval_locked(user: User, count: ApprovalCount, now: datetime) -> PinLocked | None:
    left = count.left(now)
    if left is None:
        return None
    return ApprovalLocked(name=user.name, count=max(count.failures, LOCK_AFTER), left=left_text(left))


def _fail_approval(user: User, count: ApprovalCount, now: datetime, by: int | None) -> PosError:
    """One wrong PIN at the approval prompt for this owner: their approval count, not their login's."""
    tries = count.failures + 1
    lock = lock_for(tries)
    until = now + lock if lock else None
    value = f"{tries}|{until.isoformat() if until else ''}"
    Meta.insert(key=_approval_key(user.id), value=value).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: value}
    ).execute()
    PinFailure.create(user=user.id, at=now, place="approval", by=by or None, register=till.code())
    if lock is None:
        return WrongPin(left=LOCK_AFTER - tries)
    journal.append(
        "pin_locked",
        {
            "user": user.name,
            "failures": tries,
            "minutes": int(lock.total_seconds() // 60),
            "where": "approval",
        },
    )
    return _approval_locked(user, ApprovalCount(tries, until), now) or WrongPin(left=0)


def login(user_id: int, pin: str) -> User:
    """Check a user's PIN at the login screen: the user, or WrongPin / PinLocked (the failure is kept)."""
    _outside_transactions()
    _typed(pin)
    with atomic():
        user = User.select(User, Role).join(Role).where(User.id == user_id).get()
        if not user.active:
            raise UserInactive(name=user.name)
        now = clock.now()
        error: PosError | None = locked_error(user, now)
        if error is None:
            if staff._pin_ok(user, pin):
                _passed(user)
                _at_till.update(db=database.obj, user_id=user.id)
                return user
            error = _fail(user, "login", now, None)
    raise error


def _typed(pin: str) -> None:
    """Nothing typed is no guess: it is said, and counts against nobody (an Enter in the wrong box used up
    one of the owner's five tries)."""
    if not (pin or "").strip():
        raise NeedPin()


def owner_by_pin(pin: str, by: User | None = None) -> User:
    """The active owner whose PIN this is, at the approval prompt. A wrong PIN counts against every owner
    not locked (whoever was meant), on their approval count (never their login's); an owner locked at
    login or at approval is refused here, right PIN or not. `by` is who asks (by default the last user
    logged in at this till)."""
    _outside_transactions()
    _typed(pin)
    asking = by.id if by is not None else _asking()
    with atomic():
        now = clock.now()
        owners = list(
            User.select(User, Role)
            .join(Role)
            .where(Role.code == "owner", User.active == True)  # noqa: E712
            .order_by(User.id)
        )
        if not owners:
            raise NotFound(N_("Belum ada pemilik toko; jalankan Kasir sekali untuk menyiapkannya."))
        counts = approval_counts([u.id for u in owners])
        open_ = [u for u in owners if time_left(u, now) is None and counts[u.id].left(now) is None]
        for user in open_:
            if staff._pin_ok(user, pin):
                _passed(user)
                return user
        if not open_:
            first = min(owners, key=lambda u: max(u.locked_until or now, counts[u.id].locked_until or now))
            error: PosError = (
                locked_error(first, now) or _approval_locked(first, counts[first.id], now) or WrongPin(left=0)
            )
        else:
            errors = [_fail_approval(u, counts[u.id], now, asking) for u in open_]
            error = next((e for e in errors if isinstance(e, PinLocked)), errors[0])
    raise error


# --- what the owner sees at login ------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    at: datetime
    where: str  # login | approval | recovery
    by: str  # "Kasir Ani" at the approval prompt, '' at the login screen
    register: str

    def text(self, today: datetime | None = None) -> str:
        day = (today or clock.now()).date()
        when = self.at.strftime("%H:%M") if self.at.date() == day else self.at.strftime("%d/%m %H:%M")
        who = self.by or _(WHERE.get(self.where, self.where))
        return f"{who} {when}"


def unseen_failures(user: User) -> list[Failure]:
    """Wrong PINs typed for `user` not yet shown to them, oldest first."""
    rows = list(
        PinFailure.select()
        .where(PinFailure.user == user.id, PinFailure.seen == False)  # noqa: E712
        .order_by(PinFailure.at, PinFailure.id)
    )
    ids = {row.by_id for row in rows if row.by_id}
    people = {u.id: u for u in User.select(User, Role).join(Role).where(User.id.in_(ids))} if ids else {}
    found = []
    for row in rows:
        asker = people.get(row.by_id)
        name = f"{_(asker.role.name)} {asker.name}" if asker is not None else ""
        found.append(Failure(row.at, row.place, name, row.register))
    return found


def failures_note(failures: list[Failure], shown: int = 5) -> str:
    """'3 kali PIN Anda salah sejak login terakhir: Kasir Ani 21:03, layar login 21:05 (2×).' ('' when
    none); the last `shown` places and minutes."""
    if not failures:
        return ""
    groups: list[list[str]] = []  # the same place and minute in a row once: 'layar login 21:03 (4×)'
    for text in (f.text() for f in failures):
        if groups and groups[-1][0] == text:
            groups[-1].append(text)
        else:
            groups.append([text])
    items = ", ".join(g[0] + (f" ({len(g)}×)" if len(g) > 1 else "") for g in groups[-shown:])
    if len(groups) > shown:
        items = "…, " + items
    return _("{n} kali PIN Anda salah sejak login terakhir: {items}.").format(n=len(failures), items=items)


@service
def failures_to_show(user: User) -> str:
    """At an owner's login: the note on the wrong PINs typed for them since they last saw it, marked seen
    ('' for other users or when there were none)."""
    if user.role.code != "owner":
        return ""
    note = failures_note(unseen_failures(user))
    if note:
        PinFailure.update(seen=True).where(
            PinFailure.user == user.id,
            PinFailure.seen == False,  # noqa: E712
        ).execute()
    return note


# --- weak PINs -------------------------------------------------------------------------------------

COMMON = frozenset(
    {"1004", "2000", "2001", "1122", "1313", "6969", "2580", "0852", "112233", "159753", "147258", "696969"}
)


# The demo shops' PINs (pos.demo.catalogs): the README prints them, so a real shop may not use them.
DEMO_PINS = frozenset({"1234", "1111", "2222"})


def is_weak(pin: str) -> bool:
    """Demo PINs, all the same digit, straight runs up or down (1234, 4321, 7890, 123456), a pair or a
    triple repeated (1212, 121212, 123123) and a few of the most common PINs."""
    if not (pin.isascii() and pin.isdigit()):
        return False
    digits = [int(c) for c in pin]
    steps = {(b - a) % 10 for a, b in zip(digits, digits[1:], strict=False)}
    return (
        len(steps) <= 1
        and (steps <= {0, 1, 9})
        or any(pin == pin[:n] * (len(pin) // n) for n in (2, 3) if len(pin) % n == 0)
        or pin in COMMON
        or pin in DEMO_PINS
    )


def refuse_weak(pin: str) -> None:
    """Raise WeakPin for a weak owner PIN in a real shop (a demo shop keeps its easy PINs); InvalidPin
    first for what is no PIN at all."""
    staff._check_pin(pin)
    if not settings.get("demo") and is_weak(pin):
        raise WeakPin()


# --- the recovery code -----------------------------------------------------------------------------


def _normal(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


def _grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _matches(digest: str, secret: str) -> bool:
    try:
        return bool(secret) and staff.hasher.verify(digest, secret)
    except (VerificationError, InvalidHashError):
        return False


def has_recovery_code() -> bool:
    return Meta.select().where(Meta.key == CODE_KEY).exists()


def _store_code(user: str, why: str) -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    digest = staff.hasher.hash(code)
    Meta.insert(key=CODE_KEY, value=digest).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: digest}
    ).execute()
    seal = hashlib.sha256(digest.encode()).hexdigest()[:16]
    journal.append("recovery_code", {"event": why, "hash": seal}, user=user)
    return _grouped(code)


@service
def issue_recovery_code(by: User) -> str:
    """A new recovery code for the shop (the old one stops working), shown once: 'ABCD-EFGH-JKMN'. Only
    an owner may make one (at setup, or later after logging in)."""
    if by.role.code != "owner":
        from pos.core.errors import PermissionDenied

        raise PermissionDenied(name=by.name, action=_(staff.PERMISSIONS["staff"]))
    return _store_code(by.name, "issued")


def reset_pin(code: str, new_pin: str, user_id: int | None = None) -> tuple[User, str]:
    """With the recovery code: the owner (`user_id`, else the first active owner) gets `new_pin`, their
    lock is lifted and a new code replaces the used one. Returns the owner and the new code. A wrong code
    is kept as a failure the owner sees (it does not lock the PIN)."""
    staff._check_pin(new_pin)
    refuse_weak(new_pin)
    _outside_transactions()  # a wrong code is counted, like a wrong PIN
    with atomic():
        row = Meta.get_or_none(Meta.key == CODE_KEY)
        if row is None:
            raise NoRecoveryCode()
        owner = User.get_by_id(user_id) if user_id is not None else staff.owner()
        if owner.role.code != "owner" or not owner.active:
            raise NotFound(N_("Kode pemulihan hanya untuk pemilik toko."))
        if _matches(row.value, _normal(code)):
            User.update(pin_hash=staff.hasher.hash(new_pin), failed_pins=0, locked_until=None).where(
                User.id == owner.id
            ).execute()
            clear_approval_count(owner.id)
            journal.append("staff", {"pin_changed": owner.name, "with": "recovery_code"}, user=owner.name)
            seal_user(owner.id, owner.name)
            return User.get_by_id(owner.id), _store_code(owner.name, "used")
        PinFailure.create(user=owner.id, at=clock.now(), place="recovery", by=None, register=till.code())
    raise WrongRecoveryCode()
