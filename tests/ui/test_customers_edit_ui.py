"""The Pelanggan page as the owner and a cashier use it: add, edit (also from the profile), a refusal
shown in the dialog with nothing written, deactivate and show again, import a file after its preview."""

from __future__ import annotations

from db.models import Customer, JournalEntry
from pos.customers import customer
from tests.ui.conftest import when_modal
from ui.customers.edit_dialog import CustomerEditDialog
from ui.customers.import_dialog import CustomerImportDialog
from ui.customers.page import CustomersPage
from ui.widgets import dialogs, files


def open_page(window, user):
    window.enter(user)
    page = window.section(CustomersPage)
    window.open_section(window.sections.index(page))
    return page


def select(page, name):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data().startswith(name):
            page.table.selectRow(row)
            return
    raise AssertionError(f"{name} not listed")


def test_add_a_customer_with_every_field(window, owner, qtbot):
    page = open_page(window, owner)

    def fill(dialog):
        assert isinstance(dialog, CustomerEditDialog) and not dialog.consent.isChecked()
        dialog.name.setText("Ibu Wati")
        dialog.phone.setText("0812 5555 6666")
        dialog.others.setPlainText("0857-1111-2222\n\n0878 3333 4444")
        dialog.birthday.setText("17-08-1985")
        dialog.address.setPlainText("Jl. Kenanga 5\nRT 02/RW 05")
        dialog.notes.setPlainText("langganan gas 3 kg")
        dialog.tags.setText("arisan")
        dialog.consent.setChecked(True)
        dialog.limit.setText("200.000")
        dialog.ok.click()

    when_modal(qtbot, fill)
    page.add_button.click()
    wati = customer.by_phone("0857-1111-2222")
    form = customer.form(wati.id)
    assert (form.name, form.phone, form.other_phones) == (
        "Ibu Wati",
        "0812-5555-6666",
        ["0857-1111-2222", "0878-3333-4444"],
    )
    assert (str(form.birthday), form.address, form.notes, form.tags) == (
        "1985-08-17", "Jl. Kenanga 5\nRT 02/RW 05", "langganan gas 3 kg", "arisan",
    )  # fmt: skip
    assert (form.wa_consent, form.credit_limit) == (True, 200_000)
    assert page.message.text() == "Pelanggan Ibu Wati ditambahkan."
    assert page.model.rowCount() == 1 and page.model.rows[0].name == "Ibu Wati"


def test_a_refusal_is_shown_in_red_and_nothing_is_written(window, owner, qtbot):
    budi = customer.create_customer("0812-1111-2222", "Budi Santoso")
    ani = customer.create_customer("0813-4444-5555", "Ani")
    page = open_page(window, owner)
    select(page, "Ani")
    before = JournalEntry.select().count()
    seen = {}

    def refuse(dialog):
        assert dialog.name.text() == "Ani" and dialog.phone.text() == "0813-4444-5555"
        dialog.name.setText("Ani Lestari")
        dialog.others.setPlainText("0812-1111-2222")
        dialog.ok.click()
        seen["phone"] = dialog.error.text()
        dialog.others.setPlainText("")
        dialog.birthday.setText("31-02-1990")
        dialog.ok.click()
        seen["date"] = dialog.error.text()
        dialog.birthday.setText("17/08")
        dialog.ok.click()
        seen["year"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    when_modal(qtbot, refuse)
    page.edit_button.click()
    assert seen["phone"] == "Nomor 0812-1111-2222 sudah dipakai pelanggan Budi Santoso."
    assert seen["date"] == "Tanggal lahir tidak dikenali: 31-02-1990. Tulis misalnya 17-08-1990."
    assert seen["year"].startswith("Tulis tanggal lahir lengkap dengan tahunnya")
    assert seen["open"]
    assert customer.get(ani.id).name == "Ani" and customer.phones_of(ani.id) == []
    assert JournalEntry.select().count() == before
    assert customer.get(budi.id).name == "Budi Santoso"


def test_a_cashier_needs_the_owner_pin_for_a_kasbon_limit(window, owner, cashier, qtbot):
    sari = customer.create_customer("0813-2222-3333", "Sari")
    page = open_page(window, cashier)
    select(page, "Sari")
    seen = {}

    def edit(dialog):
        assert "butuh PIN pemilik" in dialog.limit_hint.text()
        dialog.limit.setText("100.000")
        when_modal(qtbot, lambda approval: approval.reject())  # the cashier has no PIN to give
        dialog.ok.click()
        seen["refused"] = dialog.error.text()

        def approve(approval):
            approval.pin.setText("1234")
            approval.submit()

        when_modal(qtbot, approve)
        dialog.ok.click()

    when_modal(qtbot, edit)
    page.edit_button.click()
    assert seen["refused"].startswith("Batas kasbon tidak diubah")
    assert customer.get(sari.id).credit_limit == 100_000
    assert "Data Sari disimpan." == page.message.text()


def test_deactivate_hide_show_and_activate(window, owner, qtbot, monkeypatch, qtmodeltester):
    customer.create_customer("0812-1111-2222", "Budi")
    customer.create_customer("0813-4444-5555", "Ani")
    page = open_page(window, owner)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, text: True)
    select(page, "Budi")
    assert page.active_button.text() == "Nonaktifkan"
    page.active_button.click()
    assert page.message.text() == "Budi dinonaktifkan."
    assert [r.name for r in page.model.rows] == ["Ani"]
    assert customer.search("budi") == []
    page.show_inactive.setChecked(True)
    assert sorted(r.name for r in page.model.rows) == ["Ani", "Budi"]
    qtmodeltester.check(page.model)
    select(page, "Budi (nonaktif)")
    assert page.active_button.text() == "Aktifkan"
    page.active_button.click()
    assert page.message.text() == "Budi aktif lagi." and customer.search("budi")[0].name == "Budi"


