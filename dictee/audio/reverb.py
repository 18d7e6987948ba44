"""Where a voice stops in a reverberant room, rather than where its echo dies away.

In a room, every word is followed by a tail: the room's echo, whose level falls
along a straight line in dB (60 dB in the reverberation time, 0.3-1 s in a
classroom). A level threshold ends the word at the end of that tail, up to a third
of a second late, and fills short pauses entirely. Onsets stay sharp, so only
ends are corrected here.

The room's decay rate is measured on the recording itself, from the ends of its
real pauses (how fast the level falls just before it reaches the noise); in a dry
room the level falls too fast to measure and nothing is moved. Then, from each
end, the level is followed backwards while it stays on that decay line: where it
leaves it, the voice stopped and the tail began. Levels are dB above the room's
noise (voice.Frames.snr_db), one frame every segment.HOP_MS.
"""

from __future__ import annotations

import numpy as np

from dictee.audio import hiss, segment

ANCHOR_DB = 10.0  # the decay is followed from where it is this far above the noise
FALL_DB = 12.0  # the decay rate is measured over the last this many dB of each tail
LINE_MARGIN_DB = 2.5  # a tail stays within this of its decay line
DRY_DB_PER_S = 200.0  # a faster fall (reverberation time under 0.2 s): a dry room
MIN_TAILS = 3  # pauses needed to measure the room
# …and the share of the pauses whose fall can be measured: in a room, the voice falls into
# every pause along the echo's decay (all of them in the test readings at 0.3-0.6 s; only
# 4 of 19 in a 0.6 s room 12 dB above a noise, left unmeasured); under a noise 10
# dB below the voice, the level seldom rises FALL_DB above ANCHOR_DB, and the few falls
# measured may all be noises fading out (a chair, a page: 3 of 107 pauses made a dry
# reading a room of 2.4 s, whose group ends were then moved back by ~0.3 s).
MIN_TAIL_SHARE = 0.5
# A slower fall (a reverberation time over 1.5 s) is not a room's: such an echo never
# falls to the room's noise in a reader's pauses (1.5 s: none of the test readings
# measured), and the falls measured are a voice fading out. The recorded voice
# (tests/audio/human.py) lets her last vowels fade slowly (« …tel que composé. »,
# « …votre nom. »): in a 0.6 s room, one of her readings measured 30 dB/s (the others
# 72-134, like every synthetic one), and its ends, moved back along that line, were
# 0.23 s early in median, five 0.29-0.36 s early said to be sure. Unmeasured, the room
# is judged by its echo floor (doubt.unmeasured_echo), as for her two other readings.
SLOWEST_ROOM_DB_PER_S = 40.0
ROOM_SPREAD = 2.0  # a room's falls vary less than this (upper ÷ lower quartile)
# A fall slower than this share of the upper quartile is a voice fading out, not the
# room: the echo cannot fall faster than the room lets it, a vowel dying away can fall
# slower. The room is the median of the others. Taken as the median of all, a
# person's slow sentence ends (recorded voice, tests/audio/human.py, breathing in
# before her sentences in a 0.6 s room: falls of 25-83 dB/s, the room's 100) measured
# it at 46 dB/s; her ends, moved back along that line, were 0.27-0.30 s early, said to
# be sure (3 of them), and espeak-ng's read at 0.75× 0.25 s early (2). Falls at one
# rate keep their median (the synthetic voices' stop at once).
FADE_SHARE = 0.7
LONGEST_TAIL_MS = 800
TAIL_SMOOTH_MS = 80  # the level is followed along the decay line smoothed this much
VALLEY_MS = 150  # an end inside the echo is first moved to its lowest point this close
ONSET_REACH_MS = 30  # how far back the foot of a rise is looked for
# The silence between two words read without a pause, or of a stop consonant: the echo
# lets the level fall only this long at the room's rate, never to a 6 dB dip.
CLOSURE_MS = 40
SHALLOWEST_DIP_DB = 3.0  # shallower dips are the level's own flicker
CONSONANT_MS = 250  # a final consonant hidden by the echo lasts at most this
CONSONANT_GAP_MS = 150  # it starts this close to the end found (after a closure, a glide)
CONSONANT_ABOVE_DB = 6.0  # in the 4-8 kHz band, a consonant is this far above its noise
CONSONANT_LEAD_MS = 100  # the band is looked at from this much before the end found
CONSONANT_ZONE_MS = 600  # …up to this much after that
CONSONANT_NOISE_PERCENTILE = 10  # of the 4-8 kHz band over the pauses: its noise
# A hiss that starts later than CONSONANT_GAP_MS after the end found, but within this,
# is not taken (a page turned right after the word would be), but the group is named
# to check: a person may let a final vowel fade as slowly as the room's echo (« la
# conférence. », « votre réponse. »), and the end found there, 0.3-0.4 s early, was said
# to be sure, the final « s » left out (tests/audio/human.py).
LATE_CONSONANT_MS = 350
# Before a noise in the pause (a cough, a chair), a hiss rising within LATE_CONSONANT_MS
# of the end and this long or more before the noise starts is a final « s » whose echo
# runs into the noise, not the noise's own rise (a page's crackle starts in the word's
# echo, just before its sound is found to start): the group is named. On the recorded
# voice in a room with noises, 6 ends 0.25-0.35 s early, said to be sure, were « s »
# rising ~100 ms after the end found and running into a noise 0.2-0.5 s later.
NOISE_RISE_MS = 150


