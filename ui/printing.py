"""Printing from the app: which printer this machine uses (QSettings), printing off the UI thread, and a
clear failure the cashier can retry. A printer that is off never blocks or loses a sale: the sale is
already stored when printing starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from pos.core.errors import PosError, PrinterError
from pos.core.i18n import _
from pos.counter import receipt as receipts_data
from receipts import escpos_out
from receipts.layout import Row, rows
from receipts.printer import PrinterConfig, send
from ui import paper
from ui.widgets import worker


@dataclass(frozen=True)
class PrintSettings:
    receipt: PrinterConfig = PrinterConfig()
    kitchen: PrinterConfig = PrinterConfig()
    auto_print: bool = False
    copies: int = 1
    drawer: bool = False  # open the cash drawer (ESC/POS pulse) on cash sales

    @classmethod
    def load(cls) -> PrintSettings:
        s = QSettings("Kasir", "Kasir")
        width = int(s.value("printer/width", 58))
        return cls(
            receipt=PrinterConfig(
                str(s.value("printer/kind", "none")), str(s.value("printer/address", "")), width
            ),
            kitchen=PrinterConfig(
                str(s.value("kitchen/kind", "none")), str(s.value("kitchen/address", "")), width
            ),
            auto_print=str(s.value("printer/auto", "false")).lower() == "true",
            copies=max(1, min(5, int(s.value("printer/copies", 1)))),
            drawer=str(s.value("printer/drawer", "false")).lower() == "true",
        )

    def save(self) -> None:
        s = QSettings("Kasir", "Kasir")
        s.setValue("printer/kind", self.receipt.kind)
        s.setValue("printer/address", self.receipt.address)
        s.setValue("printer/width", self.receipt.width)
        s.setValue("kitchen/kind", self.kitchen.kind)
        s.setValue("kitchen/address", self.kitchen.address)
        s.setValue("printer/auto", "true" if self.auto_print else "false")
        s.setValue("printer/copies", self.copies)
        s.setValue("printer/drawer", "true" if self.drawer else "false")


def print_rows(document: list[Row], width: int, copies: int = 1) -> None:
    """Print rows on the system's default printer (QPrinter) by painting them."""
    if not QPrinterInfo.availablePrinters():
        raise PrinterError(why=_("tidak ada printer sistem"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setCopyCount(copies)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(why=_("printer sistem menolak mencetak"))
    try:
        paper.paint_on(painter, document, width, printer.resolution())
    finally:
        painter.end()


def print_system(number: str, width: int, copies: int = 1) -> None:
    print_rows(rows(receipts_data.for_sale(number)), width, copies)


def escpos_job(number: str, config: PrintSettings, kitchen: bool, cash: bool) -> str:
    """Build the bytes and send them (runs in a worker thread). Returns the number printed."""
    data = receipts_data.for_sale(number)
    send(
        config.receipt,
        escpos_out.receipt_bytes(data, config.receipt.width, drawer=config.drawer and cash),
        config.copies,
    )
    if kitchen and config.kitchen.is_escpos:
        send(config.kitchen, escpos_out.kitchen_bytes(data, config.kitchen.width))
    return number


class Printing(QObject):
    """One per window. `print_sale` returns at once; `printed` or `failed` tells how it went."""

    printed = Signal(str)
    failed = Signal(str, str)  # number, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, worker.Worker] = {}

    def configured(self) -> bool:
        return PrintSettings.load().receipt.kind != "none"

    def print_sale(self, number: str, *, kitchen: bool = False, cash: bool = False) -> None:
        config = PrintSettings.load()
        if config.receipt.kind == "system":
            try:
                print_system(number, config.receipt.width, config.copies)
            except PosError as exc:
                self.failed.emit(number, exc.text)
                return
            self.printed.emit(number)
            return
        if not config.receipt.is_escpos:
            self.failed.emit(number, PrinterError(why=_("printer belum diatur di Pengaturan")).text)
            return
        job = worker.Worker(lambda: escpos_job(number, config, kitchen, cash))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._jobs[number] = job
        worker.start(self, job)

    def print_rows(self, key: str, document: list[Row]) -> None:
        """Print any thermal document (a shift slip, a voucher); `key` names it in printed/failed."""
        config = PrintSettings.load()
        if config.receipt.kind == "system":
            try:
                print_rows(document, config.receipt.width)
            except PosError as exc:
                self.failed.emit(key, exc.text)
                return
            self.printed.emit(key)
            return
        if not config.receipt.is_escpos:
            self.failed.emit(key, PrinterError(why=_("printer belum diatur di Pengaturan")).text)
            return
        job = worker.Worker(
            lambda: (send(config.receipt, escpos_out.thermal_bytes(document, config.receipt.width)), key)[1]
        )
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._jobs[key] = job
        worker.start(self, job)

    def open_drawer(self) -> None:
        """The ESC/POS pulse that opens the cash drawer (wired to the receipt printer)."""
        config = PrintSettings.load()
        if not config.receipt.is_escpos:
            self.failed.emit("drawer", PrinterError(why=_("laci uang butuh printer ESC/POS")).text)
            return
        job = worker.Worker(lambda: (send(config.receipt, escpos_out.drawer_bytes()), "drawer")[1])
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._jobs["drawer"] = job
        worker.start(self, job)

    def _finished(self, number: object) -> None:
        self._jobs.pop(str(number), None)
        self.printed.emit(str(number))

    def _failed(self, exc: object) -> None:
        number = next((n for n, job in self._jobs.items() if job is self.sender()), "")
        self._jobs.pop(number, None)
        message = exc.text if isinstance(exc, PosError) else PrinterError(why=str(exc)).text
        self.failed.emit(number, message)
