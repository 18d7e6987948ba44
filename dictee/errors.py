"""One hierarchy of errors, each carrying a French message meant for a teacher.

The CLI is the only place that turns them into an exit code; the core raises
them with the file (and line, when known) already named in the message.
"""

from __future__ import annotations

from pathlib import Path


class DicteeError(Exception):
    """Raised for any problem a user can fix; `message` is shown as is."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.describe())

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

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
