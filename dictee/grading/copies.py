"""Read the pupils' copies: files, every .txt of a folder, or standard input.

Copies come from many editors: UTF-8 (with or without a BOM) and UTF-16 with a BOM
are accepted; anything else is refused with the file named, never guessed.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from dictee.archive import atomic_path
from dictee.errors import GradingError

if TYPE_CHECKING:
    from dictee.content.loader import ContentRoot
    from dictee.content.model import LevelText
    from dictee.grading.others import OtherText

STDIN = "-"
_HINT = ("Enregistrez la copie en UTF-8 (« Enregistrer sous » → encodage UTF-8 dans "
         "le Bloc-notes, TextEdit ou LibreOffice).")


@dataclass(frozen=True)
class Copy:
    name: str  # as the teacher named it: the path given, or « - »
    text: str


def decode(data: bytes, name: str) -> str:
    """The text of a copy from its bytes, or a GradingError naming it."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise GradingError("ce fichier n'est ni en UTF-8 ni en UTF-16 avec BOM", path=name,
                           hint=_HINT) from error
    if "\x00" in text:
        raise GradingError("ce fichier contient des caractères nuls : ce n'est pas un texte "
                           "en UTF-8 (peut-être de l'UTF-16 sans BOM, ou un document Word)",
                           path=name, hint=_HINT)
    return text


