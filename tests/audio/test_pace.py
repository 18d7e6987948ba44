"""The paced track's plan: its order, its pauses and its exact length."""

from __future__ import annotations

import numpy as np

from dictee.audio import pace
from dictee.audio.align import Span

TEXTS = ["Il peint, il danse", "et il aime porter", "des costumes rose vif.",
         "Un an plus tard,", "il a été condamné."]
SENTENCES = [0, 0, 0, 1, 1]
SPANS = [Span(500, 1800), Span(2100, 3000), Span(3000, 4400), Span(5200, 6300),
         Span(6700, 8000)]
DURATION = 8500


def make(**kw) -> pace.Plan:
    return pace.plan_lesson(TEXTS, SENTENCES, SPANS, DURATION, "primaire", **kw)


def test_length_is_the_sum_of_its_parts():
    plan = make(repetitions=2)
    wide = pace.padded(SPANS, DURATION)
    reading = wide[-1].end_ms - wide[0].start_ms
    sentences = (wide[2].end_ms - wide[0].start_ms) + (wide[4].end_ms - wide[3].start_ms)
    groups = sum(s.end_ms - s.start_ms for s in wide)
    pauses = sum(pace.writing_pause_ms(t, "primaire", repetitions=2) for t in TEXTS)
    fixed = (pace.LEAD_IN_MS + pace.AFTER_READING_MS + 2 * pace.AFTER_SENTENCE_MS
             + pace.BEFORE_TONE_MS + pace.TONE_MS + pace.AFTER_TONE_MS + pace.TAIL_MS)
    assert plan.duration_ms == 2 * reading + sentences + 2 * groups + 2 * pauses + fixed


def test_protocol_order_whole_text_then_sentence_then_repeated_groups_then_tone():
    parts = [s.part for s in make(repetitions=3).steps if s.part != "pause"]
    assert parts[:5] == ["lecture"] * 5
    assert parts[5:15] == ["phrase"] + ["groupe"] * 9  # sentence 1: 3 groups × 3
    assert parts[15:22] == ["phrase"] + ["groupe"] * 6
    assert parts[22:] == ["signal"] + ["relecture"] * 5


def test_writing_pause_grows_with_the_group_and_shrinks_with_speed():
    short, long = "Il peint.", "Amnistie internationale le considère comme un prisonnier."
    assert pace.writing_pause_ms(long, "primaire") > pace.writing_pause_ms(short, "primaire")
    assert pace.writing_pause_ms(long, "secondaire") < pace.writing_pause_ms(long, "primaire")
    # 51 characters at 45 per minute = 68 s of writing, over 2 repetitions, plus 1 s each.
    assert pace.writing_pause_ms(long, "primaire") == 68_000 / 2 + 1000
    assert pace.writing_pause_ms(long, "primaire", factor=2) == \
        2 * pace.writing_pause_ms(long, "primaire")


def test_timeline_gives_each_sentence_start():
    plan = make()
    timeline = plan.timeline()
    assert list(timeline) == [0, 1]
    assert 0 < timeline[0] < timeline[1] < plan.start_of("relecture") < plan.duration_ms


def test_render_is_sample_exact_and_places_the_tone():
    rate = 8000
    t = np.arange(DURATION * rate // 1000) / rate
    bursts = np.sin(2 * np.pi * 1.5 * t) > -0.3  # syllables and gaps, as in a voice
    samples = (np.sin(2 * np.pi * 220 * t) * 8000 * bursts).astype(np.int16)
    plan = make()
    track = pace.render(plan, samples, rate)
    assert len(track) == round(plan.duration_ms * rate / 1000)
    tone_at = plan.start_of("signal") * rate // 1000
    tone = track[tone_at:tone_at + pace.TONE_MS * rate // 1000].astype(float)
    ramp = round(pace.TONE_RAMP_MS * rate / 1000)
    steady = tone[ramp:-ramp]
    # As loud as the voice: the RMS of the voice while it speaks (not its pauses).
    voice = samples[bursts].astype(float)
    assert abs(20 * np.log10(np.sqrt(np.mean(steady ** 2) / np.mean(voice ** 2)))) < 0.5
    first_pause = plan.starts()[0], plan.steps[0].length_ms
    assert not track[: first_pause[1] * rate // 1000].any()  # the lead-in is silent


def test_projected_cues_say_where_the_class_is_never_the_words():
    plan = make(repetitions=2)
    cues = plan.place_cues()
    assert [c.text for c in cues] == [
        "Première lecture", "Phrase 1", "Phrase 1 — groupe 1", "Phrase 1 — groupe 2",
        "Phrase 1 — groupe 3", "Phrase 2", "Phrase 2 — groupe 1", "Phrase 2 — groupe 2",
        "Relecture"]
    assert not any(word in c.text for c in cues for t in TEXTS for word in t.split()
                   if len(word) > 3)
    # Back to back: the screen always says where the class is, writing pauses included.
    assert all(a.end_ms == b.start_ms for a, b in zip(cues, cues[1:]))
    assert cues[-1].start_ms == plan.start_of("signal")
    assert cues[-1].end_ms == plan.duration_ms - pace.TAIL_MS


def test_cues_follow_what_is_heard():
    plan = make(repetitions=2)
    cues = plan.cues()
    assert [c.text for c in cues[:5]] == TEXTS
    assert all(c.end_ms > c.start_ms for c in cues)
    assert [c.start_ms for c in cues] == sorted(c.start_ms for c in cues)
