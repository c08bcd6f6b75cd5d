"""Shop settings (name, tax, QRIS, receipt text, language...) kept in the database."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from db.models import Setting
from pos.core import caches, journal, whatsapp
from pos.core.errors import InvalidInput
from pos.core.i18n import LANGUAGES, N_, _
from pos.core.tx import service

DEFAULTS: dict[str, Any] = {
    "shop_name": "",
    "shop_address": "",
    "shop_phone": "",  # WhatsApp number, normalised 62...
    "timezone": "WIB",  # WIB | WITA | WIT
    "language": "id",
    "tax_mode": "none",  # none | included | added
    "tax_rate": "0.11",
    "tax_name": "PPN",
    "service_rate": "0",
    "cash_rounding": 0,  # 0, 100, 500, 1000
    "qris_payload": "",
    "receipt_footer": "Terima kasih atas kunjungan Anda!",
    "receipt_logo": "",  # path to a PNG/JPG printed at the top; a missing file is skipped
    "receipt_qr": "lookup",  # lookup (the sale's code) | qris (the shop's QRIS) | none
    "negative_stock": True,
    "food_orders": False,  # the shop sells food: the counter asks "Makan di tempat" or "Bungkus"
    "backup_dir": "",  # empty: <data dir>/cadangan
    "setup_done": False,
    "demo": False,  # a demo shop (made up data, its own database file): marked on screen and every receipt
    "first_steps_hidden": False,  # the owner hid the counter's "Langkah awal" checklist
    # in-store EAN-13 prefixes (GS1 keeps 20-29 for the shop): 20 the shop's own codes, 21 scale labels with
    # grams, 22 scale labels with rupiah; PP CCCCC VVVVV K (pos/core/barcodes.py)
    "scale_layout": {"store": "20", "weight": ["21"], "price": ["22"], "plu_digits": 5, "value_digits": 5},
    # the answer to a pasted chat order (pos/counter/chat_order.py): {nama} {barang} {total} {ongkir} {bayar}
    "chat_reply_template": "Halo {nama}, terima kasih pesanannya.\n\n{barang}\n\nOngkir: {ongkir}\n"
    "Total: {total}\n\nPembayaran:\n{bayar}\n\nMohon dicek ya. Terima kasih!",
    "bank_account": "",  # e.g. "BCA 1234567890 a.n. Sri Rahayu": shown in the reply to a chat order
}


_cache: dict[str, Any] | None = None  # read once per process; every change goes through update()


def get(key: str) -> Any:
    return all_settings().get(key)


def all_settings() -> dict[str, Any]:
    global _cache
    caches.refresh()
    if _cache is None or not caches.usable():
        values = dict(DEFAULTS)
        values.update({row.key: row.value for row in Setting.select()})
        if not caches.usable():
            return values
        _cache = values
    return dict(_cache)


def forget() -> None:
    """Drop the cache (a new database was opened, or a transaction that changed settings rolled back)."""
    global _cache
    _cache = None


caches.register(forget)


KINDS = {str: N_("teks"), bool: N_("ya/tidak"), int: N_("bilangan bulat"), dict: N_("daftar isian")}
RATES = {"tax_rate": N_("Tarif pajak"), "service_rate": N_("Biaya layanan")}


def _rate(key: str, value: Any) -> str:
    """A rate as stored: the text of a Decimal from 0 to below 1 ('0.11' is 11 %). A Decimal is taken as
    its text; anything else that is not such a text is refused."""
    text = str(value) if isinstance(value, Decimal) else value
    try:
        rate = Decimal(text) if isinstance(text, str) else None
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or not 0 <= rate < 1:
        raise InvalidInput(
            N_("{what} harus angka dari 0 sampai di bawah 1 (0.11 berarti 11 %), bukan {value}."),
            what=_(RATES[key]),
            value=str(value)[:40],
        )
    return text


def _validate(key: str, value: Any) -> Any:
    """The value to store for `key`, or InvalidInput saying what is wrong with it."""
    if key not in DEFAULTS:
        raise InvalidInput(N_("Pengaturan {key} tidak dikenal."), key=key)
    if key in RATES:
        return _rate(key, value)
    kind = type(DEFAULTS[key])
    if type(value) is not kind and key != "scale_layout":  # exactly: True is no rounding step, 100 no name
        raise InvalidInput(
            N_("Pengaturan {key} harus berupa {kind}, bukan {value}. Tidak ada yang diubah."),
            key=key,
            kind=_(KINDS[kind]),
            value=str(value)[:40],
        )
    if key == "language" and value not in LANGUAGES:
        raise InvalidInput(N_("Bahasa {key} tidak tersedia."), key=value)
    if key == "tax_mode" and value not in ("none", "included", "added"):
        raise InvalidInput(N_("Mode pajak tidak dikenal."))
    if key == "cash_rounding" and value not in (0, 100, 500, 1000):
        raise InvalidInput(N_("Pembulatan tunai hanya 0, 100, 500 atau 1.000."))
    if key == "receipt_qr" and value not in ("lookup", "qris", "none"):
        raise InvalidInput(N_("Pilihan QR struk tidak dikenal."))
    if key == "timezone" and value not in ("WIB", "WITA", "WIT"):
        raise InvalidInput(N_("Zona waktu harus WIB, WITA atau WIT."))
    if key == "chat_reply_template":
        whatsapp.check_template(value)
    if key == "qris_payload" and value:
        from pos.core import qris

        qris.parse(str(value))  # raises QrisInvalid with the reason: a script meets the same check
    if key == "bank_account" and (not isinstance(value, str) or len(value) > 200):
        raise InvalidInput(N_("Rekening bank paling panjang 200 huruf."))
    if key == "scale_layout":
        from pos.core.barcodes import ScaleLayout

        ScaleLayout.from_setting(value)  # raises InvalidInput
    return value


@service
def update(values: dict[str, Any], user: str = "") -> None:
    """Change several settings at once; one journal entry records what changed."""
    forget()
    changed, written = {}, {}
    stored = {row.key for row in Setting.select(Setting.key)}
    if not isinstance(values, dict):
        raise InvalidInput(N_("Pengaturan harus berupa daftar isian."))
    values = {key: _validate(key, value) for key, value in values.items()}  # all checked before any write
    for key, value in values.items():
        if get(key) != value or key not in stored:  # a default saved on purpose is stored too
            if get(key) != value:
                changed[key] = value
            written[key] = value
            Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: value}
            ).execute()
    if changed:  # the values too: verify holds every stored setting to its last entry
        journal.append("settings", {"changed": sorted(changed), "values": written}, user=user)
    forget()
