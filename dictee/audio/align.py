"""Find where each meaning group starts and ends in a reading of the text.

The frames that hold a voice are found first (voice.py: a cough, a chair or a page is
loud but not voiced; in a reverberant room, sounds are cut where one restarts out of
the echo of the one before). The reading is reduced to candidate boundaries (pauses,
and dips of energy inside continuous speech, see segment.py). Dynamic programming then
picks, in order, one candidate between each pair of groups so that every group's amount
of speech matches its share of the text (syllables and letters as they are said,
spoken.py), preferring long pauses to shallow dips. A pause inside a group (after a
comma, a breath) is skipped when taking it would make the groups around it too short
or too long; a boundary with no pause at all is found at the dip nearest to where the
lengths put it. A pause short enough to be inside a word (the closures of « p » and
« t » in « septembre »), where another candidate fits the lengths nearly as well, is
checked against a synthetic reading of the two groups (refine.costs).
The sentences are placed first, then the groups inside each sentence against that
sentence's own pace: a reader who speeds up from one sentence to the next does not
drag every boundary after it. In a reading with few pauses, a sentence's end is put
where the whole text said by espeak-ng, warped onto the reading, puts it, when the
lengths put it more than 0.3 s away (coarse.py).
The edges are then moved to where the voice starts and stops: next to a pause, over
the hiss of a sibilant or the burst of a final « t » (hiss.py), or in a room over the
consonant its echo hid (reverb.py), never onto a noise; between groups read without a
pause, where a synthetic reading of the two groups puts them (refine.py, espeak-ng).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import as_strided

from dictee.audio import coarse, doubt, hiss, plausible, refine, reverb, segment, voice
from dictee.audio.spoken import shares as spoken_shares
from dictee.audio.spoken import syllables
from dictee.content.groups import count_words
from dictee.errors import AudioError

# Cost of a group whose speech is r times its expected length: LENGTH_WEIGHT·ln(r)².
LENGTH_WEIGHT = 8.0
# Reward of a candidate boundary: its depth (dB below the syllables around it) and,
# for a pause, its length: DEPTH_REWARD·min(dB, 30)/30 + PAUSE_REWARD·(1 − e^(−ms/500)).
DEPTH_REWARD, FULL_DEPTH_DB = 0.1, 30.0
PAUSE_REWARD, PAUSE_SCALE_MS = 1.0, 500.0
# After a full stop a reader nearly always pauses; inside a sentence less often.
PUNCTUATION_WEIGHT = {".": 1.6, "!": 1.6, "?": 1.6, "…": 1.6, ",": 1.2, ";": 1.2, ":": 1.2}
NO_PUNCTUATION_WEIGHT = 0.8
SENTENCE_END = frozenset(".!?…")
# Sentences are placed first, with a looser length prior: their pace varies by ±20 %.
SENTENCE_LENGTH_WEIGHT = 5.0
MAX_LENGTH_RATIO = 4.0  # a group is never given more than 4× its expected speech
BAND_S, BAND_SHARE = 20.0, 0.05  # a boundary stays within max(20 s, 5 %) of its place
REFINE_BELOW_MS = 200  # a boundary with a shorter pause is refined (refine.py)
SNAP_MS = 60  # a pause this close to a refined boundary gives it its edges
MISSED_PAUSE_MS = 250  # a real pause this close to a refined boundary, not snapped: doubt
# After a full stop a reader pauses, if only to breathe (120 ms): a refined boundary
# between two sentences that is in no pause takes a silence of SENTENCE_PAUSE_MS or
# more within SENTENCE_SNAP_MS of it. In another voice than the synthetic one (fr+f3)
# the synthetic reading often ends the sentence ~200 ms early, before the breath.
SENTENCE_SNAP_MS, SENTENCE_PAUSE_MS = 250, 100
# A boundary at a pause short enough to be inside a word (CLOSURE_MAX_MS: the
# closures of two stops and the burst between, « sep|t|embre », last ~200-250 ms)
# that another candidate nearly ties with (in its place, the groups' lengths and the
# candidates' rewards cost less than CLOSE_CALL more, the reward of a 500 ms pause
# being 1) is settled by a synthetic reading (_settled).
CLOSURE_MAX_MS = 300
CLOSE_CALL = 0.25
# …and moved to another of them only when the synthetic reading matches there with
# less than 1/SWITCH_RATIO of the mismatch; when it matches there better, but not by
# that much, the boundary is to be checked by ear. In a reverberant room, with noises,
# the synthetic reading often prefers the wrong pause by 10-15 %; the closure of a
# stop inside a word, read without a pause, costs 3-6 times the real boundary.
SWITCH_RATIO = 2.0
REVERB_PAUSE_MS = 100  # the room's echo is measured before pauses this long
_INNER_PUNCTUATION = re.compile(r"(?<=[,;:])\s+")


@dataclass(frozen=True)
class Span:
    """Where one group is heard in the recording, in ms; `doubt`: one of its two
    boundaries is uncertain (see `confidence`), to be checked by ear."""

    start_ms: int
    end_ms: int
    doubt: bool = field(default=False, compare=False)


# A boundary is sure when it is a real pause, or a deep dip that leaves both groups
# at a plausible length; below DOUBT_BELOW, both groups around it are to be checked.
SURE_PAUSE_MS = 150.0  # a silence this long is a confident boundary
SURE_DIP_DB = 25.0  # a dip this deep inside continuous speech almost as much
DOUBT_BELOW = 0.5


def align(samples: np.ndarray, rate: int, texts: Sequence[str], *,
          path: Path | None = None) -> list[Span]:
    """Spans of the groups `texts`, in order, in a reading sampled at `rate` Hz."""
    with contextlib.ExitStack() as espeak:  # stops espeak-ng if started (_speak_early)
        return _aligned(samples, rate, texts, path, espeak)


def _aligned(samples: np.ndarray, rate: int, texts: Sequence[str], path: Path | None,
             espeak: contextlib.ExitStack) -> list[Span]:
    """align(), espeak-ng's processes left to `espeak` when started early."""
    if not texts:
        return []
    duration_ms = round(len(samples) * 1000 / rate)
    plausible.require(plausible.length_problem(duration_ms, sum(count_words(t) for t in texts)),
                      path)
    plausible.require(plausible.speech_problem(samples, rate), path)
    frames = voice.analyse(samples, rate)
    mask = voice.speech_mask(frames)
    if not mask.any():
        plausible.require(plausible.NOTHING_SPOKEN, path)
    env = segment.from_levels(frames.clean_db, rate)
    found = segment.Speech(mask, 0.0, segment.SILENCE_DBFS, 0.0)
    cands, first, last = segment.candidates(env, found)
    level = segment.from_levels(frames.snr_db, rate).smooth_db
    decay = reverb.decay_rate(level, cands.end[cands.silence_ms >= REVERB_PAUSE_MS])
    if decay is not None:
        # A cough or a chair in a pause: its echo, and the word's before it, run into
        # the next word; the sounds are cut where each starts (voice._sounds), and each
        # judged on its own voicing. The room's decay is the same, measured once.
        frames = voice.analyse(samples, rate, echo=True)
        found = segment.Speech(voice.speech_mask(frames), 0.0, segment.SILENCE_DBFS, 0.0)
        # In a room, the echo fills the gaps between words read without a pause: their
        # dips are shallower, and would be missed (the groups around them then slide by
        # a word to fit their lengths, past a real pause).
        cands, first, last = segment.candidates(env, found,
                                                min_dip_db=reverb.dip_depth(decay))
    cands, last, room = _without_tails(cands, last, frames, level, decay)
    # The pauses as voice.py hears them say which boundaries are refined (refine.py) or
    # widened over a hiss (hiss.widened); with the hiss that fills them given back to
    # the speech, they place the groups and say how sure each boundary is.
    heard_pauses = cands.silence_ms
    early = _speak_early(texts, heard_pauses, espeak)
    speech_frames = int(found.mask[first:last].sum())
    if room is None:
        cands, speech_frames = _without_hiss(samples, rate, env, cands, speech_frames)
    # Readers pause at commas inside a group too: align the pieces between punctuation,
    # so that such a pause is claimed by its comma instead of a group boundary.
    pieces = [(index, piece) for index, text in enumerate(texts)
              for piece in _INNER_PUNCTUATION.split(text.strip()) if piece]
    shares = spoken_shares([piece for _, piece in pieces])
    plausible.require(plausible.speed_problem(speech_frames * segment.HOP_MS,
                                              sum(syllables(t) for t in texts)), path)
    if len(texts) == 1:
        return [Span(int(env.ms(first)), int(env.ms(last)))]
    if len(cands) < len(pieces) - 1:
        raise AudioError(
            f"impossible de retrouver les {len(texts)} groupes de sens : l'enregistrement "
            f"n'offre que {len(cands) + 1} passages séparables", path=path,
            hint="Vérifiez que c'est bien la lecture de ce texte, ou placez les étiquettes "
                 "vous-même dans Audacity (voir docs/audio.md).")
    marks = [_end_mark(piece) for _, piece in pieces]
    chosen, close = _sentences_then_groups(cands, speech_frames, shares, marks, path,
                                           heard_pauses,
                                           _anchors(samples, rate, texts, pieces, early,
                                                    found.mask, first, last))
    chosen, doubtful = _settled(samples, rate, texts, pieces, cands, env, chosen, close,
                                early)
    starts = [first] + [int(cands.start[c]) for c in chosen]
    ends = [int(cands.end[c]) for c in chosen] + [last]
    spans: dict[int, Span] = {}
    for (index, _), start, end in zip(pieces, starts, ends):
        begun = spans.get(index)
        spans[index] = Span(begun.start_ms if begun else int(env.ms(start)), int(env.ms(end)))
    unsure: set[int] = set()
    spoken = np.concatenate(([0], cands.spoken[chosen], [speech_frames]))
    ratios = _length_ratios(np.diff(spoken), shares, marks)
    joined: list[int] = []  # groups followed by the next with no real pause
    for k, c in enumerate(chosen):
        if pieces[k][0] == pieces[k + 1][0]:
            continue
        if heard_pauses[c] < REFINE_BELOW_MS:
            joined.append(pieces[k][0])
        # Between the voice's stop and restart: the pause (its hiss aside), or in a room
        # its echo.
        quiet_ms = float(cands.silence_ms[c]) if room is None else max(
            float(cands.silence_ms[c]), float(cands.start[c] - cands.end[c]) * segment.HOP_MS)
        if k in doubtful or confidence(quiet_ms, float(cands.depth_db[c]),
                                       float(ratios[k]), float(ratios[k + 1])) < DOUBT_BELOW:
            unsure |= {pieces[k][0], pieces[k + 1][0]}
    paused = [pieces[k][0] for k, c in enumerate(chosen)
              if pieces[k][0] != pieces[k + 1][0] and heard_pauses[c] >= REFINE_BELOW_MS]
    noises_ms = env.ms(voice.noises(frames)[:, 0])  # where each noise starts
    if room is None:
        _widen_over_hiss(samples, rate, spans, paused, duration_ms, noises_ms)
    else:
        _end_on_consonants(samples, rate, spans, paused, duration_ms, room[1], noises_ms)
    if joined:
        pauses = cands.start > cands.end  # a silence, or the room's echo (reverb.py)
        echo = None if room is None else (
            lambda ms: int(env.ms(reverb.direct_end(room[0], int(ms / 1000 * rate / env.hop),
                                                    room[1]))))
        unsure |= _refine(samples, rate, texts, spans, joined,
                          np.stack((env.ms(cands.end[pauses]), env.ms(cands.start[pauses]),
                                    heard_pauses[pauses] > 0, heard_pauses[pauses]), axis=1),
                          echo, early)
    unsure |= _weak_edges(spans, frames, env)
    # A boundary sure of itself may still be a sentence off: its groups' speech says so.
    unsure |= doubt.to_check(
        doubt.speech_ms(found.mask, segment.HOP_MS,
                        [(spans[i].start_ms, spans[i].end_ms) for i in range(len(texts))]),
        spoken_shares(list(texts)))
    return [Span(spans[i].start_ms, spans[i].end_ms, i in unsure) for i in range(len(texts))]


