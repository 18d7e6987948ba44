"""Where the groups fall by their lengths: the candidate boundaries (pauses and dips,
segment.py) that cut a reading's speech into pieces whose amounts of speech best match
their shares of the text (spoken.py), by dynamic programming, sentences first and then
the pieces inside each sentence; and the boundaries whose rivals nearly tie with them.

Lengths are in frames of speech (segment.HOP_MS each); costs have no unit: a group's
length r times what it should be costs LENGTH_WEIGHT·ln(r)², and a 500 ms pause
rewards about PAUSE_REWARD. align.py places the groups with these, then moves the
edges to where the voice starts and stops.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import as_strided

from dictee.audio import coarse, segment
from dictee.errors import AudioError

# Cost of a group whose speech is r times its expected length: LENGTH_WEIGHT·ln(r)².
LENGTH_WEIGHT = 8.0
# Reward of a candidate boundary: its depth (dB below the syllables around it) and,
# for a pause, its length: DEPTH_REWARD·min(dB, 30)/30 + PAUSE_REWARD·(1 − e^(−ms/500)).
DEPTH_REWARD, FULL_DEPTH_DB = 0.1, 30.0
PAUSE_REWARD, PAUSE_SCALE_MS = 1.0, 500.0
# After a full stop a reader nearly always pauses; inside a sentence less often.
PUNCTUATION_WEIGHT = {".": 1.6, "!": 1.6, "?": 1.6, "…": 1.6, ",": 1.2, ";": 1.2, ":": 1.2}
NO_PUNCTUATION_WEIGHT = 0.8
SENTENCE_END = frozenset(".!?…")
# Sentences are placed first, with a looser length prior: their pace varies by ±20 %.
SENTENCE_LENGTH_WEIGHT = 5.0
MAX_LENGTH_RATIO = 4.0  # a group is never given more than 4× its expected speech
BAND_S, BAND_SHARE = 20.0, 0.05  # a boundary stays within max(20 s, 5 %) of its place
# A boundary at a pause short enough to be inside a word (CLOSURE_MAX_MS: the
# closures of two stops and the burst between, « sep|t|embre », last ~200-250 ms)
# that another candidate nearly ties with (in its place, the groups' lengths and the
# candidates' rewards cost less than CLOSE_CALL more, the reward of a 500 ms pause
# being 1) is settled by a synthetic reading (align._settled).
REFINE_BELOW_MS = 200  # a boundary with a shorter pause is refined (refine.py)
CLOSURE_MAX_MS = 300
CLOSE_CALL = 0.25
# When the whole text is said by espeak-ng anyway (a reading with few pauses,
# junctions.speak_early), rivals up to this are asked about: read without pauses at
# 0.75×, the closures of « chaque 4 juin » made a pause of 205 ms a word past the real
# boundary (a gap of 5 ms), which cost 0.66 more; the boundary stayed in « chaque »,
# 475 ms off and said to be sure, where the synthetic reading costs it 5 times the
# real one. Elsewhere the pairs asked about are said for that: on a 10-minute reading
# paused at half its boundaries, this margin cost 17 % more time and named more
# groups in another voice (« voix f3 », 0.9 % → 1.6 %), for the same errors at 0.75×
# and at the goal's paces.
CLOSE_CALL_SAID = 1.0


def end_mark(text: str) -> str:
    stripped = text.rstrip(" »\")")
    return stripped[-1:] if stripped else ""


def _rewards(cands: segment.Candidates) -> np.ndarray:
    pause = PAUSE_REWARD * (1 - np.exp(-cands.silence_ms / PAUSE_SCALE_MS))
    return DEPTH_REWARD * np.clip(cands.depth_db, 0, FULL_DEPTH_DB) / FULL_DEPTH_DB + pause



def sentences_then_groups(cands: segment.Candidates, total: int, shares: np.ndarray,
                           marks: list[str], path: Path | None, heard_ms: np.ndarray,
                           anchors_ms: np.ndarray | None = None, *,
                           close_call: float = CLOSE_CALL
                           ) -> tuple[list[int], dict[int, np.ndarray]]:
    """Indices of the candidates that cut the speech into the pieces, found in two
    passes: first the sentences, then the pieces inside each sentence; and the close
    calls (close_calls: boundary → the candidates nearly as good in its place, within
    `close_call`; `heard_ms`: each candidate's pause as voice.py hears it, its hiss
    included).

    A reader's pace changes from one sentence to the next (0.85× then 1.2×) far more
    than inside one: judged against the pace of the whole reading, every group of a
    quick sentence looks short, and the boundaries slide by whole words to even the
    lengths out. Inside a sentence, the pieces are judged against that sentence's own
    pace instead. With few pauses, a sentence boundary far from where the text said by
    the synthetic voice puts it (`anchors_ms`, one per boundary between pieces, NaN
    inside a group: junctions.anchors) is moved there (coarse.anchored).
    """
    bounds = _sentence_bounds(marks)
    if len(bounds) > 2:
        try:
            return _sentence_by_sentence(cands, total, shares, marks, bounds, path, heard_ms,
                                         anchors_ms, close_call)
        except AudioError:
            pass  # a sentence without enough candidates: place every group at once
    chosen = _best_boundaries(cands, total, shares, marks, path)
    return chosen, close_calls(cands, total, shares, marks, chosen, LENGTH_WEIGHT, heard_ms,
                               close_call)


def _sentence_by_sentence(cands: segment.Candidates, total: int, shares: np.ndarray,
                          marks: list[str], bounds: list[int], path: Path | None,
                          heard_ms: np.ndarray, anchors_ms: np.ndarray | None = None,
                          close_call: float = CLOSE_CALL
                          ) -> tuple[list[int], dict[int, np.ndarray]]:
    """The two passes of sentences_then_groups (`bounds`: first piece of each sentence,
    then the number of pieces); AudioError when a sentence cannot hold its pieces."""
    sentence_shares = np.array([shares[a:b].sum() for a, b in zip(bounds, bounds[1:])])
    sentence_marks = ["."] * len(sentence_shares)
    outer = _best_boundaries(cands, total, sentence_shares, sentence_marks,
                             path, length_weight=SENTENCE_LENGTH_WEIGHT)
    if anchors_ms is not None:
        outer = coarse.anchored((cands.end + cands.start) / 2 * segment.HOP_MS,
                                _rewards(cands), outer,
                                anchors_ms[np.array(bounds[1:-1], np.int64) - 1])
    outer_close = close_calls(cands, total, sentence_shares, sentence_marks, outer,
                               SENTENCE_LENGTH_WEIGHT, heard_ms, close_call)
    chosen: list[int] = []
    close: dict[int, np.ndarray] = {}
    edges = [-1, *outer, len(cands)]  # candidate indices around each sentence
    for number, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if number:
            if number - 1 in outer_close:
                close[len(chosen)] = outer_close[number - 1]
            chosen.append(outer[number - 1])
        if b - a == 1:
            continue
        low, high = edges[number], edges[number + 1]
        inner = slice(low + 1, high)
        before = int(cands.spoken[low]) if low >= 0 else 0
        after = int(cands.spoken[high]) if high < len(cands) else total
        if high - low - 1 < b - a - 1:
            raise _not_found(len(marks), path)
        sub = segment.Candidates(cands.end[inner], cands.start[inner],
                                 cands.silence_ms[inner], cands.depth_db[inner],
                                 cands.spoken[inner] - before)
        found = _best_boundaries(sub, after - before, shares[a:b], marks[a:b], path)
        for k, rivals in close_calls(sub, after - before, shares[a:b], marks[a:b], found,
                                      LENGTH_WEIGHT, heard_ms[inner], close_call).items():
            close[len(chosen) + k] = low + 1 + rivals
        chosen += [low + 1 + c for c in found]
    return chosen, close


def close_calls(cands: segment.Candidates, total: int, shares: np.ndarray,
                 marks: list[str], chosen: list[int], length_weight: float,
                 heard_ms: np.ndarray, close_call: float = CLOSE_CALL) -> dict[int, np.ndarray]:
    """For each boundary k of `chosen` (as _best_boundaries found them, with the same
    `total`, `shares`, `marks` and `length_weight`) at a pause that may be inside a
    word (at least REFINE_BELOW_MS, shorter refined anyway; under CLOSURE_MAX_MS), the
    other candidates between its two neighbours that, put in its place, would cost
    less than `close_call` more: the groups' lengths and the candidates' rewards hardly
    tell them apart. Only boundaries with such rivals are given. `heard_ms`: each
    candidate's pause as voice.py hears it (the hiss in it included, as for refining)."""
    silence = heard_ms[np.array(chosen, np.int64)]
    which = np.flatnonzero((silence >= REFINE_BELOW_MS) & (silence < CLOSURE_MAX_MS))
    if not len(which):
        return {}
    expected = total * shares / shares.sum()
    reward = np.concatenate(([0.0], _rewards(cands), [0.0]))
    spoken = np.concatenate(([0], cands.spoken, [total])).astype(float)  # the nodes
    nodes = np.array([0, *(c + 1 for c in chosen), len(spoken) - 1])
    low, here, high = nodes[which], nodes[which + 1], nodes[which + 2]
    # Every node between the neighbours of each boundary, all boundaries at once.
    counts = high - low - 1
    boundary = np.repeat(np.arange(len(which)), counts)
    between = np.arange(counts.sum()) + np.repeat(low + 1 - (np.cumsum(counts) - counts), counts)
    weight = np.array([PUNCTUATION_WEIGHT.get(marks[k], NO_PUNCTUATION_WEIGHT) for k in which])
    before, after = expected[which][boundary], expected[which + 1][boundary]
    with np.errstate(divide="ignore"):  # no speech: log 0 = −∞, a cost of ∞
        cost = _length_costs(spoken[between] - spoken[low][boundary], before, length_weight)
        cost += _length_costs(spoken[high][boundary] - spoken[between], after, length_weight)
        cost -= weight[boundary] * reward[between]
    mine = between == here[boundary]
    least = np.empty(len(which))
    least[boundary[mine]] = cost[mine]
    hits = np.flatnonzero((cost < least[boundary] + close_call) & ~mine)  # by boundary
    found, firsts = np.unique(boundary[hits], return_index=True)
    return dict(zip(which[found].tolist(), np.split(between[hits] - 1, firsts[1:])))


