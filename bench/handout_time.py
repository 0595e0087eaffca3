"""Wall time of `mlm samples/handout.do` (goal: under 15 s).

Runs the handout script through the CLI (``python -m mlmcli``) from a scratch
folder that sees the project's ``samples/`` as ``./samples`` (so statsby's
``ols_educ.dta`` lands there), a few times, and reports the best and median
wall time (and the CPU time, which a loaded machine disturbs less).

    python3 bench/handout_time.py [--repeat N] [--script samples/hsb.do]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 15.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(script: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time and CPU time (user + system) of one run."""
    with tempfile.TemporaryDirectory(prefix="mlm-handout-") as scratch:
        (Path(scratch) / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        cpu0, start = _children_cpu(), time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "mlmcli", script], cwd=scratch,
                             capture_output=True, text=True, env=env)
        return time.perf_counter() - start, _children_cpu() - cpu0, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--script", default="samples/handout.do")
    args = parser.parse_args(argv)

    times = []
    for i in range(args.repeat):
        seconds, cpu, run = run_once(args.script)
        status = "ok" if run.returncode == 0 else f"exit {run.returncode}"
        print(f"run {i + 1}: {seconds:6.2f} s wall, {cpu:6.2f} s CPU  ({status})")
        if run.returncode != 0:
            tail = run.stdout[-1500:] + run.stderr[-1500:]
            print("the script did not finish; last output:\n" + tail)
            return 1
        times.append(seconds)
    best, median = min(times), statistics.median(times)
    verdict = "within" if best < GOAL_SECONDS else "OVER"
    print(f"{args.script}: best {best:.2f} s, median {median:.2f} s "
          f"({verdict} the {GOAL_SECONDS:.0f} s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
