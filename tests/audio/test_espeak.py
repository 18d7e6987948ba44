"""espeak-ng from the espeakng-loader wheel when no program is installed (espeak.py): what
a plain `pip install` gets, on a machine without `apt-get install espeak-ng`."""

from __future__ import annotations

import subprocess
import sys
import wave

import numpy as np
import pytest

from dictee.audio import align, espeak, pitch, refine, synth
from tests.audio import readings
from tests.audio.test_align import WITH_NUMBERS, errors

pytestmark = pytest.mark.skipif(espeak.bundled() is None,
                                reason="the espeakng-loader wheel is not installed here")


@pytest.fixture
def no_program(monkeypatch):
    """No espeak-ng program on the PATH: the wheel's library must say the texts."""
    which = espeak.shutil.which
    monkeypatch.setattr(espeak.shutil, "which",
                        lambda name: None if name == espeak.PROGRAM else which(name))


def _seconds(path) -> float:
    with wave.open(str(path), "rb") as file:
        return file.getnframes() / file.getframerate()


def test_without_the_program_the_wheel_is_run(no_program):
    """The wheel's library, said by espeak.py run as a file on the standard library alone."""
    library, data = espeak.bundled()
    assert espeak.command() == [sys.executable, "-I", "-S", espeak.__file__,
                                "--library", library, "--data", data]


def test_texts_said_by_the_wheel_are_cut_apart(no_program):
    """As with the program (test_align.test_texts_said_in_one_call_are_cut_apart): the
    texts said in one process with SSML breaks, each found again with its length."""
    texts = ["Chaque matin, la boulangère", "ouvre sa boutique", "Entre 2000 et 2020 & <après>"]
    said = synth.said(texts, pitch.LOW_VOICE, refine.WORDS_PER_MINUTE)
    assert said is not None and len(said.spans) == 3 and said.rate == 22050
    seconds = [len(said.piece(k)) / said.rate for k in range(3)]
    assert 1.0 < seconds[0] < 3.0 and 0.5 < seconds[1] < 2.0 and seconds[2] > seconds[1]


def test_the_wheel_says_a_text_as_long_as_the_program(tmp_path):
    """The same options give the same speech: the wheel's libespeak-ng (1.52) and the
    program (Debian's 1.51) say a sentence in lengths within 3 % of each other."""
    if espeak.shutil.which(espeak.PROGRAM) is None:
        pytest.skip("no espeak-ng program to compare with")
    text = "Luis Manuel Otero Alcántara est un artiste de La Havane, arrêté en 2021."
    lengths = []
    for program, name in (([espeak.PROGRAM], "program"), (_wheel(), "wheel")):
        wav = tmp_path / f"{name}.wav"
        subprocess.run([*program, "-v", "fr+m3", "-s", "135", "-w", str(wav), text],
                       check=True, capture_output=True)
        lengths.append(_seconds(wav))
    assert 3.0 < lengths[0] < 8.0
    assert abs(lengths[1] - lengths[0]) <= 0.03 * lengths[0], lengths


def test_a_reading_without_pauses_is_placed_through_the_wheel(no_program):
    """After a plain pip install, a reading with no pause between its groups is placed
    as precisely as with the program: every boundary within 150 ms, none left to check
    (without any espeak-ng, every one would be: test_align)."""
    reading = readings.build(WITH_NUMBERS, seed=3,
                             condition=readings.CONDITIONS["lecture continue"])
    spans = align.align(reading.samples, readings.RATE, [t for _, t in WITH_NUMBERS])
    assert errors(spans, reading.truth).max() <= 150
    assert not any(span.doubt for span in spans)


def _wheel() -> list[str]:
    """What espeak.command starts when there is no program."""
    library, data = espeak.bundled()
    return [sys.executable, "-I", "-S", espeak.__file__, "--library", library, "--data", data]


def _run(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_wheel(), *options], capture_output=True, text=True, timeout=60)


def test_run_as_a_program_it_writes_the_text_said(tmp_path):
    wav = tmp_path / "dit.wav"
    done = _run("-v", "fr", "-s", "135", "-w", str(wav), "Bonjour à toute la classe.")
    assert done.returncode == 0, done.stderr
    assert 1.0 < _seconds(wav) < 4.0
    with wave.open(str(wav), "rb") as file:
        samples = np.frombuffer(file.readframes(file.getnframes()), "<i2")
    assert np.abs(samples.astype(np.int32)).max() > 3000  # speech, not silence


@pytest.mark.parametrize("case, said", [
    ("voix", "voix inconnue d'espeak-ng : zz-inconnue"),
    ("fichier absent", "fichier introuvable ou illisible"),
    ("fichier pas en UTF-8", "n'est pas en UTF-8"),
    ("dossier absent", "impossible d'écrire"),
    ("options", "options incorrectes"),
])
def test_run_as_a_program_it_refuses_bad_input_in_french(tmp_path, case, said):
    """What it is given wrong is said in French, exit code 1, no traceback, no file."""
    wav = tmp_path / "dit.wav"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Élève".encode("latin-1"))
    options = {
        "voix": ["-v", "zz-inconnue", "-w", str(wav), "Bonjour."],
        "fichier absent": ["-w", str(wav), "-f", str(tmp_path / "absent.xml")],
        "fichier pas en UTF-8": ["-w", str(wav), "-f", str(latin)],
        "dossier absent": ["-w", str(tmp_path / "absent" / "dit.wav"), "Bonjour."],
        "options": ["-s", "vite", "-w", str(wav), "Bonjour."],
    }[case]
    done = _run(*options)
    assert done.returncode == 1 and said in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert not wav.exists() and not (tmp_path / "absent").exists()
