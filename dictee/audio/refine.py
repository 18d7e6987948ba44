"""Boundaries inside continuous speech, found by matching the reading with the text
said by a synthetic voice (the idea of aeneas; no trained model).

Where a reader leaves no pause between two groups, energy cannot tell a word
boundary from a stop consonant (« t », « p » are silences too), and the length of
the groups only places the boundary to within a word or two. Here the two groups
are said by espeak-ng, whose boundary is known; both signals are described by
cepstral coefficients every FRAME_MS (the spectral envelope, a voice's timbre
removed by the mean) and matched by dynamic time warping: the frame of the
reading matched with the synthetic boundary is the boundary.

Each text is said once, all in a few espeak-ng processes (synth.saying), started
before the groups are placed when the reading has few pauses (align._speak_early);
only the end of the first group and the start of the second (REACH_MS each) are
matched, searched for in a window around the current estimate (SEARCH_MS on each
side): the cost stays linear in the length of the reading. The warping is not
retraced: two tables, one from each end of the query, meet at the rows of the
synthetic boundary (matched_in_batch). The same tables say how well the reading
matches when the synthetic boundary is put in each of a few pauses (costs): which of
two pauses is the one between the groups. Without espeak-ng, the boundaries stay
where the energy put them.

Where the time goes (10.6 minutes read without pauses, 340 boundaries, 191 texts):
espeak-ng ~0.5 s of processor in its own processes, mostly synthesis (its cost follows
the duration it says: half at 300 words a minute); cepstra of the texts said ~0.09 s
(in a thread of their own while coarse.py warps and the groups are placed: speaking),
of the reading's windows ~0.14 s; the warping tables ~0.2 s (340 × 240 × 320 cells).
Narrower windows, a shorter reach, a coarse warping refined at full rate or a faster
synthetic voice all cost accuracy on the benchmark's readings (benchmarks/audio.py):
the estimates are off by up to 1.2 s in noise, and with less than REACH_MS on each
side a query slides by a word more often.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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


def pieces_cepstra(samples: np.ndarray, rate: int, spans: list[tuple[int, int]], *,
                   frame_ms: int = FRAME_MS, window_ms: int = WINDOW_MS) -> list[Cepstra]:
    """Mel cepstra of each piece `samples[start:end]` of `spans` (mono int16), one frame
    every ~`frame_ms` over `window_ms`, framed from the piece's own start; all computed
    together, by batches of frames. Only the pieces are decimated (the silences between
    the texts said by espeak-ng, the reading outside the search windows are not)."""
    step = max(1, rate // ANALYSIS_HZ)
    low_rate = rate / step
    hop, width = int(low_rate * frame_ms / 1000), int(low_rate * window_ms / 1000)
    parts = [voice.decimate(samples[start:end], step) for start, end in spans]
    x = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    counts = [max((len(part) - width) // hop + 1, 0) for part in parts]
    offsets = np.cumsum([0, *(len(part) for part in parts)])
    starts = np.concatenate([offset + hop * np.arange(count, dtype=np.int64)
                             for offset, count in zip(offsets, counts)]
                            or [np.zeros(0, np.int64)])
    size = scipy.fft.next_fast_len(width, real=True)
    window = np.hamming(width).astype(np.float32)
    bank = _mel_bank(size, round(low_rate)).T
    values = np.empty((sum(counts), CEPSTRA), np.float32)
    windows = sliding_window_view(x, width) if len(x) >= width else np.zeros((0, width))

    def describe(begin: int) -> None:
        """Fill the cepstra of one batch of FRAMES_PER_BATCH frames."""
        part = windows[starts[begin:begin + FRAMES_PER_BATCH]]  # a copy: windowed in place
        part *= window
        spectrum = scipy.fft.rfft(part, n=size, axis=1)  # zero-padded by the FFT
        parts = spectrum.view(np.float32)  # real and imaginary parts, side by side
        power = parts[:, 0::2] ** 2
        power += parts[:, 1::2] ** 2
        bands = small_products(power, bank)
        bands += 1e-10
        values[begin:begin + len(part)] = scipy.fft.dct(np.log(bands, out=bands), type=2,
                                                        norm="ortho", axis=1)[:, 1:CEPSTRA + 1]

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
    centred = values - np.add.reduce(values, axis=0) / len(values)  # as values.mean(0)
    # np.linalg.norm(centred, axis=1), without its checks: 680 pieces for 10 minutes.
    centred /= np.sqrt(np.add.reduce(centred * centred, axis=1, keepdims=True)) + 1e-9
    return centred


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
                     rows: list[tuple[int, int]] | None = None) -> list[np.ndarray]:
    """matched_frames for each pair (query, reference), computed for all pairs at once;
    with `rows`, only for the rows of each query from the first to the second
    (excluded) of its pair of row numbers.

    Steps (1, 1), (1, 2) and (2, 1), the cells they pass over counted: either signal
    may be up to twice as fast as the other. Distance: 1 − cosine of the cepstra.
    The path is not retraced: the best path through a cell costs the best warping of
    the query up to that cell (from its first row, started anywhere in the reference)
    plus the best warping from that cell to the query's last row (the same table,
    computed from the end of both signals), and a row is matched with the last cell
    of the best path in it. Only the rows asked for are reached from both ends: for
    a boundary, two rows in the middle of the query, so each table goes half way
    (retracing a path cost one numpy step per row, as much as the tables).
    """
    return _matched([_normalised(q) for q in queries], [_normalised(r) for r in references],
                    rows if rows is not None else [(0, len(q)) for q in queries])


def _matched(queries: list[np.ndarray], references: list[np.ndarray],
             wanted: list[tuple[int, int]]) -> list[np.ndarray]:
    """matched_in_batch for cepstra already normalised (_normalised), rows given."""
    matched = []
    for through in _through(queries, references, wanted):
        # On ties (float rounding apart), the last cell, where the path leaves the row.
        least = through.min(axis=1, keepdims=True)
        near = through <= least + TIE * (1 + np.abs(least))
        matched.append(through.shape[1] - 1 - np.argmax(near[:, ::-1], axis=1))
    return matched


def _through(queries: list[np.ndarray], references: list[np.ndarray],
             wanted: list[tuple[int, int]]) -> list[np.ndarray]:
    """For each pair (normalised cepstra), the cost of the best warping of the whole
    query that passes through each cell of the rows `wanted` (first, end excluded):
    an array of those rows × len(reference)."""
    lengths = [len(q) for q in queries]
    # Ahead: rows up to the last one wanted, and the one before the first (a (2, 1)
    # step passes over a row without ending in it). Behind: from the last row down to
    # the first wanted and the one after the last. Both computed together, so that the
    # threads share all their batches.
    tables = _warped(
        [*(q[:end] for q, (_, end) in zip(queries, wanted)),
         *(q[first:][::-1] for q, (first, _) in zip(queries, wanted))],
        [*references, *(r[::-1] for r in references)],
        [*(end - max(first - 1, 0) for first, end in wanted),
         *(min(end, n - 1) - first + 1 for (first, end), n in zip(wanted, lengths))],
        [False] * len(queries) + [True] * len(queries))
    ahead, behind = tables[:len(queries)], tables[len(queries):]
    found = []
    for (before, cost), (after, _), (first, end) in zip(ahead, behind, wanted):
        after = after[::-1, ::-1]  # rows `first` to `end` (the last row at most), in order
        skip = first - max(first - 1, 0)  # rows of `before` ahead of `first`
        here = slice(skip, skip + end - first)
        through = before[here] + after[:end - first] - cost[here]  # ending in the cell
        # Passed over by a (2, 1) step from the cell up and left to the cell below.
        inf = np.full((1, through.shape[1]), np.inf, np.float32)
        up = np.concatenate((inf, before))[here] if skip == 0 \
            else before[skip - 1:skip - 1 + end - first]
        down = np.concatenate((after, inf))[1:end - first + 1]
        np.minimum(through[:, 1:], up[:, :-1] + cost[here][:, 1:] + down[:, 1:],
                   out=through[:, 1:])
        found.append(through)
    return found


TIE = 1e-5  # relative difference of two path costs taken as equal (float32 rounding)


def _batches(rows: list[int], cols: list[int], kinds: list[bool]) -> list[tuple[int, int]]:
    """Consecutive tables (of `rows` × `cols` cells each) grouped by batches of at most
    BATCH_CELLS cells, counted padded to the largest of the batch, each of one kind
    only: (first, end)."""
    batches: list[tuple[int, int]] = []
    start = 0
    while start < len(rows):
        end, most_rows, most_cols = start, 0, 0
        while end < len(rows) and kinds[end] == kinds[start]:
            more_rows, more_cols = max(most_rows, rows[end]), max(most_cols, cols[end])
            if end > start and more_rows * more_cols * (end - start + 1) > BATCH_CELLS:
                break
            most_rows, most_cols, end = more_rows, more_cols, end + 1
        batches.append((start, end))
        start = end
    return batches


BATCH_CELLS = 1 << 21  # cells of a batch of distance tables (8 MB each, one batch per thread)


def _warped(queries: list[np.ndarray], references: list[np.ndarray], kept: list[int],
            backward: list[bool]) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each pair of normalised cepstra, the least cost of a warping of the query's
    rows up to each cell (the query from its first row, started anywhere in the
    reference), and the distance of each cell, for the last `kept` rows of the query:
    two arrays of `kept` × len(reference). `backward` (for each pair): both signals are
    reversed, and the steps are those of the forward warping reversed ((1, 2) passes
    over the cell right of where it starts, not left of where it ends; (2, 1) likewise
    below).

    Each row of the table only depends on the two before it, so rows are computed as
    whole arrays, for every pair of a batch together (one row of a table per pair,
    padded to the longest); batches of at most BATCH_CELLS cells keep memory bounded
    on long readings and are computed side by side, a thread per core.
    """
    batches = _batches([len(q) for q in queries], [len(r) for r in references], backward)
    return [table for batch in cores.each(
        lambda b: _warped_batch(queries[b[0]:b[1]], references[b[0]:b[1]], kept[b[0]:b[1]],
                                backward[b[0]]), batches) for table in batch]


