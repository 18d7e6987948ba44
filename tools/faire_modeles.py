"""Write the Word templates in templates/ (run once; staff then edit them in Word).

The templates are docxtpl files: ordinary .docx documents holding Jinja tags
({{ … }}, {{r … }} for highlighted text, {%p for … %}, {%tr for … %}). Changing fonts,
colours, margins or wording in Word changes every kit, without touching Python. Run:

    python tools/faire_modeles.py            # writes templates/*.docx

Conventions for a new document (one function here, named for the document):
- start from new_document(size) (US Letter, Arial, the shared heading styles);
- fixed text goes through para()/labelled(), which apply French typography
  (typeset(): no-break spaces before : ; ! ? and inside « », curly apostrophes);
- a pupil's sheet starts with header_block() (name, group, date, score box) and
  ends with footer() — or numbered_footer() (« page 2 de 4 ») when it may run
  to several pages; never a command, a file path or the tool's name in the text;
- headings use the styles « Heading 1/2 » (kept with what follows); a block that
  must stay on one page uses keep_together() on each of its paragraphs;
- template variables are French and mirror the case format; their values come
  from dictee/render/context.py (plain dicts of typeset strings).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dictee.content.typography import french  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "templates"
ACCENT = RGBColor(0x1A, 0x1A, 0x1A)
YELLOW = "FFF2B3"  # Amnistie's yellow, softened for print
GREY = "F2F2F2"
WARM = "E8A33D"  # the letter's frame: a warm orange that prints well in grey too
RULE = "A6B8C8"  # writing lines on the letter: visible, not heavy
INK = RGBColor(0x1F, 0x3A, 0x5F)
LETTER_LINE_CM = 1.1  # generous lines for a 10-year-old's handwriting
BANK_SPACING = 1.6  # lines of the fill-in sheet under the word bank (2.0 without)
SHEET_LINE_CM = 0.72  # a pupil's sheet: the usual ruled-paper spacing, two per line of text


def new_document(size_pt: float = 11) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # Letter, as in Canada
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(size_pt)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 12), ("Subtitle", 11)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = name != "Subtitle"
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        if rfonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            rfonts.set(qn("w:ascii"), "Arial")
            rfonts.set(qn("w:hAnsi"), "Arial")
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 1"].paragraph_format.keep_with_next = True
    styles["Heading 2"].paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.space_after = Pt(2)
    _no_title_border(styles["Title"])
    doc.core_properties.author = "dictee"
    doc.core_properties.title = ""
    return doc


def _no_title_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


_TAG = re.compile(r"({{.*?}}|{%.*?%})")


def typeset(text: str) -> str:
    """French typography in the template's own words (curly apostrophes, no-break
    spaces before : ; ! ? and inside « »); Jinja tags left untouched."""
    tags: list[str] = []

    def hide(match: re.Match[str]) -> str:
        tags.append(match.group())
        return f"\ue000{len(tags) - 1}\ue001"  # no space inside: spacing rules still see it

    typeset_text = french(_TAG.sub(hide, text))
    return re.sub("\ue000(\\d+)\ue001", lambda m: tags[int(m.group(1))], typeset_text)


def tag(doc_or_cell, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %})."""
    doc_or_cell.add_paragraph(text)


def para(container, text: str = "", *, style: str | None = None, bold: bool = False,
         italic: bool = False, size: float | None = None, align=None):
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(typeset(text))
        # None, not False: a heading's style keeps its bold.
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def labelled(container, label: str, value: str, *, style: str | None = None):
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(typeset(label)).bold = True
    paragraph.add_run(typeset(value))
    return paragraph


