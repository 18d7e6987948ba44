"""Finding the meaning groups in a reading whose boundaries are known."""

from __future__ import annotations

import dataclasses
import zipfile

import numpy as np
import pytest

from dictee.audio import align, hiss, io, pitch, plausible, refine, reverb, segment, speech, voice
from dictee.content.loader import ContentRoot
from dictee.errors import AudioError
from tests.audio import readings, unseen
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")

# A second, shorter text than the shipped case, cut by hand into its groups.
OTHER = [(0, "Chaque matin, la boulangère"), (0, "ouvre sa boutique"),
         (0, "avant le lever du soleil."), (1, "Les enfants du quartier"),
         (1, "passent devant la vitrine"), (1, "en rêvant de croissants.")]


# The same text with numbers, for the conditions below (short: espeak-ng is called once
# per piece, voice and speed in a session).
WITH_NUMBERS = OTHER + [(2, "Entre 2000 et 2020,"), (2, "la boutique a fermé 3 fois"),
                        (2, "pendant 15 jours.")]
# Condition → (median, worst) boundary error allowed, in ms: the goal, 30 and 250,
# everywhere but the median in a reverberant room (34 ms on this short text: a word
# that fades out before a pause is taken for the room's echo and ends 120-170 ms
# early); benchmarks/audio.py prints the figures on longer texts.
BOUNDS = {name: (30, 250) for name in readings.CONDITIONS} | {"réverbération": (60, 250)}