def decay_rate(level: np.ndarray, ends: np.ndarray) -> float | None:
    """The room's decay in dB per frame, measured before the `ends` of real pauses
    (frames where the level falls to the noise); None in a dry room.

    At each end, the time the level takes to fall the last FALL_DB to ANCHOR_DB
    above the noise: a frame or two in a dry room, a tenth of a second or more in a
    reverberant one. The median over the pauses resists a word that fades out, and
    the falls much slower than the fastest quarter (FADE_SHARE: a reader who lets many
    of her last vowels die away) are left out of it; a room is only measured where most
    pauses show its fall (MIN_TAIL_SHARE), at a rate a room measured so can have
    (SLOWEST_ROOM_DB_PER_S).
    """
    rates = _fall_rates(level, ends)
    if len(rates) < max(MIN_TAILS, MIN_TAIL_SHARE * len(ends)):
        return None
    # A room makes every fall slow, and at one rate; a voice that fades out makes only
    # some of them slow, and noise makes them uneven.
    low, high = np.percentile(rates, [25, 75])
    if high * 1000 / segment.HOP_MS > DRY_DB_PER_S or high > ROOM_SPREAD * low:
        return None
    falls = np.asarray(rates)
    rate = float(np.median(falls[falls >= FADE_SHARE * high]))  # the fades left out
    return rate if rate * 1000 / segment.HOP_MS >= SLOWEST_ROOM_DB_PER_S else None


def echoes(level: np.ndarray, ends: np.ndarray) -> bool:
    """Whether the voice falls into most pauses (`ends`, as decay_rate) slower than in
    a dry room, even where its rate is too uneven or too slow to be the room's measure
    (decay_rate: None). The recorded voice in a 0.6 s room let a reading's falls go at
    27-100 dB/s, left unmeasured; in a dry room, three quarters of hers fall at 480 dB/s
    or faster, and of a reading without pauses at 800 dB/s or faster."""
    rates = _fall_rates(level, ends)
    return (len(rates) >= max(MIN_TAILS, MIN_TAIL_SHARE * len(ends))
            and float(np.percentile(rates, 75)) * 1000 / segment.HOP_MS <= DRY_DB_PER_S)


