"""What the adapted sheet, the word-bank sheet and the daily-sentence sheets receive.

Plain dicts of French-typeset strings, added to the level's usual context
(render/context.py), so that a template may use any field the others use.
"""

from __future__ import annotations

from dictee.adapt.blanks import AdaptedText, Blank, adapt
from dictee.adapt.daily import DailySentence, daily_sentences
from dictee.adapt.wordbank import BOARD, GLOSSARY, GRAMMAR, NAME, word_bank
from dictee.content.model import LevelText
from dictee.content.typography import NBSP, french
from dictee.grading.tokens import fold

BOX = "\u2610"  # ☐, a box to tick
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
# Blank widths in underscores, by the length of the answer: room for handwriting at
# 14 pt without giving the exact length away.
BLANK_WIDTHS = ((4, 8), (8, 12), (99, 16))
EXPLANATIONS = {
    NAME: "un nom de l’histoire",
    BOARD: "un mot écrit au tableau",
}


def blank_line(answer: str) -> str:
    letters = len(answer)
    return "_" * next(width for limit, width in BLANK_WIDTHS if letters <= limit)


def choice_text(options: tuple[str, ...]) -> str:
    """« ☐ a   ☐ à »: each option after its box, no-break spaces inside an option."""
    return (NBSP * 3).join(f"{BOX}{NBSP}{french(o)}" for o in options)


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around a blank while typesetting


def line_pieces(adapted: AdaptedText, number: int) -> list[dict]:
    """One group's line as pieces: printed text, a blank, or a choice (bold in the
    template). The line is typeset whole, so that the spaces before « ! » or « : »
    are right even next to a blank."""
    group = adapted.groups[number - 1]
    marked: list[str] = []
    fills: list[tuple[str, bool]] = []
    position = 0  # in group.text
    index = group.first
    while index < group.last:
        blank: Blank | None = adapted.blank_at(index)
        if blank is None:
            index += 1
            continue
        start = group.spans[index - group.first][0]
        end = group.spans[min(blank.end, group.last) - 1 - group.first][1]
        before = group.text[position:start]
        if blank.choices and before.endswith("'"):
            before += NBSP  # « n’ ☐ a ☐ à »: the boxes apart from the elided word
        marked.append(before)
        marked.append(f"{_OPEN}{len(fills)}{_CLOSE}")
        fills.append((choice_text(blank.choices), True) if blank.choices
                     else (blank_line(blank.answer), False))
        position = end
        index = blank.end
    marked.append(group.text[position:])
    pieces: list[dict] = []
    for part in french("".join(marked)).split(_OPEN):
        if _CLOSE in part:
            number_text, part = part.split(_CLOSE)
            text, choice = fills[int(number_text)]
            pieces.append({"texte": text, "choix": choice})
        if part:
            pieces.append({"texte": part, "choix": False})
    return pieces


def adapted_context(level: LevelText) -> dict:
    """The adapted sheet: one numbered line per group, blanks and choices in place."""
    adapted = adapt(level)
    lines = []
    for group in adapted.groups:
        lines.append({"numero": group.number, "morceaux": line_pieces(adapted, group.number),
                      "nouveau_paragraphe": group.number > 1
                      and adapted.groups[group.number - 2].paragraph != group.paragraph})
    answers = []
    for blank in adapted.blanks:
        answers.append({
            "numero": blank.number, "groupe": blank.group, "reponse": french(blank.answer),
            "choix": " / ".join(french(o) for o in blank.choices) if blank.choices else "",
            "raison": "grammaire" if blank.point is not None else "mot fréquent"})
    writes = sum(1 for b in adapted.blanks if not b.choices)
    return {
        "groupes_amenages": lines,
        "trous": answers,
        "corrige_par_groupe": _key_by_group(adapted.blanks),
        "nombre_trous": len(adapted.blanks),
        "nombre_a_ecrire": writes,
        "nombre_a_cocher": len(adapted.blanks) - writes,
        "part_trous": f"{round(adapted.ratio * 100)}{NBSP}%",
    }


TICK = "\u2611"  # ☑: in the answer key, a word the pupil ticks (the others are written)


def _key_by_group(blanks: tuple[Blank, ...] | list[Blank]) -> list[dict]:
    """The answer key numbered as the pupil's sheet numbers its lines (by group), the
    blanks of one group together in their order: « 2. ☑ est · 5. la … du · 7. rose vif ».
    A key numbered by blank would not match the sheet, and the teacher would mark wrong
    answers. Blanks that follow each other in the text read as one expression (« rose
    vif »), others are apart (« … »); ☑ marks a word to tick, explained once in the
    guide's legend rather than « (à cocher) » after each word."""
    groups: dict[int, str] = {}
    previous: Blank | None = None
    for blank in blanks:
        # No-break spaces: an entry never wraps inside « 4. ☑ se ».
        shown = (f"{TICK}{NBSP}" if blank.choices else "") + french(blank.answer).replace(
            " ", NBSP)
        if blank.group in groups:
            assert previous is not None
            joint = NBSP if previous.end == blank.start else f"{NBSP}… "
            groups[blank.group] += joint + shown
        else:
            groups[blank.group] = shown
        previous = blank
    return [{"groupe": group, "reponses": shown} for group, shown in groups.items()]


def word_bank_context(level: LevelText) -> dict:
    bank = word_bank(level)
    board = [b for b in bank if b.kind == BOARD]
    return {
        "titre_noms": "Les noms et les mots du tableau" if board else "Les noms",
        "noms": [{"mot": french(b.word), "groupe": b.group,
                  "explication": EXPLANATIONS[b.kind]}
                 for b in bank if b.kind in (NAME, BOARD)],
        "mots_expliques": [{"mot": french(b.word), "definition": french(b.definition or ""),
                            "groupe": b.group} for b in bank if b.kind == GLOSSARY],
        "mots_a_ecrire": _by_rule([b for b in bank if b.kind == GRAMMAR]),
        # The class sheets' bank: in alphabetical order, so that on the fill-in sheet it
        # is a bank to choose from, not the blanks' answers in the order of the text.
        "mots_a_ecrire_abc": sorted((french(b.word) for b in bank if b.kind == GRAMMAR),
                                    key=lambda w: (fold(w), w)),
    }


def _by_rule(words: list) -> list[dict]:
    """Grammar words gathered under their rule, in the guide's order."""
    rules: dict[str, list[str]] = {}
    for word in words:
        rules.setdefault(word.rule or "", []).append(french(word.word))
    return [{"regle": french(rule), "mots": found} for rule, found in rules.items()]


def _day(sentence: DailySentence) -> dict:
    return {
        "numero": sentence.number,
        "jour": DAYS[sentence.number - 1] if sentence.number <= len(DAYS) else "",
        "phrase": french(sentence.text),
        "nombre_mots": sentence.word_count,
        "origine": ("phrase du texte de la dictée" if sentence.proposed
                    else "phrase préparée pour la semaine"),
        "a_discuter": [{"mot": french(d.word), "note": french(d.note)}
                       for d in sentence.discuss],
    }


def daily_context(level: LevelText) -> dict:
    series = daily_sentences(level)
    return {"phrases_du_jour": [_day(s) for s in series],
            "nombre_phrases": len(series)}
