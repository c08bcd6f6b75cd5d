"""A WhatsApp order pasted at the counter, read into a proposed cart by fixed rules (no network, no model).

`propose(text)` reads the message — items and quantities ("bakso urat 2", "dua es teh", "setengah kilo
gula", "1/2 kg telur", "2x kerupuk"), the phone number, the name after "a.n."/"atas nama", the address after
"antar ke"/"kirim ke"/"alamat" — and matches each item against the catalogue's names (word prefixes, one
typo in words of 5 letters or more). It writes nothing; every guess says which words it matched, and the
words it could not place are listed. `to_cart(proposal)` makes the counter's cart of it (WhatsApp channel,
a delivery when asked, the pasted text kept with the order). chat_reply writes the answer to send back.

Prices in the message ("15rb", "Rp 15.000", "15k") are never read as quantities. A message longer than
MAX_TEXT characters is cut there (and the proposal says so); every pattern is linear, nothing can hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from db.models import ChatText, Product
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import phone, settings
from pos.core.cart import Cart
from pos.core.errors import CustomerNotFound, InvalidInput, NoItemsRecognised, ProductNotFound
from pos.core.i18n import _
from pos.core.money import line_amount
from pos.core.text import clean
from pos.counter.chat_match import Catalogue, ProposedLine, item_groups, read_chunk, take_items
from pos.counter.chat_words import (
    ABBREVIATIONS,
    ADDRESS,
    ADDRESS_END,
    COD,
    DELIVERY,
    FILLER,
    HALVES,
    HONORIFICS,
    LINE_NOTE,
    LIST_MARK,
    NAME,
    NOWHERE,
    NUMBERS,
    PHONE,
    PRICE,
    SENTENCE_END,
    SEPARATORS,
    STREET,
    TOKEN,
    TRAILING,
    canon,
    fold_char,
)
from pos.customers import customer as customers

MAX_TEXT = 5_000


@dataclass(frozen=True)
class Proposal:
    lines: tuple[ProposedLine, ...]
    customer_id: int | None
    customer_name: str
    phone: str  # normalised 62…, or ""
    address: str
    delivery: bool
    unmatched: tuple[str, ...]  # words no product matched, as written, in order
    text: str  # the message as kept with the order (cut to MAX_TEXT)
    channel: str = "whatsapp"
    notes: tuple[str, ...] = field(default=())  # read but not used: prices, a cut, a choice of products
    cod: bool = False  # "bayar di tempat" / "cod": the customer pays on delivery (said in the notes)

    @property
    def empty(self) -> bool:
        return not self.lines


def _blank(folded: str, kept: str, start: int, end: int) -> tuple[str, str]:
    gap = " " * (end - start)
    return folded[:start] + gap + folded[end:], kept[:start] + gap + kept[end:]


def _as_written(folded: str, kept: str, start: int, end: int) -> str:
    """The original text of a span, without what reading took out (a phone number, emoji)."""
    return "".join(o if f != " " else " " for o, f in zip(kept[start:end], folded[start:end], strict=True))


def _extract_phone(folded: str, kept: str) -> tuple[str, str, str]:
    number = ""
    for match in PHONE.finditer(folded):
        try:
            found = phone.normalise(match.group())
        except InvalidInput:
            continue
        number = number or found
        folded, kept = _blank(folded, kept, match.start(), match.end())
    return number, folded, kept


def _extract_name(folded: str, kept: str) -> tuple[str, str, str]:
    match = NAME.search(folded)
    if match is None:
        return "", folded, kept
    start = end = match.end()
    line_end = folded.find("\n", start)
    line_end = len(folded) if line_end < 0 else line_end
    count = 0
    for word in re.finditer(r"[^\s,;:]+", folded[start : min(start + 80, line_end)]):
        w = word.group().strip(".")
        if count >= 4 or not w.replace("'", "").isalpha() or w in DELIVERY or w in ("alamat", "hp", "wa"):
            break
        if w in FILLER and not (count == 0 and w in HONORIFICS):  # "a.n. bu ani ya": Bu Ani
            break
        count += 1
        end = start + word.end()
    name = " ".join(_as_written(folded, kept, start, end).split()).strip(".")
    name = " ".join(part[:1].upper() + part[1:] for part in name.split())
    folded, kept = _blank(folded, kept, match.start(), end)
    return clean(name)[:120], folded, kept


def _extract_address(folded: str, kept: str) -> tuple[str, bool, str, str]:
    """The address after "antar ke", "kirim ke", "alamat:" (or a line starting "jl."), to the end of its
    line or sentence: (address, a delivery was asked, the texts without it)."""
    match = ADDRESS.search(folded)
    start = match.end() if match is not None else 0
    if match is None:
        match = STREET.search(folded)
        if match is None:
            return "", False, folded, kept
        start = match.start()
    stop = folded.find("\n", start)
    stop = len(folded) if stop < 0 else stop
    ending = ADDRESS_END.search(folded, start, stop)
    if ending is not None:
        stop = ending.start()
    for end in SENTENCE_END.finditer(folded, start, stop):
        if end.group(1) not in ABBREVIATIONS:  # "rumah. hp …": the sentence ends; "jl. melati" goes on
            stop = end.start() + len(end.group(1))
            break
    words = _as_written(folded, kept, start, stop).split()
    while words and words[-1].lower().strip(".,!;:-") in TRAILING | {""}:
        words.pop()
    address = " ".join(words).strip(" ,;:-.")
    if address.lower() in NOWHERE:  # "antar ke rumah": the address the customer book holds, if any
        address = ""
    folded, kept = _blank(folded, kept, match.start(), stop)
    return clean(address)[:200], True, folded, kept


def propose(text: str, channel: str = "whatsapp") -> Proposal:
    """Read a pasted message into a proposal (writes nothing). When no product is recognised the proposal
    has no lines: NoItemsRecognised's message says so, and to_cart refuses it."""
    text = clean(str(text or ""), keep_newlines=True)
    notes: list[str] = []
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        notes.append(_("Pesan terlalu panjang: hanya {n} huruf pertama yang dibaca.").format(n="5.000"))
    folded = "".join(fold_char(c) for c in text)
    for mark in LIST_MARK.finditer(folded):
        folded = folded[: mark.start()] + " " * (mark.end() - mark.start()) + folded[mark.end() :]
    kept = text
    number, folded, kept = _extract_phone(folded, kept)
    name, folded, kept = _extract_name(folded, kept)
    address, asked, folded, kept = _extract_address(folded, kept)
    for price in PRICE.finditer(folded):
        notes.append(_('"{text}" dibaca sebagai harga, bukan jumlah.').format(text=price.group().strip()))
    folded = PRICE.sub(" ", folded)
    cod = COD.search(folded) is not None
    folded = COD.sub(lambda m: " " * len(m.group()), folded)
    if cod:
        notes.append(_("Bayar di tempat (COD): dibayar saat barang diterima."))
    folded = _without_shop_name(folded)
    delivery = cod or asked or any(t in DELIVERY for t in TOKEN.findall(folded))
    ch = channels.get(channel)
    cat = Catalogue.load()
    lines: list[ProposedLine] = []
    unmatched: list[str] = []
    waiting: list[str] = []  # a line note written before any item: for the next line
    for chunk in SEPARATORS.split(folded):
        for piece, is_note in _pieces(chunk, cat):
            if is_note:
                if lines:
                    lines[-1] = _noted(lines[-1], piece)
                else:
                    waiting.append(piece)
                continue
            raw = TOKEN.findall(piece)
            for group in item_groups(read_chunk([canon(t) for t in raw], raw, cat)):
                got, missed = take_items(group, cat, ch, notes)
                if got and waiting:
                    got[0] = _noted(got[0], ", ".join(waiting))
                    waiting = []
                lines += got
                unmatched += [w for w in missed if w not in unmatched]
    unmatched += [w for w in waiting if w not in unmatched]
    customer_id, customer_name = None, name
    if number:
        try:
            found = customers.by_phone(number)
        except CustomerNotFound:
            found = None
        if found is not None:
            customer_id, customer_name = int(found.id), str(found.name)
            if delivery and not address:
                address = customers.main_address(customer_id)
                if address:
                    notes.append(_("Alamat dari data pelanggan."))
    return Proposal(
        tuple(lines), customer_id, customer_name, number, address, delivery, tuple(unmatched), text, channel,
        tuple(dict.fromkeys(notes)), cod,
    )  # fmt: skip


