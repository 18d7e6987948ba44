"""Boundaries inside continuous speech, found by matching the reading with the text
said by a synthetic voice (the idea of aeneas; no trained model).

Where a reader leaves no pause between two groups, energy cannot tell a word
boundary from a stop consonant (« t », « p » are silences too), and the length of
the groups only places the boundary to within a word or two. Here the two groups
are said by espeak-ng, whose boundary is known; both signals are described by
cepstral coefficients every FRAME_MS (the spectral envelope, a voice's timbre
removed by the mean) and matched by dynamic time warping: the frame of the
reading matched with the synthetic boundary is the boundary.

Only the end of the first group and the start of the second are said (REACH_MS
each), and they are searched for in a window around the current estimate
(SEARCH_MS on each side): the cost stays linear in the length of the reading.
Without espeak-ng, the boundaries stay where the energy put them.
"""

from __future__ import annotations

import functools

import numpy as np
import scipy.fft
from numpy.lib.stride_tricks import sliding_window_view

from dictee.audio import io, synth, voice

SYNTHETIC_VOICE = "fr+m3"  # not a voice of the test readings (tests/audio/readings.py)
WORDS_PER_MINUTE = 135
FRAME_MS, WINDOW_MS = 10, 25  # cepstra: one every FRAME_MS, over WINDOW_MS
ANALYSIS_HZ = 8_000  # at least this sample rate after decimation
MEL_BANDS, CEPSTRA = 24, 12  # coefficients 1-12 of 24 mel bands (0, the level, is left out)
BAND_HZ = (100.0, 4000.0)
REACH_MS = 1200  # synthetic speech said on each side of the boundary
SEARCH_MS = 1600  # reading searched on each side of the current estimate


def features(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mel cepstra (rows: frames every FRAME_MS) of mono int16 `samples`, minus their
    mean over the piece, so that two voices or two rooms compare."""
    step = max(1, rate // ANALYSIS_HZ)
    low_rate = rate / step
    x = voice.decimate(samples, step)
    hop, width = int(low_rate * FRAME_MS / 1000), int(low_rate * WINDOW_MS / 1000)
    count = (len(x) - width) // hop + 1
    if count <= 0:
        return np.zeros((0, CEPSTRA), np.float32)
    size = scipy.fft.next_fast_len(width, real=True)
    frames = sliding_window_view(x, width)[::hop][:count] * np.hamming(width).astype(np.float32)
    power = np.abs(scipy.fft.rfft(frames, size, axis=1)) ** 2
    bands = np.log(power @ _mel_bank(size, round(low_rate)).T + 1e-10)
    cepstra = scipy.fft.dct(bands, type=2, norm="ortho", axis=1)[:, 1:CEPSTRA + 1]
    return (cepstra - cepstra.mean(axis=0)).astype(np.float32)


@functools.lru_cache(maxsize=8)
def _mel_bank(size: int, rate: int) -> np.ndarray:
    """Triangular filters, evenly spaced on the mel scale over BAND_HZ (rows: bands)."""
    def mel(hz: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + hz / 700)

    low_mel, high_mel = mel(np.array(BAND_HZ))
    edges = 700 * (10 ** (np.linspace(low_mel, high_mel, MEL_BANDS + 2) / 2595) - 1)
    freqs = np.fft.rfftfreq(size, 1 / rate)
    low, mid, high = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    rise, fall = (freqs - low) / (mid - low), (high - freqs) / (high - mid)
    return np.clip(np.minimum(rise, fall), 0, None).astype(np.float32)


def matched_frames(query: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """For each row of `query`, the row of `reference` matched with it by dynamic time
    warping, `query` being matched as a whole with any stretch of `reference`.

    Steps (1, 1), (1, 2) and (2, 1): either signal may be up to twice as fast as the
    other, and each row of the table only depends on the two before it, so rows are
    computed as whole arrays. Distance: 1 − cosine of the cepstra.
    """
    rows, cols = len(query), len(reference)
    q = query / (np.linalg.norm(query, axis=1, keepdims=True) + 1e-9)
    r = reference / (np.linalg.norm(reference, axis=1, keepdims=True) + 1e-9)
    cost = 1 - q @ r.T
    total = np.full((rows, cols), np.inf)
    step = np.zeros((rows, cols), np.int8)
    total[0] = cost[0]  # the match may start anywhere in the reference
    for i in range(1, rows):
        options = np.full((3, cols), np.inf)
        options[0, 1:] = total[i - 1, :-1]
        options[1, 2:] = total[i - 1, :-2] + cost[i, 1:-1]
        if i >= 2:
            options[2, 1:] = total[i - 2, :-1] + cost[i - 1, 1:]
        step[i] = options.argmin(axis=0)
        total[i] = cost[i] + options[step[i], np.arange(cols)]
    matched = np.zeros(rows, np.int64)
    i, j = rows - 1, int(np.argmin(total[-1]))  # …and end anywhere
    matched[i] = j
    while i > 0:
        move = step[i, j]
        if move == 2:
            matched[i - 1] = j
            i -= 1
        i, j = i - 1, j - (2 if move == 1 else 1)
        matched[i] = j
    return matched


def boundaries(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               estimates_ms: list[float]) -> list[float] | None:
    """Where each pair of texts (the end of one group, the start of the next) meets in
    the reading, in ms, searched around `estimates_ms`; None without espeak-ng."""
    texts = sorted({text for pair in pairs for text in pair})
    said = synth.said(texts, SYNTHETIC_VOICE, WORDS_PER_MINUTE)
    if said is None:
        return None
    by_text = dict(zip(texts, said))
    reach = round(REACH_MS * io.SAMPLE_RATE / 1000)
    found = []
    for (before, after), estimate in zip(pairs, estimates_ms):
        head, tail = by_text[before][-reach:], by_text[after][:reach]
        query = features(np.concatenate((head, tail)), io.SAMPLE_RATE)
        # Frame i describes the window starting at i·FRAME_MS, centred WINDOW_MS/2 later.
        joint = round((len(head) * 1000 / io.SAMPLE_RATE - WINDOW_MS / 2) / FRAME_MS)
        low = max(0, round((estimate - SEARCH_MS) * rate / 1000))
        high = min(len(samples), round((estimate + SEARCH_MS) * rate / 1000))
        reference = features(samples[low:high], rate)
        if len(query) < 2 or len(reference) < 2:
            found.append(estimate)
            continue
        frame = matched_frames(query, reference)[min(max(joint, 0), len(query) - 1)]
        found.append(low * 1000 / rate + frame * FRAME_MS + WINDOW_MS / 2)
    return found
