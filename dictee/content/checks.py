"""Check cases the way a careful editor would, and report every problem at once.

Schema errors come from the loader (CaseError.problems, already located).
Typography is checked on the raw files, so it is reported even when the case
cannot be loaded; the checks that need a loaded case (length, groups, words on
the board, recording, labels, letter, sources) wait until the schema is right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dictee.adapt.checks import adapt_problems
from dictee.audio.check import check_recording
from dictee.content.grammar import locate
from dictee.content.groups import MAX_WORDS, _leans
from dictee.content.loader import ContentRoot, read_case_file, split_front_matter
from dictee.content.model import CITATION, LEVELS, Case, LevelText
from dictee.content.problem import ERROR, WARNING, Problem, Report
from dictee.content.typocheck import balance_issues, line_issues, text_issues
from dictee.content.typography import plain
from dictee.content.yamlfile import Location, line_of, load_yaml
from dictee.errors import CaseError, DicteeError

# Words in a dictation, per level (issue 2: « about 80-120 » and « about 150-220 »).
LEVEL_WORDS = {"primaire": (80, 120), "secondaire": (150, 220)}
# Values that are identifiers, dates, URLs or postal lines, not French prose.
_NOT_PROSE = frozenset({"slug", "url", "cle", "date", "edition", "adresse", "etat_au"})
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_WHERE = {"tableau": "mot au tableau", "glossaire": "mot du glossaire",
          "grammaire": "mot d'un point de grammaire"}

Progress = Callable[[str], None]


def check_content(root: ContentRoot, slugs: list[str] | None = None,
                  progress: Progress | None = None) -> Report:
    """Check the named cases (all cases when none is named)."""
    report = Report(root=root.path)
    if not slugs:
        slugs = root.slugs()
        report.problems += _stray_folders(root)
        if not slugs:
            report.problems.append(Problem(
                None, "contenu", "aucun cas dans ce dossier de contenu", root.texts,
                hint="Créez-en un avec « dictee nouveau CAS »."))
    for slug in slugs:
        if progress:
            progress(slug)
        report.cases.append(slug)
        problems, complete = check_case(root, slug)
        report.problems += problems
        if not complete:
            report.partial.append(slug)
    return report


def check_case(root: ContentRoot, slug: str) -> tuple[list[Problem], bool]:
    """Problems of one case, and whether every check could run."""
    try:
        folder = root.case_folder(slug)
    except CaseError as error:
        return [_from_error(slug, "cas", error)], False
    problems = _typography(slug, folder)
    try:
        case = root.load(slug)
    except CaseError as error:
        located = error.problems or [error]
        return [_from_error(slug, "schéma", p) for p in located] + problems, False
    problems += _meta(case)
    for level in case.levels.values():
        problems += _level(root, case, level)
    return problems, True


def _from_error(slug: str, category: str, error: DicteeError) -> Problem:
    return Problem(slug, category, error.message, error.path, error.line, error.hint,
                   names=tuple(error.names))


def _stray_folders(root: ContentRoot) -> list[Problem]:
    if not root.texts.is_dir():
        return []
    return [Problem(p.name, "cas", "dossier de cas sans fichier cas.yaml", p,
                    hint="Ajoutez cas.yaml (« dictee nouveau » crée un cas complet), "
                         "ou retirez ce dossier de texts/.")
            for p in sorted(root.texts.iterdir())
            if p.is_dir() and not p.name.startswith(".") and not (p / "cas.yaml").is_file()]


# --- typography, on the raw files ---------------------------------------------------------

def _strings(data: Any, loc: Location = ()) -> Iterator[tuple[Location, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PROSE:
                yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))
    elif isinstance(data, str):
        yield loc, data


def _yaml_typography(slug: str, path: Path, text: str, offset: int) -> list[Problem]:
    try:
        data, lines = load_yaml(text, path, offset=offset)
    except CaseError:
        return []  # the schema check reports the syntax error, with its line
    found = []
    for loc, value in _strings(data):
        field = ".".join(str(part) for part in loc)
        for issue in text_issues(value):
            found.append(Problem(slug, "typographie", f"champ « {field} » : {issue.message}",
                                 path, line_of(lines, loc), issue.hint, issue.severity))
    return found


def _body_typography(slug: str, path: Path, lines: list[str], first: int) -> list[Problem]:
    found = []
    paragraph: list[str] = []
    start = first
    for number, line in enumerate(lines + [""], start=first):
        for issue in line_issues(line, number):
            found.append(Problem(slug, "typographie", issue.message, path, number,
                                 issue.hint, issue.severity))
        if line.strip():
            if not paragraph:
                start = number
            paragraph.append(line)
        elif paragraph:
            for issue in balance_issues(" ".join(paragraph)):
                found.append(Problem(slug, "typographie", issue.message, path, start,
                                     issue.hint, issue.severity))
            paragraph = []
    return found


def _typography(slug: str, folder: Path) -> list[Problem]:
    found: list[Problem] = []
    meta = folder / "cas.yaml"
    raw = _read(meta)
    if raw is not None:
        found += _yaml_typography(slug, meta, raw, 0)
    for level in LEVELS:
        path = folder / f"{level}.md"
        raw = _read(path)
        parts = split_front_matter(raw) if raw is not None else None
        if parts is None:
            continue  # missing, or the schema check says the header is missing
        header, body, first = parts
        found += _yaml_typography(slug, path, header, 1)
        found += _body_typography(slug, path, body.splitlines(), first)
    return found


def _read(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        return read_case_file(path)
    except DicteeError:
        return None  # too large or unreadable: the loader says so


# --- the case's metadata --------------------------------------------------------------------

def _meta(case: Case) -> list[Problem]:
    path, lines = case.folder / "cas.yaml", case.lines
    meta, found = case.meta, []

    def add(message: str, loc: Location, hint: str, severity: str = ERROR,
            category: str = "lettre") -> None:
        found.append(Problem(case.slug, category, message, path, line_of(lines, loc), hint,
                             severity))

    letter = meta.lettre
    if letter.prenom not in letter.salutation:
        add(f"la salutation « {letter.salutation} » ne contient pas le prénom "
            f"« {letter.prenom} »", ("lettre", "salutation"),
            f"Écrivez par exemple « Cher {letter.prenom}, » ou « Chère {letter.prenom}, ».")
    if letter.envoi.adresse_verifiee and not letter.envoi.adresse:
        add("adresse déclarée vérifiée, mais aucune adresse n'est donnée",
            ("lettre", "envoi", "adresse_verifiee"),
            "Ajoutez les lignes de l'adresse sous « adresse », ou mettez "
            "adresse_verifiee: false.")
    if not letter.envoi.adresse_verifiee and letter.envoi.adresse:
        add("une adresse non vérifiée ne doit pas être imprimée",
            ("lettre", "envoi", "adresse"),
            "Retirez l'adresse ; la lettre dira de la remettre à l'enseignant·e.")
    if not _YEAR.search(meta.depuis.etat_au):
        add(f"« depuis.etat_au » doit donner une date (« {meta.depuis.etat_au} »)",
            ("depuis", "etat_au"), "Par exemple : mars 2026.", category="dates")
    for index, fact in enumerate(meta.depuis.faits):
        if not _YEAR.search(fact.date):
            add(f"fait « {fact.texte[:40]}… » sans année", ("depuis", "faits", index, "date"),
                "Datez chaque fait, par exemple : janvier 2025.", category="dates")
    keys = {source.cle for source in meta.sources}
    cited: list[tuple[Location, str]] = [(("resume",), meta.resume)]
    cited += [(("dates", i, "evenement"), d.evenement) for i, d in enumerate(meta.dates)]
    cited += [(("depuis", "faits", i, "texte"), f.texte) for i, f in enumerate(meta.depuis.faits)]
    for loc, text in cited:
        for match in CITATION.finditer(text):
            for key in (k.strip() for k in match.group(1).split(",")):
                if key not in keys:
                    add(f"source « {key} » citée mais absente de « sources »", loc,
                        "Ajoutez-la à « sources » (cle, url, titre, editeur, date) ou "
                        "corrigez la clé.", category="sources")
    seen: dict[str, int] = {}
    for index, source in enumerate(meta.sources):
        for key in (source.cle, str(source.url)):
            if key in seen:
                add(f"source « {key} » en double", ("sources", index),
                    "Chaque source n'apparaît qu'une fois.", category="sources")
            seen[key] = index
    return found


# --- one level: text, groups, words, recording ------------------------------------------------

def _contains(text: str, word: str, *, exact_case: bool) -> bool:
    pattern = r"(?<!\w)" + re.escape(" ".join(plain(word).split())) + r"(?!\w)"
    return re.search(pattern, text, 0 if exact_case else re.IGNORECASE) is not None


def _group_lines(level: LevelText, raw_lines: list[str], first: int) -> list[int | None]:
    """The line where each group starts, by walking the body's words in order."""
    tokens = [(number, token) for number, line in enumerate(raw_lines, start=first)
              for token in line.split() if token != "/"]
    lines: list[int | None] = []
    position = 0
    for group in level.groups:
        words = group.text.split()
        if [t for _, t in tokens[position:position + len(words)]] == words:
            lines.append(tokens[position][0])
            position += len(words)
        else:
            lines.append(None)
    return lines


