"""twoway fpfit/fpfitci with estcmd(qreg) and estcmd(rreg): the powers by frac_dv's deviance,
the curve and its stdp band (t on e(df_r)) from the matplotlib objects; quantreg's search and
fit (tests/reference_values/robust_regression_reference.R) for qreg, the rreg command on the
chosen terms for rreg; the note when the command fails inside fracpoly."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "reference_values"
AUTO = pd.read_csv(HERE / "auto_subset.csv").astype(float)
R_VALUES = json.loads((HERE / "robust_regression_reference.json").read_text())


@pytest.fixture
def s() -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=AUTO.copy(), types={k: "double" for k in AUTO})
    return session


def test_qreg_curve_matches_quantreg_and_band_uses_t(s):
    from mlmcli.distributions import t as student_t

    graph, fig = drawn(s, "twoway fpfitci price weight, estcmd(qreg) legend(on)")
    band, line = graph.panels[0].series
    ref = R_VALUES["fpfit_qreg"]
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-9)
    # the final model is qreg's on the chosen terms (powers 3 3: z^3, z^3 ln z): its stdp
    z = AUTO.weight.to_numpy() / 1000
    s.data.set_variable("t1", z ** 3, vtype="double")
    s.data.set_variable("t2", z ** 3 * np.log(z), vtype="double")
    out, rc = run(s, "qreg price t1 t2")
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    at = np.asarray(ref["at"]) / 1000
    X0 = np.column_stack([at ** 3, at ** 3 * np.log(at), np.ones(at.size)])
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-9)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    q = float(student_t.ppf(0.975, 74 - 3))
    np.testing.assert_allclose(band.y, X0 @ b - q * se, rtol=1e-8)
    np.testing.assert_allclose(band.y2, X0 @ b + q * se, rtol=1e-8)
    assert legend_texts(fig) == ["95% CI", "Fitted values"]
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()


def test_qreg_estopts_quantile_changes_the_curve(s):
    median, _ = drawn(s, "twoway fpfit price weight, estcmd(qreg)")
    upper, _ = drawn(s, "twoway fpfit price weight, estcmd(qreg) estopts(quantile(.9) vce(robust) nolog)")
    assert np.mean(upper.panels[0].series[0].y) > np.mean(median.panels[0].series[0].y)


def _pseudovalue_rss(y, X):
    from mlmcli.robust.biweight_regression import fit_biweight

    return fit_biweight(y, X).rss


def test_rreg_curve_is_rreg_on_the_powers_with_the_smallest_pseudovalue_rss(s):
    from mlmcli.fractional_polynomials import POWERS

    graph, fig = drawn(s, "twoway fpfitci mpg weight, estcmd(rreg) level(90)")
    band, line = graph.panels[0].series
    z = AUTO.weight.to_numpy() / 1000
    y = AUTO.mpg.to_numpy()

    def terms(v, p1, p2):
        a = np.log(v) if p1 == 0 else v ** p1
        b = (np.log(v) if p2 == 0 else v ** p2) * (np.log(v) if p1 == p2 else 1)
        return np.column_stack([a, b, np.ones(v.size)])

    pairs = [(p1, p2) for i, p1 in enumerate(POWERS) for p2 in POWERS[i:]]
    best = min(pairs, key=lambda p: _pseudovalue_rss(y, terms(z, *p)))
    cols = terms(z, *best)
    s.data.set_variable("t1", cols[:, 0], vtype="double")
    s.data.set_variable("t2", cols[:, 1], vtype="double")
    out, rc = run(s, "rreg mpg t1 t2, nolog")
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    X0 = terms(np.unique(AUTO.weight.to_numpy()) / 1000, *best)
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-8)
    from mlmcli.distributions import t as student_t

    half = float(student_t.ppf(0.95, s.e.scalars["df_r"])) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(band.y2 - band.y, 2 * half, rtol=1e-8)


@pytest.mark.parametrize("command", [
    "twoway fpfit price weight, estcmd(qreg) estopts(bogus)",
    "twoway fpfit price weight [aw=mpg], estcmd(qreg)",
    "twoway fpfit mpg weight [fw=foreign], estcmd(rreg)",
    "twoway fpfit mpg weight, estcmd(rreg) estopts(quantile(.5))"])
def test_command_failing_inside_fracpoly_gives_the_note(s, command):
    out, rc = run(s, command)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    graph, _ = drawn(s, command)
    assert all(np.isnan(series.y).all() if len(series.y) else True for series in graph.panels[0].series)


@pytest.mark.parametrize("command, message", [
    ("twoway fpfitci price weight, estcmd(qreg) stdf", "option stdf not allowed"),
    ("twoway fpfitci mpg weight, estcmd(rreg) stdr", "option stdr not allowed")])
def test_refusals(s, command, message):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 198 and message in out


def test_qreg_for_x_adds_the_constant_as_fracpred_does(s):
    """predopts(for(weight)): fracpred's pcalc, _b[Ix__j]*Ix__j summed plus _b[_cons], and
    vcalc's variance with V[_cons,_cons] and 2 V[_cons,j] Ix__j, from qreg on fracpoly's terms
    centred at the mean of z (powers 3 3), fitted here by mlm's qreg command."""
    z = AUTO.weight.to_numpy() / 1000
    def terms(v):
        return np.column_stack([v ** 3, v ** 3 * np.log(v)])
    centre = terms(np.array([z.mean()]))[0]
    Ix = terms(z) - centre
    s.data.set_variable("c1", Ix[:, 0], vtype="double")
    s.data.set_variable("c2", Ix[:, 1], vtype="double")
    run(s, "qreg price c1 c2")
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    at = np.unique(z)
    I0 = terms(at) - centre
    graph, _ = drawn(s, "twoway fpfit price weight, estcmd(qreg) predopts(for(weight))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, I0 @ b[:2] + b[2], rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit price weight, estcmd(qreg) predopts(for(weight) stdp)")
    variance = np.einsum("ij,jk,ik->i", I0, V[:2, :2], I0) + V[2, 2] + 2 * I0 @ V[2, :2]
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.sqrt(variance), rtol=1e-7)
