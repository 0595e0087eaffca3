"""Whole-process timing of anon-policy-diffusion's ``melogit ... i.year || policyno:
std_masssociallib_est, cov(un)`` (the corpus's slowest me line), mlm against lme4's glmer.

usage: python3 bench/bench_me_policy.py [--repeat K] [--mlm-path DIR] [--cases mvagh,laplace,glmer] [--keep DIR]

Data: the corpus's look-alike dataset (``tests/realworld/data``), first half of the years as
split_models.do takes it: 856 rows, 60 groups, 38 fixed effects, a random intercept and slope
with their covariance.  The estimation sample (``logit``'s, which drops the years that predict
failure perfectly just as ``melogit`` does) is written once to a .dta, and every fit reads it:

  mlm mvagh   ``melogit ..., cov(un)`` (Stata's default: 7 points per effect, 49 nodes)
  mlm laplace the same with ``intmethod(laplace)``
  glmer       ``glmer(..., (1 + std_masssociallib_est | policyno), nAGQ = 1)`` (Laplace; glmer
              has no adaptive quadrature for two random effects)

Each is a separate process (``python3 -m mlmcli file.do`` with PYTHONPATH set to the checkout
given, ``Rscript bench/r/glmer_policy.R``), run in turn, under GNU time; the medians of wall and
CPU (user + system) seconds over K runs are printed with the ratio glmer / mlm, and each
program's log likelihood (the two Laplace fits must agree).  The machine is shared: quote one
run's medians, the ratio from the same run.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "tests" / "realworld" / "corpus" / "anon-policy-diffusion" / "split_models.do"


def melogit_line() -> str:
    return next(ln for ln in SPLIT.read_text().splitlines() if ln.startswith("melogit"))


def write_sample(folder: Path, mlm_path: Path) -> Path:
    """The first half's estimation sample as .dta, via ``logit``'s e(sample)."""
    sys.path.insert(0, str(ROOT / "tests" / "realworld" / "data"))
    from registry import path_of
    out = folder / "policy_half1.dta"
    line = melogit_line()
    fixed = line.split("||")[0].replace("melogit", "logit", 1)
    prep = folder / "prep.do"
    prep.write_text("\n".join([
        f'use "{path_of("policy_diffusion")}", clear',
        "summ year, meanonly",
        "local midyear = floor((r(min) + r(max)) / 2)",
        "gen sample_half = cond(year <= `midyear', 1, 2)",
        f"quietly {fixed}",
        "keep if e(sample)",
        f'save "{out}", replace', ""]))
    subprocess.run([sys.executable, "-m", "mlmcli", str(prep)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(mlm_path)})
    return out


def do_file(folder: Path, data: Path, method: str) -> Path:
    line = melogit_line().replace(" if sample_half == 1", "")
    if method == "laplace":
        line += " intmethod(laplace)"
    path = folder / f"policy_{method}.do"
    path.write_text(f'use "{data}", clear\n{line}\n')
    return path


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    gnu_time = shutil.which("time") or "/usr/bin/time"
    run = subprocess.run([gnu_time, "-f", "%e %U %S"] + cmd, capture_output=True, text=True, env=env)
    wall, user, system = map(float, run.stderr.strip().splitlines()[-1].split())
    return wall, user + system, run.stdout


def loglik(text: str) -> str:
    m = re.findall(r"Log likelihood = +(-?[\d.]+)", text) or re.findall(r" ll (-?[\d.]+)", text)
    return m[-1] if m else "?"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mlm-path", type=Path, default=ROOT, help="checkout whose mlmcli is timed")
    ap.add_argument("--cases", default="mvagh,laplace,glmer", help="which of mvagh, laplace, glmer to run")
    ap.add_argument("--keep", type=Path, help="write the data and scripts here and keep them")
    a = ap.parse_args()
    folder = a.keep or Path(tempfile.mkdtemp(prefix="mlm_policy_"))
    folder.mkdir(parents=True, exist_ok=True)
    data = write_sample(folder, a.mlm_path)
    env = {**os.environ, "PYTHONPATH": str(a.mlm_path)}
    chosen = a.cases.split(",")
    cases = {f"mlm {m}": ([sys.executable, "-m", "mlmcli", str(do_file(folder, data, m))], env)
             for m in ("mvagh", "laplace") if m in chosen}
    if "glmer" in chosen and shutil.which("Rscript"):
        cases["glmer nAGQ=1"] = (["Rscript", str(ROOT / "bench" / "r" / "glmer_policy.R"), str(data), "1"],
                                 {**os.environ, "OPENBLAS_NUM_THREADS": "1"})  # one BLAS thread, as mlm
    runs = {k: [] for k in cases}
    lls = {}
    for _ in range(a.repeat):
        for name, (cmd, e) in cases.items():
            wall, cpu, out = timed(cmd, e)
            runs[name].append((wall, cpu))
            lls[name] = loglik(out)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    for name, (wall, cpu) in med.items():
        line = f"{name:13s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  log likelihood {lls[name]}"
        if "glmer nAGQ=1" in med and name.startswith("mlm"):
            g = med["glmer nAGQ=1"]
            line += f"  | glmer/mlm wall {g[0] / wall:.2f}x cpu {g[1] / cpu:.2f}x"
        print(line)
    if a.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
