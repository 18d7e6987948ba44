"""How many cores this process may use, and work shared among them: the one home of
both questions."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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


@contextmanager
def without_blas_threads() -> Iterator[None]:
    """Import numpy in this block for work that never multiplies matrices (the grading):
    OpenBLAS then starts no thread of its own. It reads OPENBLAS_NUM_THREADS once, when
    numpy loads it, and otherwise starts a thread per core that spins for a while
    waiting for work: some 40 ms of processor and, on a busy machine, a core taken from
    the command. The variable is set only while the block runs (a program started
    later does not inherit it), and not at all if numpy is already loaded or the user
    chose a number of threads."""
    if "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        yield
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OPENBLAS_NUM_THREADS", None)
