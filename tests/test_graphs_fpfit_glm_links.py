"""twoway fpfitci ``estcmd(glm)`` with glm's odds-power and negative binomial links:
``estopts(family(binomial) link(opower -.5))`` and ``estopts(family(nbinomial .5)
link(nbinomial))`` -- the powers by glm's deviance, fracpred's x b and its stdp band against R
(``tests/graphs_reference/fpfit_glm_links.R``, ``fpfit_glm_links.json``: custom link-glm objects)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from test_graphs_fpfit_estcmd import _band_matches, _session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_glm_links.json").read_text())


@pytest.mark.parametrize("y, options, key", [
    ("yb", "family(binomial) link(opower -.5)", "opower"),
    ("yn", "family(nbinomial .5) link(nbinomial)", "nbinomial"),
    ("yn", "fam(nb .5) link(nb) nolog", "nbinomial")])
def test_glm_link_fits_match_r(y, options, key):
    s = _session({k: REFERENCE[k] for k in ("x", "yb", "yn")})
    graph, fig, band, line = _band_matches(
        s, f"twoway fpfitci {y} x, estcmd(glm) estopts({options}) legend(on)", REFERENCE[key])
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()


def test_nbinomial_ml_with_the_nbinomial_link_draws_at_each_candidates_k():
    """family(nbinomial ml): nbreg's alpha per candidate as k, the nbinomial link reading it: a
    curve unlike the one at k = 1, x b < 0 everywhere (the link's range)."""
    from graphs_helpers import drawn

    s = _session({k: REFERENCE[k] for k in ("x", "yb", "yn")})
    ml, _ = drawn(s, "twoway fpfit yn x, estcmd(glm) estopts(family(nbinomial ml) link(nbinomial))")
    one, _ = drawn(s, "twoway fpfit yn x, estcmd(glm) estopts(family(nbinomial 1) link(nbinomial))")
    line, line_one = ml.panels[0].series[0], one.panels[0].series[0]
    assert list(line.x) == REFERENCE["nbinomial"]["at"]
    assert (line.y < 0).all() and not np.allclose(line.y, line_one.y, rtol=1e-3)


def test_binomial_denominator_with_the_nbinomial_link():
    """family(binomial n) link(nbinomial): glim_l04 on the mean itself (k = 1), as glm takes it;
    degree(1) powers(1) makes fracpoly's model glm on x, whose b R maximised
    (tests/reference_values/glm_nbinomial_link_binomial.R): the line is b0 + b1 x at the distinct
    x and dresid glm's deviance residual there (the smallest y at each x)."""
    import io

    import pandas as pd

    from graphs_helpers import drawn
    from mlmcli.dataset import Dataset
    from mlmcli.session import Output, Session

    ref = json.loads((Path(__file__).parent / "reference_values" / "glm_nbinomial_link_binomial.json").read_text())
    session = Session(out=Output(io.StringIO()))
    df = pd.DataFrame({k: np.asarray(ref[k], float) for k in ("y", "n", "x")})
    session.data = Dataset(df=df, types={k: "double" for k in df})
    options = "estcmd(glm) estopts(family(binomial n) link(nbinomial) degree(1) powers(1))"
    graph, _ = drawn(session, f"twoway fpfit y x, {options}")
    line = graph.panels[0].series[0]
    at = np.unique(df.x)
    b0, b1 = ref["b"]
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, b0 + b1 * at, rtol=1e-6)
    resid, _ = drawn(session, f"twoway fpfit y x, {options} predopts(dresid)")
    order = np.lexsort((df.y, df.x))
    first = order[np.r_[True, np.diff(df.x.to_numpy()[order]) != 0]]
    y, n = df.y.to_numpy()[first], df.n.to_numpy()[first]
    mu = 1 / np.expm1(-(b0 + b1 * df.x.to_numpy()[first]))
    with np.errstate(divide="ignore", invalid="ignore"):
        d = 2 * (np.where(y > 0, y * np.log(y / mu), 0) + np.where(n > y, (n - y) * np.log((n - y) / (n - mu)), 0))
    np.testing.assert_allclose(resid.panels[0].series[0].y, np.sign(y - mu) * np.sqrt(d), rtol=1e-5, atol=1e-7)
