"""Cut a dictation into sentences and meaning groups.

A teacher dictates a sentence in small groups of about 3 to 8 words, cut at
punctuation first and never right after a word that leans on the next one
(an article, a preposition, an elided form such as « d’ » or « qu’ »). Authors
may force a cut with « / » in the text; the mark never shows in documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CUT_MARK = re.compile(r"\s+/\s+")
MIN_WORDS, TARGET_WORDS, MAX_WORDS = 3, 5, 8

# Words after which a pause would split a unit of meaning.
_LEANING = frozenset(
    """le la les un une des du de au aux à en dans sur sous par pour avec sans chez vers
    entre et ou mais donc que qui dont où ne se ce ces cet cette son sa ses mon ma mes ton
    ta tes notre nos votre vos leur leurs je tu il elle on nous vous ils elles me te lui y
    très plus moins si tout toute tous toutes quelques après avant depuis pendant selon
    comme lorsque quand puis est sont a ont été avait deux trois quatre cinq six sept huit
    neuf dix onze douze vingt trente quarante cinquante cent mille près
    m. mm. mme mmes mlle mlles dr pr me chaque aucun aucune plusieurs devant derrière
    contre malgré parmi envers durant dès hors grâce afin lors auprès""".split()
)
_ELIDED_LEANING = frozenset("un une à au aux il ils on".split())
# A number written in digits (« 2 300 »), or an ordinal (« 6e », « 1re », « XXe »),
# leans on its noun; « Ier » (« François Ier ») follows its own.
# An ordinal as written, its number then its ending (« 6e », « 1re », « XIXe », « XXes »):
# in roman numerals, two letters or more, or V or X (« Le », « Ce » are words). Also
# audio/spoken.py's, which says it.
ORDINAL = r"(\d+|[IVXLC]{2,}|[VX])(e|er|re|ère|ème|es|ers|res)"
_NUMBER_OR_ORDINAL = re.compile(r"\d+(?:[ ,.]\d+)*|" + ORDINAL)
# A symbol that follows its number (« 73 % », « 20 °C ») and digits that continue it
# (« 12 000 »): never cut from it.
_SYMBOL = re.compile(r"%|‰|\$|€|°[CF]?|h|min")
_THOUSANDS = re.compile(r"\d{3}[,.]?")
_DIGITS = re.compile(r"(?:\d{1,3})(?: \d{3})*")


def _after_mark(marks: str) -> str:
    """A lookbehind: right after one of `marks`, or after the closing quote or bracket
    that follows it (« … toute une vie. » Sur… », « … boréale ? » demande… »: French
    typography puts the mark of a quoted sentence inside the quote, often after a
    no-break space). A straight quote after a space may as well open what follows
    (« fini. " Viens ici ! " dit-elle »): not taken for a closing one."""
    return (rf"(?:(?<=[{marks}])|(?<=[{marks}][»\"”)])"
            rf"|(?<=[{marks}][ \u00a0\u202f][»”)]))")


# A sentence ends after its mark (_after_mark), unless that full stop abbreviates
# (_abbreviated).
_SENTENCE_END = re.compile(_after_mark(".!?…") + r"\s+(?=[«\"(—–]?\s*[A-ZÀ-ÖØ-Þ0-9ÉÈÊ])")
# A title or a word abbreviated before a name or a date: « M. Tremblay », « av. J.-C. ».
_TITLE = re.compile(r"(?:^|[\s(«])(?:M|MM|Dr|Pr|St|Ste|Mgr|av|apr)\.$")
# A month abbreviated before its year (« le 19 sept. 2022 »): « Il en a sept. » ends.
# Its name in full: audio/spoken.py says it.
MONTHS = {"janv": "janvier", "févr": "février", "avr": "avril", "juil": "juillet",
          "sept": "septembre", "oct": "octobre", "nov": "novembre", "déc": "décembre"}
_MONTH = re.compile(r"(?:^|[\s(«])(?:" + "|".join(MONTHS) + r")\.$")
# An initial: a capital alone before its full stop, not after a hyphen (« J.-C. » ends).
_INITIAL = re.compile(r"(?:^|[\s(«])([A-ZÀ-ÖØ-Þ]\.)$")
_CAPITALISED = re.compile(r"(?:^|[\s(«])[A-ZÀ-ÖØ-Þ][^\s]*\s+[A-ZÀ-ÖØ-Þ]\.$")
# Inside a sentence, a cut after « , ; : » and after « ? ! … » (_after_mark): never
# before a closing quote, nor before a dash (_asides cuts before an opening one).
_PUNCT_CUT = re.compile(_after_mark(",;:?!…") + r"\s+(?![»\"”)—–])")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+(?:[-’'][0-9A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+)*[’']?")


def count_words(text: str) -> int:
    """Count words as a teacher would: « l’art » is two words, « Écrivons-lui » one."""
    return len(_WORD.findall(re.sub(r"([’'])", r"\1 ", text)))


def strip_marks(text: str) -> str:
    return CUT_MARK.sub(" ", text)


def paragraphs(body: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", body.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


ABBREVIATION_REACH = 60  # characters before a full stop that say whether it abbreviates


def _abbreviated(before: str, after: str) -> bool:
    """Whether the full stop that ends `before` abbreviates, `after` following it: a
    title (« M. Tremblay »), a month before its year (« 19 sept. 2022 »), or an initial
    followed by another (« J. K. ») or after a name (« Luis M. Otero », « J. K.
    Rowling »). A capital alone after a common word ends its sentence: « …la vitamine
    C. Elle… », « …de A à Z. Ensuite… »."""
    if _TITLE.search(before) or (_MONTH.search(before) and after[:1].isdigit()):
        return True
    if not _INITIAL.search(before):
        return False
    return bool(re.match(r"[A-ZÀ-ÖØ-Þ]\.", after)) or bool(_CAPITALISED.search(before))


def sentences(paragraph: str) -> list[str]:
    found, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        # Only the words around the full stop matter: the time stays linear in the text.
        if not _abbreviated(paragraph[max(0, end.start() - ABBREVIATION_REACH):end.start()],
                            paragraph[end.end():end.end() + 2]):
            found.append(paragraph[start:end.start()])
            start = end.end()
    found.append(paragraph[start:])
    return [s.strip() for s in found if s.strip()]


@dataclass(frozen=True)
class _Piece:
    words: list[str]
    hard_after: bool  # a forced cut or punctuation follows


def _leans(word: str) -> bool:
    bare = word.lower().strip("«»\"()")
    # « qu'un », « d'une », « jusqu'à », « s'il »: an article, a preposition or a subject
    # after an elision leans as it would alone (not « l'été », « d'elle », « quelqu'un »).
    last = re.split(r"[’']", bare)[-1]
    return bare.endswith(("’", "'")) or bare in _LEANING \
        or (last in _ELIDED_LEANING and not bare.startswith("quelqu")) \
        or bool(_NUMBER_OR_ORDINAL.fullmatch(word.strip("«»\"()")))


def _split_long(words: list[str]) -> list[list[str]]:
    """Split a run without punctuation into groups of MIN..MAX words, best cuts first."""
    n = len(words)
    if n <= MAX_WORDS:
        return [words]
    inf = float("inf")
    best: list[float] = [0.0] + [inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORDS), end - MIN_WORDS + 1):
            if best[start] == inf:
                continue
            size = end - start
            cost = best[start] + (size - TARGET_WORDS) ** 2
            if end < n and _leans(words[end - 1]):
                cost += 100
            if cost < best[end]:
                best[end], back[end] = cost, start
    if best[n] == inf:
        return [words]
    cuts, end = [], n
    while end > 0:
        cuts.append(words[back[end]:end])
        end = back[end]
    return cuts[::-1]


def _words(text: str) -> list[str]:
    """Split on spaces, keeping lone punctuation (« : », « » ») with its word."""
    words: list[str] = []
    pending_open = ""
    for token in text.split():
        if token in {"«", "("} or (_DASH_TOKEN.fullmatch(token) and not words):
            pending_open += token + " "
        elif pending_open and not re.search(r"\w", token):  # marks after an opening one
            pending_open += token + " "  # stay after it, in the text's order
        elif _DASH_TOKEN.fullmatch(token):  # closing an aside
            words[-1] += " " + token
        elif re.fullmatch(r"[:;!?»),.…]+", token) and words:
            words[-1] += " " + token
        elif re.fullmatch(r"\([^()\s]+\)[,;:.!?…]*", token) and words and not pending_open:
            words[-1] += " " + token  # a word in brackets stays with the one it explains
        elif not pending_open and words and words[-1][-1:].isdigit() and (
                _SYMBOL.fullmatch(token.rstrip(",;:.!?…"))
                or (_THOUSANDS.fullmatch(token) and _DIGITS.fullmatch(words[-1]))):
            words[-1] += " " + token  # « 73 % », « 12 000 », « 8 h »
        elif not pending_open and words and words[-1].endswith(" h") \
                and re.fullmatch(r"\d{1,2}[,;:.!?…]*", token):
            words[-1] += " " + token  # « 8 h 30 »
        else:
            words.append(pending_open + token)
            pending_open = ""
    if pending_open and words:
        words[-1] += " " + pending_open.strip()
    elif pending_open:  # a part that is a mark alone: kept, joined to a neighbour later
        words.append(pending_open.strip())
    return words


_DASHES = ("—", "–")  # an aside between two of them: « — une femme courageuse — »
_DASH_TOKEN = re.compile(r"[—–][,;:.!?…»)]*")  # a dash alone, perhaps with its punctuation


def _asides(text: str) -> list[str]:
    """`text` cut where an aside opens or closes, as at a comma: before the first dash
    of a pair and after the second (« Sa grand-mère — une femme très courageuse — a
    caché… »), around a bracket of MIN_WORDS words or more; a short one stays with the
    word it explains (« Montréal (Québec) »). A dash that starts the text is a
    dialogue's, outside any pair; a dash with no word after it closes (« Mais je ne
    voulais pas — »). Nothing is dropped: the parts, joined by spaces, are `text`."""
    tokens = list(re.finditer(r"\S+", text))
    cut_before: set[int] = set()
    dashes = 0
    for number, token in enumerate(tokens):
        if not _DASH_TOKEN.fullmatch(token.group()) or number == 0:
            continue
        opening = dashes % 2 == 0 and number + 1 < len(tokens)
        dashes += 1
        if opening:
            cut_before.add(number)
        elif number + 1 < len(tokens):
            cut_before.add(number + 1)
    for bracket in re.finditer(r"\(([^()]*)\)", text):
        if count_words(bracket.group(1)) < MIN_WORDS:
            continue
        # The words it spans; glued to the word before (« x(l'un-l'autre-et) »), it is
        # not cut from it.
        spanned = [k for k, token in enumerate(tokens)
                   if token.end() > bracket.start() and token.start() < bracket.end()]
        first, last = spanned[0], spanned[-1]
        if tokens[first].start() == bracket.start():
            cut_before.add(first)
        cut_before.add(last + 1)
    cut_before -= {0, len(tokens)}
    bounds = [0, *sorted(tokens[k].start() for k in cut_before), len(text)]
    return [part for part in (text[a:b].strip() for a, b in zip(bounds, bounds[1:])) if part]


def groups_of(sentence: str) -> list[str]:
    """Return the meaning groups of one sentence (which may hold « / » marks)."""
    pieces: list[_Piece] = []
    for forced in CUT_MARK.split(sentence):
        parts = [part for aside in _asides(forced.strip()) for part in _PUNCT_CUT.split(aside)]
        for i, part in enumerate(parts):
            words = _words(part)
            if words:
                pieces.append(_Piece(words, hard_after=i == len(parts) - 1))
    # A punctuation-bounded piece too short to dictate alone (« Un jour, »)
    # joins the next one, unless an author forced the cut after it.
    merged: list[list[str]] = []
    carry: list[str] = []
    for index, piece in enumerate(pieces):
        words = carry + piece.words
        carry = []
        last = index == len(pieces) - 1
        if len(words) < MIN_WORDS and not last and not piece.hard_after:
            carry = words
            continue
        merged.append(words)
    if carry:
        merged.append(carry)
    result: list[str] = []
    for words in merged:
        result.extend(" ".join(g) for g in _split_long(words))
    return result
