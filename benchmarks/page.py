"""The interactive page: its size per case, and how long its checker takes in Chromium,
as a ratio to `dictee corriger`'s Python code on the same copies, measured in the same
run (these machines are noisy and shared: compare ratios).

    python benchmarks/page.py [--repetitions 3]

Needs Debian's chromium and the playwright package (the `dev` extra).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dictee.content.loader import ContentRoot
from dictee.grading import correct, lexicon_table
from dictee.grading.scale import Scale
from dictee.render.adapted_page import render_adapted_page
from dictee.render.page import render_page

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TIME_IN_PAGE = """([expected, copies, table, scale, repetitions]) => {
  const runs = [];
  for (let r = 0; r < repetitions; r++) {
    const start = performance.now();
    for (const copy of copies) DicteeCorrection.corriger(expected, copy, table, scale);
    runs.push((performance.now() - start) / 1000);
  }
  return runs;
}"""


def stand_in_audio(kit: Path, levels) -> dict:
    """Empty files where the kit puts its clips: the page links them as in a real kit."""
    clips, readings = {}, {}
    for level in levels:
        folder = kit / level.level / "audio" / "groupes"
        folder.mkdir(parents=True)
        (folder.parent / "lecture.mp3").touch()
        names = [f"{n:02d}.mp3" for n in range(1, len(level.groups) + 1)]
        for name in names:
            (folder / name).touch()
        clips[level.level] = [f"../{level.level}/audio/groupes/{name}" for name in names]
        readings[level.level] = f"../{level.level}/audio/lecture.mp3"
    return {"clips": clips, "readings": readings}


def python_time(expected: str, copies: list[str], repetitions: int) -> float:
    correct(expected, "")  # the lexicon and the word table, read once, as in a real run
    runs = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for copy in copies:
            correct(expected, copy)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = ContentRoot(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        print("Taille de la page, boutons d'écoute compris, son exclu (limite 120 Ko) :")
        pages = {}
        for slug in root.slugs():
            case = root.load(slug)
            levels = list(case.levels.values())
            audio = stand_in_audio(Path(tmp) / slug, levels)
            pages[slug] = render_page(root, case, levels, Path(tmp) / slug / "i" / "dictee.html",
                                      replays=None, **audio)
            bank = render_page(root, case, levels, Path(tmp) / slug / "i" / "banque.html",
                               replays=None, word_bank=True, **audio)
            adapted = render_adapted_page(root, case, levels,
                                          Path(tmp) / slug / "i" / "dictee-amenagee.html",
                                          clips=audio["clips"])
            print(f"  {slug:<16} {pages[slug].stat().st_size / 1000:6.1f} Ko, "
                  f"{bank.stat().st_size / 1000:6.1f} Ko avec la banque de mots, "
                  f"{adapted.stat().st_size / 1000:6.1f} Ko la page aménagée")

        vectors = [json.loads(p.read_text(encoding="utf-8"))
                   for p in sorted((ROOT / "tests" / "vectors" / "corriger").glob("*.json"))]
        primary = next(v for v in vectors if v["niveau"] == "primaire")
        text = primary["texte"]
        workloads = [
            ("copies étiquetées (une classe)",
             [(v["texte"], [c["copie"] for c in v["copies"]]) for v in vectors]),
            ("copie 10 fois le texte", [(text, [(text + "\n") * 10])]),
            ("copie 40 fois le texte", [(text, [(text + "\n") * 40])]),
        ]
        scale = Scale.default()
        in_page = {"poids": dict(scale.weights), "sur": scale.total}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(pages["luis-manuel"].as_uri())
            print("\nVérification d'une copie : page (Chromium) contre dictee corriger (Python)")
            for label, batches in workloads:
                js = python = 0.0
                count = 0
                for expected, copies in batches:
                    runs = page.evaluate(TIME_IN_PAGE, [expected, copies, lexicon_table(expected),
                                                        in_page, args.repetitions])
                    js += statistics.median(runs)
                    python += python_time(expected, copies, args.repetitions)
                    count += len(copies)
                print(f"  {label:<32} {count:3d} copies  page {js / count * 1000:8.1f} ms"
                      f"  python {python / count * 1000:7.1f} ms  ratio {js / python:5.1f}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
