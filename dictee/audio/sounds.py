"""Where the level of a reading is cut into sounds: the pieces whose voicing is judged.

A sound is a run of frames above the room's noise that rises well above it somewhere
(hysteresis: a word's quiet edges stay with its loud vowels), with short gaps bridged.
In a reverberant room the echo of a word, then of a cough in the pause, stays above the
noise right up to the next word: there a sound is also cut where one starts again out
of the echo of the one before (restarts), so that each piece is judged on its own
voicing and a noise is not carried into speech by the word its echo runs into.

These are rules on the level alone, frame by frame (dB above the noise,
voice.Frames.snr_db, one frame every segment.HOP_MS), apart from the spectra that
measure it: voice.py measures the level, cuts it here (cut) and tests voicing only
inside the sounds; speech.py judges them. This module imports neither voice.py nor
speech.py: both import it.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dictee.audio import segment

ACTIVE_SNR_DB = 6.0  # frame level above the noise that starts a sound
EDGE_SNR_DB = 3.0  # …and that a sound keeps until it ends (hysteresis)
BRIDGE_MS = 40  # gaps this short inside a sound do not split it
# A sound starts again (restarts) where the level, TAIL_FALL_DB below its peak of the
# last FALL_REACH_MS and not risen by more than TAIL_RIPPLE_DB in the last TAIL_MS,
# rises RESTART_RISE_DB within RISE_MS. An echo's level ripples as it falls: in the
# pauses of the test readings in a 0.6 s room, it rose again within 50 ms by up to
# 6.8 dB (the recorded voice, tests/audio/human.py; 5.8 dB for espeak-ng's), by more
# than 4 dB in 14-18 % of them. At 4 dB, a chair 175 ms after her « …tout le monde. »
# was not cut from the word's echo, whose voicing made it speech: the group ended on
# the chair, 0.9 s late, and the next started 0.3 s late.
# The peak is looked for as far back as a noise just before a word can have had it:
# where her « Ce message… » rose out of the echo of a page turned 100 ms before it, the
# level was 3.4 dB under its peak of the last 150 ms, 12.5 dB under that of the last
# 250 ms. Not cut, the page was voiced by the word and the group started on it, 0.32 s
# early (named to check); cut, the group starts on the vowel, 0.11 s late, its « s »
# left in the page's echo (tests/audio/human.py, three seeds). More words are cut
# in pieces too, each judged alone: in a room, 0.5-3 % more groups are named.
TAIL_MS, TAIL_FALL_DB, TAIL_RIPPLE_DB = 50, 10.0, 8.0
FALL_REACH_MS = 250
RISE_MS, RESTART_RISE_DB = 60, 6.0


def cut(snr: np.ndarray, echo: bool = False) -> np.ndarray:
    """(start, end) frame pairs, end excluded, of the sounds: runs above EDGE_SNR_DB
    that reach ACTIVE_SNR_DB somewhere, joined over gaps shorter than BRIDGE_MS (`snr`:
    dB above the noise, per frame). In a reverberant room (`echo`), each is also cut
    where a sound starts again out of the echo of the one before (restarts), and each
    piece is judged on its own voicing: a cough whose echo runs into the next word is
    not carried into speech by that word. Not in a dry room, where the pauses already
    separate sounds, and where a final « ch » or « s » rising after its vowel's fall
    would be cut off from the vowel, and lost with its too little voicing."""
    strong_before = np.concatenate(([0], np.cumsum(snr > ACTIVE_SNR_DB)))
    weak = segment.runs(snr > EDGE_SNR_DB, True)
    sound = segment.covered(len(snr), weak[strong_before[weak[:, 1]] > strong_before[weak[:, 0]]])
    sound = segment.drop_short_runs(sound, False, max(1, BRIDGE_MS // segment.HOP_MS))
    spans = segment.runs(sound, True)
    if not echo:
        return spans
    cuts = restarts(snr)
    cuts = cuts[sound[cuts] & sound[cuts - 1]]  # inside a sound, not at its first frame
    if not len(cuts):
        return spans
    edges = np.sort(np.concatenate((spans.ravel(), np.repeat(cuts, 2))))
    return edges.reshape(-1, 2)


def restarts(snr: np.ndarray) -> np.ndarray:
    """Frames where a sound starts again after the previous one has been dying away:
    the level is at least TAIL_FALL_DB below its peak of the last FALL_REACH_MS, has
    not risen by more than TAIL_RIPPLE_DB over the last TAIL_MS, and rises by
    RESTART_RISE_DB within RISE_MS. In a reverberant room (0.6 s) the echo of a word,
    then of a cough in the pause, stays above the noise right up to the next word.
    A vowel falling into a consonant can look the same (« sa|che »): these cuts are
    only made in a room (cut), never where a dry room's pauses suffice (`snr`: dB
    above the noise, per frame; each frame returned is the lowest before its rise,
    at least FALL_REACH_MS in)."""
    tail = round(TAIL_MS / segment.HOP_MS)
    reach = round(FALL_REACH_MS / segment.HOP_MS)
    rise = round(RISE_MS / segment.HOP_MS)
    n = len(snr)
    if n < reach + rise + 2:
        return np.zeros(0, np.int64)
    level = snr.astype(np.float32)
    # The `rise` frames after each, the last ones repeating the final level.
    ahead = sliding_window_view(np.pad(level[1:], (0, rise), mode="edge"), rise)[:n]
    # The foot of a rise: nothing lower follows it within RISE_MS.
    frames = np.flatnonzero((ahead.max(axis=1) >= level + RESTART_RISE_DB)
                            & (ahead.min(axis=1) > level))
    frames = frames[frames >= reach]
    if not len(frames):
        return frames.astype(np.int64)
    before = sliding_window_view(level, tail + 1)[frames - tail]  # ends at each frame
    lowest = np.minimum.accumulate(before, axis=1)  # lowest so far, along the tail
    peak = sliding_window_view(level, reach + 1)[frames - reach].max(axis=1)
    falling = ((before - lowest).max(axis=1) <= TAIL_RIPPLE_DB) \
        & (peak - level[frames] >= TAIL_FALL_DB)
    frames = frames[falling]
    # A rise spread over a few frames gives one restart, at its foot.
    return frames[np.diff(frames, prepend=-rise - 1) > rise].astype(np.int64)
