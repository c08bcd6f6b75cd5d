"""A WhatsApp order pasted at the counter, read into a proposed cart by fixed rules (no network, no model).

`propose(text)` reads the message — items and quantities ("bakso urat 2", "dua es teh", "setengah kilo
gula", "1/2 kg telur", "2x kerupuk"), the phone number, the name after "a.n."/"atas nama", the address after
"antar ke"/"kirim ke"/"alamat" — and matches each item against the catalogue's names (word prefixes, one
typo in words of 5 letters or more). It writes nothing; every guess says which words it matched, and the
words it could not place are listed. `to_cart(proposal)` makes the counter's cart of it (WhatsApp channel,
a delivery when asked, the pasted text kept with the order). `reply_text` is the answer to send back.

Prices in the message ("15rb", "Rp 15.000", "15k") are never read as quantities. A message longer than
MAX_TEXT characters is cut there (and the proposal says so); every pattern is linear, nothing can hang.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from db import names_index
from db.fields import to_qty
from db.models import ChatText, Product, RecipeItem
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import phone, settings, whatsapp
from pos.core.cart import MAX_QTY, Cart
from pos.core.errors import CustomerNotFound, InvalidInput, NoItemsRecognised, ProductNotFound
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.text import clean
from pos.customers import customer as customers

MAX_TEXT = 5_000

# --- words ----------------------------------------------------------------------------------------
NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
           "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100}  # fmt: skip
HALVES = {"setengah": Decimal("0.5"), "stengah": Decimal("0.5"), "stgh": Decimal("0.5"),
          "seperempat": Decimal("0.25")}  # fmt: skip
FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# a unit word after a number -> its family and the factor to the family's base (kg, l, piece)
UNITS: dict[str, tuple[str, Decimal]] = {
    "kg": ("kg", Decimal(1)),
    "kilo": ("kg", Decimal(1)),
    "ons": ("kg", Decimal("0.1")),
    "g": ("kg", Decimal("0.001")),
    "l": ("l", Decimal(1)),
    "ml": ("l", Decimal("0.001")),
    "lusin": ("pcs", Decimal(12)),
    **{w: ("pcs", Decimal(1)) for w in (
        "pcs", "pc", "bks", "bungkus", "porsi", "prs", "buah", "bh", "biji", "gelas", "gls", "mangkok",
        "mangkuk", "piring", "botol", "btl", "pack", "pak", "pax", "dus", "kotak", "renteng", "sachet",
        "saset", "cup", "cangkir", "batang", "lembar", "ekor", "ikat", "papan", "x")},
}  # fmt: skip
UNIT_OF = {"kg": "kg", "gram": "kg", "liter": "l"}  # a product's unit -> the family its quantity is in
TO_UNIT = {"kg": Decimal(1), "gram": Decimal(1000), "liter": Decimal(1)}  # family base -> product unit
CANON = {"kilogram": "kg", "kgs": "kg", "gr": "g", "gram": "g", "grm": "g", "lt": "l", "ltr": "l",
         "liter": "l", "litre": "l", "baso": "bakso", "mi": "mie", "telor": "telur", "krupuk": "kerupuk",
         "anget": "hangat", "aer": "air", "tawar": "tawar"}  # fmt: skip
FILLER = frozenset(
    """kak kaka kakak ka kk min mimin admin gan agan sis bro pak bu ibu bapak mas mba mbak bang abang om
    tante dek pesan pesen psn pesanan pesanannya order orderan mau mo pengen pingin ingin minta beli
    ya yaa yah yak iya dong donk deh aja saja ja juga jg lagi tolong tlg mohon halo hai hallo hi
    assalamualaikum assalamu alaikum wr wb selamat pagi siang sore malam permisi punten ok oke okay sip
    siap makasih terima kasih trims thanks thx tq nuwun matur sy saya aku gw gue kami kita ini itu tadi
    yg yang nya pake pakai buat untuk utk ke di dari atau ada masih ready gak ga nggak engga enggak
    tidak bisa boleh tambah tambahin total berapa brp semua semuanya udah sudah sdh nanti ntar besok
    sekarang skrg segera cepat ditunggu tunggu bgt banget sih nih tuh kok loh lho kalau kalo klo jam
    hp wa no nomor nomer telp telepon bayar transfer tf cash tunai qris lunas ongkir ongkos rumah
    jadi jd gitu begitu dgn dengan please pls plz also ambil diambil sendiri pickup buka tutup kah""".split()
)  # fmt: skip
DELIVERY = frozenset("antar anter antarkan anterin diantar dianter diantarkan kirim kirimkan kirimin dikirim "
                     "delivery cod kurir".split())  # fmt: skip
_HONORIFICS = frozenset("bu ibu pak bapak mas mba mbak kak bang om tante".split())
_TRAILING = frozenset("ya yaa kak ka min gan dong ok oke makasih thx sis pak bu".split())

# --- patterns (each linear: no nested repetition) -------------------------------------------------
_PHONE = re.compile(r"(?<![\d])(?:\+\s?62|62|0)[\s.\-]?8\d{1,4}(?:[\s.\-]?\d{2,5}){1,4}(?![\d])")
_PRICE = re.compile(
    r"(?<![\w])(?:rp\.?\s?\d[\d.,]{0,12}(?:\s?(?:rb|ribu|rebu|k|jt|juta)(?![a-z]))?"
    r"|\d{1,6}(?:[.,]\d{1,3})?\s?(?:rb|ribu|rebu|k|jt|juta)(?![a-z])"
    r"|\d{1,3}(?:\.\d{3}){1,3}(?![\d]))"
)
_NAME = re.compile(
    r"(?<![a-z])(?:a\s?\.\s?n(?![a-z])\.?|a/n|an\.|atas\s+nama|nama(?:\s+saya)?)(?![a-z])\s*[:\-]?\s*"
)
_ADDRESS = re.compile(
    r"(?<![a-z])(?:(?:di)?(?:antar|anter|kirim)(?:kan|in)?\s+(?:ke\s+(?:alamat\s+)?|(?=(?:jl|jln|jalan|gg|"
    r"gang|perum|komplek|kompleks|blok)[\s.]))|alamat(?:nya)?(?:\s+di)?\s*:?\s*)"
)
_STREET = re.compile(r"(?<![a-z])(?:jl|jln|jalan|gg|gang|perum|komplek|kompleks)\.?\s")
_ADDRESS_END = re.compile(
    r",?\s*(?:a\s?\.\s?n(?![a-z])|a/n|an\.|atas\s+nama|nama|hp|wa|no\.?\s?hp|telp)(?![a-z])"
)
_SEPARATORS = re.compile(
    r"[\n;+&]|(?<!\d),|,(?!\d)|\.(?!\d)|(?<![a-z])(?:sama|sm|ama|dan|terus|trus|trs|tambah|plus)(?![a-z])"
)
_LIST_MARK = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+")  # "1. bakso", "2) mie", "- es teh"
_SENTENCE_END = re.compile(r"([a-z0-9]+)\.(?=\s)")
_ABBREVIATIONS = frozenset("jl jln gg no rt rw kel kec kab blok kav perum komp kp ds dsn ds km lt".split())
_NOWHERE = frozenset(("rumah", "rumah saya", "rumah aku", "sini", "biasa", "alamat biasa", "tempat biasa"))
_COD = re.compile(r"(?<![a-z])(?:cod|bayar\s+di\s*tempat)(?![a-z])")  # bayar di tempat, bayar ditempat
_NO = r"(?:gak|ga|gk|nggak|ngga|enggak|tidak|tdk|jangan|jgn)"
_LINE_NOTE = re.compile(  # how the customer wants an item: the line's note, not a product
    r"(?<![a-z])(?:(?:tanpa|tnp|" + _NO + r"\s+(?:pake|pakai|pk|usah))\s+[a-z]+"
    r"|(?:extra|ekstra)\s+[a-z]+"
    r"|[a-z]+\s+(?:dipisah|dipisahin|dipisahkan|pisah)"
    r"|(?:" + _NO + r"\s+|kurang\s+)?(?:pedes|pedas)(?:\s+(?:banget|bgt|sekali|level\s?\d|lvl\s?\d))?"
    r"|(?:level|lvl)\s?\d)(?![a-z])"
)
LARGE_QTY = 100  # more than a warung's biggest order of one thing (an arisan's 50 portions): said, kept
_TOKEN = re.compile(r"\d{1,6}/\d{1,3}|\d{1,9}(?:[.,]\d{1,3})?|[½¼¾]|[^\W\d_]+")


@dataclass(frozen=True)
class ProposedLine:
    product_id: int
    sku: str
    name: str
    qty: Decimal
    unit: str
    matched: str  # the words of the message it was read from
    price: int  # on the proposal's channel, at the time of reading
    note: str = ""  # how the customer wants it ("tanpa sambal", "kuah dipisah"): the cart line's note


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


# --- reading the message ---------------------------------------------------------------------------
def _fold_char(c: str) -> str:
    """One character for one (positions kept): lower case, accents off; symbols and emoji a space."""
    if c.isascii():
        return c.lower()
    if c in FRACTIONS:
        return c
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(base) == 1 and base.isalnum():
        return base
    low = c.lower()
    return low if len(low) == 1 and c.isalpha() else " "


def _canon(word: str) -> str:
    return CANON.get(word, word)


def _words(text: str) -> list[str]:
    return [_canon(t) for t in _TOKEN.findall(text)]


def _distance_one(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2] and a[i + 2 :] == b[i + 2 :]


@dataclass
class _Catalogue:
    """The active products' words, read once per message: what typos are corrected to."""

    vocab: set[str] = field(default_factory=set)
    ordered: list[str] = field(default_factory=list)  # the vocabulary sorted: words by their start
    typos: dict[tuple[int, int, str], list[str]] = field(default_factory=dict)  # (length, end, letter)
    joined: dict[str, tuple[str, str]] = field(default_factory=dict)  # "esteh" -> ("es", "teh")
    sizes: set[tuple[str, str]] = field(default_factory=set)  # ("600", "ml"): a size in a name
    name_numbers: dict[str, set[str]] = field(default_factory=dict)  # "600" -> the words beside it
    pairs: set[tuple[str, str]] = field(default_factory=set)  # ("beku", "50"): a number after a name word
    firsts: set[str] = field(default_factory=set)  # the words names start with ("es", "mie", "bakso")
    products: dict[int, tuple[Product, list[str]]] = field(default_factory=dict)
    fetched: set[str] = field(default_factory=set)
    fixed: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> _Catalogue:
        cat = cls()
        rows = Product.select(Product.search_name).where(_sellable()).distinct().tuples()
        for (search_name,) in rows:
            words = _words(search_name)
            cat.vocab.update(words)
            cat.firsts.update(words[:1])
            for a, b in zip(words, words[1:], strict=False):
                if a.isalpha() and b.isalpha():
                    cat.joined.setdefault(a + b, (a, b))
                if a.isdigit() and b in UNITS:
                    cat.sizes.add((a, b))
                if b.isdigit() and not a.isdigit():
                    cat.pairs.add((a, b))
            for w in words:
                if w.isdigit():
                    cat.name_numbers.setdefault(w, set()).update(x for x in words if not x.isdigit())
        cat.ordered = sorted(cat.vocab)
        for w in cat.ordered:
            if len(w) >= 5 and w.isalpha():  # one edit leaves the first or the last letter as it was
                cat.typos.setdefault((len(w), 0, w[0]), []).append(w)
                cat.typos.setdefault((len(w), 1, w[-1]), []).append(w)
        return cat

    def fixes(self, word: str) -> list[tuple[str, float]]:
        """The catalogue words `word` may stand for, with how sure: 3 the same, 2 its start, 1.5 a typo."""
        if word in self.fixed:
            return self.fixed[word]
        out: list[tuple[str, float]] = []
        if word in self.vocab:
            out.append((word, 3.0))
        if len(word) >= 3 and word.isalpha():
            at = bisect.bisect_right(self.ordered, word)
            while at < len(self.ordered) and self.ordered[at].startswith(word):
                out.append((self.ordered[at], 2.0))
                at += 1
        if len(word) >= 5 and word.isalpha() and not out:
            near = {
                v
                for length in (len(word) - 1, len(word), len(word) + 1)
                for key in ((length, 0, word[0]), (length, 1, word[-1]))
                for v in self.typos.get(key, ())
            }
            out += [(v, 1.5) for v in sorted(near) if _distance_one(word, v)]
        if not out and word.endswith("nya") and word[:-3] in self.vocab:
            out.append((word[:-3], 3.0))
        self.fixed[word] = out
        return out

    def candidates(self, words: list[str]) -> list[tuple[Product, list[str]]]:
        """The products holding one of these words (as corrected), found through the names index."""
        wanted = {v for w in words for v, _s in self.fixes(w)}
        for v in sorted(wanted - self.fetched):
            self.fetched.add(v)
            if len(v) < 3 or v.isdigit():
                continue  # a short word or a size: the index finds its product through a longer word
            cond = _sellable() & names_index.words_match(Product, [v])
            for product in Product.select().where(cond).order_by(Product.id).limit(200):
                self.products.setdefault(product.id, (product, _words(product.search_name)))
        return [pair for _id, pair in sorted(self.products.items()) if wanted.intersection(pair[1])]