def _settled(samples: np.ndarray, rate: int, texts: Sequence[str],
             pieces: list[tuple[int, str]], cands: segment.Candidates,
             env: segment.Envelope, chosen: list[int], close: dict[int, np.ndarray],
             early: refine.Speaking | None) -> tuple[list[int], set[int]]:
    """`chosen`, each boundary between two groups whose candidates are a close call
    (`close`, _close_calls: at a pause that may be inside a word), moved to the
    one where a synthetic reading of the two groups matches the reading far better
    (refine.costs, SWITCH_RATIO; `early`: espeak-ng started before the groups were
    placed, _speak_early); and the boundaries left where the synthetic reading would
    rather not (indices in `chosen`), to be checked by ear.

    Inside a word, the closures of two stops (« sep|t|embre ») with the unvoiced burst
    between them are no voice: a pause of 225 ms where the reader's real pause between
    two sentences lasted 120 ms. The lengths of the groups hardly tell them apart
    (a word is a few percent of a sentence) and the longer pause wins; the synthetic
    reading tells the end of « soins réguliers » from the middle of « septembre »."""
    checks = [k for k in sorted(close) if pieces[k][0] != pieces[k + 1][0]]
    if not checks:
        return chosen, set()
    options = [[chosen[k], *close[k]] for k in checks]
    found = refine.costs(samples, rate,
                         [(texts[pieces[k][0]], texts[pieces[k + 1][0]]) for k in checks],
                         [[(float(env.ms(cands.end[c])), float(env.ms(cands.start[c])))
                           for c in option] for option in options], early)
    if found is None:  # no espeak-ng: the lengths decide
        return chosen, set()
    chosen = list(chosen)
    doubtful: set[int] = set()
    for k, option, cost in zip(checks, options, found):
        # Only candidates still between the boundaries around it, as settled so far.
        low = chosen[k - 1] if k else -1
        high = chosen[k + 1] if k + 1 < len(chosen) else len(cands)
        cost = np.where([low < c < high for c in option], cost, np.inf)
        best = int(np.argmin(cost))
        if cost[best] * SWITCH_RATIO <= cost[0]:
            chosen[k] = option[best]
        elif cost[best] < cost[0]:
            doubtful.add(k)  # the lengths and the synthetic reading disagree
    return chosen, doubtful


