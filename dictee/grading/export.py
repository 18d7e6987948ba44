"""Class results as a CSV file a French spreadsheet opens as is.

Semicolons and decimal commas (the French convention of Excel and LibreOffice), UTF-8
with a BOM so that accents survive a double-click. Written under a temporary name,
then renamed; an existing file is replaced only when asked.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dictee.archive import atomic_path
from dictee.content.typography import decimal
from dictee.errors import GradingError
from dictee.grading.classify import CATEGORIES
from dictee.grading.correction import Correction
from dictee.grading.others import advice

COLUMNS = ("copie", "nombre_erreurs", *CATEGORIES, "points", "note", "signalement")


def _decimal(value: int | float | None) -> str:
    return "" if value is None else decimal(value)


def _flag(correction: Correction) -> str:
    if correction.followed is not None:
        return f"{correction.flag} : elle semble suivre {advice(correction.followed)}"
    if correction.stop is not None:
        return f"{correction.flag} (s'arrête à la phrase {correction.stop.sentence})"
    return correction.flag or ""


def csv_text(results: list[tuple[str, Correction]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for name, correction in results:
        counts = correction.counts
        writer.writerow([name, len(correction.errors), *(counts[c] for c in CATEGORIES),
                         _decimal(correction.points), _decimal(correction.note),
                         _flag(correction)])
    return buffer.getvalue()


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: an existing file without --force, no folder."""
    if path.exists() and not force:
        raise GradingError("ce fichier existe déjà", path=path,
                           hint="Ajoutez --force pour le remplacer, ou choisissez un autre nom.")
    if not path.parent.is_dir():
        raise GradingError("le dossier de ce fichier n'existe pas", path=path,
                           hint="Créez le dossier d'abord, ou choisissez un autre chemin.")


def write_csv(results: list[tuple[str, Correction]], path: Path, *, force: bool) -> Path:
    path = Path(path)
    check_writable(path, force=force)
    with atomic_path(path) as temporary:
        temporary.write_text(csv_text(results), encoding="utf-8-sig", newline="")
    return path
