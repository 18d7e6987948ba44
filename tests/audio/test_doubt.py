"""The groups named « à vérifier »: every misplaced one, and few others.

A teacher told to check a third of the groups by ear stops listening to the tool: in a
reading without pauses, the boundaries named are those whose evidences disagree, not
every one that is not a pause.
"""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import align, doubt, junctions
from dictee.content.loader import ContentRoot
from tests.audio import readings
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")

# A reading without pauses names at most one group in ten to check.
MOST_NAMED = 0.1


def _groups(slug: str, name: str) -> list[tuple[int, str]]:
    level = ContentRoot(REPO).load(slug).levels[name]
    return [(g.sentence, g.text) for g in level.groups]


def _off(spans: list[align.Span], truth: list[tuple[float, float]]) -> np.ndarray:
    """Each group's larger error (start or end), ms."""
    return np.array([max(abs(s.start_ms - a), abs(s.end_ms - b))
                     for s, (a, b) in zip(spans, truth)])


@pytest.mark.parametrize(("slug", "name", "condition", "seed"), [
    ("chow-hang-tung", "primaire", "lecture continue", 0),
    ("chow-hang-tung", "secondaire", "lecture continue, tempo variable", 0),
    ("sasha", "primaire", "lecture continue, voix f3", 1)])
def test_a_reading_without_pauses_names_few_groups_and_every_misplaced_one(
        slug, name, condition, seed):
    """Read without a pause, every boundary was put within ~120 ms of its place and yet
    10 groups of 22 (Chow Hang-tung, primaire), 15 of 34 (secondaire, tempo variable)
    and 10 of 21 (Sasha, primaire, voix f3) were named to check: each boundary at a
    shallow dip was doubted, though the synthetic reading had placed it and the whole
    text's warping agreed. Now at most one group in ten is named, and every group
    more than 250 ms off still is."""
    groups = _groups(slug, name)
    reading = readings.build(groups, seed=seed, condition=readings.CONDITIONS[condition])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    off = _off(spans, reading.truth)
    assert not [i + 1 for i in np.flatnonzero(off > 250) if not spans[i].doubt], off
    named = [i + 1 for i, s in enumerate(spans) if s.doubt]
    assert len(named) <= MOST_NAMED * len(spans), named


@pytest.mark.parametrize("kind", ["read twice", "skipped"])
@pytest.mark.parametrize(("slug", "name", "group", "condition"), [
    ("luis-manuel", "primaire", 9, "lecture continue"),
    ("sasha", "secondaire", 13, "lecture continue"),
    ("chow-hang-tung", "primaire", 11, "lecture continue, voix f3")])
def test_a_group_read_twice_or_skipped_is_still_named(slug, name, group, condition, kind):
    """The boundaries around a group read twice, or skipped, may each agree with the
    synthetic reading (it matches only 1.2 s on each side): the length of the speech
    between them does not (doubt.to_check). The group, or a neighbour, is named."""
    groups = _groups(slug, name)
    j = group - 1
    read = groups[:j + 1] + groups[j:] if kind == "read twice" else groups[:j] + groups[j + 1:]
    reading = readings.build(read, seed=0, condition=readings.CONDITIONS[condition])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    named = {i + 1 for i, s in enumerate(spans) if s.doubt}
    assert named & {group - 1, group, group + 1}, named
    assert len(named) <= len(spans) // 3, named  # around it, not everywhere


def test_a_junction_is_sure_only_when_another_evidence_puts_it_there():
    """doubt.junction_confirmed: the synthetic reading's junction at 10.0 s."""
    nan = float("nan")
    # The whole text's warping within two of its 80 ms steps: sure.
    assert doubt.junction_confirmed(10_000, False, 11_000, 10_150)
    # A pause heard there, or the lengths' candidate within a syllable: sure.
    assert doubt.junction_confirmed(10_000, True, 11_000, nan)
    assert doubt.junction_confirmed(10_000, False, 10_190, nan)
    # Nothing puts it there: to check.
    assert not doubt.junction_confirmed(10_000, False, 10_400, nan)
    # The whole text's warping puts it elsewhere: to check, though a pause is there and
    # the lengths agree.
    assert not doubt.junction_confirmed(10_000, True, 10_000, 10_300)



