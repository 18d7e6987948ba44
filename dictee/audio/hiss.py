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
from dictee.audio import segment, voice

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
ZONE_MS = 2 * HISS_MS  # a pause is looked at this far from each edge
BATCH_WINDOWS = 1024  # windows analysed at a time (band_powers)


def band_powers(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]], *,
                zone_ms: int = ZONE_MS) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each pause (from, to, in ms): power (1 at full scale, as voice.py's levels) of
    the BAND_HZ band and of the band below it (LOW_HZ up to BAND_HZ), in windows of WINDOW_MS every
    segment.HOP_MS that stay inside it (none looks past the groups' edges), averaged
    over three windows (one loud window of noise does not carry an edge), over its
    first `zone_ms` at most. Every window of every pause goes through one FFT: a
    reading has hundreds of pauses."""
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
        return [(np.zeros(0), np.zeros(0))] * len(pauses_ms)
    x = voice.decimate(np.concatenate([samples[low:low + length * step]
                                       for (low, _), length in zip(ranges, lengths)]), step)
    counts = np.maximum(0, ((lengths - width) / hop).astype(np.int64) + 1)  # windows
    first = np.cumsum(counts) - counts  # index of each pause's first window
    within = np.arange(counts.sum()) - np.repeat(first, counts)
    lows = np.repeat(np.cumsum(lengths) - lengths, counts) + (within * hop).astype(np.int64)
    starts = np.minimum(lows, max(len(x) - width, 0))
    size = scipy.fft.next_fast_len(width, real=True)
    freqs = np.fft.rfftfreq(size, 1 / low_rate)
    above, top = np.searchsorted(freqs, BAND_HZ[0]), np.searchsorted(freqs, BAND_HZ[1], "right")
    bottom = np.searchsorted(freqs, LOW_HZ)
    view = sliding_window_view(x, width) if len(x) >= width else np.zeros((1, width), np.float32)
    window = np.hanning(width).astype(np.float32)
    norm = float((window ** 2).sum()) * width / 2  # full scale, as voice.py's levels

    def bands(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Power of both bands in the windows starting at `rows` (samples of x)."""
        frames = view[np.minimum(rows, len(view) - 1)]  # rows of a strided view, gathered
        frames *= window
        spectrum = scipy.fft.rfft(frames, size, axis=1)  # float32: scipy's, as in voice.py
        parts = spectrum.view(np.float32)  # real and imaginary parts, side by side
        np.square(parts, out=parts)
        power = parts[:, 0::2] + parts[:, 1::2]
        return power[:, above:top].sum(axis=1) / norm, power[:, bottom:above].sum(axis=1) / norm

    # Batches of the windows are analysed side by side, a thread per core; batches of
    # BATCH_WINDOWS stay in the processor's cache, and a reading's hundreds of pauses
    # never hold all their spectra at once (80 MB for 10 minutes).
    shares = cores.each(bands, np.array_split(starts, max(
        min(cores.usable(), cores.MAX_THREADS), -(-len(starts) // BATCH_WINDOWS))))
    high = _smooth(np.concatenate([h for h, _ in shares]), first, counts)
    low = _smooth(np.concatenate([b for _, b in shares]), first, counts)
    return [(high[a:a + n], low[a:a + n]) for a, n in zip(first, counts)]


def _smooth(power: np.ndarray, first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """`power` averaged over three windows, within each pause (`first` window and
    `counts` of windows of each): the first and last window of a pause are kept."""
    out = power.copy()
    out[1:-1] = (power[:-2] + power[1:-1] + power[2:]) / 3
    edges = np.concatenate((first, first + counts - 1))[np.tile(counts > 0, 2)]
    out[edges] = power[edges]
    return out


def widened(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]],
            noises_ms: np.ndarray | None = None) -> list[tuple[int, int]]:
    """For each pause, the end of the group before it and the start of the group after
    it (ms), each moved into the pause over the hiss that continues it.

    A frame is hiss when its level above 4 kHz stands ABOVE_NOISE_DB over the pause's
    noise there, and further above that noise than the band below stands above its
    own: a vowel fading out (or a coder's faint trail after it) rises mostly below
    4 kHz and is not a hiss. Each band against its own noise: a room's noise is far
    louder below 4 kHz, and a vowel's trail 2 dB above it outweighed, as a power, an
    « s » 4 dB above the quieter noise of the band above.
    A long pause is looked at only within ZONE_MS of each edge."""
    if rate < 2 * BAND_HZ[1]:
        return list(pauses_ms)
    kept = [k for k, (end, start) in enumerate(pauses_ms) if start - end >= MIN_PAUSE_MS]
    zones = [(pauses_ms[k][0], pauses_ms[k][1]) for k in kept]
    # Each pause is looked at from both edges: its start zone, and its end zone read
    # backwards (a long pause's middle, where a cough may be, is skipped).
    # A pause no longer than ZONE_MS is one zone, read from both edges: measured once.
    longer = [(b - ZONE_MS, b) for a, b in zones if b - a > ZONE_MS]
    found = iter(band_powers(samples, rate, zones + longer))
    heads = [next(found) for _ in zones]
    tails = [next(found) if b - a > ZONE_MS else head for (a, b), head in zip(zones, heads)]
    out = list(pauses_ms)
    for k, (high, low), (high_end, low_end) in zip(kept, heads, tails):
        end, start = pauses_ms[k]
        # An end is never moved onto a noise of the pause (voice.noises): a cough that
        # starts as soon after the word as a « t » would burst.
        inside = np.zeros(0) if noises_ms is None \
            else noises_ms[(noises_ms > end) & (noises_ms < start)]
        reach = int((inside.min() - end) // segment.HOP_MS) if len(inside) else len(high)
        out[k] = (end + _hiss_frames(high, low, high_end, low_end, CLOSURE_MS, reach)
                  * segment.HOP_MS,
                  start - _hiss_frames(high_end[::-1], low_end[::-1], high, low)
                  * segment.HOP_MS)
    return out


def _hiss_frames(high: np.ndarray, low: np.ndarray, other_high: np.ndarray,
                 other_low: np.ndarray, first_ms: int = GAP_MS, reach: int | None = None
                 ) -> int:
    """How many frames from the edge (index 0 of `high`, `low`: the powers of the two
    bands going into the pause) the hiss lasts, at most `reach`; it starts within
    `first_ms` of the edge. The noise is measured on these and on the frames at the
    pause's other edge (`other_…`)."""
    count = len(high)
    if count < 3:
        return 0
    both_high, both_low = np.concatenate((high, other_high)), np.concatenate((low, other_low))
    # Digital silence at the ends (a lead-in before the first group) is not the pause's
    # noise: `other_…` follow `high`, `low` in time, or are them (a short pause).
    audible = np.tile(heard(high + low), 2) if other_high is high \
        else heard(both_high + both_low)
    if audible.any():
        both_high, both_low = both_high[audible], both_low[audible]
    quiet = int(NOISE_PERCENTILE / 100 * (len(both_high) - 1))
    noise_high = np.partition(both_high, quiet)[quiet]
    noise_low = np.partition(both_low, quiet)[quiet]
    # A pause of digital silence (exact zeros: a noise gate, the shipped synthetic
    # readings) has no noise: its ratios are inf or nan, never « louder », and the
    # division warns of nothing a user could act on.
    with np.errstate(divide="ignore", invalid="ignore"):
        loud = (high > noise_high * 10 ** (ABOVE_NOISE_DB / 10)) \
            & (high / noise_high > low / noise_low)
    longest = min(round(HISS_MS / segment.HOP_MS), count // 2,
                  count if reach is None else reach)
    return _run_from_edge(loud[:longest], first_ms)


def heard(power: np.ndarray) -> np.ndarray:
    """True for the windows of band_powers' `power` (in time order) from the first to the
    last that is not digital silence (segment.heard)."""
    with np.errstate(divide="ignore"):
        return segment.heard(10 * np.log10(power))


def _run_from_edge(loud: np.ndarray, first_ms: int = GAP_MS) -> int:
    """How many frames from the edge (index 0) the hiss lasts: `loud` frames from within
    `first_ms` of the edge (GAP_MS: a sibilant may follow the vowel's fall by a few
    frames; CLOSURE_MS for an end: a final « t » bursts after its closure), each within
    GAP_MS of the one before (under noise, a frame of the hiss may dip into it), 0 when
    there is none."""
    gap = round(GAP_MS / segment.HOP_MS)
    frames = np.flatnonzero(loud)
    if not len(frames) or frames[0] > round(first_ms / segment.HOP_MS):
        return 0
    breaks = np.flatnonzero(np.diff(frames) > gap + 1)
    return int(frames[breaks[0]] if len(breaks) else frames[-1]) + 1