def _sentence_bounds(marks: list[str]) -> list[int]:
    """Index of the first piece of each sentence, then the number of pieces."""
    return [0, *(k + 1 for k, mark in enumerate(marks[:-1]) if mark in SENTENCE_END),
            len(marks)]


def length_ratios(lengths: np.ndarray, shares: np.ndarray, marks: list[str]) -> np.ndarray:
    """Each piece's speech ÷ what its syllables give it at its sentence's own pace,
    times the square root of that sentence's pace ÷ the reading's (sentences vary by
    ±20 %, so only half of that variation, in logarithm, counts against a boundary)."""
    total = lengths.sum()
    ratios = np.empty(len(lengths))
    bounds = _sentence_bounds(marks)
    for a, b in zip(bounds, bounds[1:]):
        spoken, share = lengths[a:b].sum(), shares[a:b].sum()
        pace = spoken / max(total * share / shares.sum(), 1)
        ratios[a:b] = lengths[a:b] / np.maximum(spoken * shares[a:b] / share, 1) * pace ** 0.5
    return ratios


def _not_found(count: int, path: Path | None) -> AudioError:
    return AudioError(
        f"impossible de retrouver les {count} groupes de sens dans cet enregistrement",
        path=path, hint="Vérifiez que c'est bien la lecture de ce texte, ou placez les "
                        "étiquettes vous-même dans Audacity (voir docs/audio.md).")


