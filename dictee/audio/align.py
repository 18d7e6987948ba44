"""Find where each meaning group starts and ends in a reading of the text.

The frames that hold a voice are found first (voice.py: a cough, a chair or a page is
loud but not voiced; in a reverberant room, sounds are cut where one restarts out of the
echo of the one before). The reading is reduced to candidate boundaries (pauses, and
dips of energy inside continuous speech, see segment.py). Dynamic programming
(placement.py) then picks, in order, one candidate between each pair of groups so that
every group's amount of speech matches its share of the text (syllables and letters as
they are said, spoken.py), preferring long pauses to shallow dips. A pause inside a
group (after a comma, a breath) is skipped when taking it would make the groups around
it too short or too long; a boundary with no pause at all is found at the dip nearest to
where the lengths put it. A pause short enough to be inside a word (the closures of
« p » and « t » in « septembre »), where another candidate fits the lengths nearly as
well, is checked against a synthetic reading of the two groups (refine.costs).
The sentences are placed first, then the groups inside each sentence against that
sentence's own pace: a reader who speeds up from one sentence to the next does not
drag every boundary after it. In a reading with few pauses, a sentence's end is put
where the whole text said by espeak-ng, warped onto the reading, puts it, when the
lengths put it more than 0.3 s away (coarse.py).
The edges are then moved to where the voice starts and stops: next to a pause, over
the hiss of a sibilant or the burst of a final « t », or in a room over the consonant
its echo hid, never onto a noise (edges.py, which also measures the pauses, before the
groups are placed, from where the voice stopped rather than where the room's echo or a
drowned sibilant did); between groups read without a pause, where a synthetic reading
of the two groups puts them (refine.py, espeak-ng).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from dictee import cores
from dictee.audio import (
    doubt,
    edges,
    hiss,
    junctions,
    outside,
    pitch,
    placement,
    plausible,
    refine,
    reverb,
    segment,
    speech,
    voice,
)
from dictee.audio.placement import REFINE_BELOW_MS
from dictee.audio.span import Span
from dictee.audio.spoken import shares as spoken_shares
from dictee.audio.spoken import syllables
from dictee.content.groups import count_words
from dictee.errors import AudioError

# A boundary at a close call (placement.close_calls: a short pause that may be inside a
# word, other candidates nearly as good) is moved to another candidate only when the
# synthetic reading matches there with less than 1/SWITCH_RATIO of the mismatch; when
# it matches there better, but not by that much, the boundary is to be checked by ear.
# In a reverberant room, with noises, the synthetic reading often prefers the wrong
# pause by 10-15 %; the closure of a stop inside a word, read without a pause, costs
# 3-6 times the real boundary.
SWITCH_RATIO = 2.0
REVERB_PAUSE_MS = 100  # the room's echo is measured before pauses this long
_INNER_PUNCTUATION = re.compile(r"(?<=[,;:])\s+")

# A boundary is sure when it is a real pause, or a deep dip that leaves both groups
# at a plausible length; below DOUBT_BELOW, both groups around it are to be checked.
SURE_PAUSE_MS = 150.0  # a silence this long is a confident boundary
SURE_DIP_DB = 25.0  # a dip this deep inside continuous speech almost as much
DOUBT_BELOW = 0.5


# Readings of fewer groups are not searched for a passage outside the text: their first
# and last groups are most of it.
OUTSIDE_MIN_GROUPS = 6


def align(samples: np.ndarray, rate: int, texts: Sequence[str], *,
          path: Path | None = None) -> list[Span]:
    """Spans of the groups `texts`, in order, in a reading sampled at `rate` Hz.

    A passage said before the text or after it (outside.py) is left out: the reading
    is aligned again without it, and the group next to it is named to check."""
    said_in = pitch.synthetic_voice(samples, rate)  # espeak-ng's, near the reader's
    with contextlib.ExitStack() as espeak:  # stops espeak-ng if started (junctions.py)
        # The first and last groups said while voice.py listens (outside.py).
        ends = espeak.enter_context(outside.saying(list(texts), said_in)) \
            if len(texts) >= OUTSIDE_MIN_GROUPS else None
        spans, pauses_ms = _aligned(samples, rate, texts, path, espeak, said_in)
        if ends is None or not spans:
            return spans
        text_ms = outside.text_edges_ms(samples, rate, list(texts), ends, spans[0].start_ms,
                                        spans[-1].end_ms)
    if text_ms is None:
        return spans
    kept = outside.kept_ms(text_ms, (spans[0].start_ms, spans[-1].end_ms), pauses_ms)
    before, after = kept.before_ms, kept.after_ms
    named = _next_to_passages(kept, list(texts))
    if before is None and after is None:  # nothing cut; a passage not cut, named
        return _named(spans, named)
    low = 0 if before is None else round(before * rate / 1000)
    high = len(samples) if after is None else round(after * rate / 1000)
    try:
        with contextlib.ExitStack() as espeak:
            inner, _ = _aligned(samples[low:high], rate, texts, path, espeak, said_in)
    except AudioError:  # what is left cannot be aligned: the whole reading's groups, named
        return _named(spans, named)
    return _named(inner, named, shift_ms=round(low * 1000 / rate))


def _next_to_passages(kept: outside.Kept, texts: list[str]) -> set[int]:
    """The groups to name for a passage outside the text (`kept`): next to a cut, the
    group there; a passage not cut may have pushed the groups it shared lengths with
    (a thank-you became the last group, and the text's last group slid into the one
    before, 1.3-1.5 s off): the groups matched at that end (outside.end_sentences)."""
    head, tail = outside.end_sentences(texts)
    named: set[int] = set()
    if kept.before_ms is not None:
        named.add(0)
    elif kept.unsure_before:
        named.update(range(len(head)))
    if kept.after_ms is not None:
        named.add(len(texts) - 1)
    elif kept.unsure_after:
        named.update(range(len(texts) - len(tail), len(texts)))
    return named


def _named(spans: list[Span], named: set[int], *, shift_ms: int = 0) -> list[Span]:
    """`spans` moved by `shift_ms` (a reading cut before the text), the groups `named`
    to check as well as those already in doubt (all of them when most are:
    doubt.all_when_most)."""
    unsure = doubt.all_when_most({k for k, span in enumerate(spans) if span.doubt} | named,
                                 len(spans))
    return [Span(span.start_ms + shift_ms, span.end_ms + shift_ms, k in unsure)
            for k, span in enumerate(spans)]


def _aligned(samples: np.ndarray, rate: int, texts: Sequence[str], path: Path | None,
             espeak: contextlib.ExitStack, said_in: str) -> tuple[list[Span], np.ndarray]:
    """align() without looking outside the text, espeak-ng's processes (saying the texts
    in the voice `said_in`) left to `espeak` when started early; and the reading's
    pauses, (stop, restart) in ms."""
    if not texts:
        return [], np.zeros((0, 2))
    duration_ms = round(len(samples) * 1000 / rate)
    plausible.require(plausible.length_problem(duration_ms, sum(count_words(t) for t in texts)),
                      path)
    heard = segment.speech(segment.envelope(samples, rate))
    plausible.require(plausible.speech_problem(samples, rate, heard), path)
    # espeak-ng, while voice.py listens
    guess = junctions.guess_early(texts, heard, espeak, said_in)
    listened = voice.listen(samples, rate)
    frames = listened.frames()
    mask = speech.speech_mask(frames)
    if not mask.any():
        plausible.require(plausible.NOTHING_SPOKEN, path)
    env, level = cores.each(lambda db: segment.from_levels(db, rate),  # a core each
                            (frames.clean_db, frames.snr_db))
    found = segment.Speech(mask, 0.0, segment.SILENCE_DBFS, 0.0)
    cands, first, last = segment.candidates(env, found)
    tail_ends = cands.end[cands.silence_ms >= REVERB_PAUSE_MS]
    decay = reverb.decay_rate(level.smooth_db, tail_ends)
    if decay is not None:
        # A cough or a chair in a pause: its echo, and the word's before it, run into
        # the next word; the sounds are cut where each starts (sounds.cut), and each
        # judged on its own voicing. The room's decay is the same, measured once; the
        # levels too (voice.Listened).
        frames = listened.frames(echo=True)
        found = segment.Speech(speech.speech_mask(frames), 0.0, segment.SILENCE_DBFS, 0.0)
        # In a room, the echo fills the gaps between words read without a pause: their
        # dips are shallower, and would be missed (the groups around them then slide by
        # a word to fit their lengths, past a real pause).
        cands, first, last = segment.candidates(env, found,
                                                min_dip_db=reverb.dip_depth(decay))
    cands, last, room = edges.without_tails(cands, last, frames, level.smooth_db, decay)
    # The pauses as voice.py hears them say which boundaries are refined (refine.py) or
    # widened over a hiss (hiss.widened); with the hiss that fills them given back to
    # the speech, they place the groups and say how sure each boundary is.
    heard_pauses = cands.silence_ms
    early = junctions.speak_early(texts, heard_pauses, espeak, said_in, guess)
    speech_frames = int(found.mask[first:last].sum())
    measured = hiss.Measured()  # the pauses' edges above 4 kHz, measured once (hiss.py)
    if room is None:
        cands, speech_frames = edges.without_hiss(samples, rate, env, cands, speech_frames,
                                                  measured)
    # Readers pause at commas inside a group too: align the pieces between punctuation,
    # so that such a pause is claimed by its comma instead of a group boundary.
    pieces = [(index, piece) for index, text in enumerate(texts)
              for piece in _INNER_PUNCTUATION.split(text.strip()) if piece]
    shares = spoken_shares([piece for _, piece in pieces])
    plausible.require(plausible.speed_problem(speech_frames * segment.HOP_MS,
                                              sum(syllables(t) for t in texts)), path)
    if len(texts) == 1:
        return [Span(int(env.ms(first)), int(env.ms(last)))], np.zeros((0, 2))
    if len(cands) < len(pieces) - 1:
        raise AudioError(
            f"impossible de retrouver les {len(texts)} groupes de sens : l'enregistrement "
            f"n'offre que {len(cands) + 1} passages séparables", path=path,
            hint="Vérifiez que c'est bien la lecture de ce texte, ou placez les étiquettes "
                 "vous-même dans Audacity (voir docs/audio.md).")
    marks = [placement.end_mark(piece) for _, piece in pieces]
    anchors = junctions.anchors(samples, rate, texts, pieces, early, found.mask, first, last)
    chosen, close = placement.sentences_then_groups(
        cands, speech_frames, shares, marks, path, heard_pauses, anchors,
        close_call=placement.CLOSE_CALL if early is None else placement.CLOSE_CALL_SAID)
    ahead = None if early else junctions.speak_joined_ahead(texts, pieces, chosen, heard_pauses,
                                                            espeak, said_in)
    chosen, doubtful = _settled(samples, rate, texts, pieces, cands, env, chosen, close,
                                early, said_in)
    starts = [first] + [int(cands.start[c]) for c in chosen]
    ends = [int(cands.end[c]) for c in chosen] + [last]
    spans: dict[int, Span] = {}
    for (index, _), start, end in zip(pieces, starts, ends):
        begun = spans.get(index)
        spans[index] = Span(begun.start_ms if begun else int(env.ms(start)), int(env.ms(end)))
    unsure: set[int] = set()
    spoken = np.concatenate(([0], cands.spoken[chosen], [speech_frames]))
    ratios = placement.length_ratios(np.diff(spoken), shares, marks)
    joined: list[int] = []  # groups followed by the next with no real pause
    # For each of them: whether the candidate alone is sure (confidence), whether the
    # groups around it are of plausible length, where the lengths put it and where the
    # whole-text warping does (NaN: not computed), in ms; judged once refined.
    placed: dict[int, tuple[bool, bool, float, float]] = {}
    for k, c in enumerate(chosen):
        if pieces[k][0] == pieces[k + 1][0]:
            continue
        # Between the voice's stop and restart: the pause (its hiss aside), or a room's echo.
        quiet_ms = float(cands.silence_ms[c]) if room is None else max(
            float(cands.silence_ms[c]), float(cands.start[c] - cands.end[c]) * segment.HOP_MS)
        before, after = float(ratios[k]), float(ratios[k + 1])
        sure = confidence(quiet_ms, float(cands.depth_db[c]), before, after) >= DOUBT_BELOW
        if heard_pauses[c] < REFINE_BELOW_MS:
            joined.append(pieces[k][0])
            placed[pieces[k][0]] = (
                sure, plausible_lengths(before, after) >= DOUBT_BELOW,
                float(env.ms((cands.end[c] + cands.start[c]) / 2)),
                float(anchors[k]) if anchors is not None else np.nan)
        if k in doubtful or not (sure or pieces[k][0] in placed):
            unsure |= {pieces[k][0], pieces[k + 1][0]}
    if early is None:  # espeak-ng for the joins only (junctions.speak_joined)
        early = junctions.speak_joined(texts, joined, espeak, said_in, ahead)
    paused = [pieces[k][0] for k, c in enumerate(chosen)
              if pieces[k][0] != pieces[k + 1][0] and heard_pauses[c] >= REFINE_BELOW_MS]
    filled = room is not None and doubt.filled_pauses(len(paused), len(joined))
    if filled:
        unsure |= {group for g in joined for group in (g, g + 1)}
    noises_ms = env.ms(speech.noises(frames)[:, 0])  # where each noise starts
    if room is None:
        unsure |= edges.widen_over_hiss(samples, rate, spans, paused, duration_ms, noises_ms,
                                        measured)
        edges.past_fades(spans, [*paused, len(texts) - 1], duration_ms, noises_ms, frames, env)
    else:
        echoed = {group: spans[group].end_ms for group in [*paused, len(texts) - 1]}
        unsure |= edges.end_on_consonants(samples, rate, spans, paused, duration_ms, room[1],
                                          noises_ms)
        edges.past_fades(spans, [g for g, end in echoed.items() if spans[g].end_ms == end],
                         duration_ms, noises_ms, frames, env, echo=True)
    if joined:
        pauses = cands.start > cands.end  # a silence, or the room's echo (reverb.py)
        echo = None if room is None else (
            lambda ms: int(env.ms(reverb.direct_end(room[0], int(ms / 1000 * rate / env.hop),
                                                    room[1]))))
        quiet = None if room is None else (lambda ms: junctions.lowest_db(frames.snr_db, env, ms))
        dry = decay is None and not reverb.echoes(level.smooth_db, tail_ends)
        missed, matched = junctions.refined(
            samples, rate, texts, spans, joined,
            np.stack((env.ms(cands.end[pauses]), env.ms(cands.start[pauses]),
                      heard_pauses[pauses] > 0, heard_pauses[pauses]), axis=1), echo, early,
            said_in, quiet, dry=dry,
            coarse_ms={group: coarse for group, (*_, coarse) in placed.items()},
            dips=None if dry else (lambda ms: junctions.sentence_dip_ms(frames.snr_db, env, ms)))
        unsure |= missed
        for group, (sure, lengths_ok, lengths_ms, coarse_ms) in placed.items():
            # Refined: sure when another evidence puts the boundary where the synthetic
            # reading does (doubt.junction_confirmed); not refined (a pair too short to
            # match): when the candidate is (confidence). None refined (no espeak-ng):
            # `missed` holds them all.
            if group in matched:
                at, in_pause = matched[group]
                sure = lengths_ok and doubt.junction_confirmed(at, in_pause, lengths_ms,
                                                               coarse_ms)
            if not sure:
                unsure |= {group, group + 1}
        # Their ends over a final consonant, as at a pause; not when the joins are pauses
        # a noise filled (all named above): that « consonant » is most often the noise's
        # (in a room with noises, 7 more noises taken into groups).
        if not filled:
            unsure |= edges.ends_after_joins(samples, rate, spans, joined,
                                             None if room is None else room[1], noises_ms,
                                             measured)
        if room is None and doubt.unmeasured_echo(heard.floor_db - heard.quietest_db):
            # Ends in an echo no one measured: those at a pause, and the last.
            unsure |= set(paused) | {g for g, (_, in_pause) in matched.items() if in_pause}
            unsure.add(len(texts) - 1)
    unsure |= _weak_edges(spans, frames, env)
    ranges = [(spans[i].start_ms, spans[i].end_ms) for i in range(len(texts))]
    # The pauses no boundary was put at (nor a comma inside a group).
    passed = np.setdiff1d(np.flatnonzero(heard_pauses > 0), chosen)
    unsure |= doubt.passed_pauses(ranges, np.stack((env.ms(cands.end[passed]),
                                                    env.ms(cands.start[passed])), axis=1),
                                  cands.silence_ms[passed])
    if room is not None:
        # Named on where they were put, as the lengths below (`ranges`) are measured: a
        # start moved past a noise still has it before, and the noise was no speech.
        unsure |= _noisy_starts(spans, frames, env) | _noisy_ends(spans, frames, env)
        put = _frames_of(spans, "start_ms", env)
        moved = speech.past_noises(frames, put, _frames_of(spans, "end_ms", env))
        for group in np.flatnonzero(moved != put).tolist():
            spans[group] = Span(int(env.ms(moved[group])), spans[group].end_ms)
    # A boundary sure of itself may still be a sentence off: its groups' speech says so.
    unsure |= doubt.to_check(doubt.speech_ms(found.mask, segment.HOP_MS, ranges),
                             spoken_shares(list(texts)))
    unsure = doubt.all_when_most(unsure, len(texts))
    gaps = cands.start > cands.end  # a silence, or the room's echo (reverb.py)
    return ([Span(spans[i].start_ms, spans[i].end_ms, i in unsure) for i in range(len(texts))],
            np.stack((env.ms(cands.end[gaps]), env.ms(cands.start[gaps])), axis=1))


def _settled(samples: np.ndarray, rate: int, texts: Sequence[str],
             pieces: list[tuple[int, str]], cands: segment.Candidates,
             env: segment.Envelope, chosen: list[int], close: dict[int, np.ndarray],
             early: refine.Speaking | None, said_in: str) -> tuple[list[int], set[int]]:
    """`chosen`, each boundary between two groups whose candidates are a close call
    (`close`, placement.close_calls: at a pause that may be inside a word), moved to the
    one where a synthetic reading of the two groups matches the reading far better
    (refine.costs, SWITCH_RATIO; said in the voice `said_in`; `early`: espeak-ng
    started before the groups were placed, junctions.speak_early); and the boundaries
    left where the synthetic reading would rather not (indices in `chosen`), to be
    checked by ear.

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
                           for c in option] for option in options], early,
                         said_in=said_in)
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
    scattered voiced frames (speech.scattered): a noise taken in with the group,
    such as a chair in a reverberant room whose echo joins the word's. Their edges are
    to be checked by ear."""
    sounds, weak = speech.speech_sounds(frames)
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
            if speech.scattered(frames, *sound) or (
                    (part[1] - part[0]) * segment.HOP_MS >= speech.VOWEL_MS
                    and speech.scattered(frames, *part)):
                out.add(group)
                break
    return out


def _noisy_starts(spans: dict[int, Span], frames: voice.Frames, env: segment.Envelope
                  ) -> set[int]:
    """The groups around each start put on a sound before the group's first word
    (speech.late_onsets), in a reverberant room: a cough or a chair in the pause, joined
    by its echo to the next word, may have been taken by either group. Not in a dry
    room, where such a noise is a sound of its own, judged whole (speech.speech_mask)."""
    late = speech.late_onsets(frames, _frames_of(spans, "start_ms", env))
    return {group for g in np.flatnonzero(late) for group in (int(g) - 1, int(g))
            if group >= 0}


def _noisy_ends(spans: dict[int, Span], frames: voice.Frames, env: segment.Envelope
                ) -> set[int]:
    """The groups whose end, in a reverberant room, may be on a noise after the last word
    (speech.early_vowels), before a piece of it judged a noise (speech.loud_noise_after),
    or on the start of a noise found rising out of its echo (speech.noise_rising_after):
    the room's echo joins a word and a noise right after it into one sound, cuts a word
    where its voicing is smeared, or hides where a noise starts. Not in a dry room,
    where the two are sounds apart."""
    ends = _frames_of(spans, "end_ms", env)
    return {int(g) for g in np.flatnonzero(speech.early_vowels(frames, ends)
                                           | speech.loud_noise_after(frames, ends)
                                           | speech.noise_rising_after(frames, ends))}


def _frames_of(spans: dict[int, Span], edge: str, env: segment.Envelope) -> np.ndarray:
    """The frame of each group's `edge` ("start_ms" or "end_ms"), in the groups' order."""
    return np.array([env.frame(getattr(spans[g], edge)) for g in range(len(spans))], np.int64)


def confidence(silence_ms: float, depth_db: float, before: float, after: float) -> float:
    """How sure a boundary is, from 0 to 1: a long pause or a deep dip (`acoustic`),
    between two groups each near its expected length (`plausible_lengths`)."""
    return acoustic(silence_ms, depth_db) * plausible_lengths(before, after)


def acoustic(silence_ms: float, depth_db: float) -> float:
    """How sure a boundary is from the signal alone, 0 to 1: a long pause, or a deep
    dip inside continuous speech."""
    return float(max(1 - np.exp(-silence_ms / (SURE_PAUSE_MS / 2)),
                     min(max(depth_db, 0) / SURE_DIP_DB, 1.0) * 0.8))


def plausible_lengths(before: float, after: float) -> float:
    """How plausible the lengths of the two groups around a boundary are, 0 to 1
    (`before`, `after`: actual ÷ expected, placement.length_ratios)."""
    return float(np.exp(-4 * (np.log(max(before, 1e-3)) ** 2
                              + np.log(max(after, 1e-3)) ** 2)))
