"""French typography for what teachers and pupils read.

Authors type ordinary spaces and straight apostrophes; documents get the
no-break spaces French requires: U+00A0 before « : » and inside « », and the
narrow U+202F before ; ! ?. Apostrophes become ’. A word ending quoted on its
own (« -ait », « -er ») gets the no-break hyphen U+2011, so that a line never
ends on « - with the ending alone on the next line.
"""

from __future__ import annotations

import re
import unicodedata

NBSP = "\u00a0"
NNBSP = "\u202f"
NBHY = "\u2011"

_SPACES = r"[ \u00a0\u202f\t]"
_BEFORE_COLON = re.compile(rf"(?<=\S){_SPACES}*:(?=\s|$)")
_BEFORE_HIGH = re.compile(rf"(?<=\S){_SPACES}*([;!?])")
_OPEN_QUOTE = re.compile(rf"«{_SPACES}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACES}*»")
_QUOTED_ENDING = re.compile(r"(«\u00a0)-(?=\w)")


def french(text: str) -> str:
    """Return `text` with French spacing and apostrophes, NFC-normalised."""
    text = unicodedata.normalize("NFC", text).replace("'", "’")
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _QUOTED_ENDING.sub(lambda m: m.group(1) + NBHY, text)
    return text


# An ordinary space where French wants a no-break one: before : ; ! ? that end a word
# (followed by a space, the end, closing punctuation or another mark, « Quoi ?! »:
# never « 12:30 », « C:\\ », « https:// », « ?a=1 », nor a file named « Bravo !.txt »),
# and inside « ».
_PLAIN_SPACE = re.compile(
    r"(?<=\S) (?=([:;!?])[:;!?]*(?:[\s)\]»\"'’…]|[.,](?!\w)|$))|(?<=«) | (?=»)")


def spaced(text: str, narrow: str = NNBSP) -> str:
    """`text` with the no-break spaces of French where it has an ordinary space, and
    nothing else changed: what the terminal shows (messages, help, tables), which names
    files, options and commands that must stay as they are (no apostrophe turned, no
    space added where there is none, as `french` does for documents).

    One character for one: `text` keeps its length, so the styles of a rich Text stay on
    their characters. `narrow` (before ; ! ?) is U+202F; a console that cannot write it
    passes U+00A0."""
    return _PLAIN_SPACE.sub(lambda m: narrow if m.group(1) in (";", "!", "?") else NBSP, text)


def decimal(value: float, places: int | None = None) -> str:
    """A number as French writes it, with a decimal comma: « 20,0 », « 1,5 », « 3 ».

    `places=None` gives the shortest form (no trailing zeros, as Python's `g`);
    otherwise exactly `places` digits after the comma. Every number a user reads
    goes through here, so that none escapes as « 20.0 s ».
    """
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",")


_SMALL = ("zéro", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
          "dix")


def times(count: int) -> str:
    """How many times, as French running text writes it: « une fois », « deux fois »
    (numbers up to ten in words), « 12 fois »."""
    return f"{_SMALL[count] if 0 <= count < len(_SMALL) else count} fois"


def file_size(octets: int) -> str:
    """A size as a French reader expects it: « 1,7 Mo », « 850 ko » (no-break space)."""
    if octets >= 1_000_000:
        return f"{decimal(octets / 1_000_000, 1)}{NBSP}Mo"
    return f"{max(1, round(octets / 1000))}{NBSP}ko"


def opening(text: str, words: int = 6) -> str:
    """The first `words` words of `text` in French typography, followed by « … » when
    something is left out: how the guide names a sentence (« phrase 3 : Le 31 mars … »).

    Words are cut at ordinary spaces only, so « 7 décembre » or « « mot » » joined by
    no-break spaces stay whole, and never inside a quotation: the opening is lengthened
    to its closing » when that takes at most `words` more words, otherwise it stops
    before the quotation."""
    pieces = re.split(r"[ \t\n]+", french(text).strip())
    cut = min(words, len(pieces))

    def open_at(n: int) -> int | None:
        depth, start = 0, None
        for k, piece in enumerate(pieces[:n]):
            for char in piece:
                if char == "«":
                    depth, start = depth + 1, (k if depth == 0 else start)
                elif char == "»" and depth:
                    depth -= 1
        return start if depth else None

    start = open_at(cut)
    if start is not None:
        longer = next((n for n in range(cut + 1, min(len(pieces), cut + words) + 1)
                       if open_at(n) is None), None)
        cut = longer if longer is not None else max(start, 1)
    shown = " ".join(pieces[:cut])
    if cut < len(pieces):
        shown = shown.rstrip(",;:" + NBSP + NNBSP) + " …"
    return shown


def plain(text: str) -> str:
    """Return `text` with ordinary spaces and straight apostrophes (for matching)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("’", "'").replace(NBSP, " ").replace(NNBSP, " ").replace(NBHY, "-")