def _warped_batch(queries: list[np.ndarray], references: list[np.ndarray],
                  kept: list[int], backward: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    """_warped for pairs whose tables fit in one batch."""
    count = len(queries)
    rows, cols = max(len(q) for q in queries), max(len(r) for r in references)
    query = np.zeros((count, rows, CEPSTRA), np.float32)
    reference = np.zeros((count, cols, CEPSTRA), np.float32)
    for n, (q, r) in enumerate(zip(queries, references)):
        query[n, :len(q)] = q
        reference[n, :len(r)] = r
    cost = small_products(query, reference.transpose(0, 2, 1))  # [pair, row, column]
    np.subtract(1, cost, out=cost)  # the distance, in place (no second table)
    # Only the last three rows of totals are kept, one row per pair in each ([row % 3,
    # pair, column]); the rows asked for are copied out as they are passed. Padding rows
    # and columns are never on a kept cell's path (a path only moves forward, and each
    # pair's kept rows and columns come before its padding).
    total = np.full((3, count, cols), np.inf, np.float32)
    total[0] = cost[:, 0]  # the match may start anywhere in the reference
    scratch = np.empty((count, cols - 1), np.float32)
    kept_rows: list[list[int]] = [[] for _ in range(rows)]
    for n, (q, keep) in enumerate(zip(queries, kept)):
        for row in range(len(q) - keep, len(q)):
            kept_rows[row].append(n)
    out = [np.empty((keep, len(r)), np.float32) for r, keep in zip(references, kept)]

    def keep_row(row: int) -> None:
        for n in kept_rows[row]:
            out[n][row - len(queries[n]) + kept[n]] = total[row % 3, n, :len(references[n])]

    keep_row(0)
    for row in range(1, rows):
        best = total[row % 3, :, 1:]  # a view: filled in place
        # Column 0 cannot be reached from another row; column 1 only by two of the steps.
        total[row % 3, :, :2] = np.inf
        before, twice = total[(row - 1) % 3], total[(row - 2) % 3]
        # The cell passed over: forward, (row, column − 1) for a (1, 2) step and
        # (row − 1, column) for (2, 1); backward, (row − 1, column − 1) for both.
        wide, tall = (cost[:, row - 1, 1:-1], cost[:, row - 1, :-1]) if backward \
            else (cost[:, row, 1:-1], cost[:, row - 1, 1:])
        np.add(before[:, :-2], wide, out=best[:, 1:])
        if row >= 2:
            np.minimum(best, np.add(twice[:, :-1], tall, out=scratch), out=best)
        np.minimum(best, before[:, :-1], out=best)
        best += cost[:, row, 1:]
        keep_row(row)
    # The distances copied: a view would keep the batch's whole table alive.
    return [(o, cost[n, len(q) - keep:len(q), :len(r)].copy())
            for n, (o, q, r, keep) in enumerate(zip(out, queries, references, kept))]


@dataclass(frozen=True)
class Speaking:
    """espeak-ng saying `texts` (sorted, each once), started ahead: `said` waits for it
    and returns what synth.said returns; `model`, the cepstra of every text said
    (pieces_cepstra, in the order of `texts`), None without espeak-ng; `ahead` starts
    describing them in a thread of its own, for `model` to find them done."""

    texts: list[str]
    said: Callable[[], synth.Said | None]
    ahead: Callable[[], None]
    model: Callable[[], list[Cepstra] | None]


@contextlib.contextmanager
def speaking(texts: Iterable[str]) -> Iterator[Speaking]:
    """The texts said in the synthetic voice, started on entering (synth.saying).

    In a reading with few pauses, coarse.py starts describing every text (`ahead`)
    once it has described them its own way: the texts are then described while it
    warps and the groups are placed, on one core, the other idle (~0.1 s of processor
    for 10 minutes). Not sooner: the threads of cores.each would do that work before
    coarse.py's own."""
    distinct = sorted(set(texts))
    with synth.saying(distinct, SYNTHETIC_VOICE, WORDS_PER_MINUTE) as said, \
            ThreadPoolExecutor(max_workers=1) as thread:
        described: list[Future[list[Cepstra]]] = []

        def ahead() -> None:
            found = said()
            if found is not None and not described:
                described.append(thread.submit(pieces_cepstra, found.samples, found.rate,
                                               found.spans))

        def model() -> list[Cepstra] | None:
            ahead()
            return described[0].result() if described else None

        yield Speaking(distinct, said, ahead, model)


def boundaries(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               estimates_ms: list[float],
               early: Speaking | None = None) -> list[tuple[float, float]] | None:
    """Where each pair of texts (the end of one group, the start of the next) meets in
    the reading, searched around `estimates_ms`: where the first text ends and where the
    second starts, in ms (found apart, the first may come after the second); None
    without espeak-ng.

    The texts are said once (speaking; `early` when started ahead, if it says them all)
    and described in one piece; the reading is described once over each stretch where
    search windows overlap, while espeak-ng speaks; all the pairs are then matched
    together.
    """
    windows = [(e - SEARCH_MS, e + SEARCH_MS) for e in estimates_ms]
    junctions = _junctions(samples, rate, pairs, windows, early)
    if junctions is None:
        return None
    found = [(e, e) for e in estimates_ms]
    # Only the rows on both sides of the synthetic boundary are looked at.
    for matched, junction in zip(
            _matched([j.query for j in junctions], [j.reference for j in junctions],
                     [j.rows for j in junctions]), junctions):
        # Row `joint` is the first frame of the second text: its window starts where the
        # second group starts; the row before is the last frame of the first text, whose
        # window ends where the first group ends.
        begins = junction.sample(int(matched[-1])) - junction.part.width / 2
        ends = junction.sample(int(matched[0])) + junction.part.width / 2 \
            if junction.joint >= 1 else begins
        found[junction.number] = (ends * 1000 / rate, begins * 1000 / rate)
    return found


# How far from a pause the synthetic boundary may be matched and still fall in it (ms):
# the edges of a pause are found to within a frame, those of a cepstral window to
# within half a window.
PAUSE_REACH_MS = 40


def costs(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
          pauses_ms: list[list[tuple[float, float]]],
          early: Speaking | None = None) -> list[np.ndarray] | None:
    """For each pair of texts and each of its possible pauses (where the first text
    would end and the second start, in ms: a pause, or a single instant), how badly the
    reading matches the two texts said by the synthetic voice when they meet in that
    pause: the cost of the best warping (as in `boundaries`) whose synthetic boundary
    falls in it; ∞ when it cannot. None without espeak-ng.

    A group placed by the lengths of the texts may end at a pause inside a word (the
    closure of « p » and « t » in « septembre »): the synthetic reading says which of
    two pauses is the one between the groups. Only a choice among pauses found in the
    reading: where the warping alone would put the boundary can be off by a word.
    """
    windows = [(min(e for e, _ in options) - SEARCH_MS, max(s for _, s in options) + SEARCH_MS)
               for options in pauses_ms]
    junctions = _junctions(samples, rate, pairs, windows, early)
    if junctions is None:
        return None
    found = [np.full(len(options), np.inf) for options in pauses_ms]
    for through, junction in zip(
            _through([j.query for j in junctions], [j.reference for j in junctions],
                     [j.rows for j in junctions]), junctions):
        width, reach = junction.part.width / 2, PAUSE_REACH_MS * rate / 1000
        for option, (end, start) in enumerate(pauses_ms[junction.number]):
            low, high = end * rate / 1000 - reach, start * rate / 1000 + reach
            for row, cells in zip(range(*junction.rows), through):
                # The last frame of the first text ends in the pause; the first frame of
                # the second starts in it.
                edge = width if row < junction.joint else -width
                first = max(junction.column(low - edge), 0)
                last = min(junction.column(high - edge) + 1, len(cells))
                if first < last:
                    found[junction.number][option] = min(found[junction.number][option],
                                                         float(cells[first:last].min()))
    return found


@dataclass(frozen=True)
class _Junction:
    """One pair of texts ready to be matched: the end of the first and the start of the
    second said by the synthetic voice (`query`, normalised cepstra, the second's first
    frame at row `joint`), and the reading searched (`reference`, frames of `part`
    from `offset` on, `part` starting at sample `start`)."""

    number: int  # the pair's place in the list asked for
    query: np.ndarray
    reference: np.ndarray
    joint: int
    offset: int
    start: int
    part: Cepstra

    @property
    def rows(self) -> tuple[int, int]:
        """The rows on both sides of the synthetic boundary (first, end excluded)."""
        return max(self.joint - 1, 0), self.joint + 1

    def sample(self, column: int) -> float:
        """Sample of the reading at the centre of the reference's `column`."""
        return self.start + self.part.centre(self.offset + column)

    def column(self, sample: float) -> int:
        """The reference's column centred nearest `sample` of the reading."""
        return self.part.frame_at(sample - self.start) - self.offset


def _junctions(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               windows_ms: list[tuple[float, float]],
               early: Speaking | None) -> list[_Junction] | None:
    """Each pair of texts said (speaking; `early` when started ahead, if it says them
    all) and described, with the reading described over its window (ms) while
    espeak-ng speaks; None without espeak-ng. A pair with too little of either is left
    out."""
    texts = sorted({text for pair in pairs for text in pair})
    windows = [(max(0, round(low * rate / 1000)), min(len(samples), round(high * rate / 1000)))
               for low, high in windows_ms]
    with contextlib.ExitStack() as stack:
        if early is None or not set(texts) <= set(early.texts):
            early = stack.enter_context(speaking(texts))
        reading = _described(samples, rate, windows)  # while espeak-ng speaks
        said, described = early.said(), early.model()
    if said is None or described is None:
        return None
    model = dict(zip(early.texts, described))
    hop = model[texts[0]].hop
    reach = max(1, round(REACH_MS * said.rate / 1000 / hop))
    junctions = []
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
        junctions.append(_Junction(number, _normalised(query), _normalised(reference),
                                   min(joint, len(query) - 1), max(first, 0), start, part))
    return junctions


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
    spans = [(low, high) for low, high in merged]
    return [(low, high, described)
            for (low, high), described in zip(spans, pieces_cepstra(samples, rate, spans))]