def _sellable() -> Any:
    """Active products the counter sells: not a kitchen's raw material at Rp 0 (as catalog.search)."""
    raw = Product.id.in_(RecipeItem.select(RecipeItem.ingredient))
    return (Product.active == True) & ~((Product.price == 0) & raw)  # noqa: E712


@dataclass
class _Qty:
    value: Decimal
    unit: str  # the unit word written ("kg", "ons", "bks") or ""
    text: str  # as written


Word = tuple[str, str]  # (the word as compared, as written)


def _number(tokens: list[str], i: int) -> tuple[Decimal, int] | None:
    """A number at tokens[i] — digits, 1/2, ½, words ('dua', 'dua puluh lima', 'satu setengah'):
    (value, tokens used), or None."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    value: Decimal | None = None
    used = 1
    if t in FRACTIONS:
        value = FRACTIONS[t]
    elif "/" in t:
        top, bottom = t.split("/")
        value = Decimal(top) / Decimal(bottom) if int(bottom) else None
    elif t[0].isdigit():
        value = Decimal(t.replace(",", "."))
    elif t in HALVES:
        return HALVES[t], 1
    elif t == "selusin":
        return Decimal(12), 1
    elif t in NUMBERS:
        value = Decimal(NUMBERS[t])
        if NUMBERS[t] < 10 and nxt == "belas":
            value, used = Decimal(10 + NUMBERS[t]), 2
        elif NUMBERS[t] < 10 and nxt == "puluh":
            value, used = Decimal(10 * NUMBERS[t]), 2
            after = tokens[i + 2] if i + 2 < len(tokens) else ""
            if NUMBERS.get(after, 10) < 10:
                value, used = value + NUMBERS[after], 3
    if value is None:
        return None
    if i + used < len(tokens) and tokens[i + used] in HALVES and value == value.to_integral():
        value, used = value + HALVES[tokens[i + used]], used + 1  # satu setengah
    return value, used


def _read_chunk(tokens: list[str], raw: list[str], cat: _Catalogue) -> list[tuple[str, Any]]:
    """Tokens -> ('w', Word) and ('q', _Qty) items; filler dropped; a size of a name ('600 ml') kept as
    words."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if t == "x" and nxt[:1].isdigit():  # x2
            got = _number(tokens, i + 1)
            if got:
                out.append(("q", _Qty(got[0], "", " ".join(raw[i : i + 1 + got[1]]))))
                i += 1 + got[1]
                continue
        if t.startswith("se") and _canon(t[2:]) in UNITS and t[2:] != "x":  # sebungkus, sekilo, selusin
            unit = _canon(t[2:])
            out.append(("q", _Qty(UNITS[unit][1] if unit == "lusin" else Decimal(1), unit, raw[i])))
            i += 1
            continue
        got = _number(tokens, i) if not (t.isdigit() and len(t) > 5) else None  # a long number: listed
        if got is not None:
            value, used = got
            after = tokens[i + used] if i + used < len(tokens) else ""
            prev = out[-1][1][0] if out and out[-1][0] == "w" else ""
            beside = cat.name_numbers.get(t, set())
            if t.isdigit() and (after in UNITS and (t, after) in cat.sizes):  # "600 ml" of "Aqua 600 ml"
                out += [("w", (t, raw[i])), ("w", (after, raw[i + 1]))]
                i += 2
                continue
            if t.isdigit() and (
                (prev, t) in cat.pairs or (prev in beside and (int(t) >= 100 or _number_at(tokens, i + 1)))
            ):  # "aqua 600", "aqua 600 2", "bakso beku 50 butir", "mild 16": the name's, not 600 bottles
                out.append(("w", (t, raw[i])))
                i += 1
                continue
            unit = ""
            if after in UNITS:
                unit, used = after, used + 1
                if after == "lusin":
                    value *= 12
            elif after == "kali":
                used += 1
            out.append(("q", _Qty(value, unit, " ".join(raw[i : i + used]))))
            i += used
            continue
        if t == "lusin":
            out.append(("q", _Qty(Decimal(12), "", raw[i])))
        elif t not in FILLER and t not in DELIVERY and (t not in UNITS or t in cat.vocab):
            out.append(("w", (t, raw[i])))  # a unit word not after a number may be a name's ("teh botol")
        i += 1
    return out


