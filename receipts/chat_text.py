"""A receipt as a chat message (WhatsApp): one item a line, the totals as "Subtotal: Rp 15.750", no spaces
padding it to a paper's columns (a phone wraps its own lines, and a proportional font never lines them
up), *bold* as WhatsApp shows it. The same figures as on paper: the rows of receipts.layout."""

from __future__ import annotations

from pos.core.i18n import _
from pos.core.text import printable
from pos.counter.receipt import Receipt, ReceiptLine
from receipts.layout import Row, clean_rows, foot_rows, head_rows, number, qty_text, totals_rows


def chat_text(receipt: Receipt) -> str:
    """The message: the head, a blank line, the items, a blank line, the totals, the footer."""
    parts = [_chat(row, " · ") for row in clean_rows(head_rows(receipt))]
    parts.append("")
    parts.extend(item_line(line) for line in receipt.lines)
    parts.append("")
    parts.extend(_chat(row, ": ") for row in clean_rows(totals_rows(receipt)))
    parts.extend(_chat(row, ": ") for row in clean_rows(foot_rows(receipt)) if not _qris_note(row))
    return _tidy(parts)


def item_line(line: ReceiptLine) -> str:
    """'Indomie Goreng 2 x 3.500 = 7.000', what is noted on the line after it in brackets."""
    unit = f" {line.unit}" if line.unit in ("kg", "gram", "liter") else ""
    amount = number(line.total + line.discount)  # as on paper: what the quantity comes to, before discounts
    text = f"{line.name} {qty_text(line.qty)}{unit} x {number(line.unit_price)} = {amount}"
    notes = [line.note] if line.note else []
    if line.serial_number:
        notes.append(f"SN: {line.serial_number}")
    if line.warranty_until:
        notes.append(_("Garansi s.d. {date}").format(date=line.warranty_until.strftime("%d-%m-%Y")))
    return printable(text + (f" ({', '.join(notes)})" if notes else ""))


def _chat(row: Row, between: str) -> str:
    kind = row[0]
    if kind == "title":  # "*** SALINAN ***" on paper, *SALINAN* (bold) in a chat
        return f"*{row[1].strip(' *')}*"
    if kind in ("center", "text"):
        return row[1].strip()
    if kind in ("pair", "bold_pair"):
        left, right = row[1].strip(), row[2].strip()
        text = f"{left}{between}{right}" if left and right else left or right
        return f"*{text}*" if kind == "bold_pair" else text
    if kind == "qr":  # the sale's look-up code as text; a QRIS is a picture a message cannot carry
        return "" if row[1].startswith("000201") else row[1].replace("KASIR:", _("Kode nota: "))
    return ""  # a rule, a blank, the logo: a line break at most


def _qris_note(row: Row) -> bool:
    """'Bayar kasbon dengan QRIS ini' says so of a picture that is not in the message."""
    return row == ("center", _("Bayar kasbon dengan QRIS ini"))


def _tidy(parts: list[str]) -> str:
    """One blank line at most between parts, none at either end."""
    out: list[str] = []
    for part in parts:
        if part or (out and out[-1]):
            out.append(part)
    return "\n".join(out).strip() + "\n"
