"""French typography rules for what authors type.

Documents convert plain spaces into the right no-break spaces (see
typography.py), so a plain space before « : » is fine. What the converter cannot
repair, or would repair by guessing, is a problem: straight or English quotes,
a missing space (« «mot» », « Attention! »: is it a typo or a URL, a ratio?),
a space before a comma, quotes left open, look-alike apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dictee.content.problem import ERROR, WARNING

_SPACE = " \u00a0\u202f\t"
_URL = re.compile(r"https?://\S+|www\.\S+")
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿœŒæÆ"


@dataclass(frozen=True)
class Issue:
    offset: int  # line offset inside the checked text, from 0
    message: str
    hint: str
    severity: str = ERROR


_RULES: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (re.compile(r'"'), "guillemets droits « \" »",
     "En français, encadrez la citation de « » (guillemets français).", ERROR),
    (re.compile(r"[“”„‟]"), "guillemets anglais « “ ” »",
     "En français, utilisez « » (guillemets français).", ERROR),
    (re.compile(rf"«(?=[^{_SPACE}])"), "espace manquante après « « »",
     "Tapez une espace après le guillemet ouvrant : « mot ».", ERROR),
    (re.compile(rf"(?<=[^{_SPACE}])»"), "espace manquante avant « » »",
     "Tapez une espace avant le guillemet fermant : « mot ».", ERROR),
    (re.compile(rf"(?<=[^{_SPACE};:!?….«])[;!?]"), "espace manquante avant « ; », « ! » ou « ? »",
     "Tapez une espace avant ; ! ? (le document la rendra insécable).", ERROR),
    (re.compile(rf"(?<=[^{_SPACE}]):(?=[{_SPACE}]|$)"),
     "espace manquante avant « : »",
     "Tapez une espace avant le deux-points (le document la rendra insécable).", ERROR),
    (re.compile(rf"(?<=[^{_SPACE}])[{_SPACE}]+[,.](?![.])"), "espace en trop avant une virgule "
     "ou un point", "Collez la virgule et le point au mot qui les précède.", ERROR),
    (re.compile(rf"(?<![0-9])[,;:!?](?=[{_LETTER}])"), "espace manquante après la ponctuation",
     "Tapez une espace après , ; : ! ?", ERROR),
    (re.compile(r"[`´‘′]"), "apostrophe mal formée",
     "Tapez une apostrophe ordinaire ' (ou ’) : les documents la rendent typographique.",
     ERROR),
    (re.compile(r"\.\.\."), "trois points tapés un par un",
     "Utilisez le caractère … (points de suspension).", WARNING),
    (re.compile(r"(?i)oe(?=u|il)"), "« oe » au lieu de « œ »",
     "Écrivez œ (œuvre, cœur, sœur, vœu, œil) : sur Mac Option+Q, sous Windows Alt+0156.",
     WARNING),
)


def line_issues(line: str, offset: int = 0) -> list[Issue]:
    """Check one line of text; URLs are left alone."""
    text = _URL.sub(lambda m: "x" * len(m.group()), line)
    found = []
    for pattern, message, hint, severity in _RULES:
        if pattern.search(text):
            found.append(Issue(offset, message, hint, severity))
    return found


def balance_issues(text: str, offset: int = 0) -> list[Issue]:
    """Quotes opened and closed within one paragraph or one field."""
    opened, closed = text.count("«"), text.count("»")
    if opened == closed:
        return []
    what = "fermé" if opened > closed else "ouvert"
    return [Issue(offset, f"guillemets non appariés ({opened} « et {closed} »)",
                  f"Un guillemet n'est pas {what} : vérifiez la citation.")]


def text_issues(text: str) -> list[Issue]:
    """Every issue of a multi-line text (a YAML value, a paragraph)."""
    found = [issue for number, line in enumerate(text.splitlines() or [text])
             for issue in line_issues(line, number)]
    return found + balance_issues(text)
