"""Reading the spreadsheets shop owners really have (Indonesian Excel's ';' CSV with a BOM, an old
Windows-1252 export, comma and tab files, XLSX) into rows with Excel's row numbers, refusing what is not
a table with a message in Indonesian; and writing CSV/XLSX that Excel opens in columns, never as formulas."""

import csv
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from pos.core import tabular
from pos.core.errors import FileUnreadable, InvalidInput
from pos.core.tabular import Table, TableRow, read_table, write_table


def cells(table: Table) -> list[list[str]]:
    return [row.cells for row in table.rows]


def test_indonesian_excel_csv_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "barang.csv"
    path.write_bytes(
        "\ufeffNama;Harga;Stok\r\nKopi Kapal Api;3.500;10\r\n;;\r\nGula 1/2 kg;7.250,5; 4 \r\n".encode()
    )
    table = read_table(path)
    assert table.headers == ["Nama", "Harga", "Stok"]  # the BOM is not part of the first header
    assert table.rows == [
        TableRow(2, ["Kopi Kapal Api", "3.500", "10"]),
        TableRow(4, ["Gula 1/2 kg", "7.250,5", "4"]),  # the empty row 3 is skipped, numbering is not
    ]


def test_windows_1252_file_with_rupiah_and_accents(tmp_path):
    path = tmp_path / "lama.csv"
    path.write_bytes("Nama;Harga;Catatan\nCafé Latte;Rp 3.500;isi “spesial”\n".encode("cp1252"))
    table = read_table(path)
    assert cells(table) == [["Café Latte", "Rp 3.500", "isi “spesial”"]]


