"""The adapted page in real Chromium: same blanks and choices as the sheet, graded like
dictee/adapt/grade.py grades them in Python; the daily sentences graded like the dictation."""

from __future__ import annotations

from pathlib import Path

import pytest

from dictee.adapt.blanks import adapt
from dictee.adapt.daily import daily_sentences
from dictee.adapt.grade import grade
from dictee.content.loader import ContentRoot
from dictee.grading import correct
from dictee.render.adapted_page import NAME, render_adapted_page
from tests.conftest import REPO

CASES = ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Each shipped case's adapted page, without sound (the teacher reads)."""
    base = tmp_path_factory.mktemp("amenagee")
    root = ContentRoot(REPO)
    found = {}
    for slug in CASES:
        case = root.load(slug)
        found[slug] = render_adapted_page(root, case, list(case.levels.values()),
                                          base / slug / "interactif" / NAME, clips={})
    return found


def _answers(adapted) -> list[str]:
    """Right, wrong and empty answers in turn (deterministic): a wrong choice ticks the
    other option, a wrong word loses its last letter."""
    answers = []
    for number, blank in enumerate(adapted.blanks):
        if number % 3 == 0:
            if blank.choices:
                answers.append(next(o for o in blank.choices if o != blank.answer))
            else:
                answers.append(blank.answer[:-1])
        elif number % 3 == 1 and number % 2:
            answers.append("")
        else:
            answers.append(blank.answer)
    return answers


@pytest.mark.parametrize("slug", CASES)
def test_adapted_page_grades_like_python(open_page, pages, slug):
    opened = open_page(pages[slug])
    page = opened.page
    case = ContentRoot(REPO).load(slug)
    for name, level in case.levels.items():
        if len(case.levels) > 1:
            page.check(f'.choix-niveau input[value="{name}"]')
        section = page.locator(f"#niveau-{name}")
        adapted = adapt(level)
        answers = _answers(adapted)
        # The page shows the sheet's blanks and choices, in order.
        assert section.locator(".trou, .choix").count() == len(adapted.blanks)
        for number, (blank, answer) in enumerate(zip(adapted.blanks, answers)):
            if blank.choices:
                options = section.locator(f'.choix[data-trou="{number}"] input')
                assert options.evaluate_all("l => l.map(i => i.value)") == list(blank.choices)
                if answer:
                    section.locator(f'.choix[data-trou="{number}"] input[value="{answer}"]').check()
            else:
                section.locator(f'.trou[data-trou="{number}"]').fill(answer)
        section.locator(".verifier").click()
        python = grade(adapted, level.text, answers)
        counts = {c: int(section.locator(f'tr[data-categorie="{c}"] .nombre').text_content())
                  for c in python.correction.counts}
        assert counts == python.correction.counts, name
        bilan = section.locator(".bilan").text_content()
        note = str(python.correction.note).replace(".", ",")
        assert f"{python.right} sur {len(adapted.blanks)} justes" in bilan
        assert f"Note\u00a0: {note} sur 20" in bilan
        by_blank = page.evaluate("([n, a]) => DicteeAmenagee.noter(n, a).par_trou.map("
                                 "e => e.map(x => x.categorie))", [name, answers])
        assert by_blank == [[e.category for e in errors] for errors in python.by_blank]
        assert section.locator(".faux").count() == sum(1 for e in python.by_blank if e)
    assert opened.errors == []
    assert all(url.startswith("file://") for url in opened.requests)


def test_daily_sentences_are_graded_like_the_dictation(open_page, pages):
    level = ContentRoot(REPO).load("sasha").level("primaire")
    sentence = daily_sentences(level)[3]
    copy = sentence.text.replace("arrêtée", "arrêté").replace("prison", "prizon")
    page = open_page(pages["sasha"]).page
    block = page.locator("#niveau-primaire .phrase-jour").nth(3)
    block.locator("textarea").fill(copy)
    block.locator(".verifier-jour").click()
    text = block.locator(".bilan-jour").text_content()
    python = correct(sentence.text, copy)
    assert text.startswith(f"{len(python.errors)}\u00a0erreurs\u00a0: ")
    assert "arrêté (Grammaire)" in text and "prizon (Usage)" in text
    assert f"Note\u00a0: {str(python.note).replace('.', ',')} sur 20" in text


