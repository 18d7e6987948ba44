"""Where the voice stops and starts around each pause, rather than where the level of
the speech band says (voice.py), in the room the reading was made in.

- In a reverberant room the echo of each word fills the pause after it (a 400 ms pause
  down to 200 ms of silence): the pauses are measured from where the voice stopped
  (without_tails, reverb.py) before the groups are placed; after, the ends before a
  real pause are moved over the final consonant that the echo of its vowel hid
  (end_on_consonants).
- In a dry room under noise, a sibilant drowned below 4 kHz fills a pause from its
  edges, or cuts a group rich in « s » into a dozen short pauses: that hiss is given
  back to the speech before the groups are placed (without_hiss); after, the edges
  next to a real pause are moved over it, or over the burst of a final « t »
  (widen_over_hiss, hiss.py).

- Under noise, a person's last vowel fades below the noise some 30-120 ms before it
  ends, and in a room below the echo; the rest of its fall is drawn on from the part
  still heard (past_fades).

An edge is never moved onto a noise that speech.py found in the pause. align.py calls
these on the candidate boundaries before placing the groups by their lengths, and on
the groups' edges after; this module imports hiss.py, reverb.py and speech.py, never
align.py.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from dictee.audio import hiss, reverb, segment, speech, voice
from dictee.audio.span import Span


def without_tails(cands: segment.Candidates, last: int, frames: voice.Frames,
                  level: np.ndarray, decay: float | None
                  ) -> tuple[segment.Candidates, int, tuple[np.ndarray, float] | None]:
    """Candidates (and the last speech frame) whose ends are moved back from the end
    of the room's echo to where the voice stopped, in a reverberant room; and the room
    (the level followed along its echo, its decay in dB per frame), None when dry.

    A pause then lasts from the voice's stop to its restart: the echo fills a 400 ms
    pause down to 200 ms of silence, which would take it for a join between words (and
    let the lengths of the groups prefer a dip, or send it to refine.py, which can slip
    by a word), though the reader did pause there. `level`: frames.snr_db smoothed
    (segment.from_levels); `decay`: the room's, in dB per frame (reverb.decay_rate),
    None when dry."""
    if decay is None:
        return cands, last, None
    slow = reverb.slow_level(frames.snr_db)
    ends = reverb.direct_ends(slow, cands.end, decay)
    starts = reverb.direct_starts(level, cands.start)
    ends = np.maximum(ends, 1)
    starts = np.maximum(starts, ends)
    pauses = cands.silence_ms > 0  # a dip stays a dip: its echo is not a pause
    silence = np.where(pauses, np.maximum(cands.silence_ms, (starts - ends) * segment.HOP_MS),
                       cands.silence_ms)
    last = reverb.direct_end(slow, last, decay)
    # A candidate in the last word's own echo, after where the voice stopped, has no
    # speech after it: no group can start there (the speech before it would exceed
    # the reading's, and the lengths of the groups would be negative).
    kept = starts < last
    return replace(cands, end=ends[kept], start=starts[kept], silence_ms=silence[kept],
                   depth_db=cands.depth_db[kept], spoken=cands.spoken[kept]), \
        last, (slow, decay)



def without_hiss(samples: np.ndarray, rate: int, env: segment.Envelope,
                 cands: segment.Candidates, speech_frames: int, measured: hiss.Measured
                 ) -> tuple[segment.Candidates, int]:
    """Candidates whose pauses are only what is left of them once the hiss that fills
    them from either edge (a sibilant that noise hides from voice.py, hiss.filled) is
    given back to the speech, and the speech frames of the reading with it (`measured`:
    the windows hiss.py measures, kept for widen_over_hiss).

    Under noise, a group rich in « s » seems to hold a dozen short pauses: its speech
    looks short by a third, and those pauses are rewarded as a reader's; the lengths
    then push its boundary over a real pause, a word into the next group."""
    pauses = np.flatnonzero(cands.silence_ms > 0)
    if not len(pauses):
        return cands, speech_frames
    hissed_ms = hiss.filled(samples, rate, [
        (int(a), int(b)) for a, b in zip(env.ms(cands.end[pauses]), env.ms(cands.start[pauses]))],
        measured)
    if not hissed_ms.any():
        return cands, speech_frames
    # Frames of hiss before each candidate: those of the pauses before it, and of its
    # own edge after the group before it.
    hissed = np.zeros((len(cands), 2), np.int64)
    hissed[pauses] = hissed_ms // segment.HOP_MS
    before = np.cumsum(hissed.sum(axis=1)) - hissed[:, 1]
    silence = cands.silence_ms.copy()
    silence[pauses] = silence[pauses] - hissed_ms.sum(axis=1)
    return replace(cands, silence_ms=silence, spoken=cands.spoken + before), \
        speech_frames + int(hissed.sum())


# Where a fading voice ends: this far below its group's loud frames (their 90th
# percentile, clean_db). In the quiet readings of the human voice (tests/audio/human.py)
# the last frame above their −45 dBFS edge is 31-35 dB below, median 33.
FADE_DEPTH_DB = 33.0
LOUD_PERCENTILE = 90
FADE_DB_PER_MS = 0.4  # the slowest fall drawn on: a vowel's (hers fall at 0.3-0.5)
# A fall slower than this is a room's echo (0.4 s or more to fall 60 dB), which a
# noise keeps voice.py from measuring (reverb.decay_rate), or a held sound: not drawn on.
ECHO_DB_PER_MS = 60 / 400
FADE_MAX_MS = 150  # at most this much is added to a group's end
# In a room, the fall is seen over this long before the echo takes over, and drawn on
# at this rate at least: twice a noise's (FADE_DB_PER_MS), as at 0.4 dB/ms espeak-ng's
# ends, which stop at once, came out 13 ms late in median in a room (on time at 0.8).
ECHO_SEEN_MS = 20
ECHO_FADE_DB_PER_MS = 0.8
NOISE_REACHED_DB = 1.0  # the voice has sunk into the noise at this level above it (snr_db)
FADE_SEARCH_MS = 200  # the noise is looked for this far after the end
# In a room, a noise found starting this close after a group's end may have started in
# the word's echo, before the fade drawn on (a page turned 75 ms after a word); one
# found later started after it (FADE_MAX_MS), and the end is drawn on all the same
# (« …appuyez sur 7. » then a chair 0.74 s later: her end was 0.25 s early, unnamed).
ECHO_NOISE_NEAR_MS = 500


def hidden_fade_ms(clean_db: np.ndarray, snr_db: np.ndarray, start: int, end: int) -> float:
    """How long the voice goes on, in ms, after the group of frames [start, end) that
    voice.py heard: the frames from `end` to where it sinks into the noise (snr_db ≤
    NOISE_REACHED_DB), and the rest of its fall, down to FADE_DEPTH_DB below its loud
    frames, at the rate it fell there (at least FADE_DB_PER_MS). 0 when it was heard
    that far down (a quiet room), or fell slower than ECHO_DB_PER_MS (an echo).

    Seen through voice.py's 30 ms window, a voice that stops at once seems to fall at
    0.5-1 dB/ms, as a fast fade: under a noise it is drawn on too (espeak-ng's ends,
    12 ms early in median under a noise 10 dB below it, are 15 ms late)."""
    if end - start < 2 or end >= len(snr_db):
        return 0.0
    search = end + FADE_SEARCH_MS // segment.HOP_MS
    sunk = np.flatnonzero(snr_db[end:search] <= NOISE_REACHED_DB)
    if not len(sunk):
        return 0.0
    floor = end + int(sunk[0])
    hidden_db = float(clean_db[floor]) - _quiet_end_db(clean_db, start, end)
    if hidden_db <= 0:
        return 0.0
    heard_ms = (floor - end + 1) * segment.HOP_MS
    seen = float(clean_db[end - 1] - clean_db[floor]) / heard_ms
    if seen < ECHO_DB_PER_MS:
        return 0.0
    return min((floor - end) * segment.HOP_MS + hidden_db / max(FADE_DB_PER_MS, seen),
               FADE_MAX_MS)


def fade_under_echo_ms(clean_db: np.ndarray, start: int, end: int) -> float:
    """In a room, how long the voice of the frames [start, end) goes on under the echo
    after `end`, where reverb.py found the echo to take over, in ms: the rest of its
    fall, down to FADE_DEPTH_DB below its loud frames, at the rate it fell over the
    ECHO_SEEN_MS before `end` (at least ECHO_FADE_DB_PER_MS); 0 when it was that far
    down already."""
    seen = ECHO_SEEN_MS // segment.HOP_MS
    if end - start <= seen or end > len(clean_db):
        return 0.0
    hidden_db = float(clean_db[end - 1]) - _quiet_end_db(clean_db, start, end)
    if hidden_db <= 0:
        return 0.0
    rate = float(clean_db[end - 1 - seen] - clean_db[end - 1]) / ECHO_SEEN_MS
    return min(hidden_db / max(ECHO_FADE_DB_PER_MS, rate), FADE_MAX_MS)


def _quiet_end_db(clean_db: np.ndarray, start: int, end: int) -> float:
    """The level (clean_db, dBFS) at which the voice of frames [start, end) would end
    in a quiet room: FADE_DEPTH_DB below its loud frames."""
    return _percentile(clean_db[start:end], LOUD_PERCENTILE) - FADE_DEPTH_DB


def _percentile(values: np.ndarray, q: float) -> float:
    """np.percentile(values, q) (linear interpolation, the same value to the bit), from
    a partition around the two values it falls between: np.percentile's own overhead
    (~50 µs a call) was 14 ms of the 0.4 s a 10-minute reading takes to align, one call
    for each group's end."""
    at = q / 100 * (len(values) - 1)
    low = int(at)
    high = min(low + 1, len(values) - 1)
    part = np.partition(values, (low, high))
    below, above, t = part[low], part[high], at - low
    step = above - below
    # numpy's interpolation: from the nearer of the two values.
    return float(above - step * (1 - t) if t >= 0.5 else below + step * t)


