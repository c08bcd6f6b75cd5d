"""What the commands share: an operating system error said in Indonesian, writing a file named on the
command line, a file's row problems, the owner proven by their PIN."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from typing import Any

from pos.core.errors import PosError
from pos.core.i18n import N_, _


def os_why(exc: BaseException) -> str:
    """An operating system error in Indonesian (the common ones), else its own words."""
    texts = {
        errno.ENOENT: N_("file atau folder tidak ada"),
        errno.EACCES: N_("tidak ada izin"),
        errno.EPERM: N_("tidak ada izin"),
        errno.EISDIR: N_("itu folder, bukan file"),
        errno.ENOTDIR: N_("bagian path-nya bukan folder"),
        errno.ENOSPC: N_("disk penuh"),
        errno.EROFS: N_("drive hanya bisa dibaca"),
        errno.ENAMETOOLONG: N_("nama file terlalu panjang"),
    }
    code = getattr(exc, "errno", None)
    if code in texts:
        return _(texts[code])
    if isinstance(exc, ValueError) and "null" in str(exc):
        return _("nama file berisi karakter NUL")
    return getattr(exc, "strerror", None) or str(exc)


def check_writable(path: str) -> None:
    """Refuse (PosError) a file that cannot be written, before anything is done: a folder, a missing
    folder, no permission. A file that did not exist is not left behind."""
    from pathlib import Path

    target = Path(path)
    existed = target.exists()
    try:
        with open(target, "ab"):
            pass
    except (OSError, ValueError) as exc:
        raise PosError(N_("Tidak bisa menulis {path}: {why}"), path=path, why=os_why(exc)) from exc
    if not existed:
        target.unlink(missing_ok=True)


def write_file(path: str, data: bytes) -> None:
    from pos.core.errors import PosError

    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except (OSError, ValueError) as exc:
        raise PosError(N_("Tidak bisa menulis {path}: {why}"), path=path, why=os_why(exc)) from exc


def show_problems(problems: list[tuple[int, str]], shown: int = 50) -> int:
    """The rows' problems (the first `shown`, then how many more), nothing written: exit 1."""
    rows = sorted({line for line, _problem in problems})
    print(
        _("{n} masalah di {rows} baris; tidak ada yang ditulis:").format(n=len(problems), rows=len(rows)),
        file=sys.stderr,
    )
    for line, problem in problems[:shown]:
        print(_("  baris {line}: {problem}").format(line=line, problem=problem), file=sys.stderr)
    if len(problems) > shown:
        print(_("  … dan {n} masalah lagi").format(n=len(problems) - shown), file=sys.stderr)
    return 1


def owner_with_pin(args: argparse.Namespace) -> Any:
    """The owner, proven by their PIN (counted and locked like at the counter): a cashier at the shop's laptop
    cannot issue vouchers or change prices from a terminal. --owner-pin, $KASIR_OWNER_PIN, or asked."""
    from getpass import getpass

    from pos.core import pin_guard
    from pos.core.errors import InvalidInput

    pin = args.owner_pin or os.environ.get("KASIR_OWNER_PIN", "")
    if not pin and sys.stdin.isatty():
        pin = getpass(_("PIN pemilik: "))
    if not pin:
        raise InvalidInput(
            N_(
                "Perintah ini butuh PIN pemilik: tulis --owner-pin PIN (atau KASIR_OWNER_PIN). "
                "Tidak ada yang diubah."
            )
        )
    return pin_guard.owner_by_pin(pin)
