"""Choosing a file to open or save, in Bahasa Indonesia (Qt ships no Indonesian catalogue: the file
dialog's own labels are set here). Tests replace `ask_open` and `ask_save` to answer without a person."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from pos.i18n import _


def _dialog(parent: QWidget | None, title: str, filters: str, saving: bool) -> QFileDialog:
    box = QFileDialog(parent, title)
    box.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    box.setNameFilter(filters)
    box.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen)
    box.setFileMode(QFileDialog.FileMode.AnyFile if saving else QFileDialog.FileMode.ExistingFile)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, _("Cari di:")),
        (QFileDialog.DialogLabel.FileName, _("Nama file:")),
        (QFileDialog.DialogLabel.FileType, _("Jenis file:")),
        (QFileDialog.DialogLabel.Accept, _("Simpan") if saving else _("Buka")),
        (QFileDialog.DialogLabel.Reject, _("Batal")),
    ):
        box.setLabelText(label, text)
    return box


def _open(parent: QWidget | None, title: str, filters: str) -> str:
    box = _dialog(parent, title, filters, saving=False)
    return box.selectedFiles()[0] if box.exec() and box.selectedFiles() else ""


def _save(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    box = _dialog(parent, title, filters, saving=True)
    box.selectFile(name)
    return box.selectedFiles()[0] if box.exec() and box.selectedFiles() else ""


ask_open: Callable[[QWidget | None, str, str], str] = _open
ask_save: Callable[[QWidget | None, str, str, str], str] = _save
