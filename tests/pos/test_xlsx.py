"""The streaming XLSX writer, read back with openpyxl: text that XML would choke on, empty cells, exact
quantities, date-times, rupiah format, frozen header."""

from datetime import datetime
from decimal import Decimal

from openpyxl import load_workbook

from pos.core import xlsx


def test_a_workbook_reads_back_exactly(tmp_path):
    columns = [
        ("barang", "text"),
        ("waktu", "datetime"),
        ("jumlah", "qty"),
        ("total", "rupiah"),
        ("n", "int"),
    ]
    rows = [
        ["Kopi & <Gula>", datetime(2026, 11, 16, 10, 5, 30), Decimal("2.5"), 17_500, 1],
        ["  spasi depan\x07", datetime(2026, 11, 16, 10, 5, 30), Decimal("-1"), -3_500, None],
        ["", None, Decimal("0.125"), 0, 3],
    ]
    path = tmp_path / "b.xlsx"
    with path.open("wb") as out:
        xlsx.write(out, [xlsx.Sheet("baris", columns, iter(rows)), xlsx.Sheet("kosong", columns, iter([]))])
    book = load_workbook(path)
    assert book.sheetnames == ["baris", "kosong"]
    sheet = book["baris"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["barang", "waktu", "jumlah", "total", "n"]
    assert sheet[1][0].font.b
    got = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert got == [
        ["Kopi & <Gula>", datetime(2026, 11, 16, 10, 5, 30), 2.5, 17_500, 1],
        ["  spasi depan", datetime(2026, 11, 16, 10, 5, 30), -1, -3_500, None],  # control character dropped
        [None, None, 0.125, 0, 3],
    ]
    assert "Rp" in sheet["D2"].number_format and sheet["B2"].number_format == xlsx.DATETIME
    assert book["kosong"].max_row == 1
