"""Choosing a file to open or save, in Bahasa Indonesia (Qt ships no Indonesian catalogue: the file
dialog's own labels are set here). Tests replace `ask_open`, `ask_save` and `ask_folder` to answer without a
person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileInfo, QSettings, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from pos.core.i18n import _


class _NamesOnly(QAbstractFileIconProvider):
    """Icons and types from the name alone. Qt's own provider opens a file it cannot name by its ending
    (kasir.db-wal, kasir.db-shm) to read its first bytes; closing that file ends every lock this process
    holds on it (POSIX locks are per process), so another program opening the shop then took Kasir for
    gone, copied the log back and deleted it while Kasir kept writing its sales into the deleted file."""

    def __init__(self) -> None:
        super().__init__()
        self._base = QFileIconProvider()

    def icon(self, what: Any) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return self._base.icon(kind)
        return self._base.icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return _("Folder")
        return _("File {ending}").format(ending=info.suffix().upper()) if info.suffix() else _("File")


_names_only: _NamesOnly | None = None


def _new_box(parent: QWidget | None, title: str) -> QFileDialog:
    """Qt's own file dialog, which never opens a file to show it (see _NamesOnly)."""
    global _names_only
    if _names_only is None:
        _names_only = _NamesOnly()  # kept for the process: a dialog does not own its provider
    box = QFileDialog(parent, title)
    box.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    box.setIconProvider(_names_only)
    return box


def _dialog(parent: QWidget | None, title: str, filters: str, saving: bool) -> QFileDialog:
    box = _new_box(parent, title)
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
    """Where the last file was chosen (kept in QSettings), else the person's Documents folder (their home
    folder where there is none)."""
    saved = QSettings("Kasir", "Kasir").value("files/folder")
    if isinstance(saved, str) and Path(saved).is_dir():
        return saved
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def _chosen(box: QFileDialog) -> str:
    if not (box.exec() and box.selectedFiles()):
        return ""
    path = box.selectedFiles()[0]
    QSettings("Kasir", "Kasir").setValue("files/folder", str(Path(path).parent))
    return path


def _open(parent: QWidget | None, title: str, filters: str, folder: str = "") -> str:
    """A file to open; '' when cancelled. `folder`: where to start (else where the last file was)."""
    box = _dialog(parent, title, filters, saving=False)
    box.setDirectory(folder if folder and Path(folder).is_dir() else _folder())
    return _chosen(box)


def _save(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    box = _dialog(parent, title, filters, saving=True)
    box.setDirectory(_folder())
    box.selectFile(name)
    return _chosen(box)


def _choose_folder(parent: QWidget | None, title: str) -> str:
    """A folder to save several files in (posters, a price list); '' when cancelled."""
    box = _new_box(parent, title)
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


ask_open: Callable[..., str] = _open  # (parent, title, filters[, folder])
ask_save: Callable[[QWidget | None, str, str, str], str] = _save
ask_folder: Callable[[QWidget | None, str], str] = _choose_folder
