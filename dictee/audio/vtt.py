"""WebVTT subtitles of the paced track, so a teacher can project what is heard."""

from __future__ import annotations

from collections.abc import Sequence

from dictee.audio.pace import Cue
from dictee.content.typography import french


def timestamp(ms: int) -> str:
    """WebVTT time: hh:mm:ss.ttt."""
    hours, rest = divmod(int(ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _escape(text: str) -> str:
    # WebVTT cue text: & and < start markup; "-->" would end the timing line.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_vtt(cues: Sequence[Cue], *, title: str = "") -> str:
    lines = ["WEBVTT" + (f" - {_escape(title)}" if title else ""), ""]
    for number, cue in enumerate(cues, start=1):
        lines += [str(number), f"{timestamp(cue.start_ms)} --> {timestamp(cue.end_ms)}",
                  _escape(french(" ".join(cue.text.split()))), ""]
    return "\n".join(lines)
