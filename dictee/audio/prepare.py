"""Bring a recording into a case, and write its label file.

`prepare_recording` imports any common format as a mono MP3 at a speech
loudness (EBU R128 via ffmpeg's loudnorm, −16 LUFS) with about half a second of
silence at each end. `segment_recording` writes the Audacity label track of the
groups; a label file that exists is a person's correction and stays the truth, until
the recording it was placed on is replaced (set aside then: `set_aside`).
Nothing is half-written: files go to a temporary name, then are renamed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dictee.archive import atomic_path
from dictee.audio import io, plausible, segment, speech, voice
from dictee.audio.align import align
from dictee.audio.labels import Label, checked_labels, write_labels
from dictee.content.model import LevelText
from dictee.errors import AudioError

EDGE_MS = 500  # silence kept (or added) before the first word and after the last
# A file is measured before it is decoded whole: beyond the longest plausible reading of
# its text plus this much silence around it, it is refused without more work.
UNTRIMMED_MARGIN_MS = 60_000


@dataclass(frozen=True)
class Prepared:
    target: Path
    duration_ms: int
    lead_ms: int  # silence removed at the start (negative: added)
    tail_ms: int  # silence removed at the end (negative: added)
    # What the recording will not allow: a Finding whose groups are to be placed by
    # hand (plausible.Finding.by_hand: too much echo or noise), or None.
    finding: plausible.Finding | None = None
    # Where the label file placed on the recording replaced now is (set_aside), or None.
    set_aside: Path | None = None


def trim(samples: np.ndarray, rate: int, *,
         path: Path) -> tuple[np.ndarray, int, int, plausible.Finding | None]:
    """Keep EDGE_MS of silence around the speech (padding with silence if needed); the
    last item: why the groups cannot be found automatically when the voice is drowned in
    its echo or a noise (kept all the same, and whole: its labels can be placed by hand),
    else None.

    A voice drowned in a noise is not trimmed: where the level says the speech ends is
    not where it does (7 dB under a noise, the last 2.4 s of a reading were cut off).
    Above it, the speech's ends are where the level or the voice hears them
    (_speech_edges_ms)."""
    env = segment.envelope(samples, rate)
    found = segment.speech(env)
    problem = plausible.speech_problem(samples, rate, found)
    if problem is not None and problem.by_hand:
        return samples, 0, 0, problem
    plausible.require(problem, path)
    start_ms, end_ms = _speech_edges_ms(samples, rate, env, found)
    first, last = start_ms * rate // 1000, end_ms * rate // 1000
    edge = EDGE_MS * rate // 1000
    begin, end = first - edge, last + edge
    body = samples[max(begin, 0):min(end, len(samples))]
    out = np.concatenate((np.zeros(max(-begin, 0), np.int16), body,
                          np.zeros(max(end - len(samples), 0), np.int16)))
    to_ms = 1000 / rate
    return out, round(begin * to_ms), round((len(samples) - end) * to_ms), problem


def _speech_edges_ms(samples: np.ndarray, rate: int, env: segment.Envelope,
                     found: segment.Speech) -> tuple[int, int]:
    """Where the speech starts and ends (ms): the earliest start and the latest end that
    either the level (`found` in `env`, segment.speech) or the voice (voice.py and
    speech.py, which test voicing, not loudness alone) hears in `samples`.

    10 dB under a noise, the level alone heard a reading's speech end up to 1.5 s early
    and start up to 1 s late: beyond EDGE_MS, the rest of the last sentence and of the
    first word was cut off with the silence. The voice hears both ends within 0.13 s
    (eight shipped readings), well inside EDGE_MS. What either hears is kept."""
    spoken = np.flatnonzero(found.mask)
    start_ms, end_ms = int(env.ms(spoken[0])), int(env.ms(spoken[-1] + 1))
    voiced = np.flatnonzero(speech.speech_mask(voice.analyse(samples, rate)))
    if len(voiced):  # voice.py's frames: frame i spans [i, i + 1) × HOP_MS
        start_ms = min(start_ms, int(voiced[0]) * segment.HOP_MS)
        end_ms = max(end_ms, int(voiced[-1] + 1) * segment.HOP_MS)
    return start_ms, end_ms


def prepare_recording(source: Path, target: Path, *, words: int, existing: Path | None,
                      force: bool, tags: dict[str, str], labels: Path | None = None
                      ) -> Prepared:
    """Import `source` as the MP3 `target`; `existing` is the level's current recording,
    `labels` the level's label file, set aside when it was placed on `existing`
    (set_aside), put back if the import fails after."""
    source, target = Path(source), Path(target)
    if existing is not None and not force:
        raise AudioError("ce niveau a déjà un enregistrement", path=existing,
                         hint="Ajoutez --force pour le remplacer.")
    if source.is_dir():
        raise AudioError("c'est un dossier, pas un fichier", path=source,
                         hint="Donnez le fichier de l'enregistrement lui-même, dans ce dossier.")
    if not source.is_file():
        raise io.missing(source)
    plausible.refuse_too_long(source, words, margin_ms=UNTRIMMED_MARGIN_MS)
    samples = io.decode_normalised(source)
    trimmed, lead, tail, finding = trim(samples, io.SAMPLE_RATE, path=source)
    duration = round(len(trimmed) * 1000 / io.SAMPLE_RATE)
    plausible.require(plausible.length_problem(duration, words), source)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Only a replaced recording's labels: those placed on the original file, as
    # docs/audio.md says, are moved by the timeline and kept.
    placed = Path(labels) if existing is not None and labels is not None else None
    moved = None
    try:
        with atomic_path(target) as temporary:
            io.encode_mp3_batch([io.Mp3Job(trimmed, temporary, tags)])
            if placed is not None and placed.is_file():
                moved = set_aside(placed)
    except BaseException:
        if moved is not None and placed is not None:  # the old recording stays: so do
            with contextlib.suppress(OSError):  # its labels, beside it
                moved.rename(placed)
        raise
    return Prepared(target, duration, lead, tail, finding, moved)


def set_aside(labels: Path) -> Path:
    """Rename `labels`, placed on a recording about to be replaced, beside it:
    NIVEAU.labels.ancien.txt (-2, -3… when taken); return the new path.

    Left in place, they passed `dictee verifier` and cut the kit: every boundary off by
    the new trim, or by a whole other reading (20 of 23 groups 0.3 to 3 s off, none
    flagged). Renamed, none of a person's corrections is lost (Audacity imports them as
    a start), and no kit is cut from them: without labels, the groups are found again."""
    stem = labels.name.removesuffix(".txt")
    number = 1
    while True:
        aside = labels.with_name(f"{stem}.ancien{'' if number == 1 else f'-{number}'}.txt")
        if not aside.exists():
            break
        number += 1
    labels.rename(aside)
    return aside


@dataclass(frozen=True)
class Segmented:
    labels: list[Label]
    written: bool  # False: the existing label file was kept (and checked)


def segment_recording(level: LevelText, recording: Path, labels_path: Path, *,
                      force: bool) -> Segmented:
    """Find the groups in `recording` and write `labels_path`, unless it exists: then it
    is a person's work, only checked (rewritten with `force`)."""
    texts = [group.text for group in level.groups]
    samples = plausible.decoded(recording, level.word_count)
    duration = round(len(samples) * 1000 / io.SAMPLE_RATE)
    if Path(labels_path).is_file() and not force:
        labels = checked_labels(labels_path, texts, duration)
        return Segmented(labels, written=False)
    spans = align(samples, io.SAMPLE_RATE, texts, path=recording)
    labels = [Label(span.start_ms, span.end_ms, text, doubt=span.doubt)
              for span, text in zip(spans, texts)]
    write_labels(labels, labels_path)
    return Segmented(labels, written=True)


def write_placeholder(level: LevelText, target: Path, labels_path: Path, *,
                      force: bool, tags: dict[str, str]) -> list[Label]:
    """Speak the groups with espeak-ng into `target`, with exact labels (synth.py)."""
    from dictee.audio import synth

    for path in (target, labels_path):
        if Path(path).exists() and not force:
            raise AudioError("ce fichier existe déjà", path=path,
                             hint="Ajoutez --force pour le remplacer.")
    reading, labels = synth.synthesize([(g.sentence, g.text) for g in level.groups])
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(Path(target)) as temporary:
        io.encode_mp3(reading, temporary, tags=tags)
        write_labels(labels, labels_path)
    return labels
