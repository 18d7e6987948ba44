"""The new documents as a teacher and a pupil see them: dyslexia-friendly print, the blanks
and choices the rule asks for, the word bank, the daily sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dictee.adapt.blanks import adapt
from dictee.adapt.daily import daily_sentences
from dictee.adapt.versions import CREAM, VERSIONS
from dictee.adapt.wordbank import word_bank
from dictee.content.loader import ContentRoot
from dictee.content.typography import NBSP, french
from dictee.grading.tokens import tokenize
from dictee.kit_plan import edition_stamp
from dictee.render.adapted import render_versions, version_context
from dictee.render.context import Stamp, level_context
from dictee.render.documents import render_docx
from tests.adapt.conftest import REPO, SHIPPED
from tests.docx_text import docx_text

PUPIL_SHEETS = ("fiche-eleve-amenagee.docx", "mots-de-l-histoire.docx",
                "phrases-du-jour-eleve.docx")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The four documents of every shipped level, rendered once (no PDF)."""
    root = ContentRoot(REPO)
    base = tmp_path_factory.mktemp("versions")
    folders = {}
    for slug, name in SHIPPED:
        case = root.load(slug)
        level = case.level(name)
        folder = base / f"{slug}-{name}"
        folder.mkdir()
        context = level_context(case, level, Stamp("École des Saules", "6e B"),
                                audio_notice=None, paced=None)
        context.update(version_context(level, VERSIONS))
        render_versions(root, case, level, context, folder, versions=VERSIONS, cream=False,
                        stamp=edition_stamp(case.meta.edition))
        render_docx(root, "guide-enseignant.docx", context, folder / "guide-enseignant.docx",
                    stamp=edition_stamp(case.meta.edition), title="Guide")
        folders[(slug, name)] = folder
    return folders


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _effective(run, styles: list, attribute: str):
    """The run's own value, else the first of its paragraph's styles (`styles`, the
    paragraph's style and those it is based on) that sets one."""
    value = getattr(run.font, attribute)
    if value is not None:
        return value
    for style in styles:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
    return None


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


@pytest.mark.parametrize("slug, level", SHIPPED)
@pytest.mark.parametrize("name", PUPIL_SHEETS)
def test_pupil_sheets_follow_the_dyslexia_style_guide(rendered, slug, level, name):
    document = Document(str(rendered[(slug, level)] / name))
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size >= Pt(14)
    assert normal.paragraph_format.line_spacing >= 1.5
    for section in document.sections:
        for margin in (section.left_margin, section.right_margin, section.top_margin,
                       section.bottom_margin):
            # 2.5 cm (stored in twentieths of a point); 1.5 cm for the words of the
            # story, which a pupil keeps under their eyes on one page.
            assert margin >= (Cm(1.49) if name == "mots-de-l-histoire.docx" else Cm(2.49))
    texts = 0
    for paragraph in _paragraphs(document):
        # Looked up once per paragraph: python-docx searches the styles part at each call.
        style = paragraph.style
        styles = list(_chain(style))
        alignment = paragraph.alignment
        if alignment is None:
            alignment = next((s.paragraph_format.alignment for s in styles
                              if s.paragraph_format.alignment is not None), None)
        assert alignment in (None, WD_ALIGN_PARAGRAPH.LEFT), paragraph.text
        spacing = next((s.paragraph_format.line_spacing for s in styles
                        if s.paragraph_format.line_spacing is not None), 1.0)
        spacing = paragraph.paragraph_format.line_spacing or spacing
        for run in paragraph.runs:
            if not run.text.strip():
                continue
            texts += 1
            assert not _effective(run, styles, "italic"), run.text
            assert not _effective(run, styles, "underline"), run.text
            assert not _effective(run, styles, "all_caps"), run.text
            assert not _effective(run, styles, "small_caps"), run.text
            size = _effective(run, styles, "size") or normal.font.size
            assert size >= Pt(14), run.text
            # Titles and headings hold one line: their spacing is only space above them.
            if not style.name.startswith(("Title", "Heading")):
                assert spacing >= 1.5, paragraph.text
            letters = [c for c in run.text if c.isalpha()]
            assert not (len(letters) > 3 and all(c.isupper() for c in letters)), run.text
    assert texts > 5
    xml = document.element.xml
    assert "<w:background" not in xml  # cream only when asked


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_adapted_sheet_has_the_blanks_and_choices_of_the_rule(rendered, slug, level):
    text = ContentRoot(REPO).load(slug).level(level)
    adapted = adapt(text)
    sheet = docx_text(rendered[(slug, level)] / "fiche-eleve-amenagee.docx")
    lines = [line for line in sheet.splitlines() if re.match(r"\d+\t", line)]
    assert [int(line.split("\t")[0]) for line in lines] == list(
        range(1, len(adapted.groups) + 1))
    body = "\n".join(lines)
    choices = [b for b in adapted.blanks if b.choices]
    writes = [b for b in adapted.blanks if not b.choices]
    assert body.count("\u2610") == 2 * len(choices)
    assert len(re.findall(r"_{8,}", body)) == len(writes)
    for blank in choices:
        line = lines[blank.group - 1]
        for option in blank.choices:
            assert f"\u2610{NBSP}{french(option)}" in line
        assert blank.answer in blank.choices
    # Everything else is printed as in the text, and nothing of the answers.
    for group, line in zip(adapted.groups, lines):
        printed = re.sub(rf"\u2610{NBSP}\S+|_+", " ", line.split("\t", 1)[1])
        kept = [t for i, t in enumerate(group.tokens, start=group.first)
                if adapted.blank_at(i) is None]
        assert tokenize(printed) == kept, line
    assert "Dictée aménagée" in sheet and "coche le bon mot" in sheet


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_word_bank_sheet_explains_each_word(rendered, slug, level):
    text = ContentRoot(REPO).load(slug).level(level)
    sheet = docx_text(rendered[(slug, level)] / "mots-de-l-histoire.docx")
    for entry in word_bank(text):
        assert french(entry.word) in sheet
        if entry.definition:
            assert french(entry.definition) in sheet
        if not entry.rule:  # the group where the pupil hears it, « dépression (8) »
            assert f"{french(entry.word)}{NBSP}({entry.group})" in sheet \
                or f"{french(entry.word)} ({entry.group})" in sheet, entry.word


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_daily_sheets_hold_the_series(rendered, slug, level):
    text = ContentRoot(REPO).load(slug).level(level)
    series = daily_sentences(text)
    teacher = docx_text(rendered[(slug, level)] / "phrases-du-jour-enseignant.docx")
    assert "dictée 0 faute" in teacher
    assert "· niveau " not in teacher  # « 3e cycle du primaire » is a level, not « niveau 3e… »
    for sentence in series:
        assert french(sentence.text) in teacher
        for point in sentence.points:
            assert french(text.meta.grammaire[point].point) in teacher
    pupil = docx_text(rendered[(slug, level)] / "phrases-du-jour-eleve.docx")
    for number, day in enumerate(("lundi", "mardi", "mercredi", "jeudi", "vendredi"), 1):
        assert f"Jour {number} — {day}" in pupil
    assert french(series[0].text) not in pupil