def test_a_junction_two_other_evidences_put_elsewhere_is_outvoted():
    """doubt.outvoted: the synthetic reading's junction at 10.0 s."""
    nan = float("nan")
    # The whole text's warping and the lengths agree, 0.5 s away: outvoted.
    assert doubt.outvoted(10_000, 10_600, 10_500)
    # The warping agrees with the junction, or with neither, or was not computed: kept.
    assert not doubt.outvoted(10_000, 10_600, 10_100)
    assert not doubt.outvoted(10_000, 11_000, 10_500)
    assert not doubt.outvoted(10_000, 10_500, nan)

def test_a_boundary_the_whole_text_puts_elsewhere_is_named(monkeypatch):
    """Chow Hang-tung (primaire) read without a pause: a boundary inside a sentence,
    sure when the whole text's warping (coarse.py) agrees with the synthetic reading
    of its two groups, is named with both its groups once that warping is moved 400 ms
    away from it: agreement is not claimed where the evidences disagree. Inside a
    sentence the warping does not place the groups (only sentence ends, coarse.anchored):
    nothing else changes."""
    groups = _groups("chow-hang-tung", "primaire")
    reading = readings.build(groups, seed=0, condition=readings.CONDITIONS["lecture continue"])
    texts = [t for _, t in groups]
    plain = align.align(reading.samples, readings.RATE, texts)
    inside = [g for g in range(len(groups) - 1)
              if groups[g][0] == groups[g + 1][0] and not plain[g].doubt
              and not plain[g + 1].doubt]
    assert inside
    moved = inside[len(inside) // 2]  # the boundary after group `moved` (from 0)
    anchors = junctions.anchors

    def shifted(samples, rate, texts, pieces, *args):
        found = anchors(samples, rate, texts, pieces, *args)
        assert found is not None  # read without pauses: the warping is computed
        # The boundary after the last piece of the group.
        k = max(k for k, (index, _) in enumerate(pieces) if index == moved)
        found[k] += 400
        return found

    monkeypatch.setattr(junctions, "anchors", shifted)
    spans = align.align(reading.samples, readings.RATE, texts)
    assert [(s.start_ms, s.end_ms) for s in spans] == [(s.start_ms, s.end_ms) for s in plain]
    assert {i for i, s in enumerate(spans) if s.doubt} \
        == {i for i, s in enumerate(plain) if s.doubt} | {moved, moved + 1}


def test_joins_are_checked_only_in_a_reading_paused_nearly_everywhere():
    """A dictation read with a pause after each group: a join there is a pause a noise
    may have filled. A reader who reads some groups on (a third of them, as the test
    readings with pauses) is taken at their word."""
    assert doubt.filled_pauses(paused=28, joined=2)
    assert not doubt.filled_pauses(paused=28, joined=0)
    assert not doubt.filled_pauses(paused=20, joined=10)
    assert not doubt.filled_pauses(paused=0, joined=30)


def test_a_long_pause_left_inside_a_group_names_it_and_its_nearer_neighbour():
    """doubt.passed_pauses: groups at 0-2 s, 2.5-6 s, 6.5-9 s (ms)."""
    spans = [(0, 2000), (2500, 6000), (6500, 9000)]

    def passed(*pauses: tuple[int, int]) -> set[int]:
        """With each pause wholly silent."""
        array = np.array(pauses, np.int64).reshape(-1, 2)
        return doubt.passed_pauses(spans, array, array[:, 1] - array[:, 0])

    # 0.7 s of silence early in the second group: its start is to be checked.
    assert passed((2800, 3500)) == {0, 1}
    # Late in it: its end.
    assert passed((5000, 5700)) == {1, 2}
    # A breath (0.3 s, or 499 ms), or a pause between two groups, is no sign of anything.
    assert passed((2800, 3100), (2800, 3299), (2000, 2500)) == set()
    assert passed((2800, 3300)) == {0, 1}
    # In the first or last group, only the neighbour that exists.
    assert passed((300, 1000)) == {0}
    assert passed((7000, 8000)) == {1, 2}
    assert passed((8000, 8600)) == {2}
    assert passed() == set()
    # A pause whose edges are a hiss: only its silence counts.
    assert doubt.passed_pauses(spans, np.array([[2800, 3400]]), np.array([350])) == set()




@pytest.mark.parametrize(("slug", "level", "seed"), [
    ("chow-hang-tung", "secondaire", 1), ("dorgelesse", "secondaire", 0),
    ("sasha", "secondaire", 0)])
def test_under_noise_a_noise_in_a_pause_never_moves_a_group_unflagged(slug, level, seed):
    """Chow Hang-tung and Dorgelesse: a cough or a chair under the noise is voiced in a
    quarter of its frames, and passed for the start of the next group (0.33 s and
    0.51 s early); it is voiced only in its quiet tail (speech.unvoiced_loudest). Sasha:
    the unvoiced consonants of the next group drown in the noise, and the boundary was
    put 0.87 s early inside « remplacé », before a 0.7 s pause left in the group
    (doubt.passed_pauses). Neither was flagged."""
    text = ContentRoot(REPO).load(slug).levels[level]
    groups = [(g.sentence, g.text) for g in text.groups]
    reading = readings.build(groups, seed=seed, condition=readings.NOISE_AND_NOISES)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    wrong = {i for i, (s, (start, end)) in enumerate(zip(spans, reading.truth))
             if max(abs(s.start_ms - start), abs(s.end_ms - end)) > 250}
    flagged = {i for i, s in enumerate(spans) if s.doubt}
    assert wrong <= flagged, wrong
    # ...without naming so many that the teacher stops listening (Sasha: 7 of 33).
    assert len(flagged) <= len(spans) // 4, flagged
    for start, end in reading.events:
        assert not any(s.start_ms < end and start < s.end_ms and not s.doubt for s in spans)


@pytest.mark.parametrize(("slug", "level", "seed"), [
    ("chow-hang-tung", "secondaire", 2), ("dorgelesse", "secondaire", 1)])
def test_in_a_room_a_word_restarting_out_of_its_echo_stays_speech(slug, level, seed):
    """In a 0.6 s room, the end of a word cut out of the echo of its start
    (sounds.restarts) is loudest in that echo, not in its voiced frames: judged as a
    noise under a noise would be (speech.unvoiced_loudest), the groups' ends moved
    0.34 s and 0.54 s early, unflagged."""
    text = ContentRoot(REPO).load(slug).levels[level]
    groups = [(g.sentence, g.text) for g in text.groups]
    reading = readings.build(groups, seed=seed, condition=readings.CONDITIONS["réverbération"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    ends = np.array([abs(s.end_ms - end) for s, (_, end) in zip(spans, reading.truth)])
    assert ends.max() <= 250, ends


@pytest.mark.parametrize("level", ["primaire", "secondaire"])
def test_in_a_room_with_noises_an_end_moved_by_a_noise_is_flagged(level):
    """Luis Manuel, graine 1, in a 0.6 s room with noises in the pauses: the nasal vowel
    closing « voisins » was judged a noise, and the group ended 0.32 s early
    (speech.loud_noise_after); a page turned 0.1 s after « droits » was joined to the
    word by the echo, and the group ended on it, 0.29 s late (speech.early_vowels).
    Neither was flagged."""
    text = ContentRoot(REPO).load("luis-manuel").levels[level]
    groups = [(g.sentence, g.text) for g in text.groups]
    reading = readings.build(groups, seed=1,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    wrong = {i for i, off in enumerate(_off(spans, reading.truth)) if off > 250}
    flagged = {i for i, s in enumerate(spans) if s.doubt}
    assert wrong and wrong <= flagged, (wrong, flagged)
    assert len(flagged) <= len(spans) // 4, flagged
    for start, end in reading.events:
        assert not any(s.start_ms < end and start < s.end_ms and not s.doubt for s in spans)


def test_when_most_groups_are_in_doubt_all_are():
    """doubt.all_when_most: beyond half of the groups named, every group is."""
    assert doubt.all_when_most(set(range(5)), 10) == set(range(5))
    assert doubt.all_when_most(set(range(6)), 10) == set(range(10))
    assert doubt.all_when_most(set(), 0) == set()
    # A short text: one rule alone names half of it (doubt.to_check, 5 groups).
    assert doubt.all_when_most({0, 1, 2}, 4) == {0, 1, 2}
    # Luis Manuel (primaire) in a 1.5 s room: 15 of its 23 groups were named, and of the
    # 8 others, the 1st and the 11th ended 0.32 s and 0.33 s late.
    text = ContentRoot(REPO).load("luis-manuel").levels["primaire"]
    groups = [(g.sentence, g.text) for g in text.groups]
    reading = readings.build(groups, seed=0, condition=readings.VERY_REVERBERANT)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    wrong = {i for i, (s, (start, end)) in enumerate(zip(spans, reading.truth))
             if max(abs(s.start_ms - start), abs(s.end_ms - end)) > 250}
    assert wrong and all(s.doubt for s in spans), wrong
