"""The bookkeeper's files: sales lines, payments and the daily summary of a period, as CSV (one file
each) or as one XLSX workbook (one sheet each: typed numbers, rupiah format, frozen header row).

Rows stream from the database; nothing is held for the whole period. Money is whole rupiah.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import JOIN

from db.models import Channel, Customer, Payment, Sale, SaleLine, User
from pos.errors import PosError
from pos.i18n import N_
from pos.report import Period, by_day

RUPIAH = '"Rp" #,##0;[Red]-"Rp" #,##0'


class ExportError(PosError):
    template = N_("File tidak bisa ditulis ({path}): {why}")


# (header, kind): kind is text | int | rupiah | qty | datetime
LINE_COLUMNS = [
    ("nota", "text"),
    ("waktu", "datetime"),
    ("jenis", "text"),
    ("saluran", "text"),
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
PAYMENT_COLUMNS = [
    ("nota", "text"),
    ("waktu", "datetime"),
    ("jenis", "text"),
    ("metode", "text"),
    ("jumlah", "rupiah"),
    ("diterima", "rupiah"),
    ("kembalian", "rupiah"),
    ("referensi", "text"),
]
DAY_COLUMNS = [("tanggal", "text"), ("nota", "int"), ("penjualan_bersih", "rupiah"), ("dibayar", "rupiah")]


def _in(period: Period) -> Any:
    return (Sale.created_at >= period.since) & (Sale.created_at < period.until)


def line_rows(period: Period) -> Iterator[list[Any]]:
    query = (
        SaleLine.select(
            Sale.number,
            Sale.created_at,
            Sale.kind,
            Channel.name,
            User.name,
            Customer.name,
            SaleLine.name,
            SaleLine.qty,
            SaleLine.unit_price,
            SaleLine.discount,
            SaleLine.tax,
            SaleLine.total,
            SaleLine.cost,
        )
        .join(Sale)
        .join(Channel)
        .switch(Sale)
        .join(User, on=(Sale.cashier == User.id))
        .switch(Sale)
        .join(Customer, JOIN.LEFT_OUTER)
        .where(_in(period))
        .order_by(Sale.id, SaleLine.position)
        .tuples()
    )
    for row in query.iterator():
        row = list(row)
        row[5] = row[5] or ""
        yield row


def payment_rows(period: Period) -> Iterator[list[Any]]:
    query = (
        Payment.select(
            Sale.number,
            Sale.created_at,
            Sale.kind,
            Payment.method,
            Payment.amount,
            Payment.tendered,
            Payment.change,
            Payment.reference,
        )
        .join(Sale)
        .where(_in(period))
        .order_by(Sale.id, Payment.id)
        .tuples()
    )
    yield from (list(r) for r in query.iterator())


def day_rows(period: Period) -> Iterator[list[Any]]:
    for d in by_day(period):
        yield [d["date"], d["count"], d["net"], d["total"]]


SHEETS = {
    "penjualan_baris": (LINE_COLUMNS, line_rows),
    "pembayaran": (PAYMENT_COLUMNS, payment_rows),
    "ringkasan_harian": (DAY_COLUMNS, day_rows),
}


def _text(value: Any, kind: str) -> Any:
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""
    if kind == "qty":
        return format(Decimal(value).normalize(), "f")
    return value


def write_csv(period: Period, folder: str | Path) -> list[Path]:
    """Three CSV files (UTF-8 with BOM so spreadsheet programs read the rupiah names right)."""
    out = Path(folder)
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{period.start.isoformat()}_{period.end.isoformat()}"
        for name, (columns, rows) in SHEETS.items():
            path = out / f"kasir_{name}_{stem}.csv"
            with path.open("w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh)
                writer.writerow([c for c, _k in columns])
                for row in rows(period):
                    writer.writerow([_text(v, k) for v, (_c, k) in zip(row, columns, strict=True)])
            written.append(path)
    except OSError as exc:
        raise ExportError(path=str(out), why=exc.strerror or str(exc)) from exc
    return written


def write_xlsx(period: Period, target: str | Path) -> Path:
    """One workbook, one sheet per table; numbers stay numbers, rupiah formatted, header frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(target)
    try:  # fail before any work (and before openpyxl opens its temporary sheets)
        path.parent.mkdir(parents=True, exist_ok=True)
        out = path.open("wb")
    except OSError as exc:
        raise ExportError(path=str(path), why=exc.strerror or str(exc)) from exc
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, (columns, rows) in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        for index, (_c, kind) in enumerate(columns):
            width = {"text": 18, "datetime": 20, "rupiah": 15, "qty": 9, "int": 9}[kind]
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        header = []
        for title, _k in columns:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        money = [i for i, (_c, k) in enumerate(columns) if k == "rupiah"]
        for row in rows(period):
            values: list[Any] = [  # quantities stay exact Decimals (openpyxl writes them as numbers)
                Decimal(v) if k == "qty" else v for v, (_c, k) in zip(row, columns, strict=True)
            ]
            for i in money:
                cell = WriteOnlyCell(sheet, value=values[i])
                cell.number_format = RUPIAH
                values[i] = cell
            sheet.append(values)
    with out:
        try:
            book.save(out)
        except OSError as exc:
            raise ExportError(path=str(path), why=exc.strerror or str(exc)) from exc
    return path
