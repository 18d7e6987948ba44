"""Synthetic placeholder readings (espeak-ng), with exact label files.

Each meaning group is spoken alone and joined with known gaps, so the labels
are the truth by construction. These readings only stand in for the campaign's
recordings; documents say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from dictee.audio import io
from dictee.audio.labels import Label
from dictee.errors import AudioError
from dictee.scratch import scratch_folder

GROUP_GAP_MS = 350  # between groups of one sentence
SENTENCE_GAP_MS = 800  # between sentences
EDGE_MS = 500  # silence at both ends
WORDS_PER_MINUTE = 135


def _speak(text: str, folder: Path, index: int) -> io.AudioSegment:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise AudioError("espeak-ng est introuvable", hint="Installez-le : "
                         "apt-get install espeak-ng")
    wav = folder / f"{index:03d}.wav"
    subprocess.run([exe, "-v", "fr", "-s", str(WORDS_PER_MINUTE), "-w", str(wav), text],
                   check=True, capture_output=True)
    segment = io.decode(wav)
    return _trim(segment)


def _trim(segment: io.AudioSegment, threshold_dbfs: float = -45.0) -> io.AudioSegment:
    """Cut espeak's own leading and trailing silence, so our gaps are exact."""
    step = 5
    start = 0
    while start < len(segment) and segment[start:start + step].dBFS < threshold_dbfs:
        start += step
    end = len(segment)
    while end > start and segment[end - step:end].dBFS < threshold_dbfs:
        end -= step
    return segment[start:end]


def synthesize(groups: list[tuple[int, str]]) -> tuple[io.AudioSegment, list[Label]]:
    """Speak (sentence index, text) groups; return the reading and its exact labels."""
    with scratch_folder("synth") as tmp:
        pieces = [_speak(text, tmp, i) for i, (_, text) in enumerate(groups)]
    reading = io.AudioSegment.silent(EDGE_MS, frame_rate=io.SAMPLE_RATE)
    labels: list[Label] = []
    for i, ((sentence, text), piece) in enumerate(zip(groups, pieces)):
        if i:
            same = groups[i - 1][0] == sentence
            gap = GROUP_GAP_MS if same else SENTENCE_GAP_MS
            reading += io.AudioSegment.silent(gap, frame_rate=io.SAMPLE_RATE)
        start = len(reading)
        reading += piece
        labels.append(Label(start, len(reading), text))
    reading += io.AudioSegment.silent(EDGE_MS, frame_rate=io.SAMPLE_RATE)
    return reading, labels
