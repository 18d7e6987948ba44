"""The versions for every pupil, as ratios to what the kit already does, measured in the
same run (these machines are noisy: compare ratios, not seconds).

    python benchmarks/amenagee.py [--repetitions 5]

- blanks: choosing the blanks and choices of a level (dictee/adapt/blanks.py), lexicon
  already loaded, against correcting one full copy of the level (dictee corriger);
- grade: grading an adapted sheet (grade.py: the answers put back into the text, then
  corrected) against correcting a full copy with the same mistakes;
- daily: choosing the daily sentences against correcting a full copy;
- page: the size of interactif/dictee-amenagee.html against interactif/dictee.html
  (both without sound, for the four shipped cases).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dictee.adapt.blanks import adapt  # noqa: E402
from dictee.adapt.daily import daily_sentences  # noqa: E402
from dictee.adapt.grade import copy_text, grade  # noqa: E402
from dictee.content.loader import ContentRoot  # noqa: E402
from dictee.grading import correct  # noqa: E402
from dictee.grading.lexicon import load  # noqa: E402


def best(function: Callable[[], object], repetitions: int) -> float:
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    load()
    root = ContentRoot.choose(None)
    ratios: dict[str, list[float]] = {"blanks": [], "grade": [], "daily": []}
    for slug in ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse"):
        for level in root.load(slug).levels.values():
            adapted = adapt(level)
            answers = [b.answer[:-1] if i % 3 == 0 else b.answer
                       for i, b in enumerate(adapted.blanks)]
            full_copy = copy_text(adapted, answers)
            runs = args.repetitions
            baseline = best(partial(correct, level.text, full_copy), runs)
            ratios["blanks"].append(best(partial(adapt, level), runs) / baseline)
            ratios["grade"].append(best(partial(grade, adapted, level.text, answers), runs)
                                   / baseline)
            ratios["daily"].append(best(partial(daily_sentences, level), runs) / baseline)
    for name, values in ratios.items():
        print(f"{name:7} median {statistics.median(values):5.2f} × a full correction "
              f"(max {max(values):.2f}, 8 levels)")
    from dictee.render.adapted_page import render_adapted_page
    from dictee.render.page import render_page

    sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        for slug in ("luis-manuel", "sasha", "chow-hang-tung", "dorgelesse"):
            case = root.load(slug)
            levels = list(case.levels.values())
            adapted_page = render_adapted_page(root, case, levels,
                                               Path(tmp) / slug / "amenagee.html", clips={})
            page = render_page(root, case, levels, Path(tmp) / slug / "dictee.html",
                               replays=None, clips={}, readings={})
            sizes.append((slug, adapted_page.stat().st_size, page.stat().st_size))
    for slug, adapted_size, size in sizes:
        print(f"page    {slug:15} {adapted_size / 1000:6.1f} Ko, {adapted_size / size:.2f} × "
              f"interactif/dictee.html ({size / 1000:.1f} Ko)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
