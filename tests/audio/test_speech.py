"""Judging the sounds voice.py measured: which are speech, which are noises."""

from __future__ import annotations

import numpy as np

from dictee.audio import speech, voice


def test_the_first_noise_of_a_pause_may_start_on_the_words_last_frame():
    """speech.first_noise_ms, the one rule for where an edge moved into a pause stops:
    a noise cut off where the word's echo restarts may start on the frame the word
    ends; one before the word's end, or at the next word's start, is not in the pause."""
    noises = np.array([990.0, 1000.0, 1500.0, 2600.0])
    assert speech.first_noise_ms(noises, [(1000, 2000), (1600, 2600), (2700, 2800)]).tolist() \
        == [1000, 2600, 2800]
    assert speech.first_noise_ms(np.zeros(0), [(0, 10)]).tolist() == [10]


def _frames(snr_db: list[float], voiced: list[bool], sounds: list[tuple[int, int]],
            weak: list[bool]) -> voice.Frames:
    """Frames of a reading in a reverberant room (sounds cut out of the echo), each
    frame's voicing as `voiced` says, whether tested yet or not."""
    voiced_all = np.array(voiced, bool)
    return voice.Frames(
        snr_db=np.array(snr_db, np.float32), voiced=voiced_all.copy(),
        clean_db=np.full(len(snr_db), -40.0, np.float32),
        sounds=np.array(sounds, np.int64).reshape(-1, 2), weak=np.array(weak, bool),
        voicing=lambda which: voiced_all[which], echo=True)


def test_an_end_far_from_the_last_vowel_in_a_sound_loud_where_unvoiced_is_doubted():
    """speech.early_vowels: a page turned just after a word, joined to it by the room's
    echo, makes one sound with it, loudest in the page (weak): an end put after the
    page is far from the word's last vowel. A word's own coda is not."""
    n = 200
    voiced = [20 <= k < 60 for k in range(n)]  # the word's vowel: 200 ms
    snr = [30.0] * n
    coda = round(speech.CODA_MS / 5)
    page = _frames(snr, voiced, [(0, n)], [True])
    # The vowel's last frame is 59: at CODA_MS after it, the end is still the word's.
    assert speech.early_vowels(page, np.array([n, 60 + coda + 1, 60 + coda])).tolist() \
        == [True, True, False]
    # The same end in a sound loudest where it is voiced: a word, however long its end.
    word = _frames(snr, voiced, [(0, n)], [False])
    assert speech.early_vowels(word, np.array([n])).tolist() == [False]
    assert speech.early_vowels(word, np.zeros(0, np.int64)).tolist() == []


def test_an_end_before_a_loud_noise_restarting_out_of_its_echo_is_doubted():
    """speech.loud_noise_after: a noise cut where it restarts out of the last sound's
    echo while that echo is still loud may be the word's own end (a nasal vowel the
    echo smears), if voiced somewhat; cut where the echo has fallen, apart from it, or
    with no voicing (a page), it is a noise."""
    n = 200
    smeared = (120, 130, 140, 150, 160)  # 5 voiced frames, 25 ms: short of speech (40 ms)
    def case(restart_db: float, sounds: list[tuple[int, int]], tail=smeared) -> bool:
        voiced = [10 <= k < 60 or k in tail for k in range(n)]
        snr = [30.0] * n
        snr[sounds[1][0]] = restart_db
        frames = _frames(snr, voiced, sounds, [False, True])
        return bool(speech.loud_noise_after(frames, np.array([80]))[0])
    assert case(speech.RESTART_LOUD_DB + 6, [(0, 100), (100, n)])
    assert case(speech.RESTART_LOUD_DB, [(0, 100), (100, n)])
    assert not case(speech.RESTART_LOUD_DB - 8, [(0, 100), (100, n)])  # echo fallen
    assert not case(speech.RESTART_LOUD_DB + 6, [(0, 100), (105, n)])  # a sound apart
    assert not case(speech.RESTART_LOUD_DB + 6, [(0, 100), (100, n)], ())  # a page
    # Voiced in half of MIN_VOICED_MS (4 frames of 5 ms), not less.
    assert case(speech.RESTART_LOUD_DB + 6, [(0, 100), (100, n)], (120, 130, 140, 150))
    assert not case(speech.RESTART_LOUD_DB + 6, [(0, 100), (100, n)], (120, 130, 140))
    # After a noise, not a word: nothing of a word to lose.
    noise_first = _frames([30.0] * n, [k in (120, 130, 140, 150) for k in range(n)],
                          [(0, 100), (100, n)], [True, True])
    assert not speech.loud_noise_after(noise_first, np.array([80]))[0]
    # The echo fallen, but the sound before voiced right up to the restart: a vowel whose
    # own consonant follows at once (« sache » read slowly), not a noise in the pause.
    def after_vowel(last_voiced: int) -> bool:
        voiced = [10 <= k <= last_voiced or k in smeared for k in range(n)]
        snr = [30.0] * n
        snr[100] = speech.RESTART_LOUD_DB - 12
        frames = _frames(snr, voiced, [(0, 100), (100, n)], [False, True])
        return bool(speech.loud_noise_after(frames, np.array([80]))[0])
    assert after_vowel(99)
    assert not after_vowel(98)  # one frame short of the restart
    assert not after_vowel(100 - speech.VOICED_TO_RESTART - 1)
    # The last sound of the recording: nothing after it.
    last = _frames([30.0] * n, [10 <= k < 60 for k in range(n)], [(0, n)], [False])
    assert speech.loud_noise_after(last, np.array([n - 1])).tolist() == [False]


