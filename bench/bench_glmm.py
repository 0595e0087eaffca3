"""Whole-process timing of a random-intercept logit: mlmcli's GLMM engine vs lme4's glmer.

usage: python3 bench/bench_glmm.py [--rows N] [--groups G] [--repeat K] [--r-repeat K]
                                   [--methods laplace,mvaghermite] [--no-lme4] [--keep DIR]

Model: y ~ Bernoulli(invlogit(-0.5 + 0.7 x1 - 0.4 x2 + u_g)), u_g ~ N(0, 0.8^2),
x1 ~ N(0, 1), x2 ~ Bernoulli(0.4), N rows in G equal groups (default 1,000,000 / 10,000).

Each fit is a separate process started from the shell: read the CSV, fit with standard
errors, print the estimates -- for mlmcli the do-file a user would run with ``mlm``
(``use`` of the data saved as .dta, then the command; ``--csv`` reads the CSV with
``import delimited`` instead, whose pure-Python reader then dominates; ``--engine`` times
the engine alone on a pandas read), for R ``haven::read_dta`` (``read.csv`` with
``--csv``) + ``glmer``.  ``melogit y x1 x2 || g:, intmethod(laplace)``
is compared with ``glmer(..., nAGQ = 1)`` and the default 7-point ``melogit`` (mean-variance
adaptive quadrature) with ``glmer(..., nAGQ = 7)`` (mode-curvature adaptive, 7 points).
Wall time, CPU time (user + system) and peak resident memory come from GNU time; the two programs' runs
alternate, and medians over the repeats are reported with the ratio glmer / mlmcli.
The machine is shared: quote medians from one run.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def simulate(rows: int, groups: int, seed: int = 20261201):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), rows // groups)
    g = np.concatenate([g, rng.integers(1, groups + 1, rows - len(g))])
    x1 = rng.normal(size=rows)
    x2 = rng.binomial(1, 0.4, rows)
    u = rng.normal(0, 0.8, groups + 1)
    eta = -0.5 + 0.7 * x1 - 0.4 * x2 + u[g]
    y = (rng.random(rows) < 1 / (1 + np.exp(-eta))).astype(int)
    return g, x1, x2, y


def worker(csv: str, method: str) -> None:
    """One whole fit, as a user's process would do it (read, fit with SEs, print)."""
    t0 = time.perf_counter()
    import pandas as pd

    sys.path.insert(0, ROOT)
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.glmm.fit import fit_glmm
    from mlmcli.glmm.spec import GLMMSpec
    from mlmcli.mixed.spec import CoefLabel, RandomTerm

    d = pd.read_csv(csv)
    n = len(d)
    _, g = np.unique(d["g"].to_numpy(), return_inverse=True)
    X = np.column_stack([d["x1"].to_numpy(float), d["x2"].to_numpy(float), np.ones(n)])
    fixed = GLMSpec("y", d["y"].to_numpy(float), X, (CoefLabel("x1"), CoefLabel("x2"), CoefLabel("_cons")))
    term = RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", int(g.max()) + 1)
    t1 = time.perf_counter()
    fit = fit_glmm(GLMMSpec(fixed, (term,), method, 7))
    r = fit.result()
    t2 = time.perf_counter()
    print(f"method {method} read {t1 - t0:.2f} fit {t2 - t1:.2f} ll {fit.loglik:.6f} converged {fit.converged}")
    print("beta", " ".join(f"{row.coef:.10g}" for row in r.fixed))
    print("se", " ".join(f"{row.se:.6g}" for row in r.fixed))
    print("sd", f"{np.sqrt(r.random['variance'][0].rows[0].estimate):.10g}")


def do_file(tmp: str, csv: str, method: str, from_csv: bool) -> str:
    """The do-file a user would run: read the data, fit (the table prints the estimates)."""
    path = os.path.join(tmp, f"fit_{method}.do")
    read = f'import delimited "{csv}", clear' if from_csv else f'use "{csv[:-4]}.dta", clear'
    with open(path, "w") as fh:
        fh.write(f'{read}\nmelogit y x1 x2 || g:, intmethod({method}) nolog\n')
    return path


