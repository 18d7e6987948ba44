"""Audacity label tracks, and the one set of rules a label file must follow.

A label file has one line per meaning group, `start<TAB>end<TAB>text`, times in
seconds. It is how a person corrects the automatic alignment in Audacity
(File > Import > Labels, fix, File > Export > Labels), so once it exists it is
the truth the kit is cut from.

`verifier`, `audio segmenter` and `kit` all call `label_problems`: the same
rules, the same messages, each with its line. `verifier` lists every problem;
the other commands stop at the first (`checked_labels`).

A group whose boundary the aligner is unsure of is written with DOUBT_MARK in
front of its text: Audacity shows it on the label, the person listens, moves the
label if needed and deletes the mark. The rules accept the mark (the kit can be
built), `verifier` reminds which groups still carry it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dictee.archive import atomic_path
from dictee.audio.plausible import seconds
from dictee.content.loader import LABELS_SUFFIX
from dictee.content.typography import plain
from dictee.errors import AudioError

END_TOLERANCE_MS = 100  # an export may run a hair past the end of the recording
DOUBT_MARK = "[à vérifier] "  # written before the text of a group to check by ear
MAX_LISTED = 5  # text mismatches listed one by one, then summed up
AUDACITY_HELP = ("Exportez-le de nouveau depuis Audacity (Fichier > Exporter > Exporter les "
                 "étiquettes).")


@dataclass(frozen=True)
class Label:
    start_ms: int
    end_ms: int
    text: str
    line: int = field(default=0, compare=False)  # line in its file, 0 when made here
    doubt: bool = field(default=False, compare=False)  # to be checked by ear


@dataclass(frozen=True)
class LabelProblem:
    """One thing wrong in a label file, located on its line when it has one."""

    message: str
    line: int | None = None
    hint: str | None = None


def format_labels(labels: Sequence[Label]) -> str:
    return "".join(f"{lab.start_ms / 1000:.6f}\t{lab.end_ms / 1000:.6f}\t"
                   f"{DOUBT_MARK if lab.doubt else ''}{lab.text}\n" for lab in labels)


def write_labels(labels: Sequence[Label], path: Path) -> Path:
    """Write atomically (archive.atomic_path): never half a label file."""
    path = Path(path)
    with atomic_path(path) as temporary:
        temporary.write_text(format_labels(labels), encoding="utf-8")
    return path


def _time(field_text: str, which: str, line: int) -> tuple[float | None, LabelProblem | None]:
    """Seconds in one field, or the problem with it."""
    written = field_text.strip()
    try:
        value = float(written.replace(",", "."))
    except ValueError:
        return None, LabelProblem(f"{which} « {written} » n'est pas un nombre de secondes",
                                  line, "Un temps s'écrit en secondes, par exemple 12.345.")
    if not math.isfinite(value):
        return None, LabelProblem(f"{which} « {written} » n'est pas un temps fini", line,
                                  "Un temps s'écrit en secondes, par exemple 12.345.")
    return value, None


def parse_labels(path: Path) -> tuple[list[Label], list[LabelProblem]]:
    """Every label of the file, and a problem for each line that cannot be one.

    A bad line is reported and skipped, so that `verifier` can show every problem at
    once. An unreadable file gives a single problem and no labels.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return [], [LabelProblem("fichier d'étiquettes illisible", None, AUDACITY_HELP)]
    labels: list[Label] = []
    problems: list[LabelProblem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if parts[0].startswith("\\"):
            continue  # Audacity's spectral-selection lines
        if len(parts) < 2:
            problems.append(LabelProblem("ligne mal formée (attendu : début, tabulation, fin, "
                                         "tabulation, texte)", number, AUDACITY_HELP))
            continue
        start, bad_start = _time(parts[0], "le début", number)
        end, bad_end = _time(parts[1], "la fin", number)
        problems += [p for p in (bad_start, bad_end) if p]
        if start is None or end is None:
            continue
        if start < 0:
            problems.append(LabelProblem(f"le début est négatif ({seconds(start * 1000, 3)})",
                                         number, "Le premier groupe commence à 0 s au plus tôt."))
            continue
        if end < start:
            problems.append(LabelProblem(
                f"la fin ({seconds(end * 1000, 3)}) précède le début "
                f"({seconds(start * 1000, 3)})", number,
                "Dans Audacity, sélectionnez le groupe de son début à sa fin."))
            continue
        text = parts[2].strip() if len(parts) > 2 else ""
        doubt = text.startswith(DOUBT_MARK.strip())
        if doubt:
            text = text[len(DOUBT_MARK.strip()):].strip()
        labels.append(Label(round(start * 1000), round(end * 1000), text, number, doubt))
    return labels, problems


def _same(a: str, b: str) -> bool:
    return " ".join(plain(a).split()) == " ".join(plain(b).split())


def _commands(path: Path | None) -> tuple[str, str]:
    """The commands that list the groups of the level whose label file is `path`
    (audio/CAS/NIVEAU.labels.txt, ContentRoot.labels), and that cut them again, with the
    case and the level (a hint « CAS --force » redid both levels, and lost the other's
    corrections); --contenu is the user's to add, as in every hint. Written generically
    when `path` is not such a file."""
    slug, level = "CAS", "NIVEAU"
    if path is not None and path.name.endswith(LABELS_SUFFIX):
        slug, level = path.parent.name, path.name.removesuffix(LABELS_SUFFIX)
    return (f"dictee voir {slug}",
            f"dictee audio segmenter {slug} --niveau {level} --force")


def label_problems(labels: Sequence[Label], groups: Sequence[str],
                   duration_ms: int | None, path: Path | None = None) -> list[LabelProblem]:
    """Every way `labels` (of the file `path`, named in the commands to type) fail to be
    the groups `groups` of a recording of `duration_ms` (None: the recording could not
    be read; its end is then not checked).

    One label per group, same text, in order, each a stretch of time (not a point),
    not overlapping, inside the recording.
    """
    listing, redo = _commands(path)
    see = f"« {listing} » liste les groupes de sens, dans l'ordre."
    found: list[LabelProblem] = []
    if len(labels) != len(groups):
        found.append(LabelProblem(
            f"{len(labels)} étiquettes pour {len(groups)} groupes de sens", None,
            f"Il faut une étiquette par groupe. {see} Ou recommencez le découpage : "
            f"{redo}."))
    mismatches = [(number, label, group) for number, (label, group)
                  in enumerate(zip(labels, groups), start=1) if not _same(label.text, group)]
    for number, label, group in mismatches[:MAX_LISTED]:
        what = f"« {label.text} »" if re.search(r"\w", label.text) else "sans texte"
        found.append(LabelProblem(
            f"l'étiquette {number} {what} ne correspond pas au groupe « {group} »",
            label.line or None,
            "Corrigez le texte de l'étiquette, ou le découpage avec « / » dans le texte. " + see))
    if len(mismatches) > MAX_LISTED:
        found.append(LabelProblem(
            f"… et {len(mismatches) - MAX_LISTED} autres étiquettes différentes des groupes"))
    previous_end = 0
    for number, label in enumerate(labels, start=1):
        line = label.line or None
        if label.end_ms <= label.start_ms:
            found.append(LabelProblem(
                f"l'étiquette {number} est un point, pas une plage (début et fin à "
                f"{seconds(label.start_ms, 3)})", line,
                "Dans Audacity, sélectionnez tout le groupe avant d'ajouter l'étiquette "
                "(Ctrl+B)."))
        if label.start_ms < previous_end:
            found.append(LabelProblem(
                f"l'étiquette {number} commence avant la fin de la précédente", line,
                "Les étiquettes se suivent, dans l'ordre du texte, sans se chevaucher."))
        previous_end = max(previous_end, label.end_ms)
    if duration_ms is not None:
        for number, label in enumerate(labels, start=1):
            if label.end_ms > duration_ms + END_TOLERANCE_MS:
                found.append(LabelProblem(
                    f"l'étiquette {number} finit à {seconds(label.end_ms, 2)}, après la fin de "
                    f"l'enregistrement ({seconds(duration_ms, 2)})", label.line or None,
                    f"Ces étiquettes viennent sans doute d'un autre enregistrement : {redo}."))
                break  # the ones after it are past the end too
    return found


# Asked when every group is in doubt: a room, a noise, or another text (a wrong level's
# reading was cut into groups, all named, and nothing asked whether it was the right one).
ALL_IN_DOUBT = ("La pièce résonne-t-elle, un bruit couvre-t-il la voix ? Est-ce bien la "
                "lecture de ce texte, à ce niveau ? Écoutez le début de l'enregistrement "
                "avant de corriger les étiquettes.")


def all_in_doubt(labels: Sequence[Label]) -> bool:
    """Whether every group of several is marked to check: then ALL_IN_DOUBT is asked,
    unless espeak-ng's absence already says why (the caller's to know)."""
    return len(labels) > 1 and all(label.doubt for label in labels)


def doubtful(labels: Sequence[Label]) -> list[int]:
    """Numbers (from 1) of the groups still marked to be checked by ear."""
    return [number for number, label in enumerate(labels, start=1) if label.doubt]


def name_groups(numbers: Sequence[int], total: int = 0) -> str:
    """« le groupe 7 », « les groupes 7 et 8 », « les groupes 2, 7 et 8 »; « tous les
    groupes » when `numbers` are every one of `total` groups, three or more (a list of
    thirty numbers says less)."""
    if total >= 3 and len(set(numbers)) == total:
        return "tous les groupes"
    if len(numbers) == 1:
        return f"le groupe {numbers[0]}"
    return "les groupes " + ", ".join(map(str, numbers[:-1])) + f" et {numbers[-1]}"


def checked_labels(path: Path, groups: Sequence[str], duration_ms: int | None) -> list[Label]:
    """The labels of `path`, or an AudioError at its first problem, with its line."""
    labels, problems = parse_labels(path)
    problems += label_problems(labels, groups, duration_ms, path) if not problems else []
    if problems:
        first = problems[0]
        raise AudioError(first.message, path=path, line=first.line, hint=first.hint)
    return labels


def read_labels(path: Path) -> list[Label]:
    """The labels of `path`; an AudioError at the first line that cannot be one."""
    labels, problems = parse_labels(path)
    if problems:
        raise AudioError(problems[0].message, path=path, line=problems[0].line,
                         hint=problems[0].hint)
    return labels
