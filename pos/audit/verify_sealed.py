"""`verify`'s second half: what is not a sale but still must not change behind Kasir's back.

Balances against their ledgers (points, stock on hand, kasbon), ledgers against the journal (waste, tab
payments, points corrections), and the values the journal seals (settings, roles and permissions, users
with their role and PIN hash, catalogue prices, vouchers with the sales that redeemed them). Each check
appends named problems; none raises on a malformed row.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from db import ledger_rows
from db.models import (
    NOT_A_SALE,
    JournalEntry,
    PriceChange,
    Product,
    Role,
    Sale,
    User,
    Voucher,
)
from pos.core import journal
from pos.core.i18n import _
from pos.core.seals import user_state
from pos.core.settings import DEFAULTS
from pos.core.staff import PERMISSIONS, ROLES
from pos.customers.merge import merged_map, resolve
from pos.customers.voucher import pretty

_MILLI = Decimal(1000)


def entries(*events: str) -> Any:
    """(seq, data) of every readable journal entry of these events (none of them a sale), in order."""
    query = (
        JournalEntry.select(JournalEntry.seq, JournalEntry.content)
        .where(JournalEntry.event.in_(events), NOT_A_SALE)
        .order_by(JournalEntry.seq)
        .tuples()
    )
    for seq, body in query.iterator():
        data = journal.load(body)
        if isinstance(data, dict):
            yield seq, data


def _qty(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / _MILLI).normalize()


# --- balances against their ledgers ----------------------------------------------------------------

_LEDGERS = (
    (ledger_rows.points_mismatches, "points"),
    (ledger_rows.kasbon_mismatches, "kasbon"),
    (ledger_rows.stock_mismatches, "stock"),
)


def balances(problems: list[str]) -> None:
    """Every customer's points and tab, every product's stock on hand, equal the sum of its ledger."""
    texts = {
        "points": _("poin {name} (#{id}) tidak cocok dengan riwayat poin: tercatat {kept}, riwayat {fresh}"),
        "kasbon": _(
            "kasbon {name} (#{id}) tidak cocok dengan riwayat kasbon: tercatat {kept}, riwayat {fresh}"
        ),
        "stock": _("stok {name} (#{id}) tidak cocok dengan mutasi stok: tercatat {kept}, mutasi {fresh}"),
    }
    for mismatches, what in _LEDGERS:
        for row in mismatches():
            kept, fresh = (_qty(row.kept), _qty(row.fresh)) if what == "stock" else (row.kept, row.fresh)
            problems.append(texts[what].format(name=row.name, id=row.id, kept=kept, fresh=fresh))


def _compare(problems: list[str], sealed: dict[Any, Any], stored: dict[Any, Any], text: str) -> None:
    for key in sorted(set(sealed) | set(stored), key=str):
        if sealed.get(key, 0) != stored.get(key, 0):
            problems.append(text.format(key=key, sealed=sealed.get(key, 0), stored=stored.get(key, 0)))


def waste(problems: list[str]) -> None:
    """The goods written off as waste, per product, are what the journal says (a deleted or changed waste
    move shows, even with the stock on hand corrected to match)."""
    names = dict(Product.select(Product.name, Product.id).tuples())
    sealed: dict[Any, Decimal] = defaultdict(Decimal)
    for _seq, data in entries("waste"):
        if "product" in data:
            sealed[data["product"]] += Decimal(str(data.get("qty", 0)))
        elif "items" in data:
            for product_id, qty in data["items"]:
                sealed[product_id] += Decimal(str(qty))
        else:  # written off by a Kasir before the ids were sealed: by the product's name
            for name, qty in data.get("expired", []):
                sealed[names.get(name, name)] += Decimal(str(qty))
    stored: dict[Any, Decimal] = defaultdict(Decimal)
    for product_id, qty in ledger_rows.waste_by_product().items():
        stored[product_id] = -_qty(qty)
    label = {v: k for k, v in names.items()}
    for key in sorted(set(sealed) | set(stored), key=str):
        if sealed.get(key, 0) != stored.get(key, 0):
            problems.append(
                _("barang dibuang {name}: mutasi {stored}, jurnal {sealed}").format(
                    name=label.get(key, key), stored=stored.get(key, 0), sealed=sealed.get(key, 0)
                )
            )


def kasbon_entries(problems: list[str]) -> None:
    """Each sale's tab entry is that sale's kasbon payment; each tab payment is in the journal."""
    for row in ledger_rows.sale_kasbon():
        if row.entry != row.paid:
            problems.append(
                _("kasbon nota {number}: riwayat {entry}, pembayaran nota {paid}").format(
                    number=row.number or "?", entry=row.entry, paid=row.paid
                )
            )
    merged = merged_map()
    sealed: dict[Any, int] = defaultdict(int)
    for _seq, data in entries("kasbon_payment"):
        sealed[(resolve(data.get("customer"), merged), data.get("method"), -int(data.get("amount", 0)))] += 1
    stored: dict[Any, int] = defaultdict(int)
    for tab in ledger_rows.tab_payments():
        stored[(tab.customer_id, tab.method, tab.amount)] += 1
    for key in sorted(set(sealed) | set(stored), key=str):
        if sealed.get(key, 0) != stored.get(key, 0):
            problems.append(
                _(
                    "pembayaran kasbon pelanggan #{customer} ({amount}, {method}) tidak cocok dengan jurnal"
                ).format(customer=key[0], amount=-key[2], method=key[1])
            )


def points_adjustments(problems: list[str]) -> None:
    """Every manual points correction is in the journal (an inserted 'adjust' entry with a matching balance
    is not a correction anyone made)."""
    merged = merged_map()
    sealed: dict[Any, int] = defaultdict(int)
    for _seq, data in entries("loyalty_adjust"):
        sealed[(resolve(data.get("customer"), merged), int(data.get("points", 0)))] += 1
    stored: dict[Any, int] = defaultdict(int)
    for adjustment in ledger_rows.points_adjustments():
        stored[(adjustment.customer_id, adjustment.points)] += 1
    for key in sorted(set(sealed) | set(stored), key=str):
        if sealed.get(key, 0) != stored.get(key, 0):
            problems.append(
                _("koreksi poin pelanggan #{customer} ({points}) tidak cocok dengan jurnal").format(
                    customer=key[0], points=key[1]
                )
            )


# --- values the journal seals --------------------------------------------------------------------------


def settings(problems: list[str]) -> None:
    """Every stored setting has the value its last journal entry gave it (an entry from an older Kasir,
    which named only the keys, leaves that key unsealed until it is next saved)."""
    expected: dict[str, Any] = {}
    for _seq, data in entries("settings"):
        values = data.get("values")
        for key in data.get("changed", []):
            expected[key] = _UNSEALED
        if isinstance(values, dict):
            expected.update(values)
    stored = {}
    for key, raw in ledger_rows.stored_settings():
        stored[key] = journal.load(raw) if isinstance(raw, str) else raw
    for key in sorted(set(stored) | set(expected)):
        want = expected.get(key)
        if key not in expected:
            if key in DEFAULTS and journal.canonical(stored[key]) == journal.canonical(DEFAULTS[key]):
                continue  # a default saved on purpose, never changed: the same as not stored
            problems.append(_("pengaturan {key} tidak ada di jurnal: diubah di luar Kasir").format(key=key))
        elif want is _UNSEALED:
            continue
        elif key not in stored:
            if journal.canonical(want) != journal.canonical(DEFAULTS.get(key)):
                problems.append(_("pengaturan {key} dihapus di luar Kasir").format(key=key))
        elif journal.canonical(stored[key]) != journal.canonical(want):
            problems.append(_("pengaturan {key} berubah di luar Kasir").format(key=key))


_UNSEALED = object()


def staff(problems: list[str]) -> None:
    """Roles have the permissions last journalled (or Kasir's defaults), and every user the name, role,
    state and PIN hash of their last 'user_state' entry: a cashier moved into the owner role, a
    permission granted or a PIN hash replaced with raw SQL shows here."""
    expected_roles = {code: sorted(perms) for code, (_name, perms) in ROLES.items()}
    for _seq, data in entries("permissions"):
        expected_roles[data.get("role")] = sorted(data.get("permissions") or [])
    expected_roles["owner"] = sorted(PERMISSIONS)
    for code, permissions in Role.select(Role.code, Role.permissions).tuples():
        want = expected_roles.get(code)
        have = sorted(permissions or []) if isinstance(permissions, list) else permissions
        if want is None:
            problems.append(_("peran {code} tidak ada di jurnal: dibuat di luar Kasir").format(code=code))
        elif code != "owner" and have != want:
            problems.append(_("hak akses peran {code} berubah di luar Kasir").format(code=code))
    sealed: dict[Any, dict[str, Any]] = {}
    for _seq, data in entries("user_state"):
        sealed[data.get("user")] = data
    for user_id, name, role_code, active, pin_hash in (
        User.select(User.id, User.name, Role.code, User.active, User.pin_hash).join(Role).tuples()
    ):
        seal = sealed.get(user_id)
        if seal is None:
            problems.append(_("pengguna {name} tidak ada di jurnal: dibuat di luar Kasir").format(name=name))
            continue
        have = user_state(user_id, name, role_code, active, pin_hash)
        changed = [key for key in ("name", "role", "active", "pin") if have[key] != seal.get(key)]
        if changed:
            what = {"name": _("nama"), "role": _("peran"), "active": _("status aktif"), "pin": _("PIN")}
            problems.append(
                _("pengguna {name} berubah di luar Kasir ({what})").format(
                    name=name, what=", ".join(what[k] for k in changed)
                )
            )
    users = {u for (u,) in User.select(User.id).tuples()}
    for user_id in sealed.keys() - users:
        problems.append(
            _("pengguna #{id} ({name}) dihapus").format(id=user_id, name=sealed[user_id].get("name"))
        )


def prices(problems: list[str]) -> None:
    """Every product sells at the price its last journal entry set (a new product's entry or a price
    change), and its price history is the journal's. A product whose price was never journalled (made by
    an older Kasir) is held to its own price history's last change."""
    expected: dict[Any, int] = {}
    sealed_changes: dict[Any, int] = defaultdict(int)
    for _seq, data in entries("price", "product", "product_made", "product_import"):
        if isinstance(data.get("prices"), dict):  # an import: every product it added or changed
            for key, value in data["prices"].items():
                if str(key).isdigit():
                    expected[int(key)] = value
            continue
        if "new" in data and "old" in data and "product" in data and "values" not in data:
            expected[data["product"]] = data["new"]
            sealed_changes[(data["product"], data["old"], data["new"])] += 1
        elif isinstance(data.get("values"), dict) and "price" in data["values"]:
            expected[data.get("product")] = data["values"]["price"]
    stored_changes: dict[Any, int] = defaultdict(int)
    last_change: dict[Any, int] = {}
    for product_id, old, new in (
        PriceChange.select(PriceChange.product, PriceChange.old_price, PriceChange.new_price)
        .order_by(PriceChange.created_at, PriceChange.id)
        .tuples()
    ):
        stored_changes[(product_id, old, new)] += 1
        last_change[product_id] = new
    names: dict[Any, str] = {}
    for product_id, name, price in Product.select(Product.id, Product.name, Product.price).tuples():
        names[product_id] = name
        want = expected.get(product_id, last_change.get(product_id))
        if want is not None and want != price:
            problems.append(
                _("harga {name} berubah di luar Kasir: {price}, jurnal {sealed}").format(
                    name=name, price=price, sealed=want
                )
            )
    for key in sorted(set(sealed_changes) | set(stored_changes), key=str):
        if sealed_changes.get(key, 0) != stored_changes.get(key, 0):
            problems.append(
                _("riwayat harga {name} ({old} → {new}) tidak cocok dengan jurnal").format(
                    name=names.get(key[0], key[0]), old=key[1], new=key[2]
                )
            )


