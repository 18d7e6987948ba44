"""Print the lowest version pyproject.toml allows for a dependency (`typer==0.26`).

`make test-floor` installs it in a side environment and runs the CLI tests there, so the
floor we declare is a floor we have tested, not a guess.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def floor(name: str) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        bare = requirement.split(";")[0].strip()
        found = re.fullmatch(rf"{re.escape(name)}\s*>=\s*([\w.]+)", bare)
        if found:
            return f"{name}=={found.group(1)}"
    raise SystemExit(f"{name} : aucune version minimale (>=) dans pyproject.toml")


if __name__ == "__main__":
    print(floor(sys.argv[1]))
