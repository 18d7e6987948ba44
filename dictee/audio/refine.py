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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Cepstra:
    """Mel cepstra of a piece of signal: row i describes the window starting at
    sample i·hop (of the original rate), `width` samples long."""

    values: np.ndarray  # rows: frames, columns: coefficients 1 to CEPSTRA
    hop: int  # samples between frames, at the original rate
    width: int  # window length, samples at the original rate

    def frame_at(self, sample: float) -> int:
        """The frame centred nearest `sample`."""
        return int(round((sample - self.width / 2) / self.hop))

    def centre(self, frame: int) -> float:
        """Sample at the centre of `frame`."""
        return frame * self.hop + self.width / 2


def cepstra(samples: np.ndarray, rate: int) -> Cepstra:
    """Mel cepstra of mono int16 `samples`, one frame every ~FRAME_MS over WINDOW_MS."""
    step = max(1, rate // ANALYSIS_HZ)
    low_rate = rate / step
    x = voice.decimate(samples, step)
    hop, width = int(low_rate * FRAME_MS / 1000), int(low_rate * WINDOW_MS / 1000)
    count = max((len(x) - width) // hop + 1, 0)
    size = scipy.fft.next_fast_len(width, real=True)
    frames = sliding_window_view(x, width)[::hop][:count] if count else np.zeros((0, width))
    power = np.abs(scipy.fft.rfft(frames * np.hamming(width).astype(np.float32), size,
                                  axis=1)) ** 2
    # einsum, not `@`: for these small matrices, OpenBLAS's threads cost far more than
    # the product (60 ms instead of 7 for one table on a busy two-core machine).
    bands = np.log(np.einsum("fb,mb->fm", power, _mel_bank(size, round(low_rate))) + 1e-10)
    values = scipy.fft.dct(bands, type=2, norm="ortho", axis=1)[:, 1:CEPSTRA + 1]
    return Cepstra(values.astype(np.float32), hop * step, width * step)


def _normalised(values: np.ndarray) -> np.ndarray:
    """Cepstra minus their mean over the piece (a voice's or a room's own colour), as
    unit vectors (DTW compares them by their cosine)."""
    centred = values - values.mean(axis=0)
    return centred / (np.linalg.norm(centred, axis=1, keepdims=True) + 1e-9)


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
    cost = 1 - np.einsum("ic,jc->ij", _normalised(query), _normalised(reference))
    total = np.full((rows, cols), np.inf, np.float32)
    total[0] = cost[0]  # the match may start anywhere in the reference
    for i in range(1, rows):
        best = total[i, 1:]  # a view: filled in place, column 0 stays unreachable
        np.add(total[i - 1, :-2], cost[i, 1:-1], out=best[1:])
        np.minimum(best, total[i - 1, :-1], out=best)
        if i >= 2:
            np.minimum(best, total[i - 2, :-1] + cost[i - 1, 1:], out=best)
        best += cost[i, 1:]
    # Back from the best end (…and the match may end anywhere), each step retraced by
    # finding which of the three moves gave the cell its total.
    matched = np.zeros(rows, np.int64)
    i, j = rows - 1, int(np.argmin(total[-1]))
    matched[i] = j
    while i > 0:
        here = total[i, j] - cost[i, j]
        moves = [total[i - 1, j - 1] if j >= 1 else np.inf,
                 total[i - 1, j - 2] + cost[i, j - 1] if j >= 2 else np.inf,
                 total[i - 2, j - 1] + cost[i - 1, j] if i >= 2 and j >= 1 else np.inf]
        move = int(np.argmin(np.abs(np.array(moves) - here)))
        if move == 2:
            matched[i - 1] = j
            i -= 1
        i, j = i - 1, j - (2 if move == 1 else 1)
        matched[i] = j
    return matched


def boundaries(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               estimates_ms: list[float]) -> list[float] | None:
    """Where each pair of texts (the end of one group, the start of the next) meets in
    the reading, in ms, searched around `estimates_ms`; None without espeak-ng.

    Each text is said and described once; the reading is described once over each
    stretch where search windows overlap.
    """
    texts = sorted({text for pair in pairs for text in pair})
    said = synth.said(texts, SYNTHETIC_VOICE, WORDS_PER_MINUTE)
    if said is None:
        return None
    model = {text: cepstra(s, io.SAMPLE_RATE) for text, s in zip(texts, said)}
    windows = [(max(0, round((e - SEARCH_MS) * rate / 1000)),
                min(len(samples), round((e + SEARCH_MS) * rate / 1000))) for e in estimates_ms]
    reading = _described(samples, rate, windows)
    found = []
    for (before, after), estimate, (low, high) in zip(pairs, estimates_ms, windows):
        head, tail = model[before], model[after]
        reach = max(1, round(REACH_MS * io.SAMPLE_RATE / 1000 / head.hop))
        query = np.concatenate((head.values[-reach:], tail.values[:reach]))
        # The synthetic boundary: between the last frame of one text and the first of the
        # next (their own silences are cut, so they meet there).
        joint = min(reach, len(head.values))
        start, part = next((a, c) for a, b, c in reading if a <= low and high <= b)
        first, last = part.frame_at(low - start), part.frame_at(high - start)
        reference = part.values[max(first, 0):max(last, 0)]
        if len(query) < 2 or len(reference) < 2:
            found.append(estimate)
            continue
        frame = max(first, 0) + int(matched_frames(query, reference)[min(joint, len(query) - 1)])
        # Row `joint` is the first frame of the second text: its window starts there.
        found.append((start + part.centre(frame) - part.width / 2) * 1000 / rate)
    return found


def _described(samples: np.ndarray, rate: int,
               windows: list[tuple[int, int]]) -> list[tuple[int, int, Cepstra]]:
    """Cepstra of the reading over each union of overlapping `windows` (samples):
    (first sample, end sample, cepstra)."""
    merged: list[list[int]] = []
    for low, high in sorted(windows):
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, high, cepstra(samples[low:high], rate)) for low, high in merged]
