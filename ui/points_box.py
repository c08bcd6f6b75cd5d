"""Pengaturan → Program poin: earn 1 point per Rp …, what a point is worth, minimum to redeem, expiry."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit

from db.models import LoyaltyProgram
from pos import loyalty
from pos.i18n import _
from pos.money import parse_rupiah


class PointsBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Program poin"))
        form = QFormLayout(self)
        self.active = QCheckBox(_("Jalankan program poin"))
        self.earn_per = QLineEdit()
        self.point_value = QLineEdit()
        self.min_redeem = QLineEdit()
        self.expiry = QLineEdit()
        form.addRow("", self.active)
        form.addRow(_("1 poin setiap belanja (Rp)"), self.earn_per)
        form.addRow(_("Nilai 1 poin saat ditukar (Rp)"), self.point_value)
        form.addRow(_("Minimal tukar (poin)"), self.min_redeem)
        form.addRow(_("Kedaluwarsa (bulan, 0 = tidak)"), self.expiry)

    def refresh(self) -> None:
        program = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "points")
        rules = {**loyalty.DEFAULT_RULES, **((program.rules or {}) if program else {})}
        self.active.setChecked(bool(program and program.active))
        self.earn_per.setText(str(rules["earn_per"]))
        self.point_value.setText(str(rules["point_value"]))
        self.min_redeem.setText(str(rules["min_redeem"]))
        self.expiry.setText(str(rules["expiry_months"]))

    def collect(self) -> tuple[dict[str, Any], bool]:
        """The rules as typed (whole numbers); raises a PosError for a bad amount."""
        return (
            {
                "earn_per": parse_rupiah(self.earn_per.text()),
                "point_value": parse_rupiah(self.point_value.text()),
                "min_redeem": parse_rupiah(self.min_redeem.text()),
                "expiry_months": parse_rupiah(self.expiry.text()),
            },
            self.active.isChecked(),
        )
