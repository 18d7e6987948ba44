"""Everything `dictee` prints on its own, in French: every command's help, and what it
says to the usual mistakes at the command line (no English from Typer, click or the
system)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer._click.exceptions import UsageError
from typer.main import get_command

from dictee.cli.app import app
from dictee.content.typography import NBSP, plain
from tests.french_spacing import plain_spaces

# Words of Typer's, click's and the system's English, none of which is French (« usage »
# is a French category: « Usage: » is looked for with its colon). Option names (--help)
# and file names are removed before looking.
ENGLISH = re.compile(
    r"\bUsage:|\b(missing|invalid|value|got|unexpected|extra|such|required|default|env|var|"
    r"error|aborted|show|help|this|message|exit|try|the|is|not|of|did|you|mean|requires|"
    r"range|bool|str|int|float|path|list|text|integer|boolean|file|directory|choose|from|"
    r"could|open|exists|permission|denied|command|args|expected|should|input|"
    r"greater|less|than|equal|possible options|no)\b", re.I)
NOT_WORDS = re.compile(r"--?[\w-]+|[\w./-]+\.(?:html|txt|md|csv|json|yaml|toml|mp3|wav|zip)\b"
                       r"|SHA256SUMS|DICTEE_\w+|\{[^}]*\}")


def english_in(text: str) -> list[str]:
    return [m.group(0) for m in ENGLISH.finditer(NOT_WORDS.sub(" ", text))]


def _commands(group, prefix: list[str]):
    yield prefix
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield from _commands(command, prefix + [name])


COMMANDS = [" ".join(path) for path in _commands(get_command(app), [])]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "dictee")
def test_every_help_is_in_french(cli, command):
    result = cli(*command.split(), "--help")
    assert result.exit_code == 0
    assert english_in(result.output) == [], result.output
    # A French number has a decimal comma: « 1.0 » in a default is an English number.
    assert re.findall(r"\d\.\d", NOT_WORDS.sub(" ", result.output)) == [], result.output
    assert f"Utilisation{NBSP}: dictee" in result.output
    assert "Affiche cette aide et quitte." in result.output
    # No-break spaces before « : » (« ; ! ? ») and inside « », as in the documents.
    assert plain_spaces(result.output) == [], result.output


def test_help_shows_french_types_and_ranges(cli):
    shown = cli("kit", "--help").output
    assert "<texte>" in shown and "<chemin>" in shown and "<nombre>" in shown
    assert "de 0,3 à 4" in shown and "de 1 à 20" in shown
    assert "0.3" not in shown and "4.0" not in shown
    assert "<bool>" not in shown


def _description(shown: str) -> list[list[str]]:
    """The paragraphs of a help above its panels, as the lines the terminal shows."""
    top = shown.split("╭")[0].splitlines()[3:]  # after « Utilisation : … »
    paragraphs, current = [], []
    for line in (*top, ""):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    return paragraphs


def test_help_examples_can_be_pasted(cli, monkeypatch):
    """Every example of the help, pasted into a shell, is read by dictee as meant: a value
    with a space is quoted (« --classe "6e B" »), so nothing is left over; and in an
    80-column terminal each example is whole on its line (« ou … » lines included)."""
    monkeypatch.setenv("COLUMNS", "80")
    examples = []
    for command in COMMANDS:
        for paragraph in _description(cli(*command.split(), "--help").output):
            if paragraph[0].startswith(f"Exemple{NBSP}: "):
                assert all(line.startswith("ou dictee ") for line in paragraph[1:]), \
                    f"{command} : un exemple coupé en deux lignes : {paragraph}"
                examples += [paragraph[0].removeprefix(f"Exemple{NBSP}: ")] + \
                    [line.removeprefix("ou ") for line in paragraph[1:]]
    assert len(examples) >= len(COMMANDS) - 2, "each command's help ends with an example"
    for example in examples:
        words = shlex.split(example)[1:]
        command = get_command(app)
        while words and words[0] in getattr(command, "commands", {}):
            command = command.commands[words.pop(0)]
        try:
            command.make_context("dictee", words)  # reads the line; runs nothing
        except UsageError as problem:
            raise AssertionError(f"{example} : {problem.format_message()}") from None


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "dictee")
def test_help_paragraphs_are_wrapped_by_the_terminal_alone(cli, monkeypatch, command):
    """In an 80-column terminal, a paragraph of a command's help fills each line before
    going to the next: the docstring's own line breaks (at 88 columns in the code) must
    not show as ragged lines (« … et texte de » / « chaque » / « groupe, … »)."""
    monkeypatch.setenv("COLUMNS", "80")
    for paragraph in _description(cli(*command.split(), "--help").output):
        if paragraph[0].startswith(f"Exemple{NBSP}: "):
            continue
        for line, following in zip(paragraph, paragraph[1:]):
            word = re.split(r"[^\S\u00a0\u202f]", following)[0]  # « «\u00a0Écrire » is one
            assert len(line) + 1 + len(word) > 78, (command, paragraph)


MISTAKES = [
    (["kit"], "argument manquant : cas."),
    (["kit", "luis-manuel", "--classe", "6e", "B"], "argument en trop : B."),
    (["kit", "luis-manuel", "--ecole", "École", "des", "Saules"], "arguments en trop"),
    (["kit", "luis-manuel", "--bogus"], "option inconnue : --bogus."),
    (["kit", "luis-manuel", "--niveau"], "l'option --niveau attend une valeur."),
    (["kit", "luis-manuel", "--pause", "vite"], "valeur invalide pour --pause : un nombre"),
    (["kit", "luis-manuel", "--pause", "9"], "valeur invalide pour --pause : 9 n'est pas entre "
                                             "0,3 et 4."),
    (["kit", "luis-manuel", "--pause", "0,1"], "0,1 n'est pas entre 0,3 et 4."),
    (["kit", "luis-manuel", "--ecoutes", "0"], "la valeur doit être au moins 1."),
    (["edition", "--jobs", "0"], "valeur invalide pour --jobs / -j"),
    (["cuisine"], "commande inconnue : « cuisine »."),
    (["audio", "couper"], "commande inconnue : « couper »."),
    (["--bogus"], "option inconnue : --bogus."),
    (["corriger"], "argument manquant"),
    (["corriger", "--cas", "luis-manuel", "--niveau", "primaire", "absente.txt"],
     "copie introuvable"),
    (["voir"], "argument manquant : cas."),
    (["voir", "personne"], "cas inconnu"),
    (["nouveau", "luis-manuel"], "existe déjà"),
    (["verifier", "personne"], "cas inconnu"),
]


@pytest.mark.parametrize("args,said", MISTAKES, ids=lambda a: " ".join(a)
                         if isinstance(a, list) else "")
def test_usual_mistakes_are_answered_in_french(cli, args, said):
    result = cli(*args)
    assert result.exit_code in (1, 2)
    assert said in plain(result.output), result.output
    assert plain_spaces(result.output) == [], result.output
    assert english_in(result.output) == [], result.output
    assert "Traceback" not in result.output


def test_a_system_error_is_said_in_french(cli, tmp_path):
    """« File exists », « Not a directory »: the system's English never reaches the user."""
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    result = cli("kit", "luis-manuel", "--sans-pdf", "--sans-audio", "--sortie",
                 str(blocker / "kits"))
    assert result.exit_code == 1
    assert "un élément du chemin est un fichier" in result.output
    assert english_in(result.output) == [], result.output


