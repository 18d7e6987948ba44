"""Readings whose truth is known: each group spoken alone by espeak-ng, then joined.

Between groups of a sentence the gaps cycle through GAPS_MS (some near zero); a
comma inside a group gets a 300 ms pause and one long group gets a breath in the
middle, both of which the aligner must ignore; light noise covers everything.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dictee.audio import io

RATE = io.SAMPLE_RATE
GAPS_MS = (300, 30, 200, 60, 400, 20)  # between groups of one sentence
SENTENCE_GAP_MS = 700
INNER_PAUSE_MS = 300  # after a comma inside a group, and for the breath
EDGE_MS = 500
NOISE_DBFS = -55.0


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


@functools.lru_cache(maxsize=512)
def spoken(text: str) -> np.ndarray:
    """`text` said by espeak-ng, its own silences cut at −45 dBFS (5 ms windows)."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "g.wav"
        subprocess.run(["espeak-ng", "-v", "fr", "-s", "150", "-w", str(wav), text],
                       check=True, capture_output=True)
        x = io.decode_samples(wav).astype(np.float32)
    hop = RATE // 200
    n = len(x) // hop
    rms = np.sqrt(np.mean((x[: n * hop].reshape(n, hop) / 32768) ** 2, axis=1))
    loud = np.flatnonzero(20 * np.log10(rms + 1e-12) > -45)
    return x[loud[0] * hop:(loud[-1] + 1) * hop]


@dataclass(frozen=True)
class Reading:
    samples: np.ndarray  # int16
    truth: list[tuple[float, float]]  # (start, end) of each group, ms
    gaps: list[float]  # silence before each group but the first, ms
    inner_pauses: list[int]  # indices of groups holding a pause


def build(groups: list[tuple[int, str]], *, seed: int = 1) -> Reading:
    rng = np.random.default_rng(seed)
    pieces = [np.zeros(EDGE_MS * RATE // 1000, np.float32)]
    position = len(pieces[0])
    truth: list[tuple[float, float]] = []
    gaps: list[float] = []
    inner: list[int] = []
    turn, breathed = 0, False
    for index, (sentence, text) in enumerate(groups):
        if index:
            same = groups[index - 1][0] == sentence
            gap = GAPS_MS[turn % len(GAPS_MS)] if same else SENTENCE_GAP_MS
            turn += same
            pieces.append(np.zeros(gap * RATE // 1000, np.float32))
            position += len(pieces[-1])
            gaps.append(len(pieces[-1]) * 1000 / RATE)
        parts = [p for p in re.split(r"(?<=,)\s+", text) if p]
        if len(parts) == 1 and len(text.split()) >= 6 and not breathed:
            words = text.split()
            parts, breathed = [" ".join(words[:3]), " ".join(words[3:])], True
        if len(parts) > 1:
            inner.append(index)
        start = position
        for number, part in enumerate(parts):
            if number:
                pieces.append(np.zeros(INNER_PAUSE_MS * RATE // 1000, np.float32))
                position += len(pieces[-1])
            pieces.append(spoken(part))
            position += len(pieces[-1])
        truth.append((start * 1000 / RATE, position * 1000 / RATE))
    pieces.append(np.zeros(EDGE_MS * RATE // 1000, np.float32))
    signal = np.concatenate(pieces)
    signal += rng.standard_normal(len(signal)).astype(np.float32) * 32768 \
        * 10 ** (NOISE_DBFS / 20)
    return Reading(np.clip(signal, -32768, 32767).astype(np.int16), truth, gaps, inner)