def _listed_words(level: LevelText) -> Iterator[tuple[Location, str]]:
    """Every word the metadata says is in the text, with where it is written."""
    for index, word in enumerate(level.meta.tableau):
        yield ("tableau", index), word
    for index, entry in enumerate(level.meta.glossaire):
        yield ("glossaire", index, "mot"), entry.mot
    for index, point in enumerate(level.meta.grammaire):
        for position, ref in enumerate(point.refs):
            yield ("grammaire", index, "mots", position), ref.mot


def _level(root: ContentRoot, case: Case, level: LevelText) -> list[Problem]:
    path, lines, first = level.source, level.lines, level.body_line
    body_lines = level.body.splitlines()
    text = " ".join(plain(level.text).split())
    found: list[Problem] = []

    def add(category: str, message: str, line: int | None, hint: str | None,
            severity: str = ERROR) -> None:
        found.append(Problem(case.slug, category, message, path, line, hint, severity))

    low, high = LEVEL_WORDS[level.level]
    if not low <= level.word_count <= high:
        add("longueur", f"le texte compte {level.word_count} mots ; un texte de "
            f"{level.level} en compte de {low} à {high}", first,
            "Allongez ou raccourcissez le texte.")
    group_lines = _group_lines(level, body_lines, first)
    for index, group in enumerate(level.groups):
        words = [w for w in group.text.split() if re.search(r"\w", w)]
        last_of_sentence = (index + 1 == len(level.groups)
                            or level.groups[index + 1].sentence != group.sentence)
        line: int | None = group_lines[index] or first
        if len(words) > MAX_WORDS:
            add("groupes", f"groupe trop long ({len(words)} mots, {MAX_WORDS} au plus) : "
                f"« {group.text} »", line,
                "Coupez-le à une respiration avec « / » (une barre entourée d'espaces).")
        elif len(words) == 1 and not (index == 0 and last_of_sentence):
            add("groupes", f"groupe d'un seul mot : « {group.text} »", line,
                "Rattachez-le au groupe voisin en déplaçant ou retirant la coupure « / ».",
                WARNING)
        if not last_of_sentence and words and _leans(words[-1]):
            add("groupes", f"le groupe « {group.text} » se termine par « {words[-1]} », "
                "qui appelle la suite", line,
                "Déplacez la coupure « / » pour ne pas séparer des mots qui vont ensemble.",
                WARNING)
    for loc, word in _listed_words(level):
        category, line = str(loc[0]), line_of(lines, loc)
        if not word.strip():
            add(category, "entrée vide", line, "Remplissez-la ou retirez-la.")
        elif not _contains(text, word, exact_case=category == "tableau"):
            other_case = _contains(text, word, exact_case=False)
            add(category, f"« {word} » ({_WHERE[category]}) "
                + ("s'écrit autrement dans le texte" if other_case
                   else "n'est pas dans le texte"), line,
                "Recopiez-le tel qu'il est écrit dans le texte (même forme : pluriel, "
                "accord, majuscule).")
    _, issues = locate(level)
    for issue in issues:
        if not issue.missing:  # a missing word is reported above, with the other lists
            add("grammaire", issue.message, line_of(lines, ("grammaire", *issue.where[:1],
                                                            "mots", issue.where[1])),
                issue.hint, ERROR if issue.error else WARNING)
    for index, question in enumerate(level.meta.questions):
        if not question.strip():
            add("questions", "question vide", line_of(lines, ("questions", index)),
                "Écrivez la question ou retirez la ligne.")
    found += adapt_problems(case.slug, level, path, lambda loc: line_of(lines, loc))
    if level.meta.enregistrement.synthetique:
        add("enregistrement", "lecture de synthèse provisoire",
            line_of(lines, ("enregistrement", "synthetique")),
            "Remplacez-la par l'enregistrement de la campagne quand vous l'avez.", WARNING)
    found += check_recording(case.slug, level.level, level.recording,
                             root.labels(case.slug, level.level),
                             [g.text for g in level.groups], level.word_count,
                             root.audio / case.slug)
    return found