def _number_at(tokens: list[str], i: int) -> bool:
    return i < len(tokens) and _number(tokens, i) is not None


def _groups(items: list[tuple[str, Any]]) -> list[tuple[list[Word], _Qty | None, bool]]:
    """Words with their quantity: a quantity written first starts each item ('2 bakso 1 es teh'), else
    it ends one ('bakso 2 es teh 1'). Each: (words, quantity, the quantity came first)."""
    first = bool(items) and items[0][0] == "q"
    groups: list[tuple[list[Word], _Qty | None, bool]] = []
    words: list[Word] = []
    qty: _Qty | None = None
    for kind, value in items:
        if kind == "w":
            words.append(value)
        elif first:
            if qty is not None or words:
                groups.append((words, qty, True))
            words, qty = [], value
        else:
            groups.append((words, value, False))
            words = []
    if words or qty is not None:
        groups.append((words, qty, first))
    return groups


def _expand(words: list[Word], cat: _Catalogue) -> list[Word]:
    out: list[Word] = []
    for w, raw in words:
        if w in cat.joined and not cat.fixes(w):
            a, b = cat.joined[w]
            out += [(a, raw), (b, "")]  # "esteh" -> es teh
        else:
            out.append((w, raw))
    return out


def _longest(words: list[str], i: int, names: list[str], cat: _Catalogue) -> tuple[int, float]:
    """From words[i], the longest run that is all words of a product named `names` (each name word once):
    (end, summed sureness)."""
    free = list(names)
    total, j = 0.0, i
    while j < len(words):
        best, where = 0.0, -1
        for v, sure in cat.fixes(words[j]):
            if v in free and sure > best:
                best, where = sure, free.index(v)
        if where < 0:
            break
        total += best
        del free[where]
        j += 1
    return j, total


