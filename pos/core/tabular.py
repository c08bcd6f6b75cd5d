"""Spreadsheet files in and out: a CSV or XLSX file the shop owner made becomes rows of text, and rows
become a file that Indonesian Excel opens in columns. Shared by the product and the customer import.

Reading is decided by the file's content, not its name: an XLSX is a zip package, a CSV is text in
UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text") or Windows-1252; anything else is refused
with a `FileUnreadable` naming the file and why. Line numbers are the row numbers Excel shows (the
header is row 1 when it is the first row), so a message can point at the row to fix.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos.core import xlsx_read
from pos.core.errors import FileUnreadable, FileUnwritable, InvalidInput
from pos.core.i18n import N_, _

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", ",", "\t")  # Indonesian-locale Excel writes ';'
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is text, never a formula
_SIGNATURES = (  # things people pick by mistake, named so the message helps
    (
        b"\xd0\xcf\x11\xe0",
        N_("ini file Excel lama (.xls) atau file yang dikunci sandi; simpan ulang sebagai .xlsx atau CSV"),
    ),
    (b"%PDF", N_("ini file PDF, bukan tabel")),
    (b"\x89PNG", N_("ini gambar, bukan tabel")),
    (b"\xff\xd8\xff", N_("ini gambar, bukan tabel")),
    (b"GIF8", N_("ini gambar, bukan tabel")),
)


@dataclass(frozen=True)
class TableRow:
    line: int  # the row number Excel shows for it
    cells: list[str]  # stripped text, at least as many as the header has columns


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[TableRow]
    header_line: int = field(default=1)


def _refuse(path: Path, why: str) -> FileUnreadable:
    return FileUnreadable(name=path.name, why=why)


def read_table(path: str | Path) -> Table:
    """The first sheet of an XLSX or the records of a CSV: the first non-empty row is the header,
    completely empty rows are skipped. Raises FileUnreadable (nothing else) for a file it cannot use."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(path, _("lebih besar dari {mb} MB").format(mb=MAX_BYTES // (1024 * 1024)))
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise _refuse(path, _("file tidak ditemukan")) from exc
    except IsADirectoryError as exc:
        raise _refuse(path, _("ini folder, bukan file")) from exc
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from exc
    except ValueError as exc:  # a NUL in the name: no file is called that
        raise _refuse(path, _("nama file berisi karakter NUL")) from exc
    if size == 0:
        raise _refuse(path, _("file kosong"))
    if head.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(path)
    else:
        for magic, why in _SIGNATURES:
            if head.startswith(magic):
                raise _refuse(path, _(why))
        rows = _csv_rows(path, _decode(path))
    return _table(path, rows)


def _table(path: Path, rows: Iterator[tuple[int, list[str]]]) -> Table:
    header: list[str] | None = None
    header_line = 1
    found: list[TableRow] = []
    for line, cells in rows:
        if not any(cells):
            continue
        if header is None:
            header, header_line = cells, line
            continue
        if len(found) >= MAX_ROWS:
            raise _refuse(path, _("lebih dari {n} baris; bagi menjadi beberapa file").format(n="100.000"))
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        found.append(TableRow(line, cells))
    if header is None:
        raise _refuse(path, _("tidak ada baris judul kolom (file kosong)"))
    while header and not header[-1]:  # trailing empty header cells (a sheet formatted further right)
        header.pop()
    return Table(header, found, header_line)


# --- CSV ---------------------------------------------------------------------------------------------


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _refuse(path, _("bukan file teks (CSV) yang bisa dibaca")) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise _refuse(path, _("bukan file teks (CSV) yang bisa dibaca")) from exc
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise _refuse(path, _("bukan file teks (CSV) yang bisa dibaca"))
    return text


def sniff_delimiter(text: str) -> str:
    """';', ',' or tab: the one that splits the first lines into the same number of columns, most of
    them; ';' when nothing tells (a single column)."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ";", (False, 0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(r)]
        except csv.Error:
            continue
        if not records:
            continue
        width = len(records[0])
        same = sum(1 for r in records if len(r) == width) / len(records)
        score = (width > 1, same, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    line = 0
    try:
        for record in reader:
            line += 1  # one record is one spreadsheet row, also when a quoted cell spans lines
            yield line, [cell.strip() for cell in record]
    except csv.Error as exc:
        raise _refuse(path, _("baris {line} rusak ({why})").format(line=line + 1, why=str(exc))) from exc


# --- XLSX --------------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a person reads: 3500 and 3500.0 as "3500", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(path, _("file zip ini rusak")) from exc
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise _refuse(path, _("ini file OpenDocument (.ods); simpan ulang sebagai .xlsx atau CSV"))
        raise _refuse(path, _("ini file zip, bukan buku kerja Excel (.xlsx)"))
    return _sheet_rows(path)


def _sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        for line, values in xlsx_read.rows(str(path)):
            yield line, [v.strip() if v.__class__ is str else cell_text(v) for v in values]
    except FileUnreadable:
        raise
    except Exception as exc:  # a damaged package fails in many ways (zip, XML, numbers)
        raise _refuse(path, _("buku kerja Excel ini rusak ({why})").format(why=type(exc).__name__)) from exc


# --- writing -----------------------------------------------------------------------------------------


def safe_cell(value: Any, quote: bool = True) -> Any:
    """A cell for a file the bookkeeper opens: numbers (a negative rupiah too) stay numbers; text that a
    spreadsheet would take for a formula (= + - @, tab, CR first) gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | Decimal | float):
        return value
    if isinstance(value, datetime | date):
        return cell_text(value)
    text = str(value)
    return "'" + text if quote and text.startswith(_FORMULA_START) else text


def unguard(text: str) -> str:
    """The cell as it was before `safe_cell` guarded it: exactly one leading apostrophe taken off where it
    stands before = + - @, tab or CR ("'=1+1" -> "=1+1", "'-1" -> "-1"); any other text is left as it is.
    (A text that itself began with an apostrophe and then one of those reads back without it.)"""
    return text[1:] if text[:1] == "'" and text[1:2].startswith(_FORMULA_START) else text


def write_table(
    path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_name: str = "Data"
) -> Path:
    """A `.csv` (UTF-8 with BOM, ';'-separated) or `.xlsx` file, chosen by the extension. Text that
    starts with = + - @ is never a formula. Raises FileUnwritable when the file cannot be written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput(N_("Nama file harus berakhiran .csv atau .xlsx: {name}"), name=path.name)
    try:
        if suffix == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
                writer.writerow([safe_cell(h) for h in headers])
                for row in rows:
                    writer.writerow([safe_cell(v) for v in row])
        else:
            _write_xlsx(path, headers, rows, sheet_name)
    except OSError as exc:
        raise FileUnwritable(name=path.name, why=exc.strerror or str(exc)) from exc
    return path


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_name: str) -> None:
    from openpyxl import Workbook  # heavy: loaded when a file is written, not when Kasir starts
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Any, header: bool = False) -> WriteOnlyCell:
        value = safe_cell(value, quote=False)  # typed as text below instead
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        out = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            out.data_type = "s"  # never a formula, whatever it starts with
        if header:
            out.font = bold
        return out

    sheet.append([cell(h, True) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    book.save(path)
