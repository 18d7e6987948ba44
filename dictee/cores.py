"""How many cores this process may use, and work shared among them: the one home of
both questions."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MAX_THREADS = 4  # numpy work shared among at most this many threads


def usable() -> int:
    """The cores this process may use (not the machine's, under an affinity mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class _Running(Protocol):
    def poll(self) -> int | None: ...


# Our child processes that take a core each while they run (espeak-ng saying texts,
# synth.saying), registered by `occupied`.
_children: list[_Running] = []
_children_lock = threading.Lock()


@contextmanager
def occupied(processes: Sequence[_Running]) -> Iterator[None]:
    """While in this block, each of `processes` that is still running (poll() is None)
    takes a core from the work shared by `each` (threads).

    espeak-ng says the text of a reading without pauses while voice.py analyses it, on
    every core: threads of ours on top of its processes cost more processor than they
    save (a 10-minute reading: 0.15 s more in all, 0.1 s longer)."""
    with _children_lock:
        _children.extend(processes)
    try:
        yield
    finally:
        with _children_lock:
            for process in processes:
                _children.remove(process)


def threads() -> int:
    """The threads to share work among now: a core each, up to MAX_THREADS, less the
    cores our child processes take while they run (occupied); at least one."""
    with _children_lock:
        running = [process for process in _children if process.poll() is None]
    return max(1, min(usable() - len(running), MAX_THREADS))


def each(function: Callable[[Item], Result], items: Iterable[Item]) -> list[Result]:
    """`function` applied to every item, in order, one thread per core free (threads):
    for numpy and scipy work, which lets go of the interpreter while it computes on
    large arrays. With one core free, or one item, in this thread; in this thread
    too when called from one of the pool's own threads (work shared inside shared work:
    the pool's threads would all be waiting for each other). For the same reason,
    `function` must never wait for work handed to another thread that shares its own
    through this pool (refine.Speaking.model waits for such a thread): with every pool
    thread waiting, no one would do it."""
    work = list(items)
    count = min(threads(), len(work))
    if count <= 1 or getattr(_in_pool, "yes", False):
        return [function(item) for item in work]
    workers = min(usable(), MAX_THREADS)
    pool = _pool(workers)
    if count >= workers:
        return list(pool.map(function, work))
    # Fewer cores free than the pool's threads: as many runs of items as cores free.
    size = -(-len(work) // count)
    runs = pool.map(lambda run: [function(item) for item in run],
                    [work[low:low + size] for low in range(0, len(work), size)])
    return [result for run in runs for result in run]


# The threads are started once and kept: a reading's segmentation shares work some
# fifteen times, and starting a pool's threads each time cost ~1.5 ms of each (20 ms
# for a 10-minute reading, more on a busy machine). One pool per number of threads
# (cores usable), so that no more threads than that run at once.
_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()
_in_pool = threading.local()


def _mark_pool_thread() -> None:
    _in_pool.yes = True


def _pool(threads: int) -> ThreadPoolExecutor:
    with _pools_lock:
        pool = _pools.get(threads)
        if pool is None:
            pool = _pools[threads] = ThreadPoolExecutor(
                max_workers=threads, thread_name_prefix="dictee-cores",
                initializer=_mark_pool_thread)
        return pool


def _forget_pools() -> None:
    """In a child made by fork (ProcessPoolExecutor's workers), the parent's threads do
    not exist: its pools would take work and never do it. Nor are the parent's child
    processes its own (occupied)."""
    global _pools_lock, _children_lock
    _pools.clear()
    _pools_lock = threading.Lock()
    _children.clear()
    _children_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pools)


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
