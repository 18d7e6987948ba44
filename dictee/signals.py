"""Stopping cleanly: SIGTERM and Ctrl-C unwind like an exception, workers die with their parent.

A build keeps its work in temporary folders removed by `finally` blocks and
context managers. Python runs those on an exception, not when a signal kills
the process, so SIGTERM is turned into KeyboardInterrupt, as Ctrl-C already
is. A worker process of the edition must not outlive the process that started
it: on Linux the kernel tells it (prctl PR_SET_PDEATHSIG); elsewhere a thread
notices that its parent changed. Either way it unwinds as if interrupted,
removes its temporary folders, then exits.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType

_PR_SET_PDEATHSIG = 1
_WATCH_S = 0.5  # how often a worker checks that its parent still lives
# Set by the handlers, read from any thread. A plain flag, not a threading.Event: setting
# an Event takes a lock, and a second signal arriving while a handler held it (the
# kernel's SIGTERM at the parent's death, then the watchdog's) ran the handler again
# inside the first, which waited for that lock for ever: a worker outlived its parent.
_interrupted = False
_busy = 0  # builds under way in this worker


class ParentGone(BaseException):
    """Raised in a worker whose parent died: unwind (cleaning up), then exit."""


def interrupted() -> bool:
    """True once Ctrl-C or SIGTERM reached this process: later errors are its echo
    (ffmpeg killed by the same Ctrl-C), and « interrompu » is the message to give."""
    return _interrupted


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def stop_cleanly() -> None:
    """In the main thread of a command: SIGTERM and Ctrl-C raise KeyboardInterrupt."""
    signal.signal(signal.SIGINT, _as_interrupt)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _as_interrupt)


def _parent_gone(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    if _interrupted:
        return  # already unwinding (the kernel and the watchdog both tell): let it clean up
    _interrupted = True
    if not _busy:
        os._exit(128 + signum)  # idle: nothing to clean
    raise ParentGone


@contextlib.contextmanager
def working() -> Iterator[None]:
    """Mark a build under way in a worker: a stop then unwinds it rather than exiting."""
    global _busy
    _busy += 1
    try:
        yield
    finally:
        _busy -= 1


def die_with_parent() -> None:
    """Initializer of a worker process: stop when the parent process dies.

    The worker's own work stays interruptible by Ctrl-C (sent to the whole group);
    SIGTERM, sent by the kernel when the parent dies or by the parent to cancel,
    raises ParentGone.
    """
    parent = os.getppid()
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _parent_gone)
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still works
    if os.getppid() != parent:  # died before prctl took effect
        raise SystemExit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_S)
        if not _interrupted:
            _thread.interrupt_main(signal.SIGTERM)

    threading.Thread(target=watch, name="dictee-parent-watch", daemon=True).start()


def stop_workers(executor: object) -> None:
    """Ask every worker of a ProcessPoolExecutor to stop now (they clean up, then exit)."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass


def run_group(command: list[str], *, timeout: float, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess:
    """subprocess.run for a program that starts helpers of its own (LibreOffice's
    soffice starts soffice.bin): it runs in a process group of its own, and the whole
    group is killed on a timeout, Ctrl-C or SIGTERM, so that no helper keeps writing
    into a temporary folder being removed. Raises subprocess.TimeoutExpired."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()
