"""The real app's own times, each in a fresh process (bench.coldstart; offscreen when there is no display):
the cold start to the login and to the first-run window of a new shop, the counter after the PIN, Stok and
Barang opened, the frozen app where packaging/build.sh made it, and the app's peak memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.measures import Measure, Result, _add

COLD_START_MS = 1500  # to the first window, painted and taking keys (issue #20)
COUNTER_MS = 300  # from the PIN to the counter: the login's own target, a third of a second
SCREEN_MS = 200  # Stok or Barang opened from the sidebar


def app_times(result: Result, target: str, shop_name: str, runs: int, screens: int = 10) -> float:
    """The real app on `target`: `runs` cold starts to the login (their median against the target), and
    `runs` sessions of the counter after the PIN and Stok and Barang opened `screens` times each (their
    p99 against the target; bench.coldstart says how). Returns the app's peak RSS in MB."""
    _cold_start(target)  # the first start writes the bytecode cache (once per install): not counted
    starts, rss = [], 0.0
    for _ in range(runs):
        ms, mb = _cold_start(target)
        starts.append(ms)
        rss = max(rss, mb)
    _add(result, f"cold start to the login ({shop_name})", starts, None, p50_target=COLD_START_MS)
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        for key, times in _screens(target, screens).items():
            found.setdefault(key, []).extend(times)
    rss = max([rss] + [kb / 1024 for kb in found.pop("peak", [])])
    _add(result, f"counter opens after the PIN ({shop_name})", found["counter"], COUNTER_MS)
    for key, name in (("stock", "Stok"), ("catalog", "Barang")):
        _add(result, f"{name} screen opens, painted ({shop_name})", found[key], SCREEN_MS)
    result.measures.append(
        Measure(
            f"peak RSS (app, {shop_name})", "MB", round(rss, 1), round(rss, 1), "≤ 250 MB", rss <= 250, runs
        )
    )
    return rss


def demo_shop_times(result: Result, beside: str, scale: str) -> None:
    """The app's times on a demo shop as `python main.py demo` makes it (60 days of a warung; 7 at the
    tiny scale, which only shows that the bench runs), and the first-run window of a new shop."""
    days = 7 if scale == "tiny" else 60
    folder = Path(beside).with_name("kasir-bench-app")
    folder.mkdir(exist_ok=True)
    try:
        demo = str(folder / "toko-contoh.db")
        subprocess.run(
            [sys.executable, "main.py", "--db", demo, "demo", "--shop", "warung", "--days", str(days)],
            capture_output=True,
            text=True,
            cwd=str(Path(__file__).resolve().parents[1]),
            timeout=1800,
            check=True,
        )
        app_times(result, demo, f"{days}-day demo shop", runs=5 if scale != "tiny" else 3)
        _frozen_app(result, demo)
        fresh = []
        for i in range(6 if scale != "tiny" else 3):
            new = folder / f"baru-{i}.db"
            ms, _mb = _cold_start(str(new), expect="setup")
            if i:  # the first one writes the setup window's bytecode cache
                fresh.append(ms)
        _add(result, "cold start to the first-run window (new shop)", fresh, None, p50_target=COLD_START_MS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _frozen_app(result: Result, demo: str, runs: int = 3) -> None:
    """Where packaging/build.sh has made the frozen app (dist/kasir/kasir): its size on disk, and its start
    on `demo` to the login page (KASIR_QUIT_AFTER_START=1: the time until it says 'kasir started: login')."""
    folder = Path(__file__).resolve().parents[1] / "dist" / "kasir"
    app = folder / ("kasir.exe" if os.name == "nt" else "kasir")
    if not app.is_file():
        return
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20
    result.measures.append(
        Measure("frozen app size", "MB", round(size), round(size), "", None, 1, "dist/kasir")
    )
    starts = []
    for i in range(runs + 1):
        t0 = time.perf_counter_ns()
        done = subprocess.run(
            [str(app), "--db", demo],
            capture_output=True,
            text=True,
            env={**_app_env(), "KASIR_QUIT_AFTER_START": "1"},
            timeout=120,
        )
        if done.stdout.strip() != "kasir started: login":
            raise RuntimeError(done.stdout[-1000:] + done.stderr[-2000:])
        if i:  # the first start warms the disk cache, as the other cold starts' first one does
            starts.append((time.perf_counter_ns() - t0) / 1e6)
    _add(result, "frozen app: start to the login (demo shop)", starts, None, p50_target=COLD_START_MS)


def _app_env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from cached bytecode
    return env


def _screens(target: str, runs: int = 10) -> dict[str, list[float]]:
    """One session of the real app on `target` (bench.coldstart --screens): the counter after the PIN, then
    the owner's Stok and Barang, `runs` times each; {"counter": [ms], "stock": [...], "catalog": [...],
    "peak": [kB]}."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.coldstart", target, "--screens", str(runs)],
        capture_output=True,
        text=True,
        env=_app_env(),
        cwd=str(Path(__file__).resolve().parents[1]),
        timeout=600,
    )
    found: dict[str, list[float]] = {}
    for line in done.stdout.splitlines():
        if line.startswith("screen "):
            _word, key, *values = line.split()
            found[key] = [float(v) for v in values]  # ok-float: milliseconds
        elif line.startswith("peak "):
            found["peak"] = [float(line.split()[1])]  # ok-float: kB
    if done.returncode != 0 or not {"counter", "stock", "catalog"} <= set(found):
        raise RuntimeError(done.stdout[-1000:] + done.stderr[-2000:])
    return found


def _cold_start(target: str, expect: str = "login") -> tuple[float, float]:
    """Start the app in a new process until its first window has painted and takes keys (the login, or
    the first-run window of a new shop: `expect`). (ms from the start of the process, peak RSS MB)."""
    t0 = time.perf_counter_ns()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.coldstart", target],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_app_env(),
        cwd=str(Path(__file__).resolve().parents[1]),
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter_ns() - t0) / 1e6
    try:
        _out, err = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        _out, err = child.communicate()
    words = line.split()
    if child.returncode != 0 or words[:1] != ["ready"] or words[2:3] != [expect]:
        raise RuntimeError(line + err[-2000:])
    return elapsed, int(words[1]) / 1024  # the child's peak memory: kB -> MB
