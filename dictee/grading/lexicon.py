"""What the correction knows about French words, from Lexique 3.83.

Each form has lemmas (same lemma → a `grammaire` error) and phonetic
transcriptions (same sound, another lemma → a `homophone` error). Lexique gives
function words their own lemma (« une » is not a form of « un »), so closed
families are added here by hand, as are the elided forms (« c' », « qu' ») it
lacks. The data file is derived by tools/construire_lexique.py; it is read once,
on first use, and kept for the life of the process.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lexique383.tsv.gz"
SOURCE = ("Lexique 3.83 (New, B., Pallier, C. et al., www.lexique.org), "
          "licence CC BY-SA 4.0")

# Lexique's phonetic alphabet distinguishes sounds many French speakers merge and a
# dictation cannot tell apart: é/è (et, est), o ouvert/fermé (peau, pot), eu/e muet
# (ce, se), in/un (brin, brun).
_PHON_MERGE = str.maketrans({"E": "e", "O": "o", "9": "2", "°": "2", "1": "5"})

# Elided forms: the full word they stand for and their sound (normalised alphabet).
ELISIONS: dict[str, tuple[str, str]] = {
    "c'": ("ce", "s"), "d'": ("de", "d"), "j'": ("je", "Z"), "l'": ("le", "l"),
    "m'": ("me", "m"), "n'": ("ne", "n"), "qu'": ("que", "k"), "s'": ("se", "s"),
    "t'": ("te", "t"), "jusqu'": ("jusque", "Zysk"), "lorsqu'": ("lorsque", "lorsk"),
    "puisqu'": ("puisque", "p8isk"), "quoiqu'": ("quoique", "kwak"),
    "quelqu'": ("quelque", "kelk"),
}

# Closed classes whose members Lexique lemmatises apart: one family is one word for a
# teacher (« une » for « un » is an agreement error). Names start with « + » so they
# never mix with Lexique's own lemmas.
FAMILIES: dict[str, tuple[str, ...]] = {
    "+le": ("le", "la", "les", "l'"),
    "+un": ("un", "une", "des"),
    "+de": ("de", "d'", "du", "des"),
    "+à": ("à", "au", "aux"),
    "+ce": ("ce", "cet", "cette", "ces", "c'"),
    "+mon": ("mon", "ma", "mes"),
    "+ton": ("ton", "ta", "tes"),
    "+son": ("son", "sa", "ses"),
    "+notre": ("notre", "nos"),
    "+votre": ("votre", "vos"),
    "+leur": ("leur", "leurs"),
    "+je": ("je", "j'"),
    "+me": ("me", "m'"),
    "+te": ("te", "t'"),
    "+se": ("se", "s'"),
    "+si": ("si", "s'"),
    "+ne": ("ne", "n'"),
    "+que": ("que", "qu'"),
    "+jusque": ("jusque", "jusqu'"),
    "+lorsque": ("lorsque", "lorsqu'"),
    "+puisque": ("puisque", "puisqu'"),
    "+quoique": ("quoique", "quoiqu'"),
    "+quelque": ("quelque", "quelques", "quelqu'"),
    "+il": ("il", "ils"),
    "+elle": ("elle", "elles"),
    "+lui": ("lui", "eux"),
    "+celui": ("celui", "celle", "ceux", "celles"),
    "+quel": ("quel", "quelle", "quels", "quelles"),
    "+lequel": ("lequel", "laquelle", "lesquels", "lesquelles"),
    "+aucun": ("aucun", "aucune"),
    "+tout": ("tout", "toute", "tous", "toutes"),
}

_VOWEL_START = tuple("aâàäeéèêëiîïoôöuùûüyÿh")

# A written word counts as a homophone only if it is a word pupils meet: at least this
# many occurrences per million words (Lexique's films or books corpus). Rarer forms
# (« na », « dard », « étai ») are taken for what they nearly always are: misspellings.
FREQUENT = 10


def sound(phon: str) -> str:
    """A Lexique transcription in the merged alphabet used for homophones."""
    return phon.translate(_PHON_MERGE)


class _Index:
    """Sorted (key, form) pairs: every form of a key by bisection, no dict of sets to
    build (building one for 130 000 forms would double the loading time)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        pairs.sort()
        self.keys = [k for k, _ in pairs]
        self.values = [v for _, v in pairs]

    def get(self, key: str) -> list[str]:
        start = bisect_left(self.keys, key)
        end = bisect_right(self.keys, key, start)
        return self.values[start:end]


