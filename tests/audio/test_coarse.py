"""The coarse warping of a reading onto the text said by a synthetic voice."""

from __future__ import annotations

import numpy as np

from dictee.audio import coarse


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
    path = coarse._warped(query, reference, np.arange(500) * len(reference) / 500, 100)
    assert path is not None
    truth = np.searchsorted(which, np.arange(500))  # first reading frame of each
    assert np.abs(path - truth).max() <= 2


def test_a_boundary_far_from_its_anchor_moves_to_the_best_candidate_near_it():
    middles = np.array([1000.0, 2000.0, 2900.0, 3100.0, 5000.0])
    rewards = np.array([0.5, 0.4, 0.1, 0.6, 0.5])
    # The second boundary is 1 s from where the warping puts it (3 s): of the two
    # candidates within 300 ms, the pause (reward 0.6) is taken.
    assert coarse.anchored(middles, rewards, [0, 1, 4], np.array([1000.0, 3000.0, np.nan])) \
        == [0, 3, 4]
    # Close enough: left alone. Moved out of order: nothing moves.
    assert coarse.anchored(middles, rewards, [1, 4], np.array([2200.0, 1000.0])) == [1, 4]
