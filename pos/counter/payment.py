"""Paying: cash with change, QRIS, transfer, e-wallets, card (EDC reference), kasbon, split over several."""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.errors import PaymentInvalid, PaymentShort
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT, format_rupiah
from pos.counter.pricing import Quote

METHODS: dict[str, str] = {
    "cash": N_("Tunai"),
    "qris": "QRIS",
    "transfer": N_("Transfer bank"),
    "gopay": "GoPay",
    "ovo": "OVO",
    "dana": "DANA",
    "shopeepay": "ShopeePay",
    "card": N_("Kartu debit/kredit"),
    "kasbon": N_("Kasbon"),
    "platform": N_("Dibayar platform"),  # GoFood/GrabFood/ShopeeFood settle to the shop
}
NOTES = (5_000, 10_000, 20_000, 50_000, 100_000)  # the notes a customer pays with


def cash_offers(due: int, count: int = 4) -> list[int]:
    """The sums a customer is likely to hand over for `due`, above it (the exact sum has its own key):
    25.500 -> 30.000, 40.000, 50.000, 100.000; 3.500 -> 5.000, 10.000, 20.000, 50.000."""
    offers: list[int] = []
    for note in NOTES:
        rounded = -(-due // note) * note  # up to a whole number of this note
        if rounded > due and rounded not in offers:
            offers.append(rounded)
    top = offers[-1] if offers else -(-max(due, 1) // 100_000) * 100_000
    while len(offers) < count:
        top += 100_000
        offers.append(top)
    return sorted(offers)[:count]


def method_name(code: str) -> str:
    return _(METHODS.get(code, code))


@dataclass(frozen=True)
class Tender:
    method: str
    amount: int  # for cash: what the customer handed over
    reference: str = ""


@dataclass(frozen=True)
class Applied:
    method: str
    amount: int  # applied to the sale
    tendered: int
    change: int
    reference: str


@dataclass(frozen=True)
class Settlement:
    due: int
    rounding: int
    payments: list[Applied]

    @property
    def change(self) -> int:
        return sum(p.change for p in self.payments)


def settle(tenders: list[Tender], quote: Quote, cash_rounding: int = 0) -> Settlement:
    """Check the tenders against the total; work out change (only cash gives change) and cash rounding."""
    if not tenders:
        if quote.total == 0:  # points or a discount covered everything
            return Settlement(due=0, rounding=0, payments=[])
        raise PaymentShort(short=format_rupiah(quote.total))
    for tender in tenders:
        if tender.method not in METHODS:
            raise PaymentInvalid(why=_("metode {m} tidak dikenal").format(m=tender.method))
        if not isinstance(tender.amount, int) or isinstance(tender.amount, bool):
            raise PaymentInvalid(why=_("jumlah harus rupiah bulat"))
        if not 0 < tender.amount <= MAX_AMOUNT:
            raise PaymentInvalid(why=_("jumlah {a} tidak masuk akal").format(a=format_rupiah(tender.amount)))
    all_cash = all(t.method == "cash" for t in tenders)
    due = quote.cash_total(cash_rounding) if all_cash else quote.total
    other = sum(t.amount for t in tenders if t.method != "cash")
    if other > due:
        raise PaymentInvalid(why=_("pembayaran non-tunai melebihi total; kembalian hanya dari uang tunai"))
    paid = sum(t.amount for t in tenders)
    if paid < due:
        raise PaymentShort(short=format_rupiah(due - paid))
    change_left = paid - due
    applied: list[Applied] = []
    for tender in tenders:
        change = 0
        if tender.method == "cash" and change_left:
            change = min(change_left, tender.amount)
            change_left -= change
        applied.append(
            Applied(
                tender.method,
                tender.amount - change,
                tender.amount if tender.method == "cash" else 0,
                change,
                tender.reference.strip()[:80],
            )
        )
    return Settlement(
        due=due, rounding=due - quote.total, payments=[p for p in applied if p.amount or p.change]
    )
