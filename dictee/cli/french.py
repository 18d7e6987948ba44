"""Typer speaks English; teachers read French. Its help titles, type labels, usage line
and usage errors are translated here, in one place, so no command has to care.

Typer vendors click (typer._click); the few functions patched below are named where
they are patched. tests/test_cli_french.py drives every command's help and the usual
mistakes and fails on any English word, so an upgrade of Typer that moves them shows.
"""

from __future__ import annotations

import errno
import importlib.abc
import importlib.util
import os
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from typer import core as _typer_core
from typer._click import core as _core  # Typer vendors click; its help option lives here
from typer._click import formatting as _formatting

from dictee.content.typography import decimal
from dictee.errors import system_message

HELP_TEXT = "Affiche cette aide et quitte."
_original_help_option = _core.Command.get_help_option


def _french_help_option(self, ctx):
    option = _original_help_option(self, ctx)
    if option is not None:
        option.help = HELP_TEXT
    return option


_core.Command.get_help_option = _french_help_option  # type: ignore[method-assign]

# The type column of the help: « <texte> », « <nombre> »; nothing for an on/off switch.
_TYPES = {"str": "texte", "int": "entier", "float": "nombre", "path": "chemin",
          "file": "fichier", "directory": "dossier", "datetime": "date",
          "int range": "entier", "float range": "nombre", "list[str]": "texte"}
# Typer's own parameter class (0.29 and later: the floor in pyproject.toml) names the types.
_original_display_type = _typer_core._TyperParameter.display_type


def _french_display_type(self, ctx):  # type: ignore[no-untyped-def]
    if getattr(self, "is_bool_flag", False):
        return None
    label = _original_display_type(self, ctx)
    if label is None:
        return None
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
    if inner == "bool":
        return None
    return f"<{_TYPES.get(inner, inner)}>"


_typer_core._TyperParameter.display_type = _french_display_type  # type: ignore[method-assign]


def _range(low: float | None, high: float | None) -> str | None:
    """« de 1 à 4 », « au moins 1 », with French decimals (an option that takes a decimal
    uses `options.french_number`, which accepts the comma as well)."""
    if low is None and high is None:
        return None
    if low is None:
        return f"au plus {decimal(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"au moins {decimal(low)}"
    return f"de {decimal(low)} à {decimal(high)}"


_typer_core.describe_number_range = _range  # type: ignore[assignment]

# The usage line: « Utilisation : dictee kit [OPTIONS] {cas} ».
USAGE = "Utilisation : "
_original_write_usage = _formatting.HelpFormatter.write_usage


def _french_write_usage(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
    args = args.replace("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]…")
    return _original_write_usage(self, prog, args, USAGE if prefix is None else prefix)


_formatting.HelpFormatter.write_usage = _french_write_usage  # type: ignore[method-assign]


def _french_rich_utils(rich_utils: Any) -> None:  # typer.rich_utils
    """Typer's help panels and error box (typer.rich_utils), in French."""
    rich_utils.DEFAULT_STRING = "[par défaut : {}]"
    rich_utils.ENVVAR_STRING = "[variable : {}]"
    rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
    rich_utils.OPTIONS_PANEL_TITLE = "Options"
    rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
    rich_utils.ERRORS_PANEL_TITLE = "Erreur"
    rich_utils.ABORTED_TEXT = "Abandon."
    rich_utils.RICH_HELP = "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide."
    rich_utils.OptionHighlighter.highlights.append(rf"(?P<usage>{USAGE})")
    # Typer's help and error box are written by a console of its own: one that spaces
    # as French does (no-break spaces before : ; ! ?, inside « »), as the CLI's own.
    from dictee.cli.output import FrenchConsole

    rich_utils.Console = FrenchConsole


class _WhenImported(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Translates typer.rich_utils when Typer imports it, not before: it pulls in rich's
    Markdown and Pygments (about 0.1 s), and Typer needs it only to show help or a usage
    error, never to run a command."""

    NAME = "typer.rich_utils"

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != self.NAME:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        self._loader = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _french_rich_utils(module)


if _WhenImported.NAME in sys.modules:
    _french_rich_utils(sys.modules[_WhenImported.NAME])
else:
    sys.meta_path.insert(0, _WhenImported())

# What the system says, in English, inside a usage error (« Could not open file … »).
_STRERROR = {os.strerror(code): system_message(OSError(code, os.strerror(code)))
             for code in (errno.ENOENT, errno.EACCES, errno.EISDIR, errno.ENOTDIR,
                          errno.EEXIST, errno.EPERM, errno.ENOSPC, errno.EROFS)}

_USAGE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)",
     lambda m: f"argument{'s' if ' ' in m.group(1) else ''} en trop : {m.group(1)}. "
     "Une valeur qui contient des espaces s'écrit entre guillemets (--classe \"6e B\")."),
    (r"Missing argument '?(.+?)'?\.?$", r"argument manquant : \1."),
    (r"Missing command\.", r"commande manquante."),
    (r"Missing parameter: (\S+)", r"valeur manquante : \1."),
    (r"Could not open file '?(.+?)'?: (.+)", lambda m: f"impossible d'ouvrir « {m.group(1)} » : "
     + _STRERROR.get(m.group(2), m.group(2)) + "."),
    (r"Value '(.+?)' is not a valid (\w+)\.", r"« \1 » n'est pas une valeur valide."),
    (r"'(.+?)' is not one of (.+)\.", r"« \1 » n'est pas l'un des choix possibles : \2."),
    (r"Invalid value: (.+)", r"valeur invalide : \1"),
    (r"Missing option '(.+?)'\.?", r"option obligatoire manquante : \1."),
    (r"No such option: (\S+)(?: Did you mean (\S+)\?)?",
     lambda m: f"option inconnue : {m.group(1)}."
     + (f" Vouliez-vous dire {m.group(2)} ?" if m.group(2) else "")),
    (r"No such command '(.+?)'\.", r"commande inconnue : « \1 »."),
    (r"Option '(.+?)' requires an argument\.", r"l'option \1 attend une valeur."),
    (r"Invalid value for (.+?): (.+)",
     lambda m: f"valeur invalide pour {m.group(1).replace(chr(39), '')} : {m.group(2)}"),
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
