"""Where templates come from, and the Jinja environment they are rendered with.

A content folder's templates/ comes first, then the built-in one: staff
override a single file without forking the rest. StrictUndefined makes a
misspelt variable stop the build instead of printing nothing.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from dictee.content.loader import ContentRoot, builtin_root
from dictee.content.typography import spaced
from dictee.errors import RenderError


def search_path(root: ContentRoot) -> list[Path]:
    paths = [root.templates, builtin_root() / "templates"]
    unique: list[Path] = []
    for path in paths:
        if path.is_dir() and path.resolve() not in [p.resolve() for p in unique]:
            unique.append(path)
    return unique


def find_template(root: ContentRoot, name: str) -> Path:
    for folder in search_path(root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise RenderError(f"modèle introuvable : {name}", names=[name, root.templates],
                      hint=f"Placez {name} dans {root.templates} ou réinstallez dictee.")


def environment(root: ContentRoot, *, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(root)]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def docx_environment() -> jinja2.Environment:
    """The environment docxtpl renders Word templates with (XML-escaped values)."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_text(root: ContentRoot, name: str, context: dict) -> str:
    """A plain text template (LISEZMOI.txt), as a teacher opens it: with the no-break
    spaces of French (typography.spaced) where its template, written with ordinary ones
    to stay readable, has a space before : ; ! ? or inside « ». The texts given are
    spaced before the template wraps them (`wordwrap` breaks lines at ordinary spaces
    only): a line never starts with the « : » of a case's sentence."""
    context = {key: spaced(value) if isinstance(value, str) else value
               for key, value in context.items()}
    try:
        return spaced(environment(root, autoescape=False).get_template(name).render(context))
    except jinja2.TemplateError as error:
        raise RenderError(f"le modèle {name} n'a pas pu être rempli ({error})",
                          path=find_template(root, name), names=[name],
                          line=getattr(error, "lineno", None)) from error
