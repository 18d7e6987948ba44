"""dictee : des trousses de dictée pour la campagne « Écrire, ça libère ».

Everything the command line does can be done from Python (see the README):

    import dictee

    case = dictee.load_case("luis-manuel")
    kit = dictee.build_kit("luis-manuel", output="kits", pdf=False)
    edition = dictee.build_edition(output="site", jobs=2)
    correction = dictee.correct("luis-manuel", "Luis Manuel est un artiste…",
                                level="primaire")

`content` is a content folder (texts/, audio/, templates/); by default the one the
command line would use (--contenu, then $DICTEE_CONTENU, then the built-in one).
Errors are `dictee.errors.DicteeError`, with a French message naming the file.
The heavy modules (audio, documents, grading) are imported on first use, so that
`import dictee` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dictee.content.loader import ContentRoot
    from dictee.content.model import Case
    from dictee.edition import EditionResult
    from dictee.grading.correction import Correction
    from dictee.grading.scale import Scale
    from dictee.kit import KitResult

__all__ = ["__version__", "build_edition", "build_kit", "correct", "load_case"]


def _root(content: Path | str | None) -> ContentRoot:
    from dictee.content.loader import ContentRoot

    return ContentRoot.choose(content)


def load_case(slug: str, *, content: Path | str | None = None) -> Case:
    """Read and validate a case; every problem is listed in the CaseError raised."""
    return _root(content).load(slug)


def build_kit(slug: str, *, content: Path | str | None = None, output: Path | str = "kits",
              levels: tuple[str, ...] | None = None, pdf: bool = True, audio: bool = True,
              school: str | None = None, klass: str | None = None,
              force: bool = False) -> KitResult:
    """Build the kit of a case, as `dictee kit`; `.path` is the zip written."""
    from dictee.kit import build_kit as build
    from dictee.kit_plan import KitOptions

    options = KitOptions(levels=levels, output=Path(output), pdf=pdf, audio=audio,
                         school=school, klass=klass, force=force)
    return build(_root(content), slug, options)


def build_edition(edition: str | None = None, *, content: Path | str | None = None,
                  output: Path | str | None = None, jobs: int = 1, pdf: bool = True,
                  audio: bool = True, force: bool = False) -> EditionResult:
    """Build every kit of an edition (default: the latest), as `dictee edition`."""
    from dictee.edition import EditionOptions
    from dictee.edition import build_edition as build

    options = EditionOptions(output=Path(output) if output is not None else None, jobs=jobs,
                             pdf=pdf, audio=audio, force=force)
    return build(_root(content), edition, options)


def correct(slug: str, copy: str, *, level: str | None = None,
            content: Path | str | None = None, scale: Scale | None = None) -> Correction:
    """Correct a pupil's typed copy against a case's text, as `dictee corriger`.

    A case with two levels needs `level`: grading against the wrong text would give
    dozens of false errors. For any other text, use dictee.grading.correct.
    """
    from dictee.grading.correction import correct as grade

    case = _root(content).load(slug)
    chosen = case.choose_levels((level,) if level else None, one=True)[0]
    return grade(chosen.text, copy, scale)
