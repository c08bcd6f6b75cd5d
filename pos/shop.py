"""Opening a shop's database, the first-run setup of the real shop, the demo shops in their own files, and
the first steps a newly set-up shop still has to take."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import peewee

from db import names_index
from db.database import RESTORABLE, OpenError, close_database, file_path, open_database
from db.database import quick_check as db_quick_check
from db.migrations import SCHEMA_VERSION
from db.models import Customer, Product, Sale, Setting, User, database
from pos.catalog import channel
from pos.core import caches, i18n, phone, pin_guard, places, seals, settings, staff, till
from pos.core.errors import InvalidInput, InvalidName, PosError, ShopOpenError
from pos.core.i18n import N_, _
from pos.core.text import clean
from pos.core.tx import service
from pos.customers import birthday, loyalty, voucher

DEMO_KINDS = ("warung", "bakso", "senapan")  # pos.demo's shops (pos.demo imports this module, not back)


class AlreadySetUp(PosError):
    template = N_("Database ini sudah disiapkan untuk toko {shop}. Tidak ada yang diubah.")


def _why(error: OpenError) -> str:
    return {
        "not_sqlite": _("file ini bukan database SQLite (rusak atau file lain)."),
        "not_kasir": _("ini database program lain, bukan database Kasir. File tidak diubah."),
        "newer": _(
            "database ini dibuat oleh Kasir yang lebih baru (versi skema {v}, yang ini {mine}). "
            "Perbarui Kasir; file tidak diubah."
        ).format(v=error.version, mine=SCHEMA_VERSION),
        "unreadable": _("database tidak bisa dibaca ({detail}).").format(detail=error.detail),
        "driver": _("driver database tidak terpasang ({detail}).").format(detail=error.detail),
        "corrupt": _("database rusak ({detail}). Pulihkan dari cadangan terbaru.").format(
            detail=error.detail
        ),
        "readonly": _(
            "file atau foldernya hanya bisa dibaca (drive/USB read-only atau tanpa izin tulis). Database "
            "tidak rusak dan tidak diubah; pindahkan ke tempat yang bisa ditulis atau beri izin tulis."
        ),
        "full": _(
            "disk penuh, database tidak bisa dibuka untuk ditulis. Database tidak rusak dan tidak diubah; "
            "kosongkan ruang disk lalu coba lagi."
        ),
        "locked": _(
            "database sedang dikunci program lain. Tutup program itu lalu coba lagi; file tidak diubah."
        ),
        "cannot_open": _("file tidak bisa dibuka ({detail}). File tidak diubah.").format(detail=error.detail),
        "is_dir": _("ini folder, bukan file database."),
        "missing": _(
            "database belum ada di sini (salah ketik path?). Tidak ada yang dibuat; 'setup' atau 'demo' "
            "membuat database baru."
        ),
        "bad_path": _("path atau alamat database tidak valid ({detail}).").format(detail=error.detail),
        "unsupported": _(
            "jenis database {detail}:// tidak didukung. Pakai file SQLite atau URL postgresql://."
        ).format(detail=error.detail),
    }.get(error.reason, error.detail)


def restorable(error: PosError) -> bool:
    """The shop could not be opened because its file is damaged, so a backup can help. Not for a healthy
    file on a read-only or full disk, a mistyped path or a missing driver: restoring over those loses data."""
    return isinstance(error, ShopOpenError) and error.values.get("reason") in RESTORABLE


def open_shop(target: str | None = None, register: str = "K1", sells: bool = True) -> str:
    """Open (create, upgrade) the shop's database and prepare the fixed rows. Returns the target opened.
    `sells`: this process rings up sales, so its register is made if new; a command that only reads or
    manages (a report, verify) leaves the registers as they are."""
    register = till.checked(register)  # before anything is opened: a bad code changes nothing
    target = target or places.default_database()
    try:
        open_database(target)
    except OpenError as exc:
        # values["reason"]: the app offers a backup only for a damaged file (db.database.RESTORABLE)
        raise ShopOpenError(target=target, why=_why(exc), reason=exc.reason) from exc
    except (OSError, peewee.DatabaseError) as exc:
        raise ShopOpenError(target=target, why=str(exc)) from exc
    till.use(register, create=sells)
    caches.forget_all()  # settings, channels, programs, recipes: this database's, read afresh
    names_index.forget()
    _ensure_fixed_rows(sells)
    i18n.set_language(str(settings.get("language")))
    return target


@service
def _ensure_fixed_rows(sells: bool) -> None:
    staff.ensure_roles()
    channel.ensure_channels()
    seals.seal_users_of_an_older_build()  # an upgraded shop's users: not "made outside Kasir"
    if sells:
        till.register()


def is_open() -> bool:
    """Is a shop's database open in this process now?"""
    return database.obj is not None and not database.obj.is_closed()


def close_thread_connection() -> None:
    """This thread's own connection (peewee connects per thread): a worker closes it before it announces
    its result, so the UI never races a closing connection."""
    if database.obj is not None and not database.is_closed():
        database.close()


