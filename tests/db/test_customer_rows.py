"""db.customer_rows.segment_counts: the customers of each segment, counted by SQLite under the rules given."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import customer_rows
from db.models import Customer
from tests.conftest import NOW
from tests.db.conftest import URL

RULES = customer_rows.SegmentRules("o", "l", "n", "a", "r", 90, 30, 2, 14.0, 3)


def _customer(name: str, visits: int = 0, first: int | None = None, last: int | None = None) -> Customer:
    """A customer with `visits`, the first and last `first` and `last` days before NOW."""
    return Customer.create(
        name=name,
        search_name=name.lower(),
        visits=visits,
        first_visit=None if first is None else NOW - timedelta(days=first),
        last_visit=None if last is None else NOW - timedelta(days=last),
        created_at=NOW,
    )


@pytest.fixture
def customers(db):
    _customer("Ani")  # never came: occasional
    _customer("Budi", 1, 100, 100)  # 100 days away: lapsed
    _customer("Citra", 1, 3, 3)  # new
    _customer("Dewi", 10, 90, 40)  # every 5-6 days, now 40 days away: at risk
    regular = _customer("Eko", 10, 70, 5)  # weekly, last week: regular
    _customer("Fajar", 1, 50, 50)  # once, 50 days ago: occasional
    merged = _customer("Gita", 10, 70, 5)
    Customer.update(merged_into=regular).where(Customer.id == merged.id).execute()  # not counted


def test_every_customer_not_merged_is_counted_once(customers):
    assert customer_rows.segment_counts(NOW, RULES) == {"o": 2, "l": 1, "n": 1, "a": 1, "r": 1}


def test_the_rules_given_decide(customers):
    """Lapsed after 30 days: Dewi (40 days away) and Fajar (50) too; new within 2 days: Citra (3) is not."""
    shorter = RULES._replace(lapsed_after=30, new_days=2)
    assert customer_rows.segment_counts(NOW, shorter) == {"o": 2, "l": 3, "r": 1}
    fewer = RULES._replace(regular_visits=11, at_risk_days=60.0)  # Eko and Dewi fall to occasional
    assert customer_rows.segment_counts(NOW, fewer) == {"o": 4, "l": 1, "n": 1}


@pytest.mark.skipif(not URL, reason="KASIR_TEST_PG is not set: no PostgreSQL server to test on")
def test_postgresql_leaves_the_counting_to_the_caller(pg_shop):  # noqa: F811
    assert customer_rows.segment_counts(NOW, RULES) is None