def _best(words: list[str], cat: _Catalogue) -> tuple[int, int, list[Product]] | None:
    """The product matching the longest run of `words` best: (start, end, [it] or the ones tied)."""
    tried: list[tuple[tuple[float, ...], int, int, Product]] = []
    where: dict[str, list[int]] = {}  # catalogue word -> the positions of the words that may stand for it
    for i, w in enumerate(words):
        for v, _sure in cat.fixes(w):
            where.setdefault(v, []).append(i)
    for product, names in cat.candidates(words):
        for i in sorted({i for v in set(names) for i in where.get(v, ())}):  # a run starts at a name's word
            j, score = _longest(words, i, names, cat)
            if j == i or not (any(len(w) >= 3 for w in words[i:j]) or j - i == len(names)):
                continue
            starts = any(v == names[0] for v, _s in cat.fixes(words[i]))
            tried.append(((j - i, (j - i) / len(names), score, -len(names)), i, j, product, starts))
    if not tried:
        return None
    key, i, j, _p, _s = max(tried, key=lambda t: t[0])
    if key[1] == 1:  # the whole of a name: only another whole name as good is a tie
        tied = [(p, s) for k, a, b, p, s in tried if k == key and (a, b) == (i, j)]
    else:  # part of each name ("teh", "mie"): as good as any other product holding those words
        tied = [(p, s) for k, a, b, p, s in tried if (k[0], k[2]) == (key[0], key[2]) and (a, b) == (i, j)]
        first = [(p, s) for p, s in tied if s]
        if len({int(p.id) for p, _s in first}) >= 2:
            tied = first  # "bakso": the names that start so are the choice (Bakso Urat, Bakso Halus)
    return i, j, list({int(p.id): p for p, _s in tied}.values())