def _weak_edges(spans: dict[int, Span], frames: voice.Frames, env: segment.Envelope
                ) -> set[int]:
    """The groups that hold a sound, or a part of one, that is speech only through
    scattered voiced frames (voice.scattered): a noise taken in with the group,
    such as a chair in a reverberant room whose echo joins the word's. Their edges are
    to be checked by ear."""
    sounds, weak = voice.speech_sounds(frames)
    if not weak.any():
        return set()
    starts, ends = env.ms(sounds[:, 0]), env.ms(sounds[:, 1])
    out = set()
    for group, span in spans.items():
        low = int(np.searchsorted(ends, span.start_ms, "right"))  # first ending inside
        high = int(np.searchsorted(starts, span.end_ms, "left"))  # past the last inside
        first, last = env.frame(span.start_ms), env.frame(span.end_ms)
        for k in np.flatnonzero(weak[low:high]) + low:
            sound = int(sounds[k, 0]), int(sounds[k, 1])
            part = max(sound[0], first), min(sound[1], last)
            if part[1] <= part[0]:
                continue  # only grazed by the group's edge (ms rounded to frames)
            # The sound as a whole, or the part of it in the group if long enough to
            # hold a vowel (a word's echo may run into a noise, and the group take only
            # the noise).
            if voice.scattered(frames, *sound) or (
                    (part[1] - part[0]) * segment.HOP_MS >= voice.VOWEL_MS
                    and voice.scattered(frames, *part)):
                out.add(group)
                break
    return out


