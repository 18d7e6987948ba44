"""Build dictee/grading/data/rectifications.tsv: the spellings of the 1990 reform and
the traditional spellings they stand for, word form by word form.

Source: the French Hunspell dictionaries of Grammalecte (Dicollecte, MPL 2.0), as
Debian ships them. The « classique » dictionary (hunspell-fr-classical) holds the
traditional spellings (and a few reformed ones long accepted, such as « évènement »);
the « réforme 1990 » one (hunspell-fr-revised) holds the reformed spellings only. The
two Debian packages conflict with each other, so extract them side by side:

    apt-get download hunspell-fr-revised hunspell-fr-classical
    dpkg-deb -x hunspell-fr-classical_*.deb /tmp/classique
    dpkg-deb -x hunspell-fr-revised_*.deb /tmp/reforme
    python tools/construire_rectifications.py /tmp/classique/usr/share/hunspell/fr.dic \\
        /tmp/reforme/usr/share/hunspell/fr.dic

A stem found only in the reformed dictionary is paired with the stem found only in the
classical one that differs from it by accents (« connaitre » / « connaître », « flute » /
« flûte »), by « ph » written « f », or by a hyphen; the stems left over, by the reform's
other changes too (doubled consonants, « ognon », « assoir », see loose_skeleton).
The pair's difference is then applied to every form of the traditional word that
Lexique knows (« connaît » → « connait », « flûtes » → « flutes »): the dictionaries
hold stems and affix rules, and Lexique holds the inflected forms pupils write.
Numerals joined by hyphens (« vingt-et-un ») are a rule of the grader
(dictee/grading/table.py), not a list. The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.grading.lexicon import load  # noqa: E402

OUTPUT = (Path(__file__).resolve().parent.parent / "dictee" / "grading" / "data"
          / "rectifications.tsv")
HEADER = ("# Dérivé des dictionnaires Hunspell français de Grammalecte (Dicollecte, "
          "https://grammalecte.net), version 7.0, licence MPL 2.0. Colonnes : graphie "
          "traditionnelle, graphie rectifiée (1990).\n")


def stems(path: Path) -> set[str]:
    """The lower-case stems of a Hunspell .dic file (first line: the count), without
    affix flags or morphological fields."""
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word = unicodedata.normalize("NFC", line.split("/", 1)[0].split()[0] if line.split()
                                     else "")
        if word[:1].islower():
            found.add(word)
    return found


def skeleton(word: str) -> str:
    """What two spellings of one word share: no accents, « ph » as « f », no hyphen."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word)
                    if not "\u0300" <= c <= "\u036f")
    return plain.replace("ph", "f").replace("-", "")


# The reform's other changes, tried only for the stems the first pairing left alone:
# consonants doubled or made single (« chariot » / « charriot », « interpeller » /
# « interpeler », « amoncellement » / « amoncèlement »), « oign » written « ogn »
# (« oignon » / « ognon »), « seoir » written « soir » (« asseoir » / « assoir »), « cz »
# written « x » (« eczéma » / « exéma »), « illier » written « iller » (« joaillier » /
# « joailler »). Narrow on purpose: « eo » alone would pair « oolithe » with « éolithe ».
_REFORM_CHANGES = (("oign", "ogn"), ("seoi", "soi"), ("cz", "x"), ("illier", "iller"))


def loose_skeleton(word: str) -> str:
    """skeleton() with the reform's other changes undone and every double letter single."""
    plain = skeleton(word)
    for before, after in _REFORM_CHANGES:
        plain = plain.replace(before, after)
    return re.sub(r"(.)\1+", r"\1", plain)


def _matched(classical: set[str], revised: set[str], key: Callable[[str], str]
             ) -> list[tuple[str, str]]:
    old: dict[str, list[str]] = {}
    for word in classical:
        old.setdefault(key(word), []).append(word)
    new: dict[str, list[str]] = {}
    for word in revised:
        if key(word) in old:
            new.setdefault(key(word), []).append(word)
    return sorted((old[k][0], new[k][0]) for k in old.keys() & new.keys()
                  if len(old[k]) == 1 and len(new[k]) == 1 and old[k][0] != new[k][0])


