"""Wall time of `dictee edition` on the built-in content: a full build with --jobs 1 and
--jobs 2, and a rebuild with nothing changed, all measured in the same run (these
machines are shared and noisy: compare the ratios, run several repetitions).

    python benchmarks/edition.py [--repetitions 2] [--sans-pdf]

Speed-up = full build at --jobs 1 / full build at --jobs 2 (aim: ≥ 1.7 on 2 cores).
Rebuild share = no-change rebuild / full build at --jobs 1 (aim: < 5 %).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"échec de {' '.join(command)} :\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def machine_ceiling() -> float:
    """What two cores give here: two identical CPU-bound ffmpeg encodes run one after the
    other, then side by side. Virtual cores often share one physical core: this is the
    best speed-up any --jobs 2 could reach on this machine, measured now."""
    from dictee.audio.io import ffmpeg

    with tempfile.TemporaryDirectory() as tmp:
        command = [ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=300",
                   "-b:a", "64k"]
        start = time.perf_counter()
        for name in ("a", "b"):
            subprocess.run([*command, f"{tmp}/{name}.mp3"], check=True)
        serial = time.perf_counter() - start
        start = time.perf_counter()
        running = [subprocess.Popen([*command, f"{tmp}/p{name}.mp3"]) for name in ("a", "b")]
        for process in running:
            process.wait()
        return serial / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=2)
    parser.add_argument("--sans-pdf", action="store_true", help="kits without PDF")
    args = parser.parse_args()
    dictee = [sys.executable, "-m", "dictee.cli", "edition"]
    extra = ["--sans-pdf"] if args.sans_pdf else []
    serial, parallel, unchanged = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repetitions):
            # Interleaved, so that a busy moment on the machine hurts both alike.
            for jobs, runs in (("1", serial), ("2", parallel)):
                out = Path(tmp) / f"j{jobs}-{i}"
                runs.append(timed([*dictee, "--sortie", str(out), "--jobs", jobs, *extra]))
                unchanged.append(timed([*dictee, "--sortie", str(out), "--jobs", jobs,
                                        *extra]))
                shutil.rmtree(out)
    one, two, again = (statistics.median(r) for r in (serial, parallel, unchanged))
    ceiling = machine_ceiling()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # others' work on the same cores
    kind = "sans PDF" if args.sans_pdf else "avec PDF"
    print(f"édition complète intégrée ({kind}), médiane de {args.repetitions} essai(s), "
          f"{os.cpu_count()} cœurs, charge de la machine à la fin : {load}")
    print(f"  --jobs 1              {one:6.2f} s")
    print(f"  --jobs 2              {two:6.2f} s   accélération {one / two:4.2f} ×")
    print(f"  plafond de la machine (2 encodages ffmpeg côte à côte) : {ceiling:4.2f} × ; "
          f"l'édition en atteint {100 * one / two / ceiling:3.0f} %")
    print(f"  rien de changé        {again:6.2f} s   {100 * again / one:4.1f} % de --jobs 1, "
          f"{100 * again / two:4.1f} % de --jobs 2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