KEY = french("Corrigé (par numéro de groupe, comme sur la fiche ; \u2611 : mot à cocher, les "
             "autres sont à écrire). ")
TICK = f"\u2611{NBSP}"


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_answer_key_is_numbered_by_the_groups_the_pupil_sees(rendered, slug, level):
    """A teacher correcting a sheet reads « 7. rose vif » and looks at line 7: the
    blanks printed on that line are these, in this order; ☑ marks the ticked ones, once
    explained in the legend, not « (à cocher) » after each word."""
    adapted = adapt(ContentRoot(REPO).load(slug).level(level))
    guide = docx_text(rendered[(slug, level)] / "guide-enseignant.docx")
    key = next(line for line in guide.splitlines() if line.startswith(KEY))
    assert "cocher" not in key[len(KEY):]
    entries = [re.fullmatch(rf"(\d+)\.{NBSP}(.+)", entry) for entry in
               key[len(KEY):].split(" · ")]
    assert all(entries), key
    sheet = docx_text(rendered[(slug, level)] / "fiche-eleve-amenagee.docx")
    lines = {int(line.split("\t")[0]): line for line in sheet.splitlines()
             if re.match(r"\d+\t", line)}
    numbers = [int(entry.group(1)) for entry in entries]
    with_blanks = sorted(number for number, line in lines.items()
                         if "_" in line or "\u2610" in line)
    assert numbers == with_blanks
    for entry, number in zip(entries, numbers):
        blanks = [b for b in adapted.blanks if b.group == number]
        line = lines[number]
        for blank in blanks:
            if blank.choices:
                assert f"\u2610{NBSP}{french(blank.answer)}" in line, (number, blank)
        assert len(re.findall(r"_{8,}", line)) == sum(not b.choices for b in blanks), line
        # Blanks side by side read as one expression (« rose vif »); others stand apart.
        expected = ""
        for previous, blank in zip([None, *blanks], blanks):
            if previous is not None:
                expected += NBSP if previous.end == blank.start else f"{NBSP}… "
            expected += (TICK if blank.choices else "") + french(blank.answer).replace(" ", NBSP)
        assert entry.group(2) == expected


def test_answer_key_joins_an_expression_and_marks_a_choice_once(rendered):
    guide = docx_text(rendered[("luis-manuel", "primaire")] / "guide-enseignant.docx")
    key = next(line for line in guide.splitlines() if line.startswith(KEY))
    assert f"7.{NBSP}rose{NBSP}vif" in key and f"9.{NBSP}était{NBSP}… ouverte" in key
    assert f"2.{NBSP}{TICK}est" in key and key.count("cocher") == 1


@pytest.mark.parametrize("slug, level", SHIPPED)
def test_pupil_sheets_hold_nothing_for_the_teacher(rendered, slug, level):
    """No teacher's box, no path of the kit, and no « enseignant·e » a child stumbles on."""
    for name in PUPIL_SHEETS:
        text = docx_text(rendered[(slug, level)] / name)
        assert "audio/" not in text, name
        assert "enseignant·e" not in text and "Pour l'enseignant" not in text, name
    bank = docx_text(rendered[(slug, level)] / "mots-de-l-histoire.docx")
    assert "enseignant" not in bank.replace("ton enseignante ou ton enseignant", "")
    guide = docx_text(rendered[(slug, level)] / "guide-enseignant.docx")
    part = guide[guide.index("Les mots de l’histoire"):]
    assert "La veille" in part and "audio/" not in part


def test_cream_page_when_asked(tmp_path):
    root = ContentRoot(REPO)
    case = root.load("sasha")
    level = case.level("primaire")
    context = level_context(case, level, Stamp(), audio_notice=None, paced=None)
    context.update(version_context(level, VERSIONS))
    written = render_versions(root, case, level, context, tmp_path, versions=VERSIONS,
                              cream=True, stamp=edition_stamp(case.meta.edition))
    assert [p.name for p in written] == ["fiche-eleve-amenagee.docx", "mots-de-l-histoire.docx",
                                         "phrases-du-jour-enseignant.docx",
                                         "phrases-du-jour-eleve.docx"]
    for path in written:
        xml = Document(str(path)).element.xml
        assert (f'w:color="{CREAM}"' in xml) == (path.name != "phrases-du-jour-enseignant.docx")
