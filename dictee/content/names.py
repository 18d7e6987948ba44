"""What cases and their levels are called. Kept apart from model.py (pydantic models,
built when imported) so that finding a case's folder builds none of them."""

from __future__ import annotations

from typing import Literal

Level = Literal["primaire", "secondaire"]
LEVELS: tuple[Level, ...] = ("primaire", "secondaire")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EDITION_PATTERN = r"^\d{4}-\d{4}$"
