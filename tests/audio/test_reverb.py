"""reverb.direct_ends and direct_starts follow every candidate of a reading at once, in
whole arrays: each must land where following its own level frame by frame does."""

from __future__ import annotations

import numpy as np

from dictee.audio import reverb, segment


def _followed_end(level: np.ndarray, end: int, rate: float) -> int:
    """Where the voice stopped before `end`, followed frame by frame: back down to the
    valley, to the last frame ANCHOR_DB above the noise, then back along the decay line
    until the level leaves it."""
    valley = min(end, len(level) - 1)
    lowest = max(0, end - round(reverb.VALLEY_MS / segment.HOP_MS))
    while valley > lowest and level[valley - 1] <= level[valley]:
        valley -= 1
    reach = round(reverb.LONGEST_TAIL_MS / segment.HOP_MS)
    before = min(valley + 1, end)
    anchor = None
    for frame in range(before - 1, max(0, before - reach) - 1, -1):
        if level[frame] >= reverb.ANCHOR_DB:
            anchor = frame
            break
    if anchor is None:
        return end
    knee = anchor
    for frame in range(anchor - 1, max(anchor - reach, 0) - 1, -1):
        line = level[anchor] + rate * (anchor - frame)
        if level[frame] < line - reverb.LINE_MARGIN_DB:
            break
        knee = frame
    return min(end, knee + 1)


def _followed_start(level: np.ndarray, start: int) -> int:
    frame = start
    while frame > max(start - round(reverb.ONSET_REACH_MS / segment.HOP_MS), 1) \
            and level[frame - 1] < level[frame]:
        frame -= 1
    return frame


def test_every_end_and_start_lands_where_following_it_alone_does():
    """Random levels (a walk, falls and rises of a few dB per frame), ends anywhere up to
    the last frame and past it, decays from slow to fast: all at once, and one by one
    (direct_end, on the few frames it can look back at), as frame by frame."""
    rng = np.random.default_rng(0)
    checked = 0
    for _ in range(200):
        count = int(rng.integers(1, 2500))
        level = (np.cumsum(rng.normal(0, 2, count)) + rng.uniform(-5, 30)).astype(np.float32)
        ends = rng.integers(0, count + 1, 40)
        rate = float(rng.uniform(0.05, 1.0))
        expected = [_followed_end(level, int(end), rate) for end in ends]
        assert reverb.direct_ends(level, ends, rate).tolist() == expected
        assert [reverb.direct_end(level, int(end), rate) for end in ends] == expected
        starts = rng.integers(0, count, 40)
        assert reverb.direct_starts(level, starts).tolist() == \
            [_followed_start(level, int(start)) for start in starts]
        checked += sum(e != end for e, end in zip(expected, ends))
    assert checked > 1000  # most ends were moved back, not left where they were
