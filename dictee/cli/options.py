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
