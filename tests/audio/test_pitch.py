"""The reader's pitch (pitch.py), which decides the voice espeak-ng says the text in:
a man's voice and a woman's told apart in a quiet room, a classroom's echo and a
noise; nothing heard in silence or a hiss; the voice chosen used by the aligner."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dictee.audio import align, pitch, refine
from tests.audio import human, readings

needs_espeak = pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
needs_voice = pytest.mark.skipif(not (readings.espeak_available() and human.available()),
                                 reason=f"needs espeak-ng and {human.PACKAGE}")
ROOMS = ["pauses", "réverbération", "bruit 10 dB"]


def _reading(voice: str, room: str, texts: int = 0) -> np.ndarray:
    """The `texts`-th human text read by `voice` in the test condition `room`."""
    condition = replace(readings.CONDITIONS[room], voice=voice)
    return readings.build(human.TEXTS[texts], seed=1, condition=condition).samples


@needs_espeak
@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("voice", ["fr", "fr+klatt"])
def test_a_man_s_voice_is_said_in_a_man_s(voice, room):
    """espeak-ng's men's voices (100-110 Hz) are heard as such in every room, and the
    text is said in a man's voice."""
    samples = _reading(voice, room)
    heard = pitch.reader_pitch_hz(samples, readings.RATE)
    assert heard is not None and 90 <= heard <= 125, heard
    assert pitch.synthetic_voice(samples, readings.RATE) == pitch.LOW_VOICE


@needs_espeak
@pytest.mark.parametrize("room", ROOMS)
def test_a_woman_s_synthetic_voice_is_said_in_a_woman_s(room):
    """espeak-ng's fr+f3 (200-210 Hz) is not heard an octave low, where the
    autocorrelation peaks again at twice her period: the text is said in a woman's
    voice."""
    samples = _reading("fr+f3", room)
    heard = pitch.reader_pitch_hz(samples, readings.RATE)
    assert heard is not None and 185 <= heard <= 230, heard
    assert pitch.synthetic_voice(samples, readings.RATE) == pitch.HIGH_VOICE


@needs_voice
@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("texts", range(len(human.TEXTS)))
def test_a_woman_s_recorded_voice_is_said_in_a_woman_s(texts, room):
    """The recorded voice (human.py, 205-240 Hz whatever the room)."""
    samples = _reading(readings.HUMAN_VOICE, room, texts)
    heard = pitch.reader_pitch_hz(samples, readings.RATE)
    assert heard is not None and 190 <= heard <= 260, heard
    assert pitch.synthetic_voice(samples, readings.RATE) == pitch.HIGH_VOICE


def test_no_pitch_is_heard_in_silence_or_a_hiss():
    """Nothing periodic: no pitch, and the man's voice, as before the pitch was heard.
    Too short a reading for one window: the same."""
    rate = readings.RATE
    hiss = (np.random.default_rng(0).standard_normal(30 * rate) * 300).astype(np.int16)
    for samples in (np.zeros(30 * rate, np.int16), hiss, hiss[:100]):
        assert pitch.reader_pitch_hz(samples, rate) is None
        assert pitch.synthetic_voice(samples, rate) == pitch.LOW_VOICE


def test_a_long_reading_is_heard_by_its_windows_alone():
    """Two hours at 44.1 kHz (635 MB as int16), given as a view holding a single
    sample: only SAMPLED_WINDOWS windows are read and copied, never the whole
    reading (a copy of it would fail here, and cost that memory anywhere)."""
    two_hours = np.broadcast_to(np.int16(0), (2 * 3600 * readings.RATE,))
    assert pitch.reader_pitch_hz(two_hours, readings.RATE) is None


@needs_voice
def test_the_aligner_says_the_text_in_the_reader_s_voice(monkeypatch):
    """Every text espeak-ng says for the aligner (the joins, the first and last
    groups, outside.py) is said in the voice the reader's pitch calls for: a woman's
    for the recorded voice, a man's for espeak-ng's fr."""
    said: list[str] = []
    speaking, saying = refine.speaking, align.outside.synth.saying

    def spied_speaking(texts, said_in):
        said.append(said_in)
        return speaking(texts, said_in)

    def spied_saying(texts, voice, words_per_minute):
        said.append(voice)
        return saying(texts, voice, words_per_minute)

    monkeypatch.setattr(refine, "speaking", spied_speaking)
    monkeypatch.setattr(align.outside.synth, "saying", spied_saying)
    for voice, expected in ((readings.HUMAN_VOICE, pitch.HIGH_VOICE), ("fr", pitch.LOW_VOICE)):
        condition = replace(readings.CONDITIONS["lecture continue"], voice=voice)
        groups = human.TEXTS[1]
        reading = readings.build(groups, seed=0, condition=condition)
        said.clear()
        align.align(reading.samples, readings.RATE, [text for _, text in groups])
        assert len(said) >= 2 and set(said) == {expected}, (voice, said)