def test_comma_csv_with_quotes_and_a_cell_over_two_lines(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(
        'Name,Phone 1 - Value,Notes\n"Budi, S.Pd",0812-1111-2222,"baris satu\nbaris dua"\n'
        "Siti,0813 2222 3333,\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ["Name", "Phone 1 - Value", "Notes"]
    assert table.rows[0] == TableRow(2, ["Budi, S.Pd", "0812-1111-2222", "baris satu\nbaris dua"])
    assert table.rows[1] == TableRow(3, ["Siti", "0813 2222 3333", ""])  # one record = one Excel row


def test_tab_separated_file(tmp_path):
    path = tmp_path / "tab.txt"
    path.write_text("nama\thp\nAni\t0812 3456 7890\nBayu\t0857-1234-5678\n", encoding="utf-8")
    assert cells(read_table(path)) == [["Ani", "0812 3456 7890"], ["Bayu", "0857-1234-5678"]]


def test_excel_unicode_text_utf16(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("nama\thp\r\nÑoño 😀\t0812 3456 7890\r\n".encode("utf-16"))
    assert cells(read_table(path)) == [["Ñoño 😀", "0812 3456 7890"]]


def test_short_rows_are_padded_to_the_header(tmp_path):
    path = tmp_path / "pendek.csv"
    path.write_text("a;b;c\n1\n", encoding="utf-8")
    assert cells(read_table(path)) == [["1", "", ""]]


def test_delimiter_is_sniffed_from_the_consistent_split():
    assert tabular.sniff_delimiter("nama;harga\nKopi;3,5\nTeh;2,5\n") == ";"
    assert tabular.sniff_delimiter("nama,harga\nKopi,3500\n") == ","
    assert tabular.sniff_delimiter("nama\tharga\nKopi, susu\t3500\n") == "\t"
    assert tabular.sniff_delimiter("nama\nKopi\n") == ";"


def test_xlsx_values_become_text_with_excel_row_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "Harga", "HP", "Ultah", "Diskon"])
    sheet.append(["Kopi", 3500, 81234567890, datetime(1990, 5, 17), 0.1])
    sheet.append([])  # row 3 empty
    sheet.append(["  Teh  ", 2500.0, "0813-1111-2222", date(2001, 1, 2), True])
    sheet["A6"] = "Gula"  # row 5 missing altogether, row 6 holds one cell
    book.create_sheet("Lainnya")["A1"] = "diabaikan"
    path = tmp_path / "barang.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ["Nama", "Harga", "HP", "Ultah", "Diskon"]
    assert table.rows == [
        TableRow(2, ["Kopi", "3500", "81234567890", "1990-05-17", "0.1"]),
        TableRow(4, ["Teh", "2500", "0813-1111-2222", "2001-01-02", "TRUE"]),
        TableRow(6, ["Gula", "", "", "", ""]),
    ]


def test_header_below_empty_rows(tmp_path):
    path = tmp_path / "judul.csv"
    path.write_text("\n\nnama;hp\nAni;0812\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header_line, table.headers, table.rows) == (
        3,
        ["nama", "hp"],
        [TableRow(4, ["Ani", "0812"])],
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_then_read_round_trip(tmp_path, suffix):
    rows = [
        ["Kopi & Susu", 3500, "=SUM(A1:A9)", date(2026, 11, 23)],
        ["+62 812 3456 7890", -1500, "@foo", None],
        ["Ñoño 😀", 0, "-minus", "biasa"],
    ]
    path = write_table(tmp_path / f"keluar{suffix}", ["nama", "harga", "isi", "tanggal"], rows)
    table = read_table(path)
    assert table.headers == ["nama", "harga", "isi", "tanggal"]
    if suffix == ".csv":
        quoted = ["'=SUM(A1:A9)", "'@foo", "'-minus"]
        first = "'+62 812 3456 7890"
    else:  # a workbook types those cells as text, no apostrophe needed
        quoted = ["=SUM(A1:A9)", "@foo", "-minus"]
        first = "+62 812 3456 7890"
    assert cells(table) == [
        ["Kopi & Susu", "3500", quoted[0], "2026-11-23"],
        [first, "-1500", quoted[1], ""],
        ["Ñoño 😀", "0", quoted[2], "biasa"],
    ]


def test_written_csv_is_what_indonesian_excel_opens_in_columns(tmp_path):
    path = write_table(tmp_path / "x.csv", ["a", "b"], [["1;2", "x"]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == 'a;b\r\n"1;2";x\r\n'
    assert list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";")) == [["a", "b"], ["1;2", "x"]]


def test_written_xlsx_has_no_formula_cells(tmp_path):
    path = write_table(tmp_path / "x.xlsx", ["a"], [["=1+1"], [5]])
    sheet = load_workbook(path).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet["A3"].value == 5


def test_writer_refuses_an_unknown_extension(tmp_path):
    with pytest.raises(InvalidInput, match="berakhiran .csv atau .xlsx"):
        write_table(tmp_path / "x.txt", ["a"], [])


@pytest.mark.parametrize(
    "content, why",
    [
        (b"", "file kosong"),
        (b"\r\n ; ;\r\n\r\n", "tidak ada baris judul kolom"),
        (bytes(range(256)) * 4, "bukan file teks (CSV)"),
        (b"\x00\x01\x02\x03garbage\x00" * 50, "bukan file teks (CSV)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "file Excel lama (.xls)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "file PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "gambar"),
        (b"PK\x03\x04 broken zip", "file zip ini rusak"),
    ],
)
def test_what_is_not_a_table_is_refused_in_indonesian(tmp_path, content, why):
    path = tmp_path / "data.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileUnreadable) as refused:
        read_table(path)
    assert refused.value.text.startswith("File data.xlsx tidak bisa dibaca: ")
    assert why in refused.value.text


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "foto.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("foto.jpg", b"\xff\xd8\xff")
    with pytest.raises(FileUnreadable, match="bukan buku kerja Excel"):
        read_table(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileUnreadable, match="File hilang.csv tidak bisa dibaca: file tidak ditemukan"):
        read_table(tmp_path / "hilang.csv")


def test_too_many_rows_and_too_large(tmp_path, monkeypatch):
    path = tmp_path / "besar.csv"
    path.write_text("n\n" + "x\n" * 11, encoding="utf-8")
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    with pytest.raises(FileUnreadable, match="lebih dari 100.000 baris"):
        read_table(path)
    monkeypatch.setattr(tabular, "MAX_ROWS", 11)
    assert len(read_table(path).rows) == 11
    monkeypatch.setattr(tabular, "MAX_BYTES", 10)
    with pytest.raises(FileUnreadable, match="lebih besar dari 0 MB"):
        read_table(path)


def test_the_real_row_limit_is_100_000(tmp_path):
    path = tmp_path / "batas.csv"
    path.write_text("n\n" + "1\n" * 100_000, encoding="utf-8")
    assert len(read_table(path).rows) == 100_000
    path.write_text("n\n" + "1\n" * 100_001, encoding="utf-8")
    with pytest.raises(FileUnreadable, match="lebih dari 100.000 baris"):
        read_table(path)


def test_english_message(tmp_path):
    from pos.core import i18n

    i18n.set_language("en")
    try:
        with pytest.raises(FileUnreadable, match="File x.csv cannot be read: the file is empty."):
            (tmp_path / "x.csv").write_bytes(b"")
            read_table(tmp_path / "x.csv")
    finally:
        i18n.set_language("id")


def test_written_csv_never_starts_a_text_cell_as_a_formula(tmp_path):
    rows = [['=HYPERLINK("http://x")', -15_000], ["\tx", "-Budi"], ["\r=1", "@A1"], ["+1", "Budi-"]]
    path = write_table(tmp_path / "x.csv", ["a", "b"], rows)
    got = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))[1:]
    assert got[0] == ['\'=HYPERLINK("http://x")', "-15000"]  # a negative rupiah stays a number
    assert got[1] == ["'\tx", "'-Budi"]
    assert got[2][1] == "'@A1" and got[3] == ["'+1", "Budi-"]
    assert b'"\'\r=1"' in path.read_bytes()
