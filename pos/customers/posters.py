"""Promo posters and price lists to share on WhatsApp, Facebook and Instagram: what they say, no drawing.

An `Offer` is built from chosen products (each with an optional promo price: the catalogue price is then
the struck-through old price), a voucher campaign or one voucher code, a stamp card or a bonus gift. It
carries the shop's name, logo and WhatsApp number, the wa.me link a poster's QR opens (with a prefilled
order text) and the caption the owner pastes beside the image. A `PriceList` is the active catalogue (or
one category) grouped by category. receipts/posters.py and receipts/price_list.py draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from peewee import JOIN

from db.models import Category, LoyaltyProgram, Product, RecipeItem, Voucher
from pos.catalog import product_list
from pos.core import clock, phone, settings, whatsapp
from pos.core.errors import InvalidInput, InvalidPhone, InvalidPrice, NotFound, ProductNotFound
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT, format_rupiah, parse_rupiah
from pos.core.text import clean
from pos.customers import gifts, stamps
from pos.customers.voucher import normalise, pretty

MAX_ITEMS = 6  # on one poster; more belong on the price list
KINDS = ("products", "voucher", "stamps", "gift")


@dataclass(frozen=True)
class Item:
    name: str
    price: int  # what the customer pays (the promo price when there is one)
    unit: str
    old_price: int | None = None  # the catalogue price, struck through, when the promo is lower

    @property
    def saving(self) -> int:
        return (self.old_price or self.price) - self.price

    @property
    def percent_off(self) -> int:
        """Whole percent off, rounded down (never promises more than the shop gives)."""
        return self.saving * 100 // self.old_price if self.old_price else 0


@dataclass(frozen=True)
class Shop:
    name: str
    phone: str  # 62... or '' when the shop's number is not a WhatsApp number
    logo: str  # a path, or ''; the renderer skips a missing or broken file
    address: str = ""

    @property
    def phone_text(self) -> str:
        return phone.local_form(self.phone) if self.phone else ""


@dataclass(frozen=True)
class Offer:
    kind: str  # products | voucher | stamps | gift
    title: str  # the headline: PROMO, the campaign's or the program's name
    shop: Shop
    items: tuple[Item, ...] = ()
    big: str = ""  # a program's value in large type: 'Rp 10.000', 'GRATIS', '10%'
    lines: tuple[str, ...] = ()  # a program's conditions, one a line
    until: date | None = None
    link: str = ""  # wa.me/62...?text=... ('' without the shop's WhatsApp number)
    caption: str = ""

    @property
    def until_text(self) -> str:
        return _("Berlaku s.d. {date}").format(date=self.until.strftime("%d-%m-%Y")) if self.until else ""


@dataclass(frozen=True)
class PriceList:
    shop: Shop
    title: str  # 'Daftar harga' or the category's name
    day: date
    sections: tuple[tuple[str, tuple[Item, ...]], ...] = field(default=())
    caption: str = ""

    @property
    def count(self) -> int:
        return sum(len(items) for _name, items in self.sections)


def shop_info() -> Shop:
    """The shop's name, WhatsApp number (normalised, '' when not a mobile number) and logo from settings."""
    values = settings.all_settings()
    number = str(values.get("shop_phone") or "")
    try:
        number = phone.normalise(number) if number else ""
    except InvalidPhone:
        number = ""
    return Shop(
        str(values.get("shop_name") or "Kasir"),
        number,
        str(values.get("receipt_logo") or ""),
        str(values.get("shop_address") or ""),
    )


def _check_until(until: date | None) -> None:
    if until is not None and until < clock.now().date():
        raise InvalidInput(N_("Tanggal berakhir {date} sudah lewat."), date=until.strftime("%d-%m-%Y"))


def _with_link(offer: Offer, order_text: str, body: list[str]) -> Offer:
    """The offer with its wa.me link and caption (the body lines, the end date, the link)."""
    link = whatsapp.link(offer.shop.phone, order_text) if offer.shop.phone else ""
    caption = list(body)
    if offer.until:
        caption.append(offer.until_text)
    if link:
        caption.append(_("Pesan lewat WhatsApp: {link}").format(link=link))
    elif offer.shop.address:
        caption.append(offer.shop.address)
    caption.append(offer.shop.name)
    return replace(offer, link=link, caption="\n".join(caption))


