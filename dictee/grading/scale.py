"""The teacher's scale (barème): points per error category, the total, and the counting
conventions (a repeated error counted once or each time, a cap on the errors counted).

Named presets live in baremes.toml, each with its source; the default is « demi-faute ».
A scale file given with --bareme may start from a preset (`modele = "…"`) and change it.
Points are kept in hundredths as integers so that sums are exact and the browser
version computes the same score: weights may have at most two decimals.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dictee.errors import DicteeError, GradingError
from dictee.grading.classify import CATEGORIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PRESETS_FILE = Path(__file__).resolve().with_name("baremes.toml")
DEFAULT = "demi-faute"
EACH_TIME, ONCE = "chaque-fois", "une-fois"
REPETITIONS = (EACH_TIME, ONCE)
FIELDS = ("modele", "sur", "poids", "repetition", "plafond", "orthographe_rectifiee")

EXAMPLE = """sur = 20
repetition = "chaque-fois"
plafond = 0
orthographe_rectifiee = true

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
    """Weights in hundredths of a point per error, by category; total in hundredths;
    `repetition` (EACH_TIME or ONCE); `cap`: at most this many errors counted (0: all)."""

    weights: Mapping[str, int]
    total: int
    repetition: str = EACH_TIME
    cap: int = 0
    name: str = ""  # the preset it is, or starts from ("" for a scale built by hand)
    rectified: bool = True  # the 1990 reform's spellings are right (Quebec's rule)

    def __reduce__(self) -> tuple:
        # A kit's options travel to the edition's worker processes, and a mapping proxy
        # cannot be pickled: rebuild the scale from a plain dict there.
        return (_unpickle, (dict(self.weights), self.total, self.repetition, self.cap,
                            self.name, self.rectified))

    @classmethod
    def default(cls) -> Scale:
        """One point per error, half a point for accents and punctuation or capitals,
        out of 20: the French tradition of the « demi-faute »."""
        return preset(DEFAULT)

    def counted(self, errors: Iterable[tuple[str, str, str]]) -> dict[str, int]:
        """How many errors of each category the scale counts, from (expected, written,
        category) in text order: a repeated error once if so asked (the same written
        form for the same expected word), then the first `cap` errors only."""
        counts = dict.fromkeys(CATEGORIES, 0)
        seen: set[tuple[str, str]] = set()
        total = 0
        for expected, written, category in errors:
            if self.repetition == ONCE and expected and written:
                repeated = (_word(expected), _word(written))
                if repeated in seen:
                    continue
                seen.add(repeated)
            if self.cap and total >= self.cap:
                break
            counts[category] += 1
            total += 1
        return counts

    def points(self, counts: Mapping[str, int]) -> int:
        """Points lost, in hundredths, for counts already counted by `counted`."""
        return sum(self.weights[c] * counts.get(c, 0) for c in CATEGORIES)

    def note(self, counts: Mapping[str, int]) -> int:
        """The mark in hundredths: the total minus the points lost, never below 0."""
        return max(0, self.total - self.points(counts))

    def as_toml(self) -> str:
        lines = [f"sur = {number(self.total)}", f'repetition = "{self.repetition}"',
                 f"plafond = {self.cap}",
                 f"orthographe_rectifiee = {'true' if self.rectified else 'false'}", "",
                 "[poids]"]
        lines += [f"{c} = {number(self.weights[c])}" for c in CATEGORIES]
        return "\n".join(lines) + "\n"

    def as_page(self) -> dict[str, Any]:
        """What the page's grader (correction.js) takes: hundredths, French keys."""
        return {"poids": dict(self.weights), "sur": self.total,
                "repetition": self.repetition, "plafond": self.cap,
                "orthographe_rectifiee": self.rectified}


def _unpickle(weights: dict[str, int], *fields: Any) -> Scale:
    return Scale(MappingProxyType(weights), *fields)


def _word(token: str) -> str:
    """A word as compared for repetition: lower case, curly or straight apostrophe alike."""
    return token.lower()


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


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    source: str
    scale: Scale


@cache
def presets() -> dict[str, Preset]:
    """The named scales of baremes.toml, in file order."""
    data = tomllib.loads(PRESETS_FILE.read_text(encoding="utf-8"))
    found = {}
    for name, entry in data.items():
        fields = {k: v for k, v in entry.items() if k not in ("titre", "source")}
        problems: list[DicteeError] = []
        scale = _scale_from(fields, _empty(name), PRESETS_FILE, problems)
        if problems:
            raise ValueError(f"{PRESETS_FILE}: {name}: " + "; ".join(p.message for p in problems))
        found[name] = Preset(name, entry["titre"], " ".join(entry["source"].split()), scale)
    return found


