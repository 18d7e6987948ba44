"""Which groups to check by ear: the rules beyond a boundary's own pause.

align.confidence judges a boundary at a real pause where it is: a long pause between
two groups of plausible length. Six more rules live here:
- a boundary read without a pause is put where a synthetic reading of its two groups
  meets (refine.py); it is sure when an independent evidence puts it there too
  (junction_confirmed), not because the dip of energy there is deep; where two
  others put it elsewhere together, it stays where the lengths put it (outvoted);
- in a room whose echo could not be measured, the ends before pauses are in the echo
  (unmeasured_echo);
- a group whose speech does not fit its words is checked with its neighbours
  (to_check), whatever its boundaries say of themselves;
- in a reading paused nearly everywhere, a boundary with no pause is a pause a noise
  may have filled (filled_pauses);
- a long pause left inside a group is where a boundary should likely have been
  (passed_pauses);
- when most groups are in doubt, so are the others (all_when_most).

For the third: a boundary can pass and still be seconds off. Read without a pause at a
pace that changes from one sentence to the next (0.85× then 1.2×), the breath between
two sentences is no longer than the closures inside words,
the lengths of the groups put a sentence boundary at another one, and the groups that
follow slide with it, each of them at a plausible length against its own sentence.
What still tells it is the speech each group holds against what its words take at the
reading's own pace: a group given a second of its neighbour's words, or squeezed to
a fifth of its own. Such a group and two groups on each side of it are to be checked
by ear: the boundary that went astray is on one side of it, and may have carried the
next one with it (Sasha, secondaire, read at 0.85× then 1.2×: the group that took a
second too much is the 4th, the boundaries 361 ms and 891 ms early are the 2nd's end
and the 3rd's).
"""

from __future__ import annotations

import numpy as np

from dictee.audio.plausible import ECHO_FLOOR_DB

# A group whose speech is more than e^0.45 ≈ 1.57 times, or less than 1/1.57 times,
# its words' share of the reading's speech. The shares predict a group's length to
# within 9 % (spoken.py), a reader's pace varies by ±20 % from one sentence to the
# next: on the test readings (tests/audio/readings.py), the groups placed within
# 100 ms stay within 0.42 in every condition but one group at 10 dB SNR (0.52).
LENGTH_LIMIT = 0.45


def speech_ms(mask: np.ndarray, hop_ms: float, spans_ms: list[tuple[int, int]]) -> np.ndarray:
    """The speech (frames of `mask`, one every `hop_ms`) inside each span, in ms."""
    counted = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
    bounds = np.clip(np.rint(np.array(spans_ms, float).reshape(-1, 2) / hop_ms),
                     0, len(mask)).astype(np.int64)
    return (counted[bounds[:, 1]] - counted[bounds[:, 0]]) * hop_ms


