"""`dictee corriger`: correct the pupils' typed copies and score them."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import RenderableType
from rich.text import Text

from dictee.cli.options import Bareme, Contenu
from dictee.cli.output import (
    Cell,
    error,
    info,
    named,
    out,
    print_blocks,
    print_table,
    rule,
    table,
    table_width,
    warn,
)
from dictee.content.typography import decimal

_SHOWN = 200  # errors listed per copy in the terminal; --json gives them all
# Copies whose errors are listed one by one in the terminal. Past a class (a school's
# 1,000 copies), a screen of tables helps nobody and rendering them costs more than the
# grading: the summary stays, and --csv, --json or --rapport give every detail.
DETAILED_COPIES = 40

_LABELS = {  # short column titles: the class summary must fit a terminal
    "mot": "mot", "homophone": "homo.", "grammaire": "gram.", "accent": "acc.",
    "ponctuation-majuscule": "ponct.", "usage": "usage",
}


def _shown(token: str) -> Cell:
    return token.replace("'", "\u2019") if token else Text("—", style="dim")


def _number(value: int | float) -> str:
    return decimal(value)


SKIPPED_EXIT = 3  # some copies were graded, others could not be read or marked


def _report(name: str, correction,  # type: ignore[no-untyped-def]
            adapted=None) -> list[RenderableType]:
    """What the terminal shows of one copy: its errors, its mark, or why it has none.
    An adapted sheet (`adapted`, dictee.adapt.grade) shows each error's line of the
    sheet, and how many blanks are right."""
    from dictee.grading import CATEGORIES

    count = len(correction.errors)
    blocks: list[RenderableType] = [Text(), rule(named(name))]
    if correction.flag:
        where = ""
        if correction.followed:
            from dictee.grading.others import advice

            where = f" : elle semble suivre {advice(correction.followed)}"
        if correction.stop:
            words = correction.stop.words
            where = (f" : elle s'arrête à la phrase {correction.stop.sentence} "
                     f"({words} mot{'s' if words > 1 else ''} non écrit{'s' if words > 1 else ''}"
                     ", qui ne comptent pas comme erreurs)")
        blocks.append(Text(f"{correction.flag.capitalize()}{where}.", style="yellow"))
    if not correction.marked:
        blocks.append(Text("Pas de note : elle n'a pas été corrigée contre son texte."
                           if correction.followed else
                           "Pas de note : vérifiez cette copie à la main."))
        return blocks
    if count:
        blocks.append(table(
            [(column, "left") for column in ("Ligne" if adapted else "Rang", "Attendu",
                                             "Écrit", "Catégorie")],
            [(str(adapted.line_of(error) if adapted else error.position + 1),
              _shown(error.expected), _shown(error.written),
              error.category) for error in correction.errors[:_SHOWN]], edge=False))
        if count > _SHOWN:
            blocks.append(Text(f"… et {count - _SHOWN} autres erreurs (--json les donne "
                               "toutes)."))
        detail = ", ".join(f"{c} : {n}" for c in CATEGORIES if (n := correction.counts[c]))
        blocks.append(Text(f"{count} erreur{'s' if count > 1 else ''} ({detail})"))
        counted = sum(correction.counted.values())
        if counted != count:
            blocks.append(Text(f"Erreurs comptées par le barème : {counted}"))
    else:
        blocks.append(Text("Aucune erreur.", style="green"))
    if adapted:
        blocks.append(Text(f"Trous justes : {adapted.right} / {len(adapted.by_blank)}"))
    blocks.append(Text.assemble(f"Points retirés : {_number(correction.points)} — note : ",
                                (_number(correction.note), "bold"),
                                f" / {_number(correction.total)}"))
    return blocks


def _summary(results, unreadable) -> None:
    from dictee.grading import CATEGORIES
    from dictee.grading.correction import EMPTY, INCOMPLETE, TOO_LONG, UNRELATED

    # Why a copy has no mark, in a word or two after its name (the column that folds),
    # so the other columns stay narrow enough for an 80-column terminal; the full
    # reason is printed with the copy.
    unmarked = {EMPTY: "vide", TOO_LONG: "trop longue", UNRELATED: "sans rapport"}

    total = _number(results[0][1].total) if results else "20"
    names: list[Cell] = []
    for name, correction in results:
        if correction.marked:  # a copy that stops early is marked on what it has
            names.append(Text.assemble(named(name), " (incomplète)", style="yellow")
                         if correction.flag == INCOMPLETE else named(name))
            continue
        why = unmarked.get(correction.flag or "", "à revoir")
        if correction.followed:  # « (niveau primaire ?) »: the text it seems to follow
            from dictee.grading.others import hint

            why = hint(correction.followed)
        names.append(Text.assemble(named(name), f" ({why})", style="yellow"))
    names += [Text.assemble(named(bad.name), " (illisible)", style="red") for bad in unreadable]
    marks = [(str(len(c.errors)), _number(c.note)) if c.marked else ("—", "—")
             for _, c in results] + [("—", "—")] * len(unreadable)
    # One column a category when the names fit beside them; in a narrower terminal (80
    # columns, the usual default), the two categories each copy has most of, so that
    # names are not cut across lines.
    columns = [("Copie", "left"), ("Erreurs", "right"),
               *((_LABELS[category], "right") for category in CATEGORIES),
               (f"Note /{total}", "right")]
    counts = [[str(c.counts[k]) if c.marked else "" for k in CATEGORIES]
              for _, c in results] + [[""] * len(CATEGORIES)] * len(unreadable)
    rows: list[list[Cell]] = [[name, errors, *by_category, note] for name, (errors, note),
                              by_category in zip(names, marks, counts)]
    wide = table_width(columns, rows)
    if wide > out.width:
        columns = [("Copie", "left"), ("Erreurs", "right"), ("Surtout", "left"),
                   (f"Note /{total}", "right")]
        mains = [_most(c) if c.marked else "" for _, c in results] + [""] * len(unreadable)
        rows = [[name, errors, main, note]
                for name, (errors, note), main in zip(names, marks, mains)]
    out.print()
    print_table(columns, rows, title="Bilan de la classe", fold=0)
    marked = [c for _, c in results if c.marked]
    if len(marked) > 1:
        from dictee.grading.scale import number

        mean = round(100 * sum(c.note for c in marked) / len(marked))
        out.print(f"Moyenne de la classe : {_number(number(mean))} / {total}")
    if wide > out.width:
        out.print(f"Le détail par catégorie : --csv, ou un terminal de {wide} colonnes.",
                  style="dim")


def _most(correction) -> str:  # type: ignore[no-untyped-def]
    """The two categories a marked copy has most errors in, with their counts (« gram. 3,
    usage 2 »): what the class summary keeps of them in a narrow terminal."""
    from dictee.grading import CATEGORIES

    ranked = sorted((c for c in CATEGORIES if correction.counts[c]),
                    key=lambda c: -correction.counts[c])  # stable: the categories' order
    return ", ".join(f"{_LABELS[c]} {correction.counts[c]}" for c in ranked[:2])


def _case_notes(level):  # type: ignore[no-untyped-def]
    from dictee.grading.report import CaseNotes

    if level is None:
        return CaseNotes()
    return CaseNotes(points=[(g.point, tuple(g.words)) for g in level.meta.grammaire],
                     sentences=level.sentences)


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
        "--texte", help="Fichier du texte attendu, à la place de --cas (les marques « / » "
                        "des groupes et l'en-tête --- d'un texte de cas sont ignorés).",
        show_default=False)] = None,
    en_json: Annotated[bool, typer.Option(
        "--json", help="Écrit le résultat en JSON sur la sortie standard, et rien d'autre.")
    ] = False,
    csv: Annotated[Path | None, typer.Option(
        "--csv", help="Écrit une ligne par copie dans ce fichier (tableur, séparateur "
                      "point-virgule).",
        show_default=False)] = None,
    rapport: Annotated[Path | None, typer.Option(
        "--rapport", help="Écrit le bilan de la classe (graphique, erreurs fréquentes, "
                          "élèves, ce qu'il faut travailler) dans ce fichier .html, et son "
                          ".pdf à côté quand Chromium ou LibreOffice est installé.",
        show_default=False)] = None,
    bareme: Bareme = None,
    amenagee: Annotated[bool, typer.Option(
        "--amenagee", help="Corrige des fiches de la dictée aménagée (avec --cas) : chaque "
                           "fichier donne, ligne de la fiche par ligne, les mots écrits ou "
                           "cochés, par exemple « 7. rose / vif » (voir docs/correction.md). "
                           "Seuls les trous comptent, mêmes catégories, même barème.")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Remplace les fichiers --csv et --rapport s'ils existent.")] = False,
    contenu: Contenu = None,
) -> None:
    """Corrige les copies tapées par les élèves : chaque erreur, sa catégorie, la note.

    Catégories : mot, homophone, grammaire, accent, ponctuation-majuscule, usage.

    Barème par défaut (demi-faute) : 1 point par erreur, 0,5 pour accent et
    ponctuation-majuscule, sur 20.

    Une copie illisible est signalée et les autres sont corrigées ; une copie vide, bien
    plus longue que le texte ou sans rapport avec lui est signalée sans note, comme une
    copie qui suit l'autre niveau ou un autre cas (avec --cas : la commande à relancer est
    donnée) ; une copie qui s'arrête avant la fin est notée sur ce qui est écrit et
    signalée. Code de sortie 3 si une copie n'a pas pu être lue ou notée.

    Exemple : [bold]dictee corriger --cas sasha -n primaire copies/ --csv notes.csv[/]
    """
    from dictee import cores
    from dictee.errors import GradingError

    with cores.without_blas_threads():  # the grading's numpy never multiplies matrices
        from dictee.grading.copies import case_expected, case_text, collect, expected_file
        from dictee.grading.correction import correct_all_tokens
        from dictee.grading.scale import choose_scale
        from dictee.grading.table import table_for
        from dictee.grading.tokens import tokenize

    if (cas is None) == (texte is None):
        raise GradingError("indiquez le texte attendu : --cas CAS ou --texte FICHIER "
                           "(l'un ou l'autre)",
                           hint="Exemple : dictee corriger --cas luis-manuel --niveau "
                                "primaire copie.txt")
    if texte is not None and niveau is not None:
        raise GradingError("--niveau s'emploie avec --cas, pas avec --texte")
    if amenagee and cas is None:
        raise GradingError("--amenagee s'emploie avec --cas : les trous viennent du cas",
                           hint="Exemple : dictee corriger --amenagee --cas luis-manuel "
                                "--niveau primaire lea.txt")
    level = None
    if cas is not None:
        from dictee.content.loader import ContentRoot

        root = ContentRoot.choose(contenu)
        if rapport is None and not amenagee:  # the text is all it needs: kept
            expected, label = case_expected(root, cas, niveau)
        else:  # the report and the adapted sheet need the level itself
            expected, label, level = case_text(root, cas, niveau)
    else:
        assert texte is not None
        expected, label = expected_file(texte), str(texte)
    from dictee.grading.export import check_writable

    if csv is not None:
        check_writable(csv, force=force)
    if rapport is not None:
        if rapport.suffix.lower() not in (".html", ".htm"):
            raise GradingError("le rapport s'écrit dans un fichier .html", path=rapport,
                               hint="Par exemple : --rapport bilan.html (le PDF est écrit "
                                    "à côté, bilan.pdf).")
        check_writable(rapport, force=force)
    scale = choose_scale(bareme)
    found, unreadable = collect(copies, lambda: sys.stdin.buffer.read())
    for bad in unreadable:
        error(f"{bad.problem.describe()}\nCette copie est mise de côté ; les autres sont "
              "corrigées.", bad.problem.locations())
    if not found:
        raise GradingError("aucune copie n'a pu être lue",
                           hint="Enregistrez les copies en UTF-8, puis relancez.")
    adapted = None
    if amenagee:
        from dictee.adapt.answers import grade_copies
        from dictee.adapt.blanks import adapt

        assert level is not None
        sheet = adapt(level)
        adapted = grade_copies(level, sheet, found, scale)
        corrections = [graded.correction for graded in adapted]
        label = f"{label} — dictée aménagée ({len(sheet.blanks)} trous)"
    else:
        written = [tokenize(copy.text) for copy in found]
        corrections = correct_all_tokens(table_for(expected), written, scale)
        if cas is not None:  # a copy off the text may follow the other level, or case
            from dictee.grading.copies import other_texts
            from dictee.grading.others import follow_other_texts

            corrections = follow_other_texts(written, corrections,
                                             lambda: other_texts(root, cas, expected), scale)
    results = [(copy.name, c) for copy, c in zip(found, corrections, strict=True)]
    if csv is not None:
        from dictee.grading.export import write_csv

        write_csv(results, csv, force=force)
    if rapport is not None:
        from dictee.grading.report import report_html, write_pdf, write_report

        write_report(report_html(results, unreadable, label, expected, _case_notes(level)),
                     rapport)
    if en_json:
        data = ([graded.as_json(name) for (name, _), graded in zip(results, adapted)]
                if adapted else [correction.as_json(name) for name, correction in results])
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    else:
        # A text of the case is French to space; a file given with --texte is a name.
        out.print(Text.assemble("Texte attendu : ", label if cas is not None else named(label)))
        detailed = len(results) <= DETAILED_COPIES
        print_blocks([block for number, (name, correction) in enumerate(results)
                      if detailed or not correction.marked
                      for block in _report(name, correction,
                                           adapted[number] if adapted else None)])
        if not detailed:
            info(f"{len(results)} copies : le détail des erreurs de chacune n'est pas affiché "
                 f"au-delà de {DETAILED_COPIES} ; --csv, --json ou --rapport le donnent.")
        _summary(results, unreadable)
    if csv is not None:
        info(Text.assemble("Tableau des notes écrit : ", named(csv)))
    if rapport is not None:
        info(Text.assemble("Bilan de la classe écrit : ", named(rapport)))
        from dictee.grading.report import pdf_renderer

        if pdf_renderer() is not None:
            pdf = rapport.with_suffix(".pdf")
            if pdf.exists() and not force:
                warn(Text.assemble(named(pdf), " existe déjà : PDF non écrit (ajoutez --force "
                                   "pour le remplacer)."))
            else:
                write_pdf(rapport, pdf)
                info(Text.assemble("Bilan en PDF écrit : ", named(pdf)))
    followed = Counter(c.followed for _, c in results if c.followed)
    if followed:  # the whole class on the wrong text: one line says what to run
        from dictee.grading.others import advice

        other, count = followed.most_common(1)[0]
        if count > 1 and count * 2 >= len(results):
            warn(f"{count} copies sur {len(results)} semblent suivre {advice(other)}.")
    skipped = len(unreadable) + sum(1 for _, c in results if not c.marked)
    if skipped:
        warn(f"{skipped} copie{'s' if skipped > 1 else ''} sans note (voir plus haut).")
        raise typer.Exit(SKIPPED_EXIT)
