"""Far-out regressors across postestimation, the leftovers of test_far_regressors99/100: a regressor
near 1e9 (near = x1 + 1e9) against the same model on xr = near - 1e9, which holds the very values
near does (the subtraction of two doubles this close is exact), so the shift must cancel exactly
in every slope, margin and prediction.

- margins after mlogit and zip/zinb: the other equations' columns read in the fitted metric
  (``EquationsResponse.in_fitted_metric``; before: mlogit outcome 2's dydx(x2) SE .0619972 for
  .0272476, zip's margins SE 0) -- in expression() too --, dy/dx in near itself by exact
  differences;
- margins after vce(bootstrap|jackknife) and the prefixes: each replicate mapped into the full
  fit's metric (``commands.estimation.replicate_metric``; before: SE .6058933 for .0270255 after
  logit, 0 after glm, mlogit and xtgee, 1.57 for .067 after tobit);
- margins and stdp after svy: logit/ologit/glm: the design's V' from each row's influence in the
  fitted metric (before: SE .9158225 for .0454003; stdp read the model-based V');
- predict stdp after the me commands (``GLMMFit.fixed_prediction_se``; before 0 for .26);
- maximize's trace/gradient records and constrained fits fitted on shifted columns (before:
  'not concave' to the limit, r(430));
- glm's raw metric on a column near 1e300 reaching its r(430) without a RuntimeWarning (pytest
  makes mlmcli's RuntimeWarnings errors);
- zinb where alpha goes to 0 (ln alpha's curvature vanishes): the stop there depends on the
  column's centring itself, so near's fit is pinned to the fit on its own centred column.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from tests.cached_fits import cached_fits, predictions
from tests.test_far_regressors99 import panel  # noqa: F401  (the fixture: 40 panels of 6)
from tests.test_far_regressors100 import data  # noqa: F401  (with a censored outcome, a zero-inflated count)


@pytest.fixture(scope="module")
def fitted(data, new_session, run):  # noqa: F811
    return cached_fits(data, new_session, run)


def _table_rows(out):
    """[(name, printed row)] of the tables in order, xr named near."""
    return [(n.replace("xr", "near"), row) for n, row in re.findall(r"^ *(\S+) +(\|.*\d.*)$", out, re.M)]


def _same_margins(fitted, run, command, margins):
    printed, stored = [], []
    for x in ("xr", "near"):
        session = fitted(command.format(x=x))[1]
        out, rc = run(session, margins.format(x=x))
        assert rc == 0, out
        printed.append(_table_rows(out))
        stored.append((session.r["b"].values.ravel(), session.r["V"].values))
    assert printed[1] == printed[0] and printed[0]
    np.testing.assert_allclose(stored[1][0], stored[0][0], rtol=1e-7)
    np.testing.assert_allclose(stored[1][1], stored[0][1], rtol=1e-6)


@pytest.mark.parametrize("command,margins", [
    ("mlogit yo {x} x2", "margins, dydx(x2) predict(outcome(2))"),
    ("mlogit yo {x} x2", "margins, predict(outcome(3))"),
    ("mlogit yo {x} x2", "margins, at(x2=(-1 1)) predict(outcome(4))"),
    ("mlogit yo {x} x2", "margins, dydx({x}) predict(outcome(2))"),
    ("zip zc {x} x2, inflate({x} x2)", "margins, dydx({x})"),
    ("zip zc {x} x2, inflate({x} x2)", "margins, expression(predict(pr)*2)"),
    ("mlogit yo {x} x2", "margins, expression(predict(outcome(2))/predict(outcome(1)))"),
    ("zip zc {x} x2, inflate({x} x2)", "margins"),
    ("zip zc {x} x2, inflate({x} x2)", "margins, predict(pr)"),
    ("zinb zc {x} x2, inflate({x} x2)", "margins, dydx(x2)"),
    ("zinb zc {x} x2, inflate(x2)", "margins, predict(pr)")])
def test_margins_after_mlogit_and_zero_inflated_fits(fitted, run, command, margins):
    """The other equations' z g, near 1e9 less a constant near -1e9 in the user's units, read as
    (z - shift) scale with g' in the fitted metric; dy/dx in near by differences of a step that
    near -/+ h holds exactly (before: 1e-3 of near's mean, 1e6: '(omitted)' or missing)."""
    _same_margins(fitted, run, command, margins)


@pytest.mark.parametrize("command,margins", [
    ("set seed 1\nlogit yb {x} x2, vce(bootstrap, reps(10))", "margins"),
    ("set seed 1\nologit yo {x} x2, vce(bootstrap, reps(10))", "margins, dydx(*) predict(outcome(2))"),
    ("set seed 1\npoisson cnt {x} x2, vce(bootstrap, reps(10) mse)", "margins, dydx(x2)"),
    ("set seed 1\nglm yb {x} x2, family(binomial) vce(bootstrap, reps(10))", "margins"),
    ("set seed 1\nmlogit yo {x} x2, vce(bootstrap, reps(10))", "margins, predict(outcome(2))"),
    ("xtgee cnt {x} x2, family(poisson) vce(jackknife)", "margins"),
    ("set seed 1\ntobit ycens {x} x2, ll(0) vce(bootstrap, reps(10))", "margins")])
def test_margins_after_replicated_fits(fitted, run, command, margins):
    """e(V) the replicates': each replicate's estimates mapped into the full fit's metric from
    its own (its columns shifted by its own sample's means), the same summary giving V'."""
    _same_margins(fitted, run, command, margins)


@pytest.mark.parametrize("command,margins", [("svyset id\nsvy: logit yb {x} x2", "margins"),
                                             ("svyset id\nsvy: ologit yo {x} x2", "margins, dydx(*) predict(outcome(2))"),
                                             ("svyset id\nsvy: glm yb {x} x2, family(binomial)", "margins")])
def test_margins_and_stdp_after_svy(fitted, run, command, margins):
    """svy's linearized V' from each row's influence in the fitted metric (before: margins' SE
    .9158225 for .0454003 after svy: logit, .9868222 after svy: glm; stdp from the model-based V')."""
    _same_margins(fitted, run, command, margins)
    if "yb" in command:
        values = predictions(fitted, run, command, "stdp")
        np.testing.assert_allclose(values[1], values[0], rtol=1e-6)


def test_replicates_map_exactly_between_metrics():
    """``FittedMetric.replicate_b``: a replicate fitted on (x - s_r) c_r, mapped into the full
    fit's (x - s_f) c_f metric, is T_f^-1 T_r b' (with a cutpoint taking the shift too)."""
    from mlmcli.glm.rescaled_fit import fitted_metric
    from mlmcli.panel.centred_fit import ColumnRescaling

    rng = np.random.default_rng(3)
    full = ColumnRescaling(np.array([3.0, 0.0, 0.0]), np.array([0.5, 1.0, 1.0]), True)
    replicate = ColumnRescaling(np.array([3.25, 0.0, 0.0]), np.array([0.25, 1.0, 1.0]), True)
    b_f, b_r = rng.normal(size=(2, 4))  # three columns and an ancillary parameter
    V = np.eye(4)
    mine = fitted_metric(full, b_f, V, np.arange(4), 4)
    theirs = fitted_metric(replicate, b_r, V, np.arange(4), 4)
    b_user = theirs.T @ b_r
    np.testing.assert_allclose(mine.replicate_b(theirs, b_user), np.linalg.solve(mine.T, b_user), rtol=1e-12)
    np.testing.assert_allclose(mine.replicate_b(None, b_user), np.linalg.solve(mine.T, b_user), rtol=1e-12)
    # near 1e9 the constants: c'' = c'_r + (s_f - s_r) b, exact however far out the shifts are
    # (through the user's units c'_r - s_r b near -5e8 keeps the last digits to 6e-8)
    far_f = ColumnRescaling(np.array([1e9 + 0.125, 0.0]), np.ones(2), True)
    far_r = ColumnRescaling(np.array([1e9 - 0.375, 0.0]), np.ones(2), True)
    mine = fitted_metric(far_f, np.zeros(2), np.eye(2), np.arange(2), 2)
    theirs = fitted_metric(far_r, np.array([0.5, 0.25]), np.eye(2), np.arange(2), 2)
    assert list(mine.replicate_b(theirs, theirs.T @ theirs.b)) == [0.5, 0.25 + 0.5 * 0.5]


@pytest.mark.parametrize("command", ["melogit yb {x} x2 || id:", "mepoisson cnt {x} x2 || id:",
                                     "meqrlogit yb {x} x2 || id:"])
def test_predict_stdp_after_the_me_commands(fitted, run, command):
    """stdp = sqrt((x T) V' (x T)') of the fixed portion (x V x' in the user's units cancels
    terms near 1e18)."""
    values = predictions(fitted, run, command, "stdp")
    assert np.all(values[0] > 0.05)
    np.testing.assert_allclose(values[1], values[0], rtol=1e-6)


def _vectors(out, title):
    """[(column names, row r1 as numbers)] of each printed ``title`` vector (maximize's trace,
    gradient)."""
    found = []
    for block in out.split(title)[1:]:
        names, values = re.search(r"^ +(\S.*)\nr1 +(.*)$", block, re.M).groups()
        found.append((names.split(), [float(v) for v in values.split()]))
    return found


@pytest.mark.parametrize("command", ["logit yb {x} x2, trace gradient", "mlogit yo {x} x2, trace"])
def test_trace_and_gradient_records_of_a_shifted_fit(fitted, command):
    """maximize's records fitted on shifted columns and shown in the user's units: each
    parameter vector is xr's with the constants moved (c = c(xr) - 1e9 b); near's gradient is
    xr's plus 1e9 times the constant's (sum (xr + 1e9) r)."""
    out0, s0 = fitted(command.format(x="xr"))
    out1, s1 = fitted(command.format(x="near"))
    assert "not concave" not in out1 and "convergence not achieved" not in out1
    assert [r for r in _table_rows(out1) if r[0] != "_cons"] == [r for r in _table_rows(out0) if r[0] != "_cons"]
    traces0, traces1 = _vectors(out0, "Parameter vector:"), _vectors(out1, "Parameter vector:")
    assert len(traces1) == len(traces0) >= 3
    for (names, t0), (_, t1) in zip(traces0, traces1):
        assert len(t0) == len(t1) == len(names) and "_cons" in names
        for name, v0, v1 in zip(names, t0, t1):
            if name != "_cons":
                assert v1 == pytest.approx(v0, rel=1e-6, abs=1e-7), name
    if "gradient" in command:  # logit: near, x2, _cons
        for (_, g0), (_, g1) in zip(_vectors(out0, "Gradient vector"), _vectors(out1, "Gradient vector")):
            assert g1[1:] == pytest.approx(g0[1:], rel=1e-5, abs=1e-7)  # x2's and the constant's
            # g0[2] printed to four digits: 1e9 times it to about 1e-4
            assert g1[0] == pytest.approx(g0[0] + 1e9 * g0[2], rel=1e-3, abs=1e-3)


@pytest.mark.parametrize("command", ["logit yb {x} x2, constraints(1)", "ologit yo {x} x2, constraints(1)",
                                     "glm yb {x} x2, family(binomial) constraints(1)",
                                     "mlogit yo {x} x2, constraints(2)"])
def test_constrained_fits_on_a_shifted_column(fitted, command):
    """R b = r holds as R T b' = r in the fitted metric; the parameters it fixes print
    ``(constrained)`` as xr's do, every other row but the constants' and cutpoints' the same text."""
    setup = "constraint 1 x2 = -0.3\nconstraint 2 [2]x2 = [3]x2\n"
    out0, s0 = fitted(setup + command.format(x="xr"))
    out1, s1 = fitted(setup + command.format(x="near"))
    assert "convergence not achieved" not in out1 and "not concave" not in out1
    moved = ("_cons", "/cut1", "/cut2", "/cut3")
    rows0 = [r for r in _table_rows(out0) if r[0] not in moved]
    assert [r for r in _table_rows(out1) if r[0] not in moved] == rows0
    assert any("(constrained)" in row for _, row in rows0) or "mlogit" in command
    assert s1.e.scalars["ll"] == pytest.approx(s0.e.scalars["ll"], rel=1e-10)


def test_margins_after_a_constrained_shifted_fit(fitted, run):
    _same_margins(fitted, run, "constraint 1 x2 = -0.3\nlogit yb {x} x2, constraints(1)", "margins, dydx(*)")


@pytest.mark.parametrize("line", ["glm yb huge x2, family(binomial)", "glm yb huge x2, family(binomial) vce(robust)",
                                  "glm yb huge x2, family(binomial) vce(opg)"])
def test_glm_on_a_column_near_1e300_stops_without_a_warning(new_session, run, data, line):  # noqa: F811
    """No rescaling past the double range: the raw metric's overflow is its stop, r(430) --
    quietly (mlmcli's RuntimeWarnings are errors here; before, one ended the run as r(9999))."""
    session = new_session(data.assign(huge=data.x1 * 1e300 + 1e300))
    out, rc = run(session, line)
    assert rc == 430, out
    assert "convergence not achieved" in out and "internal error" not in out


def test_zinb_where_alpha_goes_to_zero(fitted, data):  # noqa: F811
    """cnt is Poisson: ln alpha runs off towards -inf, where its curvature vanishes and the stop
    depends on the column's own centring (xr and xr + .25 stop at ln alpha -15.8 and -13.0).
    near's fit is the fit on its own centred column near - mean(near) exactly, its ll xr's."""
    mean = float(np.mean(data.near))
    _, s1 = fitted("zinb cnt near x2, inflate(x2)")
    _, s2 = fitted(f"generate double centred = near - {mean!r}\nzinb cnt centred x2, inflate(x2)")
    _, s0 = fitted("zinb cnt xr x2, inflate(x2)")
    b1, b2 = (s.e.matrices["b"].values.ravel() for s in (s1, s2))
    assert b1[-1] < -10 and b2[-1] == pytest.approx(b1[-1], rel=1e-9)
    np.testing.assert_allclose(b1[[0, 1, 3, 4]], b2[[0, 1, 3, 4]], rtol=1e-7)
    np.testing.assert_allclose(s1.e.matrices["V"].values[-1, -1], s2.e.matrices["V"].values[-1, -1], rtol=1e-6)
    assert s1.e.scalars["ll"] == pytest.approx(s0.e.scalars["ll"], rel=1e-8)
