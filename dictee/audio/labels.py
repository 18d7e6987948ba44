"""Audacity label tracks: one line per meaning group, `start<TAB>end<TAB>text` in seconds.

A label file is how a person corrects the automatic alignment in Audacity
(File > Import > Labels, fix, File > Export > Labels), so it is the truth once
it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dictee.errors import AudioError


@dataclass(frozen=True)
class Label:
    start_ms: int
    end_ms: int
    text: str


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
                            parts[2].strip() if len(parts) > 2 else ""))
    return labels


def write_labels(labels: list[Label], path: Path) -> Path:
    Path(path).write_text(format_labels(labels), encoding="utf-8")
    return Path(path)
