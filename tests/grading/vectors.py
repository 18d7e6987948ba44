"""The shared test vectors (tests/vectors/corriger/*.json), generated from the labelled
corpus once the tool agrees with every label. Any other implementation of the rules (the
offline page) must give the same verdicts.

    python -m tests.grading.vectors   # from the repository root: rewrite the files
"""

from __future__ import annotations

import json
import sys
from types import MappingProxyType
from typing import Any

from dictee.grading import CATEGORIES, Scale, correct, lexicon_table
from dictee.grading.correction import correct_tokens
from dictee.grading.others import OtherText, follow_other_texts
from dictee.grading.scale import number
from dictee.grading.table import table_for
from dictee.grading.tokens import tokenize

from .corpus import REPO, corpus, level_texts

FOLDER = REPO / "tests" / "vectors" / "corriger"
FORMAT = "dictee-corriger-vecteurs/1"
# A second scale, so that implementations are checked on weights and totals too.
CUSTOM = Scale(MappingProxyType({"mot": 100, "homophone": 150, "grammaire": 100,
                                 "accent": 25, "ponctuation-majuscule": 0, "usage": 75}), 1000)
# The counting conventions: a repeated error once, and a cap on the errors counted.
COUNTING = Scale(Scale.default().weights, 2000, repetition="une-fois", cap=6)


def _scale(scale: Scale) -> dict[str, Any]:
    return {"sur": number(scale.total),
            "poids": {c: number(scale.weights[c]) for c in CATEGORIES},
            "repetition": scale.repetition, "plafond": scale.cap}


def _vector(level: str, scale: Scale, names: set[str] | None = None,
            case: str = "luis-manuel") -> dict[str, Any]:
    copies = [c for c in corpus() if c.case == case and c.level == level
              and (names is None or c.name in names) and not c.disagreement
              and c.other is None]  # a copy of another text is judged with the other texts
    text = copies[0].expected_text
    entries = []
    for labelled in copies:
        verdict = correct(text, labelled.copy, scale).as_json(labelled.name)
        del verdict["copie"]
        entries.append({"nom": labelled.name, "description": labelled.description,
                        "copie": labelled.copy, "attendu": verdict})
    return {"format": FORMAT, "cas": case, "niveau": level, "texte": text,
            "bareme": _scale(scale), "table": lexicon_table(text), "copies": entries}


def _other_level_vector(case: str, level: str) -> dict[str, Any]:
    """The copies of a case's level judged as the page judges them: with the case's
    other level at hand (`autres`), as others.follow_other_texts does. The copies of
    that other level, and those of this one that are flagged or labelled by their flag
    only (very weak pupils, dyslexic spellings): the others are in {case}-{level}.json."""
    other = next(name for name in level_texts(case) if name != level)
    others = [OtherText(case, other, level_texts(case)[other], True)]
    copies = [c for c in corpus() if c.case == case and c.level == level
              and not c.disagreement and not c.alone
              and c.other in (None, f"{case}/{other}")
              and (c.flag is not None or c.errors is None)]
    text = copies[0].expected_text
    table = table_for(text)
    entries = []
    for labelled in copies:
        written = tokenize(labelled.copy)
        found = follow_other_texts([written], [correct_tokens(table, written)],
                                   lambda: others)[0]
        verdict = found.as_json(labelled.name)
        del verdict["copie"]
        entries.append({"nom": labelled.name, "description": labelled.description,
                        "copie": labelled.copy, "attendu": verdict})
    return {"format": FORMAT, "cas": case, "niveau": level, "texte": text,
            "bareme": _scale(Scale.default()), "table": lexicon_table(text),
            "autres": [{"cas": o.case, "niveau": o.level, "texte": o.text,
                        "table": lexicon_table(o.text)} for o in others],
            "copies": entries}


def vectors() -> dict[str, dict[str, Any]]:
    found = {f"luis-manuel-{level}.json": _vector(level, Scale.default())
             for level in ("primaire", "secondaire")}
    found["bareme-personnalise.json"] = _vector(
        "primaire", CUSTOM, {"primaire-melange-1", "primaire-melange-2", "primaire-accents",
                             "primaire-ponctuation", "primaire-parfaite"})
    found["bareme-repetition-plafond.json"] = _vector(
        "secondaire", COUNTING, {"secondaire-phrase-repetee", "secondaire-melange-1",
                                 "secondaire-melange-5", "secondaire-faute-repetee",
                                 "secondaire-copie-incomplete-dernier-mot-repete",
                                 "secondaire-copie-incomplete-en-pleine-phrase",
                                 "secondaire-trop-longue", "secondaire-double"})
    # The other cases (corpus-autres-cas.yaml): copies that stop early in mid-sentence,
    # compound words, nouns that are also participles, the reform's numerals.
    for case in ("sasha", "chow-hang-tung", "dorgelesse"):
        for level in ("primaire", "secondaire"):
            found[f"{case}-{level}.json"] = _vector(level, Scale.default(), case=case)
    # The page holds both levels of its case: a copy of the other level is told so.
    for case, level in (("luis-manuel", "secondaire"), ("sasha", "primaire"),
                        ("dorgelesse", "secondaire")):
        found[f"autre-niveau-{case}-{level}.json"] = _other_level_vector(case, level)
    return found


def dump(vector: dict[str, Any]) -> str:
    return json.dumps(vector, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, vector in vectors().items():
        (FOLDER / name).write_text(dump(vector), encoding="utf-8")
        print(f"écrit : {FOLDER / name} ({len(vector['copies'])} copies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
