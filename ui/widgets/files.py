"""Choosing a file to open or save, in Bahasa Indonesia (Qt ships no Indonesian catalogue: the file
dialog's own labels are set here). Tests replace `ask_open`, `ask_save` and `ask_folder` to answer without a
person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from pos.core.i18n import _


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


def _folder() -> str:
    """Where the last file was chosen (kept in QSettings), else the person's home folder."""
    saved = QSettings("Kasir", "Kasir").value("files/folder")
    return saved if isinstance(saved, str) and Path(saved).is_dir() else str(Path.home())


def _chosen(box: QFileDialog) -> str:
    if not (box.exec() and box.selectedFiles()):
        return ""
    path = box.selectedFiles()[0]
    QSettings("Kasir", "Kasir").setValue("files/folder", str(Path(path).parent))
    return path


def _open(parent: QWidget | None, title: str, filters: str) -> str:
    box = _dialog(parent, title, filters, saving=False)
    box.setDirectory(_folder())
    return _chosen(box)


def _save(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    box = _dialog(parent, title, filters, saving=True)
    box.setDirectory(_folder())
    box.selectFile(name)
    return _chosen(box)


def _choose_folder(parent: QWidget | None, title: str) -> str:
    """A folder to save several files in (posters, a price list); '' when cancelled."""
    box = QFileDialog(parent, title)
    box.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    box.setFileMode(QFileDialog.FileMode.Directory)
    box.setOption(QFileDialog.Option.ShowDirsOnly, True)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, _("Cari di:")),
        (QFileDialog.DialogLabel.FileName, _("Folder:")),
        (QFileDialog.DialogLabel.Accept, _("Pilih folder")),
        (QFileDialog.DialogLabel.Reject, _("Batal")),
    ):
        box.setLabelText(label, text)
    box.setDirectory(_folder())
    if not (box.exec() and box.selectedFiles()):
        return ""
    path = box.selectedFiles()[0]
    QSettings("Kasir", "Kasir").setValue("files/folder", path)
    return path


ask_open: Callable[[QWidget | None, str, str], str] = _open
ask_save: Callable[[QWidget | None, str, str, str], str] = _save
ask_folder: Callable[[QWidget | None, str], str] = _choose_folder
