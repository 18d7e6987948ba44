"""How many cores this process may use, and work shared among them: the one home of
both questions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MAX_THREADS = 4  # numpy work shared among at most this many threads


def usable() -> int:
    """The cores this process may use (not the machine's, under an affinity mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def each(function: Callable[[Item], Result], items: Iterable[Item]) -> list[Result]:
    """`function` applied to every item, in order, one thread per core (up to
    MAX_THREADS): for numpy and scipy work, which lets go of the interpreter while it
    computes on large arrays. With one core, or one item, in this thread."""
    work = list(items)
    threads = min(usable(), MAX_THREADS, len(work))
    if threads <= 1:
        return [function(item) for item in work]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(function, work))
