"""Runs of frames handled as whole arrays (segment.py): the same masks as run by run."""

from __future__ import annotations

import numpy as np

from dictee.audio import segment


def _one_run_at_a_time(mask: np.ndarray, value: bool, shorter_than: int) -> np.ndarray:
    out = mask.copy()
    for start, end in segment.runs(mask, value):
        if end - start < shorter_than:
            out[start:end] = not value
    return out


def test_short_runs_are_flipped_as_one_run_at_a_time():
    rng = np.random.default_rng(12)
    for _ in range(500):
        mask = rng.random(int(rng.integers(0, 60))) < rng.random()
        for value in (True, False):
            for shorter_than in (1, 2, 3, 8):
                assert np.array_equal(segment.drop_short_runs(mask, value, shorter_than),
                                      _one_run_at_a_time(mask, value, shorter_than))


def test_covered_marks_the_spans_up_to_their_ends():
    spans = np.array([[0, 2], [5, 6], [8, 10]])
    assert segment.covered(10, spans).nonzero()[0].tolist() == [0, 1, 5, 8, 9]
    assert not segment.covered(4, np.zeros((0, 2), np.int64)).any()
