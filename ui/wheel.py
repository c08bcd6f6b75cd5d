"""The mouse wheel scrolls the page; it changes a combo box or a number box only once that box has focus.

Qt lets a wheel passing over a combo or spin box change its value: scrolling down Pengaturan silently set
*Pembulatan tunai* to Rp 1.000. One filter on the application holds for every screen: over an unfocused box
the wheel scrolls the nearest scroll area instead (or does nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.verticalScrollBar().isVisible():
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the box's own value never moves under a passing wheel


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    """Once per application (idempotent)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
