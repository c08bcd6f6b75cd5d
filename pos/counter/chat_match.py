"""Matching a chat order's words to the catalogue: the active products' vocabulary (word starts, one
typo in words of 5 letters or more, joined words), quantities with their units, and the best product
for each run of item words as a ProposedLine.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from db import names_index
from db.fields import to_qty
from db.models import Product, RecipeItem
from pos.catalog import catalog
from pos.core.cart import MAX_QTY
from pos.core.i18n import _
from pos.core.text import qty_text
from pos.counter.chat_words import (
    DELIVERY,
    FILLER,
    FRACTIONS,
    HALVES,
    LARGE_QTY,
    NUMBERS,
    TO_UNIT,
    UNIT_OF,
    UNITS,
    canon,
    canon_words,
    distance_one,
    is_number,
)


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


@dataclass
class Catalogue:
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
    def load(cls) -> Catalogue:
        cat = cls()
        rows = Product.select(Product.search_name).where(_sellable()).distinct().tuples()
        for (search_name,) in rows:
            words = canon_words(search_name)
            cat.vocab.update(words)
            cat.firsts.update(words[:1])
            for a, b in zip(words, words[1:], strict=False):
                if a.isalpha() and b.isalpha():
                    cat.joined.setdefault(a + b, (a, b))
                if is_number(a) and b in UNITS:
                    cat.sizes.add((a, b))
                if is_number(b) and not is_number(a):
                    cat.pairs.add((a, b))  # "mild 16", "mimis 4.5": the name's number, not a quantity
            for w in words:
                if is_number(w):
                    cat.name_numbers.setdefault(w, set()).update(x for x in words if not is_number(x))
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
            out += [(v, 1.5) for v in sorted(near) if distance_one(word, v)]
        if not out and word.endswith("nya") and word[:-3] in self.vocab:
            out.append((word[:-3], 3.0))
        self.fixed[word] = out
        return out

    def candidates(self, words: list[str]) -> list[tuple[Product, list[str]]]:
        """The products holding one of these words (as corrected), found through the names index."""
        wanted = {v for w in words for v, _s in self.fixes(w)}
        for v in sorted(wanted - self.fetched):
            self.fetched.add(v)
            if len(v) < 3 or is_number(v):
                continue  # a short word or a size: the index finds its product through a longer word
            cond = _sellable() & names_index.words_match(Product, [v])
            for product in Product.select().where(cond).order_by(Product.id).limit(200):
                self.products.setdefault(product.id, (product, canon_words(product.search_name)))
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


def read_chunk(tokens: list[str], raw: list[str], cat: Catalogue) -> list[tuple[str, Any]]:
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
        if t.startswith("se") and canon(t[2:]) in UNITS and t[2:] != "x":  # sebungkus, sekilo, selusin
            unit = canon(t[2:])
            out.append(("q", _Qty(UNITS[unit][1] if unit == "lusin" else Decimal(1), unit, raw[i])))
            i += 1
            continue
        got = _number(tokens, i) if not (t.isdigit() and len(t) > 5) else None  # a long number: listed
        if got is not None:
            value, used = got
            after = tokens[i + used] if i + used < len(tokens) else ""
            prev = out[-1][1][0] if out and out[-1][0] == "w" else ""
            beside = cat.name_numbers.get(t, set())
            if is_number(t) and (after in UNITS and (t, after) in cat.sizes):  # "600 ml" of "Aqua 600 ml"
                out += [("w", (t, raw[i])), ("w", (after, raw[i + 1]))]
                i += 2
                continue
            if is_number(t) and (
                (prev, t) in cat.pairs
                or (prev in beside and (Decimal(t) >= 100 or _number_at(tokens, i + 1)))
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


def item_groups(items: list[tuple[str, Any]]) -> list[tuple[list[Word], _Qty | None, bool]]:
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


def _expand(words: list[Word], cat: Catalogue) -> list[Word]:
    out: list[Word] = []
    for w, raw in words:
        if w in cat.joined and not cat.fixes(w):
            a, b = cat.joined[w]
            out += [(a, raw), (b, "")]  # "esteh" -> es teh
        else:
            out.append((w, raw))
    return out


def _longest(words: list[str], i: int, names: list[str], cat: Catalogue) -> tuple[int, float]:
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


def _best(words: list[str], cat: Catalogue) -> tuple[int, int, list[Product]] | None:
    """The product matching the longest run of `words` best: (start, end, [it] or the ones tied)."""
    tried: list[tuple[tuple[float, ...], int, int, Product, bool]] = []
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
        first: list[tuple[Product, bool]] = [(p, s) for p, s in tied if s]
        if len({int(p.id) for p, _s in first}) >= 2:
            tied = first  # "bakso": the names that start so are the choice (Bakso Urat, Bakso Halus)
    return i, j, list({int(p.id): p for p, _s in tied}.values())


def _qty_for(product: Product, qty: _Qty | None, notes: list[str]) -> Decimal | None:
    """The quantity in the product's own unit ('2 ons' of a kg product: 0,2), or None (said) when none."""
    if qty is None:
        return to_qty(Decimal(1))
    value = qty.value
    family, factor = UNITS.get(qty.unit, ("", Decimal(1)))
    own = UNIT_OF.get(str(product.unit), "pcs")
    if family in ("kg", "l") and own == family:
        value = value * factor * TO_UNIT[str(product.unit)]
    elif own == "pcs" and value != value.to_integral():
        # a counted unit (porsi, pack, kaleng) is never proposed in halves: 1 is proposed and said, the
        # cashier asks ("mie ayam setengah" may be a small portion; "4.5" may be a calibre)
        notes.append(
            _(
                '{name} dijual per {unit}: "{text}" diusulkan 1 {unit}, bukan {qty}; tanyakan pelanggan.'
            ).format(name=product.name, unit=product.unit, text=qty.text, qty=qty_text(value))
        )
        return to_qty(Decimal(1))
    elif family in ("kg", "l") or (family == "pcs" and qty.unit not in ("x", "lusin") and own != "pcs"):
        notes.append(
            _('{name} dijual per {unit}: "{text}" dibaca {qty} {unit}.').format(
                name=product.name, unit=product.unit, text=qty.text, qty=qty_text(value)
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
                qty=qty_text(rounded), unit=product.unit, name=product.name
            )
        )
    return rounded


def take_items(
    group: tuple[list[Word], _Qty | None, bool], cat: Catalogue, channel: Any, notes: list[str]
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
