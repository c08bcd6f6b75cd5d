"""Message boxes speak the shop's language and never render a name's HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import when_modal
from ui.widgets import dialogs


def test_questions_are_answered_with_ya_or_tidak_and_show_text_plainly(qtbot):
    seen = []

    def answer(box):
        assert isinstance(box, QMessageBox)
        seen.append(([b.text() for b in box.buttons()], box.textFormat(), box.text()))
        next(b for b in box.buttons() if b.text() == "Ya").click()

    when_modal(qtbot, answer)
    assert dialogs._ask_yes_no(None, "Hapus <b>Kopi</b>?") is True
    buttons, text_format, text = seen[0]
    assert sorted(buttons) == ["Tidak", "Ya"] and text_format == Qt.TextFormat.PlainText
    assert text == "Hapus <b>Kopi</b>?"

    def refuse(box):
        next(b for b in box.buttons() if b.text() == "Tidak").click()

    when_modal(qtbot, refuse)
    assert dialogs._ask_yes_no(None, "Yakin?") is False

    def ok(box):
        seen.append([b.text() for b in box.buttons()])
        box.buttons()[0].click()

    when_modal(qtbot, ok)
    dialogs._show_error(None, "Harga tidak valid")
    assert seen[-1] == ["OK"]
