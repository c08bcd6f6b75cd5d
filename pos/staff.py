"""Staff: roles with permissions, users with PINs (argon2id, never stored in clear), login and lock-out."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from db.models import Role, User
from pos import clock
from pos.errors import InvalidName, InvalidPin, PermissionDenied, UserLocked, WrongPin
from pos.i18n import N_
from pos.tx import atomic, service

MAX_TRIES = 5
LOCK_FOR = timedelta(minutes=1)

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


@service
def create_user(name: str, role_code: str, pin: str) -> User:
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise InvalidName(limit=80)
    _check_pin(pin)
    ensure_roles()
    role = Role.get(Role.code == role_code)
    return User.create(name=name, role=role, pin_hash=hasher.hash(pin), created_at=clock.now())


def active_users() -> list[User]:
    return list(User.select(User, Role).join(Role).where(User.active == True).order_by(User.id))  # noqa: E712


def owner() -> User:
    """The shop's (first active) owner: the command line acts as the owner, who has the machine."""
    from pos.errors import NotFound

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
    """Check a PIN. Wrong PINs are counted (and survive the error); 5 in a row lock the user for a minute."""
    with atomic():
        user = User.select(User, Role).join(Role).where(User.id == user_id).get()
        now = clock.now()
        if user.locked_until and user.locked_until > now:
            error: Exception = UserLocked(name=user.name, until=user.locked_until.strftime("%H:%M:%S"))
        elif _pin_ok(user, pin):
            User.update(failed_pins=0, locked_until=None).where(User.id == user.id).execute()
            return user
        else:
            tries = user.failed_pins + 1
            locked = now + LOCK_FOR if tries >= MAX_TRIES else None
            User.update(failed_pins=0 if locked else tries, locked_until=locked).where(
                User.id == user.id
            ).execute()
            if locked:
                error = UserLocked(name=user.name, until=locked.strftime("%H:%M:%S"))
            else:
                error = WrongPin(left=MAX_TRIES - tries)
    raise error


def _pin_ok(user: User, pin: str) -> bool:
    try:
        return hasher.verify(user.pin_hash, pin or "")
    except (VerificationError, InvalidHashError):
        return False


def can(user: User, permission: str) -> bool:
    """The owner may do everything (also what a newer Kasir added after the role was stored)."""
    return user.role.code == "owner" or permission in (user.role.permissions or [])


def require(user: User, permission: str, approver: User | None = None) -> User | None:
    """Raise PermissionDenied unless `user` (or the approving owner) may do it. Returns the approver used."""
    if can(user, permission):
        return None
    if approver is not None and can(approver, permission):
        return approver
    from pos.i18n import _

    raise PermissionDenied(name=user.name, action=_(PERMISSIONS[permission]))


def owner_approval(pin: str) -> User:
    """Find the owner whose PIN this is (the 'PIN pemilik' asked in place at the counter)."""
    for user in User.select(User, Role).join(Role).where(Role.code == "owner", User.active == True):  # noqa: E712
        if _pin_ok(user, pin):
            return user
    raise WrongPin(left="-")


@service
def set_permissions(role_code: str, permissions: list[str], user: User, approver: User | None = None) -> Role:
    """Change what a role may do. The owner role always keeps everything (nobody locks the shop out)."""
    from pos import journal
    from pos.errors import InvalidInput

    approver = require(user, "staff", approver)
    role = Role.get_or_none(Role.code == role_code)
    if role is None:
        raise InvalidInput(N_("Peran {code} tidak dikenal."), code=role_code)
    unknown = [p for p in permissions if p not in PERMISSIONS]
    if unknown:
        raise InvalidInput(N_("Hak akses tidak dikenal: {names}."), names=", ".join(unknown))
    role.permissions = (
        list(PERMISSIONS) if role.code == "owner" else [p for p in PERMISSIONS if p in permissions]
    )
    role.save()
    journal.append(
        "permissions",
        {
            "role": role.code,
            "permissions": role.permissions,
            "approved_by": approver.name if approver else "",
        },
        user=user.name,
    )
    return role


@service
def set_all_permissions(mapping: dict[str, list[str]], user: User, approver: User | None = None) -> None:
    """The permissions grid in settings: every role at once, or nothing."""
    for role_code, permissions in mapping.items():
        set_permissions(role_code, permissions, user, approver)


@service
def add_user(name: str, role_code: str, pin: str, by: User, approver: User | None = None) -> User:
    """A new member of staff with their own PIN ('staff' permission); the PIN is never journalled."""
    from pos import journal

    require(by, "staff", approver)
    new = create_user(name, role_code, pin)
    journal.append("staff", {"added": new.name, "role": role_code}, user=by.name)
    return new


@service
def change_pin(user_id: int, pin: str, by: User, approver: User | None = None) -> None:
    from pos import journal

    if by.id != user_id:
        require(by, "staff", approver)
    _check_pin(pin)
    target = User.get_by_id(user_id)
    User.update(pin_hash=hasher.hash(pin), failed_pins=0, locked_until=None).where(
        User.id == user_id
    ).execute()
    journal.append("staff", {"pin_changed": target.name}, user=by.name)


@service
def set_active(user_id: int, active: bool, by: User, approver: User | None = None) -> None:
    from pos import journal
    from pos.errors import InvalidInput

    require(by, "staff", approver)
    target = User.select(User, Role).join(Role).where(User.id == user_id).get()
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
    journal.append("staff", {"active": active, "user": target.name}, user=by.name)


def all_users() -> list[User]:
    return list(User.select(User, Role).join(Role).order_by(User.active.desc(), User.id))
