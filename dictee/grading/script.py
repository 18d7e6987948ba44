"""The grading rules in JavaScript, for the offline page: dictee/grading/correction.js.

It is code of the package, not a template: a content folder restyles the page but
cannot change how copies are graded, so that the page and `dictee corriger` always
give the same verdicts (tests/vectors/corriger/ and tests/browser/test_checker.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SCRIPT = Path(__file__).resolve().with_name("correction.js")


@cache
def grader_script() -> str:
    """The text of correction.js, to inline in a page (it holds no « </script »)."""
    text = SCRIPT.read_text(encoding="utf-8")
    if "</script" in text.lower():  # would end the inline <script> early
        raise ValueError(f"{SCRIPT} must not contain « </script »")
    return text
