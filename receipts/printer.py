"""Sending ESC/POS bytes to a receipt printer: network (IP:9100), USB, serial, or a file.

Any failure (printer off, unplugged, unreachable, out of paper) becomes a PrinterError with a clear
message; the caller has already stored the sale, so a failed print never loses anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.errors import PrinterError
from pos.i18n import _

KINDS = ("none", "network", "usb", "serial", "file", "system")
TIMEOUT = 4  # seconds before an unreachable network printer is given up


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "none"  # none | network | usb | serial | file | system (Qt's QPrinter, in ui/)
    address: str = ""  # 192.168.1.50[:9100] · 0416:5011 (vendor:product) · /dev/ttyUSB0[:19200] · a path
    width: int = 58

    @property
    def is_escpos(self) -> bool:
        return self.kind in ("network", "usb", "serial", "file")


def _open(config: PrinterConfig):  # type: ignore[no-untyped-def]
    from escpos import printer as escpos

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
    raise PrinterError(why=_("printer belum diatur"))


def send(config: PrinterConfig, data: bytes, copies: int = 1) -> None:
    """Write `data` to the printer `copies` times. Raises PrinterError (with the reason) on any failure."""
    if not config.is_escpos:
        raise PrinterError(why=_("printer belum diatur"))
    if not config.address.strip():
        raise PrinterError(why=_("alamat printer kosong"))
    try:
        device = _open(config)
        try:
            device.open()
            for _copy in range(max(1, copies)):
                device._raw(data)
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
        raise PrinterError(why=f"{type(exc).__name__}: {exc}") from exc
