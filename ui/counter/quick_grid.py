"""Large buttons for items without a barcode (bakso menu, es teh, beras curah), one tab per category."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QScrollArea, QTabWidget, QWidget

from pos.catalog import catalog
from pos.catalog.catalog import Product
from pos.core.i18n import _
from pos.core.money import format_rupiah
from ui.theme import role
from ui.widgets import dialogs

TILE_WIDTH = 128  # "Beras Medium" in bold fits; three tiles in the laptop's 450 px column


class QuickGrid(QTabWidget):
    def __init__(self, add: Callable[[Product], None]) -> None:
        super().__init__()
        self.add = add
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons: dict[int, QPushButton] = {}
        self.labels: dict[int, str] = {}  # each button's name lines, its price under them
        self.products: list[Product] = []

    def reload(self) -> None:
        while self.count():
            widget = self.widget(0)
            self.removeTab(0)
            widget.deleteLater()
        self.buttons.clear()
        self.labels.clear()
        self.products = []
        for category, products in catalog.quick_items().items():
            page = QWidget()
            grid = dialogs.FlowLayout(
                page, uniform=True, spacing=8
            )  # 3 a row on a laptop, 2 on a 1024 px one
            grid.setContentsMargins(8, 8, 8, 8)
            for product in products:
                name = textwrap.shorten(product.name, 34, placeholder="…")
                label = "\n".join(textwrap.wrap(name, 15)[:2])
                button = role(QPushButton(f"{label}\n{format_rupiah(product.price)}"), "tile")
                self.labels[product.id] = label
                self.products.append(product)
                button.setToolTip(dialogs.plain(product.name))
                button.setMinimumWidth(TILE_WIDTH)
                button.setStyleSheet("padding: 4px;")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setMinimumHeight(72)
                button.clicked.connect(lambda _=False, p=product: self.add(p))
                grid.addWidget(button)
                self.buttons[product.id] = button
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(page)
            self.addTab(scroll, category or _("Lainnya"))
        self.setVisible(self.count() > 0)

    def show_prices(self, prices: dict[int, int]) -> None:
        """Each button with the price its line will get on the order's channel (counter_cart.quick_prices)."""
        for pid, price in prices.items():
            button = self.buttons.get(pid)
            if button is not None:
                button.setText(f"{self.labels[pid]}\n{format_rupiah(price)}")