def item_text(item: Item) -> str:
    """'Bakso Urat ~Rp 20.000~ Rp 18.000/porsi' for captions: WhatsApp strikes ~text~ through."""
    unit = f"/{item.unit}" if item.unit and item.unit != "pcs" else ""
    old = f"~{format_rupiah(item.old_price)}~ " if item.old_price else ""
    return f"{item.name} {old}{format_rupiah(item.price)}{unit}"


def for_products(
    product_ids: list[int],
    *,
    promo: dict[int, int] | None = None,
    until: date | None = None,
    title: str = "",
) -> Offer:
    """A poster of 1 to 6 products, in the order given. `promo` maps a product id to its promo price,
    which must be below the catalogue price (that one is then shown struck through)."""
    promo = promo or {}
    ids = list(dict.fromkeys(product_ids))
    if not ids:
        raise InvalidInput(N_("Pilih paling sedikit satu barang untuk poster."))
    if len(ids) > MAX_ITEMS:
        raise InvalidInput(
            N_(
                "Satu poster memuat paling banyak {max} barang; yang dipilih {n}. "
                "Untuk lebih banyak pakai Daftar harga."
            ),
            max=MAX_ITEMS,
            n=len(ids),
        )
    _check_until(until)
    found = {p.id: p for p in Product.select().where(Product.id.in_(ids))}
    items = []
    for pid in ids:
        product = found.get(pid)
        if product is None or not product.active:
            raise ProductNotFound(code=product.sku if product else str(pid))
        price, old = int(product.price), None
        if price <= 0:  # an ingredient, or a price not set yet: nothing to advertise
            raise InvalidInput(N_("{name} belum punya harga jual; isi harganya dulu."), name=product.name)
        if pid in promo:
            value = promo[pid]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_AMOUNT:
                raise InvalidPrice(text=str(value))
            if value >= price:
                raise InvalidInput(
                    N_("Harga promo {name} ({promo}) harus di bawah harga biasa {price}."),
                    name=product.name,
                    promo=format_rupiah(value),
                    price=format_rupiah(price),
                )
            price, old = value, price
        items.append(Item(product.name, price, product.unit, old))
    shop = shop_info()
    title = clean(title, limit=60) or _("PROMO")
    offer = Offer("products", title, shop, tuple(items), until=until)
    order = _("Halo {shop}, saya mau pesan:").format(shop=shop.name) + "".join(
        f"\n- 1 {item.name}"
        for item in items  # full names and a quantity: chat_order reads it back
    )
    body = [f"{title} · {shop.name}"] + [f"• {item_text(item)}" for item in items]  # not run together
    return _with_link(offer, order, body)


def _program_offer(kind: str, title: str, big: str, lines: list[str], until: date | None) -> Offer:
    shop = shop_info()
    offer = Offer(kind, title, shop, big=big, lines=tuple(lines), until=until)
    order = _("Halo {shop}, saya mau tanya promo {name}.").format(shop=shop.name, name=title)
    return _with_link(offer, order, [f"{title} — {big}", *lines])


def _value_text(kind: str, value: int) -> str:
    return f"{value}%" if kind == "pct" else format_rupiah(value)


def for_voucher(ref: str, until: date | None = None) -> Offer:
    """A voucher campaign (its name, as given when the vouchers were issued) or one voucher code.
    A code is printed on the poster (hand it out to whoever comes first); a campaign is told by value."""
    text = clean(ref)
    if not text:
        raise InvalidInput(N_("Tulis nama kampanye voucher atau kode vouchernya."))
    _check_until(until)
    rows = list(Voucher.select().where(Voucher.campaign == text, Voucher.state == "issued"))
    code = ""
    if not rows:
        try:
            code = normalise(text)
        except InvalidInput:
            raise NotFound(N_("Tidak ada voucher aktif dengan kampanye atau kode {ref}."), ref=text) from None
        rows = list(Voucher.select().where(Voucher.code == code, Voucher.state == "issued"))
        if not rows:
            raise NotFound(N_("Tidak ada voucher aktif dengan kampanye atau kode {ref}."), ref=text)
    values = sorted({(v.kind, int(v.value)) for v in rows}, key=lambda kv: kv[1])
    if len(values) == 1:
        big = _value_text(*values[0])
    else:
        big = _("s.d. {value}").format(value=_value_text(*values[-1]))
    lines = []
    if code:
        lines.append(_("Kode voucher: {code}").format(code=pretty(code)))
    spends = {int(v.min_spend) for v in rows}
    if spends and max(spends) != 0:
        lines.append(_("Min. belanja {amount}").format(amount=format_rupiah(min(s for s in spends if s))))
    channels = sorted({c for v in rows for c in (v.channels or [])})
    if channels and all(v.channels for v in rows):
        lines.append(_("Hanya untuk: {channels}").format(channels=", ".join(channels)))
    lines.append(_("Tunjukkan voucher saat membayar. Sekali pakai."))
    ends = [v.expires_on for v in rows if v.expires_on]
    end = until or (max(ends) if ends and len(ends) == len(rows) else None)
    title = rows[0].campaign if not code and rows[0].campaign else _("Voucher belanja")
    return _program_offer("voucher", title, big, lines, end)


