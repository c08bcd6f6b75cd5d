"""The cash keys of the payment dialog: the sums a customer is likely to hand over."""


def test_cash_offers_are_the_sums_a_customer_hands_over():
    from pos.counter.payment import cash_offers

    assert cash_offers(25_500) == [30_000, 40_000, 50_000, 100_000]
    assert cash_offers(3_500) == [5_000, 10_000, 20_000, 50_000]
    assert cash_offers(3_500, 5) == [5_000, 10_000, 20_000, 50_000, 100_000]  # the counter's five keys
    assert all(100_000 in cash_offers(due, 5) for due in (1, 3_500, 12_000, 41_000, 99_999))
    assert cash_offers(41_000) == [45_000, 50_000, 60_000, 100_000]
    assert cash_offers(100_000) == [200_000, 300_000, 400_000, 500_000]
    assert all(offer > 123_456 for offer in cash_offers(123_456))
