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


def test_a_noisy_recording_with_a_silent_lead_in_is_still_called_noise():
    """A sound 13 dB above a steady noise (too little for speech) after half a second of
    digital silence (a recorder's lead-in): the quietest frames are the noise, not the
    zeros, so the recording is refused as noise and not taken for a voice drowned in
    its echo (which `verifier` only warns about)."""
    from dictee.audio import plausible

    rate = 44100
    rng = np.random.default_rng(5)
    count = rate * 20
    louder = np.where((np.arange(count) // (rate // 3)) % 2 == 0, 1.0, 10 ** (13 / 20))
    noise = rng.standard_normal(count) * 0.01 * 32768 * louder
    samples = np.concatenate((np.zeros(rate // 2), noise)).astype(np.int16)
    found = segment.speech(segment.envelope(samples, rate))
    assert found.mask.any() and found.dynamics_db < segment.MIN_DYNAMICS_DB
    assert found.quietest_db > -45  # the noise's level, not digital silence
    assert plausible.speech_problem(samples, rate) is plausible.NOTHING_SPOKEN


def test_the_floor_and_peak_leave_digital_silence_out():
    """Two seconds of zeros before and after 10 s of steady noise (over 10 % of the
    frames): the floor, peak and quietest levels are the noise's, as without them."""
    rate = 44100
    noise = (np.random.default_rng(7).standard_normal(rate * 10) * 300).astype(np.int16)
    zeros = np.zeros(rate * 2, np.int16)
    alone = segment.speech(segment.envelope(noise, rate))
    padded = segment.speech(segment.envelope(np.concatenate((zeros, noise, zeros)), rate))
    for level in ("floor_db", "peak_db", "quietest_db"):
        assert abs(getattr(padded, level) - getattr(alone, level)) < 0.1, level
    assert padded.dynamics_db < segment.MIN_DYNAMICS_DB
    assert not segment.speech(segment.envelope(zeros, rate)).mask.any()


def test_sliding_extremes_are_those_of_every_window():
    rng = np.random.default_rng(5)
    for _ in range(300):
        length = int(rng.integers(1, 200))
        width = int(rng.integers(1, length + 1))
        values = rng.normal(0, 20, length).astype(np.float32)
        values[rng.random(length) < 0.3] = segment.SILENCE_DBFS  # ties, as digital silence
        for kind in (np.float32, np.int8):
            series = values.astype(kind)
            windows = np.lib.stride_tricks.sliding_window_view(series, width)
            for extreme, reduce in ((np.minimum, np.min), (np.maximum, np.max)):
                found = segment.sliding_extreme(series, width, extreme)
                assert found.dtype == series.dtype
                assert np.array_equal(found, reduce(windows, axis=1))
