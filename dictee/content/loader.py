"""Files → Case: find a case in a content folder, read it, validate it.

A content folder holds `texts/<slug>/cas.yaml` and `texts/<slug>/<niveau>.md`,
`audio/<slug>/<niveau>.<ext>` and `templates/`. Every problem in a case is
collected with its file and line, then reported at once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dictee.content.names import LEVELS, SLUG_PATTERN, Level
from dictee.content.typography import file_size
from dictee.errors import CaseError, DicteeError, os_error

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from dictee.content.model import Case, LevelText

# The models (pydantic, built when imported) and the YAML reader are imported when a
# case is read, not with ContentRoot: finding a case's files needs neither.

AUDIO_EXTENSIONS = (".mp3", ".wav", ".m4a", ".ogg", ".flac")
LABELS_SUFFIX = ".labels.txt"  # audio/CAS/NIVEAU.labels.txt: a level's Audacity labels
ENV_VARIABLE = "DICTEE_CONTENU"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n(.*)\Z", re.S)
# A case file holds a few kilobytes (a dictation is 80 to 220 words); anything far
# larger is the wrong file, refused before it is read into memory.
MAX_FILE_BYTES = 200_000


def suggest_slug(name: str) -> str:
    """« Sasha Skochilenko » → « sasha-skochilenko »: a valid identifier close to `name`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "mon-cas"


def builtin_root() -> Path:
    """The content shipped with the tool: inside the package once installed,
    the repository's top level in a development checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_contenu"
    return installed if installed.is_dir() else package.parent


@dataclass(frozen=True)
class ContentRoot:
    """A folder with `texts/`, `audio/` and `templates/`."""

    path: Path

    @classmethod
    def choose(cls, option: Path | str | None = None) -> ContentRoot:
        """`--contenu` first, then $DICTEE_CONTENU, then the built-in content."""
        chosen = option or os.environ.get(ENV_VARIABLE) or None
        if chosen is None:
            return cls(builtin_root())
        root = Path(chosen).expanduser()
        if not (root / "texts").is_dir():
            raise CaseError(
                "ce dossier de contenu n'a pas de sous-dossier texts/",
                path=root,
                hint="Indiquez un dossier qui contient texts/, audio/ et templates/ "
                     "(voir docs/format-des-cas.md).",
            )
        return cls(root)

    @property
    def texts(self) -> Path:
        return self.path / "texts"

    @property
    def audio(self) -> Path:
        return self.path / "audio"

    @property
    def templates(self) -> Path:
        return self.path / "templates"

    def slugs(self) -> list[str]:
        if not self.texts.is_dir():
            return []
        return sorted(p.name for p in self.texts.iterdir()
                      if not p.name.startswith(".") and (p / "cas.yaml").is_file())

    def recording(self, slug: str, level: str) -> Path | None:
        for ext in AUDIO_EXTENSIONS:
            candidate = self.audio / slug / f"{level}{ext}"
            if candidate.is_file():
                return candidate
        return None

    def labels(self, slug: str, level: str) -> Path:
        return self.audio / slug / f"{level}{LABELS_SUFFIX}"

    def case_folder(self, slug: str) -> Path:
        """Check `slug` and return its folder, or say which slugs exist."""
        if "/" in slug or "\\" in slug or slug.startswith(".") or not re.match(SLUG_PATTERN, slug):
            plain_name = "/" not in slug and "\\" not in slug and slug not in (".", "..")
            if plain_name and (self.texts / slug / "cas.yaml").is_file():
                raise CaseError(
                    f"le nom du dossier « {slug} » n'est pas un identifiant de cas",
                    path=self.texts / slug, names=[slug],
                    hint=f"Renommez le dossier en minuscules, chiffres et tirets, sans "
                         f"accent ni espace, par exemple « {suggest_slug(slug)} » (et le "
                         f"champ slug de cas.yaml, et le dossier audio/ du cas).")
            raise CaseError(
                f"« {slug} » n'est pas un identifiant de cas", names=[slug],
                hint="Un identifiant s'écrit en minuscules, chiffres et tirets, sans "
                     "chemin (par exemple luis-manuel). « dictee cas » les liste.",
            )
        folder = self.texts / slug
        if not (folder / "cas.yaml").is_file():
            import difflib  # only to suggest a name: `dictee corriger` need not load it

            known = self.slugs()
            close = difflib.get_close_matches(slug, known, n=3, cutoff=0.5)
            if not close:
                close = [s for s in known if slug in s or s in slug][:3]
            hint = (f"Vouliez-vous dire : {', '.join(close)} ?" if close
                    else "« dictee cas » liste les cas disponibles.")
            raise CaseError(f"cas inconnu : « {slug} »", path=self.texts, hint=hint)
        return folder

    def load(self, slug: str) -> Case:
        return load_case(self, slug)


_FRENCH_ERRORS = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "string_type": "doit être un texte",
    "list_type": "doit être une liste",
    "dict_type": "doit être un bloc de champs",
    "model_type": "doit être un bloc de champs",
    "bool_type": "doit valoir true ou false",
    "bool_parsing": "doit valoir true ou false",
    "string_too_short": "est vide ou trop court",
    "too_short": "doit contenir au moins un élément",
    "string_pattern_mismatch": "n'a pas la forme attendue",
    "url_parsing": "n'est pas une adresse web valide (https://…)",
    "url_scheme": "n'est pas une adresse web valide (https://…)",
    "literal_error": "n'est pas une valeur permise",
}
_FIELD_HINTS = {
    "slug": "minuscules, chiffres et tirets, identique au nom du dossier (ex. luis-manuel)",
    "edition": "deux années séparées par un tiret, ex. 2022-2023",
    "url": "une adresse complète, ex. https://amnistie.ca/ecrire",
}


def _problems(error: ValidationError, path: Path, lines: dict) -> list[DicteeError]:
    from dictee.content.yamlfile import line_of

    found = []
    for item in error.errors():
        loc = tuple(item["loc"])
        field = ".".join(str(part) for part in loc) or "(racine)"
        what = _FRENCH_ERRORS.get(item["type"], item["msg"])
        last = next((p for p in reversed(loc) if isinstance(p, str)), "")
        hint = _FIELD_HINTS.get(last)
        if item["type"] == "missing":
            hint = f"Ajoutez « {last} » (voir docs/format-des-cas.md)."
        elif item["type"] == "extra_forbidden":
            hint = "Vérifiez l'orthographe du nom de champ, ou supprimez-le."
        elif hint:
            hint = f"Attendu : {hint}."
        found.append(DicteeError(f"champ « {field} » : {what}", path=path,
                                 line=line_of(lines, loc), hint=hint))
    return found


def _validate(model: type[BaseModel], data: Any, path: Path, lines: dict,
              problems: list[DicteeError]) -> Any:
    if not isinstance(data, dict):
        problems.append(DicteeError("le fichier doit contenir des champs « nom: valeur »",
                                    path=path))
        return None
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(_problems(error, path, lines))
        return None


def read_case_file(path: Path) -> str:
    """The text of a case file (cas.yaml, <niveau>.md), refused when far too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CaseError(
                f"fichier bien trop gros pour un cas de dictée : {file_size(size)} "
                f"(limite : {file_size(MAX_FILE_BYTES)})", path=path,
                hint="Un fichier de cas fait quelques kilo-octets : est-ce le bon fichier ?")
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_FILE_BYTES + 1)  # never more, even if it grew meanwhile
        if len(text) > MAX_FILE_BYTES:
            return read_case_file(path)  # it grew since stat(): now refused
        return text
    except UnicodeDecodeError as error:
        raise CaseError("le fichier n'est pas encodé en UTF-8", path=path,
                        hint="Enregistrez-le en UTF-8 depuis votre éditeur.") from error
    except OSError as error:
        raise os_error(error, "lire le fichier", path=path, kind=CaseError) from error


