"""reverb.direct_ends and direct_starts follow every candidate of a reading at once, in
whole arrays: each must land where following its own level frame by frame does."""

from __future__ import annotations

import numpy as np
import pytest

from dictee.audio import hiss, reverb, segment


def _followed_end(level: np.ndarray, end: int, rate: float) -> int:
    """Where the voice stopped before `end`, followed frame by frame: back down to the
    valley, to the last frame ANCHOR_DB above the noise, then back along the decay line
    until the level leaves it."""
    valley = min(end, len(level) - 1)
    lowest = max(0, end - round(reverb.VALLEY_MS / segment.HOP_MS))
    while valley > lowest and level[valley - 1] <= level[valley]:
        valley -= 1
    reach = round(reverb.LONGEST_TAIL_MS / segment.HOP_MS)
    before = min(valley + 1, end)
    anchor = None
    for frame in range(before - 1, max(0, before - reach) - 1, -1):
        if level[frame] >= reverb.ANCHOR_DB:
            anchor = frame
            break
    if anchor is None:
        return end
    knee = anchor
    for frame in range(anchor - 1, max(anchor - reach, 0) - 1, -1):
        line = float(level[anchor]) + rate * (anchor - frame)
        if level[frame] < line - reverb.LINE_MARGIN_DB:
            break
        knee = frame
    return min(end, knee + 1)


def _followed_start(level: np.ndarray, start: int) -> int:
    """Where the voice starts before `start`, followed frame by frame: back while the
    level keeps falling, up to ONSET_REACH_MS, never to frame 0."""
    frame = start
    while frame > max(start - round(reverb.ONSET_REACH_MS / segment.HOP_MS), 1) \
            and level[frame - 1] < level[frame]:
        frame -= 1
    return frame


def _levels(rng: np.random.Generator, count: int) -> np.ndarray:
    """A level (dB above the noise, per frame) that walks up and down a few dB per
    frame; one time in two rounded to whole dB, with the plateaus a real level has
    (digital silence is one value throughout)."""
    level = np.cumsum(rng.normal(0, 2, count)) + rng.uniform(-5, 30)
    return (np.round(level) if rng.random() < 0.5 else level).astype(np.float32)


def test_every_end_and_start_lands_where_following_it_alone_does():
    """Random levels, ends anywhere up to the end of the level, decays from slow to
    fast: all at once, and one by one (direct_end, on the few frames it can look back
    at), as frame by frame. Every end also near the end of a long level: all at once,
    only the frames they can look back at are taken too."""
    rng = np.random.default_rng(0)
    moved = 0
    for trial in range(300):
        count = int(rng.integers(1, 2500)) if trial % 3 else int(rng.integers(1500, 4000))
        level = _levels(rng, count)
        ends = rng.integers(0, count + 1, 40) if trial % 3 else \
            rng.integers(max(count - 150, 0), count + 1, 40)  # the last 0.75 s only
        rate = float(rng.uniform(0.05, 1.0))
        expected = [_followed_end(level, int(end), rate) for end in ends]
        assert reverb.direct_ends(level, ends, rate).tolist() == expected
        assert [reverb.direct_end(level, int(end), rate) for end in ends] == expected
        starts = rng.integers(0, count, 40)
        assert reverb.direct_starts(level, starts).tolist() == \
            [_followed_start(level, int(start)) for start in starts]
        moved += sum(e != end for e, end in zip(expected, ends))
    assert moved > 1000  # most ends were moved back, not left where they were


