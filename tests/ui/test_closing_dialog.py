"""Closing the day's books from the report page: the closing dialog shows the journal's check code and
offers it to the owner by WhatsApp (a wa.me link with the code in its text)."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtGui import QDesktopServices

from pos.audit import anchor
from pos.core import journal
from pos.counter import shift
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from ui.reports.closing_dialog import ClosingDialog
from ui.reports.page import ReportPage
from ui.widgets import dialogs


def test_closing_today_shows_the_check_code_and_sends_it(window, owner, qtbot, monkeypatch):
    small_shop(owner)
    shift.close_shift(owner, {})
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, text: True)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    seen = {}

    def answer(dialog):
        seen["dialog"] = isinstance(dialog, ClosingDialog)
        seen["title"] = dialog.findChildren(type(dialog.message))[0].text()
        dialog.whatsapp_button.click()
        seen["message"] = dialog.message.text()
        dialog.accept()

    when_modal(qtbot, answer)
    page.close_today()
    seq, digest = journal.head()
    code = anchor.check_code(digest)
    assert seen["dialog"] and seen["title"] == f"Kode cek jurnal: {code}"
    assert "WhatsApp dibuka" in seen["message"]
    [url] = opened
    assert url.startswith("https://wa.me/6281200001111?text=")
    assert f"Jurnal #{seq}, kode cek {code}" in unquote(url)
