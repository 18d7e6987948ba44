"""What a teacher reads when ffmpeg fails: French, no ffmpeg internals, the right culprit."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dictee.audio import io
from dictee.content.typography import plain
from dictee.errors import AudioError, DicteeError
from tests.conftest import REPO

DATA = Path(__file__).resolve().parent.parent / "data"
AUDIO = Path("audio") / "luis-manuel"


def _internals(text: str) -> bool:
    return "@ 0x" in text or "[out#" in text or "[in#" in text


def test_a_corrupt_file_is_named_without_ffmpeg_internals():
    path = DATA / "verifier" / "enregistrement-corrompu.mp3"
    with pytest.raises(AudioError) as raised:
        io.decode_samples(path)
    text = raised.value.describe()
    assert "ce n'est pas un enregistrement audio" in text and str(path) in text
    assert not _internals(text) and "Invalid data" not in text


def test_a_full_disk_names_the_folder_not_the_recording():
    """/dev/full answers every write with ENOSPC, as a full temporary folder does."""
    samples = np.zeros(io.SAMPLE_RATE, np.int16)
    with pytest.raises(DicteeError) as raised:
        io.encode_mp3_batch([io.Mp3Job(samples, Path("/dev/full"))])
    text = raised.value.describe()
    assert "le disque est plein" in text and "/dev" in text
    assert "enregistrement" not in text and not _internals(text)


def _fake_ffmpeg(tmp_path: Path, stderr: str, code: int) -> str:
    script = tmp_path / "ffmpeg"
    script.write_text(f"#!/bin/sh\necho '{stderr}' >&2\nexit {code}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_ctrl_c_reaching_ffmpeg_is_an_interruption(cli, content, tmp_path, monkeypatch):
    """Ctrl-C goes to ffmpeg too; when ffmpeg notices first, its error is not shown."""
    fake = _fake_ffmpeg(tmp_path, "[out#0/s16le @ 0x5581] Exiting normally, received "
                                  "signal 2.", 255)
    monkeypatch.setattr(io, "ffmpeg", lambda: fake)
    with pytest.raises(KeyboardInterrupt):
        io.decode_samples(content / AUDIO / "primaire.mp3")
    result = cli("audio", "segmenter", "luis-manuel", "--niveau", "primaire", "--force")
    assert result.exit_code == 130
    assert "interrompu" in result.output and "ffmpeg" not in result.output


def test_ctrl_c_in_a_real_terminal_says_interrompu(content, tmp_path):
    """The whole process group gets SIGINT, as when a teacher presses Ctrl-C."""
    long = tmp_path / "long.wav"
    _sparse_wav(long, minutes=5)
    env = {**os.environ, "PYTHONPATH": str(REPO), "DICTEE_CONTENU": str(content)}
    process = subprocess.Popen(
        [sys.executable, "-m", "dictee.cli", "audio", "preparer", "luis-manuel", str(long),
         "--niveau", "primaire", "--force"], env=env, stderr=subprocess.PIPE,
        stdout=subprocess.PIPE, start_new_session=True, text=True)
    try:
        # Wait until ffmpeg runs (it is the child of our process), then press « Ctrl-C ».
        for _ in range(600):
            children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True,
                                      text=True).stdout.split()
            if children:
                break
            process.wait(timeout=0.05) if process.poll() is not None else None
            subprocess.run(["sleep", "0.05"])
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert "interrompu" in err and "ffmpeg" not in err and not _internals(err), err
    assert not [p.name for p in (content / AUDIO).iterdir() if p.name.startswith(".")]


def _sparse_wav(path: Path, *, minutes: float, rate: int = 44_100) -> Path:
    """A mono 16-bit WAV of `minutes` of silence; the file is sparse (no disk used)."""
    size = int(minutes * 60 * rate) * 2
    header = (b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt "
              + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
              + b"data" + struct.pack("<I", size))
    with open(path, "wb") as handle:
        handle.write(header)
        handle.truncate(len(header) + size)
    return path


def _peak_kb(content: Path, *args: str) -> tuple[subprocess.CompletedProcess, int]:
    """`dictee *args` run on `content`, and its peak memory in kB: that of the largest
    of its processes (ru_maxrss of the children is the largest single one), dictee's own
    or its ffmpeg's, not their sum."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "DICTEE_CONTENU": str(content)}
    # A fresh process between us and the command, so that its peak memory (and that of
    # its ffmpeg) is measured alone.
    measure = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode;"
               " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", measure, sys.executable, "-m", "dictee.cli",
                             *args], env=env, capture_output=True, text=True, timeout=300)
    return result, int(result.stdout.split()[-1])


def test_preparer_refuses_a_two_hour_file_without_decoding_it(content, tmp_path):
    long = _sparse_wav(tmp_path / "deux-heures.wav", minutes=120)
    result, peak_kb = _peak_kb(content, "audio", "preparer", "luis-manuel", str(long),
                               "--niveau", "primaire", "--force")
    assert result.returncode == 1
    said = plain(result.stderr)  # as written: « plausible\u00a0: »
    assert "durée peu plausible : plus de" in said and "deux-heures.wav" in said
    # Decoded whole, 2 h of 44.1 kHz samples would take 635 MB; a stream stays small.
    assert peak_kb < 250_000, peak_kb


@pytest.mark.parametrize("command", [
    ("verifier", "luis-manuel"),
    ("audio", "segmenter", "luis-manuel", "--niveau", "primaire", "--force"),
    ("kit", "luis-manuel", "--niveau", "primaire", "--sans-pdf"),
])
def test_a_two_hour_recording_put_in_audio_is_named_without_decoding_it(content, tmp_path,
                                                                        command):
    """A 2-hour file put in audio/ by hand: verifier, segmenter and kit name it as far too
    long, and stay small (they hear recordings at 44.1 kHz)."""
    for old in (content / AUDIO).glob("primaire.*"):
        if not old.name.endswith(".labels.txt"):
            old.unlink()
    _sparse_wav(content / AUDIO / "primaire.wav", minutes=120)
    extra = ("--sortie", str(tmp_path / "trousses")) if command[0] == "kit" else ()
    result, peak_kb = _peak_kb(content, *command, *extra)
    said = plain(result.stdout + result.stderr)
    assert "primaire.wav" in said and "durée peu plausible : plus de" in said, said
    assert "Traceback" not in said
    assert peak_kb < 250_000, peak_kb
    if command[0] != "verifier":
        assert result.returncode == 1


def test_a_file_measured_only_so_far_is_never_said_longer_than_measured():
    """Stopped at 11.5 min (115 words at 10 per minute), a file is « plus de 11 min »:
    rounded to the nearest minute it was « plus de 12 min », which nobody measured."""
    from dictee.audio import plausible

    longest = plausible.longest_plausible_ms(115)
    finding = plausible.length_problem(longest + 1, 115, at_least=True)
    assert finding is not None and "plus de 11\u00a0min" in finding.message, finding
