"""Importing the shop's customer list: the owner's own Excel/CSV, Google Contacts' CSV and a phone's
contacts export (vCard 2.1 with quoted-printable as Android writes it, 3.0 and 4.0). The preview says
what happens to every row and writes nothing; apply writes every new customer or none."""

from __future__ import annotations

import json
from datetime import date

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from db.models import Customer, CustomerAddress, CustomerPhone, JournalEntry
from pos.core import staff, tabular
from pos.core.errors import FileUnreadable, PermissionDenied, StorageError
from pos.customers import customer, customer_checks, customer_import
from pos.customers.customer_import import (
    DUPLICATE,
    ERROR,
    EXISTS,
    NEW,
    SKIPPED,
    ImportRefused,
    apply,
    preview,
)


def qp(text: str) -> str:
    """Quoted-printable as Android's contacts app writes it: every byte =XX, soft breaks every 74."""
    encoded = "".join(f"={b:02X}" for b in text.encode("utf-8"))
    lines, rest = [], encoded
    while len(rest) > 74:
        lines.append(rest[:72] + "=")  # 24 whole =XX, never one split
        rest = rest[72:]
    return "\r\n".join([*lines, rest])


def statuses(p):
    return [(r.line, r.status) for r in p.rows]


def journal_of(action):
    rows = JournalEntry.select().where(JournalEntry.event == "customer").order_by(JournalEntry.seq)
    return [json.loads(e.content) for e in rows if json.loads(e.content)["action"] == action]


@pytest.fixture
def book(owner):
    """Two customers the shop already has."""
    budi = customer.create_customer("0812-1111-2222", "Budi Santoso", other_phones=["0857-9999-0000"])
    sari = customer.create_customer("0813-3333-4444", "Sari")
    return budi, sari


def test_indonesian_excel_csv(tmp_path, book, owner):
    path = tmp_path / "pelanggan.csv"
    path.write_bytes(
        (
            "\ufeffNama;No. HP;Tanggal Lahir;Alamat;Catatan;Tag;Batas Kasbon;Kolom Saya\r\n"
            "Ibu Wati;0812-5555-6666;17-08-1985;Jl. Kenanga 5, Sleman;langganan gas;arisan;Rp 200.000;x\r\n"
            "Pak Joko;+62 878 1234 5678 / 0274 512345;1990-05-17;;;;;\r\n"
            "Budi S;0812 1111 2222;;;;;;\r\n"  # Budi already is a customer
            ";0813-7777-8888;;;;;;\r\n"  # no name
            "Rina;;;;;;;\r\n"  # no number
            "Dodi;12345;;;;;;\r\n"
            "Eka;0813 9000 0001;31-02-1990;;;;;\r\n"
            "Wati lagi;081255556666;;;;;;\r\n"  # the same number as row 2
            "Tono;0819-2000-3000;;;;;500.000,-;\r\n"
        ).encode()
    )
    p = preview(path)
    assert p.kind == "csv"
    assert statuses(p) == [
        (2, NEW), (3, NEW), (4, EXISTS), (5, ERROR), (6, ERROR), (7, ERROR), (8, ERROR),
        (9, DUPLICATE), (10, ERROR),
    ]  # fmt: skip
    m = {r.line: r.message for r in p.rows}
    assert m[2] == "Pelanggan baru."
    assert m[3] == "Bukan nomor HP, tidak disimpan: 0274 512345."
    assert m[4] == "Sudah terdaftar sebagai Budi Santoso (0812-1111-2222)."
    assert m[5] == "Nama tidak boleh kosong dan paling panjang 120 huruf."
    assert m[6] == "Nomor HP kosong."
    assert m[7] == "Nomor HP tidak dikenali: 12345."
    assert m[8] == "Tanggal lahir tidak dikenali: 31-02-1990. Tulis misalnya 17-08-1990."
    assert m[9] == "Nomor 0812-5555-6666 sama dengan baris 2; dilewati."
    assert m[10].startswith("Jumlah uang tidak valid: 500.000,-")
    assert p.columns["No. HP"] == "nomor HP" and p.columns["Batas Kasbon"] == "batas kasbon"
    assert p.ignored_columns == ["Kolom Saya"]
    assert any("Izin WhatsApp tidak dinyalakan" in n for n in p.notes)
    assert Customer.select().count() == 2  # the preview wrote nothing

    with pytest.raises(ImportRefused, match=r"5 baris salah \(baris 5: Nama tidak boleh kosong"):
        apply(p, owner)
    assert Customer.select().count() == 2

    done = apply(p, owner, skip_errors=True)
    assert (done.added, done.existing, done.duplicates) == (2, 1, 1)
    assert [r.line for r in done.skipped] == [5, 6, 7, 8, 10]
    wati = customer.by_phone("0812-5555-6666")
    assert (wati.name, wati.birthday, wati.credit_limit, wati.wa_consent) == (
        "Ibu Wati",
        date(1985, 8, 17),
        200_000,
        False,
    )
    assert (wati.notes, wati.tags, customer.main_address(wati.id)) == (
        "langganan gas",
        "arisan",
        "Jl. Kenanga 5, Sleman",
    )
    joko = customer.by_phone("087812345678")
    assert joko.birthday == date(1990, 5, 17) and customer.phones_of(joko.id) == []
    assert Customer.select().count() == 4
    [entry] = journal_of("import")
    assert entry | {"first_id": 0, "last_id": 0} == {
        "action": "import", "file": "pelanggan.csv", "count": 2, "first_id": 0, "last_id": 0,
        "existing": 1, "duplicates": 1, "skipped": 5, "approved_by": None,
        "credit_limits": {str(wati.id): 200_000},  # the limits it gave, sealed for verify
    }  # fmt: skip


