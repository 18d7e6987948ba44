"""Shared fixtures: a private content folder per test, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import wave
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings
from typer.testing import CliRunner

# rich's consoles (dictee.cli.output) read COLUMNS once, when created: create them here,
# before a test sets COLUMNS, or the first command a test runs would fix their width for
# all the others (the app imports a command's modules only when that command runs).
from dictee.cli import output  # noqa: F401
from dictee.cli.app import app
from tests.french_spacing import plain_spaces

REPO = Path(__file__).resolve().parent.parent
IN_CI = bool(os.environ.get("CI"))

# Hypothesis explores new examples on a developer's machine, but CI must give the same
# verdict for the same commit: there it is derandomised (examples derived from each test's
# name) and keeps no example database between runs.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("ci" if IN_CI else os.environ.get("HYPOTHESIS_PROFILE", "explore"))


# Modules whose tests build whole kits, editions or readings (seconds each): left out of
# `make test-fast`, the inner loop, and run by `make check`.
SLOW_MODULES = {"test_kit.py", "test_kit_errors.py", "test_edition.py", "test_api.py",
                "test_page.py", "test_kit_versions.py", "test_audio_cli.py",
                "test_lesson_audio.py", "test_align.py", "test_sheets.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if item.path.parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: a missing LibreOffice, Chromium or espeak-ng must
    not turn the PDF, browser or audio tests into silent green. Only a test marked
    `may_skip` (a skip that depends on who runs it, not on what is installed) may skip."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail") \
            and item.get_closest_marker("may_skip") is None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"test ignoré en CI, où tout doit être installé : {reason}"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder holding the Luis Manuel case, its readings and the templates."""
    root = tmp_path / "contenu"
    shutil.copytree(REPO / "texts" / "luis-manuel", root / "texts" / "luis-manuel")
    shutil.copytree(REPO / "audio" / "luis-manuel", root / "audio" / "luis-manuel")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture(scope="session")
def luis_manuel_kit(tmp_path_factory) -> Iterator[Path]:
    """The Luis Manuel kit as `dictee kit luis-manuel --sans-pdf --ecole … --classe …`
    builds it (two levels, with its synthetic readings), unzipped, built once for the
    session: tests/test_kit.py reads its files, the browser tests open its pages (which
    the school and class do not change). Its zip is beside it, in ../../kits. Tests only
    read it: it is checked unchanged at the end."""
    base = tmp_path_factory.mktemp("trousse-luis-manuel")
    result = CliRunner().invoke(app, [
        "kit", "luis-manuel", "--sans-pdf", "--sortie", str(base / "kits"),
        "--ecole", "École des Saules", "--classe", "6e B", "--contenu", str(REPO)],
        catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(base / "kits" / "dictee-luis-manuel.zip") as opened:
        opened.extractall(base / "x")
    top = base / "x" / "dictee-luis-manuel"
    before = _snapshot(base)
    yield top
    assert _snapshot(base) == before, "a test changed the shared kit: work on a copy"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="session")
def print_run(request, tmp_path_factory) -> dict[str, object]:
    """The documents of every PDF test module of this run, converted in one LibreOffice
    call (each start costs seconds): {module file name: what its `to_print` returned}.

    A module offers `to_print(folder) -> (result, documents)`: it writes its .docx files
    under `folder`, and finds each PDF beside its .docx (same name, .pdf). Only the
    modules with a test in this run are printed.
    """
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice and poppler-utils are installed by .ci/run")
    from dictee.render.pdf import convert_to_pdf

    modules = {Path(item.module.__file__).name: item.module for item in request.session.items
               if hasattr(item.module, "to_print")}
    base = tmp_path_factory.mktemp("imprime")
    flat = base / "a-plat"  # one folder for LibreOffice: names made unique by a number
    flat.mkdir()
    results: dict[str, object] = {}
    copies: dict[Path, Path] = {}
    for name in sorted(modules):
        folder = base / Path(name).stem
        folder.mkdir()
        results[name], documents = modules[name].to_print(folder)
        for document in documents:
            copy = flat / f"{len(copies):04d}-{document.name}"
            shutil.copy(document, copy)
            copies[copy] = document
    convert_to_pdf(list(copies), flat)
    for copy, document in copies.items():
        shutil.move(copy.with_suffix(".pdf"), document.with_suffix(".pdf"))
    return results


def write_wav(path: Path, seconds: float, *, rate: int = 16_000, silent: bool = False) -> Path:
    """A speech-like test signal: bursts of a 220 Hz tone separated by short gaps."""
    t = np.arange(int(seconds * rate)) / rate
    signal = 0.3 * np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 1.5 * t) > -0.3)
    if silent:
        signal[:] = 0
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((signal * 32767).astype("<i2").tobytes())
    return path


@pytest.fixture
def cli(monkeypatch, content):
    """Run `dictee …` in-process against the private content folder. Whatever it prints
    for a person (not --json) spaces as French does: a message that reaches the terminal
    without the CLI's console (dictee.cli.output) fails here."""
    monkeypatch.setenv("DICTEE_CONTENU", str(content))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, list(args), catch_exceptions=False)
        if "--json" not in args:
            assert plain_spaces(result.output) == [], result.output
        return result

    return run