@pytest.mark.parametrize("name", list(readings.CONDITIONS))
def test_every_group_is_found_in_every_condition(name):
    condition = readings.CONDITIONS[name]
    reading = readings.build(WITH_NUMBERS, seed=3, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    assert len(spans) == len(WITH_NUMBERS)
    found = errors(spans, reading.truth)
    median, worst = BOUNDS[name]
    assert np.median(found) <= median and found.max() <= worst, found
    # A cough, a chair or a page in a pause is never taken into a group.
    assert reading.events if condition.events else not reading.events
    for start, end in reading.events:
        assert not any(s.start_ms < end and start < s.end_ms for s in spans), (start, end)


def test_uncertain_boundaries_are_flagged():
    """In a very reverberant room the aligner is often wrong: it must say so."""
    reading = readings.build(WITH_NUMBERS, seed=3, condition=readings.VERY_REVERBERANT)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    wrong = {i for i, e in enumerate(errors(spans, reading.truth).max(axis=1)) if e > 250}
    flagged = {i for i, s in enumerate(spans) if s.doubt}
    assert wrong and len(wrong & flagged) >= len(wrong) / 2
    clean = readings.build(WITH_NUMBERS, seed=3)
    assert not any(s.doubt for s in align.align(clean.samples, readings.RATE,
                                                [t for _, t in WITH_NUMBERS]))


def test_a_very_reverberant_room_with_long_pauses_is_not_refused():
    """A room of 1.5 s where the reader pauses long (1.2 to 2.5 s): the room is measured,
    and the last frame of speech moved back from the end of the last word's echo to
    where the voice stopped. A candidate left in that echo had more speech before it
    than the whole reading: the last group's length was negative, its cost NaN
    (« invalid value encountered in log »), and the reading refused (« impossible de
    retrouver les 10 groupes »)."""
    condition = dataclasses.replace(readings.VERY_REVERBERANT, gaps_ms=(1200, 1500, 1800),
                                    sentence_gap_ms=2500)
    reading = readings.build(WITH_NUMBERS, seed=4, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    assert len(spans) == len(WITH_NUMBERS)
    assert all(a.end_ms <= b.start_ms for a, b in zip(spans, spans[1:]))


@pytest.fixture(scope="module")
def luis_manuel():
    level = ContentRoot(REPO).load("luis-manuel").levels["primaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    return groups, readings.build(groups)


def errors(spans, truth) -> np.ndarray:
    return np.array([[abs(s.start_ms - a), abs(s.end_ms - b)] for s, (a, b) in zip(spans, truth)])


@pytest.mark.parametrize("which", ["luis-manuel", "other"])
def test_boundaries_are_found_within_the_tolerances(which, luis_manuel):
    groups, reading = luis_manuel if which == "luis-manuel" else (OTHER, readings.build(OTHER))
    assert min(reading.gaps) <= 30 and reading.inner_pauses  # the hard cases are there
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert len(spans) == len(groups)
    found = errors(spans, reading.truth)
    assert np.median(found) <= 50, found
    assert found.max() <= 200, [(i, groups[i][1]) for i in np.flatnonzero(found.max(1) > 200)]
    # In order, never overlapping, inside the recording.
    bounds = [x for s in spans for x in (s.start_ms, s.end_ms)]
    assert bounds == sorted(bounds)
    assert bounds[-1] <= len(reading.samples) * 1000 / readings.RATE


@pytest.mark.parametrize(("slug", "name"), [("chow-hang-tung", "secondaire"),
                                             ("dorgelesse", "primaire")])
def test_every_shipped_text_read_with_pauses_is_cut_within_the_goal(slug, name):
    """« à Pékin, en 1989. »: the number is said in 30 letters, not 4 digits; counted as
    digits, the group looked short and its comma's pause was taken for its start (831 ms
    off). « d'« incitation » is said with no pause after « d' » (espeak-ng made one)."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30, found
    assert found.max() <= 250, [(i + 1, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)]


def test_a_closure_inside_a_word_is_not_taken_for_the_pause_between_sentences():
    """Read without pauses, « …des soins réguliers. » then « Le 22 septembre 2020, »
    with a breath of 120 ms between them: the closures of « p » and « t » in
    « septembre » make a pause of 225 ms, longer, a word later. The lengths of the
    groups hardly tell them apart; the boundary was put in « septembre », 911 ms off,
    and said to be sure."""
    level = ContentRoot(REPO).load("dorgelesse").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0, condition=readings.CONDITIONS["lecture continue"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    sentence_end = next(i for i, (_, text) in enumerate(groups) if text.endswith("réguliers."))
    assert groups[sentence_end + 1][1].startswith("Le 22 septembre")
    found = errors(spans, reading.truth).max(axis=1)
    off = [(i + 1, groups[i][1], int(found[i])) for i in np.flatnonzero(found > 250)
           if not spans[i].doubt]
    assert not off  # every boundary within 250 ms, or to be checked by ear
    assert _flagged(spans) <= len(spans) // 3  # not by naming every group


def test_pauses_inside_a_group_do_not_split_it(luis_manuel):
    groups, reading = luis_manuel
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    for index in reading.inner_pauses:
        start, end = reading.truth[index]
        assert abs(spans[index].start_ms - start) <= 200 and abs(spans[index].end_ms - end) <= 200


def test_silence_and_noise_are_refused():
    texts = [t for _, t in OTHER]
    silent = np.zeros(readings.RATE * 8, np.int16)
    noise = (np.random.default_rng(0).standard_normal(readings.RATE * 8) * 300).astype(np.int16)
    for samples in (silent, noise):
        with pytest.raises(AudioError, match="silencieux ou ne contient que du bruit"):
            align.align(samples, readings.RATE, texts)


def test_a_recording_far_too_short_or_too_long_is_refused(luis_manuel):
    groups, reading = luis_manuel
    texts = [t for _, t in groups]
    with pytest.raises(AudioError, match="durée peu plausible"):
        align.align(reading.samples[: readings.RATE * 4], readings.RATE, texts)
    # The whole reading for a single short sentence: far too much speech for it.
    with pytest.raises(AudioError, match="trop de parole|durée peu plausible"):
        align.align(reading.samples, readings.RATE, ["Il peint."])


def test_the_paced_track_of_a_text_is_not_taken_for_its_reading(luis_manuel):
    """A wrong file of plausible length: the text said five times over, with pauses."""
    groups, reading = luis_manuel
    texts = [t for _, t in groups]
    five = np.concatenate([reading.samples] * 5)
    with pytest.raises(AudioError, match="trop de parole"):
        align.align(five, readings.RATE, texts)


def test_shipped_placeholders_are_found_exactly():
    """The synthetic readings ship with exact labels: segmentation must agree."""
    from dictee.audio.labels import read_labels

    root = ContentRoot(REPO)
    level = root.load("luis-manuel").levels["secondaire"]
    samples = io.decode_samples(level.recording)
    spans = align.align(samples, io.SAMPLE_RATE, [g.text for g in level.groups])
    truth = [(lab.start_ms, lab.end_ms) for lab in read_labels(root.labels("luis-manuel",
                                                                            "secondaire"))]
    assert errors(spans, truth).max() <= 30


def test_segmenter_names_the_groups_to_check_and_marks_them(cli, content):
    """A very reverberant room: segmenter says which groups to check, the label file
    marks them; here most groups are in doubt, so all of them are (doubt.all_when_most),
    and segmenter says so in three words rather than twenty-three numbers."""
    import wave

    from dictee.audio.labels import DOUBT_MARK

    level = ContentRoot(content).load("luis-manuel").levels["primaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=3, condition=readings.VERY_REVERBERANT)
    folder = content / "audio" / "luis-manuel"
    for old in folder.glob("primaire.*"):
        old.unlink()
    with wave.open(str(folder / "primaire.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(readings.RATE)
        out.writeframes(reading.samples.tobytes())
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "vérifiez tous les groupes dans Audacity" in said
    lines = (folder / "primaire.labels.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(groups) and all(DOUBT_MARK in line for line in lines)
    # The kit can still be cut from it; verifier reminds the groups still to check.
    report = cli("verifier", "luis-manuel")
    assert "à vérifier à l'oreille" in " ".join(report.output.split())


def _write_reading(folder, name, reading) -> None:
    import wave

    for old in folder.glob(f"{name}.*"):
        old.unlink()
    with wave.open(str(folder / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(readings.RATE)
        out.writeframes(reading.samples.tobytes())


# A voice drowned in its echo or in a noise: what each command says of it, and what the
# hint says to do.
DROWNED = {
    "écho de 1,5 s": (readings.VERY_REVERBERANT, "trop de réverbération", "plus près du micro"),
    "bruit 7 dB sous la voix": (readings.Condition("bruit 7 dB", snr_db=7.0),
                                "trop de bruit de fond", "endroit plus calme"),
}


@pytest.mark.parametrize("name", list(DROWNED))
def test_a_reading_drowned_in_its_echo_or_a_noise_is_refused_for_what_it_is(
        cli, content, tmp_path, name):
    """At 1.5 s of reverberation the echo fills every pause of the secondary reading; 7 dB
    under the voice, a noise does. Both were refused as « silencieux ou ne contient que
    du bruit », which sends staff looking for a muted microphone. `preparer` imports
    them with a warning, `segmenter` refuses them for what they are, with what to do;
    `verifier` only warns, and the kit is cut from labels placed by hand."""
    condition, said_as, hint = DROWNED[name]
    level = ContentRoot(content).load("luis-manuel").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=3, condition=condition)
    with pytest.raises(AudioError, match=said_as) as refused:
        align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert hint in (refused.value.hint or "") and "Audacity" in (refused.value.hint or "")
    _write_reading(tmp_path, "lecture", reading)
    imported = cli("audio", "preparer", "luis-manuel", str(tmp_path / "lecture.wav"),
                   "--niveau", "secondaire", "--force")
    said = " ".join(imported.output.split())
    assert imported.exit_code == 0 and said_as in said, said
    # The old reading's labels, set aside: none of the kit is cut from them.
    assert "mises de côté sous" in said and "secondaire.labels.ancien.txt" in said, said
    assert not ContentRoot(content).labels("luis-manuel", "secondaire").exists()
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "secondaire", "--force")
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and said_as in said, said
    assert "silencieux" not in said and "Traceback" not in said
    report = cli("verifier", "luis-manuel")
    said = " ".join(report.output.split())
    assert said_as in said and "silencieux" not in said, said
    # segmenter refuses it: the missing labels are to be made in Audacity, not by segmenter.
    assert "Créez-le dans Audacity" in said and "Créez-le avec" not in said, said
    # The whole recording is kept: the timeline is unchanged, nothing of the voice is cut
    # off (the level cannot tell where it ends).
    said = " ".join(imported.output.split())
    assert "rien de coupé au début ni à la fin" in said
    assert "Ligne du temps : début inchangé, fin inchangée." in said
    # The labels placed by hand (here, where the groups truly are) cut the kit's audio.
    labels = ContentRoot(content).labels("luis-manuel", "secondaire")
    labels.write_text("".join(f"{start / 1000:.3f}\t{end / 1000:.3f}\t{text}\n"
                              for (start, end), (_, text) in zip(reading.truth, groups)),
                      encoding="utf-8")
    built = cli("kit", "luis-manuel", "--niveau", "secondaire", "--sans-pdf", "--sortie",
                str(tmp_path / "kits"))
    assert built.exit_code == 0, built.output
    (kit,) = (tmp_path / "kits").glob("*.zip")
    with zipfile.ZipFile(kit) as archive:
        assert any(n.endswith("dictee-rythmee.mp3") for n in archive.namelist())


def test_steady_noise_is_still_called_noise():
    """No voice in it, however loud: pink noise, and a hum under a light hiss."""
    rng = np.random.default_rng(5)
    count = readings.RATE * 20
    seconds = np.arange(count) / readings.RATE
    for noise in (readings._pink(count, rng) * 0.05,
                  np.sin(2 * np.pi * 120 * seconds) * 0.1 + rng.standard_normal(count) * 0.01):
        samples = np.concatenate((np.zeros(readings.RATE // 2), noise * 32768)).astype(np.int16)
        assert plausible.speech_problem(samples, readings.RATE) is plausible.NOTHING_SPOKEN
        with pytest.raises(AudioError, match="silencieux ou ne contient que du bruit"):
            align.align(samples, readings.RATE, [t for _, t in OTHER])


def test_a_group_read_twice_or_skipped_is_reported():
    from dictee.audio.plausible import reading_problems

    texts = ["Il peint, il danse", "et il aime porter", "des costumes rose vif.",
             "Un an plus tard,", "il a été condamné."]
    spans = [(0, 1200), (1400, 2400), (2600, 3800), (4000, 4900), (5100, 6300)]
    assert reading_problems(spans, texts) == []
    twice = spans[:2] + [(2600, 7400)] + [(7600, 8500), (8700, 9900)]
    found = reading_problems(twice, texts)
    assert [p.group for p in found] == [3]
    assert "le groupe 3 (2,6\u00a0s – 7,4\u00a0s) est bien trop long" in found[0].message


def test_a_long_group_squeezed_by_a_boundary_gone_astray_is_reported():
    """Read without a pause at a changing pace, a group of 11 syllables was left 164 ms
    by a boundary 1.8 s off: measured under 400 ms, it was never judged."""
    from dictee.audio.plausible import reading_problems

    texts = ["Il peint, il danse", "et il aime porter", "des costumes rose vif.",
             "Un an plus tard, il a été condamné", "à deux ans de prison."]
    spans = [(0, 1200), (1400, 2400), (2600, 3800), (3800, 3964), (3964, 6000)]
    found = reading_problems(spans, texts)
    assert [p.group for p in found] == [4]
    # Under a second, in hundredths: « 3,8 s – 4,0 s » hardly told where to listen.
    assert "le groupe 4 (3,80\u00a0s – 3,96\u00a0s) est bien trop court pour ses 11 syllabes" \
        " : 0,16\u00a0s au lieu d'environ" in found[0].message
    # A word said in less time than it takes is still not judged: it is too short.
    short = spans[:3] + [(3800, 3950), (4000, 6000)]
    assert reading_problems(short, texts[:3] + ["Puis", "à deux ans de prison."]) == []


@pytest.mark.parametrize("name", ["réverbération", "pauses", "voix f3", "bruit 10 dB"])
def test_the_room_echo_is_measured_only_in_a_reverberant_room(name, luis_manuel):
    """A room with a reverberation time of 0.6 s falls by 60 dB in 0.6 s (100 dB/s);
    a dry reading, even a voice that fades out or one under noise, is left alone."""
    reading = readings.build(luis_manuel[0], seed=3, condition=readings.CONDITIONS[name])
    frames = voice.analyse(reading.samples, readings.RATE)
    level = segment.from_levels(frames.snr_db, readings.RATE).smooth_db
    silent = segment.runs(speech.speech_mask(frames), False)
    # Where the speech stops before each long pause (a pause opening the file follows none).
    long = (silent[:, 1] - silent[:, 0]) * segment.HOP_MS >= 100
    ends = silent[long & (silent[:, 0] > 0), 0]
    rate = reverb.decay_rate(level, ends)
    if name == "réverbération":
        assert rate is not None and 60 <= rate * 1000 / segment.HOP_MS <= 160
    else:
        assert rate is None


@pytest.mark.parametrize("db_per_s", [30.0, 90.0])
def test_falls_slower_than_a_measurable_room_are_a_voice_fading(db_per_s):
    """Every pause reached by a fall at one rate, as in a room: at 90 dB/s (0.67 s of
    reverberation) the room is measured; at 30 dB/s (2 s), an echo that would never
    reach the noise in a reader's pauses, it is not: such falls are a voice fading out
    (reverb.SLOWEST_ROOM_DB_PER_S)."""
    per_frame = db_per_s * segment.HOP_MS / 1000
    fall = np.arange(40.0, -0.01, -per_frame)  # from 40 dB above the noise to it
    speech, pause = np.full(200, 40.0), np.zeros(60)
    level = np.concatenate([np.concatenate((speech, fall, pause)) for _ in range(8)])
    ends = np.flatnonzero(np.diff((level > 0.5).astype(int)) == -1) + 1
    assert len(ends) == 8
    rate = reverb.decay_rate(level.astype(np.float32), ends)
    if db_per_s < reverb.SLOWEST_ROOM_DB_PER_S:
        assert rate is None
    else:
        assert rate is not None and abs(rate * 1000 / segment.HOP_MS - db_per_s) <= 5


def test_a_dry_reading_under_noise_with_noises_in_its_pauses_is_no_room():
    """10 dB above a noise, with a chair, a cough or a page in its long pauses: the
    falls of only 3 of its 107 pauses could be measured, all slow (noises fading out),
    and the reading was taken for a room of 2.4 s; the ends of 7 of its groups were
    then moved back from where the voice stops, by 0.26-0.34 s."""
    level = ContentRoot(REPO).load("dorgelesse").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    condition = readings.NOISE_AND_NOISES
    reading = readings.build(groups, seed=0, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    ends = np.array([abs(s.end_ms - end) for s, (_, end) in zip(spans, reading.truth)])
    assert ends.max() <= 250, ends


@pytest.mark.parametrize(("slug", "name"), [("luis-manuel", "primaire"),
                                            ("sasha", "secondaire")])
def test_a_room_echo_does_not_move_a_boundary_by_a_word(slug, name):
    """In a room (reverberation time 0.6 s), the echo shortens a 400 ms pause to 165 ms
    of silence and fills the gaps between words read without a pause. Before, the
    boundaries after « il a été arrêté » (luis-manuel) and « des étiquettes de prix »
    (sasha) were put a word late, 0.4 and 0.5 s off: the pause must stay a pause, the
    shallow dip of a join must still be a place to cut, and a boundary refined by the
    synthetic reading must keep the restart it found."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=2, condition=readings.CONDITIONS["réverbération"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    assert found.max() <= 250, [(i, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)]


# Groups ending on a consonant that the echo of their last vowel hides under 4 kHz.
CONSONANT_ENDS = [(0, "Sasha est une artiste russe."), (1, "Il aime créer des performances."),
                  (2, "Elle joue de la flûte,"), (2, "du piano et de la guitare."),
                  (3, "Elle a la maladie cœliaque."), (4, "Il peint, il danse")]


@pytest.mark.parametrize("seed", range(4))
def test_a_final_consonant_under_the_echo_stays_in_its_group(seed):
    """In a room (0.6 s), « russe », « performances », « cœliaque » and « danse » before a
    pause ended on their vowel, 130-210 ms early: the echo of the vowel hides the final
    « s » or « k » under 4 kHz. Above 4 kHz the consonant stands out, and ends where its
    own echo begins."""
    reading = readings.build(CONSONANT_ENDS, seed=seed,
                             condition=readings.CONDITIONS["réverbération"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in CONSONANT_ENDS])
    for group in (0, 1, 4, 5):
        assert abs(spans[group].end_ms - reading.truth[group][1]) <= 80, \
            (CONSONANT_ENDS[group][1], spans[group].end_ms, reading.truth[group][1])


def test_a_dip_between_words_is_shallower_in_a_room():
    """The echo lets the level fall only so far in the silence of a join (CLOSURE_MS):
    100 dB/s (a reverberation time of 0.6 s) allows about 4 dB, a dry room the usual
    6 dB, and the level's own flicker sets a floor."""
    per_frame = segment.HOP_MS / 1000
    assert reverb.dip_depth(100 * per_frame) == pytest.approx(4.0)
    assert reverb.dip_depth(1000 * per_frame) == segment.DIP_MIN_DEPTH_DB
    assert reverb.dip_depth(20 * per_frame) == reverb.SHALLOWEST_DIP_DB


def test_the_voice_stops_before_the_valley_it_ends_in():
    """An end found in the dip before the next word is followed back along the echo
    from that dip, not from the deeper pause one word earlier (a group cut a word
    short)."""
    rate = 0.5  # dB per frame
    level = np.full(200, 30.0, np.float32)
    level[60:100] = 30 - rate * np.arange(40)  # the first word's echo, down to 10.5 dB
    level[100:110] = 10.0  # a pause
    level[110:125] = 30.0  # a short word
    level[125:135] = 30 - rate * np.arange(10)  # its echo, then the next word
    assert reverb.direct_end(level, 134, rate) >= 120


def test_without_espeak_ng_a_continuous_reading_is_still_cut(monkeypatch):
    """espeak-ng is optional at run time: without it, boundaries inside continuous
    speech stay where the energy and the lengths put them (less precisely)."""
    from dictee.audio import espeak

    reading = readings.build(WITH_NUMBERS, seed=3,
                             condition=readings.CONDITIONS["lecture continue"])
    texts = [t for _, t in WITH_NUMBERS]
    with_model = errors(align.align(reading.samples, readings.RATE, texts), reading.truth)
    monkeypatch.setattr(espeak, "command", lambda: None)
    without = errors(align.align(reading.samples, readings.RATE, texts), reading.truth)
    assert len(without) == len(texts) and np.median(without) <= 40 and without.max() <= 400
    assert with_model.max() < without.max()


def test_texts_said_in_one_call_are_cut_apart():
    from dictee.audio import synth

    texts = ["Chaque matin, la boulangère", "ouvre sa boutique", "Entre 2000 et 2020 & <après>"]
    said = synth.said(texts, pitch.LOW_VOICE, refine.WORDS_PER_MINUTE)
    assert said is not None and len(said.spans) == 3
    seconds = [len(said.piece(k)) / said.rate for k in range(3)]
    assert 1.0 < seconds[0] < 3.0 and 0.5 < seconds[1] < 2.0 and seconds[2] > seconds[1]


# Digital silence (exact zeros) around a reading: a recorder's lead-in, an editor's padding.
PADDING_S = 2


def _padded(samples: np.ndarray) -> np.ndarray:
    zeros = np.zeros(PADDING_S * readings.RATE, np.int16)
    return np.concatenate((zeros, samples, zeros))


def test_a_noisy_reading_padded_with_digital_silence_is_still_called_noisy():
    """Noise 3 dB under the voice: refused as too noisy, with or without 2 s of zeros
    before and after it (they made the noise floor −100 dBFS, and the noise pass for
    speech)."""
    texts = [t for _, t in OTHER]
    noisy = readings.build(OTHER, seed=3, condition=readings.Condition("bruit 3 dB",
                                                                       snr_db=3.0))
    zeros = np.zeros(PADDING_S * readings.RATE, np.int16)
    for samples in (noisy.samples, np.concatenate((zeros, noisy.samples)), _padded(noisy.samples)):
        assert plausible.speech_problem(samples, readings.RATE) is plausible.TOO_NOISY
        with pytest.raises(AudioError, match="trop de bruit de fond"):
            align.align(samples, readings.RATE, texts)


@pytest.mark.parametrize("name", ["pauses", "bruit 10 dB"])
def test_a_reading_padded_with_digital_silence_gives_the_same_boundaries(name):
    """The same reading with 2 s of zeros before and after it: it still passes, and its
    groups are found at the same places, shifted by the padding (the noise spectrum and
    the noise of the pauses around a sibilant are measured on the frames heard)."""
    groups = [(0, "Sous la neige, six sapins"), (0, "cachaient des chevreuils"),
              (1, "Les enfants du quartier"), (1, "passent devant les vitrines")]
    texts = [t for _, t in groups]
    reading = readings.build(groups, seed=3, condition=readings.CONDITIONS[name])
    padded = _padded(reading.samples)
    assert plausible.speech_problem(padded, readings.RATE) is None
    alone = align.align(reading.samples, readings.RATE, texts)
    shifted = [(s.start_ms - PADDING_S * 1000, s.end_ms - PADDING_S * 1000, s.doubt)
               for s in align.align(padded, readings.RATE, texts)]
    assert shifted == [(s.start_ms, s.end_ms, s.doubt) for s in alone]
    assert np.median(errors(alone, reading.truth)) <= 30


@pytest.mark.parametrize("seed", [1, 2])
def test_a_noise_in_a_reverberant_room_stays_out_of_the_groups(seed):
    """A cough, a chair or a page in the pauses of a room (reverberation time 0.6 s):
    the word's echo runs into the noise, and the noise's into the next word, all above
    the room's noise. Taken as one sound with the word's voicing, 5 of the 7 noises were
    given to a group (a group starting 300-600 ms early, or ending as late); each piece
    that starts out of an echo is now judged on its own voicing."""
    condition = readings.CONDITIONS["réverbération et bruits"]
    reading = readings.build(WITH_NUMBERS, seed=seed, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    assert len(reading.events) == 7
    for start, end in reading.events:
        assert not any(s.start_ms < end and start < s.end_ms for s in spans), (start, end)
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30 and found.max() <= 250, found


def test_an_editors_cut_to_digital_silence_is_not_the_rooms_noise(luis_manuel):
    """A reading at 10 dB SNR whose editor zeroed 300 ms in the middle of its ten
    longest pauses (3 s of 40): those zeros are no room, and the noise is measured
    without them (segment.heard). Taken for the noise, they lowered it, and groups
    ended up to 300 ms off (median 20 ms); the shipped synthetic readings, whose pauses
    are all digital silence (21-27 % of their frames), keep it as their noise."""
    groups = luis_manuel[0]
    reading = readings.build(groups, seed=1, condition=readings.CONDITIONS["bruit 10 dB"])
    samples = reading.samples.copy()
    pauses = sorted(zip(reading.truth, reading.truth[1:]), key=lambda p: p[1][0] - p[0][1])
    for (_, end), (start, _) in pauses[-10:]:
        middle = (end + start) / 2 * readings.RATE / 1000
        samples[int(middle - 0.15 * readings.RATE):int(middle + 0.15 * readings.RATE)] = 0
    spans = align.align(samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30 and found.max() <= 250, found


def test_digital_silence_inside_is_the_noise_only_when_it_fills_the_pauses():
    levels = np.full(1000, -60.0)
    levels[:50] = levels[-50:] = segment.SILENCE_DBFS  # padding: never heard
    cut = levels.copy()
    cut[400:500] = segment.SILENCE_DBFS  # 11 % of the reading: an editor's cut
    assert not segment.heard(cut)[400:500].any() and segment.heard(cut)[50:400].all()
    gated = levels.copy()
    for start in range(100, 900, 100):
        gated[start:start + 25] = segment.SILENCE_DBFS  # 22 %: the pauses of a noise gate
    assert segment.heard(gated)[50:950].all() and not segment.heard(gated)[:50].any()


def test_a_pause_under_noise_is_not_passed_over_for_a_hissed_gap():
    """Chow Hang-tung (secondaire) at 10 dB SNR: in « cette association organisait
    chaque 4 juin », the noise buries every « s » below 4 kHz, and the group seemed to
    hold a dozen pauses and half its speech. Its lengths put its end past the 300 ms
    pause that follows, 432 ms into « une grande veillée », without a warning. The hiss
    of those gaps now counts as speech (hiss.filled): every boundary is within 250 ms,
    or its group is named to be checked."""
    level = ContentRoot(REPO).load("chow-hang-tung").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=2, condition=readings.CONDITIONS["bruit 10 dB"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    off = [(i + 1, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)
           if not spans[i].doubt]
    assert not off, off
    assert np.median(found) <= 30
    assert _flagged(spans) <= len(spans) // 3  # not by naming every group


def test_a_refined_boundary_that_stops_short_of_a_pause_is_flagged(monkeypatch):
    """The same reading placed as before hiss.filled: the 300 ms pause after « 4 juin »
    is passed over for a short one in « une grande », and espeak-ng's reading, which
    says the two groups without a pause, puts the boundary 120 ms short of the real
    pause (SNAP_MS away). A boundary that misses a real pause this closely is put where
    the synthetic reading and the reader's pause disagree: both groups are flagged."""
    monkeypatch.setattr(hiss, "filled", lambda samples, rate, pauses, measured=None:
                        np.zeros((len(pauses), 2), np.int64))
    level = ContentRoot(REPO).load("chow-hang-tung").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=2, condition=readings.CONDITIONS["bruit 10 dB"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    off = [i + 1 for i in np.flatnonzero(found.max(1) > 250) if not spans[i].doubt]
    assert not off, off
    assert _flagged(spans) <= len(spans) // 3  # not by naming every group


@pytest.mark.parametrize(("slug", "name"), [("chow-hang-tung", "secondaire"),
                                             ("luis-manuel", "secondaire"),
                                             ("luis-manuel", "primaire"),
                                             ("sasha", "secondaire")])
def test_a_group_that_took_in_a_noise_of_a_reverberant_room_is_named_to_check(slug, name):
    """Coughs, chairs and pages in the pauses of a room (0.6 s): a chair's echo joins
    the word's, and its scattered voiced frames let it pass for speech; a page turned
    100 ms after a word rises in the word's echo and was taken for its final consonant.
    A noise taken into a group now comes with that group flagged (speech.scattered), and
    the consonant given back to a word never runs on into a noise. In Luis Manuel
    (primaire) and Sasha (secondaire), the chair's sound is not the group's first: a
    sliver of the previous word's echo is; any such sound in the group counts."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert len(reading.events) >= 20
    taken = [(i + 1, round(start)) for start, end in reading.events
             for i, s in enumerate(spans) if s.start_ms < end and start < s.end_ms]
    assert not [(group, at) for group, at in taken if not spans[group - 1].doubt], taken
    assert _flagged(spans) <= len(spans) // 3  # not by naming every group


@pytest.mark.parametrize(("slug", "name"), [("chow-hang-tung", "secondaire"),
                                             ("dorgelesse", "primaire"),
                                             ("luis-manuel", "primaire")])
def test_a_noise_alone_in_a_pause_of_a_reverberant_room_is_in_no_group(slug, name):
    """Coughs, chairs and pages in the pauses of a room (0.6 s), seed 0: a chair holds
    enough scattered voiced frames to pass for speech, and groups started on it, up to
    0.66 s early, or ended as late (2 to 5 noises taken in each of these readings). A
    sound that starts out of the room's quiet and is voiced only in scattered frames
    is now a noise: none is in a group, and every boundary is within 250 ms."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert len(reading.events) >= 16
    taken = [(i + 1, round(start)) for start, end in reading.events
             for i, s in enumerate(spans) if s.start_ms < end and start < s.end_ms]
    assert not taken, taken
    found = errors(spans, reading.truth)
    assert found.max() <= 250, found.max()


@pytest.mark.parametrize(("slug", "name"), [("dorgelesse", "secondaire"),
                                             ("sasha", "primaire")])
def test_a_noise_just_before_a_group_read_on_is_not_its_first_word(slug, name):
    """Room with noises, seed 1: a page or a cough 65-100 ms after a word is one sound
    with the word's echo, no pause is heard, and the boundary is refined by the
    synthetic reading, which took the noise for the next group's first sounds: « est
    atteint de drépanocytose, » started 289 ms early, « de la guitare, » 314 ms, and
    neither was flagged. The lengths had started them where the echo died away."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=1,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    taken = [(i + 1, round(start)) for start, end in reading.events
             for i, s in enumerate(spans) if s.start_ms < end and start < s.end_ms]
    assert not taken, taken
    found = errors(spans, reading.truth)
    assert found.max() <= 250, found.max()


def test_a_cough_before_a_group_read_on_does_not_start_it():
    """Luis Manuel (secondaire), room with noises, seed 1: a cough 65 ms after « à cinq
    ans de prison, » merges with its echo; the synthetic reading started « notamment
    pour outrage… » 425 ms early, inside the previous word, unflagged. It now starts
    where the lengths put it, at the restart after the cough, and the cough is in
    neither group."""
    level = ContentRoot(REPO).load("luis-manuel").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=1,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert abs(spans[28].start_ms - reading.truth[28][0]) <= 250
    assert abs(spans[27].end_ms - reading.truth[27][1]) <= 250
    cough = next((a, b) for a, b in reading.events if a > reading.truth[27][1])
    assert spans[27].end_ms <= cough[0] and cough[1] <= spans[28].start_ms



def test_a_group_ended_on_a_noise_in_a_room_is_named_to_check():
    """Room with noises, seed 2: a chair 75 ms after « d'« incitation à la subversion »,
    » (Chow Hang-tung, secondaire) runs through its echo into the next group's first
    word: no pause is heard, and the synthetic reading put the boundary on the noise,
    « …la subversion », » ended 297 ms late, unflagged. The next group's first vowel
    comes long after such a boundary: both groups were then named to check. Since the
    chair is cut from the word's echo (sounds.FALL_REACH_MS), it is found where it
    clears that echo, 77 ms after it starts, and the group ends 87 ms late, 12 ms into
    it: named, as the end may hold the noise's hidden start (speech.noise_rising_after)."""
    _room_mistakes_are_flagged("chow-hang-tung", "secondaire", 2)


@pytest.mark.parametrize(("slug", "name", "seed", "group"), [
    ("chow-hang-tung", "primaire", 2, 13), ("chow-hang-tung", "secondaire", 2, 32),
    ("dorgelesse", "primaire", 2, 13), ("sasha", "secondaire", 2, 23),
    ("sasha", "secondaire", 0, 13)])
def test_a_group_started_on_a_noise_in_a_room_starts_at_its_word(slug, name, seed, group):
    """Room with noises: a cough, a chair or a page just before a group runs through its
    echo into the group's first word, and the group started on the noise: « Chow
    Hang-tung a invité… » (primaire) 305 ms early, on a cough 65 ms after « Le 4 juin
    2021, », and 550 ms, 302 ms, 333 ms and 332 ms early in the others. It now starts
    where its first word restarts out of the noise's echo (speech.past_noises); the noise
    is still just before it, and both groups around it are still named to check, unless
    the noise was cut from the echo before it and left in the pause (the chair 75 ms
    after « …demandait sa libération », since an echo may ripple by 8 dB as it falls:
    sounds.TAIL_RIPPLE_DB). In the last, the page 65 ms after « …souffrir » starts in
    the word's voiced echo: its first vowel looked on time."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=seed,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    noise = next((a, b) for a, b in reading.events if 0 < reading.truth[group][0] - b < 500)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert abs(spans[group].start_ms - reading.truth[group][0]) <= 50, spans[group]
    if spans[group - 1].end_ms <= noise[0] < noise[1] <= spans[group].start_ms:
        assert abs(spans[group - 1].end_ms - reading.truth[group - 1][1]) <= 100
    else:
        assert spans[group - 1].doubt and spans[group].doubt
    assert _flagged(spans) <= len(spans) // 3


@pytest.mark.parametrize(("slug", "name", "seed"), [("chow-hang-tung", "secondaire", 1),
                                                    ("dorgelesse", "secondaire", 0)])
def test_a_pause_filled_by_a_noise_in_a_room_is_named_to_check(slug, name, seed):
    """Room with noises: a chair 75 ms after « …demandait sa libération » (Chow
    Hang-tung, secondaire, seed 1), a cough 65 ms after « Pendant ce temps, »
    (Dorgelesse, secondaire, seed 0), runs through its echo into the words on both
    sides: the reader's pause is not heard, the boundary is refined as a join, and the
    group before it ended on the noise (325 ms late; 112 ms, 47 ms into the cough),
    unflagged. The reader paused at nearly every other boundary: such a join is now
    named to check (doubt.filled_pauses)."""
    _room_mistakes_are_flagged(slug, name, seed)


def test_a_dry_reading_paused_nearly_everywhere_keeps_its_joins_unflagged():
    """A reader who pauses after nearly every group (6 gaps of 250-600 ms for one of
    30 ms) in a dry room: a noise in a pause is a sound of its own there, and the join
    is where the synthetic reading puts it. Groups 4-5, 14-15 and 26-27 of Luis Manuel
    (secondaire) were flagged with nothing wrong (doubt.filled_pauses is for rooms)."""
    level = ContentRoot(REPO).load("luis-manuel").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=1, condition=readings.Condition(
        "pauses presque partout", gaps_ms=(300, 400, 30, 350, 500, 600, 250)))
    assert 30 in reading.gaps  # what the test is about: joins among pauses
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert errors(spans, reading.truth).max() <= 250
    assert _flagged(spans) == 0, [i + 1 for i, span in enumerate(spans) if span.doubt]


def _aligned(slug: str, name: str, seed: int, condition: readings.Condition):
    """The groups of `slug`'s level `name`, its test reading in `condition` (seed
    `seed`), the spans found in it, and each group's larger error (ms)."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=seed, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    return groups, reading, spans, errors(spans, reading.truth).max(axis=1)


def _room_mistakes_are_flagged(slug: str, name: str, seed: int) -> None:
    """The reading of `slug`'s level `name` in a room with noises (seed `seed`) holds a
    boundary more than 250 ms off or a noise taken into a group, and every such group
    is named to check by ear, though not a third of them all."""
    _, reading, spans, found = _aligned(slug, name, seed,
                                        readings.CONDITIONS["réverbération et bruits"])
    wrong = [i + 1 for i in np.flatnonzero(found > 250)]
    taken = [i + 1 for start, end in reading.events
             for i, s in enumerate(spans) if s.start_ms < end and start < s.end_ms]
    assert wrong or taken  # what the test is about: a noise taken, a boundary astray
    assert not [group for group in wrong + taken if not spans[group - 1].doubt], (wrong, taken)
    assert _flagged(spans) <= len(spans) // 3


def _flagged(spans: list[align.Span]) -> int:
    """How many groups a teacher is told to check by ear: a test that asks for every
    misplaced group to be flagged would pass, and tell nothing, if all were."""
    return sum(span.doubt for span in spans)


def test_a_breath_drawn_before_a_sentence_in_a_room_is_left_out():
    """Chow Hang-tung (primaire) read in a 0.6 s room by a reader heard breathing in
    before each sentence, 25 dB below her voice and 0.1 s before its first word: each
    breath swells in the echo of the word before, and above 4 kHz it is heard as a
    late final « s » is. Three were taken into the group before them, whose end was
    then 0.4 s late (named to check). Below 4 kHz a breath holds up the level that the
    word's echo was losing, where an « s » lets it fall: they are left out
    (hiss.ECHO_FALL_SHARE)."""
    _, reading, spans, found = _aligned("chow-hang-tung", "primaire", 0,
                                        readings.BEYOND_GOAL["réverbération, respirations"])
    assert len(reading.events) >= 5  # the breaths heard
    taken = [i + 1 for start, end in reading.events
             for i, s in enumerate(spans) if s.start_ms < end and start < s.end_ms]
    assert not taken
    assert found.max() <= 250


def test_a_chair_heard_apart_from_the_word_it_follows_is_left_out():
    """Chow Hang-tung (secondaire), room with noises, seed 1: the chair after « à
    allumer des bougies, » is a sound of its own, taken for speech (11 scattered voiced
    frames); the group's end stopped 0.2 s into it, where the chair's first voiced
    frames are not yet sparse enough to tell, and the group was flagged for it. Judged
    as a whole, out of the room's quiet, the chair's sound is a noise: the group ends
    before it."""
    level = ContentRoot(REPO).load("chow-hang-tung").levels["secondaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=1,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    chair = next((a, b) for a, b in reading.events if a > reading.truth[16][1])
    taken = [i for i, s in enumerate(spans) if s.start_ms < chair[1] and chair[0] < s.end_ms]
    assert not taken, taken  # « à allumer des bougies, » was
    assert abs(spans[16].end_ms - reading.truth[16][1]) <= 250


@pytest.mark.parametrize("name", ["pauses", "lecture continue, voix f3"])
@pytest.mark.parametrize("number", [2, 5])
def test_a_text_never_tuned_on_is_cut_within_the_goal(number, name):
    """Texts written after the rules were set (unseen.py): a quoted sentence (« … toute
    une vie. » Sur…), a date, « M. Tremblay », « 12 000 », « 6e année », « 73 % ». Read
    without pauses in the voice f3, « Le 8 mars 2019, » and « M. Tremblay… » met 748 ms
    off, said to be sure: espeak-ng, the reader's voice and the model's, said « M. » as
    the letter M and a full stop, a pause the junction went to."""
    groups = unseen.TEXTS[number]
    reading = readings.build(groups, seed=0, condition=readings.CONDITIONS[name])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert len(spans) == len(groups)
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30
    assert found.max() <= 250, [(i + 1, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)]


@pytest.mark.parametrize(("slug", "name", "seed"), [("dorgelesse", "primaire", 1),
                                                    ("sasha", "secondaire", 0)])
def test_a_boundary_gone_astray_at_a_changing_pace_is_named_to_check(slug, name, seed):
    """Read without a pause at 0.85× to 1.2× from one sentence to the next, the 120 ms
    breath between two sentences is no longer than the closures inside words: the
    lengths of the groups put a sentence boundary of Dorgelesse (primaire) 1.7 s from
    its place, beyond the synthetic reading's search, the groups after it slid with it
    (2.5 s off), and none was flagged. A group whose speech is far from what its words
    take is now flagged with its neighbours."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    condition = readings.CONDITIONS["lecture continue, tempo variable"]
    reading = readings.build(groups, seed=seed, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    wrong = [i + 1 for i, e in enumerate(errors(spans, reading.truth).max(axis=1)) if e > 250]
    assert not [group for group in wrong if not spans[group - 1].doubt], wrong
    assert sum(s.doubt for s in spans) <= len(spans) / 2


def test_a_sentence_read_on_in_another_voice_starts_after_the_breath():
    """Read without a pause by another voice (fr+f3) than the synthetic reading's, the
    synthetic reading ended « …une grande manifestation. » ~200 ms early, before the
    120 ms breath that follows, and « Un an plus tard, » started 304 ms early. A boundary between
    two sentences now takes a breath within 250 ms of where the synthetic reading put
    it."""
    level = ContentRoot(REPO).load("luis-manuel").levels["primaire"]
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0,
                             condition=readings.CONDITIONS["lecture continue, voix f3"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30
    assert found.max() <= 250, [(i + 1, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)]


@pytest.mark.parametrize(("slug", "name", "seed"), [("dorgelesse", "primaire", 1),
                                                    ("sasha", "secondaire", 0)])
def test_a_reading_with_no_pause_at_a_changing_pace_is_cut_within_the_goal(slug, name, seed):
    """Read without a pause at 0.85× to 1.2× from one sentence to the next: a sentence
    boundary of Dorgelesse (primaire) was put 1.7 s from its place by the lengths of
    the groups, and the groups after it slid with it (2.5 s off). The whole text said
    by espeak-ng, warped onto the reading (coarse.py), now says where each sentence
    ends."""
    level = ContentRoot(REPO).load(slug).levels[name]
    groups = [(g.sentence, g.text) for g in level.groups]
    condition = readings.CONDITIONS["lecture continue, tempo variable"]
    reading = readings.build(groups, seed=seed, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    assert np.median(found) <= 30
    assert found.max() <= 250, [(i + 1, groups[i][1]) for i in np.flatnonzero(found.max(1) > 250)]


@pytest.mark.parametrize(("slug", "name", "last_words", "next_words"), [
    ("chow-hang-tung", "primaire", "organisait,", "chaque 4 juin"),
    ("dorgelesse", "secondaire", "a pris part", "à la toute première")])
def test_a_closure_read_slowly_is_not_taken_for_the_boundary(slug, name, last_words,
                                                             next_words):
    """Read without pauses at 0.75×, slower than the goal, as a dictation may be: the
    closures of « chaque quatre » (and of « toute ») last 205 ms, a pause as long as a
    reader's, a word past the real boundary (a gap of 5 ms). The lengths of the groups
    preferred it by more than the near ties the synthetic reading was asked about, and
    the boundary was put there, 475 ms off (746 ms in « toute »), said to be sure."""
    groups, reading, spans, found = _aligned(
        slug, name, 0, readings.BEYOND_GOAL["lecture continue, tempo 0,75×"])
    k = next(i for i, (_, text) in enumerate(groups) if text.endswith(last_words))
    assert groups[k + 1][1].startswith(next_words)
    assert reading.truth[k + 1][0] - reading.truth[k][1] <= 30  # read on, no pause
    assert abs(spans[k + 1].start_ms - reading.truth[k + 1][0]) <= 50, spans[k + 1]
    assert not [i + 1 for i in np.flatnonzero(found > 250) if not spans[i].doubt]
    assert _flagged(spans) <= len(spans) // 3


@pytest.mark.parametrize(("slug", "name", "seed", "words"), [
    ("luis-manuel", "primaire", 0, "pour qu'il sache"),
    ("dorgelesse", "primaire", 1, "un tribunal militaire")])
def test_a_word_read_slowly_in_a_room_is_named_to_check(slug, name, seed, words):
    """Read at 0.75× in a room, slower than the goal, the echo falls further than at the
    goal's pace inside a word or between two read on. The « ch » of « …pour qu'il
    sache » (Luis Manuel) restarts out of the « a » only 9.6 dB above the noise, voiced
    in scattered frames: judged a noise, the group ended before it, 0.52 s early
    (speech.loud_noise_after: the « a » is voiced right up to the « ch »). In « un
    tribunal militaire… » (Dorgelesse), the closure after « un » let the echo fall to
    9 dB, and the start where the synthetic reading put it, 0.3 s earlier, was taken
    for a noise: the group started 294 ms late (junctions.noise_before). Both were said
    to be sure; both groups are now named to check."""
    groups, _, spans, found = _aligned(slug, name, seed,
                                       readings.BEYOND_GOAL["réverbération, tempo 0,75×"])
    k = next(i for i, (_, text) in enumerate(groups) if words in text)
    assert found[k] > 250  # what the test is about
    assert spans[k].doubt
    assert not [i + 1 for i in np.flatnonzero(found > 250) if not spans[i].doubt]
    assert _flagged(spans) <= len(spans) // 3
