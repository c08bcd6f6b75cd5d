"""Kasir's icon (drawn in packaging/kasir.svg, rendered to these PNGs by packaging/make_icons.py): set on the
application, so that every window and dialog shows it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png(size: int) -> Path:
    """The icon drawn at `size` px (one of SIZES)."""
    return ICON_DIR / f"kasir-{size}.png"


def app_icon() -> QIcon:
    """Every size in one QIcon: Qt picks the sharpest for a title bar (16-32 px), a task bar or a dock."""
    from PySide6.QtGui import QIcon  # here: `kasir --install-desktop` (ui.icons.desktop) needs no Qt

    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(png(size)))
    return icon