def _without_shop_name(folded: str) -> str:
    """The shop's own name ("Halo Bakso Pak Kumis") blanked: a greeting, not an order of bakso."""
    words = TOKEN.findall("".join(fold_char(c) for c in str(settings.get("shop_name") or "")))
    if not any(w.isalpha() for w in words):
        return folded
    pattern = re.compile(r"(?<![\w])" + r"[^\w\n]+".join(re.escape(w) for w in words) + r"(?![\w])")
    return pattern.sub(lambda m: " " * len(m.group()), folded)


def _pieces(chunk: str, cat: Catalogue) -> list[tuple[str, bool]]:
    """A chunk cut at its line notes ("tanpa sambal", "gak pake gula", "pedes", "kuah dipisah"):
    (text, it is a note), in order. A note takes up to two more words, none a product name's first."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in LINE_NOTE.finditer(chunk):
        if match.start() < at:
            continue
        end = match.end()
        last = match.group().split()[-1]
        for _more in range(2):  # "ga pake bawang goreng": up to two more words, till a name's first word
            more = re.match(r"\s+([a-z]+)(?![\w])", chunk[end:])
            word = canon(more.group(1)) if more is not None else ""
            if (
                more is None
                or last in ("pedes", "pedas", "banget", "bgt", "sekali", "dipisah", "dipisahin", "pisah")
                or word in FILLER
                or word in NUMBERS
                or word in HALVES
                or any(v in cat.firsts for v, _s in cat.fixes(word))
            ):
                break
            end += more.end()
        out += [(chunk[at : match.start()], False), (" ".join(chunk[match.start() : end].split()), True)]
        at = end
    out.append((chunk[at:], False))
    return [(text, is_note) for text, is_note in out if text.strip()]


def _noted(line: ProposedLine, note: str) -> ProposedLine:
    return replace(line, note=f"{line.note}, {note}" if line.note else note)


def line_total(line: ProposedLine) -> int:
    return line_amount(line.qty, line.price)


def to_cart(proposal: Proposal, delivery_fee: int = 0) -> Cart:
    """The proposal (as the cashier left it) as the counter's cart: each line at today's catalogue price
    on the proposal's channel, the customer, a delivery with its address and ongkir, the pasted text.
    Raises NoItemsRecognised for a proposal without lines."""
    if not proposal.lines:
        raise NoItemsRecognised()
    ch = channels.get(proposal.channel)
    cart = Cart(channel=proposal.channel)
    for line in proposal.lines:
        product = Product.get_or_none(Product.id == line.product_id, Product.active == True)  # noqa: E712
        if product is None:
            raise ProductNotFound(code=line.sku)
        price = catalog.price_for(product, ch)
        index = cart.add(
            product.id,
            product.name,
            price,
            line.qty,
            tax_category=product.tax_category,
            merge=not line.note,
            unit=product.unit,  # half a pcs item: refused here, with the unit named
        )
        if line.note:
            cart.set_note(index, line.note)
    cart.customer_id = proposal.customer_id
    if proposal.delivery:
        cart.order_type = "delivery"
        cart.set_delivery(delivery_fee, proposal.address)
    cart.chat_text = proposal.text
    return cart


def chat_text_of(sale_id: int) -> str:
    """What the customer wrote, kept with a sale made from a pasted order ('' for any other sale)."""
    row = ChatText.get_or_none(ChatText.sale == sale_id)
    return str(row.text) if row else ""


def as_json(proposal: Proposal) -> dict[str, Any]:
    """The proposal for a machine (the CLI's --json)."""
    return {
        "lines": [
            {
                "sku": ln.sku,
                "name": ln.name,
                "qty": str(ln.qty),
                "unit": ln.unit,
                "matched": ln.matched,
                "price": ln.price,
                "note": ln.note,
            }  # fmt: skip
            for ln in proposal.lines
        ],
        "customer": {"id": proposal.customer_id, "name": proposal.customer_name, "phone": proposal.phone},
        "address": proposal.address,
        "delivery": proposal.delivery,
        "cod": proposal.cod,
        "unmatched": list(proposal.unmatched),
        "notes": list(proposal.notes),
        "message": NoItemsRecognised().text if proposal.empty else "",
    }
