"""Where a group starts or ends on a hiss (« s », « ch », « f »), under background noise.

voice.py listens below 4 kHz, where a voice's vowels are. A sibilant is mostly
above 4 kHz, and a room's hum and murmur (pink noise) mostly below: at 10 dB SNR the
final « s » of « russe » is buried in the noise below 4 kHz, but stands 4-5 dB above
it between 4 and 8 kHz. Without looking there, a group that ends on « s » is cut
100-160 ms early (the clip clips its last sound) and one that starts on « s » begins
100 ms late.

Here each edge of a group next to a real pause is moved out over the frames where
the 4-8 kHz band stays above that pause's own noise, contiguously from the edge: a
cough or a page in the middle of the pause is never reached (a silence separates
them from the word), and at most HISS_MS is added. An end may first skip up to
CLOSURE_MS of silence, the closure before the burst of a final « t » (« flûte »,
« sept », 90-100 ms early without it), but never onto the start of a noise that
voice.py found in the pause. Only a few hundred milliseconds
around each edge are analysed. In a reverberant room the hiss's own echo would carry
the edge on, so this is not used there (reverb.py places those edges).
"""

from __future__ import annotations

import numpy as np
import scipy.fft
from numpy.lib.stride_tricks import sliding_window_view

from dictee import cores
from dictee.audio import segment, speech, voice

BAND_HZ = (4000.0, 8000.0)  # a sibilant's energy; a voice's vowels and a room's hum below
LOW_HZ = 150.0  # the band below, from here to BAND_HZ[0]: a vowel's
WINDOW_MS = 10  # analysis window, one every segment.HOP_MS
ANALYSIS_HZ = 20_000  # at least this sample rate after decimation (above 2 × 8 kHz)
ABOVE_NOISE_DB = 3.0  # a frame of hiss is this far above the pause's noise
NOISE_PERCENTILE = 30  # of the pause's frames: its noise (a cough may fill the middle)
HISS_MS = 200  # at most this much is added to a group: a sibilant's length
MIN_PAUSE_MS = 150  # shorter pauses hold too little noise to measure
CLOSURE_MS = 80  # a final « t » or « k » bursts this long after its vowel at most
GAP_MS = 30  # a hiss this close to a group's edge, or to its last frame, continues it
# A hiss of LATE_RUN_MS or more that starts later than CLOSURE_MS after a group's end
# (the end moved over its own hiss), but within LATE_MS of it, is not taken (a page
# turned in the pause could be), but the group is named to check: under a noise, a
# person's last vowel fading out is lost in it, and the end found there left out the
# « s » that follows (« la conférence. », 0.3 s early; tests/audio/human.py).
LATE_MS, LATE_RUN_MS = 350, 40
# Such a late hiss is taken all the same (the group still named) when it is heard alone
# (voice_hiss): over its run, the band above 4 kHz is louder by more than this (dB, mean
# power) than just before it, and the band below by no more. The voice's « s » after a
# vowel that faded out starts there; a page's crackle, a cough, a chair are heard below
# 4 kHz too, and a hiss's echo going on in a room of 1.5 s does not rise (−1 to −3 dB,
# where her « s » rose 3-7 dB under a noise, 22 dB in a room of 0.6 s, the band below
# falling or within 1 dB). Under a noise, her « la conférence. » was 0.33 s early.
LATE_RISE_DB = 1.0
BEFORE_HISS_MS = 50  # …than over this much before the hiss (the vowel's end, or its echo)
# In a room, the band below must fall under the hiss, by this share at least of what the
# room's echo alone falls between the middles of the two stretches compared (never more
# than its level above the noise before the hiss): the vowel's echo dying away. An
# inhalation before the next sentence swells in that echo, heard above 4 kHz as an « s »
# is, but below 4 kHz too: there the level held (−2.3 to +0.9 dB) where it fell under a
# final « s » (−4.4 to −6.7 dB: espeak-ng's at 0.75×, the recorded voice's). Taken for
# an « s », 34 breaths were taken into the groups before them in a 0.6 s room (the test
# readings' « réverbération, respirations », 3 seeds), their ends 0.4 s late.
ECHO_FALL_SHARE = 0.5
ZONE_MS = 2 * HISS_MS  # a pause is looked at this far from each edge
BATCH_WINDOWS = 1024  # windows analysed at a time (band_powers)
# Of the 4-8 kHz band over all the pauses of a reading: its noise (filled), the pauses
# that are only a sibilant drowned below 4 kHz aside.
FILLED_NOISE_PERCENTILE = 20


