"""The privilege matrix, at the services: every privileged service x role (the owner, a cashier, a cashier
whose role was granted the permission) x approval (none, a fresh owner's PIN, an expired one, one already
used, a bare User). Allowed: it happened, and the approval it used is in the journal. Refused: a
PermissionDenied, and not one row of the database changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from db.models import JournalEntry, SaleLine, User, database
from pos.core import clock, staff
from pos.core.cart import Cart
from pos.core.errors import PermissionDenied
from pos.counter import kasbon, park, refund, sale
from pos.counter.payment import Tender
from pos.customers import customer, voucher
from tests.conftest import NOW
from tests.pos.helpers import small_shop

OWNER_PIN = "1234"


@dataclass(frozen=True)
class Privileged:
    permission: str
    event: str  # the journal event the service writes
    act: Any  # (ctx, prepared, user, approver) -> None
    prepare: Any = None  # (ctx) -> what act needs, made before the database is compared
    owner_only: bool = False  # the permission alone is not enough: roles and owners are the owner's


def _cart(ctx, price: int | None = None, discount: int = 0) -> Cart:
    beras = ctx["items"]["beras"]
    c = Cart()
    c.add(beras.id, beras.name, beras.price if price is None else price, 1)
    if discount:
        c.discount_line(0, amount=discount, reason="langganan")
    return c


def _parked(ctx):
    return park.park(_cart(ctx), "Meja 4", ctx["owner"]).id


def _tab(ctx):
    sari = customer.create_customer(
        f"0813-2222-{3000 + ctx['n']:04d}", f"Sari {ctx['n']}", credit_limit=100_000, user=ctx["owner"]
    )
    ctx["n"] += 1
    c = Cart(customer_id=sari.id)
    beras = ctx["items"]["beras"]
    c.add(beras.id, beras.name, beras.price, 2)
    sale.complete(c, [Tender("kasbon", 30_000)], ctx["owner"])
    return sari.id


def _sold(ctx):
    return sale.complete(_cart(ctx), [Tender("cash", 15_000)], ctx["owner"])


def _issued(ctx):
    return voucher.issue_batch(1, kind="rp", value=5_000, expires_on=None, user=ctx["owner"])[0].code


def _colleague(ctx):
    ctx["n"] += 1
    return staff.create_user(f"Joko {ctx['n']}", "cashier", "3579", by=ctx["owner"]).id


def _refund(ctx, s, user, a):
    refund.refund(s, {SaleLine.get(SaleLine.sale == s).id: 1}, "rusak", user, a)


SERVICES = {
    "voucher.issue_batch": Privileged(
        "discount",
        "voucher_issue",
        lambda ctx, _p, user, a: voucher.issue_batch(
            1, kind="rp", value=10_000_000, expires_on=None, user=user, approver=a
        ),
    ),
    "voucher.cancel": Privileged(
        "discount",
        "voucher_cancel",
        lambda ctx, code, user, a: voucher.cancel(code, "salah", user, a),
        _issued,
    ),
    "park.cancel": Privileged(
        "void", "void", lambda ctx, order, user, a: park.cancel(order, "batal", user, a), _parked
    ),
    "park.void": Privileged("void", "void", lambda ctx, _p, user, a: park.void(_cart(ctx), "salah", user, a)),
    "kasbon.pay transfer": Privileged(
        "kasbon_noncash",
        "kasbon_payment",
        lambda ctx, cid, user, a: kasbon.pay(cid, 5_000, "transfer", user, a),
        _tab,
    ),
    "kasbon.pay qris": Privileged(
        "kasbon_noncash",
        "kasbon_payment",
        lambda ctx, cid, user, a: kasbon.pay(cid, 5_000, "qris", user, a),
        _tab,
    ),
    "sale.complete at Rp 1": Privileged(
        "price_override",
        "sale",
        lambda ctx, _p, user, a: sale.complete(_cart(ctx, price=1), [Tender("cash", 1)], user, a),
    ),
    "sale.complete with a discount": Privileged(
        "discount",
        "sale",
        lambda ctx, _p, user, a: sale.complete(_cart(ctx, discount=1_000), [Tender("cash", 14_000)], user, a),
    ),
    "refund.refund": Privileged("refund", "refund", _refund, _sold),
    "staff.add_user": Privileged(
        "staff",
        "staff",
        lambda ctx, _p, user, a: staff.add_user(f"Rina {ctx['n']}", "cashier", "2468", user, a),
    ),
    "staff.set_active": Privileged(
        "staff", "staff", lambda ctx, uid, user, a: staff.set_active(uid, False, user, a), _colleague
    ),
    "staff.change_pin": Privileged(
        "staff", "staff", lambda ctx, uid, user, a: staff.change_pin(uid, "8642", user, a), _colleague
    ),
    "staff.create_user owner": Privileged(
        "staff",
        "staff",
        lambda ctx, _p, user, a: staff.create_user(f"Rudi {ctx['n']}", "owner", "5791", by=user, approver=a),
        owner_only=True,
    ),
    "staff.set_permissions": Privileged(
        "staff",
        "permissions",
        lambda ctx, _p, user, a: staff.set_permissions(
            "cashier", [*staff.ROLES["cashier"][1], "discount"], user, a
        ),
        owner_only=True,
    ),
}

APPROVALS = ["none", "valid", "expired", "reused", "bare_user"]


def everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: a refusal must leave all of it as it was."""
    out = {}
    for table in sorted(database.get_tables()):
        out[table] = [
            tuple(map(str, row)) for row in database.execute_sql(f'SELECT * FROM "{table}"').fetchall()
        ]
    return out


