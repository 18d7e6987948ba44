"""Word documents from docxtpl templates, with fixed metadata for reproducible bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from dictee.archive import normalize_zip
from dictee.content.loader import ContentRoot
from dictee.errors import RenderError
from dictee.render.environment import docx_environment, find_template


def render_docx(root: ContentRoot, template: str, context: dict, target: Path, *,
                stamp: dt.datetime, title: str) -> Path:
    """Fill `template` with `context` and write `target` (a .docx)."""
    source = find_template(root, template)
    try:
        document = DocxTemplate(str(source))
        document.render(context, jinja_env=docx_environment(), autoescape=True)
    except jinja2.TemplateError as error:
        raise RenderError(f"le modèle Word n'a pas pu être rempli ({error})", path=source,
                          hint="Vérifiez les balises {{ … }} et {%p … %} du modèle.") from error
    except Exception as error:  # a damaged .docx raises zipfile or lxml errors
        raise RenderError(f"modèle Word illisible ({error.__class__.__name__})", path=source,
                          hint="Ouvrez-le dans Word ou LibreOffice et réenregistrez-le "
                               "au format .docx.") from error
    properties = document.docx.core_properties
    properties.title = title
    properties.author = "dictee"
    properties.last_modified_by = "dictee"
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    document.save(str(target))
    normalize_zip(target, stamp=stamp)
    return target
