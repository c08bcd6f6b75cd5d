"""`verify`: is the data still what Kasir wrote? Recomputes the journal's hash chain, then rebuilds every
sale, refund, shift close, cash move and restock from the tables and compares it with what the journal
sealed, and checks the reports' day books against the sales. Anything changed, deleted or inserted
with another tool (an SQLite editor) is named; so is a gap in a register's receipt numbers.

Streams the tables in id order (no whole-table load), so a million sales verify in bounded memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from peewee import fn

from db import balances, summaries
from db.models import (
    NOT_A_SALE,
    CashMove,
    JournalEntry,
    LoyaltyEntry,
    Payment,
    Purchase,
    Register,
    Sale,
    SaleLine,
    Shift,
    StockMove,
    Voucher,
    database,
)
from pos.audit import anchor, verify_customers
from pos.audit import verify_sealed as sealed
from pos.books import closing
from pos.core import journal
from pos.core.i18n import _
from pos.core.tx import snapshot
from pos.counter.sale_record import content
from pos.customers import stamps
from pos.customers.merge import merged_map, resolve


@dataclass
class Result:
    entries: int = 0
    checked_sales: int = 0
    problems: list[str] = field(default_factory=list)
    voucher_uses: dict[str, list[str]] = field(default_factory=dict, repr=False)  # code -> sealed sales

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return _("OK, {n} entri jurnal, {s} nota diperiksa").format(n=self.entries, s=self.checked_sales)
        return _("RUSAK: {k} masalah dalam {n} entri jurnal").format(k=len(self.problems), n=self.entries)


def _sealed(events: tuple[str, ...], key: str) -> dict[Any, str]:
    """The last sealed content per key for these journal events (sale number, shift number...); an entry
    that is not JSON is skipped here (the chain check names it)."""
    out: dict[Any, str] = {}
    query = JournalEntry.select(JournalEntry.content).where(JournalEntry.event.in_(events))
    if "sale" not in events:  # the (event, time) index holds the other events
        query = query.where(NOT_A_SALE)
    for (body,) in query.tuples().iterator():
        data = journal.load(body)
        if isinstance(data, dict):
            out[data.get(key)] = body
    return out


def _grouped(query: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(sale_id, rows) from a query ordered by sale id: the lines or payments of one sale at a time."""
    current: int | None = None
    rows: list[dict[str, Any]] = []
    for row in query.iterator():
        if row["sale"] != current:
            if current is not None:
                yield current, rows
            current, rows = row["sale"], []
        rows.append(row)
    if current is not None:
        yield current, rows


@dataclass(frozen=True)
class _SaleRows:
    """One sale with what the other tables hold for it."""

    sale: Sale
    lines: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    points_by_kind: dict[str, int]  # loyalty points by entry kind
    stamps_by_kind: dict[str, int]


def _sale_rows(result: Result) -> Iterator[_SaleRows]:
    """Every sale in id order with its lines, payments and loyalty entries, each table streamed once
    beside the sales; lines of no sale are named as problems."""
    lines = _grouped(
        SaleLine.select(
            SaleLine.sale,
            SaleLine.product,
            SaleLine.qty,
            SaleLine.unit_price,
            SaleLine.discount,
            SaleLine.total,
        )
        .order_by(SaleLine.sale, SaleLine.position)
        .dicts()
    )
    payments = _grouped(
        Payment.select(Payment.sale, Payment.method, Payment.amount, Payment.tendered, Payment.change)
        .order_by(Payment.sale, Payment.id)
        .dicts()
    )
    points = _grouped(
        LoyaltyEntry.select(
            LoyaltyEntry.sale,
            LoyaltyEntry.kind,
            fn.SUM(LoyaltyEntry.points).alias("points"),
            fn.SUM(LoyaltyEntry.stamps).alias("stamps"),
        )
        .where(LoyaltyEntry.sale.is_null(False))
        .group_by(LoyaltyEntry.sale, LoyaltyEntry.kind)
        .order_by(LoyaltyEntry.sale)
        .dicts()
    )
    next_lines, next_payments, next_points = next(lines, None), next(payments, None), next(points, None)
    for sale in Sale.select().order_by(Sale.id).iterator():
        sale_lines: list[dict[str, Any]] = []
        while next_lines is not None and next_lines[0] <= sale.id:
            if next_lines[0] == sale.id:
                sale_lines = next_lines[1]
            else:
                result.problems.append(
                    _("baris nota tanpa nota (id {id}): dimasukkan di luar Kasir").format(id=next_lines[0])
                )
            next_lines = next(lines, None)
        sale_payments: list[dict[str, Any]] = []
        while next_payments is not None and next_payments[0] <= sale.id:
            if next_payments[0] == sale.id:
                sale_payments = next_payments[1]
            next_payments = next(payments, None)
        by_kind: dict[str, int] = {}
        stamp_kinds: dict[str, int] = {}
        while next_points is not None and next_points[0] <= sale.id:
            if next_points[0] == sale.id:
                by_kind = {row["kind"]: int(row["points"]) for row in next_points[1]}
                stamp_kinds = {row["kind"]: int(row["stamps"]) for row in next_points[1] if row["stamps"]}
            next_points = next(points, None)
        yield _SaleRows(sale, sale_lines, sale_payments, by_kind, stamp_kinds)


