"""The hand-labelled corpus (corpus.yaml): build each copy and its expected verdict."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from dictee.content.loader import ContentRoot
from dictee.grading.correction import Correction, correct_tokens
from dictee.grading.others import OtherText, follow_other_texts
from dictee.grading.scale import Scale
from dictee.grading.table import table_for
from dictee.grading.tokens import is_word, tokenize

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("corpus.yaml")  # Luis Manuel (the shared vectors)
# The other cases, labelled before the tool was run on them (issue 11).
OTHER_CASES = Path(__file__).with_name("corpus-autres-cas.yaml")
# New copies of the four cases, labelled blind before the tool's first run (issue 11).
BLIND = Path(__file__).with_name("corpus-aveugle.yaml")

# Typographic variants a teacher does not count (see docs/correction.md).
TRANSFORMS = {
    "apostrophes-courbes": lambda t: t.replace("'", "\u2019"),
    "espaces-multiples": lambda t: t.replace(" ", "   "),
    "retours-a-la-ligne": lambda t: t.replace(". ", ".\n").replace(", ", ",\r\n"),
    "insecables": lambda t: re.sub(r" ([:;!?»])", "\u202f\\1", t).replace("« ", "«\u00a0"),
    "accents-decomposes": lambda t: unicodedata.normalize("NFD", t),
    "sans-espace-avant-ponctuation": lambda t: re.sub(r"\s+([:;!?])", r"\1", t),
    "guillemets-droits": lambda t: t.replace("« ", '"').replace(" »", '"'),
    "espace-avant-toute-ponctuation": lambda t: re.sub(r"([,.])", r" \1", t),
}


@dataclass(frozen=True)
class Labelled:
    name: str
    level: str
    description: str
    expected_text: str
    copy: str
    errors: list[tuple[str, str, str]] | None  # (attendu, écrit, catégorie), in text
    # order; None for a flagged copy whose errors are not labelled
    case: str = "luis-manuel"
    flag: str | None = None  # signalement: « copie vide », « copie incomplète »…
    sentence: int | None = None  # for « copie incomplète »: where the copy stops
    disagreement: str = ""  # why the tool does not agree yet (the test expects a failure)
    other: str | None = None  # « cas/niveau »: the other text a copy follows (autre-texte)
    alone: bool = False  # judged without the other texts at hand (as with --texte)


@cache
def level_texts(slug: str = "luis-manuel") -> dict[str, str]:
    case = ContentRoot(REPO).load(slug)
    return {name: level.text for name, level in case.levels.items()}


def _gap(token: str) -> str:
    return "mot" if is_word(token) else "ponctuation-majuscule"


def _build(entry: dict) -> Labelled:
    text = level_texts(entry.get("cas", "luis-manuel"))[entry["niveau"]]
    copy = text
    if "texte-de" in entry:  # a copy of another text: another level, another case
        case, level = entry["texte-de"].split("/")
        copy = level_texts(case)[level]
    for before, after in entry.get("remplacements", []):
        found = copy.count(before)
        if found != 1:
            raise ValueError(f"{entry['nom']}: « {before} » occurs {found} times")
        copy = copy.replace(before, after)
    for name in entry.get("transformations", []):
        copy = TRANSFORMS[name](copy)
    errors = entry["erreurs"]
    if "couper-apres" in entry:  # a copy that stops early
        cut = entry["couper-apres"]
        if copy.count(cut) != 1:
            raise ValueError(f"{entry['nom']}: « {cut} » must occur once")
        copy = copy[:copy.index(cut) + len(cut)]
    special = entry.get("copie")
    if special == "vide":
        copy = ""
    elif special == "double":
        copy = text + "\n\n" + text
    elif special == "triple-et-demi":
        copy = "\n\n".join([text] * 3 + [text[:len(text) // 2]])
    elif special is not None and special not in ("vide", "double"):
        copy = special  # a copy written out in full
    if errors == "toutes-manquantes":
        errors = [(t, "", _gap(t)) for t in tokenize(text)]
    elif errors == "ignorees":  # a flagged copy: only the flag is labelled
        errors = None
    elif errors == "toutes-ajoutees":
        errors = [("", t, _gap(t)) for t in tokenize(text)]
    return Labelled(entry["nom"], entry["niveau"], entry.get("description", ""), text, copy,
                    None if errors is None else [tuple(e) for e in errors],
                    entry.get("cas", "luis-manuel"), entry.get("signalement"),
                    entry.get("phrase"), entry.get("desaccord", ""),
                    entry.get("autre-texte"), entry.get("sans-autres-textes", False))


def other_texts(labelled: Labelled) -> list[OtherText]:
    """The texts of the four cases but the copy's own, as `dictee corriger --cas` has
    them at hand: the case's other level first."""
    cases = ["luis-manuel", "sasha", "chow-hang-tung", "dorgelesse"]
    cases.sort(key=lambda case: case != labelled.case)
    return [OtherText(case, level, text, case == labelled.case) for case in cases
            for level, text in level_texts(case).items()
            if (case, level) != (labelled.case, labelled.level)]


def judge(labelled: Labelled, scale: Scale | None = None) -> Correction:
    """The tool's verdict on a labelled copy, with the other texts at hand."""
    written = tokenize(labelled.copy)
    correction = correct_tokens(table_for(labelled.expected_text), written, scale)
    if labelled.alone:
        return correction
    return follow_other_texts([written], [correction], lambda: other_texts(labelled),
                              scale)[0]


@cache
def corpus() -> list[Labelled]:
    entries = [*yaml.safe_load(CORPUS.read_text(encoding="utf-8")),
               *yaml.safe_load(OTHER_CASES.read_text(encoding="utf-8")),
               *yaml.safe_load(BLIND.read_text(encoding="utf-8"))]
    return [_build(entry) for entry in entries]
