"""Can a word's place inside its group's clip be told without word labels? A measurement.

The page's word bank plays a word's whole group (docs/interactif.md, « Les mots de
l'histoire sur la page »). This script gives the figures behind that choice, on
espeak-ng readings of every group of the shipped cases, whose word times espeak-ng
gives (libespeak-ng's word events, through ctypes):

1. each boundary between two words placed by spoken length alone (audio/spoken.py
   shares over the group's speech, its start and end known exactly);
2. that place snapped to the nearest clear candidate of segment.candidates (a pause of
   20 ms or a dip of DIP_DB), or to a real pause only (PAUSE_MS), refused when none is
   within REACH of the shorter word or when two are nearly as near.

A word gets a slice when both its ends are found (a group's edge counts as found); a
slice cuts when one of its ends is more than CUT_MS of speech away from the truth.

    python tools/mesurer_mots.py     # about 20 s; libespeak-ng: apt's, else the wheel's
"""

from __future__ import annotations

import ctypes.util
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.audio import espeak, segment, speech, voice  # noqa: E402
from dictee.audio.spoken import shares  # noqa: E402
from dictee.content.loader import ContentRoot, builtin_root  # noqa: E402

SPEED = 135  # words per minute, as dictee/audio/synth.py
CLIP_EDGES_MS = (60, 120)  # speech kept around a group in its clip (audio/pace.py EDGE_MS)
LOUD_DBFS = -40.0  # a 5 ms frame louder than this is speech, for the truth
CUT_MS = 50  # speech wrongly in or out of a slice that a listener hears
REACH, AMBIGUOUS = 0.3, 1.6
DIP_DB, PAUSE_MS = 14.0, 160.0
_PUNCTUATION = "«»“”\"()[]…,;:.!?—–"


class Speaker:
    """libespeak-ng (the system's, else the espeakng-loader wheel's: dictee.audio.espeak)
    in this process: samples and, per word, (character from 1, sample)."""

    def __init__(self) -> None:
        system = ctypes.util.find_library("espeak-ng")
        library, data = (system, None) if system else espeak.bundled() or (
            "libespeak-ng.so.1", None)
        self._speaker = espeak.Library(library, data, "fr", SPEED)
        self.rate = self._speaker.rate

    def say(self, text: str) -> tuple[np.ndarray, dict[int, int]]:
        words: dict[int, int] = {}

        def note(event: espeak.Event) -> None:
            if event.type == espeak.WORD_EVENT:
                words[event.text_position] = event.sample

        samples = np.frombuffer(self._speaker.say(text, on_event=note), np.int16)
        return samples.astype(np.float32), words


@dataclass
class Group:
    clip: np.ndarray  # int16, as the kit's clip of the group
    loud: np.ndarray  # bool per 5 ms frame: speech, from the clean signal
    truth_ms: list[float | None]  # start of each unit but the first, in the clip
    units: list[str]
    speech_ms: tuple[float, float]


def _frames_db(x: np.ndarray, hop: int) -> np.ndarray:
    n = len(x) // hop
    rms = np.sqrt(np.mean((x[: n * hop].reshape(n, hop) / 32768) ** 2, axis=1))
    return 20 * np.log10(rms + 1e-12)


def build(speaker: Speaker, text: str, rng: np.random.Generator) -> Group:
    x, words = speaker.say(text)
    hop = speaker.rate // 200
    loud = np.flatnonzero(_frames_db(x, hop) > -45)  # synth.py trims espeak's silence so
    a, b = loud[0] * hop, (loud[-1] + 1) * hop
    pre, post = (round(ms * speaker.rate / 1000) for ms in CLIP_EDGES_MS)
    clean = np.concatenate([np.zeros(pre, np.float32), x[a:b], np.zeros(post, np.float32)])
    units = [u for u in text.split() if u.strip(_PUNCTUATION)]
    truth: list[float | None] = []
    position = 0
    for unit in units:
        at = text.index(unit, position)
        position = at + len(unit)
        sample = next((words[at + 1 + d] for d in range(3) if at + 1 + d in words), None)
        truth.append(None if sample is None else
                     (max(sample, a) - a + pre) * 1000 / speaker.rate)
    noise = rng.standard_normal(len(clean)).astype(np.float32) * 32768 * 10 ** (-55 / 20)
    clip = np.clip(clean + noise, -32768, 32767).astype(np.int16)
    return Group(clip, _frames_db(clean, hop) > LOUD_DBFS, truth[1:], units,
                 (pre * 1000 / speaker.rate, (pre + b - a) * 1000 / speaker.rate))