def past_fades(spans: dict[int, Span], ends: list[int], duration_ms: int,
               noises_ms: np.ndarray, frames: voice.Frames, env: segment.Envelope, *,
               echo: bool = False) -> None:
    """Move the ends of the groups `ends` (before a real pause, and the last) past the
    part of their fall that a noise hid (hidden_fade_ms) or, with `echo`, a room's
    echo (fade_under_echo_ms: ends where reverb.py found the echo to take over, not
    moved over a consonant by end_on_consonants), never onto a noise (`noises_ms`:
    where each starts, speech.noises) nor within 2 frames of the next group. In a room,
    not at all before a noise found within ECHO_NOISE_NEAR_MS: its start is found where
    it rises out of the word's echo, later than it starts (a page turned 75 ms after a
    word was found after the end drawn on, and taken into the group).

    Under a noise 10 dB below her voice, a person's ends were 69 ms early in median,
    and the median of all her boundaries was 50 ms; it is 18 (tests/audio/human.py).
    In a room, her ends were 68 ms early, and are 58."""
    last = len(spans) - 1
    limits = [spans[g + 1].start_ms - 2 * segment.HOP_MS if g < last else duration_ms
              for g in ends]
    noise = speech.first_noise_ms(noises_ms, [(spans[g].end_ms, limit)
                                              for g, limit in zip(ends, limits)])
    for group, stop, limit in zip(ends, noise, limits):
        span = spans[group]
        if echo and stop - span.end_ms < ECHO_NOISE_NEAR_MS and stop < limit:
            continue
        start, end = env.frame(span.start_ms), env.frame(span.end_ms)
        more = fade_under_echo_ms(frames.clean_db, start, end) if echo else \
            hidden_fade_ms(frames.clean_db, frames.snr_db, start, end)
        end = int(min(span.end_ms + more, stop))
        if end > span.end_ms:
            spans[group] = replace(span, end_ms=end)


