"""Audacity label tracks: one line per meaning group, `start<TAB>end<TAB>text` in seconds.

A label file is how a person corrects the automatic alignment in Audacity
(File > Import > Labels, fix, File > Export > Labels), so it is the truth once
it exists.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dictee.content.typography import decimal, plain
from dictee.errors import AudioError

END_TOLERANCE_MS = 100  # an export may run a hair past the end of the recording


@dataclass(frozen=True)
class Label:
    start_ms: int
    end_ms: int
    text: str
    line: int = field(default=0, compare=False)  # line in its file, 0 when made here


def format_labels(labels: list[Label]) -> str:
    return "".join(f"{lab.start_ms / 1000:.6f}\t{lab.end_ms / 1000:.6f}\t{lab.text}\n"
                   for lab in labels)


def read_labels(path: Path) -> list[Label]:
    """Parse an Audacity label file; a bad line raises an error naming it."""
    labels: list[Label] = []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AudioError("fichier d'étiquettes illisible", path=path,
                         hint="Exportez-le de nouveau depuis Audacity (Fichier > "
                              "Exporter > Exporter les étiquettes).") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0].startswith("\\"):
            if parts[0].startswith("\\"):
                continue  # Audacity's spectral-selection lines
            raise AudioError("ligne mal formée (attendu : début, tabulation, fin, "
                             "tabulation, texte)", path=path, line=number)
        try:
            start, end = float(parts[0].replace(",", ".")), float(parts[1].replace(",", "."))
        except ValueError as error:
            raise AudioError("les temps doivent être des nombres de secondes",
                             path=path, line=number) from error
        if end < start or start < 0:
            raise AudioError("la fin d'une étiquette précède son début", path=path,
                             line=number)
        labels.append(Label(round(start * 1000), round(end * 1000),
                            parts[2].strip() if len(parts) > 2 else "", line=number))
    return labels


def write_labels(labels: list[Label], path: Path) -> Path:
    """Write atomically: a temporary name in the same folder, then a rename."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(format_labels(labels), encoding="utf-8")
    os.replace(temporary, path)
    return path


def _same(a: str, b: str) -> bool:
    return " ".join(plain(a).split()) == " ".join(plain(b).split())


def check_labels(labels: Sequence[Label], groups: Sequence[str], duration_ms: int, *,
                 path: Path) -> None:
    """Raise at the first label that does not fit the groups or the recording.

    A label file is the truth a kit is cut from: one label per group, same text,
    in order, not overlapping, inside the recording.
    """
    see = "« dictee voir CAS » liste les groupes de sens, dans l'ordre."
    if len(labels) != len(groups):
        raise AudioError(f"{len(labels)} étiquettes pour {len(groups)} groupes de sens",
                         path=path, hint=f"Il faut une étiquette par groupe. {see} Ou "
                         "recommencez le découpage : dictee audio segmenter CAS --force.")
    previous_end = 0
    for number, (label, group) in enumerate(zip(labels, groups), start=1):
        line = label.line or None
        if not _same(label.text, group):
            raise AudioError(f"l'étiquette {number} « {label.text} » ne correspond pas au "
                             f"groupe « {group} »", path=path, line=line,
                             hint="Corrigez le texte de l'étiquette, ou le découpage avec "
                                  "« / » dans le texte. " + see)
        if label.end_ms <= label.start_ms:
            raise AudioError(f"l'étiquette {number} est un point, pas une plage",
                             path=path, line=line,
                             hint="Dans Audacity, sélectionnez tout le groupe avant "
                                  "d'ajouter l'étiquette (Ctrl+B).")
        if label.start_ms < previous_end:
            raise AudioError(f"l'étiquette {number} commence avant la fin de la précédente",
                             path=path, line=line,
                             hint="Les étiquettes se suivent, dans l'ordre du texte, sans se "
                                  "chevaucher.")
        if label.end_ms > duration_ms + END_TOLERANCE_MS:
            raise AudioError(f"l'étiquette {number} finit à "
                             f"{decimal(label.end_ms / 1000, 2)} s, après "
                             f"la fin de l'enregistrement ({decimal(duration_ms / 1000, 2)} s)",
                             path=path, line=line,
                             hint="Ces étiquettes viennent sans doute d'un autre "
                                  "enregistrement : dictee audio segmenter CAS --force.")
        previous_end = label.end_ms