def _names(ids: frozenset[int], category_ids: frozenset[int]) -> str:
    names = [p.name for p in Product.select(Product.name).where(Product.id.in_(sorted(ids)))] if ids else []
    if category_ids:
        names += [
            _("semua {category}").format(category=c.name)
            for c in Category.select().where(Category.id.in_(sorted(category_ids)))
        ]
    return ", ".join(sorted(names)) if names else _("barang apa saja")


def _program_end(program_id: int) -> date | None:
    row = LoyaltyProgram.get_or_none(LoyaltyProgram.id == program_id)
    return row.ends_on if row is not None else None


def for_stamps(program_id: int | None = None, until: date | None = None) -> Offer:
    """A running stamp card (the first one when `program_id` is None)."""
    _check_until(until)
    cards = [c for c in stamps.programs() if program_id is None or c.program_id == program_id]
    if not cards:
        raise NotFound(N_("Tidak ada kartu stempel yang sedang berjalan."))
    card = cards[0]
    big = _("GRATIS") if card.reward_kind == "item" else format_rupiah(card.reward_value)
    lines = [
        _("Kumpulkan {n} stempel: 1 stempel tiap pembelian {items}.").format(
            n=card.needed, items=_names(card.product_ids, card.category_ids)
        ),
        _("Hadiah: {reward}.").format(reward=stamps.reward_text(card)),
        _("Daftar jadi pelanggan di kasir dengan nomor HP Anda."),
    ]
    return _program_offer("stamps", card.name, big, lines, until or _program_end(card.program_id))


def for_gift(program_id: int | None = None, until: date | None = None) -> Offer:
    """A running bonus gift (the first one when `program_id` is None)."""
    _check_until(until)
    found = [g for g in gifts.programs() if program_id is None or g.program_id == program_id]
    if not found:
        raise NotFound(N_("Tidak ada program hadiah yang sedang berjalan."))
    gift = found[0]
    product = Product.get_or_none(Product.id == gift.gift_product_id)
    prize = product.name if product is not None else gift.name
    qty = "" if gift.qty == 1 else f"{gift.qty.normalize():f} "
    lines = []
    if gift.product_ids or gift.category_ids:
        lines.append(_("Beli {items}").format(items=_names(gift.product_ids, gift.category_ids)))
    if gift.min_spend:
        lines.append(_("Min. belanja {amount}").format(amount=format_rupiah(gift.min_spend)))
    lines.append(_("Dapat {qty}{prize} gratis, selama persediaan ada.").format(qty=qty, prize=prize))
    return _program_offer("gift", gift.name, _("GRATIS"), lines, until or _program_end(gift.program_id))


def programs() -> list[tuple[str, str, str]]:
    """What a program poster can be about: (kind, reference, shown name) for each voucher campaign with
    active vouchers, each running stamp card and bonus gift."""
    out: list[tuple[str, str, str]] = []
    campaigns = (
        Voucher.select(Voucher.campaign)
        .where(Voucher.state == "issued", Voucher.campaign != "")
        .distinct()
        .order_by(Voucher.campaign)
    )
    out += [("voucher", v.campaign, _("Voucher: {name}").format(name=v.campaign)) for v in campaigns]
    out += [
        ("stamps", str(c.program_id), _("Kartu stempel: {name}").format(name=c.name))
        for c in stamps.programs()
    ]
    out += [("gift", str(g.program_id), _("Hadiah: {name}").format(name=g.name)) for g in gifts.programs()]
    return out


