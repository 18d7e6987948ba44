"""Synthetic placeholder readings (espeak-ng), with exact label files; and `said`, the
texts said by espeak-ng for the aligner (refine.py).

Each meaning group is spoken alone and joined with known gaps, so the labels
are the truth by construction. These readings only stand in for the campaign's
recordings; documents say so.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
import subprocess
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dictee import cores
from dictee.audio import espeak, io
from dictee.audio.labels import Label
from dictee.audio.spoken import for_voice
from dictee.errors import AudioError
from dictee.scratch import scratch_folder

GROUP_GAP_MS = 350  # between groups of one sentence
SENTENCE_GAP_MS = 800  # between sentences
EDGE_MS = 500  # silence at both ends
WORDS_PER_MINUTE = 135


def _speak(text: str, folder: Path, index: int) -> io.AudioSegment:
    program = espeak.command()
    if program is None:
        raise AudioError("espeak-ng est introuvable", hint=espeak.INSTALL_HINT)
    wav = folder / f"{index:03d}.wav"
    _espeak(program, for_voice(text), wav, "fr", WORDS_PER_MINUTE)
    segment = io.decode(wav)
    return _trim(segment)


def _espeak(program: list[str], text: str, wav: Path, voice: str,
            words_per_minute: int) -> None:
    subprocess.run([*program, "-v", voice, "-s", str(words_per_minute), "-w", str(wav), text],
                   check=True, capture_output=True)


# Silence asked for between texts said in one call. Shorter breaks save little and
# change how espeak-ng says the end of a text (with 800 ms, one boundary of the test
# readings moved by 0.13 s).
SAID_BREAK_MS = 1500
# espeak-ng's own pauses (a full stop, a colon) last up to ~350 ms at 135 words per
# minute: a silence longer than this is one of our breaks.
SAID_CUT_MS = SAID_BREAK_MS * 2 // 3
SAID_SILENCE_DBFS = -45.0  # quieter 5 ms frames are espeak-ng's own silence
# Said after the texts of each process: espeak-ng draws out the end of what it is
# given, and the last text must be said as it would be in the middle.
SAID_LAST = "Fin."
SAID_PROCESSES = 4  # at most, on a machine with that many cores
SAID_CHARACTERS_PER_PROCESS = 1500  # less text is said in one process (~0.1 s)
# espeak-ng is waited for at most this long, plus this much per character of text: the
# whole text of a 10-minute reading (11,000 characters) takes it ~0.6 s of processor,
# so a hundred times that on a slow machine; a process that hangs beyond is stopped, and
# the boundaries stay where the energy put them, as without espeak-ng.
SAID_TIMEOUT_S, SAID_TIMEOUT_PER_CHARACTER_S = 30.0, 0.005


@dataclass(frozen=True)
class Said:
    """Texts said one after the other by espeak-ng: mono int16 `samples` at `rate` Hz
    (espeak-ng's own, 22,050 Hz), and where each text is heard in them (`spans`, in
    samples, its own silence cut at both ends)."""

    samples: np.ndarray
    rate: int
    spans: list[tuple[int, int]]

    def piece(self, index: int) -> np.ndarray:
        start, end = self.spans[index]
        return self.samples[start:end]


def said(texts: list[str], voice: str, words_per_minute: int) -> Said | None:
    """The texts said by espeak-ng, separated by long breaks and cut apart at them;
    None when espeak-ng is not installed or fails.

    espeak-ng spends most of its time turning French text into phonemes (~0.35 ms a
    word), so a long text is shared among a few processes that run at once, each
    writing its WAV file, read here without ffmpeg (nothing to convert).
    """
    with saying(texts, voice, words_per_minute) as result:
        return result()


@contextlib.contextmanager
def saying(texts: list[str], voice: str,
           words_per_minute: int) -> Iterator[Callable[[], Said | None]]:
    """`said`, started on entering and left to run: the function given waits for
    espeak-ng (until SAID_TIMEOUT_S and SAID_TIMEOUT_PER_CHARACTER_S from the start: None
    after) and returns what `said` returns (the same Said each time it is called), so
    that other work is done meanwhile.
    Leaving stops any espeak-ng still running and removes its files."""
    program = espeak.command()
    if program is None or not texts:
        yield lambda: None
        return
    shares = _shares(texts, min(SAID_PROCESSES, cores.usable()))
    pause = f'<break time="{SAID_BREAK_MS}ms"/>'
    running: list[subprocess.Popen[bytes]] = []
    with scratch_folder("said") as tmp:
        wavs = [tmp / f"said-{number}.wav" for number in range(len(shares))]
        started = True
        try:
            for wav, (low, high) in zip(wavs, shares):
                source = wav.with_suffix(".xml")
                words = [*map(for_voice, texts[low:high]), SAID_LAST]
                source.write_text("<speak>" + pause.join(map(marked, words))
                                  + "</speak>", encoding="utf-8")
                running.append(subprocess.Popen(
                    [*program, "-m", "-v", voice, "-s", str(words_per_minute), "-w", str(wav),
                     "-f", str(source)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL))
        except OSError:
            started = False

        deadline = time.monotonic() + SAID_TIMEOUT_S \
            + SAID_TIMEOUT_PER_CHARACTER_S * sum(len(text) for text in texts)

        def finished(process: subprocess.Popen[bytes]) -> bool:
            """Whether `process` ended well before the deadline, known as soon as it ends:
            a wait with a timeout polls (every 50 ms on POSIX once it has waited a while),
            ~25 ms lost on average each time the aligner waits for espeak-ng; a blocking
            wait wakes when the process ends, and a timer stops it at the deadline."""
            stop = threading.Timer(max(0.0, deadline - time.monotonic()), _kill, (process,))
            stop.daemon = True  # never holds the interpreter at exit
            try:
                stop.start()
                code = process.wait()
            finally:
                stop.cancel()
            return code == 0

        @functools.cache  # waited for and assembled once, however often asked
        def result() -> Said | None:
            if not started or not all(finished(process) for process in running):
                return None
            try:
                return _assembled(shares, [_read_wav(wav) for wav in wavs])
            except (OSError, wave.Error, EOFError):
                return None

        try:
            with cores.occupied(running):  # each takes a core from our threads
                yield result
        finally:
            for process in running:  # after an error or Ctrl-C, none is left behind
                if process.poll() is None:
                    process.kill()
                    process.wait()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop `process` (from a timer's thread: an error would print a traceback there)."""
    with contextlib.suppress(OSError):
        process.kill()


