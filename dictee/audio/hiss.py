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
them from the word), and at most HISS_MS is added. Only a few hundred milliseconds
around each edge are analysed. In a reverberant room the hiss's own echo would carry
the edge on, so this is not used there (reverb.py places those edges).
"""

from __future__ import annotations

import numpy as np
import scipy.fft

from dictee.audio import segment, voice

BAND_HZ = (4000.0, 8000.0)  # a sibilant's energy; a voice's vowels and a room's hum below
LOW_HZ = 150.0  # the band below, from here to BAND_HZ[0]: a vowel's
WINDOW_MS = 10  # analysis window, one every segment.HOP_MS
ANALYSIS_HZ = 20_000  # at least this sample rate after decimation (above 2 × 8 kHz)
ABOVE_NOISE_DB = 3.0  # a frame of hiss is this far above the pause's noise
NOISE_PERCENTILE = 30  # of the pause's frames: its noise (a cough may fill the middle)
HISS_MS = 200  # at most this much is added to a group: a sibilant's length
MIN_PAUSE_MS = 150  # shorter pauses hold too little noise to measure
GAP_MS = 20  # a hiss this close to a group's edge still continues it


def _band_powers(samples: np.ndarray, rate: int, start_ms: float,
                 end_ms: float) -> tuple[np.ndarray, np.ndarray]:
    """Power (arbitrary reference) of the BAND_HZ band and of the band below it
    (LOW_HZ up to BAND_HZ), in windows of WINDOW_MS every segment.HOP_MS that stay
    between `start_ms` and `end_ms` (none looks past the groups' edges), averaged over
    three windows (one loud window of noise does not carry an edge)."""
    step = max(1, int(rate // ANALYSIS_HZ))  # averaged by groups of samples (voice.py)
    low_rate = rate / step
    x = voice.decimate(samples[int(start_ms * rate / 1000):int(end_ms * rate / 1000)], step)
    hop = low_rate * segment.HOP_MS / 1000
    width = int(low_rate * WINDOW_MS / 1000)
    count = max(0, int((len(x) - width) / hop) + 1)
    lows = np.minimum((np.arange(count) * hop).astype(np.int64), max(len(x) - width, 0))
    frames = x[lows[:, None] + np.arange(width)] if len(x) >= width else np.zeros((0, width))
    frames = frames * np.hanning(width).astype(np.float32)
    size = scipy.fft.next_fast_len(width, real=True)
    spectrum = scipy.fft.rfft(frames, size, axis=1)  # float32: scipy's, as in voice.py
    spectrum = spectrum.real ** 2 + spectrum.imag ** 2
    freqs = np.fft.rfftfreq(size, 1 / low_rate)
    high = spectrum[:, (freqs >= BAND_HZ[0]) & (freqs <= BAND_HZ[1])].sum(axis=1)
    low = spectrum[:, (freqs >= LOW_HZ) & (freqs < BAND_HZ[0])].sum(axis=1)

    def smooth(power: np.ndarray) -> np.ndarray:
        out = power.copy()
        out[1:-1] = (power[:-2] + power[1:-1] + power[2:]) / 3
        return out
    return smooth(high), smooth(low)


def widened(samples: np.ndarray, rate: int, end_ms: int, start_ms: int) -> tuple[int, int]:
    """The end of one group and the start of the next, around a pause (ms), each moved
    into the pause over the hiss that continues it.

    A frame is hiss when its level above 4 kHz stands ABOVE_NOISE_DB over the pause's
    noise there, and, once each band's noise is taken away, more of it is above 4 kHz
    than below: a vowel fading out (or a coder's faint trail after it) is not a hiss."""
    pause = start_ms - end_ms
    if pause < MIN_PAUSE_MS or rate < 2 * BAND_HZ[1]:
        return end_ms, start_ms
    high, low = _band_powers(samples, rate, end_ms, start_ms)
    if len(high) < 3:
        return end_ms, start_ms
    quiet = int(NOISE_PERCENTILE / 100 * (len(high) - 1))
    noise_high, noise_low = (np.partition(p, quiet)[quiet] for p in (high, low))
    loud = (high > noise_high * 10 ** (ABOVE_NOISE_DB / 10)) \
        & (high - noise_high > np.maximum(low - noise_low, 0))
    reach = min(round(HISS_MS / segment.HOP_MS), len(loud) // 2)
    return (end_ms + _hiss_frames(loud[:reach]) * segment.HOP_MS,
            start_ms - _hiss_frames(loud[::-1][:reach]) * segment.HOP_MS)


def _hiss_frames(loud: np.ndarray) -> int:
    """How many frames from the edge (index 0) the hiss lasts: a run of `loud` frames
    starting within GAP_MS of the edge (a sibilant may follow the vowel's fall by a
    frame or two), 0 when there is none."""
    gap = round(GAP_MS / segment.HOP_MS)
    begins = np.flatnonzero(loud[:gap + 1])
    if not len(begins):
        return 0
    quiet = np.flatnonzero(~loud[begins[0]:])
    return int(begins[0] + (quiet[0] if len(quiet) else len(loud) - begins[0]))
