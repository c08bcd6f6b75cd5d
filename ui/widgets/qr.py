"""A QR code drawn with QPainter from the qrcode library's module matrix (crisp at any size), on screen
or saved as a PNG."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


def matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


class QrWidget(QWidget):
    def __init__(self, text: str = "", size: int = 300, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.setMinimumSize(size, size)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.modules = matrix(text) if text else []
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._size, self._size)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(0, 0, side, side, Qt.GlobalColor.white)
        if not self.modules:
            return
        n = len(self.modules)
        cell = side / n
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self.modules):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
        painter.end()


def save_qris_png(payload: str, path: Path, side: int = 600) -> Path:
    """The QRIS as a picture to attach in WhatsApp (black modules on white, a quiet zone round it)."""
    modules = matrix(payload)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    cell = side / len(modules)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(int(x * cell), int(y * cell), int(cell) + 1, int(cell) + 1)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(path)
    return path