# A reader holds a sentence's last syllable (a final « r » for 300 ms, a « t » released
# after a long closure), espeak-ng much less: matched with it, the end of a sentence
# read without a pause fell up to 0.5 s early, inside its last word (a person's voice,
# tests/audio/human.py). That word is said at this share of the speed.
LAST_WORD_RATE = "80%"
_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_WORD = re.compile(r"\S*\w\S*")


def marked(text: str) -> str:
    """`text` as SSML for espeak-ng (escaped); when it ends a sentence, its last word
    said slowly (LAST_WORD_RATE)."""
    words = list(_WORD.finditer(text))
    if len(words) < 2 or not _SENTENCE_END.search(text):
        return html.escape(text)
    last = words[-1].start()
    return (f'{html.escape(text[:last])}<prosody rate="{LAST_WORD_RATE}">'
            f"{html.escape(text[last:])}</prosody>")


def _assembled(shares: list[tuple[int, int]],
               outputs: list[tuple[np.ndarray, int]]) -> Said | None:
    """The outputs of the processes (samples, rate), one per share of the texts, as one
    Said; None when one cannot be cut into its texts."""
    rates = {rate for _, rate in outputs}
    if len(rates) != 1:
        return None
    spans: list[tuple[int, int]] = []
    offset = 0
    for (low, high), (samples, rate) in zip(shares, outputs):
        found = _cut(samples, rate, high - low + 1)
        if found is None:
            return None
        spans += [(offset + a, offset + b) for a, b in found[:-1]]
        offset += len(samples)
    return Said(np.concatenate([samples for samples, _ in outputs]), rates.pop(), spans)


def _shares(texts: list[str], processes: int) -> list[tuple[int, int]]:
    """The texts cut into consecutive shares of about the same number of characters,
    one per process, none shorter than SAID_CHARACTERS_PER_PROCESS (but the only one)."""
    total = sum(len(t) for t in texts)
    count = max(1, min(processes, total // SAID_CHARACTERS_PER_PROCESS, len(texts)))
    ends = np.searchsorted(np.cumsum([len(t) for t in texts]),
                           [total * k / count for k in range(1, count)])
    bounds = [0, *sorted({int(e) + 1 for e in ends} - {len(texts)}), len(texts)]
    return list(zip(bounds, bounds[1:]))


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono 16-bit samples of a WAV file espeak-ng wrote, and its sample rate."""
    with wave.open(str(path), "rb") as file:
        if file.getnchannels() != 1 or file.getsampwidth() != 2:
            raise wave.Error("not mono 16-bit")
        # Little-endian in the file: converted only on a big-endian machine, not copied.
        return np.frombuffer(file.readframes(file.getnframes()), "<i2").astype(
            np.int16, copy=False), file.getframerate()


def _cut(samples: np.ndarray, rate: int, count: int) -> list[tuple[int, int]] | None:
    """Where the `count` texts said in `samples` are (samples, silences cut): espeak-ng
    was silent for most of a break between two of them, never that long inside one."""
    hop = rate // 200  # 5 ms
    frames = len(samples) // hop
    power = np.empty(frames, np.float32)
    block = 8192
    for begin in range(0, frames, block):
        part = samples[begin * hop:min(begin + block, frames) * hop].reshape(-1, hop)
        part = part.astype(np.float32)
        power[begin:begin + len(part)] = np.einsum("ij,ij->i", part, part)
    # Mean power of a full-scale sine is ½: the same dBFS as pydub's.
    threshold = (32768.0 ** 2) / 2 * 10 ** (SAID_SILENCE_DBFS / 10) * hop
    spoken = np.flatnonzero(power > threshold)
    if len(spoken) == 0:
        return None
    gaps = np.flatnonzero(np.diff(spoken) * 5 > SAID_CUT_MS)
    if len(gaps) != count - 1:
        return None
    starts = np.concatenate(([spoken[0]], spoken[gaps + 1]))
    ends = np.concatenate((spoken[gaps] + 1, [spoken[-1] + 1]))
    return [(int(a) * hop, int(b) * hop) for a, b in zip(starts, ends)]


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
