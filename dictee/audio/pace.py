"""The paced dictation: first a plan (what plays when), then rendered into samples.

The plan follows the classroom protocol (docs/audio.md): the whole text once;
then each sentence once, followed by each of its groups repeated with a writing
pause after every repetition; a short soft tone; the whole text again for
proofreading. Keeping the plan apart from the samples lets the guide's
timeline, the WebVTT cues and the audio come from the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from dictee.audio import segment
from dictee.audio.span import Span

# Copying speed of pupils, in characters per minute (BHK test: CM1 ≈ 224 and CM2 ≈ 229
# characters in 5 minutes, 6e ≈ 317; see docs/audio.md for the sources). Primaire is
# 5e-6e année in Québec (CM1-CM2 in France); secondaire starts at 6e-level speed.
WRITING_SPEED_CPM = {"primaire": 45.0, "secondaire": 63.0}
PAUSE_MARGIN_MS = 1000  # added to every writing pause: pen down, listen again
LEAD_IN_MS = 1000  # silence before the first reading
AFTER_READING_MS = 3000  # after the first reading, before the first sentence
AFTER_SENTENCE_MS = 1500  # after a sentence is read whole, before its groups
BEFORE_TONE_MS, TONE_MS, AFTER_TONE_MS = 1500, 600, 1500
TAIL_MS = 1500  # after the proofreading
# The tone before proofreading: soft in shape (a sine with slow ramps) but as loud as
# the voice, so that a class busy writing hears it. Its level follows the recording's
# speech (active level, see voice_level_dbfs); TONE_DBFS only when nothing is spoken.
TONE_HZ, TONE_DBFS, TONE_RAMP_MS = 660.0, -20.0, 120.0
TONE_MAX_DBFS = -3.0  # peak of the tone, whatever the voice: headroom for MP3
FADE_MS = 6  # at every cut inside the recording, against clicks
EDGE_MS = (60, 120)  # sound kept before and after a group (soft onsets, release)

Part = Literal["lecture", "phrase", "groupe", "relecture", "pause", "signal"]


@dataclass(frozen=True)
class Step:
    """One piece of the paced track; `source_ms` says where a voice step is read from."""

    part: Part
    length_ms: int
    source_ms: int | None = None  # voice steps only: start in the recording
    text: str = ""
    sentence: int | None = None
    group: int | None = None

    @property
    def voice(self) -> bool:
        return self.source_ms is not None


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]

    @property
    def duration_ms(self) -> int:
        return sum(step.length_ms for step in self.steps)

    def starts(self) -> list[int]:
        """Start of every step in the paced track, in ms."""
        return [int(x) for x in np.cumsum([0] + [s.length_ms for s in self.steps])[:-1]]

    def timeline(self) -> dict[int, int]:
        """Sentence index → when it is first read whole in the paced track, in ms."""
        return {step.sentence: start for step, start in zip(self.steps, self.starts())
                if step.part == "phrase" and step.sentence is not None}

    def start_of(self, part: Part) -> int:
        return next(start for step, start in zip(self.steps, self.starts())
                    if step.part == part)

    def cues(self) -> list[Cue]:
        """What is heard, when: one cue per voice step, with the dictated words.

        For the teacher and for accessibility only: projected during the dictation, it
        would give the spelling away (see `place_cues`).
        """
        return [Cue(start, start + step.length_ms, step.text)
                for step, start in zip(self.steps, self.starts()) if step.voice and step.text]

    def place_cues(self) -> list[Cue]:
        """Where the class is, never the words: to project during the dictation.

        « Première lecture », « Phrase 2 », « Phrase 2 — groupe 3 » (numbers from 1,
        the group counted inside its sentence), « Relecture ». A cue lasts until the
        next one begins, writing pause included, so the screen always says where the
        class is; the reading before the first cue and the tail are left blank.
        """
        first_of: dict[int, int] = {}
        places: list[tuple[int, str]] = []
        for step, start in zip(self.steps, self.starts()):
            if step.part == "groupe" and step.sentence is not None and step.group is not None:
                first = first_of.setdefault(step.sentence, step.group)
                name = f"Phrase {self._rank(step.sentence)} — groupe {step.group - first + 1}"
            elif step.part == "phrase":
                name = f"Phrase {self._rank(step.sentence)}"
            else:
                name = {"lecture": "Première lecture", "relecture": "Relecture",
                        "signal": "Relecture"}.get(step.part, "")
            if name and (not places or places[-1][1] != name):
                places.append((start, name))
        ends = [start for start, _ in places[1:]] + [self.duration_ms - TAIL_MS]
        return [Cue(start, end, name) for (start, name), end in zip(places, ends)]

    def _rank(self, sentence: int | None) -> int:
        """1 for the first sentence read, 2 for the next…"""
        order = list(dict.fromkeys(s.sentence for s in self.steps if s.part == "phrase"))
        return order.index(sentence) + 1


def writing_pause_ms(text: str, level: str, *, factor: float = 1.0,
                     repetitions: int = 2) -> int:
    """Pause after each repetition of a group: the time to write it at the level's
    speed, shared between the repetitions, plus a margin; scaled by `factor`."""
    characters = len("".join(text.split()))  # letters and punctuation, as written
    writing = characters / WRITING_SPEED_CPM[level] * 60_000
    return round(factor * (writing / repetitions + PAUSE_MARGIN_MS))


def padded(spans: Sequence[Span], duration_ms: int) -> list[Span]:
    """Spans widened by EDGE_MS for soft onsets and releases, never past the midpoint of
    the gap to a neighbour, so a replayed group never carries a bit of the next one."""
    out = []
    for i, span in enumerate(spans):
        low = 0 if i == 0 else (spans[i - 1].end_ms + span.start_ms) // 2
        high = duration_ms if i == len(spans) - 1 else (span.end_ms + spans[i + 1].start_ms) // 2
        out.append(Span(max(low, span.start_ms - EDGE_MS[0]),
                        min(high, span.end_ms + EDGE_MS[1])))
    return out


def plan_lesson(texts: Sequence[str], sentences: Sequence[int], spans: Sequence[Span],
                duration_ms: int, level: str, *, factor: float = 1.0,
                repetitions: int = 2) -> Plan:
    """The paced track for groups `texts` (sentence index of each), heard at `spans`."""
    if not (len(texts) == len(sentences) == len(spans)) or not texts:
        raise ValueError("one span and one sentence index per group")
    wide = padded(spans, duration_ms)

    def reading(part: Part) -> list[Step]:
        # Contiguous slices: the recording plays through, each group its own cue.
        bounds = [wide[0].start_ms] + [s.start_ms for s in wide[1:]] + [wide[-1].end_ms]
        return [Step(part, bounds[i + 1] - bounds[i], bounds[i], texts[i], sentences[i], i)
                for i in range(len(texts)) if bounds[i + 1] > bounds[i]]

    steps: list[Step] = [Step("pause", LEAD_IN_MS), *reading("lecture"),
                         Step("pause", AFTER_READING_MS)]
    order = list(dict.fromkeys(sentences))
    for sentence in order:
        members = [i for i, s in enumerate(sentences) if s == sentence]
        first, last = wide[members[0]], wide[members[-1]]
        whole = " ".join(texts[i] for i in members)
        steps += [Step("phrase", last.end_ms - first.start_ms, first.start_ms, whole, sentence),
                  Step("pause", AFTER_SENTENCE_MS)]
        for i in members:
            pause = writing_pause_ms(texts[i], level, factor=factor, repetitions=repetitions)
            for _ in range(repetitions):
                steps += [Step("groupe", wide[i].end_ms - wide[i].start_ms, wide[i].start_ms,
                               texts[i], sentence, i),
                          Step("pause", pause, sentence=sentence, group=i)]
    steps += [Step("pause", BEFORE_TONE_MS), Step("signal", TONE_MS),
              Step("pause", AFTER_TONE_MS), *reading("relecture"), Step("pause", TAIL_MS)]
    return Plan(tuple(steps))


def voice_level_dbfs(samples: np.ndarray, rate: int) -> float:
    """The voice's active level: mean power over the frames that hold speech, in dBFS
    (a full-scale sine is 0 dBFS, as in segment.py). Pauses do not lower it."""
    env = segment.envelope(samples, rate)
    mask = segment.speech(env).mask
    if not mask.any():
        return TONE_DBFS
    power = np.mean(10 ** (env.db[mask].astype(np.float64) / 10))
    return float(10 * np.log10(power))


def tone(rate: int, level_dbfs: float = TONE_DBFS) -> np.ndarray:
    """The tone before proofreading: a sine at `level_dbfs` (its RMS matches a voice
    at that active level), with slow raised-cosine ramps so that it does not startle."""
    n = round(TONE_MS * rate / 1000)
    t = np.arange(n) / rate
    wave = np.sin(2 * np.pi * TONE_HZ * t) * 10 ** (min(level_dbfs, TONE_MAX_DBFS) / 20)
    ramp = min(n // 2, round(TONE_RAMP_MS * rate / 1000))
    envelope = np.ones(n)
    edge = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, ramp))
    envelope[:ramp], envelope[n - ramp:] = edge, edge[::-1]
    return (wave * envelope * 32767).astype(np.int16)


def _at(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


def excerpt(samples: np.ndarray, rate: int, start_ms: int, length: int) -> np.ndarray:
    """`length` int16 samples from `start_ms`, zero-padded past the end, short fades."""
    begin = _at(start_ms, rate)
    piece = np.zeros(length, dtype=np.int16)
    available = samples[begin:begin + length]
    piece[:len(available)] = available
    fade = min(length // 2, _at(FADE_MS, rate))
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        piece[:fade] = np.rint(piece[:fade] * ramp)
        piece[length - fade:] = np.rint(piece[length - fade:] * ramp[::-1])
    return piece


def render(plan: Plan, samples: np.ndarray, rate: int) -> np.ndarray:
    """The paced track as int16 samples; exactly `plan.duration_ms` long (to the sample).

    Voice steps that continue each other in the recording (the full readings) play
    through without fades, as the reader spoke them.
    """
    starts = plan.starts()
    edges = [_at(ms, rate) for ms in [*starts, plan.duration_ms]]
    out = np.zeros(edges[-1], dtype=np.int16)
    beep = tone(rate, voice_level_dbfs(samples, rate))
    i = 0
    steps = plan.steps
    while i < len(steps):
        step = steps[i]
        if step.part == "signal":
            n = edges[i + 1] - edges[i]
            out[edges[i]:edges[i] + min(n, len(beep))] = beep[:n]
        if not step.voice:
            i += 1
            continue
        j = i  # extend over steps that continue this one in the recording
        while j + 1 < len(steps) and steps[j + 1].voice and \
                steps[j + 1].source_ms == steps[j].source_ms + steps[j].length_ms:  # type: ignore[operator]
            j += 1
        out[edges[i]:edges[j + 1]] = excerpt(samples, rate, step.source_ms or 0,
                                             edges[j + 1] - edges[i])
        i = j + 1
    return out
