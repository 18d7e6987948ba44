"""The Typer app, and the single place where errors become messages and exit codes."""

from __future__ import annotations

import os

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from dictee import __version__, signals
from dictee.cli import audio, cas, corriger, edition, kit
from dictee.cli.french import translate
from dictee.cli.output import error, out
from dictee.errors import DicteeError, os_error


class _FrenchErrors(TyperGroup):
    """Runs every command; turns a DicteeError into a French message and exit code,
    so the tests' CliRunner and the real console behave the same."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except DicteeError as problem:
            if signals.interrupted():  # e.g. ffmpeg stopped by the same Ctrl-C
                _stopped(ctx)
            error(problem.describe())
            ctx.exit(problem.exit_code)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM once main() has run
            _stopped(ctx)
        except TyperException as usage:
            _in_french(usage)
            raise
        except (Exit, Abort):
            raise
        except OSError as problem:
            error(os_error(problem, "continuer").describe())
            ctx.exit(1)
        except Exception:  # the last net: no traceback for teachers
            if os.environ.get("DICTEE_DEBUG"):
                raise
            error("erreur inattendue. Relancez avec DICTEE_DEBUG=1 pour voir les détails, "
                  "et signalez-la à l'équipe dictee.")
            ctx.exit(70)


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

app.command("kit")(kit.kit)
app.command("cas")(cas.lister)
app.command("voir")(cas.voir)
app.command("nouveau")(edition.nouveau)
app.command("verifier")(edition.verifier)
app.command("edition")(edition.edition)
app.command("corriger")(corriger.corriger)
app.add_typer(audio.app, name="audio")


def _version(value: bool) -> None:
    if value:
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
    app()


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
