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
import hashlib
import marshal
import os
import sys
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from dictee.archive import atomic_path

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
    "+mien": ("mien", "mienne", "miens", "miennes"),
    "+tien": ("tien", "tienne", "tiens", "tiennes"),
    "+sien": ("sien", "sienne", "siens", "siennes"),
    "+nôtre": ("nôtre", "nôtres"),
    "+vôtre": ("vôtre", "vôtres"),
    # The numerals that take an « s » (« quatre-vingts », « deux cents »): with it or
    # without it is an agreement error, never a homophone (« cent » / « cents »).
    "+vingt": ("vingt", "vingts"),
    "+cent": ("cent", "cents"),
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

    @classmethod
    def sorted(cls, keys: list[str], values: list[str]) -> _Index:
        """An index from keys and values already in order (from the cache)."""
        index = cls.__new__(cls)
        index.keys, index.values = keys, values
        return index

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
        self._small_tables()

    def state(self) -> tuple:
        """Everything built from the data file, as plain lists (for the marshal cache)."""
        return (self._forms, self._phons, self._lemmas, sorted(self.verbs), self._counts,
                self._spoken, self._by_lemma.keys, self._by_lemma.values,
                self._by_sound.keys, self._by_sound.values)

    @classmethod
    def from_state(cls, state: tuple) -> Lexicon:
        """The lexicon from state(), without sorting anything again."""
        lexicon = cls.__new__(cls)
        (lexicon._forms, lexicon._phons, lexicon._lemmas, verbs, lexicon._counts,
         lexicon._spoken, lemma_keys, lemma_values, sound_keys, sound_values) = state
        lexicon.verbs = set(verbs)
        lexicon._by_lemma = _Index.sorted(lemma_keys, lemma_values)
        lexicon._by_sound = _Index.sorted(sound_keys, sound_values)
        lexicon._small_tables()
        return lexicon

    def _small_tables(self) -> None:
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


RECTIFICATIONS = Path(__file__).resolve().parent / "data" / "rectifications.tsv"
RECTIFICATIONS_SOURCE = ("dictionnaires Hunspell français de Grammalecte (Dicollecte), "
                         "licence MPL 2.0")


@lru_cache(maxsize=1)
def rectifications() -> dict[str, frozenset[str]]:
    """Each form's other spelling under the 1990 reform, both ways (« connaît » →
    « connait » and back), from data/rectifications.tsv (tools/construire_rectifications.py)."""
    found: dict[str, set[str]] = {}
    for line in RECTIFICATIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, rectified = line.split("\t")
            found.setdefault(traditional, set()).add(rectified)
            found.setdefault(rectified, set()).add(traditional)
    return {form: frozenset(others) for form, others in found.items()}


def cache_folder() -> Path | None:
    """The user's cache folder for dictee, or DICTEE_CACHE; None if DICTEE_CACHE is
    empty (no cache at all)."""
    folder = os.environ.get("DICTEE_CACHE")
    if folder == "":
        return None
    if folder is None:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME")
                              or os.path.join(os.path.expanduser("~"), ".cache"), "dictee")
    return Path(folder)


@lru_cache(maxsize=4)
def data_digest(path: Path = DATA) -> str:
    """The first 16 hex digits of the SHA-256 of a data file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def cache_file(path: Path = DATA) -> Path | None:
    """Where the lexicon, once read, is kept ready to load (marshal, 4 to 5 times faster
    to load than the data file: nothing to split, translate or sort). The name carries
    the data file's digest and the Python version, so a new lexicon or Python starts a
    new file."""
    folder = cache_folder()
    if folder is None:
        return None
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    return folder / f"lexique-{data_digest(path)}-py{version}-m{marshal.version}.marshal"


def _cached(path: Path) -> Lexicon:
    cache = cache_file(path)
    if cache is not None:
        try:
            return Lexicon.from_state(marshal.loads(cache.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache yet, or a damaged one: read the data file and write it again
    lexicon = _read(path)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(cache) as temporary:
                temporary.write_bytes(marshal.dumps(lexicon.state()))
        except OSError:
            pass  # a read-only home: the next run reads the data file again
    return lexicon


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, loaded on first use and then kept: from the cache when there is
    one (about 0.1 s), else from the data file (a few tenths of a second)."""
    return _cached(DATA)
