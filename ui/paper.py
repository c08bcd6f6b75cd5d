"""Receipt rows painted with QPainter: the on-screen preview and printing on a system printer (QPrinter).

Same rows as the PDF and ESC/POS renderers (receipts.layout), so what the preview shows is what prints.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from receipts.layout import Row, wrap
from ui.widgets.qr import matrix

MM = 1 / 25.4  # inches per millimetre


class RowPainter:
    def __init__(self, width_mm: int, dpi: float) -> None:
        self.dpi = dpi
        self.width = width_mm * MM * dpi
        self.margin = 3 * MM * dpi
        self.inner = self.width - 2 * self.margin
        base = 7.5 if width_mm <= 58 else 8.5
        self.fonts = {
            "": self._font(base, False),
            "bold": self._font(base + 1.5, True),
            "title": self._font(base + 3, True),
        }
        self.qr_side = min(32 * MM * dpi, self.inner * 0.7)

    def _font(self, points: float, bold: bool) -> QFont:
        font = QFont("DejaVu Sans")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPixelSize(max(1, round(points / 72 * self.dpi)))
        font.setBold(bold)
        return font

    def _lines(self, text: str, font: QFont, width: float) -> list[str]:
        metrics = QFontMetricsF(font)
        average = max(metrics.averageCharWidth(), 1.0)
        columns = max(8, int(width / average))
        lines = wrap(text, columns)
        while any(metrics.horizontalAdvance(line) > width for line in lines) and columns > 8:
            columns -= 1
            lines = wrap(text, columns)
        return lines

    def _pair_lines(self, row: Row, font: QFont, indent: float) -> list[tuple[str, str]]:
        """As receipts.pdf_receipt: one line when both fit, else wrap the left and give the amount room."""
        metrics = QFontMetricsF(font)
        left, right = row[1].strip() if indent else row[1], row[2]
        gap, right_w = 2 * MM * self.dpi, metrics.horizontalAdvance(right)
        width = self.inner - indent
        if metrics.horizontalAdvance(left) + gap + right_w <= width:
            return [(left, right)]
        parts = self._lines(left, font, width)
        if metrics.horizontalAdvance(parts[-1]) + gap + right_w <= width:
            return [(p, "") for p in parts[:-1]] + [(parts[-1], right)]
        return [(p, "") for p in parts] + [("", right)]

    def height(self, row: Row) -> float:
        return self.paint(None, row, 0.0)

    def paint(self, painter: QPainter | None, row: Row, top: float) -> float:
        """Paint `row` at `top` (or only measure it when painter is None); returns its height."""
        kind = row[0]
        font = self.fonts["title" if kind == "title" else "bold" if kind == "bold_pair" else ""]
        lead = QFontMetricsF(font).height() * 1.05
        if painter is not None:
            painter.setFont(font)
        y = top
        if kind in ("title", "center", "text"):
            indent = 3 * MM * self.dpi if kind == "text" and row[1].startswith("  ") else 0
            for line in self._lines(row[1].strip() if indent else row[1], font, self.inner - indent):
                if painter is not None:
                    align = Qt.AlignmentFlag.AlignLeft if kind == "text" else Qt.AlignmentFlag.AlignHCenter
                    painter.drawText(QRectF(self.margin + indent, y, self.inner - indent, lead), align, line)
                y += lead
        elif kind in ("pair", "bold_pair"):
            indent = 3 * MM * self.dpi if row[1].startswith("  ") else 0
            for left, right in self._pair_lines(row, font, indent):
                if painter is not None:
                    painter.drawText(
                        QRectF(self.margin + indent, y, self.inner - indent, lead),
                        Qt.AlignmentFlag.AlignLeft,
                        left,
                    )
                    if right:
                        painter.drawText(
                            QRectF(self.margin, y, self.inner, lead), Qt.AlignmentFlag.AlignRight, right
                        )
                y += lead
        elif kind == "rule":
            if painter is not None:
                pen = QPen(QColor("black"))
                pen.setStyle(Qt.PenStyle.DotLine)
                pen.setWidthF(max(1.0, self.dpi / 150))
                painter.setPen(pen)
                mid = y + lead * 0.3
                painter.drawLine(int(self.margin), int(mid), int(self.width - self.margin), int(mid))
                painter.setPen(QColor("black"))
            y += lead * 0.6
        elif kind == "qr":
            if painter is not None:
                modules = matrix(row[1])
                cell = self.qr_side / len(modules)
                left = (self.width - self.qr_side) / 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("black"))
                for r, line in enumerate(modules):
                    for c, dark in enumerate(line):
                        if dark:
                            painter.drawRect(QRectF(left + c * cell, y + r * cell, cell + 0.3, cell + 0.3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QColor("black"))
            y += self.qr_side + 2 * MM * self.dpi
        elif kind == "logo":
            image = QImage(row[1])
            if not image.isNull():
                height = 14 * MM * self.dpi
                if painter is not None:
                    scaled = image.scaled(
                        int(self.inner),
                        int(height),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                    painter.drawImage(int((self.width - scaled.width()) / 2), int(y), scaled)
                y += height + 2 * MM * self.dpi
        else:
            y += lead * 0.5
        return y - top


def render(rows: list[Row], width_mm: int = 58, dpi: float = 150) -> QImage:
    """The rows as a white paper image (the preview)."""
    paper = RowPainter(width_mm, dpi)
    height = sum(paper.height(row) for row in rows) + 2 * paper.margin
    image = QImage(int(paper.width), int(height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor("black"))
    top = paper.margin
    for row in rows:
        top += paper.paint(painter, row, top)
    painter.end()
    return image


def paint_on(painter: QPainter, rows: list[Row], width_mm: int, dpi: float) -> None:
    """Paint the rows on a printer page (page breaks are the printer driver's: thermal paper is a roll)."""
    paper = RowPainter(width_mm, dpi)
    painter.setPen(QColor("black"))
    top = paper.margin
    for row in rows:
        top += paper.paint(painter, row, top)
