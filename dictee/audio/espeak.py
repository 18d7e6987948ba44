"""espeak-ng, the system's or the one in the espeakng-loader wheel: the one home of
where it is found and how it is started.

The aligner has the texts said by espeak-ng to place the boundaries a reader made
without a pause (refine.py, coarse.py); without it, they stay where the lengths of the
groups put them, a second or more off in a reading without pauses. A plain
`pip install` brings no espeak-ng program, so, as ffmpeg comes from the imageio-ffmpeg
wheel when none is on the PATH (io.ffmpeg), the program on the PATH is used when there
is one (apt-get install espeak-ng), and otherwise the library in the espeakng-loader
wheel (libespeak-ng 1.52 and its data; wheels for Linux x86-64 and ARM64, macOS and
Windows), run by this file as a program taking the same options:

    python -I -S espeak.py --library LIB --data DATA [-m] -v VOICE -s WORDS_PER_MINUTE
        -w OUT.wav (-f FILE | TEXT)

Callers need not know which one runs (`command`): each run is a process of its own in
both cases, several side by side (the library keeps global state: one text at a time in
a process). Run as a file, with neither site-packages nor the user's environment (-I -S:
only the standard library is imported, and no .pth file runs), it starts in ~50 ms
(~30 ms for Python itself, in a fresh virtual environment).
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import shutil
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, NoReturn

PROGRAM = "espeak-ng"
# libespeak-ng's API (speak_lib.h): output mode, text encoding and flags, parameter.
_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns when all is said
_UTF8, _SSML, _END_PAUSE = 0x1, 0x10, 0x1000  # espeakCHARS_UTF8, espeakSSML, espeakENDPAUSE
_RATE = 1  # espeakRATE, words per minute
_DONT_EXIT = 0x8000  # espeakINITIALIZE_DONT_EXIT: an error is returned, the process goes on
_POSITION_CHARACTER = 1  # POS_CHARACTER
WORD_EVENT = 1  # espeakEVENT_WORD


class Event(ctypes.Structure):
    """espeak_EVENT (speak_lib.h), as the callback receives it, in a list ended by type 0."""

    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(Event))


# What to do when there is none (synth.py, the CLI): the program, where a wheel is missing.
INSTALL_HINT = ("Installez le programme espeak-ng (Debian, Ubuntu : apt-get install espeak-ng ; "
                "macOS : brew install espeak-ng ; Windows : l'installateur de "
                "github.com/espeak-ng/espeak-ng).")


def command() -> list[str] | None:
    """The command line that starts espeak-ng, its options to follow: the program on the
    PATH, else this file run on the wheel's library; None when there is neither."""
    found = shutil.which(PROGRAM)
    if found:
        return [found]
    wheel = bundled()
    if wheel is not None:
        library, data = wheel
        return [sys.executable, "-I", "-S", str(Path(__file__).resolve()),
                "--library", library, "--data", data]
    return None


PROBE_TEXT = 'Bonjour<break time="100ms"/>à tous.'  # as the aligner has texts said: SSML
PROBE_TIMEOUT_S = 20.0  # a healthy espeak-ng says it in ~50 ms


class Problem(NamedTuple):
    """Why espeak-ng cannot say texts here, to follow « sans espeak-ng » in parentheses,
    and what to do about it: both in French. The reason may quote what espeak-ng said
    (its last line of errors, in its own words)."""

    reason: str
    hint: str


@functools.cache
def problem() -> Problem | None:
    """Why espeak-ng cannot say texts on this machine (Problem); None when it can.

    The aligner never stops on espeak-ng's failure: the boundaries it would have placed
    are only named to check (junctions.refined). This says why, for the user who then
    sees every join flagged: it says a short text as the aligner has texts said (SSML
    from a file, the synthetic voice and pace of refine.py) and keeps what the process
    said on failing. Asked once per process (~50 ms); never raises: a diagnosis must
    not fail the command it explains."""
    program = command()
    if program is None:
        return Problem("introuvable sur cet ordinateur", INSTALL_HINT)
    if program[0] == sys.executable:
        which = "la bibliothèque installée avec dictee"
        hint = ("Réinstallez-la (pip install --force-reinstall espeakng-loader), ou "
                + INSTALL_HINT[0].lower() + INSTALL_HINT[1:])
    else:
        which = "le programme"
        hint = ("Essayez-le dans un terminal : espeak-ng -v fr -w essai.wav \"Bonjour\" ; "
                "s'il échoue aussi, réinstallez-le (Debian, Ubuntu : apt-get install "
                "--reinstall espeak-ng espeak-ng-data).")
    try:
        reason = _probed(program, which)
    except OSError:  # the scratch folder itself: nothing to say about espeak-ng
        return None
    return None if reason is None else Problem(reason, hint)


