"""What a pupil does with interactif/dictee.html, in real headless Chromium from file://."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dictee.content.loader import ContentRoot
from dictee.grading.correction import correct
from dictee.render.context import LEVEL_NAMES
from dictee.render.page import render_page
from tests.browser.conftest import LAPTOP, PAGE, TABLET, page_in_kit
from tests.conftest import REPO

pytestmark = pytest.mark.browser

CAPTURES = Path("/tmp/dictee-captures")
# The primaire text with known errors: a missing accent (Alcantara, oeuvres), a misspelling
# (cubin), homophones (a for à, twice), grammar (étudier, arrêtée), a missing full stop
# and a missing capital.
COPY = """Luis Manuel Otero Alcantara est un artiste cubin né a La Havane. Il n'a jamais \
étudier dans une école d'art. Il peint, il danse et il aime porter des costumes rose vif \
Dans le quartier de San Isidro, sa maison était toujours ouverte aux voisins.

Avec ses oeuvres, il réclame le droit de dire ce que l'on pense. Un jour, il a porté le \
drapeau de son pays sur lui pendant un mois. En juillet 2021, il a été arrêtée avant de \
rejoindre une grande manifestation. Un an plus tard, il a été condamné à cinq ans de prison.

écrivons-lui pour qu'il sache que nous pensons a lui !"""
SHOWN_COUNTS = {"mot": 0, "homophone": 2, "grammaire": 2, "accent": 2,
                "ponctuation-majuscule": 2, "usage": 1}


def level_text(name: str) -> str:
    return ContentRoot(REPO).load("luis-manuel").levels[name].text


def shown_counts(page, level: str = "primaire") -> dict[str, int]:
    rows = page.locator(f"#niveau-{level} .comptes tbody tr")
    return {rows.nth(i).get_attribute("data-categorie"):
            int(rows.nth(i).locator(".nombre").inner_text()) for i in range(rows.count())}


def assert_only_local_requests(opened, kit: Path) -> None:
    assert opened.requests, "the page was not even loaded"
    inside = kit.resolve().as_uri() + "/"
    outside = [url for url in opened.requests if not url.startswith(inside)]
    assert outside == [], f"requests outside the kit: {outside}"


def wait_playing(page, *, beyond: float = 0.25) -> float:
    # A function, not an expression: the page's policy forbids eval, even to tests.
    page.wait_for_function("(t) => document.getElementById('lecteur').currentTime > t",
                           arg=beyond, timeout=10_000)
    return page.evaluate("document.getElementById('lecteur').currentTime")


def test_checking_a_copy_shows_counts_score_and_errors_in_place(open_page, kit):
    opened = open_page(kit / PAGE)
    page = opened.page
    page.get_by_role("textbox", name="Ta copie").first.fill(COPY)
    page.get_by_role("button", name="Vérifier").first.click()
    verdict = correct(level_text("primaire"), COPY).as_json("copie")
    assert shown_counts(page) == verdict["par_categorie"] == SHOWN_COUNTS
    bilan = page.locator("#niveau-primaire .bilan").inner_text()
    assert bilan == "9\u00a0erreurs. Note\u00a0: 13 sur 20."
    marks = page.locator("#niveau-primaire .copie-corrigee .erreur")
    assert marks.count() == 9

    def texts() -> list[str]:
        return [marks.nth(i).inner_text() for i in range(marks.count())]

    # First the place and the category only: the pupil looks for the fix.
    assert any("cubin" in t and "Usage" in t for t in texts())
    assert not any("cubain" in t or "étudié" in t for t in texts())
    assert any("+" in t and "Ponctuation" in t for t in texts())  # the missing full stop
    assert not page.locator("#niveau-primaire .copie").evaluate("t => t.readOnly")
    # Then, when asked (and confirmed), what was expected, and the copy is closed.
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Voir les corrections").first.click()
    assert any("cubin" in t and "cubain" in t and "Usage" in t for t in texts())
    assert any("étudier" in t and "étudié" in t and "Grammaire" in t for t in texts())
    assert any("+\u00a0." in t and "Ponctuation" in t for t in texts())
    assert page.locator("#niveau-primaire .copie").evaluate("t => t.readOnly")
    assert page.locator("#niveau-primaire .verifier").is_disabled()
    assert "Écrivons-lui" in page.locator("#corrige-primaire").inner_text()
    assert not opened.errors
    assert_only_local_requests(opened, kit)


