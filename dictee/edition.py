"""build_edition(...): every kit of a campaign year, in parallel and incrementally.

A kit is rebuilt only when the hash of its inputs (recorded by build_kit in the
kit's manifest.json) has changed. Kits are built by separate processes; each
zip is written under a temporary name and renamed (archive.atomic_path), so an
interrupted build leaves every kit in the folder whole. index.html and
SHA256SUMS describe the zips actually on disk, and are written last.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from dictee.content.loader import ContentRoot
from dictee.content.model import LEVELS, Case
from dictee.errors import BuildError, DicteeError
from dictee.kit import KitOptions, build_kit, inputs_digest, kit_name

BUILT, UNCHANGED, FAILED = "construite", "inchangée", "en échec"
_STALE_PART = re.compile(r"^\.dictee-.*\.zip\..*\.part$")  # left by a killed build


@dataclass(frozen=True)
class EditionOptions:
    output: Path | None = None  # None: kits/<edition>
    jobs: int = 1
    pdf: bool = True
    force: bool = False  # rebuild every kit, even unchanged ones


@dataclass(frozen=True)
class Event:
    """What the progress callback receives: a plan, then one event per kit."""

    kind: str  # "plan", "start", "done"
    slug: str = ""
    total: int = 0
    entry: KitEntry | None = None


@dataclass
class KitEntry:
    slug: str
    status: str
    path: Path | None = None
    seconds: float = 0.0  # wall time of the build, 0 when unchanged
    error: str | None = None  # the French description, file and hint included
    notes: list[str] = field(default_factory=list)


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
    """The cores this process may use (not the machine's, under a CPU quota or affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


# --- which cases, which edition ----------------------------------------------------------

def _raw_edition(root: ContentRoot, slug: str) -> str | None:
    """The edition written in a case file that does not load, when it can be read at all."""
    try:
        data = yaml.safe_load((root.texts / slug / "cas.yaml").read_text(encoding="utf-8"))
        value = data.get("edition") if isinstance(data, dict) else None
        return str(value) if value else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


@dataclass
class Plan:
    edition: str
    slugs: list[str]  # every case of the edition, broken ones included
    cases: dict[str, Case]  # the ones that load
    broken: dict[str, DicteeError]  # the ones that do not


def plan(root: ContentRoot, edition: str | None) -> Plan:
    """The edition to build (default: the latest), its cases, and the broken ones."""
    slugs = root.slugs()
    if not slugs:
        raise BuildError("aucun cas dans ce dossier de contenu", path=root.texts,
                         hint="Créez-en un avec « dictee nouveau CAS ».")
    editions: dict[str, str | None] = {}
    cases: dict[str, Case] = {}
    broken: dict[str, DicteeError] = {}
    for slug in slugs:
        try:
            cases[slug] = root.load(slug)
            editions[slug] = cases[slug].meta.edition
        except DicteeError as error:
            broken[slug] = error
            editions[slug] = _raw_edition(root, slug)
    known = sorted({e for e in editions.values() if e})
    if edition is None:
        if not known:
            raise BuildError("aucun cas lisible : impossible de savoir quelle édition construire",
                             hint="« dictee verifier » détaille les erreurs.")
        edition = known[-1]
    # A case too broken to tell its edition is reported with every edition.
    chosen = [s for s in slugs if editions[s] == edition or editions[s] is None]
    if not chosen:
        raise BuildError(f"aucun cas pour l'édition {edition}",
                         hint=f"Éditions disponibles : {', '.join(known) or 'aucune'}.")
    return Plan(edition, chosen, {s: c for s, c in cases.items() if s in chosen},
                {s: e for s, e in broken.items() if s in chosen})


# --- incremental: is the kit on disk already what these inputs give? ----------------------

def _kit_options(options: EditionOptions) -> KitOptions:
    assert options.output is not None  # build_edition has chosen it
    return KitOptions(output=options.output, pdf=options.pdf, force=True)


def read_manifest(path: Path) -> dict | None:
    """The manifest of a kit zip, or None if the zip is missing, damaged or not a kit."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return None
            name = next((n for n in archive.namelist() if n.count("/") == 1
                         and n.endswith("/manifest.json")), None)
            return json.loads(archive.read(name)) if name else None
    except (OSError, zipfile.BadZipFile, ValueError, KeyError):
        return None


def is_current(root: ContentRoot, case: Case, options: EditionOptions) -> bool:
    """True when the zip on disk was built from exactly these inputs and options."""
    from dictee.render import pdf

    manifest = read_manifest(Path(options.output or ".") / kit_name(case.slug, None))
    if manifest is None:
        return False
    levels = [case.levels[name] for name in LEVELS if name in case.levels]  # as build_kit
    kit_options = _kit_options(options)
    digest = inputs_digest(root, case, levels, kit_options)
    with_pdf = options.pdf and pdf.soffice() is not None  # LibreOffice installed since?
    return manifest.get("entrees_sha256") == digest and manifest.get("pdf") == with_pdf


# --- building, in this process or in a pool --------------------------------------------

def _describe_failure(error: BaseException) -> DicteeError:
    if isinstance(error, DicteeError):
        return error
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return BuildError("disque plein", path=getattr(error, "filename", None),
                              hint="Libérez de la place, puis relancez : les trousses déjà "
                                   "construites sont conservées.")
        return BuildError(f"erreur du système de fichiers ({error.strerror or error})",
                          path=getattr(error, "filename", None))
    return BuildError(f"erreur inattendue ({type(error).__name__} : {error})",
                      hint="Signalez-la à l'équipe dictee.")


def _build_one(root_path: str, slug: str, options: KitOptions) -> dict:
    """Run in a worker: returns plain data, since our errors do not travel as exceptions."""
    started = time.perf_counter()
    try:
        result = build_kit(ContentRoot(Path(root_path)), slug, options)
    except Exception as error:  # reported for this case; the others go on
        failure = _describe_failure(error)
        return {"slug": slug, "error": failure.describe()}
    return {"slug": slug, "path": str(result.path), "notes": result.notes,
            "seconds": time.perf_counter() - started}


def _entry(data: dict) -> KitEntry:
    if "error" in data:
        return KitEntry(data["slug"], FAILED, error=data["error"])
    return KitEntry(data["slug"], BUILT, Path(data["path"]), data["seconds"],
                    notes=data["notes"])


def _clean_stale_parts(folder: Path) -> None:
    for path in folder.iterdir():
        if _STALE_PART.match(path.name):
            path.unlink(missing_ok=True)


def _prepare(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"impossible de créer le dossier de sortie ({error.strerror})",
                         path=folder, hint="Choisissez un autre dossier avec --sortie.") from error
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise BuildError("le dossier de sortie n'est pas accessible en écriture", path=folder,
                         hint="Choisissez un autre dossier avec --sortie.")
    _clean_stale_parts(folder)


def build_edition(root: ContentRoot, edition: str | None, options: EditionOptions,
                  progress: Callable[[Event], None] | None = None) -> EditionResult:
    """Build every kit of `edition` (default: the latest) into options.output."""
    from dictee.edition_index import write_index, write_sums

    say = progress or (lambda event: None)
    chosen = plan(root, edition)
    edition, slugs = chosen.edition, chosen.slugs
    output = Path(options.output or Path("kits") / edition)
    _prepare(output)
    options = replace(options, output=output)
    entries = {s: KitEntry(s, FAILED, error=e.describe()) for s, e in chosen.broken.items()}
    todo = []
    for slug, case in chosen.cases.items():
        if not options.force and is_current(root, case, options):
            entries[slug] = KitEntry(slug, UNCHANGED, output / kit_name(slug, None))
        else:
            todo.append(slug)
    say(Event("plan", total=len(slugs)))
    for slug in slugs:
        if slug not in todo:
            say(Event("done", slug, entry=entries[slug]))
    try:
        for data in _run(str(root.path), todo, _kit_options(options), options.jobs, say):
            entries[data["slug"]] = entry = _entry(data)
            say(Event("done", entry.slug, entry=entry))
    finally:
        # Whatever happened, the index and the sums describe the zips now on disk.
        kits = [output / kit_name(s, None) for s in slugs]
        index = write_index(root, output, edition, [k for k in kits if k.is_file()])
        sums = write_sums(output, [k for k in kits if k.is_file()])
    return EditionResult(edition, output, [entries[s] for s in slugs], index, sums)


def _run(root_path: str, slugs: list[str], options: KitOptions, jobs: int,
         say: Callable[[Event], None]):
    """Yield each kit's outcome as it finishes; one process when jobs is 1."""
    if not slugs:
        return
    if jobs <= 1 or len(slugs) == 1:
        for slug in slugs:
            say(Event("start", slug))
            yield _build_one(root_path, slug, options)
        return
    executor = ProcessPoolExecutor(max_workers=min(jobs, len(slugs)))
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
                except Exception as error:  # a worker died (killed, out of memory)
                    yield {"slug": slug, "error": BuildError(
                        f"le processus de construction s'est arrêté ({type(error).__name__})",
                        hint="Relancez : les trousses déjà construites sont conservées.",
                    ).describe()}
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