def test_xlsx_with_numbers_and_dates_as_excel_stores_them(tmp_path, owner):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama Pelanggan", "WhatsApp", "HP Lain", "Ultah", "Keterangan"])
    sheet.append(["Siti Aminah", 81234567890, 85711112222, date(1979, 12, 1), "pesan kue"])  # leading 0 lost
    sheet.append(["Agus", "'0813-2222-0000", None, None, None])  # typed with an apostrophe
    sheet.append([None, None, None, None, None])
    sheet.append(["Dewi 🌸", 6281399990000.0, None, "17/08", None])  # a float; a birthday without year
    path = tmp_path / "daftar.xlsx"
    book.save(path)
    p = preview(path)
    assert p.kind == "xlsx"
    assert statuses(p) == [(2, NEW), (3, NEW), (5, NEW)]
    assert p.rows[0].message == "Pelanggan baru."
    assert p.rows[2].message == "Tanggal lahir tanpa tahun (17/08) tidak disimpan."
    assert apply(p, owner).added == 3
    siti = customer.by_phone("0812-3456-7890")
    assert (siti.birthday, siti.notes, customer.phones_of(siti.id)) == (
        date(1979, 12, 1),
        "pesan kue",
        ["6285711112222"],
    )
    assert customer.by_phone("0857-1111-2222").id == siti.id
    assert customer.by_phone("081322220000").name == "Agus"
    dewi = customer.by_phone("081399990000")
    assert (dewi.name, dewi.birthday) == ("Dewi 🌸", None)


def test_google_contacts_csv(tmp_path, book, owner):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,"
        "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,"
        "Address 1 - Type,Address 1 - Formatted\n"
        'Hendra Wijaya,Hendra,,Wijaya,1988-03-04,"suka kopi, tanpa gula",* myContacts ::: Pelanggan,'
        "* Home,h@example.com,Work,0274-555123,Mobile,+62 811-2000-3000 ::: +62 811-2000-4000,Home,"
        '"Jl. Kaliurang km 5\nYogyakarta"\n'
        ",Lina,,Marlina,--05-17,,* myContacts,,,Mobile,0896 1234 5678,,,,\n"
        "Sari (toko),,,,,,,,,Mobile,0813-3333-4444,,,,\n"
        "Kantor Pos,,,,,,,,,Work,(0274) 123456,,,,\n",
        encoding="utf-8",
    )
    p = preview(path)
    assert statuses(p) == [(2, NEW), (3, NEW), (4, EXISTS), (5, ERROR)]
    hendra, lina = p.rows[0].new, p.rows[1].new
    assert (hendra.name, hendra.phone, hendra.other_phones) == (
        "Hendra Wijaya",
        "6281120003000",
        ("6281120004000",),
    )
    assert (hendra.birthday, hendra.notes, hendra.tags) == (
        date(1988, 3, 4),
        "suka kopi, tanpa gula",
        "Pelanggan",
    )
    assert hendra.address == "Jl. Kaliurang km 5\nYogyakarta"
    assert (lina.name, lina.birthday) == ("Lina Marlina", None)
    assert p.rows[3].message == "Nomor HP tidak dikenali: (0274) 123456."
    assert "E-mail 1 - Value" in p.ignored_columns and "Phone 1 - Type" in p.ignored_columns
    assert apply(p, owner, skip_errors=True).added == 2


