"""What each kit of an edition folder was built from, to skip unchanged kits at once.

Reading and validating every case only to learn that nothing changed costs more
than the rest of a no-change run. So the folder keeps `.dictee-edition.json`: for
each kit, the size and modification time (ns) of every file it may depend on
(texts/<slug>/, audio/<slug>/, the template folders) and of the zip itself. Same
signatures, same tool version and options: the kit is current. Any difference
sends the kit back to the exact test, the inputs' hash recorded in its manifest.
"""

from __future__ import annotations

import json
from pathlib import Path

from dictee import __version__
from dictee.archive import atomic_path
from dictee.content.loader import ContentRoot

STATE_NAME = ".dictee-edition.json"
Signature = dict[str, list[int]]


def signature(paths: list[Path]) -> Signature:
    found: Signature = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found[str(path)] = [stat.st_size, stat.st_mtime_ns]
    return found


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def case_inputs(root: ContentRoot, slug: str, templates: list[Path]) -> Signature:
    """Every file a kit of `slug` may be made from (a superset of kit_plan.inputs_digest's)."""
    paths = _files(root.texts / slug) + _files(root.audio / slug)
    for folder in templates:
        paths += _files(folder)
    return signature(paths)


class EditionState:
    """The record kept in an edition folder; a different tool version or option empties it."""

    def __init__(self, folder: Path, options: dict) -> None:
        self.path = folder / STATE_NAME
        self.key = {"version": __version__, **options}
        self.kits: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("cle") == self.key:
            self.kits = data.get("trousses", {})

    def fresh(self, slug: str, inputs: Signature, zip_path: Path) -> bool:
        entry = self.kits.get(slug)
        return (entry is not None and entry.get("entrees") == inputs
                and entry.get("zip") == signature([zip_path]).get(str(zip_path)))

    def record(self, slug: str, inputs: Signature, zip_path: Path) -> None:
        """Remember a current kit; `inputs` must be taken before it was built."""
        zip_signature = signature([zip_path]).get(str(zip_path))
        if zip_signature is None:
            self.kits.pop(slug, None)
        else:
            before = self.kits.get(slug, {})
            row = before.get("ligne") if before.get("zip") == zip_signature else None
            self.kits[slug] = {"entrees": inputs, "zip": zip_signature, "ligne": row}

    def forget(self, slug: str) -> None:
        self.kits.pop(slug, None)

    def row(self, slug: str, zip_path: Path) -> dict | None:
        """The index row computed for this very zip, if any."""
        entry = self.kits.get(slug)
        if entry and entry.get("zip") == signature([zip_path]).get(str(zip_path)):
            return entry.get("ligne")
        return None

    def remember_row(self, slug: str, row: dict) -> None:
        if slug in self.kits:
            self.kits[slug]["ligne"] = row

    def save(self) -> None:
        data = {"cle": self.key, "trousses": self.kits}
        with atomic_path(self.path) as temporary:
            temporary.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True),
                                 encoding="utf-8")
