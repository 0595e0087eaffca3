"""The full model's quasi-Newton iterations measure the Hessian afresh after two "not
concave" iterations in a row (glmm/optimize.py ``REFRESH_AFTER``): BFGS's updates never
turn a wrong-signed curvature round, and the nested 25 x 25-point Poisson fit of the
grouseticks data crept through 16 "not concave" iterations and 36 in all (Stata's Newton
iterations with a fresh Hessian each take a handful).  The optimum is unchanged (its
numbers are checked against ../shared/reference by test_glmm_references)."""
from __future__ import annotations

import re

import pytest


def test_nested_fit_no_longer_creeps(shared_dir, do):
    data = shared_dir / "data" / "glmm" / "grouseticks.dta"
    if not data.exists():
        pytest.skip("grouseticks.dta is not in ../shared")
    rc, out, _ = do(f'use "{data}", clear\n'
                 "mepoisson ticks i.year cheight || location: || brood:, intpoints(25)\n")
    assert rc == 0, out
    full = out.split("Fitting full model:")[1].split("Mixed-effects Poisson")[0]
    lines = re.findall(r"Iteration \d+:.*", full)
    assert len(lines) <= 16, full
    bent = [i for i, line in enumerate(lines) if "not concave" in line]
    assert all(b - a > 1 or i < 1 for i, (a, b) in enumerate(zip(bent, bent[1:]))), full
    assert len(bent) <= 3, full
    assert "Log likelihood = -987.76051" in out
