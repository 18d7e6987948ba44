"""Groups to check by ear that no boundary doubts of itself.

align.confidence judges each boundary where it is: a real pause, or a deep dip between
two groups of plausible length. A boundary can pass and still be seconds off: read
without a pause at a pace that changes from one sentence to the next (0.85× then
1.2×), the breath between two sentences is no longer than the closures inside words,
the lengths of the groups put a sentence boundary at another one, and the groups that
follow slide with it, each of them at a plausible length against its own sentence.
What still tells it is the speech each group holds against what its words take at the
reading's own pace: a group given a second of its neighbour's words, or squeezed to
a fifth of its own. Such a group and two groups on each side of it are to be checked
by ear: the boundary that went astray is on one side of it, and may have carried the
next one with it (Sasha, secondaire, read at 0.85× then 1.2×: the group that took a
second too much is the 4th, the boundaries 361 ms and 891 ms early are the 2nd's end
and the 3rd's).
"""

from __future__ import annotations

import numpy as np

# A group whose speech is more than e^0.45 ≈ 1.57 times, or less than 1/1.57 times,
# its words' share of the reading's speech. The shares predict a group's length to
# within 9 % (spoken.py), a reader's pace varies by ±20 % from one sentence to the
# next: on the test readings (tests/audio/readings.py), the groups placed within
# 100 ms stay within 0.42 in every condition but one group at 10 dB SNR (0.52).
LENGTH_LIMIT = 0.45


def speech_ms(mask: np.ndarray, hop_ms: float, spans_ms: list[tuple[int, int]]) -> np.ndarray:
    """The speech (frames of `mask`, one every `hop_ms`) inside each span, in ms."""
    counted = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
    bounds = np.clip(np.rint(np.array(spans_ms, float).reshape(-1, 2) / hop_ms),
                     0, len(mask)).astype(np.int64)
    return (counted[bounds[:, 1]] - counted[bounds[:, 0]]) * hop_ms


def implausible(speech: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """For each group, whether its `speech` (ms) is implausible for its share of the
    text's speaking time (`shares`, spoken.shares), in either direction."""
    expected = shares / shares.sum() * speech.sum()
    with np.errstate(divide="ignore"):  # no speech at all: −∞, implausible
        ratio = np.log(np.maximum(speech, 0) / np.maximum(expected, 1e-9))
    return np.abs(ratio) > LENGTH_LIMIT


NEIGHBOURS = 2  # groups checked on each side of an implausible one


def to_check(speech: np.ndarray, shares: np.ndarray) -> set[int]:
    """Groups (indices) to check by ear for their length: each implausible one
    (`implausible`) and NEIGHBOURS groups on each side of it."""
    wrong = np.flatnonzero(implausible(speech, shares))
    around = {int(g) + step for g in wrong for step in range(-NEIGHBOURS, NEIGHBOURS + 1)}
    return {g for g in around if 0 <= g < len(speech)}
