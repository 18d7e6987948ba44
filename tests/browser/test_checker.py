"""The page's checker gives the verdicts of `dictee corriger`, in a real browser.

Three sources of copies: the shared vectors of tests/vectors/corriger/ (the
labelled corpus of issue 4), a few copies labelled here by hand from the rules,
and a few hundred copies mutated at random from the built-in texts (fixed seed),
including noise that no pupil types, to exercise the tokenizer's edges.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from dictee.content.loader import ContentRoot
from dictee.grading.correction import correct
from dictee.grading.scale import Scale
from dictee.grading.table import lexicon_table
from tests.browser.conftest import PAGE
from tests.conftest import REPO

pytestmark = pytest.mark.browser

VECTORS = REPO / "tests" / "vectors" / "corriger"
FIELDS = ("erreurs", "nombre_erreurs", "par_categorie", "erreurs_comptees", "points", "note",
          "sur", "signalement", "copie_incomplete", "autre_texte")
SCALE = Scale.default().as_page()
RUN = """([cases, scale, others]) => cases.map(([expected, copy, table]) => {
  let v = DicteeCorrection.corriger(expected, copy, table, scale);
  if (others) { v = DicteeCorrection.suivre(copy, v, others, scale); }
  return {erreurs: v.erreurs, nombre_erreurs: v.nombre_erreurs, par_categorie: v.par_categorie,
          erreurs_comptees: v.erreurs_comptees, points: v.points, note: v.note, sur: v.sur,
          signalement: v.signalement, copie_incomplete: v.copie_incomplete,
          autre_texte: v.autre_texte};
})"""


@pytest.fixture(scope="module")
def checker(browser, kit):
    """The kit's page, opened once for the module: its checker is what we test."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((kit / PAGE).resolve().as_uri())
    yield page
    context.close()
    assert not errors, errors


def run_in_page(page, cases: list[tuple[str, str]], scale: dict = SCALE) -> list[dict]:
    tables: dict[str, dict] = {}
    payload = []
    for expected, copy in cases:
        if expected not in tables:
            tables[expected] = lexicon_table(expected)
        payload.append([expected, copy, tables[expected]])
    return page.evaluate(RUN, [payload, scale, None])


def python_verdict(expected: str, copy: str, scale: Scale | None = None) -> dict:
    verdict = correct(expected, copy, scale).as_json("copie")
    return {name: verdict[name] for name in FIELDS}


def assert_same(page, cases: list[tuple[str, str]]) -> None:
    browser_verdicts = run_in_page(page, cases)
    for (expected, copy), got in zip(cases, browser_verdicts):
        assert got == python_verdict(expected, copy), f"copie différente : {copy!r}"


def test_a_copy_that_stops_early_says_where(checker):
    """What the page shows as « Ta copie s'arrête à la phrase 2 »."""
    copy = "Il a écrit à sa sœur. Elles"
    got = run_in_page(checker, [(TEXT, copy)])[0]
    assert got["signalement"] == "copie incomplète"
    assert got["copie_incomplete"] == {"phrase": 2, "position": 8, "mots_non_ecrits": 9}
    assert got["erreurs"] == [] and got["note"] == 20
    assert got == python_verdict(TEXT, copy)


# ---- the shared vectors ---------------------------------------------------------------

def _vector_files() -> list[Path]:
    return sorted(VECTORS.glob("*.json"))


def test_there_are_shared_vectors():
    assert len(_vector_files()) >= 2


