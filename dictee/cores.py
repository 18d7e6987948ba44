"""How many cores this process may use: the one home of that question."""

from __future__ import annotations

import os


def usable() -> int:
    """The cores this process may use (not the machine's, under an affinity mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)
