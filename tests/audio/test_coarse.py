"""Where coarse.py moves a sentence boundary that the lengths of the groups placed far from
where the whole text said by a synthetic voice puts it."""

from __future__ import annotations

import numpy as np

from dictee.audio import coarse


def test_a_boundary_far_from_its_anchor_moves_to_the_best_candidate_near_it():
    middles = np.array([1000.0, 2000.0, 2900.0, 3100.0, 5000.0])
    rewards = np.array([0.5, 0.4, 0.1, 0.6, 0.5])
    # The second boundary is 1 s from where the warping puts it (3 s): of the two
    # candidates within 300 ms, the pause (reward 0.6) is taken.
    assert coarse.anchored(middles, rewards, [0, 1, 4], np.array([1000.0, 3000.0, np.nan])) \
        == [0, 3, 4]
    # Close enough: left alone. Moved out of order: nothing moves.
    assert coarse.anchored(middles, rewards, [1, 4], np.array([2200.0, 1000.0])) == [1, 4]
