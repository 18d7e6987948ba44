"""The versions a kit may hold besides the class's dictation, and their documents.

A light module (no documents, no lexicon): the kit plan reads it for every case.
Names are the French words a teacher types: `dictee kit CAS --sans amenagee`.
"""

from __future__ import annotations

ADAPTED = "amenagee"
WORD_BANK = "mots"
DAILY = "phrases-du-jour"
VERSIONS = (ADAPTED, WORD_BANK, DAILY)
VERSION_HELP = {
    ADAPTED: "la dictée aménagée (fiche et page interactive)",
    WORD_BANK: "« Les mots de l'histoire »",
    DAILY: "les phrases du jour (fiches enseignant·e et élève, page interactive)",
}
CREAM = "FFF8E1"  # a cream page, for dyslexic readers (British Dyslexia Association)

# Template, title, version, on a cream page when the kit asks for one.
DOCUMENTS = (
    ("fiche-eleve-amenagee.docx", "Dictée aménagée", ADAPTED, True),
    ("mots-de-l-histoire.docx", "Les mots de l'histoire", WORD_BANK, True),
    ("phrases-du-jour-enseignant.docx", "Phrases du jour (enseignant·e)", DAILY, False),
    ("phrases-du-jour-eleve.docx", "Phrases du jour (élève)", DAILY, True),
)
TEMPLATES = tuple(template for template, *_ in DOCUMENTS)
# The adapted interactive page (interactif/dictee-amenagee.html), made with ADAPTED.
PAGE = "dictee-amenagee.html"
PAGE_TEMPLATES = ("interactif-amenagee.html.j2", "interactif-amenagee.css",
                  "interactif-amenagee.js")


def chosen(left_out: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Every version but those left out, in the usual order; ValueError for an unknown
    name (the CLI turns it into a message listing the names)."""
    unknown = [name for name in left_out if name not in VERSIONS]
    if unknown:
        raise ValueError(unknown[0])
    return tuple(name for name in VERSIONS if name not in left_out)
