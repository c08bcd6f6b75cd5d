"""A wheel passing over a box scrolls the page, never the box's value (#20: scrolling Pengaturan set the cash
rounding to Rp 1.000)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from ui import wheel


def _wheel(widget: QWidget, steps: int = -1) -> None:
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


def test_a_passing_wheel_scrolls_the_page_and_leaves_the_boxes(qtbot, qapp):
    wheel.install(qapp)
    area = QScrollArea()
    page = QWidget()
    column = QVBoxLayout(page)
    rounding = QComboBox()
    rounding.addItems(["Rp 0", "Rp 100", "Rp 500", "Rp 1.000"])
    count = QSpinBox()
    count.setValue(3)
    column.addWidget(rounding)
    column.addWidget(count)
    for _ in range(30):
        column.addWidget(QComboBox())
    area.setWidget(page)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.setFocus()
    _wheel(rounding)
    _wheel(count)
    assert (rounding.currentIndex(), count.value()) == (0, 3)
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    rounding.setFocus()  # chosen on purpose: the wheel works on it
    qtbot.waitUntil(rounding.hasFocus)
    _wheel(rounding)
    assert rounding.currentIndex() == 1
