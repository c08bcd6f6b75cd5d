"""The one-transaction wrapper: what it retries, what it says."""

from __future__ import annotations

import peewee
import pytest

from pos.core import tx
from pos.core.errors import StorageError
from pos.core.tx import service


class _DriverError(Exception):
    def __init__(self, text: str, pgcode: str = "") -> None:
        super().__init__(text)
        self.pgcode = pgcode


def test_a_deadlock_is_retried_and_the_cashier_sees_the_sale(db):
    calls = []

    @service
    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise peewee.OperationalError(_DriverError("deadlock detected", "40P01"))
        return "nota"

    before = tx.retried
    assert flaky() == "nota" and len(calls) == 3 and tx.retried == before + 2


def test_a_conflict_that_never_clears_ends_in_a_clear_message(db):
    calls = []

    @service
    def stuck() -> None:
        calls.append(1)
        raise peewee.OperationalError(_DriverError("could not serialize access", "40001"))

    with pytest.raises(StorageError, match="dipakai kasir lain terlalu lama"):
        stuck()
    assert len(calls) == tx.RETRIES + 1


def test_a_unique_clash_is_not_retried(db):
    calls = []

    @service
    def twice() -> None:
        calls.append(1)
        raise peewee.IntegrityError(_DriverError("duplicate key value violates unique constraint", "23505"))

    with pytest.raises(StorageError, match="data ganda"):
        twice()
    assert len(calls) == 1


def test_a_full_disk_under_a_failed_rollback_is_named(db):
    @service
    def full() -> None:
        try:
            raise peewee.OperationalError("database or disk is full")
        except peewee.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904

    with pytest.raises(StorageError, match="disk penuh") as err:
        full()
    assert "rollback" not in str(err.value)
