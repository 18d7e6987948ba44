"""Boundaries between groups read without a pause: where a synthetic reading of the two
groups puts them (refine.py, espeak-ng started early when the reading has few pauses),
given the edges of a pause found there, or, in a room, of where the echo hid the voice's
stop; the sentences of a reading with few pauses anchored where the whole text said by
espeak-ng puts them (coarse.py). Also what these matches leave to be checked by ear: a
boundary put off any pause but near a real one, a sentence read on with no breath.
align.py starts espeak-ng (guess_early, speak_early) and anchors the sentences (anchors) before the
groups are placed by their lengths (placement.py), and refines the joins after.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dictee.audio import coarse, doubt, placement, refine, segment, speech
from dictee.audio.placement import REFINE_BELOW_MS
from dictee.audio.span import Span

SNAP_MS = 60  # a pause this close to a refined boundary gives it its edges
MISSED_PAUSE_MS = 250  # a real pause this close to a refined boundary, not snapped: doubt
# After a full stop a reader pauses, if only to breathe (120 ms): a refined boundary
# between two sentences that is in no pause takes a silence of SENTENCE_PAUSE_MS or
# more that starts within SENTENCE_SNAP_MS after it. In another voice than the synthetic
# one (fr+f3) the synthetic reading often ends the sentence ~200 ms early, before the
# breath; a person holds a sentence's last syllables longer still (a final « r » for
# 300 ms). Never later: a silence that ended more than SNAP_MS before the junction is
# a closure inside the sentence's last words. Under noise at 10 dB, the recorded voice
# (tests/audio/human.py) had its junction so snapped back 170-245 ms, onto the closure
# of « trop c|ourt » or « en|t|rée », 20 times, 19 of them more than 250 ms off (0.45-
# 0.82 s), 10 said to be sure; it never happened on the synthetic readings.
SENTENCE_SNAP_MS, SENTENCE_PAUSE_MS = 250, 100
# A sentence read on into the next without a breath, where the pauses echo: the
# synthetic reading may start the second on no dip of the level (DIP_FLAT_DB or less,
# sentence_dip_ms), inside a vowel, where the reader's voice did dip between the two,
# DIP_DEEPER_DB deeper, within SENTENCE_SNAP_MS: the junction goes to that dip, both
# groups still named. The recorded voice in a 0.6 s room, « …les appels inconnus. »
# then « Désolé… »: her « D » is voiced 110 ms before it bursts (espeak-ng's 20 ms),
# and the echo of the « u » hides that voicing; the synthetic reading started
# « Désolé » on its vowel, 213-237 ms late, and ended the sentence 233-257 ms late. On
# the dip between them, 19 and 39 ms. The test readings of espeak-ng always start the
# second sentence on a dip: the rule never applied to them.
DIP_FLAT_DB, DIP_DEEPER_DB = 8.0, 10.0
DIP_AROUND_MS, DIP_BOTTOM_MS = 150, 20  # a dip: the loudest frame around, the quietest in it
# Such a breath is the join only if no other silence as long, in the stretch searched
# (refine.SEARCH_MS on each side), matches the synthetic reading better when the two
# groups meet in it (refine.costs): else the groups are named to check. Under a noise
# at 10 dB, the recorded voice's « …sur cette ligne. » then « Vous avez entré… » met
# 0.52 s late, in no pause, and the breath looked for after it was a closure 0.66 s
# into « Vous avez entré… »: both groups 0.82 s off, said to be sure, in all three
# readings; through the real pause, 0.65 s before, the match cost 4-6 % less.
# The junction is moved to a rival silence (a breath as long, elsewhere in reach) that
# matches the synthetic reading this much better than the breath taken (refine.costs,
# its cost over the breath's), when the rival lies inside the two groups; both groups
# stay named. Under a noise at 10 dB, that real pause of the recorded voice cost
# 0.94-0.96 of the breath 0.66 s after it, in all three readings; on every reading of
# the benchmark where the breath taken was the join, its best rival cost 1.09-1.33 of it.
RIVAL_MOVE_RATIO = 0.97
# A refined start on a level this much above the near-pause where the lengths started
# the group is on a noise (noise_before), dB.
QUIET_MARGIN_DB = 5.0
# The start so kept is named to check when the synthetic reading put it this much
# earlier (ms): were that a word rather than a noise, the group would start as late.
# Read at 0.75× in a room, the closure after « un » (« un tribunal militaire… »,
# Dorgelesse, primaire, graine 1) let the echo fall to 9 dB: taken for a noise, the
# group started 294 ms late, said to be sure. In rooms at the goal's pace, the starts
# kept so for nothing were 80-110 ms earlier; before the noises, 275-550 ms.
KEPT_START_DOUBT_MS = 250


# When fewer pauses than this share of the boundaries between groups are found, most
# boundaries will be refined: espeak-ng is started before the groups are placed.
EARLY_BELOW_SHARE = 0.5
# The energy alone (segment.speech) hears pauses of REFINE_BELOW_MS or more at
# 0-0.24 of the boundaries in the test readings read without pauses, at 0.45-2.6 in
# those with pauses (an echo fills some; noise cuts words into more): below this share,
# espeak-ng is started on that guess (guess_early), well under EARLY_BELOW_SHARE, for a
# wrong guess costs the processor time of a text said for nothing.
GUESS_BELOW_SHARE = 0.3


@dataclass(frozen=True)
class Guess:
    """espeak-ng saying every text (refine.speaking), started on a guess before
    voice.py has heard the pauses; `stop` stops it and removes its files, if the
    pauses heard then do not call for it (speak_early)."""

    speaking: refine.Speaking
    stop: Callable[[], None]


def guess_early(texts: Sequence[str], heard: segment.Speech,
                espeak: contextlib.ExitStack, said_in: str) -> Guess | None:
    """espeak-ng started at once for every text, in the voice `said_in` (stopped by
    `espeak` at the latest), when the energy alone (`heard`, segment.speech) hears so
    few pauses that speak_early will most likely want it; None otherwise.

    voice.py takes ~0.25 s to hear the pauses of a 10-minute reading, and espeak-ng
    ~0.35 s to say its text on two cores: started on the guess, it says it while
    voice.py listens, instead of holding up the warping of coarse.py after. What is
    said is what speak_early would have started (the same texts, shared among the
    same processes: espeak-ng says a text slightly differently after another one),
    and speak_early alone decides whether it is used: the boundaries are the same."""
    if len(texts) < 2:
        return None
    speech = segment.runs(heard.mask, True)
    if not len(speech):
        return None
    pauses = segment.runs(heard.mask[speech[0, 0]:speech[-1, 1]], False)
    long_ones = int(np.count_nonzero((pauses[:, 1] - pauses[:, 0]) * segment.HOP_MS
                                     >= REFINE_BELOW_MS))
    if long_ones >= GUESS_BELOW_SHARE * (len(texts) - 1):
        return None
    guessed = espeak.enter_context(contextlib.ExitStack())
    return Guess(guessed.enter_context(refine.speaking(texts, said_in)), guessed.close)


def speak_early(texts: Sequence[str], heard_ms: np.ndarray,
                espeak: contextlib.ExitStack, said_in: str, guess: Guess | None = None
                ) -> refine.Speaking | None:
    """espeak-ng saying every text in the voice `said_in` (refine.speaking, stopped by
    `espeak`), when the reading has so few pauses that most boundaries will be refined:
    it then speaks (on the other cores) while the groups are placed, instead of after;
    `guess`'s if started already (guess_early). None when the reading pauses enough,
    `guess` then stopped: the few texts needed are said at the end. `heard_ms`: the
    candidates' pauses as voice.py hears them, which decide what is refined."""
    pauses = int(np.count_nonzero(heard_ms >= REFINE_BELOW_MS))
    if len(texts) < 2 or pauses >= EARLY_BELOW_SHARE * (len(texts) - 1):
        if guess is not None:
            guess.stop()
        return None
    if guess is not None:
        return guess.speaking
    return espeak.enter_context(refine.speaking(texts, said_in))


