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

from dictee import cores
from dictee.audio import synth, voice

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
    """Mel cepstra of mono int16 `samples`, one frame every ~FRAME_MS over WINDOW_MS;
    computed by batches of frames, so memory stays bounded on long readings."""
    return pieces_cepstra(samples, rate, [(0, len(samples))])[0]


def pieces_cepstra(samples: np.ndarray, rate: int,
                   spans: list[tuple[int, int]]) -> list[Cepstra]:
    """cepstra() of each piece `samples[start:end]` of `spans`, framed from its own
    start, all computed together."""
    step = max(1, rate // ANALYSIS_HZ)
    low_rate = rate / step
    x = voice.decimate(samples, step)
    hop, width = int(low_rate * FRAME_MS / 1000), int(low_rate * WINDOW_MS / 1000)
    counts = [max((end // step - start // step - width) // hop + 1, 0) for start, end in spans]
    starts = np.concatenate([start // step + hop * np.arange(count, dtype=np.int64)
                             for (start, _), count in zip(spans, counts)]
                            or [np.zeros(0, np.int64)])
    size = scipy.fft.next_fast_len(width, real=True)
    window = np.hamming(width).astype(np.float32)
    bank = _mel_bank(size, round(low_rate)).T
    values = np.empty((sum(counts), CEPSTRA), np.float32)
    windows = sliding_window_view(x, width) if len(x) >= width else np.zeros((0, width))

    def describe(begin: int) -> None:
        """Fill the cepstra of one batch of FRAMES_PER_BATCH frames."""
        part = windows[starts[begin:begin + FRAMES_PER_BATCH]]
        block = np.zeros((len(part), size), np.float32)  # zero-padded
        np.multiply(part, window, out=block[:, :width])
        spectrum = scipy.fft.rfft(block, axis=1)
        power = spectrum.real ** 2 + spectrum.imag ** 2
        bands = np.log(small_products(power, bank) + 1e-10)
        values[begin:begin + len(part)] = scipy.fft.dct(bands, type=2, norm="ortho",
                                                        axis=1)[:, 1:CEPSTRA + 1]

    # Batches are independent: described side by side, a thread per core.
    cores.each(describe, range(0, len(values), FRAMES_PER_BATCH))
    bounds = np.cumsum([0, *counts])
    return [Cepstra(values[low:high], hop * step, width * step)
            for low, high in zip(bounds, bounds[1:])]


FRAMES_PER_BATCH = 4096
# OpenBLAS multiplies matrices on one thread below 262,144 multiplications (65,536 ×
# GEMM_MULTITHREAD_THRESHOLD in its interface/gemm.c); above, its threads cost far more
# than the product on a busy machine (half a second instead of 3 ms, when other
# programs run on the other cores).
BLAS_CELLS = 200_000


def small_products(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """`left @ right` (stacks of matrices, float32), computed as products of at most
    BLAS_CELLS multiplications: rows of `left` go by small groups."""
    rows, inner, cols = left.shape[-2], left.shape[-1], right.shape[-1]
    chunk = max(1, BLAS_CELLS // max(inner * cols, 1))
    padded = -(-rows // chunk) * chunk
    if padded != rows:
        extra = np.zeros((*left.shape[:-2], padded - rows, inner), left.dtype)
        left = np.concatenate((left, extra), axis=-2)
    grouped = left.reshape(*left.shape[:-2], padded // chunk, chunk, inner)
    product = np.matmul(grouped, right[..., None, :, :])
    return product.reshape(*left.shape[:-2], padded, cols)[..., :rows, :]


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
    warping, `query` being matched as a whole with any stretch of `reference`."""
    return matched_in_batch([query], [reference])[0]


def matched_in_batch(queries: list[np.ndarray], references: list[np.ndarray],
                     down_to: list[int] | None = None) -> list[np.ndarray]:
    """matched_frames for each pair (query, reference), computed for all pairs at once;
    with `down_to`, only the rows of each query from that one on are matched (the path
    is retraced from the end only that far), the rows before it are left at 0.

    Steps (1, 1), (1, 2) and (2, 1): either signal may be up to twice as fast as the
    other, and each row of the table only depends on the two before it, so rows are
    computed as whole arrays, for every pair together (one row of a table per pair,
    padded to the longest). Distance: 1 − cosine of the cepstra. The pairs go by
    batches of at most BATCH_CELLS cells (one per thread at a time), so memory stays
    bounded on long readings.
    """
    batches: list[tuple[int, int, int, int]] = []  # first pair, end, rows, columns
    start = 0
    while start < len(queries):
        end, rows, cols = start, 0, 0
        while end < len(queries):
            more_rows, more_cols = max(rows, len(queries[end])), max(cols, len(references[end]))
            if end > start and more_rows * more_cols * (end - start + 1) > BATCH_CELLS:
                break
            rows, cols, end = more_rows, more_cols, end + 1
        batches.append((start, end, rows, cols))
        start = end
    stops = [0] * len(queries) if down_to is None else down_to
    # Batches are independent: warped side by side, a thread per core.
    return [matched for batch in cores.each(
        lambda b: _warped(queries[b[0]:b[1]], references[b[0]:b[1]], b[2], b[3],
                          stops[b[0]:b[1]]), batches)
        for matched in batch]


BATCH_CELLS = 1 << 21  # cells of a batch of warping tables (8 MB each, one batch per thread)


def _warped(queries: list[np.ndarray], references: list[np.ndarray], rows: int,
            cols: int, stops: list[int]) -> list[np.ndarray]:
    """matched_in_batch for pairs whose tables fit in `rows` × `cols`, each path
    retraced down to its row in `stops`."""
    count = len(queries)
    query = np.zeros((count, rows, CEPSTRA), np.float32)
    reference = np.zeros((count, cols, CEPSTRA), np.float32)
    for n, (q, r) in enumerate(zip(queries, references)):
        query[n, :len(q)] = _normalised(q)
        reference[n, :len(r)] = _normalised(r)
    cost = 1 - small_products(query, reference.transpose(0, 2, 1))  # [pair, row, column]
    # The totals are laid out row by row ([row, pair, column]): each step writes one
    # contiguous block. Padding rows and columns are never on a kept path (a path only
    # moves forward, and each pair's path starts in its own last row and columns).
    total = np.full((rows, count, cols), np.inf, np.float32)
    total[0] = cost[:, 0]  # the match may start anywhere in the reference
    for row in range(1, rows):
        best = total[row, :, 1:]  # a view: filled in place, column 0 stays unreachable
        np.add(total[row - 1, :, :-2], cost[:, row, 1:-1], out=best[:, 1:])
        np.minimum(best, total[row - 1, :, :-1], out=best)
        if row >= 2:
            np.minimum(best, total[row - 2, :, :-1] + cost[:, row - 1, 1:], out=best)
        best += cost[:, row, 1:]
    # Back from the best end of each pair (…and the match may end anywhere), each step
    # retraced by finding which of the three moves gave the cell its total.
    pairs = np.arange(count)
    i = np.array([len(q) - 1 for q in queries])
    widths = np.array([len(r) for r in references])
    last = total[i, pairs]
    last[np.arange(cols)[None, :] >= widths[:, None]] = np.inf
    j = np.argmin(last, axis=1)
    matched = np.zeros((count, rows), np.int64)
    matched[pairs, i] = j
    inf = np.float32(np.inf)
    stop = np.array(stops, np.int64)
    while True:
        on = np.flatnonzero(i > stop)
        if not len(on):
            break
        k, a, b = pairs[on], i[on], j[on]
        here = total[a, k, b] - cost[k, a, b]
        back1, back2 = np.maximum(a - 1, 0), np.maximum(a - 2, 0)
        left1, left2 = np.maximum(b - 1, 0), np.maximum(b - 2, 0)
        moves = np.stack((
            np.where(b >= 1, total[back1, k, left1], inf),
            np.where(b >= 2, total[back1, k, left2] + cost[k, a, left1], inf),
            np.where((a >= 2) & (b >= 1), total[back2, k, left1] + cost[k, back1, b], inf)))
        move = np.argmin(np.abs(moves - here), axis=0)
        tall = move == 2
        matched[k[tall], a[tall] - 1] = b[tall]
        a = a - 1 - tall
        b = b - np.where(move == 1, 2, 1)
        matched[k, a] = b
        i[on], j[on] = a, b
    return [matched[n, :len(q)] for n, q in enumerate(queries)]


def boundaries(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               estimates_ms: list[float]) -> list[tuple[float, float]] | None:
    """Where each pair of texts (the end of one group, the start of the next) meets in
    the reading, searched around `estimates_ms`: where the first text ends and where the
    second starts, in ms (found apart, the first may come after the second); None
    without espeak-ng.

    The texts are said once (synth.saying) and described in one piece; the reading is
    described once over each stretch where search windows overlap, while espeak-ng
    speaks; all the pairs are then matched together.
    """
    texts = sorted({text for pair in pairs for text in pair})
    windows = [(max(0, round((e - SEARCH_MS) * rate / 1000)),
                min(len(samples), round((e + SEARCH_MS) * rate / 1000))) for e in estimates_ms]
    with synth.saying(texts, SYNTHETIC_VOICE, WORDS_PER_MINUTE) as said_by_then:
        reading = _described(samples, rate, windows)  # while espeak-ng speaks
        said = said_by_then()
    if said is None:
        return None
    model = dict(zip(texts, pieces_cepstra(said.samples, said.rate, said.spans)))
    hop = model[texts[0]].hop
    reach = max(1, round(REACH_MS * said.rate / 1000 / hop))
    found = [(e, e) for e in estimates_ms]
    queries, references, places = [], [], []
    for number, ((before, after), (low, high)) in enumerate(zip(pairs, windows)):
        head, tail = model[before].values, model[after].values
        query = np.concatenate((head[-reach:], tail[:reach]))
        # The synthetic boundary: between the last frame of one text and the first of the
        # next (their own silences are cut, so they meet there).
        joint = min(reach, len(head))
        start, part = next((a, c) for a, b, c in reading if a <= low and high <= b)
        first, last = part.frame_at(low - start), part.frame_at(high - start)
        reference = part.values[max(first, 0):max(last, 0)]
        if len(query) < 2 or len(reference) < 2:
            continue
        queries.append(query)
        references.append(reference)
        places.append((number, min(joint, len(query) - 1), max(first, 0), start, part))
    # Only the rows around the synthetic boundary are looked at: the path is retraced
    # from the end down to them, not back to the first row (half the retracing).
    for matched, (number, joint, offset, start, part) in zip(
            matched_in_batch(queries, references, [max(joint - 1, 0) for _, joint, *_ in places]),
            places):
        # Row `joint` is the first frame of the second text: its window starts where the
        # second group starts; the row before is the last frame of the first text, whose
        # window ends where the first group ends.
        begins = start + part.centre(offset + int(matched[joint])) - part.width / 2
        ends = start + part.centre(offset + int(matched[joint - 1])) + part.width / 2 \
            if joint >= 1 else begins
        found[number] = (ends * 1000 / rate, begins * 1000 / rate)
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
