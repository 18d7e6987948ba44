"""The synthetic model of refine.py: texts said in several processes, cepstra by blocks;
each the same as done one at a time."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import pitch, refine, synth
from tests.audio import readings

TEXTS = ["Chaque matin, la boulangère", "ouvre sa boutique", "avant le lever du soleil.",
         "Les enfants du quartier", "passent devant la vitrine", "en rêvant de croissants.",
         "Entre 2000 et 2020,", "la boutique a fermé 3 fois", "pendant 15 jours."]


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_texts_shared_among_processes_are_said_as_in_one(monkeypatch):
    one = synth.said(TEXTS, pitch.LOW_VOICE, refine.WORDS_PER_MINUTE)
    monkeypatch.setattr(synth, "SAID_CHARACTERS_PER_PROCESS", 40)
    monkeypatch.setattr(synth.cores, "usable", lambda: 4)
    assert len(synth._shares(TEXTS, 4)) == 4
    shared = synth.said(TEXTS, pitch.LOW_VOICE, refine.WORDS_PER_MINUTE)
    assert one is not None and shared is not None
    assert len(one.spans) == len(shared.spans) == len(TEXTS)
    # Each text is said alike, within two 10 ms frames of the model (refine.py) in all:
    # espeak-ng says a text slightly differently after another one (10 ms at most
    # here), and a sentence's last word said slowly (synth.LAST_WORD_RATE) stretches
    # that (15 ms in « pendant 15 jours. »). A text given another's piece is 0.1 s off.
    for k in range(len(TEXTS)):
        assert abs(len(one.piece(k)) - len(shared.piece(k))) <= 2 * one.rate // 100


def test_shares_cover_every_text_once_in_order():
    texts = [f"groupe numéro {k} " * (1 + k % 5) for k in range(40)]
    for processes in (1, 2, 3, 4):
        shares = synth._shares(texts, processes)
        assert shares[0][0] == 0 and shares[-1][1] == len(texts)
        assert all(a < b for a, b in shares)
        assert all(b == c for (_, b), (c, _) in zip(shares, shares[1:]))
        assert len(shares) == min(processes, sum(map(len, texts))
                                  // synth.SAID_CHARACTERS_PER_PROCESS)


def test_cepstra_by_blocks_and_pieces_are_those_of_each_piece_alone(monkeypatch):
    """Pieces described together (the texts said by espeak-ng, the reading's search
    windows), by batches that straddle them: each piece as if described alone, framed
    from its own start."""
    rng = np.random.default_rng(5)
    samples = (rng.standard_normal(3 * 44_100) * 3000).astype(np.int16)
    spans = [(0, 3 * 44_100), (1000, 23_051), (44_100, 44_100 + 300), (50_000, 130_000)]
    alone = [refine.pieces_cepstra(samples, 44_100, [span])[0] for span in spans]
    monkeypatch.setattr(refine, "FRAMES_PER_BATCH", 37)
    together = refine.pieces_cepstra(samples, 44_100, spans)
    assert [c.values.shape[0] for c in together] == [299, 48, 0, 180]
    for one, two in zip(alone, together):
        assert one.values.shape == two.values.shape and one.hop == two.hop
        assert np.allclose(one.values, two.values, atol=1e-4)


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_espeak_started_before_the_groups_are_placed_changes_no_boundary(monkeypatch):
    """A reading with few pauses has espeak-ng started early, for every text; the
    boundaries are those of espeak-ng started at the end for the texts it needs (here
    all but the fourth, a sentence alone between two pauses), to within a frame:
    espeak-ng says a text very slightly differently after another one."""
    from dataclasses import replace

    from dictee.audio import align, junctions

    groups = list(zip([0, 0, 0, 1, 2, 2, 2, 3, 3], TEXTS))
    condition = replace(readings.CONDITIONS["lecture continue"], sentence_gap_ms=600)
    reading = readings.build(groups, seed=2, condition=condition)
    started: list[list[str]] = []
    speaking = refine.speaking

    def spied(texts, said_in):
        started.append(sorted(set(texts)))
        return speaking(texts, said_in)

    monkeypatch.setattr(refine, "speaking", spied)
    early = align.align(reading.samples, readings.RATE, TEXTS)
    assert started == [sorted(TEXTS)]  # early, for every text, and used at the end
    monkeypatch.setattr(junctions, "EARLY_BELOW_SHARE", 0.0)
    started.clear()
    late = align.align(reading.samples, readings.RATE, TEXTS)
    assert started == [sorted(TEXTS[:3] + TEXTS[4:])]  # at the end, the texts needed
    moved = np.array([(a.start_ms - b.start_ms, a.end_ms - b.end_ms) for a, b in zip(early, late)])
    assert len(early) == len(late) == len(TEXTS) and np.abs(moved).max() <= refine.FRAME_MS


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_the_synthetic_reading_tells_the_pause_between_groups_from_a_closure_in_a_word():
    """« …soins réguliers. » and « Le 22 septembre 2020, » read with 120 ms between them,
    and the closures of « p » and « t » in « septembre » a word later (in a whole text
    read without pauses, a longer silence than the real pause, test_align.py): the two
    texts said by the synthetic voice match the reading far better when they meet in
    the real pause."""
    from dictee.audio import align, segment, speech, voice

    first, second = "qui demande des soins réguliers.", "Le 22 septembre 2020,"
    before, after = readings.spoken(first), readings.spoken(second)
    gap, edge = np.zeros(round(0.12 * readings.RATE)), np.zeros(readings.RATE // 2)
    reading = np.concatenate((edge, before, gap, after, edge))
    hiss = np.random.default_rng(0).standard_normal(len(reading)) * 60  # −55 dBFS
    samples = (reading + hiss).astype(np.int16)
    ms = 1000 / readings.RATE
    pause = ((len(edge) + len(before)) * ms, (len(edge) + len(before) + len(gap)) * ms)
    # The longest stretch without voice inside the second text, as the aligner hears it
    # (in « septembre »; 225 ms in a whole text read without pauses, 70 ms here).
    quiet = segment.runs(speech.speech_mask(voice.analyse(samples, readings.RATE)), False)
    quiet = quiet[(quiet[:, 0] * segment.HOP_MS > pause[1] + 50)
                  & (quiet[:, 1] * segment.HOP_MS < pause[1] + len(after) * ms - 50)]
    low, high = quiet[np.argmax(quiet[:, 1] - quiet[:, 0])] * segment.HOP_MS
    assert high - low >= 50
    found = refine.costs(samples, readings.RATE, [(first, second)], [[pause, (low, high)]],
                         said_in=pitch.LOW_VOICE)
    assert found is not None
    real, inside = found[0]
    assert np.isfinite(inside) and real * align.SWITCH_RATIO < inside, (real, inside)


def _hung_espeak(tmp_path, monkeypatch) -> list:
    """From now on, an espeak-ng that never ends (a broken install, a stuck process), waited for at
    most 0.5 s; the list of every process started meanwhile, to see that none is left
    running."""
    import shutil
    import stat
    import subprocess

    sleep = shutil.which("sleep")
    assert sleep is not None
    fake = tmp_path / "espeak-ng"
    fake.write_text(f"#!/bin/sh\nexec {sleep} 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}")
    monkeypatch.setattr(synth, "SAID_TIMEOUT_S", 0.5)
    monkeypatch.setattr(synth, "SAID_TIMEOUT_PER_CHARACTER_S", 0.0)
    started: list[subprocess.Popen[bytes]] = []

    class Recorded(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    return started


def _nothing_left(started) -> bool:
    """Whether every process in `started` has ended and no folder of synth.saying is
    left."""
    import os
    import tempfile
    from pathlib import Path

    folders = list(Path(tempfile.gettempdir()).glob(f"dictee-said-{os.getpid()}-*"))
    return all(process.poll() is not None for process in started) and not folders


def test_espeak_ng_takes_a_core_from_our_threads_while_it_speaks(tmp_path, monkeypatch):
    """While espeak-ng's processes run, each takes a core from the work voice.py and
    the others share among threads (cores.threads); none once they have ended."""
    from dictee import cores

    started = _hung_espeak(tmp_path, monkeypatch)
    monkeypatch.setattr(cores, "usable", lambda: 4)
    texts = ["Un texte assez long pour un processus. " * 40] * 2
    with synth.saying([f"{text} {n}" for n, text in enumerate(texts)], "fr", 135):
        assert len(started) == 2
        assert cores.threads() == 2
        for process in started:
            process.kill()
            process.wait()
        assert cores.threads() == 4
    assert cores.threads() == 4


def test_a_hung_espeak_ng_is_given_up_in_bounded_time(tmp_path, monkeypatch):
    """An espeak-ng that never ends is stopped at the deadline: the synthetic reading is
    None, as without espeak-ng, and nothing is left running."""
    import time

    hung_espeak = _hung_espeak(tmp_path, monkeypatch)
    start = time.monotonic()
    with synth.saying(["Bonjour à tous."], "fr", 135) as result:
        assert result() is None
    assert time.monotonic() - start < 10
    assert len(hung_espeak) == 1 and _nothing_left(hung_espeak)


def _spy_speaking(monkeypatch, calls: list) -> None:
    """Note in `calls` each start of espeak-ng (the texts it says), and each time
    voice.py starts listening."""
    from dictee.audio import voice

    speaking, listen = refine.speaking, voice.listen

    def spied_speaking(texts, said_in):
        calls.append(sorted(set(texts)))
        return speaking(texts, said_in)

    def spied_listen(*args, **kwargs):
        calls.append("voice.listen")
        return listen(*args, **kwargs)

    monkeypatch.setattr(refine, "speaking", spied_speaking)
    monkeypatch.setattr(voice, "listen", spied_listen)


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_espeak_ng_started_on_the_energy_s_guess_speaks_while_the_voice_is_heard(monkeypatch):
    """A reading with no pauses: the energy alone hears too few for them to be a
    reader's, and espeak-ng is started for every text before voice.py listens
    (junctions.guess_early), once; used as if started once the pauses are heard, it
    gives the same boundaries."""
    from dictee.audio import align, junctions

    groups = list(zip([0, 0, 0, 1, 1, 1, 2, 2, 2], TEXTS))
    reading = readings.build(groups, seed=1, condition=readings.CONDITIONS["lecture continue"])
    calls: list = []
    _spy_speaking(monkeypatch, calls)
    guessed = align.align(reading.samples, readings.RATE, TEXTS)
    assert calls == [sorted(TEXTS), "voice.listen"]
    monkeypatch.setattr(junctions, "GUESS_BELOW_SHARE", 0.0)  # never guessed
    calls.clear()
    heard_first = align.align(reading.samples, readings.RATE, TEXTS)
    assert calls == ["voice.listen", sorted(TEXTS)]
    assert guessed == heard_first


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_a_wrong_guess_changes_no_boundary(monkeypatch):
    """A reading with pauses taken for one without by the energy (every reading is,
    here): espeak-ng started on the guess is stopped once voice.py hears the pauses,
    and the few texts needed are said at the end, as without the guess: the same
    boundaries."""
    from dictee.audio import align, junctions

    groups = list(zip([0, 0, 0, 1, 1, 1, 2, 2, 2], TEXTS))
    reading = readings.build(groups, seed=1, condition=readings.CONDITIONS["pauses"])
    calls: list = []
    _spy_speaking(monkeypatch, calls)
    monkeypatch.setattr(junctions, "GUESS_BELOW_SHARE", 100.0)  # always guessed
    guessed = align.align(reading.samples, readings.RATE, TEXTS)
    assert calls[:2] == [sorted(TEXTS), "voice.listen"]
    monkeypatch.setattr(junctions, "GUESS_BELOW_SHARE", 0.0)  # never
    calls.clear()
    unguessed = align.align(reading.samples, readings.RATE, TEXTS)
    assert calls[0] == "voice.listen" and sorted(TEXTS) not in calls
    assert guessed == unguessed


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_a_wrong_guess_leaves_nothing_running(tmp_path, monkeypatch):
    """espeak-ng started on a wrong guess is stopped as soon as voice.py has heard the
    pauses (junctions.speak_early), not at the end: nothing of it runs meanwhile."""
    from dictee.audio import align, junctions

    groups = list(zip([0, 0, 0, 1, 1, 1, 2, 2, 2], TEXTS))
    reading = readings.build(groups, seed=1, condition=readings.CONDITIONS["pauses"])
    hung_espeak = _hung_espeak(tmp_path, monkeypatch)
    monkeypatch.setattr(align, "OUTSIDE_MIN_GROUPS", 10 ** 6)  # its own espeak-ng aside
    monkeypatch.setattr(junctions, "GUESS_BELOW_SHARE", 100.0)
    speak_early, checked = junctions.speak_early, []

    def spied(*args, **kwargs):
        found = speak_early(*args, **kwargs)
        checked.append((found, len(hung_espeak), _nothing_left(hung_espeak)))
        return found

    monkeypatch.setattr(junctions, "speak_early", spied)
    align.align(reading.samples, readings.RATE, TEXTS)
    assert checked == [(None, 1, True)]
    assert _nothing_left(hung_espeak)


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_espeak_ng_guessed_is_stopped_by_an_interruption(tmp_path, monkeypatch):
    """Ctrl-C while voice.py listens, espeak-ng started on the guess: nothing is left
    running."""
    from dictee.audio import align, voice

    groups = list(zip([0, 0, 0, 1, 1, 1, 2, 2, 2], TEXTS))
    reading = readings.build(groups, seed=1,
                             condition=readings.CONDITIONS["lecture continue"])
    hung_espeak = _hung_espeak(tmp_path, monkeypatch)

    def interrupted(*args, **kwargs):
        # The first and last groups (outside.saying), and every text on the guess.
        assert len(hung_espeak) == 2 and all(p.poll() is None for p in hung_espeak)
        raise KeyboardInterrupt

    monkeypatch.setattr(voice, "listen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        align.align(reading.samples, readings.RATE, TEXTS)
    assert _nothing_left(hung_espeak)


@pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")
def test_espeak_ng_for_the_joins_starts_once_the_groups_are_placed(monkeypatch):
    """A reading with pauses, some boundaries read without one: espeak-ng is started
    for the groups around them as soon as the groups are placed, before their close
    calls are settled (junctions.speak_joined_ahead), and used, once; the boundaries
    are those of espeak-ng started after."""
    from dictee.audio import align, junctions

    groups = list(zip([0, 0, 0, 1, 1, 1, 2, 2, 2], TEXTS))
    reading = readings.build(groups, seed=1, condition=readings.CONDITIONS["pauses"])
    calls: list = []
    _spy_speaking(monkeypatch, calls)
    settled = align._settled

    def spied_settled(*args, **kwargs):
        calls.append("_settled")
        return settled(*args, **kwargs)

    monkeypatch.setattr(align, "_settled", spied_settled)
    ahead = align.align(reading.samples, readings.RATE, TEXTS)
    joins = [texts for texts in calls if isinstance(texts, list)]
    assert len(joins) == 1 and calls.index(joins[0]) < calls.index("_settled")
    assert 2 <= len(joins[0]) < len(TEXTS)  # the groups around the joins only
    monkeypatch.setattr(junctions, "speak_joined_ahead", lambda *args: None)
    calls.clear()
    after = align.align(reading.samples, readings.RATE, TEXTS)
    assert calls.index("_settled") < calls.index(joins[0])
    assert ahead == after


def test_espeak_ng_started_for_other_joins_is_stopped(monkeypatch):
    """Settling a close call may put a boundary in a pause, or take one out: espeak-ng
    started for the joins found before is stopped, and started for those found after;
    kept when they are the same."""
    import contextlib

    from dictee.audio import junctions

    started: list[list[str]] = []

    @contextlib.contextmanager
    def speaking(texts, said_in):
        started.append(sorted(set(texts)))
        yield refine.Speaking(sorted(set(texts)), said_in, lambda: None, lambda: None,
                              lambda: None)

    monkeypatch.setattr(refine, "speaking", speaking)
    texts = ["un", "deux", "trois", "quatre"]
    with contextlib.ExitStack() as espeak:
        stopped: list[bool] = []
        ahead = junctions.Guess(refine.Speaking(["deux", "trois", "un"], pitch.LOW_VOICE,
                                                lambda: None, lambda: None, lambda: None),
                                lambda: stopped.append(True))
        assert junctions.speak_joined(texts, [0, 1], espeak, pitch.LOW_VOICE,
                                      ahead) is ahead.speaking
        assert not stopped and not started
        other = junctions.speak_joined(texts, [2], espeak, pitch.LOW_VOICE, ahead)
        assert stopped == [True] and started == [["quatre", "trois"]]
        assert other is not None and other.texts == ["quatre", "trois"]
        stopped.clear()
        assert junctions.speak_joined(texts, [], espeak, pitch.LOW_VOICE,
                                      ahead) is None and stopped == [True]