def _shown(qty: Decimal) -> str:
    return format(qty.normalize(), "f").replace(".", ",")


def _qty_for(product: Product, qty: _Qty | None, notes: list[str]) -> Decimal | None:
    """The quantity in the product's own unit ('2 ons' of a kg product: 0,2), or None (said) when none."""
    if qty is None:
        return to_qty(Decimal(1))
    value = qty.value
    family, factor = UNITS.get(qty.unit, ("", Decimal(1)))
    own = UNIT_OF.get(str(product.unit), "pcs")
    if family in ("kg", "l") and own == family:
        value = value * factor * TO_UNIT[str(product.unit)]
    elif (
        family in ("kg", "l")
        or (family == "pcs" and qty.unit not in ("x", "lusin") and own != "pcs")
        or (own == "pcs" and value != value.to_integral())  # half a portion
    ):
        notes.append(
            _('{name} dijual per {unit}: "{text}" dibaca {qty} {unit}.').format(
                name=product.name, unit=product.unit, text=qty.text, qty=_shown(value)
            )
        )
    if value <= 0 or value > MAX_QTY:
        notes.append(
            _('Jumlah "{text}" untuk {name} tidak dipakai.').format(text=qty.text, name=product.name)
        )
        return None
    rounded = to_qty(value)
    if rounded <= 0:
        notes.append(
            _('Jumlah "{text}" untuk {name} tidak dipakai.').format(text=qty.text, name=product.name)
        )
        return None
    if rounded > LARGE_QTY:
        notes.append(
            _("{qty} {unit} {name} banyak sekali untuk satu pesanan; tanyakan lagi ke pelanggan.").format(
                qty=_shown(rounded), unit=product.unit, name=product.name
            )
        )
    return rounded