def speak_joined_ahead(texts: Sequence[str], pieces: list[tuple[int, str]], chosen: list[int],
                       heard_ms: np.ndarray, espeak: contextlib.ExitStack,
                       said_in: str) -> Guess | None:
    """espeak-ng saying what speak_joined will most likely want (in the voice
    `said_in`), started as soon as the groups are placed (`chosen`: a candidate between
    each two `pieces`, whose pauses as voice.py hears them are `heard_ms`), before their
    close calls are settled (align._settled: under noise, ~0.1 s of a 10-minute reading,
    waiting for its own espeak-ng); None when no boundary between groups is in a pause
    shorter than REFINE_BELOW_MS."""
    joined = [pieces[k][0] for k, c in enumerate(chosen)
              if pieces[k][0] != pieces[k + 1][0] and heard_ms[c] < REFINE_BELOW_MS]
    if not joined:
        return None
    guessed = espeak.enter_context(contextlib.ExitStack())
    return Guess(guessed.enter_context(refine.speaking(_around(texts, joined), said_in)),
                 guessed.close)


def speak_joined(texts: Sequence[str], joined: list[int], espeak: contextlib.ExitStack,
                 said_in: str, ahead: Guess | None) -> refine.Speaking | None:
    """espeak-ng saying, in the voice `said_in`, the groups around each boundary to
    refine (`joined`: the group
    before each), in a reading with enough pauses (speak_early did not start it): that
    of `ahead` (speak_joined_ahead) when it says exactly these texts, else started now,
    `ahead` stopped. It speaks while the edges are moved over the hiss, before
    refined needs it; None when no boundary is to be refined."""
    wanted = _around(texts, joined)
    if ahead is not None and ahead.speaking.texts == sorted(set(wanted)):
        return ahead.speaking
    if ahead is not None:
        ahead.stop()
    return espeak.enter_context(refine.speaking(wanted, said_in)) if joined else None