def for_program(kind: str, ref: str, until: date | None = None) -> Offer:
    """The offer for one of `programs()`."""
    if kind == "voucher":
        return for_voucher(ref, until)
    if kind == "stamps":
        return for_stamps(int(ref) if ref else None, until)
    if kind == "gift":
        return for_gift(int(ref) if ref else None, until)
    raise InvalidInput(N_("Jenis program poster tidak dikenal: {kind}."), kind=kind)


def price_list(category_id: int | None = None) -> PriceList:
    """Every active product with a price (or one category's), grouped by category in the shop's order, by
    name. Products at Rp 0 (ingredients of a recipe, a price not set yet) are not for sale: left out."""
    shop = shop_info()
    query = (
        Product.select(Product, Category)
        .join(Category, JOIN.LEFT_OUTER)
        .where(Product.active == True, Product.price > 0)  # noqa: E712
    )
    title = _("Daftar harga")
    if category_id is not None:
        category = Category.get_or_none(Category.id == category_id)
        if category is None:
            raise NotFound(N_("Kategori tidak ditemukan."))
        query = query.where(Product.category == category_id)
        title = _("Daftar harga {category}").format(category=category.name)
    sections: dict[tuple[int, str], list[Item]] = {}
    other = _("Lainnya")
    for p in query.order_by(Product.name):
        key = (p.category.sort, p.category.name) if p.category_id else (10**9, other)
        sections.setdefault(key, []).append(Item(p.name, int(p.price), p.unit))
    if not sections:
        raise NotFound(N_("Belum ada barang aktif untuk daftar harga ini."))
    ordered = tuple((name, tuple(items)) for (_sort, name), items in sorted(sections.items()))
    day = clock.now().date()
    caption = [f"{title} {shop.name}", _("Harga per {date}.").format(date=day.strftime("%d-%m-%Y"))]
    if shop.phone:
        link = whatsapp.link(shop.phone, _("Halo {shop}, saya mau pesan:").format(shop=shop.name))
        caption.append(_("Pesan lewat WhatsApp: {link}").format(link=link))
    return PriceList(shop, title, day, ordered, "\n".join(caption))


def slug(text: str) -> str:
    """A file name part: 'Promo Akhir Tahun!' -> 'promo-akhir-tahun'."""
    kept = "".join(c.lower() if c.isalnum() and c.isascii() else "-" for c in text)
    return "-".join(part for part in kept.split("-") if part)[:40] or "poster"


def logo_path(shop: Shop) -> Path | None:
    """The logo file when it is there (its content may still be broken: the renderer checks)."""
    path = Path(shop.logo) if shop.logo else None
    return path if path is not None and path.is_file() else None


def category_id(name: str) -> int:
    """A category by its name (any case), for the command line. Raises NotFound."""
    wanted = clean(name).casefold()
    for category in Category.select():
        if category.name.casefold() == wanted:
            return int(category.id)
    raise NotFound(N_("Kategori {name} tidak ditemukan."), name=name)


def parse_promo(text: str) -> tuple[str, int]:
    """'BKS=15000' or 'BKS=15.000' -> ('BKS', 15000), for the command line."""
    code, sep, price = (text or "").partition("=")
    if not sep or not code.strip():
        raise InvalidInput(
            N_("Tulis harga promo sebagai SKU=HARGA, misalnya BKS=15000 (bukan {text})."), text=text
        )
    return code.strip(), parse_rupiah(price)


def pickable(text: str, limit: int = 50) -> list[tuple[int, str, int]]:
    """(id, name, price) of the active products matching `text` (words of the name, the SKU or a barcode),
    for the poster dialog's picker; a recipe's raw material at Rp 0 is left out (as catalog.search)."""
    rows = list(product_list.listing(text)[: limit * 2])
    zero = [row.product_id for row in rows if int(row.price) == 0]
    raw = (
        {
            r.ingredient_id
            for r in RecipeItem.select(RecipeItem.ingredient).where(RecipeItem.ingredient.in_(zero))
        }
        if zero
        else set()
    )
    return [(row.product_id, row.name, int(row.price)) for row in rows if row.product_id not in raw][:limit]


def chosen(product_ids: list[int]) -> list[tuple[int, str, int]]:
    """(id, name, price) of the active products among `product_ids`, in that order (the dialog's list)."""
    ids = list(dict.fromkeys(product_ids))
    found = {p.id: p for p in Product.select().where(Product.id.in_(ids), Product.active == True)}  # noqa: E712
    return [(pid, found[pid].name, int(found[pid].price)) for pid in ids if pid in found]
