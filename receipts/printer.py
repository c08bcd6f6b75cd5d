"""Sending ESC/POS bytes to a receipt printer: network (IP:9100), USB, serial, a file, or a printer installed
in Windows (by its name, raw through the Windows spooler: python-escpos's Win32Raw, with pywin32).

Any failure (printer off, unplugged, unreachable, out of paper) becomes a PrinterError with a clear
message; the caller has already stored the sale, so a failed print never loses anything.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from pos.core.errors import PrinterError
from pos.core.i18n import _

KINDS = ("none", "network", "usb", "serial", "file", "windows", "system")
ESCPOS_KINDS = ("network", "usb", "serial", "file", "windows")
TIMEOUT = 4  # seconds before an unreachable network printer is given up


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "none"  # none | network | usb | serial | file | windows | system (Qt's QPrinter, in ui/)
    # 192.168.1.50[:9100] · 0416:5011 (vendor:product) · /dev/ttyUSB0[:19200] or COM3[:19200] · a path ·
    # the printer's name in Windows ("POS-58", as Settings -> Printers shows it)
    address: str = ""
    width: int = 58

    @property
    def is_escpos(self) -> bool:
        return self.kind in ESCPOS_KINDS


def _win32print() -> Any:
    """pywin32's win32print, or None (not Windows, or pywin32 missing)."""
    try:
        import win32print
    except ImportError:
        return None
    return win32print


def windows_available() -> bool:
    """Can this machine print to a printer installed in Windows? (Pengaturan shows the choice only then.)"""
    return sys.platform == "win32" and _win32print() is not None


def windows_printers() -> list[str]:
    """The names of the printers installed in Windows (local and shared), the default one first; [] where
    there is no Windows spooler."""
    win32print = _win32print()
    if win32print is None:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    names = {entry[2] for entry in win32print.EnumPrinters(flags, None, 1)}  # (flags, description, name, …)
    try:
        default = win32print.GetDefaultPrinter()
    except Exception:  # noqa: BLE001 - pywintypes.error when no printer is the default
        default = ""
    return sorted(names, key=lambda name: (name != default, name.lower()))


def _open(config: PrinterConfig):  # type: ignore[no-untyped-def]
    from escpos import printer as escpos  # heavy: loaded when printing, not when Kasir starts

    address = config.address.strip()
    if config.kind == "network":
        host, _sep, port = address.partition(":")
        return escpos.Network(host, port=int(port or 9100), timeout=TIMEOUT)
    if config.kind == "usb":
        vendor, _sep, product = address.partition(":")
        return escpos.Usb(int(vendor, 16), int(product, 16), timeout=TIMEOUT * 1000)
    if config.kind == "serial":
        device, _sep, baud = address.partition(":")
        return escpos.Serial(devfile=device, baudrate=int(baud or 19200), timeout=TIMEOUT)
    if config.kind == "file":
        return escpos.File(address)
    if config.kind == "windows":
        if not escpos.Win32Raw.is_usable():
            raise PrinterError(why=_("printer Windows hanya bisa dipakai di Windows (butuh pywin32)"))
        return escpos.Win32Raw(address)
    raise PrinterError(why=_("printer belum diatur"))


def _write(device: Any, data: bytes) -> None:
    """The one place where bytes reach a python-escpos printer. python-escpos 3.1 has no public call writing
    ready-made bytes: its own command line's `raw` command calls `_raw` (escpos/cli.py), every printer class
    (Network, Usb, Serial, File, Win32Raw) implements `_raw` as its one write, and the public `text()` would
    pass the bytes through its code-page encoder (MagicEncode), breaking the ESC/GS commands and the logo."""
    device._raw(data)


def send(config: PrinterConfig, data: bytes, copies: int = 1, *, before: bytes = b"") -> None:
    """Write `before` once (the cash drawer's pulse), then `data` `copies` times, over one connection.
    Raises PrinterError (with the reason) on any failure."""
    if not config.is_escpos:
        raise PrinterError(why=_("printer belum diatur"))
    if not config.address.strip():
        raise PrinterError(why=_("alamat printer kosong"))
    try:
        device = _open(config)
        try:
            if config.kind == "windows":
                device.open(job_name="Kasir")  # the job's name in the Windows print queue
            else:
                device.open()
            if before:
                _write(device, before)
            for _copy in range(max(1, copies)):
                _write(device, data)
        finally:
            try:
                device.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass
    except PrinterError:
        raise
    except (OSError, ValueError) as exc:
        raise PrinterError(why=str(exc) or type(exc).__name__) from exc
    except Exception as exc:  # noqa: BLE001 - escpos raises its own types (DeviceNotFoundError, USBNotFoundError…)
        if config.kind == "windows" and type(exc).__name__ == "DeviceNotFoundError":  # unknown name
            raise PrinterError(
                why=_("printer Windows '{name}' tidak ada atau menolak mencetak").format(name=config.address)
            ) from exc
        raise PrinterError(why=f"{type(exc).__name__}: {exc}") from exc
