"""Reading the first sheet of an .xlsx workbook, fast. openpyxl's read-only mode makes objects for every
cell and its style (16 s for 50.000 rows of 7 cells); this reads only the values: the sheet's plain XML
with regular expressions (about 1 s for those rows), or, for a sheet written with namespace prefixes or
CDATA, with ElementTree's C parser (about 3 s). Shared and inline strings, numbers, booleans and cells
formatted as dates are read; formulas give their cached value."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from html import unescape
from typing import IO, Any
from xml.etree.ElementTree import iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}  # the built-in number formats that show dates or times
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_EPOCH = datetime(1899, 12, 30)
_LETTERS = re.compile(r"[A-Z]+")
ROW, C, V = MAIN + "row", MAIN + "c", MAIN + "v"


def _first_sheet(book: zipfile.ZipFile) -> str:
    names = set(book.namelist())
    try:
        with book.open("xl/workbook.xml") as fh:
            sheet = next(el for _e, el in iterparse(fh) if el.tag == MAIN + "sheet")
        rel_id = sheet.get(REL + "id")
        with book.open("xl/_rels/workbook.xml.rels") as fh:
            for _e, el in iterparse(fh):
                if el.tag == PKG_REL + "Relationship" and el.get("Id") == rel_id:
                    target = el.get("Target", "")
                    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                    if path in names:
                        return path
    except (KeyError, StopIteration):
        pass
    return "xl/worksheets/sheet1.xml"


def _text(el: Any) -> str:
    """The text of a shared or inline string (rich text runs joined; phonetic runs left out)."""
    return "".join(t.text or "" for t in el.iter(MAIN + "t") if not _in_phonetic(el, t))


def _in_phonetic(root: Any, node: Any) -> bool:
    return any(node in list(rph.iter()) for rph in root.iter(MAIN + "rPh"))


def _shared(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    out = []
    with book.open("xl/sharedStrings.xml") as fh:
        for _e, el in iterparse(fh):
            if el.tag == MAIN + "si":
                out.append(_text(el) if el.find(MAIN + "rPh") is not None else "".join(el.itertext()))
                el.clear()
    return out


def _date_styles(book: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell formats that show a date."""
    if "xl/styles.xml" not in book.namelist():
        return set()
    custom: dict[int, str] = {}
    styles: set[int] = set()
    with book.open("xl/styles.xml") as fh:
        index, in_xfs = 0, False
        for event, el in iterparse(fh, events=("start", "end")):
            if el.tag == MAIN + "numFmt" and event == "end":
                custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
            elif el.tag == MAIN + "cellXfs":
                in_xfs = event == "start"
            elif el.tag == MAIN + "xf" and in_xfs and event == "end":
                fmt = int(el.get("numFmtId", "0"))
                code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", custom.get(fmt, ""))
                if fmt in DATE_FORMATS or (fmt in custom and _DATE_CODE.search(code)):
                    styles.add(index)
                index += 1
    return styles


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """'C12' -> 2 (the letters' index, remembered: a sheet has few columns and many rows)."""
    letters = ref.rstrip("0123456789")
    found = _COLUMNS.get(letters)
    if found is None:
        n = 0
        for ch in letters if _LETTERS.fullmatch(letters) else "":
            n = n * 26 + ord(ch) - 64
        found = _COLUMNS[letters] = n - 1
    return found


def _number(text: str, is_date: bool) -> Any:
    value = float(text)  # ok-float: a spreadsheet cell holds a double; whole ones become int below
    if is_date:
        return _EPOCH + timedelta(days=value)
    return int(value) if value.is_integer() and "E" not in text.upper() else value


_ROW_TEXT = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL_TEXT = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')
_VALUE = re.compile(r"<v>(.*?)</v>", re.S)
_INLINE = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
_PLAIN_LIMIT = 256 * 1024 * 1024  # a bigger sheet is streamed through the XML parser instead
# The shape nearly every cell has: a reference, maybe a style and a type, maybe one value and nothing else.
_SIMPLE_CELL = re.compile(
    r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?(?: t="(\w+)")?'
    r'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>)'
)


