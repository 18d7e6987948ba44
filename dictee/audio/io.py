"""The only module that talks to pydub and ffmpeg.

ffmpeg comes from the PATH, or from the `imageio-ffmpeg` wheel so that a plain
`pip install` is enough. Files are decoded by piping ffmpeg's raw PCM into a
pydub `AudioSegment`: pydub's own `from_file` would need ffprobe, which the
wheel does not ship. Times are integer milliseconds, levels dBFS.
"""

from __future__ import annotations

import errno
import functools
import shutil
import signal
import subprocess
import tempfile
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dictee.errors import AudioError, os_error

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on the PATH; we point it to ours below.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop, on 3.11-3.12
    from pydub import AudioSegment

SAMPLE_RATE = 44_100  # Hz, mono, 16-bit: what every recording is decoded to
MP3_BITRATE = "64k"  # mono speech: transparent enough, a third lighter than 96k
# LAME's algorithm quality for generated tracks (0 best … 9 fastest): 7 is 2-3× faster
# than the default on speech and transparent enough for a spoken voice at 96 kb/s mono.
MP3_QUALITY = 7
# Byte-identical output for identical input: no encoder version string, no dates.
_BITEXACT = ["-fflags", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1",
             "-id3v2_version", "3", "-write_xing", "1"]


