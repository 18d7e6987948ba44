"""Read YAML and remember where each value stands, so errors can name a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dictee.errors import CaseError

Location = tuple[str | int, ...]


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


def load_yaml(text: str, path: Path, *, offset: int = 0) -> tuple[Any, dict[Location, int]]:
    """Parse `text` (read from `path`, starting `offset` lines in) into data and line numbers."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + offset if mark else None
        problem = getattr(error, "problem", None) or str(error)
        hint = "Vérifiez l'indentation et les deux-points."
        if "mapping values are not allowed" in problem:
            hint = ("Une valeur contient « : » : mettez-la entre guillemets, "
                    "par exemple  evenement: \"Procès : cinq ans\".")
        raise CaseError(f"YAML illisible ({problem})", path=path, line=line, hint=hint) from error
    lines: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), lines, offset)
    return data, lines


def line_of(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of `loc`, or of its closest parent that has one."""
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())
