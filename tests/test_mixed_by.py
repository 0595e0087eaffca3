"""`by` with `mixed`: Stata allows the prefix; each group's fit equals the fit restricted with `if`."""
from __future__ import annotations

import re
import subprocess
import sys

import numpy as np


def _loglik(text: str) -> list[str]:
    return re.findall(r"Log likelihood = +(-?[\d.]+)", text)


def test_bysort_mixed_fits_each_group_like_if(tmp_path):
    rng = np.random.default_rng(7)
    rows = []
    for g in range(24):
        u = rng.normal(0, 1)
        for _ in range(8):
            x = rng.normal()
            rows.append(f"{g},{g % 2},{x:.6f},{1 + u + 0.5 * x + rng.normal():.6f}")
    (tmp_path / "d.csv").write_text("g,s,x,y\n" + "\n".join(rows) + "\n")
    script = tmp_path / "by.do"
    script.write_text("import delimited d.csv, clear\n"
                      "bysort s: mixed y x || g:, nolog\n"
                      "mixed y x if s == 0 || g:, nolog\n"
                      "mixed y x if s == 1 || g:, nolog\n")
    run = subprocess.run([sys.executable, "-m", "mlmcli", str(script)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stdout
    assert "-> s = 0" in run.stdout and "-> s = 1" in run.stdout
    by0, by1, if0, if1 = _loglik(run.stdout)
    assert (by0, by1) == (if0, if1)


def test_a_perfect_fit_has_no_optimum_and_is_refused(tmp_path):
    # a constant outcome, or one the fixed part reproduces exactly: the residual
    # variance is 0 and the likelihood unbounded
    for outcome in ("3", "2*x + 1"):
        run = subprocess.run([sys.executable, "-m", "mlmcli", "-q", "-c",
                              f"clear; set obs 40; gen g = mod(_n,5); gen x = _n; gen y = {outcome}; "
                              "mixed y x || g:, nolog"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert run.returncode != 0
        assert run.stdout.rstrip().endswith("initial values not feasible\nr(1400);")
