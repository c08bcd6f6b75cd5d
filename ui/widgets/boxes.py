"""The boxes whose value a mouse wheel could change (choices, numbers, dates), made safe for a shop's hands.

A wheel passing over a box on its way down a page must scroll the page, not change the box:
scrolling Pengaturan once set *Pembulatan tunai* to Rp 1.000. Qt turns the value of any box the pointer
is over; these turn it only for the box that has the focus (chosen by a click or Tab) and hand the wheel
to the page otherwise. Every screen builds its boxes from here (tests/test_layering.py checks), so none
is left out. A subclass, not an event filter on the application: such a filter runs Python for every
event of every widget, down to the last ones at exit, where it crashed PySide6 6.12.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox, QWidget

from pos.core import i18n


class _WheelWhenChosen:
    """Mixed in before the Qt class: the wheel changes the value only of the box that has the focus."""

    def _wheel_when_chosen(self) -> None:
        box: QWidget = self  # type: ignore[assignment]
        box.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus
        )  # not WheelFocus: a passing wheel does not take the focus

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()  # the page under it scrolls instead


class ComboBox(_WheelWhenChosen, QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        QComboBox.__init__(self, parent)
        self._wheel_when_chosen()


class SpinBox(_WheelWhenChosen, QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        QSpinBox.__init__(self, parent)
        self._wheel_when_chosen()


class DoubleSpinBox(_WheelWhenChosen, QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        QDoubleSpinBox.__init__(self, parent)
        self._wheel_when_chosen()


class DateEdit(_WheelWhenChosen, QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        QDateEdit.__init__(self, parent)
        self._wheel_when_chosen()
        if i18n.language() == "id":  # month and day names in the calendar, e.g. "Desember", "Sen"
            self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
