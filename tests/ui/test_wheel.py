"""A wheel passing over a box scrolls the page, never the box's value (#20: scrolling Pengaturan set the cash
rounding to Rp 1.000)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from ui.widgets.boxes import ComboBox, DateEdit, DoubleSpinBox, SpinBox


def _wheel(widget: QWidget, steps: int = -1) -> bool:
    """Send one wheel step; True when the box took it (False: Qt hands a real wheel to the page under it)."""
    pos = QPointF(5, 5)
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_a_passing_wheel_scrolls_the_page_and_leaves_the_boxes(qtbot, qapp):
    area = QScrollArea()
    page = QWidget()
    column = QVBoxLayout(page)
    rounding = ComboBox()
    rounding.addItems(["Rp 0", "Rp 100", "Rp 500", "Rp 1.000"])
    count = SpinBox()
    count.setValue(3)
    weight = DoubleSpinBox()
    weight.setValue(1.5)
    until = DateEdit()
    day = until.date()
    column.addWidget(rounding)
    column.addWidget(count)
    column.addWidget(weight)
    column.addWidget(until)
    for _ in range(30):
        column.addWidget(ComboBox())
    area.setWidget(page)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.setFocus()
    taken = [_wheel(box) for box in (rounding, count, weight, until)]
    assert (rounding.currentIndex(), count.value(), weight.value(), until.date()) == (0, 3, 1.5, day)
    assert taken == [False] * 4  # a real (spontaneous) wheel event then goes on to the scroll area
    rounding.setFocus()  # chosen on purpose: the wheel works on it
    qtbot.waitUntil(rounding.hasFocus)
    assert _wheel(rounding)
    assert rounding.currentIndex() == 1


def test_scrolling_pengaturan_leaves_the_cash_rounding(window, owner, qtbot):
    window.enter(owner)
    window.go("settings")
    page = window.pages.currentWidget()
    scroll = page.findChild(QScrollArea)
    before = page.rounding.currentIndex()
    scroll.setFocus()
    tax = page.tax_mode.currentIndex()
    for _ in range(3):
        assert not _wheel(page.rounding)
        assert not _wheel(page.tax_mode)
    assert (page.rounding.currentIndex(), page.tax_mode.currentIndex()) == (before, tax)
