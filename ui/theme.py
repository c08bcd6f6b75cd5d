"""Look and feel: large, touch-friendly controls, calm colours, rupiah in tabular figures."""

from __future__ import annotations

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
QPushButton[role="nav"] {{ text-align: left; border: none; border-radius: 6px; padding: 10px 14px;
  background: transparent; color: #dfe9e3; font-size: 16px; }}
QPushButton[role="nav"]:checked {{ background: {GREEN}; color: white; font-weight: 600; }}
QPushButton[role="nav"]:hover {{ background: #2c3b35; }}
QPushButton[role="tile"] {{ min-height: 64px; font-size: 15px; font-weight: 600; }}
QPushButton[role="pin"] {{ min-height: 56px; min-width: 72px; font-size: 22px; }}
QFrame#sidebar {{ background: #1d2a25; }}
QLabel#brand {{ color: white; font-size: 22px; font-weight: 700; padding: 6px 14px; }}
QLabel#muted, QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 22px; font-weight: 700; }}
QLabel[role="error"] {{ color: {RED}; font-weight: 600; }}
QLabel[role="total"] {{ font-size: 34px; font-weight: 700; color: {GREEN_DARK}; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit {{ background: white; border: 1px solid #c9d1cc;
  border-radius: 6px; padding: 6px 8px; min-height: 24px; }}
QLineEdit:focus {{ border: 2px solid {GREEN}; }}
QTableView {{ background: white; border: 1px solid #d6dcd8; gridline-color: #eceeed;
  selection-background-color: #cfe6da; selection-color: {INK}; }}
QHeaderView::section {{ background: #eef1ef; border: none; border-bottom: 1px solid #d6dcd8; padding: 6px;
  font-weight: 600; }}
QGroupBox {{ border: 1px solid #d6dcd8; border-radius: 8px; margin-top: 14px; padding: 10px;
  background: white; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; font-weight: 600; }}
QTabBar::tab {{ padding: 8px 16px; min-height: 24px; }}
QTabBar::tab:selected {{ border-bottom: 3px solid {GREEN}; font-weight: 600; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont("Noto Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(11)
    app.setFont(font)
    app.setStyleSheet(STYLE)


def role(widget, name: str):  # type: ignore[no-untyped-def]
    """Tag a widget with a style role (primary, danger, nav, tile, pin, title, muted, error, total). A label
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
