"""Time the fits that can never converge: nrtolerance(0) (g'(-H)^-1 g < 0 never holds) makes
ml run all of iterate()'s steps (16,000 by default) and end "convergence not achieved" r(430)
(docs/command_fuzz.md, round 9's leftovers; docs/nonconverging_fits.md has the results).
Each line runs on the command fuzz's data (tests/fuzz_command_data.py), in a fresh session,
the CPU time of the line alone; the rc and the number of "Iteration" lines are printed too.

    python3 bench/bench_nonconverging.py [--iterate N] [--only nbreg,ologit] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FEW = 'if s == "a"'  # 8 of the 40 observations (the round-9 tolerance loop's few-observation run)
# (name, shape, setup, line without options)
LINES = [
    ("nbreg", "longnames", (), f"nbreg c x1 i.f {FEW}"),
    ("ologit", "full", (), "ologit o x1 i.f"),
    ("oprobit", "full", (), "oprobit o x1 i.f"),
    ("mprobit", "full", (), "mprobit o x1 i.f"),
    ("slogit", "full", (), "slogit o x1 i.f"),
    ("tobit", "full", (), "tobit y x1 i.f, ll(0)"),
    ("streg", "full", ("generate cr = mod(_n, 3)", "stset t2, failure(cr == 1)"),
     "streg x1 i.f, distribution(weibull)"),
    ("rologit", "full", (), "rologit b x1 i.f, group(g)"),
    ("ivpoisson", "full", ("generate pos = t2 + 1",), "ivpoisson gmm c x1 (x2 = t2 pos)"),
    ("nbreg_all", "full", (), "nbreg c x1 i.f"),
]
# the same fits on the few observations (the separations and plateaus of round 9)
LINES += [(f"{name}_few", "longnames", setup, line.replace(",", f" {FEW},", 1) if "," in line else f"{line} {FEW}")
          for name, _, setup, line in LINES[1:8]]


def _with(line: str, options: str) -> str:
    return f"{line}{' ' if ',' in line else ', '}{options}"


def run_line(shape: str, setup: tuple, line: str) -> tuple[float, int, str]:
    from fuzz_command_data import run_line_fresh

    rc, printed, seconds = run_line_fresh(shape, setup, line)
    return seconds, rc, printed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterate", type=int, default=None, help="iterate() (default: Stata's 16,000)")
    parser.add_argument("--only", default="")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    options = "nrtolerance(0)" + (f" iterate({args.iterate})" if args.iterate is not None else "")
    results = {}
    for name, shape, setup, line in LINES:
        if only and name not in only:
            continue
        # ivpoisson's GMM has no nrtolerance(): its slow case is the default fit itself
        full = line if name == "ivpoisson" else _with(line, options)
        seconds, rc, printed = run_line(shape, setup, full)
        steps = len(re.findall(r"^Iteration \d+:", printed, re.M))
        results[name] = {"line": full, "shape": shape, "seconds": round(seconds, 2), "rc": rc, "iterations": steps}
        print(f"{name:10s} {seconds:8.2f} s  rc={rc:<4d} {steps:6d} iteration lines  [{shape}] {full}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
