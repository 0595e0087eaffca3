"""Starting values of the me commands: from() when phase 1 drops a column, startvalues() and
startgrid() (glmm.estimate).

Every number is checked against a first-principles likelihood written here: the random-intercept
logit integrated by plain Gauss-Hermite quadrature (intmethod(ghermite) intpoints(15), the
approximation the engine computes), maximised with scipy; the iteration-0 log likelihood of the
full model against that function at the values the log should start from."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit

from tests.test_me_constraints_from import GH, _b, _first_full_iteration, _loglik


@pytest.fixture(scope="module")
def data():
    """A logit random intercept with ``d`` a perfect predictor of failure (phase 1 drops it
    and its 8 rows) and ``x2 = 2 x``."""
    rng = np.random.default_rng(11)
    rows = []
    for g in range(30):
        u = rng.normal(0, 0.8)
        for _ in range(10):
            x, z = rng.normal(), rng.normal()
            rows.append((g + 1.0, x, z, float(rng.random() < expit(-0.2 + 0.7 * x + 0.3 * z + u))))
    df = pd.DataFrame(rows, columns=["school", "x", "z", "y"])
    df["d"] = (np.arange(len(df)) < 8).astype(float)
    df.loc[df["d"] == 1, "y"] = 0.0
    df["x2"] = 2 * df["x"]
    return df


def _scipy_optimum(df):
    X, Z = df["x"].to_numpy(), df["z"].to_numpy()
    f = lambda a: _loglik(df, "logit", a[0] * X + a[1] * Z + a[2], np.exp(a[3]))  # noqa: E731
    res = minimize(lambda a: -f(a), np.array([0.5, 0.2, 0.0, -0.5]), method="BFGS", options={"gtol": 1e-9})
    return res.x, -res.fun


def test_from_maps_onto_the_columns_phase_one_kept(do, data):
    """d predicts failure perfectly: the fixed-effects fit drops it and its rows; from()'s values
    for x, z, _cons and the variance still start the full model (they were ignored before)."""
    rc, out, s = do(f"melogit y x d z || school:, from(y:x=0.3 y:d=5 y:z=-0.2 y:_cons=0.4 "
                    f"var(_cons[school]):_cons=1.5) {GH}", df=data)
    assert rc == 0, out
    assert "d dropped and 8 obs not used" in out
    kept = data[data["d"] == 0]
    X, Z = kept["x"].to_numpy(), kept["z"].to_numpy()
    assert _first_full_iteration(out) == pytest.approx(
        _loglik(kept, "logit", 0.3 * X - 0.2 * Z + 0.4, np.sqrt(1.5)), rel=1e-7)
    a, ll = _scipy_optimum(kept)
    b = _b(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["y:x"] == pytest.approx(a[0], abs=1e-5) and b["y:z"] == pytest.approx(a[1], abs=1e-5)
    assert b["var(_cons[school]):_cons"] == pytest.approx(np.exp(2 * a[3]), rel=1e-4)
    assert b["y:o.d"] == 0


def test_from_copy_over_e_b_with_the_dropped_column(do, data):
    """copy: the values in e(b)'s order, the dropped column's place included."""
    kept = data[data["d"] == 0]
    X, Z = kept["x"].to_numpy(), kept["z"].to_numpy()
    rc, out, s = do(f"matrix b = (0.6, 9, 0.1, -0.3, 0.4)\nmelogit y x d z || school:, from(b, copy) {GH}",
                    df=data)
    assert rc == 0, out
    assert _first_full_iteration(out) == pytest.approx(
        _loglik(kept, "logit", 0.6 * X + 0.1 * Z - 0.3, np.sqrt(0.4)), rel=1e-7)


def test_the_optimum_does_not_depend_on_the_start(do, data):
    lls, bs = [], []
    for start in ("", "from(y:x=0 y:z=0 y:_cons=0 var(_cons[school]):_cons=0.05)",
                  "from(y:x=2 y:z=-1 y:_cons=1 var(_cons[school]):_cons=4)"):
        rc, out, s = do(f"melogit y x z || school:, {start} {GH} nolog", df=data)
        assert rc == 0, out
        lls.append(s.e.scalars["ll"])
        bs.append(s.e.matrices["b"].values[0])
    a, ll = _scipy_optimum(data)
    for got, b in zip(lls, bs):
        assert got == pytest.approx(ll, rel=1e-9)
        np.testing.assert_allclose(b, bs[0], atol=2e-6)


def _node_lines(out: str, heading: str, label: str = "Iteration") -> list[float]:
    part = out.split(heading)[1].split(":\n\n", 1)[0] if heading in out else ""
    return [float(v) for v in re.findall(rf"{label} \d+:\s+log likelihood = +(\S+)", part)]


def _logit_mle(df):
    X = np.column_stack([df["x"], df["z"], np.ones(len(df))])
    y = df["y"].to_numpy()
    f = lambda b: float(np.sum(y * (X @ b) - np.logaddexp(0, X @ b)))  # noqa: E731
    res = minimize(lambda b: -f(b), np.zeros(3), method="BFGS", options={"gtol": 1e-10})
    return X, y, res.x


def test_startvalues_zero_starts_every_coefficient_at_zero(do, data):
    rc, out, s = do(f"melogit y x z || school:, startvalues(zero) {GH}", df=data)
    assert rc == 0, out
    assert "Fitting fixed-effects model:" not in out and "Refining starting values:" in out
    n = len(data)
    # node 0: b = 0 and the engine's first grid variance, 0.1
    assert _first_full_iteration(out) == pytest.approx(_loglik(data, "logit", np.zeros(n), np.sqrt(0.1)), rel=1e-7)
    a, ll = _scipy_optimum(data)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    assert s.e.scalars["ll_c"] == pytest.approx(-_logit_neg_ll(data), rel=1e-9)  # the LR test's comparison


def _logit_neg_ll(df):
    X, y, b = _logit_mle(df)
    return -float(np.sum(y * (X @ b) - np.logaddexp(0, X @ b)))


def test_startvalues_constantonly_starts_at_the_constant_only_model(do, data):
    rc, out, s = do(f"melogit y x z || school:, startvalues(constantonly) {GH}", df=data)
    assert rc == 0, out
    y = data["y"].to_numpy()
    p = y.mean()
    ll_const = float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
    logged = _node_lines(out, "Fitting constant-only model:")
    assert logged and logged[-1] == pytest.approx(ll_const, abs=5e-6)  # printed %10.0g
    assert "Fitting fixed-effects model:" not in out
    cons = np.log(p / (1 - p))
    assert _first_full_iteration(out) == pytest.approx(
        _loglik(data, "logit", np.full(len(data), cons), np.sqrt(0.1)), rel=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(_scipy_optimum(data)[1], rel=1e-9)


def test_startvalues_fixedonly_iterate_caps_phase_one(do, data):
    """iterate(1): phase 1 stops after one Newton step from the constant-only start; the full
    model starts there (the LR test still compares with the converged logit)."""
    rc, out, s = do(f"melogit y x z || school:, startvalues(fixedonly, iterate(1)) {GH}", df=data)
    assert rc == 0, out
    logged = _node_lines(out, "Fitting fixed-effects model:")
    assert len(logged) == 2
    X, y, b_mle = _logit_mle(data)
    p = y.mean()
    b0 = np.array([0.0, 0.0, np.log(p / (1 - p))])
    mu = 1 / (1 + np.exp(-X @ b0))
    b1 = b0 + np.linalg.solve(X.T @ (X * (mu * (1 - mu))[:, None]), X.T @ (y - mu))  # one Newton step
    assert logged[1] == pytest.approx(float(np.sum(y * (X @ b1) - np.logaddexp(0, X @ b1))), abs=5e-6)
    assert _first_full_iteration(out) == pytest.approx(_loglik(data, "logit", X @ b1, np.sqrt(0.1)), rel=1e-7)
    assert s.e.scalars["ll_c"] == pytest.approx(-_logit_neg_ll(data), rel=1e-9)
    rc, out2, s2 = do(f"melogit y x z || school:, startvalues(iterate(1)) {GH}", df=data)
    assert out2 == out
    rc, out3, s3 = do(f"melogit y x z || school:, startvalues(fixedonly) {GH} nolog", df=data)
    assert s3.e.scalars["ll"] == pytest.approx(s.e.scalars["ll"], rel=1e-10)


def test_startgrid_values_each_node_and_the_best_starts(do, data):
    rc, out, s = do(f"melogit y x z || school:, startgrid(.2 2 5) {GH}", df=data)
    assert rc == 0, out
    X, y, b = _logit_mle(data)
    nodes = _node_lines(out, "Refining starting values:", "Grid node")
    expected = [_loglik(data, "logit", X @ b, np.sqrt(v)) for v in (0.1, 0.2, 2, 5)]
    np.testing.assert_allclose(nodes, expected, rtol=2e-7)
    assert _first_full_iteration(out) == pytest.approx(max(expected), rel=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(_scipy_optimum(data)[1], rel=1e-9)
    rc, out, _ = do(f"melogit y x z || school:, startgrid {GH}", df=data)  # the default 0.1 1 10
    np.testing.assert_allclose(_node_lines(out, "Refining starting values:", "Grid node"),
                               [_loglik(data, "logit", X @ b, np.sqrt(v)) for v in (0.1, 0.1, 1, 10)], rtol=2e-7)


def test_startgrid_named_variances_cross_their_values(do, data):
    """x[school] over (.2 2) and _cons[school] over the default (.1 1 10): 6 nodes after node 0,
    x's variance the slower."""
    rc, out, s = do("melogit y x z || school: x, startgrid(.2 2 x[school]) startgrid(_cons[school]) nolog",
                    df=data)
    assert rc == 0, out
    rc, out, _ = do("melogit y x z || school: x, startgrid(.2 2 x[school]) startgrid(_cons[school])", df=data)
    assert len(_node_lines(out, "Refining starting values:", "Grid node")) == 7
    rc, out2, s2 = do("melogit y x z || school: x, nolog", df=data)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-9)


