"""The only module that talks to pydub and ffmpeg.

ffmpeg comes from the PATH, or from the `imageio-ffmpeg` wheel so that a plain
`pip install` is enough. Files are decoded by piping ffmpeg's raw PCM into a
pydub `AudioSegment`: pydub's own `from_file` would need ffprobe, which the
wheel does not ship. Times are integer milliseconds, levels dBFS.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import warnings
from pathlib import Path

from dictee.errors import AudioError

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on the PATH; we point it to ours below.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop, on 3.11-3.12
    from pydub import AudioSegment

SAMPLE_RATE = 44_100  # Hz, mono, 16-bit: what every recording is decoded to
MP3_BITRATE = "96k"
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


def _run(args: list[str], *, path: Path, input: bytes | None = None) -> bytes:
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    result = subprocess.run(command, input=input, capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        last = detail[-1] if detail else f"code {result.returncode}"
        raise AudioError(f"ffmpeg n'a pas pu traiter ce fichier ({last})", path=path,
                         hint="Vérifiez que c'est bien un enregistrement audio lisible "
                              "(MP3, WAV, M4A, OGG ou FLAC).")
    return result.stdout


def decode(path: Path, *, rate: int = SAMPLE_RATE) -> AudioSegment:
    """Read any audio file ffmpeg knows into a mono 16-bit segment at `rate` Hz."""
    path = Path(path)
    if not path.is_file():
        raise AudioError("enregistrement introuvable", path=path)
    raw = _run(["-i", str(path), "-vn", "-ac", "1", "-ar", str(rate), "-f", "s16le",
                "-acodec", "pcm_s16le", "pipe:1"], path=path)
    if len(raw) < 2:
        raise AudioError("ce fichier ne contient aucun son", path=path,
                         hint="Vérifiez que c'est bien un enregistrement audio.")
    return AudioSegment(data=raw[: len(raw) - len(raw) % 2], sample_width=2,
                        frame_rate=rate, channels=1)


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
