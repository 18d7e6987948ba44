"""One hierarchy of errors, each carrying a French message meant for a teacher.

The CLI is the only place that turns them into an exit code; the core raises
them with the file (and line, when known) already named in the message.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from pathlib import Path


class DicteeError(Exception):
    """Raised for any problem a user can fix; `message` is shown as is.

    `names`: the files and folders that `message` or `hint` write in their text (beyond
    `path`, which describe() writes itself), exactly as written there: « écrire
    dictee-sasha.zip », a scale's errors listed under its summary. The CLI shows them
    as they are (locations), not spaced as French as the words around them are.
    """

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None,
                 names: Iterable[Path | str] = ()) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        self.names = [str(name) for name in names if str(name)]
        super().__init__(self.describe())

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def locations(self) -> list[str]:
        """The files (with their line) that describe() names, as it writes them (its
        path, then its names): the reader looks for them by these names, which the CLI
        shows exactly as they are (never spaced as French, as the message around them is)."""
        where = self.location()
        return ([where] if where else []) + self.names

    def describe(self) -> str:
        text = self.message
        where = self.location()
        if where:
            text = f"{where} : {text}"
        if self.hint:
            text = f"{text}\n→ {self.hint}"
        return text


class CaseError(DicteeError):
    """Raised when a case is unknown or its files are missing or invalid."""

    def __init__(self, message: str, *, problems: list[DicteeError] | None = None,
                 **kwargs) -> None:
        self.problems = problems or []
        super().__init__(message, **kwargs)

    def locations(self) -> list[str]:
        return super().locations() + [where for p in self.problems for where in p.locations()]

    def describe(self) -> str:
        head = super().describe()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  • {p.describe()}" for p in self.problems)


class AudioError(DicteeError):
    """Raised when a recording is missing, unreadable, silent or implausible."""


class RenderError(DicteeError):
    """Raised when a template cannot be rendered or a document converted."""


class BuildError(DicteeError):
    """Raised when a kit cannot be written (folder, existing file, disk)."""


class GradingError(DicteeError):
    """Raised when a copy, an expected text or a scale (barème) cannot be read."""


# The system's messages (strerror) are in the machine's language, usually English.
_ERRNO_FRENCH = {
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota de disque est dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.EEXIST: "un fichier ou un dossier porte déjà ce nom",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EBUSY: "fichier ou dossier occupé",
    errno.EXDEV: "déplacement impossible d'un disque à un autre",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENOMEM: "mémoire insuffisante",
    errno.ETXTBSY: "fichier occupé",
    errno.EFBIG: "fichier trop gros",
}
_FULL = (errno.ENOSPC, errno.EDQUOT)


def system_message(error: OSError) -> str:
    """The French for an OSError (« No space left on device » → « le disque est plein »)."""
    if error.errno in _ERRNO_FRENCH:
        return _ERRNO_FRENCH[error.errno]
    return f"erreur du système (code {error.errno})" if error.errno else "erreur du système"


def _impossible(action: str) -> str:
    """« impossible de lire », « impossible d'écrire »."""
    elided = action[:1].lower() in "aeiouyàâéèêëîïôûù"
    return f"impossible d'{action}" if elided else f"impossible de {action}"


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _in_temporary(path: Path) -> bool:
    import tempfile

    temporary = Path(tempfile.gettempdir()).resolve()
    try:
        return Path(path).resolve().is_relative_to(temporary)
    except OSError:
        return False


def os_error(error: OSError, action: str, *, path: Path | str | None = None,
             hint: str | None = None, kind: type[DicteeError] | None = None,
             temporary: bool | None = None, names: Iterable[Path | str] = ()) -> DicteeError:
    """One place where a system error becomes a French message naming where and what to do.

    `action` completes « impossible de … » (« écrire la trousse »). A full disk names
    the folder that is full; when it is the temporary folder (`temporary`, or by
    default: `path` lies in it), the message says so and how to choose another, so
    that a recording is never blamed for it. `names`: the files `action` writes in its
    text (DicteeError's names).
    """
    where = Path(path) if path is not None else (
        Path(error.filename) if isinstance(error.filename, (str, Path)) else None)
    cls = kind or BuildError
    if error.errno in _FULL:
        folder = _folder_of(where) if where is not None else None
        if temporary is None:
            temporary = folder is not None and _in_temporary(folder)
        if temporary:
            import tempfile

            return cls(f"{_impossible(action)} : le dossier temporaire est plein",
                       path=tempfile.gettempdir(),
                       hint="Libérez de la place dans ce dossier, ou choisissez-en un autre "
                            "sur un disque moins rempli avec la variable TMPDIR (par exemple "
                            "TMPDIR=/un/autre/dossier dictee …), puis relancez.",
                       names=names)
        return cls(f"{_impossible(action)} : {system_message(error)}", path=folder,
                   hint=hint or "Libérez de la place sur ce disque, ou écrivez sur un autre "
                                "disque, puis relancez.", names=names)
    if hint is None and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "Choisissez un dossier où vous avez le droit d'écrire, ou demandez ce droit."
    return cls(f"{_impossible(action)} : {system_message(error)}", path=where, hint=hint,
               names=names)