def _fall_rates(level: np.ndarray, ends: np.ndarray) -> list[float]:
    """How fast (dB per frame) the level falls the last FALL_DB to ANCHOR_DB above the
    noise, before each of the `ends` where it rose that high within LONGEST_TAIL_MS:
    all the ends at once, each looking back over its own frames (reach × ends values)."""
    reach = round(LONGEST_TAIL_MS / segment.HOP_MS)
    ends = np.asarray(ends, np.int64)
    if not len(ends):
        return []
    frames = ends[:, None] - reach + np.arange(reach)
    inside = (frames >= 0) & (frames < len(level))
    piece = np.where(inside, level[np.clip(frames, 0, max(len(level) - 1, 0))], -np.inf) \
        if len(level) else np.full(frames.shape, -np.inf)

    def last(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The last column of each row where `mask` holds, and whether it ever does."""
        return reach - 1 - np.argmax(mask[:, ::-1], axis=1), np.any(mask, axis=1)

    below, seen_below = last(piece >= ANCHOR_DB)
    above, seen_above = last(piece >= ANCHOR_DB + FALL_DB)
    measured = seen_below & seen_above
    return list(FALL_DB / np.maximum(below[measured] - above[measured], 0.5))


def dip_depth(rate: float) -> float:
    """How deep (dB) a dip between two words read without a pause can be, at most,
    in a room whose echo falls by `rate` dB per frame: the candidates of segment.py
    are looked for down to that depth (6 dB in a dry room; about 4 dB at a
    reverberation time of 0.6 s, where the dip between « papiers » and « donnant »
    is filled by the echo of the first word)."""
    reached = rate * CLOSURE_MS / segment.HOP_MS
    return float(min(max(reached, SHALLOWEST_DIP_DB), segment.DIP_MIN_DEPTH_DB))


def slow_level(snr_db: np.ndarray) -> np.ndarray:
    """`snr_db` averaged (as power) over TAIL_SMOOTH_MS: an echo is a noise whose level
    flickers by a few dB from frame to frame; its decay line shows over ~80 ms."""
    width = max(1, round(TAIL_SMOOTH_MS / segment.HOP_MS))
    power = np.convolve(10 ** (snr_db.astype(np.float64) / 10), np.ones(width) / width, "same")
    return (10 * np.log10(power + 1e-12)).astype(np.float32)


def direct_end(level: np.ndarray, end: int, rate: float) -> int:
    """direct_ends for one `end` (frame)."""
    return int(direct_ends(level, np.array([end], np.int64), rate)[0])


def direct_ends(level: np.ndarray, ends: np.ndarray, rate: float) -> np.ndarray:
    """For each of `ends` (frames), the frame where the voice stopped before it (first
    frame of its tail), on a level smoothed by slow_level: followed backwards from the
    anchor (the last frame ANCHOR_DB above the noise, within LONGEST_TAIL_MS), the level
    stays on the line falling by `rate` dB per frame until the voice's own level leaves
    it. All ends at once, in whole arrays: a reading in a room has thousands of
    candidates, and following each in a loop cost 0.17 s of a 10-minute reading's
    segmentation."""
    ends = np.asarray(ends, np.int64)
    if not len(level) or not len(ends):
        return ends.copy()
    reach = round(LONGEST_TAIL_MS / segment.HOP_MS)
    # Only the frames the ends can look back at (one end: a second, not the reading): back
    # to the valley (VALLEY_MS), to the anchor (reach) and along the tail (reach), with a
    # frame to spare at each step.
    lowest = max(0, min(int(ends.min()), len(level))
                 - round(VALLEY_MS / segment.HOP_MS) - 2 * reach - 2)
    level = level[lowest:max(int(ends.max()), lowest) + 1]
    ends = ends - lowest
    # From an onset (a boundary found inside the echo), first back down to the valley,
    # the one the end is in: the lowest point further back may be the gap before the
    # previous word, and a tail followed from there ends the group a word early.
    low = np.maximum(0, ends - round(VALLEY_MS / segment.HOP_MS))
    start = np.minimum(ends, len(level) - 1)
    fell = np.zeros(len(level), bool)  # the level fell into this frame
    fell[1:] = level[:-1] > level[1:]
    valley = np.where(start > low, np.maximum(low, _last_where(fell)[start]), start)
    # The anchor: the last frame ANCHOR_DB above the noise before the valley's next.
    before = np.minimum(valley + 1, ends)
    anchor = _last_where(level >= ANCHOR_DB)[np.maximum(before - 1, 0)]
    anchored = (before > 0) & (anchor >= np.maximum(0, before - reach))
    knee = _knees(level, anchor[anchored], rate)
    out = ends.copy()
    out[anchored] = np.minimum(ends[anchored], knee + 1)
    return out + lowest


def _knees(level: np.ndarray, anchors: np.ndarray, rate: float) -> np.ndarray:
    """For each of `anchors` (frames), the last frame of a sound before its echo:
    followed backwards from the anchor, up to LONGEST_TAIL_MS, the level stays on the
    line falling by `rate` dB per frame until the sound's own level leaves it (drops
    LINE_MARGIN_DB below the line); the furthest frame looked at when it never does."""
    back = np.arange(round(LONGEST_TAIL_MS / segment.HOP_MS) + 1)  # frames back
    at = anchors[:, np.newaxis] - back
    inside = at >= 0
    line = level[anchors, np.newaxis] + rate * back
    off = inside & (level[np.maximum(at, 0)] < line - LINE_MARGIN_DB)
    first_off = np.where(off.any(axis=1), off.argmax(axis=1), inside.sum(axis=1))
    return anchors - (first_off - 1)


def _last_where(flags: np.ndarray) -> np.ndarray:
    """For each index i of `flags`, the largest j ≤ i where flags[j] is True, −1 when
    there is none."""
    return np.maximum.accumulate(np.where(flags, np.arange(len(flags)), -1))


def direct_starts(level: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each of `starts` (frames), the frame where a voice starts before it, in a
    reverberant room: the echo builds up, so the level rises slowly and crosses a
    threshold late; the voice began at the foot of that rise (going back while the
    level keeps falling, up to ONSET_REACH_MS, never to frame 0). All at once, as
    direct_ends."""
    starts = np.asarray(starts, np.int64)
    if not len(level) or not len(starts):
        return starts.copy()
    floor = np.maximum(starts - round(ONSET_REACH_MS / segment.HOP_MS), 1)
    stops = np.zeros(len(level), bool)  # the level did not rise into this frame
    stops[1:] = level[:-1] >= level[1:]
    at = np.minimum(starts, len(level) - 1)
    return np.where(starts > floor, np.maximum(floor, _last_where(stops)[at]), starts)


