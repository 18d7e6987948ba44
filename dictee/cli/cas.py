"""`dictee cas` and `dictee voir`: what cases there are, and one case in detail."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from dictee.cli.options import Contenu
from dictee.cli.output import named, out, warn


def lister(contenu: Contenu = None) -> None:
    """Liste les cas disponibles : personne, pays, niveaux, enregistrements.

    Exemple : [bold]dictee cas[/]
    """
    from rich.markup import escape
    from rich.table import Table  # here: every command's start does not pay for it

    from dictee.content.loader import ContentRoot
    from dictee.errors import CaseError

    root = ContentRoot.choose(contenu)
    # What the teacher types next (the slug) is never cut. Each level is named on its line
    # of recordings (« secondaire : synthèse »: « secondaire : » stays whole, its space is a
    # no-break one), with no column of levels besides: an 80-column terminal holds it all.
    table = Table(title=Text.assemble("Cas de ", named(root.path)), title_justify="left")
    table.add_column("Cas", no_wrap=True)
    for column in ("Personne", "Pays", "Édition", "Enregistrement"):
        table.add_column(column)
    broken = 0
    for slug in root.slugs():
        try:
            case = root.load(slug)
        except CaseError:
            broken += 1
            table.add_row(named(slug), "[red]cas invalide[/]", "", "", "")  # its folder
            continue
        recordings = []
        for name, level in case.levels.items():
            if level.recording is None:
                recordings.append(f"{name} : [red]absent[/]")
            elif level.meta.enregistrement.synthetique:
                recordings.append(f"{name} : [yellow]synthèse[/]")
            else:
                recordings.append(f"{name} : [green]oui[/]")
        table.add_row(slug, escape(case.meta.nom), escape(case.meta.pays), case.meta.edition,
                      "\n".join(recordings))
    out.print(table)
    if broken:
        warn(f"{broken} cas invalide(s) : « dictee voir CAS » donne le détail.")


def voir(
    cas: Annotated[str, typer.Argument(help="Identifiant du cas, par exemple luis-manuel.")],
    contenu: Contenu = None,
) -> None:
    """Montre un cas en détail : résumé, niveaux, textes, groupes, enregistrements.

    Exemple : [bold]dictee voir luis-manuel[/]
    """
    from rich.markup import escape
    from rich.panel import Panel

    from dictee.content.loader import ContentRoot
    from dictee.content.model import CITATION
    from dictee.content.typography import french

    def said(text: str) -> str:
        """A text of the case as the terminal shows it: in French typography, without its
        source keys (« [ca-hk] »: the guide numbers them and lists the sources), and
        never taken for rich's markup (which swallowed the keys, leaving « 1990 . »)."""
        return escape(french(CITATION.sub("", text)))

    case = ContentRoot.choose(contenu).load(cas)
    meta = case.meta
    out.print(Panel(said(meta.resume), title=escape(f"{meta.nom} — {meta.pays} ({meta.edition})"),
                    title_align="left"))
    out.print(f"[bold]Depuis la campagne[/] (état en {meta.depuis.etat_au}, à vérifier) :")
    for fact in meta.depuis.faits:
        out.print(f"  • {escape(fact.date)} : {said(fact.texte)}")
    for name, level in case.levels.items():
        rec = level.meta.enregistrement
        if level.recording is None:
            audio = Text("aucun enregistrement", style="red")
        else:
            audio = Text.assemble(named(level.recording.name), f", lu par {rec.lecteur}")
            if rec.synthetique:
                audio.append(" ")
                audio.append("(lecture de synthèse provisoire : à remplacer par "
                             "l'enregistrement de la campagne)", style="yellow")
        out.print()
        out.print(f"[bold underline]{name.capitalize()}[/] — « {said(level.meta.titre)} », "
                  f"{level.word_count} mots, {len(level.groups)} groupes")
        out.print(Text.assemble("  Enregistrement : ", audio))
        out.print(f"  Au tableau : {said(', '.join(level.meta.tableau))}")
        out.print(Panel(said(level.text), padding=(0, 1)))
        for index, group in enumerate(level.groups, start=1):
            out.print(f"  {index:>2}. {said(group.text)}")
