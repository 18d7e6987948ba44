"""`dictee kit`: one zip holding everything for the lesson."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from dictee.cli.options import Bareme, Contenu, Niveau, french_number
from dictee.cli.output import info, named, out, warn
from dictee.content.typography import decimal


def kit(
    cas: Annotated[str, typer.Argument(help="Identifiant du cas, par exemple luis-manuel.")],
    niveau: Niveau = None,
    sortie: Annotated[Path, typer.Option("--sortie", "-o",
                                         help="Dossier où écrire la trousse.")] = Path("kits"),
    sans_pdf: Annotated[bool, typer.Option("--sans-pdf",
                                           help="Ne produit que les fichiers Word.")] = False,
    sans_audio: Annotated[bool, typer.Option(
        "--sans-audio", help="Construit la trousse même sans enregistrement.")] = False,
    ecole: Annotated[str | None, typer.Option(
        "--ecole", help="Nom de l'école, imprimé sur les fiches et le guide.")] = None,
    classe: Annotated[str | None, typer.Option(
        "--classe", help="Nom de la classe, imprimé sur les fiches et le guide.")] = None,
    pause: Annotated[float, typer.Option(
        "--pause", parser=french_number(0.3, 4.0), metavar="<nombre>",
        help="Multiplie la durée des pauses d'écriture de la piste rythmée, de 0,3 à 4 "
             "(1,5 : pauses une fois et demie plus longues). Par défaut : 1.",
        show_default=False)] = 1.0,  # Typer would show « 1.0 », an English number
    repetitions: Annotated[int, typer.Option(
        "--repetitions", min=1, max=4,
        help="Nombre de lectures de chaque groupe dans la piste rythmée.")] = 2,
    ecoutes: Annotated[int | None, typer.Option(
        "--ecoutes", min=1, max=20,
        help="Nombre maximal d'écoutes de chaque groupe dans la version interactive.")] = None,
    sans: Annotated[list[str] | None, typer.Option(
        "--sans", metavar="VERSION",
        help="Laisse une version hors de la trousse (à répéter) : amenagee (dictée "
             "aménagée), mots (les mots de l'histoire), phrases-du-jour. Par défaut, la "
             "trousse les contient toutes.", show_default=False)] = None,
    creme: Annotated[bool, typer.Option(
        "--creme", help="Imprime la dictée aménagée, les mots de l'histoire et la fiche "
                        "des phrases du jour sur une page crème (lecteurs dyslexiques).")
    ] = False,
    banque_de_mots: Annotated[bool, typer.Option(
        "--banque-de-mots", help="Ajoute la banque de mots (mots expliqués, mots à bien "
                                 "écrire) à la fiche de l'élève, à la dictée à trous et à la "
                                 "page interactive de toute la classe : pour une classe "
                                 "d'accueil ou de francisation.")] = False,
    bareme: Bareme = None,
    force: Annotated[bool, typer.Option("--force",
                                        help="Remplace une trousse existante.")] = False,
    contenu: Contenu = None,
) -> None:
    """Construit la trousse complète d'un cas : un fichier zip prêt pour la classe.

    Exemple : [bold]dictee kit luis-manuel --ecole "École des Saules" --classe "6e B"[/]
    ou [bold]dictee kit sasha --sans phrases-du-jour --creme[/]
    ou [bold]dictee kit dorgelesse --banque-de-mots[/]
    ou [bold]dictee kit sasha --bareme quebec-erreur-repetee[/]

    Le barème choisi est celui du guide, de la page interactive et de la page aménagée.
    """
    from dictee.adapt.versions import VERSIONS, chosen
    from dictee.content.loader import ContentRoot
    from dictee.errors import BuildError
    from dictee.grading.scale import choose_scale
    from dictee.kit import KitOptions, build_kit

    try:
        versions = chosen(sans or [])
    except ValueError as unknown:
        raise BuildError(f"version inconnue : « {unknown} »",
                         hint="Versions : " + ", ".join(VERSIONS) + ".") from None
    scale = choose_scale(bareme) if bareme is not None else None
    root = ContentRoot.choose(contenu)
    options = KitOptions(
        levels=(niveau,) if niveau else None, output=sortie, pdf=not sans_pdf,
        audio=not sans_audio, school=ecole, klass=classe, force=force,
        pause=pause, repetitions=repetitions, replays=ecoutes, versions=versions,
        cream=creme, word_bank=banque_de_mots, scale=scale,
    )
    with out.status("Construction de la trousse…") as status:
        result = build_kit(root, cas, options, progress=lambda m: status.update(m))
    for note in result.notes:
        warn(note)
    size = result.path.stat().st_size / 1_000_000
    out.print(Text.assemble(("Trousse prête :", "green"), " ", named(result.path),
                            f" ({decimal(size, 1)} Mo, {result.file_count} fichiers)"))
    info("Ouvrez LISEZMOI.txt dans le zip pour le déroulement de la leçon.")