def implausible(speech: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """For each group, whether its `speech` (ms) is implausible for its share of the
    text's speaking time (`shares`, spoken.shares), in either direction."""
    expected = shares / shares.sum() * speech.sum()
    with np.errstate(divide="ignore"):  # no speech at all: −∞, implausible
        ratio = np.log(np.maximum(speech, 0) / np.maximum(expected, 1e-9))
    return np.abs(ratio) > LENGTH_LIMIT


# A dictation is read with a pause after each group, for the pupils to write. In a
# reverberant room (align.py asks only there), in a reading paused at PAUSED_SHARE or
# more of the boundaries between groups, a boundary with no pause heard is more likely
# the reader's pause filled by a noise than two groups read on: a cough or a chair in
# the pause runs through its echo into the words on both sides, and the boundary,
# refined as a join (refine.py), lands in the noise or at its edge. With noises in
# pauses of 0.35-1.2 s (tests/audio/readings.py, « réverbération et bruits »), 18 of
# the 29 joins over three seeds were more than 250 ms off or took a noise, and 3 of
# them were not flagged. Readers who read some groups on pause at 62-73 % of the
# boundaries in the test readings with pauses, and those with noises in a room at
# 86-100 %. Not in a dry room, where a noise in a pause is a sound of its own (judged
# by speech.py): there, the joins of a reader pausing at 86 % of the boundaries are all
# within 250 ms, and flagging them named a group in five to check for nothing.
PAUSED_SHARE = 0.8


def filled_pauses(paused: int, joined: int) -> bool:
    """Whether the boundaries of a reading where no pause is heard (`joined` of them,
    `paused` with a pause) are each to be checked by ear, both groups around it: the
    reader paused nearly everywhere else (PAUSED_SHARE)."""
    return joined > 0 and paused >= PAUSED_SHARE * (paused + joined)


NEIGHBOURS = 2  # groups checked on each side of an implausible one


def to_check(speech: np.ndarray, shares: np.ndarray) -> set[int]:
    """Groups (indices) to check by ear for their length: each implausible one
    (`implausible`) and NEIGHBOURS groups on each side of it."""
    wrong = np.flatnonzero(implausible(speech, shares))
    around = {int(g) + step for g in wrong for step in range(-NEIGHBOURS, NEIGHBOURS + 1)}
    return {g for g in around if 0 <= g < len(speech)}


# A boundary between two groups read without a pause is put where a synthetic reading
# of the two groups meets (refine.py: the junction). Energy alone cannot confirm it:
# a shallow dip is as likely a consonant as a word boundary, and judged by its depth,
# a third of the boundaries of a reading without pauses were named to check, every one
# within ~120 ms of its place. The junction is sure when another evidence, found
# independently, puts the boundary there too, within what each is known to miss by:
# - a pause or a room's echo heard in the reading, where align.py snaps the junction
#   (SNAP_MS; after a full stop, a breath up to SENTENCE_SNAP_MS after it);
# - the whole text said by espeak-ng warped onto the whole reading (coarse.py, only
#   when the reading has few pauses): its path moves by steps of POOL_MS (80 ms), and
#   a step either way is its resolution; the junction, at 10 ms frames over 25 ms
#   windows, was within 120 ms of the truth on every test reading without pauses:
#   COARSE_AGREE_MS = 2 × 80 ms. The two are not independent (both match cepstra of
#   espeak-ng's voice with those of the reading), but they are matched at different
#   scales: coarse.py the whole text, refine.py 1.2 s on each side of the junction;
# - the candidate the groups' lengths chose (placement.py: a dip where the text's
#   shares put the boundary), within LENGTHS_AGREE_MS: about a syllable (French is
#   read at ~5 syllables per second), so that both point at the same word boundary.
#   The lengths are known to miss by a word or two in a reading without pauses: their
#   disagreement tells nothing, their agreement does.
# The warping of the whole text contradicts the junction when it puts the boundary
# farther than COARSE_AGREE_MS: then the boundary is to be checked whatever else agrees.
#
# Caveat: most test readings are espeak-ng (fr, fr+f3, fr+klatt), and so is the voice
# that says the text for refine.py and coarse.py (fr+m3 or fr+f2, by the reader's
# pitch: pitch.py; not test voices): the cepstra of a real reader match espeak-ng's less
# well, both warpings err more often, and an agreement within these tolerances may be
# too trusting on a real reader (tests/audio/human.py). The tolerances come from the
# resolution of each method, not fitted to the test readings.
COARSE_AGREE_MS = 160.0
LENGTHS_AGREE_MS = 200.0


def junction_confirmed(junction_ms: float, in_pause: bool, lengths_ms: float,
                       coarse_ms: float) -> bool:
    """Whether the junction of a refined boundary (`junction_ms`: where the synthetic
    reading starts the second group) is confirmed by an independent evidence (see
    above): a pause heard there (`in_pause`), the whole-text warping (`coarse_ms`,
    NaN when not computed) or the candidate chosen by the lengths (`lengths_ms`), and
    not contradicted by the whole-text warping."""
    if not np.isnan(coarse_ms) and abs(junction_ms - coarse_ms) > COARSE_AGREE_MS:
        return False
    return bool(in_pause or abs(junction_ms - coarse_ms) <= COARSE_AGREE_MS
                or abs(junction_ms - lengths_ms) <= LENGTHS_AGREE_MS)



def outvoted(junction_ms: float, lengths_ms: float, coarse_ms: float) -> bool:
    """Whether the junction of a refined boundary (`junction_ms`, as junction_confirmed)
    is outvoted: the whole-text warping (`coarse_ms`, NaN when not computed) puts the
    boundary farther than COARSE_AGREE_MS from it, and within COARSE_AGREE_MS of where
    the lengths put it (`lengths_ms`). Two evidences, found apart, against one: the
    boundary is left where the lengths put it, to be checked. The recorded voice read
    without pauses: refine.py's junction 0.4-0.8 s off, inside « valide », « discret »
    (held long, or a closure matched with espeak-ng's pause), where the two others were
    within 0.11 s of the truth."""
    return (not np.isnan(coarse_ms) and abs(junction_ms - coarse_ms) > COARSE_AGREE_MS
            and abs(lengths_ms - coarse_ms) <= COARSE_AGREE_MS)

# In a reverberant room, a word's end is found where the level leaves the room's decay
# line (reverb.py), once that decay is measured on the reading's pauses. When it cannot
# be (the echo never falls to the room's noise before the next word: a reverberation
# time of 1.5 s), nothing moves the ends back from the echo to the voice, and they are
# found up to 0.4 s late. Such an echo still shows: the quietest tenth of the reading
# (segment.Speech.floor_db) stays far above the room's own noise in its longest pauses
# (quietest_db). plausible.py reads 8 dB (ECHO_FLOOR_DB) as an echo that fills the
# pauses; a reading without pauses reaches 10 dB too (its quietest tenth is the quiet of
# its words: 0.7-9.9 dB on the test readings read without a pause, 0.6-1.7 dB on those
# with pauses, noise at 10 dB SNR included), and a room of 1.5 s 18-22 dB. Twice
# plausible's figure is an echo whatever the reader's pauses: the groups that end at a
# pause are then to be checked. (A room of 0.6 s, 2.6-13.7 dB, is always measured.)
UNMEASURED_ECHO_DB = 2 * ECHO_FLOOR_DB


def unmeasured_echo(echo_floor_db: float) -> bool:
    """Whether a reading whose room was not measured (reverb.decay_rate: None) holds an
    echo all the same: its quietest tenth this far (dB) above the room's own noise
    (segment.Speech.floor_db − quietest_db), UNMEASURED_ECHO_DB or more."""
    return echo_floor_db >= UNMEASURED_ECHO_DB


# A pause this long (ms of silence, a hiss at its edges aside) inside a group, at no
# comma, is where a reader ends a group, not where one catches a breath (300 ms in the
# test readings).
PASSED_PAUSE_MS = 500


def passed_pauses(spans_ms: list[tuple[int, int]], pauses_ms: np.ndarray,
                  silence_ms: np.ndarray) -> set[int]:
    """The groups (`spans_ms`, in order) that hold a pause of PASSED_PAUSE_MS or more
    (`pauses_ms`: (start, end) of the pauses no boundary was put at, ms; `silence_ms`:
    how long each is silent, a hiss at its edges aside), each with the group across its
    edge nearer to that pause (the next one at equal distance): the boundary there
    likely belongs at the pause. Under a noise 10 dB below the voice, the unvoiced
    consonants of « des étiquettes de prix » fell below the noise: the group held too
    little speech for its words, and the lengths put the boundary before it at a dip
    inside « remplacé », 0.87 s before a pause of 0.7 s it then took in, unflagged."""
    out: set[int] = set()
    starts = np.array([start for start, _ in spans_ms], np.int64)
    for (low, high), silence in zip(np.asarray(pauses_ms, np.int64).reshape(-1, 2),
                                    np.asarray(silence_ms).reshape(-1)):
        if silence < PASSED_PAUSE_MS:
            continue
        group = int(np.searchsorted(starts, low, "right")) - 1
        if group < 0 or spans_ms[group][1] < high:
            continue  # between two groups, not inside one
        nearer = group - 1 if low - spans_ms[group][0] < spans_ms[group][1] - high else group + 1
        out |= {g for g in (group, nearer) if 0 <= g < len(spans_ms)}
    return out


# Share of a reading's groups in doubt beyond which all of them are: at most 0.41 in
# the test readings of the goal's conditions (3 seeds), 0.57 or more in a 1.5 s room;
# only in a text of DOUBT_ALL_MIN groups or more (the dictations have 18 to 34): in a
# shorter one, a single rule (to_check names 5 groups) is already half of them.
DOUBT_ALL_SHARE, DOUBT_ALL_MIN = 0.5, 10


def all_when_most(unsure: set[int], count: int) -> set[int]:
    """`unsure` (groups in doubt, of `count`), or every group when more than
    DOUBT_ALL_SHARE of them are: what each rule rests on (pauses, dips, voicing) is
    then lost in the reading, and the groups no rule named are no surer. In a 1.5 s
    room, the readings with 57-65 % of their groups named each had 2 groups more than
    0.25 s off (up to 2.8 s) among the others."""
    if count >= DOUBT_ALL_MIN and len(unsure) > DOUBT_ALL_SHARE * count:
        return set(range(count))
    return unsure