def _take_items(
    group: tuple[list[Word], _Qty | None, bool], cat: _Catalogue, channel: Any, notes: list[str]
) -> tuple[list[ProposedLine], list[str]]:
    """One run of item words into lines: the best product for its longest part, then the parts around."""
    words, qty, qty_first = group
    words = _expand(words, cat)
    keys = [w for w, _r in words]
    runs = [(0, len(words))]
    found: list[tuple[int, int, Product]] = []
    unmatched: list[str] = []
    missed: list[tuple[int, str]] = []
    while runs:
        a, b = runs.pop()
        if a >= b:
            continue
        hit = _best(keys[a:b], cat)
        if hit is None:
            missed += [(k, words[k][1]) for k in range(a, b) if words[k][1]]
            continue
        i, j, products = hit
        if len(products) > 1:
            shown = " ".join(r for _w, r in words[a + i : a + j] if r)
            notes.append(
                _('"{words}" cocok dengan beberapa barang: {names}; pilih sendiri.').format(
                    words=shown, names=", ".join(sorted(p.name for p in products))
                )
            )
            missed.append((a + i, shown))
        else:
            found.append((a + i, a + j, products[0]))
        runs += [(a, a + i), (a + j, b)]
    unmatched = [text for _k, text in sorted(missed)]
    found.sort(key=lambda f: f[0])
    lines = []
    for n, (i, j, product) in enumerate(found):
        gets_qty = qty is not None and ((n == 0) if qty_first else (n == len(found) - 1))
        value = _qty_for(product, qty if gets_qty else None, notes)
        if value is None:
            continue
        matched = " ".join(r for _w, r in words[i:j] if r)
        if gets_qty and qty is not None:
            matched = f"{qty.text} {matched}" if qty_first else f"{matched} {qty.text}"
        price = catalog.price_for(product, channel)
        lines.append(
            ProposedLine(
                int(product.id), str(product.sku), str(product.name), value, str(product.unit), matched, price
            )
        )
    return lines, unmatched


