"""build_edition(...): every kit of a campaign year, in parallel and incrementally.

A kit is rebuilt only when its inputs have changed: first by the files' sizes and
times (edition_state), then by the hash of its inputs that build_kit records in
the kit's manifest.json. Kits are built by separate processes; each zip is
written under a temporary name and renamed (archive.atomic_path), so an
interrupted build leaves every kit in the folder whole. index.html, SHA256SUMS
and the state describe the zips actually on disk, and are written last, even
after a failure or Ctrl-C.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Generator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from dictee import cores, signals
from dictee.archive import output_folder
from dictee.content.loader import ContentRoot, read_case_file
from dictee.edition_index import kit_row, read_manifest, write_index, write_sums
from dictee.edition_state import EditionState, Signature, case_inputs
from dictee.errors import BuildError, DicteeError, os_error
from dictee.kit_plan import KitOptions, kit_path, plan_kit, with_pdf

if TYPE_CHECKING:
    from dictee.content.model import Case
    from dictee.grading.scale import Scale

BUILT, UNCHANGED, FAILED = "construite", "inchangée", "en échec"
# Temporary files of a build that was killed (atomic_path names them « .NAME.XXXX.part »).
_STALE_PART = re.compile(r"^\.(dictee-.+\.zip|index\.html|SHA256SUMS|\.dictee-edition\.json)"
                         r"\..+\.part$")
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10× faster


@dataclass(frozen=True)
class EditionOptions:
    output: Path | None = None  # None: kits/<edition>
    jobs: int = 1
    pdf: bool = True
    audio: bool = True  # False: kits without recordings (before they are made)
    force: bool = False  # rebuild every kit, even unchanged ones
    word_bank: bool = False  # the word bank on the class's sheets (kit --banque-de-mots)
    scale: Scale | None = None  # the guide's and the pages' scale (None: the default preset)


@dataclass
class KitEntry:
    slug: str
    status: str
    path: Path | None = None
    seconds: float = 0.0  # wall time of the build, 0 when unchanged
    error: str | None = None  # the French description, file and hint included
    names: list[str] = field(default_factory=list)  # the files `error` names (locations)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Event:
    """What the progress callback receives: a plan, then « start » and « done » per kit."""

    kind: str
    slug: str = ""
    total: int = 0
    entry: KitEntry | None = None


@dataclass
class EditionResult:
    edition: str
    output: Path
    entries: list[KitEntry]
    index: Path
    sums: Path

    @property
    def failed(self) -> list[KitEntry]:
        return [e for e in self.entries if e.status == FAILED]


def default_jobs() -> int:
    """The cores this process may use (not the machine's, under an affinity mask)."""
    return cores.usable()


# --- which edition, which cases --------------------------------------------------------------

def _edition_of(root: ContentRoot, slug: str) -> str | None:
    """The edition a case file declares, read without validating the rest."""
    try:
        data = yaml.load(read_case_file(root.texts / slug / "cas.yaml"), _YAML)
        value = data.get("edition") if isinstance(data, dict) else None
        return str(value) if value else None
    except (DicteeError, yaml.YAMLError, RecursionError):
        return None


def plan(root: ContentRoot, edition: str | None) -> tuple[str, list[str]]:
    """The edition to build (default: the latest) and its cases.

    A case too broken to tell its edition belongs to every edition, so that it is
    reported rather than silently left out.
    """
    slugs = root.slugs()
    if not slugs:
        raise BuildError("aucun cas dans ce dossier de contenu", path=root.texts,
                         hint="Créez-en un avec « dictee nouveau CAS ».")
    editions = {slug: _edition_of(root, slug) for slug in slugs}
    known = sorted({e for e in editions.values() if e})
    if edition is None:
        if not known:
            raise BuildError("aucun cas n'indique son édition",
                             hint="« dictee verifier » détaille les erreurs.")
        edition = known[-1]
    chosen = [s for s in slugs if editions[s] in (edition, None)]
    if not [s for s in chosen if editions[s] == edition]:
        raise BuildError(f"aucun cas pour l'édition {edition}",
                         hint=f"Éditions disponibles : {', '.join(known) or 'aucune'}.")
    return edition, chosen


# --- is the kit on disk already what these inputs give? ------------------------------------

def _kit_options(output: Path, options: EditionOptions) -> KitOptions:
    # --jobs N means N cores: one kit per process, and one level at a time inside it.
    return KitOptions(output=output, pdf=options.pdf, audio=options.audio, force=True,
                      threads=1, word_bank=options.word_bank, scale=options.scale)


def is_current(root: ContentRoot, case: Case, output: Path, options: EditionOptions) -> bool:
    """True when the zip on disk was built from exactly these inputs and options."""
    plan = plan_kit(root, case, _kit_options(output, options))
    return plan.matches(read_manifest(plan.target))


# --- building, in this process or in a pool ----------------------------------------------

def _describe_failure(error: BaseException) -> DicteeError:
    if isinstance(error, DicteeError):
        return error
    if isinstance(error, OSError):
        return os_error(error, "construire la trousse")
    # The error's own text may hold a path (and is not our French): written as it is.
    return BuildError(f"erreur inattendue ({type(error).__name__} : {error})",
                      hint="Signalez-la à l'équipe dictee.", names=[str(error)])


def _build_one(root_path: str, slug: str, options: KitOptions | None) -> dict:
    """Run in a worker: returns plain data, since our errors do not travel as exceptions."""
    from dictee.kit import build_kit

    assert options is not None  # None only when there is nothing to build
    started = time.perf_counter()
    try:
        with signals.working():
            result = build_kit(ContentRoot(Path(root_path)), slug, options)
    except signals.ParentGone:
        os._exit(143)  # the kit's temporary folders are gone already: just stop
    except Exception as error:  # reported for this case; the others go on
        if signals.interrupted():  # ffmpeg killed by the same Ctrl-C: not a failure
            raise KeyboardInterrupt from error
        failure = _describe_failure(error)
        return {"slug": slug, "error": failure.describe(), "names": failure.locations()}
    return {"slug": slug, "path": str(result.path), "notes": result.notes,
            "seconds": time.perf_counter() - started}


def _run(root_path: str, slugs: list[str], options: KitOptions | None, jobs: int,
         say: Callable[[Event], None]) -> Generator[dict, None, None]:
    """Yield each kit's outcome as it finishes; in this process when jobs is 1.

    Workers stop with this process: killed, interrupted, or when the caller stops
    reading (the generator is closed), each removes its temporary folders and exits.
    """
    if jobs <= 1 or len(slugs) <= 1:
        for slug in slugs:
            say(Event("start", slug))
            yield _build_one(root_path, slug, options)
        return
    executor = ProcessPoolExecutor(max_workers=min(jobs, len(slugs)),
                                   initializer=signals.die_with_parent)
    try:
        pending: dict[Future, str] = {}
        for slug in slugs:
            pending[executor.submit(_build_one, root_path, slug, options)] = slug
            say(Event("start", slug))
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                slug = pending.pop(future)
                try:
                    yield future.result()
                except Exception as error:  # the worker died (killed, out of memory)
                    if signals.interrupted():
                        raise KeyboardInterrupt from error
                    yield {"slug": slug, "error": BuildError(
                        f"le processus de construction s'est arrêté ({type(error).__name__})",
                        hint="Relancez : les trousses déjà construites sont conservées.",
                    ).describe(), "names": []}
    except BaseException:
        signals.stop_workers(executor)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _prepare(folder: Path) -> None:
    output_folder(folder)
    for path in folder.iterdir():
        if _STALE_PART.match(path.name):
            path.unlink(missing_ok=True)


def _entry(data: dict) -> KitEntry:
    if "error" in data:
        return KitEntry(data["slug"], FAILED, error=data["error"], names=data["names"])
    return KitEntry(data["slug"], BUILT, Path(data["path"]), data["seconds"],
                    notes=data["notes"])


def build_edition(root: ContentRoot, edition: str | None, options: EditionOptions,
                  progress: Callable[[Event], None] | None = None) -> EditionResult:
    """Build every kit of `edition` (default: the latest) into options.output."""
    from dictee.render.environment import search_path

    say = progress or (lambda event: None)
    edition, slugs = plan(root, edition)
    output = Path(options.output or Path("kits") / edition)
    _prepare(output)
    state = EditionState(output, {"pdf": with_pdf(options.pdf), "audio": options.audio,
                                  "banque_de_mots": options.word_bank,
                                  # None for no --bareme: no grading import on a no-op run
                                  "bareme": None if options.scale is None else
                                  f"{options.scale.name}\n{options.scale.as_toml()}"})
    templates = search_path(root)
    inputs: dict[str, Signature] = {}
    entries: dict[str, KitEntry] = {}
    todo: list[str] = []
    say(Event("plan", total=len(slugs)))
    for slug in slugs:
        inputs[slug] = case_inputs(root, slug, templates)
        target = kit_path(output, slug)
        if not options.force and state.fresh(slug, inputs[slug], target):
            entries[slug] = KitEntry(slug, UNCHANGED, target)
            continue
        try:
            case = root.load(slug)
        except DicteeError as error:
            entries[slug] = KitEntry(slug, FAILED, error=error.describe(),
                                     names=error.locations())
            continue
        if not options.force and is_current(root, case, output, options):
            entries[slug] = KitEntry(slug, UNCHANGED, target)
            state.record(slug, inputs[slug], target)
        else:
            todo.append(slug)
    for slug in slugs:
        if slug in entries:
            say(Event("done", slug, entry=entries[slug]))
    outcomes = _run(str(root.path), todo, _kit_options(output, options) if todo else None,
                    options.jobs, say)
    try:
        for data in outcomes:
            entries[data["slug"]] = entry = _entry(data)
            if entry.status == BUILT:
                state.record(entry.slug, inputs[entry.slug], kit_path(output, entry.slug))
            else:
                state.forget(entry.slug)
            say(Event("done", entry.slug, entry=entry))
    finally:
        outcomes.close()  # stops the workers first when the loop ended early
        index, sums = _describe_folder(root, output, edition, slugs, state)
    return EditionResult(edition, output, [entries[s] for s in slugs], index, sums)


def _describe_folder(root: ContentRoot, output: Path, edition: str, slugs: list[str],
                     state: EditionState) -> tuple[Path, Path]:
    """index.html, SHA256SUMS and the state, for the zips now on disk."""
    rows = []
    for slug in slugs:
        target = kit_path(output, slug)
        if not target.is_file():
            continue
        row = state.row(slug, target)
        if row is None:
            row = kit_row(target)
            state.remember_row(slug, row)
        rows.append(row)
    index = write_index(root, output, edition, rows)
    sums = write_sums(output, rows)
    state.save()
    return index, sums
