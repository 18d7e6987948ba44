"""Speech before the text's first words or after its last: a title said before the
dictation, the reader introducing themselves, a thank-you at the end.

The groups are placed by their lengths from the first speech to the last (placement.py),
so a passage added at either end is taken into the first or last group, 2-4 s off, and
the lengths alone often find nothing wrong (a title of two seconds made the first
group on its own, and the groups after it slid until a sentence took the slack). What is
said tells: the first and the last groups of the text (END_SYLLABLES at least), said by
espeak-ng, are matched against the start and the end of the reading (dynamic time
warping open at both ends, warping.through_cells, on coarse cepstra as coarse.py's):
where their first and last frames land is where the text starts and ends, and how much
worse they match from the reading's own first and last speech says whether something
else was said there: a passage is there when the text starts (ends) ADDED_MIN_MS or
more from the first (last) speech and matches clearly worse from it, or further and
only a little worse (in a room's echo: FAINT_MS; at the end, then, it is only named).
Ended (started) by a pause of PAUSE_MS or more near that place, with OUTSIDE_MIN_MS of
speech on its other side, it is left out of the groups (align.py aligns again without
it, and names the group next to it to check); with no such pause, the group next to it
is only named (kept_ms).

On the test readings (tests/audio/readings.py, 8 texts, « pauses », seed 0), the text was
found to start 0 s after the first speech and to end 0-0.68 s before the last, matching
1.0-1.2 times worse from there; with a title before it or a thank-you after it, 2.6-3.6 s
off, 1.5-5.6 times worse.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from dictee.audio import refine, synth, warping
from dictee.audio.spoken import syllables

FRAME_MS, WINDOW_MS = 40, 40  # coarse cepstra (coarse.py's): the place is snapped to a pause
END_SYLLABLES = 15  # said at the start and the end of the text: ~3 s
ADDED_MIN_MS = 1000  # speech this long before or after the text is an added passage
# The passage's own speech, before (after) the pause that is cut, at least: « Bonjour. »
# lasts ~0.5 s.
OUTSIDE_MIN_MS = 300
PAUSE_MS = 300  # the pause that ends (starts) it, at least
ANCHOR_MS = 200  # the text said from the first speech starts within this of it
SNAP_MS = 300  # that pause ends at most this after where the text starts (before: ends)
# ...and at most this before (after: the warping may end the text early). In a room's
# echo, or read at 0.85×, the warping put the text's start up to 2 s after the title's
# pause, its end up to 1.7 s before the thank-you's: at 1 s, 3 titles and 9 thank-yous
# of 240 (5 conditions, 8 texts, 3 seeds) were not cut, 2 cut inside the text; at 2 s,
# 1 and 0, and the same 2 (all named).
LATE_MS = 2000
# The text matches this many times worse said from the first (last) speech: a passage
# is there. Over the test readings of every condition (3 seeds), without one: at most
# 1.11 at the start, 1.46 at the end (1.53-1.65 read at 0.8-0.9×); with a title before:
# 1.3-5, a thank-you after: 1.36-5.1. The end is judged more strictly: a false cut there
# drops the last words.
ANCHOR_RATIO, END_RATIO = 1.4, 1.8
# In a room's echo or under a noise, a passage matches less clearly worse (a title
# 1.18-1.4, a thank-you 1.24-1.75), but it is long: a passage is also there when the
# text matches FAINT_RATIO times worse and that ratio times its distance from the
# first speech is FAINT_MS or more (the further, the less worse it need match).
# Without a passage, over the test readings of 15 conditions (the goal's and three
# beyond it, 8 texts, 3 seeds: 360 readings), the text matched at most 1.12 times worse
# at the start, and ratio × distance was at most 2.06 s there; with a title (2.3-4.5 s,
# then 0.5-1 s of pause), at least 3.8 s.
FAINT_RATIO, FAINT_MS = 1.15, 2400
# At the end, such a faint sign is no reason to cut: without a passage, in a room's
# echo with coughs in the pauses, the warping ended the text 2.3 s before the last
# speech, matching 1.16 times worse from it (tests' text with numbers, 2 seeds of 3),
# and 1.2 times worse 1.8 s before it (Chow Hang-tung, with a noise); a thank-you
# matched 1.24-1.75 times worse 2-3.3 s before it. A cut there would drop the text's
# last words: the last group is only named to check, when the text matches
# FAINT_END_RATIO times worse and ratio × distance is FAINT_MS or more.
FAINT_END_RATIO = 1.2
# The reading searched: the sentence's own length this many times, and this much more.
SEARCH_TIMES, SEARCH_MORE_S = 2.5, 4.0


def end_sentences(texts: list[str]) -> tuple[list[str], list[str]]:
    """The first groups of the text and its last, at least two and END_SYLLABLES
    syllables each: enough to match, little enough to stay near the edge."""
    counts = np.cumsum([syllables(text) for text in texts])
    first = max(2, int(np.searchsorted(counts, END_SYLLABLES)) + 1)
    back = np.cumsum([syllables(text) for text in reversed(texts)])
    last = max(2, int(np.searchsorted(back, END_SYLLABLES)) + 1)
    return texts[:first], texts[len(texts) - last:]


def saying(texts: list[str], said_in: str
           ) -> contextlib.AbstractContextManager[Callable[[], synth.Said | None]]:
    """espeak-ng saying the first and last groups of `texts` (end_sentences), in the
    aligner's voice `said_in` (pitch.synthetic_voice), started now (synth.saying: left
    to run while the reading is aligned; leaving stops it): what text_edges_ms is
    given."""
    return synth.saying(_said(texts), said_in, refine.WORDS_PER_MINUTE)


def _said(texts: list[str]) -> list[str]:
    """What `saying` says, in the order of what it gives back."""
    head, tail = end_sentences(texts)
    return sorted(set(head + tail))


def text_edges_ms(samples: np.ndarray, rate: int, texts: list[str],
                  said: Callable[[], synth.Said | None], first_ms: float, last_ms: float
                  ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Where the text starts and ends in the reading (ms), its first and last groups
    (end_sentences) said (`said`, from `saying`) matched against the reading from its
    first speech (`first_ms`) and up to its last (`last_ms`); each with how many times
    worse they match said from that speech (the best warping whose first row, or last
    at the end, is within ANCHOR_MS of it, over the best of all). None without
    espeak-ng."""
    found = said()
    if found is None:
        return None
    head, tail = end_sentences(texts)
    place = {text: number for number, text in enumerate(_said(texts))}
    edges = []
    for sentence, at_end in ((head, False), (tail, True)):
        query = np.concatenate([part.values for part in refine.pieces_cepstra(
            found.samples, found.rate, [found.spans[place[text]] for text in sentence],
            frame_ms=FRAME_MS, window_ms=WINDOW_MS)])
        searched = (SEARCH_TIMES * len(query) * FRAME_MS / 1000 + SEARCH_MORE_S) * rate
        low, high = ((int(last_ms * rate / 1000 - searched), int(last_ms * rate / 1000))
                     if at_end else
                     (int(first_ms * rate / 1000), int(first_ms * rate / 1000 + searched)))
        low, high = max(low, 0), min(high, len(samples))
        reading = refine.pieces_cepstra(samples, rate, [(low, high)], frame_ms=FRAME_MS,
                                        window_ms=WINDOW_MS)[0]
        if len(query) < 2 or len(reading.values) < 2:
            return None
        row = len(query) - 1 if at_end else 0
        through = warping.through_cells([warping.normalised(query)],
                                        [warping.normalised(reading.values)],
                                        [(row, row + 1)])[0][0]
        best = int(np.argmin(through))
        # The text said from the reading's own first (last) speech, the best it can.
        near = max(1, round(ANCHOR_MS / FRAME_MS))  # frames
        anchored = float(through[-near:].min() if at_end else through[:near].min())
        edge = reading.centre(best) + reading.width / 2 if at_end \
            else reading.centre(best) - reading.width / 2
        edges.append(((low + edge) * 1000 / rate, anchored / max(float(through[best]), 1e-9)))
    return edges[0], edges[1]