def _around(texts: Sequence[str], joined: list[int]) -> list[str]:
    """The texts of the groups on both sides of the boundary after each of `joined`."""
    return [text for group in joined for text in (texts[group], texts[group + 1])]


def refined(samples: np.ndarray, rate: int, texts: Sequence[str], spans: dict[int, Span],
            joined: list[int], pauses_ms: np.ndarray,
            echo: Callable[[float], int] | None, early: refine.Speaking | None,
            said_in: str, quiet: Callable[[float], float] | None = None,
            dry: bool = False, coarse_ms: dict[int, float] | None = None,
            dips: Callable[[float], float] | None = None
            ) -> tuple[set[int], dict[int, tuple[float, bool]]]:
    """Move the boundaries after the `joined` groups to where a synthetic reading of
    the two groups around each puts them (refine.py), when espeak-ng is installed; a
    pause or an echo found there (`pauses_ms`: end, start, 1 for a silence and 0 for a
    dip whose echo opened the span, the pause as voice.py hears it in ms) gives the
    boundary its two edges; elsewhere, in a reverberant room, `echo` gives where the
    voice stopped before the start found; `said_in`: espeak-ng's voice
    (pitch.synthetic_voice); `early`: espeak-ng started before the groups
    were placed (speak_early).

    Returns the groups around a boundary put off any pause but near a real one
    (REFINE_BELOW_MS or longer, within MISSED_PAUSE_MS): the synthetic reading cannot
    match a pause the reader made (its groups are said without one) and may stop
    short of it, where the lengths of the groups had passed it over; the reader
    more likely paused there, and the boundary is to be checked by ear. A boundary
    between two sentences takes a breath further after it (SENTENCE_SNAP_MS); the groups
    around one that finds none are given too where the pauses echo (not `dry`,
    reverb.echoes: there, one such join of the recorded voice was 0.26 s off, said to
    be sure otherwise; in a dry room, it is judged as any join, doubt.junction_confirmed:
    the recorded voice read with pauses had 29 % of its groups named so, every one
    within 0.14 s), and around one whose breath another silence in reach matches
    better (_beaten_breaths), the junction moved into that silence when it matches
    clearly better and lies inside the two groups; and without espeak-ng (or when it fails),
    the groups around every boundary of `joined`: the lengths alone put a boundary read
    without a pause on a deep dip that looks sure, a word or more off (the test readings
    read without pauses: a fifth of their boundaries over 250 ms; with a noise, even
    the short silences between groups read with one are no proof). And for each group
    of `joined` refined, where the synthetic reading starts the next group (ms) and
    whether a pause was found there (doubt.junction_confirmed); none without espeak-ng.

    In a room, `quiet` gives the lowest level near a time (dB above the room's noise,
    lowest_db): a second group that the lengths started where the echo had died
    away (the voice had stopped), and that the synthetic reading starts earlier on
    no dip at all, keeps the start the lengths gave it (noise_before); its junction
    is then that start, in a pause, and both groups are named when the synthetic
    reading's start was KEPT_START_DOUBT_MS or more earlier. Where the pauses echo,
    `dips` moves the junction of a sentence read on with no breath from no dip of the
    level to a far deeper one nearby (sentence_dip_ms)."""
    missed: set[int] = set()
    junctions: dict[int, tuple[float, bool]] = {}
    breaths: dict[int, list[tuple[float, float]]] = {}  # the breath taken, then its rivals
    estimates = [(spans[g].end_ms + spans[g + 1].start_ms) / 2 for g in joined]
    found = refine.boundaries(samples, rate, [(texts[g], texts[g + 1]) for g in joined],
                              estimates, early, said_in=said_in)
    if found is None:  # not said (no espeak-ng, or it failed): the lengths alone
        return {group for g in joined for group in (g, g + 1)}, junctions
    for group, (stop, at), estimate in zip(joined, found, estimates):
        if doubt.outvoted(at, estimate, (coarse_ms or {}).get(group, np.nan)):
            missed |= {group, group + 1}  # where the lengths put it, to check by ear
            continue
        before, after = spans[group], spans[group + 1]
        # Where the synthetic reading ends the first group and starts the second; found
        # apart, each to within a frame: when they cross, halfway between both.
        end, start = (stop, at) if stop <= at else ((stop + at) / 2,) * 2
        near = np.flatnonzero((pauses_ms[:, 0] - SNAP_MS <= at) & (at <= pauses_ms[:, 1] + SNAP_MS))
        if not len(near) and placement.end_mark(texts[group]) in placement.SENTENCE_END:
            near = np.flatnonzero((pauses_ms[:, 0] - SENTENCE_SNAP_MS <= at)
                                  & (at <= pauses_ms[:, 1] + SNAP_MS)
                                  & (pauses_ms[:, 1] - pauses_ms[:, 0] >= SENTENCE_PAUSE_MS)
                                  & (pauses_ms[:, 2] > 0))
            if not len(near):  # read on with no breath: in an echo, to check by ear
                missed |= set() if dry else {group, group + 1}
                if dips is not None:
                    end = start = at = dips(at)
            else:
                breaths.update(_rival_breaths(group, at, near, pauses_ms))
        if (stop, at) != (estimate, estimate):  # not left where it was: matched
            junctions[group] = (float(at), bool(len(near)))
        if len(near):
            # `at` is where the second group starts: the pause whose restart is nearest
            # (in a room, the echo opens a span before every dip, and the middle of a
            # dip's span is often nearer than the middle of the real pause).
            closest = near[np.argmin(np.abs(pauses_ms[near, 1] - at))]
            end, start, silent = pauses_ms[closest, :3]
            if not silent:
                # A dip: its lowest frame is not where the voice restarted, which the
                # echo of the first group hides (a weak consonant under it); the
                # synthetic reading says where, between the voice's stop and the dip.
                start = min(max(at, end), start)
        else:
            # Not the pauses that already bound the two groups (a short group's
            # other boundary may be that near).
            if np.any((pauses_ms[:, 3] >= REFINE_BELOW_MS)
                      & (pauses_ms[:, 0] - MISSED_PAUSE_MS <= at)
                      & (at <= pauses_ms[:, 1] + MISSED_PAUSE_MS)
                      & (pauses_ms[:, 1] > before.start_ms) & (pauses_ms[:, 0] < after.end_ms)):
                missed |= {group, group + 1}
            if echo is not None:
                end, start = min(echo(at), at), at
        if quiet is not None and noise_before(quiet, start, after.start_ms):
            # The lengths' start kept against the synthetic reading's: a noise before
            # the group, or a word read slowly whose echo fell as low in a closure.
            if after.start_ms - start >= KEPT_START_DOUBT_MS:
                missed |= {group, group + 1}
            start = after.start_ms
            if group in junctions:
                junctions[group] = (float(start), True)
        end = int(round(min(max(end, before.start_ms + 1), after.end_ms - 1)))
        start = int(round(min(max(start, end), after.end_ms - 1)))
        spans[group] = Span(before.start_ms, end)
        spans[group + 1] = Span(start, after.end_ms)
    beaten, moved = _beaten_breaths(
        samples, rate, texts, breaths, early, said_in,
        {g: (spans[g].start_ms, spans[g + 1].end_ms) for g in breaths})
    for group, (stop, restart) in moved.items():
        # A silence in the two groups, as a pause found at the junction gives it.
        spans[group] = Span(spans[group].start_ms, int(round(stop)))
        spans[group + 1] = Span(int(round(restart)), spans[group + 1].end_ms)
        junctions[group] = (restart, True)
    return missed | beaten, junctions