def approval(kind: str, ctx) -> Any:
    if kind == "none":
        return None
    if kind == "bare_user":
        return User.get_by_id(ctx["owner"].id)  # the owner object itself, without the PIN
    if kind == "expired":
        with clock.frozen(NOW - staff.APPROVAL_FOR - timedelta(seconds=1)):
            return staff.owner_approval(OWNER_PIN)
    made = staff.owner_approval(OWNER_PIN)
    if kind == "reused":  # first used for another action, which committed
        park.void(_cart(ctx), "uji", ctx["cashier"], made)
        assert not staff.approval_valid(made)
    return made


WHY = {"expired": "kedaluwarsa", "reused": "sudah dipakai", "bare_user": "bukan dari PIN pemilik"}


@pytest.fixture
def ctx(owner):
    items = small_shop(owner)
    cashier = staff.create_user("Dewi", "cashier", "1111", by=owner)
    granted = staff.create_user("Nisa", "online_admin", "2222", by=owner)
    return {"owner": owner, "cashier": cashier, "granted": granted, "items": items, "n": 0}


@pytest.mark.parametrize("role", ["owner", "cashier", "granted"])
@pytest.mark.parametrize("name", list(SERVICES))
def test_privilege_matrix(ctx, name, role):
    service = SERVICES[name]
    if role == "granted":  # the cashier-like role with this one permission added, by the owner
        base = staff.ROLES["online_admin"][1]
        staff.set_permissions("online_admin", [*base, service.permission], ctx["owner"])
    user = ctx[role]
    own_right = role == "owner" or (role == "granted" and not service.owner_only)
    for kind in APPROVALS:
        prepared = service.prepare(ctx) if service.prepare else None
        approver = approval(kind, ctx)
        before = everything()
        last = JournalEntry.select().order_by(JournalEntry.seq.desc()).get().seq
        ctx["n"] += 1
        allowed = own_right or kind == "valid"
        if not allowed:
            with pytest.raises(PermissionDenied) as refused:
                service.act(ctx, prepared, user, approver)
            assert WHY.get(kind, user.name) in refused.value.text, (name, role, kind)
            assert everything() == before, (name, role, kind, "a refusal wrote something")
            continue
        service.act(ctx, prepared, user, approver)
        new = list(JournalEntry.select().where(JournalEntry.seq > last).order_by(JournalEntry.seq))
        assert service.event in [e.event for e in new], (name, role, kind)
        used = [json.loads(e.content) for e in new if e.event == "approval"]
        if own_right:
            assert used == [], (name, role, kind)  # their own right: no approval taken, none journalled
        else:
            assert [(u["approved_by"], u["for"]) for u in used] == [("Bu Sri", user.name)], (name, role, kind)


def test_a_cashier_not_granted_still_sells_and_takes_cash_for_a_tab(ctx):
    """The control: what a cashier may do stays theirs, with no PIN."""
    cid = _tab(ctx)
    assert kasbon.pay(cid, 10_000, "cash", ctx["cashier"]) == 20_000
    assert sale.complete(_cart(ctx), [Tender("cash", 15_000)], ctx["cashier"]).total == 15_000


def test_the_cart_price_is_not_the_price(ctx):
    """A line made with price 1 and list price 1 is still Rp 15.000 in the catalogue: refused, and the
    line written with the owner's PIN keeps the catalogue's list price next to the approved one."""
    c = _cart(ctx, price=1)
    assert c.lines[0].list_price == 1 and not c.needs_approval  # the cart believes itself
    with pytest.raises(PermissionDenied, match="Dewi tidak berhak mengubah harga"):
        sale.complete(c, [Tender("cash", 1)], ctx["cashier"])
    s = sale.complete(c, [Tender("cash", 1)], ctx["cashier"], staff.owner_approval(OWNER_PIN))
    line = SaleLine.get(SaleLine.sale == s)
    assert (s.total, line.unit_price, line.list_price, s.approved_by_id) == (1, 1, 15_000, ctx["owner"].id)


