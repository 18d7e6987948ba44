"""`dictee corriger`: correct the pupils' typed copies and score them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dictee.cli.options import Contenu
from dictee.cli.output import info, out
from dictee.content.typography import decimal

_SHOWN = 200  # errors listed per copy in the terminal; --json gives them all

_LABELS = {  # short column titles: the class summary must fit a terminal
    "mot": "mot", "homophone": "homo.", "grammaire": "gram.", "accent": "acc.",
    "ponctuation-majuscule": "ponct.", "usage": "usage",
}


def _shown(token: str) -> str:
    return escape(token.replace("'", "\u2019")) if token else "[dim]—[/]"


def _number(value: int | float) -> str:
    return decimal(value)


def _report(name: str, correction) -> None:
    from dictee.grading import CATEGORIES

    count = len(correction.errors)
    out.print()
    out.rule(f"[bold]{escape(name)}[/]", align="left")
    if count:
        table = Table(show_edge=False, pad_edge=False)
        for column in ("Rang", "Attendu", "Écrit", "Catégorie"):
            table.add_column(column)
        for error in correction.errors[:_SHOWN]:
            table.add_row(str(error.position + 1), _shown(error.expected),
                          _shown(error.written), error.category)
        out.print(table)
        if count > _SHOWN:
            out.print(f"… et {count - _SHOWN} autres erreurs (--json les donne toutes).")
        detail = ", ".join(f"{c} : {n}" for c in CATEGORIES if (n := correction.counts[c]))
        out.print(f"{count} erreur{'s' if count > 1 else ''} ({detail})")
    else:
        out.print("[green]Aucune erreur.[/]")
    out.print(f"Points retirés : {_number(correction.points)} — note : "
              f"[bold]{_number(correction.note)}[/] / {_number(correction.total)}")


def _summary(results) -> None:
    from dictee.grading import CATEGORIES

    table = Table(title="Bilan de la classe", title_justify="left")
    table.add_column("Copie")
    table.add_column("Erreurs", justify="right")
    for category in CATEGORIES:
        table.add_column(_LABELS[category], justify="right")
    table.add_column(f"Note /{_number(results[0][1].total)}", justify="right")
    for name, correction in results:
        counts = correction.counts
        table.add_row(escape(name), str(len(correction.errors)),
                      *(str(counts[c]) for c in CATEGORIES),
                      _number(correction.note))
    out.print()
    out.print(table)
    if len(results) > 1:
        from dictee.grading.scale import number

        mean = round(100 * sum(c.note for _, c in results) / len(results))
        out.print(f"Moyenne de la classe : {_number(number(mean))} / "
                  f"{_number(results[0][1].total)}")


def corriger(
    copies: Annotated[list[str], typer.Argument(
        help="Copies : fichiers texte, dossiers (chaque .txt) ou « - » pour l'entrée "
             "standard. UTF-8, ou UTF-16 avec BOM.", metavar="COPIE",
        show_default=False)],
    cas: Annotated[str | None, typer.Option(
        "--cas", help="Cas dont on corrige la dictée, par exemple luis-manuel.",
        show_default=False)] = None,
    niveau: Annotated[str | None, typer.Option(
        "--niveau", "-n", help="primaire ou secondaire (obligatoire si le cas a deux niveaux).",
        show_default=False)] = None,
    texte: Annotated[Path | None, typer.Option(
        "--texte", help="Fichier du texte attendu, à la place de --cas.",
        show_default=False)] = None,
    en_json: Annotated[bool, typer.Option(
        "--json", help="Écrit le résultat en JSON sur la sortie standard, et rien d'autre.")
    ] = False,
    csv: Annotated[Path | None, typer.Option(
        "--csv", help="Écrit une ligne par copie dans ce fichier (tableur, séparateur "
                      "point-virgule).",
        show_default=False)] = None,
    bareme: Annotated[Path | None, typer.Option(
        "--bareme", help="Barème TOML : poids de chaque catégorie et total (voir "
                         "docs/correction.md).", show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Remplace le fichier --csv s'il existe.")] = False,
    contenu: Contenu = None,
) -> None:
    """Corrige les copies tapées par les élèves : chaque erreur, sa catégorie, la note.

    Catégories : mot, homophone, grammaire, accent, ponctuation-majuscule, usage.

    Barème par défaut : 1 point par erreur, 0,5 pour accent et ponctuation-majuscule, sur 20.

    Exemple : [bold]dictee corriger --cas luis-manuel --niveau primaire copies/ --csv notes.csv[/]
    """
    from dictee.errors import GradingError
    from dictee.grading import Scale, load_scale
    from dictee.grading.copies import case_text, collect, expected_file
    from dictee.grading.correction import correct

    if (cas is None) == (texte is None):
        raise GradingError("indiquez le texte attendu : --cas CAS ou --texte FICHIER "
                           "(l'un ou l'autre)",
                           hint="Exemple : dictee corriger --cas luis-manuel --niveau "
                                "primaire copie.txt")
    if texte is not None and niveau is not None:
        raise GradingError("--niveau s'emploie avec --cas, pas avec --texte")
    if cas is not None:
        from dictee.content.loader import ContentRoot

        expected, label = case_text(ContentRoot.choose(contenu), cas, niveau)
    else:
        assert texte is not None
        expected, label = expected_file(texte), str(texte)
    if csv is not None:
        from dictee.grading.export import check_writable

        check_writable(csv, force=force)
    scale = load_scale(bareme) if bareme else Scale.default()
    found = collect(copies, lambda: sys.stdin.buffer.read())
    results = [(copy.name, correct(expected, copy.text, scale)) for copy in found]
    if csv is not None:
        from dictee.grading.export import write_csv

        write_csv(results, csv, force=force)
    if en_json:
        data = [correction.as_json(name) for name, correction in results]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    else:
        out.print(f"Texte attendu : {escape(label)}")
        for name, correction in results:
            _report(name, correction)
        _summary(results)
    if csv is not None:
        info(f"Tableau des notes écrit : {csv}")
