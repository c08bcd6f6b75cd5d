"""The bookkeeper's files: sales lines, payments and the daily summary of a period, as CSV (one file
each) or as one XLSX workbook (pos.core.xlsx; one sheet each: typed numbers, rupiah format, real dates, frozen
header). Both say the words the screens use where the database keeps a code: Penjualan/Retur, Tunai, QRIS.

The CSV is written for a spreadsheet with Indonesian regional settings (Excel, LibreOffice): ';' between
columns, a decimal comma in quantities (0,25), UTF-8 with a BOM; money is whole rupiah digits with no
thousands separator, so its columns still add up; times are ISO (2026-11-16 10:00:00), which both read as
dates in any language.

Rows stream from the database (db/export_rows.py, in batches); nothing is held for the whole period.
Money is whole rupiah.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from db import export_rows
from db.models import User
from pos.books.report import Period, by_day, by_product
from pos.core import staff, xlsx
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.tabular import safe_cell
from pos.core.text import qty_text
from pos.counter.payment import method_name


class ExportError(PosError):
    template = N_("File tidak bisa ditulis ({path}): {why}")


SALE_KINDS = {"sale": N_("Penjualan"), "refund": N_("Retur")}  # sale.kind


def kind_name(code: str) -> str:
    return _(SALE_KINDS.get(code, code))


# (header, kind): kind is text | int | rupiah | qty | datetime | date
LINE_COLUMNS = [
    ("nota", "text"),
    ("waktu", "datetime"),
    ("jenis", "text"),
    ("nota_asal", "text"),  # a refund's original receipt (Retur of K1-000123); empty for a sale
    ("saluran", "text"),
    ("no_pesanan", "text"),  # the platform's order number (GoFood's), to match its statement
    ("kasir", "text"),
    ("pelanggan", "text"),
    ("barang", "text"),
    ("jumlah", "qty"),
    ("harga", "rupiah"),
    ("diskon", "rupiah"),
    ("pajak", "rupiah"),
    ("total", "rupiah"),
    ("hpp", "rupiah"),
]
# One row per sale: dibayar − komisi − ongkir = pendapatan_bersih (what the shop keeps); a platform's
# sales less its commission are what it pays the shop. The ongkir goes on to the courier.
SALE_COLUMNS = [
    ("nota", "text"),
    ("waktu", "datetime"),
    ("jenis", "text"),
    ("nota_asal", "text"),
    ("saluran", "text"),
    ("no_pesanan", "text"),
    ("kasir", "text"),
    ("pelanggan", "text"),
    ("penjualan_bersih", "rupiah"),
    ("layanan", "rupiah"),
    ("pajak", "rupiah"),
    ("ongkir", "rupiah"),
    ("pembulatan", "rupiah"),
    ("dibayar", "rupiah"),
    ("komisi", "rupiah"),
    ("pendapatan_bersih", "rupiah"),
]
PAYMENT_COLUMNS = [
    ("nota", "text"),
    ("waktu", "datetime"),
    ("jenis", "text"),
    ("nota_asal", "text"),
    ("no_pesanan", "text"),
    ("metode", "text"),
    ("jumlah", "rupiah"),
    ("diterima", "rupiah"),
    ("kembalian", "rupiah"),
    ("referensi", "text"),
]
DAY_COLUMNS = [
    ("tanggal", "date"),
    ("nota", "int"),
    ("penjualan_bersih", "rupiah"),
    ("dibayar", "rupiah"),
    ("komisi", "rupiah"),
    ("ongkir", "rupiah"),
    ("pendapatan_bersih", "rupiah"),
]
# Both files are read by people: these columns show the word the screens show for the code (a channel's
# name as the counter shows it), in the shop's language.
CSV_SEPARATOR = ";"  # what Excel with Indonesian regional settings splits on (its list separator)
WORDS: dict[str, Callable[[str], str]] = {"jenis": kind_name, "metode": method_name, "saluran": _}


def _stream(rows: Iterable[tuple[Any, ...]], qty_at: int | None = None) -> Iterator[list[Any]]:
    """The rows as lists, times as datetimes (a sale's rows share one, parsed once) and quantities from
    whole thousandths to exact Decimals."""
    last_raw: Any = None
    last: Any = None
    for raw_row in rows:
        row = list(raw_row)
        if row[1] != last_raw:
            last_raw = row[1]
            last = datetime.fromisoformat(last_raw) if isinstance(last_raw, str) else last_raw
        row[1] = last
        if qty_at is not None:
            row[qty_at] = Decimal(int(row[qty_at])) / 1000
        yield row


QTY_AT = export_rows.LineRow._fields.index("qty_milli")


def line_rows(period: Period) -> Iterator[list[Any]]:
    return _stream(export_rows.sale_lines(period.since, period.until), qty_at=QTY_AT)


def sale_rows(period: Period) -> Iterator[list[Any]]:
    return _stream(export_rows.sales(period.since, period.until))


def payment_rows(period: Period) -> Iterator[list[Any]]:
    return _stream(export_rows.payments(period.since, period.until))


def day_rows(period: Period) -> Iterator[list[Any]]:
    for d in by_day(period):
        yield [d.date, d.count, d.net, d.total, d.commission, d.delivery_fee, d.net_revenue]


UNCOSTED_SHEET = "barang_tanpa_hpp"  # in the XLSX only when some product sold with no HPP (cost)
UNCOSTED_COLUMNS = [("barang", "text"), ("jumlah", "qty"), ("penjualan_bersih", "rupiah")]


def uncosted_rows(period: Period) -> list[list[Any]]:
    """The products sold with no HPP: their hpp is 0 in the lines, so a margin worked out from the lines
    counts their sales as 100 % profit (the report marks the same products)."""
    return [[p.name, p.qty, p.net] for p in by_product(period) if p.no_cost]


SHEETS = {
    "penjualan_baris": (LINE_COLUMNS, line_rows),
    "penjualan_nota": (SALE_COLUMNS, sale_rows),
    "pembayaran": (PAYMENT_COLUMNS, payment_rows),
    "ringkasan_harian": (DAY_COLUMNS, day_rows),
}


def _text(value: Any, kind: str) -> Any:
    if kind == "text":  # a name or a reference someone typed: never a formula in the bookkeeper's sheet
        return safe_cell(value)
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""
    if kind == "date":
        return value.isoformat()
    if kind == "qty":
        return qty_text(value)  # a decimal comma: 0,25
    return value


def write_csv(period: Period, folder: str | Path, user: User) -> list[Path]:
    """Four CSV files in the shop's words for a spreadsheet with Indonesian settings (see the module's
    notes). The shop's sales out of Kasir: `user` needs the 'exports' permission, checked before anything
    is written."""
    staff.require(user, "exports")
    out = Path(folder)
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{period.start.isoformat()}_{period.end.isoformat()}"
        for name, (columns, rows) in SHEETS.items():
            path = out / f"kasir_{name}_{stem}.csv"
            with path.open("w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh, delimiter=CSV_SEPARATOR)
                writer.writerow([c for c, _k in columns])
                for row in _in_words(columns, rows(period)):
                    writer.writerow([_text(v, k) for v, (_c, k) in zip(row, columns, strict=True)])
            written.append(path)
    except OSError as exc:
        raise ExportError(path=str(out), why=exc.strerror or str(exc)) from exc
    return written


def _in_words(columns: Sequence[tuple[str, str]], rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """The rows with each code of a WORDS column as its word (each distinct code looked up once)."""
    words = [(i, WORDS[title]) for i, (title, _kind) in enumerate(columns) if title in WORDS]
    seen: dict[tuple[int, Any], str] = {}
    for row in rows:
        for i, word in words:
            key = (i, row[i])
            text = seen.get(key)
            if text is None:
                text = seen[key] = word(row[i])
            row[i] = text
        yield row


def write_xlsx(period: Period, target: str | Path, user: User) -> Path:
    """One workbook, one sheet per table (and barang_tanpa_hpp when some product sold with no HPP);
    numbers stay numbers, rupiah formatted, header frozen.
    Written beside the target and renamed at the end: a full disk leaves no half workbook. `user` needs the
    'exports' permission, checked before anything is written."""
    staff.require(user, "exports")
    path = Path(target)
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sheets = [
            xlsx.Sheet(name, columns, _in_words(columns, rows(period)))
            for name, (columns, rows) in SHEETS.items()
        ]
        uncosted = uncosted_rows(period)
        if uncosted:
            sheets.append(xlsx.Sheet(UNCOSTED_SHEET, UNCOSTED_COLUMNS, uncosted))
        with part.open("wb") as out:
            xlsx.write(out, sheets)
        os.replace(part, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise ExportError(path=str(path), why=exc.strerror or str(exc)) from exc
    return path
