"""Where one group is heard in a recording: what align.py finds, and what the lesson's
audio (pace.py, lesson.py) cuts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Where one group is heard in the recording, in ms; `doubt`: one of its two
    boundaries is uncertain (see `confidence` and doubt.py), to be checked by ear."""

    start_ms: int
    end_ms: int
    doubt: bool = field(default=False, compare=False)