def _rival_breaths(group: int, at: float, near: np.ndarray,
                   pauses_ms: np.ndarray) -> dict[int, list[tuple[float, float]]]:
    """For the breath taken after the junction `at` of `group` and the next (`near`:
    the pauses it may be, rows of `pauses_ms`), the silences as long as a breath
    elsewhere in the stretch searched: {group: [breath, rival, …]} ((stop, restart),
    ms), empty when there are none."""
    breath = near[np.argmin(np.abs(pauses_ms[near, 1] - at))]
    rivals = np.flatnonzero((pauses_ms[:, 1] >= at - refine.SEARCH_MS)
                            & (pauses_ms[:, 0] <= at + refine.SEARCH_MS)
                            & (pauses_ms[:, 1] - pauses_ms[:, 0] >= SENTENCE_PAUSE_MS)
                            & (pauses_ms[:, 2] > 0))
    rivals = np.setdiff1d(rivals, near)
    if not len(rivals):
        return {}
    return {group: [(float(pauses_ms[k, 0]), float(pauses_ms[k, 1]))
                    for k in (breath, *rivals)]}


def _beaten_breaths(samples: np.ndarray, rate: int, texts: Sequence[str],
                    breaths: dict[int, list[tuple[float, float]]],
                    early: refine.Speaking | None, said_in: str,
                    inside_ms: dict[int, tuple[float, float]] | None = None
                    ) -> tuple[set[int], dict[int, tuple[float, float]]]:
    """The groups on both sides of each breath taken (_rival_breaths) where one of its
    rivals matches the synthetic reading better (refine.costs): to check by ear; and,
    for those whose best rival matches it RIVAL_MOVE_RATIO better or more and lies
    strictly inside `inside_ms[group]` (the first group's start, the second's end),
    that rival, (stop, restart) in ms: where the junction goes."""
    if not breaths:
        return set(), {}
    found = refine.costs(samples, rate, [(texts[g], texts[g + 1]) for g in breaths],
                         list(breaths.values()), early, said_in=said_in)
    if found is None:
        return set(), {}
    beaten: set[int] = set()
    moved: dict[int, tuple[float, float]] = {}
    for group, cost in zip(breaths, found):
        best = 1 + int(np.argmin(cost[1:]))
        if cost[best] >= cost[0]:
            continue
        beaten |= {group, group + 1}
        stop, restart = breaths[group][best]
        low, high = (inside_ms or {}).get(group, (np.inf, -np.inf))
        if cost[best] <= RIVAL_MOVE_RATIO * cost[0] and low < stop and restart < high:
            moved[group] = (stop, restart)
    return beaten, moved


