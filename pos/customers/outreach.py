"""Talking to customers on WhatsApp without any API: message templates in Bahasa Indonesia, a wa.me link
per customer (only with their consent), and a record of who was contacted, when and with what."""

from __future__ import annotations

from datetime import datetime

from db.models import Customer, Outreach, User
from pos.core import clock, journal, settings, whatsapp
from pos.core.errors import InvalidInput
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.tx import service
from pos.customers import loyalty

TEMPLATES: dict[str, tuple[str, str]] = {
    "thanks": (
        N_("Terima kasih"),
        N_("Halo {nama}, terima kasih sudah belanja di {toko} hari ini. Sampai ketemu lagi!"),
    ),
    "points": (
        N_("Saldo poin"),
        N_(
            "Halo {nama}, poin Anda di {toko} sekarang {poin}. Bisa ditukar jadi potongan "
            "belanja di kunjungan berikutnya."
        ),
    ),
    "voucher": (
        N_("Hadiah voucher"),
        N_("Halo {nama}, ada hadiah dari {toko}: voucher {voucher}. Tunjukkan kode ini di kasir ya."),
    ),
    "winback": (
        N_("Kangen"),
        N_("Halo {nama}, sudah lama tidak mampir ke {toko}. Kami kangen! Ditunggu kedatangannya."),
    ),
    "birthday": (
        N_("Ulang tahun"),
        N_("Selamat ulang tahun, {nama}! Semoga sehat dan lancar rezekinya. Salam hangat dari {toko}."),
    ),
    "warranty": (
        N_("Tanya kabar barang"),
        N_(
            "Halo {nama}, bagaimana barang yang dibeli di {toko} tanggal "
            "{tanggal}? Kalau ada kendala, kabari kami ya."
        ),
    ),
    "kasbon": (
        N_("Pengingat kasbon"),
        N_("Halo {nama}, sekadar mengingatkan kasbon di {toko} sebesar {kasbon}. Terima kasih."),
    ),
}


def message(template: str, who: Customer, voucher_code: str = "", on: datetime | None = None) -> str:
    if template not in TEMPLATES:
        raise InvalidInput(N_("Template pesan {name} tidak dikenal."), name=template)
    rules = loyalty.rules()
    points = (
        f"{who.points} ({format_rupiah(loyalty.redemption_value(int(who.points), rules))})" if rules else "0"
    )
    return _(TEMPLATES[template][1]).format(
        nama=who.name.split(" ")[0],
        toko=str(settings.get("shop_name") or "toko kami"),
        poin=points,
        voucher=voucher_code,
        tanggal=(on or clock.now()).strftime("%d-%m-%Y"),
        kasbon=format_rupiah(who.kasbon),
    )


def link(template: str, who: Customer, voucher_code: str = "", on: datetime | None = None) -> str:
    """The wa.me link for this customer; only with their WhatsApp consent."""
    if not who.wa_consent or not who.phone:
        raise InvalidInput(N_("{name} belum setuju dihubungi lewat WhatsApp."), name=who.name)
    return whatsapp.link(who.phone, message(template, who, voucher_code, on))


@service
def contacted(customer_id: int, template: str, user: User) -> Outreach:
    """Record that the owner sent this customer a message."""
    row = Outreach.create(customer=customer_id, template=template, user=user, created_at=clock.now())
    journal.append("outreach", {"customer": customer_id, "template": template}, user=user.name)
    return row


def last_contact(customer_id: int) -> datetime | None:
    row = (
        Outreach.select(Outreach.created_at)
        .where(Outreach.customer == customer_id)
        .order_by(Outreach.created_at.desc())
        .first()
    )
    return row.created_at if row else None


def reachable(customer_ids: list[int]) -> list[Customer]:
    """Those of `customer_ids` who agreed to WhatsApp and have a number, by id: a walk through a list
    sends to these only."""
    query = Customer.select().where(Customer.id.in_(customer_ids)).order_by(Customer.id)
    return [c for c in query if c.wa_consent and c.phone]
