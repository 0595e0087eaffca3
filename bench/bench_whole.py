"""Whole-process benchmark: mlm (.dta read + fit + print) against R's lme4 on the same file.

usage: python3 bench/bench_whole.py [--cases A,C,B,D,E] [--repeat K] [--datadir /tmp/mlm_bench]
                                    [--no-lme4] [--mlm "python3 -m mlmcli"]

Each case writes one .dta (kept in --datadir, reused when present), then times
    mlm:  `mlm -q file.do` with `use FILE` and the `mixed` command (ML)
    lme4: `Rscript file.R`: haven::read_dta, lmer(REML = FALSE), print(summary())
as separate processes, wall-clock seconds, CPU seconds (user + system) and peak
resident memory (ru_maxrss of the child).  Repeated --repeat times in alternation;
medians and ratios lme4 / mlm are printed, and each log likelihood (lme4's logLik,
mlm's e(ll)).  --r-blas-threads 1 runs R with OPENBLAS_NUM_THREADS=1 (mlm's engine
runs its BLAS on one thread; on a busy machine R's default threads can thrash).

Cases:
  A  1,000,000 rows / 10,000 groups:   mixed y x || g: x, cov(un)       (x | g)
  C  1,000,000 rows / 300,000 groups:  same model
  B  InstEval (exported from lme4 by bench/export_insteval.R):
     mixed y i.service || _all: R.s || _all: R.d                          (1|s) + (1|d)
  D  crossed 50,000 x 2,000 levels, 1,000,000 rows:
     mixed y x || _all: R.a || _all: R.b                                  (1|a) + (1|b)
  E  crossed 100,000 x 30,000 levels, 600,000 rows, b within a window of 40 levels
     around a's position (a sparse Schur complement: beyond the dense limit)
     mixed y x || _all: R.a || _all: R.b                                  (1|a) + (1|b)

Under lme4 R uses the BLAS Debian's R is configured with (libopenblas0-pthread).
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def write_dta(path: str, cols: dict[str, np.ndarray]) -> None:
    import pandas as pd

    pd.DataFrame(cols).to_stata(path, write_index=False, version=118)


def make_slope(path: str, rows: int, groups: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    g = np.sort(rng.integers(0, groups, rows)).astype(np.int32) + 1
    x = rng.normal(size=rows)
    u = rng.normal(size=(groups, 2)) @ np.array([[0.8, 0.0], [0.1, 0.4]])
    y = 1.0 + 0.5 * x + u[g - 1, 0] + u[g - 1, 1] * x + rng.normal(size=rows)
    write_dta(path, {"g": g, "x": x, "y": y})


def make_crossed(path: str, rows: int, na: int, nb: int, window: int = 0, seed: int = 2) -> None:
    """y = 1 + 0.3 x + a + b + e; with ``window`` > 0, the b level of a row lies within
    ``window`` levels of a's position scaled to b's range (a banded design), else anywhere."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, na, rows)
    if window:
        b = (a * nb // na + rng.integers(0, window, rows)) % nb
    else:
        b = rng.integers(0, nb, rows)
    x = rng.normal(size=rows)
    ua, ub = 0.7 * rng.normal(size=na), 0.5 * rng.normal(size=nb)
    y = 1.0 + 0.3 * x + ua[a] + ub[b] + rng.normal(size=rows)
    write_dta(path, {"a": (a + 1).astype(np.int32), "b": (b + 1).astype(np.int32), "x": x, "y": y})


CASES = {
    "A": dict(data=lambda p: make_slope(p, 1_000_000, 10_000),
              stata="mixed y x || g: x, covariance(unstructured)",
              r="y ~ x + (x | g)", factors=["g"]),
    "C": dict(data=lambda p: make_slope(p, 1_000_000, 300_000),
              stata="mixed y x || g: x, covariance(unstructured)",
              r="y ~ x + (x | g)", factors=["g"]),
    "B": dict(data=None, stata="mixed y i.service || _all: R.s || _all: R.d",
              r="y ~ factor(service) + (1 | s) + (1 | d)", factors=["s", "d"]),
    "D": dict(data=lambda p: make_crossed(p, 1_000_000, 50_000, 2_000),
              stata="mixed y x || _all: R.a || _all: R.b",
              r="y ~ x + (1 | a) + (1 | b)", factors=["a", "b"]),
    "E": dict(data=lambda p: make_crossed(p, 600_000, 100_000, 30_000, window=40),
              stata="mixed y x || _all: R.a || _all: R.b",
              r="y ~ x + (1 | a) + (1 | b)", factors=["a", "b"]),
}


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds (user + system), peak RSS MiB, stdout) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=None if env is None else {**os.environ, **env})
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({p.returncode}):\n{out[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, out


def compile_package(mlm: str) -> str:
    """Byte-compile the mlmcli package the mlm command imports (as pip does on install):
    with PYTHONDONTWRITEBYTECODE set, as on the project machine, every run would otherwise
    compile its modules from source again (~0.1 s of CPU).  Returns the package's folder."""
    where = subprocess.run(shlex.split(mlm.replace(" -m mlmcli", "")) + [
        "-c", "import mlmcli, os; print(os.path.dirname(mlmcli.__file__))"],
        capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)
    return where


def mlm_ll(out: str) -> float:
    m = re.search(r"mlm_ll=\s*(\S+)", out)
    return float(m.group(1)) if m else float("nan")


def r_ll(out: str) -> float:
    m = re.search(r"lme4_ll=(\S+)", out)
    return float(m.group(1)) if m else float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="A,C,B,D,E")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--datadir", default="/tmp/mlm_bench")
    ap.add_argument("--no-lme4", action="store_true")
    ap.add_argument("--mlm", default=f"{sys.executable} -m mlmcli")
    ap.add_argument("--r-blas-threads", type=int, default=0,
                    help="OPENBLAS_NUM_THREADS for R (0: R's default, all cores)")
    a = ap.parse_args(argv)
    os.makedirs(a.datadir, exist_ok=True)
    env_note = os.environ.get("PYTHONPATH", "")
    print(f"mlm = {a.mlm}  (PYTHONPATH={env_note or '-'}; byte-compiled: {compile_package(a.mlm)})")
    rows = []
    for name in a.cases.split(","):
        case = CASES[name]
        dta = os.path.join(a.datadir, f"{name}.dta")
        if not os.path.exists(dta):
            if case["data"] is None:
                subprocess.run(["Rscript", os.path.join(HERE, "export_insteval.R"), dta], check=True)
            else:
                case["data"](dta)
        do = os.path.join(a.datadir, f"{name}.do")
        with open(do, "w") as fh:
            fh.write(f"use {dta}, clear\n{case['stata']}\ndisplay \"mlm_ll=\" %20.0g e(ll)\n")
        rfile = os.path.join(a.datadir, f"{name}.R")
        conv = "".join(f"d${f} <- factor(d${f}); " for f in case["factors"])
        with open(rfile, "w") as fh:
            fh.write("suppressMessages({library(haven); library(lme4)})\n"
                     f"d <- as.data.frame(read_dta('{dta}')); {conv}\n"
                     f"m <- lmer({case['r']}, d, REML = FALSE)\n"
                     "print(summary(m))\n"
                     "cat(sprintf('lme4_ll=%.10f\\n', as.numeric(logLik(m))))\n")
        mt, mc, mm, rt, rc, rm = [], [], [], [], [], []
        ll_m = ll_r = float("nan")
        r_env = {"OPENBLAS_NUM_THREADS": str(a.r_blas_threads)} if a.r_blas_threads else None
        for _ in range(a.repeat):
            w, c, mem, out = run_measured(shlex.split(a.mlm) + ["-q", do])
            mt.append(w), mc.append(c), mm.append(mem)
            ll_m = mlm_ll(out)
            if not a.no_lme4:
                w, c, mem, out = run_measured(["Rscript", rfile], r_env)
                rt.append(w), rc.append(c), rm.append(mem)
                ll_r = r_ll(out)
        med = statistics.median
        row = dict(case=name, mlm_s=med(mt), mlm_cpu=med(mc), mlm_mib=max(mm), ll_mlm=ll_m)
        if rt:
            row.update(lme4_s=med(rt), lme4_cpu=med(rc), lme4_mib=max(rm), ll_lme4=ll_r,
                       speed=med(rt) / med(mt), speed_cpu=med(rc) / med(mc), mem=max(mm) / max(rm))
        rows.append(row)
        print(f"{name}: mlm {row['mlm_s']:.2f} s wall (runs {', '.join(f'{t:.2f}' for t in mt)}), "
              f"{row['mlm_cpu']:.2f} s CPU, {row['mlm_mib']:.0f} MiB, ll {ll_m:.6f}", end="")
        if rt:
            print(f" | lme4 {row['lme4_s']:.2f} s wall (runs {', '.join(f'{t:.2f}' for t in rt)}), "
                  f"{row['lme4_cpu']:.2f} s CPU, {row['lme4_mib']:.0f} MiB, ll {ll_r:.6f} | "
                  f"speed {row['speed']:.1f}x wall, {row['speed_cpu']:.1f}x CPU, "
                  f"memory {row['mem']:.2f} of lme4's", end="")
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
