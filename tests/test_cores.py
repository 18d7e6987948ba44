"""Work shared among the cores (dictee/cores.py)."""

from __future__ import annotations

import threading

import numpy as np

from dictee import cores


def test_each_keeps_the_order_and_uses_threads_when_there_are_cores(monkeypatch):
    seen: set[int] = set()

    def square(x: int) -> int:
        seen.add(threading.get_ident())
        return int(np.square(np.arange(x)).sum())

    expected = [int(np.square(np.arange(x)).sum()) for x in range(50)]
    monkeypatch.setattr(cores, "usable", lambda: 1)
    assert cores.each(square, range(50)) == expected
    assert seen == {threading.get_ident()}  # one core: in this thread
    monkeypatch.setattr(cores, "usable", lambda: 3)
    assert cores.each(square, range(50)) == expected
    assert cores.each(square, []) == []
