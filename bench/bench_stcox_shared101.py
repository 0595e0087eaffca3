"""stcox with gamma shared frailty (``stcox x1 x2, shared(id)``) on generated data, this tree
against an earlier one (branch st101: the frailty likelihood's group blocks from per-group sums
instead of an observations x groups one-hot matrix).

    python3 bench/bench_stcox_shared101.py [--dir DIR] [--sizes 20000:400,5000:100]
                                           [--old OLD_TREE] [--repeat K] [--efron]

writes DIR/stcox_shared_<n>_<G>.csv (n records in G groups, gamma frailty of variance .5,
x1 normal, x2 Bernoulli(.4), exponential times rounded to 4 decimals, ~40% censored) and a
do-file per size, then runs each do-file K times in a whole ``python3 -m mlmcli`` process of
this tree (and of OLD_TREE, e.g. a ``git worktree add --detach`` of the commit before), from
DIR so that ``-m`` does not put a checkout first on sys.path, and prints each run's CPU
seconds (the child's user + system) and whether the two trees printed the same bytes.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent.parent


def write_data(directory: Path, n: int, G: int, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    g = rng.integers(0, G, n)
    u = rng.gamma(2.0, 0.5, G)  # frailty variance .5
    x1, x2 = rng.normal(size=n), rng.binomial(1, 0.4, n)
    t = rng.exponential(1 / (u[g] * np.exp(0.5 * x1 - 0.3 * x2)))
    c = rng.exponential(2.0, n)
    path = directory / f"stcox_shared_{n}_{G}.csv"
    pd.DataFrame({"id": g + 1, "x1": x1, "x2": x2, "time": np.round(np.minimum(t, c), 4),
                  "fail": (t <= c).astype(int)}).to_csv(path, index=False)
    return path


def run(tree: Path, do_file: Path, directory: Path) -> tuple[float, float, bytes]:
    """CPU and wall seconds of one whole mlm process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "mlmcli", "-q", str(do_file)], cwd=directory, capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(tree)}).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/bench_stcox_shared101")
    ap.add_argument("--sizes", default="20000:400,5000:100")
    ap.add_argument("--old", help="an earlier tree (a detached worktree) to run too")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--efron", action="store_true")
    args = ap.parse_args()
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        n, G = (int(v) for v in size.split(":"))
        data = write_data(directory, n, G)
        do_file = directory / f"stcox_shared_{n}_{G}{'_efron' if args.efron else ''}.do"
        do_file.write_text(f"import delimited {data}, clear\nstset time, failure(fail)\n"
                           f"stcox x1 x2, shared(id){' efron' if args.efron else ''}\n")
        trees = [("new", HERE)] + ([("old", Path(args.old).resolve())] if args.old else [])
        printed = {}
        for k in range(args.repeat):
            for name, tree in trees:
                cpu, wall, printed[name] = run(tree, do_file, directory)
                print(f"{do_file.name} {name} run {k + 1}: cpu {cpu:.2f} s, wall {wall:.2f} s", flush=True)
        if args.old:
            print(f"{do_file.name}: outputs {'identical' if printed['new'] == printed['old'] else 'DIFFER'}")


if __name__ == "__main__":
    main()