def _value(kind: str, text: str | None, style: str, shared: list[str], dates: set[int]) -> Any:
    """A cell's value from its type, its <v> text and its style (inline strings are read by the caller)."""
    if not text:  # no value, or a formula without its cached one
        return None
    if kind == "s":
        return shared[int(text)]
    if kind == "b":
        return text == "1"
    if kind in ("str", "e"):
        return text
    return _number(text, bool(dates) and int(style or "0") in dates)


def _place(values: list[Any], ref: str | None) -> None:
    """Fill the gap before a cell that names a column further right (empty cells are not written)."""
    col = _column(ref) if ref else len(values)
    if col > len(values):
        values.extend([None] * (col - len(values)))


def _plain_rows(xml: str, shared: list[str], dates: set[int]) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows read with regular expressions: spreadsheet writers all write the same plain
    shape (<row r><c r s t><v>…</v></c>…), and this reads it in a third of the XML parser's time."""
    line = 0
    for row_attrs, body in _ROW_TEXT.findall(xml):
        line = int(dict(_ATTR.findall(row_attrs)).get("r") or line + 1)
        body = body or ""
        simple = _SIMPLE_CELL.findall(body)
        if len(simple) == body.count("<c "):  # every cell of the row has the plain shape
            yield line, _simple_row(simple, shared, dates)
            continue
        values: list[Any] = []
        for cell_attrs, inner in _CELL_TEXT.findall(body):
            attrs = dict(_ATTR.findall(cell_attrs))
            _place(values, attrs.get("r"))
            kind = attrs.get("t", "n")
            if kind == "inlineStr":
                values.append(unescape("".join(_INLINE.findall(inner))))
                continue
            match = _VALUE.search(inner) if inner else None
            text = unescape(match.group(1)) if match else None
            values.append(_value(kind, text, attrs.get("s", ""), shared, dates))
        yield line, values


def _simple_row(cells: list[tuple[str, ...]], shared: list[str], dates: set[int]) -> list[Any]:
    values: list[Any] = []
    for letters, style, kind, text, inline in cells:
        col = _COLUMNS.get(letters)
        if col is None:
            col = _column(letters)
        if col > len(values):
            values.extend([None] * (col - len(values)))
        if kind == "inlineStr":
            values.append(unescape(inline) if "&" in inline else inline)
        else:
            values.append(_value(kind or "n", unescape(text) if "&" in text else text, style, shared, dates))
    return values


def _parsed_rows(fh: IO[bytes], shared: list[str], dates: set[int]) -> Iterator[tuple[int, list[Any]]]:
    """The same rows through ElementTree's streaming parser (any XML a writer may produce)."""
    line = 0
    for _event, el in iterparse(fh):
        if el.tag != ROW:
            continue
        line = int(el.get("r") or line + 1)
        values: list[Any] = []
        for cell in el.iter(C):
            _place(values, cell.get("r"))
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                node = cell.find(MAIN + "is")
                values.append("".join(node.itertext()) if node is not None else "")
                continue
            values.append(_value(kind, cell.findtext(V), cell.get("s", ""), shared, dates))
        el.clear()
        yield line, values


def rows(source: str | IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of the first sheet, in order; empty rows are not given."""
    with zipfile.ZipFile(source) as book:
        shared = _shared(book)
        dates = _date_styles(book)
        name = _first_sheet(book)
        if book.getinfo(name).file_size <= _PLAIN_LIMIT:
            xml = book.read(name).decode("utf-8")
            if "<![CDATA[" not in xml and not re.search(r"<\w+:c\b", xml):  # prefixed or CDATA: the parser
                yield from _plain_rows(xml, shared, dates)
                return
        with book.open(name) as fh:
            yield from _parsed_rows(fh, shared, dates)
