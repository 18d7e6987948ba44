"""Synthetic placeholder readings (espeak-ng), with exact label files; and `said`, the
texts said by espeak-ng for the aligner (refine.py).

Each meaning group is spoken alone and joined with known gaps, so the labels
are the truth by construction. These readings only stand in for the campaign's
recordings; documents say so.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import numpy as np

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
    _espeak(exe, text, wav, "fr", WORDS_PER_MINUTE)
    segment = io.decode(wav)
    return _trim(segment)


def _espeak(exe: str, text: str, wav: Path, voice: str, words_per_minute: int, *,
            ssml: bool = False) -> None:
    subprocess.run([exe, *(["-m"] if ssml else []), "-v", voice, "-s", str(words_per_minute),
                    "-w", str(wav), text], check=True, capture_output=True)


SAID_BREAK_MS = 1500  # silence asked for between texts said in one call
SAID_SILENCE_DBFS = -45.0  # quieter 5 ms frames are espeak-ng's own silence


def said(texts: list[str], voice: str, words_per_minute: int) -> list[np.ndarray] | None:
    """Each text said by espeak-ng (mono int16 at io.SAMPLE_RATE, its own silence cut at
    both ends), in one call for all of them; None when espeak-ng is not installed or
    fails. The texts are separated by long breaks, then cut apart at those breaks."""
    exe = shutil.which("espeak-ng")
    if exe is None or not texts:
        return None
    pause = f'<break time="{SAID_BREAK_MS}ms"/>'
    text = "<speak>" + pause.join(html.escape(t) for t in texts) + "</speak>"
    try:
        with scratch_folder("said") as tmp:
            _espeak(exe, text, tmp / "said.wav", voice, words_per_minute, ssml=True)
            samples = io.decode_samples(tmp / "said.wav")
    except (OSError, subprocess.CalledProcessError, AudioError):
        return None
    hop = io.SAMPLE_RATE // 200
    count = len(samples) // hop
    frames = samples[: count * hop].reshape(count, hop).astype(np.float32) / 32768
    loud = 10 * np.log10(np.mean(frames ** 2, axis=1) * 2 + 1e-12) > SAID_SILENCE_DBFS
    spoken = np.flatnonzero(loud)
    if len(spoken) == 0:
        return None
    # Cut where espeak-ng was silent for most of a break: never inside one text.
    gaps = np.flatnonzero(np.diff(spoken) * 5 > SAID_BREAK_MS * 2 // 3)
    if len(gaps) != len(texts) - 1:
        return None
    starts = np.concatenate(([spoken[0]], spoken[gaps + 1]))
    ends = np.concatenate((spoken[gaps] + 1, [spoken[-1] + 1]))
    return [samples[a * hop:b * hop] for a, b in zip(starts, ends)]


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