def _blank(folded: str, kept: str, start: int, end: int) -> tuple[str, str]:
    gap = " " * (end - start)
    return folded[:start] + gap + folded[end:], kept[:start] + gap + kept[end:]


def _as_written(folded: str, kept: str, start: int, end: int) -> str:
    """The original text of a span, without what reading took out (a phone number, emoji)."""
    return "".join(o if f != " " else " " for o, f in zip(kept[start:end], folded[start:end], strict=True))


def _extract_phone(folded: str, kept: str) -> tuple[str, str, str]:
    number = ""
    for match in _PHONE.finditer(folded):
        try:
            found = phone.normalise(match.group())
        except InvalidInput:
            continue
        number = number or found
        folded, kept = _blank(folded, kept, match.start(), match.end())
    return number, folded, kept


def _extract_name(folded: str, kept: str) -> tuple[str, str, str]:
    match = _NAME.search(folded)
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
        if w in FILLER and not (count == 0 and w in _HONORIFICS):  # "a.n. bu ani ya": Bu Ani
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
    match = _ADDRESS.search(folded)
    start = match.end() if match is not None else 0
    if match is None:
        match = _STREET.search(folded)
        if match is None:
            return "", False, folded, kept
        start = match.start()
    stop = folded.find("\n", start)
    stop = len(folded) if stop < 0 else stop
    ending = _ADDRESS_END.search(folded, start, stop)
    if ending is not None:
        stop = ending.start()
    for end in _SENTENCE_END.finditer(folded, start, stop):
        if end.group(1) not in _ABBREVIATIONS:  # "rumah. hp …": the sentence ends; "jl. melati" goes on
            stop = end.start() + len(end.group(1))
            break
    words = _as_written(folded, kept, start, stop).split()
    while words and words[-1].lower().strip(".,!;:-") in _TRAILING | {""}:
        words.pop()
    address = " ".join(words).strip(" ,;:-.")
    if address.lower() in _NOWHERE:  # "antar ke rumah": the address the customer book holds, if any
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
    folded = "".join(_fold_char(c) for c in text)
    for mark in _LIST_MARK.finditer(folded):
        folded = folded[: mark.start()] + " " * (mark.end() - mark.start()) + folded[mark.end() :]
    kept = text
    number, folded, kept = _extract_phone(folded, kept)
    name, folded, kept = _extract_name(folded, kept)
    address, asked, folded, kept = _extract_address(folded, kept)
    for price in _PRICE.finditer(folded):
        notes.append(_('"{text}" dibaca sebagai harga, bukan jumlah.').format(text=price.group().strip()))
    folded = _PRICE.sub(" ", folded)
    cod = _COD.search(folded) is not None
    folded = _COD.sub(lambda m: " " * len(m.group()), folded)
    if cod:
        notes.append(_("Bayar di tempat (COD): dibayar saat barang diterima."))
    folded = _without_shop_name(folded)
    delivery = cod or asked or any(t in DELIVERY for t in _TOKEN.findall(folded))
    ch = channels.get(channel)
    cat = _Catalogue.load()
    lines: list[ProposedLine] = []
    unmatched: list[str] = []
    waiting: list[str] = []  # a line note written before any item: for the next line
    for chunk in _SEPARATORS.split(folded):
        for piece, is_note in _pieces(chunk, cat):
            if is_note:
                if lines:
                    lines[-1] = _noted(lines[-1], piece)
                else:
                    waiting.append(piece)
                continue
            raw = _TOKEN.findall(piece)
            for group in _groups(_read_chunk([_canon(t) for t in raw], raw, cat)):
                got, missed = _take_items(group, cat, ch, notes)
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
    words = _TOKEN.findall("".join(_fold_char(c) for c in str(settings.get("shop_name") or "")))
    if not any(w.isalpha() for w in words):
        return folded
    pattern = re.compile(r"(?<![\w])" + r"[^\w\n]+".join(re.escape(w) for w in words) + r"(?![\w])")
    return pattern.sub(lambda m: " " * len(m.group()), folded)


