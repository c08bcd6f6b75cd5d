"""The report's summary tab: the ledger from item value to gross profit beside the tax collected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos.books import report
from pos.books.report import Report
from pos.core.i18n import _
from pos.core.money import format_rupiah


class Ledger(QWidget):
    """The report's summary as a ledger (pos.books.report.summary): lines, subtotals in bold under a rule,
    notes in grey; beside it the tax the period collected (pos.books.report.tax_lines)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 8, 4, 4)
        self.left, self.right = QGridLayout(), QGridLayout()
        for grid, title, stretch in ((self.left, _("Ringkasan"), 3), (self.right, _("Pajak"), 2)):
            grid.setHorizontalSpacing(0)
            grid.setVerticalSpacing(0)
            grid.setColumnStretch(0, 1)
            card = QFrame()
            card.setObjectName("ledger")
            card.setStyleSheet(
                "#ledger { background: white; border: 1px solid #d8e2dc; border-radius: 8px; }"
            )
            box = QVBoxLayout(card)
            box.setContentsMargins(16, 10, 16, 12)
            heading = QLabel(title)
            heading.setStyleSheet("font-size: 17px; font-weight: 700; padding-bottom: 4px;")
            box.addWidget(heading)
            box.addLayout(grid)
            box.addStretch(1)
            row.addWidget(card, stretch)
        self.labels: list[tuple[QLabel, QLabel]] = []

    @staticmethod
    def _fill(grid: QGridLayout, lines: list[report.SummaryLine]) -> list[tuple[QLabel, QLabel]]:
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        out = []
        for index, line in enumerate(lines):
            name = QLabel(line.label)
            value = QLabel(format_rupiah(line.amount))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            look = "padding: 3px 0 3px 0;"
            if line.kind == "total":
                look += "font-weight: 700; border-top: 1px solid #9aa8a0;"
            elif line.kind == "note":
                look += "color: #6b7a72; font-style: italic;"
            name.setStyleSheet(look + ("padding-left: 18px;" if line.kind == "note" else ""))
            value.setStyleSheet(look + "padding-left: 24px;")
            grid.addWidget(name, index, 0)
            grid.addWidget(value, index, 1)
            out.append((name, value))
        return out

    def show_report(self, data: Report) -> None:
        self.labels = self._fill(self.left, report.summary(data))
        self.labels += self._fill(self.right, report.tax_lines(data))