def widen_over_hiss(samples: np.ndarray, rate: int, spans: dict[int, Span],
                    paused: list[int], duration_ms: int, noises_ms: np.ndarray,
                    measured: hiss.Measured) -> set[int]:
    """Move the edges of the groups next to a real pause (the groups `paused` and the
    next; the first start, the last end) over the hiss of a sibilant or the burst of a
    final « t » or « k » (hiss.py), an end never onto a noise (`noises_ms`: where each
    starts, speech.noises); `measured`: the windows without_hiss measured already.
    Returns the groups followed by a hiss too late to be taken (hiss.LATE_MS): to check
    by ear."""
    last = len(spans) - 1
    before = [-1, *paused, last]  # the group that ends at each pause (none before the first)
    pauses = [(0, spans[0].start_ms)] + [(spans[g].end_ms, spans[g + 1].start_ms)
                                         for g in paused] + [(spans[last].end_ms, duration_ms)]
    late: list[bool] = []
    found = hiss.widened(samples, rate, pauses, noises_ms, measured, late)
    spans[0] = replace(spans[0], start_ms=found[0][1])
    for group, (end, start) in zip(paused, found[1:-1]):
        spans[group] = replace(spans[group], end_ms=end)
        spans[group + 1] = replace(spans[group + 1], start_ms=start)
    spans[last] = replace(spans[last], end_ms=found[-1][0])
    return {group for group, named in zip(before, late) if named and group >= 0}



