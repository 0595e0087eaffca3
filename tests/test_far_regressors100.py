"""Far-out regressors, the remaining engines: a regressor near 1e9 (near = x1 + 1e9) in glm's own
ML and IRLS fits, tobit, zip/zinb, mlogit, xtgee and xtlogit, pa -- each fitted on the columns
``panel.centred_fit.ColumnRescaling`` shifts (``glm.rescaled_fit``: shifted_columns,
shifted_design, equations_map) and mapped back -- and margins' delta method after such a fit,
which differentiates in the fitted metric (``FittedMetric``).

Before: glm 'not concave' to the limit (r(430)) or r(506) under irls, tobit's SE of near missing
and r(430), zip/zinb and mlogit 'not concave' for 16,000 iterations, xtgee/xtlogit pa
'working correlation matrix not positive definite' r(430); margins after logit near x2 printed
an SE of .3125522 for .0315287.

The reference is the same model on xr = near - 1e9 (exact: the subtraction of two doubles this
close is), which holds the very values near does: every printed row but the constants' is the
same text, the log likelihood the same, each equation's _cons = _cons(xr) - 1e9 b(xr).  A
column near 1e300 keeps the raw metric's behaviour (``metric_representable``)."""
from __future__ import annotations

import re

import numpy as np
import pytest

from tests.cached_fits import cached_fits, predictions
from tests.test_far_regressors99 import panel  # noqa: F401  (the fixture: 40 panels of 6)


@pytest.fixture(scope="module")
def data(panel):  # noqa: F811
    """test_far_regressors99's panel with a censored outcome and an overdispersed count with
    extra zeros."""
    rng = np.random.default_rng(5)
    df = panel.copy()
    df["ycens"] = np.maximum(0.6 * df.x1 - 0.3 * df.x2 + rng.normal(size=len(df)), 0.0)
    mean = np.exp(0.4 + 0.3 * df.x1 - 0.2 * df.x2)
    counts = rng.negative_binomial(2.0, 2.0 / (2.0 + mean))
    df["zc"] = np.where(rng.uniform(size=len(df)) < 1 / (1 + np.exp(0.5 - 0.8 * df.x1)), 0, counts).astype(float)
    return df


@pytest.fixture(scope="module")
def fitted(data, new_session, run):
    return cached_fits(data, new_session, run)


def _table_rows(out):
    """[(name, printed row)] of the coefficient table in order (equations' rows repeat names)."""
    return re.findall(r"^ *(\S+) +(\|.*\d.*)$", out, re.M)


def _log(out):
    """[(log likelihood, note)] of every 'Iteration' line."""
    return [(float(v), note.strip()) for v, note in
            re.findall(r"^Iteration \d+: +log (?:pseudo)?likelihood = +(-?[\d.]+)(.*)$", out, re.M)]


def _coefficients(session):
    e = session.e
    return dict(zip(e.matrices["b"].colnames, e.matrices["b"].values.ravel())), \
        dict(zip(e.matrices["b"].colnames, np.sqrt(np.clip(np.diag(e.matrices["V"].values), 0, None))))


ML = ["glm yb {x} x2, family(binomial)", "glm cnt {x} x2, family(poisson) vce(robust)",
      "tobit ycens {x} x2, ll(0)", "zip zc {x} x2, inflate({x} x2)", "zinb zc {x} x2, inflate(x2)",
      "mlogit yo {x} x2"]
OTHER = ["glm cnt {x} x2, family(poisson) irls", "xtgee cnt {x} x2, family(poisson)", "xtlogit yb {x} x2, pa"]
# svy's linearized V from each row's influence in the fitted metric (T (-H')^-1 s'_j): from the
# user's units' scores and bread, SEs of 1e-10 (svy: logit, poisson) or near's 2.7e-4 for .126
SURVEY = ["svyset id\nsvy: glm yb {x} x2, family(binomial)", "svyset id\nsvy: logit yb {x} x2",
          "svyset id\nsvy: mlogit yo {x} x2", "svyset id\nsvy: tobit ycens {x} x2, ll(0)"]