def test_play_buttons_play_the_group_clips_and_the_whole_reading(open_page, kit):
    opened = open_page(kit / PAGE)
    page = opened.page
    page.get_by_role("button", name="Groupe 1", exact=True).first.click()
    assert wait_playing(page) > 0.25
    assert page.evaluate("document.getElementById('lecteur').src").endswith(
        "/primaire/audio/groupes/01.mp3")
    assert page.get_by_role("button", name="Groupe 1", exact=True).first.get_attribute(
        "aria-pressed") == "true"
    page.get_by_role("button", name="Écouter tout le texte").first.click()
    assert wait_playing(page) > 0.25
    assert page.evaluate("document.getElementById('lecteur').src").endswith(
        "/primaire/audio/lecture.mp3")
    assert not opened.errors
    assert_only_local_requests(opened, kit)


def test_slower_variant_keeps_the_pitch(open_page, kit):
    page = open_page(kit / PAGE).page
    page.get_by_label("plus lente").first.check()
    page.get_by_role("button", name="Groupe 2", exact=True).first.click()
    wait_playing(page, beyond=0.1)
    state = page.evaluate("(() => { const a = document.getElementById('lecteur');"
                          " return [a.playbackRate, a.preservesPitch, a.paused]; })()")
    assert state == [0.75, True, False]


def test_replays_are_capped_when_the_kit_asks(open_page, fresh_kit):
    page_in_kit(fresh_kit, "luis-manuel", replays=2)
    page = open_page(fresh_kit / PAGE).page
    button = page.locator("#niveau-primaire .groupe").first
    for _ in range(2):
        button.click()  # plays
        wait_playing(page, beyond=0.05)
        button.click()  # stops
    assert button.is_disabled()
    assert "plus d’écoute possible" in button.get_attribute("aria-label")
    other = page.locator("#niveau-primaire .groupe").nth(1)
    assert other.get_attribute("aria-label") == "Groupe 2 (2\u00a0écoutes restantes)"
    page.get_by_role("button", name="Recommencer").first.click()  # a new attempt
    assert not button.is_disabled()


def test_the_pupil_chooses_the_level(open_page, kit):
    page = open_page(kit / PAGE).page
    case = ContentRoot(REPO).load("luis-manuel")
    assert page.locator("#niveau-primaire").is_visible()
    assert not page.locator("#niveau-secondaire").is_visible()
    page.get_by_label("secondaire").check()
    assert page.locator("#niveau-secondaire").is_visible()
    assert not page.locator("#niveau-primaire").is_visible()
    heading = page.locator("#niveau-secondaire h2").inner_text()
    assert heading == case.levels["secondaire"].meta.titre.replace("'", "’")
    page.locator("#niveau-secondaire .copie").fill(level_text("secondaire"))
    page.locator("#niveau-secondaire .verifier").click()
    assert page.locator("#niveau-secondaire .bilan").inner_text() == \
        "Aucune erreur\u00a0: bravo\u202f! Note\u00a0: 20 sur 20."


def _tab_to(page, selector: str, *, back: bool = False, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reaches {selector}")


def test_everything_works_with_the_keyboard_alone(open_page, kit):
    page = open_page(kit / PAGE).page
    _tab_to(page, "#niveau-primaire .groupe")
    assert page.evaluate("document.activeElement.textContent") == "1"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "3"
    page.keyboard.press("Enter")
    wait_playing(page, beyond=0.05)
    assert page.evaluate("document.getElementById('lecteur').src").endswith("groupes/03.mp3")
    _tab_to(page, "#niveau-primaire .copie")
    # One error (the accent) in a copy that stops early: the words never reached are not
    # errors (« copie incomplète »), so the accent is what « Voir les corrections » shows.
    page.keyboard.type("Luis Manuel Otero Alcantara est un artiste.")
    _tab_to(page, "#niveau-primaire .verifier")
    page.keyboard.press("Enter")
    assert page.locator("#niveau-primaire .resultat").is_visible()
    assert page.evaluate("document.activeElement.id") == "resultat-primaire"
    page.on("dialog", lambda dialog: dialog.accept())
    _tab_to(page, "#niveau-primaire .voir-corrections")
    page.keyboard.press("Enter")
    assert page.locator("#niveau-primaire .corrige").is_visible()
    # From the copy, Shift+Tab goes back to the group after the one last heard.
    page.locator("#niveau-primaire .recommencer").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('#niveau-primaire .copie')")


def test_a_page_copied_out_of_the_kit_says_why_there_is_no_sound(open_page, fresh_kit, tmp_path):
    alone = tmp_path / "bureau" / "dictee.html"
    alone.parent.mkdir()
    shutil.copy(fresh_kit / PAGE, alone)
    page = open_page(alone).page
    page.locator("#niveau-primaire .groupe").first.click()
    alert = page.locator("#niveau-primaire .son-absent")
    alert.wait_for(state="visible", timeout=5_000)
    assert "dossier de la trousse" in alert.inner_text()


def test_case_text_is_shown_as_text_never_run(open_page, tmp_path):
    content = tmp_path / "contenu"
    shutil.copytree(REPO / "texts" / "luis-manuel", content / "texts" / "luis-manuel")
    source = content / "texts" / "luis-manuel" / "primaire.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("titre: L'artiste de San Isidro",
                        'titre: "L\'artiste <script>window.pirate = 1</script>"')
    text = text.replace("  - San Isidro\n", "  - San Isidro\n  - <b>gras</b>\n", 1)
    text = text.replace("Il peint, il danse",
                        'Il peint <img src=x onerror="window.pirate = 2">, il danse')
    source.write_text(text, encoding="utf-8")
    root = ContentRoot(content)
    case = root.load("luis-manuel")
    target = render_page(root, case, [case.levels["primaire"]], tmp_path / "p" / "dictee.html",
                         replays=None, clips={}, readings={})
    opened = open_page(target)
    page = opened.page
    assert page.locator("h2").first.inner_text() == "L’artiste <script>window.pirate = 1</script>"
    assert "<b>gras</b>" in page.locator(".mots-tableau").inner_text()
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(".copie").fill("Luis Manuel Otero Alcantara")  # one error, then it stops
    page.locator(".verifier").click()
    page.locator(".voir-corrections").click()
    assert '<img src=x onerror="window.pirate = 2">' in page.locator(".corrige").inner_text()
    assert page.evaluate("window.pirate") is None
    assert page.locator("main img, main b, main script").count() == 0
    assert opened.requests == [target.resolve().as_uri()]
    assert not opened.errors


