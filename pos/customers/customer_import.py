"""Bringing the shop's own customer list into Kasir: a CSV/XLSX the owner keeps (columns named in Bahasa
Indonesia or English, also Google Contacts' export) or a phone's contacts export (vCard .vcf 2.1/3.0/4.0).

`preview(path)` reads the file and says for every row what would happen — new, already a customer
(matched by any normalised number; shown, never doubled), a repeat inside the file, or an error with
its line — and writes nothing. `apply(preview, user)` then writes every new customer in one transaction
and one journal entry: all of them or none. Imported contacts never get WhatsApp consent: nobody asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from db.models import User
from pos.core import journal, phone, staff, tabular
from pos.core.errors import FileUnreadable, InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import parse_rupiah
from pos.core.text import clean, fold
from pos.core.tx import service
from pos.customers import customer_checks
from pos.customers.vcard import is_vcard, read_cards

NEW, EXISTS, DUPLICATE, ERROR, SKIPPED = "new", "exists", "duplicate", "error", "skipped"
STATUS_NAMES = {
    NEW: N_("Baru"),
    EXISTS: N_("Sudah ada"),
    DUPLICATE: N_("Ganda di file"),
    ERROR: N_("Salah"),
    SKIPPED: N_("Dilewati"),
}
CONSENT_NOTE = N_(
    "Izin WhatsApp tidak dinyalakan untuk kontak yang diimpor (mereka belum ditanya). Nyalakan per "
    "pelanggan lewat Ubah… setelah pelanggan setuju."
)

# Column headings, compared folded with punctuation as spaces ("No. HP" -> "no hp").
_COLUMNS = {
    "name": {
        "nama", "name", "nama pelanggan", "nama lengkap", "full name", "customer", "customer name",
        "pelanggan", "nama customer", "nama kontak", "contact name", "display name",
    },
    "given": {"given name", "first name", "nama depan"},
    "middle": {"additional name", "middle name", "nama tengah"},
    "family": {"family name", "last name", "surname", "nama belakang", "nama keluarga"},
    "org": {"organization name", "organization 1 name", "company", "perusahaan", "nama toko", "nama usaha"},
    "phone": {
        "hp", "no hp", "nomor hp", "nomer hp", "no handphone", "nomor handphone", "handphone", "ponsel",
        "no ponsel", "nomor ponsel", "telepon", "telp", "tlp", "no telp", "no tlp", "nomor telepon",
        "no telepon", "telepon seluler", "phone", "phone number", "mobile", "mobile phone", "cell",
        "cell phone", "primary phone", "home phone", "business phone", "whatsapp", "wa", "no wa",
        "nomor wa", "no whatsapp", "nomor whatsapp", "hp wa", "no hp wa", "nomor hp wa", "nomor", "nomer",
    },
    "other_phone": {
        "hp lain", "no hp lain", "nomor hp lain", "nomor lain", "telepon lain", "hp 2", "no hp 2",
        "other phone", "other phones", "phone 2", "mobile 2", "other",
    },
    "birthday": {
        "tanggal lahir", "tgl lahir", "tgllahir", "lahir", "ultah", "ulang tahun", "tanggal ulang tahun",
        "tgl ultah", "birthday", "birth date", "birthdate", "date of birth", "dob",
    },
    "address": {
        "alamat", "alamat rumah", "alamat lengkap", "address", "home address", "address 1 formatted",
        "home street",
    },
    "notes": {"catatan", "notes", "note", "keterangan", "ket"},
    "tags": {"tag", "tags", "label", "labels", "kelompok", "grup", "group", "group membership", "kategori"},
    "credit_limit": {
        "batas kasbon", "limit kasbon", "plafon kasbon", "batas utang", "batas hutang", "credit limit",
        "kasbon limit", "limit",
    },
}  # fmt: skip
_PHONE_N = re.compile(r"^(?:phone|telepon|hp) \d+(?: value)?$")  # Google: "Phone 1 - Value"
_SPLIT_NUMBERS = re.compile(r"\s*(?::::|/|,|;|\n|\|| atau | or |&)\s*")
_MONTHS = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7, "agu": 8,
    "agt": 8, "ags": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}  # fmt: skip


@dataclass(frozen=True)
class ImportRow:
    line: int  # the row Excel shows, or the line of BEGIN:VCARD in a .vcf
    status: str  # NEW | EXISTS | DUPLICATE | ERROR | SKIPPED
    message: str  # what happens to it, in the shop's language
    name: str
    phone: str = ""  # the main number, normalised, when there is one
    other_phones: tuple[str, ...] = ()
    new: customer_checks.NewCustomer | None = None  # the checked values of a NEW row
    existing_id: int | None = None  # the customer an EXISTS row already is

    @property
    def status_name(self) -> str:
        return _(STATUS_NAMES[self.status])


@dataclass(frozen=True)
class ImportPreview:
    path: str
    kind: str  # "csv", "xlsx" or "vcard"
    rows: list[ImportRow]
    columns: dict[str, str] = field(default_factory=dict)  # heading -> what it was read as
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said above the rows

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def to_add(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == NEW]

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == ERROR]


@dataclass(frozen=True)
class ImportResult:
    added: int
    customer_ids: list[int]
    existing: int  # already customers, left as they were
    duplicates: int  # repeats inside the file
    skipped: list[ImportRow]  # errors skipped on request, and contacts without a number


@dataclass
class _Contact:
    """One row of any source, before the rules: texts as found."""

    line: int
    name: str = ""
    numbers: list[str] = field(default_factory=list)  # in order: the first mobile one becomes the main
    birthday: str = ""
    address: str = ""
    notes: str = ""
    tags: str = ""
    credit_limit: str = ""


class ImportRefused(PosError):
    template = N_("Impor dibatalkan: {why}")


# --- reading ---------------------------------------------------------------------------------------


def _heading(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def column_roles(headers: Sequence[str]) -> dict[int, str]:
    """Which column is what: {index: role}. A second name or limit column is not used; every phone
    column is (in order)."""
    roles: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _heading(header)
        if not key:
            continue
        role = next((r for r, names in _COLUMNS.items() if key in names), None)
        if role is None and _PHONE_N.match(key):
            role = "phone"
        if role is None:
            continue
        if role in ("phone", "other_phone") or role not in roles.values():
            roles[index] = role
    return roles


def _table_contacts(table: tabular.Table, path: Path) -> tuple[list[_Contact], dict[str, str], list[str]]:
    roles = column_roles(table.headers)
    found = set(roles.values())
    if not found & {"phone", "other_phone"}:
        raise FileUnreadable(
            name=path.name,
            why=_(
                "tidak ada kolom nomor HP (judul kolom yang dikenali misalnya: nama, no hp, whatsapp, phone)"
            ),
        )
    contacts = []
    for row in table.rows:
        c = _Contact(row.line)
        parts: dict[str, str] = {}
        for index, role in roles.items():
            value = row.cells[index] if index < len(row.cells) else ""
            if role in ("phone", "other_phone"):
                c.numbers.extend(n for n in _SPLIT_NUMBERS.split(value) if n.strip())
            elif role == "tags":
                labels = [
                    t.strip()
                    for t in re.split(r":::|,", value)
                    if t.strip() and not t.strip().startswith("*")
                ]
                c.tags = ", ".join(labels)
            else:
                parts[role] = value
        c.name = parts.get("name", "") or " ".join(
            p for p in (parts.get("given", ""), parts.get("middle", ""), parts.get("family", "")) if p
        )
        c.name = c.name or parts.get("org", "")
        c.birthday = parts.get("birthday", "")
        c.address = parts.get("address", "")
        c.notes = parts.get("notes", "")
        c.credit_limit = parts.get("credit_limit", "")
        contacts.append(c)
    used = {table.headers[i]: _(_ROLE_NAMES[r]) for i, r in roles.items()}
    ignored = [h for i, h in enumerate(table.headers) if h and i not in roles]
    return contacts, used, ignored


_ROLE_NAMES = {
    "name": N_("nama"),
    "given": N_("nama depan"),
    "middle": N_("nama tengah"),
    "family": N_("nama belakang"),
    "org": N_("nama usaha"),
    "phone": N_("nomor HP"),
    "other_phone": N_("nomor lain"),
    "birthday": N_("tanggal lahir"),
    "address": N_("alamat"),
    "notes": N_("catatan"),
    "tags": N_("tag"),
    "credit_limit": N_("batas kasbon"),
}


def _vcard_contacts(path: Path) -> list[_Contact]:
    contacts = []
    for card in read_cards(path):
        contacts.append(
            _Contact(
                card.line,
                card.name,
                list(card.mobile_first()),
                card.birthday,
                card.address,
                card.note,
                ", ".join(card.categories),
            )
        )
    return contacts


def parse_birthday(text: str) -> tuple[date | None, bool]:
    """'17-08-1990', '17/8/90', '1990-08-17', '19900817', '17 Agustus 1990', '17 Aug 1990' -> the date;
    a date without a year ('--08-17', '17/08') -> (None, True). Raises ValueError when not a date."""
    text = " ".join(str(text or "").split()).strip()
    if not text:
        return None, False
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"--(\d{2})-?(\d{2})", text):
        date(2000, int(m[1]), int(m[2]))  # a real day of the year, or ValueError
        return None, True
    elif m := re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})", text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if year < 100:
            year += 2000 if 2000 + year <= date.today().year else 1900
    elif m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})", text):
        date(2000, int(m[2]), int(m[1]))
        return None, True
    elif m := re.fullmatch(r"(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})", text):
        day, year = int(m[1]), int(m[3])
        month = _MONTHS.get(m[2][:3].lower(), 0)
    else:
        raise ValueError(text)
    if year == 1604:  # Apple's "no year"
        date(2000, month, day)
        return None, True
    return date(year, month, day), False


# --- the rules -------------------------------------------------------------------------------------


def _numbers(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """(valid mobile numbers normalised, in order, no repeats; the texts that are no mobile number)."""
    good: list[str] = []
    bad: list[str] = []
    for text in texts:
        text = text.strip().lstrip("'")  # '0812... typed so Excel keeps the leading zero
        try:
            number = phone.normalise(text)
        except InvalidInput:
            bad.append(text.strip())
            continue
        if number not in good:
            good.append(number)
    return good, bad


def _without_mobile(c: _Contact, name: str, bad: list[str], from_phone_book: bool) -> ImportRow:
    """A row with no mobile number: skipped from a phone book, else an error."""
    if bad and from_phone_book:  # a shop's or an office's landline in the phone: not a customer to add
        return ImportRow(
            c.line,
            SKIPPED,
            _("Tanpa nomor HP (hanya {text}); dilewati.").format(text=", ".join(bad)),
            name,
        )
    if bad:
        return ImportRow(
            c.line, ERROR, _("Nomor HP tidak dikenali: {text}.").format(text=", ".join(bad)), name
        )
    if from_phone_book:
        return ImportRow(c.line, SKIPPED, _("Kontak tanpa nomor HP dilewati."), name)
    return ImportRow(c.line, ERROR, _("Nomor HP kosong."), name)


def _judge(c: _Contact, seen: dict[str, int], from_phone_book: bool) -> ImportRow:
    name = clean(c.name)
    good, bad = _numbers(c.numbers)
    if not good:
        return _without_mobile(c, name, bad, from_phone_book)
    main, others = good[0], tuple(good[1:])
    for number in good:
        if number in seen:
            return ImportRow(
                c.line,
                DUPLICATE,
                _("Nomor {number} sama dengan baris {line}; dilewati.").format(
                    number=phone.local_form(number), line=seen[number]
                ),
                name,
                main,
                others,
            )
    for number in good:
        seen[number] = c.line
    for number in good:
        held = customer_checks.holder(number)
        if held is not None:
            shown = held.merged_into if held.merged_into_id else held
            who = shown.name if shown.active else f"{shown.name} ({_('nonaktif')})"
            return ImportRow(
                c.line,
                EXISTS,
                _("Sudah terdaftar sebagai {name} ({number}).").format(
                    name=who, number=phone.local_form(number)
                ),
                name,
                main,
                others,
                existing_id=shown.id,
            )
    notes = []
    try:
        birthday, no_year = parse_birthday(c.birthday)
    except ValueError:
        return ImportRow(
            c.line,
            ERROR,
            _("Tanggal lahir tidak dikenali: {text}. Tulis misalnya 17-08-1990.").format(text=c.birthday),
            name,
            main,
            others,
        )
    if no_year:
        notes.append(_("Tanggal lahir tanpa tahun ({text}) tidak disimpan.").format(text=c.birthday))
    try:
        limit = parse_rupiah(c.credit_limit) if c.credit_limit.strip() else 0
        new = customer_checks.checked(
            main,
            c.name,
            other_phones=others,
            birthday=birthday,
            address=c.address,
            wa_consent=False,
            credit_limit=limit,
            notes=c.notes,
            tags=c.tags,
        )
    except PosError as exc:
        return ImportRow(c.line, ERROR, exc.text, name, main, others)
    if bad:
        notes.append(_("Bukan nomor HP, tidak disimpan: {numbers}.").format(numbers=", ".join(bad)))
    message = " ".join(notes) or _("Pelanggan baru.")  # the status column says "Baru" already
    return ImportRow(c.line, NEW, message, new.name, main, others, new)


def preview(path: str | Path) -> ImportPreview:
    """What importing this file would do, row by row. Writes nothing. Raises FileUnreadable for a file
    that is no table nor vCard, or a table without a phone column."""
    path = Path(path)
    columns: dict[str, str] = {}
    ignored: list[str] = []
    if is_vcard(path):
        kind, contacts = "vcard", _vcard_contacts(path)
    else:
        table = tabular.read_table(path)
        with path.open("rb") as fh:
            kind = "xlsx" if fh.read(4) == b"PK\x03\x04" else "csv"
        contacts, columns, ignored = _table_contacts(table, path)
    seen: dict[str, int] = {}
    rows = [_judge(c, seen, kind == "vcard") for c in contacts]
    notes = [_(CONSENT_NOTE)]
    if ignored:
        notes.append(_("Kolom yang tidak dipakai: {names}.").format(names=", ".join(ignored)))
    return ImportPreview(str(path), kind, rows, columns, ignored, notes)


@service
def apply(
    preview: ImportPreview, user: User, skip_errors: bool = False, approver: staff.Approval | None = None
) -> ImportResult:
    """Write every NEW row of the preview in one transaction and one journal entry ('add_customer';
    'settings' or the owner's approval when a row carries a kasbon limit). Refused while the preview
    has errors, unless `skip_errors` (they are skipped and listed). A number someone took since the
    preview refuses the whole import: nothing is written."""
    approved = staff.require(user, "add_customer", approver)
    errors = preview.errors
    if errors and not skip_errors:
        first = errors[0]
        raise ImportRefused(
            why=_(
                "{n} baris salah (baris {line}: {message}). Perbaiki filenya, atau impor tanpa baris itu."
            ).format(n=len(errors), line=first.line, message=first.message)
        )
    rows = preview.to_add
    if any(r.new is not None and r.new.credit_limit for r in rows):
        approved = staff.require(user, "settings", approver) or approved
    ids = []
    for row in rows:
        assert row.new is not None
        try:
            ids.append(customer_checks.insert_checked(row.new))
        except PosError as exc:
            raise ImportRefused(
                why=_("baris {line}: {message} Tidak ada yang diimpor; buka pratinjau lagi.").format(
                    line=row.line, message=exc.text
                )
            ) from exc
    skipped = [r for r in preview.rows if r.status in (ERROR, SKIPPED)]
    if ids:
        journal.append(
            "customer",
            {
                "action": "import",
                "file": Path(preview.path).name,
                "count": len(ids),
                "first_id": ids[0],
                "last_id": ids[-1],
                "existing": preview.count(EXISTS),
                "duplicates": preview.count(DUPLICATE),
                "skipped": len(skipped),
                "credit_limits": {  # the limits it gave (every other customer it added: none), for verify
                    str(cid): r.new.credit_limit
                    for cid, r in zip(ids, rows, strict=True)
                    if r.new and r.new.credit_limit
                },
                "approved_by": approved.name if approved else None,
            },
            user=user.name,
        )
    return ImportResult(len(ids), ids, preview.count(EXISTS), preview.count(DUPLICATE), skipped)
