"""Far-out regressors across the ML engines: a regressor near 1e9 (near = x + 1e9) and one
scaled by 1e-9 (tiny = x * 1e-9) in the single-level fits (logit, probit, poisson, nbreg,
ologit, oprobit: ``glm.rescaled_fit``), the me commands (melogit, mepoisson, meologit,
meqrlogit), xtologit/xtoprobit (``glmm.rescaled_fit`` through ``me.fit_and_log``) and the
conditional fits (clogit, xtlogit fe: ``ColumnRescaling(shift_free=True)``).

The reference is the same model on the unshifted column: xr = near - 1e9 (exact: the subtraction
of two doubles this close is) holds the very values near does, so every printed row but the
constant's (or the cutpoints') is the same text, the log likelihood is the same to rounding,
and _cons = _cons(xr) - 1e9 b (an ordered model's cuts + 1e9 b).  Before: 'not concave' for
16,000 iterations, SEs near 1e-20, r(430).  tiny's fit is x's with b * 1e-9 (no shift needed:
scaled columns keep the fit in the user's units, as before).  A column near 1e300 keeps the
raw metric's stop (``metric_representable``)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from tests.cached_fits import cached_fits, estimates

G, T = 40, 6


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """40 panels of 6: a binary, an ordered (4 levels) and a count outcome with a panel effect;
    x1, x2, and x1 near 1e9 (near), its exact unshifted values (xr), x1 scaled by 1e-9 (tiny)."""
    rng = np.random.default_rng(11)
    panel_of, wave = np.divmod(np.arange(G * T), T)
    x1, x2 = rng.normal(size=(2, G * T))
    effect = rng.normal(size=G)[panel_of]
    latent = 0.5 * x1 - 0.3 * x2 + effect + rng.logistic(size=G * T)
    df = pd.DataFrame({"id": panel_of + 1, "t": wave + 1, "x1": x1, "x2": x2,
                       "yb": (latent > np.median(latent)).astype(float),
                       "yo": 1.0 + np.digitize(latent, np.quantile(latent, [0.25, 0.5, 0.75]))})
    df["cnt"] = rng.poisson(np.exp(0.3 * x1 + 0.5 * effect)).astype(float)
    df["near"] = x1 + 1e9
    df["xr"] = df["near"] - 1e9
    df["tiny"] = x1 * 1e-9
    return df


@pytest.fixture(scope="module")
def fitted(panel, new_session, run):
    """``fitted(line) -> (printed, session)``: each line fitted once in its own session."""
    return cached_fits(panel, new_session, run)


def _printed_rows(out):
    """{row name: the printed row with its name cut} of the coefficient table, and the log
    likelihood's line."""
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^ *(\S+) (\|.*\d.*)$", out, re.M)}
    rows["ll"] = re.search(r"^Log (pseudo)?likelihood.*$", out, re.M).group(0)
    return rows


SINGLE = ["logit yb {x} x2", "probit yb {x} x2", "cloglog yb {x} x2", "poisson cnt {x} x2, exposure(t)",
          "nbreg cnt {x} x2",
          "ologit yo {x} x2", "oprobit yo {x} x2", "logit yb {x} x2, vce(robust)",
          "poisson cnt {x} x2, vce(cluster id)"]
MULTILEVEL = ["melogit yb {x} x2 || id:", "mepoisson cnt {x} x2 || id:", "meologit yo {x} x2 || id:",
              "meqrlogit yb {x} x2 || id:", "xtologit yo {x} x2", "xtoprobit yo {x} x2"]
ORDERED = ("ologit", "oprobit", "meologit", "xtologit", "xtoprobit")


@pytest.mark.parametrize("command", SINGLE + MULTILEVEL)
def test_a_regressor_near_1e9_gives_the_unshifted_fit(fitted, command):
    out0, e0, b0, se0 = estimates(fitted, command.format(x="xr"))
    out1, e1, b1, se1 = estimates(fitted, command.format(x="near"))
    assert "convergence not achieved" not in out1 and out1.count("not concave") == out0.count("not concave")
    assert e1.scalars["converged"] == 1
    assert e1.scalars["ll"] == pytest.approx(e0.scalars["ll"], rel=1e-12)
    rows0, rows1 = _printed_rows(out0), _printed_rows(out1)
    assert rows1.pop("near") == rows0.pop("xr")  # the slope, its SE, z and interval as printed
    shifted = {"_cons"} | {n for n in rows0 if n.startswith("/cut")}
    same = set(rows0) - shifted
    assert len(same) >= 2 and len(shifted & set(rows0)) >= 1
    for name in same:  # x2, the ancillary and variance rows, the log likelihood: the same text
        assert rows1[name] == rows0[name], name
    assert b1["near"] == pytest.approx(b0["xr"], rel=1e-7)
    assert se1["near"] == pytest.approx(se0["xr"], rel=1e-7)
    if command.split()[0] in ORDERED:  # F(cut - x b): the cuts take the shift
        cuts = [n for n in b0 if n.startswith("cut") or n.startswith("/cut")]
        assert cuts
        for name in cuts:
            assert b1[name] == pytest.approx(b0[name] + 1e9 * b0["xr"], rel=1e-7)
    else:
        assert b1["_cons"] == pytest.approx(b0["_cons"] - 1e9 * b0["xr"], rel=1e-7)
    if "chi2" in e0.scalars:
        assert e1.scalars["chi2"] == pytest.approx(e0.scalars["chi2"], rel=1e-6)


