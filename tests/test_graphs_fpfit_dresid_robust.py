"""twoway fpfit predopts(dresid) after estcmd(qreg), estcmd(rreg) and estcmd(cnreg), from the
plotted objects: frac_chk gives qreg and rreg fracpoly's dist 0, for which fracpred.ado's residual
is y - xb at e(sample)'s rows (times sqrt(w / mean w) with weights); cnreg dist 6, for which it
computes nothing (the variable stays missing, nothing drawn).  qreg against quantreg
(tests/graphs_reference/fpfit_dresid_robust.R); rreg against mlm's rreg command on the chosen
terms, with the points whose kept row rreg's Cook's D screening leaves out of e(sample) missing
(R's cooks.distance, the same script)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import artists, drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent
AUTO = pd.read_csv(HERE / "reference_values" / "auto_subset.csv").astype(float)
REFERENCE = json.loads((HERE / "graphs_reference" / "fpfit_dresid_robust.json").read_text())


def _session(df) -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.copy(), types={k: "double" for k in df})
    return session


@pytest.fixture
def s() -> Session:
    df = AUTO.copy()
    df["fw"] = 1.0 + (np.arange(1, len(df) + 1) % 3)
    return _session(df)


def test_qreg_dresid_is_y_minus_xb_as_quantreg(s):
    graph, fig = drawn(s, "twoway fpfit price weight, estcmd(qreg) predopts(dresid) legend(on)")
    line = graph.panels[0].series[0]
    ref = REFERENCE["qreg"]
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["dresid"], rtol=1e-7, atol=1e-6)
    assert legend_texts(fig) == ["deviance residuals for price"]
    (lines,) = artists(fig, "p1-s1-line")  # the residuals joined, as matplotlib draws them
    vertices = np.concatenate([segment for segment in lines.get_segments()])
    gaps = np.abs(vertices[:, 1][:, None] - np.asarray(ref["dresid"])[None, :])
    assert gaps.min(axis=1).max() < 1e-5 and gaps.min(axis=0).max() < 1e-5


def test_qreg_dresid_with_fweights_scaled_by_sqrt_w_over_mean_w(s):
    graph, _ = drawn(s, "twoway fpfit price weight [fw=fw], estcmd(qreg) predopts(dresid)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["qreg_fw"]["dresid"], rtol=1e-7, atol=1e-6)


def test_qreg_dresid_band_is_the_residual_plus_minus_t_stdp(s):
    """fpfitci: twoway__fpfit_serset's band around fracpred's variable, the residual here."""
    graph, _ = drawn(s, "twoway fpfitci price weight, estcmd(qreg) predopts(dresid)")
    band, line = graph.panels[0].series
    fit_graph, _ = drawn(s, "twoway fpfitci price weight, estcmd(qreg)")
    fit_band, fit_line = fit_graph.panels[0].series
    np.testing.assert_allclose(band.y2 - band.y, fit_band.y2 - fit_band.y, rtol=1e-9)
    np.testing.assert_allclose((band.y + band.y2) / 2, line.y, rtol=1e-9, atol=1e-6)


def _rreg_terms(v, p1, p2):
    a = np.log(v) if p1 == 0 else v ** p1
    b = (np.log(v) if p2 == 0 else v ** p2) * (np.log(v) if p1 == p2 else 1)
    return np.column_stack([a, b, np.ones(v.size)])


def test_rreg_dresid_and_fit_missing_where_cooks_d_drops_the_row():
    from mlmcli.fractional_polynomials import POWERS
    from mlmcli.robust.biweight_regression import fit_biweight

    ref = REFERENCE["rreg"]
    df = AUTO.copy()
    df.loc[ref["outlier_row"][0], "price"] = ref["outlier_price"][0]
    s = _session(df)
    z, y = df.weight.to_numpy() / 1000, df.price.to_numpy()
    pairs = [(p1, p2) for i, p1 in enumerate(POWERS) for p2 in POWERS[i:]]
    best = min(pairs, key=lambda p: fit_biweight(y, _rreg_terms(z, *p)).rss)
    dropped = ref["out_of_sample"][f"{best[0]:g} {best[1]:g}"]
    cols = _rreg_terms(z, *best)
    s.data.set_variable("t1", cols[:, 0], vtype="double")
    s.data.set_variable("t2", cols[:, 1], vtype="double")
    run(s, "rreg price t1 t2, nolog")
    b = s.e.matrices["b"].values[0]
    order = np.lexsort((y, df.weight.to_numpy()))
    first = order[np.r_[True, np.diff(df.weight.to_numpy()[order]) != 0]]
    expected = y[first] - cols[first] @ b
    out_of_sample = np.isin(first, dropped)
    assert out_of_sample.sum() >= 1  # the heaviest car's point
    expected[out_of_sample] = np.nan
    at = np.unique(df.weight.to_numpy())
    inside = ~out_of_sample  # the line passes over the missing points
    graph, _ = drawn(s, "twoway fpfit price weight, estcmd(rreg) predopts(dresid)")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.x, at[inside])
    np.testing.assert_allclose(line.y, expected[inside], rtol=1e-7, atol=1e-6)
    # the fitted line: fracpred predicts if e(sample), so the point there is missing too ...
    fit, _ = drawn(s, "twoway fpfitci price weight, estcmd(rreg)")
    band, line = fit.panels[0].series
    xb = _rreg_terms(at / 1000, *best) @ b
    np.testing.assert_allclose(line.x, at[inside])
    np.testing.assert_allclose(line.y, xb[inside], rtol=1e-8)
    np.testing.assert_allclose(band.x, at[inside])
    # ... unless predopts(all); the band's stdp (fracpred without all) stays missing there
    everywhere, _ = drawn(s, "twoway fpfitci price weight, estcmd(rreg) predopts(all)")
    band_all, line_all = everywhere.panels[0].series
    np.testing.assert_allclose(line_all.x, at)
    np.testing.assert_allclose(line_all.y, xb, rtol=1e-8)
    np.testing.assert_allclose(band_all.x, at[inside])
    # dresid stays missing out of e(sample) with all (residual's replace ... if e(sample)==0)
    resid_all, _ = drawn(s, "twoway fpfit price weight, estcmd(rreg) predopts(dresid all)")
    np.testing.assert_allclose(resid_all.panels[0].series[0].y, expected[inside], rtol=1e-7, atol=1e-6)


def test_cnreg_dresid_draws_nothing():
    rng = np.random.default_rng(3)
    x = np.round(rng.uniform(1, 10, 60), 2)
    y = 1 + np.log(x) + rng.normal(0, .5, 60)
    c = np.where(y > 2.6, 1.0, 0.0)
    s = _session(pd.DataFrame({"y": np.minimum(y, 2.6), "x": x, "c": c}))
    out, rc = run(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c)) predopts(dresid)")
    assert rc == 0 and "not supported" not in out
    graph, fig = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c)) predopts(dresid)")
    line = graph.panels[0].series[0]
    assert not np.isfinite(line.y).any()  # every point missing: nothing drawn
    fitted, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c))")
    assert np.isfinite(fitted.panels[0].series[0].y).all()