def _audible_ms(loud: np.ndarray, a_ms: float, b_ms: float) -> float:
    lo, hi = sorted((a_ms, b_ms))
    return float(loud[int(lo / 5):int(hi / 5)].sum() * 5)


def boundaries(group: Group, rate: int, *, dip_db: float | None,
               pause_ms: float) -> tuple[list[float], list[float | None]]:
    """Per boundary between two units: the spoken-length estimate (ms in the clip) and
    the snapped one (None: refused)."""
    frames = voice.analyse(group.clip, rate)
    mask = speech.speech_mask(frames)
    env = segment.from_levels(frames.clean_db, rate)
    cands, first, last = segment.candidates(
        env, segment.Speech(mask, 0.0, segment.SILENCE_DBFS, 0.0))
    expected = shares(group.units) * float(mask[first:last].sum())
    start, end = group.speech_ms
    length = np.cumsum(shares(group.units))[:-1] * (end - start) + start
    clear = cands.silence_ms >= pause_ms
    if dip_db is not None:
        clear |= (cands.silence_ms >= 20) | (cands.depth_db >= dip_db)
    snapped: list[float | None] = []
    for k in range(1, len(group.units)):
        place = expected[:k].sum()
        reach = REACH * min(expected[k - 1], expected[k])
        distance = np.abs(cands.spoken.astype(float) - place)
        near = np.flatnonzero(clear & (distance <= reach))
        order = near[np.argsort(distance[near])]
        if not len(order) or (len(order) > 1 and distance[order[1]]
                              <= AMBIGUOUS * max(distance[order[0]], reach / 4)):
            snapped.append(None)
            continue
        best = order[0]
        snapped.append((cands.end[best] + cands.start[best]) / 2 * segment.HOP_MS)
    return list(length), snapped


def _percent(share: float) -> str:
    return f"{round(share * 100)}\u00a0%"


def main() -> int:
    speaker = Speaker()
    rng = np.random.default_rng(1)
    root = ContentRoot(builtin_root())
    groups = [build(speaker, g.text, rng) for slug in root.slugs()
              for level in root.load(slug).levels.values() for g in level.groups]
    errors = [abs(estimate - truth) for g in groups
              for estimate, truth in zip(boundaries(g, speaker.rate, dip_db=None,
                                                    pause_ms=PAUSE_MS)[0], g.truth_ms)
              if truth is not None]
    words = sum(len(g.units) for g in groups)
    print(f"{len(groups)} groupes, {words} mots, {len(errors)} frontières entre deux mots")
    print(f"Longueur parlée seule : erreur médiane {np.median(errors):.0f} ms, "
          f"95ᵉ centile {np.percentile(errors, 95):.0f} ms, "
          f"{_percent(np.mean(np.array(errors) <= 40))} à 40 ms près")
    for name, dip in ((f"pauses et creux de {DIP_DB:g} dB", DIP_DB),
                      (f"pauses de {PAUSE_MS:g} ms seulement", None)):
        sliced = cut = 0
        for g in groups:
            found = boundaries(g, speaker.rate, dip_db=dip, pause_ms=PAUSE_MS)[1]
            edge = float("inf")  # a group's edges are known: only inner ends are measured
            ends, truth = [0.0, *found, edge], [0.0, *g.truth_ms, edge]
            for i in range(len(g.units)):
                if ends[i] is None or ends[i + 1] is None:
                    continue
                pairs = [(ends[j], truth[j]) for j in (i, i + 1)
                         if 0 < j < len(g.units)]
                if any(t is None for _, t in pairs):
                    continue
                sliced += 1
                cut += any(_audible_ms(g.loud, e, t) > CUT_MS for e, t in pairs)
        print(f"Calée sur les {name} : {_percent(sliced / words)} des mots ont une tranche "
              f"({sliced}), {cut} coupent plus de {CUT_MS} ms de parole")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
