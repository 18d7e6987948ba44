"""`dictee nouveau`, `dictee verifier`, `dictee edition`: preparing a whole campaign year."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from dictee.cli.options import Bareme, Contenu
from dictee.cli.output import err, info, marked, named, out
from dictee.content.typography import decimal


def _writable_root(contenu: Path | None):
    """The content folder new cases go to; never the copy installed inside the package."""
    from dictee.content.loader import ContentRoot
    from dictee.errors import CaseError

    if contenu is not None:
        return ContentRoot(Path(contenu).expanduser())  # a new folder is welcome here
    root = ContentRoot.choose(None)
    if root.path.name == "_contenu":
        raise CaseError("le contenu intégré à l'installation ne se modifie pas",
                        hint="Indiquez votre propre dossier de contenu : "
                             "dictee nouveau CAS --contenu MON-DOSSIER")
    return root


def nouveau(
    cas: Annotated[str, typer.Argument(help="Identifiant du nouveau cas, par exemple "
                                            "jean-dupont (minuscules, chiffres, tirets).")],
    edition: Annotated[str | None, typer.Option(
        "--edition", "-e", help="Édition de la campagne, par exemple 2022-2023 (par défaut : "
                                "l'année scolaire en cours).", show_default=False)] = None,
    contenu: Contenu = None,
) -> None:
    """Crée un nouveau cas : la fiche cas.yaml, chaque champ expliqué, et un texte vide par niveau.

    Ne modifie jamais un cas existant.

    Exemple : [bold]dictee nouveau jean-dupont --edition 2023-2024[/]
    """
    from dictee.content.scaffold import new_case

    root = _writable_root(contenu)
    files = new_case(root.texts, cas, edition)
    out.print(Text.assemble(("Cas créé :", "green"), " ", named(files[0].parent)))
    for path in files:
        out.print(Text.assemble("  • ", named(path.name)))
    info(f"Remplissez ces fichiers, ajoutez les enregistrements dans audio/{cas}/, "
         f"puis lancez : dictee verifier {cas}")


def verifier(
    cas: Annotated[list[str] | None, typer.Argument(
        help="Cas à vérifier (par défaut : tous).", show_default=False)] = None,
    en_json: Annotated[bool, typer.Option(
        "--json", help="Écrit le rapport en JSON sur la sortie standard.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Échoue aussi s'il y a des avertissements.")] = False,
    contenu: Contenu = None,
) -> None:
    """Vérifie les cas et signale tous les problèmes d'un coup, avec fichier et ligne.

    Schéma, typographie, longueur du texte, groupes de sens, mots du tableau, du glossaire et
    de la grammaire, enregistrement, étiquettes, lettre, sources. Code de sortie 1 s'il y a
    une erreur.

    Exemple : [bold]dictee verifier sasha dorgelesse[/]
    """
    from dictee.content.checks import check_content
    from dictee.content.loader import ContentRoot

    root = ContentRoot.choose(contenu)
    if en_json:
        report = check_content(root, cas)
        typer.echo(json.dumps(report.as_dict(strict=strict), ensure_ascii=False, indent=2))
    else:
        with err.status("Vérification…") as status:
            report = check_content(root, cas, progress=lambda s: status.update(
                f"Vérification de {s}…"))
        _print_report(report)
    if report.failed(strict=strict):
        raise typer.Exit(1)


def _print_report(report) -> None:
    from dictee.content.problem import ERROR, INFO

    by_case: dict[str | None, list] = {}
    for problem in report.problems:
        by_case.setdefault(problem.case, []).append(problem)
    for slug in [None, *report.cases, *(k for k in by_case if k not in report.cases)]:
        problems = by_case.pop(slug, [])
        if slug is not None and slug in report.cases:
            errors = sum(p.severity == ERROR for p in problems)
            warned = any(p.severity != INFO for p in problems)
            mark = ("✗", "red") if errors else (("!", "yellow") if warned else ("✓", "green"))
            out.print(Text.assemble(mark, " ", named(slug, "bold")))  # its folder's name
        for problem in problems:
            colour, word = {ERROR: ("red", "erreur"), INFO: ("cyan", "information")}.get(
                problem.severity, ("yellow", "avertissement"))
            out.print(Text.assemble("  ", (word, colour), " ", named(problem.where(report.root)),
                                    " ", (f"({problem.category})", "dim"),
                                    " : ", marked(problem.message, problem.names)),
                      soft_wrap=True)
            if problem.hint:
                out.print(Text.assemble("      → ", marked(problem.hint, problem.names)),
                          soft_wrap=True)
        if slug in report.partial:
            out.print("      [dim]Les autres vérifications de ce cas reprendront une fois ces "
                      "erreurs corrigées.[/]")
    n_err, n_warn = len(report.errors), len(report.warnings)
    summary = (f"{len(report.cases)} cas vérifié{'s' if len(report.cases) > 1 else ''} : "
               f"{n_err} erreur{'s' if n_err > 1 else ''}, "
               f"{n_warn} avertissement{'s' if n_warn > 1 else ''}.")
    out.print()
    out.print(f"[{'red' if n_err else 'green'}]{summary}[/]")


def edition(
    nom: Annotated[str | None, typer.Argument(
        metavar="EDITION", help="Édition à construire, par exemple 2022-2023 (par défaut : "
                                  "la plus récente).", show_default=False)] = None,
    sortie: Annotated[Path | None, typer.Option(
        "--sortie", "-o", help="Dossier de l'édition (par défaut : kits/EDITION). Les trousses "
                               "périmées y sont remplacées.", show_default=False)] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Nombre de trousses construites en même temps (par "
                                    "défaut : le nombre de cœurs).", show_default=False)] = None,
    sans_pdf: Annotated[bool, typer.Option(
        "--sans-pdf", help="Ne produit que les fichiers Word.")] = False,
    sans_audio: Annotated[bool, typer.Option(
        "--sans-audio", help="Construit les trousses sans les enregistrements.")] = False,
    banque_de_mots: Annotated[bool, typer.Option(
        "--banque-de-mots", help="Ajoute la banque de mots aux fiches et à la page "
                                 "interactive de toute la classe (classes d'accueil, "
                                 "francisation), comme dictee kit --banque-de-mots.")] = False,
    bareme: Bareme = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Reconstruit toutes les trousses, même inchangées.")] = False,
    contenu: Contenu = None,
) -> None:
    """Construit toutes les trousses d'une édition, en parallèle, avec index.html et SHA256SUMS.

    Seules les trousses dont le texte, la fiche, l'enregistrement, les modèles ou les options
    ont changé sont reconstruites.

    Exemple : [bold]dictee edition 2022-2023 --sortie site/ --jobs 2[/]
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from dictee.content.loader import ContentRoot
    from dictee.edition import BUILT, FAILED, EditionOptions, build_edition, default_jobs
    from dictee.grading.scale import choose_scale

    scale = choose_scale(bareme) if bareme is not None else None  # None: no numpy import
    root = ContentRoot.choose(contenu)
    options = EditionOptions(output=sortie, jobs=jobs or default_jobs(), pdf=not sans_pdf,
                             audio=not sans_audio, force=force, word_bank=banque_de_mots,
                             scale=scale)
    running: list[str] = []
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("Préparation…", total=None)

        def show(event) -> None:
            if event.kind == "plan":
                bar.update(task, total=event.total, description="Trousses")
            elif event.kind == "start":
                running.append(event.slug)
            elif event.kind == "done":
                if event.slug in running:
                    running.remove(event.slug)
                bar.advance(task)
                _print_entry(event.entry, bar.console)
            if event.kind != "plan":
                busy = ", ".join(running[:options.jobs])
                bar.update(task, description=f"En cours : {busy}" if busy else "Trousses")

        result = build_edition(root, nom, options, progress=show)
    built = sum(e.status == BUILT for e in result.entries)
    failed = [e for e in result.entries if e.status == FAILED]
    unchanged = len(result.entries) - built - len(failed)
    colour = "red" if failed else "green"
    out.print(Text.assemble((f"Édition {result.edition} :", colour),
                            f" {built} construite(s), {unchanged} inchangée(s), "
                            f"{len(failed)} en échec — ", named(result.index)))
    if failed:
        raise typer.Exit(1)


def _print_entry(entry, console) -> None:
    from dictee.edition import BUILT, UNCHANGED

    if entry.status == BUILT:
        size = entry.path.stat().st_size / 1_000_000
        console.print(f"[green]✓[/] {escape(entry.slug)} : construite "
                      f"({decimal(size, 1)} Mo, {decimal(entry.seconds, 1)} s)")
        for note in entry.notes:
            console.print(f"    [yellow]{escape(note)}[/]")
    elif entry.status == UNCHANGED:
        console.print(f"[dim]= {escape(entry.slug)} : inchangée[/]")
    else:
        # The slug is a folder's name (« Léa : cas » when it is not a valid one), and so
        # are the files its error names: both as they are.
        console.print(Text.assemble(("✗ ", "red"), named(entry.slug, "red"),
                                    (" : en échec", "red"), "\n    ",
                                    marked(entry.error or "", entry.names)), soft_wrap=True)
