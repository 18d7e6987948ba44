"""Voicing is tested on few frames (voice._find_voicing): the speech found must be the
same as when every frame of every sound is tested. The work is shared among threads:
the measures must not depend on how many."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import speech, voice
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
    assert np.array_equal(speech.speech_mask(few), speech.speech_mask(every))


def _vowels_and_noises(seconds: float, rate: int, seed: int) -> np.ndarray:
    """Vowels (harmonics of 100-250 Hz), bursts of broadband noise and pauses, in turn,
    under a faint hiss: sounds voiced and not, for every path of the analysis."""
    rng = np.random.default_rng(seed)
    pieces, total = [], 0
    while total < seconds * rate:
        length = int(rng.uniform(0.1, 0.5) * rate)
        if rng.random() < 0.7:
            t = np.arange(length) / rate
            f0 = rng.uniform(100, 250)
            sound = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 15))
        else:
            sound = rng.standard_normal(length)
        pieces += [sound * np.hanning(length) * 0.2, np.zeros(int(rng.uniform(0.05, 0.5) * rate))]
        total += length + len(pieces[-1])
    signal = np.concatenate(pieces) + 0.003 * rng.standard_normal(total)
    return (signal * 32767).astype(np.int16)


@pytest.mark.parametrize("echo", [False, True])
def test_the_frames_are_the_same_whatever_the_cores(echo, monkeypatch):
    """Batches are dealt in shares, each with its own block of spectra reused from batch
    to batch, a thread per core: one core or several, blocks shared wrongly between
    threads or batches would change the measures. 40 s: several batches of the noise
    pass and of the levels, the last one short."""
    samples = _vowels_and_noises(40, 44_100, seed=7)
    found = []
    for count in (1, 2, 3):
        monkeypatch.setattr(voice.cores, "usable", lambda count=count: count)
        found.append(voice.analyse(samples, 44_100, echo=echo))
    one = found[0]
    assert len(one.snr_db) > 4 * voice.BATCH_FRAMES and len(one.snr_db) % voice.BATCH_FRAMES
    assert one.voiced.sum() > 100 and len(speech.noises(one)) > 3  # vowels, and noises
    for other in found[1:]:
        for measure in ("snr_db", "voiced", "clean_db", "sounds"):
            assert np.array_equal(getattr(one, measure), getattr(other, measure)), measure


def test_only_windows_of_digital_silence_are_taken_for_it():
    """voice.silent_windows judges by blocks of samples: never a window that holds a
    single sample that is not zero, and every window at least a block away from any."""
    rng = np.random.default_rng(3)
    x = np.zeros(5000, np.float32)
    for start in rng.integers(0, 5000, 12):
        x[start:start + rng.integers(1, 200)] = rng.standard_normal(1)[0]
    x[2500] = 1e-30  # tiny, but a sound
    starts = np.arange(0, 5000 - 265)
    block = voice.SILENCE_BLOCK
    silent = voice.silent_windows(x, starts, 265)
    assert not any(x[s:s + 265].any() for s in starts[silent])
    far = [s for s in starts if not x[max(s - block, 0):s + 265 + block].any()]
    assert far and silent[far].all()


@pytest.mark.parametrize("echo", [False, True])
def test_digital_silence_is_measured_as_if_its_spectrum_were_computed(echo, monkeypatch):
    """The frames of digital silence (a noise gate, a synthetic reading's pauses) are
    not put through an FFT: their measures are those of a spectrum of zeros."""
    samples = _vowels_and_noises(40, 44_100, seed=8)
    for start in range(0, len(samples), 3 * 44_100):  # 1 s of silence every 3 s
        samples[start:start + 44_100] = 0
    skipped = voice.analyse(samples, 44_100, echo=echo)
    monkeypatch.setattr(voice, "silent_windows", lambda x, starts, width:
                        np.zeros(len(starts), bool))
    computed = voice.analyse(samples, 44_100, echo=echo)
    assert (skipped.clean_db <= -99).sum() > len(samples) / 44_100 / 3 * 100  # silent frames
    for measure in ("snr_db", "voiced", "clean_db", "sounds", "weak"):
        assert np.array_equal(getattr(skipped, measure), getattr(computed, measure)), measure


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_cutting_again_for_a_room_s_echo_neither_analyses_again_nor_changes_the_frames(
        monkeypatch):
    """align cuts the sounds again in a reverberant room (voice.Listened.frames): the
    recording is decimated and analysed once, the voicing tested once per frame, and
    both cuts are what analysing the recording anew for each would give."""
    reading = readings.build(GROUPS, seed=2,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    decimated, tested = [], []
    decimate, voiced = voice.decimate, voice._voiced
    monkeypatch.setattr(voice, "decimate", lambda *a, **k: decimated.append(1) or decimate(*a, **k))
    monkeypatch.setattr(voice, "_voiced", lambda spectra, *a: tested.append(len(spectra))
                        or voiced(spectra, *a))
    listened = voice.listen(reading.samples, readings.RATE)
    dry, room = listened.frames(), listened.frames(echo=True)
    everything = listened.voicing(np.arange(len(dry.snr_db)))  # every frame, once more
    assert len(decimated) == 1
    assert sum(tested) == len(dry.snr_db)  # each frame's voicing tested once, no more
    assert np.array_equal(everything[dry.voiced], np.ones(dry.voiced.sum(), bool))
    for echo, frames in ((False, dry), (True, room)):
        alone = voice.analyse(reading.samples, readings.RATE, echo=echo)
        for measure in ("snr_db", "voiced", "clean_db", "sounds", "weak", "echo"):
            assert np.array_equal(getattr(frames, measure), getattr(alone, measure)), measure
    assert not np.array_equal(dry.sounds, room.sounds)  # the echo cut them otherwise
