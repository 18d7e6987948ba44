"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Contenu = Annotated[
    Path | None,
    typer.Option(
        "--contenu",
        envvar="DICTEE_CONTENU",
        help="Dossier de contenu (texts/, audio/, templates/). Par défaut : le contenu intégré.",
        show_default=False,
    ),
]

Niveau = Annotated[
    str | None,
    typer.Option("--niveau", "-n", help="primaire ou secondaire (par défaut : tous les niveaux).",
                 show_default=False),
]

# One definition for `corriger`, `kit` and `edition`: the same names, the same file format,
# the same checks (dictee.grading.scale.choose_scale), so the guide, the pages and the
# grading of typed copies agree.
Bareme = Annotated[
    str | None,
    typer.Option(
        "--bareme",
        help="Barème : un barème fourni (demi-faute, faute-entiere, quebec-erreur-repetee, "
             "plafond-au-choix) ou un fichier TOML (voir docs/correction.md). Par défaut : "
             "demi-faute.",
        show_default=False,
    ),
]


def french_number(low: float, high: float):  # type: ignore[no-untyped-def]
    """A parser for a decimal option that takes « 1,5 » as well as « 1.5 », since French
    writes a decimal comma, and refuses a value outside [low, high] in French."""
    from dictee.content.typography import decimal

    def parse(value: str) -> float:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise typer.BadParameter(f"un nombre (par exemple 1,5), pas « {value} ».") from None
        if not low <= number <= high:
            raise typer.BadParameter(
                f"{decimal(number)} n'est pas entre {decimal(low)} et {decimal(high)}.")
        return number

    parse.__name__ = "nombre"
    return parse
