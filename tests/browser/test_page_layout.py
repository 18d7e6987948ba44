"""The page's layout for every shipped case and level, in real Chromium: the group buttons
fit a laptop screen without an inner scroll, targets meet WCAG 2.2 AA (24 × 24 px), and
the page survives the text-spacing override of WCAG 1.4.12."""

from __future__ import annotations

import pytest

from dictee.content.loader import ContentRoot
from tests.browser.conftest import LAPTOP, TABLET, page_with_stand_in_clips
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SLUGS = ContentRoot(REPO).slugs()
LEVELS = ("primaire", "secondaire")
# A 1366 × 768 screen shows less than that in a browser window (tabs, address bar, task
# bar): once the pupil has scrolled to the copy, the panel sticks to the top of what is left.
LAPTOP_WINDOW = {"width": 1366, "height": 657}
CHROMEBOOK = {"width": 1024, "height": 768}
# WCAG 1.4.12, as the bookmarklets that test it apply it.
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                " word-spacing: 0.16em !important; }"
                " p { margin-bottom: 2em !important; }")

GROUPS_IN_VIEW = """(level) => {
  const section = document.getElementById('niveau-' + level);
  const panel = section.querySelector('.panneau');
  const outside = [...section.querySelectorAll('.groupe')].filter(b => {
    const r = b.getBoundingClientRect();
    return r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth;
  }).map(b => b.textContent);
  return {outside, inner: panel.scrollHeight - panel.clientHeight,
          count: section.querySelectorAll('.groupe').length};
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("pages")
    return {slug: page_with_stand_in_clips(base, slug) for slug in SLUGS}


def show(opened, level: str):
    page = opened.page
    if level != "primaire":
        page.get_by_label(level).check()
    return page


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_group_button_fits_a_laptop_screen_without_inner_scroll(open_page, pages,
                                                                       slug, level):
    page = show(open_page(pages[slug], LAPTOP), level)
    at_load = page.evaluate(GROUPS_IN_VIEW, level)
    assert at_load["count"] > 10
    assert at_load == {"outside": [], "inner": 0, "count": at_load["count"]}
    # In a browser window on that screen, once the pupil writes: the panel stays in view.
    page.set_viewport_size(LAPTOP_WINDOW)
    page.locator(f"#niveau-{level} .copie").click()
    page.evaluate("window.scrollBy(0, document.querySelector('section.niveau:not([hidden]) "
                  ".copie').getBoundingClientRect().top - 120)")
    writing = page.evaluate(GROUPS_IN_VIEW, level)
    assert writing["outside"] == [] and writing["inner"] == 0


TARGETS = """() => [...document.querySelectorAll(
    'button, input, textarea, select, a[href], label')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
    && !e.closest('.evitement');
}).map(e => {
  const r = e.getBoundingClientRect();
  return {what: e.tagName + ' ' + (e.textContent || e.value || e.className).trim().slice(0, 30),
          width: r.width, height: r.height};
})"""


@pytest.mark.parametrize("viewport", [LAPTOP, CHROMEBOOK, TABLET], ids=str)
def test_every_target_is_at_least_24_px(open_page, pages, viewport):
    page = open_page(pages["luis-manuel"], viewport).page
    page.locator("#niveau-primaire .copie").fill("Luis Manuel Otero Alcantara est un artiste.")
    page.locator("#niveau-primaire .verifier").click()  # the result's controls too
    targets = page.evaluate(TARGETS)
    assert len(targets) > 40
    small = [t for t in targets if t["width"] < 24 or t["height"] < 24]
    assert small == []


CLIPPED = """() => [...document.querySelectorAll(
    'button, label, legend, h1, h2, h3, h4, p, li, dt, dd, th, td, .numero-phrase')].filter(e => {
  const r = e.getBoundingClientRect();
  if (!r.width) return false;
  const style = getComputedStyle(e);
  const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(
    style.overflowY);
  return (hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
    || r.right > document.documentElement.clientWidth + 1;
}).map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 40))"""

OVERLAPS = """(level) => {
  const boxes = [...document.querySelectorAll(
      '#niveau-' + level + ' .groupe, #niveau-' + level + ' .caractere, '
      + '#niveau-' + level + ' .actions button, #niveau-' + level + ' .numero-phrase')]
    .map(e => [e.textContent, e.getBoundingClientRect()]).filter(([, r]) => r.width);
  const found = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1
        && s.top < r.bottom - 1) { found.push(a + ' / ' + b); }
  }));
  return found;
}"""


@pytest.mark.parametrize("viewport", [LAPTOP, TABLET], ids=str)
@pytest.mark.parametrize("level", LEVELS)
def test_the_page_survives_the_text_spacing_override(open_page, pages, level, viewport):
    opened = open_page(pages["chow-hang-tung"], viewport)  # the longest group bar
    page = show(opened, level)
    page.add_style_tag(content=TEXT_SPACING)
    page.locator(f"#niveau-{level} .copie").fill("Chow Hang-tung est avocate à Hong Kong.")
    page.locator(f"#niveau-{level} .verifier").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(OVERLAPS, level) == []
    # Every group button can still be reached and pressed.
    last = page.locator(f"#niveau-{level} .groupe").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    last.click(trial=True)
    assert not opened.errors
