"""The shop itself: its marker and schema version, settings, registers, staff and their PIN failures."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.fields import JSONField
from db.models.base import BaseModel


class Meta(BaseModel):
    """Marks a Kasir database and holds its schema version (and the argon2 hash of the shop's recovery
    code, key 'recovery_code', and each owner's wrong PINs at the approval prompt, 'approval_pins:<id>':
    pos/core/pin_guard.py)."""

    key = CharField(primary_key=True, max_length=40)
    value = TextField()


class Balance(BaseModel):
    """A shop-wide sum kept by the database's own triggers (db/balances.py): 'points' is every point the
    members hold, the loyalty liability, so the report reads one row instead of every customer."""

    name = CharField(primary_key=True, max_length=40)
    amount = BigIntegerField(default=0)


class Setting(BaseModel):
    """One shop setting (name, tax, QRIS, loyalty rules...) as JSON; read through pos.core.settings."""

    key = CharField(primary_key=True, max_length=80)
    value = JSONField()


class Register(BaseModel):
    """A till. Receipt numbers are gapless per register: K1-000001, K1-000002 ..."""

    code = CharField(unique=True, max_length=10)
    name = CharField(max_length=80)
    last_number = IntegerField(default=0)
    last_shift_number = IntegerField(default=0)


class Role(BaseModel):
    code = CharField(unique=True, max_length=20)  # owner, cashier, online_admin
    name = CharField(max_length=60)
    permissions = JSONField(default=list)


class User(BaseModel):
    name = CharField(max_length=80)
    role = ForeignKeyField(Role, backref="users")
    pin_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    failed_pins = IntegerField(
        default=0
    )  # wrong PINs in a row at login (the approval prompt counts in meta: pos/core/pin_guard.py)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()


class PinFailure(BaseModel):
    """One wrong PIN typed for `user`: at the login screen, the approval prompt (`by` who asked) or a wrong
    recovery code; `seen` once the owner was shown it at login."""

    user = ForeignKeyField(User, backref="pin_failures")
    at = DateTimeField()
    place = CharField(max_length=12)  # login | approval | recovery
    by = ForeignKeyField(User, null=True, backref="pin_failures_asked")
    register = CharField(max_length=10)
    seen = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "seen"), False),)
