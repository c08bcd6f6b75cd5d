"""What the journal seals of a user: name, role, active state and a hash of the PIN hash. Every change of
a user writes its seal in the same transaction; pos.audit.verify_sealed holds the rows to them."""

from __future__ import annotations

import hashlib
from typing import Any

from db.models import NOT_A_SALE, JournalEntry, Role, User
from pos.core import journal
from pos.core.i18n import _
from pos.core.tx import service


def pin_seal(pin_hash: str) -> str:
    """What the journal keeps of a PIN: a hash of its (argon2) hash, never the PIN or the hash itself."""
    return hashlib.sha256(str(pin_hash).encode("utf-8")).hexdigest()


def user_state(user_id: int, name: str, role_code: str, active: bool, pin_hash: str) -> dict[str, Any]:
    """What the journal seals for a user (event 'user_state'); verify rebuilds it from the row."""
    return {
        "user": user_id,
        "name": name,
        "role": role_code,
        "active": bool(active),
        "pin": pin_seal(pin_hash),
    }


def seal_user(user_id: int, by: str = "") -> None:
    """Journal a user's sealed state (call in the same transaction, after every change of a user's name,
    role, active state or PIN hash): verify holds the row to the last such entry."""
    row = User.select(User.id, User.name, Role.code, User.active, User.pin_hash).join(Role)
    user_id, name, role_code, active, pin_hash = row.where(User.id == user_id).tuples().get()
    journal.append("user_state", user_state(user_id, name, role_code, active, pin_hash), user=by)


@service
def seal_users_of_an_older_build() -> int:
    """A shop from a build before users were sealed has users and not one 'user_state' entry: verify would
    call every one of them made outside Kasir. Seal them as they are, once, journalled as the upgrade; as
    soon as one user is sealed this does nothing, so a user added later with raw SQL is still found.
    Returns how many were sealed."""
    sealed = JournalEntry.select().where(JournalEntry.event == "user_state", NOT_A_SALE)
    if sealed.exists() or not User.select().exists():
        return 0
    ids = [user_id for (user_id,) in User.select(User.id).order_by(User.id).tuples()]
    for user_id in ids:
        seal_user(user_id, by=_("pembaruan Kasir"))
    return len(ids)