def noise_before(quiet: Callable[[float], float], start_ms: float,
                  placed_ms: float) -> bool:
    """Whether a start put by the synthetic reading at `start_ms`, before the one the
    lengths placed at `placed_ms`, is on a noise the reader made before the group, in
    a room (`quiet`: the lowest level near a time, lowest_db).

    A cough or a page 65 ms after a word is one sound with the word's echo: no pause
    is heard, and the boundary is refined. The synthetic reading takes the noise for
    the second group's first sounds, and starts it 0.29-0.43 s early (Luis Manuel,
    secondaire, graine 1 : « notamment pour outrage… »), on no dip, where the lengths
    had started it at the restart after the echo fell within ALONE_BELOW_DB of the
    noise: the voice had stopped there. Between two words read without a pause the
    echo never falls that low (it falls 10 dB per 100 ms at 0.6 s)."""
    if start_ms >= placed_ms - SNAP_MS:
        return False
    lowest = quiet(placed_ms)
    return lowest < speech.ALONE_BELOW_DB and quiet(start_ms) >= lowest + QUIET_MARGIN_DB


def lowest_db(snr_db: np.ndarray, env: segment.Envelope, ms: float) -> float:
    """The lowest level (dB above the room's noise, voice.Frames.snr_db) within SNAP_MS
    of `ms`."""
    reach = max(1, round(SNAP_MS / segment.HOP_MS))
    frame = env.frame(ms)
    return float(snr_db[max(frame - reach, 0):frame + reach + 1].min(initial=np.inf))


