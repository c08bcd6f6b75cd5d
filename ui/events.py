"""One 'changed' signal for the whole app (Anki's shape): a screen changes data through a pos/ service,
then announces what changed; every screen decides for itself whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    changed = Signal(str)  # "sale", "customer", "product", "settings", "stock", ...


hub = Hub()
