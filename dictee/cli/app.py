"""The Typer app, and the single place where errors become messages and exit codes."""

from __future__ import annotations

import gc
import importlib
import inspect
import os
from collections.abc import Iterator, MutableMapping

import typer
from typer import main as _typer_main
from typer._click import Command
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from dictee import __version__, signals
from dictee.cli.french import translate
from dictee.errors import DicteeError, os_error

# Each command: the module of dictee.cli that defines it, and its function (or, for a
# group of commands, its Typer app), in the order `dictee --help` lists them. A module is
# imported, and Typer reads its parameters, only when its command runs (or for the help
# that lists them all): `dictee corriger` need not read the other commands' signatures.
COMMANDS = {
    "kit": ("kit", "kit"),
    "cas": ("cas", "lister"),
    "voir": ("cas", "voir"),
    "nouveau": ("edition", "nouveau"),
    "verifier": ("edition", "verifier"),
    "edition": ("edition", "edition"),
    "corriger": ("corriger", "corriger"),
    "audio": ("audio", "app"),
}


def _command(name: str) -> Command:
    """The click command of `name`, built by Typer as if registered on the app itself
    (same markup mode, same settings)."""
    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(f"dictee.cli.{module}"), attribute)
    holder = typer.Typer(rich_markup_mode="rich", add_completion=False)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, cls=_StartedGroup)
    else:
        holder.command(name, cls=_StartedCommand)(target)
    built = _typer_main.get_group(holder).commands[name]
    for command in _tree(built):
        command.help = one_line_paragraphs(command.help)
    return built


def _tree(command: Command) -> Iterator[Command]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _tree(sub)


def one_line_paragraphs(text: str | None) -> str | None:
    """A command's docstring with each paragraph on one line, for the terminal to wrap.

    Typer's rich mode keeps the docstring's line breaks, and the terminal wraps each of
    those lines again: a paragraph wrapped at 88 columns in the code came out ragged in
    an 80-column terminal (« … et texte de » / « chaque » / « groupe, … »). An example
    paragraph (« Exemple : … », then « ou … » lines) keeps one command per line.
    """
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("Exemple") else " ".join(p.split("\n"))
                        for p in paragraphs)


def _started() -> None:
    """A command's own work begins. What was imported to get here (typer, pydantic, rich,
    the command's module) lives as long as the process: main() kept the garbage collector
    off while it was imported, for it would have searched those objects for garbage
    again and again (some 30 000 of them, about 20 ms of processor, then a full search
    during the work). They are frozen (left out of every later search) and the collector
    is on again for the work. Run inside the tests, the collector was never off: nothing
    to do."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class _StartedCommand(TyperCommand):
    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        _started()
        return super().invoke(ctx)


class _StartedGroup(TyperGroup):
    """A group of commands (`dictee audio`): its work begins once its options are read."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        _started()
        return super().invoke(ctx)


class _Commands(MutableMapping[str, Command]):
    """The app's commands, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self._built if name not in COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


class _FrenchErrors(TyperGroup):
    """Runs every command; turns a DicteeError into a French message and exit code,
    so the tests' CliRunner and the real console behave the same."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.commands = _Commands()

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except DicteeError as problem:
            if signals.interrupted():  # e.g. ffmpeg stopped by the same Ctrl-C
                _stopped(ctx)
            error(problem.describe(), problem.locations())
            ctx.exit(problem.exit_code)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM once main() has run
            _stopped(ctx)
        except TyperException as usage:
            _in_french(usage)
            raise
        except (Exit, Abort):
            raise
        except BrokenPipeError:  # the reader stopped (`dictee kit --help | head`): Typer's
            raise  # main then exits with 1 and says nothing, as click tools do
        except OSError as problem:
            described = os_error(problem, "continuer")
            error(described.describe(), described.locations())
            ctx.exit(1)
        except Exception:  # the last net: no traceback for teachers
            if os.environ.get("DICTEE_DEBUG"):
                raise
            error("erreur inattendue. Relancez avec DICTEE_DEBUG=1 pour voir les détails, "
                  "et signalez-la à l'équipe dictee.")
            ctx.exit(70)


def error(message: str, names: list[str] | None = None) -> None:
    """output.error, imported when there is an error to show."""
    from dictee.cli.output import error as show

    show(message, names or [])


def _stopped(ctx) -> None:  # type: ignore[no-untyped-def]
    error("interrompu. Aucun fichier à moitié écrit n'a été laissé.")
    ctx.exit(130)


app = typer.Typer(
    name="dictee",
    cls=_FrenchErrors,
    help="Trousses de dictée pour la campagne « Écrire, ça libère » d'Amnistie internationale.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)



def _version(value: bool) -> None:
    if value:
        from dictee.cli.output import out

        out.print(f"dictee {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Affiche la version et quitte."),
) -> None:
    """Trousses de dictée pour la campagne « Écrire, ça libère »."""


def main() -> None:
    signals.stop_cleanly()  # SIGTERM, like Ctrl-C, removes temporary folders on its way out
    gc.disable()  # until the command's work begins (_started)
    try:
        app()
    finally:
        # The process ends with the command. Python's shutdown would then search every
        # object still alive for garbage (some 45 000 once typer, pydantic, numpy and
        # rich are imported): about 0.1 s of processor for a class of 30 copies, to free
        # memory the system takes back anyway. Frozen objects are left out of that
        # search; the shutdown still runs the atexit functions, closes what is left and
        # flushes the output.
        gc.freeze()


def _parse_args_in_french(self, ctx, args):
    try:
        return TyperGroup.parse_args(self, ctx, args)
    except TyperException as usage:
        _in_french(usage)
        raise


def _in_french(usage: TyperException) -> None:
    english = usage.format_message
    usage.format_message = lambda: translate(english())  # type: ignore[method-assign]


_FrenchErrors.parse_args = _parse_args_in_french  # type: ignore[method-assign] # errors in the group's own options
