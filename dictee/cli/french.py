"""Typer speaks English; teachers read French. Its help titles and usage errors are
translated here, in one place, so no command has to care."""

from __future__ import annotations

import re
from collections.abc import Callable

from typer import rich_utils
from typer._click import core as _core  # Typer vendors click; its help option lives here

rich_utils.DEFAULT_STRING = "[par défaut : {}]"
rich_utils.ENVVAR_STRING = "[variable : {}]"
rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"
rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
rich_utils.OPTIONS_PANEL_TITLE = "Options"
rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
rich_utils.ERRORS_PANEL_TITLE = "Erreur"
rich_utils.ABORTED_TEXT = "Abandon."
rich_utils.RICH_HELP = "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide."

HELP_TEXT = "Affiche cette aide et quitte."
_original_help_option = _core.Command.get_help_option


def _french_help_option(self, ctx):
    option = _original_help_option(self, ctx)
    if option is not None:
        option.help = HELP_TEXT
    return option


_core.Command.get_help_option = _french_help_option  # type: ignore[method-assign]

_USAGE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"Missing argument '(.+?)'\.?", r"argument manquant : \1."),
    (r"Missing option '(.+?)'\.?", r"option obligatoire manquante : \1."),
    (r"No such option: (\S+)(?: Did you mean (\S+)\?)?",
     lambda m: f"option inconnue : {m.group(1)}."
     + (f" Vouliez-vous dire {m.group(2)} ?" if m.group(2) else "")),
    (r"No such command '(.+?)'\.", r"commande inconnue : « \1 »."),
    (r"Got unexpected extra arguments? \((.+)\)", r"argument(s) en trop : \1."),
    (r"Option '(.+?)' requires an argument\.", r"l'option \1 attend une valeur."),
    (r"Invalid value for '(.+?)': (.+)", r"valeur invalide pour \1 : \2"),
    (r"(.+) is not in the range (.+)\.", r"\1 n'est pas dans l'intervalle \2."),
    (r"'?(.+?)'? is not a valid (\w+)\.", r"« \1 » n'est pas un nombre valide."),
    (r"Input should be a valid (number|integer)[^\n]*", r"un nombre est attendu."),
    (r"Input should be less than or equal to (\S+)", r"la valeur doit être au plus \1."),
    (r"Input should be greater than or equal to (\S+)", r"la valeur doit être au moins \1."),
    (r" ?\(Possible options: (.+)\)", r" Options proches : \1."),
    (r" ?Did you mean '(.+?)'\?", r" Vouliez-vous dire « \1 » ?"),
]


def translate(message: str) -> str:
    """French for the usage errors Typer raises while reading the command line."""
    for pattern, replacement in _USAGE:
        message = re.sub(pattern, replacement, message)
    return message
