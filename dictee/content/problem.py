"""What `dictee verifier` finds: located problems, gathered into one report.

A problem is data, not an exception: checking goes on after the first one so
that an author sees every problem of every case in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "erreur"
WARNING = "avertissement"
INFO = "information"  # what the tool chose on the author's behalf: to read, not to fix


@dataclass(frozen=True)
class Problem:
    """One thing to fix (erreur), to look at (avertissement) or to know (information),
    with its place."""

    case: str | None
    category: str  # shown to authors: « schéma », « typographie », « groupes »…
    message: str
    path: Path | None = None
    line: int | None = None
    hint: str | None = None
    severity: str = ERROR
    names: tuple[str, ...] = ()  # files and folders written in the message (DicteeError.names)

    def where(self, root: Path | None = None) -> str:
        if self.path is None:
            return ""
        shown = _relative(self.path, root)
        return f"{shown}:{self.line}" if self.line else shown

    def as_dict(self, root: Path | None = None) -> dict:
        return {
            "cas": self.case, "gravite": self.severity, "categorie": self.category,
            "fichier": _relative(self.path, root) if self.path else None,
            "ligne": self.line, "message": self.message, "conseil": self.hint,
        }


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


@dataclass
class Report:
    """Every problem found in the cases that were checked."""

    root: Path
    cases: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Cases whose files could not be read as a case: only schema and typography
    # were checked; the rest waits until those errors are fixed.
    partial: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def infos(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == INFO]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def as_dict(self, *, strict: bool = False) -> dict:
        return {
            "contenu": str(self.root), "cas": self.cases,
            "erreurs": len(self.errors), "avertissements": len(self.warnings),
            "verification_partielle": self.partial, "reussi": not self.failed(strict=strict),
            "problemes": [p.as_dict(self.root) for p in self.problems],
        }