def pairs(classical: set[str], revised: set[str]) -> list[tuple[str, str]]:
    """(traditional, rectified) stems: a stem the reform drops (in the classical
    dictionary only) and the one spelling of the reformed dictionary with the same
    skeleton (« événement » / « évènement », which the classical one also accepts); then,
    for the dropped stems still unpaired, the same with loose_skeleton() (« oignon » /
    « ognon »). An ambiguous skeleton is left out rather than guessed."""
    strict, loose = strict_and_loose(classical, revised)
    return sorted(strict + loose)


def strict_and_loose(classical: set[str], revised: set[str]
                     ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """pairs(), as the pairs of skeleton() and those of loose_skeleton()."""
    dropped = classical - revised
    strict = _matched(dropped, revised, skeleton)
    left = dropped - {old for old, _ in strict}
    return strict, _matched(left, revised, loose_skeleton)


def _change(traditional: str, rectified: str) -> tuple[str, str, str]:
    """The common beginning, and what replaces what after it."""
    start = 0
    while start < min(len(traditional), len(rectified)) \
            and traditional[start] == rectified[start]:
        start += 1
    end = 0
    while end < min(len(traditional), len(rectified)) - start \
            and traditional[-1 - end] == rectified[-1 - end]:
        end += 1
    return (traditional[:start], traditional[start:len(traditional) - end],
            rectified[start:len(rectified) - end])


def _same_change(traditional: str, form: str, head: str, before: str) -> bool:
    """For a pair of loose_skeleton(), the stem's change applies to this form. A letter
    dropped applies only where the form goes on as the stem does (« asseyait » is not
    « asseoir » with « eo » in it); a double letter made single, not where the reform
    adds a grave accent besides (« interpelle » is « interpèle », not « interpele »):
    between « e » and a mute « e »."""
    cut = len(head + before)
    if not form.startswith(head + before):
        return False
    if not (len(before) == 1 and head.endswith(before)):
        return form[cut:cut + 1] == traditional[cut:cut + 1]
    return not (head[-2:-1] == "e" and form[cut:cut + 1] == "e"
                and form[cut + 1:] in ("", "s", "nt", "ra", "rai", "ras", "rait", "rons",
                                       "rez", "ront", "raient", "rais", "riez", "rions"))


def forms(stem_pairs: list[tuple[str, str]], loose: frozenset[tuple[str, str]] = frozenset()
          ) -> list[tuple[str, str]]:
    """Every form of each traditional word (Lexique) with its rectified spelling; for
    the `loose` pairs, only the forms _same_change() allows."""
    lexicon = load()
    found = set(stem_pairs)
    for traditional, rectified in stem_pairs:
        head, before, after = _change(traditional, rectified)
        lemmas = lexicon.lemmas_of(traditional) or {traditional}
        for lemma in lemmas:
            if lemma != traditional:
                continue  # only the forms of this word, not of another lemma it is a form of
            for form in lexicon.forms_of(lemma):
                if form.startswith(head + before) and (
                        (traditional, rectified) not in loose
                        or _same_change(traditional, form, head, before)):
                    found.add((form, head + after + form[len(head + before):]))
    return sorted(p for p in found if p[0] != p[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("classique", type=Path, help="fr.dic de hunspell-fr-classical")
    parser.add_argument("reforme", type=Path, help="fr.dic de hunspell-fr-revised")
    args = parser.parse_args()
    strict, loose = strict_and_loose(stems(args.classique), stems(args.reforme))
    stem_pairs = sorted(strict + loose)  # pairs()
    found = forms(stem_pairs, frozenset(loose))
    text = HEADER + "".join(f"{a}\t{b}\n" for a, b in found)
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    print(f"écrit : {OUTPUT} ({len(stem_pairs)} mots, {len(found)} formes, {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
