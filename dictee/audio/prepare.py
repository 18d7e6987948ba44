"""Bring a recording into a case, and write its label file.

`prepare_recording` imports any common format as a mono MP3 at a speech
loudness (EBU R128 via ffmpeg's loudnorm, −16 LUFS) with about half a second of
silence at each end. `segment_recording` writes the Audacity label track of the
groups; a label file that exists is a person's correction and stays the truth.
Nothing is half-written: files go to a temporary name, then are renamed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dictee.audio import io, segment
from dictee.audio.align import align, check_length
from dictee.audio.labels import Label, check_labels, read_labels, write_labels
from dictee.content.model import LevelText
from dictee.errors import AudioError

EDGE_MS = 500  # silence kept (or added) before the first word and after the last


@dataclass(frozen=True)
class Prepared:
    target: Path
    duration_ms: int
    lead_ms: int  # silence removed at the start (negative: added)
    tail_ms: int  # silence removed at the end (negative: added)


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` only on success."""
    target = Path(target)
    temporary = target.with_name(f".{target.stem}.tmp{target.suffix}")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def trim(samples: np.ndarray, rate: int, *, path: Path) -> tuple[np.ndarray, int, int]:
    """Keep EDGE_MS of silence around the speech (padding with silence if needed)."""
    env = segment.envelope(samples, rate)
    found = segment.speech(env)
    if not found.mask.any() or found.dynamics_db < segment.MIN_DYNAMICS_DB \
            or found.peak_db < -60:
        raise AudioError("aucune parole n'est audible dans ce fichier", path=path,
                         hint="Le fichier est silencieux ou ne contient que du bruit.")
    spoken = np.flatnonzero(found.mask)
    first = int(env.ms(spoken[0]) * rate // 1000)
    last = int(env.ms(spoken[-1] + 1) * rate // 1000)
    edge = EDGE_MS * rate // 1000
    begin, end = first - edge, last + edge
    body = samples[max(begin, 0):min(end, len(samples))]
    out = np.concatenate((np.zeros(max(-begin, 0), np.int16), body,
                          np.zeros(max(end - len(samples), 0), np.int16)))
    to_ms = 1000 / rate
    return out, round(begin * to_ms), round((len(samples) - end) * to_ms)


def prepare_recording(source: Path, target: Path, *, words: int, existing: Path | None,
                      force: bool, tags: dict[str, str]) -> Prepared:
    """Import `source` as the MP3 `target`; `existing` is the level's current recording."""
    source, target = Path(source), Path(target)
    if existing is not None and not force:
        raise AudioError("ce niveau a déjà un enregistrement", path=existing,
                         hint="Ajoutez --force pour le remplacer.")
    if not source.is_file():
        raise AudioError("fichier introuvable", path=source)
    samples = io.decode_normalised(source)
    if not samples.any():
        raise AudioError("ce fichier est silencieux", path=source,
                         hint="Vérifiez l'enregistrement (micro coupé ?).")
    trimmed, lead, tail = trim(samples, io.SAMPLE_RATE, path=source)
    duration = round(len(trimmed) * 1000 / io.SAMPLE_RATE)
    check_length(duration, words, path=source)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        io.encode_mp3_batch([io.Mp3Job(trimmed, temporary, tags)])
    return Prepared(target, duration, lead, tail)


@dataclass(frozen=True)
class Segmented:
    labels: list[Label]
    written: bool  # False: the existing label file was kept (and checked)


def segment_recording(level: LevelText, recording: Path, labels_path: Path, *,
                      force: bool) -> Segmented:
    """Find the groups in `recording` and write `labels_path`, unless it exists: then it
    is a person's work, only checked (rewritten with `force`)."""
    texts = [group.text for group in level.groups]
    samples = io.decode_samples(recording)
    duration = round(len(samples) * 1000 / io.SAMPLE_RATE)
    if Path(labels_path).is_file() and not force:
        labels = read_labels(labels_path)
        check_labels(labels, texts, duration, path=labels_path)
        return Segmented(labels, written=False)
    if not samples.any():
        raise AudioError("l'enregistrement est silencieux", path=recording,
                         hint="Vérifiez le fichier, puis importez-le de nouveau.")
    spans = align(samples, io.SAMPLE_RATE, texts, path=recording)
    labels = [Label(span.start_ms, span.end_ms, text) for span, text in zip(spans, texts)]
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
    with replacing(Path(target)) as temporary:
        io.encode_mp3(reading, temporary, tags=tags)
        write_labels(labels, labels_path)
    return labels