@dataclass(frozen=True)
class _Sealing:
    """What every sale's check compares with: the journal's sealed sales and the vouchers now."""

    sealed: dict[Any, str]  # receipt number -> the sealed content
    vouchers: dict[int, str]  # sale id -> the code of the voucher it redeemed
    codes: set[str]  # every voucher code
    merged: dict[Any, Any]  # merged customer -> the one it went into


def _rebuilt(result: Result, rows: _SaleRows, voucher: str | None) -> dict[str, Any] | None:
    """The sale's journal content rebuilt from its rows, or None (named as a problem) when unreadable."""
    sale = rows.sale
    unreadable = [name for name in ("created_at", "paid_at") if not isinstance(getattr(sale, name), datetime)]
    if unreadable:
        for name in unreadable:
            result.problems.append(
                _("nota {number}: waktu {value!r} tidak terbaca").format(
                    number=sale.number, value=getattr(sale, name)
                )
            )
        return None
    sale_points = None
    if sale.customer_id:
        sale_points = (
            [rows.points_by_kind.get("earn", 0), -rows.points_by_kind.get("redeem", 0)]
            if sale.kind == "sale"
            else [-rows.points_by_kind.get("reverse", 0), rows.points_by_kind.get("return", 0)]
        )
    sale_stamps = stamps.totals(
        [(0, kind, n) for kind, n in rows.stamps_by_kind.items()], refund=sale.kind == "refund"
    )
    try:
        return content(sale, rows.lines, rows.payments, sale_points, voucher, sale_stamps)
    except (TypeError, ValueError, AttributeError) as exc:
        problem = _("nota {number}: data tidak terbaca ({why})")
        result.problems.append(problem.format(number=sale.number, why=exc))
        return None


def _check_sale(result: Result, rows: _SaleRows, seal: _Sealing) -> None:
    sale = rows.sale
    body = seal.sealed.get(sale.number)
    if body is None:
        result.problems.append(
            _("nota {number} tidak ada di jurnal: dimasukkan di luar Kasir").format(number=sale.number)
        )
        return
    was = json.loads(body)
    if was.get("voucher"):
        result.voucher_uses.setdefault(was["voucher"], []).append(sale.number)
    rebuilt = _rebuilt(result, rows, seal.vouchers.get(sale.id))
    if rebuilt is None:
        return
    if journal.canonical(rebuilt) != body and seal.merged:
        if was.get("customer") != rebuilt["customer"]:
            if resolve(was.get("customer"), seal.merged) == rebuilt["customer"]:
                rebuilt["customer"] = was.get("customer")  # the sale's customer was merged into this one
    if journal.canonical(rebuilt) != body and was.get("voucher") in seal.codes:
        if rebuilt["voucher"] is None:  # the voucher was taken from this sale: the voucher check names it
            rebuilt["voucher"] = was["voucher"]
    if journal.canonical(rebuilt) != body:
        result.problems.append(
            _("nota {number} berubah setelah disimpan ({what})").format(
                number=sale.number, what=_what_changed(was, rebuilt)
            )
        )


def _sales(result: Result) -> None:
    seal = _Sealing(
        sealed=_sealed(("sale", "refund"), "number"),
        vouchers=dict(
            Voucher.select(Voucher.redeemed_sale, Voucher.code)
            .where(Voucher.redeemed_sale.is_null(False))
            .tuples()
        ),
        codes={code for (code,) in Voucher.select(Voucher.code).tuples()},
        merged=merged_map(),
    )
    seen: set[str] = set()
    for rows in _sale_rows(result):
        result.checked_sales += 1
        seen.add(rows.sale.number)
        _check_sale(result, rows, seal)
    for number in seal.sealed.keys() - seen:
        result.problems.append(_("nota {number} dihapus").format(number=number))


