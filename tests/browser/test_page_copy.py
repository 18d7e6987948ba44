"""The pupil's copy in interactif/dictee.html: checked again after fixing, kept in the
browser, erased only when asked, letters a keyboard lacks. Real Chromium, file://."""

from __future__ import annotations

import re

import pytest

from dictee import __version__
from dictee.content.loader import ContentRoot
from dictee.render.page import render_page
from tests.browser.conftest import PAGE
from tests.browser.test_page import COPY
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PRIMAIRE = "#niveau-primaire"


class Dialogs(list):
    """Every confirm() the page asks, in order; answered « OK » while `accept` is true."""

    def __init__(self, page, accept: bool = True) -> None:
        super().__init__()
        self.accept = accept
        page.on("dialog", self._answer)

    def _answer(self, dialog) -> None:
        self.append(dialog.message)
        dialog.accept() if self.accept else dialog.dismiss()


def answer_dialogs(page, accept: bool = True) -> Dialogs:
    return Dialogs(page, accept)


def check(page, level: str = PRIMAIRE) -> str:
    page.locator(f"{level} .verifier").click()
    return page.locator(f"{level} .bilan").inner_text()


def check_shown(page, level: str = PRIMAIRE) -> str:
    """The sentence of the result shown, without pressing « Vérifier »."""
    return page.locator(f"{level} .bilan").inner_text()


def tries(page, level: str = PRIMAIRE) -> str:
    return page.locator(f"{level} .essais").inner_text()


def test_a_copy_of_the_other_level_or_unrelated_is_told_so_not_marked(open_page, kit):
    """The page holds both levels: the secondary text typed under the primary level is
    sent to the right level, as `dictee corriger --cas` does; a copy of common words
    unrelated to the text is not marked; a dyslexic pupil's copy is."""
    page = open_page(kit / PAGE).page
    texts = {name: level.text for name, level in
             ContentRoot(REPO).load("luis-manuel").levels.items()}
    zone = page.locator(f"{PRIMAIRE} .copie")
    zone.fill(texts["secondaire"].replace("en 1987", "en 1978"))
    assert check(page) == ("Ta copie ressemble au texte du secondaire\u00a0: ici, au primaire, "
                           "elle n’est pas notée.")
    assert "sur 20" not in page.locator(f"{PRIMAIRE} .resultat").inner_text()
    assert not page.locator(f"{PRIMAIRE} .voir-corrections").is_visible()  # nothing to see
    zone.fill("Le chat dort sur le tapis du salon. " * 3)
    assert check(page).startswith("Ta copie ne ressemble pas au texte de la dictée")
    zone.fill(texts["primaire"].replace("artiste", "artisse").replace("maison", "mèzon")
              .replace("toujours", "toujour").replace("quartier", "cartié"))
    assert check(page) == "4\u00a0erreurs. Note\u00a0: 16 sur 20."  # four « usage »


SECONDAIRE = "#niveau-secondaire"


def levels_shown(page) -> list[str]:
    return page.locator("section.niveau:visible").evaluate_all(
        "s => s.map(x => x.dataset.niveau)")