@pytest.mark.parametrize("option, message", [
    ("startvalues(iv)", "option startvalues(iv) not supported by mlmcli"),
    ("startvalues(foo)", "option startvalues(foo) invalid"),
    ("startvalues(zero, iterate(2))", "option startvalues(zero, iterate(2)) invalid"),
    ("startgrid(_cons[school]*x[school])", "is not a variance of a random effect"),
    ("startgrid(e.y)", "is not a variance of a random effect"),
    ("startgrid(w[school])", "w[school] is not a random effect of the model"),
    ("startgrid(0 1)", "variances must be positive"),
])
def test_start_options_refused_by_name(do, data, option, message):
    rc, out, s = do(f"melogit y x z || school: x, {option}", df=data)
    assert rc == 198 and message in out, out
    assert s.e is None


@pytest.mark.parametrize("cmd", ["mixed", "xtmixed"])
def test_mixed_has_no_from(do, data, cmd):
    """_xtmixed_estimate hands unknown options to mlopts, whose list has no from(): r(198)."""
    rc, out, s = do(f"matrix b = (1, 0, 0, 0)\n{cmd} y x || school:, from(b)", df=data)
    assert rc == 198 and "option from() not allowed" in out
    assert s.e is None


def test_startgrid_leaves_a_constrained_variance_alone(do, data):
    """var(_cons) fixed at .5 by a constraint: the grid varies var(x) only (2 values, 2 nodes
    after node 0), and the fit keeps the constraint."""
    rc, out, s = do("constraint 1 _b[var(_cons[school]):_cons] = 0.5\n"
                    "melogit y x z || school: x, constraints(1) startgrid(.2 2)", df=data)
    assert rc == 0, out
    assert len(_node_lines(out, "Refining starting values:", "Grid node")) == 3
    assert _b(s)["var(_cons[school]):_cons"] == pytest.approx(0.5, rel=1e-12)


def test_abbreviations_as_gsem_parse_reads_them(do, data):
    """gsem_parse.ado: STARTValues(), STARTGrid()."""
    rc, out, _ = do("melogit y x z || school:, startv(zero) startg", df=data)
    assert rc == 0 and "Fitting fixed-effects model:" not in out and "Grid node 3:" in out
    rc, out, _ = do("melogit y x z || school:, start(zero)", df=data)
    assert rc == 198
