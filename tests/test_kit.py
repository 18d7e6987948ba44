"""The kit a teacher unzips: its files, what the documents say, the audio, the manifest."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from dictee.audio import io
from dictee.cli.app import app
from dictee.content.grammar import locate, typeset_paragraphs
from dictee.content.loader import ContentRoot
from dictee.content.typography import NBSP, french, plain
from dictee.render.blanks import choose_blanks
from dictee.render.context import writing_lines
from tests.conftest import REPO
from tests.docx_text import docx_text
from tests.french_spacing import plain_spaces

LEVEL_FILES = ["guide-enseignant.docx", "fiche-eleve.docx", "fiche-eleve-a-trous.docx",
               "audio/lecture.mp3", "audio/dictee-rythmee.mp3", "audio/dictee-rythmee.vtt",
               "audio/dictee-rythmee-texte-enseignant.vtt", "audio/groupes/01.mp3"]


@pytest.fixture(scope="module")
def kit(luis_manuel_kit) -> Path:
    """The Luis Manuel kit, built once for the session (tests/conftest.py) with the
    school « École des Saules » and the class « 6e B »: its unzipped top folder."""
    return luis_manuel_kit


@pytest.fixture(scope="module")
def case():
    return ContentRoot(REPO).load("luis-manuel")


def test_zip_holds_every_file_under_one_top_folder(tmp_path, kit):
    archive = kit.parent.parent / "kits" / "dictee-luis-manuel.zip"
    names = zipfile.ZipFile(archive).namelist()
    assert {n.split("/")[0] for n in names} == {"dictee-luis-manuel"}
    expected = {"LISEZMOI.txt", "manifest.json", "lettre-luis-manuel.docx",
                "lettre-dessin-luis-manuel.docx", "avant-d-ecrire-ta-lettre.docx",
                "interactif/dictee.html"}
    for level in ("primaire", "secondaire"):
        expected |= {f"{level}/{name}" for name in LEVEL_FILES}
    present = {n.split("/", 1)[1] for n in names}
    assert expected <= present


def test_guide_holds_exact_text_groups_and_class(kit, case):
    for name, level in case.levels.items():
        text = docx_text(kit / name / "guide-enseignant.docx")
        for paragraph in level.paragraphs:
            assert french(" ".join(paragraph)) in text
        sentence_lines = [line for line in text.splitlines() if "  /  " in line]
        assert sentence_lines, "the guide must show the text cut into groups"
        for group in level.groups:
            assert french(group.text) in text
        assert "École des Saules — classe 6e B" in text
        assert "Depuis la campagne" in text and "mars 2026" in text
        assert "synthèse" in text  # the placeholder reading is announced
        for number, source in enumerate(case.meta.sources, start=1):
            assert f"{number}. {french(source.titre or '')}" in text
            assert str(source.url) not in text  # no bare addresses, titles instead
        assert re.search(r"cinq ans de prison\u00a0\[\d+\]", text)  # facts cite sources by number
        assert "[tc-jug" not in text
        # Levels as Quebec schools name them; nothing of the tool's insides.
        assert any(n in text for n in ("3e cycle du primaire (5e et 6e année)",
                                       "1er cycle du secondaire"))
        for internal in ("dictee ", "audio/", ".mp3", ".vtt", "facteur de pause",
                         "note =", "− points", "espeak", "ponctuation-majuscule"):
            assert internal not in text, internal


def test_answer_key_highlights_each_grammar_word_with_its_point(kit, case):
    for name, level in case.levels.items():
        document = Document(str(kit / name / "guide-enseignant.docx"))
        marked = []  # (word, number) for each highlighted run followed by its number
        for paragraph in document.paragraphs:
            runs = paragraph.runs
            for run, after in zip(runs, runs[1:]):
                if run._r.find(".//" + qn("w:shd")) is not None and after.font.superscript:
                    marked.append((run.text, int(after.text)))
        paragraphs = typeset_paragraphs(level)
        expected = [(paragraphs[t.paragraph][t.start:t.end], t.point + 1)
                    for t in locate(level)[0]]
        assert marked == expected
        assert len(marked) == sum(len(p.mots) for p in level.meta.grammaire)


def test_one_clip_per_group_and_a_paced_timeline_in_the_guide(kit, case):
    for name, level in case.levels.items():
        clips = sorted((kit / name / "audio" / "groupes").glob("*.mp3"))
        assert len(clips) == len(level.groups)
        guide = docx_text(kit / name / "guide-enseignant.docx")
        assert "La piste rythmée" in guide
        for number in range(1, len(level.sentences) + 1):
            assert f"phrase {number}\u00a0:" in guide  # French spacing, as everywhere
        assert " « " not in guide and " » " not in guide and " : " not in guide
        # The synthetic recording's notice too: « La dictée d’une vie » with no-break spaces.
        assert french("« La dictée d’une vie »") in guide
        assert "relecture du texte entier" in guide
        paced = io.duration_ms(kit / name / "audio" / "dictee-rythmee.mp3")
        # The protocol reads the text at least 4 times over, plus writing pauses.
        assert paced > 4 * io.duration_ms(level.recording)


def test_a_day_and_its_month_stay_on_one_line_in_the_guide(kit):
    # Dates clés (« 2 décembre 1987 : ») and the prose of « Qui est Luis Manuel ? ».
    guide = docx_text(kit / "primaire" / "guide-enseignant.docx")
    assert "2\u00a0décembre 1987" in guide and "11\u00a0juillet 2021" in guide
    assert "2 décembre 1987" not in guide and "11 juillet 2021" not in guide.split("Le texte")[0]


def test_student_sheets_have_header_fields(kit, case):
    for name, level in case.levels.items():
        for sheet_name in ("fiche-eleve.docx", "fiche-eleve-a-trous.docx"):
            sheet = docx_text(kit / name / sheet_name, margins=True)
            for field in ("Nom :", "Groupe : 6e B", "Date :", "Note : ______\u00a0/\u00a020",
                          "École des Saules", french(level.meta.titre)):
                assert french(field) in sheet
            for word in level.meta.tableau:
                assert french(word) in sheet
            for absent in ("dictee ", "Règle", "point de grammaire", "trait"):
                assert absent not in sheet  # nothing about the tool or how blanks are chosen
        blanks = docx_text(kit / name / "fiche-eleve-a-trous.docx")
        assert len(re.findall("_{8,}", blanks)) == len(choose_blanks(level))


def test_student_sheet_rules_two_lines_per_line_of_text(kit, case):
    """At least a pair of lines per line of text, to the foot of the last page (a
    page's worth more at most: tests/test_ruled_pages.py checks the pages)."""
    from dictee.render.ruled import NEXT_PAGE

    for name, level in case.levels.items():
        table = Document(str(kit / name / "fiche-eleve.docx")).tables[-1]
        assert 2 * writing_lines(level) <= len(table.rows) < 2 * (writing_lines(level)
                                                                  + NEXT_PAGE)


def test_letters_hold_only_what_reaches_the_person(kit, case):
    """The mailed page: date, salutation, writing space, first name; no advice, no
    campaign or organisation wording, nothing in the margins."""
    for layout in ("lettre", "lettre-dessin"):
        letter = docx_text(kit / f"{layout}-luis-manuel.docx", margins=True)
        lines = [line.replace("_", "").strip() for line in letter.splitlines()]
        assert [line for line in lines if line] == [french("Date :"), "Cher Luis Manuel,",
                                                    french("Prénom :")]
        for absent in ("Amnistie", "Écrire, ça libère", "politique", "Remets", "dictee"):
            assert absent not in letter


def test_advice_sheet_holds_the_advice_and_where_letters_go(kit, case):
    sheet = docx_text(kit / "avant-d-ecrire-ta-lettre.docx")
    letter = case.meta.lettre
    assert "Avant d’écrire ta lettre" in sheet
    for advice in letter.conseils:
        assert french(advice) in sheet
    assert french(letter.envoi.consigne_eleve) in sheet
    assert french("Ma lettre commence par « Cher Luis Manuel ».") in sheet


def test_what_pupils_read_has_no_abbreviated_doublet_and_no_straight_apostrophe(kit):
    """« ton enseignant·e » stops a 10-year-old reader (dyslexic pupils, pupils learning
    French): pupil documents and the page spell out both forms. The guide's notice on a
    synthetic reading uses the typographic apostrophe like the rest of the guide."""
    pupil = [docx_text(kit / "avant-d-ecrire-ta-lettre.docx"),
             (kit / "interactif" / "dictee.html").read_text(encoding="utf-8")]
    for level in ("primaire", "secondaire"):
        pupil += [docx_text(kit / level / name)
                  for name in ("fiche-eleve.docx", "fiche-eleve-a-trous.docx")]
    for text in pupil:
        assert "·e" not in text
    assert "ton enseignante ou ton enseignant" in pupil[0]
    guide = docx_text(kit / "primaire" / "guide-enseignant.docx")
    assert "Guide pédagogique" in guide
    assert "dès l'installation" not in guide and "l'enregistrement de la" not in guide


def test_reading_lasts_as_long_as_the_recording(kit, case):
    for name, level in case.levels.items():
        source = io.duration_ms(level.recording)
        copied = io.duration_ms(kit / name / "audio" / "lecture.mp3")
        assert abs(source - copied) <= 50


def test_reading_has_id3_tags(kit):
    head = (kit / "primaire" / "audio" / "lecture.mp3").read_bytes()[:4096]
    assert head.startswith(b"ID3")
    for text in ("Luis Manuel Otero Alc", "Voix de synth", "crire, ça libère 2022-2023"):
        assert text.encode("utf-16-le")[:20] in head or text.encode() in head


def test_manifest_checksums_match(kit):
    manifest = json.loads((kit / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cas"] == "luis-manuel"
    assert manifest["niveaux"] == ["primaire", "secondaire"]
    assert manifest["sources"]
    listed = {entry["chemin"] for entry in manifest["fichiers"]}
    on_disk = {p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()}
    assert listed == on_disk - {"manifest.json"}
    for entry in manifest["fichiers"]:
        data = (kit / entry["chemin"]).read_bytes()
        assert len(data) == entry["octets"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_readme_says_no_pdf_when_none(kit):
    readme = (kit / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "ne contient pas de PDF" in readme
    assert "DÉROULEMENT DE LA LEÇON" in readme


def test_readme_paragraphs_fit_the_width_and_name_the_sheet_fields(kit):
    readme = (kit / "LISEZMOI.txt").read_text(encoding="utf-8")
    notice = readme[readme.index("ENREGISTREMENT PROVISOIRE"):].split("\n\n")[0]
    assert all(len(line) <= 72 for line in notice.splitlines()), notice
    assert "Remplacez-la" in notice  # never « Remplacez-\nla »
    # The pupil's sheet asks for « Nom », « Groupe », « Date » and shows « Note ».
    assert "la fiche de dictée : nom, groupe, date, note" in plain(readme)


def test_readme_spaces_as_french_does(kit):
    """LISEZMOI.txt is the teacher's first read: no-break spaces before : ; ! ? and inside
    « », as in the documents, though its template is written with ordinary ones."""
    readme = (kit / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert plain_spaces(readme) == []
    assert f"«{NBSP}Au tableau{NBSP}»" in readme


PRIMAIRE_ONLY = ("kit", "luis-manuel", "--sans-pdf", "--niveau", "primaire")


@pytest.fixture(scope="module")
def primaire_zip(tmp_path_factory) -> Path:
    """The Luis Manuel kit with its audio, primaire only, built once for the module."""
    out = tmp_path_factory.mktemp("primaire")
    result = CliRunner().invoke(app, [*PRIMAIRE_ONLY, "--sortie", str(out),
                                      "--contenu", str(REPO)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "dictee-luis-manuel-primaire.zip"


def test_one_level_only(primaire_zip):
    names = zipfile.ZipFile(primaire_zip).namelist()
    assert any("/primaire/audio/" in n for n in names)
    assert not any("/secondaire/" in n for n in names)


def test_same_inputs_give_identical_zips(primaire_zip, tmp_path):
    """A second build, in another folder, of what `primaire_zip` was built from."""
    result = CliRunner().invoke(app, [*PRIMAIRE_ONLY, "--sortie", str(tmp_path),
                                      "--contenu", str(REPO)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / primaire_zip.name).read_bytes() == primaire_zip.read_bytes()


def test_without_libreoffice_the_kit_has_docx_only(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DICTEE_SOFFICE", str(tmp_path / "absent"))
    result = cli("kit", "luis-manuel", "--niveau", "primaire", "--sans-audio",
                 "--sortie", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.output.count("LibreOffice est introuvable") == 1
    names = zipfile.ZipFile(tmp_path / "dictee-luis-manuel-primaire.zip").namelist()
    assert not any(n.endswith(".pdf") for n in names)


def test_staff_template_override_is_used(cli, content, tmp_path):
    shutil.copy(REPO / "templates" / "LISEZMOI.txt.j2", content / "templates")
    (content / "templates" / "LISEZMOI.txt.j2").write_text("Notre école : {{ nom }}\n",
                                                            encoding="utf-8")
    assert cli("kit", "luis-manuel", "--sans-pdf", "--sans-audio", "--niveau", "primaire",
               "--sortie", str(tmp_path)).exit_code == 0
    with zipfile.ZipFile(tmp_path / "dictee-luis-manuel-primaire.zip") as opened:
        readme = opened.read("dictee-luis-manuel-primaire/LISEZMOI.txt").decode()
    assert readme.strip() == f"Notre école{NBSP}: Luis Manuel Otero Alcántara"
