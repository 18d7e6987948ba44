"""Which of the sounds voice.py measured are speech, and which are noises.

voice.py gives every frame its level above the room's noise and its voicing, and
cuts the level into sounds (sounds.py; voice.Frames). Here each sound is judged: it
counts as speech only when it holds enough voiced frames: the unvoiced consonants
around them (« s », « ch », « f ») stay attached to their word, while a burst with no
voicing at all is dropped as a noise. In a reverberant room, a sound cut out of the echo of the
one before (sounds.restarts) is judged alone, and one voiced only in scattered
frames that starts out of the room's quiet is a noise too (a chair): the echo would
join it to a word (_lone_noises). So is, in a dry room, one voiced only outside its
loudest half: a cough under a noise, whose quiet tail the noise makes look voiced.

The judgement is apart from the measures so that each can be read alone: the
measures are signal processing (spectra, autocorrelation, batches over the cores),
the judgement is rules on sounds, which the aligner also asks of a group's sounds
(scattered), of its pauses (noises, first_noise_ms) and of its edges in a room
(late_onsets, past_noises, early_vowels, loud_noise_after, noise_rising_after). This
module imports voice.py and sounds.py, never the other way round.
"""

from __future__ import annotations

import numpy as np

from dictee.audio import segment
from dictee.audio.sounds import EDGE_SNR_DB
from dictee.audio.voice import MIN_VOICED_FRAMES, WINDOW_MS, Frames

