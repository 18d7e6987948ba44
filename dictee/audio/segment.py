"""Where a recording speaks and where it pauses, from a numpy energy envelope.

The signal is cut into frames of HOP_MS and analysed as whole arrays: a
10-minute reading is ~120,000 frames, a few milliseconds of numpy, where a
millisecond-by-millisecond loop (pydub.silence) takes seconds. Levels are dBFS
(0 dB is a full-scale square wave), times are integer milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dictee import cores

HOP_MS = 5  # frame length: boundaries are found to within this
SMOOTH_MS = 25  # envelope smoothing used to find dips inside speech
MIN_SPEECH_MS = 30  # shorter bursts between pauses are clicks, not words
FLOOR_PERCENTILE, PEAK_PERCENTILE = 10, 95  # of the frames `heard` (padding aside)
QUIETEST_PERCENTILE = 1  # the room's own noise, in the longest pauses
SPEECH_ABOVE_FLOOR_DB = 12.0  # speech is at least this far above the background
SPEECH_BELOW_PEAK_DB = 35.0  # ...and no further below the loud vowels
MIN_DYNAMICS_DB = 15.0  # peak − floor under this: noise or silence, not speech
DIP_MIN_DEPTH_DB = 6.0  # how far a dip between words falls below the syllables around it
DIP_REACH_MS = 150  # how far on each side we look for those syllables
DIP_SPACING_MS = 60  # one dip per valley
SILENCE_DBFS = -100.0  # level given to digital silence
# Inside a recording, digital silence this share of its frames or more is its noise
# (a synthetic reading, a noise gate); less, an editor's cut (heard).
DIGITAL_NOISE_SHARE = 0.15


@dataclass(frozen=True)
class Envelope:
    """Frame levels of a recording, in dBFS, one frame every `hop` samples."""

    db: np.ndarray  # per frame
    smooth_db: np.ndarray  # same, smoothed over SMOOTH_MS
    rate: int  # Hz
    hop: float  # samples per frame

    def __len__(self) -> int:
        return len(self.db)

    def ms(self, frame: int | np.ndarray) -> np.ndarray:
        return np.rint(np.asarray(frame) * self.hop * 1000 / self.rate).astype(np.int64)

    def frame(self, ms: float) -> int:
        """The frame at `ms` (the nearest: the inverse of `ms`)."""
        return int(round(ms * self.rate / 1000 / self.hop))


def from_levels(db: np.ndarray, rate: int) -> Envelope:
    """An envelope from levels already measured every HOP_MS (voice.py), smoothed as
    `envelope` does."""
    width = max(1, round(SMOOTH_MS / HOP_MS))
    power = 10 ** (db.astype(np.float64) / 10)
    smooth = np.convolve(power, np.ones(width) / width, mode="same")
    with np.errstate(divide="ignore"):
        smooth_db = np.maximum(10 * np.log10(smooth), SILENCE_DBFS)
    return Envelope(db.astype(np.float32), smooth_db.astype(np.float32), rate,
                    rate * HOP_MS / 1000)


ENVELOPE_BATCH = 2048  # frames converted to float32 at a time (envelope)


def envelope(samples: np.ndarray, rate: int, *, hop_ms: int = HOP_MS) -> Envelope:
    """Mean power per frame, in dBFS, computed with one reshape (a loop over batches of
    ENVELOPE_BATCH frames only, so that the file is never copied whole as float32, each
    batch in the processor's cache; the batches shared among the cores, cores.each).

    A frame is a whole number of samples (220 at 44.1 kHz, 4.99 ms); `Envelope.ms`
    converts frame indices back to exact milliseconds.
    """
    hop = max(1, int(rate * hop_ms / 1000))
    count = len(samples) // hop
    frames = np.asarray(samples[: count * hop]).reshape(count, hop)
    power = np.empty(count, np.float32)

    def measure(begins: range) -> None:
        for begin in begins:
            part = frames[begin:begin + ENVELOPE_BATCH].astype(np.float32)
            power[begin:begin + ENVELOPE_BATCH] = np.einsum("ij,ij->i", part, part)

    begins = range(0, count, ENVELOPE_BATCH)
    threads = max(1, min(len(begins), cores.threads()))
    cores.each(measure, [begins[k::threads] for k in range(threads)])
    power /= hop * 32768.0 ** 2
    width = max(1, round(SMOOTH_MS / hop_ms))
    smooth = np.convolve(power, np.ones(width) / width, mode="same")
    return Envelope(_db(power), _db(smooth), rate, float(hop))


def _db(power: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        # ×2: a full-scale sine has mean power ½; pydub's dBFS uses RMS the same way.
        level = 10 * np.log10(power * 2)
    return np.maximum(level, SILENCE_DBFS).astype(np.float32)


@dataclass(frozen=True)
class Speech:
    """Which frames hold speech, and the levels the decision rests on."""

    mask: np.ndarray  # bool per frame
    threshold_db: float
    floor_db: float
    peak_db: float
    quietest_db: float = SILENCE_DBFS  # the quietest frames (QUIETEST_PERCENTILE)

    @property
    def dynamics_db(self) -> float:
        return self.peak_db - self.floor_db


def speech(env: Envelope) -> Speech:
    """Frames louder than a threshold set between the background and the vowels.

    The threshold follows the recording (a quiet room or a noisy class) instead
    of a fixed dBFS value.
    """
    levels = env.db[heard(env.db)]
    if len(levels) == 0:
        return Speech(np.zeros(len(env), bool), 0.0, SILENCE_DBFS, SILENCE_DBFS)
    # Without the digital silence around the recording: 2 s of zeros before a reading
    # under loud noise made its floor digital silence, and the noise was taken for speech.
    floor, peak, quietest = (float(x) for x in np.percentile(
        levels, [FLOOR_PERCENTILE, PEAK_PERCENTILE, QUIETEST_PERCENTILE]))
    threshold = max(floor + SPEECH_ABOVE_FLOOR_DB, peak - SPEECH_BELOW_PEAK_DB)
    mask = env.db > threshold
    mask = drop_short_runs(mask, True, max(1, round(MIN_SPEECH_MS / HOP_MS)))
    return Speech(mask, threshold, floor, peak, quietest)


def heard(db: np.ndarray) -> np.ndarray:
    """True for the frames of levels `db` (dBFS) that are the recording and its room:
    from the first to the last that is not digital silence, and inside, digital
    silence only where it is the recording's noise.

    Digital silence at either end (exact zeros: a recorder's lead-in, an editor's
    padding) is no room and no noise: a noise floor, or any percentile of a recording's
    levels, is measured without it, else a tenth of zeros brings the floor to
    SILENCE_DBFS. Inside the recording, it is the noise of the pauses when it fills
    them (a synthetic reading, a noise gate: 21-27 % of the shipped readings' frames,
    at least DIGITAL_NOISE_SHARE); a few seconds of it in a recording that has a room
    (under DIGITAL_NOISE_SHARE of the frames) are an editor's cut, left out as well:
    3 s of zeros in 40 s of reading at 10 dB SNR lowered the noise estimates, and put
    a group's end 300 ms off."""
    return heard_rows(np.atleast_2d(db <= SILENCE_DBFS))[0]


def heard_rows(silent: np.ndarray) -> np.ndarray:
    """heard() for each row of `silent` (levels at or below SILENCE_DBFS) at once; a row
    shorter than the others is padded with True (silence) after its end."""
    rows, width = silent.shape
    if not width:
        return np.zeros((rows, 0), bool)
    sound = ~silent
    frame = np.arange(width)
    first = sound.argmax(axis=1)[:, np.newaxis]
    last = width - 1 - sound[:, ::-1].argmax(axis=1)[:, np.newaxis]
    mask = (frame >= first) & (frame <= last) & np.logical_or.reduce(sound, axis=1)[:, np.newaxis]
    cut = silent & mask
    mask &= ~(cut & (cut.sum(axis=1) < DIGITAL_NOISE_SHARE * mask.sum(axis=1))[:, np.newaxis])
    return mask


def runs(mask: np.ndarray, value: bool) -> np.ndarray:
    """(start, end) frame pairs, end excluded, of the runs where mask == value."""
    padded = np.concatenate(([False], mask == value, [False])).astype(np.int8)
    changes = np.flatnonzero(np.diff(padded))
    return changes.reshape(-1, 2)


def covered(count: int, spans: np.ndarray) -> np.ndarray:
    """A mask of `count` frames, True inside the (start, end) pairs `spans` (end
    excluded, at most `count`), in whole arrays (a reading has thousands of runs)."""
    steps = np.bincount(spans[:, 0], minlength=count + 1) \
        - np.bincount(spans[:, 1], minlength=count + 1)
    return np.cumsum(steps[:count]) > 0


def drop_short_runs(mask: np.ndarray, value: bool, shorter_than: int) -> np.ndarray:
    """`mask` with the runs of `value` shorter than `shorter_than` frames flipped."""
    found = runs(mask, value)
    short = covered(len(mask), found[found[:, 1] - found[:, 0] < shorter_than])
    return mask ^ short


@dataclass(frozen=True)
class Candidates:
    """Places where one meaning group may end and the next begin, in frames.

    A pause gives a span (`end` = first silent frame, `start` = first speech
    frame after it); a dip inside continuous speech gives a single frame.
    """

    end: np.ndarray  # frame where the previous group stops
    start: np.ndarray  # frame where the next group starts
    silence_ms: np.ndarray  # length of the pause, 0 for a dip
    depth_db: np.ndarray  # for a dip: how far it falls below its surroundings
    spoken: np.ndarray  # speech frames before the candidate (cumulative)

    def __len__(self) -> int:
        return len(self.end)


def candidates(env: Envelope, found: Speech, *,
               min_dip_db: float = DIP_MIN_DEPTH_DB) -> tuple[Candidates, int, int]:
    """Every pause and every dip at least `min_dip_db` deep between the first and last
    speech frames.

    Returns the candidates and the first and last (excluded) speech frames.
    """
    mask = found.mask
    spoken_runs = runs(mask, True)
    if len(spoken_runs) == 0:
        empty = np.zeros(0, np.int64)
        return Candidates(empty, empty, empty, empty.astype(float), empty), 0, 0
    first, last = int(spoken_runs[0, 0]), int(spoken_runs[-1, 1])
    pauses = runs(mask[first:last], False) + first
    before, after = _surroundings(env.smooth_db)
    dips, dip_depth = _dips(env, mask, first, last, before, after, min_dip_db)
    if len(pauses):
        lowest = _run_minima(env.db, pauses)
        pause_depth = np.minimum(before[pauses[:, 0]], after[pauses[:, 1] - 1]) - lowest
    else:
        pause_depth = np.zeros(0)
    end = np.concatenate((pauses[:, 0], dips))
    start = np.concatenate((pauses[:, 1], dips))
    silence = np.concatenate(((pauses[:, 1] - pauses[:, 0]) * HOP_MS,
                              np.zeros(len(dips), np.int64)))
    depth = np.concatenate((pause_depth, dip_depth))
    order = np.argsort(end, kind="stable")
    end, start, silence, depth = end[order], start[order], silence[order], depth[order]
    cumulative = np.concatenate(([0], np.cumsum(mask)))
    return Candidates(end, start, silence, depth, cumulative[end]), first, last


def _window_extreme(values: np.ndarray, reach: int, extreme: np.ufunc) -> np.ndarray:
    """np.minimum or np.maximum (`extreme`) of `values` within `reach` on each side of
    each, the edges repeated beyond the ends."""
    return sliding_extreme(np.pad(values, reach, mode="edge"), 2 * reach + 1, extreme)


def sliding_extreme(values: np.ndarray, width: int, extreme: np.ufunc) -> np.ndarray:
    """np.minimum or np.maximum (`extreme`) of every `width` consecutive values: item i
    is that of values[i : i + width] (as a sliding_window_view's, of the same type).

    Cut into blocks of `width`, each window spans the end of one block and the start
    of the next: the extreme of a running extreme from each side of the blocks, a few
    passes over the array instead of `width` (van Herk, Gil and Werman)."""
    count = len(values) - width + 1
    blocks = -(-len(values) // width)
    if values.dtype.kind == "f":
        neutral = -np.inf if extreme is np.maximum else np.inf
    else:
        info = np.iinfo(values.dtype)
        neutral = info.min if extreme is np.maximum else info.max
    grid = np.full(blocks * width, neutral, values.dtype)  # the last block is filled up
    grid[:len(values)] = values
    grid = grid.reshape(blocks, width)
    ahead = extreme.accumulate(grid, axis=1).ravel()  # from each block's start to here
    behind = extreme.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()  # here to its end
    return extreme(behind[:count], ahead[width - 1:width - 1 + count])


def _run_minima(level: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Lowest level inside each (start, end) span, vectorised with reduceat."""
    edges = spans.ravel()
    if edges[-1] >= len(level):
        level = np.append(level, SILENCE_DBFS)
    return np.minimum.reduceat(level, edges)[::2]


def _surroundings(level: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Loudest level within DIP_REACH_MS before and after each frame."""
    n = len(level)
    reach = max(1, round(DIP_REACH_MS / HOP_MS))
    peaks = sliding_extreme(np.pad(level, reach, constant_values=SILENCE_DBFS), reach,
                            np.maximum)  # peaks[j] = loudest of level[j - reach : j]
    return peaks[:n], peaks[reach + 1: reach + 1 + n]


def _dips(env: Envelope, mask: np.ndarray, first: int, last: int, before: np.ndarray,
          after: np.ndarray, min_depth_db: float) -> tuple[np.ndarray, np.ndarray]:
    """Frames inside speech whose smoothed level is a deep local minimum, and how deep
    (dB below the lower of the loudest frames within DIP_REACH_MS on each side)."""
    level = env.smooth_db
    spacing = max(1, round(DIP_SPACING_MS / HOP_MS))
    local_min = level <= _window_extreme(level, spacing, np.minimum)
    depth = np.minimum(before, after) - level
    keep = local_min & (depth >= min_depth_db) & mask
    keep[:first] = False
    keep[last:] = False
    # A dip touching a pause is that pause.
    keep &= ~_window_extreme((~mask).astype(np.int8), 2, np.maximum).astype(bool)
    frames = np.flatnonzero(keep)
    if len(frames) > 1:  # a flat valley gives a run of equal minima: keep its middle
        firsts = np.concatenate(([0], np.flatnonzero(np.diff(frames) > spacing) + 1))
        counts = np.diff(np.concatenate((firsts, [len(frames)])))
        frames = frames[firsts + counts // 2]
    return frames.astype(np.int64), depth[frames].astype(float)
