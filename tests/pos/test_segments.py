from datetime import datetime, timedelta

from pos.customers import segments
from pos.customers.segments import Visits, classify

NOW = datetime(2026, 11, 23, 12, 0)


def v(count, first_days_ago, last_days_ago):
    return Visits(count, NOW - timedelta(days=first_days_ago), NOW - timedelta(days=last_days_ago))


def test_segments_from_history():
    assert classify(v(1, 3, 3), NOW) == segments.NEW
    assert classify(v(10, 70, 5), NOW) == segments.REGULAR  # weekly, last week
    assert classify(v(10, 90, 40), NOW) == segments.AT_RISK  # usually every 5-6 days, now 40 days away
    assert classify(v(6, 300, 120), NOW) == segments.LAPSED
    assert classify(v(1, 50, 50), NOW) == segments.OCCASIONAL
    assert classify(Visits(0, None, None), NOW) == segments.OCCASIONAL


def test_counts_cover_every_customer(db):
    from pos.demo.generator import fill

    fill("warung", days=20, seed=4)
    counts = segments.counts()
    from db.models import Customer

    assert sum(counts[k] for k in segments.NAMES) == Customer.select().count()
    assert counts[segments.REGULAR] > 0 and counts["top"] > 0


def test_sql_counts_follow_the_same_rules_as_classify(db):
    from db.models import Customer
    from pos.core import clock
    from pos.demo.generator import fill

    with clock.frozen(clock.now()):
        fill("warung", days=45, seed=5)
    expected = dict.fromkeys(segments.NAMES, 0)
    seen = segments.visits_by_customer()
    for v in seen.values():
        expected[segments.classify(v)] += 1
    expected[segments.OCCASIONAL] += Customer.select().count() - len(seen)
    got = segments.counts()
    assert {k: got[k] for k in segments.NAMES} == expected
    assert len({k for k, n in expected.items() if n}) >= 3  # a real mix, not all one segment