def end_on_consonants(samples: np.ndarray, rate: int, spans: dict[int, Span],
                      paused: list[int], duration_ms: int, decay: float,
                      noises_ms: np.ndarray) -> set[int]:
    """In a room, move the ends of the groups before a real pause (the groups `paused`,
    and the last) over a final consonant that the echo hid (reverb.consonant_ends),
    never past the start of a noise in that pause (`noises_ms`: where each sound that
    is not speech starts, speech.noises): a cough 100 ms after the word is no consonant,
    nor is a hiss that runs on into a noise (a page's crackle rises in the word's echo,
    before its sound is found to start). Returns the groups followed by a hiss too late
    to be taken (reverb.late_consonant): to check by ear."""
    last = len(spans) - 1
    ends = [*paused, last]
    pauses = [(spans[group].end_ms, spans[group + 1].start_ms if group < last else duration_ms)
              for group in ends]
    noise = speech.first_noise_ms(noises_ms, pauses)
    found, late = reverb.consonant_ends(
        samples, rate, [(end, int(stop)) for (end, _), stop in zip(pauses, noise)], decay,
        noisy=[bool(stop < start) for (_, start), stop in zip(pauses, noise)])
    for group, end in zip(ends, found):
        spans[group] = replace(spans[group], end_ms=end)
    return {group for group, named in zip(ends, late) if named}


def ends_after_joins(samples: np.ndarray, rate: int, spans: dict[int, Span],
                     joined: list[int], decay: float | None, noises_ms: np.ndarray,
                     measured: hiss.Measured) -> set[int]:
    """Move the ends of the groups of `joined` (read on to the next, their boundary
    refined: refine.py) over the hiss of a final consonant in the gap before the next
    group, as at a pause (hiss.widened; in a room, reverb.consonant_ends; `decay`: the
    room's, None in a dry one), never past that group's start nor onto a noise. Returns
    the groups followed by a hiss too late to be taken: to check by ear.

    A person's last vowel fading as slowly as the room's echo, or into a noise, ends
    the group there, and the junction keeps that end when it finds the pause after it:
    « …dans cette conférence. » then « La conférence… », 30 ms apart, ended 0.27-0.33 s
    early, before its « s », said to be sure (tests/audio/human.py)."""
    pauses = [(spans[g].end_ms, spans[g + 1].start_ms) for g in joined]
    if not pauses:
        return set()
    if decay is None:
        late: list[bool] = []
        ends = [end for end, _ in hiss.widened(samples, rate, pauses, noises_ms, measured,
                                              late)]
    else:
        noise = speech.first_noise_ms(noises_ms, pauses)
        ends, late = reverb.consonant_ends(
            samples, rate, [(end, int(stop)) for (end, _), stop in zip(pauses, noise)], decay,
            noisy=[bool(stop < start) for (_, start), stop in zip(pauses, noise)])
    for group, end, (_, start) in zip(joined, ends, pauses):
        spans[group] = replace(spans[group], end_ms=int(min(end, start)))
    return {group for group, named in zip(joined, late) if named}
