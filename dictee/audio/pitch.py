"""The reader's pitch, which decides the synthetic voice the text is said in.

refine.py and coarse.py match the reading with the text said by espeak-ng, frame by
frame, on cepstra: the spectral envelope, whose formants sit higher in a woman's
voice than in a man's (a shorter vocal tract), by more than the mean over a piece
takes out. Said in a man's voice (fr+m3), the junctions of the recorded woman's voice
(tests/audio/human.py, 232 Hz) were found 34 ms from the truth in median and more than
250 ms off at 21 % of the boundaries, read on without pauses; said in a woman's voice
(fr+f2), 5 ms and 6 %; the man's voices of the test readings (fr, fr+klatt) gain nothing
from it. The voice is chosen from the reading's pitch, before anything else is heard:
espeak-ng starts speaking while voice.py listens (junctions.guess_early, outside.py).

The pitch is the median over the loudest of SAMPLED_WINDOWS windows spread over the
reading (a vowel's, most often) of the lag where their autocorrelation peaks: a few
milliseconds of processor for any length, the memory of those windows alone.
"""

from __future__ import annotations

import numpy as np
import scipy.fft

from dictee.audio import voice

# A man's speaking voice is at 85-155 Hz, a woman's at 165-255 Hz (a child's higher):
# above this, the text is said in a woman's synthetic voice. espeak-ng's are at 100 Hz
# (fr, fr+klatt, fr+m3), 176-210 Hz (fr+f1 to fr+f5), the recorded voice at 232 Hz.
HIGH_VOICE_HZ = 160.0
LOW_VOICE, HIGH_VOICE = "fr+m3", "fr+f2"  # neither is a voice of the test readings
SAMPLED_WINDOWS = 1000  # windows spread evenly over the reading
WINDOW_MS = 40  # two periods of the lowest pitch (voice.PITCH_HZ), and some
LOUDEST_SHARE = 0.25  # of the windows, those taken for vowels
MIN_VOICED = 20  # periodic windows needed to say a pitch


def reader_pitch_hz(samples: np.ndarray, rate: int) -> float | None:
    """The reading's median pitch (Hz) over its loudest windows that are periodic
    (autocorrelation peak over voice.VOICED_CORRELATION at a lag of voice.PITCH_HZ);
    None when fewer than MIN_VOICED are.

    The autocorrelation is not divided by the window's own, as voice.py does: that
    lifts the peak at twice the period (a woman's voice is then heard an octave low,
    as a man's), where the plain one favours the shorter lag, the period itself."""
    step = max(1, rate // voice.ANALYSIS_HZ)
    low_rate = rate / step
    width = int(low_rate * WINDOW_MS / 1000)
    span = width * step
    if len(samples) < span:
        return None
    starts = np.unique(np.linspace(0, len(samples) - span, SAMPLED_WINDOWS).astype(np.int64))
    windows = np.asarray(samples)[starts[:, None] + np.arange(span)].reshape(-1, width, step)
    x = windows[:, :, 0].astype(np.float32)  # decimated: groups of `step` summed
    for column in range(1, step):  # a column at a time (a short-axis mean is slow)
        x += windows[:, :, column]
    x -= x.mean(axis=1, keepdims=True)
    power = np.einsum("ij,ij->i", x, x)
    loudest = np.argsort(power)[len(power) - max(1, int(len(power) * LOUDEST_SHARE)):]
    x = x[loudest[power[loudest] > 0]] * np.hanning(width).astype(np.float32)
    size = scipy.fft.next_fast_len(2 * width, real=True)
    corr = scipy.fft.irfft(np.abs(scipy.fft.rfft(x, size, axis=1)) ** 2, size, axis=1)
    low, high = int(low_rate / voice.PITCH_HZ[1]), int(low_rate / voice.PITCH_HZ[0]) + 1
    lags = low + np.argmax(corr[:, low:high], axis=1)
    peaks = corr[np.arange(len(x)), lags] / np.maximum(corr[:, 0], 1e-12)
    periodic = peaks > voice.VOICED_CORRELATION
    if np.count_nonzero(periodic) < MIN_VOICED:
        return None
    return float(np.median(low_rate / lags[periodic]))


def synthetic_voice(samples: np.ndarray, rate: int) -> str:
    """The espeak-ng voice to say the text in for this reading: a woman's above
    HIGH_VOICE_HZ, a man's otherwise (and when no pitch is heard)."""
    pitch = reader_pitch_hz(samples, rate)
    return HIGH_VOICE if pitch is not None and pitch > HIGH_VOICE_HZ else LOW_VOICE
