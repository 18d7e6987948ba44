"""Keep docs/commandes.md equal to what `dictee … --help` prints.

    python tools/verifier_docs.py           # check (fails if the docs drifted)
    python tools/verifier_docs.py --ecrire  # regenerate docs/commandes.md
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.update({"COLUMNS": "100", "TERMINAL_WIDTH": "100", "NO_COLOR": "1",
                   "_TYPER_FORCE_DISABLE_TERMINAL": "1"})

from typer.main import get_command  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from dictee.cli.app import app  # noqa: E402
from dictee.content.typography import spaced  # noqa: E402

DOC = Path(__file__).resolve().parent.parent / "docs" / "commandes.md"


def _commands(group, prefix: list[str]):
    yield prefix
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield from _commands(command, prefix + [name])


def reference() -> str:
    runner = CliRunner()
    parts = ["# Référence des commandes\n",
             spaced("Produite par `python tools/verifier_docs.py --ecrire` à partir de l'aide "
                    "de `dictee` ; `make check` vérifie qu'elle est à jour.\n")]
    for path in _commands(get_command(app), []):
        result = runner.invoke(app, [*path, "--help"], terminal_width=100)
        title = " ".join(["dictee", *path])
        body = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        parts.append(f"## `{title}`\n\n```text\n{body}\n```\n")
    return "\n".join(parts)


def main() -> int:
    text = reference()
    if "--ecrire" in sys.argv:
        DOC.write_text(text, encoding="utf-8")
        print(f"écrit : {DOC}")
        return 0
    if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
        print("docs/commandes.md n'est plus à jour : lancez "
              "« python tools/verifier_docs.py --ecrire ».", file=sys.stderr)
        return 1
    print("docs/commandes.md est à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
