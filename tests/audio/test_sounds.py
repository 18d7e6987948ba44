"""Cutting the level into sounds (sounds.py): where a sound restarts out of an echo."""

from __future__ import annotations

import numpy as np

from dictee.audio import segment, sounds


def _ms(ms: float) -> int:
    return round(ms / segment.HOP_MS)


def _echo_then_noise(ripple_db: float) -> tuple[np.ndarray, int]:
    """The level (dB above the room's noise, a frame every segment.HOP_MS) of a vowel,
    its echo falling 10 dB per 100 ms (a 0.6 s room) and rippling by `ripple_db` every
    40 ms as it falls, then a chair rising out of it 16 dB within 40 ms; and the frame
    at the foot of that rise."""
    vowel = np.full(_ms(200), 30.0)
    fall = np.arange(_ms(220))  # ends on a trough: the foot of the rise is its last frame
    wave = np.where(fall % _ms(40) < _ms(20), 0.0, ripple_db)  # steps up and back down
    echo = 30.0 - 0.1 * segment.HOP_MS * fall + wave
    chair = np.linspace(echo[-1], echo[-1] + 16.0, _ms(40) + 1)[1:]
    level = np.concatenate((vowel, echo, chair, np.full(_ms(200), echo[-1] + 16.0)))
    return level.astype(np.float32), len(vowel) + len(echo) - 1


def test_a_noise_restarts_out_of_an_echo_that_ripples_as_it_falls():
    """A room's echo rises again as it falls, by up to 6.8 dB within 50 ms in the
    recorded voice's pauses (tests/audio/human.py): a chair rising out of such an echo
    is still cut from the word, at the foot of its rise. A steady vowel, or one whose
    level flickers without falling, is not cut."""
    for ripple in (0.0, 4.0, 7.0):
        level, foot = _echo_then_noise(ripple)
        found = sounds.restarts(level)
        assert len(found) == 1 and abs(int(found[0]) - foot) <= 1, (ripple, found, foot)
        cut = sounds.cut(level, echo=True)
        assert any(abs(int(start) - foot) <= 1 for start, _ in cut), (ripple, cut)
    steady = np.full(_ms(600), 30.0, np.float32)
    steady[::_ms(40)] = 24.0  # dips of 6 dB, each back at once: no fall, no restart
    assert len(sounds.restarts(steady)) == 0
    assert len(sounds.cut(steady, echo=True)) == 1


def test_a_word_restarts_out_of_the_echo_of_a_noise_that_peaked_a_quarter_second_before():
    """A page turned just before a word: its level peaks, falls along the room's echo,
    then lingers a few dB above the noise before the word's vowel rises out of it. At
    that foot the level is only 3.4 dB under its peak of the last 150 ms, but far under
    the page's, 250 ms back (sounds.FALL_REACH_MS): the word is cut from the page."""
    page = np.full(_ms(100), 23.0)
    echo = np.linspace(23.0, 9.8, _ms(100) + 1)[1:]
    linger = np.linspace(9.8, 6.4, _ms(150) + 1)[1:]  # its last frame is the foot
    vowel = np.linspace(6.4, 21.0, _ms(20) + 1)[1:]
    level = np.concatenate((page, echo, linger, vowel, np.full(_ms(200), 21.0)))
    foot = len(page) + len(echo) + len(linger) - 1
    found = sounds.restarts(level.astype(np.float32))
    assert len(found) == 1 and abs(int(found[0]) - foot) <= 1, (found, foot)
