"""Channels in settings: which are in use, and each aggregator's markup and commission."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QLineEdit

from pos.catalog import channel as channels
from pos.core.i18n import _
from pos.core.money import parse_rate, parse_rupiah
from ui.theme import plain_label


def _pct(value: Decimal) -> str:
    return format(Decimal(value) * 100, "f").rstrip("0").rstrip(".") or "0"


class ChannelsBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Saluran penjualan"))
        self.grid = QGridLayout(self)
        for col, head in enumerate(
            [
                _("Saluran"),
                _("Aktif"),
                _("Dapat poin"),
                _("Markup harga (%)"),
                _("Komisi (%)"),
                _("Biaya per pesanan (Rp)"),
            ]
        ):
            label = QLabel(head)
            label.setStyleSheet("font-weight: 600;")
            self.grid.addWidget(label, 0, col)
        self.rows: dict[str, dict[str, Any]] = {}

    def refresh(self) -> None:
        for row, ch in enumerate(channels.listing(), start=1):
            widgets = self.rows.get(ch.code)
            if widgets is None:
                widgets = {
                    "active": QCheckBox(),
                    "earns": QCheckBox(),
                    "markup": QLineEdit(),
                    "rate": QLineEdit(),
                    "fixed": QLineEdit(),
                }
                self.grid.addWidget(plain_label(_(ch.name)), row, 0)
                for col, key in enumerate(("active", "earns", "markup", "rate", "fixed"), start=1):
                    self.grid.addWidget(widgets[key], row, col)
                    if key in ("markup", "rate", "fixed"):
                        widgets[key].setMaximumWidth(120)
                        widgets[key].setEnabled(ch.kind == "aggregator")
                self.rows[ch.code] = widgets
            widgets["active"].setChecked(bool(ch.active))
            widgets["earns"].setChecked(bool(ch.earns_points))
            widgets["markup"].setText(_pct(ch.markup_rate))
            widgets["rate"].setText(_pct(ch.commission_rate))
            widgets["fixed"].setText(str(ch.commission_fixed))
        if "walk_in" in self.rows:
            self.rows["walk_in"]["active"].setEnabled(False)  # the counter always sells walk-in

    def collect(self) -> dict[str, dict[str, Any]]:
        """The rules as typed; raises InvalidAmount for a bad number (nothing is saved then)."""
        return {
            code: {
                "markup_rate": parse_rate(w["markup"].text() or "0"),
                "commission_rate": parse_rate(w["rate"].text() or "0"),
                "commission_fixed": parse_rupiah(w["fixed"].text() or "0"),
                "active": w["active"].isChecked() or code == "walk_in",
                "earns_points": w["earns"].isChecked(),
            }
            for code, w in self.rows.items()
        }