def _widen_over_hiss(samples: np.ndarray, rate: int, spans: dict[int, Span],
                     paused: list[int], duration_ms: int, noises_ms: np.ndarray) -> None:
    """Move the edges of the groups next to a real pause (the groups `paused` and the
    next; the first start, the last end) over the hiss of a sibilant or the burst of a
    final « t » or « k » (hiss.py), an end never onto a noise (`noises_ms`: where each
    starts, voice.noises)."""
    last = len(spans) - 1
    pauses = [(0, spans[0].start_ms)] + [(spans[g].end_ms, spans[g + 1].start_ms)
                                         for g in paused] + [(spans[last].end_ms, duration_ms)]
    found = hiss.widened(samples, rate, pauses, noises_ms)
    spans[0] = replace(spans[0], start_ms=found[0][1])
    for group, (end, start) in zip(paused, found[1:-1]):
        spans[group] = replace(spans[group], end_ms=end)
        spans[group + 1] = replace(spans[group + 1], start_ms=start)
    spans[last] = replace(spans[last], end_ms=found[-1][0])


def _end_on_consonants(samples: np.ndarray, rate: int, spans: dict[int, Span],
                       paused: list[int], duration_ms: int, decay: float,
                       noises_ms: np.ndarray) -> None:
    """In a room, move the ends of the groups before a real pause (the groups `paused`,
    and the last) over a final consonant that the echo hid (reverb.consonant_ends),
    never past the start of a noise in that pause (`noises_ms`: where each sound that
    is not speech starts, voice.noises): a cough 100 ms after the word is no consonant,
    nor is a hiss that runs on into a noise (a page's crackle rises in the word's echo,
    before its sound is found to start)."""
    last = len(spans) - 1
    ends = [*paused, last]
    pauses = [(spans[group].end_ms, spans[group + 1].start_ms if group < last else duration_ms)
              for group in ends]
    noise = voice.first_noise_ms(noises_ms, pauses)
    found = reverb.consonant_ends(samples, rate, [(end, int(stop)) for (end, _), stop
                                                  in zip(pauses, noise)], decay,
                                  noisy=[bool(stop < start) for (_, start), stop
                                         in zip(pauses, noise)])
    for group, end in zip(ends, found):
        spans[group] = replace(spans[group], end_ms=end)


# When fewer pauses than this share of the boundaries between groups are found, most
# boundaries will be refined: espeak-ng is started before the groups are placed.
EARLY_BELOW_SHARE = 0.5


