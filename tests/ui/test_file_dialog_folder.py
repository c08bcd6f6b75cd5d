"""Where Kasir's file dialogs open: the folder of the last file chosen, else the person's Documents."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QStandardPaths

from ui.widgets import files


def _documents_at(monkeypatch, path) -> None:
    monkeypatch.setattr(
        files.QStandardPaths,
        "writableLocation",
        lambda where: str(path) if where == QStandardPaths.StandardLocation.DocumentsLocation else "",
    )


def test_the_first_file_dialog_opens_in_documents_not_where_kasir_was_started(qapp, tmp_path, monkeypatch):
    QSettings("Kasir", "Kasir").remove("files/folder")
    documents = tmp_path / "Dokumen"
    documents.mkdir()
    _documents_at(monkeypatch, documents)
    monkeypatch.chdir(tmp_path)
    assert files._folder() == str(documents)


def test_without_a_documents_folder_it_is_home_and_a_chosen_folder_is_kept(qapp, tmp_path, monkeypatch):
    QSettings("Kasir", "Kasir").remove("files/folder")
    _documents_at(monkeypatch, tmp_path / "tidak-ada")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert files._folder() == str(tmp_path)
    chosen = tmp_path / "laporan"
    chosen.mkdir()
    QSettings("Kasir", "Kasir").setValue("files/folder", str(chosen))
    try:
        assert files._folder() == str(chosen)
    finally:
        QSettings("Kasir", "Kasir").remove("files/folder")