@pytest.mark.parametrize("command", ["logit yb {x} x2", "nbreg cnt {x} x2", "ologit yo {x} x2",
                                     "melogit yb {x} x2 || id:", "xtoprobit yo {x} x2"])
def test_a_regressor_scaled_by_1e_minus_9_gives_the_unscaled_fit(fitted, command):
    out0, e0, b0, se0 = estimates(fitted, command.format(x="x1"))
    out1, e1, b1, se1 = estimates(fitted, command.format(x="tiny"))
    assert "convergence not achieved" not in out1 and out1.count("not concave") == out0.count("not concave")
    assert b1["tiny"] * 1e-9 == pytest.approx(b0["x1"], rel=1e-7)
    assert se1["tiny"] * 1e-9 == pytest.approx(se0["x1"], rel=1e-6)
    assert e1.scalars["ll"] == pytest.approx(e0.scalars["ll"], rel=1e-10)
    rows0, rows1 = _printed_rows(out0), _printed_rows(out1)
    for name in set(rows0) - {"x1"}:
        assert rows1[name] == rows0[name], name


@pytest.mark.parametrize("command", ["clogit yb {x} x2, group(id)", "xtlogit yb {x} x2, fe",
                                     "clogit yb {x} x2, group(id) vce(robust)"])
def test_conditional_fits_on_a_regressor_near_1e9(fitted, command):
    """The conditional likelihood is free of a shift: its ColumnRescaling centres near without a
    constant to move it into (one piece with the others' since this round)."""
    out0, e0, b0, se0 = estimates(fitted, command.format(x="xr"))
    out1, e1, b1, se1 = estimates(fitted, command.format(x="near"))
    assert "not concave" not in out1
    rows0, rows1 = _printed_rows(out0), _printed_rows(out1)
    assert rows1.pop("near") == rows0.pop("xr")
    for name in rows0:
        assert rows1[name] == rows0[name], name
    assert se1["near"] == pytest.approx(se0["xr"], rel=1e-7)


@pytest.mark.parametrize("command,statistic", [("logit yb {x} x2", "pr"), ("ologit yo {x} x2", "pr outcome(#2)"),
                                               ("poisson cnt {x} x2", "n"), ("melogit yb {x} x2 || id:", "mu")])
def test_predictions_after_a_shifted_fit(fitted, run, command, statistic):
    """The fit kept holds the user's design: predict reads near itself."""
    values = []
    for x in ("xr", "near"):
        session = fitted(command.format(x=x))[1]
        out, rc = run(session, f"capture drop p\npredict double p, {statistic}")
        assert rc == 0, out
        values.append(session.data.numeric("p"))
    np.testing.assert_allclose(values[1], values[0], rtol=1e-6)  # x b near 1e9 less its constant


@pytest.mark.parametrize("command,predict", [("logit yb {x} x2, vce(robust)", ""),
                                             ("ologit yo {x} x2, vce(robust)", " predict(outcome(#2))"),
                                             ("poisson cnt {x} x2, vce(cluster id)", "")])
def test_margins_unconditional_after_a_shifted_robust_fit(fitted, run, command, predict):
    """margins' vce(unconditional) reads each row's influence (-H)^-1 s_j: in the user's units
    -H is singular to rounding (logit: an SE of .0015 for .0322); the fit's own rows are the
    fitted metric's, mapped back."""
    printed = []
    for x in ("xr", "near"):
        session = fitted(command.format(x=x))[1]
        out, rc = run(session, f"margins, dydx(x2) vce(unconditional){predict}")
        assert rc == 0, out
        printed.append(re.search(r"^ +x2 (\|.*)$", out, re.M).group(1))
    assert printed[1] == printed[0]


