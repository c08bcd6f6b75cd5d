"""Look and feel: large, touch-friendly controls, calm colours, rupiah in tabular figures."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

GREEN = "#1f7a4d"
GREEN_DARK = "#155c39"
RED = "#b3261e"
INK = "#1d2321"
MUTED = "#5f6b66"
PAPER = "#f6f7f5"

STYLE = f"""
QWidget {{ color: {INK}; font-size: 15px; }}
QMainWindow, QDialog {{ background: {PAPER}; }}
QPushButton {{ background: white; border: 1px solid #c9d1cc; border-radius: 8px; padding: 8px 14px;
  min-height: 34px; }}
QPushButton:hover {{ border-color: {GREEN}; }}
QPushButton:pressed {{ background: #e3efe8; }}
QPushButton:checked {{ background: #e3efe8; border: 2px solid {GREEN}; font-weight: 600; }}
QPushButton:disabled {{ color: #a0a8a4; background: #eef0ee; }}
QPushButton[role="primary"] {{ background: {GREEN}; color: white; border: none; font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: {GREEN_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #c9d3ce; color: #f4f6f5; }}
QPushButton[role="danger"] {{ color: {RED}; border-color: #e0b4b0; }}
QPushButton[role="danger"]:disabled {{ color: #c4a8a5; border-color: #e6dcdb; background: #eef0ee; }}
QPushButton[role="nav"] {{ text-align: left; border: none; border-radius: 6px; padding: 6px 14px;
  min-height: 32px; background: transparent; color: #dfe9e3; font-size: 16px; }}
QPushButton[role="nav"]:checked {{ background: {GREEN}; color: white; font-weight: 600; }}
QPushButton[role="nav"]:hover {{ background: #2c3b35; }}
QPushButton[role="tile"] {{ min-height: 64px; font-size: 15px; font-weight: 600; }}
QPushButton[role="key"] {{ min-height: 26px; padding: 8px 10px; }}
QPushButton[role="pin"] {{ min-height: 56px; min-width: 72px; font-size: 22px; }}
QFrame#navSidebar {{ background: #1d2a25; }}
QLabel#brand {{ color: white; font-size: 22px; font-weight: 700; padding: 6px 14px; }}
QLabel#muted, QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 22px; font-weight: 700; }}
QLabel[role="error"] {{ color: {RED}; font-weight: 600; }}
QLabel[role="total"] {{ font-size: 34px; font-weight: 700; color: {GREEN_DARK}; }}
QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit {{ background: white; border: 1px solid #c9d1cc;
  border-radius: 6px; padding: 6px 8px; min-height: 24px; }}
QLineEdit:focus, QAbstractSpinBox:focus {{ border: 2px solid {GREEN}; }}
QAbstractSpinBox {{ padding-right: 58px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ subcontrol-origin: border; width: 28px;
  background: #eef1ef; border-left: 1px solid #c9d1cc; }}
QAbstractSpinBox::up-button {{ subcontrol-position: center right; top: 0; bottom: 0;
  border-top-right-radius: 6px; border-bottom-right-radius: 6px; }}
QAbstractSpinBox::down-button {{ subcontrol-position: center right; right: 29px; top: 0; bottom: 0; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{ background: #dcebe2; }}
QAbstractSpinBox::up-button:pressed, QAbstractSpinBox::down-button:pressed {{ background: #cfe6da; }}
QAbstractSpinBox::up-arrow {{ image: url(@arrows@/up.svg); width: 12px; height: 8px; }}
QAbstractSpinBox::down-arrow {{ image: url(@arrows@/down.svg); width: 12px; height: 8px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off {{ image: url(@arrows@/up-off.svg); }}
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{
  image: url(@arrows@/down-off.svg); }}
QDateEdit[calendarPopup="true"] {{ padding-right: 24px; }}
QDateEdit::drop-down {{ subcontrol-origin: border; subcontrol-position: center right; width: 24px; top: 0;
  bottom: 0; border-left: 1px solid #e1e6e3; }}
QDateEdit::down-arrow {{ image: url(@arrows@/down.svg); width: 12px; height: 8px; }}
QComboBox {{ padding-right: 24px; }}
QComboBox::drop-down {{ subcontrol-origin: border; subcontrol-position: center right; width: 24px; top: 0;
  bottom: 0; border-left: 1px solid #e1e6e3; }}
QComboBox::down-arrow {{ image: url(@arrows@/down.svg); width: 12px; height: 8px; }}
QComboBox::down-arrow:disabled {{ image: url(@arrows@/down-off.svg); }}
QTableView {{ background: white; border: 1px solid #d6dcd8; gridline-color: #eceeed;
  selection-background-color: #cfe6da; selection-color: {INK}; }}
QHeaderView::section {{ background: #eef1ef; border: none; border-bottom: 1px solid #d6dcd8; padding: 6px;
  font-weight: 600; }}
QGroupBox {{ border: 1px solid #d6dcd8; border-radius: 8px; margin-top: 14px; padding: 10px;
  background: white; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; font-weight: 600; }}
QTabBar::tab {{ padding: 8px 16px; min-height: 24px; }}
*[touch="true"] QLineEdit, *[touch="true"] QComboBox, *[touch="true"] QAbstractSpinBox {{ min-height: 30px; }}
*[touch="true"] QTabBar::tab {{ min-height: 28px; }}
*[touch="true"] QTabBar QToolButton {{ min-width: 44px; min-height: 44px; }}
QTabBar::tab:selected {{ border-bottom: 3px solid {GREEN}; font-weight: 600; }}
"""


_ARROW = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="9" viewBox="0 0 14 9">'
    '<path d="{path}" fill="{colour}"/></svg>'
)
_ARROWS = {
    "up": ("M0 9 L7 0 L14 9 Z", INK),
    "down": ("M0 0 L14 0 L7 9 Z", INK),
    "up-off": ("M0 9 L7 0 L14 9 Z", "#b5bdb9"),
    "down-off": ("M0 0 L14 0 L7 9 Z", "#b5bdb9"),
}
_arrow_dir: Path | None = None


def arrows_dir() -> Path:
    """A folder with the arrow pictures the stylesheet draws in spin boxes and combo boxes: a styled
    QSpinBox draws no arrow of its own (Qt shows a dash), so it needs an image; written once a process."""
    global _arrow_dir
    if _arrow_dir is None or not (_arrow_dir / "up.svg").exists():
        folder = Path(tempfile.mkdtemp(prefix="kasir-theme-"))
        for name, (path, colour) in _ARROWS.items():
            (folder / f"{name}.svg").write_text(_ARROW.format(path=path, colour=colour), encoding="utf-8")
        atexit.register(shutil.rmtree, folder, True)
        _arrow_dir = folder
    return _arrow_dir


def stylesheet() -> str:
    """STYLE with the arrows' pictures in place."""
    return STYLE.replace("@arrows@", arrows_dir().as_posix())


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont("Noto Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(11)
    app.setFont(font)
    app.setStyleSheet(stylesheet())


def touch(widget):  # type: ignore[no-untyped-def]
    """Mark a screen used with fingers (the counter, payment): every button, input, combo and spin box in it
    is at least 44 px tall, and buttons 44 px wide (the stylesheet's [touch="true"] rules)."""
    widget.setProperty("touch", True)
    return widget


def role(widget, name: str):  # type: ignore[no-untyped-def]
    """Tag a widget with a style role (primary, danger, nav, tile, key, pin, title, muted, error, total); key
    is a touch button in a row of many (44 px tall, little padding). A label
    shows its text as plain text (a name with HTML in it is shown, never rendered) unless it asked for rich
    text itself."""
    widget.setProperty("role", name)
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
        widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text as plain text: for anything a person typed (names, paths, messages
    that quote them)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