def _speak_early(texts: Sequence[str], heard_ms: np.ndarray,
                 espeak: contextlib.ExitStack) -> refine.Speaking | None:
    """espeak-ng saying every text (refine.speaking, stopped by `espeak`), when the
    reading has so few pauses that most boundaries will be refined: it then speaks
    (on the other cores) while the groups are placed, instead of after. None when the
    reading pauses enough: the few texts needed are said at the end. `heard_ms`: the
    candidates' pauses as voice.py hears them, which decide what is refined."""
    pauses = int(np.count_nonzero(heard_ms >= REFINE_BELOW_MS))
    if len(texts) < 2 or pauses >= EARLY_BELOW_SHARE * (len(texts) - 1):
        return None
    return espeak.enter_context(refine.speaking(texts))


def _refine(samples: np.ndarray, rate: int, texts: Sequence[str], spans: dict[int, Span],
            joined: list[int], pauses_ms: np.ndarray,
            echo: Callable[[float], int] | None, early: refine.Speaking | None) -> set[int]:
    """Move the boundaries after the `joined` groups to where a synthetic reading of
    the two groups around each puts them (refine.py), when espeak-ng is installed; a
    pause or an echo found there (`pauses_ms`: end, start, 1 for a silence and 0 for a
    dip whose echo opened the span, the pause as voice.py hears it in ms) gives the
    boundary its two edges; elsewhere, in a reverberant room, `echo` gives where the
    voice stopped before the start found; `early`: espeak-ng started before the groups
    were placed (_speak_early).

    Returns the groups around a boundary put off any pause but near a real one
    (REFINE_BELOW_MS or longer, within MISSED_PAUSE_MS): the synthetic reading cannot
    match a pause the reader made (its groups are said without one) and may stop
    short of it, where the lengths of the groups had passed it over; the reader
    more likely paused there, and the boundary is to be checked by ear. A boundary
    between two sentences takes a breath further away (SENTENCE_SNAP_MS); the groups
    around one that finds none are given too."""
    missed: set[int] = set()
    found = refine.boundaries(samples, rate, [(texts[g], texts[g + 1]) for g in joined],
                              [(spans[g].end_ms + spans[g + 1].start_ms) / 2 for g in joined],
                              early)
    for group, (stop, at) in zip(joined, found or []):
        before, after = spans[group], spans[group + 1]
        # Where the synthetic reading ends the first group and starts the second; found
        # apart, each to within a frame: when they cross, halfway between both.
        end, start = (stop, at) if stop <= at else ((stop + at) / 2,) * 2
        near = np.flatnonzero((pauses_ms[:, 0] - SNAP_MS <= at) & (at <= pauses_ms[:, 1] + SNAP_MS))
        if not len(near) and _end_mark(texts[group]) in SENTENCE_END:
            near = np.flatnonzero((pauses_ms[:, 0] - SENTENCE_SNAP_MS <= at)
                                  & (at <= pauses_ms[:, 1] + SENTENCE_SNAP_MS)
                                  & (pauses_ms[:, 1] - pauses_ms[:, 0] >= SENTENCE_PAUSE_MS)
                                  & (pauses_ms[:, 2] > 0))
            if not len(near):  # a sentence read on with no breath: to check by ear
                missed |= {group, group + 1}
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
        end = int(round(min(max(end, before.start_ms + 1), after.end_ms - 1)))
        start = int(round(min(max(start, end), after.end_ms - 1)))
        spans[group] = Span(before.start_ms, end)
        spans[group + 1] = Span(start, after.end_ms)
    return missed


def _without_hiss(samples: np.ndarray, rate: int, env: segment.Envelope,
                  cands: segment.Candidates, speech_frames: int
                  ) -> tuple[segment.Candidates, int]:
    """Candidates whose pauses are only what is left of them once the hiss that fills
    them from either edge (a sibilant that noise hides from voice.py, hiss.filled) is
    given back to the speech, and the speech frames of the reading with it.

    Under noise, a group rich in « s » seems to hold a dozen short pauses: its speech
    looks short by a third, and those pauses are rewarded as a reader's; the lengths
    then push its boundary over a real pause, a word into the next group."""
    pauses = np.flatnonzero(cands.silence_ms > 0)
    if not len(pauses):
        return cands, speech_frames
    hissed_ms = hiss.filled(samples, rate, [
        (int(a), int(b)) for a, b in zip(env.ms(cands.end[pauses]), env.ms(cands.start[pauses]))])
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


