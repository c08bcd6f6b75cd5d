"""`kasir --install-desktop`: Kasir in the Linux desktop's menu for this user — the freedesktop entry
(applications/kasir.desktop, its Exec naming how this Kasir is started) and the icon in every size
(icons/hicolor/<N>x<N>/apps/kasir.png and scalable/apps/kasir.svg), under $XDG_DATA_HOME (~/.local/share when
unset). Run again, it writes the same files again (idempotent). No Qt here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "id.kasir.Kasir"  # the AppStream id (packaging/id.kasir.Kasir.metainfo.xml)
DESKTOP_FILE = "kasir.desktop"  # QGuiApplication.setDesktopFileName("kasir") in ui/app.py matches it
# X11 docks match a window to its entry by WM_CLASS: Qt gives (program name, applicationName "Kasir")

_ENTRY = """[Desktop Entry]
Type=Application
Version=1.4
Name=Kasir
GenericName=Point of Sale
GenericName[id]=Kasir toko
Comment=Offline point-of-sale with loyalty for small shops
Comment[id]=Kasir offline dengan program loyalitas untuk UMKM
Exec={exec}
Icon=kasir
Terminal=false
Categories=Office;Finance;
Keywords=POS;cashier;shop;receipt;kasir;toko;struk;warung;
StartupNotify=true
StartupWMClass=Kasir
"""


def data_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec ignores a relative one), else ~/.local/share."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def quote(arg: str) -> str:
    """One Exec argument as the Desktop Entry spec wants it: quoted (with \\ before " ` $ \\) when it holds a
    space or a character the spec reserves."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if arg and not any(c in reserved for c in arg):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def launcher(main_script: Path | None = None) -> list[str]:
    """How this Kasir starts: the frozen app itself; the `kasir` script of the environment it is installed in
    (pip install); else this Python running main.py (a source checkout)."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).parent / "kasir"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    if main_script is None:
        raise ValueError("main_script is needed outside an installed or frozen Kasir")
    return [str(Path(sys.executable).absolute()), str(Path(main_script).resolve())]


def desktop_entry(command: list[str]) -> str:
    """The text of kasir.desktop that starts `command` (packaging/kasir.desktop is this for ["kasir"])."""
    return _ENTRY.format(exec=" ".join(quote(arg) for arg in command))


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    return path


def install(command: list[str], root: Path | None = None) -> list[Path]:
    """Write the menu entry and the icons under `root` (data_home() by default); the paths written."""
    base = data_home() if root is None else root
    written = [
        _write(base / "applications" / DESKTOP_FILE, desktop_entry(command).encode("utf-8")),
        _write(
            base / "icons" / "hicolor" / "scalable" / "apps" / "kasir.svg",
            (ICON_DIR / "kasir.svg").read_bytes(),
        ),
    ]
    for size in SIZES:
        png = (ICON_DIR / f"kasir-{size}.png").read_bytes()
        written.append(_write(base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "kasir.png", png))
    return written
