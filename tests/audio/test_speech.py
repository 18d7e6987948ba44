"""Judging the sounds voice.py measured: which are speech, which are noises."""

from __future__ import annotations

import numpy as np

from dictee.audio import speech


def test_the_first_noise_of_a_pause_may_start_on_the_words_last_frame():
    """speech.first_noise_ms, the one rule for where an edge moved into a pause stops:
    a noise cut off where the word's echo restarts may start on the frame the word
    ends; one before the word's end, or at the next word's start, is not in the pause."""
    noises = np.array([990.0, 1000.0, 1500.0, 2600.0])
    assert speech.first_noise_ms(noises, [(1000, 2000), (1600, 2600), (2700, 2800)]).tolist() \
        == [1000, 2600, 2800]
    assert speech.first_noise_ms(np.zeros(0), [(0, 10)]).tolist() == [10]
