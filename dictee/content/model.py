"""The typed shape of a case, validated once when it is read.

Field names are the French keys authors write in `cas.yaml` and in the front
matter of each level's text (documented in docs/format-des-cas.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from dictee.content.names import EDITION_PATTERN as EDITION_PATTERN
from dictee.content.names import LEVELS as LEVELS
from dictee.content.names import SLUG_PATTERN as SLUG_PATTERN
from dictee.content.names import Level as Level


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KeyDate(Strict):
    date: str = Field(min_length=4)
    evenement: str = Field(min_length=3)


class Update(Strict):
    date: str = Field(min_length=4)
    texte: str = Field(min_length=3)


class Since(Strict):
    """What happened after the campaign: always dated, always to be checked."""

    etat_au: str = Field(min_length=4)
    faits: list[Update] = Field(min_length=1)


class Sending(Strict):
    adresse_verifiee: bool
    adresse: list[str] = Field(default_factory=list)
    consigne_eleve: str = Field(min_length=3)
    consigne_enseignant: str = Field(min_length=3)

    @field_validator("adresse")
    @classmethod
    def _address_lines(cls, lines: list[str]) -> list[str]:
        return [line.strip() for line in lines if line.strip()]


class Letter(Strict):
    prenom: str = Field(min_length=1)
    salutation: str = Field(min_length=3)  # e.g. « Cher Luis Manuel, »: gender is the author's call
    conseils: list[str] = Field(min_length=1)
    envoi: Sending


# « [be-lmoa, tc-jug] » after a fact: the keys of its sources, numbered in the guide.
CITATION = re.compile(r"\s*\[([a-z0-9][a-z0-9, -]*)\]")


class Source(Strict):
    """A source of the facts: cited in the guide by its number, as « [cle] » in the text."""

    cle: str = Field(min_length=1)
    url: HttpUrl
    titre: str | None = Field(default=None, min_length=2)  # as the page titles itself
    editeur: str | None = Field(default=None, min_length=2)  # who publishes it
    date: str | None = Field(default=None, min_length=4)  # of publication; none: « s. d. »


class CaseMeta(Strict):
    slug: str = Field(pattern=SLUG_PATTERN)
    nom: str = Field(min_length=2)
    prenom: str = Field(min_length=1)
    pays: str = Field(min_length=2)
    edition: str = Field(pattern=EDITION_PATTERN)
    resume: str = Field(min_length=20)
    dates: list[KeyDate] = Field(min_length=1)
    depuis: Since
    lettre: Letter
    sources: list[Source] = Field(min_length=1)


class Recording(Strict):
    lecteur: str = Field(min_length=2)
    synthetique: bool = False


class GlossaryEntry(Strict):
    mot: str = Field(min_length=1)
    definition: str = Field(min_length=3)


class WordRef(Strict):
    """A word of a grammar point, with which of its occurrences the point is about
    (when the word appears more than once in the text)."""

    mot: str = Field(min_length=1)
    occurrence: int | None = Field(default=None, ge=1)  # the n-th time the word appears
    dans: str | None = Field(default=None, min_length=2)  # words around it, quoted from the text


class GrammarPoint(Strict):
    point: str = Field(min_length=3)
    mots: list[str | WordRef] = Field(min_length=1)

    @property
    def refs(self) -> list[WordRef]:
        """Every word as a WordRef (a bare word: no occurrence given)."""
        return [WordRef(mot=m) if isinstance(m, str) else m for m in self.mots]

    @property
    def words(self) -> list[str]:
        """The words as written, without which occurrence."""
        return [ref.mot for ref in self.refs]


class DailySentence(Strict):
    """A « phrase du jour » written by the author (dictee/adapt/daily.py)."""

    phrase: str = Field(min_length=3)
    point: int | None = Field(default=None, ge=1)  # number of its grammar point, from 1
    mots: list[str] = Field(default_factory=list)  # its words that illustrate the point
    a_discuter: list[str] = Field(default_factory=list)  # more points for the teacher


class LevelMeta(Strict):
    titre: str = Field(min_length=2)
    enregistrement: Recording
    tableau: list[str] = Field(min_length=1)
    glossaire: list[GlossaryEntry] = Field(default_factory=list)
    grammaire: list[GrammarPoint] = Field(min_length=1)
    questions: list[str] = Field(min_length=1)
    phrases_du_jour: list[DailySentence] = Field(default_factory=list)


class Group(BaseModel):
    """A meaning group: the words a teacher dictates in one breath."""

    model_config = ConfigDict(frozen=True)
    text: str
    sentence: int  # index of the sentence, from 0
    paragraph: int  # index of the paragraph, from 0


class LevelText(BaseModel):
    """One level of a case: its metadata, its text and the groups cut from it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    level: Level
    meta: LevelMeta
    text: str  # the dictation, paragraphs separated by a blank line, no cut marks
    paragraphs: list[list[str]]  # paragraphs → sentences
    groups: list[Group]
    source: Path
    recording: Path | None  # None when no recording file exists yet
    # Where things stand in `source`, for located messages: the line of each field of
    # the front matter (by location, e.g. ("tableau", 2)), the text as written (cut
    # marks included) and the line it starts on.
    lines: dict[tuple[str | int, ...], int] = Field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]

    @property
    def word_count(self) -> int:
        from dictee.content.groups import count_words

        return count_words(self.text)


class Case(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    meta: CaseMeta
    levels: dict[str, LevelText]
    folder: Path
    lines: dict[tuple[str | int, ...], int] = Field(default_factory=dict)  # of cas.yaml

    @property
    def slug(self) -> str:
        return self.meta.slug

    def level(self, name: str) -> LevelText:
        return self.choose_levels((name,))[0]

    def choose_levels(self, wanted: Sequence[str] | None = None, *,
                      one: bool = False) -> list[LevelText]:
        """The levels asked for, in the order of LEVELS when none is named.

        `one=True` is for work on a single text (grading, recordings): with several
        levels and none named, we ask rather than guess, since grading a copy
        against the wrong text gives dozens of false errors.
        """
        from dictee.errors import CaseError

        names = list(self.levels)
        if not wanted:
            if one and len(names) > 1:
                raise CaseError(f"le cas « {self.slug} » a {len(names)} niveaux : "
                                f"{', '.join(names)} ; précisez lequel",
                                hint=f"Ajoutez par exemple --niveau {names[0]}.")
            return [self.levels[name] for name in LEVELS if name in self.levels]
        chosen = []
        for name in wanted:
            if name not in LEVELS:
                raise CaseError(f"niveau inconnu : « {name} »",
                                hint="Choisissez primaire ou secondaire.")
            if name not in self.levels:
                raise CaseError(f"le cas « {self.slug} » n'a pas de niveau « {name} »",
                                hint=f"Niveaux disponibles : {', '.join(names)}.")
            chosen.append(self.levels[name])
        return chosen
