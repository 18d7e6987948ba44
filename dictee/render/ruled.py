"""How many pairs of ruled lines the pupil's sheet (fiche-eleve) holds: the lines the
text needs, rounded up to whole pages, so that no page ends half ruled.

A pair is one dark line to write on and one dotted line left free (2 × 0.72 cm,
tools/faire_modeles.py). The capacities were measured in LibreOffice on
templates/fiche-eleve.docx (Letter, margins 1.6 cm): the first page, under the header
table, the title and the board box, holds FIRST_PAGE pairs; every other page
NEXT_PAGE. What takes room on the first page is estimated from the text it prints, on
the safe side: a last page may end one pair short of full, never spill one pair onto
a page of its own (tests/test_pdf.py checks both for every shipped level).
"""

from __future__ import annotations

import math

from dictee.content.model import LevelText

FIRST_PAGE = 13  # pairs on the first page: no school line, one-line title and board box
NEXT_PAGE = 17  # pairs on each following page
PAIR_CM = 1.44
TITLE_CHARS = 34  # characters of the title (22 pt bold) on one line, a little under
BOARD_CHARS = 70  # characters of the « Au tableau » line (12 pt) on one line
BANK_CHARS = 100  # characters of a line of the word bank's box (11 pt), as printed
# Height of such a line, the space under its paragraph included. At 0.42 cm with 85
# characters a line, Dorgelesse's secondaire sheet with the bank spilled a pair onto a
# third page: more lines were counted than printed, each one too short.
BANK_LINE_CM = 0.48


def _first_page(title: str, board: str, *, school: bool, bank: list[str]) -> int:
    """Pairs under the first page's heading: FIRST_PAGE less what the heading adds."""
    pairs = FIRST_PAGE - (1 if school else 0)
    pairs -= math.ceil(len(title) / TITLE_CHARS) - 1  # a title line ≈ a pair
    board_lines = math.ceil(len(board) / BOARD_CHARS) - 1
    bank_lines = sum(math.ceil(len(line) / BANK_CHARS) for line in bank)
    extra_cm = board_lines * BANK_LINE_CM * 12 / 11 + bank_lines * BANK_LINE_CM
    return pairs - math.ceil(extra_cm / PAIR_CM)


def ruled_pairs(needed: int, title: str, board: str, *, school: bool,
                bank: list[str]) -> int:
    """The pairs to rule: at least `needed` (one per handwritten line of the text),
    filling the last page. `bank`: the lines of the word bank's box (« Ma banque de
    mots » and each of its paragraphs), [] without it."""
    first = max(1, _first_page(title, board, school=school, bank=bank))
    if needed <= first:
        return first
    return first + math.ceil((needed - first) / NEXT_PAGE) * NEXT_PAGE


def bank_lines(bank: dict) -> list[str]:
    """The paragraphs of the word bank's box on the class sheets (adapt/sheets.py
    word_bank_context), as the template prints them."""
    return ["Les mots de l’histoire",
            *(f"{m['mot']} : {m['definition']}" for m in bank["mots_expliques"]),
            "Mots à bien écrire : " + " · ".join(bank["mots_a_ecrire_abc"])]


def level_pairs(level: LevelText, needed: int, *, school: bool, bank: dict | None) -> int:
    """ruled_pairs() for a level's sheet."""
    board = "Au tableau : " + " · ".join(level.meta.tableau)
    return ruled_pairs(needed, level.meta.titre, board, school=school,
                       bank=bank_lines(bank) if bank else [])
