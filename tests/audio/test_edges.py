"""A voice's fall hidden by a noise, drawn on from the part still heard (edges.py)."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import edges, segment, speech, voice
from dictee.audio.span import Span

RATE = 16_000
VOWEL_MS = 600
PAUSE_MS = 600


def _ms(ms: float) -> int:
    return round(ms * RATE / 1000)


def _vowel(ms: float) -> np.ndarray:
    """A vowel of `ms` (harmonics of 150 Hz up to 3 kHz), at unit level."""
    t = np.arange(_ms(ms)) / RATE
    wave = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 21))
    return wave / np.sqrt(np.mean(wave ** 2))


def _reading(fall_db_per_ms: float, snr_db: float | None, seed: int = 0) -> np.ndarray:
    """A vowel whose level falls, after VOWEL_MS, at `fall_db_per_ms` down to 60 dB
    below, a pause, the vowel again; under white noise `snr_db` below the vowel (None:
    a studio's floor, 80 dB below)."""
    rng = np.random.default_rng(seed)
    fall_ms = 60 / fall_db_per_ms
    shape = np.concatenate((np.ones(_ms(VOWEL_MS)),
                            10 ** (-fall_db_per_ms * np.arange(_ms(fall_ms)) / _ms(1) / 20)))
    first = _vowel(VOWEL_MS + fall_ms)[:len(shape)] * shape
    signal = np.concatenate((first, np.zeros(_ms(PAUSE_MS)), _vowel(VOWEL_MS)))
    signal = np.concatenate((np.zeros(_ms(300)), signal, np.zeros(_ms(300))))
    below_db = 80 if snr_db is None else snr_db
    signal = signal + rng.standard_normal(len(signal)) * 10 ** (-below_db / 20)
    return (signal * 3000).astype(np.int16)


def _heard_and_drawn_ms(samples: np.ndarray) -> tuple[float, float]:
    """Where voice.py hears the first vowel end, and where its end is drawn on (ms)."""
    frames = voice.analyse(samples, RATE)
    runs = segment.runs(speech.speech_mask(frames), True)
    start, end = (int(v) for v in runs[0])
    heard = end * segment.HOP_MS
    return heard, heard + edges.hidden_fade_ms(frames.clean_db, frames.snr_db, start, end)


@pytest.mark.parametrize("fall_db_per_ms, snr_db", [(0.4, 10.0), (0.3, 10.0), (0.6, 10.0),
                                                  (0.4, 15.0), (0.4, 20.0)])
def test_a_vowel_fading_into_a_noise_ends_where_it_would_be_heard_in_a_quiet_room(
        fall_db_per_ms, snr_db):
    """A person's last vowel falls at 0.3-0.6 dB/ms: it sinks into a noise 10-20 dB
    below it 40-85 ms before it is FADE_DEPTH_DB below its level, where it ends in a
    quiet room. Its end is drawn on to within 30 ms of there."""
    truth = 300 + VOWEL_MS + edges.FADE_DEPTH_DB / fall_db_per_ms
    heard, drawn = _heard_and_drawn_ms(_reading(fall_db_per_ms, snr_db))
    assert truth - heard >= 35  # what the test is about: the noise hides the fall
    assert abs(drawn - truth) <= 30


def test_in_a_quiet_room_the_end_heard_is_kept():
    """Heard down to the studio's floor, past FADE_DEPTH_DB: nothing is drawn on."""
    heard, drawn = _heard_and_drawn_ms(_reading(0.4, None))
    assert heard >= 300 + VOWEL_MS + edges.FADE_DEPTH_DB / 0.4
    assert drawn == heard


def test_an_end_drawn_on_stops_at_a_noise_and_before_the_next_group():
    """past_fades: never onto a noise in the pause (its start, speech.noises), nor
    closer than 2 frames to the next group."""
    samples = _reading(0.4, 10.0)
    frames = voice.analyse(samples, RATE)
    env = segment.from_levels(frames.clean_db, RATE)
    heard, drawn = _heard_and_drawn_ms(samples)
    assert drawn - heard >= 50
    for noise_ms, next_ms, expected in ((heard + 30, 1500, heard + 30),
                                        (None, heard + 40, heard + 40 - 2 * segment.HOP_MS),
                                        (None, 1500, int(drawn))):
        spans = {0: Span(300, int(heard)), 1: Span(next_ms, 2100)}
        noises = np.array([] if noise_ms is None else [noise_ms], float)
        edges.past_fades(spans, [0], len(samples) * 1000 // RATE, noises, frames, env)
        assert spans[0].end_ms == expected


def test_a_room_s_echo_under_a_noise_is_not_drawn_on():
    """A room's echo falls 60 dB in 0.4 s or more (0.15 dB/ms): under a noise that kept
    its decay from being measured, its tail is not taken for a fading voice."""
    heard, drawn = _heard_and_drawn_ms(_reading(0.1, 10.0))
    assert drawn == heard


def test_in_a_room_the_fall_under_the_echo_is_drawn_on_at_the_rate_seen_before_it():
    """fade_under_echo_ms: from where the echo takes over, the voice falls on to
    FADE_DEPTH_DB below its loud frames, at the rate seen over ECHO_SEEN_MS before
    (ECHO_FADE_DB_PER_MS at least); a voice already that far down is not drawn on."""
    seen = edges.ECHO_SEEN_MS // segment.HOP_MS
    for rate, expected_rate in ((0.5, edges.ECHO_FADE_DB_PER_MS), (1.2, 1.2)):
        fall = -15.0 - rate * segment.HOP_MS * np.arange(1, seen + 1)
        levels = np.concatenate((np.full(100, -15.0), fall))
        hidden_db = fall[-1] - (-15.0 - edges.FADE_DEPTH_DB)
        assert edges.fade_under_echo_ms(levels, 0, len(levels)) == pytest.approx(
            hidden_db / expected_rate)
    quiet = np.concatenate((np.full(100, -15.0), np.full(seen, -15.0 - edges.FADE_DEPTH_DB)))
    assert edges.fade_under_echo_ms(quiet, 0, len(quiet)) == 0


def test_in_a_room_an_end_before_a_noise_is_not_drawn_on():
    """A noise's start is found where it rises out of the word's echo, later than it
    starts: in a room, an end before a pause that holds a noise stays where it is."""
    samples = _reading(0.4, None)
    frames = voice.analyse(samples, RATE)
    env = segment.from_levels(frames.clean_db, RATE)
    early = 300 + VOWEL_MS + 20  # where the echo would take over, 20 ms into the fall
    for noises, moved in (([], True), ([early + 300], False)):
        spans = {0: Span(300, early), 1: Span(1500, 2100)}
        edges.past_fades(spans, [0], len(samples) * 1000 // RATE, np.array(noises, float),
                         frames, env, echo=True)
        assert (spans[0].end_ms > early) == moved


def test_a_group_s_loud_level_is_numpy_s_percentile_to_the_bit():
    """The level the fall is drawn down from (edges._percentile, by a partition) is
    exactly np.percentile's, for groups of any length, ties and a single frame."""
    rng = np.random.default_rng(3)
    for length in [1, 2, 3, 9, 10, 11, 57, 400]:
        for _ in range(20):
            levels = (rng.standard_normal(length) * 15 - 40).astype(np.float32)
            levels[rng.random(length) < 0.2] = -40.0  # ties
            assert edges._percentile(levels, edges.LOUD_PERCENTILE) == \
                float(np.percentile(levels, edges.LOUD_PERCENTILE))