@functools.lru_cache(maxsize=1)
def ffmpeg() -> str:
    """Path to an ffmpeg binary: the system's, else the one bundled in imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg
    except ImportError as error:  # pragma: no cover - it is a declared dependency
        raise AudioError("ffmpeg introuvable", hint="Installez le paquet imageio-ffmpeg "
                         "(pip install imageio-ffmpeg) ou ffmpeg.") from error
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    AudioSegment.converter = exe
    return exe


# What ffmpeg says (in English, after internals such as « [out#0/s16le @ 0x…] ») →
# what we tell a teacher. First match wins; a full disk is handled before, apart.
_EXPLAINED = (
    ("Permission denied", "denied"),
    ("No such file or directory", "missing"),
    ("does not contain any stream", "no-audio"),
    ("matches no streams", "no-audio"),
)


def _output(args: list[str]) -> Path | None:
    """The file ffmpeg writes, if it writes one (not a pipe)."""
    return Path(args[-1]) if args and not args[-1].startswith(("pipe:", "-")) else None


def missing(path: Path) -> AudioError:
    """The error for a recording that is not where it was said to be."""
    return AudioError("fichier introuvable", path=path,
                      hint="Vérifiez le chemin et l'orthographe du nom.")


def _failed(code: int, stderr: bytes, path: Path, args: list[str]) -> BaseException:
    """The error to raise when ffmpeg exits with `code`; never ffmpeg's own words.

    `path` is the recording being read. A full disk names the folder that is full,
    never the recording; Ctrl-C that reached ffmpeg first is an interruption.
    """
    text = stderr.decode("utf-8", "replace")
    if code == -signal.SIGINT or (code == 255 and "received signal 2" in text):
        return KeyboardInterrupt()  # the user pressed Ctrl-C: ffmpeg got it too
    if "No space left on device" in text or "Disk quota exceeded" in text:
        output = _output(args)
        return os_error(OSError(errno.ENOSPC, "No space left on device"), "écrire le son",
                        path=output.parent if output else tempfile.gettempdir())
    if code < 0:
        return AudioError(f"ffmpeg a été arrêté (signal {-code}) pendant le traitement",
                          path=path, hint="Relancez la commande.")
    kind = next((k for needle, k in _EXPLAINED if needle in text), "unreadable")
    if kind == "denied":
        return AudioError("accès refusé à ce fichier", path=_output(args) or path,
                          hint="Vérifiez ses droits, ou choisissez un autre dossier.")
    if kind == "missing":
        return missing(path)
    if kind == "no-audio":
        return AudioError("ce fichier ne contient aucune piste audio", path=path,
                          hint="Exportez le son seul (MP3, WAV, M4A, OGG ou FLAC).")
    return AudioError("impossible de lire ce fichier : ce n'est pas un enregistrement "
                      "audio, ou il est abîmé", path=path,
                      hint="Vérifiez que c'est bien un enregistrement audio lisible "
                           "(MP3, WAV, M4A, OGG ou FLAC) et qu'il est complet.")


def _run(args: list[str], *, path: Path, input: bytes | None = None) -> bytes:
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    result = subprocess.run(command, input=input, capture_output=True, check=False)
    if result.returncode != 0:
        raise _failed(result.returncode, result.stderr, path, args)
    return result.stdout


def _feed(args: list[str], chunks: Sequence[np.ndarray], *, path: Path) -> None:
    """Run ffmpeg on raw samples given on stdin, in large writes.

    subprocess.run(input=…) writes 4 KiB at a time through select(): for a 20-minute
    track that is ~20,000 wake-ups that keep ffmpeg's encoders waiting.
    """
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stderr is not None
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    try:
        try:
            for chunk in chunks:
                process.stdin.write(np.ascontiguousarray(chunk, dtype="<i2").data)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early: its return code and message say why
        code = process.wait()
    except BaseException:  # interrupted: ffmpeg must not outlive us
        process.kill()
        process.wait()
        raise
    reader.join()
    if code != 0:
        raise _failed(code, b"".join(errors), path, args)


def _decode_raw(path: Path, rate: int, filters: str | None = None,
                at_most_ms: int | None = None) -> bytes:
    path = Path(path)
    if not path.is_file():
        raise AudioError("enregistrement introuvable", path=path)
    chain = ["-af", filters] if filters else []
    # ffmpeg stops decoding there: the rest of a long file is never read into memory.
    limit = ["-t", f"{at_most_ms / 1000:.3f}"] if at_most_ms is not None else []
    raw = _run(["-i", str(path), "-vn", *chain, *limit, "-ac", "1", "-ar", str(rate), "-f",
                "s16le", "-acodec", "pcm_s16le", "pipe:1"], path=path)
    if len(raw) < 2:
        raise AudioError("ce fichier ne contient aucun son", path=path,
                         hint="Vérifiez que c'est bien un enregistrement audio.")
    return raw[: len(raw) - len(raw) % 2]


MEASURE_RATE = 8_000  # Hz: counting samples only needs a low rate


def measure_ms(path: Path, *, stop_after_ms: int) -> int | None:
    """The duration of `path` in ms, decoded in a stream (constant memory); None as soon
    as it runs past `stop_after_ms`, without decoding the rest.

    Container headers can lie or be missing; counting decoded samples cannot.
    """
    path = Path(path)
    if not path.is_file():
        raise AudioError("enregistrement introuvable", path=path)
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
               "-vn", "-ac", "1", "-ar", str(MEASURE_RATE), "-f", "s16le", "-acodec",
               "pcm_s16le", "pipe:1"]
    limit = stop_after_ms * MEASURE_RATE // 1000 * 2  # bytes
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    count = 0
    try:
        while block := process.stdout.read(1 << 20):
            count += len(block)
            if count > limit:
                process.kill()
                return None
    finally:
        process.stdout.close()
        code = process.wait()
        reader.join()
    if code != 0:
        raise _failed(code, b"".join(errors), path, command)
    if count < 2:
        raise AudioError("ce fichier ne contient aucun son", path=path,
                         hint="Vérifiez que c'est bien un enregistrement audio.")
    return round(count / 2 * 1000 / MEASURE_RATE)


def decode(path: Path, *, rate: int = SAMPLE_RATE) -> AudioSegment:
    """Read any audio file ffmpeg knows into a mono 16-bit segment at `rate` Hz."""
    return AudioSegment(data=_decode_raw(path, rate), sample_width=2, frame_rate=rate,
                        channels=1)


def decode_samples(path: Path, *, rate: int = SAMPLE_RATE,
                   at_most_ms: int | None = None) -> np.ndarray:
    """Read any audio file into mono int16 samples at `rate` Hz (numpy, no pydub copy);
    only its first `at_most_ms` when given."""
    return np.frombuffer(_decode_raw(path, rate, at_most_ms=at_most_ms), dtype="<i2")


def samples_of(segment: AudioSegment) -> np.ndarray:
    """A pydub segment's samples as mono int16 numpy (for analysis and slicing)."""
    mono = segment.set_channels(1).set_sample_width(2)
    return np.frombuffer(mono.raw_data, dtype="<i2")


