"""Read YAML and remember where each value stands, so errors can name a line.

Case files are written by hand and sometimes come from elsewhere, so the loader
is stricter than YAML: an alias (`*nom`) is refused, since a few hundred bytes
of nested aliases expand into gigabytes for whoever walks the data; a key
written twice is refused with both lines, where YAML would silently keep the
last one. The file is parsed once, node by node, in memory proportional to its
size. Parser messages are given in French.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from dictee.errors import CaseError

Location = tuple[str | int, ...]


class _Refused(yaml.YAMLError):
    """A rule of ours broken while composing: French message, line in the file."""

    def __init__(self, message: str, line: int, hint: str) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


class CaseLoader(yaml.SafeLoader):
    """SafeLoader without aliases and without duplicate keys."""

    offset = 0  # lines before the text given (a front matter's opening ---)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(
                f"alias YAML « *{event.anchor} » refusé",
                event.start_mark.line + 1 + self.offset,
                "Un fichier de cas n'utilise ni alias (*nom) ni ancre (&nom) : recopiez "
                "la valeur à chaque endroit où elle sert.")
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1 + self.offset
            if key.value in seen:
                raise _Refused(
                    f"champ « {key.value} » en double (lignes {seen[key.value]} et {line})",
                    line, f"Gardez une seule ligne « {key.value}: » ; sinon la seconde "
                          "remplacerait la première sans prévenir.")
            seen[key.value] = line
        return node


# PyYAML's problems, in French; the first pattern that matches wins.
_PROBLEMS = (
    (r"mapping values are not allowed", "deux-points inattendu",
     "Une valeur contient « : » : mettez-la entre guillemets, "
     "par exemple  evenement: \"Procès : cinq ans\"."),
    (r"found character '\\t'", "tabulation dans l'indentation",
     "Indentez avec des espaces, jamais avec la touche Tab."),
    (r"found character '(.)' that cannot start", "caractère « {0} » interdit en début de valeur",
     "Mettez la valeur entre guillemets."),
    (r"unexpected end of stream", "guillemet ouvert mais jamais fermé",
     "Fermez le guillemet à la fin de la valeur."),
    (r"could not find expected ':'", "deux-points manquant après un nom de champ",
     "Chaque ligne s'écrit « nom: valeur »."),
    (r"expected <block end>", "indentation incohérente",
     "Alignez les champs d'un même bloc sur la même colonne, avec des espaces."),
    (r"expected ',' or '[\]}]'", "liste ou bloc entre crochets non fermé",
     "Fermez le crochet ] ou l'accolade }."),
    (r"duplicate anchor", "ancre YAML en double",
     "Un fichier de cas n'utilise ni alias (*nom) ni ancre (&nom)."),
    (r"unhashable key", "nom de champ invalide", "Un nom de champ est un simple mot."),
    (r"undefined alias", "alias YAML refusé",
     "Un fichier de cas n'utilise ni alias (*nom) ni ancre (&nom)."),
)


def _french(error: yaml.YAMLError) -> tuple[str, str]:
    problem = str(getattr(error, "problem", None) or error)
    for pattern, message, hint in _PROBLEMS:
        found = re.search(pattern, problem)
        if found:
            return message.format(*found.groups()), hint
    return "syntaxe incorrecte", "Vérifiez l'indentation, les deux-points et les guillemets."


def load_yaml(text: str, path: Path, *, offset: int = 0) -> tuple[Any, dict[Location, int]]:
    """Parse `text` (read from `path`, starting `offset` lines in) into data and line numbers."""
    loader = CaseLoader(text)
    loader.offset = offset
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as error:
        raise CaseError(error.message, path=path, line=error.line,
                        hint=error.hint) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 + offset if mark else None
        message, hint = _french(error)
        raise CaseError(f"YAML illisible : {message}", path=path, line=line,
                        hint=hint) from error
    except RecursionError as error:
        raise CaseError("YAML illisible : blocs imbriqués trop profondément", path=path,
                        hint="Un fichier de cas a quelques niveaux de blocs, pas des "
                             "centaines.") from error
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), lines, offset)
    return data, lines


def _lines(node: yaml.Node, path: Location, out: dict[Location, int], offset: int) -> None:
    out[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            out[child] = key.start_mark.line + 1 + offset
            _lines(value, child, out, offset)
            out[child] = key.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, path + (index,), out, offset)


def line_of(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of `loc`, or of its closest parent that has one."""
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())