class Kept(NamedTuple):
    """Where to cut the reading before the text and after it (ms; None: not cut there),
    and whether a passage seems said there that could not be cut (no pause to cut at):
    the group next to it is then to check."""

    before_ms: float | None
    after_ms: float | None
    unsure_before: bool = False
    unsure_after: bool = False


def kept_ms(text: tuple[tuple[float, float], tuple[float, float]],
            speech_ms: tuple[float, float], pauses_ms: np.ndarray) -> Kept:
    """Where to cut the reading before the text and after it (Kept). `text`: where the
    text starts and ends (text_edges_ms), each with how much worse the text matches when
    said from the reading's first (last) speech; `speech_ms`: the reading's first and
    last speech; `pauses_ms`: (stop, restart) of each pause, ms.

    A passage is added when the text starts ADDED_MIN_MS or more after the first speech
    and matches ANCHOR_RATIO times worse (END_RATIO at the end) said from there, or
    FAINT_RATIO times worse with that ratio times how far after it the text starts
    FAINT_MS or more; at the end, on such a faint sign (FAINT_END_RATIO), the last group
    is only named, never cut. It is cut in the
    middle of the longest pause of PAUSE_MS or more that ends from LATE_MS before the
    text's start to SNAP_MS after it, when that pause is OUTSIDE_MIN_MS or more after
    the first speech; with no such pause, the passage is only named (unsure). The same
    at the end. The longest pause first: a short title's pause is not replaced by a
    shorter pause inside the text (« Bonjour. » and 0.5 s of pause before « Né à La
    Havane en 1987, » cut after « Havane »)."""
    long = pauses_ms[pauses_ms[:, 1] - pauses_ms[:, 0] >= PAUSE_MS]
    cuts: list[float | None] = []
    unsure: list[bool] = []
    for (edge, ratio), at_end in ((text[0], False), (text[1], True)):
        added = speech_ms[1] - edge if at_end else edge - speech_ms[0]
        clear = added >= ADDED_MIN_MS and ratio >= (END_RATIO if at_end else ANCHOR_RATIO)
        faint = added >= ADDED_MIN_MS and ratio * added >= FAINT_MS \
            and ratio >= (FAINT_END_RATIO if at_end else FAINT_RATIO)
        said = clear or faint
        # The pause starts where the text ends (or a little after: the warping may end
        # the text a word early), or ends where it starts (or a little before).
        side = long[:, 0] - edge if at_end else edge - long[:, 1]
        near = long[(side >= -SNAP_MS) & (side <= LATE_MS)]
        cut = None
        if (clear or (faint and not at_end)) and len(near):
            pause = near[np.argmax(near[:, 1] - near[:, 0])]
            outside_ms = speech_ms[1] - pause[1] if at_end else pause[0] - speech_ms[0]
            cut = float(pause.mean()) if outside_ms >= OUTSIDE_MIN_MS else None
        cuts.append(cut)
        unsure.append(said and cut is None)
    return Kept(cuts[0], cuts[1], unsure[0], unsure[1])
