"""The customer book: creating, changing, deactivating and finding customers. A customer's identity is the
normalised phone number (62...). The rules on a customer's fields are in customer_checks, the list and
the profile page in customer_views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from db import names_index
from db.models import Customer, CustomerAddress, CustomerPhone, User
from pos.core import journal, phone, staff
from pos.core.errors import CustomerNotFound, InvalidInput
from pos.core.i18n import N_
from pos.core.money import format_rupiah
from pos.core.text import fold, search_words
from pos.core.tx import service
from pos.customers.customer_checks import NewCustomer, checked, holder, insert_checked, refuse_taken


@service
def create_customer(
    phone_text: str,
    name: str,
    *,
    birthday: date | None = None,
    address: str = "",
    wa_consent: bool = True,
    credit_limit: int = 0,
    notes: str = "",
    tags: str = "",
    other_phones: Sequence[str] = (),
    user: User | None = None,
    approver: User | None = None,
) -> Customer:
    """A new customer. With a `user`, 'add_customer' is required, and 'settings' (or the owner's approval)
    for a kasbon limit above 0. Numbers held by anyone else (main or other number) are refused."""
    new = checked(
        phone_text,
        name,
        other_phones=other_phones,
        birthday=birthday,
        address=address,
        wa_consent=wa_consent,
        credit_limit=credit_limit,
        notes=notes,
        tags=tags,
    )
    approved = None
    if user is None and new.credit_limit:  # a tab is credit: only someone with the right gives it
        raise InvalidInput(
            N_("Batas kasbon hanya diberikan oleh pengguna yang berhak (atau dengan PIN pemilik).")
        )
    if user is not None:
        approved = staff.require(user, "add_customer", approver)
        if new.credit_limit:
            approved = staff.require(user, "settings", approver) or approved
    customer = Customer.get_by_id(insert_checked(new))
    journal.append(
        "customer",
        {
            "action": "create",
            "customer": customer.id,
            "name": customer.name,
            "phone": customer.phone,
            "other_phones": list(new.other_phones),
            "credit_limit": new.credit_limit,
            "approved_by": approved.name if approved else None,
        },
        user=user.name if user else "",
    )
    return customer


def main_address(customer_id: int) -> str:
    row = (
        CustomerAddress.select(CustomerAddress.address)
        .where(CustomerAddress.customer == customer_id)
        .order_by(CustomerAddress.id)
        .first()
    )
    return row.address if row is not None else ""


def phones_of(customer_id: int) -> list[str]:
    """A customer's other numbers (normalised), in the order they were added."""
    return [
        p.phone
        for p in CustomerPhone.select(CustomerPhone.phone)
        .where(CustomerPhone.customer == customer_id)
        .order_by(CustomerPhone.id)
    ]


@dataclass(frozen=True)
class CustomerForm:
    """What the edit dialog shows of a customer (numbers in their 0812-... form)."""

    id: int
    name: str
    phone: str
    other_phones: list[str]
    birthday: date | None
    address: str
    notes: str
    tags: str
    wa_consent: bool
    credit_limit: int
    active: bool


def form(customer_id: int) -> CustomerForm:
    c = get(customer_id)
    return CustomerForm(
        c.id,
        c.name,
        phone.local_form(c.phone) if c.phone else "",
        [phone.local_form(n) for n in phones_of(c.id)],
        c.birthday,
        main_address(c.id),
        c.notes or "",
        c.tags or "",
        bool(c.wa_consent),
        int(c.credit_limit),
        bool(c.active),
    )


def _fields_of(row: Customer) -> dict[str, object]:
    """A stored customer's editable fields, as update_customer compares them."""
    return {
        "name": row.name,
        "phone": row.phone,
        "other_phones": sorted(phones_of(row.id)),
        "birthday": row.birthday,
        "address": main_address(row.id),
        "notes": row.notes or "",
        "tags": row.tags or "",
        "wa_consent": bool(row.wa_consent),
        "credit_limit": int(row.credit_limit),
    }


def _fields_from(new: NewCustomer) -> dict[str, object]:
    """Checked values in the shape of _fields_of."""
    return {
        "name": new.name,
        "phone": new.phone,
        "other_phones": sorted(new.other_phones),
        "birthday": new.birthday,
        "address": new.address,
        "notes": new.notes,
        "tags": new.tags,
        "wa_consent": new.wa_consent,
        "credit_limit": new.credit_limit,
    }


def _write_address(customer_id: int, address: str) -> None:
    """The customer's first address becomes `address` (added when none, removed when blank)."""
    first = (
        CustomerAddress.select()
        .where(CustomerAddress.customer == customer_id)
        .order_by(CustomerAddress.id)
        .first()
    )
    if first is None:
        CustomerAddress.create(customer=customer_id, address=address)
    elif address:
        CustomerAddress.update(address=address).where(CustomerAddress.id == first.id).execute()
    else:
        first.delete_instance()


def _write_changes(row: Customer, new: NewCustomer, changed: list[str]) -> None:
    Customer.update(
        name=new.name,
        search_name=fold(new.name),
        phone=new.phone,
        birthday=new.birthday,
        notes=new.notes,
        tags=new.tags,
        wa_consent=new.wa_consent,
        credit_limit=new.credit_limit,
    ).where(Customer.id == row.id).execute()
    if "other_phones" in changed:
        CustomerPhone.delete().where(CustomerPhone.customer == row.id).execute()
        for number in new.other_phones:
            CustomerPhone.create(customer=row.id, phone=number)
    if "address" in changed:
        _write_address(row.id, new.address)


@service
def update_customer(
    customer_id: int,
    *,
    name: str,
    phone_text: str,
    other_phones: Sequence[str],
    birthday: date | None,
    address: str,
    notes: str,
    tags: str,
    wa_consent: bool,
    credit_limit: int,
    user: User,
    approver: User | None = None,
) -> Customer:
    """Change a customer's details ('add_customer'); a new kasbon limit needs 'settings' or the owner's
    approval. Numbers held by another customer are refused naming them. One journal entry naming what
    changed; nothing written (nor journalled) when nothing changed."""
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None or row.merged_into_id:
        raise CustomerNotFound(text=str(customer_id))
    new = checked(
        phone_text,
        name,
        other_phones=other_phones,
        birthday=birthday,
        address=address,
        wa_consent=wa_consent,
        credit_limit=credit_limit,
        notes=notes,
        tags=tags,
    )
    before, after = _fields_of(row), _fields_from(new)
    changed = [key for key in before if before[key] != after[key]]
    if not changed:
        return row
    approved = None
    if any(key != "credit_limit" for key in changed):
        approved = staff.require(user, "add_customer", approver)
    if "credit_limit" in changed:
        approved = staff.require(user, "settings", approver) or approved
    refuse_taken([new.phone, *new.other_phones], row.id)
    _write_changes(row, new, changed)
    entry: dict[str, object] = {"action": "update", "customer": row.id, "changed": changed}
    for key in ("credit_limit", "phone", "name"):
        if key in changed:
            entry[key] = [before[key], after[key]]
    entry["approved_by"] = approved.name if approved else None
    journal.append("customer", entry, user=user.name)
    return Customer.get_by_id(row.id)


@service
def set_customer_active(customer_id: int, active: bool, user: User, approver: User | None = None) -> Customer:
    """Deactivate (out of the counter's search and lookup, kept in history and reports) or activate again
    ('add_customer'). A customer who still owes kasbon stays active until it is paid."""
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None or row.merged_into_id:
        raise CustomerNotFound(text=str(customer_id))
    if bool(row.active) == bool(active):
        return row
    approved = staff.require(user, "add_customer", approver)
    if not active and row.kasbon > 0:
        raise InvalidInput(
            N_("{name} masih punya kasbon {owed}; lunasi dulu sebelum dinonaktifkan."),
            name=row.name,
            owed=format_rupiah(int(row.kasbon)),
        )
    Customer.update(active=bool(active)).where(Customer.id == row.id).execute()
    journal.append(
        "customer",
        {
            "action": "activate" if active else "deactivate",
            "customer": row.id,
            "approved_by": approved.name if approved else None,
        },
        user=user.name,
    )
    return Customer.get_by_id(row.id)


def _with_phone(number: str, include_inactive: bool = False) -> Customer | None:
    """The customer with this (normalised) number, or the one a merged record points to. The main number
    is one cached statement (the counter looks members up while the customer waits); the other numbers
    are asked only when no main number matched."""
    row = holder(number)
    if row is None:
        return None
    if row.merged_into_id:
        row = row.merged_into
    return row if include_inactive or row.active else None


def by_phone(text: str, include_inactive: bool = False) -> Customer:
    row = _with_phone(phone.normalise(text), include_inactive)
    if row is None:
        raise CustomerNotFound(text=text)
    return row


def search(query: str, limit: int = 20, include_inactive: bool = False) -> list[Customer]:
    """By phone (any written form, also a partial number; main or other numbers) or by words of the name.
    Deactivated customers only when asked."""
    query = (query or "").strip()
    base = Customer.select().where(Customer.merged_into.is_null())
    if not include_inactive:
        base = base.where(Customer.active == True)  # noqa: E712
    if phone.looks_like_phone(query):
        try:
            exact = _with_phone(phone.normalise(query), include_inactive)
            return [exact] if exact else []
        except InvalidInput:
            digits = "".join(c for c in query if c.isdigit())
            start = digits.startswith(("0", "62"))  # the start of a number: "0812" finds 0812-…, not …-812…
            digits = (
                digits[1:] if digits.startswith("0") else digits[2:] if digits.startswith("62") else digits
            )
            if start:
                main, other = (
                    Customer.phone.startswith("62" + digits),
                    CustomerPhone.phone.startswith("62" + digits),
                )
            else:  # a part from the middle or the end ("6794"), as people remember a number
                main, other = Customer.phone.contains(digits), CustomerPhone.phone.contains(digits)
            others = CustomerPhone.select(CustomerPhone.customer).where(other)
            return list(base.where(main | Customer.id.in_(others)).order_by(Customer.name).limit(limit))
    words = search_words(query)
    if not words:
        return []
    return list(
        base.where(names_index.words_match(Customer, words)).order_by(Customer.search_name).limit(limit)
    )


def get(customer_id: int) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None:
        raise CustomerNotFound(text=str(customer_id))
    return row