class Measured:
    """The band powers of the windows measured so far in one reading, by where each
    window starts (in samples of the reading): filled and widened look at the same
    pauses from the same edges (a pause's first 230 and 400 ms), and a short pause's
    tail is its head. A window's powers only depend on where it starts (decimation
    starts there too), so each is computed once; 30 % of the windows of the 10-minute
    reading were computed twice."""

    def __init__(self) -> None:
        self.starts = np.zeros(0, np.int64)  # sorted
        self.high = np.zeros(0, np.float32)
        self.low = np.zeros(0, np.float32)

    def find(self, starts: np.ndarray) -> np.ndarray:
        """Index of each of `starts` in the windows measured, -1 when not measured."""
        at = np.minimum(np.searchsorted(self.starts, starts), max(len(self.starts) - 1, 0))
        found = (self.starts[at] == starts) if len(self.starts) else np.zeros(len(starts), bool)
        return np.where(found, at, -1)

    def add(self, starts: np.ndarray, high: np.ndarray, low: np.ndarray) -> None:
        """Keep the powers of the windows at `starts` (not measured yet, all different)."""
        every = np.concatenate((self.starts, starts))
        order = np.argsort(every, kind="stable")
        self.starts = every[order]
        self.high = np.concatenate((self.high, high))[order]
        self.low = np.concatenate((self.low, low))[order]


