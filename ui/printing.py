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


def print_system(number: str, width: int, copies: int = 1, copy: bool = False) -> None:
    print_rows(rows(receipts_data.for_sale(number, copy=copy)), width, copies)


def escpos_job(number: str, config: PrintSettings, kitchen: bool, cash: bool, copy: bool = False) -> str:
    """Build the bytes and send them (runs in a worker thread). Returns the number printed. The drawer's
    pulse goes once before the copies (two copies never kick it twice)."""
    data = receipts_data.for_sale(number, copy=copy)
    send(
        config.receipt,
        escpos_out.receipt_bytes(data, config.receipt.width),
        config.copies,
        before=escpos_out.drawer_bytes() if config.drawer and cash else b"",
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
        self._sales: set[str] = set()  # the sales whose receipt came out of the printer (a next one: SALINAN)
        self._sale_jobs: set[str] = set()  # the jobs under way that print a sale's receipt

    def configured(self) -> bool:
        return PrintSettings.load().receipt.kind != "none"

    def was_printed(self, number: str) -> bool:
        """Whether sale `number`'s receipt was printed from this window already: printed again, it is a
        copy (SALINAN)."""
        return number in self._sales

    def sale_done(self, number: str, *, cash: bool) -> None:
        """After a sale: its receipt when receipts print by themselves, and the cash drawer on a sale with
        cash when a drawer is set — once, inside the receipt's job when that goes to the ESC/POS printer the
        drawer hangs on, else as a pulse of its own. A printer that is off only says so (`failed`)."""
        config = PrintSettings.load()
        kick = config.drawer and cash
        if config.auto_print and config.receipt.kind != "none":
            self.print_sale(number, kitchen=True, cash=cash)
            if kick and not config.receipt.is_escpos:
                self.open_drawer()  # a system printer sends no pulse: says why the drawer stays shut
        elif kick:
            self.open_drawer()

    def print_sale(
        self, number: str, *, kitchen: bool = False, cash: bool = False, copy: bool | None = None
    ) -> None:
        """Print sale `number`'s receipt. `copy`: marked SALINAN (a reprint from Riwayat); by default once
        it was printed here before."""
        config = PrintSettings.load()
        copy = self.was_printed(number) if copy is None else copy
        if config.receipt.kind == "system":
            try:
                print_system(number, config.receipt.width, config.copies, copy)
            except PosError as exc:
                self.failed.emit(number, exc.text)
                return
            self._sales.add(number)
            self.printed.emit(number)
            return
        if not config.receipt.is_escpos:
            self.failed.emit(number, PrinterError(why=_("printer belum diatur di Pengaturan")).text)
            return
        job = worker.Worker(lambda: escpos_job(number, config, kitchen, cash, copy))
        self._sale_jobs.add(number)
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
            self.failed.emit("drawer", drawer_failed(PrinterError(why=_("laci uang butuh printer ESC/POS"))))
            return
        job = worker.Worker(lambda: (send(config.receipt, escpos_out.drawer_bytes()), "drawer")[1])
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._jobs["drawer"] = job
        worker.start(self, job)

    def _finished(self, number: object) -> None:
        self._jobs.pop(str(number), None)
        if str(number) in self._sale_jobs:
            self._sale_jobs.discard(str(number))
            self._sales.add(str(number))
        self.printed.emit(str(number))

    def _failed(self, exc: object) -> None:
        number = next((n for n, job in self._jobs.items() if job is self.sender()), "")
        self._jobs.pop(number, None)
        self._sale_jobs.discard(number)
        message = exc.text if isinstance(exc, PosError) else PrinterError(why=str(exc)).text
        if number == "drawer":
            message = drawer_failed(exc)
        self.failed.emit(number, message)


def drawer_failed(exc: object) -> str:
    """The drawer stayed shut: why, without the receipt's 'cetak ulang dari Riwayat'."""
    why = exc.values.get("why", "") if isinstance(exc, PrinterError) else str(exc)
    return _("Laci uang tidak terbuka: {why}.").format(why=why or type(exc).__name__)