def test_new_google_contacts_layout(tmp_path, owner):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Middle Name,Last Name,Organization Name,Birthday,Labels,Phone 1 - Label,Phone 1 - Value\n"
        "Rudi,,Hartono,,1975-01-31,Langganan ::: * starred,Mobile,0812 7000 8000\n"
        ",,,Toko Maju,,,Mobile,0812 7000 9000\n",
        encoding="utf-8",
    )
    p = preview(path)
    assert [(r.status, r.name) for r in p.rows] == [(NEW, "Rudi Hartono"), (NEW, "Toko Maju")]
    assert p.rows[0].new.tags == "Langganan"


ANDROID_21 = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp(";Bu Siti 🌸;;;"),
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Bu Siti 🌸"),
        "TEL;HOME:0274-512345",
        "TEL;CELL:0812-3456-7890",
        "TEL;CELL;PREF:+6285712345678",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + qp("Langganan gas 3 kg setiap minggu, bayar di akhir bulan. Rumah cat hijau dekat masjid."),
        "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp(";;Jl. Mawar 3;Sleman;DIY;55281;Indonesia"),
        "BDAY:1980-05-04",
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcU",
        " FhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgo",
        "",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:;Pak RT;;;",
        "FN:Pak RT",
        "EMAIL;HOME:rt05@example.com",
        "END:VCARD",
        "",
    ]
)


def test_android_vcard_21_with_quoted_printable(tmp_path, owner):
    path = tmp_path / "00001.vcf"
    path.write_bytes(ANDROID_21.encode())
    p = preview(path)
    assert p.kind == "vcard"
    assert statuses(p) == [(1, NEW), (19, SKIPPED)]  # the note and address took 4 and 2 lines
    assert p.rows[1].message == "Kontak tanpa nomor HP dilewati."
    siti = p.rows[0].new
    assert siti.name == "Bu Siti 🌸"
    assert (siti.phone, siti.other_phones) == (
        "6281234567890",
        ("6285712345678",),
    )  # the first mobile is main
    assert (
        siti.notes == "Langganan gas 3 kg setiap minggu, bayar di akhir bulan. Rumah cat hijau dekat masjid."
    )
    assert siti.address == "Jl. Mawar 3, Sleman, DIY, 55281, Indonesia"
    assert siti.birthday == date(1980, 5, 4) and siti.wa_consent is False
    assert p.rows[0].message == "Bukan nomor HP, tidak disimpan: 0274-512345."
    done = apply(p, owner)  # a contact without a number is no error: it is skipped with its reason
    assert (done.added, [r.line for r in done.skipped]) == (1, [19])


VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Gunawan;Andi;;;\r\n"
    "FN:Andi Gunawan\r\n"
    "item1.TEL;type=pref:0811-222-333\r\n"
    "TEL;type=WORK;type=VOICE:+62 21 5550 1234\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+62 812-9876-5432\r\n"
    "TEL;type=HOME:0813 1111 9999\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-09-12\r\n"
    "ADR;type=HOME:;;Jl. Magelang No. 10\\nRT 01/RW 02;Yogyakarta;;;Indonesia\r\n"
    "NOTE:Pesan nasi box\\, biasanya 50 porsi;\\nbayar transfer\r\n"
    "CATEGORIES:Katering,Langganan\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Yanti Kusuma Wardhani Putri Sekar Ayu Ningrum Salon Cantik Jalan Magelang Kilometer Lima Dekat\r\n"
    "  Pom Bensin\r\n"
    "TEL;TYPE=CELL:0878-4444-5555\r\n"
    "BDAY:19921105\r\n"
    "END:VCARD\r\n"
)


def test_vcard_30_with_several_numbers_and_folding(tmp_path, owner):
    path = tmp_path / "kontak.vcf"
    path.write_text(VCARD_30, encoding="utf-8")
    p = preview(path)
    assert statuses(p) == [(1, NEW), (15, NEW)]
    andi, yanti = p.rows[0].new, p.rows[1].new
    assert andi.name == "Andi Gunawan"
    assert andi.phone == "6281298765432"  # the CELL one, though another number came first
    assert andi.other_phones == ("62811222333", "6281311119999")
    assert andi.birthday is None  # Apple's 1604 = no year
    assert andi.address == "Jl. Magelang No. 10\nRT 01/RW 02, Yogyakarta, Indonesia"
    assert andi.notes == "Pesan nasi box, biasanya 50 porsi;\nbayar transfer"
    assert andi.tags == "Katering, Langganan"
    assert yanti.name.endswith("Dekat Pom Bensin") and yanti.birthday == date(1992, 11, 5)
    assert apply(p, owner).added == 2
    assert customer.by_phone("0813-1111-9999").name == "Andi Gunawan"


