"""Helpers for tests that run dictee as a real process, stop it, or fill its disk."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO


def run_dictee(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.Popen:
    """`dictee ARGS` in a session of its own (so that a test can signal it alone)."""
    return subprocess.Popen(
        [sys.executable, "-c", "from dictee.cli.app import main; main()", *args],
        env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", **env}, cwd=cwd,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_while_running(process: subprocess.Popen, condition: Callable[[], bool],
                       seconds: float = 120) -> None:
    """Wait until `condition()` holds; fail if the process ends or time runs out first."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "still waiting"
        time.sleep(0.05)


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _live_processes() -> dict[int, tuple[str, str]]:
    """pid → (stat fields after the name, command line), for processes not zombies."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_text(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:]  # state, ppid, pgrp, session, …
        if not fields.startswith("Z"):
            found[int(entry.name)] = (fields, cmdline)
    return found


def session_processes(session: int) -> list[int]:
    """Live processes of a session: a command, its workers, their ffmpeg."""
    return [pid for pid, (fields, _) in _live_processes().items()
            if int(fields.split()[3]) == session]


def processes_mentioning(text: str) -> list[int]:
    return [pid for pid, (_, cmdline) in _live_processes().items() if text in cmdline]


def fill_disk_of(monkeypatch, folder: Path) -> None:
    """Make writing a zip into `folder` fail as on a full disk; elsewhere writes work."""
    real = zipfile.ZipFile.writestr

    def full(self, *args, **kwargs):
        if Path(self.filename).parent == folder:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr("zipfile.ZipFile.writestr", full)