def read_text(path: Path) -> str:
    """A text file (copy or expected text), decoded as a copy is."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise GradingError("fichier introuvable", path=path,
                           hint="Vérifiez le chemin et l'orthographe du nom.") from error
    except IsADirectoryError as error:
        raise GradingError("c'est un dossier, pas un fichier", path=path) from error
    return decode(data, str(path))


@dataclass(frozen=True)
class Unreadable:
    """A copy that could not be read: its name and why, in French."""

    name: str
    problem: GradingError


def collect(arguments: list[str], read_stdin: Callable[[], bytes]
            ) -> tuple[list[Copy], list[Unreadable]]:
    """The copies named on the command line, in order; a folder gives its .txt files
    sorted by name; « - » reads standard input once. A copy that cannot be read is set
    aside with its reason, so that one bad file does not stop the class's grading; a
    path that does not exist, or a folder without copies, stops everything (a typo)."""
    copies: list[Copy] = []
    unreadable: list[Unreadable] = []

    def read(name: str, load: Callable[[], str]) -> None:
        try:
            copies.append(Copy(name, load()))
        except GradingError as problem:
            unreadable.append(Unreadable(name, problem))
        except OSError as problem:  # permission, a device, a file gone meanwhile
            reason = problem.strerror or str(problem)
            unreadable.append(Unreadable(name, GradingError(
                f"ce fichier n'a pas pu être lu ({reason})", path=name,
                hint="Vérifiez que le fichier est lisible (droits d'accès).")))

    used_stdin = False
    for argument in arguments:
        if argument == STDIN:
            if used_stdin:
                raise GradingError("« - » (l'entrée standard) ne peut être donné qu'une fois")
            used_stdin = True
            read(STDIN, lambda: decode(read_stdin(), "entrée standard"))
            continue
        path = Path(argument)
        if path.is_dir():
            files = sorted((p for p in path.iterdir()
                            if p.is_file() and p.suffix.lower() == ".txt"),
                           key=lambda p: p.name)
            if not files:
                raise GradingError("ce dossier ne contient aucune copie (.txt)", path=path,
                                   hint="Enregistrez chaque copie dans un fichier .txt.")
            for file in files:
                read(str(file), partial(read_text, file))
        elif path.exists():
            read(argument, partial(read_text, path))
        else:
            raise GradingError("copie introuvable", path=path,
                               hint="Donnez un fichier .txt, un dossier de copies, ou « - ».")
    return copies, unreadable


def case_text(root: ContentRoot, slug: str, level: str | None) -> tuple[str, str, LevelText]:
    """The expected text of a case's level, a label for the report, and the level (its
    grammar points and sentences feed the class report). A case with several levels
    needs one named: grading a copy against the wrong text would give dozens of false
    errors, so we ask rather than guess."""
    case = root.load(slug)
    chosen = case.choose_levels((level,) if level else None, one=True)[0]
    return (chosen.text, f"{case.meta.nom} — {chosen.level} — « {chosen.meta.titre} »",
            chosen)


# The code that turns a case's files into its expected text and label: part of the
# name a kept text goes by, so that changing it starts afresh (no format to bump).
_READERS = tuple(Path(__file__).resolve().parent.parent / "content" / name for name in
                 ("loader.py", "groups.py", "model.py", "names.py", "yamlfile.py")) \
    + (Path(__file__).resolve(),)
_KEPT = "dictee-texte-attendu/1"


def case_expected(root: ContentRoot, slug: str, level: str | None) -> tuple[str, str]:
    """case_text()'s text and label, kept in the user's cache (lexicon.cache_folder)
    under a name made of the case's files, the level asked for and the code that reads
    them: a class graded again, or the next class of the same dictation, does not read
    and validate the whole case again (its models and YAML reader cost about a third of
    grading a class of 30). Only a case that was read without error is kept."""
    from dictee.content.loader import MAX_FILE_BYTES
    from dictee.content.names import LEVELS
    from dictee.grading.lexicon import cache_folder

    folder, cache = root.case_folder(slug), cache_folder()
    files = [folder / "cas.yaml", *(folder / f"{name}.md" for name in LEVELS)]
    try:
        sizes = [path.stat().st_size if path.is_file() else -1 for path in files]
    except OSError:
        sizes = [MAX_FILE_BYTES + 1]
    if cache is None or max(sizes) > MAX_FILE_BYTES:  # too large: case_text says so
        text, label, _ = case_text(root, slug, level)
        return text, label
    digest = hashlib.sha256(f"{_KEPT}\n{slug}\n{level or ''}\n".encode())
    try:
        for path in (*files, *_READERS):
            data = path.read_bytes() if path.is_file() else b""
            digest.update(f"{path.name} {len(data)}\n".encode() + data)
    except OSError:  # unreadable now: case_text names the file
        text, label, _ = case_text(root, slug, level)
        return text, label
    kept = cache / "textes" / f"{digest.hexdigest()[:32]}.json"
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
        if isinstance(data.get("texte"), str) and isinstance(data.get("etiquette"), str):
            return data["texte"], data["etiquette"]
    except (OSError, ValueError, AttributeError):
        pass  # not kept yet, or damaged: read the case
    text, label, _ = case_text(root, slug, level)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(kept) as temporary:
            temporary.write_text(json.dumps({"texte": text, "etiquette": label},
                                            ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only home: the next run reads the case again
    return text, label


def other_texts(root: ContentRoot, slug: str, expected: str) -> list[OtherText]:
    """The texts a copy graded against `expected` (a level of case `slug`) might follow
    instead: the case's other levels first, then every level of the other cases. A case
    that cannot be read is left out: it says so when it is graded itself."""
    from dictee.content.names import LEVELS
    from dictee.errors import DicteeError
    from dictee.grading.others import OtherText

    found = []
    for case in sorted(root.slugs(), key=lambda other: other != slug):
        for level in LEVELS:
            if not (root.texts / case / f"{level}.md").is_file():
                continue
            try:
                text, _ = case_expected(root, case, level)
            except DicteeError:
                continue
            if text != expected:
                found.append(OtherText(case, level, text, case == slug))
    return found


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def expected_text(text: str) -> str:
    """The words to write from a text in the case format: its front matter (« --- »
    block) dropped, and its meaning-group marks « / » taken as marks, not as slashes a
    pupil should have written."""
    from dictee.content.groups import strip_marks

    return strip_marks(_FRONT_MATTER.sub("", text, count=1))


def expected_file(path: Path) -> str:
    """The expected text given with --texte; it must hold at least one word."""
    text = expected_text(read_text(path))
    if not text.strip():
        raise GradingError("le texte attendu est vide", path=path,
                           hint="Donnez le fichier qui contient le texte de la dictée.")
    return text
