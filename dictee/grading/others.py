"""Which other text a copy seems to follow: the case's other level, or another case.

A teacher who grades a class against the wrong level (or the wrong case) would get
80 to 100 errors per copy, or « copie sans rapport », and no hint why. When the case is
known (`dictee corriger --cas`), a copy that looks off the text is corrected again
against the other texts, and flagged OTHER_TEXT, with the text it follows, when one of
them fits it far better: no mark, and the command to run instead.

Cheap: only a copy that is unrelated, too long, or has more than one error in
OFF_TEXT_SHARE written words is looked at again, and the other texts are read only
when the first such copy turns up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from dictee.grading.correction import (
    OTHER_TEXT,
    TOO_LONG,
    TOO_LONG_PERCENT,
    UNRELATED,
    Correction,
    Followed,
    correct_all_tokens,
)
from dictee.grading.scale import Scale
from dictee.grading.table import table_for
from dictee.grading.tokens import is_word, tokenize

# A marked copy with at least OFF_TEXT_MIN_ERRORS errors, and more than one error in
# OFF_TEXT_SHARE written words, is looked at against the other texts (a good pupil's
# copy never is: nothing to pay for a class that was given the right text).
OFF_TEXT_MIN_ERRORS = 5
OFF_TEXT_SHARE = 4
# Another text is the one followed when the copy, corrected against it, is marked (or
# stops early) with at most one error in FOLLOWED_SHARE written words, and at most
# 1 / FOLLOWED_RATIO of the errors it has against the text chosen: a copy of the right
# text has few errors, one of the wrong text many. The first bound keeps a short
# unrelated copy (« sans rapport », all the text's words missing) from following a
# text it merely starts like: there it stops early with its few words, most of them
# wrong, which is still far fewer errors than all the words it misses here.
FOLLOWED_SHARE = 2
FOLLOWED_RATIO = 2


class OtherText(NamedTuple):
    """A text the copy may follow instead: its case (slug), its level, its words."""

    case: str
    level: str
    text: str
    same_case: bool  # the graded case's other level (else another case)


def _off_text(correction: Correction, words: int) -> bool:
    if correction.flag in (UNRELATED, TOO_LONG):
        return True
    errors = len(correction.errors)
    return correction.marked and errors >= OFF_TEXT_MIN_ERRORS \
        and errors * OFF_TEXT_SHARE > words


def follow_other_texts(copies: Sequence[list[str]], corrections: Sequence[Correction],
                       others: Callable[[], Sequence[OtherText]],
                       scale: Scale | None = None) -> list[Correction]:
    """`corrections` (of the tokenised `copies`, in their order), where each copy that
    looks off the text and follows one of `others` far better is flagged OTHER_TEXT
    with that text (the one with fewest errors; the first, on a tie). `others` is
    called once, and only if some copy looks off the text."""
    words = [sum(map(is_word, written)) for written in copies]
    suspects = [k for k, c in enumerate(corrections) if c.flag != OTHER_TEXT
                and _off_text(c, words[k])]
    results = list(corrections)
    if not suspects:
        return results
    best: dict[int, tuple[int, OtherText]] = {}
    for other in others():
        expected = sum(map(is_word, tokenize(other.text)))
        # A copy too long for that text too is not tried (a pasted megabyte costs nothing).
        tried = [k for k in suspects if words[k] * 100 < TOO_LONG_PERCENT * expected]
        if not tried:
            continue
        there = correct_all_tokens(table_for(other.text), [copies[k] for k in tried], scale)
        for k, correction in zip(tried, there, strict=True):
            errors = len(correction.errors)
            # Marked there (a copy that stops early is marked on what it has).
            fits = correction.marked and errors * FOLLOWED_SHARE <= words[k]
            if fits and errors * FOLLOWED_RATIO <= len(corrections[k].errors) \
                    and (k not in best or errors < best[k][0]):
                best[k] = (errors, other)
    for k, (_, other) in best.items():
        followed = Followed(other.case, other.level, other.same_case)
        results[k] = replace(corrections[k], flag=OTHER_TEXT, stop=None, followed=followed)
    return results


def followed_text(followed: Followed) -> str:
    """« le texte de niveau primaire », « le texte du cas sasha (niveau primaire) »."""
    if followed.same_case:
        return f"le texte de niveau {followed.level}"
    return f"le texte du cas {followed.case} (niveau {followed.level})"


def rerun(followed: Followed) -> str:
    """The options to run `dictee corriger` with instead: « --niveau primaire »."""
    if followed.same_case:
        return f"--niveau {followed.level}"
    return f"--cas {followed.case} --niveau {followed.level}"


def advice(followed: Followed) -> str:
    """The text a copy follows and what to run, in French, to follow « semble suivre »:
    « le texte de niveau primaire ; relancez avec --niveau primaire »."""
    return f"{followed_text(followed)} ; relancez avec {rerun(followed)}"


def hint(followed: Followed) -> str:
    """The same in two words, for a line of the class summary."""
    if followed.same_case:  # a non-breaking space before « ? », as French is written
        return f"niveau {followed.level}\u00a0?"
    return f"cas {followed.case}\u00a0?"