def hidden_consonant(high_db: np.ndarray, rate: float, lead: int, *,
                     noisy: bool = False) -> int:
    """How many frames a group's end moves on, over a final consonant that the echo of
    its vowel hides, in a room.

    Under 4 kHz the vowel's echo is louder than a final « s », « ch », « f » or « k »,
    and the voice seems to stop with the vowel, 100-200 ms early. Above 4 kHz (hiss.py)
    that consonant stands well above the vowel's echo, and its own echo then falls at
    the room's rate: followed backwards along that decay, its level leaves the line
    where the consonant stopped. `high_db`: the level of that band, dB above its noise,
    one frame every segment.HOP_MS, from `lead` frames before the end found into the
    pause; `rate`: the room's decay in dB per frame (decay_rate). The consonant is
    heard from the end or within CONSONANT_GAP_MS of it (after the closure of a « k »):
    a sound that starts later in the pause (a page turned) is not taken, but one that
    starts that close to the end would be; at most CONSONANT_MS is added; 0 when the
    group ends on its vowel. `noisy`: `high_db` stops where a noise starts (a cough, a
    page, speech.noises); a hiss that lasts up to there is the noise's own rise as well
    (a page's crackle starts in the word's echo, before its sound is found to start),
    and the consonant is only taken up to the lowest point between them."""
    slow = slow_level(high_db)
    gap = round(CONSONANT_GAP_MS / segment.HOP_MS)
    above = slow >= CONSONANT_ABOVE_DB
    # The last stretch above the noise that is heard within CONSONANT_GAP_MS of the end
    # (the vowel's own, or the consonant after its closure).
    runs = segment.runs(above, True)
    runs = runs[(runs[:, 0] <= lead + gap) & (runs[:, 1] > lead)]
    if not len(runs):
        return 0
    start, stop = (int(x) for x in runs[-1])
    if noisy and stop >= len(slow) and slow[-1] > slow[start:].max() - FALL_DB:
        # The hiss runs on into the noise, still loud there: the consonant's own ends at
        # the lowest point before the noise rises, none if the level only rises from the
        # end found. (Fallen FALL_DB from its peak, it is the consonant's own echo.)
        first = max(start, lead)
        stop = first + int(np.argmin(slow[first:stop]))
        if stop <= first:
            return 0
    run = slow[start:stop]
    # Followed back from ANCHOR_DB above the noise, as a voice's tail: lower down, the
    # noise bends the decay line.
    high = np.flatnonzero(run >= ANCHOR_DB)
    if not len(high):
        return 0
    knee = int(_knees(slow, np.array([start + int(high[-1])]), rate)[0])
    return int(min(max(knee + 1 - lead, 0), round(CONSONANT_MS / segment.HOP_MS)))