def _without_tails(cands: segment.Candidates, last: int, frames: voice.Frames,
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
    ends = np.array([reverb.direct_end(slow, int(e), decay) for e in cands.end], np.int64)
    starts = np.array([reverb.direct_start(level, int(s)) for s in cands.start], np.int64)
    ends = np.maximum(ends, 1)
    starts = np.maximum(starts, ends)
    pauses = cands.silence_ms > 0  # a dip stays a dip: its echo is not a pause
    silence = np.where(pauses, np.maximum(cands.silence_ms, (starts - ends) * segment.HOP_MS),
                       cands.silence_ms)
    return replace(cands, end=ends, start=starts, silence_ms=silence), \
        reverb.direct_end(slow, last, decay), (slow, decay)


def confidence(silence_ms: float, depth_db: float, before: float, after: float) -> float:
    """How sure a boundary is, from 0 to 1: a long pause or a deep dip, between two
    groups each near its expected length (`before`, `after`: actual ÷ expected)."""
    acoustic = max(1 - np.exp(-silence_ms / (SURE_PAUSE_MS / 2)),
                   min(max(depth_db, 0) / SURE_DIP_DB, 1.0) * 0.8)
    lengths = np.exp(-4 * (np.log(max(before, 1e-3)) ** 2 + np.log(max(after, 1e-3)) ** 2))
    return float(acoustic * lengths)


def _end_mark(text: str) -> str:
    stripped = text.rstrip(" »\")")
    return stripped[-1:] if stripped else ""


def _rewards(cands: segment.Candidates) -> np.ndarray:
    pause = PAUSE_REWARD * (1 - np.exp(-cands.silence_ms / PAUSE_SCALE_MS))
    return DEPTH_REWARD * np.clip(cands.depth_db, 0, FULL_DEPTH_DB) / FULL_DEPTH_DB + pause


def _anchors(samples: np.ndarray, rate: int, texts: Sequence[str],
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


def _sentences_then_groups(cands: segment.Candidates, total: int, shares: np.ndarray,
                           marks: list[str], path: Path | None, heard_ms: np.ndarray,
                           anchors_ms: np.ndarray | None = None
                           ) -> tuple[list[int], dict[int, np.ndarray]]:
    """Indices of the candidates that cut the speech into the pieces, found in two
    passes: first the sentences, then the pieces inside each sentence; and the close
    calls (_close_calls: boundary → the candidates nearly as good in its place;
    `heard_ms`: each candidate's pause as voice.py hears it, its hiss included).

    A reader's pace changes from one sentence to the next (0.85× then 1.2×) far more
    than inside one: judged against the pace of the whole reading, every group of a
    quick sentence looks short, and the boundaries slide by whole words to even the
    lengths out. Inside a sentence, the pieces are judged against that sentence's own
    pace instead. With few pauses, a sentence boundary far from where the text said by
    the synthetic voice puts it (`anchors_ms`, one per boundary between pieces, NaN
    inside a group: _anchors) is moved there (coarse.anchored).
    """
    bounds = _sentence_bounds(marks)
    if len(bounds) > 2:
        try:
            return _sentence_by_sentence(cands, total, shares, marks, bounds, path, heard_ms,
                                         anchors_ms)
        except AudioError:
            pass  # a sentence without enough candidates: place every group at once
    chosen = _best_boundaries(cands, total, shares, marks, path)
    return chosen, _close_calls(cands, total, shares, marks, chosen, LENGTH_WEIGHT, heard_ms)


def _sentence_by_sentence(cands: segment.Candidates, total: int, shares: np.ndarray,
                          marks: list[str], bounds: list[int], path: Path | None,
                          heard_ms: np.ndarray, anchors_ms: np.ndarray | None = None
                          ) -> tuple[list[int], dict[int, np.ndarray]]:
    """The two passes of _sentences_then_groups (`bounds`: first piece of each sentence,
    then the number of pieces); AudioError when a sentence cannot hold its pieces."""
    sentence_shares = np.array([shares[a:b].sum() for a, b in zip(bounds, bounds[1:])])
    sentence_marks = ["."] * len(sentence_shares)
    outer = _best_boundaries(cands, total, sentence_shares, sentence_marks,
                             path, length_weight=SENTENCE_LENGTH_WEIGHT)
    if anchors_ms is not None:
        outer = coarse.anchored((cands.end + cands.start) / 2 * segment.HOP_MS,
                                _rewards(cands), outer,
                                anchors_ms[np.array(bounds[1:-1], np.int64) - 1])
    outer_close = _close_calls(cands, total, sentence_shares, sentence_marks, outer,
                               SENTENCE_LENGTH_WEIGHT, heard_ms)
    chosen: list[int] = []
    close: dict[int, np.ndarray] = {}
    edges = [-1, *outer, len(cands)]  # candidate indices around each sentence
    for number, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if number:
            if number - 1 in outer_close:
                close[len(chosen)] = outer_close[number - 1]
            chosen.append(outer[number - 1])
        if b - a == 1:
            continue
        low, high = edges[number], edges[number + 1]
        inner = slice(low + 1, high)
        before = int(cands.spoken[low]) if low >= 0 else 0
        after = int(cands.spoken[high]) if high < len(cands) else total
        if high - low - 1 < b - a - 1:
            raise _not_found(len(marks), path)
        sub = segment.Candidates(cands.end[inner], cands.start[inner],
                                 cands.silence_ms[inner], cands.depth_db[inner],
                                 cands.spoken[inner] - before)
        found = _best_boundaries(sub, after - before, shares[a:b], marks[a:b], path)
        for k, rivals in _close_calls(sub, after - before, shares[a:b], marks[a:b], found,
                                      LENGTH_WEIGHT, heard_ms[inner]).items():
            close[len(chosen) + k] = low + 1 + rivals
        chosen += [low + 1 + c for c in found]
    return chosen, close


def _close_calls(cands: segment.Candidates, total: int, shares: np.ndarray,
                 marks: list[str], chosen: list[int], length_weight: float,
                 heard_ms: np.ndarray) -> dict[int, np.ndarray]:
    """For each boundary k of `chosen` (as _best_boundaries found them, with the same
    `total`, `shares`, `marks` and `length_weight`) at a pause that may be inside a
    word (at least REFINE_BELOW_MS, shorter refined anyway; under CLOSURE_MAX_MS), the
    other candidates between its two neighbours that, put in its place, would cost
    less than CLOSE_CALL more: the groups' lengths and the candidates' rewards hardly
    tell them apart. Only boundaries with such rivals are given. `heard_ms`: each
    candidate's pause as voice.py hears it (the hiss in it included, as for refining)."""
    silence = heard_ms[np.array(chosen, np.int64)]
    which = np.flatnonzero((silence >= REFINE_BELOW_MS) & (silence < CLOSURE_MAX_MS))
    if not len(which):
        return {}
    expected = total * shares / shares.sum()
    reward = np.concatenate(([0.0], _rewards(cands), [0.0]))
    spoken = np.concatenate(([0], cands.spoken, [total])).astype(float)  # the nodes
    nodes = np.array([0, *(c + 1 for c in chosen), len(spoken) - 1])
    low, here, high = nodes[which], nodes[which + 1], nodes[which + 2]
    # Every node between the neighbours of each boundary, all boundaries at once.
    counts = high - low - 1
    boundary = np.repeat(np.arange(len(which)), counts)
    between = np.arange(counts.sum()) + np.repeat(low + 1 - (np.cumsum(counts) - counts), counts)
    weight = np.array([PUNCTUATION_WEIGHT.get(marks[k], NO_PUNCTUATION_WEIGHT) for k in which])
    before, after = expected[which][boundary], expected[which + 1][boundary]
    with np.errstate(divide="ignore"):  # no speech: log 0 = −∞, a cost of ∞
        cost = _length_costs(spoken[between] - spoken[low][boundary], before, length_weight)
        cost += _length_costs(spoken[high][boundary] - spoken[between], after, length_weight)
        cost -= weight[boundary] * reward[between]
    mine = between == here[boundary]
    least = np.empty(len(which))
    least[boundary[mine]] = cost[mine]
    hits = np.flatnonzero((cost < least[boundary] + CLOSE_CALL) & ~mine)  # by boundary
    found, firsts = np.unique(boundary[hits], return_index=True)
    return dict(zip(which[found].tolist(), np.split(between[hits] - 1, firsts[1:])))


def _sentence_bounds(marks: list[str]) -> list[int]:
    """Index of the first piece of each sentence, then the number of pieces."""
    return [0, *(k + 1 for k, mark in enumerate(marks[:-1]) if mark in SENTENCE_END),
            len(marks)]


def _length_ratios(lengths: np.ndarray, shares: np.ndarray, marks: list[str]) -> np.ndarray:
    """Each piece's speech ÷ what its syllables give it at its sentence's own pace,
    times the square root of that sentence's pace ÷ the reading's (sentences vary by
    ±20 %, so only half of that variation, in logarithm, counts against a boundary)."""
    total = lengths.sum()
    ratios = np.empty(len(lengths))
    bounds = _sentence_bounds(marks)
    for a, b in zip(bounds, bounds[1:]):
        spoken, share = lengths[a:b].sum(), shares[a:b].sum()
        pace = spoken / max(total * share / shares.sum(), 1)
        ratios[a:b] = lengths[a:b] / np.maximum(spoken * shares[a:b] / share, 1) * pace ** 0.5
    return ratios


def _not_found(count: int, path: Path | None) -> AudioError:
    return AudioError(
        f"impossible de retrouver les {count} groupes de sens dans cet enregistrement",
        path=path, hint="Vérifiez que c'est bien la lecture de ce texte, ou placez les "
                        "étiquettes vous-même dans Audacity (voir docs/audio.md).")


def _length_costs(lengths: np.ndarray, expected: float | np.ndarray,
                  weight: float) -> np.ndarray:
    """`weight`·ln(length ÷ `expected`)² for the speech `lengths` (frames, float), in
    place: ∞ for no speech (log 0 = −∞, not a warning: the caller's errstate).
    `expected`: one length for all, or one for each."""
    np.log(np.divide(lengths, expected, out=lengths), out=lengths)
    np.square(lengths, out=lengths)
    return np.multiply(lengths, weight, out=lengths)


def _best_boundaries(cands: segment.Candidates, total: int, shares: np.ndarray,
                     marks: list[str], path: Path | None, *,
                     length_weight: float = LENGTH_WEIGHT) -> list[int]:
    """Indices of the K−1 candidates that best cut the speech into K groups.

    Nodes are 0 (first speech frame), 1..C (candidates), C+1 (last speech frame).
    For boundary k, only nodes near the syllables' cumulative share are tried, and a
    group only spans a bounded number of candidates: O(K·band·window) instead of K·C².
    Each boundary's table (its nodes × the nodes before them) is a strided view of
    the speech and costs so far, padded on the left with nodes that cost ∞: its
    arithmetic is done in place, and in a large table the cost of each length of speech
    (a whole number of frames) is computed once.
    """
    count = len(shares)
    spoken = np.concatenate(([0], cands.spoken, [total])).astype(float)
    reward = np.concatenate(([0.0], _rewards(cands), [0.0]))
    expected = total * shares / shares.sum()
    boundary_at = np.cumsum(expected)  # expected speech before boundary k+1
    band = max(BAND_S * 1000 / segment.HOP_MS, BAND_SHARE * total)
    nodes = len(spoken)
    # The nodes tried for each boundary, [low, high), and how many nodes before each a
    # group may start (`window`: MAX_LENGTH_RATIO times its expected speech).
    ends = [(max(int(np.searchsorted(spoken, at - band, "left")), 1),
             min(int(np.searchsorted(spoken, at + band, "right")), nodes - 1))
            for at in boundary_at[:-1]] + [(nodes - 1, nodes)]
    if any(high <= low for low, high in ends):  # a boundary with no node: no path
        raise _not_found(count, path)
    windows = [int(max(1, (np.arange(low, high) - np.searchsorted(
        spoken, spoken[low:high] - (MAX_LENGTH_RATIO * expected[k] + 100), "left")
    ).max(initial=1))) for k, (low, high) in enumerate(ends)]
    widest = max(windows)
    # Node n is at n + nodes in both: a node before node 0 speaks nothing and costs ∞.
    # Row n + nodes - widest of their sliding windows ends just before node n.
    spoken_padded = np.concatenate((np.zeros(nodes), spoken))
    best = np.full(2 * nodes, np.inf)  # cost of the best path to each node so far
    best[nodes] = 0.0
    shape = (2 * nodes - widest + 1, widest)
    spoken_before = as_strided(spoken_padded, shape, spoken_padded.strides * 2, writeable=False)
    best_before = as_strided(best, shape, best.strides * 2, writeable=False)  # follows `best`
    reached = slice(nodes, nodes + 1)  # where `best` is finite
    back: list[tuple[int, np.ndarray]] = []  # first node, best previous node of each
    with np.errstate(divide="ignore"):  # no speech: log 0 = −∞, a cost of ∞
        for k, ((low, high), window) in enumerate(zip(ends, windows)):
            weight = 0.0 if k == count - 1 else \
                PUNCTUATION_WEIGHT.get(marks[k], NO_PUNCTUATION_WEIGHT)
            # Column s − 1 of a row: the node s steps before it (s = 1 … window).
            rows = slice(low + nodes - widest, high + nodes - widest)
            columns = slice(widest - 1, widest - 1 - window if window < widest else None, -1)
            cost = np.subtract(spoken[low:high, None], spoken_before[rows, columns])
            # Speech is counted in whole frames: in a large table a length repeats, and
            # its cost (a logarithm) is computed once.
            longest = int(cost.max()) if cost.size > 2048 else cost.size
            if cost.size > 2 * longest:
                costs = _length_costs(np.arange(longest + 1, dtype=float), expected[k],
                                      length_weight)
                cost = costs[cost.astype(np.intp)]
            else:
                cost = _length_costs(cost, expected[k], length_weight)
            cost += best_before[rows, columns]
            pick = np.argmin(cost, axis=1)
            found = cost[np.arange(high - low), pick] - weight * reward[low:high]
            back.append((low, np.arange(low - 1, high - 1) - pick))
            best[reached] = np.inf
            reached = slice(low + nodes, high + nodes)
            best[reached] = found
    if not np.isfinite(best[2 * nodes - 1]):
        raise _not_found(count, path)
    chosen: list[int] = []
    node = nodes - 1
    for low, previous in reversed(back):
        node = int(previous[node - low])
        chosen.append(node)
    chosen = chosen[::-1][1:]  # drop the first speech frame (node 0)
    return [c - 1 for c in chosen]