VCARD_40 = """BEGIN:VCARD
VERSION:4.0
FN:Mas Bayu 🛵 Ojol
N:Bayu;Mas;;;
TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+62-857-1111-2222
TEL;VALUE=uri;TYPE=cell:tel:+62-857-1111-3333
TEL;VALUE=uri;TYPE=home:tel:+62-274-888999
BDAY:--0517
NOTE:antar galon
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Budi dari HP
TEL;TYPE=cell:tel:+62-857-9999-0000
END:VCARD
"""


def test_vcard_40_uri_numbers_and_existing_customers(tmp_path, book, owner):
    path = tmp_path / "kontak.vcf"
    path.write_text(VCARD_40, encoding="utf-8")
    p = preview(path)
    assert statuses(p) == [(1, NEW), (11, EXISTS)]
    bayu = p.rows[0].new
    assert (bayu.name, bayu.phone, bayu.other_phones) == (
        "Mas Bayu 🛵 Ojol",
        "6285711112222",
        ("6285711113333",),
    )
    assert p.rows[0].message == (
        "Tanggal lahir tanpa tahun (--0517) tidak disimpan. Bukan nomor HP, tidak disimpan: +62-274-888999."
    )
    assert p.rows[1].message == "Sudah terdaftar sebagai Budi Santoso (0857-9999-0000)."
    assert p.rows[1].existing_id == book[0].id
    assert apply(p, owner).added == 1
    assert Customer.select().count() == 3  # Budi not doubled


def test_a_vcf_is_known_by_content_not_name(tmp_path, owner):
    path = tmp_path / "kontak.csv"
    path.write_text(VCARD_40, encoding="utf-8")
    assert preview(path).kind == "vcard"


def test_unusable_files_are_refused(tmp_path, owner):
    empty = tmp_path / "kosong.vcf"
    empty.write_text("BEGIN:VCARD\nVERSION:3.0\n", encoding="utf-8")
    with pytest.raises(FileUnreadable, match="tidak ada kontak"):
        preview(empty)
    no_phone = tmp_path / "barang.csv"
    no_phone.write_text("nama;harga\nKopi;3500\n", encoding="utf-8")
    with pytest.raises(FileUnreadable, match="File barang.csv tidak bisa dibaca: tidak ada kolom nomor HP"):
        preview(no_phone)
    garbage = tmp_path / "foto.xlsx"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(FileUnreadable, match="gambar"):
        preview(garbage)


def many(tmp_path, count, start=0):
    path = tmp_path / f"banyak{start}.csv"
    lines = ["nama;hp"] + [f"Pelanggan {i};0812{7000_0000 + i:08d}" for i in range(start, start + count)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return preview(path)


def test_a_failure_in_the_middle_leaves_no_new_customer(tmp_path, owner, monkeypatch):
    p = many(tmp_path, 10)
    real, calls = customer_checks._create, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 6:
            raise peewee.OperationalError("database or disk is full")
        return real(*args)

    monkeypatch.setattr(customer_checks, "_create", failing)
    before = JournalEntry.select().count()
    with pytest.raises(StorageError, match="disk penuh"):
        apply(p, owner)
    assert (Customer.select().count(), CustomerPhone.select().count()) == (0, 0)
    assert JournalEntry.select().count() == before
    monkeypatch.setattr(customer_checks, "_create", real)
    assert apply(p, owner).added == 10


def test_a_number_taken_since_the_preview_refuses_the_whole_import(tmp_path, owner):
    p = many(tmp_path, 5)
    customer.create_customer("0812-7000-0003", "Diambil kasir lain")
    with pytest.raises(ImportRefused, match="baris 5: Nomor 0812-7000-0003 sudah dipakai pelanggan Diambil"):
        apply(p, owner)
    assert Customer.select().count() == 1


def test_permissions(tmp_path, owner, cashier):
    path = tmp_path / "kasbon.csv"
    path.write_text("nama;hp;batas kasbon\nAni;0812-1000-2000;100000\n", encoding="utf-8")
    p = preview(path)
    with pytest.raises(PermissionDenied, match="Dewi tidak berhak mengubah pengaturan"):
        apply(p, cashier)
    assert Customer.select().count() == 0
    assert apply(p, cashier, approver=staff.owner_approval("1234")).added == 1
    assert journal_of("import")[0]["approved_by"] == "Bu Sri"
    assert apply(many(tmp_path, 2), cashier).added == 2  # without limits the cashier may import


def test_ten_thousand_contacts_in_one_go(tmp_path, owner):
    p = many(tmp_path, 10_000)
    assert len(p.to_add) == 10_000
    assert apply(p, owner).added == 10_000
    assert customer.by_phone("0812-7000-9999").name == "Pelanggan 9999"
    assert len(journal_of("import")) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("17-08-1990", (date(1990, 8, 17), False)),
        ("17/8/90", (date(1990, 8, 17), False)),
        ("1/2/05", (date(2005, 2, 1), False)),
        ("17.08.1990", (date(1990, 8, 17), False)),
        ("1990-08-17", (date(1990, 8, 17), False)),
        ("1990-08-17T00:00:00Z", (date(1990, 8, 17), False)),
        ("19900817", (date(1990, 8, 17), False)),
        ("17 Agustus 1990", (date(1990, 8, 17), False)),
        ("17 Agt 1990", (date(1990, 8, 17), False)),
        ("5 Mei 2001", (date(2001, 5, 5), False)),
        ("17-Aug-1990", (date(1990, 8, 17), False)),
        ("--0817", (None, True)),
        ("--08-17", (None, True)),
        ("17/08", (None, True)),
        ("", (None, False)),
    ],
)
def test_birthdays_as_people_write_them(text, expected):
    assert customer_import.parse_birthday(text) == expected


