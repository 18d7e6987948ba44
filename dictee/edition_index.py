"""The edition folder's index.html (a page listing every kit) and SHA256SUMS.

Both describe the zips on disk, read back from each kit's manifest, so they stay
true after a partial or interrupted build. Both are written atomically.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import quote

import jinja2

from dictee import __version__
from dictee.archive import atomic_path, file_sha256
from dictee.content.loader import ContentRoot
from dictee.content.typography import file_size
from dictee.errors import RenderError
from dictee.render.environment import environment, find_template

INDEX_TEMPLATE = "edition-index.html.j2"


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


def kit_row(path: Path) -> dict:
    """What the index says of one kit zip, read back from its manifest."""
    manifest = read_manifest(path) or {}
    octets = path.stat().st_size
    return {
        "fichier": path.name, "lien": quote(path.name),
        "personne": manifest.get("personne", path.stem), "pays": manifest.get("pays", ""),
        "niveaux": manifest.get("niveaux", []), "pdf": manifest.get("pdf", False),
        "audio": manifest.get("audio", True),
        "taille": file_size(octets), "octets": octets, "sha256": file_sha256(path),
    }


def write_index(root: ContentRoot, folder: Path, edition: str, rows: list[dict]) -> Path:
    rows = sorted(rows, key=lambda r: (r["personne"], r["fichier"]))
    target = folder / "index.html"
    try:
        page = environment(root, autoescape=True).get_template(INDEX_TEMPLATE).render(
            edition=edition, trousses=rows, version=__version__)
    except jinja2.TemplateError as error:
        raise RenderError(f"le modèle {INDEX_TEMPLATE} n'a pas pu être rempli ({error})",
                          path=find_template(root, INDEX_TEMPLATE), names=[INDEX_TEMPLATE],
                          line=getattr(error, "lineno", None)) from error
    with atomic_path(target) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return target


def write_sums(folder: Path, rows: list[dict]) -> Path:
    """`sha256sum -c SHA256SUMS` checks the kits, run from the folder."""
    target = folder / "SHA256SUMS"
    lines = "".join(f"{r['sha256']}  {r['fichier']}\n"
                    for r in sorted(rows, key=lambda r: r["fichier"]))
    with atomic_path(target) as temporary:
        temporary.write_text(lines, encoding="utf-8", newline="\n")
    return target