LOUDNESS_TARGET = {"I": -16.0, "TP": -1.5, "LRA": 11.0}  # LUFS, dBTP, LU: speech, EBU R128


def _loudnorm(extra: str = "") -> str:
    base = ":".join(f"{k}={v}" for k, v in LOUDNESS_TARGET.items())
    return f"loudnorm={base}{extra}"


def decode_normalised(path: Path, *, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode with ffmpeg's loudnorm (EBU R128, single pass): speech brought to
    LOUDNESS_TARGET, true peaks kept under it; mono int16 at `rate` Hz."""
    return np.frombuffer(_decode_raw(path, rate, f"aformat=channel_layouts=mono,{_loudnorm()}"),
                         dtype="<i2")


def _tag_args(tags: dict[str, str]) -> list[str]:
    args: list[str] = []
    for key, value in sorted(tags.items()):
        args += ["-metadata", f"{key}={value}"]
    return args


def encode_mp3(segment: AudioSegment, target: Path, *, tags: dict[str, str] | None = None,
               bitrate: str = MP3_BITRATE) -> Path:
    """Write `segment` as a tagged MP3 (ID3v2.3) at `target`; byte-reproducible."""
    ffmpeg()
    target = Path(target)
    raw = segment.set_channels(1).set_sample_width(2).raw_data
    _run(["-f", "s16le", "-ar", str(segment.frame_rate), "-ac", "1", "-i", "pipe:0",
          "-codec:a", "libmp3lame", "-b:a", bitrate, *_BITEXACT,
          *_tag_args(tags or {}), "-f", "mp3", "-y", str(target)],
         path=target, input=raw)
    return target


@dataclass(frozen=True)
class Mp3Job:
    """One MP3 to write: its samples (mono int16) and its tags."""

    samples: np.ndarray
    target: Path
    tags: dict[str, str] = field(default_factory=dict)


def encode_mp3_batch(jobs: Sequence[Mp3Job], *, rate: int = SAMPLE_RATE,
                     bitrate: str = MP3_BITRATE) -> list[Path]:
    """Write several MP3s with one ffmpeg process: one stream in, cut sample-exactly.

    Starting ffmpeg costs ~40 ms, more than encoding a short clip; one process also
    lets ffmpeg run each output's encoder on its own thread.
    """
    if not jobs:
        return []
    ffmpeg()
    chunks = [np.ascontiguousarray(job.samples, dtype="<i2") for job in jobs]
    bounds = np.cumsum([0] + [len(c) for c in chunks])
    graph = [f"[0:a]asplit={len(jobs)}" + "".join(f"[s{i}]" for i in range(len(jobs)))]
    outputs: list[str] = []
    for i, job in enumerate(jobs):
        graph.append(f"[s{i}]atrim=start_sample={bounds[i]}:end_sample={bounds[i + 1]},"
                     f"asetpts=PTS-STARTPTS[o{i}]")
        outputs += ["-map", f"[o{i}]", "-codec:a", "libmp3lame", "-b:a", bitrate,
                    "-compression_level", str(MP3_QUALITY),
                    *_BITEXACT, *_tag_args(job.tags), "-f", "mp3", "-y", str(job.target)]
    if len(jobs) == 1:
        graph = ["[0:a]anull[o0]"]
    _feed(["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
           "-filter_complex", ";".join(graph), *outputs], chunks,
          path=Path(jobs[0].target).parent)
    return [Path(job.target) for job in jobs]


def copy_as_mp3(source: Path, target: Path, *, tags: dict[str, str] | None = None) -> Path:
    """Copy a recording to `target` as MP3 with new tags, without re-encoding an MP3."""
    source, target = Path(source), Path(target)
    codec = ["-codec:a", "copy"] if source.suffix.lower() == ".mp3" else \
        ["-ac", "1", "-codec:a", "libmp3lame", "-b:a", MP3_BITRATE]
    _run(["-i", str(source), "-vn", *codec, *_BITEXACT, *_tag_args(tags or {}),
          "-f", "mp3", "-y", str(target)], path=source)
    return target




def duration_ms(path: Path) -> int:
    """Exact duration in ms, by decoding (container headers can be off by a frame)."""
    return len(decode(path, rate=8_000))
