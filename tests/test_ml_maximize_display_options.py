"""[R] maximize's display options -- trace, gradient, hessian, showstep, showtolerance -- on ml
maximize and on the ml-based logit, ologit and poisson; nonrtolerance on logit; ml search's
repeat(), restart, norescale and bounds.

Evidence: what each option shows is checked against the fit's own results -- the last
iteration's parameter vector is e(b), its negative Hessian inverts to e(V) (OIM: V = (-H)^-1),
its gradient is ~0; showstep's accepted step reaches the next iteration's ln L;
showtolerance's last values meet ml's stopping rule.  The layout is mlm's where [R] maximize
shows none (render/ml_iteration_detail.py).  Data are generated here (seeded numpy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ml_programs import PROBIT_LF, fit

MODEL = "ml model lf myprobit (y = x1 x2)\n"


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(91)
    n = 120
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    return pd.DataFrame({"x1": x1, "x2": x2,
                         "y": (0.9 + 0.7 * x1 - 0.4 * x2 + rng.normal(size=n) > 0).astype(float),
                         "k": rng.poisson(np.exp(0.5 + 0.3 * x1)).astype(float)})


def _blocks(printed: str) -> list[list[str]]:
    """The iteration blocks: each from its ``Iteration n:`` under a dashed rule to the next rule
    (the last to the blank line before the header)."""
    lines = printed.splitlines()
    starts = [i + 1 for i, ln in enumerate(lines[:-1]) if ln == "-" * 78 and lines[i + 1].startswith("Iteration ")]
    ends = [i - 1 for i in starts[1:]] + [lines.index("", starts[-1])]
    return [lines[a:b] for a, b in zip(starts, ends)]


def _row(lines: list[str], title: str) -> np.ndarray:
    """The r1 row of the vector listed under ``title`` (two lines of names first)."""
    i = next(k for k, ln in enumerate(lines) if ln.startswith(title))
    assert lines[i + 3].startswith("r1")
    return np.array([float(v) for v in lines[i + 3].split()[1:]])


def _lower(lines: list[str], k: int) -> np.ndarray:
    i = next(j for j, ln in enumerate(lines) if ln.startswith("Negative Hessian matrix:"))
    M = np.zeros((k, k))
    for r in range(k):
        vals = [float(v) for v in lines[i + 3 + r].split()[1:]]
        M[r, :len(vals)] = vals
        M[:len(vals), r] = vals
    return M


def _same_V(neg_hessian, V):
    """(-H)^-1 as printed (8 significant digits) is e(V): each element to 1e-5 of V's scale."""
    np.testing.assert_allclose(np.linalg.inv(neg_hessian), V, rtol=1e-5, atol=1e-5 * np.max(np.abs(V)))


def _b_V(s):
    return s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values


def test_ml_trace_gradient_hessian_against_the_fit(do, data):
    printed, s = fit(do, data, PROBIT_LF + MODEL + "ml maximize, trace gradient hessian")
    blocks = _blocks(printed)
    b, V = _b_V(s)
    assert len(blocks) == s.e.scalars["ic"] + 1  # a block per iteration, 0 included
    assert [bl[0] for bl in blocks[:2]] == ["Iteration 0:", "Iteration 1:"]
    last = blocks[-1]
    assert last[1] == "Parameter vector:" and last[2].split() == ["eq1:"] * 3
    assert last[3].split() == ["x1", "x2", "_cons"]
    np.testing.assert_allclose(_row(last, "Parameter vector:"), b, rtol=1e-6)
    # iteration 0 starts where ml search left b: the slopes at 0, the constant searched
    assert np.all(_row(blocks[0], "Parameter vector:")[:2] == 0)
    assert np.max(np.abs(_row(last, "Gradient vector"))) < 1e-4
    _same_V(_lower(last, 3), V)
    ll_line = next(ln for ln in last if ln.strip().startswith("log likelihood ="))
    assert ll_line.index("log likelihood") == 50
    assert float(ll_line.split("=")[1]) == pytest.approx(s.e.scalars["ll"], rel=1e-7)
    # the gradient's length is the norm of the vector shown (iteration 0: far from 0)
    first = blocks[0]
    g0 = _row(first, "Gradient vector")
    shown = float(next(ln for ln in first if ln.startswith("Gradient")).split("= ")[1].rstrip("):"))
    assert shown == pytest.approx(np.linalg.norm(g0), rel=1e-5) and shown > 1
    assert "begin myprobit" not in printed and "- args" not in printed  # not ml trace on's trace


def test_showstep_and_showtolerance_lines(do, data):
    printed, s = fit(do, data, PROBIT_LF + MODEL + "ml maximize, showstep showtol")
    lines = printed.splitlines()
    its = [i for i, ln in enumerate(lines) if ln.startswith("Iteration ")]
    lls = [float(lines[i].split("=")[1].split()[0]) for i in its]
    # each iteration but the last: its steps, the last accepted one at the next iteration's ln L
    for n, i in enumerate(its[:-1]):
        steps = [ln for ln in lines[i + 1:its[n + 1]] if ln.startswith("  step ")]
        assert steps and steps[0].startswith("  step 1:")
        assert float(steps[-1].split("=")[1]) == pytest.approx(lls[n + 1], rel=1e-7)
    tol = [ln for ln in lines if ln.startswith("  (tolerance = ")]
    assert len(tol) == len(its) - 1  # iteration 0 has none
    dx, dl, nr = (float(part.split("= ")[1]) for part in tol[-1].strip("() ").split(", "))
    assert (dx <= 1e-6 or dl <= 1e-7) and nr <= 1e-5  # ml's rule, met where the log ends
    dx0, _, nr0 = (float(part.split("= ")[1]) for part in tol[0].strip("() ").split(", "))
    assert dx0 > 1e-6 and nr0 > 1e-5