def test_a_start_on_a_noise_moves_to_where_the_word_restarts_out_of_its_echo():
    """speech.past_noises: a group started on a noise whose echo runs into its first
    word (its first vowel late) starts where the word restarts out of that echo, if
    what it leaves out holds no vowel. Not when no sound restarts before the vowel, nor
    when the piece left out is voiced (a voiced consonant cut from its vowel)."""
    n = 200
    vowel = [70 <= k < 150 for k in range(n)]
    snr = [25.0] * n
    start, end = np.array([0]), np.array([n])
    noise = _frames(snr, vowel, [(0, 60), (60, n)], [True, False])
    assert speech.past_noises(noise, start, end).tolist() == [60]
    # Two restarts before the vowel (a noise, its echo's ripple): the last, the word's.
    twice = _frames(snr, vowel, [(0, 30), (30, 60), (60, n)], [True, True, False])
    assert speech.past_noises(twice, start, end).tolist() == [60]
    # A word restarting on its vowel's first frame.
    on_vowel = _frames(snr, vowel, [(0, 70), (70, n)], [True, False])
    assert speech.past_noises(on_vowel, start, end).tolist() == [70]
    # Already on the word's consonant, 50 ms before its vowel: not moved.
    assert speech.past_noises(noise, np.array([60]), end).tolist() == [60]
    # One sound, nowhere to restart: where it was.
    whole = _frames(snr, vowel, [(0, n)], [False])
    assert speech.past_noises(whole, start, end).tolist() == [0]
    # The piece before the restart voiced in one frame of two: a consonant, kept.
    buzzing = [k < 60 and k % 2 == 0 or v for k, v in enumerate(vowel)]
    voiced = _frames(snr, buzzing, [(0, 60), (60, n)], [True, False])
    assert speech.past_noises(voiced, start, end).tolist() == [0]
    # The vowel past the group's end: the group is the noise, nothing to move to.
    assert speech.past_noises(noise, start, np.array([65])).tolist() == [0]
    # The vowel beyond SEARCH_MS: not looked for so far.
    far = round(speech.SEARCH_MS / 5) + 10
    late = _frames([25.0] * (far + 50), [far <= k < far + 20 for k in range(far + 50)],
                   [(0, 60), (60, far + 50)], [False, False])
    assert speech.past_noises(late, start, np.array([far + 50])).tolist() == [0]
    # Voiced frames at the recording's very end are no vowel: beyond it, nothing is.
    edge = _frames([25.0] * 100, [k >= 97 for k in range(100)], [(0, 50), (50, 100)],
                   [True, True])
    assert speech.past_noises(edge, np.array([40]), np.array([100])).tolist() == [40]


def test_a_start_on_a_noise_after_a_voiced_echo_moves_too():
    """speech.past_noises: the voiced echo of the word before, at the start of a noise,
    makes the group's first vowel look on time; a group that starts with a sound
    loudest where it is not voiced (Frames.weak), which the next restarts out of, moves
    to that restart all the same, if what it leaves out holds no vowel. Not when the
    group starts deep inside that sound (a boundary put within a word), nor when the
    restart is too close to move for (less than MIN_VOICED_MS)."""
    n = 200
    # The echo's voicing (frames 0-7, 40 ms: a vowel to late_onsets, too short a one to
    # scattered), a page (8-59), the word's vowel from 70.
    voiced = [k < 8 or 70 <= k < 150 for k in range(n)]
    snr = [25.0] * n
    end = np.array([n])
    page = _frames(snr, voiced, [(0, 60), (60, n)], [True, False])
    assert not speech.late_onsets(page, np.array([0]))[0]
    assert speech.past_noises(page, np.array([0]), end).tolist() == [60]
    # Loudest where voiced: a word, not a noise.
    word = _frames(snr, voiced, [(0, 60), (60, n)], [False, False])
    assert speech.past_noises(word, np.array([0]), end).tolist() == [0]
    # The group put 100 ms into the sound, on the voiced echo: a boundary inside the
    # sound, not at a noise's start (from the sound's start, it moves).
    inside = _frames(snr, [20 <= k < 28 or 90 <= k < 170 for k in range(n)],
                     [(0, 80), (80, n)], [True, False])
    assert speech.past_noises(inside, np.array([20, 0]), np.array([n, n])).tolist() == [20, 80]
    # The restart 35 ms after the start: not worth a move.
    close = _frames(snr, voiced, [(0, 7), (7, n)], [True, False])
    assert speech.past_noises(close, np.array([0]), end).tolist() == [0]
