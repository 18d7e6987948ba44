"""Levels to adapt: the shipped ones, and small made-up ones written into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dictee.content.loader import ContentRoot
from dictee.content.model import LevelText

REPO = Path(__file__).resolve().parent.parent.parent
SHIPPED = [(slug, level) for slug in ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse")
           for level in ("primaire", "secondaire")]


def shipped(slug: str, level: str) -> LevelText:
    return ContentRoot(REPO).load(slug).level(level)


@pytest.fixture
def make_level(tmp_path: Path):
    """Write a primaire level with the given front matter lines and text; load it."""

    def make(text: str, grammar: str, extra: str = "", board: str = "[Luis Manuel]",
             glossary: str = "") -> LevelText:
        root = tmp_path / "contenu"
        if not root.exists():
            shutil.copytree(REPO / "texts" / "luis-manuel", root / "texts" / "luis-manuel")
            (root / "texts" / "luis-manuel" / "secondaire.md").unlink()
        header = ["titre: Un essai", "enregistrement:", "  lecteur: Personne",
                  f"tableau: {board}", grammar.strip(), glossary.strip(), extra.strip(),
                  "questions:", "  - Pourquoi ?"]
        body = "---\n" + "\n".join(line for line in header if line) + "\n---\n" + text + "\n"
        (root / "texts" / "luis-manuel" / "primaire.md").write_text(body, encoding="utf-8")
        return ContentRoot(root).load("luis-manuel").level("primaire")

    return make