def _what_changed(sealed: dict[str, Any], rebuilt: dict[str, Any]) -> str:
    names = {
        "totals": _("total"),
        "lines": _("baris"),
        "payments": _("pembayaran"),
        "points": _("poin"),
        "voucher": _("voucher"),
        "stamps": _("stempel"),
    }
    changed = [
        names.get(k, k)
        for k in sorted(sealed)
        if journal.canonical(sealed[k]) != journal.canonical(json.loads(journal.canonical(rebuilt)).get(k))
    ]
    return ", ".join(changed) or _("isi")


def _gaps(result: Result) -> None:
    """Every register's receipt numbers run 1, 2, 3... up to its last number, none missing (one sorted
    pass over all sales; no index serves it, verify reads every sale anyway)."""
    registers = {r.id: r for r in Register.select()}
    last_seen: dict[int, int] = {}
    query = Sale.select(Sale.register, Sale.seq).order_by(Sale.register, Sale.seq).tuples()
    for register_id, rows in groupby(query.iterator(), key=lambda row: row[0]):
        code, expected = registers[register_id].code, 1
        for _register, seq in rows:
            if seq > expected:
                missing = f"{code}-{expected:06d}" + (
                    f" … {code}-{seq - 1:06d}" if seq - 1 > expected else ""
                )
                result.problems.append(_("nomor nota hilang: {numbers}").format(numbers=missing))
            expected = seq + 1
        last_seen[register_id] = expected - 1
    for register in registers.values():
        if register.last_number > last_seen.get(register.id, 0):
            result.problems.append(
                _("nomor nota hilang: {code} sampai {last}").format(
                    code=register.code, last=f"{register.code}-{register.last_number:06d}"
                )
            )


def _shifts(result: Result) -> None:
    """Every shift opened with the opening cash its journal entry says, and every closed one closed with
    the sealed expected cash, count and variance (per register: each till numbers its own shifts)."""
    opened = _by_register("shift_open")
    closed = _by_register("shift_close")
    for row in Shift.select(Shift, Register).join(Register).order_by(Shift.id):
        key = (row.register.code, row.number)
        data = opened.pop(key, None)
        if data is None:
            result.problems.append(
                _("shift #{n} dibuka di luar Kasir (tidak ada di jurnal)").format(n=row.number)
            )
        elif data.get("opening_cash") != row.opening_cash:
            result.problems.append(
                _("kas awal shift #{n} berubah: {now}, jurnal {sealed}").format(
                    n=row.number, now=row.opening_cash, sealed=data.get("opening_cash")
                )
            )
        if row.closed_at is None:
            continue
        data = closed.pop(key, None)
        if data is None:
            result.problems.append(_("penutupan shift #{n} tidak ada di jurnal").format(n=row.number))
            continue
        if [data.get("expected"), data.get("counted"), data.get("variance")] != [
            row.expected_cash,
            row.counted_cash,
            row.variance,
        ]:
            result.problems.append(_("penutupan shift #{n} berubah setelah disimpan").format(n=row.number))
    for _register, number in opened:
        result.problems.append(_("shift #{n} dihapus").format(n=number))
    for _register, number in closed:
        result.problems.append(_("penutupan shift #{n} dihapus").format(n=number))


def _by_register(event: str) -> dict[tuple[str, Any], dict[str, Any]]:
    """The last entry of `event` per (register, shift number)."""
    out: dict[tuple[str, Any], dict[str, Any]] = {}
    query = JournalEntry.select(JournalEntry.register, JournalEntry.content).where(
        JournalEntry.event == event, NOT_A_SALE
    )
    for register, body in query.tuples().iterator():
        data = journal.load(body)
        if isinstance(data, dict):
            out[(register, data.get("shift"))] = data
    return out


def _cash_moves(result: Result) -> None:
    sealed: dict[tuple[Any, ...], int] = defaultdict(int)
    query = JournalEntry.select(JournalEntry.content).where(JournalEntry.event == "cash_move", NOT_A_SALE)
    for (body,) in query.tuples():
        data = journal.load(body)
        if isinstance(data, dict):
            sealed[(data.get("shift"), data.get("amount"), data.get("reason"))] += 1
    stored: dict[tuple[Any, ...], int] = defaultdict(int)
    for number, amount, reason in (
        CashMove.select(Shift.number, CashMove.amount, CashMove.reason).join(Shift).tuples()
    ):
        stored[(number, amount, reason)] += 1
    for key in set(sealed) | set(stored):
        if sealed[key] != stored[key]:
            result.problems.append(
                _("kas masuk/keluar shift #{n} ({amount}, {reason}) tidak cocok dengan jurnal").format(
                    n=key[0], amount=key[1], reason=key[2]
                )
            )