def test_an_end_looks_back_as_far_as_its_valley_anchor_and_tail_go():
    """An end on a plateau below ANCHOR_DB (its valley as far back as VALLEY_MS), its
    anchor as far before that as an anchor is looked for, its tail as long as a tail
    can be (LONGEST_TAIL_MS): found whole by direct_end, which takes only the frames
    an end can look back at, as with the whole level."""
    reach = round(reverb.LONGEST_TAIL_MS / segment.HOP_MS)
    valley = round(reverb.VALLEY_MS / segment.HOP_MS)
    rate = 0.2
    count = 3 * reach + valley + 50
    end = count - 1
    anchor = end - valley + 1 - reach  # the furthest an anchor is looked for
    level = np.full(count, 40.0, np.float32)
    # From the anchor back, on the decay line for `reach` frames; after it, a plateau.
    level[anchor - reach:anchor + 1] = 20.0 + rate * np.arange(reach, -1, -1)
    level[anchor + 1:] = reverb.ANCHOR_DB - 1
    expected = _followed_end(level, end, rate)
    assert expected == anchor - reach + 1  # the whole tail, back to the furthest frame
    assert reverb.direct_end(level, end, rate) == expected


def _hiss_after(start_ms: int, peak_db: float) -> np.ndarray:
    """A 4-8 kHz level (dB above its noise) from CONSONANT_LEAD_MS before a group's end:
    the vowel's echo falling from 20 dB, then a 150 ms hiss at `peak_db` starting
    `start_ms` after the end."""
    hop = segment.HOP_MS
    lead = reverb.CONSONANT_LEAD_MS // hop
    level = np.zeros(lead + 800 // hop, np.float32)
    level[:lead + 10] = np.linspace(20, 0, lead + 10)
    first = lead + start_ms // hop
    level[first:first + 150 // hop] = peak_db
    return level


def test_a_hiss_too_late_to_be_a_final_consonant_names_the_group():
    """A hiss 150-350 ms after the end found is not taken into the group, but the group is
    named (a person's final « s » after a vowel that fades as slowly as the echo)."""
    lead = reverb.CONSONANT_LEAD_MS // segment.HOP_MS
    assert reverb.late_consonant(_hiss_after(250, 25.0), lead, 0)
    assert not reverb.late_consonant(_hiss_after(250, 8.0), lead, 0)  # barely above noise
    assert not reverb.late_consonant(_hiss_after(100, 25.0), lead, 0)  # close: taken
    assert not reverb.late_consonant(_hiss_after(500, 25.0), lead, 0)  # in the pause
    # Measured from the end once moved over a consonant: 250 ms after it is still late.
    assert reverb.late_consonant(_hiss_after(350, 25.0), lead, 100 // segment.HOP_MS)


def _late_hiss_in_room(rate: float, echo_db: float, echo_rate: float):
    """A hiss 250 ms after a group's end (_hiss_after: 150 ms at 25 dB), then its echo
    falling by `rate` dB per frame, above 4 kHz; below, the vowel's echo alone, from
    `echo_db` falling by `echo_rate`: (lead, the hiss's first frame and its end, both
    bands)."""
    hop = segment.HOP_MS
    lead = reverb.CONSONANT_LEAD_MS // hop
    high = _hiss_after(250, 25.0)
    first, last = lead + 250 // hop, lead + 400 // hop  # the hiss, from the end found
    high[last:] = np.maximum(25.0 - rate * np.arange(1, len(high) - last + 1), 0)  # its echo
    low = np.maximum(echo_db - echo_rate * np.arange(len(high)), 0).astype(np.float32)
    return lead, first, last, high, low


def test_a_late_hiss_with_nothing_rising_below_is_taken_into_the_group():
    """A hiss 250 ms after the end found (_hiss_after: 150 ms at 25 dB), while below
    4 kHz only the vowel's echo falls: the end goes over it, to where it stops before
    its own echo (reverb.late_hiss). Not when the band below rises with it (a page, a
    cough), nor when the hiss runs on into a noise or the next group, nor when the end
    already moved over a consonant, nor without a late hiss."""
    hop = segment.HOP_MS
    rate = 1.0  # dB per frame: a 0.3 s room
    lead, first, last, high, low = _late_hiss_in_room(rate, 30.0, 0.5)
    moved = reverb.late_hiss(high, low, rate, lead, 0)
    assert abs((lead + moved) - last) <= 20 // hop  # where the hiss stops, to 20 ms
    page = low.copy()
    page[first:last] += 12.0  # heard below 4 kHz too
    assert reverb.late_hiss(high, page, rate, lead, 0) == 0
    assert reverb.late_hiss(high[:last], low[:last], rate, lead, 0) == 0  # into a noise
    # Cut only where the pause stops being looked at: its echo, not the next sound.
    assert reverb.late_hiss(high[:last + 5], low[:last + 5], rate, lead, 0,
                            bounded=False) > 0
    assert reverb.late_hiss(high, low, rate, lead, 5) == 0
    assert reverb.late_hiss(_hiss_after(100, 25.0), low, rate, lead, 0) == 0  # not late


def test_a_breath_drawn_in_the_echo_is_not_taken_for_a_late_final_consonant():
    """A breath before the next sentence swells in the echo of the last word: above
    4 kHz as a late « s » does, but below 4 kHz too, where it holds up the level that
    the vowel's echo was losing. Taken for an « s », it ended the group 0.4 s late, on
    the breath; under a real « s » the vowel's echo goes on falling below 4 kHz, and the
    hiss is taken (hiss.ECHO_FALL_SHARE)."""
    rate = 0.5  # dB per frame: a 0.6 s room
    lead, first, last, high, echo = _late_hiss_in_room(rate, 45.0, rate)
    assert reverb.late_hiss(high, echo, rate, lead, 0) > 0  # a final « s »: taken
    # The breath heard below 4 kHz at 18 dB, from before the hiss rises above it.
    swell = first - 2 * hiss.BEFORE_HISS_MS // segment.HOP_MS
    breath = echo.copy()
    breath[swell:last] = np.maximum(echo[swell:last], 18.0)
    assert reverb.late_hiss(high, breath, rate, lead, 0) == 0


def _hiss_into_noise(rise_ms: int, noise_ms: int) -> np.ndarray:
    """A 4-8 kHz level from CONSONANT_LEAD_MS before a group's end up to where a noise
    starts, `noise_ms` after it: the vowel's echo falling from 20 dB to 4 dB, then a
    hiss rising to 25 dB from `rise_ms` after the end and lasting into the noise."""
    hop = segment.HOP_MS
    lead = reverb.CONSONANT_LEAD_MS // hop
    level = np.full(lead + noise_ms // hop, 4.0, np.float32)
    level[:lead + 10] = np.linspace(20, 4, lead + 10)
    first = lead + rise_ms // hop
    level[first:] = np.minimum(4 + np.arange(len(level) - first) * 1.0, 25)
    return level


def test_a_final_s_running_into_a_noise_names_the_group():
    """Her « s » after a slowly fading vowel (« …votre patience. ») starts 100 ms after
    the end found, and its echo runs into a chair 0.45 s later: hidden_consonant leaves
    it out as the noise's own rise. The group is named; not when the hiss rises only
    just before the noise (a page's crackle), nor when no noise follows."""
    lead = reverb.CONSONANT_LEAD_MS // segment.HOP_MS
    assert reverb.late_consonant(_hiss_into_noise(100, 550), lead, 0, noisy=True)
    assert not reverb.late_consonant(_hiss_into_noise(450, 550), lead, 0, noisy=True)
    assert not reverb.late_consonant(_hiss_into_noise(100, 550), lead, 0)
    assert not reverb.late_consonant(np.linspace(20, 0, lead + 110).astype(np.float32),
                                     lead, 0, noisy=True)  # the vowel's echo alone


def test_a_final_s_whose_echo_has_fallen_before_a_noise_is_taken():
    """A hiss rising 100 ms after the end found, then falling along the room's decay
    into a noise that starts 450 ms after the end: fallen 12 dB or more from its peak
    there (FALL_DB), it is the consonant's own echo, not the noise's rise, and the end
    goes over it, to where it stops (hidden_consonant); the same hiss still at its
    peak where the noise starts is left out, as before."""
    hop = segment.HOP_MS
    lead = reverb.CONSONANT_LEAD_MS // hop
    rate = 0.5  # dB per frame: a 0.6 s room
    level = _hiss_into_noise(100, 450)
    top = lead + 250 // hop  # the « s » stops 250 ms after the end found
    level[top:] = 25.0 - rate * np.arange(len(level) - top)  # its echo, 11.5 dB at the noise
    assert level[-1] < 25.0 - reverb.FALL_DB
    moved = reverb.hidden_consonant(level, rate, lead, noisy=True)
    assert abs(moved - 250 // hop) <= 20 // hop  # where it stops, to 20 ms
    assert reverb.hidden_consonant(_hiss_into_noise(100, 450), rate, lead, noisy=True) == 0


def _falls(rates_db_per_s: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """A level (dB above the noise, per frame) of 30 dB words each falling into a pause
    at one of `rates_db_per_s`, and the frames where those pauses start (the words'
    ends, as segment.Candidates.end)."""
    level, ends = [], []
    for rate in rates_db_per_s:
        fall = np.arange(30.0, 0.0, -rate * segment.HOP_MS / 1000)
        level += [30.0] * 20 + list(fall)
        ends.append(len(level))
        level += [0.0] * 30
    return np.array(level, dtype=np.float32), np.array(ends)


def test_an_echo_too_uneven_to_measure_is_still_an_echo():
    """The recorded voice in a 0.6 s room: falls of 27-100 dB/s, too uneven for the room
    to be measured (decay_rate), yet every pause holds an echo (echoes); her dry
    readings fall at 480 dB/s or faster, and a few slow falls (a vowel fading out)
    do not make a room."""
    uneven = [27, 32, 33, 35, 53, 73, 75, 96]
    assert reverb.decay_rate(*_falls(uneven)) is None
    assert reverb.echoes(*_falls(uneven))
    assert reverb.decay_rate(*_falls([80] * 8)) is not None and reverb.echoes(*_falls([80] * 8))
    assert not reverb.echoes(*_falls([65, 171, 218, 400, 480, 480, 600, 600]))
    assert not reverb.echoes(*_falls([60] * 2 + [2000] * 6))


def test_a_voice_fading_out_into_some_pauses_does_not_slow_the_room():
    """A reader who lets half her sentences' last vowels fade out slower than the room's
    echo: the room is measured on the other falls (100 dB/s), not their median (82),
    along which her ends were moved back 0.27-0.31 s, said to be sure."""
    room = reverb.decay_rate(*_falls([50, 55, 60, 65, 100, 100, 100, 105]))
    assert room is not None
    assert room * 1000 / segment.HOP_MS == pytest.approx(100, abs=3)
    # Falls at one rate: that rate, whatever share of them is kept.
    assert reverb.decay_rate(*_falls([80] * 8)) * 1000 / segment.HOP_MS == pytest.approx(80, abs=3)


def _followed_fall(level: np.ndarray, end: int) -> float | None:
    """The fall before `end`, one end at a time: the last FALL_DB to ANCHOR_DB above the
    noise within LONGEST_TAIL_MS, in dB per frame; None where the level never rose so
    high."""
    piece = level[max(0, end - round(reverb.LONGEST_TAIL_MS / segment.HOP_MS)):end]
    below = np.flatnonzero(piece >= reverb.ANCHOR_DB)
    above = np.flatnonzero(piece >= reverb.ANCHOR_DB + reverb.FALL_DB)
    if not (len(below) and len(above)):
        return None
    return reverb.FALL_DB / max(int(below[-1] - above[-1]), 0.5)


def test_every_fall_is_measured_as_one_end_at_a_time():
    """reverb._fall_rates measures all the ends at once: random levels, ends anywhere
    (at the first frames, past the level's end), as one by one."""
    rng = np.random.default_rng(1)
    for _ in range(200):
        level = np.abs(_levels(rng, int(rng.integers(1, 2000)))) % 40
        ends = rng.integers(0, len(level) + 50, int(rng.integers(0, 20)))
        alone = [_followed_fall(level, int(end)) for end in ends]
        assert reverb._fall_rates(level, ends) == pytest.approx(
            [rate for rate in alone if rate is not None])
