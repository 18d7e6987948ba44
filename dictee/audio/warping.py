"""Dynamic time warping of cepstra (the rows of two signals, as unit vectors: distance
1 − cosine), steps (1, 1), (1, 2) and (2, 1), the cells they pass over counted: either
signal may be up to twice as fast as the other.

Two forms of one idea. For refine.py, many short queries (the synthetic voice on both
sides of a boundary), each matched as a whole with any stretch of its reference (the
reading around the estimate): whole tables, computed for every pair at once, from
both ends (matched_in_batch, through_cells). For coarse.py, one query matched from end
to end of one reference (the whole text said against the whole reading), within a
band around an expected path: a band per row, traced back (banded). They share the
recurrence, not a routine: the open start, the two ends met halfway and the band make
each table's rows different arrays.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dictee import cores

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


def normalised(values: np.ndarray) -> np.ndarray:
    """Cepstra minus their mean over the piece (a voice's or a room's own colour), as
    unit vectors (DTW compares them by their cosine)."""
    centred = values - np.add.reduce(values, axis=0) / len(values)  # as values.mean(0)
    # np.linalg.norm(centred, axis=1), without its checks: 680 pieces for 10 minutes.
    centred /= np.sqrt(np.add.reduce(centred * centred, axis=1, keepdims=True)) + 1e-9
    return centred


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
    return matched_rows([normalised(q) for q in queries],
                        [normalised(r) for r in references],
                        rows if rows is not None else [(0, len(q)) for q in queries])


def matched_rows(queries: list[np.ndarray], references: list[np.ndarray],
                 wanted: list[tuple[int, int]]) -> list[np.ndarray]:
    """matched_in_batch for cepstra already normalised (normalised), rows given."""
    matched = []
    for through in through_cells(queries, references, wanted):
        # On ties (float rounding apart), the last cell, where the path leaves the row.
        least = through.min(axis=1, keepdims=True)
        near = through <= least + TIE * (1 + np.abs(least))
        matched.append(through.shape[1] - 1 - np.argmax(near[:, ::-1], axis=1))
    return matched


def through_cells(queries: list[np.ndarray], references: list[np.ndarray],
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


# Cells of a batch of distance tables (16 MB of float32 each, one batch per thread). A
# row of a batch costs some six numpy steps whatever its width, ~2-5 µs of each spent
# in the interpreter, which the threads take turns at: for 10 minutes read without
# pauses (356 pairs of tables of 240 × 321 cells), 2^21 cells took 0.23 s (0.29 s of
# processor), 2^22 0.16 s (0.23 s); 2^23, alone 0.14 s, made the whole alignment slower
# (tables of 32 MB, whose fresh pages cost more than the numpy steps saved).
BATCH_CELLS = 1 << 22


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
    query = np.zeros((count, rows, queries[0].shape[1]), np.float32)
    reference = np.zeros((count, cols, queries[0].shape[1]), np.float32)
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


def banded(query: np.ndarray, reference: np.ndarray, centre: np.ndarray,
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
    cost of the row before it and the row two before it (banded)."""
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
