"""Crash safety: a process selling through the real services is killed with SIGKILL at random moments.

After every kill: each sale it reported as completed is there, no half sale exists, the receipt numbers have
no gaps, and `verify` passes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from peewee import fn

from db.models import Payment, Register, Sale, SaleLine
from pos import shop
from pos.audit import verify

KILLS = 30
CHILD = Path(__file__).with_name("crash_child.py")


def reported(stdout: bytes) -> list[str]:
    lines = stdout.decode().split("\n")
    return [line for line in lines[:-1] if line]  # the last piece may be cut mid-write


def check(target: str, seen: set[str]) -> int:
    shop.open_shop(target)
    try:
        numbers = {n for (n,) in Sale.select(Sale.number).tuples()}
        missing = seen - numbers
        assert not missing, f"completed sales lost: {sorted(missing)[:5]}"
        no_lines = Sale.select().where(~fn.EXISTS(SaleLine.select().where(SaleLine.sale == Sale.id))).count()
        no_pay = Sale.select().where(~fn.EXISTS(Payment.select().where(Payment.sale == Sale.id))).count()
        assert (no_lines, no_pay) == (0, 0), "a half-written sale"
        register = Register.get()
        assert Sale.select().count() == register.last_number == (Sale.select(fn.MAX(Sale.seq)).scalar() or 0)
        result = verify.verify()
        assert result.ok, result.problems[:5]
        return len(numbers)
    finally:
        shop.close_shop()


def test_sigkill_never_loses_or_halves_a_sale(tmp_path):
    target = str(tmp_path / "crash.db")
    rng = random.Random(20261127)
    seen: set[str] = set()
    total = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for round_ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), target, str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        started = time.monotonic()
        first = child.stdout.readline()  # it says when it sells: a loaded machine starts it slower
        assert first.strip() == b"SELLING", (
            first,
            child.stderr.read()[-2000:] if child.poll() is not None else b"",
        )
        assert time.monotonic() - started < 90
        time.sleep(rng.uniform(0.1, 0.6))  # then it sells until killed mid-whatever
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode()[-2000:]
        seen.update(reported(out))
        total = check(target, seen)
    assert len(seen) > KILLS * 5 and total >= len(seen)