def split_front_matter(raw: str) -> tuple[str, str, int] | None:
    """A level's file → (front matter, text as written, line the text starts on);
    None when the file does not start with a --- block."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        return None
    return match.group(1), match.group(2), match.group(1).count("\n") + 3


def _load_level(root: ContentRoot, slug: str, level: Level, path: Path,
                problems: list[DicteeError]) -> LevelText | None:
    parts = split_front_matter(read_case_file(path))
    if parts is None:
        problems.append(DicteeError(
            "en-tête manquant", path=path, line=1,
            hint="Le fichier commence par une ligne ---, les champs du niveau, une "
                 "ligne ---, puis le texte de la dictée."))
        return None
    from dictee.content.model import Group, LevelMeta, LevelText
    from dictee.content.yamlfile import load_yaml

    header, body, body_line = parts
    data, lines = load_yaml(header, path, offset=1)
    meta = _validate(LevelMeta, data, path, lines, problems)
    if not body.strip():
        problems.append(DicteeError("le texte de la dictée est vide", path=path,
                                    line=body_line, hint="Écrivez le texte après la "
                                    "deuxième ligne ---."))
        return None
    if meta is None:
        return None
    # Only to read a text: `dictee corriger` takes a case's text from its cache.
    from dictee.content.groups import groups_of, paragraphs, sentences, strip_marks

    blocks = paragraphs(body)
    tree = [sentences(block) for block in blocks]
    groups = [Group(text=g, sentence=s_index, paragraph=p_index)
              for p_index, s_index, sentence in _numbered(tree)
              for g in groups_of(sentence)]
    clean = [[strip_marks(s) for s in para] for para in tree]
    return LevelText(
        level=level, meta=meta, source=path,
        text="\n\n".join(" ".join(para) for para in clean),
        paragraphs=clean, groups=groups,
        recording=root.recording(slug, level),
        lines=lines, body=body, body_line=body_line,
    )


def _numbered(tree: list[list[str]]):
    index = 0
    for p_index, para in enumerate(tree):
        for sentence in para:
            yield p_index, index, sentence
            index += 1


def load_case(root: ContentRoot, slug: str) -> Case:
    """Read and validate every file of a case; raise one CaseError listing all problems."""
    from dictee.content.model import Case, CaseMeta
    from dictee.content.yamlfile import line_of, load_yaml

    folder = root.case_folder(slug)
    meta_path = folder / "cas.yaml"
    problems: list[DicteeError] = []
    data, lines = load_yaml(read_case_file(meta_path), meta_path)
    meta = _validate(CaseMeta, data, meta_path, lines, problems)
    if meta is not None and meta.slug != slug:
        problems.append(DicteeError(
            f"champ « slug » : « {meta.slug} » ne correspond pas au dossier « {slug} »",
            path=meta_path, line=line_of(lines, ("slug",)),
            hint="Le slug doit être identique au nom du dossier du cas."))
    levels: dict[str, LevelText] = {}
    for level in LEVELS:
        path = folder / f"{level}.md"
        if path.is_file():
            loaded = _load_level(root, slug, level, path, problems)
            if loaded is not None:
                levels[level] = loaded
    if not problems and not levels:
        problems.append(DicteeError(
            "aucun niveau : ni primaire.md ni secondaire.md", path=folder,
            hint="Ajoutez au moins un texte de dictée (voir docs/format-des-cas.md)."))
    if problems or meta is None:
        count = len(problems)
        raise CaseError(f"le cas « {slug} » contient {count} erreur{'s' if count > 1 else ''}",
                        problems=problems)
    return Case(meta=meta, levels=levels, folder=folder, lines=lines)