def test_slower_speed_larger_text_and_word_bank(open_page, kit):
    """In the kit `dictee kit` builds (the browser tests' shared one, with its clips)."""
    opened = open_page(kit / "interactif" / NAME)
    page = opened.page
    section = page.locator("#niveau-primaire")  # the level shown first
    assert section.is_visible()
    assert section.locator('.vitesse input[value="0.75"]').is_checked()
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    classic = open_page(kit / "interactif" / "dictee.html").page
    assert size > classic.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    word = section.locator(".ecouter-mot").first
    word.click()
    for _ in range(100):  # the page's policy forbids wait_for_function's string eval
        if page.evaluate("() => document.getElementById('lecteur').currentTime > 0"):
            break
        page.wait_for_timeout(50)
    else:
        raise AssertionError("the word's clip did not play")
    assert page.evaluate("document.getElementById('lecteur').playbackRate") == 0.75
    line = section.locator(".ligne .groupe").nth(int(word.get_attribute("data-groupe")) - 1)
    assert "pour-mot" in line.get_attribute("class")  # the word's line number lights up too
    clip = word.get_attribute("data-source")  # the clip of the word's group, set by the page
    assert clip == f"../primaire/audio/groupes/{int(word.get_attribute('data-groupe')):02d}.mp3"
    assert page.evaluate("document.getElementById('lecteur').src").split("#")[0].endswith(
        clip.removeprefix(".."))
    assert "dictee-amenagee" not in (kit / "interactif" / "dictee.html").read_text()
    assert opened.errors == []


def test_answers_come_back_after_a_reload(open_page, pages):
    opened = open_page(pages["dorgelesse"])
    page = opened.page
    section = page.locator("#niveau-primaire")
    adapted = adapt(ContentRoot(REPO).load("dorgelesse").level("primaire"))
    write = next(i for i, b in enumerate(adapted.blanks) if not b.choices)
    tick = next(i for i, b in enumerate(adapted.blanks) if b.choices)
    section.locator(f'.trou[data-trou="{write}"]').fill("atteint")
    option = adapted.blanks[tick].choices[0]
    section.locator(f'.choix[data-trou="{tick}"] input[value="{option}"]').check()
    section.locator(".copie-jour").first.fill("Elle élève seule son fils.")
    page.reload()
    section = page.locator("#niveau-primaire")
    assert section.locator(f'.trou[data-trou="{write}"]').input_value() == "atteint"
    assert section.locator(f'.choix[data-trou="{tick}"] input[value="{option}"]').is_checked()
    assert section.locator(".copie-jour").first.input_value() == "Elle élève seule son fils."
    assert opened.errors == []


@pytest.mark.parametrize("slug", CASES)
def test_one_column_on_a_laptop_with_the_speed_above_the_dictation(open_page, tmp_path, slug):
    """At 1366 × 768 the speed sits above the text it governs, in the same column: no
    empty left column with « Vitesse » floating halfway down. And the words a pupil reads
    have typographic apostrophes (« un nom de l’histoire »), never a straight one."""
    root = ContentRoot(REPO)
    case = root.load(slug)
    page_path = tmp_path / "interactif" / NAME
    clips = {}
    for name, level in case.levels.items():
        clips[name] = [f"../{name}/audio/groupes/{n:02d}.mp3"
                       for n in range(1, len(adapt(level).groups) + 1)]
        for clip in clips[name]:
            (page_path.parent / clip).parent.mkdir(parents=True, exist_ok=True)
            (page_path.parent / clip).write_bytes(b"")  # never played here
    render_adapted_page(root, case, list(case.levels.values()), page_path, clips=clips)
    page = open_page(page_path).page  # LAPTOP: 1366 × 768
    name = next(iter(case.levels))
    section = page.locator(f"#niveau-{name}")
    speed = section.locator(".vitesse").bounding_box()
    dictation = section.locator(".dictee-amenagee").bounding_box()
    title = section.locator("h2").bounding_box()
    assert speed and dictation and title
    assert abs(speed["x"] - dictation["x"]) < 2 and abs(title["x"] - dictation["x"]) < 2
    assert title["y"] < speed["y"] < dictation["y"]
    assert speed["y"] + speed["height"] <= dictation["y"]
    text = page.evaluate("document.body.innerText")
    assert "'" not in text
    assert "enseignant·e" not in page_path.read_text(encoding="utf-8")


def test_the_browser_gives_no_spelling_help_where_the_pupil_types(open_page, pages):
    """The blanks and the daily sentences' boxes get spellcheck and completion off from the
    script (not from the markup: the page's size budget), for every field."""
    opened = open_page(pages["luis-manuel"])
    fields = opened.page.evaluate("""() => Array.from(
        document.querySelectorAll('input.trou, textarea.copie-jour'), f => [f.spellcheck,
        f.getAttribute('autocomplete'), f.getAttribute('autocorrect'),
        f.getAttribute('autocapitalize')])""")
    case = ContentRoot(REPO).load("luis-manuel")
    written = sum(1 for level in case.levels.values() for b in adapt(level).blanks
                  if not b.choices)
    days = sum(len(daily_sentences(level)) for level in case.levels.values())
    assert len(fields) == written + days
    assert all(field == [False, "off", "off", "off"] for field in fields), fields
    assert not opened.errors