@pytest.mark.parametrize("command", ML + OTHER + SURVEY)
def test_a_regressor_near_1e9_gives_the_unshifted_fit(fitted, command):
    out0, s0 = fitted(command.format(x="xr"))
    out1, s1 = fitted(command.format(x="near"))
    assert "convergence not achieved" not in out1 and "not concave" not in out1
    rows0, rows1 = _table_rows(out0), _table_rows(out1)
    assert [n for n, _ in rows1] == ["near" if n == "xr" else n for n, _ in rows0]
    for (name, row0), (_, row1) in zip(rows0, rows1):
        if name != "_cons":  # near's row, x2's, the ancillary ones: the same text
            assert row1 == row0, name
    b0, se0 = _coefficients(s0)
    b1, se1 = _coefficients(s1)
    shifted = 0
    for name, value in b0.items():
        eq, _, coef = name.rpartition(":")
        slope = f"{eq}:xr" if eq else "xr"
        mine = re.sub(r"\bxr\b", "near", name)
        if coef == "_cons" and slope in b0:  # the equation's constant takes the shift
            shifted += 1
            assert b1[mine] == pytest.approx(value - 1e9 * b0[slope], rel=1e-7)
        else:
            assert b1[mine] == pytest.approx(value, rel=1e-6, abs=1e-9), name
            assert se1[mine] == pytest.approx(se0[name], rel=1e-6, abs=1e-9), name
    assert shifted >= 1
    if command in ML:  # the same likelihood: the same log, the same ll
        log0, log1 = _log(out0), _log(out1)
        assert len(log1) == len(log0) and [n for _, n in log1] == [n for _, n in log0]
        np.testing.assert_allclose([v for v, _ in log1], [v for v, _ in log0], rtol=1e-9)
        assert s1.e.scalars["ll"] == pytest.approx(s0.e.scalars["ll"], rel=1e-11)


@pytest.mark.parametrize("command,margins", [
    ("logit yb {x} x2", "margins"), ("logit yb {x} x2", "margins, dydx(*)"),
    ("logit yb {x} x2", "margins, at(x2=(-1 1))"), ("probit yb {x} x2", "margins, dydx(x2) atmeans"),
    ("ologit yo {x} x2", "margins, dydx(*) predict(outcome(#2))"), ("poisson cnt {x} x2", "margins"),
    ("glm yb {x} x2, family(binomial)", "margins, dydx(x2)"), ("tobit ycens {x} x2, ll(0)", "margins"),
    ("xtgee cnt {x} x2, family(poisson)", "margins"), ("xtlogit yb {x} x2, pa", "margins, dydx(*)"),
    ("melogit yb {x} x2 || id:", "margins"), ("meologit yo {x} x2 || id:", "margins, dydx(x2) predict(outcome(#3))")])
def test_margins_after_a_shifted_fit(fitted, run, command, margins):
    """The delta method in the fitted metric: J' V' J'' with J' over (x - shift) scale -- in the
    user's units J V J' is a difference of terms near 1e15 (margins' SE .3125522 for .0315287;
    after tobit 1.975381 for .1574829, after xtgee and melogit 0) and J's near column less 1e9
    times the constant's loses seven digits."""
    printed, stored = [], []
    for x in ("xr", "near"):
        session = fitted(command.format(x=x))[1]
        out, rc = run(session, margins)
        assert rc == 0, out
        printed.append([(n.replace("xr", "near"), row) for n, row in _table_rows(out)])
        stored.append((session.r["b"].values.ravel(), session.r["V"].values))
    assert printed[1] == printed[0] and printed[0]
    np.testing.assert_allclose(stored[1][0], stored[0][0], rtol=1e-7)
    np.testing.assert_allclose(stored[1][1], stored[0][1], rtol=1e-6)


def test_margins_jacobian_is_posted_in_the_users_units(fitted, run):
    """r(Jacobian) = J' T^-1: d margin / d e(b), near's column x the constant's (an average of
    f(x b) near) -- the margin moves by r(Jacobian) db for a small change of e(b)."""
    session = fitted("logit yb near x2")[1]
    out, rc = run(session, "margins")
    assert rc == 0, out
    J = session.r["Jacobian"].values.ravel()
    b = session.e.matrices["b"].values.ravel()
    X = np.column_stack([session.data.numeric("near"), session.data.numeric("x2"), np.ones(session.data.nobs)])
    assert J[0] == pytest.approx(J[2] * 1e9, rel=1e-6)  # near ~ 1e9 on every row
    p = 1 / (1 + np.exp(-((X[:, 0] - 1e9) * b[0] + X[:, 1] * b[1] + (b[2] + 1e9 * b[0]))))
    np.testing.assert_allclose(J[1:], [np.mean(p * (1 - p) * X[:, 1]), np.mean(p * (1 - p))], rtol=1e-6)