def _length_costs(lengths: np.ndarray, expected: float | np.ndarray,
                  weight: float) -> np.ndarray:
    """`weight`·ln(length ÷ `expected`)² for the speech `lengths` (frames, float), in
    place: ∞ for no speech (log 0 = −∞, not a warning: the caller's errstate).
    `expected`: one length for all, or one for each."""
    np.log(np.divide(lengths, expected, out=lengths), out=lengths)
    np.square(lengths, out=lengths)
    return np.multiply(lengths, weight, out=lengths)


def _best_boundaries(cands: segment.Candidates, total: int, shares: np.ndarray,
                     marks: list[str], path: Path | None, *,
                     length_weight: float = LENGTH_WEIGHT) -> list[int]:
    """Indices of the K−1 candidates that best cut the speech into K groups.

    Nodes are 0 (first speech frame), 1..C (candidates), C+1 (last speech frame).
    For boundary k, only nodes near the syllables' cumulative share are tried, and a
    group only spans a bounded number of candidates: O(K·band·window) instead of K·C².
    Each boundary's table (its nodes × the nodes before them) is a strided view of
    the speech and costs so far, padded on the left with nodes that cost ∞: its
    arithmetic is done in place, and in a large table the cost of each length of speech
    (a whole number of frames, counted in integers) is computed once. What does not
    depend on the path so far (the nodes and windows of every boundary) is computed
    for all boundaries at once: a sentence's few groups cost more in calls than in
    arithmetic.
    """
    count = len(shares)
    frames = np.concatenate(([0], cands.spoken, [total])).astype(np.int64)
    spoken = frames.astype(float)
    reward = np.concatenate(([0.0], _rewards(cands), [0.0]))
    expected = total * shares / shares.sum()
    boundary_at = np.cumsum(expected)  # expected speech before boundary k+1
    band = max(BAND_S * 1000 / segment.HOP_MS, BAND_SHARE * total)
    nodes = len(spoken)
    # The nodes tried for each boundary, [low, high), and how many nodes before each a
    # group may start (`window`: MAX_LENGTH_RATIO times its expected speech).
    lows = np.append(np.maximum(np.searchsorted(spoken, boundary_at[:-1] - band, "left"), 1),
                     nodes - 1)
    highs = np.append(np.minimum(np.searchsorted(spoken, boundary_at[:-1] + band, "right"),
                                 nodes - 1), nodes)
    if np.any(highs <= lows):  # a boundary with no node: no path
        raise _not_found(count, path)
    sizes = highs - lows
    firsts = np.cumsum(sizes) - sizes
    node = np.arange(sizes.sum()) + np.repeat(lows - firsts, sizes)  # every boundary's
    reach = node - np.searchsorted(
        spoken, spoken[node] - np.repeat(MAX_LENGTH_RATIO * expected + 100, sizes), "left")
    windows = np.maximum(np.maximum.reduceat(reach, firsts), 1)
    widest = int(windows.max())
    # Node n is at n + nodes in both: a node before node 0 speaks nothing and costs ∞.
    # Row n + nodes - widest of their sliding windows ends just before node n.
    frames_padded = np.concatenate((np.zeros(nodes, np.int64), frames))
    best = np.full(2 * nodes, np.inf)  # cost of the best path to each node so far
    best[nodes] = 0.0
    shape = (2 * nodes - widest + 1, widest)
    frames_before = as_strided(frames_padded, shape, frames_padded.strides * 2,
                               writeable=False)
    best_before = as_strided(best, shape, best.strides * 2, writeable=False)  # follows `best`
    reached = slice(nodes, nodes + 1)  # where `best` is finite
    weights = [PUNCTUATION_WEIGHT.get(mark, NO_PUNCTUATION_WEIGHT) for mark in marks[:-1]] \
        + [0.0]
    every_row = np.arange(int(sizes.max()))
    picks: list[np.ndarray] = []  # for each boundary, how many nodes back (−1) each looked
    with np.errstate(divide="ignore"):  # no speech: log 0 = −∞, a cost of ∞
        for k, (low, high, window, weight) in enumerate(zip(
                lows.tolist(), highs.tolist(), windows.tolist(), weights)):
            # Column s − 1 of a row: the node s steps before it (s = 1 … window).
            rows = slice(low + nodes - widest, high + nodes - widest)
            columns = slice(widest - 1, widest - 1 - window if window < widest else None, -1)
            lengths = np.subtract(frames[low:high, None], frames_before[rows, columns])
            # Speech is counted in whole frames: in a large table a length repeats, and
            # its cost (a logarithm) is computed once. The longest is in the last column
            # (speech only grows from node to node).
            longest = int(np.subtract(frames[low:high], frames_padded[
                low + nodes - window:high + nodes - window]).max()) \
                if lengths.size > 2048 else lengths.size
            if lengths.size > 2 * longest:
                cost = _length_costs(np.arange(longest + 1, dtype=float), expected[k],
                                     length_weight)[lengths]
            else:
                cost = _length_costs(lengths.astype(float), expected[k], length_weight)
            cost += best_before[rows, columns]
            pick = np.argmin(cost, axis=1)
            found = cost[every_row[:high - low], pick] - weight * reward[low:high]
            picks.append(pick)
            best[reached] = np.inf
            reached = slice(low + nodes, high + nodes)
            best[reached] = found
    if not np.isfinite(best[2 * nodes - 1]):
        raise _not_found(count, path)
    chosen: list[int] = []
    at = nodes - 1
    for low, pick in zip(lows.tolist()[::-1], picks[::-1]):
        at = at - 1 - int(pick[at - low])
        chosen.append(at)
    chosen = chosen[::-1][1:]  # drop the first speech frame (node 0)
    return [c - 1 for c in chosen]
