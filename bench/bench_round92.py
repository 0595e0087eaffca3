"""Round 92's measurements (docs/speed_round92.md): CPU seconds of the slow lines on the command
fuzz's data, and the two pieces the round made cheaper (a number's display format, an evaluation
of a gmm/menl mean expression), for the checkout this script lives in.

    python3 bench/bench_round92.py [--only nbreg,streg] [--micro-only]

Compare two checkouts by running each one's copy (or the same file with PYTHONPATH at each);
whole processes: `mlm` on do-files that load the same data (see the doc).
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SETUP = ("generate z1 = sin(_n)", "generate z2 = cos(_n * 3)", "generate cr = mod(_n, 3)")
LINES = {
    "nbreg": ((), "nbreg c x1 i.f, nrtolerance(0)"),
    "streg": (("stset t2, failure(cr == 1)",), "streg x1 i.f, distribution(weibull) nrtolerance(0)"),
    "rologit_few": ((), 'rologit b x1 i.f if s == "a", group(g) nrtolerance(0)'),
    "gmm_igmm": ((), "gmm (y - {xb: x1 x2 _cons}), instruments(x1 z1 z2) igmm igmmiterate(400) igmmeps(0) "
                     "igmmweps(0)"),
}


def micro() -> None:
    import numpy as np

    from fuzz_command_data import fresh_session
    from mlmcli.commands.estimation.menl import mean_function
    from mlmcli.render.numfmt import format_number

    session = fresh_session("full")
    mean = mean_function(session, "y - (__gmm_0*x1 + __gmm_1*x2 + __gmm_2)", np.arange(8),
                         {"a": "__gmm_0", "b": "__gmm_1", "c": "__gmm_2"})
    inputs = {k: np.full(8, v) for k, v in zip("abc", (0.1, 0.2, 0.3))}
    start = time.process_time()
    for _ in range(20000):
        mean(inputs)
    print(f"mean expression, 8 rows   {(time.process_time() - start) / 20000 * 1e6:8.1f} us an evaluation")
    start = time.process_time()
    for i in range(30000):
        format_number(-123.456789 * i, "%10.0g")
    print(f"format_number %10.0g      {(time.process_time() - start) / 30000 * 1e6:8.2f} us a number")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--micro-only", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    micro()
    if args.micro_only:
        return
    from fuzz_command_data import run_line_fresh

    only = set(filter(None, args.only.split(",")))
    for name, (setup, line) in LINES.items():
        if only and name not in only:
            continue
        rc, printed, seconds = run_line_fresh("full", SETUP + setup, line)
        print(f"{name:12s} {seconds:8.2f} s  rc={rc:<4d} {printed.count(chr(10)):7d} lines  {line}", flush=True)


if __name__ == "__main__":
    main()