class Lexicon:
    """Forms → lemmas and sounds, and back, with the hand-made families and elisions."""

    def __init__(self, forms: list[str], phons: list[str], lemmas: list[str],
                 frequent: list[bool], verbs: set[str] | None = None,
                 counts: list[int] | None = None, spoken: list[str] | None = None) -> None:
        self.verbs = verbs or set()  # lemmas that are verbs
        self._forms, self._phons, self._lemmas = forms, phons, lemmas  # sorted by form
        self._counts = counts  # occurrences per million words, row by row
        self._spoken = spoken  # Lexique's own transcriptions, before merging sounds
        self._by_lemma = _Index(list(zip(lemmas, forms)))
        # « qu », « l », « n » are elided words typed without their apostrophe, not
        # words that sound like them.
        heads = {elided[:-1] for elided in ELISIONS}
        self._by_sound = _Index(sorted({(p, f) for p, f, keep in zip(phons, forms, frequent)
                                        if keep and f not in heads}))
        self._families: dict[str, set[str]] = {}
        for family, members in FAMILIES.items():
            for form in members:
                self._families.setdefault(form, set()).add(family)
        self._elided_by_sound: dict[str, list[str]] = {}
        for elided, (_, phon) in ELISIONS.items():
            self._elided_by_sound.setdefault(phon, []).append(elided)

    def _rows(self, form: str) -> range:
        start = bisect_left(self._forms, form)
        return range(start, bisect_right(self._forms, form, start))

    def lemmas_of(self, form: str) -> set[str]:
        rows = self._rows(form)
        return {self._lemmas[r] for r in rows} | self._families.get(form, set())

    def sounds_of(self, form: str) -> set[str]:
        if form in ELISIONS:
            return {ELISIONS[form][1]}
        return {self._phons[r] for r in self._rows(form)}

    def frequency_of(self, form: str) -> int:
        """How common a written form is: occurrences per million words (the larger of
        Lexique's films and books corpora), 0 for a form Lexique does not know."""
        if self._counts is None:
            return 0
        return max((self._counts[r] for r in self._rows(form)), default=0)

    def exact_sounds_of(self, form: str) -> set[str]:
        """Lexique's transcriptions of a form, without the merges of `sound()`: what
        tells a true homophone (« vin », « vingt ») from a near one (« de », « deux »)."""
        if self._spoken is None:
            return set()
        return {self._spoken[r] for r in self._rows(form)}

    def forms_of(self, lemma: str) -> set[str]:
        if lemma in FAMILIES:
            return set(FAMILIES[lemma])
        return set(self._by_lemma.get(lemma))

    def _spelled(self, phon: str) -> list[str]:
        return self._by_sound.get(phon) + self._elided_by_sound.get(phon, [])

    def spellings_of(self, phon: str) -> set[str]:
        """Every frequent spelling of a sound: single forms, and an elided word followed
        by a word starting with a vowel or h (« c'est », « l'a » sound like « ses », « la »)."""
        found = set(self._spelled(phon))
        for elided, (_, head) in ELISIONS.items():
            rest = phon[len(head):]
            if rest and phon.startswith(head):
                found.update(elided + form for form in self._spelled(rest)
                             if form.startswith(_VOWEL_START))
        return found


def _read(path: Path) -> Lexicon:
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    body = text[text.index("\n") + 1:] if text.startswith("#") else text
    cells = body.replace("\n", "\t").split("\t")[:-1]
    phons = "\n".join(cells[1::5]).translate(_PHON_MERGE).split("\n")
    counts = list(map(int, cells[3::5]))
    frequent = [n >= FREQUENT for n in counts]
    lemmas = cells[2::5]
    verbs = {lemma for lemma, flag in zip(lemmas, cells[4::5]) if flag}
    return Lexicon(cells[0::5], phons, lemmas, frequent, verbs, counts, cells[1::5])


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, read on first use (a few tenths of a second) and then kept."""
    return _read(DATA)
