"""Qt's own words (OK/Cancel, the file dialog, a text box's right-click menu) in Bahasa Indonesia.

Qt ships no Indonesian catalogue, so its built-in dialogs spoke English in an Indonesian Kasir ("Look in",
"File name", "Cancel"). This is a translator for Qt's contexts, installed once on the
application: it answers while Kasir speaks Indonesian (pos.core.i18n.language() == "id") and steps aside in
English. A dictionary in Python, not a compiled .qm catalogue, so that no build step (lrelease) stands
between the source and the shop.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from pos.core import i18n

# (Qt's context, Qt's English source) -> Indonesian. The sources are Qt 6's, with their & accelerators.
WORDS: dict[tuple[str, str], str] = {
    **{
        ("QPlatformTheme", en): id_
        for en, id_ in {
            "OK": "OK",
            "Save": "Simpan",
            "Save All": "Simpan semua",
            "Open": "Buka",
            "&Yes": "&Ya",
            "Yes to &All": "Ya untuk &semua",
            "&No": "&Tidak",
            "N&o to All": "T&idak untuk semua",
            "Abort": "Hentikan",
            "Retry": "Coba lagi",
            "Ignore": "Abaikan",
            "Close": "Tutup",
            "Cancel": "Batal",
            "Discard": "Buang",
            "Don't Save": "Jangan simpan",
            "Close without Saving": "Tutup tanpa menyimpan",
            "Help": "Bantuan",
            "Apply": "Terapkan",
            "Reset": "Atur ulang",
            "Restore Defaults": "Kembalikan bawaan",
        }.items()
    },
    ("QMessageBox", "Show Details..."): "Lihat rincian...",
    ("QMessageBox", "Hide Details..."): "Sembunyikan rincian...",
    ("QMessageBox", "OK"): "OK",
    **{
        (context, en): id_
        for context in ("QLineEdit", "QWidgetTextControl")
        for en, id_ in {
            "&Undo": "&Urungkan",
            "&Redo": "&Ulangi",
            "Cu&t": "Po&tong",
            "&Copy": "&Salin",
            "&Paste": "&Tempel",
            "Delete": "Hapus",
            "Select All": "Pilih semua",
            "Copy &Link Location": "Salin a&lamat tautan",
        }.items()
    },
    **{
        ("QFileDialog", en): id_
        for en, id_ in {
            "&Look in:": "&Cari di:",
            "File &name:": "&Nama file:",
            "Files of &type:": "&Jenis file:",
            "&Open": "&Buka",
            "&Save": "&Simpan",
            "&Choose": "&Pilih",
            "Open": "Buka",
            "Save As": "Simpan sebagai",
            "Find Directory": "Pilih folder",
            "All Files (*)": "Semua file (*)",
            "Directories": "Folder",
            "Directory:": "Folder:",
            "Back": "Kembali",
            "Forward": "Maju",
            "Go back": "Kembali",
            "Go forward": "Maju",
            "Parent Directory": "Folder di atasnya",
            "Go to the parent directory": "Ke folder di atasnya",
            "Create New Folder": "Buat folder baru",
            "Create a New Folder": "Buat folder baru",
            "New Folder": "Folder baru",
            "&New Folder": "Folder &baru",
            "List View": "Daftar",
            "Detail View": "Rincian",
            "Change to list view mode": "Tampilkan sebagai daftar",
            "Change to detail view mode": "Tampilkan dengan rincian",
            "List of places and bookmarks": "Tempat dan penanda",
            "Sidebar": "Panel samping",
            "Files": "File",
            "&Rename": "&Ganti nama",
            "&Delete": "&Hapus",
            "Show &hidden files": "Tampilkan file &tersembunyi",
            "Recent Places": "Tempat terakhir",
            "My Computer": "Komputer",
            "Unknown": "Tidak diketahui",
            "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti dengan yang baru?",
            "%1\nFile not found.\nPlease verify the correct file name was given.": (
                "%1\nFile tidak ditemukan.\nPeriksa lagi nama filenya."
            ),
            "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
                "%1\nFolder tidak ditemukan.\nPeriksa lagi nama foldernya."
            ),
            "'%1' is write protected.\nDo you want to delete it anyway?": (
                "'%1' dilindungi dari perubahan.\nTetap hapus?"
            ),
            "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
            "Could not delete directory.": "Folder tidak bisa dihapus.",
        }.items()
    },
    **{
        ("QFileSystemModel", en): id_
        for en, id_ in {
            "Name": "Nama",
            "Size": "Ukuran",
            "Type": "Jenis",
            "Kind": "Jenis",
            "Date Modified": "Diubah",
            "Computer": "Komputer",
            "My Computer": "Komputer",
            "Invalid filename": "Nama file tidak sah",
        }.items()
    },
    ("QAbstractFileIconProvider", "Folder"): "Folder",
    ("QAbstractFileIconProvider", "Drive"): "Drive",
    ("QAbstractFileIconProvider", "File"): "File",
    ("QAbstractFileIconProvider", "%1 File"): "File %1",
    ("QInputDialog", "Enter a value:"): "Isi nilai:",
}


class QtWords(QTranslator):
    """Answers Qt's tr() calls from WORDS while Kasir speaks Indonesian; None (Qt's own English) otherwise."""

    def translate(  # noqa: D102 - Qt's signature
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if i18n.language() != "id":
            return None  # a null string, not "": Qt then keeps its own English
        return WORDS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_installed: list[QtWords] = []


def install(app: QCoreApplication) -> None:
    """Once per application (the translator asks the language at each call, so a language change needs no
    second install)."""
    if not _installed:
        words = QtWords(app)
        QCoreApplication.installTranslator(words)
        _installed.append(words)
