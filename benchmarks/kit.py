"""Wall time of `dictee kit luis-manuel`, as a ratio to a bare ffmpeg transcode of the
same recordings measured in the same run (these machines are noisy: compare ratios).

    python benchmarks/kit.py [--repetitions 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

from dictee.audio.io import ffmpeg
from dictee.content.loader import ContentRoot


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--cas", default="luis-manuel")
    args = parser.parse_args()
    root = ContentRoot.choose()
    case = root.load(args.cas)
    recordings = [lv.recording for lv in case.levels.values() if lv.recording]
    dictee = [sys.executable, "-m", "dictee.cli"]
    baseline, no_pdf, with_pdf = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repetitions):
            # Baseline: decode and re-encode every recording of the kit, nothing else.
            baseline.append(sum(timed([ffmpeg(), "-v", "error", "-y", "-i", str(r), "-ac", "1",
                                       "-b:a", "96k", f"{tmp}/b{i}-{r.stem}.mp3"])
                                for r in recordings))
            no_pdf.append(timed([*dictee, "kit", args.cas, "--sans-pdf", "--force",
                                 "--sortie", f"{tmp}/a"]))
            with_pdf.append(timed([*dictee, "kit", args.cas, "--force", "--sortie",
                                   f"{tmp}/p"]))
    base = statistics.median(baseline)
    print(f"référence ffmpeg (décodage + encodage MP3 de {len(recordings)} enregistrements) : "
          f"{base:.2f} s")
    for label, runs in (("dictee kit --sans-pdf", no_pdf), ("dictee kit (avec PDF)", with_pdf)):
        median = statistics.median(runs)
        print(f"{label:<24} {median:6.2f} s   ratio {median / base:5.1f} × la référence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