def test_the_other_levels_copy_goes_there_in_one_click_and_nothing_is_lost(open_page, kit):
    """The secondary text typed under the primary level: one button (reached with the
    keyboard) takes the copy to the secondary level, checked there; the kept copies
    follow; coming back, the primary level says where the copy went."""
    page = open_page(kit / PAGE).page
    text = ContentRoot(REPO).load("luis-manuel").levels["secondaire"].text
    copy = text.replace("quatre années", "quatre anées")
    page.locator(f"{PRIMAIRE} .copie").fill(copy)
    check(page)
    go = page.locator(f"{PRIMAIRE} .changer-niveau")
    assert go.inner_text() == "Aller au secondaire avec ma copie"
    height = go.evaluate("b => b.getBoundingClientRect().height")
    assert height >= 44, height  # a large target
    go.focus()
    page.keyboard.press("Enter")
    assert levels_shown(page) == ["secondaire"]
    assert page.get_by_label("secondaire").is_checked()
    assert page.locator(f"{SECONDAIRE} .copie").input_value() == copy
    # Checked there, as if written there: its own verdict, its first try.
    assert check_shown(page, SECONDAIRE) == "1\u00a0erreur. Note\u00a0: 19 sur 20."
    assert page.locator(f"{SECONDAIRE} .arrivee").inner_text() == (
        "Ta copie est passée du primaire au secondaire\u00a0: la voici, corrigée.")
    assert tries(page, SECONDAIRE) == "Tu as vérifié ta copie une fois."
    assert page.evaluate("document.activeElement.id") == "resultat-secondaire"
    # Back to the primary level: the copy is not kept twice, and the page says where it is.
    page.get_by_label("primaire").check()
    assert page.locator(f"{PRIMAIRE} .copie").input_value() == ""
    assert not page.locator(f"{PRIMAIRE} .resultat").is_visible()
    notice = page.locator(f"{PRIMAIRE} .partie")
    assert notice.inner_text().startswith("Ta copie est maintenant au secondaire.")
    notice.get_by_role("button", name="Retourner au secondaire").click()
    assert levels_shown(page) == ["secondaire"]
    assert page.locator(f"{SECONDAIRE} .copie").input_value() == copy
    # The kept copies followed: after a reload, the secondary level and its copy.
    page.reload()
    assert levels_shown(page) == ["secondaire"]
    assert page.locator(f"{SECONDAIRE} .copie").input_value() == copy
    assert page.locator(f"{SECONDAIRE} .bilan").inner_text().startswith("1\u00a0erreur.")
    assert page.locator(f"{PRIMAIRE} .copie").input_value() == ""


def test_a_copy_begun_at_the_other_level_is_not_overwritten(open_page, kit):
    """The secondary level already holds a copy: the two levels exchange their copies."""
    page = open_page(kit / PAGE).page
    text = ContentRoot(REPO).load("luis-manuel").levels["secondaire"].text
    page.get_by_label("secondaire").check()
    page.locator(f"{SECONDAIRE} .copie").fill("Né à La Havane")
    page.get_by_label("primaire").check()
    page.locator(f"{PRIMAIRE} .copie").fill(text)
    check(page)
    page.locator(f"{PRIMAIRE} .changer-niveau").click()
    assert page.locator(f"{SECONDAIRE} .copie").input_value() == text
    assert page.locator(f"{SECONDAIRE} .bilan").inner_text().startswith("Aucune erreur")
    assert page.locator(f"{SECONDAIRE} .arrivee").inner_text().endswith(
        "La copie qui était ici est maintenant au primaire.")
    page.reload()
    assert page.locator(f"{PRIMAIRE} .copie").input_value() == "Né à La Havane"
    assert page.locator(f"{SECONDAIRE} .copie").input_value() == text


def test_the_pupil_fixes_the_copy_and_checks_again(open_page, kit):
    page = open_page(kit / PAGE).page
    zone = page.locator(f"{PRIMAIRE} .copie")
    zone.fill(COPY)
    assert check(page) == "9\u00a0erreurs. Note\u00a0: 13 sur 20."
    assert tries(page) == "Tu as vérifié ta copie une fois."
    assert not page.locator(f"{PRIMAIRE} .perime").is_visible()
    assert check(page).startswith("9\u00a0erreurs")  # the same copy again: not a new try
    assert tries(page) == "Tu as vérifié ta copie une fois."
    zone.fill(COPY.replace("cubin", "cubain"))
    assert page.locator(f"{PRIMAIRE} .perime").is_visible()  # the result no longer matches
    assert check(page) == "8\u00a0erreurs. Note\u00a0: 14 sur 20."
    assert not page.locator(f"{PRIMAIRE} .perime").is_visible()
    assert tries(page) == ("Tu as vérifié ta copie 2\u00a0fois. La première fois\u00a0: "
                           "9\u00a0erreurs, note 13 sur 20.")
    answer_dialogs(page)
    page.locator(f"{PRIMAIRE} .voir-corrections").click()
    assert tries(page).endswith("Tu as vu les corrections après ta 2e vérification.")