def vouchers(problems: list[str], uses: dict[str, list[str]]) -> None:
    """Every voucher was issued through Kasir with the value it has now, and its state agrees with the
    sealed sales that name it (`uses`: code -> sale numbers, from the sales' journal entries): a voucher
    set back to unused, and then redeemed again, is named — not the sale that first took it."""
    issued: dict[str, dict[str, Any]] = {}
    for _seq, data in entries("voucher_issue"):
        for code in data.get("codes", []):
            issued[code] = data
    cancelled = {data.get("code") for _seq, data in entries("voucher_cancel")}
    merged = merged_map()
    seen = set()
    for code, kind, value, min_spend, customer, state, sale_number in (
        Voucher.select(
            Voucher.code,
            Voucher.kind,
            Voucher.value,
            Voucher.min_spend,
            Voucher.customer,
            Voucher.state,
            Sale.number,
        )
        .left_outer_join(Sale, on=(Voucher.redeemed_sale == Sale.id))
        .tuples()
    ):
        seen.add(code)
        shown = pretty(code) if isinstance(code, str) and len(code) == 9 else code
        sealed = issued.get(code)
        if sealed is None:
            problems.append(_("voucher {code} tidak ada di jurnal: dibuat di luar Kasir").format(code=shown))
            continue
        have = {"kind": kind, "value": value, "min_spend": min_spend, "customer": customer}
        want = {**sealed, "customer": resolve(sealed.get("customer"), merged)}  # merged customers' vouchers
        if any(key in sealed and want[key] != have[key] for key in have):
            problems.append(_("voucher {code} berubah setelah diterbitkan").format(code=shown))
        used = uses.get(code, [])
        if len(used) > 1:
            problems.append(
                _("voucher {code} dipakai {n} kali ({numbers}): statusnya dikembalikan di luar Kasir").format(
                    code=shown, n=len(used), numbers=", ".join(used)
                )
            )
        if state == "redeemed" and not used:
            problems.append(_("voucher {code} tercatat terpakai tanpa nota di jurnal").format(code=shown))
        elif state == "redeemed" and sale_number not in used:
            problems.append(
                _("voucher {code} tercatat untuk nota {number}, jurnal: {numbers}").format(
                    code=shown, number=sale_number, numbers=", ".join(used)
                )
            )
        elif state != "redeemed" and used:
            problems.append(
                _("voucher {code} sudah dipakai di nota {numbers}, tetapi tercatat {state}").format(
                    code=shown, numbers=", ".join(used), state=state
                )
            )
        if state == "cancelled" and code not in cancelled:
            problems.append(_("voucher {code} dibatalkan di luar Kasir").format(code=shown))
    for code in sorted(issued.keys() - seen):
        problems.append(_("voucher {code} dihapus").format(code=pretty(code) if len(code) == 9 else code))