def close_shop() -> None:
    close_database()


def is_set_up() -> bool:
    return bool(settings.get("setup_done")) and User.select().exists()


def has_data() -> bool:
    return Product.select().exists() or Sale.select().exists()


def is_demo() -> bool:
    """The open shop is a demo shop (made-up data in its own file), not a real one."""
    return bool(settings.get("demo"))


def demo_target(kind: str) -> str:
    """The demo shop's own database file, beside Kasir's data (never the real shop's file)."""
    if kind not in DEMO_KINDS:
        raise InvalidInput(N_("Toko contoh {kind} tidak ada."), kind=kind)
    return str(places.data_dir() / f"toko-contoh-{kind}.db")


def switch_to(target: str) -> str:
    """Close the open shop and open `target` on the same register. Returns the target opened."""
    close_shop()
    return open_shop(target, till.code())


def open_demo(kind: str) -> bool:
    """Close the open shop and open the demo shop of `kind` in its own file. True when that file already
    holds the demo (it is reused); False when it still has to be filled (pos.demo.generator.fill)."""
    switch_to(demo_target(kind))
    return is_set_up() and is_demo()


@service
def first_run(shop_name: str, address: str, whatsapp: str, owner_name: str, owner_pin: str) -> User:
    """The short first-run setup of a real shop: shop details and the owner with a PIN. Refused (nothing
    written) when the database is set up already."""
    if is_set_up():
        raise AlreadySetUp(shop=str(settings.get("shop_name") or "-"))
    shop_name = clean(shop_name)
    if not shop_name or len(shop_name) > 80:
        raise InvalidName(N_("Nama toko tidak boleh kosong dan paling panjang {limit} huruf."), limit=80)
    if not clean(owner_name) or len(clean(owner_name)) > 80:
        raise InvalidName(N_("Nama pemilik tidak boleh kosong dan paling panjang {limit} huruf."), limit=80)
    number = phone.normalise(whatsapp) if (whatsapp or "").strip() else ""
    pin_guard.refuse_weak(owner_pin)  # no 1234, 0000, 1212... for a real shop's owner
    owner = staff.create_user(owner_name, "owner", owner_pin)
    settings.update(
        {
            "shop_name": shop_name,
            "shop_address": (address or "").strip()[:300],
            "shop_phone": number,
            "setup_done": True,
        },
        user=owner.name,
    )
    return owner


def first_steps() -> dict[str, bool]:
    """Which of a new shop's first steps are done (the printer is not here: it is this machine's setting)."""
    return {
        "products": Product.select().where(Product.active == True).exists(),  # noqa: E712
        "tax": Setting.select().where(Setting.key == "tax_mode").exists(),  # saved on purpose, even 'none'
        "qris": bool(settings.get("qris_payload")),
        "staff": User.select().where(User.active == True).count() > 1,  # noqa: E712
    }


def first_steps_wanted() -> bool:
    """The counter shows the "Langkah awal" checklist: a set-up real shop whose owner has not hidden it."""
    return is_set_up() and not is_demo() and not settings.get("first_steps_hidden")


@service
def hide_first_steps(user: User) -> None:
    """Never show the "Langkah awal" checklist again (needs the 'settings' permission)."""
    staff.require(user, "settings")
    settings.update({"first_steps_hidden": True}, user=user.name)


def quick_check() -> str:
    """SQLite's own consistency check of the open database file: '' when sound, else what it found."""
    return db_quick_check()


def counts() -> tuple[int, int, int]:
    """How many products, customers and sales the open shop holds."""
    return Product.select().count(), Customer.select().count(), Sale.select().count()


def database_file(target: str) -> Path | None:
    """The SQLite file a database target names (None for a server or in-memory)."""
    return file_path(target)


def database_path() -> str:
    """The file of the open SQLite database ('' for PostgreSQL or in-memory)."""
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase) and db.database != ":memory:":
        return str(db.database)
    return ""


def daily_upkeep() -> dict[str, int]:
    """At start: points and vouchers past their date expire, this month's birthdays get their bonus.
    Each step is its own transaction."""
    return {
        "points_expired": loyalty.expire(),
        "vouchers_expired": voucher.expire_due(),
        "birthdays": len(birthday.grant()),
    }


@service
def save_settings(
    values: dict[str, Any],
    channel_rules: dict[str, dict[str, Any]],
    user: User,
    approver: staff.Approval | None = None,
    points: tuple[dict[str, Any], bool] | None = None,
    tiers: tuple[list[dict[str, Any]], bool] | None = None,
) -> None:
    """The settings page's one action: shop settings and channel rules together, or nothing.
    Needs the 'settings' permission (or the owner's approval)."""
    approver = staff.require(user, "settings", approver)
    for code, rules in channel_rules.items():
        channel.configure(code, **rules)
    if points is not None:
        loyalty.configure_points(points[0], points[1], user, approver)
    if tiers is not None:
        loyalty.configure_tiers(tiers[0], tiers[1], user)
    settings.update(values, user=user.name + (f" ({approver.name})" if approver else ""))
