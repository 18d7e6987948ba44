"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, and a real kit.

The browser tests skip only when chromium or the playwright package is missing;
CI installs both. Every page is opened from file:// and every request it makes
is recorded, so a test can assert that nothing left the kit folder.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dictee.cli.app import app
from dictee.content.loader import ContentRoot
from tests.conftest import REPO

CHROMIUM = Path(os.environ.get("DICTEE_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required"]
LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 768, "height": 1024}
PAGE = Path("interactif") / "dictee.html"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium introuvable ({CHROMIUM})")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright n'est pas installé")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@dataclass
class Opened:
    """A page and every URL it asked for, in order."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser) -> Iterator:
    """open_page(path, viewport=LAPTOP) → Opened, with requests and script errors logged."""
    contexts = []

    def opener(path: Path, viewport: dict | None = None) -> Opened:
        context = browser.new_context(viewport=viewport or LAPTOP, locale="fr-CA")
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.goto(Path(path).resolve().as_uri())
        return opened

    yield opener
    for context in contexts:
        context.close()


def page_in_kit(kit: Path, slug: str, *, replays: int | None = None,
                content: Path = REPO, word_bank: bool = False) -> Path:
    """Render the kit's page again with render_page, as the kit builder does, over the
    kit's own clips: for options a test needs (a cap on replays, the word bank) without
    a rebuild."""
    from dictee.render.page import render_page

    root = ContentRoot(content)
    case = root.load(slug)
    levels = [case.levels[name] for name in ("primaire", "secondaire") if (kit / name).is_dir()]
    clips: dict[str, list[str]] = {}
    readings: dict[str, str] = {}
    for level in levels:
        found = sorted((kit / level.level / "audio" / "groupes").glob("*.mp3"))
        assert found, f"the kit has no group clips for {level.level}"
        clips[level.level] = [f"../{level.level}/audio/groupes/{p.name}" for p in found]
        readings[level.level] = f"../{level.level}/audio/lecture.mp3"
    return render_page(root, case, levels, kit / PAGE, replays=replays, clips=clips,
                       readings=readings, word_bank=word_bank)


def build_kit(base: Path, slug: str = "luis-manuel", *extra: str,
              content: Path = REPO) -> Path:
    """`dictee kit SLUG --sans-pdf`, unzipped; returns the kit's top folder."""
    result = CliRunner().invoke(app, ["kit", slug, "--sans-pdf", "--sortie", str(base / "kits"),
                                      "--contenu", str(content), *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    archive = next((base / "kits").glob("*.zip"))
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(base / "x")
    return base / "x" / archive.stem


@pytest.fixture(scope="session")
def kit(luis_manuel_kit) -> Path:
    """The Luis Manuel kit (two levels, synthetic readings) as `dictee kit` builds it, the
    session's (tests/conftest.py): tests only read it, `fresh_kit` is a copy to change."""
    assert (luis_manuel_kit / PAGE).is_file(), "dictee kit must write interactif/dictee.html"
    return luis_manuel_kit


@pytest.fixture
def fresh_kit(kit, tmp_path) -> Path:
    """A private copy of the kit, for tests that re-render the page."""
    return Path(shutil.copytree(kit, tmp_path / kit.name))


def page_with_stand_in_clips(base: Path, slug: str, content: Path = REPO) -> Path:
    """The page of a case over empty stand-ins for its clips: for layout, no sound needed
    (and no audio to build for each shipped case)."""
    from dictee.render.page import render_page

    root = ContentRoot(content)
    case = root.load(slug)
    levels = list(case.levels.values())
    clips: dict[str, list[str]] = {}
    readings: dict[str, str] = {}
    for level in levels:
        audio = base / slug / level.level / "audio"
        (audio / "groupes").mkdir(parents=True)
        (audio / "lecture.mp3").write_bytes(b"")
        names = [f"{n:02d}.mp3" for n in range(1, len(level.groups) + 1)]
        for name in names:
            (audio / "groupes" / name).write_bytes(b"")
        clips[level.level] = [f"../{level.level}/audio/groupes/{n}" for n in names]
        readings[level.level] = f"../{level.level}/audio/lecture.mp3"
    return render_page(root, case, levels, base / slug / PAGE, replays=None, clips=clips,
                       readings=readings)
