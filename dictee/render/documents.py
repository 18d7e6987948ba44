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
                stamp: dt.datetime, title: str, page_colour: str | None = None) -> Path:
    """Fill `template` with `context` and write `target` (a .docx); `page_colour` (hex
    RGB, e.g. « FFF8E1 ») gives the page a background colour (cream paper on screen)."""
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
    if page_colour:
        _page_background(document.docx, page_colour)
    document.save(str(target))
    normalize_zip(target, stamp=stamp)
    return target


def _page_background(document, colour: str) -> None:
    """A page background, shown by Word and LibreOffice on screen and in PDF."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element
    for old in body.findall(qn("w:background")):
        body.remove(old)
    background = OxmlElement("w:background")
    background.set(qn("w:color"), colour)
    body.insert(0, background)
    settings = document.settings.element
    if settings.find(qn("w:displayBackgroundShape")) is None:
        settings.insert(0, OxmlElement("w:displayBackgroundShape"))