def timed(cmd: list[str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS MiB, stdout, CPU seconds user + system) of a whole process."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    t = time.perf_counter()
    out = subprocess.run([gnu_time, "-f", "%M %U %S"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    rss_kb, user, system = (float(v) for v in out.stderr.strip().splitlines()[-1].split())
    return wall, rss_kb / 1024, out.stdout, user + system


def ll_of(stdout: str) -> float:
    m = re.search(r"(?:ll|Log likelihood =) (-?[0-9.]+)", stdout)
    return float(m.group(1)) if m else float("nan")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--groups", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--r-repeat", type=int, default=None)
    ap.add_argument("--methods", default="laplace,mvaghermite")
    ap.add_argument("--no-lme4", action="store_true")
    ap.add_argument("--only", choices=("mlm", "lme4"), default=None,
                    help="time one program only (e.g. glmer started early in the background; compare by hand)")
    ap.add_argument("--engine", action="store_true", help="time the engine on a pandas read, not mlm")
    ap.add_argument("--csv", action="store_true", help="mlm reads the CSV (import delimited), not a .dta")
    ap.add_argument("--keep", default=None, help="directory for the CSV (default: a temporary one)")
    ap.add_argument("--worker", nargs=2, metavar=("CSV", "METHOD"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        worker(*a.worker)
        return
    r_repeat = a.repeat if a.r_repeat is None else a.r_repeat
    tmp = a.keep or tempfile.mkdtemp(prefix="bench_glmm_")
    os.makedirs(tmp, exist_ok=True)
    csv = os.path.join(tmp, f"logit_{a.rows}_{a.groups}.csv")
    if not os.path.exists(csv):
        import pandas as pd

        g, x1, x2, y = simulate(a.rows, a.groups)
        pd.DataFrame({"y": y, "x1": x1, "x2": x2, "g": g}).to_csv(csv, index=False)
    dta = csv[:-4] + ".dta"
    if not a.csv and not os.path.exists(dta):  # the same data as a .dta, read by both programs
        import pandas as pd

        sys.path.insert(0, ROOT)
        from mlmcli.dataset import Dataset
        from mlmcli.dta import write_dta
        write_dta(Dataset(df=pd.read_csv(csv)), dta)
    print(f"random-intercept logit, {a.rows:,} rows / {a.groups:,} groups ({os.path.getsize(csv) / 2**20:.0f} MiB CSV)")
    has_r = not a.no_lme4 and a.only != "mlm" and shutil.which("Rscript") is not None
    n_ours = 0 if a.only == "lme4" else a.repeat
    for method in a.methods.split(","):
        nagq = 1 if method == "laplace" else 7
        ours_cmd = ([sys.executable, os.path.abspath(__file__), "--worker", csv, method] if a.engine else
                    ["env", f"PYTHONPATH={ROOT}", sys.executable, "-m", "mlmcli", do_file(tmp, csv, method, a.csv)])
        # both programs read the same file: the .dta (haven::read_dta in R), or with --csv the CSV
        r_cmd = ["Rscript", os.path.join(HERE, "r", "glmer_fit.R"), csv if a.csv else csv[:-4] + ".dta", str(nagq)]
        ours, rs = [], []
        # alternate the two programs so that both see the same (shared, changing) machine load
        for i in range(max(n_ours, r_repeat if has_r else 0)):
            if i < n_ours:
                ours.append(timed(ours_cmd))
            if has_r and i < r_repeat:
                rs.append(timed(r_cmd))
        print(f"\nmelogit ..., intmethod({method}) [7 points]" if method != "laplace" else
              "\nmelogit ..., intmethod(laplace)", flush=True)
        if ours:
            t_ours = statistics.median(o[0] for o in ours)
            c_ours = statistics.median(o[3] for o in ours)
            print(f"  mlmcli  median {t_ours:7.1f} s  (runs {', '.join(f'{o[0]:.1f}' for o in ours)})  CPU {c_ours:.1f} s"
                  f"  peak RSS {max(o[1] for o in ours):.0f} MiB  ll {ll_of(ours[0][2]):.6f}")
            print("   ", "\n    ".join(ln for ln in ours[0][2].strip().split("\n") if "|" in ln or "Log" in ln))
        if has_r:
            t_r = statistics.median(o[0] for o in rs)
            c_r = statistics.median(o[3] for o in rs)
            print(f"  glmer nAGQ={nagq} median {t_r:7.1f} s  (runs {', '.join(f'{o[0]:.1f}' for o in rs)})"
                  f"  CPU {c_r:.1f} s  peak RSS {max(o[1] for o in rs):.0f} MiB  ll {ll_of(rs[0][2]):.6f}")
            print("   ", rs[0][2].strip().replace("\n", "\n    "))
            if ours:
                print(f"  ratio glmer / mlmcli: {t_r / t_ours:.1f}x wall, {c_r / c_ours:.1f}x CPU")


if __name__ == "__main__":
    main()
