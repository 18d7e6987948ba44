"""Text → tokens, the same way for the expected text and for a pupil's copy.

A token is a word or one punctuation mark. What a teacher does not count as an
error disappears here: composed or decomposed accents (NFC), straight or curly
apostrophes, runs of spaces, line breaks, no-break spaces, a space or none
before : ; ! ?. The rules are documented in docs/correction.md and mirrored by
the browser version: keep both in step.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like characters a keyboard or a word processor may produce.
_APOSTROPHES = re.compile("[\u2019\u2018\u02bc\u2032\u00b4`]")
_HYPHENS = re.compile("[\u2010\u2011]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_THREE_DOTS = re.compile(r"\.\.\.")

# A word character: a letter or digit (never "_"), or a combining accent left
# over after NFC. In JavaScript: [\p{L}\p{N}\u0300-\u036f].
_W = r"(?:[^\W_]|[\u0300-\u036f])"
# Words written with an inner apostrophe that is not an elision.
INSEPARABLE = ("aujourd'hui", "presqu'île", "presqu'îles", "prud'homme", "prud'hommes",
               "quelqu'un", "quelqu'une")


def _token_pattern(word_char: str) -> re.Pattern[str]:
    return re.compile(
        rf"-(?<={word_char}-){word_char}+'?"  # a hyphen inside a word starts a token: « -lui »
        rf"|{word_char}+'?"  # a word; an elided word keeps its apostrophe: « l' », « qu' »
        r"|\S"  # any other visible character is one punctuation token
    )


_TOKEN = _token_pattern(_W)
# The same tokens, faster, for the usual text where NFC left no combining accent.
_TOKEN_NO_MARKS = _token_pattern(r"[^\W_]")
_MARK = re.compile("[\u0300-\u036f]")
_INSEPARABLE_HEADS = tuple(sorted({w[:w.index("'") + 1] for w in INSEPARABLE}))

QUOTE = '"'
DASH = "\u2014"
# Punctuation written differently on a keyboard but meaning the same.
_PUNCT_KEYS = {
    "\u00ab": QUOTE, "\u00bb": QUOTE, '"': QUOTE, "\u201c": QUOTE, "\u201d": QUOTE,
    "\u201e": QUOTE, "\u2039": QUOTE, "\u203a": QUOTE,
    "-": DASH, "\u2013": DASH, "\u2014": DASH, "\u2015": DASH,
}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_SEPARATORS = str.maketrans("", "", "'-")
# One pass for the usual letters (Latin-1 and Latin Extended-A): ligatures expanded,
# accents dropped, separators removed; anything rarer goes through NFD.
_FOLD = {ord("'"): None, ord("-"): None, ord("œ"): "oe", ord("æ"): "ae"}
for _code in range(0xC0, 0x180):
    _plain = "".join(c for c in unicodedata.normalize("NFD", chr(_code))
                     if not "\u0300" <= c <= "\u036f")
    if _plain != chr(_code) and _plain.isascii():
        _FOLD[_code] = _plain


def normalize(text: str) -> str:
    """NFC, one apostrophe, one hyphen, no invisible characters, « ... » as « … »."""
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHES.sub("'", text)
    text = _HYPHENS.sub("-", text)
    text = _INVISIBLE.sub("", text)
    return _THREE_DOTS.sub("\u2026", text)


def tokenize(text: str) -> list[str]:
    """Words and punctuation marks, in order; spaces and line breaks are dropped."""
    text = normalize(text)
    tokens = (_TOKEN if _MARK.search(text) else _TOKEN_NO_MARKS).findall(text)
    lowered = text.lower()
    if any(head in lowered for head in _INSEPARABLE_HEADS):  # rare: « aujourd' » + « hui »
        tokens = _join_inseparable(tokens)
    return tokens


def _join_inseparable(tokens: list[str]) -> list[str]:
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1].endswith("'") and (joined[-1] + token).lower() in INSEPARABLE:
            joined[-1] += token
        else:
            joined.append(token)
    return joined


@lru_cache(maxsize=1 << 17)  # asked of every token of every copy of a class
def is_word(token: str) -> bool:
    first = token[1] if token[0] == "-" and len(token) > 1 else token[0]
    return first.isalnum() or "\u0300" <= first <= "\u036f"


def key(token: str) -> str:
    """What must be equal for a token to be right: the word itself, case included;
    for punctuation, one key per mark whatever its keyboard form (« " », – —)."""
    return _PUNCT_KEYS.get(token, token)


_MARKS = re.compile("[\u0300-\u036f]+")


def strip_accents(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFD", text))


@lru_cache(maxsize=1 << 17)  # a long copy repeats its words: fold each once
def fold(token: str) -> str:
    """The skeleton of a word: lower case, no accents, no ligature, no ' or -.
    Two tokens with the same fold differ only typographically."""
    folded = token.lower().translate(_FOLD)
    return folded if folded.isascii() else strip_accents(folded)


def base(token: str) -> str:
    """Lower case without ' or -, accents and ligatures kept: equal bases with
    different tokens mean only capitals, apostrophes or hyphens differ."""
    return token.lower().translate(_SEPARATORS)


def lookup(token: str) -> str:
    """The form to look up in the lexicon: lower case, « œ » as Lexique writes it
    (« oe »), without the hyphen that joins it to the previous word."""
    form = token.lower().translate(_LIGATURES)
    return form[1:] if form.startswith("-") else form


# Verb endings, folded (no accents): « pensont » is « pens » + « ont », like « pensons »
# is « pens » + « ons », so it is a wrong ending of the verb penser.
VERB_ENDINGS = ("aient", "assent", "issent", "erent", "irent", "ions", "iez", "ons", "ont", "ire",
                "ent", "ees", "ais", "ait", "ant", "ues", "ies", "ez", "er", "ir", "re", "ai",
                "as", "ee", "es", "ue", "ie", "us", "is", "it", "ds", "e", "s", "t", "x", "a",
                "i", "u", "d")  # « -ds », « -d »: « il prend », « tu rends »
MIN_STEM = 3


_ENDINGS = frozenset(VERB_ENDINGS)
_LONGEST_ENDING = max(map(len, VERB_ENDINGS))


def stems(folded: str) -> frozenset[str]:
    """Every way to read a folded word as a stem of at least three letters plus a verb
    ending: « considere » is « consider » + « e » or « conside » + « re »."""
    longest = min(_LONGEST_ENDING, len(folded) - MIN_STEM)
    return frozenset(folded[:-k] for k in range(1, longest + 1) if folded[-k:] in _ENDINGS)


# Spellings of one sound, so that « drapo » is as close to « drapeau » as « drapeu »,
# « mèson » to « maison », « étai » to « été », « céliac » to « cœliaque » (the hard
# « c » is « k », a final « c » too).
_SKETCH = (("eau", "o"), ("au", "o"), ("ph", "f"), ("qu", "k"), ("ai", "e"), ("ei", "e"),
           ("oe", "e"), ("ck", "k"), ("ca", "ka"), ("co", "ko"), ("cu", "ku"))
_DOUBLE = re.compile(r"(.)\1+")


def single(folded: str) -> str:
    """A folded word with its double letters single: « appeller » is « apeler »."""
    return _DOUBLE.sub(r"\1", folded)


def sketch(folded: str) -> str:
    """A folded word with common spellings of one sound reduced and double letters
    single: only used to tell a misspelling (usage) from another word (mot)."""
    for spelling, sound in _SKETCH:
        folded = folded.replace(spelling, sound)
    if folded.endswith("c"):
        folded = folded[:-1] + "k"
    return _DOUBLE.sub(r"\1", folded)


def join(first: str, second: str) -> str:
    """Two tokens as one would read them: « c'est », « Écrivons-lui », « a été »."""
    glue = "" if first.endswith("'") or second.startswith("-") else " "
    return first + glue + second