def test_text_follows_the_system_font_size(open_page, kit):
    page = open_page(kit / PAGE).page

    def sizes() -> list[float]:
        return page.evaluate("""['.copie', 'h1', '.groupe', '.verifier'].map(s =>
            parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")

    normal = sizes()
    page.evaluate("document.documentElement.style.fontSize = '32px'")  # a reader's setting
    assert sizes() == [2 * size for size in normal]


@pytest.mark.parametrize("name,viewport", [("portable", LAPTOP), ("tablette", TABLET)])
def test_screenshots_on_a_laptop_and_a_tablet(open_page, kit, name, viewport):
    """Saved under /tmp/dictee-captures for a person to look at; the test checks layout."""
    opened = open_page(kit / PAGE, viewport)
    page = opened.page
    CAPTURES.mkdir(exist_ok=True)
    page.screenshot(path=str(CAPTURES / f"{name}-debut.png"))
    page.locator("#niveau-primaire .copie").fill(COPY)
    page.locator("#niveau-primaire .verifier").click()
    page.screenshot(path=str(CAPTURES / f"{name}-resultat.png"))
    page.screenshot(path=str(CAPTURES / f"{name}-page.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "nothing may overflow sideways"
    box = page.locator("#niveau-primaire .copie").bounding_box()
    assert box["width"] >= 0.5 * min(viewport["width"], 1200)
    assert not opened.errors
    assert_only_local_requests(opened, kit)


def test_screen_readers_get_names_and_roles(open_page, kit):
    page = open_page(kit / PAGE).page
    tree = page.locator("body").aria_snapshot()
    for line in ('group "Choisis ton niveau"', f'radio "{LEVEL_NAMES["primaire"]}" [checked]',
                 'region "Écouter"', 'button "Écouter tout le texte"', 'group "Vitesse"',
                 'radio "plus lente"', 'toolbar "Groupes de mots"', 'group "Phrase 1"',
                 'button "Groupe 1"', 'textbox "Ta copie"',
                 'button "Vérifier"', 'button "Recommencer"'):
        assert line in tree, line
    page.locator("#niveau-primaire .copie").fill("Luis Manuel Otero Alcantara est un artiste.")
    page.locator("#niveau-primaire .verifier").click()
    result = page.locator("#niveau-primaire .resultat").aria_snapshot()
    assert 'table "Erreurs par catégorie"' in result
    spoken = page.locator("#niveau-primaire .copie-corrigee").aria_snapshot()
    assert "Alcantara ( Accent )" in spoken and "Alcántara" not in spoken
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#niveau-primaire .voir-corrections").click()
    spoken = page.locator("#niveau-primaire .copie-corrigee").aria_snapshot()
    assert "Alcantara : il fallait écrire Alcántara ( Accent )" in spoken
    # The copy stops early: the rest of the text is not listed as errors (the grader says
    # where the copy stops, « copie incomplète »), nor is the « . » that closes it.
    assert "Oubli" not in spoken and "Mot en trop" not in spoken
    assert "+" not in spoken