def band_powers(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]], *,
                zone_ms: int = ZONE_MS) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each pause (from, to, in ms): the powers of both bands over its first
    `zone_ms` at most (_flat_powers)."""
    high, low, first, counts = _flat_powers(samples, rate, pauses_ms, zone_ms)
    return [(high[a:a + n], low[a:a + n]) for a, n in zip(first, counts)]


def _flat_powers(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]],
                 zone_ms: int, measured: Measured | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each pause (from, to, in ms): power (about 1 at full scale) of
    the BAND_HZ band and of the band below it (LOW_HZ up to BAND_HZ), in windows of WINDOW_MS every
    segment.HOP_MS that stay inside it (none looks past the groups' edges), averaged
    over three windows (one loud window of noise does not carry an edge), over its
    first `zone_ms` at most. Every window of every pause goes through one FFT: a
    reading has hundreds of pauses. All pauses' windows end to end, with the index of
    each pause's `first` window and its `counts` of windows. A window already in
    `measured` is not computed again, and those computed are added to it."""
    step = max(1, int(rate // ANALYSIS_HZ))  # averaged by groups of samples (voice.py)
    low_rate = rate / step
    hop = low_rate * segment.HOP_MS / 1000
    width = int(low_rate * WINDOW_MS / 1000)
    # The part of each pause near its first edge, cut to whole groups of `step` samples
    # and put end to end: decimated at once, as each would be alone.
    ranges = [(int(begin * rate / 1000), int(min(end, begin + zone_ms) * rate / 1000))
              for begin, end in pauses_ms]
    lengths = np.array([max(0, min(high, len(samples)) - low) // step for low, high in ranges],
                       np.int64)  # samples after decimation
    if not lengths.sum():
        empty = np.zeros(len(pauses_ms), np.int64)
        return np.zeros(0), np.zeros(0), empty, empty
    counts = np.maximum(0, ((lengths - width) / hop).astype(np.int64) + 1)  # windows
    first = np.cumsum(counts) - counts  # index of each pause's first window
    within = np.arange(counts.sum()) - np.repeat(first, counts)
    offsets = (within * hop).astype(np.int64)  # of each window in its pause, decimated
    # Where each window starts in the reading, which alone says what it holds, except
    # in a pause shorter than a window: its one window reads on into the next pause put
    # end to end (or, for the last, back into the one before).
    at = np.repeat(np.array([low for low, _ in ranges], np.int64), counts) + step * offsets
    spill = bool(np.any((counts > 0) & (lengths < width)))
    if measured is None or spill:
        high, low = _powers(samples, ranges, lengths, np.repeat(np.arange(len(ranges)), counts),
                            offsets, step, width, low_rate)
        if measured is not None:  # all but the windows of pauses shorter than one
            whole = np.repeat(lengths >= width, counts)
            fresh = whole & (measured.find(at) < 0)
            kept, once = np.unique(at[fresh], return_index=True)
            measured.add(kept, high[fresh][once], low[fresh][once])
    else:
        # The windows not measured yet, each once, from the pauses that hold them.
        missing = measured.find(at) < 0
        kept, once = np.unique(at[missing], return_index=True)
        if len(kept):
            pause = np.repeat(np.arange(len(ranges)), counts)[missing][once]
            needed = np.unique(pause)
            measured.add(kept, *_powers(samples, [ranges[k] for k in needed], lengths[needed],
                                        np.searchsorted(needed, pause),
                                        offsets[missing][once], step, width, low_rate))
        found = measured.find(at)
        high, low = measured.high[found], measured.low[found]
    return _smooth(high, first, counts), _smooth(low, first, counts), first, counts


def _powers(samples: np.ndarray, ranges: list[tuple[int, int]], lengths: np.ndarray,
            pause: np.ndarray, offsets: np.ndarray, step: int, width: int,
            low_rate: float) -> tuple[np.ndarray, np.ndarray]:
    """Power of both bands (_flat_powers) in the windows starting `offsets` (decimated
    samples) into the pauses `pause` (indices in `ranges`, the samples of each, of which
    `lengths` are kept after decimation), the pauses decimated end to end."""
    x = voice.decimate(np.concatenate([samples[low:low + length * step]
                                       for (low, _), length in zip(ranges, lengths)]), step)
    starts = np.minimum((np.cumsum(lengths) - lengths)[pause] + offsets,
                        max(len(x) - width, 0))
    size = scipy.fft.next_fast_len(width, real=True)
    freqs = np.fft.rfftfreq(size, 1 / low_rate)
    above, top = np.searchsorted(freqs, BAND_HZ[0]), np.searchsorted(freqs, BAND_HZ[1], "right")
    bottom = np.searchsorted(freqs, LOW_HZ)
    view = sliding_window_view(x, width) if len(x) >= width else np.zeros((1, width), np.float32)
    window = np.hanning(width).astype(np.float32)
    # Near full scale: these powers are only compared with the pauses' own noise here,
    # never with voice.py's levels (they lie ~2 dB apart).
    norm = float((window ** 2).sum()) * width / 2

    def bands(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Power of both bands in the windows starting at `rows` (samples of x)."""
        frames = view[np.minimum(rows, len(view) - 1)]  # rows of a strided view, gathered
        frames *= window
        spectrum = scipy.fft.rfft(frames, size, axis=1)  # float32: scipy's, as in voice.py
        parts = spectrum.view(np.float32)  # real and imaginary parts, side by side
        np.square(parts, out=parts)
        power = parts[:, 0::2] + parts[:, 1::2]
        return power[:, above:top].sum(axis=1) / norm, power[:, bottom:above].sum(axis=1) / norm

    # A window of digital silence (a noise gate, a synthetic reading's pauses) has no
    # power in either band, and no FFT.
    heard = np.flatnonzero(~voice.silent_windows(x, starts, width)) if len(x) >= width \
        else np.zeros(0, np.int64)
    # Batches of the windows are analysed side by side, a thread per core; batches of
    # BATCH_WINDOWS stay in the processor's cache, and a reading's hundreds of pauses
    # never hold all their spectra at once (80 MB for 10 minutes).
    shares = cores.each(bands, np.array_split(starts[heard], max(
        cores.threads(), -(-len(heard) // BATCH_WINDOWS))))
    high, low = np.zeros(len(starts), np.float32), np.zeros(len(starts), np.float32)
    high[heard] = np.concatenate([h for h, _ in shares])
    low[heard] = np.concatenate([b for _, b in shares])
    return high, low


def _smooth(power: np.ndarray, first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """`power` averaged over three windows, within each pause (`first` window and
    `counts` of windows of each): the first and last window of a pause are kept."""
    out = power.copy()
    out[1:-1] = (power[:-2] + power[1:-1] + power[2:]) / 3
    edges = np.concatenate((first, first + counts - 1))[np.tile(counts > 0, 2)]
    out[edges] = power[edges]
    return out


def widened(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]],
            noises_ms: np.ndarray | None = None, measured: Measured | None = None,
            late: list[bool] | None = None) -> list[tuple[int, int]]:
    """For each pause, the end of the group before it and the start of the group after
    it (ms), each moved into the pause over the hiss that continues it; `late`, when
    given, is filled with whether a hiss starts too late after the end to be taken
    (LATE_MS), one per pause.

    A frame is hiss when its level above 4 kHz stands ABOVE_NOISE_DB over the pause's
    noise there, and further above that noise than the band below stands above its
    own: a vowel fading out (or a coder's faint trail after it) rises mostly below
    4 kHz and is not a hiss. Each band against its own noise: a room's noise is far
    louder below 4 kHz, and a vowel's trail 2 dB above it outweighed, as a power, an
    « s » 4 dB above the quieter noise of the band above.
    A long pause is looked at only within ZONE_MS of each edge.

    Every edge of every pause is measured at once, a row each: a reading has hundreds
    of pauses, and a loop over them (536 edges in the 10-minute reading) cost about
    three quarters of the processor time of their FFTs."""
    if late is not None:
        late[:] = [False] * len(pauses_ms)
    if rate < 2 * BAND_HZ[1]:
        return list(pauses_ms)
    kept = [k for k, (end, start) in enumerate(pauses_ms) if start - end >= MIN_PAUSE_MS]
    zones = [(pauses_ms[k][0], pauses_ms[k][1]) for k in kept]
    out = list(pauses_ms)
    if not zones:
        return out
    # Each pause is looked at from both edges: its start zone (its head), and its end
    # zone (its tail) read backwards (a long pause's middle, where a cough may be, is
    # skipped). A pause no longer than ZONE_MS is one zone, read from both edges:
    # measured once, its tail is its head.
    longer = np.array([b - a > ZONE_MS for a, b in zones])
    high, low, first, counts = _flat_powers(
        samples, rate, zones + [(b - ZONE_MS, b) for a, b in zones if b - a > ZONE_MS],
        ZONE_MS, measured)
    head, heads = first[:len(zones)], counts[:len(zones)]
    tail, tails = head.copy(), heads.copy()
    tail[longer], tails[longer] = first[len(zones):], counts[len(zones):]
    # An end is never moved onto a noise of the pause (speech.noises): a cough that
    # starts as soon after the word as a « t » would burst. In frames from the end.
    reach = heads.copy()
    if noises_ms is not None and len(noises_ms):
        noise = speech.first_noise_ms(noises_ms, zones)
        inside = noise < np.array([start for _, start in zones])
        reach[inside] = (noise[inside] - np.array([end for end, _ in zones])[inside]) \
            // segment.HOP_MS
    # A row for each end (its head, going into the pause), then for each start (its
    # tail, backwards); the noise of each is measured on the pause's head and tail, in
    # time order from the row's edge: the head then the tail for an end, the tail
    # backwards then the head for a start.
    ends, starts = np.zeros(len(zones), bool), np.ones(len(zones), bool)
    frames = _rows((np.concatenate((head, tail)), np.concatenate((heads, tails)),
                    np.concatenate((ends, starts))))
    both = _rows((np.concatenate((head, tail)), np.concatenate((heads, tails)),
                  np.concatenate((ends, starts))),
                 (np.concatenate((tail, head)), np.concatenate((tails, heads)),
                  np.concatenate((ends, ends))))
    # Digital silence at the ends (a lead-in before the first group) is not the pause's
    # noise. Of a pause measured once, its end's row is its head twice: silence is
    # found on the head alone, then repeated.
    with np.errstate(divide="ignore"):
        silent = np.concatenate((10 * np.log10(high + low) <= segment.SILENCE_DBFS,
                                 [True]))  # [-1]: after a row's end
    audible = segment.heard_rows(silent[both])
    once = np.flatnonzero(~longer)
    alone = segment.heard_rows(silent[_rows((head[once], heads[once], ends[once]))])
    frame = np.arange(both.shape[1])
    twice = np.where(frame < heads[once, np.newaxis], frame, frame - heads[once, np.newaxis])
    audible[once] = np.take_along_axis(alone, np.clip(twice, 0, alone.shape[1] - 1), 1) \
        & (both[once] >= 0)
    audible |= ~np.logical_or.reduce(audible, axis=1)[:, np.newaxis] & (both >= 0)
    # The pause's noise in each band: the NOISE_PERCENTILE of its audible frames (the
    # value np.partition would put at that index: NaN, the padding, sorts last).
    quiet = (NOISE_PERCENTILE / 100 * (audible.sum(axis=1) - 1)).astype(np.int64)
    high = np.concatenate((high, np.full(1, np.nan, high.dtype)))  # [-1]: after a row's end
    low = np.concatenate((low, np.full(1, np.nan, low.dtype)))
    noise_high, noise_low = (
        np.take_along_axis(np.sort(np.where(audible, power[both], np.nan), axis=1),
                           quiet[:, np.newaxis], 1)
        for power in (high, low))
    # A pause of digital silence (exact zeros: a noise gate, the shipped synthetic
    # readings) has no noise: its ratios are inf or nan, never « louder », and the
    # division warns of nothing a user could act on.
    with np.errstate(divide="ignore", invalid="ignore"):
        loud = (high[frames] > noise_high * 10 ** (ABOVE_NOISE_DB / 10)) \
            & (high[frames] / noise_high > low[frames] / noise_low)
    count = np.concatenate((heads, tails))
    longest = np.minimum(np.minimum(round(HISS_MS / segment.HOP_MS), count // 2),
                         np.concatenate((reach, tails)))
    longest[count < 3] = 0
    frame = np.arange(loud.shape[1])
    frames_moved = _run_from_edge(loud & (frame < longest[:, np.newaxis]),
                                  np.repeat([CLOSURE_MS, GAP_MS], len(zones)))
    if late is not None:
        # After an end: a hiss that starts in its head zone, before the pause's middle when
        # it is measured once, and ends GAP_MS or more before the next group (else it is
        # that group's: a « s » it starts with); never on a noise of the pause.
        upto = np.minimum(np.where(longer, heads, heads - round(GAP_MS / segment.HOP_MS)),
                          reach)
        begin = np.minimum(np.where(longer, heads, heads // 2), reach)
        first_late, stop_late = _late_hiss(loud[:len(zones)] & (frame < upto[:, np.newaxis]),
                                           frames_moved[:len(zones)], begin, upto)
        with np.errstate(divide="ignore", invalid="ignore"):
            low_db = 10 * np.log10(low[frames[:len(zones)]] / noise_low[:len(zones)])
            high_db = 10 * np.log10(high[frames[:len(zones)]] / noise_high[:len(zones)])
        for row, k in enumerate(kept):
            late[k] = bool(stop_late[row])
            if late[k] and voice_hiss(high_db[row], low_db[row], int(first_late[row]),
                                      int(stop_late[row])):
                frames_moved[row] = stop_late[row]  # the voice's own « s », still named
    moved = frames_moved * segment.HOP_MS
    for k, (end, start), by_end, by_start in zip(kept, zones, moved[:len(zones)].tolist(),
                                                 moved[len(zones):].tolist()):
        out[k] = (end + by_end, start - by_start)
    return out


def filled(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]],
           measured: Measured | None = None) -> np.ndarray:
    """For each pause (from, to, in ms) between sounds that hold a voice, how many ms of
    it are a hiss that continues the speech before it, and the speech after it (a row
    per pause, those two in its columns): a « s », « ch », « f » that noise below
    4 kHz hides from voice.py, so that the word seems cut by a pause.

    Under pink noise at 10 dB SNR, « association » is heard as « a », pause, « o »,
    pause, « iation »: a sibilant-rich group loses a third of its speech, and its
    « pauses » of 100-200 ms are as long as a reader's between groups. Against the
    4-8 kHz noise of the whole reading (its pauses' FILLED_NOISE_PERCENTILE: a pause
    that is only a sibilant has no noise of its own to measure, unlike widened's), the
    hiss is counted from each edge (GAP_MS of a vowel's fall allowed, each frame within
    GAP_MS of the one before, at most HISS_MS from each side: a cough in the middle of
    a pause is never reached). 0 for every pause at a sampling rate below 16 kHz,
    which does not hold the band."""
    count = len(pauses_ms)
    if rate < 2 * BAND_HZ[1] or not count:
        return np.zeros((count, 2), np.int64)
    zone = HISS_MS + GAP_MS
    high, low, first, counts = _flat_powers(
        samples, rate, [(a, min(b, a + zone)) for a, b in pauses_ms]
        + [(max(a, b - zone), b) for a, b in pauses_ms], zone, measured)
    audible = heard(high + low)  # digital silence is no noise (the lead-in, a gate)
    if not audible.any():
        return np.zeros((count, 2), np.int64)
    noise_high = float(np.percentile(high[audible], FILLED_NOISE_PERCENTILE)) + 1e-20
    noise_low = float(np.percentile(low[audible], FILLED_NOISE_PERCENTILE)) + 1e-20
    rows = _rows((first, counts, np.repeat([False, True], count)))
    with np.errstate(divide="ignore", invalid="ignore"):
        power_high = np.concatenate((high, [0.0]))[rows]  # [-1]: after a row's end
        power_low = np.concatenate((low, [0.0]))[rows]
        loud = (power_high > noise_high * 10 ** (ABOVE_NOISE_DB / 10)) \
            & (power_high / noise_high > power_low / noise_low)
    loud &= rows >= 0
    run = np.minimum(_run_from_edge(loud, np.full(2 * count, GAP_MS)) * segment.HOP_MS,
                     HISS_MS)
    length = np.maximum(np.array([b - a for a, b in pauses_ms], np.int64), 0)
    after_end = np.minimum(run[:count], length)
    return np.stack((after_end, np.minimum(run[count:], length - after_end)), axis=1)


def _rows(*parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Indices of windows in _flat_powers' arrays, a row each: for each part, the
    `count` windows from `first` (from the last one back, where `backwards`), the
    parts one after the other; -1 after a row's end."""
    total = np.sum([count for _, count, _ in parts], axis=0)
    frame = np.arange(max(1, int(total.max(initial=0))))
    index = np.full((len(total), len(frame)), -1, np.int64)
    offset = np.zeros((len(total), 1), np.int64)
    for first, count, backwards in parts:
        step = frame - offset
        inside = (step >= 0) & (step < count[:, np.newaxis])
        at = first[:, np.newaxis] + np.where(backwards[:, np.newaxis],
                                             count[:, np.newaxis] - 1 - step, step)
        index[inside] = at[inside]
        offset = offset + count[:, np.newaxis]
    return index


def heard(power: np.ndarray) -> np.ndarray:
    """True for the windows of band_powers' `power` (in time order) from the first to the
    last that is not digital silence (segment.heard)."""
    with np.errstate(divide="ignore"):
        return segment.heard(10 * np.log10(power))


def voice_hiss(high_db: np.ndarray, low_db: np.ndarray, start: int, stop: int, *,
               echo_db_per_frame: float = 0.0) -> bool:
    """Whether a hiss (frames `start` to `stop`, excluded, of `high_db`, the band above
    4 kHz, and `low_db`, the band below, dB above their noise, one frame every
    segment.HOP_MS) is heard alone: above 4 kHz it is more than LATE_RISE_DB louder than
    over the BEFORE_HISS_MS before it (it starts there: not an echo going on), and below
    4 kHz LATE_RISE_DB or less (nothing else is heard), all as mean powers (a noise's
    level flickers by 1-2 dB from frame to frame). In a room whose echo falls by
    `echo_db_per_frame`, the band below must also fall by ECHO_FALL_SHARE of that
    echo's fall (a breath holds it up)."""
    first = max(0, start - round(BEFORE_HISS_MS / segment.HOP_MS))
    if first == start or stop <= start:
        return False

    def mean_db(part: np.ndarray) -> float:
        with np.errstate(invalid="ignore"):
            return float(10 * np.log10(np.nanmean(10 ** (part / 10))))

    def rise(level: np.ndarray) -> float:
        return mean_db(level[start:stop]) - mean_db(level[first:start])

    # What the echo alone falls between the middles of the two stretches, down to the noise.
    echo_fall = min(echo_db_per_frame * (stop - first) / 2, max(mean_db(low_db[first:start]), 0))
    return rise(high_db) > LATE_RISE_DB >= rise(low_db) + ECHO_FALL_SHARE * echo_fall


def _late_hiss(loud: np.ndarray, moved: np.ndarray, begin: np.ndarray,
               upto: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of `loud` (frames from a group's end into the pause, hiss or not),
    the first run of LATE_RUN_MS or more (dips of up to GAP_MS bridged) that starts
    more than CLOSURE_MS after the end moved by `moved` frames (one per row), within
    LATE_MS of it and before frame `begin`, and stops before frame `upto` (where the
    row is cut): the frame where it starts, and the one where it stops (excluded), 0 and
    0 when there is none. All rows at once: a reading has hundreds of pauses.

    A run may go on past `begin`: under a noise, her « s » after « conférence » started
    105 ms into a pause of 315 ms and lasted 75 ms, past its middle; cut there, it was
    too short to be seen, and the group, 0.27-0.29 s early, was said to be sure."""
    hop = segment.HOP_MS
    rows, width = loud.shape
    frame = np.arange(width)
    # The last loud frame at or before each frame, and the next at or after it.
    last = np.maximum.accumulate(np.where(loud, frame, -1), axis=1)
    ahead = np.minimum.accumulate(np.where(loud, frame, width)[:, ::-1], axis=1)[:, ::-1]
    bridged = loud | ((last >= 0) & (ahead < width)
                      & (ahead - last - 1 <= round(GAP_MS / hop)))
    begins = bridged & ~np.concatenate((np.zeros((rows, 1), bool), bridged[:, :-1]), axis=1)
    length = round(LATE_RUN_MS / hop)
    filled = np.concatenate((np.zeros((rows, 1), np.int64), np.cumsum(bridged, axis=1)), axis=1)
    long_enough = np.zeros_like(bridged)
    if width >= length:
        long_enough[:, :width - length + 1] = \
            filled[:, length:] - filled[:, :width - length + 1] == length
    # Where the run that starts at each frame stops: the first frame not in it.
    stops = np.minimum.accumulate(np.where(bridged, width, frame)[:, ::-1], axis=1)[:, ::-1]
    since = frame - np.asarray(moved)[:, np.newaxis]
    runs = begins & long_enough & (since > round(CLOSURE_MS / hop)) \
        & (since <= round(LATE_MS / hop)) & (frame < begin[:, np.newaxis]) \
        & (stops < upto[:, np.newaxis])
    found = runs.any(axis=1)
    first = np.where(found, runs.argmax(axis=1), 0)
    return first, np.where(found, stops[np.arange(rows), first], 0)


def _run_from_edge(loud: np.ndarray, first_ms: np.ndarray) -> np.ndarray:
    """For each row of `loud` (frames from the edge, index 0, into the pause), how many
    frames from the edge the hiss lasts: `loud` frames from within `first_ms` of the
    edge (GAP_MS: a sibilant may follow the vowel's fall by a few frames; CLOSURE_MS for
    an end: a final « t » bursts after its closure), each within GAP_MS of the one
    before (under noise, a frame of the hiss may dip into it), 0 when there is none."""
    gap = round(GAP_MS / segment.HOP_MS)
    first = np.round(first_ms / segment.HOP_MS)
    last = np.full(len(loud), -1)  # the hiss's last frame so far
    for frame in range(loud.shape[1]):
        on = loud[:, frame] & np.where(last < 0, frame <= first, frame - last <= gap + 1)
        last[on] = frame
    return last + 1