def test_from_values_in_the_users_units(new_session, run, panel):
    """from() holds the user's parameters: mapped to the rescaled ones, the fit starts there
    (at xr's optimum moved to near's constant: converged at iteration 0)."""
    session = new_session(panel)
    out, rc = run(session, "melogit yb xr x2 || id:\nmatrix b = e(b)\nmatrix b[1,3] = b[1,3] - 1e9*b[1,1]\n"
                           "scalar ll_xr = e(ll)\nmelogit yb near x2 || id:, from(b, copy)")
    assert rc == 0, out
    full = out.split("Fitting full model:")[-1]
    assert re.findall(r"^Iteration \d+:", full, re.M) == ["Iteration 0:"], full
    assert session.e.scalars["ll"] == pytest.approx(session.scalars["ll_xr"], rel=1e-12)


@pytest.mark.parametrize("line", ["logit yb huge x2", "ologit yo huge x2", "melogit yb huge || id:"])
def test_a_regressor_near_1e300_keeps_the_raw_metric_stop(new_session, run, panel, line):
    """X'X past the double range in the user's units (huge = 1e300 x + 1e300: its mean far
    beyond its spread, as near's): no rescaling, the fit stays in the raw metric and stops
    as ml does there, r(430), as before this round (the fuzz rounds pin the 1e300 columns)."""
    session = new_session(panel.assign(huge=panel.x1 * 1e300 + 1e300))
    out, rc = run(session, "quietly xtset id t\n" + line)
    assert rc == 430, out
    assert "convergence not achieved" in out


# ------------------------------------------------------------------ the column map itself
def test_cutpoints_take_the_shift_in_an_ordered_model():
    """F(cut - x b) = F(cut' - x' b'): cut = cut' + shift'b, the other parameters as for a
    constant; from_user inverts to_user; the Hessian maps by T^-T H' T^-1."""
    from mlmcli.panel.centred_fit import far_column_rescaling

    rng = np.random.default_rng(2)
    n = 60
    x = rng.normal(size=n)
    X = np.column_stack([x + 1e9, rng.normal(size=n), x * 1e-9])
    r = far_column_rescaling(X, constant=False, cutpoints=3)
    assert r is not None and r.shift[0] == pytest.approx(1e9, abs=1) and list(r.shift[1:]) == [0, 0]
    assert r.scale[0] == r.scale[1] == 1 and 0.5 <= np.max(np.abs(X[:, 2])) * r.scale[2] < 1  # a power of two
    theta_p = rng.normal(size=3 + 3 + 1)  # 3 slopes, 3 cuts, a variance parameter
    theta = r.to_user(theta_p)
    Xp = r.apply(X)
    for j in range(3):  # cut - x b the same number
        np.testing.assert_allclose(theta[3 + j] - X @ theta[:3], theta_p[3 + j] - Xp @ theta_p[:3], atol=1e-5)
    assert theta[6] == theta_p[6]
    np.testing.assert_allclose(r.from_user(theta), theta_p, rtol=1e-7, atol=1e-7)
    # the Hessian: the quadratic q'(theta') = theta'H'theta'/2 is q(theta) = q'(T^-1 theta) (a
    # moderate map, so the check itself keeps its digits)
    from mlmcli.panel.centred_fit import ColumnRescaling

    small = ColumnRescaling(np.array([3.0, 0.0, -2.0]), np.array([1.0, 0.25, 4.0]), False, cutpoints=3)
    A = rng.normal(size=(7, 7))
    H_p = -(A @ A.T)
    H = small.hessian_to_user(H_p)
    for _ in range(3):
        t = rng.normal(size=7)
        t_p = small.from_user(t)
        assert t @ H @ t == pytest.approx(t_p @ H_p @ t_p, rel=1e-12)
    assert far_column_rescaling(X, constant=False).shifted is False  # nothing absorbs a shift: scaled only


def test_a_shift_free_likelihood_maps_the_slopes_alone():
    from mlmcli.panel.centred_fit import far_column_rescaling

    rng = np.random.default_rng(4)
    x = rng.normal(size=30)
    X = np.column_stack([x + 1e9, x * 1e9, rng.normal(size=30)])
    r = far_column_rescaling(X, constant=False, shift_free=True)
    assert r.shifted and r.shift[0] == pytest.approx(1e9, abs=1) and r.shift[1] == 0 == r.shift[2]
    assert 0.5 <= np.max(np.abs(X[:, 1])) * r.scale[1] < 1 and r.scale[0] == r.scale[2] == 1
    b_p = rng.normal(size=3)
    np.testing.assert_array_equal(r.to_user(b_p), b_p * r.scale)
    H_p = -np.eye(3)
    np.testing.assert_array_equal(r.hessian_to_user(H_p), H_p / np.outer(r.scale, r.scale))