def late_consonant(high_db: np.ndarray, lead: int, moved: int, *,
                   noisy: bool = False) -> bool:
    """Whether a hiss (as hidden_consonant's `high_db`, from `lead` frames before the end
    found) starts more than CONSONANT_GAP_MS after that end moved by `moved` frames, but
    within LATE_CONSONANT_MS of it, and rises ANCHOR_DB above its noise; or, when
    `high_db` stops where a noise starts (`noisy`), whether the level rises again
    ANCHOR_DB from its lowest point, the foot of that rise within LATE_CONSONANT_MS of
    that end and NOISE_RISE_MS or more before the noise: a final « s » whose hiss runs
    on into the noise, which hidden_consonant leaves out as the noise's own rise."""
    slow = slow_level(high_db)
    after = lead + moved + round(CONSONANT_GAP_MS / segment.HOP_MS)
    late = lead + moved + round(LATE_CONSONANT_MS / segment.HOP_MS)
    runs = segment.runs(slow >= CONSONANT_ABOVE_DB, True)
    runs = runs[(runs[:, 0] > after) & (runs[:, 0] <= late)]
    if any(float(slow[a:b].max()) >= ANCHOR_DB for a, b in runs):
        return True
    first = lead + moved
    if not noisy or first >= len(slow):
        return False
    top = first + int(np.argmax(slow[first:]))
    lowest = float(slow[first:top + 1].min())
    if slow[top] < max(ANCHOR_DB, lowest + ANCHOR_DB):
        return False
    # The foot of the rise: its last frame near the lowest level before the top.
    foot = first + int(np.flatnonzero(slow[first:top + 1] <= lowest + LINE_MARGIN_DB)[-1])
    return foot <= late and foot <= len(slow) - round(NOISE_RISE_MS / segment.HOP_MS)


