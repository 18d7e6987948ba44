"""The teacher's scale (barème): points per error category, and the total.

Points are kept in hundredths as integers so that sums are exact and the browser
version computes the same score: weights may have at most two decimals.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType

from dictee.errors import DicteeError, GradingError
from dictee.grading.classify import ACCENT, CATEGORIES, PONCTUATION

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

EXAMPLE = """sur = 20

[poids]
mot = 1
homophone = 1
grammaire = 1
accent = 0.5
ponctuation-majuscule = 0.5
usage = 1
"""


@dataclass(frozen=True)
class Scale:
    """Weights in hundredths of a point per error, by category; total in hundredths."""

    weights: Mapping[str, int]
    total: int

    @classmethod
    def default(cls) -> Scale:
        """One point per error, half a point for accents and punctuation or capitals,
        out of 20: the French tradition of the « demi-faute »."""
        weights = {c: 50 if c in (ACCENT, PONCTUATION) else 100 for c in CATEGORIES}
        return cls(MappingProxyType(weights), 2000)

    def points(self, counts: Mapping[str, int]) -> int:
        """Points lost, in hundredths."""
        return sum(self.weights[c] * counts.get(c, 0) for c in CATEGORIES)

    def note(self, counts: Mapping[str, int]) -> int:
        """The mark in hundredths: the total minus the points lost, never below 0."""
        return max(0, self.total - self.points(counts))

    def as_toml(self) -> str:
        lines = [f"sur = {number(self.total)}", "", "[poids]"]
        lines += [f"{c} = {number(self.weights[c])}" for c in CATEGORIES]
        return "\n".join(lines) + "\n"


def number(hundredths: int) -> int | float:
    """Hundredths as the number a teacher reads: 3 rather than 3.0, 3.5, 3.25."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def _hundredths(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        exact = Decimal(str(value)) * 100
    except InvalidOperation:
        return None
    if exact != exact.to_integral_value() or exact < 0:
        return None
    return int(exact)


def load_scale(path: Path) -> Scale:
    """Read a TOML scale; every problem is reported at once, with the file named."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise GradingError("barème introuvable", path=path,
                           hint="Vérifiez le chemin donné à --bareme.") from error
    except UnicodeDecodeError as error:
        raise GradingError("le barème n'est pas encodé en UTF-8", path=path,
                           hint="Enregistrez-le en UTF-8 depuis votre éditeur.") from error
    except tomllib.TOMLDecodeError as error:
        raise GradingError(f"le barème n'est pas un fichier TOML valide ({error})", path=path,
                           hint="Exemple de barème :\n" + EXAMPLE) from error
    default = Scale.default()
    weights = dict(default.weights)
    total = default.total
    problems: list[DicteeError] = []
    for name in data:
        if name not in ("sur", "poids"):
            problems.append(DicteeError(f"champ inconnu : « {name} »", path=path,
                                        hint="Champs permis : sur, [poids]."))
    if "sur" in data:
        value = _hundredths(data["sur"])
        if value is None or value == 0:
            problems.append(DicteeError(
                f"« sur » doit être un nombre positif (au plus deux décimales), "
                f"pas « {data['sur']} »", path=path, hint="Par exemple : sur = 20"))
        else:
            total = value
    given = data.get("poids", {})
    if not isinstance(given, dict):
        problems.append(DicteeError("« poids » doit être une section [poids]", path=path,
                                    hint="Exemple de barème :\n" + EXAMPLE))
        given = {}
    for name, raw in given.items():
        if name not in CATEGORIES:
            problems.append(DicteeError(
                f"catégorie inconnue dans [poids] : « {name} »", path=path,
                hint="Catégories : " + ", ".join(CATEGORIES) + "."))
            continue
        value = _hundredths(raw)
        if value is None:
            problems.append(DicteeError(
                f"poids de « {name} » : un nombre positif ou nul, au plus deux décimales, "
                f"est attendu, pas « {raw} »", path=path, hint=f"Par exemple : {name} = 0.5"))
        else:
            weights[name] = value
    if problems:
        count = len(problems)
        detail = "\n".join(f"  • {p.describe()}" for p in problems)
        raise GradingError(f"le barème contient {count} erreur{'s' if count > 1 else ''} :\n"
                           + detail)
    return Scale(MappingProxyType(weights), total)
