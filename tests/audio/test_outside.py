"""A passage said before the text or after it (outside.py): a title, the reader
introducing themselves, a thank-you. It is left out of the groups, the group next to it
named to check; a reading without one is never cut."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import align, outside
from dictee.audio.spoken import syllables
from dictee.content.loader import ContentRoot
from tests.audio import readings
from tests.audio.test_align import errors
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not readings.espeak_available(), reason="needs espeak-ng")

def test_the_end_sentences_are_two_groups_and_fifteen_syllables_at_least():
    """The shortest run of groups from each end with both."""
    texts = ["Un.", "Deux trois quatre cinq six sept huit neuf dix onze douze.", "Treize.",
             "Quatorze quinze seize dix-sept dix-huit dix-neuf vingt.", "Oui.", "Non."]
    head, tail = outside.end_sentences(texts)
    assert head[0] == texts[0] and tail[-1] == texts[-1] and min(len(head), len(tail)) >= 2
    for part in (head, tail[::-1]):
        assert sum(map(syllables, part)) >= outside.END_SYLLABLES
        assert len(part) == 2 or sum(map(syllables, part[:-1])) < outside.END_SYLLABLES
    assert len(head) == 4 and len(tail) == 5, (head, tail)  # 1 + 11 + 1 and 1 + 1 + 11 + 1 < 15


SPEECH = (500.0, 60_000.0)
# (stop, restart) of each pause, ms: a title's pause, pauses inside the text, a thanks'.
PAUSES = np.array([[2_400.0, 3_600.0], [5_000.0, 5_350.0], [57_000.0, 57_800.0]])


@pytest.mark.parametrize("text, expected", [
    # A title: the text starts at the end of its pause, and matches far worse from 0.5 s.
    (((3_620.0, 2.0), (60_000.0, 1.0)), (3_000.0, None)),
    # The text found a little early or late: the same pause.
    (((3_400.0, 2.0), (60_000.0, 1.0)), (3_000.0, None)),
    (((3_800.0, 2.0), (60_000.0, 1.0)), (3_000.0, None)),
    # A thank-you after, the text's end found 0.6 s early: the pause after it.
    (((500.0, 1.0), (56_400.0, 2.5)), (None, 57_400.0)),
    # In a room, matched only 1.25 times worse, but 3.1 s after the first speech
    # (FAINT_RATIO, FAINT_MS: 3.9 s): the same title.
    (((3_620.0, 1.25), (60_000.0, 1.0)), (3_000.0, None)),
    # Matched nearly as well from the first speech: nothing added.
    (((3_620.0, 1.1), (60_000.0, 1.0)), (None, None)),
    # Less than ADDED_MIN_MS before the text: nothing added.
    (((1_300.0, 3.0), (60_000.0, 1.0)), (None, None)),
    # At the end, matched 1.6 times worse, but only 1.1 s before the last speech:
    # neither END_RATIO nor FAINT_MS (1.76 s).
    (((500.0, 1.0), (58_900.0, 1.6)), (None, None)),
    # Without a passage, in a noise with coughs in the pauses: matched 1.2 times worse,
    # 1.81 s before the last speech (2.17 s): nothing added.
    (((500.0, 1.0), (58_186.0, 1.197)), (None, None)),
])
def test_a_passage_is_cut_at_the_pause_that_ends_it(text, expected):
    kept = outside.kept_ms(text, SPEECH, PAUSES)
    assert (kept.before_ms, kept.after_ms) == expected
    assert not kept.unsure_before and not kept.unsure_after


def test_a_passage_with_no_pause_to_cut_at_is_named():
    """Matched 3 times worse from the first speech, the text found 7.5 s after it, but
    no pause of PAUSE_MS near there: nothing is cut, the first group is to check."""
    kept = outside.kept_ms(((8_000.0, 3.0), (60_000.0, 1.0)), SPEECH, PAUSES)
    assert kept == outside.Kept(None, None, True, False)


@pytest.mark.parametrize("end", [(56_400.0, 1.6), (57_000.0, 1.25)])
def test_a_faint_sign_at_the_end_names_the_last_group_but_never_cuts(end):
    """At the end, matched 1.6 (1.25) times worse, 3.6 (3) s before the last speech,
    with the thank-you's pause right there: a thank-you in a room's echo, or the text's
    end found early without one (FAINT_END_RATIO). The last words are not cut off on so
    faint a sign: the last group is named to check."""
    kept = outside.kept_ms(((500.0, 1.0), end), SPEECH, PAUSES)
    assert kept == outside.Kept(None, None, False, True)


def test_a_short_title_is_cut_at_its_own_pause_not_at_one_inside_the_text():
    """« Bonjour. » (0.48 s) and 0.5 s of pause before « Né à La Havane en 1987, »: the
    title's pause, the longest near where the text starts, is cut at; not the shorter
    pause after « Havane », inside the text. Shorter than OUTSIDE_MIN_MS, what precedes
    a pause is not cut off, only named."""
    speech = (500.0, 60_000.0)
    pauses = np.array([[975.0, 1_485.0], [1_960.0, 2_270.0], [30_000.0, 30_400.0]])
    kept = outside.kept_ms(((2_200.0, 2.5), (60_000.0, 1.0)), speech, pauses)
    assert kept == outside.Kept(1_230.0, None, False, False)
    kept = outside.kept_ms(((2_200.0, 2.5), (60_000.0, 1.0)), (700.0, 60_000.0), pauses)
    assert kept == outside.Kept(None, None, True, False)


@pytest.fixture(scope="module")
def level():
    return ContentRoot(REPO).load("chow-hang-tung").levels["secondaire"]


@pytest.mark.parametrize("name, worst_ms", [
    ("titre dit avant le texte", 100), ("merci dit après le texte", 100),
    ("titre dit avant le texte, réverbération", 250)])
def test_a_title_or_a_thanks_is_left_out_and_the_group_next_to_it_named(level, name,
                                                                         worst_ms):
    """Chow Hang-tung, secondaire: with the title, the lengths made it the first group
    on its own, 3.6 s early and unflagged; with the thanks, the last group took it in,
    2.5 s late and unflagged. In a classroom's echo, the text matched only 1.4 times
    worse from the first speech, and its start was found 1.5 s after the title's pause:
    the title was left in the first group, 3.1 s early and unflagged, until a passage
    that long was taken on a fainter sign (FAINT_MS) and its pause searched further
    back (LATE_MS)."""
    groups = [(g.sentence, g.text) for g in level.groups]
    condition = readings.BEYOND_GOAL[name]
    reading = readings.build(groups, seed=0, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    assert errors(spans, reading.truth).max() <= worst_ms
    assert (spans[0] if condition.said_before else spans[-1]).doubt


def test_a_thanks_in_a_room_is_not_cut_but_the_groups_it_pushed_are_named(level):
    """In a classroom's echo, the thank-you matches only 1.6-1.7 times worse: below
    END_RATIO. It is not cut (no word of the text is cut off): it became the last group,
    and the text's last group slid into the one before, 1.3-1.5 s off. Those groups,
    the ones matched at the end (outside.end_sentences), are named to check; before
    FAINT_END_RATIO, the one before was not (Chow Hang-tung, secondaire, 2 seeds of 3)."""
    groups = [(g.sentence, g.text) for g in level.groups]
    condition = readings.BEYOND_GOAL["merci dit après le texte, réverbération"]
    reading = readings.build(groups, seed=0, condition=condition)
    spans = align.align(reading.samples, readings.RATE, [t for _, t in groups])
    found = errors(spans, reading.truth)
    _, tail = outside.end_sentences([t for _, t in groups])
    assert all(span.doubt for span in spans[-len(tail):])
    assert all(span.doubt for span, off in zip(spans, found.max(axis=1)) if off > 250)
    assert spans[-1].end_ms >= reading.truth[-1][1] - 100


@pytest.mark.parametrize("seed", [2, 3])
def test_a_text_whose_end_matches_a_little_worse_keeps_its_last_words(seed):
    """Without a passage, in a room's echo with coughs in the pauses, the warping ended
    the text with numbers 2.3 s before its last speech, matching 1.16 times worse from
    there: a faint rule that cut there dropped its last two groups (1.4-2 s off)."""
    from tests.audio.test_align import WITH_NUMBERS

    reading = readings.build(WITH_NUMBERS, seed=seed,
                             condition=readings.CONDITIONS["réverbération et bruits"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    assert errors(spans, reading.truth).max() <= 250


def test_a_reading_without_one_is_not_cut(level, monkeypatch):
    """The same reading alone: the text is found where its speech starts and ends (its
    end 0.68 s early: the warping is coarse), matched as well from there, and nothing is
    cut; the boundaries are those found without looking outside the text."""
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0)
    texts = [t for _, t in groups]
    found: list = []
    edges = outside.text_edges_ms
    monkeypatch.setattr(outside, "text_edges_ms",
                        lambda *args, **kwargs: found.append(edges(*args, **kwargs)) or found[-1])
    spans = align.align(reading.samples, readings.RATE, texts)
    (start, start_ratio), (end, end_ratio) = found[0]
    assert abs(start - spans[0].start_ms) <= 100 and start_ratio < outside.ANCHOR_RATIO
    assert spans[-1].end_ms - end < outside.ADDED_MIN_MS and end_ratio < outside.ANCHOR_RATIO
    monkeypatch.setattr(align, "OUTSIDE_MIN_GROUPS", 10 ** 6)  # not looked at
    assert align.align(reading.samples, readings.RATE, texts) == spans


def test_a_cut_that_leaves_too_little_gives_the_whole_reading_named(level, monkeypatch):
    """When what is left once cut cannot be aligned (here, a cut put by hand 5 s before
    the end of a reading with nothing added), the whole reading's groups are kept, and
    the one next to the cut is named to check: no error about a piece of the file."""
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0)
    texts = [t for _, t in groups]
    whole = align.align(reading.samples, readings.RATE, texts)
    end_ms = len(reading.samples) * 1000 / readings.RATE
    monkeypatch.setattr(outside, "kept_ms",
                        lambda *args: outside.Kept(end_ms - 5_000, None, False, True))
    kept = align.align(reading.samples, readings.RATE, texts)
    assert [(s.start_ms, s.end_ms) for s in kept] == [(s.start_ms, s.end_ms) for s in whole]
    assert kept[0].doubt and not whole[0].doubt
    assert kept[-1].doubt and not whole[-1].doubt  # a passage after, not cut: named too


@pytest.mark.parametrize("unsure", [(True, False), (False, True)])
def test_a_passage_not_cut_leaves_the_groups_and_names_those_it_may_have_pushed(
        level, monkeypatch, unsure):
    """No pause to cut at, or a faint sign at the end (Kept.unsure_*): the boundaries
    stay as found; the groups matched at that end (outside.end_sentences), whose lengths
    the passage shared, are named to check."""
    groups = [(g.sentence, g.text) for g in level.groups]
    reading = readings.build(groups, seed=0)
    texts = [t for _, t in groups]
    whole = align.align(reading.samples, readings.RATE, texts)
    monkeypatch.setattr(outside, "kept_ms", lambda *args: outside.Kept(None, None, *unsure))
    kept = align.align(reading.samples, readings.RATE, texts)
    assert [(s.start_ms, s.end_ms) for s in kept] == [(s.start_ms, s.end_ms) for s in whole]
    head, tail = outside.end_sentences(texts)
    pushed = set(range(len(head))) if unsure[0] else set(range(len(texts) - len(tail),
                                                               len(texts)))
    assert [s.doubt for s in kept] == [s.doubt or k in pushed for k, s in enumerate(whole)]
    assert not any(whole[k].doubt for k in pushed)
