"""What every measure of `python main.py bench` is made of: a measure's runs, its percentiles against a
target, and the result of one run."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Measure:
    name: str
    unit: str  # ms | /s | MB
    p50: float
    p99: float
    target: str
    ok: bool | None
    runs: int
    note: str = ""
    max: float | None = None  # the slowest run (with fewer than 100 runs the p99 is that run)
    blocks: list[float] | None = None  # a ratio's value in each block of the run, in run order


@dataclass
class Result:
    scale: str
    built: dict[str, Any]
    measures: list[Measure] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "built": self.built,
            "measures": [m.__dict__ for m in self.measures],
        }


def _times(fn: Callable[[int], Any], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t0 = time.perf_counter_ns()
        fn(i)
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def _pct(values: list[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p % of the runs at or below it."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered) - 1e-9))) - 1]


def _add(
    result: Result,
    name: str,
    values: list[float],
    target_ms: float | None,
    *,
    p50_target: float | None = None,
    note: str = "",
) -> Measure:
    p50, p99 = _pct(values, 50), _pct(values, 99)
    ok: bool | None = None
    texts = []
    if p50_target is not None:
        ok = p50 <= p50_target
        texts.append(f"p50 ≤ {p50_target:g} ms")
    if target_ms is not None:
        ok = (ok is not False) and p99 <= target_ms
        texts.append(f"p99 ≤ {target_ms:g} ms")
    text = ", ".join(texts)
    m = Measure(name, "ms", round(p50, 3), round(p99, 3), text, ok, len(values), note, round(max(values), 3))
    result.measures.append(m)
    return m