def _restocks(result: Result) -> None:
    sealed = _sealed(("restock",), "purchase")
    moves: dict[int, list[list[Any]]] = defaultdict(list)
    for purchase_id, product_id, qty, cost in (
        StockMove.select(StockMove.purchase, StockMove.product, StockMove.qty, StockMove.unit_cost)
        .where(StockMove.purchase.is_null(False))
        .order_by(StockMove.id)
        .tuples()
    ):
        moves[purchase_id].append([product_id, str(qty), cost])
    for purchase in Purchase.select(Purchase.id, Purchase.total):
        body = sealed.pop(purchase.id, None)
        if body is None:
            result.problems.append(_("pembelian #{n} tidak ada di jurnal").format(n=purchase.id))
            continue
        data = json.loads(body)
        if data.get("total") != purchase.total or data.get("items") != moves.get(purchase.id, []):
            result.problems.append(_("pembelian #{n} berubah setelah disimpan").format(n=purchase.id))
    for number in sealed:
        result.problems.append(_("pembelian #{n} dihapus").format(n=number))


def verify() -> Result:
    """Everything below reads one snapshot: a sale another till is committing meanwhile is either wholly in
    it (sale and journal entry) or not at all — never half, so it is never reported as damage."""
    with snapshot():
        return _verify()


def _verify() -> Result:
    result = Result()
    problems = result.problems

    def chain() -> None:
        result.entries, found = journal.verify_chain()
        problems.extend(found)

    def points_total() -> None:
        for _name, kept, fresh in balances.differences(database.obj):  # points, the only one
            problem = _("jumlah poin semua pelanggan tidak cocok: tercatat {kept}, dihitung ulang {fresh}")
            problems.append(problem.format(kept=kept, fresh=fresh))

    checks: list[tuple[str, Callable[[], None]]] = [
        (_("rantai jurnal"), chain),
        (_("nota"), lambda: _sales(result)),
        (_("nomor nota"), lambda: _gaps(result)),
        (_("shift"), lambda: _shifts(result)),
        (_("kas masuk/keluar"), lambda: _cash_moves(result)),
        (_("pembelian"), lambda: _restocks(result)),
        (_("tutup buku"), lambda: closing.check(problems)),
        (_("ringkasan harian"), lambda: _day_books(result)),
        (_("jumlah poin"), points_total),
        (_("saldo dan riwayat"), lambda: sealed.balances(problems)),
        (_("barang dibuang"), lambda: sealed.waste(problems)),
        (_("kasbon"), lambda: sealed.kasbon_entries(problems)),
        (_("koreksi poin"), lambda: sealed.points_adjustments(problems)),
        (_("pengaturan"), lambda: sealed.settings(problems)),
        (_("karyawan dan hak akses"), lambda: sealed.staff(problems)),
        (_("harga"), lambda: sealed.prices(problems)),
        (_("voucher"), lambda: sealed.vouchers(problems, result.voucher_uses)),
        (_("batas kasbon dan nomor HP pelanggan"), lambda: verify_customers.customers(problems)),
        (_("jangkar cadangan"), lambda: anchor.check(problems)),
    ]
    for name, check in checks:
        _guarded(result, name, check)
    return result


def _guarded(result: Result, name: str, check: Callable[[], None]) -> None:
    """Run one check; if a value in the tables is so malformed that the check cannot go on, that is damage
    too: it is named and the other checks still run (verify never ends in a traceback)."""
    try:
        with database.atomic():  # a savepoint: on PostgreSQL a failed statement would end the snapshot
            check()
    except Exception as exc:  # noqa: BLE001 - any failure of a check is reported as a problem
        result.problems.append(
            _("pemeriksaan {name} terhenti: data tidak terbaca ({why})").format(
                name=name, why=f"{type(exc).__name__}: {exc}"
            )
        )


def _day_books(result: Result) -> None:
    """The reports' day books must equal the sums of the sales, lines and payments."""
    days = summaries.differences(database.obj)
    if days:
        shown = ", ".join(days[:10]) + (" …" if len(days) > 10 else "")
        problem = _("ringkasan harian laporan tidak cocok dengan nota: {days}")
        result.problems.append(problem.format(days=shown))