def test_the_copy_comes_back_after_a_reload_and_a_closed_tab(open_page, kit, tmp_path):
    opened = open_page(kit / PAGE)
    page = opened.page
    page.locator(f"{PRIMAIRE} .copie").fill(COPY)
    check(page)
    page.locator(f"{PRIMAIRE} .copie").press("End")
    page.keyboard.type(" Fin")  # typed after the check, not checked
    page.get_by_label("secondaire").check()
    page.locator("#niveau-secondaire .copie").click()
    page.keyboard.type("Aleksandra")
    page.reload()
    # The level the pupil was on, and each level's own copy.
    assert page.locator("#niveau-secondaire").is_visible()
    assert page.locator("#niveau-secondaire .copie").input_value() == "Aleksandra"
    assert "retrouvée" in page.locator("#niveau-secondaire .etat-copie").inner_text()
    assert page.locator(f"{PRIMAIRE} .copie").input_value() == COPY + " Fin"
    # The last result is shown again, marked as older than the copy, and not counted twice.
    assert page.locator(f"{PRIMAIRE} .bilan").text_content().startswith("9\u00a0erreurs")
    assert not page.locator(f"{PRIMAIRE} .perime").evaluate("p => p.hidden")
    assert page.locator(f"{PRIMAIRE} .essais").text_content() == \
        "Tu as vérifié ta copie une fois."
    page.close()
    again = opened.page.context.new_page()  # the tab was closed; the pupil opens the page
    again.goto((kit / PAGE).resolve().as_uri())
    assert again.locator("#niveau-secondaire .copie").input_value() == "Aleksandra"
    # Another case's page, opened from file:// in the same browser, starts empty.
    root = ContentRoot(REPO)
    other = root.load("sasha")
    target = render_page(root, other, list(other.levels.values()),
                         tmp_path / "sasha" / "dictee.html", replays=None, clips={},
                         readings={})
    again.goto(target.resolve().as_uri())
    assert again.locator(".copie").evaluate_all("z => z.map(t => t.value)") == ["", ""]


def test_restart_asks_before_erasing(open_page, kit):
    page = open_page(kit / PAGE).page
    zone = page.locator(f"{PRIMAIRE} .copie")
    zone.fill("Luis Manuel")
    check(page)
    asked = answer_dialogs(page, accept=False)
    page.locator(f"{PRIMAIRE} .recommencer").click()
    assert asked == ["Effacer ta copie et recommencer\u202f? Elle sera perdue."]
    assert zone.input_value() == "Luis Manuel"  # « Annuler » keeps everything
    assert page.locator(f"{PRIMAIRE} .resultat").is_visible()
    asked.accept = True
    page.locator(f"{PRIMAIRE} .recommencer").click()
    assert len(asked) == 2
    assert zone.input_value() == ""
    assert not page.locator(f"{PRIMAIRE} .resultat").is_visible()
    page.reload()
    assert page.locator(f"{PRIMAIRE} .copie").input_value() == ""  # forgotten, not hidden
    assert page.locator(f"{PRIMAIRE} .etat-copie").inner_text() == ""
    page.locator(f"{PRIMAIRE} .recommencer").click()  # nothing to lose: nothing asked
    assert len(asked) == 2


def test_letter_buttons_insert_at_the_cursor(open_page, kit):
    page = open_page(kit / PAGE).page
    bar = page.get_by_role("toolbar", name="Lettres à ajouter à ta copie").first
    letters = bar.get_by_role("button").all_inner_texts()
    assert letters == list("éèêàùçœÉÀÇ«»")
    zone = page.locator(f"{PRIMAIRE} .copie")
    zone.fill("l ecole a")
    zone.evaluate("t => t.setSelectionRange(2, 3)")  # the « e » of « ecole » selected
    bar.get_by_role("button", name="é", exact=True).click()
    assert zone.input_value() == "l école a"
    assert page.evaluate("document.activeElement.matches('#niveau-primaire .copie')")
    zone.evaluate("t => t.setSelectionRange(t.value.length, t.value.length)")
    page.keyboard.press("Backspace")
    bar.get_by_role("button", name="à", exact=True).click()
    page.keyboard.type(" la maison")  # the cursor is right after the inserted letter
    assert zone.input_value() == "l école à la maison"
    page.reload()
    zone = page.locator(f"{PRIMAIRE} .copie")
    assert zone.input_value() == "l école à la maison"  # kept as typed
    bar = page.get_by_role("toolbar", name="Lettres à ajouter à ta copie").first
    zone.evaluate("t => t.setSelectionRange(t.value.length, t.value.length)")
    bar.get_by_role("button", name="»", exact=True).click()
    assert zone.input_value() == "l école à la maison»"
    page.keyboard.press("Control+z")  # a letter from the bar is undone like a typed one
    assert zone.input_value() == "l école à la maison"
    # One tab stop for the whole bar; arrows move inside it.
    zone.focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "»"  # the last one used
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.textContent") == "é"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.textContent") == "»"