def _pieces(chunk: str, cat: _Catalogue) -> list[tuple[str, bool]]:
    """A chunk cut at its line notes ("tanpa sambal", "gak pake gula", "pedes", "kuah dipisah"):
    (text, it is a note), in order. A note takes up to two more words, none a product name's first."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in _LINE_NOTE.finditer(chunk):
        if match.start() < at:
            continue
        end = match.end()
        last = match.group().split()[-1]
        for _more in range(2):  # "ga pake bawang goreng": up to two more words, till a name's first word
            more = re.match(r"\s+([a-z]+)(?![\w])", chunk[end:])
            word = _canon(more.group(1)) if more is not None else ""
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


def qty_text(qty: Decimal) -> str:
    """2,000 -> '2'; 0,500 -> '0,5' (as the shop writes it)."""
    return _shown(qty)


def line_total(line: ProposedLine) -> int:
    from pos.core.money import line_amount

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
            product.id, product.name, price, line.qty, tax_category=product.tax_category, merge=not line.note
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


# --- the reply ------------------------------------------------------------------------------------
def how_to_pay(shop: dict[str, Any] | None = None) -> str:
    """The ways to pay the shop offers, one a line: its QRIS (the picture attached), its bank account."""
    shop = shop if shop is not None else settings.all_settings()
    ways = []
    if str(shop.get("qris_payload") or ""):
        ways.append(_("QRIS (gambar terlampir)"))
    account = str(shop.get("bank_account") or "").strip()
    if account:
        ways.append(_("Transfer ke {account}").format(account=account))
    ways.append(_("Tunai saat barang diterima"))
    return "\n".join(f"- {w}" for w in ways)


def reply_text(cart: Cart, name: str = "", template: str | None = None) -> str:
    """The answer to the customer in the shop's words (setting chat_reply_template): the order, ongkir,
    total and how to pay."""
    from pos.counter import sale

    shop = settings.all_settings()
    q = sale.preview(cart)
    items = "\n".join(
        f"- {_shown(line.qty)} × {line.name}  {format_rupiah(lq.net)}"
        for line, lq in zip(cart.lines, q.lines, strict=True)
    )
    values = {
        "nama": name or _("Kak"),
        "barang": items,
        "total": format_rupiah(q.total),
        "ongkir": format_rupiah(q.delivery_fee) if q.delivery_fee else _("belum dihitung"),
        "bayar": how_to_pay(shop),
    }
    chosen = str(template if template is not None else shop.get("chat_reply_template") or "")
    try:
        whatsapp.check_template(chosen)
    except InvalidInput:
        chosen = str(settings.DEFAULTS["chat_reply_template"])
    return chosen.format(**values)


def reply_link(proposal: Proposal, text: str) -> str:
    """wa.me link to the customer who wrote (WhatsApp asks for the contact when no number was read)."""
    return whatsapp.link(proposal.phone or None, text)


def qris_for(cart: Cart) -> str:
    """The shop's QRIS with this order's total in it ('' when the shop has none)."""
    from pos.core import qris
    from pos.counter import sale

    payload = str(settings.get("qris_payload") or "")
    if not payload:
        return ""
    return qris.to_dynamic(payload, sale.preview(cart).total)
