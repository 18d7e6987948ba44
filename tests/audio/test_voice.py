"""Voicing is tested on few frames (voice._find_voicing): the speech found must be the
same as when every frame of every sound is tested."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import voice
from tests.audio import readings

GROUPS = [(0, "Chaque matin, la boulangère"), (0, "ouvre sa boutique"),
          (0, "avant le lever du soleil."), (1, "Les enfants du quartier"),
          (1, "passent devant la vitrine"), (1, "en rêvant de croissants.")]


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
@pytest.mark.parametrize(("name", "echo"), [
    ("toux, chaises, pages", False), ("bruit 10 dB", False), ("réverbération", False),
    ("réverbération", True), ("réverbération et bruits", True)])
def test_speech_is_the_same_as_with_every_frame_tested(name, echo, monkeypatch):
    reading = readings.build(GROUPS, seed=2, condition=readings.CONDITIONS[name])
    few = voice.analyse(reading.samples, readings.RATE, echo=echo)
    monkeypatch.setattr(voice, "FIRST_TESTED", 10**9)
    every = voice.analyse(reading.samples, readings.RATE, echo=echo)
    assert few.voiced.sum() < every.voiced.sum()  # fewer frames were tested
    assert np.array_equal(voice.speech_mask(few), voice.speech_mask(every))