@pytest.mark.parametrize("text", ["31-02-1990", "kemarin", "17 Foo 1990", "--13-01", "1990-13-01"])
def test_bad_birthdays(text):
    with pytest.raises(ValueError):
        customer_import.parse_birthday(text)


def test_column_headings_in_both_languages():
    roles = customer_import.column_roles
    assert roles(["Nama", "No HP", "Tgl. Lahir", "Alamat", "Catatan", "Tag", "Batas Kasbon"]) == {
        0: "name", 1: "phone", 2: "birthday", 3: "address", 4: "notes", 5: "tags", 6: "credit_limit",
    }  # fmt: skip
    assert roles(["Name", "Phone", "Birthday", "Address", "Notes", "Tags", "Credit limit"]) == {
        0: "name", 1: "phone", 2: "birthday", 3: "address", 4: "notes", 5: "tags", 6: "credit_limit",
    }  # fmt: skip
    assert roles(["nama", "WA", "Telepon", "Ultah"]) == {0: "name", 1: "phone", 2: "phone", 3: "birthday"}
    assert roles(["Name", "Nama"]) == {0: "name"}  # a second name column is not used


NUMBERS = [f"0812{3000_0000 + i:08d}" for i in range(6)] + ["12345", "", "0274 512345"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["Ani", "Budi Santoso", "", "Çé 😀", "x" * 130]), st.sampled_from(NUMBERS)),
        max_size=12,
    ),
    fail_at=st.one_of(st.none(), st.integers(min_value=1, max_value=8)),
    skip_errors=st.booleans(),
)
def test_apply_writes_every_valid_row_or_none(tmp_path_factory, owner, rows, fail_at, skip_errors):
    CustomerPhone.delete().execute()
    CustomerAddress.delete().execute()
    Customer.delete().execute()
    path = tmp_path_factory.mktemp("impor") / "p.csv"
    tabular.write_table(path, ["nama", "hp"], [list(r) for r in rows])
    p = preview(path)
    valid = [r for r in p.rows if r.status == NEW]
    real, calls = customer_checks._create, []

    def maybe_failing(*args):
        calls.append(1)
        if len(calls) == fail_at:
            raise peewee.OperationalError("disk I/O error")
        return real(*args)

    customer_checks._create = maybe_failing
    try:
        apply(p, owner, skip_errors=skip_errors)
        ok = True
    except (ImportRefused, StorageError):
        ok = False
    finally:
        customer_checks._create = real
    written = {c.phone: c.name for c in Customer.select()}
    if ok:
        assert written == {r.phone: r.name for r in valid}
        assert not p.errors or skip_errors
        assert fail_at is None or fail_at > len(valid)
    else:
        assert written == {}
        assert (p.errors and not skip_errors) or (fail_at is not None and fail_at <= len(valid))


def test_the_sample_contacts_file_shows_every_kind_of_row(owner):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "docs" / "samples" / "kontak.vcf"
    p = preview(sample)
    # line 48 has only a landline: a phone book's contact without a mobile number is skipped
    assert statuses(p) == [
        (1, NEW), (15, NEW), (22, SKIPPED), (29, NEW), (39, NEW), (48, SKIPPED), (53, DUPLICATE), (58, NEW),
    ]  # fmt: skip
    assert "0274-000505" in p.rows[5].message and not p.errors
    assert p.rows[0].name == "Bu Sri Wahyuni 🌸" and p.rows[1].other_phones == ("6285700000202",)
    assert apply(p, owner, skip_errors=True).added == 5
