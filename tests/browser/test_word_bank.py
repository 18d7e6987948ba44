"""« Les mots de l'histoire » on the class's page (the kit's option for pupils learning
French): shown only with the option, folded under the board, each word heard from the
recording. Real headless Chromium, the Luis Manuel kit's own clips."""

from __future__ import annotations

import pytest

from dictee.adapt.sheets import word_bank_context
from dictee.adapt.wordbank import GRAMMAR, word_bank
from dictee.content.loader import ContentRoot
from tests.browser.conftest import PAGE, page_in_kit
from tests.browser.test_page import wait_playing
from tests.conftest import REPO

pytestmark = pytest.mark.browser


def test_the_bank_is_on_the_page_only_with_the_option(open_page, fresh_kit):
    without = open_page(fresh_kit / PAGE).page
    assert without.locator(".mots-histoire").count() == 0
    page_in_kit(fresh_kit, "luis-manuel", word_bank=True)
    opened = open_page(fresh_kit / PAGE)
    page = opened.page
    bank = page.locator("#niveau-primaire .mots-histoire")
    assert bank.count() == 1
    # Folded at first: one line under the board, the copy stays in view.
    assert not bank.locator("dl").first.is_visible()
    bank.locator("summary").click()
    level = ContentRoot(REPO).load("luis-manuel").levels["primaire"]
    bank_words = word_bank(level)
    # Board and glossary words, each with a button to hear it.
    expected = [w.word.replace("'", "\u2019") for w in bank_words if w.kind != GRAMMAR]
    assert bank.locator(".mot").all_inner_texts() == expected
    assert bank.locator(".ecouter-mot").count() == len(expected)
    text = bank.inner_text()
    glossary = level.meta.glossaire[0]
    assert glossary.definition.replace("'", "\u2019") in text
    # The grammar words as on the class's sheets: in alphabetical order, with no button
    # (the group would tell where each goes).
    grammar = bank.locator(".mots-a-ecrire li").all_inner_texts()
    assert sorted(grammar) == sorted(w.word for w in bank_words if w.kind == GRAMMAR)
    assert grammar == word_bank_context(level)["mots_a_ecrire_abc"]
    assert "Les mots à bien écrire" in text
    assert "«\u00a0Écouter\u00a0»" in text  # French typography in what is read
    assert opened.errors == []


def test_a_word_plays_from_its_group_and_is_highlighted(open_page, fresh_kit):
    page_in_kit(fresh_kit, "luis-manuel", word_bank=True, replays=1)
    opened = open_page(fresh_kit / PAGE)
    page = opened.page
    section = page.locator("#niveau-primaire")
    section.locator(".mots-histoire summary").click()
    word = section.locator(".ecouter-mot:not([data-fin])").first
    group = int(word.get_attribute("data-groupe"))
    name = word.locator("xpath=preceding-sibling::span[@class='mot']").inner_text()
    label = f"Écouter «\u00a0{name}\u00a0» dans le groupe {group}"
    assert word.get_attribute("aria-label") == label
    word.click()
    wait_playing(page, beyond=0.1)
    src = page.evaluate("document.getElementById('lecteur').src")
    assert src.endswith(f"/primaire/audio/groupes/{group:02d}.mp3")
    assert "en-lecture" in word.locator("xpath=ancestor::*[contains(@class,'mot-histoire')][1]") \
        .get_attribute("class")
    assert f"Lecture du groupe {group}, où tu entends «\u00a0{name}\u00a0»" in \
        section.locator(".etat-lecture").inner_text()
    group_button = section.locator(".groupe").nth(group - 1)
    assert "pour-mot" in group_button.get_attribute("class")  # the panel shows which group
    # Heard in its group, the word counts as a listening of that group (the cap holds).
    word.click()  # stop
    assert "pour-mot" not in group_button.get_attribute("class")
    assert group_button.is_disabled() and word.is_disabled()
    assert opened.errors == []