def test_an_approval_serves_one_service_even_with_several_checks(ctx):
    """One service may check twice (a changed price and a discount); the next service may not reuse it."""
    c = _cart(ctx, price=14_000, discount=1_000)
    made = staff.owner_approval(OWNER_PIN)
    s = sale.complete(c, [Tender("cash", 13_000)], ctx["cashier"], made)
    assert s.total == 13_000
    entry = JournalEntry.select().where(JournalEntry.event == "approval").get()
    assert json.loads(entry.content)["permission"] == "price_override"
    with pytest.raises(PermissionDenied, match="sudah dipakai"):
        refund.refund(s, {SaleLine.get(SaleLine.sale == s).id: 1}, "rusak", ctx["cashier"], made)


def test_a_refused_service_leaves_the_approval_for_the_retry(ctx):
    """The service rolled back (a short payment): the owner's PIN is not spent; the retry uses it."""
    from pos.core.errors import PosError

    c = _cart(ctx, discount=1_000)
    made = staff.owner_approval(OWNER_PIN)
    with pytest.raises(PosError):
        sale.complete(c, [Tender("cash", 1_000)], ctx["cashier"], made)
    assert staff.approval_valid(made)
    assert sale.complete(c, [Tender("cash", 14_000)], ctx["cashier"], made).total == 14_000
    assert not staff.approval_valid(made)


def test_a_forged_approval_approves_nothing(ctx):
    made = staff.owner_approval(OWNER_PIN)
    forged = staff.Approval("x" * 43, made.user_id, made.name, made.made_at)
    with pytest.raises(PermissionDenied, match="bukan dari PIN pemilik"):
        park.void(_cart(ctx), "salah", ctx["cashier"], forged)


def test_a_staff_manager_cannot_give_more_than_they_have(ctx):
    """'staff' lets one add a cashier, not an owner nor a role with more rights than one's own."""
    from pos.core.errors import OwnerOnly

    base = staff.ROLES["cashier"][1]
    staff.set_permissions("cashier", [*base, "staff"], ctx["owner"])
    staff.add_user("Rina", "cashier", "2468", ctx["cashier"])  # the same rights as hers
    with pytest.raises(OwnerOnly):
        staff.add_user("Rudi", "owner", "5791", ctx["cashier"])
    with pytest.raises(OwnerOnly):  # online admins may do 'delivery', which she may not
        staff.add_user("Ayu", "online_admin", "1357", ctx["cashier"])
    assert not User.select().where(User.name.in_(["Rudi", "Ayu"])).exists()


def test_a_free_line_comes_only_from_a_running_program(ctx):
    """A line marked as a reward with a made-up tag would sell anything at Rp 0."""
    from decimal import Decimal

    from pos.core.cart import CartLine
    from pos.customers.gifts import GiftError

    c = _cart(ctx)
    teh = ctx["items"]["teh"]
    c.lines.append(CartLine(teh.id, teh.name, Decimal(10), 0, 0, reward=True, reward_of="x"))
    before = everything()
    with pytest.raises(GiftError, match="baris hadiah tanpa program"):
        sale.complete(c, [Tender("cash", 15_000)], ctx["cashier"])
    assert everything() == before


def test_a_pin_is_never_checked_inside_a_transaction_a_script_could_roll_back(ctx):
    """Otherwise each wrong guess's count would go back with the rollback: guessing for ever."""
    from pos.core import pin_guard

    for guess in (lambda: staff.owner_approval("9999"), lambda: pin_guard.login(ctx["owner"].id, "9999")):
        with database.atomic():
            with pytest.raises(pin_guard.PinCheckRefused):
                guess()
    owner_id = ctx["owner"].id
    counted = lambda: pin_guard.approval_counts([owner_id])[owner_id].failures  # noqa: E731
    assert (User.get_by_id(owner_id).failed_pins, counted()) == (0, 0)  # nothing looked at, nothing counted
    with pytest.raises(Exception, match="PIN salah"):
        staff.owner_approval("9999")  # outside: counted (on the approval prompt's own count)
    assert (User.get_by_id(owner_id).failed_pins, counted()) == (0, 1)


def test_a_deactivated_cashier_can_neither_log_in_nor_sell(ctx):
    from pos.core import pin_guard
    from pos.core.errors import UserInactive

    stale = ctx["cashier"]  # the object the counter still holds
    staff.set_active(stale.id, False, ctx["owner"])
    with pytest.raises(UserInactive):
        pin_guard.login(stale.id, "1111")
    with pytest.raises(UserInactive):
        sale.complete(_cart(ctx), [Tender("cash", 15_000)], stale)


def test_a_tab_limit_is_never_given_without_someone_who_may(ctx):
    from pos.core.errors import InvalidInput

    before = everything()
    with pytest.raises(InvalidInput, match="Batas kasbon hanya diberikan"):
        customer.create_customer("0812-7777-0001", "Teman", credit_limit=10_000_000)  # no user at all
    with pytest.raises(PermissionDenied):
        customer.create_customer("0812-7777-0001", "Teman", credit_limit=10_000_000, user=ctx["cashier"])
    assert everything() == before
