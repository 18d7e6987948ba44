"""signals.py: a worker's stop handler, run again by a second signal at any point of the
first run, still stops it (it once waited for ever on a lock the first run held)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Runs the handler of a busy worker (signals._parent_gone) with a second SIGTERM
# delivered at its `target`-th line (counting the lines of everything it calls), as the
# kernel's and the watchdog's can arrive one inside the other. Prints how many lines a
# run has, then « stopped » or « hung ».
SCENARIO = textwrap.dedent("""
    import signal, sys, threading
    from dictee import signals

    target = int(sys.argv[1])
    signals._busy = 1
    lines = 0

    def tracer(frame, event, arg):
        global lines
        if event == "line":
            lines += 1
            if lines == target:  # a second signal, delivered here
                signals._parent_gone(signal.SIGTERM, None)
        return tracer

    result = []

    def first():
        sys.settrace(tracer)
        try:
            signals._parent_gone(signal.SIGTERM, None)
        except signals.ParentGone:
            result.append("stopped")
        finally:
            sys.settrace(None)

    thread = threading.Thread(target=first, daemon=True)
    thread.start()
    thread.join(5)
    print(lines, result[0] if result else "hung", flush=True)
""")


def _run(target: int) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", SCENARIO, str(target)], capture_output=True,
                          text=True, timeout=60, check=True)
    lines, outcome = done.stdout.split()
    return int(lines), outcome


def test_a_second_stop_signal_during_the_handler_never_hangs_the_worker():
    lines, outcome = _run(0)  # no second signal: how many lines the handler runs
    assert outcome == "stopped" and lines >= 2
    hung = [target for target in range(1, lines + 1) if _run(target)[1] != "stopped"]
    assert not hung, f"the worker hangs when the second signal comes at lines {hung}"
