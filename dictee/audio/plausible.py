"""Is a recording plausible for its text? The one home of these rules.

Every command that takes a recording (`verifier`, `audio preparer`, `audio
segmenter`, `kit`) asks the same three questions here, so they cannot drift:

- is anything spoken at all (`speech_problem`): a file of digital silence, or of
  steady noise, has no frames well above its own background. When the level alone
  cannot tell (a voice drowned in its echo or in a noise, or a noise that swells), the
  voicing does (`voice_heard`): a voice is said to be drowned, and what to do, rather
  than the file called silent;
- is its length plausible for the number of words (`length_problem`): read at more
  than 250 words per minute it is cut short or the wrong file; under 10 words per
  minute it is something else (a whole programme; the paced track of a text runs
  at ~15-40);
- is the amount of speech plausible for the syllables (`speed_problem`), used by
  the aligner once it knows which frames are speech.

Each rule returns a `Finding` (message and hint in French) or None; `require`
turns a finding into an AudioError, for commands that stop at the first problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dictee.audio import io, segment, speech, voice
from dictee.content.typography import decimal
from dictee.errors import AudioError

MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE = 10, 250  # over the whole file
# Spoken syllables per second of speech: outside this, the file is cut short or is
# something else than one reading of the text.
MIN_SYLLABLES_PER_S, MAX_SYLLABLES_PER_S = 1.5, 12.0
QUIET_PEAK_DBFS = -60.0  # loudest frames under this: nothing is audible


@dataclass(frozen=True)
class Finding:
    """One reason a recording does not fit its text, in French."""

    message: str
    hint: str
    # The voice is there but its groups cannot be found automatically: the recording is
    # kept (`audio preparer`), `verifier` only warns, and labels placed by hand in
    # Audacity are used (`kit`); `audio segmenter` refuses it.
    by_hand: bool = False


NOTHING_SPOKEN = Finding("l'enregistrement est silencieux ou ne contient que du bruit",
                         "Écoutez-le (micro coupé ? mauvaise piste ?), puis remplacez-le.")
TOO_REVERBERANT = Finding(
    "trop de réverbération\u00a0: l'écho de la pièce remplit les pauses entre les "
    "groupes, qui ne peuvent pas être retrouvés automatiquement",
    "Réenregistrez la lecture plus près du micro (à une vingtaine de centimètres), dans "
    "une pièce plus petite ou plus feutrée (rideaux, tapis, meubles)\u00a0; ou placez "
    "les étiquettes des groupes vous-même dans Audacity (voir docs/audio.md).",
    by_hand=True)
TOO_NOISY = Finding(
    "trop de bruit de fond\u00a0: la voix ressort à peine du bruit, et les pauses entre les "
    "groupes ne peuvent pas être retrouvées automatiquement",
    "Réenregistrez la lecture dans un endroit plus calme (fenêtres fermées, ventilation "
    "arrêtée, loin du couloir), à une vingtaine de centimètres du micro\u00a0; ou placez "
    "les étiquettes des groupes vous-même dans Audacity (voir docs/audio.md).",
    by_hand=True)
# In a very reverberant room the quietest tenth of a reading is still the echo of the
# voice, this far above the room's own noise (reached only in the longest pauses); under
# a steady noise both are that noise, within 2 dB.
ECHO_FLOOR_DB = 8.0
# Share of the frames heard that voice.py and speech.py take for speech, at or above
# which a voice is heard: 0.40-0.46 in the test readings under a noise 3 dB below the
# voice, 0.87 drowned in a 1.5 s echo; none in white, pink or swelling noise, or a hum.
VOICE_SHARE = 0.2


def seconds(ms: float, digits: int = 1) -> str:
    """« 12,5 s »: a duration in ms written in seconds, the French way."""
    return decimal(ms / 1000, digits).replace("-", "−") + "\u00a0s"


def require(finding: Finding | None, path: Path | None) -> None:
    """Raise the finding as an AudioError naming `path`; do nothing for None."""
    if finding is not None:
        raise AudioError(finding.message, path=path, hint=finding.hint)


def speech_problem(samples: np.ndarray, rate: int,
                   found: segment.Speech | None = None) -> Finding | None:
    """None when speech is audible in `samples` (mono int16 at `rate` Hz), else why not
    (no_speech); `found`: segment.speech of them, when the caller has it already."""
    if found is None:
        found = segment.speech(segment.envelope(samples, rate))
    return no_speech(found, lambda: voice_heard(samples, rate))


def no_speech(found: segment.Speech, voice_there: Callable[[], bool]) -> Finding | None:
    """None when the frames found by segment.speech hold audible speech, else why not.

    Where the level rises too little above the background for pauses to be found
    (segment.MIN_DYNAMICS_DB), or nowhere above segment.speech's threshold, the
    recording is refused for what drowns the voice: TOO_REVERBERANT when the room's
    echo fills the quiet between the words (the level's floor far above its quietest
    frames); else `voice_there` (voice_heard, asked only then: it analyses the whole
    recording) says whether a voice is there all the same, covered by a noise
    (TOO_NOISY), or not (NOTHING_SPOKEN). Either way automatic segmentation is
    impossible. A reading 7 dB above a noise was called silent, which sent staff looking
    for a muted microphone."""
    if found.peak_db < QUIET_PEAK_DBFS:
        return NOTHING_SPOKEN
    if found.mask.any():
        if found.dynamics_db >= segment.MIN_DYNAMICS_DB:
            return None
        if found.floor_db - found.quietest_db >= ECHO_FLOOR_DB:
            return TOO_REVERBERANT
    return TOO_NOISY if voice_there() else NOTHING_SPOKEN


def voice_heard(samples: np.ndarray, rate: int) -> bool:
    """Whether a voice speaks in `samples` (mono int16 at `rate` Hz), however loud the
    background: VOICE_SHARE of the frames heard or more are speech, voiced as a voice
    is (voice.py, speech.py), which no steady or swelling noise is."""
    frames = voice.analyse(samples, rate)
    heard = segment.heard(frames.clean_db)
    return bool(heard.any()) and \
        np.count_nonzero(speech.speech_mask(frames) & heard) >= VOICE_SHARE * heard.sum()


def longest_plausible_ms(words: int) -> int:
    """The longest recording that can still be one reading of `words` words."""
    return round(words / MIN_WORDS_PER_MINUTE * 60_000)


def refuse_too_long(path: Path, words: int, *, margin_ms: int = 0) -> None:
    """Refuse `path` (length_problem) when it runs past the longest plausible reading of
    `words` words, plus `margin_ms`: measured in a stream (io.measure_ms), so that a
    2-hour file is refused before it is decoded whole (635 MB at io.SAMPLE_RATE)."""
    longest = longest_plausible_ms(words) + margin_ms
    if words and io.measure_ms(path, stop_after_ms=longest) is None:
        # Longer than `longest`, which may itself be plausible.
        require(length_problem(longest + 1, words, at_least=True), path)


def decoded(path: Path, words: int, *, rate: int = io.SAMPLE_RATE) -> np.ndarray:
    """The samples of `path` (mono int16 at `rate` Hz), refused (length_problem) when it
    runs past the longest plausible reading of `words` words: decoded once, and only up
    to just past that length (ffmpeg stops there), so that a 2-hour file never fills
    memory (635 MB at io.SAMPLE_RATE)."""
    if not words:
        return io.decode_samples(path, rate=rate)
    longest = longest_plausible_ms(words)
    samples = io.decode_samples(path, rate=rate, at_most_ms=longest + 1000)
    if len(samples) * 1000 / rate > longest:
        require(length_problem(longest + 1, words, at_least=True), path)
    return samples


def length_problem(duration_ms: int, words: int, *, at_least: bool = False) -> Finding | None:
    """None when `duration_ms` is a plausible length for reading `words` words;
    `at_least`: the recording was only measured up to `duration_ms` (it is longer)."""
    if words <= 0:
        return None
    per_minute = words / (duration_ms / 60_000) if duration_ms > 0 else float("inf")
    if MIN_WORDS_PER_MINUTE <= per_minute <= MAX_WORDS_PER_MINUTE:
        return None
    low_s = words / MAX_WORDS_PER_MINUTE * 60
    high_min = words / MIN_WORDS_PER_MINUTE
    if at_least:
        # Whole minutes, rounded down: « plus de 12 min » for a file measured to 11.5 min
        # would claim what was not measured.
        length, rate = f"plus de {duration_ms // 60_000}\u00a0min", "bien trop long"
    else:
        length = seconds(duration_ms)
        rate = f"{per_minute:.0f} mots par minute" if per_minute < 1e6 else "trop court"
    return Finding(f"durée peu plausible : {length} pour un texte de {words} mots ({rate})",
                   f"Pour ce texte, comptez entre {low_s:.0f}\u00a0s et {high_min:.0f}\u00a0min "
                   "de lecture. Est-ce le bon fichier, complet ?")


def speed_problem(speech_ms: float, syllables: float) -> Finding | None:
    """None when `speech_ms` of speech is plausible for `syllables` spoken syllables."""
    rate = syllables / (speech_ms / 1000) if speech_ms > 0 else float("inf")
    if rate > MAX_SYLLABLES_PER_S:
        return Finding(f"l'enregistrement est bien trop court pour ce texte "
                       f"({seconds(speech_ms)} de parole pour environ {syllables:.0f} "
                       "syllabes)",
                       "Est-ce le bon fichier, complet ? Importez la lecture entière du texte.")
    if rate < MIN_SYLLABLES_PER_S:
        return Finding(f"l'enregistrement contient bien trop de parole pour ce texte "
                       f"({seconds(speech_ms, 0)} pour environ {syllables:.0f} syllabes)",
                       "Est-ce le bon fichier ? Il faut une seule lecture du texte, pas une "
                       "piste rythmée ni un autre texte.")
    return None


# A group read at less than a third, or more than three times, the reading's own
# pace (median over its groups) is not what the text says: a passage skipped, added
# or read twice, or a boundary far off.
PACE_FACTOR = 3.0
# A group whose words take less than this at the reading's pace (one or two words) is
# too short to be judged quick: its measure is within a syllable of its length. Judged
# on what it should last, not on what it was found to last: 11 syllables squeezed to
# 164 ms by a boundary gone astray are reported.
PACE_MIN_MS = 400


@dataclass(frozen=True)
class PaceProblem:
    """A group whose duration does not fit its words (numbered from 1)."""

    group: int
    start_ms: int
    end_ms: int
    message: str


def reading_problems(spans: list[tuple[int, int]], texts: list[str]) -> list[PaceProblem]:
    """Groups whose duration is implausible for their spoken syllables, compared with
    the pace of the rest of the reading (so a slow or quick reader is not blamed)."""
    from dictee.audio.spoken import syllables

    if len(spans) < 3 or len(spans) != len(texts):
        return []
    counts = np.array([syllables(t) for t in texts], float)
    lengths = np.array([max(end - start, 1) for start, end in spans], float)
    pace = lengths / counts  # ms per syllable
    usual = float(np.median(pace))
    found = []
    for number, ((start, end), rate, count) in enumerate(zip(spans, pace, counts), start=1):
        if usual * count < PACE_MIN_MS and rate < usual:
            continue
        if rate > usual * PACE_FACTOR or rate < usual / PACE_FACTOR:
            what = "bien trop long" if rate > usual else "bien trop court"
            # Hundredths for a group under a second: « 22,1 s – 22,1 s … 0,0 s » named
            # a stretch no one could find.
            digits = 2 if end - start < 1000 else 1
            found.append(PaceProblem(number, start, end, (
                f"le groupe {number} ({seconds(start, digits)} – {seconds(end, digits)}) est "
                f"{what} pour ses {count:.0f} syllabes : {seconds(end - start, digits)} au "
                f"lieu d'environ {seconds(usual * count)}")))
    return found


READING_HINT = ("Écoutez ce passage : un mot sauté, ajouté ou lu deux fois ? Si c'est "
                "l'étiquette, corrigez-la dans Audacity ; si c'est la lecture, faites-la "
                "reprendre et importez la nouvelle.")