def test_a_decimal_option_takes_the_french_comma():
    from dictee.cli.options import french_number

    parse = french_number(0.3, 4.0)
    assert parse("1,5") == parse("1.5") == 1.5
    assert parse(" 2 ") == 2.0



def test_a_reader_that_stops_reading_gets_no_error():
    """`dictee kit --help | head -40`: head stops reading, and dictee must stop quietly,
    not print « impossible de continuer : erreur du système (code 32) » under head's
    lines. The pipe holds one page (4 KB, less than the help); once dictee is blocked
    writing to it (Linux's /proc shows the write call on its standard output), the
    reading end is closed: that write finds no reader, every time."""
    import os
    import platform
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    # The number of the write call in /proc/PID/syscall depends on the processor.
    write_call = {"x86_64": 1, "aarch64": 64, "arm64": 64, "riscv64": 64}.get(
        platform.machine())
    if not sys.platform.startswith("linux") or write_call is None:
        pytest.skip("l'appel système en cours se lit dans /proc (Linux, x86-64 ou ARM64)")
    import fcntl

    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    child = subprocess.Popen([sys.executable, "-m", "dictee.cli", "kit", "--help"],
                             stdout=write, stderr=subprocess.PIPE, cwd=REPO,
                             env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80"})
    os.close(write)
    calls = Path(f"/proc/{child.pid}/syscall")
    deadline = time.monotonic() + 60
    try:
        # write(1, …), waiting for room
        while not calls.read_text().startswith(f"{write_call} 0x1 "):
            assert child.poll() is None, \
                "the help fitted in the pipe: the test proves nothing"
            assert time.monotonic() < deadline, "dictee never waited to write its help"
            time.sleep(0.01)
    except BaseException:
        child.kill()  # blocked on a pipe nobody reads: it would wait forever
        os.close(read)
        child.communicate()
        raise
    os.close(read)
    _, said = child.communicate(timeout=60)
    assert said.decode() == ""
    assert child.returncode == 1
