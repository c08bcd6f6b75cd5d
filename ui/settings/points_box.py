"""Pengaturan → Program poin: earn 1 point per Rp …, what a point is worth, minimum to redeem, expiry."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit

from pos.core.i18n import _
from pos.core.money import parse_rupiah
from pos.customers import loyalty, program_settings


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
        self.tiers_active = QCheckBox(_("Tingkat pelanggan menurut belanja 12 bulan terakhir"))
        form.addRow("", self.tiers_active)
        self.tier_rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        for _index in range(3):
            row = QHBoxLayout()
            fields = (QLineEdit(), QLineEdit(), QLineEdit())
            fields[0].setPlaceholderText(_("nama"))
            fields[1].setPlaceholderText(_("mulai belanja Rp"))
            fields[2].setPlaceholderText(_("kali poin, mis. 1,5"))
            for f in fields:
                row.addWidget(f)
            form.addRow(_("Tingkat"), row)
            self.tier_rows.append(fields)

    def refresh(self) -> None:
        points = program_settings.points()
        rules = points.rules
        self.active.setChecked(points.active)
        self.earn_per.setText(str(rules["earn_per"]))
        self.point_value.setText(str(rules["point_value"]))
        self.min_redeem.setText(str(rules["min_redeem"]))
        self.expiry.setText(str(rules["expiry_months"]))
        ladder = loyalty.tiers()
        self.tiers_active.setChecked(bool(ladder))
        shown = ladder or loyalty.DEFAULT_TIERS
        for (name, minimum, times), step in zip(self.tier_rows, shown, strict=False):
            name.setText(str(step["name"]))
            minimum.setText(str(step["min"]))
            times.setText(str(step["multiplier"]).replace(".", ","))

    def collect_tiers(self) -> tuple[list[dict[str, Any]], bool]:
        ladder = []
        for name, minimum, times in self.tier_rows:
            if name.text().strip():
                ladder.append(
                    {
                        "name": name.text().strip(),
                        "min": parse_rupiah(minimum.text() or "0"),
                        "multiplier": (times.text() or "1").replace(",", "."),
                    }
                )
        return ladder, self.tiers_active.isChecked()

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