# Frames whose voiced ones are fewer than this share, in no run of VOWEL_MS, may be a
# noise (scattered): a vowel is voiced throughout, at least this long.
SPARSE_VOICED_SHARE, VOWEL_MS = 0.2, 50
# A sound's loudest half (of its frames above the noise) is its vowels when it is a
# word: voiced in at least this share (0.36 or more in the test readings' weak words, a
# noise 7 dB under the voice). A cough, a chair or a page under a noise is voiced in
# 20-30 % of its frames, but in its quiet tail, where the noise's own peaks pass for a
# pitch: 0-19 % of its loudest half (unvoiced_loudest). Not where the sounds were cut out
# of a room's echo (Frames.echo): a word's end restarting out of the echo of its start
# is loudest in that echo.
LOUD_VOICED_SHARE = 0.3
# A sound cut out of the echo of the one before (sounds.restarts) where that echo had fallen
# within this of the noise (dB) starts on its own: the sound before has died away
# (_lone_noises). Chairs cut so start 9 dB or less above it, pieces of words 12 dB or more.
ALONE_BELOW_DB = 10.0
# A group's first vowel (MIN_VOICED_MS of voicing in a row) comes this soon after where
# its voice starts: the consonants before it (« ch », « str », an « s ») are shorter
# (late_onsets).
ONSET_MS = 150
# A group's last vowel ends this soon before where its voice ends: the consonants and
# the echo after it are shorter (early_vowels).
CODA_MS = 350
# A sound cut where it restarts out of the echo of the one before, with that echo
# still this far above the room's noise (dB), came within about 0.1 s of it (a 0.6 s
# room's echo falls 10 dB per 100 ms from a vowel's 30-36 dB): the same word, or a
# noise right after it (loud_noise_after). Noises after a word so cut start 8.6 dB
# above the noise as a median, 17 dB at the 90th percentile; pieces of words judged
# noises, 10-26 dB.
RESTART_LOUD_DB = 20.0
# Or voiced over this much right up to where it restarts: the sound before ends on a
# vowel whose own consonant follows at once (« sache » read slowly, its « ch » restarting
# out of the « a » 9.6 dB above the noise), which a noise in the pause seldom does.
VOICED_TO_RESTART_MS = 30
VOICED_TO_RESTART = max(1, VOICED_TO_RESTART_MS // segment.HOP_MS)  # the same, in frames
# A noise cut where it rises out of a word's echo (sounds.restarts) slowly, by less than
# HIDDEN_RISE_DB in its first HIDDEN_RISE_MS, is found only where it clears that echo:
# in a 0.6 s room, chairs 75 ms after a word rose 4-5 dB in 30 ms and were found 77
# and 86 ms after they started; a cough rose 21 dB, found where it started. A group's
# end within NOISE_HIDDEN_MS before where a slow one is found may hold its start
# (noise_rising_after).
NOISE_HIDDEN_MS = 90
HIDDEN_RISE_MS, HIDDEN_RISE_DB = 30, 10.0
# How far after a group's start its first vowel is looked for (past_noises): a noise
# and its echo before the word last less than this.
SEARCH_MS = 1000


def speech_mask(found: Frames) -> np.ndarray:
    """Frames of speech: sounds above the noise (with hysteresis) that hold a voice."""
    n = len(found.snr_db)
    if n == 0:
        return np.zeros(0, bool)
    hop = segment.HOP_MS
    spans, spoken = _judged_sounds(found)
    mask = segment.covered(n, spans[spoken])
    mask = segment.drop_short_runs(mask, True, max(1, segment.MIN_SPEECH_MS // hop))
    # A window centred on a frame hears a sound half a window before it starts and
    # after it ends: give that back, so that edges fall where the sound does.
    shrink = max(0, round(WINDOW_MS / 2 / hop))
    edges = segment.runs(mask, True)
    edges = edges[edges[:, 1] - edges[:, 0] > 2 * shrink + 1]
    if shrink:
        mask &= ~segment.covered(n, np.concatenate((
            np.stack((edges[:, 0], edges[:, 0] + shrink), axis=1),
            np.stack((edges[:, 1] - shrink, edges[:, 1]), axis=1))))
    return mask


def _judged_sounds(found: Frames) -> tuple[np.ndarray, np.ndarray]:
    """The sounds (sounds.cut), and for each whether it is speech: it holds MIN_VOICED_MS
    of voicing, and is no lone noise (_lone_noises)."""
    spans = found.sounds
    spoken = _voiced_counts(found, spans) >= MIN_VOICED_FRAMES
    return spans, spoken & ~_lone_noises(found, spoken)


def _voiced_counts(found: Frames, spans: np.ndarray) -> np.ndarray:
    """The voiced frames (Frames.voiced, those tested) in each (start, end) of `spans`."""
    voiced_before = np.concatenate(([0], np.cumsum(found.voiced)))
    return voiced_before[spans[:, 1]] - voiced_before[spans[:, 0]]


def _restarting(sounds: np.ndarray) -> np.ndarray:
    """For each sound (sounds.cut), whether it starts where the one before ends: cut
    where it restarts out of that one's echo (sounds.restarts), not after a gap."""
    out = np.zeros(len(sounds), bool)
    out[1:] = sounds[1:, 0] == sounds[:-1, 1]
    return out


def _lone_noises(found: Frames, spoken: np.ndarray) -> np.ndarray:
    """For each sound (Frames.sounds), whether it has enough voicing (`spoken`) only in
    scattered frames (Frames.weak, scattered), or, unless the sounds were cut out of an
    echo (Frames.echo), only outside its loudest half (unvoiced_loudest), and starts on
    its own: after a gap, or cut
    (sounds.restarts) out of an echo fallen within ALONE_BELOW_DB of the room's noise.

    A chair dragged in a reverberant room's pause holds 8 to 16 scattered voiced
    frames over its 0.4 s with its echo (its roughness repeats every 14 ms, a low
    voice's pitch): enough voicing to pass for speech, and a group then started up to
    0.74 s early on it, or ended 0.67 s late. A word's sound that restarts out of the
    echo of its own first syllables starts 12 dB or more above the noise (in a 0.6 s
    room the echo falls 10 dB per 100 ms: the level falls that low only in a pause),
    and is kept even when its voicing is scattered: the nasal vowels of « peint » and
    « militante », in a room, have voiced frames as scattered as a chair's. A sound
    joined to the next word (its echo running into it) may still be a noise."""
    out = np.zeros(len(spoken), bool)
    spans = found.sounds
    restarting = _restarting(spans)
    for k in np.flatnonzero(spoken & found.weak):
        start, end = int(spans[k, 0]), int(spans[k, 1])
        joined = bool(restarting[k]) and found.snr_db[start] >= ALONE_BELOW_DB
        out[k] = not joined and (scattered(found, start, end) or (
            not found.echo and unvoiced_loudest(found, start, end)))
    return out


def noises(found: Frames) -> np.ndarray:
    """(start, end) frame pairs, end excluded, of the sounds that are not speech (a
    cough, a chair, a page, with their echo): what speech_mask leaves out. Nothing
    said runs into one, so an edge moved into a pause stops where one starts."""
    if not len(found.snr_db):
        return np.zeros((0, 2), np.int64)
    spans, spoken = _judged_sounds(found)
    return spans[~spoken]


def speech_sounds(found: Frames) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) frame pairs, end excluded, of the sounds taken for speech, and for
    each whether its loudest frames are not voiced (Frames.weak): all its frames were
    tested, and `scattered` can tell a vowel from scattered voiced frames in it."""
    spans, spoken = _judged_sounds(found)
    return spans[spoken], found.weak[spoken]


def scattered(found: Frames, start: int, end: int) -> bool:
    """Whether frames `start` to `end` (excluded), all tested for voicing (in a weak
    sound, Frames.weak), hold no vowel: voiced frames under SPARSE_VOICED_SHARE of
    those above the noise, in no run of VOWEL_MS. In a reverberant room, a chair
    dragged in a pause, its echo on a word's, holds enough scattered voiced frames to
    pass for speech (0.09-0.19 of them, in runs of 10-45 ms); a word, even cut by the
    echo, has a vowel."""
    return _no_vowel(found.voiced[start:end], found.snr_db[start:end])


def _no_vowel(voiced: np.ndarray, snr_db: np.ndarray) -> bool:
    """Whether frames whose voicing is `voiced` and level `snr_db` hold no vowel
    (scattered)."""
    runs = segment.runs(voiced, True)
    heard = int(np.count_nonzero(snr_db > EDGE_SNR_DB))
    return bool(voiced.sum() < SPARSE_VOICED_SHARE * max(heard, 1)
                and (runs[:, 1] - runs[:, 0]).max(initial=0) * segment.HOP_MS < VOWEL_MS)


def unvoiced_loudest(found: Frames, start: int, end: int) -> bool:
    """Whether the loudest half of frames `start` to `end` (excluded) above the noise,
    all tested for voicing (only in a weak sound, Frames.weak, are they), is voiced in less than
    LOUD_VOICED_SHARE of its frames: the sound has voiced frames, but not where it is
    loud. Under a noise 10 dB below the voice, a cough in a pause, voiced in 23 % of its
    frames (not scattered), was taken for the start of the next word (0.3-0.5 s early,
    not flagged)."""
    level = found.snr_db[start:end]
    heard = np.flatnonzero(level > EDGE_SNR_DB)
    if not len(heard):
        return False
    loudest = heard[np.argsort(-level[heard], kind="stable")[:max(1, len(heard) // 2)]]
    return bool(found.voiced[start:end][loudest].mean() < LOUD_VOICED_SHARE)


def first_noise_ms(noises_ms: np.ndarray, pauses_ms: list[tuple[int, int]]) -> np.ndarray:
    """For each pause (from the end of a group to the start of the next, ms), where the
    first noise inside it starts (`noises_ms`: where each starts, in ms, as noises
    gives them): at the group's end or after it, before the next group; the pause's end
    when none does. An edge moved into a pause stops there: a noise cut off where the
    word's echo restarts (sounds.restarts) may start on the very frame the word ends."""
    ordered = np.sort(np.asarray(noises_ms))
    ends = np.array([end for end, _ in pauses_ms], np.int64)
    starts = np.array([start for _, start in pauses_ms], np.int64)
    after = np.searchsorted(ordered, ends, "left")  # the first at or after each end
    found = np.concatenate((ordered, [np.iinfo(np.int64).max]))[after]
    return np.where(found < starts, found, starts)


def late_onsets(found: Frames, starts: np.ndarray) -> np.ndarray:
    """For each group start (`starts`, frames), whether its first vowel, MIN_VOICED_MS
    of voicing in a row (Frames.voicing, tested here), comes later than ONSET_MS after
    it: the start is then on a sound before the group's first word.

    In a reverberant room, a cough or a chair in a pause runs through its echo into
    the next word, and is judged with it: no pause is heard there, and the start of
    the group is put on the noise, 0.15-0.45 s early (Chow Hang-tung, primaire,
    graine 2 : « Chow Hang-tung a invité… » started 0.3 s early on a cough, its first
    vowel 0.39 s after that start). The groups placed within 100 ms of their start,
    in a room with or without noises, have their first vowel within 0.12 s of it, but
    for two starts on a weak nasal (« n'a jamais », « loin de… »: 0.2 s)."""
    reach = round(ONSET_MS / segment.HOP_MS)
    starts = np.asarray(starts, np.int64)
    if not len(found.snr_db):
        return np.zeros(len(starts), bool)
    first = _first_vowel(found, starts[:, None]
                         + np.arange(reach + MIN_VOICED_FRAMES)[None, :])
    return (first < 0) | (first > reach)


def past_noises(found: Frames, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Each group's start (`starts`, frames; `ends`: where each group ends, excluded)
    moved past a noise before its first word: when its first vowel comes later than
    ONSET_MS (late_onsets), to the last sound restarting out of the echo of the one
    before (sounds.restarts) before that vowel, if what it leaves out holds no vowel
    (scattered). Else where it was. The vowel is looked for up to SEARCH_MS after the
    start, and before the group's end: a group with none there is left as it is. A start
    in a sound loudest where it is not voiced (Frames.weak) moves the same way to where
    the next sound restarts out of its echo, MIN_VOICED_MS or more after it: the voiced
    echo of the word before can make the first vowel look on time.

    In a reverberant room, a cough, a chair or a page in a pause runs through its echo
    into the next word: no pause is heard between them, and the group started on the
    noise, 0.29-0.56 s early in 11 of the starts of « réverbération et bruits » (3
    seeds). The word restarts out of the noise's echo, where sounds.cut cuts the sounds:
    10 of the 11 moved there, each within 50 ms of the word's start (and 3 starts 0.15-
    0.18 s early, within 25 ms); in a room without noises, one start moved, from 44 ms
    to 59 ms late. A start whose word opens on a voiced consonant cut from its vowel
    (« Dorgelesse ») is left where it is: what a move would leave out is voiced."""
    starts, ends = np.asarray(starts, np.int64), np.asarray(ends, np.int64)
    out = starts.copy()
    sounds = found.sounds
    if not len(starts) or not len(sounds):
        return out
    restarts = _restarting(sounds)
    late = np.flatnonzero(late_onsets(found, starts))
    span = np.arange(round(SEARCH_MS / segment.HOP_MS))[None, :]
    first = _first_vowel(found, starts[late, None] + span)
    for group, vowel in zip(late, first):
        if vowel < 0 or starts[group] + vowel >= ends[group]:
            continue  # no vowel in the group: nothing to move to
        cuts = sounds[restarts, 0]
        cuts = cuts[(cuts > starts[group]) & (cuts <= starts[group] + vowel)]
        if len(cuts) and _left_noise(found, int(starts[group]), int(cuts[-1])):
            out[group] = cuts[-1]
    # The others, in a sound loudest where it is not voiced (Frames.weak) that the next
    # one restarts out of: the echo of the word before, voiced, may hide the noise's
    # lateness from late_onsets.
    holder = np.searchsorted(sounds[:, 0], starts, "right") - 1
    for group in np.flatnonzero((out == starts) & (holder >= 0) & (holder + 1 < len(sounds))):
        k = int(holder[group])
        cut = int(sounds[k + 1, 0])
        if not (found.weak[k] and restarts[k + 1]
                and starts[group] - sounds[k, 0] < MIN_VOICED_FRAMES
                and cut - starts[group] >= MIN_VOICED_FRAMES):
            continue
        vowel = _first_vowel(found, cut + span)[0]
        if 0 <= vowel and cut + vowel < ends[group] and _left_noise(found, int(starts[group]),
                                                                    cut):
            out[group] = cut
    return out


def _left_noise(found: Frames, start: int, cut: int) -> bool:
    """Whether frames `start` to `cut` (excluded), left out of a group whose start moves
    to `cut`, hold no vowel (scattered; their voicing tested here)."""
    piece = np.arange(start, cut)
    return _no_vowel(_tested_voicing(found, piece), found.snr_db[piece])


def early_vowels(found: Frames, ends: np.ndarray) -> np.ndarray:
    """For each group end (`ends`, frames, excluded), whether its last vowel
    (MIN_VOICED_MS of voicing in a row) ends more than CODA_MS before it, in a sound
    loudest where it is not voiced (Frames.weak): the end is then on a noise after the
    group's last word, joined to it by the room's echo.

    In a reverberant room, a page turned 0.1 s after « droits » ran through the word's
    echo, one sound with it, voiced only in the word: the group ended on the page, 0.29 s
    late, unflagged (Luis Manuel, secondaire, graine 1). A word's own end after its
    vowel (« -tre », « -ble », a final « s » and the echo the end is found in) is shorter:
    in rooms of 0.6 s (the test readings, 3 seeds), 1.6-1.7 % of the ends well placed
    are farther from their last vowel (3.5 % under a noise at 12 dB), and about half of
    those are in a sound loudest where it is voiced: 0.8-1.6 % of the groups are named
    for nothing."""
    reach = round(CODA_MS / segment.HOP_MS)
    ends = np.asarray(ends, np.int64)
    spans, weak = speech_sounds(found)
    if not len(spans):
        return np.zeros(len(ends), bool)
    # Back from each end: the first vowel met is the last one.
    last = _first_vowel(found, ends[:, None] - 1
                        - np.arange(reach + MIN_VOICED_FRAMES)[None, :])
    far = (last < 0) | (last > reach)
    sound = np.searchsorted(spans[:, 0], ends, "left") - 1  # the last to start before
    return far & (sound >= 0) & weak[np.maximum(sound, 0)]


def noise_rising_after(found: Frames, ends: np.ndarray) -> np.ndarray:
    """For each group end (`ends`, frames, excluded), whether the first sound to start
    at or after it is a noise (not speech) cut where it rises slowly out of the echo of
    the sound before (sounds.restarts; less than HIDDEN_RISE_DB in HIDDEN_RISE_MS),
    found within NOISE_HIDDEN_MS of the end: its true start, hidden in the echo, may be
    before the end, and the group may hold it.

    In a room with noises, a chair 75 ms after « …à la subversion », » (Chow Hang-tung,
    secondaire, graine 2) was cut from the word's echo, found 77 ms after it started;
    the group ended 87 ms late, 12 ms into the chair, and was said to be sure."""
    spans, spoken = _judged_sounds(found)
    ends = np.asarray(ends, np.int64)
    if not len(spans):
        return np.zeros(len(ends), bool)
    after = np.searchsorted(spans[:, 0], ends, "left")  # the first to start at or after
    there = after < len(spans)
    k = np.minimum(after, len(spans) - 1)
    start = spans[k, 0]  # a sound starts inside the reading
    level = found.snr_db
    risen = level[np.minimum(start + round(HIDDEN_RISE_MS / segment.HOP_MS), len(level) - 1)] \
        - level[start]
    return (there & ~spoken[k] & _restarting(spans)[k] & (risen < HIDDEN_RISE_DB)
            & ((start - ends) * segment.HOP_MS <= NOISE_HIDDEN_MS))


def loud_noise_after(found: Frames, ends: np.ndarray) -> np.ndarray:
    """For each group end (`ends`, frames, excluded), whether the sound after the last
    one to start before it is a noise (not speech) cut where it restarts out of that
    sound's echo (sounds.restarts) with the echo still RESTART_LOUD_DB or more above the
    room's noise, or with the sound before voiced up to it (VOICED_TO_RESTART_MS), and
    voiced in half of MIN_VOICED_MS or more (short of speech): it may be the word's own
    end, judged a noise.

    In a reverberant room, the nasal vowel closing « voisins » restarted out of the echo
    of « voi- » 26 dB above the noise, its voicing smeared by the echo (7 voiced frames
    of 100): judged a noise, the group ended before it, 0.32 s early, unflagged (Luis
    Manuel, primaire, graine 1). A cough can start there as well, voiced too: the two
    are not told apart, the end is to be checked by ear. A page or a chair with no
    voicing is no vowel: of the 9 noises so cut after a group's end in « réverbération
    et bruits » (3 seeds), 2 are voiced that much.

    Read at 0.75× in a room, the « ch » ending « Écrivons-lui pour qu'il sache » (Luis
    Manuel, primaire, graine 0) restarted out of the « a » with the echo only 9.6 dB up,
    voiced in 17 scattered frames: judged a noise, the group ended 0.52 s early,
    unflagged. Its « a » was voiced up to the restart."""
    spans, spoken = _judged_sounds(found)
    ends = np.asarray(ends, np.int64)
    out = np.zeros(len(ends), bool)
    before = np.searchsorted(spans[:, 0], ends, "left") - 1
    fits = (before >= 0) & (before + 1 < len(spans))
    k = before[fits]
    after = k + 1
    restart = spans[after, 0]
    candidate = (spoken[k] & ~spoken[after] & _restarting(spans)[after]
                 & (2 * _voiced_counts(found, spans[after]) >= MIN_VOICED_FRAMES))
    loud = found.snr_db[np.minimum(restart, len(found.snr_db) - 1)] >= RESTART_LOUD_DB
    # The voicing of the frames just before the restart, only where it decides.
    ask = candidate & ~loud
    before_restart = restart[ask, None] - 1 - np.arange(VOICED_TO_RESTART)[None, :]
    vowel = np.zeros(len(k), bool)
    vowel[ask] = _tested_voicing(found, before_restart.ravel()).reshape(
        before_restart.shape).all(axis=1)
    out[fits] = candidate & (loud | vowel)
    return out


def _first_vowel(found: Frames, window: np.ndarray) -> np.ndarray:
    """For each row of `window` (frame indices; those outside the recording are not
    voiced), where (the index in the row) its first vowel starts: MIN_VOICED_MS of
    voicing in a row (_tested_voicing); -1 where none is."""
    out = np.full(len(window), -1, np.int64)
    if not len(window):
        return out
    voiced = _tested_voicing(found, window.ravel()).reshape(window.shape)
    for k, row in enumerate(voiced):
        runs = segment.runs(row, True)
        vowels = runs[runs[:, 1] - runs[:, 0] >= MIN_VOICED_FRAMES]
        if len(vowels):
            out[k] = vowels[0, 0]
    return out


def _tested_voicing(found: Frames, frames: np.ndarray) -> np.ndarray:
    """Whether each of `frames` (indices, any, repeated or not) is voiced
    (Frames.voicing, each tested once): only the frames above the noise can be; those
    outside the recording are not."""
    frames = np.asarray(frames, np.int64)
    n = len(found.snr_db)
    inside = (frames >= 0) & (frames < n)
    at = np.where(inside, frames, 0)
    heard = inside & (found.snr_db[at] > EDGE_SNR_DB) if n else inside
    tested = np.unique(frames[heard])
    voiced = np.zeros(max(n, 1), bool)
    voiced[tested] = found.voicing(tested)
    return voiced[at] & heard