@pytest.mark.parametrize("path", _vector_files(), ids=lambda p: p.stem)
def test_shared_vectors_give_the_same_verdicts_in_the_browser(checker, path):
    """Each copy of the labelled corpus, with the word table and scale the vector carries."""
    vector = json.loads(path.read_text(encoding="utf-8"))
    assert vector["format"] == "dictee-corriger-vecteurs/1"
    scale = {"poids": {c: round(w * 100) for c, w in vector["bareme"]["poids"].items()},
             "sur": round(vector["bareme"]["sur"] * 100),
             "repetition": vector["bareme"]["repetition"], "plafond": vector["bareme"]["plafond"]}
    payload = [[vector["texte"], copy["copie"], vector["table"]] for copy in vector["copies"]]
    # The case's other level, as the page holds it (autre-niveau-*.json).
    others = [{"cas": o["cas"], "niveau": o["niveau"], "attendu": o["texte"],
               "table": o["table"]} for o in vector.get("autres", [])] or None
    verdicts = checker.evaluate(RUN, [payload, scale, others])
    wrong = [copy["nom"] for copy, got in zip(vector["copies"], verdicts)
             if got != copy["attendu"]]
    assert wrong == [], f"{len(wrong)} copies sur {len(verdicts)} diffèrent : {wrong}"


def test_the_page_leaves_out_the_same_function_words_as_python(checker):
    """The relatedness count (« copie sans rapport ») skips the same words on both sides,
    and tells English by the same words."""
    from dictee.grading.correction import ENGLISH_WORDS, FUNCTION_WORDS

    assert checker.evaluate("DicteeCorrection.FUNCTION_WORDS") == sorted(FUNCTION_WORDS)
    assert checker.evaluate("DicteeCorrection.ENGLISH_WORDS") == sorted(ENGLISH_WORDS)


def test_the_page_reads_numbers_written_in_words_as_python(checker):
    """« onze » for « 11 »: the same number words, with the same values, on both sides."""
    from dictee.grading import numbers

    assert checker.evaluate("DicteeCorrection.NUMBER_WORDS") == numbers.WORDS
    assert checker.evaluate("DicteeCorrection.NUMBER_PARTS") == sorted(numbers.PARTS)


