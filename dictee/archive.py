"""Deterministic zips, written atomically.

Same files in, same bytes out: entries sorted, one fixed timestamp, fixed
permissions. A zip is written under a temporary name in the target folder and
renamed into place, so an interrupted build never leaves half a kit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from dictee.errors import BuildError, os_error
from dictee.scratch import remove_tree

_STORED = {".mp3", ".png", ".jpg", ".zip", ".docx"}  # already compressed


def _info(name: str, stamp: dt.datetime, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, whatever the machine
    return info


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place on success only."""
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a kit is for sharing
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `target`; rename it into place on success only.

    The rename fails rather than merge when `target` appeared meanwhile (OSError),
    and the temporary folder goes whatever happens.
    """
    target = Path(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent))
    try:
        yield staging
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700
        os.rename(staging, target)
    finally:
        remove_tree(staging)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_zip(folder: Path, target: Path, *, top: str, stamp: dt.datetime) -> Path:
    """Zip every file under `folder` into `target`, inside one top-level folder `top`.

    A system error (disk full, permission) names the target's folder, in French.
    """
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    try:
        with atomic_path(target) as temporary:
            with zipfile.ZipFile(temporary, "w") as archive:
                for path in files:
                    name = f"{top}/{path.relative_to(folder).as_posix()}"
                    compress = path.suffix.lower() not in _STORED
                    archive.writestr(_info(name, stamp, compress), path.read_bytes(),
                                     compresslevel=6 if compress else None)
    except OSError as error:
        raise os_error(error, f"écrire {Path(target).name}", path=Path(target).parent,
                       names=[Path(target).name],
                       temporary=False) from error
    return target


def normalize_zip(path: Path, *, stamp: dt.datetime) -> Path:
    """Rewrite a zip-based file (.docx) with fixed timestamps and order, in place."""
    with zipfile.ZipFile(path) as source:
        entries = [(item.filename, source.read(item.filename)) for item in source.infolist()]
    # [Content_Types].xml must stay first for Office; keep the original order otherwise.
    with atomic_path(path) as temporary:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name, data in entries:
                archive.writestr(_info(name, stamp, True), data, compresslevel=6)
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_folder(folder: Path) -> Path:
    """Create `folder` if needed and check we may write there, before any work is done."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise os_error(error, "créer le dossier de sortie", path=folder, temporary=False,
                       hint="Choisissez un autre dossier avec --sortie.") from error
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise BuildError("le dossier de sortie n'est pas accessible en écriture", path=folder,
                         hint="Choisissez un autre dossier avec --sortie.")
    return folder
