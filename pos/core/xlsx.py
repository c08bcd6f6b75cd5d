"""A streaming XLSX (SpreadsheetML) writer for the bookkeeper's exports: typed numbers, rupiah, date and
date-time formats (real serial dates: Excel sorts and filters them as dates), a bold frozen header row,
column widths — and nothing else.

Why not openpyxl (or xlsxwriter) for writing: a month of a busy shop is about a million cells, and both
build an object per cell; here cells are built as text and deflated in one stream, several times faster
(`python main.py bench` times it). The tests read every file back with openpyxl.

The package holds the minimum Excel and LibreOffice need: content types, relationships, the workbook,
one style sheet and one worksheet per table. Strings are written inline (no shared-string table),
so rows stream straight from the database without holding the period in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import IO, Any, NamedTuple

from pos.core.text import plain_qty

RUPIAH = '"Rp" #,##0;[Red]-"Rp" #,##0'
DATETIME = "dd-mm-yyyy hh:mm:ss"  # the day first, as Indonesians write it
DATE = "dd-mm-yyyy"
STYLE = {"header": 1, "rupiah": 2, "datetime": 3, "date": 4}  # cellXfs index per kind; 0 is General
WIDTHS = {"text": 18, "datetime": 20, "date": 12, "rupiah": 15, "qty": 9, "int": 9}
_EPOCH = datetime(1899, 12, 30)  # day 0 of spreadsheet serial dates
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


class Sheet(NamedTuple):
    name: str  # at most 31 characters, no []:*?/\
    columns: Sequence[tuple[str, str]]  # (header, kind): text | int | rupiah | qty | datetime | date
    rows: Iterable[Sequence[Any]]


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _escape(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _inline(value: Any) -> str:
    """The inside of an inline-string cell."""
    text = _escape(str(value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<is><t{space}>{text}</t></is>"


def _text_cell(ref: str, value: Any, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr">{_inline(value)}</c>'


def _serial(value: datetime | date | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    elif not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    delta = value - _EPOCH
    return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)


def _remembered(
    letter: str, inner: Callable[[Any], str], keep_one: bool = False
) -> Callable[[str, Any], str]:
    """A cell writer that converts each distinct value once (`keep_one`: only the latest is kept —
    for times, which come in order)."""
    head = f'<c r="{letter}'
    seen: dict[Any, str] = {}

    def cell(row: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        text = seen.get(value)
        if text is None:
            if keep_one:
                seen.clear()
            text = seen[value] = inner(value)
        return head + row + text

    return cell


def _column(kind: str, letter: str) -> Callable[[str, Any], str]:
    """The cell writer for one column: (row number, value) -> XML (empty for no value). Repeated
    texts and times (a sale's lines share them) are converted once per sheet."""
    if kind == "text":
        return _remembered(letter, lambda v: '" t="inlineStr">' + _inline(v) + "</c>")
    if kind in ("datetime", "date"):
        style = STYLE[kind]
        return _remembered(letter, lambda v: f'" s="{style}"><v>{_serial(v)}</v></c>', keep_one=True)
    head = f'<c r="{letter}'
    if kind == "qty":

        def qty(row: str, value: Any) -> str:
            if value is None or value == "":
                return ""
            text = plain_qty(value)
            return head + row + '"><v>' + text + "</v></c>"

        return qty
    tail = f'" s="{STYLE["rupiah"]}"><v>' if kind == "rupiah" else '"><v>'

    def number(row: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        return head + row + tail + str(int(value)) + "</v></c>"

    return number


def _sheet_head(columns: Sequence[tuple[str, str]]) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{WIDTHS[kind]}" customWidth="1"/>'
        for i, (_title, kind) in enumerate(columns, start=1)
    )
    header = "".join(
        _text_cell(f"{_letters(i)}1", title, STYLE["header"]) for i, (title, _k) in enumerate(columns)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        f'<row r="1">{header}</row>'
    )


def _write_sheet(out: IO[bytes], sheet: Sheet) -> None:
    writers = [_column(kind, _letters(i)) for i, (_title, kind) in enumerate(sheet.columns)]
    out.write(_sheet_head(sheet.columns).encode())
    chunk: list[str] = []
    for number, values in enumerate(sheet.rows, start=2):
        row = str(number)
        cells = "".join([write(row, value) for write, value in zip(writers, values, strict=True)])
        chunk.append(f'<row r="{row}">{cells}</row>')
        if len(chunk) == 2000:
            out.write("".join(chunk).encode())
            chunk.clear()
    chunk.append("</sheetData></worksheet>")
    out.write("".join(chunk).encode())


def _styles() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{_attr(RUPIAH)}"/>'
        f'<numFmt numFmtId="165" formatCode="{DATETIME}"/>'
        f'<numFmt numFmtId="166" formatCode="{DATE}"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


def _package(names: list[str]) -> dict[str, str]:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    n = len(names)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    sheets = "".join(
        f'<sheet name="{_attr(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    return {
        "[Content_Types].xml": head
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>{overrides}</Types>',
        "_rels/.rels": head + f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": head + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews>'
        f'<workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": head + f'<Relationships xmlns="{_PKG}">{rels}'
        f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _styles(),
    }


def write(target: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write a workbook with `sheets` to the open binary file `target` (rows are consumed once)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _package([s.name for s in sheets]).items():
            book.writestr(name, text)
        for i, sheet in enumerate(sheets, start=1):
            with book.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                _write_sheet(out, sheet)
