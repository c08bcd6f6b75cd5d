"""The second reading connection: one thread kept between uses, errors handed back, closed with the shop."""

import threading

import pytest

from db import reader
from db.models import Meta, database
from pos import shop


def _reading() -> tuple[str, str, bool]:
    """What the reading thread sees: its name, the shop's mark and whether it is on its own connection."""
    return (
        threading.current_thread().name,
        Meta.get_by_id("app").value,
        database.obj.connection() is not _main_connection,
    )


_main_connection = None


def _threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("kasir-reader")]


def test_work_runs_on_one_kept_thread_with_its_own_connection(db):
    global _main_connection
    _main_connection = database.obj.connection()
    first = reader.beside(_reading)()
    second = reader.beside(_reading)()
    assert first[0].startswith("kasir-reader") and first == second  # the same thread, kept
    assert first[1] == "kasir" and first[2]  # the shop's file, on a second connection
    assert len(_threads()) == 1
    shop.close_shop()
    assert _threads() == []  # closing the shop ends the thread and its connection
    shop.open_shop(db)
    assert reader.beside(_reading)()[1] == "kasir"  # a new thread for the reopened database


def test_an_error_in_the_work_reaches_the_caller(db):
    def broken() -> None:
        raise ValueError("rusak")

    later = reader.beside(broken)
    with pytest.raises(ValueError, match="rusak"):
        later()
    assert reader.beside(Meta.get_by_id, "app")().value == "kasir"  # the thread goes on serving


def test_inside_a_transaction_the_work_runs_in_place(db):
    with database.atomic() as transaction:
        Meta.update(value="uji").where(Meta.key == "app").execute()
        name, mark, _own = reader.beside(_reading)()
        assert name == threading.current_thread().name and mark == "uji"  # same snapshot, not committed
        transaction.rollback()
    assert Meta.get_by_id("app").value == "kasir"


def test_the_log_is_copied_back_on_the_reading_thread_not_in_the_sale(owner, monkeypatch):
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from tests.pos.helpers import small_shop

    items = small_shop(owner)
    monkeypatch.setattr(reader, "CHECKPOINT_EVERY", 2)
    before = reader.checkpoints
    for _ in range(4):
        c = Cart()
        c.add(items["teh"].id, items["teh"].name, 5_000, 1)
        sale.complete(c, [Tender("cash", 5_000)], owner)
    reader.beside(lambda: None)()  # the thread works in order: its checkpoints are done by now
    assert reader.checkpoints >= before + 1
    assert database.obj.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000  # the safety net
    busy, logged, copied = database.obj.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and logged == copied  # everything in the log is in the database file