def title(scale: Scale) -> str:
    """The scale's name for a teacher: its preset's title, or « Barème personnalisé »
    (a --bareme file, even one that starts from a preset and changes it)."""
    known = presets().get(scale.name)
    if known is not None and known.scale == scale:
        return known.title
    return "Barème personnalisé" + (f" (à partir de « {known.title} »)" if known else "")


def _empty(name: str) -> Scale:
    return Scale(MappingProxyType(dict.fromkeys(CATEGORIES, 100)), 2000, name=name)


def preset(name: str) -> Scale:
    """A named scale; GradingError listing the names if there is none by that name."""
    known = presets()
    if name not in known:
        raise GradingError(f"barème inconnu : « {name} »",
                           hint="Barèmes fournis : " + ", ".join(known)
                           + ". Ou donnez le chemin d'un fichier .toml.")
    return known[name].scale


def _scale_from(data: Mapping[str, Any], start: Scale, path: Path,
                problems: list[DicteeError]) -> Scale:
    weights = dict(start.weights)
    total, repetition, cap = start.total, start.repetition, start.cap
    rectified = start.rectified
    if "orthographe_rectifiee" in data:
        if not isinstance(data["orthographe_rectifiee"], bool):
            problems.append(DicteeError(
                f"« orthographe_rectifiee » vaut true (graphies de 1990 acceptées) ou false, "
                f"pas « {data['orthographe_rectifiee']} »", path=path,
                hint="Par exemple : orthographe_rectifiee = false"))
        else:
            rectified = data["orthographe_rectifiee"]
    for name in data:
        if name not in FIELDS:
            problems.append(DicteeError(f"champ inconnu : « {name} »", path=path,
                                        hint="Champs permis : " + ", ".join(FIELDS) + "."))
    if "sur" in data:
        value = _hundredths(data["sur"])
        if value is None or value == 0:
            problems.append(DicteeError(
                f"« sur » doit être un nombre positif (au plus deux décimales), "
                f"pas « {data['sur']} »", path=path, hint="Par exemple : sur = 20"))
        else:
            total = value
    if "repetition" in data:
        if data["repetition"] not in REPETITIONS:
            problems.append(DicteeError(
                f"« repetition » vaut « chaque-fois » ou « une-fois », pas "
                f"« {data['repetition']} »", path=path,
                hint='Par exemple : repetition = "une-fois"'))
        else:
            repetition = data["repetition"]
    if "plafond" in data:
        raw = data["plafond"]
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            problems.append(DicteeError(
                f"« plafond » est un nombre entier d'erreurs, 0 pour aucun plafond, pas "
                f"« {raw} »", path=path, hint="Par exemple : plafond = 20"))
        else:
            cap = raw
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
    return Scale(MappingProxyType(weights), total, repetition, cap, start.name, rectified)


def load_scale(path: Path) -> Scale:
    """Read a TOML scale; every problem is reported at once, with the file named."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise GradingError("barème introuvable", path=path,
                           hint="Vérifiez le chemin donné à --bareme, ou nommez un barème "
                                "fourni : " + ", ".join(presets()) + ".") from error
    except UnicodeDecodeError as error:
        raise GradingError("le barème n'est pas encodé en UTF-8", path=path,
                           hint="Enregistrez-le en UTF-8 depuis votre éditeur.") from error
    except tomllib.TOMLDecodeError as error:
        raise GradingError(f"le barème n'est pas un fichier TOML valide ({error})", path=path,
                           hint="Exemple de barème :\n" + EXAMPLE) from error
    problems: list[DicteeError] = []
    start = Scale.default()
    if "modele" in data:
        if data["modele"] in presets():
            start = presets()[data["modele"]].scale
        else:
            problems.append(DicteeError(
                f"modèle de barème inconnu : « {data['modele']} »", path=path,
                hint="Barèmes fournis : " + ", ".join(presets()) + "."))
    scale = _scale_from(data, start, path, problems)
    if problems:
        count = len(problems)
        detail = "\n".join(f"  • {p.describe()}" for p in problems)
        raise GradingError(f"le barème contient {count} erreur{'s' if count > 1 else ''} :\n"
                           + detail, names=[w for p in problems for w in p.locations()])
    return scale


def choose_scale(given: str | None) -> Scale:
    """--bareme: nothing (the default preset), a preset's name, or a TOML file."""
    if given is None:
        return Scale.default()
    if given in presets():
        return preset(given)
    if not given.lower().endswith(".toml") and not Path(given).exists():
        raise GradingError(f"barème inconnu : « {given} »", names=[given],
                           hint="Barèmes fournis : " + ", ".join(presets())
                           + ". Ou donnez le chemin d'un fichier .toml.")
    return load_scale(Path(given))
