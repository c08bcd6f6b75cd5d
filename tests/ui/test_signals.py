"""A signal emitted from Python keeps Python's own objects alive. PySide6 6.12.0 dropped a reference to
True on every emit(): a day at the counter (a hub announcement per sale, a worker's progress) ended with
the process aborting on 'deallocating True'. setup.cfg keeps that release out; this test fails on it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    said = Signal(object)
    counted = Signal(int)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[object] = []

    def hear(self, value: object) -> None:
        self.heard.append(value)


def test_emitting_keeps_true_false_and_none_alive(qapp) -> None:
    sender, receiver = _Sender(), _Receiver()
    sender.said.connect(receiver.hear)
    sender.counted.connect(receiver.hear)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for n in range(200):
        sender.said.emit(None)
        sender.counted.emit(n)
    receiver.heard.clear()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert after == before