def late_hiss(high_db: np.ndarray, low_db: np.ndarray, rate: float, lead: int,
              moved: int, *, bounded: bool = True) -> int:
    """How many frames a group's end moves on (from the end found, as hidden_consonant's)
    over a hiss that starts too late for hidden_consonant (late_consonant's first kind)
    but is the voice's own: while it rises above 4 kHz (`high_db`), the band below
    (`low_db`, the same frames, dB above its noise) does not (hiss.voice_hiss), the
    vowel's echo falling there alone; the end goes to where the hiss stops before its
    own echo (_knees), CONSONANT_MS at most after it starts. 0 when there is no such
    hiss; when it runs on to the end of `high_db`, that end `bounded` (where a noise
    starts, consonant_ends's `noisy`, or the next group, not only as far as the pause
    was looked at), without having fallen FALL_DB from its peak there: a hiss still
    loud there may be the next group's first consonant (« s », « ch ») or the noise's
    own rise, where one fallen that far is this hiss's echo; or when `moved` frames
    were already taken (hidden_consonant). The recorded voice's
    « conférence. » in a 0.6 s room: the 4-8 kHz band rose 26 dB while the band below
    kept falling; the end, 0.33-0.38 s early, was named, the « s » left out."""
    if moved:
        return 0
    slow, below = slow_level(high_db), slow_level(low_db)
    after = lead + round(CONSONANT_GAP_MS / segment.HOP_MS)
    late = lead + round(LATE_CONSONANT_MS / segment.HOP_MS)
    runs = segment.runs(slow >= CONSONANT_ABOVE_DB, True)
    runs = runs[(runs[:, 0] > after) & (runs[:, 0] <= late)]
    if not len(runs):
        return 0
    start, stop = (int(x) for x in runs[0])
    top = start + int(np.argmax(slow[start:stop]))
    if bounded and stop >= len(slow) and slow[-1] > slow[top] - FALL_DB:
        return 0  # still loud where a noise or the next group starts: may be theirs
    if slow[top] < ANCHOR_DB or not hiss.voice_hiss(slow, below, start, top + 1,
                                                     echo_db_per_frame=rate):
        return 0
    high = np.flatnonzero(slow[start:stop] >= ANCHOR_DB)
    knee = int(_knees(slow, np.array([start + int(high[-1])]), rate)[0])
    return max(min(knee + 1, start + round(CONSONANT_MS / segment.HOP_MS)) - lead, 0)


def consonant_ends(samples: np.ndarray, rate: int, pauses_ms: list[tuple[int, int]],
                   decay: float, *, noisy: list[bool] | None = None
                   ) -> tuple[list[int], list[bool]]:
    """For each pause (from the end of a group to the start of the next, ms), where the
    group ends once a final consonant hidden by its vowel's echo is given back
    (hidden_consonant), and whether a hiss starts later in the pause (late_consonant);
    `decay`: the room's, in dB per frame; `noisy`: for each pause, whether it stops
    where a noise starts rather than at the next group."""
    if rate < 2 * hiss.BAND_HZ[1] or not pauses_ms:
        return [end for end, _ in pauses_ms], [False] * len(pauses_ms)
    lead = round(CONSONANT_LEAD_MS / segment.HOP_MS)
    # From a little before each end: the level there is the consonant's or the vowel's,
    # which the decay line is followed back into.
    both = hiss.band_powers(
        samples, rate, [(max(end - CONSONANT_LEAD_MS, 0), start) for end, start in pauses_ms],
        zone_ms=CONSONANT_ZONE_MS)
    every, every_low = (np.concatenate([pair[k] for pair in both]) for k in (0, 1))
    heard = hiss.heard(every)  # padding after the last group aside
    if not heard.any():
        return [end for end, _ in pauses_ms], [False] * len(pauses_ms)
    # Each band's noise: its quietest frames over all the pauses (near each end, the
    # echo; further on, the room alone).
    noise, noise_low = (float(np.percentile(power[heard], CONSONANT_NOISE_PERCENTILE)) + 1e-20
                        for power in (every, every_low))
    out, late = [], []
    for (end, start), (high, low), stopped in zip(pauses_ms, both,
                                                  noisy or [False] * len(pauses_ms)):
        ahead = lead - round(max(CONSONANT_LEAD_MS - end, 0) / segment.HOP_MS)
        high_db = 10 * np.log10(high / noise + 1e-12)
        moved = hidden_consonant(high_db, decay, ahead, noisy=stopped) \
            if len(high) > ahead else 0
        named = len(high) > ahead and late_consonant(high_db, ahead, moved, noisy=stopped)
        if named:  # still named, but over the voice's own late « s »
            moved = max(moved, late_hiss(high_db, 10 * np.log10(low / noise_low + 1e-12),
                                         decay, ahead, moved,
                                         bounded=start - end <= CONSONANT_ZONE_MS
                                         - CONSONANT_LEAD_MS))
        out.append(end + moved * segment.HOP_MS)
        late.append(named)
    return out, late
