"""`dictee audio …`: import a recording, find its meaning groups, make a placeholder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from dictee.cli.options import Contenu, Niveau
from dictee.cli.output import info, named, out, warn

if TYPE_CHECKING:
    from dictee.audio.labels import Label
    from dictee.content.loader import ContentRoot
    from dictee.content.model import Case, LevelText

app = typer.Typer(
    help="Enregistrements : importer une lecture, la découper en groupes de sens, "
         "produire une lecture de synthèse provisoire.",
    no_args_is_help=True,
)

Cas = Annotated[str, typer.Argument(help="Identifiant du cas, par exemple luis-manuel.")]
Force = Annotated[bool, typer.Option("--force", help="Remplace les fichiers existants.")]


def _seconds(ms: int, digits: int = 1) -> str:
    from dictee.audio.plausible import seconds

    return seconds(ms, digits)


def _timeline(lead_ms: int, tail_ms: int) -> str:
    """What preparer did to the start and end, so that old labels can be shifted: in
    tenths of a second, in hundredths below 0.1 s (never « 0,0 s »), unchanged below
    5 ms."""
    def amount(ms: int) -> str:
        return _seconds(abs(ms), 1 if abs(ms) >= 100 else 2)

    def edge(ms: int, name: str, e: str) -> str:  # e: the feminine ending, for « fin »
        if abs(ms) < 5:
            return f"{name} inchangé{e}"
        return f"{name} {'raccourci' if ms > 0 else 'allongé'}{e} de {amount(ms)} de silence"

    shift = "" if abs(lead_ms) < 5 else (
        f" Une étiquette placée sur le fichier d'origine est ici {amount(lead_ms)} "
        + ("plus tôt." if lead_ms > 0 else "plus tard."))
    return f"{edge(lead_ms, 'début', '')}, {edge(tail_ms, 'fin', 'e')}.{shift}"


def _levels(case: Case, niveau: str | None, *, one: bool = False) -> list[LevelText]:
    return case.choose_levels((niveau,) if niveau else None, one=one)


def _tags(case: Case, level: LevelText, *, synthetic: bool = False) -> dict[str, str]:
    title = f"{case.meta.nom} — {level.meta.titre}"
    return {"title": title + (" (lecture de synthèse)" if synthetic else ""),
            "artist": level.meta.enregistrement.lecteur,
            "album": f"Écrire, ça libère {case.meta.edition}"}


def _load(contenu: Path | None, cas: str) -> tuple[ContentRoot, Case]:
    from dictee.content.loader import ContentRoot

    root = ContentRoot.choose(contenu)
    return root, root.load(cas)


def preparer(
    cas: Cas,
    fichier: Annotated[Path, typer.Argument(
        help="L'enregistrement à importer (wav, mp3, m4a, ogg ou flac).")],
    niveau: Niveau = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Remplace l'enregistrement existant.")] = False,
    contenu: Contenu = None,
) -> None:
    """Importe un enregistrement (wav, mp3, m4a, ogg, flac) dans le dossier du cas.

    Le son est mis en mono, son volume normalisé pour la voix (EBU R128, −16 LUFS), les
    silences de début et de fin ramenés à une demi-seconde (une lecture noyée dans son
    écho ou dans un bruit est gardée entière) ; il est enregistré en MP3.
    Un enregistrement existant n'est jamais remplacé sans --force ; ses étiquettes sont
    alors mises de côté (NIVEAU.labels.ancien.txt) : refaites le découpage.

    Exemple : [bold]dictee audio preparer luis-manuel lecture.m4a --niveau primaire[/]
    """
    from dictee.audio.prepare import prepare_recording

    root, case = _load(contenu, cas)
    level = _levels(case, niveau, one=True)[0]
    target = root.audio / case.slug / f"{level.level}.mp3"
    with out.status("Normalisation du volume et encodage…"):
        done = prepare_recording(fichier, target, words=level.word_count,
                                 existing=root.recording(case.slug, level.level),
                                 force=force, tags=_tags(case, level),
                                 labels=root.labels(case.slug, level.level))
    # A drowned voice is kept whole (prepare.trim): no edge is claimed for it.
    edges = "une demi-seconde de silence à chaque bout" if done.finding is None else \
        "rien de coupé au début ni à la fin"
    out.print(Text.assemble(("Enregistrement prêt :", "green"), " ", named(done.target),
                            f" ({_seconds(done.duration_ms)}, volume normalisé à −16 LUFS, "
                            f"{edges})"))
    out.print(f"Ligne du temps : {_timeline(done.lead_ms, done.tail_ms)}")
    if done.finding is not None:
        warn(f"{done.finding.message}. {done.finding.hint}")
    if done.set_aside is not None:
        warn(Text.assemble("les étiquettes de l'ancien enregistrement ne correspondent plus "
                           "au nouveau ; elles sont mises de côté sous ", named(done.set_aside),
                           " (les corrections faites à la main y restent, à importer dans "
                           "Audacity)."))
    if done.finding is None:
        info(f"Étape suivante : dictee audio segmenter {case.slug} --niveau {level.level}")
    if level.meta.enregistrement.synthetique:
        warn(Text.assemble(named(level.source), " indique encore une lecture de synthèse : "
                           "mettez à jour « enregistrement » (lecteur, synthetique: false)."))


def segmenter(
    cas: Cas,
    niveau: Niveau = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Remplace un fichier d'étiquettes existant, même corrigé à la "
                        "main.")] = False,
    contenu: Contenu = None,
) -> None:
    """Retrouve les groupes de sens dans l'enregistrement (étiquettes Audacity).

    Écrit NIVEAU.labels.txt à côté de l'enregistrement : début, fin et texte de chaque
    groupe, en secondes. Un fichier d'étiquettes existant (peut-être corrigé dans
    Audacity) est vérifié, jamais remplacé sans --force.

    Exemple : [bold]dictee audio segmenter luis-manuel --niveau primaire[/]
    """
    from dictee.audio.labels import ALL_IN_DOUBT, all_in_doubt
    from dictee.audio.prepare import segment_recording
    from dictee.errors import AudioError

    root, case = _load(contenu, cas)
    told = False  # why the joins are to check, said once (_without_espeak)
    for level in _levels(case, niveau):
        if level.recording is None:
            raise AudioError(f"aucun enregistrement pour le niveau {level.level}",
                             path=root.audio / case.slug,
                             hint=f"Importez-le d'abord : dictee audio preparer {case.slug} "
                                  f"FICHIER --niveau {level.level}")
        path = root.labels(case.slug, level.level)
        with out.status(f"Recherche des groupes de sens, niveau {level.level}…"):
            result = segment_recording(level, level.recording, path, force=force)
        if not result.written:
            out.print(Text.assemble(named(path, "green"), " existe déjà et correspond au texte "
                                    f"({len(result.labels)} groupes) : il est conservé tel quel."))
            info("Pour le refaire automatiquement, ajoutez --force (vos corrections seront "
                 "perdues).")
            _report(result.labels)
            continue
        from rich.table import Table  # here: every command's start does not pay for it

        table = Table(title=Text.assemble(f"{level.level} : {len(result.labels)} groupes → ",
                                          named(path)), title_justify="left")
        # The column of groups to check only when there is one: empty, it looked like a
        # drawing fault at the table's edge.
        unsure = any(label.doubt for label in result.labels)
        for column in ("", "Début", "Fin", "Groupe", *([""] if unsure else [])):
            table.add_column(column)
        for number, label in enumerate(result.labels, start=1):
            # A group's text is shown as written, never read as rich markup (« [sic] »).
            table.add_row(str(number), _seconds(label.start_ms), _seconds(label.end_ms),
                          Text(label.text),
                          *([Text("à vérifier", "yellow") if label.doubt else ""]
                            if unsure else []))
        out.print(table)
        if unsure and not told:
            told = _without_espeak()
        if all_in_doubt(result.labels) and not told:
            warn(f"aucune frontière n'est sûre. {ALL_IN_DOUBT}")
        _report(result.labels)
        info("Vérifiez dans Audacity : Fichier > Importer > Étiquettes (voir docs/audio.md).")


def _without_espeak() -> bool:
    """Say why the boundaries read without a pause are all to check, when espeak-ng is
    missing or fails (espeak.problem): nothing placed them but the lengths of the
    groups. Whether it was said."""
    from dictee.audio import espeak

    problem = espeak.problem()
    if problem is not None:
        warn(f"sans espeak-ng ({problem.reason}), les frontières lues sans pause n'ont pas "
             f"pu être précisées ; leurs groupes sont à vérifier. {problem.hint} Puis "
             "relancez avec --force.")
        return True
    return False


def _report(labels: list[Label]) -> None:
    """Name the groups to check by ear, and the groups whose duration does not fit."""
    from dictee.audio.labels import doubtful, name_groups
    from dictee.audio.plausible import READING_HINT, reading_problems

    unsure = doubtful(labels)
    if unsure:
        doubt, marked, checked = (
            ("frontière incertaine", "marqué", "vérifié") if len(unsure) == 1
            else ("frontières incertaines", "marqués", "vérifiés"))
        warn(f"{doubt} : vérifiez {name_groups(unsure, len(labels))} dans Audacity ({marked} "
             "« [à vérifier] » dans le fichier d'étiquettes ; retirez la marque une fois "
             f"{checked}).")
    for problem in reading_problems([(lab.start_ms, lab.end_ms) for lab in labels],
                                    [lab.text for lab in labels]):
        warn(f"{problem.message}. {READING_HINT}")


def synthetiser(
    cas: Cas,
    niveau: Niveau = None,
    force: Force = False,
    contenu: Contenu = None,
) -> None:
    """Produit une lecture de synthèse provisoire (espeak-ng) et ses étiquettes exactes.

    Elle tient lieu d'enregistrement en attendant une vraie lecture du texte.

    Exemple : [bold]dictee audio synthetiser luis-manuel --niveau primaire[/]
    """
    from dictee.audio.prepare import write_placeholder

    root, case = _load(contenu, cas)
    for level in _levels(case, niveau):
        target = root.audio / case.slug / f"{level.level}.mp3"
        labels = root.labels(case.slug, level.level)
        with out.status(f"Lecture de synthèse, niveau {level.level}…"):
            written = write_placeholder(level, target, labels, force=force,
                                        tags=_tags(case, level, synthetic=True))
        out.print(Text.assemble(("Lecture de synthèse prête :", "green"), " ", named(target),
                                " et ", named(labels.name),
                                f" ({len(written)} groupes, {_seconds(written[-1].end_ms)})"))
    info("Indiquez « synthetique: true » sous « enregistrement » dans le texte du niveau.")


app.command("preparer")(preparer)
app.command("segmenter")(segmenter)
app.command("synthetiser")(synthetiser)