def test_edit_from_the_profile(window, owner, qtbot):
    budi = customer.create_customer("0812-1111-2222", "Budi")
    page = open_page(window, owner)
    select(page, "Budi")
    seen = {}

    def profile(dialog):
        def edit(editor):
            editor.name.setText("Budi <b>Santoso</b>")
            editor.ok.click()

        when_modal(qtbot, edit)
        dialog.edit_button.click()
        seen["title"] = dialog.name_label.text()
        seen["format"] = dialog.name_label.textFormat()
        dialog.reject()

    when_modal(qtbot, profile)
    page.open_profile()
    from PySide6.QtCore import Qt

    assert seen == {"title": "Budi <b>Santoso</b>", "format": Qt.TextFormat.PlainText}
    assert customer.get(budi.id).name == "Budi <b>Santoso</b>"
    assert page.model.rows[0].name == "Budi <b>Santoso</b>"  # the page refreshed through the hub


def test_import_preview_then_import(window, owner, qtbot, tmp_path, monkeypatch):
    customer.create_customer("0812-1111-2222", "Budi Santoso")
    path = tmp_path / "pelanggan.csv"
    path.write_bytes(
        "\ufeffNama;No HP;Ultah\r\nIbu Wati;0812-5555-6666;17-08-1985\r\nBudi;081211112222;\r\n"
        "Rina;;\r\nJoko;0878 1234 5678;\r\n".encode()
    )
    monkeypatch.setattr(files, "ask_open", lambda parent, title, filters: str(path))
    page = open_page(window, owner)
    seen = {}

    def preview(dialog):
        assert isinstance(dialog, CustomerImportDialog)
        dialog.choose()
        qtbot.waitUntil(lambda: dialog.shown is not None, timeout=5000)
        model = dialog.model
        seen["rows"] = [
            [model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())
        ]
        seen["blocked"] = (dialog.ok.isEnabled(), dialog.ok.text(), dialog.message.text())
        seen["before"] = Customer.select().count()
        dialog.skip_errors.setChecked(True)
        seen["ready"] = dialog.ok.isEnabled()
        dialog.ok.click()

    when_modal(qtbot, preview)
    page.import_button.click()
    assert seen["rows"] == [
        ["2", "Baru", "Ibu Wati", "0812-5555-6666", "", "Pelanggan baru."],
        ["3", "Sudah ada", "Budi", "0812-1111-2222", "",
         "Sudah terdaftar sebagai Budi Santoso (0812-1111-2222)."],
        ["4", "Salah", "Rina", "", "", "Nomor HP kosong."],
        ["5", "Baru", "Joko", "0878-1234-5678", "", "Pelanggan baru."],
    ]  # fmt: skip
    assert seen["blocked"][:2] == (False, "Impor 2 pelanggan") and "1 baris salah" in seen["blocked"][2]
    assert seen["before"] == 1 and seen["ready"]
    assert Customer.select().count() == 3
    assert page.message.text() == "2 pelanggan diimpor."
    assert sorted(r.name for r in page.model.rows) == ["Budi Santoso", "Ibu Wati", "Joko"]
    assert customer.by_phone("0812-5555-6666").wa_consent is False


def test_the_preview_model_and_an_unreadable_file(qtbot, owner, tmp_path, qtmodeltester):
    from pathlib import Path

    dialog = CustomerImportDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.open_file(str(Path(__file__).resolve().parents[2] / "docs" / "samples" / "kontak.vcf"))
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=5000)
    qtmodeltester.check(dialog.model)
    # the contact with only a landline is skipped, not wrong: nothing blocks the import
    assert dialog.ok.text() == "Impor 5 pelanggan" and dialog.ok.isEnabled()


def test_an_unreadable_file_is_said_in_the_dialog(qtbot, owner, tmp_path):
    path = tmp_path / "foto.vcf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    dialog = CustomerImportDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.open_file(str(path))
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
    assert dialog.message.text() == "File foto.vcf tidak bisa dibaca: ini gambar, bukan tabel."
    assert not dialog.ok.isEnabled()


def test_the_toolbar_fits_1366_by_768(window, owner):
    page = open_page(window, owner)
    window.resize(1366, 768)
    page.repaint()
    buttons = [
        page.add_button, page.edit_button, page.active_button, page.import_button, page.pay_button,
        page.wa_button, page.voucher_button, page.warranty_button, page.merge_button,
    ]  # fmt: skip
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()  # no label cut
        assert button.geometry().right() <= page.width()
    for box in (page.only_kasbon, page.show_inactive):
        assert box.width() >= box.sizeHint().width(), box.text()
