"""Boundaries inside continuous speech, found by matching the reading with the text
said by a synthetic voice (the idea of aeneas; no trained model).

Where a reader leaves no pause between two groups, energy cannot tell a word
boundary from a stop consonant (« t », « p » are silences too), and the length of
the groups only places the boundary to within a word or two. Here the two groups
are said by espeak-ng, whose boundary is known; both signals are described by
cepstral coefficients every FRAME_MS (the spectral envelope, a voice's timbre
removed by the mean) and matched by dynamic time warping (warping.py): the frame of
the reading matched with the synthetic boundary is the boundary.

Each text is said once, all in a few espeak-ng processes (synth.saying), started
before the groups are placed when the reading has few pauses (junctions.speak_early);
only the end of the first group and the start of the second (REACH_MS each) are
matched, searched for in a window around the current estimate (SEARCH_MS on each
side): the cost stays linear in the length of the reading. The warping is not
retraced: two tables, one from each end of the query, meet at the rows of the
synthetic boundary (warping.matched_in_batch). The same tables say how well the reading
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
from dictee.audio import synth, voice, warping

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
        bands = warping.small_products(power, bank)
        bands += 1e-10
        values[begin:begin + len(part)] = scipy.fft.dct(np.log(bands, out=bands), type=2,
                                                        norm="ortho", axis=1)[:, 1:CEPSTRA + 1]

    # Batches are independent: described side by side, a thread per core.
    cores.each(describe, range(0, len(values), FRAMES_PER_BATCH))
    bounds = np.cumsum([0, *counts])
    return [Cepstra(values[low:high], hop * step, width * step)
            for low, high in zip(bounds, bounds[1:])]


FRAMES_PER_BATCH = 4096
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


@dataclass(frozen=True)
class Speaking:
    """espeak-ng saying `texts` (sorted, each once), started ahead: `said` waits for it
    and returns what synth.said returns; `model`, the cepstra of every text said
    (pieces_cepstra, in the order of `texts`), None without espeak-ng; `ahead` starts
    describing them in a thread of its own, for `model` to find them done."""

    texts: list[str]
    voice: str  # espeak-ng's (pitch.synthetic_voice)
    said: Callable[[], synth.Said | None]
    ahead: Callable[[], None]
    model: Callable[[], list[Cepstra] | None]


@contextlib.contextmanager
def speaking(texts: Iterable[str], said_in: str) -> Iterator[Speaking]:
    """The texts said in espeak-ng's voice `said_in` (pitch.synthetic_voice), started on
    entering (synth.saying).

    In a reading with few pauses, coarse.py starts describing every text (`ahead`)
    once it has described them its own way: the texts are then described while it
    warps and the groups are placed, on one core, the other idle (~0.1 s of processor
    for 10 minutes). Not sooner: the threads of cores.each would do that work before
    coarse.py's own."""
    distinct = sorted(set(texts))
    with synth.saying(distinct, said_in, WORDS_PER_MINUTE) as said, \
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

        yield Speaking(distinct, said_in, said, ahead, model)


def boundaries(samples: np.ndarray, rate: int, pairs: list[tuple[str, str]],
               estimates_ms: list[float], early: Speaking | None = None, *,
               said_in: str) -> list[tuple[float, float]] | None:
    """Where each pair of texts (the end of one group, the start of the next) meets in
    the reading, searched around `estimates_ms`: where the first text ends and where the
    second starts, in ms (found apart, the first may come after the second); None
    without espeak-ng.

    The texts are said once in the voice `said_in` (speaking; `early` when started
    ahead, if it says them all in that voice)
    and described in one piece; the reading is described once over each stretch where
    search windows overlap, while espeak-ng speaks; all the pairs are then matched
    together.
    """
    windows = [(e - SEARCH_MS, e + SEARCH_MS) for e in estimates_ms]
    junctions = _junctions(samples, rate, pairs, windows, early, said_in)
    if junctions is None:
        return None
    found = [(e, e) for e in estimates_ms]
    # Only the rows on both sides of the synthetic boundary are looked at.
    for matched, junction in zip(
            warping.matched_rows([j.query for j in junctions], [j.reference for j in junctions],
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
          pauses_ms: list[list[tuple[float, float]]], early: Speaking | None = None, *,
          said_in: str) -> list[np.ndarray] | None:
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
    junctions = _junctions(samples, rate, pairs, windows, early, said_in)
    if junctions is None:
        return None
    found = [np.full(len(options), np.inf) for options in pauses_ms]
    for through, junction in zip(
            warping.through_cells([j.query for j in junctions], [j.reference for j in junctions],
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
               early: Speaking | None, said_in: str) -> list[_Junction] | None:
    """Each pair of texts said in the voice `said_in` (speaking; `early` when started
    ahead, if it says them all in it) and described, with the reading described over
    its window (ms) while espeak-ng speaks; None without espeak-ng. A pair with too
    little of either is left out."""
    texts = sorted({text for pair in pairs for text in pair})
    windows = [(max(0, round(low * rate / 1000)), min(len(samples), round(high * rate / 1000)))
               for low, high in windows_ms]
    with contextlib.ExitStack() as stack:
        if early is None or early.voice != said_in or not set(texts) <= set(early.texts):
            early = stack.enter_context(speaking(texts, said_in))
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
        junctions.append(_Junction(number, warping.normalised(query), warping.normalised(reference),
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
