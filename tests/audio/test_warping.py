"""Dynamic time warping (warping.py): tables warped in batches the same as one at a
time, a band that follows a reading whose pace changes, a stretched passage found frame
by frame, products in small groups."""

from __future__ import annotations

import numpy as np

from dictee.audio import refine, warping


def test_tables_warped_together_match_one_at_a_time(monkeypatch):
    """Pairs of different lengths, padded into one batch (and split into several when
    the batch is small), give the same frames as each pair warped alone; and the frames
    of the rows asked for alone are those of the whole path."""
    rng = np.random.default_rng(4)
    pairs, truths = [], []
    for rows, cols in ((120, 200), (37, 90), (200, 321), (2, 5), (150, 150)):
        reference = rng.standard_normal((cols, refine.CEPSTRA)).astype(np.float32)
        start = int(rng.integers(0, max(1, cols - rows // 2)))
        taken = np.minimum(start + (np.arange(rows) * 0.7).astype(int), cols - 1)
        noisy = reference[taken] + 0.3 * rng.standard_normal((rows, refine.CEPSTRA))
        pairs.append((noisy.astype(np.float32), reference))
        truths.append(taken)
    alone = [warping.matched_frames(q, r) for q, r in pairs]
    together = warping.matched_in_batch([q for q, _ in pairs], [r for _, r in pairs])
    monkeypatch.setattr(warping, "BATCH_CELLS", 50_000)
    in_pieces = warping.matched_in_batch([q for q, _ in pairs], [r for _, r in pairs])
    for one, two, three, (q, r), truth in zip(alone, together, in_pieces, pairs, truths):
        assert len(one) == len(q) and one.max() < len(r)
        assert np.array_equal(one, two) and np.array_equal(one, three)
        if len(q) > 2:  # two frames say nothing of where they were taken
            assert np.abs(one - truth).max() <= 1  # the noisy copy is found where it was
    # Only two rows in the middle, as for a boundary: the same frames.
    rows = [(max(len(q) // 2 - 1, 0), len(q) // 2 + 1) for q, _ in pairs]
    partial = warping.matched_in_batch([q for q, _ in pairs], [r for _, r in pairs], rows)
    for one, part, (first, end) in zip(alone, partial, rows):
        assert np.array_equal(one[first:end], part)


def test_the_warping_follows_a_reading_that_slows_down_then_speeds_up():
    """A reading of 600 frames made of the synthetic one's 500 (unit vectors), its first
    half said 1.4 times slower, its second 0.8 times as slow: each synthetic frame is
    matched with the reading's frame that says it, within a frame, though the straight
    line from end to end is up to 80 frames away."""
    rng = np.random.default_rng(0)
    query = rng.standard_normal((500, 12)).astype(np.float32)
    query /= np.linalg.norm(query, axis=1, keepdims=True)
    said = np.concatenate((np.arange(0, 250, 1 / 1.4), np.arange(250, 500, 1 / 0.8)))
    which = np.minimum(said.astype(np.int64), 499)
    reference = query[which]
    path = warping.banded(query, reference, np.arange(500) * len(reference) / 500, 100)
    assert path is not None
    truth = np.searchsorted(which, np.arange(500))  # first reading frame of each
    assert np.abs(path - truth).max() <= 2


def test_small_products_are_the_product():
    rng = np.random.default_rng(6)
    left = rng.standard_normal((3, 301, 12)).astype(np.float32)
    right = rng.standard_normal((3, 12, 250)).astype(np.float32)
    assert np.allclose(warping.small_products(left, right), left @ right, atol=1e-4)


def test_time_warping_finds_a_stretched_passage():
    """A passage said 1.5 times slower is found inside a longer stretch, frame by frame."""
    rng = np.random.default_rng(0)
    reference = rng.standard_normal((300, refine.CEPSTRA)).astype(np.float32)
    passage = np.arange(100, 200)
    slow = passage[(np.arange(150) / 1.5).astype(int)]  # each frame about 1.5 times
    matched = warping.matched_frames(reference[slow], reference)
    assert np.abs(matched - slow).max() <= 1