def shade(cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc_pr.append(shading)


def borders(table, *, colour: str = "8C8C8C", **edges: str) -> None:
    """Set table borders: edges like top="single", insideH="single" (others: none)."""
    tbl_pr = table._tbl.tblPr
    element = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        kind = edges.get(edge, "nil")
        node.set(qn("w:val"), kind)
        if kind != "nil":
            node.set(qn("w:sz"), "6")
            node.set(qn("w:color"), colour)
        element.append(node)
    tbl_pr.append(element)


def box(doc, colour: str):
    """A one-cell shaded table used as a framed box; returns the cell."""
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders(table, top="single", left="single", bottom="single", right="single")
    cell = table.rows[0].cells[0]
    shade(cell, colour)
    cell.paragraphs[0].text = ""
    return cell


def ruled_lines(doc, loop: str, height_cm: float, *, colour: str = "8C8C8C") -> None:
    """Ruled writing lines: one table row per line, repeated by a {%tr for %} loop."""
    table = doc.add_table(rows=3, cols=1)
    borders(table, insideH="single", bottom="single", colour=colour)
    table.rows[0].cells[0].paragraphs[0].text = "{%tr for ligne in " + loop + " %}"
    table.rows[2].cells[0].paragraphs[0].text = "{%tr endfor %}"
    row = table.rows[1]
    row.height = Cm(height_cm)
    tr_pr = row._tr.get_or_add_trPr()
    rule = tr_pr.find(qn("w:trHeight"))
    rule.set(qn("w:hRule"), "exact")


def footer(doc, text: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.text = typeset(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)


def header_block(doc) -> None:
    """Name / group / date boxes and the score box at the top of a pupil's sheet."""
    tag(doc, "{%p if ecole %}")
    para(doc, "{{ ecole }}", size=9)
    tag(doc, "{%p endif %}")
    table = doc.add_table(rows=1, cols=4)
    borders(table, top="single", left="single", bottom="single", right="single",
            insideV="single")
    widths = (Cm(6.2), Cm(3.7), Cm(3.5), Cm(4.2))
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, width, (label, value) in zip(table.rows[0].cells, widths, (
            ("Nom : ", ""), ("Groupe : ", "{{ classe }}"), ("Date : ", ""),
            ("Note : ", "{{ bareme.sur_blanc }}"))):
        cell.width = width
        cell.paragraphs[0].add_run(typeset(label)).bold = True
        cell.paragraphs[0].add_run(value)
    shade(table.rows[0].cells[3], YELLOW)
    table.rows[0].height = Cm(1.1)
    para(doc)


def field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in when printing."""
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run("1")
    char("end")


def numbered_footer(doc, text: str) -> None:
    """The footer `text`, then « page 2 de 4 » (Word fields, right for any length)."""
    footer(doc, text + " · page ")
    paragraph = doc.sections[0].footer.paragraphs[0]
    field(paragraph, "PAGE")
    paragraph.add_run(" de ")
    field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)


def ruled_pairs(doc, loop: str, height_cm: float) -> None:
    """Pairs of lines, one pair per line of text: a dark line to write on, then a
    dotted one left free (the habit of writing every other line, for corrections)."""
    table = doc.add_table(rows=4, cols=1)
    borders(table)
    table.rows[0].cells[0].paragraphs[0].text = "{%tr for ligne in " + loop + " %}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for row, (kind, size, colour) in zip(table.rows[1:3], (("single", "8", "595959"),
                                                          ("dotted", "6", "A6A6A6"))):
        row.height = Cm(height_cm)
        row._tr.get_or_add_trPr().find(qn("w:trHeight")).set(qn("w:hRule"), "exact")
        tc_pr = row.cells[0]._tc.get_or_add_tcPr()
        edges = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", kind), ("w:sz", size), ("w:color", colour)):
            bottom.set(qn(key), value)
        edges.append(bottom)
        tc_pr.append(edges)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def keep_together(paragraph) -> None:
    """Keep this paragraph on the page of the next one (no heading or lead-in alone at
    the foot of a page; a block kept whole when it fits on one page)."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


def guide() -> Document:
    doc = new_document(10.5)
    para(doc, "{{ titre }}", style="Title")
    para(doc, "Guide pédagogique — La dictée d'une vie, {{ niveau_nom }}",
         style="Subtitle")
    para(doc, "{{ nom }} ({{ pays }}) · Écrire, ça libère {{ edition }}", style="Subtitle")
    tag(doc, "{%p if ecole or classe %}")
    para(doc, "{{ ecole_classe }}", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if synthetique %}")
    cell = box(doc, YELLOW)
    labelled(cell, "Enregistrement provisoire. ", "{{ avertissement_audio }}")
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    tag(doc, "{%p endif %}")

    para(doc, "Qui est {{ prenom }} ?", style="Heading 1")
    para(doc, "{{ resume }}")
    para(doc, "Dates clés", style="Heading 2")
    tag(doc, "{%p for d in dates %}")
    labelled(doc, "{{ d.date }} : ", "{{ d.evenement }}", style="List Bullet")
    tag(doc, "{%p endfor %}")

    para(doc, "Depuis la campagne", style="Heading 1")
    cell = box(doc, GREY)
    labelled(cell, "À vérifier avant la classe. ",
             "Ces faits sont connus en {{ etat_au }} ; la situation a pu changer depuis. "
             "Vérifiez-la auprès d'Amnistie internationale Canada francophone avant d'en "
             "parler aux élèves.")
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    tag(doc, "{%p for f in depuis %}")
    labelled(doc, "{{ f.date }} : ", "{{ f.texte }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    para(doc, "Les numéros entre crochets renvoient aux sources, à la fin du guide.",
         italic=True, size=9)

    para(doc, "Quelle fiche, pour qui ?", style="Heading 1")
    for label, text in (
            ("La fiche de dictée ", "(une ligne pour écrire, une ligne libre pour corriger) : "
             "la dictée complète, pour toute la classe."),
            ("La dictée à trous ", "({{ a_trous.nombre }} mots à écrire) : pour les élèves qui "
             "écrivent lentement ou qui ont besoin de soutien, ou pour une reprise ciblée. "
             "Les trous portent sur les mots des points de grammaire, puis sur des verbes "
             "(participes, infinitifs, imparfaits), environ un mot sur {{ a_trous.par_mot }}."),
            ("La dictée interactive ", "(sur ordinateur) : pour un élève qui reprend la dictée "
             "seul, à son rythme ; sa copie est corrigée avec le même barème."),
            ("La piste rythmée ", "(si la trousse contient l'enregistrement) : elle dicte à "
             "votre place ; vous circulez dans la classe."),
    ):
        labelled(doc, label, text, style="List Bullet")

    para(doc, "Déroulement de la leçon", style="Heading 1")
    steps = [
        ("Avant la dictée. ", "Présentez {{ prenom }} en quelques phrases. Écrivez au tableau "
         "le titre et les mots de la liste « Au tableau »."),
        ("Première lecture. ", "Lisez (ou faites entendre) le texte en entier, lentement. "
         "Les élèves écoutent sans écrire ; expliquez au besoin un mot du lexique."),
        ("Dictée. ", "Pour chaque phrase : lisez-la une fois en entier, puis dictez-la par "
         "groupes de sens, chacun répété au moins deux fois. Dictez la ponctuation et les "
         "retours à la ligne. Attendez les plus lents."),
        ("Relecture. ", "Relisez tout le texte une dernière fois, sans vous arrêter."),
        ("Temps de relecture personnelle. ", "Laissez quelques minutes aux élèves pour "
         "vérifier les accords, les terminaisons des verbes et les mots du tableau."),
        ("Correction. ", "Corrigez avec le corrigé et le barème ci-dessous ; les mots "
         "surlignés sont ceux des points de grammaire."),
        ("Discussion. ", "Échangez à partir des questions proposées."),
        ("Lettres. ", "Lisez avec la classe la feuille « Avant d'écrire ta lettre », puis "
         "chaque élève écrit ou dessine sur la feuille de lettre de son choix. "
         "Ramassez les lettres."),
    ]
    for label, text in steps:
        labelled(doc, label, text, style="List Number")
    tag(doc, "{%p if piste %}")
    para(doc, "La piste rythmée", style="Heading 2")
    para(doc, "{{ piste.description }}")
    tag(doc, "{%p for t in piste.chronologie %}")
    labelled(doc, "{{ t.temps }} — ", "{{ t.texte }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, "Au tableau", style="Heading 1")
    para(doc, "{{ tableau | join(' · ') }}", bold=True, size=13)

    para(doc, "Le texte à lire", style="Heading 1")
    tag(doc, "{%p for p in paragraphes %}")
    para(doc, "{{ p }}", size=12)
    tag(doc, "{%p endfor %}")
    para(doc, "{{ nombre_mots }} mots.", italic=True, size=9)

    para(doc, "Le texte découpé pour la dictée", style="Heading 1")
    keep_together(para(doc, "Chaque phrase est d'abord lue en entier, puis dictée groupe "
                       "par groupe (les barres obliques marquent les pauses).", italic=True))
    tag(doc, "{%p for s in phrases %}")
    labelled(doc, "{{ s.numero }}. ", "{{ s.groupes | join('  /  ') }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if glossaire %}")
    para(doc, "Lexique", style="Heading 1")
    tag(doc, "{%p for g in glossaire %}")
    labelled(doc, "{{ g.mot }} : ", "{{ g.definition }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, "Points de grammaire", style="Heading 1")
    tag(doc, "{%p for g in grammaire %}")
    labelled(doc, "{{ g.numero }}. ", "{{ g.point }} Dans le texte : {{ g.mots | join(', ') }}.")
    tag(doc, "{%p endfor %}")

    heading = para(doc, "Corrigé", style="Heading 1")
    heading.paragraph_format.page_break_before = False
    keep_together(para(doc, "Les mots surlignés sont ceux des points de grammaire ; le "
                       "petit numéro renvoie au point.", italic=True, size=9))
    tag(doc, "{%p for p in corrige %}")
    keep_together(para(doc, "{{r p }}", size=11.5))
    tag(doc, "{%p endfor %}")
    para(doc, "Barème", style="Heading 2")
    para(doc, "{{ bareme.resume }}")
    tag(doc, "{%p for c in bareme.categories %}")
    labelled(doc, "{{ c.nom }} ({{ c.points }}) : ", "{{ c.description }}",
             style="List Bullet")
    tag(doc, "{%p endfor %}")

    versions_section(doc)

    para(doc, "Questions pour la discussion", style="Heading 1")
    tag(doc, "{%p for q in questions %}")
    para(doc, "{{ q }}", style="List Bullet")
    tag(doc, "{%p endfor %}")

    para(doc, "Les lettres d'encouragement", style="Heading 1")
    para(doc, "La trousse contient deux feuilles de lettre (des lignes et un cadre pour "
         "dessiner ; surtout un dessin et quelques lignes) : chaque élève choisit la sienne. "
         "Elles ne portent que la date, « {{ appel }} » et le prénom de l'élève : aucun "
         "conseil ni nom d'organisation ne part avec la lettre. Les conseils sont sur la "
         "feuille « Avant d'écrire ta lettre », à lire avec la classe :")
    tag(doc, "{%p for c in conseils %}")
    para(doc, "{{ c }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    labelled(doc, "Envoi : ", "{{ envoi_enseignant }}")
    tag(doc, "{%p for ligne in adresse %}")
    line = para(doc, "{{ ligne }}", bold=True)
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.left_indent = Cm(1)
    tag(doc, "{%p endfor %}")
    para(doc).paragraph_format.space_after = Pt(0)
    para(doc, "Sécurité : avant d'écrire, parlez avec les élèves de la sécurité de l'action ; "
         "en cas de doute (liens avec le pays concerné, voyage prévu), un élève peut signer "
         "de ses seules initiales, ou ne pas écrire.", italic=True)

    para(doc, "Sources", style="Heading 1")
    tag(doc, "{%p for s in sources %}")
    source = labelled(doc, "{{ s.numero }}. ", "{{ s.texte }}")
    for run in source.runs:
        run.font.size = Pt(8.5)
    # The list kept whole: never the heading and a source or two at the foot of a page,
    # the rest overleaf; on a page of its own, a teacher can leave it out of the print.
    keep_together(source)
    tag(doc, "{%p endfor %}")
    numbered_footer(doc, "{{ nom }} · {{ niveau_nom }}")
    return doc


def class_word_bank(cell) -> None:
    """The word bank under the board's words, when the kit asks for it
    (`--banque-de-mots`): each glossary word with its simple explanation, then the
    words of the grammar points in alphabetical order (on the fill-in sheet, a bank to
    choose from, not the answers in order). The names are the board's words, above."""
    tag(cell, "{%p if banque_de_mots %}")
    tag(cell, "{%p for m in mots_expliques %}")
    explained = labelled(cell, "{{ m.mot }} : ", "{{ m.definition }}")
    explained.paragraph_format.space_after = Pt(1)
    for run in explained.runs:
        run.font.size = Pt(11)
    tag(cell, "{%p endfor %}")
    to_write = labelled(cell, "Mots à bien écrire : ", "{{ mots_a_ecrire_abc | join(' · ') }}")
    for run in to_write.runs:
        run.font.size = Pt(11)
    tag(cell, "{%p endif %}")


def sheet(with_blanks: bool) -> Document:
    doc = new_document(12)
    header_block(doc)
    para(doc, "{{ titre }}", style="Title")
    subtitle = ("Dictée à trous — écris les mots qui manquent" if with_blanks
                else "Dictée d'une vie — {{ nom }}")
    para(doc, subtitle, style="Subtitle")
    cell = box(doc, GREY)
    tag(cell, "{%p if banque_de_mots %}")
    para(cell, "Les mots de l’histoire", bold=True).paragraph_format.space_after = Pt(2)
    tag(cell, "{%p endif %}")
    labelled(cell, "Au tableau : ", "{{ tableau | join(' · ') }}")
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    class_word_bank(cell)
    para(doc)
    if with_blanks:
        # With the word bank above, the lines a little closer: a secondaire text still
        # fits on one page, with room to write in each blank.
        for test, spacing in (("if not banque_de_mots", 2.0), ("else", BANK_SPACING)):
            tag(doc, "{%p " + test + " %}")
            tag(doc, "{%p for p in paragraphes_a_trous %}")
            paragraph = para(doc, "{{ p }}", size=13)
            paragraph.paragraph_format.line_spacing = spacing
            tag(doc, "{%p endfor %}")
        tag(doc, "{%p endif %}")
        footer(doc, "Écrire, ça libère {{ edition }}")
    else:
        para(doc, "Écris sur les lignes foncées ; laisse libres les lignes pointillées, "
             "pour tes corrections.", italic=True, size=10)
        ruled_pairs(doc, "lignes", SHEET_LINE_CM)
        numbered_footer(doc, "Écrire, ça libère {{ edition }}")
    return doc


def page_border(doc, colour: str = WARM, width_eighths: int = 18) -> None:
    """A coloured frame around the whole page (a letter a child is glad to send)."""
    sect_pr = doc.sections[0]._sectPr
    element = OxmlElement("w:pgBorders")
    element.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "single")
        node.set(qn("w:sz"), str(width_eighths))
        node.set(qn("w:space"), "24")
        node.set(qn("w:color"), colour)
        element.append(node)
    # The schema orders sectPr's children: pgBorders comes right after pgMar.
    sect_pr.find(qn("w:pgMar")).addnext(element)


def drawing_frame(doc, height_cm: float) -> None:
    """An empty framed area for a drawing (one cell of fixed height, dashed border)."""
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    element = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "dashed")
        node.set(qn("w:sz"), "12")
        node.set(qn("w:color"), WARM)
        element.append(node)
    tbl_pr.append(element)
    row = table.rows[0]
    row.height = Cm(height_cm)
    row._tr.get_or_add_trPr().find(qn("w:trHeight")).set(qn("w:hRule"), "exact")


def letter_top(doc) -> None:
    """Date, then the salutation: the same opening for both letter layouts."""
    para(doc, "Date : ______________________", align=WD_ALIGN_PARAGRAPH.RIGHT)
    salutation = para(doc, "{{ salutation }}", size=24, bold=True)
    salutation.runs[0].font.color.rgb = INK
    salutation.paragraph_format.space_before = Pt(6)
    salutation.paragraph_format.space_after = Pt(10)


def letter_signature(doc) -> None:
    signature = para(doc, "Prénom : ______________________", size=13,
                     align=WD_ALIGN_PARAGRAPH.RIGHT)
    signature.paragraph_format.space_before = Pt(14)


def letter() -> Document:
    """The letter that is mailed: date, salutation, lines, a drawing box, a first name.

    Nothing else: no advice, no campaign or organisation wording (they are on the
    sheet « Avant d'écrire ta lettre »). The number of lines comes from the context,
    so that a long salutation still leaves one page."""
    doc = new_document(12)
    page_border(doc)
    letter_top(doc)
    ruled_lines(doc, "lignes", LETTER_LINE_CM, colour=RULE)
    para(doc).paragraph_format.space_after = Pt(6)
    drawing_frame(doc, 7.0)
    letter_signature(doc)
    return doc


def letter_drawing() -> Document:
    """The second layout, for younger or less confident writers: mostly drawing."""
    doc = new_document(12)
    page_border(doc)
    letter_top(doc)
    drawing_frame(doc, 13.5)
    para(doc).paragraph_format.space_after = Pt(2)
    ruled_lines(doc, "lignes", LETTER_LINE_CM, colour=RULE)
    letter_signature(doc)
    return doc


def advice() -> Document:
    """« Avant d'écrire ta lettre »: the advice and where the letter goes, for pupils.

    Printed apart from the letter, which travels alone."""
    doc = new_document(14)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    for name in ("Title", "Heading 1"):
        doc.styles[name].font.color.rgb = INK
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(18)
    doc.styles["Heading 1"].font.size = Pt(16)
    para(doc, "Avant d'écrire ta lettre", style="Title")
    para(doc, "Tu vas écrire à {{ prenom }}. Un mot, quelques phrases ou un dessin "
         "peuvent lui faire beaucoup de bien.")
    para(doc, "Quelques conseils", style="Heading 1")
    tag(doc, "{%p for c in conseils %}")
    para(doc, "{{ c }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    para(doc, "Choisis ta feuille", style="Heading 1")
    para(doc, "Il y a deux feuilles de lettre : l'une avec des lignes et un cadre pour "
         "dessiner, l'autre avec un grand cadre pour dessiner et quelques lignes. "
         "Prends celle qui te plaît.")
    para(doc, "Où va ta lettre ?", style="Heading 1")
    para(doc, "{{ envoi_eleve }}")
    para(doc, "Avant de la remettre, vérifie", style="Heading 1")
    for item in ("J'ai écrit la date.", "Ma lettre commence par « {{ appel }} ».",
                 "J'ai signé de mon prénom (ou de mes initiales).",
                 "J'ai relu ma lettre."):
        para(doc, "☐  " + item).paragraph_format.space_after = Pt(8)
    footer(doc, "Écrire, ça libère {{ edition }}")
    return doc


def heading(doc, text: str, style: str):
    """A title or heading that takes its weight from its style (para() would set the
    run's bold off explicitly, overriding the style's)."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(typeset(text))
    return paragraph


def versions_section(doc) -> None:
    """The guide's part on the other versions of the kit: when to use each, the key of
    the adapted sheet, and how to compare its mark with the full dictation's."""
    tag(doc, "{%p if versions.amenagee or versions.mots or versions.phrases_du_jour "
             "or banque_de_mots %}")
    para(doc, "Une histoire, tous les élèves", style="Heading 1")
    para(doc, "Ces versions viennent du même texte et suivent le même enregistrement : "
         "toute la classe entend la même histoire, au même moment.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if versions.amenagee %}")
    para(doc, "La dictée aménagée", style="Heading 2")
    labelled(doc, "Pour qui. ", "Les élèves dyslexiques ou dysorthographiques, et ceux pour "
             "qui écrire tout le texte au rythme de la classe est hors de portée. Leur fiche "
             "imprime le texte groupe par groupe, numérotés comme les extraits de la piste "
             "rythmée : ils savent toujours où en est la classe.")
    labelled(doc, "Ce qu'ils font. ", "Écrire {{ nombre_a_ecrire }} mots et en cocher "
             "{{ nombre_a_cocher }}, soit {{ part_trous }} des mots du texte : les mots des "
             "points de grammaire, et un mot fréquent dans chaque autre groupe ; quand le "
             "mot a un homophone enseigné (a/à, ses/ces…), l'élève coche le bon.")
    labelled(doc, "Corrigé (par numéro de groupe, comme sur la fiche ; \u2611 : mot à "
             "cocher, les autres sont à écrire). ",
             "{% for g in corrige_par_groupe %}{{ g.groupe }}.\u00a0{{ g.reponses }}"
             "{% if not loop.last %} · {% endif %}{% endfor %}")
    labelled(doc, "Comparer équitablement. ", "La note de la dictée aménagée (même barème, "
             "mêmes catégories) ne porte que sur ses {{ nombre_trous }} mots : ne la "
             "comparez pas telle quelle à celle de la dictée complète. Comparez plutôt la "
             "part des mots réussis (mots justes ÷ mots à écrire ou à cocher, d'un côté ; "
             "mots sans erreur ÷ {{ nombre_mots }}, de l'autre), ou les erreurs sur les mots "
             "de grammaire, qui sont à écrire dans les deux versions.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if versions.mots %}")
    para(doc, "Les mots de l'histoire", style="Heading 2")
    labelled(doc, "Pour qui. ", "Les élèves qui apprennent le français (classe d'accueil, "
             "francisation). La veille, lisez avec eux les noms, les mots expliqués et les "
             "mots à bien écrire ; faites-les répéter, expliquez-les avec la phrase donnée, "
             "puis faites-les entendre dans l'enregistrement (l'extrait du groupe indiqué, "
             "ou la page interactive). Le jour de la dictée, ils peuvent garder la feuille "
             "sous les yeux.")
    tag(doc, "{%p if not banque_de_mots %}")
    labelled(doc, "Pour toute la classe. ", "Quand toute la classe apprend le français "
             "(classe d'accueil, francisation), la trousse peut imprimer ces mots sur la fiche "
             "de l'élève et la dictée à trous, et les montrer dans la page interactive "
             "(option « banque de mots »). Ils n'y sont pas d'office : la banque donne "
             "l'orthographe des mots de grammaire que la dictée évalue.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if banque_de_mots %}")
    para(doc, "La banque de mots sur les fiches de la classe", style="Heading 2")
    labelled(doc, "Pour qui. ", "Une classe d'accueil ou de francisation, où chaque élève "
             "apprend le français. La fiche de l'élève et la dictée à trous portent, sous les "
             "mots du tableau, les mots expliqués simplement et les mots à bien écrire ; la "
             "page interactive les montre aussi. Toute la classe a ainsi sous les yeux "
             "l'orthographe des mots de grammaire : la dictée vérifie alors qu'on les "
             "reconnaît et qu'on les recopie bien, plus qu'on ne les sait. Dans une classe "
             "ordinaire, préférez une trousse sans banque et « Les mots de l'histoire » pour "
             "les seuls élèves qui en ont besoin.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if versions.phrases_du_jour %}")
    para(doc, "Les phrases du jour", style="Heading 2")
    labelled(doc, "Pour qui. ", "Toute la classe, la semaine qui précède la dictée : une "
             "phrase courte par jour, écrite puis corrigée ensemble (« dictée 0 faute »). "
             "Chacune exerce un point de grammaire de la dictée ; la fiche « phrases du "
             "jour » donne la routine, les phrases et les points à discuter.")
    tag(doc, "{%p endif %}")


# --- Versions for every pupil (issue 13): print for dyslexic readers -----------------------
# The British Dyslexia Association's style guide: a plain sans-serif font at 14 pt, line
# spacing 1.5, left-aligned, bold (never italics, underlining or capitals) for emphasis,
# generous margins, a little more space between letters. The cream page is a kit option
# (it is set when the document is rendered, not here).
EASY_FONT = "Arial"
EASY_SIZE = 14
EASY_SPACING = 1.5
EASY_MARGIN_CM = 2.5
EASY_LETTER_SPACING = 20  # twentieths of a point: 1 pt more between letters
# A pupil's box for one daily sentence: lines, height. Two lines of 1.05 cm hold a sentence
# of 12 to 15 words in a child's hand, and keep the five days on one page.
DAY_LINES, DAY_LINE_CM = 2, 1.05
# Line spacing of a group on the adapted sheet: room to write in a blank at 14 pt, and
# every group of a secondaire text on two pages.
GROUP_SPACING = 1.6
PRIMAIRE_GROUP_SPACING = 2.0
BANK_MARGIN_CM = 1.5  # margins of « Les mots de l'histoire »: one page at 14 pt


def easy_document() -> Document:
    """A document in the dyslexia-friendly style above; every style it uses is set
    plain (no italics, no underlining, no small or all capitals)."""
    doc = new_document(EASY_SIZE)
    section = doc.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(EASY_MARGIN_CM))
    styles = doc.styles
    normal = styles["Normal"]
    normal.paragraph_format.line_spacing = EASY_SPACING
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(EASY_LETTER_SPACING))
    normal.element.get_or_add_rPr().append(spacing)
    for name, size in (("Title", 22), ("Heading 1", 17), ("Heading 2", 15),
                       ("List Bullet", EASY_SIZE), ("List Number", EASY_SIZE)):
        style = styles[name]
        style.font.name = EASY_FONT
        style.font.size = Pt(size)
        style.font.italic = False
        style.font.underline = False
        style.font.all_caps = False
        style.font.small_caps = False
        style.font.color.rgb = ACCENT
        style.paragraph_format.line_spacing = EASY_SPACING
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.bold = True
    styles["Title"].paragraph_format.space_after = Pt(4)
    styles["Heading 1"].paragraph_format.space_before = Pt(16)
    return doc


def easy_footer(doc, text: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.text = typeset(text)
    for run in paragraph.runs:
        run.font.size = Pt(11)
        run.font.color.rgb = RGBColor(0x50, 0x50, 0x50)


def easy_header(doc) -> None:
    """Name and date lines at the top of a pupil's sheet, without a table grid."""
    para(doc, "Nom : ______________________   Date : ____________")
    tag(doc, "{%p if classe %}")
    para(doc, "Classe : {{ classe }}")
    tag(doc, "{%p endif %}")


def adapted_line(doc, spacing: float) -> None:
    """One group of the adapted sheet: its number, then its words, blanks and choices."""
    line = doc.add_paragraph()
    line.paragraph_format.line_spacing = spacing
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.left_indent = Cm(1.3)
    line.paragraph_format.first_line_indent = Cm(-1.3)
    line.paragraph_format.tab_stops.add_tab_stop(Cm(1.3))
    line.add_run("{{ g.numero }}").bold = True
    line.add_run("\t")
    # One run per tag: docxtpl removes a run holding {%r … %} and keeps the others,
    # so a choice is bold and the rest plain, as set here (or changed in Word).
    for text, bold in (("{%r for m in g.morceaux %}", False), ("{%r if m.choix %}", False),
                       ("{{ m.texte }}", True), ("{%r else %}", False),
                       ("{{ m.texte }}", False), ("{%r endif %}", False),
                       ("{%r endfor %}", False)):
        line.add_run(text).bold = bold


def adapted_sheet() -> Document:
    """« Dictée aménagée »: the text printed group by group, numbered like the clips of
    the paced track; the pupil writes in the blanks and ticks the choices (in bold)."""
    doc = easy_document()
    easy_header(doc)
    heading(doc, "{{ titre }}", "Title")
    para(doc, "Dictée aménagée — {{ nom }}", bold=True)
    cell = box(doc, GREY)
    labelled(cell, "Comment faire. ",
             "Écoute la dictée avec ta classe. Chaque ligne porte le numéro du groupe de "
             "mots que tu entends. Écris le mot qui manque sur le trait. Quand tu vois "
             "deux cases, coche le bon mot.")
    labelled(cell, "Au tableau : ", "{{ tableau | join(' · ') }}")
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    para(doc)
    tag(doc, "{%p for g in groupes_amenages %}")
    tag(doc, "{%p if g.nouveau_paragraphe %}")
    gap = para(doc)  # a new paragraph of the text: a small gap, not a whole line
    gap.paragraph_format.line_spacing = Pt(9)
    gap.paragraph_format.space_after = Pt(0)
    tag(doc, "{%p endif %}")
    # A primaire text is short: its groups spaced wider, more room to write in each
    # blank, and the second page filled rather than left half empty.
    for test, spacing in (("if niveau == 'primaire'", PRIMAIRE_GROUP_SPACING),
                          ("else", GROUP_SPACING)):
        tag(doc, "{%p " + test + " %}")
        adapted_line(doc, spacing)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    easy_footer(doc, "Écrire, ça libère {{ edition }} · dictée aménagée · {{ nombre_trous }} "
                "mots à écrire ou à cocher")
    return doc


BANK_WORD_CM = 4.6  # the word column of « Les mots de l'histoire »; the rest explains it


def bank_table(doc, loop: str, word: str, explanation: str) -> None:
    """Two columns, one row per word ({%tr for %}): the word in bold with its group,
    then what it means or the rule it follows. Side by side, a word and its explanation
    take the lines of the explanation only: the whole sheet fits on one page at 14 pt.
    A light rule between rows keeps each word with its explanation."""
    table = doc.add_table(rows=3, cols=2)
    borders(table, insideH="single", colour="C8C8C8")
    table.autofit = False
    widths = (Cm(BANK_WORD_CM), Cm(21.59 - 2 * BANK_MARGIN_CM - BANK_WORD_CM))
    layout = OxmlElement("w:tblLayout")  # LibreOffice shares the width equally otherwise
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    table.rows[0].cells[0].paragraphs[0].text = "{%tr for m in " + loop + " %}"
    table.rows[2].cells[0].paragraphs[0].text = "{%tr endfor %}"
    left, right = table.rows[1].cells
    left.paragraphs[0].add_run(typeset(word)).bold = True
    right.paragraphs[0].add_run(typeset(explanation))
    for cell in (left, right):
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    table.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def word_bank_sheet() -> Document:
    """« Les mots de l'histoire »: the words to pre-teach the day before the dictation,
    on one page (the pupil keeps it under their eyes on the day)."""
    doc = easy_document()
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(doc.sections[0], side, Cm(BANK_MARGIN_CM))
    section = doc.sections[0]
    section.footer_distance = Cm(0.8)
    for name, size in (("Title", 20), ("Heading 1", 15)):
        # One line each: the 1.5 spacing is for reading lines of text, not a title's.
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].paragraph_format.line_spacing = 1.0
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(8)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(3)
    doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    heading(doc, "Les mots de l'histoire", "Title")
    para(doc, "{{ titre }} — {{ nom }}", bold=True)
    para(doc, "Lis chaque mot à voix haute avec ton enseignante ou ton enseignant. "
         "Le numéro est celui du groupe de la dictée où tu l'entends.")
    tag(doc, "{%p if noms %}")
    heading(doc, "{{ titre_noms }}", "Heading 1")
    para(doc, "{% for n in noms %}{{ n.mot }}\u00a0({{ n.groupe }}){% if not loop.last %}"
         " · {% endif %}{% endfor %}", bold=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if mots_expliques %}")
    heading(doc, "Les mots à comprendre", "Heading 1")
    bank_table(doc, "mots_expliques", "{{ m.mot }} ({{ m.groupe }})", "{{ m.definition }}")
    tag(doc, "{%p endif %}")
    heading(doc, "Les mots à bien écrire", "Heading 1")
    # The rules are long and their words several: one paragraph each, words first.
    tag(doc, "{%p for m in mots_a_ecrire %}")
    rule = labelled(doc, "{{ m.mots | join(' · ') }}", " — {{ m.regle }}")
    rule.paragraph_format.space_after = Pt(2)
    tag(doc, "{%p endfor %}")
    easy_footer(doc, "Écrire, ça libère {{ edition }} · les mots de l'histoire")
    footer_line = section.footer.paragraphs[0].paragraph_format
    footer_line.line_spacing, footer_line.space_after = 1.0, Pt(0)
    return doc


def daily_teacher_sheet() -> Document:
    """The daily sentences for the teacher: the routine, then each day's sentence with
    what to discuss."""
    doc = new_document(11)
    heading(doc, "Les phrases du jour", "Title")
    para(doc, "{{ titre }} — {{ nom }} · {{ niveau_nom }}", bold=True)
    heading(doc, "La routine (« dictée 0 faute »)", "Heading 1")
    for label, text in (
            ("Chaque jour, une phrase. ", "Les cinq jours de classe qui précèdent la dictée, "
             "dictez la phrase du jour (5 à 10 minutes). Les élèves l'écrivent dans la case "
             "du jour de leur feuille."),
            ("Pendant la dictée, les questions sont permises. ", "Un élève qui hésite "
             "demande ; au lieu de donner la réponse, renvoyez à ce qui permet de décider "
             "(le sujet du verbe, le genre du nom, un mot de même famille)."),
            ("Ensuite, la mise en commun. ", "Écrivez la phrase au tableau sous la dictée "
             "des élèves, mot par mot. Pour chaque difficulté, la classe propose, justifie "
             "et s'accorde avant de corriger."),
            ("Enfin, chacun corrige sa phrase. ", "Les élèves corrigent à l'aide du tableau "
             "et soulignent ce qu'ils ont réparé. Le jour de la dictée, les mêmes points "
             "reviennent : les élèves les reconnaissent."),
    ):
        labelled(doc, label, text, style="List Number")
    para(doc, "Cette routine suit les pratiques québécoises de la dictée 0 faute et de la "
         "phrase dictée du jour (Nadeau et Fisher).", size=9)
    tag(doc, "{%p for j in phrases_du_jour %}")
    heading(doc, "Jour {{ j.numero }} — {{ j.jour }}", "Heading 1")
    answer = para(doc, "{{ j.phrase }}", bold=True, size=13)
    answer.paragraph_format.space_after = Pt(2)
    # A day never splits before its first point: its heading, sentence, count and the
    # « Points à discuter » heading (Word's headings keep with next) stay with it.
    answer.paragraph_format.keep_with_next = True
    answer.paragraph_format.keep_together = True
    para(doc, "{{ j.nombre_mots }} mots · {{ j.origine }}",
         size=9).paragraph_format.keep_with_next = True
    heading(doc, "Points à discuter", "Heading 2")
    tag(doc, "{%p for d in j.a_discuter %}")
    tag(doc, "{%p if d.mot %}")
    labelled(doc, "{{ d.mot }} : ", "{{ d.note }}", style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "{{ d.note }}", style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    footer(doc, "Écrire, ça libère {{ edition }} · phrases du jour · {{ nom }}")
    return doc


def daily_pupil_sheet() -> Document:
    """The pupil's sheet: a box per day, lined for the sentence and its correction."""
    doc = easy_document()
    easy_header(doc)
    heading(doc, "Mes phrases du jour", "Title")
    para(doc, "{{ titre }}", bold=True)
    para(doc, "Chaque jour, écris la phrase dictée dans la case du jour. Après la mise en "
         "commun, corrige-la avec une autre couleur.")
    tag(doc, "{%p for j in phrases_du_jour %}")
    day = para(doc, "Jour {{ j.numero }} — {{ j.jour }}", bold=True)
    day.paragraph_format.space_before = Pt(4)
    day.paragraph_format.space_after = Pt(0)
    day.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=DAY_LINES, cols=1)
    borders(table, top="single", left="single", bottom="single", right="single",
            insideH="single", colour="A0A0A0")
    for number, row in enumerate(table.rows, start=1):
        row.height = Cm(DAY_LINE_CM)
        row._tr.get_or_add_trPr().find(qn("w:trHeight")).set(qn("w:hRule"), "exact")
        # A day's lines stay on one page with their heading.
        row.cells[0].paragraphs[0].paragraph_format.keep_with_next = number < DAY_LINES
    tag(doc, "{%p endfor %}")
    easy_footer(doc, "Écrire, ça libère {{ edition }} · phrases du jour")
    return doc


def main() -> int:
    OUT.mkdir(exist_ok=True)
    documents = {
        "guide-enseignant.docx": guide(),
        "fiche-eleve.docx": sheet(with_blanks=False),
        "fiche-eleve-a-trous.docx": sheet(with_blanks=True),
        "lettre.docx": letter(),
        "lettre-dessin.docx": letter_drawing(),
        "avant-d-ecrire-ta-lettre.docx": advice(),
        "fiche-eleve-amenagee.docx": adapted_sheet(),
        "mots-de-l-histoire.docx": word_bank_sheet(),
        "phrases-du-jour-enseignant.docx": daily_teacher_sheet(),
        "phrases-du-jour-eleve.docx": daily_pupil_sheet(),
    }
    for name, document in documents.items():
        document.save(OUT / name)
        print(f"écrit : templates/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
