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

from dictee.audio import io
from dictee.audio.labels import read_labels
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


def cut_clips(root: ContentRoot, slug: str, level: str, folder: Path) -> list[Path]:
    """One MP3 per meaning group, cut from the reading at its labels: what issue 3's
    lesson module writes; used only when the kit does not hold the clips yet."""
    reading = io.decode(root.recording(slug, level))
    folder.mkdir(parents=True, exist_ok=True)
    clips = []
    for number, label in enumerate(read_labels(root.labels(slug, level)), start=1):
        clips.append(io.encode_mp3(reading[label.start_ms:label.end_ms],
                                   folder / f"{number:02d}.mp3"))
    return clips


def page_in_kit(kit: Path, slug: str, *, replays: int | None = None,
                content: Path = REPO, rerender: bool = False) -> Path:
    """The kit's interactive page: the one the kit builder wrote, or, until the builder
    writes it (or when `rerender`), one rendered into the unzipped kit by render_page."""
    from dictee.render.page import render_page

    target = kit / PAGE
    if target.is_file() and not rerender:
        return target
    root = ContentRoot(content)
    case = root.load(slug)
    levels = [case.levels[name] for name in ("primaire", "secondaire")
              if (kit / name).is_dir()]
    clips: dict[str, list[str]] = {}
    readings: dict[str, str] = {}
    for level in levels:
        audio = kit / level.level / "audio"
        if not (audio / "lecture.mp3").is_file():
            continue
        if not sorted((audio / "groupes").glob("*.mp3")):
            cut_clips(root, slug, level.level, audio / "groupes")
        found = sorted((audio / "groupes").glob("*.mp3"))
        clips[level.level] = [f"../{level.level}/audio/groupes/{p.name}" for p in found]
        readings[level.level] = f"../{level.level}/audio/lecture.mp3"
    return render_page(root, case, levels, target, replays=replays, clips=clips,
                       readings=readings)


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


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """The Luis Manuel kit (two levels, synthetic readings), unzipped, with its page."""
    base = tmp_path_factory.mktemp("kit")
    top = build_kit(base)
    page_in_kit(top, "luis-manuel")
    return top


@pytest.fixture
def fresh_kit(kit, tmp_path) -> Path:
    """A private copy of the kit, for tests that re-render the page."""
    return Path(shutil.copytree(kit, tmp_path / kit.name))
