"""Where the CLI writes: one console for results, one for messages and errors."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def error(message: str) -> None:
    err.print(f"[bold red]Erreur :[/] {message}", soft_wrap=True)


def warn(message: str) -> None:
    err.print(f"[yellow]Attention :[/] {message}", soft_wrap=True)


def info(message: str) -> None:
    err.print(message, soft_wrap=True)