def test_a_pasted_megabyte_is_flagged_too_long_at_once_as_in_python(checker):
    """The page's checker flags a pasted megabyte without aligning it (the page would
    freeze), with Python's verdict, on Python's bounds; the text pasted twice keeps its
    errors on both sides."""
    from dictee.grading.correction import ALIGNED_MAX_PERCENT, TOO_LONG_PERCENT

    assert checker.evaluate("DicteeCorrection.TOO_LONG_PERCENT") == TOO_LONG_PERCENT
    assert checker.evaluate("DicteeCorrection.ALIGNED_MAX_PERCENT") == ALIGNED_MAX_PERCENT
    pasted = (TEXT + "\n") * (1_000_000 // len(TEXT.encode()) + 1)
    twice = TEXT + " " + TEXT
    huge, double = run_in_page(checker, [(TEXT, pasted), (TEXT, twice)])
    assert (huge["signalement"], huge["erreurs"], huge["note"]) == ("copie trop longue", [],
                                                                    None)
    assert huge == python_verdict(TEXT, pasted)
    assert double["signalement"] == "copie trop longue" and double["nombre_erreurs"] > 0
    assert double == python_verdict(TEXT, twice)


# ---- copies labelled by hand from the rules ----------------------------------------------

TEXT = "Il a écrit à sa sœur. Elles écrivent qu'elles sont là ; c'est l'été !"
HAND = [
    ("Il a écrit à sa sœur. Elles écrivent qu'elles sont là ; c'est l'été !", []),
    # Not errors: curly apostrophes, no-break spaces, line breaks, decomposed accents.
    ("Il a  écrit à sa sœur.\nElles écrivent qu’elles sont là\u202f; c’est l’été\u00a0!", []),
    (unicodedata.normalize("NFD", TEXT), []),
    ("Il à écrit a sa sœur. Elles écrivent qu'elles sont là ; c'est l'été !",
     [("a", "à", "homophone"), ("à", "a", "homophone")]),
    ("Il a écrit à sa sœur. Elles écrive qu'elles son là ; s'est l'été !",
     [("écrivent", "écrive", "grammaire"), ("sont", "son", "homophone"),
      ("c'", "s'", "homophone")]),
    ("il a ecrit à sa soeur Elles écrivent qu'elles sont la ; c'est lété !",
     [("Il", "il", "ponctuation-majuscule"), ("écrit", "ecrit", "accent"),
      ("sœur", "soeur", "accent"), (".", "", "ponctuation-majuscule"),
      ("là", "la", "homophone"), ("l'été", "lété", "ponctuation-majuscule")]),
    ("Il a écrit à sa grande sœur. Elles écrivent qu'elles sont là ; c'est été !",
     [("", "grande", "mot"), ("l'", "", "mot")]),
    ("Il a écrit à sa seur. Elles écrivent qu'elles sont là ; c'est l'étée !",
     [("sœur", "seur", "usage"), ("été", "étée", "usage")]),
]


def test_hand_labelled_copies_agree_with_the_rules_and_with_python(checker):
    verdicts = run_in_page(checker, [(TEXT, copy) for copy, _ in HAND])
    for (copy, labels), got in zip(HAND, verdicts):
        found = [(e["attendu"], e["ecrit"], e["categorie"]) for e in got["erreurs"]]
        assert found == labels, copy
        assert got == python_verdict(TEXT, copy), copy


def test_scores_follow_the_scale_given_to_the_page(checker):
    copy = "il a écrit a sa sœur. Elles écrivent qu'elles sont là ; c'est l'été !"
    scale = Scale({**Scale.default().weights, "homophone": 250}, 1000)  # 2.5 pts, out of 10
    got = run_in_page(checker, [(TEXT, copy)], scale.as_page())[0]
    assert got == python_verdict(TEXT, copy, scale)
    assert (got["points"], got["note"], got["sur"]) == (3, 7, 10)


# ---- copies mutated at random from the built-in texts -----------------------------------

HOMOPHONES = [("a", "à"), ("et", "est"), ("son", "sont"), ("ces", "ses"), ("c'est", "s'est"),
              ("on", "ont"), ("ou", "où"), ("ce", "se"), ("la", "là"), ("peu", "peut"),
              ("ses", "c'est"), ("l'a", "la"), ("n'ont", "non")]
NOISE = ["_", "😀", "𝐀𝐁", "x\u0301", "\u0301", "\x1c", "\x85", "\ufeff", "...", "«", "—", "--",
         "-lui", "2021", "aujourd'hui", "Quelqu'un", "œ", "Æ", "İ", "ß", "'", "’’", "l'", "-"]


def _mutate(words: list[str], rng: random.Random) -> list[str]:
    words = list(words)
    for _ in range(rng.randint(0, 6)):
        if not words:
            break
        i = rng.randrange(len(words))
        word = words[i]
        kind = rng.randrange(14)
        if kind == 0:
            del words[i]
        elif kind == 1:
            words.insert(i, rng.choice(words))
        elif kind == 2:
            words[i] = "".join(c for c in unicodedata.normalize("NFD", word)
                               if not "\u0300" <= c <= "\u036f")
        elif kind == 3:
            words[i] = word.swapcase() if rng.random() < 0.3 else word[:1].swapcase() + word[1:]
        elif kind == 4:
            for a, b in HOMOPHONES:
                if word.lower().strip(".,;:!?") in (a, b):
                    words[i] = word.lower().replace(a, b) if a in word.lower() else b
                    break
        elif kind == 5:
            words[i] = word[:-1] if len(word) > 1 else word + "s"
        elif kind == 6:
            words[i] = word + rng.choice(["s", "e", "nt", "es"])
        elif kind == 7:
            words[i] = word.replace("'", rng.choice(["", " ", "’"]))
        elif kind == 8:
            words[i] = word.strip(".,;:!?") if rng.random() < 0.5 else word + ","
        elif kind == 9 and i + 1 < len(words):
            words[i:i + 2] = [word + words[i + 1]]
        elif kind == 10 and len(word) > 3:
            cut = rng.randrange(1, len(word) - 1)
            words[i:i + 1] = [word[:cut], word[cut:]]
        elif kind == 11:
            chars = list(word)
            chars[rng.randrange(len(chars))] = rng.choice("aeiouéèàçnmrst")
            words[i] = "".join(chars)
        elif kind == 12 and "'" in word.strip("'") and len(word.split("'", 1)[1]) > 2:
            head, tail = word.split("'", 1)  # the boundary moved: « la bandon »
            words[i:i + 1] = [head + tail[0], tail[1:]]
        elif kind == 12 and i + 1 < len(words) and len(words[i + 1]) > 2:
            words[i:i + 2] = [word + words[i + 1][0], words[i + 1][1:]]
        else:
            words.insert(i, rng.choice(NOISE))
    return words


def _spacing(words: list[str], rng: random.Random) -> str:
    out = ""
    for word in words:
        out += word + rng.choice([" ", " ", " ", "  ", "\n", "\u00a0", "\t"])
    return out


def test_random_copies_get_the_python_verdicts(checker):
    rng = random.Random(20221210)
    root = ContentRoot(REPO)
    cases = []
    for slug in root.slugs():
        for level in root.load(slug).levels.values():
            words = level.text.split()
            for _ in range(24):
                cases.append((level.text, _spacing(_mutate(words, rng), rng)))
            cases.append((level.text, ""))
            cases.append((level.text, "".join(rng.choice(NOISE + [" "]) for _ in range(60))))
    assert len(cases) > 200
    assert_same(checker, cases)


def test_copies_that_stop_early_get_the_python_verdicts(checker):
    """Copies with mistakes, cut anywhere from the fifth word to nine tenths of the text
    (on a word the text repeats further on, often): flagged, placed where they stop, and
    graded on what was written, the same way in the page."""
    rng = random.Random(20221211)
    root = ContentRoot(REPO)
    cases = []
    for slug in root.slugs():
        for level in root.load(slug).levels.values():
            words = level.text.split()
            for _ in range(8):
                mutated = _mutate(words, rng)
                cut = rng.randrange(5, len(mutated) * 9 // 10)
                cases.append((level.text, _spacing(mutated[:cut], rng)))
    for expected, copy in cases:
        verdict = python_verdict(expected, copy)
        assert verdict["signalement"] == "copie incomplète", copy[-60:]
        assert verdict["nombre_erreurs"] <= 10, (copy[-60:], verdict["erreurs"])
    assert_same(checker, cases)


def test_words_named_like_javascript_properties_are_plain_words(checker):
    """« constructor » or « toString » in a copy is a word like any other: the page's
    checker once looked such a word up in a plain object and stopped on an error."""
    text = ContentRoot(REPO).load("luis-manuel").levels["primaire"].text
    assert_same(checker, [(text, text.replace("jamais", word, 1)) for word in
                          ("constructor", "toString", "valueOf", "hasOwnProperty", "__proto__")])


def test_the_page_carries_exactly_the_python_word_tables(checker, kit):
    case = ContentRoot(REPO).load("luis-manuel")
    for name, level in case.levels.items():
        carried = checker.evaluate("(n) => DicteeCorrection.deplier(n)", name)
        assert carried == lexicon_table(level.text)
        attendu = checker.evaluate("(n) => JSON.parse(document.getElementById('donnees')"
                                   ".textContent).niveaux[n].attendu", name)
        assert attendu == level.text


TRICKY = ["Écrivons-lui", "-lui", "a -lui", "«-lui»", "--lui", "x--y", "𝐀-b", "é\u0301-b",
          "\u0301-b", "2021-2022", "a-t-il", "aujourd'hui", "AUJOURD’HUI", "aujourd'huis",
          "Quelqu'un", "quelqu'une", "presqu'île", "l'aujourd'hui", "aujourd' hui", "a\x1cb",
          "a\x85b", "a\ufeffb", "a\u00adb", "a...b....", "a_b", "l''a", "’’", "x\u2011y",
          "« Non ! »", "un\u00a0: deux\u202f;", "ǅemal", "İstanbul", "ß", "Ⅻ", "٣", "a\tb\nc"]


def test_tokens_are_python_s(checker):
    from dictee.grading.tokens import tokenize

    got = checker.evaluate("(texts) => texts.map((t) => DicteeCorrection.tokenize(t))", TRICKY)
    assert got == [tokenize(text) for text in TRICKY]