def _probed(program: list[str], which: str) -> str | None:
    """Why `program` (`which`, named in French) fails to say PROBE_TEXT; None when not."""
    import subprocess

    from dictee.audio import pitch, refine
    from dictee.errors import system_message
    from dictee.scratch import scratch_folder
    from dictee.signals import run_group

    with scratch_folder("espeak") as folder:
        wav, source = folder / "essai.wav", folder / "essai.xml"
        source.write_text(f"<speak>{PROBE_TEXT}</speak>", encoding="utf-8")
        try:  # its own process group: a wrapper's children are stopped with it
            ran = run_group([*program, "-m", "-v", pitch.LOW_VOICE, "-s",
                             str(refine.WORDS_PER_MINUTE), "-w", str(wav), "-f", str(source)],
                            timeout=PROBE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"{which} ne répond pas, arrêté après {PROBE_TIMEOUT_S:.0f}\u00a0s"
        except OSError as error:
            return f"{which} ne démarre pas, {system_message(error)}"
        said = _last_line(ran.stderr)
        if ran.returncode < 0:
            return f"{which} s'est arrêté brutalement, signal {-ran.returncode}" + (
                f", message « {said} »" if said else "")
        if ran.returncode != 0:
            return f"{which} a échoué, code de sortie {ran.returncode}" + (
                f", message « {said} »" if said else "")
        try:
            with wave.open(str(wav), "rb") as out:
                if out.getnframes() == 0:
                    return f"{which} ne dit rien"
        except (OSError, EOFError, wave.Error):
            return f"{which} n'écrit pas de fichier WAV lisible"
    return None


def _last_line(output: bytes) -> str:
    """The last line a process wrote (UTF-8, an undecodable byte replaced), without the
    name it gives itself (« espeak-ng : »), at most 200 characters."""
    lines = output.decode("utf-8", "replace").strip().splitlines()
    last = lines[-1].strip() if lines else ""
    for name in (f"{PROGRAM} :", f"{PROGRAM}:"):
        last = last.removeprefix(name).strip()
    return last[:200]


@functools.cache
def bundled() -> tuple[str, str] | None:
    """The espeakng-loader wheel's library and its data folder, when the wheel is
    installed and the library loads on this machine; None otherwise."""
    try:
        import espeakng_loader  # type: ignore[import-untyped]

        library, data = espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
        ctypes.CDLL(library)
    except (ImportError, OSError, RuntimeError):
        return None
    return library, data


class Library:
    """libespeak-ng loaded in this process, saying texts in one voice at one pace.

    `library`: the path of the shared library, or a name ctypes finds (the system's);
    `data`: its espeak-ng-data folder, None for the library's own default. Load it once
    per process: the library keeps its state in globals."""

    def __init__(self, library: str, data: str | None, voice: str,
                 words_per_minute: int) -> None:
        self._lib = ctypes.CDLL(library)
        self._lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                                ctypes.c_int]
        self._lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self._lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        self._lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint,
                                           ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                           ctypes.c_void_p, ctypes.c_void_p]
        self.rate = int(self._lib.espeak_Initialize(  # Hz
            _SYNCHRONOUS, 0, None if data is None else data.encode(), _DONT_EXIT))
        if self.rate <= 0:
            raise OSError("libespeak-ng ne démarre pas avec les données "
                          + (data or "par défaut"))
        self._chunks: list[bytes] = []
        self._on_event: Callable[[Event], None] | None = None
        self._keep = _CALLBACK(self._receive)  # kept referenced, or ctypes frees it
        self._lib.espeak_SetSynthCallback(self._keep)
        if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise OSError(f"voix inconnue d'espeak-ng : {voice}")
        self._lib.espeak_SetParameter(_RATE, words_per_minute, 0)

    def _receive(self, wav: ctypes._Pointer, count: int, events: ctypes._Pointer) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        if self._on_event is not None:
            number = 0
            while events[number].type != 0:
                self._on_event(events[number])
                number += 1
        return 0  # go on

    def say(self, text: str, *, ssml: bool = False,
            on_event: Callable[[Event], None] | None = None) -> bytes:
        """`text` said: 16-bit mono samples at `rate` Hz, in the machine's byte order,
        with a pause at the end as the program makes; `on_event` is given each event
        (a word's start: WORD_EVENT, with its character from 1 and its sample)."""
        self._chunks, self._on_event = [], on_event
        data = text.encode("utf-8")
        flags = _UTF8 | _END_PAUSE | (_SSML if ssml else 0)
        error = self._lib.espeak_Synth(data, len(data) + 1, 0, _POSITION_CHARACTER, 0, flags,
                                       None, None)
        self._lib.espeak_Synchronize()
        if error != 0:
            raise OSError(f"espeak-ng n'a pas pu dire le texte (code {error})")
        return b"".join(self._chunks)


class _Parser(argparse.ArgumentParser):
    """Options in error: said in French, exit code 1 (the program's own usage errors)."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"espeak-ng : options incorrectes ({message})\n")


def main(argv: list[str] | None = None) -> int:
    """The options of the espeak-ng program that dictee uses, said by the library
    `--library` (its data in `--data`): what `command` starts when there is no program."""
    parser = _Parser(prog="espeak.py")
    parser.add_argument("--library", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("-m", dest="ssml", action="store_true")
    parser.add_argument("-v", dest="voice", default="fr")
    parser.add_argument("-s", dest="words_per_minute", type=int, default=175)
    parser.add_argument("-w", dest="wav", type=Path, required=True)
    parser.add_argument("-f", dest="file", type=Path)
    parser.add_argument("text", nargs="?")
    options = parser.parse_args(argv)
    try:
        text = options.file.read_text(encoding="utf-8") if options.file else options.text or ""
    except OSError:
        return _failed(f"fichier introuvable ou illisible : {options.file}")
    except UnicodeDecodeError:
        return _failed(f"{options.file} n'est pas en UTF-8")
    try:
        speaker = Library(options.library, options.data, options.voice,
                          options.words_per_minute)
        samples = speaker.say(text, ssml=options.ssml)
    except OSError as error:
        return _failed(str(error))
    if sys.byteorder == "big":  # a WAV file's samples are little-endian
        swapped = bytearray(samples)
        swapped[0::2], swapped[1::2] = samples[1::2], samples[0::2]
        samples = bytes(swapped)
    try:  # the file opened apart: wave.open(path) fails noisily when it cannot be
        with open(options.wav, "wb") as raw, wave.open(raw, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(speaker.rate)
            out.writeframes(samples)
    except OSError:
        options.wav.unlink(missing_ok=True)  # nothing half-written is left
        return _failed(f"impossible d'écrire {options.wav}")
    return 0


def _failed(message: str) -> int:
    print(f"espeak-ng : {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
