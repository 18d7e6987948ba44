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

from dictee.audio import refine, warping

FRAME_MS, WINDOW_MS = 40, 40  # cepstra, coarser than refine.py's
POOL_MS = 80  # cepstra averaged over this: the warping's step
BAND_S = 5.0  # the warping stays within this of the reading's share of speech


def _pooled(values: np.ndarray, pool: int) -> np.ndarray:
    """Rows averaged `pool` by `pool`, minus their mean, as unit vectors."""
    count = len(values) // pool
    return warping.normalised(values[:count * pool].reshape(count, pool, -1).mean(axis=1))


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
    path = warping.banded(query, reference, centre, max(2, round(BAND_S * 1000 / frame_ms)))
    if path is None:
        return None
    joints = np.cumsum(lengths)[:-1]  # first synthetic frame of each group but the first
    return start * 1000 / rate + path[joints] * frame_ms


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
