"""The fast XLSX reader gives what openpyxl reads, by both of its paths (plain XML and the parser)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from pos.core import xlsx_read


def _book(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nama", "Harga", "Tanggal", "Aktif", "Catatan"])
    sheet.append(["Kopi & Susu <b>", 3500, date(2026, 11, 23), True, "baris\nkedua"])
    sheet.append(["Teh 🌸 Manis", 2500.5, datetime(2026, 1, 2, 10, 30), False, None])
    sheet.append([None, None, None, None, None])  # an empty row
    sheet["B5"] = "=B2*2"  # a formula: openpyxl writes no cached value
    sheet["G5"] = "jauh di kanan"
    sheet.append(["Gula", 17000, "17/08", "ya", "'=1+1"])
    book.save(path)
    return path


def _openpyxl_rows(path):
    book = openpyxl.load_workbook(path, data_only=True)
    out = []
    for row in book.active.iter_rows():
        values = [c.value for c in row]
        while values and values[-1] is None:
            values.pop()
        if any(v is not None for v in values):
            out.append((row[0].row, values))
    return out


def _trim(rows):
    out = []
    for line, values in rows:
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if any(v is not None for v in values):
            out.append((line, values))
    return out


@pytest.mark.parametrize("plain", [True, False])
def test_both_paths_read_what_openpyxl_reads(tmp_path, monkeypatch, plain):
    path = _book(tmp_path / "b.xlsx")
    if not plain:
        monkeypatch.setattr(xlsx_read, "_PLAIN_LIMIT", -1)  # every sheet through the XML parser
    mine = _trim(xlsx_read.rows(str(path)))
    theirs = _openpyxl_rows(path)
    assert [line for line, _v in mine] == [line for line, _v in theirs] == [1, 2, 3, 5, 6]
    for (line, a), (_line, b) in zip(mine, theirs, strict=True):
        assert len(a) == len(b), line
        for x, y in zip(a, b, strict=True):
            if isinstance(y, datetime) and isinstance(x, datetime):
                assert abs((x - y).total_seconds()) < 1
            elif line == 5 and y == "=B2*2":
                assert x is None  # no cached value in the file
            else:
                assert x == y, (line, x, y)


def test_inline_strings_of_a_streamed_workbook(tmp_path):
    """openpyxl's write-only mode (and so Kasir's own exports) writes strings inline, not shared."""
    path = tmp_path / "w.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Barang")
    sheet.append(["Nama", "Harga", "Catatan"])
    sheet.append(["Kopi & Susu", 3500, "  spasi  "])
    sheet.append(["<b>Teh</b>", 2500.5, None])
    book.save(path)
    assert _trim(xlsx_read.rows(str(path))) == _openpyxl_rows(path)
    assert list(xlsx_read.rows(str(path)))[1] == (2, ["Kopi & Susu", 3500, "  spasi  "])
