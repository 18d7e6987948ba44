"""What a kit will be, decided before anything is built: its levels, its file, its inputs.

`build_kit` follows a plan; `build_edition` compares the plan of each case with
the manifest of the zip already on disk to skip unchanged kits. Both get the
plan from here, so the kit's naming and the hash of its inputs have one home.
The module is light (no audio, no documents): the edition imports it for every
case, including the ones it will not rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dictee import __version__
from dictee.adapt.versions import PAGE_TEMPLATES, VERSIONS
from dictee.adapt.versions import TEMPLATES as VERSION_TEMPLATES
from dictee.archive import file_sha256
from dictee.content.loader import ContentRoot
from dictee.content.model import Case, LevelText

if TYPE_CHECKING:  # the grading package loads numpy: not for the edition's planning
    from dictee.grading.scale import Scale

# Every template a kit is rendered from: a change to any of them changes the kit.
DOCUMENT_TEMPLATES = ("guide-enseignant.docx", "fiche-eleve.docx", "fiche-eleve-a-trous.docx",
                      "lettre.docx", "lettre-dessin.docx", "avant-d-ecrire-ta-lettre.docx",
                      "LISEZMOI.txt.j2", "interactif.html.j2",
                      "interactif.css", "interactif.js", *VERSION_TEMPLATES,
                      *PAGE_TEMPLATES)


@dataclass(frozen=True)
class KitOptions:
    levels: tuple[str, ...] | None = None  # None: every level of the case
    output: Path = Path("kits")
    pdf: bool = True
    audio: bool = True
    school: str | None = None
    klass: str | None = None
    force: bool = False
    pause: float = 1.0  # multiplies the paced track's writing pauses
    repetitions: int = 2  # readings of each group in the paced track
    replays: int | None = None  # cap on replays in the interactive page
    threads: int | None = None  # levels whose audio is made at once (None: all); 1 when
    # the edition already runs one kit per core
    versions: tuple[str, ...] = VERSIONS  # versions for every pupil (adapt/versions.py)
    cream: bool = False  # the dyslexia-friendly sheets on a cream page
    word_bank: bool = False  # the word bank on the class's student sheets and page, for a
    # class learning French (off by default: it spells the grammar words the dictation tests)
    scale: Scale | None = None  # the scale (barème) of the guide and of both pages (None:
    # the default preset, as for `dictee corriger`)

    def chosen_scale(self) -> Scale:
        from dictee.grading.scale import Scale

        return self.scale if self.scale is not None else Scale.default()


@dataclass(frozen=True)
class KitPlan:
    """One kit to build: which levels, where its zip goes, what it is made from."""

    case: Case
    levels: tuple[LevelText, ...]
    target: Path  # the zip
    digest: str  # sha256 of every input and setting, recorded in manifest.json
    pdf: bool  # PDFs asked for and LibreOffice present

    def matches(self, manifest: dict | None) -> bool:
        """True when a kit's manifest says it was built from exactly this plan's inputs."""
        return (manifest is not None and manifest.get("entrees_sha256") == self.digest
                and manifest.get("pdf") == self.pdf)


def kit_name(slug: str, levels: tuple[str, ...] | None) -> str:
    return f"dictee-{slug}-{levels[0]}.zip" if levels and len(levels) == 1 else f"dictee-{slug}.zip"


def kit_path(folder: Path, slug: str) -> Path:
    """Where the kit of every level of `slug` goes in `folder` (the edition's kits)."""
    return Path(folder) / kit_name(slug, None)


def edition_stamp(edition: str) -> dt.datetime:
    """One fixed date per edition for every timestamp in a kit (reproducible bytes)."""
    return dt.datetime(int(edition[:4]), 12, 1, 12, 0, 0)


def with_pdf(asked: bool) -> bool:
    """PDFs are made when asked for and LibreOffice is installed."""
    from dictee.render import pdf

    return asked and pdf.soffice() is not None


def inputs_digest(root: ContentRoot, case: Case, levels: list[LevelText] | tuple[LevelText, ...],
                  options: KitOptions) -> str:
    """Hash of everything a kit is made from: unchanged inputs, unchanged kit."""
    from dictee.grading.script import SCRIPT
    from dictee.render.environment import find_template

    digest = hashlib.sha256()
    digest.update(f"dictee {__version__}\n".encode())
    settings = (options.pdf, options.audio, options.school, options.klass, options.pause,
                options.repetitions, options.replays, tuple(lv.level for lv in levels),
                options.versions, options.cream, options.word_bank)
    digest.update(repr(settings).encode())
    # The scale by its values, not by how it was named: « demi-faute » and no --bareme
    # give the same kit; a --bareme file is hashed by what it says, not by its path.
    scale = options.chosen_scale()
    digest.update(f"{scale.name}\n{scale.as_toml()}".encode())
    paths = [case.folder / "cas.yaml"]
    for level in levels:
        paths.append(level.source)
        if options.audio and level.recording is not None:
            paths += [level.recording, root.labels(case.slug, level.level)]
    paths += [find_template(root, name) for name in DOCUMENT_TEMPLATES]
    paths.append(SCRIPT)  # the page's grader is package code, not a template
    for path in paths:
        digest.update(path.name.encode())
        digest.update(file_sha256(path).encode() if path.is_file() else b"-")
    return digest.hexdigest()


def plan_kit(root: ContentRoot, case: Case, options: KitOptions) -> KitPlan:
    """The plan of `case`'s kit under `options`; raises CaseError for a level it lacks."""
    levels = tuple(case.choose_levels(options.levels))
    return KitPlan(case=case, levels=levels,
                   target=Path(options.output) / kit_name(case.slug, options.levels),
                   digest=inputs_digest(root, case, levels, options),
                   pdf=with_pdf(options.pdf))
