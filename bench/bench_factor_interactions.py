"""Large factor interactions (``i.a#i.b``): regress, logit, mixed and xtreg, fe on a 40x40,
an 80x80 and a 150x40 interaction -- the designs of i.country#i.year or i.school#i.grade.

    python3 bench/bench_factor_interactions.py [--dir DIR] [--cases regress_80x80,...]
        [--profile] [--top N] [--write-only]

Writes one .dta per size and one do-file per case into DIR (default a temporary directory;
give one to time the do-files from outside: ``/usr/bin/time -v python3 -m mlmcli DIR/CASE.do``),
then runs each case in this process and prints its wall time, the time inside the collinearity
check (``collinear_columns``) and its share; ``--profile`` prints cProfile's --top functions by
cumulative time as well.  Cells are drawn uniformly, so a sparse interaction has empty cells
(left out before the check) and cells with one observation.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as mlm's command line sets it, before numpy loads BLAS

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SIZES = {"40x40": (40, 40, 3000), "80x80": (80, 80, 3000), "150x40": (150, 40, 12000)}
COMMANDS = {
    "regress": "regress y i.a#i.b",
    "logit": "logit yb i.a#i.b",
    "mixed": "mixed y i.a#i.b || g:",
    "xtreg": "xtset g\nxtreg y i.a#i.b, fe",
}


def make_data(levels_a: int, levels_b: int, n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(1, levels_a + 1, n), rng.integers(1, levels_b + 1, n)
    g = rng.integers(1, 101, n)
    eta = 0.02 * a - 0.03 * b + 0.3 * rng.normal(size=101)[g]
    y = eta + rng.normal(size=n)
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    return pd.DataFrame({"y": y, "yb": yb, "a": a.astype(float), "b": b.astype(float), "g": g.astype(float)})


def write_cases(directory: str, cases: list[str]) -> dict[str, str]:
    """The do-file of each case (``<command>_<size>.do``), its data written once per size."""
    paths = {}
    for case in cases:
        command, size = case.split("_")
        data = os.path.join(directory, f"interaction_{size}.dta")
        if not os.path.exists(data):
            make_data(*SIZES[size]).to_stata(data, write_index=False)
        path = os.path.join(directory, f"{case}.do")
        with open(path, "w") as fh:
            fh.write(f'use "{data}", clear\nquietly {COMMANDS[command]}\n'.replace("\nxtreg", "\nquietly xtreg"))
        paths[case] = path
    return paths


def run_case(path: str, profile: bool, top: int) -> tuple[float, float]:
    """Wall seconds of the do-file in this process and the seconds inside the collinearity check."""
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    runner = Runner(Session(out=Output(io.StringIO())))
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    rc = runner.run_text(open(path).read())
    prof.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(prof)
    check = sum(v[3] for k, v in stats.stats.items()
                if k[0].endswith("collinear_columns.py") and k[2] in ("independent_candidates", "independent_columns")
                and not any(c[0].endswith("collinear_columns.py") for c in v[4]))
    if rc != 0:
        print(f"  {os.path.basename(path)}: return code {rc}")
    if profile:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
        print(out.getvalue())
    return wall, check


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir")
    ap.add_argument("--cases", default=",".join(f"{c}_{s}" for c in COMMANDS for s in SIZES))
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--write-only", action="store_true")
    args = ap.parse_args()
    directory = args.dir or tempfile.mkdtemp(prefix="interactions_")
    os.makedirs(directory, exist_ok=True)
    paths = write_cases(directory, args.cases.split(","))
    print(f"do-files in {directory}")
    if args.write_only:
        return
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session
    Runner(Session(out=Output(io.StringIO()))).run_text("clear")  # imports outside the timings
    print(f"{'case':16} {'wall s':>8} {'check s':>8} {'share':>6}")
    for case, path in paths.items():
        wall, check = run_case(path, args.profile, args.top)
        print(f"{case:16} {wall:8.2f} {check:8.2f} {check / wall:6.0%}", flush=True)


if __name__ == "__main__":
    main()
