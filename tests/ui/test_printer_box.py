"""Pengaturan → Printer: on Windows a printer installed there is chosen by its name (the list Windows gives),
kept in this machine's settings and printed to by that name; elsewhere the choice is not offered."""

from __future__ import annotations

import sys

import pytest

from tests.receipts.test_printer_windows import FakePywintypes, FakeSpooler
from ui.printing import PrintSettings
from ui.settings import printer_box
from ui.settings.printer_box import PrinterBox


@pytest.fixture
def windows(monkeypatch):
    from escpos.printer import win32raw

    fake = FakeSpooler(["Microsoft Print to PDF", "POS-58 Thermal"], default="Microsoft Print to PDF")
    monkeypatch.setitem(sys.modules, "win32print", fake)
    monkeypatch.setattr(win32raw, "win32print", fake, raising=False)
    monkeypatch.setattr(win32raw, "pywintypes", FakePywintypes, raising=False)
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", True)
    monkeypatch.setattr(printer_box, "windows_available", lambda: True)
    return fake


def test_without_windows_there_is_no_windows_printer_to_choose(qtbot, monkeypatch):
    monkeypatch.setattr(printer_box, "windows_available", lambda: False)
    box = PrinterBox()
    qtbot.addWidget(box)
    box.refresh()
    codes = [box.kind.itemData(i) for i in range(box.kind.count())]
    assert codes == ["none", "network", "usb", "serial", "file", "system"]
    assert "windows" not in [box.kitchen_kind.itemData(i) for i in range(box.kitchen_kind.count())]
    assert not box.form.isRowVisible(box.windows_name) and box.form.isRowVisible(box.address)


def test_a_windows_printer_is_chosen_by_name_saved_and_printed_to(qtbot, windows):
    box = PrinterBox()
    qtbot.addWidget(box)
    box.refresh()
    box.kind.setCurrentIndex(box.kind.findData("windows"))
    assert box.form.isRowVisible(box.windows_name) and not box.form.isRowVisible(box.address)
    names = [box.windows_name.itemText(i) for i in range(box.windows_name.count())]
    assert names == ["Microsoft Print to PDF", "POS-58 Thermal"]  # the default first
    box.windows_name.setCurrentIndex(1)
    box.save()
    saved = PrintSettings.load().receipt
    assert (saved.kind, saved.address) == ("windows", "POS-58 Thermal")

    box.test_print()
    assert box.result.text() == "Tes cetak terkirim."
    assert windows.written and windows.written[0].startswith(b"\x1b@Kasir\n")
    assert ("open", "POS-58 Thermal") in windows.calls

    again = PrinterBox()  # Pengaturan opened again: the saved printer is chosen
    qtbot.addWidget(again)
    again.refresh()
    assert again.kind.currentData() == "windows" and again.windows_name.currentData() == "POS-58 Thermal"


def test_a_saved_windows_printer_that_was_removed_is_shown_as_missing(qtbot, windows):
    from receipts.printer import PrinterConfig

    PrintSettings(receipt=PrinterConfig("windows", "Kasir Lama")).save()
    box = PrinterBox()
    qtbot.addWidget(box)
    box.refresh()
    assert box.windows_name.currentText() == "Kasir Lama (tidak terpasang)"
    assert box.collect().receipt.address == "Kasir Lama"  # kept until another is chosen
    box.test_print()
    assert "printer Windows 'Kasir Lama' tidak ada atau menolak mencetak" in box.result.text()
