"""A receipt printer installed in Windows, chosen by its name: raw ESC/POS (and the drawer kick) through the
Windows spooler with python-escpos's Win32Raw. Windows' win32print is replaced by a fake spooler here, which
records what Win32Raw asks of it; the paper's profile (58/80 mm dots) without editing python-escpos's own."""

from __future__ import annotations

import sys

import pytest

from pos.core.errors import PrinterError
from receipts import escpos_out, printer
from receipts.printer import PrinterConfig, send


class FakeSpooler:
    """What pywin32's win32print offers Win32Raw and Kasir, keeping a log of the calls."""

    PRINTER_ENUM_LOCAL, PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_NAME = 2, 4, 8

    def __init__(self, printers: list[str], default: str) -> None:
        self.printers, self.default = printers, default
        self.calls: list[tuple] = []
        self.written: list[bytes] = []

    def EnumPrinters(self, flags, name=None, level=1):  # noqa: N802 - win32print's names
        if level == 4:
            return [{"pPrinterName": n, "pServerName": None, "Attributes": 64} for n in self.printers]
        return [(8388608, f"{n},Generic / Text Only,", n, "") for n in self.printers]

    def GetDefaultPrinter(self):  # noqa: N802
        return self.default

    def OpenPrinter(self, name):  # noqa: N802
        self.calls.append(("open", name))
        return f"handle:{name}"

    def StartDocPrinter(self, handle, level, info):  # noqa: N802
        self.calls.append(("doc", handle, info))
        return 41

    def StartPagePrinter(self, handle):  # noqa: N802
        self.calls.append(("page", handle))

    def WritePrinter(self, handle, data):  # noqa: N802
        self.written.append(bytes(data))
        return len(data)

    def EndPagePrinter(self, handle):  # noqa: N802
        self.calls.append(("end page", handle))

    def EndDocPrinter(self, handle):  # noqa: N802
        self.calls.append(("end doc", handle))

    def ClosePrinter(self, handle):  # noqa: N802
        self.calls.append(("close", handle))


class FakePywintypes:
    class error(Exception):  # noqa: N801 - pywintypes.error
        pass


@pytest.fixture
def spooler(monkeypatch):
    """Windows with two printers installed, the thermal one not the default."""
    from escpos.printer import win32raw

    fake = FakeSpooler(["Microsoft Print to PDF", "POS-58 Thermal"], default="Microsoft Print to PDF")
    monkeypatch.setitem(sys.modules, "win32print", fake)
    monkeypatch.setattr(win32raw, "win32print", fake, raising=False)
    monkeypatch.setattr(win32raw, "pywintypes", FakePywintypes, raising=False)
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", True)
    return fake


def test_a_windows_printer_gets_the_bytes_raw_through_the_spooler_as_one_job(spooler):
    data = b"\x1b@Warung Uji\n" + escpos_out.drawer_bytes() + b"\x1dV\x00"
    send(PrinterConfig("windows", "POS-58 Thermal"), data, copies=2)
    assert spooler.written == [data, data]  # exactly the bytes, both copies, the drawer kick with them
    handle = "handle:POS-58 Thermal"
    assert spooler.calls == [
        ("open", "POS-58 Thermal"),
        ("doc", handle, ("Kasir", "", "RAW")),  # RAW: the driver passes ESC/POS through untouched
        ("page", handle),
        ("end page", handle),
        ("end doc", handle),
        ("close", handle),
    ]


def test_a_windows_printer_that_is_not_installed_is_named_and_gets_nothing(spooler):
    with pytest.raises(PrinterError) as raised:
        send(PrinterConfig("windows", "EPSON TM-T82"), b"\x1b@x")
    assert "printer Windows 'EPSON TM-T82' tidak ada atau menolak mencetak" in raised.value.text
    assert spooler.written == [] and not any(call[0] == "doc" for call in spooler.calls)


def test_the_installed_windows_printers_are_listed_the_default_first(spooler):
    spooler.default = "POS-58 Thermal"
    assert printer.windows_printers() == ["POS-58 Thermal", "Microsoft Print to PDF"]


def test_without_a_windows_spooler_the_choice_is_hidden_and_refused_clearly(monkeypatch):
    from escpos.printer import win32raw

    monkeypatch.setitem(sys.modules, "win32print", None)  # `import win32print` fails, as on Linux
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", False)
    assert printer.windows_printers() == [] and not printer.windows_available()
    with pytest.raises(PrinterError) as raised:
        send(PrinterConfig("windows", "POS-58 Thermal"), b"\x1b@x")
    assert "hanya bisa dipakai di Windows" in raised.value.text


@pytest.mark.parametrize(("width", "dots"), [(58, 384), (80, 576)])
def test_the_paper_profile_has_its_width_in_dots_and_the_shared_default_profile_is_untouched(
    tmp_path, width, dots
):
    from escpos.capabilities import get_profile_class
    from PIL import Image

    default = get_profile_class("default").profile_data
    before = repr(default)
    logo = tmp_path / "logo.png"
    Image.new("L", (100, 40), 0).save(logo)
    device = escpos_out._printer(width)
    escpos_out._logo(device, str(logo), width)
    out = bytes(device.output)
    raster = out.index(b"\x1dv0")
    # GS v 0 m xL xH: the logo is centred on the whole printable width (dots / 8 bytes a row)
    assert out[raster + 4 : raster + 6] == (dots // 8).to_bytes(2, "little")
    assert device.profile.get_columns("a") == escpos_out.COLUMNS[width]
    assert device.profile.supports("paperFullCut")  # the default profile's features are kept
    assert repr(default) == before and "pixel" not in default["media"]["width"]
