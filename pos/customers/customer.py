"""The customer book. A customer's identity is the normalised phone number (62...)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from peewee import JOIN, fn

from db import fast, names_index
from db.models import Customer, CustomerAddress, CustomerPhone, Sale, User
from pos.core import clock, journal, phone, staff
from pos.core.errors import CustomerNotFound, InvalidInput, InvalidName, PhoneTaken, TooLong
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT, format_rupiah
from pos.core.text import fold, search_words
from pos.core.tx import service

NAME_LIMIT, NOTES_LIMIT, TAGS_LIMIT, ADDRESS_LIMIT = 120, 1000, 200, 300
_INVISIBLE = {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}


def clean_text(text: str | None, keep_newlines: bool = False) -> str:
    """Typed or imported text made safe to store, show and print: control characters (ESC, NUL...) and
    direction overrides out, runs of spaces made one, ends trimmed; newlines kept only where asked (notes,
    addresses). Emoji (also joined ones, with their zero-width joiner) stay."""
    out = []
    for char in str(text or "").replace("\r\n", "\n").replace("\r", "\n"):
        kind = unicodedata.category(char)
        if char == "\n" or kind in ("Zl", "Zp"):
            out.append("\n" if keep_newlines else " ")
        elif char in "\t\v\f":
            out.append(" ")
        elif kind == "Cc" or ord(char) in _INVISIBLE:
            continue
        else:
            out.append(char)
    if not keep_newlines:
        return " ".join("".join(out).split())
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    joined = "\n".join(lines)
    while "\n\n\n" in joined:
        joined = joined.replace("\n\n\n", "\n\n")
    return joined.strip()


def _checked_name(name: str) -> str:
    name = clean_text(name)
    if not name or len(name) > NAME_LIMIT:
        raise InvalidName(limit=NAME_LIMIT)
    return name


def _limited(text: str, field: str, limit: int, keep_newlines: bool = False) -> str:
    text = clean_text(text, keep_newlines)
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
    row = fast.first(Customer, 'WHERE m."phone" = ? LIMIT 1', [number])
    if row is None:
        row = fast.first(
            Customer,
            'WHERE m."id" = (SELECT "customer_id" FROM "customer_other_phone" WHERE "phone" = ?) LIMIT 1',
            [number],
        )
    return row


def _refuse_taken(numbers: Sequence[str], own_id: int | None) -> None:
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
    _refuse_taken([new.phone, *new.other_phones], None)
    return _create(new)


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
    before = {
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
    after = {
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
    changed = [key for key in before if before[key] != after[key]]
    if not changed:
        return row
    approved = None
    if any(key != "credit_limit" for key in changed):
        approved = staff.require(user, "add_customer", approver)
    if "credit_limit" in changed:
        approved = staff.require(user, "settings", approver) or approved
    _refuse_taken([new.phone, *new.other_phones], row.id)
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
        first = (
            CustomerAddress.select()
            .where(CustomerAddress.customer == row.id)
            .order_by(CustomerAddress.id)
            .first()
        )
        if first is None:
            CustomerAddress.create(customer=row.id, address=new.address)
        elif new.address:
            CustomerAddress.update(address=new.address).where(CustomerAddress.id == first.id).execute()
        else:
            first.delete_instance()
    entry: dict[str, object] = {"action": "update", "customer": row.id, "changed": changed}
    if "credit_limit" in changed:
        entry["credit_limit"] = [before["credit_limit"], new.credit_limit]
    if "phone" in changed:
        entry["phone"] = [before["phone"], new.phone]
    if "name" in changed:
        entry["name"] = [before["name"], new.name]
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


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    phone: str
    visits: int
    spend: int
    last_visit: datetime | None
    points: int
    kasbon: int
    segment: str = ""
    top: bool = False
    active: bool = True


def listing(query: str = "", limit: int = 300, include_inactive: bool = False) -> list[CustomerRow]:
    """Customers for the list screen with visits, spend and last visit (computed in SQL), best first.
    Deactivated customers only when asked."""
    ids = [c.id for c in search(query, limit, include_inactive)] if query.strip() else None
    visits = fn.COUNT(Sale.id)
    spend = fn.COALESCE(fn.SUM(Sale.total), 0)
    rows = (
        Customer.select(
            Customer.id,
            Customer.name,
            Customer.phone,
            Customer.points,
            Customer.kasbon,
            Customer.active,
            visits.alias("visits"),
            spend.alias("spend"),
            fn.MAX(Sale.created_at).alias("last"),
        )
        .join(Sale, JOIN.LEFT_OUTER, on=((Sale.customer == Customer.id) & (Sale.kind == "sale")))
        .where(Customer.merged_into.is_null())
        .group_by(Customer.id)
        .order_by(spend.desc(), Customer.name)
        .limit(limit)
    )
    if ids is not None:
        rows = rows.where(Customer.id.in_(ids))
    if not include_inactive:
        rows = rows.where(Customer.active == True)  # noqa: E712
    from pos.customers import segments

    found = list(rows.dicts())
    seen = segments.visits_by_customer([r["id"] for r in found])
    top = segments.top_customers()
    result = []
    for r in found:
        v = seen.get(r["id"], segments.Visits(0, None, None))
        result.append(
            CustomerRow(
                r["id"],
                r["name"],
                r["phone"] or "",
                int(r["visits"]),
                int(r["spend"]),
                v.last,
                int(r["points"]),
                int(r["kasbon"]),
                segments.classify(v),
                r["id"] in top,
                bool(r["active"]),
            )
        )
    return result


@dataclass(frozen=True)
class Profile:
    customer: Customer
    visits: int
    spend: int
    average: int
    first_visit: datetime | None
    last_visit: datetime | None
    segment: str
    favourites: list[tuple[str, Decimal]]
    recent: list[tuple[str, datetime, int]]
    vouchers: list[tuple[str, str, str]]  # code, state, value
    points_log: list[tuple[datetime, str, int]]


def profile(customer_id: int) -> Profile:
    """Everything the customer page shows, each figure from one SQL aggregation."""
    from db.models import LoyaltyEntry, SaleLine, Voucher
    from pos.customers import segments

    who = get(customer_id)
    sales = Sale.select().where(Sale.customer == customer_id, Sale.kind == "sale")
    count = sales.count()
    spend = int(Sale.select(fn.COALESCE(fn.SUM(Sale.total), 0)).where(Sale.customer == customer_id).scalar())
    seen = segments.visits_by_customer([customer_id]).get(customer_id, segments.Visits(0, None, None))
    qty = fn.SUM(SaleLine.qty)
    favourites = [
        (name, Decimal(format((Decimal(int(total)) / 1000).normalize(), "f")))
        for name, total in SaleLine.select(SaleLine.name, qty)
        .join(Sale)
        .where(Sale.customer == customer_id)
        .group_by(SaleLine.name)
        .order_by(qty.desc())
        .limit(5)
        .tuples()
    ]
    recent = [
        (s.number, s.created_at, s.total)
        for s in Sale.select(Sale.number, Sale.created_at, Sale.total)
        .where(Sale.customer == customer_id)
        .order_by(Sale.id.desc())
        .limit(15)
    ]
    vouchers = [
        (v.code, v.state, format_rupiah(int(v.value)) if v.kind == "rp" else f"{v.value} %")
        for v in Voucher.select().where(Voucher.customer == customer_id).order_by(Voucher.id.desc())
    ]
    points_log = [
        (e.created_at, e.kind, e.points)
        for e in LoyaltyEntry.select()
        .where(LoyaltyEntry.customer == customer_id)
        .order_by(LoyaltyEntry.id.desc())
        .limit(10)
    ]
    return Profile(
        who,
        count,
        spend,
        spend // count if count else 0,
        seen.first,
        seen.last,
        segments.classify(seen),
        favourites,
        recent,
        vouchers,
        points_log,
    )
