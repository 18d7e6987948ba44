"""`dictee kit --bareme`: the guide states the chosen preset's rules, and both pages grade
with it in a real browser as `dictee.grading` does in Python."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from dictee.cli.app import app
from dictee.content.typography import french, plain
from dictee.grading.correction import correct
from dictee.grading.scale import preset, presets
from dictee.render.context import scale_context
from dictee.render.offline import scale_sentence
from tests.browser.conftest import PAGE, build_kit
from tests.browser.test_page import COPY, level_text
from tests.docx_text import docx_text

pytestmark = pytest.mark.browser


# Every accent and « à » of the text dropped, « il » made plural: 19 errors, more than the
# cap preset counts (15).
def _many_errors(text: str) -> str:
    return (text.replace("é", "e").replace("è", "e").replace("à", "a")
            .replace(" il ", " ils "))


# A repeated error (« a » for « à », twice) for the preset that counts it once, many errors
# for the capped one.
CASES = {"quebec-erreur-repetee": (lambda text: COPY, "ne compte qu’une fois"),
         "plafond-au-choix": (_many_errors, "au plus 15 erreurs sont comptées")}


@pytest.fixture(scope="module", params=sorted(CASES))
def scaled_kit(request, tmp_path_factory):
    top = build_kit(tmp_path_factory.mktemp("kit"), "luis-manuel", "--sans-audio",
                    "--bareme", request.param)
    return request.param, top


def _embedded(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="donnees">(.*?)</script>',
                                html, re.S).group(1))


def test_the_guide_and_the_readme_state_the_chosen_preset(scaled_kit):
    name, top = scaled_kit
    title = presets()[name].title.replace("'", "’")
    rule = CASES[name][1]
    for level in ("primaire", "secondaire"):
        guide = docx_text(top / level / "guide-enseignant.docx")
        section = guide[guide.index("Barème"):]
        assert french(f"Barème choisi : « {title} »") in section
        assert rule in section
        assert section.count(scale_context(preset(name))["resume"]) == 1
    readme = (top / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert title.replace("’", "'") in readme.replace("’", "'")
    assert f"--bareme {name}" in readme


def test_both_pages_embed_the_preset_and_the_class_page_grades_with_it(scaled_kit, open_page):
    name, top = scaled_kit
    scale = preset(name)
    for page in (PAGE, PAGE.with_name("dictee-amenagee.html")):
        html = (top / page).read_text(encoding="utf-8")
        assert _embedded(html)["bareme"] == scale.as_page()
        # and both tell the pupil how the scale counts (the rule of this preset)
        said = scale_sentence(scale.as_page())
        assert said in html and CASES[name][1].lower() in said.lower(), page
    expected = level_text("primaire")
    copy = CASES[name][0](expected)
    python = correct(expected, copy, scale).as_json("copie")
    default = correct(expected, copy).as_json("copie")
    assert python["note"] != default["note"], "the copy must tell the two scales apart"
    opened = open_page(top / PAGE)
    page = opened.page
    page.get_by_role("textbox", name="Ta copie").first.fill(copy)
    page.get_by_role("button", name="Vérifier").first.click()
    bilan = page.locator("#niveau-primaire .bilan").inner_text()
    note = f"{python['note']:g}".replace(".", ",")
    assert f"Note\u00a0: {note} sur 20." in bilan, (bilan, python["note"])
    # Fewer errors counted than made: the pupil is told, and the points column adds up to
    # the points lost, not to every error's weight.
    assert python["erreurs_comptees"] < python["nombre_erreurs"]
    assert f"Le barème en compte {python['erreurs_comptees']}." in bilan
    shown = page.locator("#niveau-primaire .comptes .points").all_inner_texts()
    assert sum(float(t.replace(",", ".")) for t in shown) == python["points"]
    assert not opened.errors


@pytest.mark.parametrize("command", ["kit", "edition"])
def test_an_unknown_preset_is_refused_in_french(command, tmp_path):
    args = [command, "luis-manuel"] if command == "kit" else [command]
    result = CliRunner().invoke(app, [*args, "--bareme", "severe", "--sortie",
                                      str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "barème inconnu : « severe »" in plain(result.output)
    assert "quebec-erreur-repetee" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