# glm's raw metric overflows on the way to its stop (a RuntimeWarning, an error under pytest)
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("line", ["glm yb huge x2, family(binomial)", "mlogit yo huge x2"])
def test_a_regressor_near_1e300_keeps_the_raw_metric_stop(new_session, run, data, line):
    """X'X past the double range (huge = 1e300 x1 + 1e300): no rescaling, the raw metric's stop,
    r(430), as before this round (the fuzz rounds pin the 1e300 columns)."""
    session = new_session(data.assign(huge=data.x1 * 1e300 + 1e300))
    out, rc = run(session, line)
    assert rc == 430, out
    assert "convergence not achieved" in out


# ------------------------------------------------------------------ the maps themselves
def test_only_a_shift_into_a_constant_refits():
    """shifted_design: None for ordinary columns, scaled-only ones (their logs unchanged), a
    column near 1e300, or a design without its constant; the map otherwise."""
    from mlmcli.glm.rescaled_fit import shifted_design

    rng = np.random.default_rng(3)
    x, z = rng.normal(size=(2, 50))
    one = np.ones(50)
    assert shifted_design(np.column_stack([x, z, one]), True) is None
    assert shifted_design(np.column_stack([x * 1e-9, z, one]), True) is None
    assert shifted_design(np.column_stack([x * 1e300 + 1e300, z, one]), True) is None
    assert shifted_design(np.column_stack([x + 1e9, z]), False) is None
    assert shifted_design(np.column_stack([x + 1e9, z, z]), True) is None  # no column of ones last
    r = shifted_design(np.column_stack([x + 1e9, z, one]), True)
    assert r.shift[0] == pytest.approx(1e9, abs=1) and list(r.shift[1:]) == [0, 0]


def test_equations_map_is_block_diagonal_and_inverted_by_from_user():
    """Two equations (a count and an inflation part) and an ancillary parameter: T block
    diagonal of each equation's parameter_map; equations_from_user its inverse; scores by T^-T
    (the sandwich and margins' influence rows: S B' T' = S_user B_user)."""
    from mlmcli.glm.rescaled_fit import equations_from_user, equations_map, scores_to_user, shifted_design

    rng = np.random.default_rng(8)
    x, z = rng.normal(size=(2, 40))
    one = np.ones(40)
    X = np.column_stack([x + 1e9, z, one])
    Z = np.column_stack([x + 5e8, one])
    maps = [shifted_design(X, True), shifted_design(Z, True)]
    T = equations_map(maps, [3, 2], 1)
    assert T.shape == (6, 6) and T[5, 5] == 1 and not T[:3, 3:].any() and not T[3:5, :3].any()
    np.testing.assert_array_equal(T[:3, :3], maps[0].parameter_map())
    theta_p = rng.normal(size=6)
    theta = T @ theta_p
    np.testing.assert_allclose(equations_from_user(maps, [3, 2], theta), theta_p, rtol=1e-6, atol=1e-6)
    assert theta[2] - X[:, 0].mean() * 0 == pytest.approx(theta_p[2] - maps[0].shift[0] * theta_p[0])
    S_p = rng.normal(size=(5, 6))
    np.testing.assert_allclose(scores_to_user(T, S_p) @ T, S_p, atol=1e-6)


@pytest.mark.parametrize("command", ["logit yb {x} x2", "glm yb {x} x2, family(binomial)",
                                     "tobit ycens {x} x2, ll(0)", "xtgee cnt {x} x2, family(poisson)"])
def test_predict_stdp_after_a_shifted_fit(fitted, run, command):
    """stdp = sqrt((x T) V' (x T)'): x T is x less its shift, where x V x' in the user's units
    cancels terms near 1e18 (logit's stdp 0 to 2 for .13 to .48)."""
    values = predictions(fitted, run, command, "stdp")
    np.testing.assert_allclose(values[1], values[0], rtol=1e-6)
