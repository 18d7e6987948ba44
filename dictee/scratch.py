"""Temporary folders that go on every way out, even when the process is killed.

A `finally` removes a temporary folder after an error, Ctrl-C or SIGTERM (see
signals.py); nothing runs after SIGKILL or a power cut. So each folder is named
after the process that made it (`dictee-kit-<pid>-…`), and the next run removes
the folders of processes that no longer exist. A folder of a live process, or of
another user's, is never touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or no way to tell: keep its folder
    return True


def sweep(kind: str) -> list[Path]:
    """Remove the folders of `kind` left by processes that were killed; return them."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"dictee-{kind}-*-*"):
        pid = folder.name[len(f"dictee-{kind}-"):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def remove_tree(folder: Path) -> None:
    """shutil.rmtree that a Ctrl-C or SIGTERM arriving meanwhile does not cut short.

    One Ctrl-C reaches ffmpeg and us alike: the error of ffmpeg's death may unwind
    first, and the interruption land in the middle of the removal. The removal is
    finished first, then the interruption goes on.
    """
    pending: BaseException | None = None
    while True:
        try:
            shutil.rmtree(folder, ignore_errors=True)
            break
        except BaseException as interruption:  # re-raised below, once all is removed
            pending = interruption
    if pending is not None:
        raise pending


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A private temporary folder `dictee-<kind>-<pid>-…`, removed on the way out."""
    sweep(kind)
    folder = Path(tempfile.mkdtemp(prefix=f"dictee-{kind}-{os.getpid()}-"))
    try:
        yield folder
    finally:
        remove_tree(folder)
