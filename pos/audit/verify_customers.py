"""`verify`'s look at customers: each one's kasbon limit and phone number are what the journal last gave
them. Kasir journals both when it sets them (a new customer, an edit naming old and new, an import's
limits, a merge keeping the higher limit); a limit raised or a number swapped with raw SQL shows here.

A value the journal does not hold (a customer made by an older Kasir, an imported customer's number, an
edit whose entry named only what changed) is not held to anything until Kasir next sets it. A row that
cannot be read is named, never raised.
"""

from __future__ import annotations

from typing import Any

from db.models import Customer
from pos.audit.verify_sealed import entries
from pos.core import phone
from pos.core.i18n import _
from pos.core.money import format_rupiah

_UNSEALED = object()  # the journal said it changed, not to what


class _Seals:
    """The last journalled kasbon limit and phone number of each customer (by id)."""

    def __init__(self) -> None:
        self.limit: dict[int, Any] = {}
        self.phone: dict[int, Any] = {}

    def read(self, data: dict[str, Any]) -> None:
        if "keep" in data and "drop" in data:  # a merge: the kept one has the higher of the two limits
            keep, drop = self.limit.get(data["keep"], _UNSEALED), self.limit.get(data["drop"], _UNSEALED)
            both = isinstance(keep, int) and isinstance(drop, int)
            self.limit[data["keep"]] = max(keep, drop) if both else _UNSEALED
            return
        action, customer = data.get("action"), data.get("customer")
        if action == "create" and isinstance(customer, int):
            if "credit_limit" in data:
                self.limit[customer] = data["credit_limit"]
            if "phone" in data:
                self.phone[customer] = data["phone"]
        elif action == "update" and isinstance(customer, int):
            changed = data.get("changed") or []
            for key, seals in (("credit_limit", self.limit), ("phone", self.phone)):
                pair = data.get(key)
                if isinstance(pair, list) and len(pair) == 2:
                    seals[customer] = pair[1]
                elif key in changed:
                    seals[customer] = _UNSEALED
        elif action == "import" and isinstance(data.get("credit_limits"), dict):
            limits = data["credit_limits"]  # those above 0; every other customer it added got none
            first, last = data.get("first_id"), data.get("last_id")
            if isinstance(first, int) and isinstance(last, int):
                for customer_id in range(first, last + 1):  # another till's customer has its own entry
                    self.limit.setdefault(customer_id, int(limits.get(str(customer_id), 0)))


def _shown(number: Any) -> str:
    if isinstance(number, str) and number.startswith("62"):
        return phone.local_form(number)
    return _("(kosong)") if number in (None, "") else str(number)


def customers(problems: list[str]) -> None:
    """Every customer's stored kasbon limit and phone number against their last journal entry."""
    seals = _Seals()
    for _seq, data in entries("customer", "customer_merge"):
        seals.read(data)
    query = Customer.select(Customer.id, Customer.name, Customer.credit_limit, Customer.phone).tuples()
    for customer_id, name, limit, number in query.iterator():
        want = seals.limit.get(customer_id, _UNSEALED)
        if want is not _UNSEALED and want != limit:
            problems.append(
                _("batas kasbon {name} (#{id}) berubah di luar Kasir: {stored}, jurnal {sealed}").format(
                    name=name,
                    id=customer_id,
                    stored=format_rupiah(int(limit)) if isinstance(limit, int) else limit,
                    sealed=format_rupiah(int(want)) if isinstance(want, int) else want,
                )
            )
        want = seals.phone.get(customer_id, _UNSEALED)
        if want is not _UNSEALED and (want or None) != (number or None):
            problems.append(
                _("nomor HP {name} (#{id}) berubah di luar Kasir: {stored}, jurnal {sealed}").format(
                    name=name, id=customer_id, stored=_shown(number), sealed=_shown(want)
                )
            )
