"""Where the groups of a reading with few pauses lie, from the whole text said by a
synthetic voice: the idea of aeneas (a coarse dynamic time warping of the reading
against the text said by espeak-ng, no trained model).

Read without pauses at a pace that changes from one sentence to the next, the breath
between two sentences (120 ms) is no longer than the closures inside words, and the
lengths of the groups put a sentence boundary at another breath, up to 2.5 s away,
farther than refine.py searches. The whole text said by the synthetic voice
(refine.speaking, already said for refine.py) follows the reading word by word: its
cepstra, averaged over POOL_MS, are warped onto the reading's from one end to the
other, within BAND_S of where the reading's speech reaches the same share of the
text, and each group boundary of the synthetic reading gives a time in the reading.
On the test readings (tests/audio/readings.py, read at 0.85× to 1.2× with no pause),
every boundary comes within 80 ms of its place (median 10-20 ms).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dictee.audio import refine

FRAME_MS, WINDOW_MS = 40, 40  # cepstra, coarser than refine.py's
POOL_MS = 80  # cepstra averaged over this: the warping's step
BAND_S = 5.0  # the warping stays within this of the reading's share of speech


def _pooled(values: np.ndarray, pool: int) -> np.ndarray:
    """Rows averaged `pool` by `pool`, minus their mean, as unit vectors."""
    count = len(values) // pool
    x = values[:count * pool].reshape(count, pool, -1).mean(axis=1)
    x -= x.mean(axis=0)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    return x


def boundaries_ms(samples: np.ndarray, rate: int, texts: list[str],
                  early: refine.Speaking, mask: np.ndarray, hop_ms: float,
                  first: int, last: int) -> np.ndarray | None:
    """Where each boundary between the groups `texts` is in the reading (ms), from the
    texts said ahead by espeak-ng (`early`, refine.speaking); the reading's speech
    frames `mask` (one every `hop_ms`), from frame `first` to `last`, centre the
    warping's band. None without espeak-ng, or when the reading is too short."""
    place = {text: number for number, text in enumerate(early.texts)}
    if len(texts) < 2 or any(text not in place for text in texts):
        return None
    # The reading described first, while espeak-ng speaks.
    start, end = int(first * hop_ms * rate / 1000), int(last * hop_ms * rate / 1000)
    reading = refine.pieces_cepstra(samples, rate, [(start, end)], frame_ms=FRAME_MS,
                                    window_ms=WINDOW_MS)[0]
    said = early.said()
    if said is None:
        return None
    distinct = sorted(set(texts))  # a text read twice is described once
    described = dict(zip(distinct, refine.pieces_cepstra(
        said.samples, said.rate, [said.spans[place[text]] for text in distinct],
        frame_ms=FRAME_MS, window_ms=WINDOW_MS)))
    early.ahead()  # refine.py's own description of the texts, while this one warps
    parts = [described[text] for text in texts]
    pool = max(1, round(POOL_MS / FRAME_MS))
    lengths = np.array([len(p.values) // pool for p in parts])
    if (lengths == 0).any():
        return None
    query = _pooled(np.concatenate([p.values[:n * pool] for p, n in zip(parts, lengths)]),
                    pool)
    reference = _pooled(reading.values, pool)
    if len(reference) < 2 or len(query) < 2:
        return None
    # Band centre: where the reading's speech reaches the synthetic frame's share.
    spoken = np.cumsum(mask[first:last])
    shares = (np.arange(len(query)) + 0.5) / len(query) * max(int(spoken[-1]), 1)
    frame_ms = reading.hop * pool * 1000 / rate
    centre = np.searchsorted(spoken, shares) * hop_ms / frame_ms
    path = _warped(query, reference, centre, max(2, round(BAND_S * 1000 / frame_ms)))
    if path is None:
        return None
    joints = np.cumsum(lengths)[:-1]  # first synthetic frame of each group but the first
    return start * 1000 / rate + path[joints] * frame_ms


def _warped(query: np.ndarray, reference: np.ndarray, centre: np.ndarray,
            half: int) -> np.ndarray | None:
    """For each row of `query`, the row of `reference` matched with it by dynamic time
    warping from first rows to last rows, steps (1, 1), (1, 2) and (2, 1) (the cells
    passed over counted), within `half` rows of `centre` (one per query row).

    The table is kept as a band per query row (its first reference row in `offsets`),
    between PAD lanes of ∞ on the left and `width` on the right: what a row reads of
    the two rows before it is a slice of them, and a row costs five numpy steps
    (~6 µs: the ~7,800 rows of a 10-minute reading take ~50 ms). The steps taken are
    found afterwards, for the whole table at once. None when no warping stays in the
    band.
    """
    rows, cols = len(query), len(reference)
    width = min(2 * half + 1, cols)
    offsets = np.clip(np.rint(centre).astype(np.int64) - half, 0, cols - width)
    offsets[0], offsets[-1] = 0, cols - width  # both ends are matched
    offsets = np.maximum.accumulate(offsets)
    band = slice(PAD, PAD + width)
    cost = np.full((rows, PAD + 2 * width), np.inf, np.float32)
    for row in range(rows):
        cost[row, band] = 1 - reference[offsets[row]:offsets[row] + width] @ query[row]
    total = np.full_like(cost, np.inf)
    total[0, PAD] = cost[0, PAD]
    # Where lane 0 of a row finds, in the padded row before it (two before it), the
    # column `by` to the left of its own: past the band, only ∞.
    shifts = np.diff(offsets, prepend=0)
    skips = np.concatenate(([0, 0], offsets[2:] - offsets[:-2]))

    def lanes(shift: np.ndarray, by: int) -> list[int]:
        return np.minimum(PAD + shift - by, PAD + width).tolist()

    one, two, same, twice = lanes(shifts, 1), lanes(shifts, 2), lanes(shifts, 0), \
        lanes(skips, 1)
    left = slice(PAD - 1, PAD - 1 + width)  # the cell left of each lane
    scratch = np.empty(width, np.float32)
    for row in range(1, rows):
        # The least of the three steps' sums, then the cell's own cost: rounding is
        # monotonic, so this equals the least of the three sums each with the cost.
        best, before = total[row, band], total[row - 1]
        np.add(before[two[row]:two[row] + width], cost[row, left], out=scratch)
        np.minimum(before[one[row]:one[row] + width], scratch, out=best)
        if row >= 2:
            np.add(total[row - 2, twice[row]:twice[row] + width],
                   cost[row - 1, same[row]:same[row] + width], out=scratch)
            np.minimum(best, scratch, out=best)
        best += cost[row, band]
    if not np.isfinite(total[-1, PAD + width - 1]):
        return None
    step = _steps(total, cost, width, [one, two, same, twice])
    path = np.zeros(rows, np.int64)
    row, col = rows - 1, cols - 1
    while row > 0:
        path[row] = col
        lane = col - offsets[row]
        kind = step[row, lane] if 0 <= lane < width else 0
        if kind == 0:
            row, col = row - 1, col - 1
        elif kind == 1:
            row, col = row - 1, col - 2
        else:
            path[row - 1] = col
            row, col = row - 2, col - 1
    path[0] = max(col, 0)
    return path


PAD = 2  # lanes of ∞ left of each row's band: a (1, 2) step reads two columns back


def _steps(total: np.ndarray, cost: np.ndarray, width: int,
           starts: list[list[int]]) -> np.ndarray:
    """The step that reaches each cell of the band (rows × `width`) at its least cost:
    0 for (1, 1), 1 for (1, 2), 2 for (2, 1); on a tie, the first of them. `starts`:
    for each row, where its lane 0 reads the row before it for (1, 1) and (1, 2), the
    cost of the row before it and the row two before it (_warped)."""
    one, two, same, twice = (np.array(s[1:]) for s in starts)
    below = np.arange(len(total) - 1)  # the row before each row but the first
    # Each row's lanes read as one slice of a padded row: windows of the padded rows.
    totals = sliding_window_view(total, width, axis=1)
    here = cost[1:, PAD:PAD + width]
    straight = totals[below, one] + here
    wide = (totals[below, two] + cost[1:, PAD - 1:PAD - 1 + width]) + here
    tall = (totals[np.maximum(below - 1, 0), twice]
            + sliding_window_view(cost, width, axis=1)[below, same]) + here
    tall[0] = np.inf  # the first row has no row two before it
    step = np.zeros(total.shape[0:1] + (width,), np.int8)
    step[1:][wide < straight] = 1
    step[1:][tall < np.minimum(straight, wide)] = 2
    return step


# A sentence boundary placed by the lengths of the groups farther than this from where
# the warping puts it is moved to the best candidate within this of that place.
ANCHOR_MS = 300


def anchored(middles_ms: np.ndarray, rewards: np.ndarray, chosen: list[int],
             anchors_ms: np.ndarray) -> list[int]:
    """The candidates `chosen` (indices, in order), each farther than ANCHOR_MS from its
    anchor (`anchors_ms`, NaN: none) moved to the candidate with the best reward (a
    pause rather than a dip: `rewards`) among those within ANCHOR_MS of it
    (`middles_ms`: the middle of each candidate); `chosen` itself when that would
    break their order."""
    out = list(chosen)
    for k, at in enumerate(anchors_ms):
        if np.isnan(at) or abs(middles_ms[out[k]] - at) <= ANCHOR_MS:
            continue
        near = np.flatnonzero(np.abs(middles_ms - at) <= ANCHOR_MS)
        if len(near):
            out[k] = int(near[np.argmax(rewards[near])])
    return out if all(a < b for a, b in zip(out, out[1:])) else list(chosen)
