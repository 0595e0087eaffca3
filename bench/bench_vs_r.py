"""mixed and the me commands against R (lme4's lmer/glmer, glmmTMB, ordinal::clmm), pair by pair.

usage: python3 bench/bench_vs_r.py [--cases NAME,...] [--sizes 1000,10000,100000] [--repeat K]
                                   [--dir /tmp/mlm_vs_r] [--write-only] [--list]

Each case writes its data once to a .dta under --dir (reused when present), a do-file for mlm
and an R script per peer; then the two programs run in turn (mlm, peer, mlm, peer, ...), each a
whole process, and the table gives per program the median of K runs of
- the fit alone, measured inside the process (mlm: ``timer on/off`` around the command, wall
  seconds; R: ``system.time`` around the fit, elapsed and user + system seconds),
- the whole process (wall and CPU seconds of the child, from ``wait4``),
- the log likelihood each printed (the same model must give the same optimum),
and the ratio peer / mlm of the fit times (above 1: mlm is faster).  With --write-only the
files are written and the commands printed, for timing them with another tool.

Data (seed fixed): rows split evenly over groups of 10 (two-level) or schools of 50 holding
classes of 10 (three-level); x1 ~ N(0, 1), x2 ~ Bernoulli(0.4); random intercepts with SD 0.8
(group / school) and 0.5 (class), a random slope of x1 with SD 0.3 (linear models).
Outcomes: y (normal, linear models), yb (Bernoulli logit), yc (Poisson log), yo (4 ordered
categories, logit cutpoints -1, 0.3, 1.5).
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_whole import run_measured, write_dta  # noqa: E402  (same timing as bench_whole)

R_HEAD = ("suppressMessages({library(lme4); library(glmmTMB); library(ordinal)})\n"
          "d <- as.data.frame(haven::read_dta(commandArgs(trailingOnly = TRUE)[1]))\n"
          "for (f in c('g', 'school', 'cls', 'a', 'b')) if (!is.null(d[[f]])) d[[f]] <- factor(d[[f]])\n"
          "if (!is.null(d$yo)) d$yo <- factor(d$yo, ordered = TRUE)\n")

# name: (data kind, mlm command, {peer: R fit expression}); sizes come from --sizes unless fixed.
CASES = {
    # linear mixed models (ML) against lmer
    "lmm_ri": ("two", "mixed y x1 x2 || g:",
               {"lmer": "lmer(y ~ x1 + x2 + (1 | g), d, REML = FALSE)"}),
    "lmm_rs": ("two", "mixed y x1 x2 || g: x1, cov(un)",
               {"lmer": "lmer(y ~ x1 + x2 + (1 + x1 | g), d, REML = FALSE)"}),
    "lmm_3l": ("three", "mixed y x1 x2 || school: || cls:",
               {"lmer": "lmer(y ~ x1 + x2 + (1 | school) + (1 | school:cls), d, REML = FALSE)"}),
    "lmm_crossed": ("crossed", "mixed y x1 || _all: R.a || _all: R.b",
                    {"lmer": "lmer(y ~ x1 + (1 | a) + (1 | b), d, REML = FALSE)"}),
    # the me commands
    "logit2_laplace": ("two", "melogit yb x1 x2 || g:, intmethod(laplace)",
                       {"glmer1": "glmer(yb ~ x1 + x2 + (1 | g), d, binomial, nAGQ = 1)",
                        "glmmTMB": "glmmTMB(yb ~ x1 + x2 + (1 | g), d, binomial)"}),
    "logit2_mvagh7": ("two", "melogit yb x1 x2 || g:",
                      {"glmer7": "glmer(yb ~ x1 + x2 + (1 | g), d, binomial, nAGQ = 7)"}),
    "pois2_laplace": ("two", "mepoisson yc x1 x2 || g:, intmethod(laplace)",
                      {"glmer1": "glmer(yc ~ x1 + x2 + (1 | g), d, poisson, nAGQ = 1)",
                       "glmmTMB": "glmmTMB(yc ~ x1 + x2 + (1 | g), d, poisson)"}),
    "pois2_mvagh7": ("two", "mepoisson yc x1 x2 || g:",
                     {"glmer7": "glmer(yc ~ x1 + x2 + (1 | g), d, poisson, nAGQ = 7)"}),
    "ologit2_laplace": ("two", "meologit yo x1 x2 || g:, intmethod(laplace)",
                        {"clmm1": "clmm(yo ~ x1 + x2 + (1 | g), data = d, nAGQ = 1)"}),
    "ologit2_mvagh7": ("two", "meologit yo x1 x2 || g:",
                       {"clmm7": "clmm(yo ~ x1 + x2 + (1 | g), data = d, nAGQ = 7)"}),
    "logit3_laplace": ("three", "melogit yb x1 x2 || school: || cls:, intmethod(laplace)",
                       {"glmer1": "glmer(yb ~ x1 + x2 + (1 | school) + (1 | school:cls), d, binomial)",
                        "glmmTMB": "glmmTMB(yb ~ x1 + x2 + (1 | school) + (1 | school:cls), d, binomial)"}),
    "logit3_mvagh7": ("three", "melogit yb x1 x2 || school: || cls:", {}),  # glmer: nAGQ > 1 needs one effect
    "pois3_laplace": ("three", "mepoisson yc x1 x2 || school: || cls:, intmethod(laplace)",
                      {"glmer1": "glmer(yc ~ x1 + x2 + (1 | school) + (1 | school:cls), d, poisson)",
                       "glmmTMB": "glmmTMB(yc ~ x1 + x2 + (1 | school) + (1 | school:cls), d, poisson)"}),
    "pois3_mvagh7": ("three", "mepoisson yc x1 x2 || school: || cls:", {}),
}


def make_data(kind: str, rows: int, seed: int = 20261206) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=rows), rng.binomial(1, 0.4, rows).astype(np.int8)
    cols: dict[str, np.ndarray] = {}
    if kind == "two":
        g = np.arange(rows) // 10
        u = rng.normal(0, 0.8, g[-1] + 1)[g]
        slope = rng.normal(0, 0.3, g[-1] + 1)[g]
        cols["g"] = (g + 1).astype(np.int32)
    elif kind == "three":
        school, klass = np.arange(rows) // 50, np.arange(rows) // 10
        u = rng.normal(0, 0.8, school[-1] + 1)[school] + rng.normal(0, 0.5, klass[-1] + 1)[klass]
        slope = np.zeros(rows)
        cols["school"] = (school + 1).astype(np.int32)
        cols["cls"] = (klass % 5 + 1).astype(np.int8)  # numbered within school, as in a survey
    else:  # crossed: a with rows/20 levels, b with rows/50 levels, drawn independently
        a, b = rng.integers(0, max(rows // 20, 2), rows), rng.integers(0, max(rows // 50, 2), rows)
        u = rng.normal(0, 0.7, a.max() + 1)[a] + rng.normal(0, 0.5, b.max() + 1)[b]
        slope = np.zeros(rows)
        cols["a"], cols["b"] = (a + 1).astype(np.int32), (b + 1).astype(np.int32)
    eta = -0.5 + 0.7 * x1 - 0.4 * x2 + u
    cols.update(x1=x1, x2=x2, y=1.0 + 0.5 * x1 - 0.4 * x2 + u + slope * x1 + rng.normal(size=rows),
                yb=(rng.random(rows) < 1 / (1 + np.exp(-eta))).astype(np.int8),
                yc=rng.poisson(np.exp(0.2 * eta)).astype(np.int16))
    latent = eta + rng.logistic(size=rows)
    cols["yo"] = (1 + (latent > -1) + (latent > 0.3) + (latent > 1.5)).astype(np.int8)
    return cols


def write_case(directory: str, name: str, rows: int) -> tuple[str, str, dict[str, str]]:
    """The .dta (shared by the cases of one data kind and size), the do-file and R scripts."""
    kind, command, peers = CASES[name]
    dta = os.path.join(directory, f"{kind}_{rows}.dta")
    if not os.path.exists(dta):
        write_dta(dta, make_data(kind, rows))
    do = os.path.join(directory, f"{name}_{rows}.do")
    with open(do, "w") as fh:
        fh.write(f"use {dta}, clear\ntimer clear\ntimer on 1\n{command}\ntimer off 1\n"
                 "display \"mlm_ll=\" %20.0g e(ll)\ntimer list 1\n")
    scripts = {}
    for peer, fit in peers.items():
        scripts[peer] = os.path.join(directory, f"{name}_{peer}.R")
        with open(scripts[peer], "w") as fh:
            fh.write(R_HEAD + f"t <- system.time(m <- {fit})\n"
                     "cat(sprintf('r_fit=%.3f r_cpu=%.3f r_ll=%.8f\\n', t[['elapsed']], "
                     "t[['user.self']] + t[['sys.self']], as.numeric(logLik(m))))\n")
    return dta, do, scripts


def parse(out: str, pattern: str) -> float:
    m = re.search(pattern, out)
    return float(m.group(1)) if m else float("nan")


def fit_in_process(dta: str, command: str, repeat: int) -> None:
    """Print the CPU seconds of the first fit (with its lazy imports) and the median of the
    later ones (the engine alone), measured in this process with time.process_time."""
    import io
    import time

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    runner = Runner(Session(out=Output(stream=io.StringIO())))
    runner.run_command(f"use {dta}, clear")
    cpu = []
    for _ in range(repeat + 1):
        t0 = time.process_time()
        runner.run_command(command)
        cpu.append(time.process_time() - t0)
    print(f"first_cpu={cpu[0]:.3f} warm_cpu={statistics.median(cpu[1:]):.3f}")


def med(runs: list, i: int) -> float:
    return statistics.median(r[i] for r in runs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/mlm_vs_r")
    ap.add_argument("--mlm", default=f"{sys.executable} -m mlmcli -q")
    ap.add_argument("--write-only", action="store_true")
    ap.add_argument("--in-process", action="store_true",
                    help="also time mlm's fit inside one process (first and warm CPU seconds)")
    ap.add_argument("--fit-in-process", nargs=2, metavar=("DTA", "COMMAND"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.fit_in_process:
        fit_in_process(*a.fit_in_process, a.repeat)
        return 0
    os.makedirs(a.dir, exist_ok=True)
    r_env = {"OPENBLAS_NUM_THREADS": "1"}  # R's BLAS threads thrash on the shared machine
    print("| case | rows | peer | mlm fit s | peer fit s (CPU) | fit ratio peer/mlm | "
          "mlm process wall / CPU s | peer process wall / CPU s | ll mlm | ll peer |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in a.cases.split(","):
        for rows in map(int, a.sizes.split(",")):
            dta, do, scripts = write_case(a.dir, name, rows)
            if a.write_only:
                print(f"{name} {rows}: {a.mlm} {do}", *(f"| {p}: Rscript {s} {dta}" for p, s in scripts.items()))
                continue
            runs: dict[str, list] = {"mlm": [], **{p: [] for p in scripts}}
            for _ in range(a.repeat):
                wall, cpu, _, out = run_measured(shlex.split(a.mlm) + [do])
                runs["mlm"].append((parse(out, r"1:\s+\S+\s+/\s+\d+\s+=\s+(\S+)"), wall, cpu, parse(out, r"mlm_ll=\s*(\S+)")))
                for peer, script in scripts.items():
                    wall, cpu, _, out = run_measured(["Rscript", script, dta], env=r_env)
                    runs[peer].append((parse(out, r"r_fit=(\S+)"), wall, cpu, parse(out, r"r_ll=(\S+)"),
                                       parse(out, r"r_cpu=(\S+)")))
            m = runs["mlm"]
            if a.in_process:
                _, _, _, out = run_measured([sys.executable, __file__, "--repeat", str(a.repeat),
                                             "--fit-in-process", dta, CASES[name][1]])
                print(f"<!-- {name} {rows}: mlm in process {out.strip()} -->", flush=True)
            mlm_cols = f"{med(m, 0):.2f}", f"{med(m, 1):.2f} / {med(m, 2):.2f}", f"{m[0][3]:.4f}"
            for peer in scripts or ["(none)"]:
                p = runs.get(peer)
                peer_cols = (f"{med(p, 0):.2f} ({med(p, 4):.2f})", f"{med(p, 0) / med(m, 0):.1f}x",
                             f"{med(p, 1):.2f} / {med(p, 2):.2f}", f"{p[0][3]:.4f}") if p else ("", "", "", "")
                print(f"| {name} | {rows:,} | {peer} | {mlm_cols[0]} | {peer_cols[0]} | {peer_cols[1]} | "
                      f"{mlm_cols[1]} | {peer_cols[2]} | {mlm_cols[2]} | {peer_cols[3]} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
