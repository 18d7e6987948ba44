"""Work shared among the cores (dictee/cores.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from dictee import cores
from tests.conftest import REPO


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
    seen.clear()
    assert cores.each(square, range(50)) == expected
    # Three cores: the items go to the pool's threads, none is done in this one.
    names = {thread.name for thread in threading.enumerate() if thread.ident in seen}
    assert seen and threading.get_ident() not in seen
    assert names and all(name.startswith("dictee-cores") for name in names), names
    assert cores.each(square, []) == []


class _Child:
    """A child process as cores.occupied sees it: running until `code` is set."""

    def __init__(self) -> None:
        self.code: int | None = None

    def poll(self) -> int | None:
        return self.code


def _most_at_once(items: int) -> int:
    """How many items cores.each works on at the same time, at most (each takes 0.2 s)."""
    lock, now, most = threading.Lock(), [0], [0]

    def work(_: int) -> None:
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        threading.Event().wait(0.2)
        with lock:
            now[0] -= 1

    cores.each(work, range(items))
    return most[0]


def test_a_running_child_process_takes_a_core_from_shared_work(monkeypatch):
    """espeak-ng's processes take a core each while they run (cores.occupied): our
    work is then shared among the cores left, and in this thread when none is."""
    monkeypatch.setattr(cores, "usable", lambda: 3)
    assert cores.threads() == 3 and _most_at_once(6) == 3
    first, second = _Child(), _Child()
    with cores.occupied([first]):
        assert cores.threads() == 2 and _most_at_once(6) == 2
        with cores.occupied([second]):
            assert cores.threads() == 1
            seen: set[int] = set()
            assert cores.each(lambda x: seen.add(threading.get_ident()) or x, range(4)) \
                == [0, 1, 2, 3]
            assert seen == {threading.get_ident()}  # no core free: in this thread
        first.code = 0  # ended: its core is free again
        assert cores.threads() == 3
    assert cores.threads() == 3
    with cores.occupied([_Child()]):
        pass
    assert cores.threads() == 3  # a process is forgotten when its block is left


def test_work_shared_inside_shared_work_is_done(monkeypatch):
    """The pool's threads are kept from one call to the next; work shared from inside
    one of them is done there, instead of waiting for a thread that waits for it."""
    monkeypatch.setattr(cores, "usable", lambda: 2)

    def total(x: int) -> int:
        return sum(cores.each(lambda y: y * y, range(x)))

    assert cores.each(total, range(6)) == [sum(y * y for y in range(x)) for x in range(6)]


_FORKED = """
import os, signal
from dictee import cores
cores.usable = lambda: 2
assert cores.each(lambda x: x + 1, range(4)) == [1, 2, 3, 4]  # the parent's pool
child = os.fork()
if child == 0:
    signal.alarm(20)  # a child waiting for threads that do not exist dies instead
    os._exit(0 if cores.each(lambda x: x + 1, range(4)) == [1, 2, 3, 4] else 1)
print(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]))
"""


def test_a_forked_child_shares_work_too():
    """A child made by fork (edition's worker processes) has none of its parent's
    threads: its pool is its own, not the parent's that would never do the work."""
    if not hasattr(os, "fork"):
        pytest.skip("fork only")
    done = subprocess.run([sys.executable, "-c", _FORKED], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "0"


_THREADS_AFTER_NUMPY = """
import os
from dictee import cores
{block}
print(len(os.listdir("/proc/self/task")), os.environ.get("OPENBLAS_NUM_THREADS"))
"""


def _threads_after_numpy(block: str, **env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", _THREADS_AFTER_NUMPY.format(block=block)],
                          env={**clean, "PYTHONPATH": str(REPO), **env}, capture_output=True,
                          text=True, check=True)
    threads, variable = done.stdout.split()
    return int(threads), variable


def test_numpy_imported_for_the_grading_starts_no_blas_thread():
    if not os.path.isdir("/proc/self/task"):
        pytest.skip("les fils d'un processus se comptent dans /proc (Linux)")
    plain = _threads_after_numpy("import numpy")
    if plain[0] == 1:
        pytest.skip("OpenBLAS ne démarre aucun fil ici (un seul cœur)")
    # The variable is gone after the block: a program started later does not inherit it.
    assert _threads_after_numpy(
        "with cores.without_blas_threads():\n    import numpy") == (1, "None")
    # A number of threads the user chose is kept.
    assert _threads_after_numpy("with cores.without_blas_threads():\n    import numpy",
                                OPENBLAS_NUM_THREADS="2") == (2, "2")


def test_callers_in_several_threads_share_the_pool_without_waiting_forever(monkeypatch):
    """Threads of their own (kit.py's one per level, refine.speaking's) share the same
    kept pool, with nested work among theirs: each gets its own results, and none waits
    for a thread that waits for it."""
    monkeypatch.setattr(cores, "usable", lambda: 2)
    results: dict[int, list[int]] = {}

    def caller(number: int) -> None:
        results[number] = cores.each(
            lambda x: sum(cores.each(lambda y: y * number, range(x))), range(30))

    threads = [threading.Thread(target=caller, args=(n,), daemon=True) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert results == {n: [sum(y * n for y in range(x)) for x in range(30)] for n in range(6)}