def sentence_dip_ms(snr_db: np.ndarray, env: segment.Envelope, at_ms: float) -> float:
    """Where a sentence read on into the next, its junction put at `at_ms`, meets the
    next: `at_ms` when the level dips there (more than DIP_FLAT_DB), else the bottom of
    a dip DIP_DEEPER_DB deeper within SENTENCE_SNAP_MS, if there is one. A dip's depth:
    the loudest frame within DIP_AROUND_MS less the quietest within DIP_BOTTOM_MS, of
    the level (dB above the room's noise, voice.Frames.snr_db) averaged over three
    frames (a frame's own flicker aside)."""
    around = round(DIP_AROUND_MS / segment.HOP_MS)
    bottom = round(DIP_BOTTOM_MS / segment.HOP_MS)
    reach = round(SENTENCE_SNAP_MS / segment.HOP_MS)
    frame = env.frame(at_ms)
    low = max(frame - reach - around, 0)
    level = np.convolve(snr_db[low:frame + reach + around + 1], np.ones(3) / 3, "same")
    here = frame - low

    def depth(k: int) -> float:
        return float(level[max(k - around, 0):k + around + 1].max()
                     - level[max(k - bottom, 0):k + bottom + 1].min())

    if not 0 <= here < len(level) or depth(here) > DIP_FLAT_DB:
        return at_ms
    inside = np.arange(max(here - reach, 1), min(here + reach + 1, len(level) - 1))
    bottoms = inside[(level[inside] <= level[inside - 1]) & (level[inside] <= level[inside + 1])]
    if not len(bottoms):
        return at_ms
    depths = [depth(int(k)) for k in bottoms]
    best = int(np.argmax(depths))
    if depths[best] < depth(here) + DIP_DEEPER_DB:
        return at_ms
    return float(env.ms(low + int(bottoms[best])))


def anchors(samples: np.ndarray, rate: int, texts: Sequence[str],
            pieces: list[tuple[int, str]], early: refine.Speaking | None, mask: np.ndarray,
            first: int, last: int) -> np.ndarray | None:
    """Where the text said by the synthetic voice puts each boundary between pieces
    (coarse.boundaries_ms; NaN inside a group), when espeak-ng was started early: the
    reading has few pauses. None otherwise."""
    if early is None:
        return None
    found = coarse.boundaries_ms(samples, rate, list(texts), early, mask, segment.HOP_MS,
                                 first, last)
    if found is None:
        return None
    return np.array([found[pieces[k][0]] if pieces[k][0] != pieces[k + 1][0] else np.nan
                     for k in range(len(pieces) - 1)])
