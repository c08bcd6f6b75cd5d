"""Qt's own dialogs and buttons speak Indonesian in an Indonesian Kasir (#20: "Look in", "File name", "Save",
"Cancel" and OK/Cancel were English)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTreeView,
)

from pos.core import i18n
from ui import qt_words
from ui.widgets import files
from ui.widgets.boxes import DateEdit

# Qt asks for these too, but they are not words a person reads as English (key names, a layout hint).
NOT_WORDS = {
    ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    ("QShortcut", "Ctrl"),
    ("QShortcut", "Alt"),
    ("QShortcut", "Shift"),
    ("QFileDialog", "Alt+Left"),
    ("QFileDialog", "Alt+Right"),
    ("QFileDialog", "Alt+Up"),
    ("QFileDialog", "Show "),  # a prefix Qt glues to a column's name in a context menu
}
COVERED = {
    "QPlatformTheme",
    "QFileDialog",
    "QFileSystemModel",
    "QLineEdit",
    "QWidgetTextControl",
    "QMessageBox",
}


class Recorder(QTranslator):
    """Installed after Kasir's words, so Qt asks it first: it notes the question, the next one answers."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        self.asked.add((context, source))
        return None  # a null string: Qt asks the next translator

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture
def indonesian(qapp):
    qt_words.install(qapp)
    recorder = Recorder()
    QCoreApplication.installTranslator(recorder)
    was = i18n.language()
    i18n.set_language("id")
    yield recorder
    QCoreApplication.removeTranslator(recorder)
    i18n.set_language(was)


def _bare(text: str) -> str:
    return text.replace("&", "")


def test_ok_cancel_yes_no_are_indonesian(indonesian, qtbot):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Save
    )
    qtbot.addWidget(box)
    assert sorted(_bare(b.text()) for b in box.buttons()) == ["Batal", "OK", "Simpan", "Tutup"]
    ask = QMessageBox(
        QMessageBox.Icon.Question,
        "Kasir",
        "Hapus?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(ask)
    assert sorted(_bare(b.text()) for b in ask.buttons()) == ["Tidak", "Ya"]


def test_the_file_dialog_has_no_english_left(indonesian, qtbot, tmp_path):
    (tmp_path / "penjualan.csv").write_text("a\n")
    box = files._dialog(None, "Simpan laporan", "CSV (*.csv)", saving=True)
    qtbot.addWidget(box)
    box.setDirectory(str(tmp_path))
    box.show()
    qtbot.waitExposed(box)
    tree = box.findChild(QTreeView)
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) > 0)
    shown = {
        _bare(w.text()) for w in box.findChildren(QLabel) + box.findChildren(QAbstractButton) if w.isVisible()
    }
    assert {"Cari di:", "Nama file:", "Jenis file:", "Simpan", "Batal"} <= shown
    header = tree.model()
    names = [header.headerData(c, Qt.Orientation.Horizontal) for c in range(header.columnCount())]
    assert names == ["Nama", "Ukuran", "Jenis", "Diubah"]
    for edit in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        assert {"Salin", "Tempel", "Pilih semua"} <= {_bare(a.text()).split("\t")[0] for a in menu.actions()}
    assert ("QFileSystemModel", "Name") in indonesian.asked  # the recorder hears Qt's questions
    missing = {
        pair
        for pair in indonesian.asked
        if pair[0] in COVERED and pair not in NOT_WORDS and pair not in qt_words.WORDS
    }
    assert missing == set(), "Qt asked for words Kasir does not have in Indonesian"


def test_the_calendar_names_its_months_in_indonesian(indonesian, qtbot):
    until = DateEdit()
    qtbot.addWidget(until)
    assert until.locale().monthName(12) == "Desember"


def test_english_kasir_keeps_qt_english(indonesian, qtbot):
    i18n.set_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert _bare(box.buttons()[0].text()) == "Cancel"


def test_the_file_dialogs_places_are_readable_in_kasirs_theme(qapp, qtbot, tmp_path):
    """The theme's dark sidebar once matched the file dialog's own list of places (named "sidebar" too)."""
    from PySide6.QtWidgets import QListView

    from ui import theme

    theme.apply(qapp)
    box = files._dialog(None, "Simpan laporan", "CSV (*.csv)", saving=True)
    qtbot.addWidget(box)
    box.setDirectory(str(tmp_path))
    box.show()
    qtbot.waitExposed(box)
    places = box.findChild(QListView, "sidebar")
    image = places.viewport().grab().toImage()
    assert image.pixelColor(image.width() - 3, image.height() - 3).lightness() > 160  # light: dark text reads
