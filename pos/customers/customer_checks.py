"""Checking a customer's own fields before they are written: text made safe to store (pos.core.text.clean),
the limits of name, notes, tags and address, the phone numbers normalised and refused when someone else
holds them; NewCustomer holds the checked values, insert_checked writes one (create_customer and the
import)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from db import customer_rows, fast
from db.models import Customer, CustomerAddress, CustomerPhone
from pos.core import clock, phone
from pos.core.errors import InvalidInput, InvalidName, PhoneTaken, TooLong
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT, format_rupiah
from pos.core.text import clean, fold

NAME_LIMIT, NOTES_LIMIT, TAGS_LIMIT, ADDRESS_LIMIT = 120, 1000, 200, 300


def _checked_name(name: str) -> str:
    name = clean(name)
    if not name or len(name) > NAME_LIMIT:
        raise InvalidName(limit=NAME_LIMIT)
    return name


def _limited(text: str, field: str, limit: int, keep_newlines: bool = False) -> str:
    text = clean(text, keep_newlines)
    if len(text) > limit:
        raise TooLong(field=_(field), limit=limit)
    return text


def _checked_birthday(birthday: date | None) -> date | None:
    if birthday is None:
        return None
    if not isinstance(birthday, date) or isinstance(birthday, datetime):
        raise InvalidInput(N_("Tanggal lahir tidak valid."))
    if birthday > clock.now().date():
        raise InvalidInput(N_("Tanggal lahir tidak boleh di masa depan."))
    if birthday.year < 1900:
        raise InvalidInput(N_("Tanggal lahir tidak valid."))
    return birthday


def _checked_limit(credit_limit: int) -> int:
    if (
        not isinstance(credit_limit, int)
        or isinstance(credit_limit, bool)
        or not 0 <= credit_limit <= MAX_AMOUNT
    ):
        raise InvalidInput(N_("Batas kasbon harus antara Rp 0 dan {most}."), most=format_rupiah(MAX_AMOUNT))
    return credit_limit


def _numbers(phone_text: str, other_phones: Sequence[str]) -> tuple[str, list[str]]:
    """The main number and the other numbers, normalised; blanks and repeats of one number dropped."""
    main = phone.normalise(phone_text)
    others: list[str] = []
    for text in other_phones:
        if not str(text or "").strip():
            continue
        number = phone.normalise(text)
        if number != main and number not in others:
            others.append(number)
    return main, others


def holder(number: str) -> Customer | None:
    """Whoever holds this normalised number as main or other number (inactive and merged records too).
    The main number first: one cached statement each (the counter and the import ask it per number)."""
    return customer_rows.holder(number)


def refuse_taken(numbers: Sequence[str], own_id: int | None) -> None:
    for number in numbers:
        row = holder(number)
        if row is not None and row.id != own_id:
            shown = row.merged_into if row.merged_into_id else row
            if shown.id == own_id:
                continue  # a merged record of this very customer keeps the number
            name = shown.name if shown.active else f"{shown.name} ({_('nonaktif')})"
            raise PhoneTaken(number=phone.local_form(number), name=name)


@dataclass(frozen=True)
class NewCustomer:
    """A customer's fields checked and cleaned, not yet written (create_customer's and the import's)."""

    phone: str
    name: str
    other_phones: tuple[str, ...] = ()
    birthday: date | None = None
    address: str = ""
    wa_consent: bool = False
    credit_limit: int = 0
    notes: str = ""
    tags: str = ""


def _create(new: NewCustomer) -> int:
    """Insert checked values; returns the new id (the import's path: cached statements, no journal entry
    per customer)."""
    defaults = {
        n: f.default
        for n, f in Customer._meta.fields.items()
        if f.default is not None and not callable(f.default)
    }
    customer_id = fast.insert(
        Customer,
        defaults
        | {
            "phone": new.phone,
            "name": new.name,
            "search_name": fold(new.name),
            "birthday": new.birthday,
            "wa_consent": new.wa_consent,
            "credit_limit": new.credit_limit,
            "notes": new.notes,
            "tags": new.tags,
            "created_at": clock.now(),
        },
    )
    for other in new.other_phones:
        fast.insert(CustomerPhone, {"customer": customer_id, "phone": other})
    if new.address:
        fast.insert(CustomerAddress, {"customer": customer_id, "label": "Rumah", "address": new.address})
    return customer_id


def checked(
    phone_text: str,
    name: str,
    *,
    other_phones: Sequence[str] = (),
    birthday: date | None = None,
    address: str = "",
    wa_consent: bool = False,
    credit_limit: int = 0,
    notes: str = "",
    tags: str = "",
) -> NewCustomer:
    """Every rule on a customer's own fields (not who else holds the numbers). Raises a PosError."""
    name = _checked_name(name)
    number, others = _numbers(phone_text, other_phones)
    return NewCustomer(
        number,
        name,
        tuple(others),
        _checked_birthday(birthday),
        _limited(address, N_("Alamat"), ADDRESS_LIMIT, keep_newlines=True),
        bool(wa_consent),
        _checked_limit(credit_limit),
        _limited(notes, N_("Catatan"), NOTES_LIMIT, keep_newlines=True),
        _limited(tags, N_("Tag"), TAGS_LIMIT),
    )


def insert_checked(new: NewCustomer) -> int:
    """Write one checked customer (inside the caller's transaction), refusing numbers someone holds.
    Returns the new customer's id."""
    refuse_taken([new.phone, *new.other_phones], None)
    return _create(new)
