"""argparse in Indonesian: its own messages said in Bahasa Indonesia while the command line is built and
parsed, and a whole-number argument type that says so when it is not one."""

from __future__ import annotations

import argparse

from pos.core.i18n import N_, _

# argparse's own messages, said in Indonesian (argparse looks its texts up through its module's `_`)
ARGPARSE_TEXTS = {
    "usage: ": N_("pemakaian: "),
    "positional arguments": N_("argumen"),
    "options": N_("opsi"),
    "show this help message and exit": N_("tampilkan bantuan ini lalu keluar"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: kesalahan: %(message)s\n"),
    "the following arguments are required: %s": N_("argumen ini wajib diisi: %s"),
    "unrecognized arguments: %s": N_("argumen tidak dikenal: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "pilihan %(value)r tidak ada (pilih %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": N_("nilai %(value)r tidak valid"),
    "expected one argument": N_("butuh satu nilai"),
    "expected at most one argument": N_("paling banyak satu nilai"),
    "expected at least one argument": N_("butuh paling sedikit satu nilai"),
    "expected %s argument": N_("butuh %s nilai"),
    "expected %s arguments": N_("butuh %s nilai"),
    "argument %(argument_name)s: %(message)s": N_("argumen %(argument_name)s: %(message)s"),
    "not allowed with argument %s": N_("tidak boleh bersama argumen %s"),
    "ignored explicit argument %r": N_("nilai %r diabaikan"),
    "one of the arguments %s is required": N_("salah satu argumen ini wajib diisi: %s"),
    "ambiguous option: %(option)s could match %(matches)s": N_("opsi %(option)s kurang jelas: %(matches)s?"),
}


class IndonesianArgparse:
    """While parsing (and building the parser), argparse speaks Indonesian; restored afterwards."""

    def __enter__(self) -> None:
        self.saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._ = lambda text: _(ARGPARSE_TEXTS[text]) if text in ARGPARSE_TEXTS else text  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: argparse._(one if n == 1 else many)  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        argparse._, argparse.ngettext = self.saved  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    """An argparse type: a whole number, said in Indonesian when it is not one."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} bukan angka bulat").format(text=text)) from None
    if abs(number) > 10**12:
        raise argparse.ArgumentTypeError(_("{text} terlalu besar").format(text=text))
    return number