def test_abbreviations_model_maximize_and_nolog(do, data):
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), maximize tr grad hess")
    assert "Parameter vector:" in printed and "Negative Hessian matrix:" in printed
    printed, _ = fit(do, data, PROBIT_LF + MODEL + "ml maximize, trace nolog")
    assert "Parameter vector:" not in printed and "Iteration" not in printed


def test_details_refused_under_other_techniques(do, data):
    rc, printed, _ = do(PROBIT_LF + MODEL + "ml maximize, gradient technique(bfgs)", data)
    assert rc == 198 and "option gradient is not implemented in mlm with technique(bfgs)" in printed


def test_logit_and_ologit_trace_hessian_match_their_fit(do, data):
    for cmd in ("logit y x1 x2, trace hessian gradient", "ologit y x1 x2, trace hessian"):
        printed, s = fit(do, data, cmd)
        b, V = _b_V(s)
        last = _blocks(printed)[-1]
        np.testing.assert_allclose(_row(last, "Parameter vector:"), b, rtol=1e-6)
        _same_V(_lower(last, len(b)), V)
        assert "Logistic regression" in printed or "Ordered logistic regression" in printed


def test_poisson_showstep_showtolerance(do, data):
    printed, s = fit(do, data, "poisson k x1, showstep showtolerance")
    assert "  step 1:      log likelihood = " in printed
    tol = [ln for ln in printed.splitlines() if ln.startswith("  (tolerance = ")]
    assert len(tol) == s.e.scalars["ic"]


def test_logit_nonrtolerance_drops_the_gradient_condition(do, data):
    _, with_nr = fit(do, data, "logit y x1 x2, tolerance(0.5) ltolerance(0)")
    printed, without = fit(do, data, "logit y x1 x2, tolerance(0.5) ltolerance(0) nonrtolerance showtol")
    assert without.e.scalars["ic"] < with_nr.e.scalars["ic"]
    last = [ln for ln in printed.splitlines() if ln.startswith("  (tolerance = ")][-1]
    assert float(last.split("nrtolerance = ")[1].rstrip(")")) > 1e-5  # would not have stopped here


def test_ml_search_options(do, data):
    rc, printed, _ = do(PROBIT_LF + MODEL + "ml search, repeat(5)", data)
    assert rc == 198 and "repeat(5)" in printed
    rc, printed, _ = do(PROBIT_LF + MODEL + "ml search, restart", data)
    assert rc == 198 and "restart" in printed
    printed, _ = fit(do, data, PROBIT_LF + MODEL + "ml search, repeat(0)")
    assert "rescale:" in printed
    printed, _ = fit(do, data, PROBIT_LF + MODEL + "ml search, norescale")
    assert "alternative:" in printed and "rescale:" not in printed
    # bounds: the constant is tried over the range (the likelihood improves within it)
    # with the slopes at 0 the best constant is invnormal(mean(y)), inside the range given
    best = float(__import__("scipy.stats").stats.norm.ppf(data.y.mean()))
    lo, hi = sorted((best / 4, best * 2))
    printed, s = fit(do, data, PROBIT_LF + MODEL + f"ml search eq1: {lo} {hi}, norescale")
    cons = s.ml_problem.init[-1]
    assert lo <= cons <= hi and s.ml_problem.init[0] == 0
    assert abs(cons - best) < (hi - lo) / 10
    printed, s2 = fit(do, data, PROBIT_LF + MODEL + f"ml search /eq1 {lo} {hi}, norescale nolog")
    assert s2.ml_problem.init[-1] == cons and "initial:" not in printed  # /eq1 as eq1:; nolog
    for bad, code in (("eq1: 2 1", 198), ("nosuch: 0 1", 303), ("eq1: 1", 198)):
        rc, printed, _ = do(PROBIT_LF + MODEL + f"ml search {bad}", data)
        assert rc == code, (bad, printed)
    printed, s = fit(do, data, PROBIT_LF + MODEL + "ml search eq1: -1 1\nml maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), ref.e.matrices["b"].values.ravel(), rtol=1e-6)


def test_mlogit_trace_hessian_and_nonrtolerance(do, data):
    df = data.assign(m=1.0 + (data.x1 > -0.3) + (data.x2 > 1.5))
    printed, s = fit(do, df, "mlogit m x1 x2, trace hessian")
    b_all, V_all = _b_V(s)
    names = s.e.matrices["b"].colnames
    free = [j for j, n in enumerate(names) if not n.split(":")[1].startswith("o.")]  # the base outcome's zeros
    last = _blocks(printed)[-1]
    np.testing.assert_allclose(_row(last, "Parameter vector:"), b_all[free], rtol=1e-6)
    _same_V(_lower(last, len(free)), V_all[np.ix_(free, free)])
    _, with_nr = fit(do, df, "mlogit m x1 x2, tolerance(0.5) ltolerance(0)")
    _, without = fit(do, df, "mlogit m x1 x2, tolerance(0.5) ltolerance(0) nonrtolerance")
    assert without.e.scalars["ic"] < with_nr.e.scalars["ic"]