def test_pupils_see_nothing_meant_for_the_teacher_or_the_tool(open_page, kit):
    page = open_page(kit / PAGE).page
    page.locator(f"{PRIMAIRE} .copie").fill(COPY)
    check(page)
    answer_dialogs(page)
    page.locator(f"{PRIMAIRE} .voir-corrections").click()
    shown = page.locator("body").inner_text()
    for internal in (r"\bdictee\b", r"\bcorriger\b", re.escape(__version__), r"note\s*=",
                     r"barème", r"\.py\b", r"--\w"):
        assert not re.search(internal, shown, re.I), internal


def test_a_copy_that_stops_early_is_told_where_it_stops(open_page, kit):
    page = open_page(kit / PAGE).page
    text = ContentRoot(REPO).load("luis-manuel").levels["primaire"].text
    sentences = re.findall(r"[^.!?]+[.!?]", " ".join(text.split()))
    copy = " ".join(s.strip() for s in sentences[:4]).replace("La Havane", "la Havane")
    page.locator(f"{PRIMAIRE} .copie").fill(copy)
    bilan = check(page)
    assert bilan == "Ta copie s’arrête à la phrase 5. Jusque-là\u00a0: 1\u00a0erreur."
    assert "sur 20" not in page.locator(f"{PRIMAIRE} .resultat").inner_text()  # no mark
    stop = page.locator(f"{PRIMAIRE} .arret")
    assert stop.is_visible() and "à partir de la phrase 5" in stop.inner_text()
    # The group bar's tab stop is now the first group of sentence 5, where to go on.
    first = page.locator(f'{PRIMAIRE} .phrase[aria-label="Phrase 5"] .groupe').first
    assert first.get_attribute("tabindex") == "0"
    assert first.evaluate("b => b.classList.contains('reprise')")  # and it shows
    assert tries(page).startswith("Tu as vérifié ta copie une fois.")
    page.locator(f"{PRIMAIRE} .copie").fill(text)  # the pupil goes on to the end
    assert check(page) == "Aucune erreur\u00a0: bravo\u202f! Note\u00a0: 20 sur 20."
    assert not stop.is_visible()
    assert page.locator(f"{PRIMAIRE} .groupe.reprise").count() == 0
    assert tries(page).endswith("La première fois\u00a0: ta copie s’arrêtait à la phrase 5, "
                                "1\u00a0erreur.")


def test_a_pasted_megabyte_is_told_too_long_at_once(open_page, kit):
    """A pupil pastes a megabyte (the text over and over): the page answers that the copy
    is far longer than the text, with no mark and no errors to look at."""
    page = open_page(kit / PAGE).page
    text = ContentRoot(REPO).load("luis-manuel").levels["primaire"].text
    # As a paste does (Playwright's fill() types a megabyte far too slowly).
    page.locator(f"{PRIMAIRE} .copie").evaluate(
        "(zone, text) => { zone.value = text; zone.dispatchEvent(new Event('input', "
        "{bubbles: true})); }", (text + "\n") * 1700)
    assert check(page) == ("Ta copie est bien plus longue que le texte de la dictée\u00a0: elle "
                           "n’est pas notée. Vérifie que tu n’as pas collé autre chose.")
    assert not page.locator(f"{PRIMAIRE} .copie-corrigee").is_visible()
    assert "sur 20" not in page.locator(f"{PRIMAIRE} .resultat").inner_text()
    page.screenshot(path="/tmp/speed-megaoctet.png")
