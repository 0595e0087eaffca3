"""twoway fpfit/fpfitci ``estcmd(clogit|xtgee|mlogit)`` (``graphs.fpfit_grouped_models``):
fracpoly's search by clogit's deviance and by xtgee's -e(chi2), fracpred's x b and stdp at the
distinct x (missing where the kept row is out of e(sample)), the band with the normal
quantile -- values from R (``tests/graphs_reference/fpfit_grouped.R``: survival::clogit,
geepack::geeglm) -- and fracpred's refusal of mlogit, Stata's note when fracpoly fails, and the
refusals."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_grouped.json").read_text())


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "g", "t")})
    df["m"] = 1.0 + (df.x > 4) + (df.x > 8) * (df.y)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _line_and_band(graph):
    band, line = graph.panels[0].series
    return band, line


def test_clogit_curve_band_and_dropped_groups_match_r(s):
    ref = REFERENCE["clogit"]
    graph, fig = drawn(s, "twoway fpfitci y x, estcmd(clogit) estopts(group(g) or nolog) legend(on)")
    band, line = _line_and_band(graph)
    drawn_ref = np.asarray(ref["drawn"], bool)
    assert 0 < drawn_ref.sum() < len(drawn_ref)
    # points whose row clogit dropped are missing (the line connects over them, as cmissing(y))
    np.testing.assert_allclose(line.x, np.asarray(ref["at"])[drawn_ref])
    np.testing.assert_allclose(line.y, np.asarray(ref["xb"])[drawn_ref], rtol=1e-5, atol=1e-7)
    half = (band.y2 - band.y) / (2 * norm.ppf(0.975))
    np.testing.assert_allclose(half, np.asarray(ref["se"])[drawn_ref], rtol=1e-5)
    assert legend_texts(fig) == ["95% CI", "Fitted values"]
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= np.nanmin(band.y) and hi >= np.nanmax(band.y2)


def test_clogit_stdp_and_strata(s):
    ref = REFERENCE["clogit"]
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(clogit) estopts(strata(g)) predopts(stdp)")
    keep = np.asarray(ref["drawn"], bool)
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.asarray(ref["se"])[keep], rtol=1e-5)


def test_xtgee_search_by_wald_chi2_matches_geepack(s):
    ref = REFERENCE["xtgee"]
    graph, fig = drawn(s, "xtset g t\ntwoway fpfitci y x, estcmd(xtgee) "
                          "estopts(family(binomial) link(logit) corr(independent) vce(robust))")
    band, line = _line_and_band(graph)
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)


@pytest.mark.parametrize("estopts", ["family(binomial)", "family(poisson) corr(unstructured)", ""])
def test_xtgee_curve_is_the_xtgee_command_on_the_chosen_terms(s, estopts):
    """The drawn line and band at the distinct x are xtgee's own fit (the command: its
    conventional variance, the family's scale) on the terms of the power pair with the largest
    e(chi2) among the 36."""
    graph, _ = drawn(s, f"xtset g t\ntwoway fpfitci y x, estcmd(xtgee) estopts({estopts})")
    band, line = _line_and_band(graph)
    best = None
    from itertools import combinations_with_replacement
    for p in combinations_with_replacement((-2, -1, -0.5, 0, 0.5, 1, 2, 3), 2):
        gen = []
        for i, q in enumerate(p):
            term = "ln(x/10)" if q == 0 else f"(x/10)^({q})"
            if i == 1 and p[0] == p[1]:
                term = "f1*ln(x/10)"
            gen.append(f"capture drop f{i + 1}\ngen double f{i + 1} = {term}")
        out, rc = run(s, "\n".join(gen) + f"\nxtgee y f1 f2, {estopts} nolog")
        assert rc == 0, out
        if best is None or s.e.scalars["chi2"] > best[0] + 1e-9:
            best = (s.e.scalars["chi2"], p, s.e.matrices["b"].values[0].copy(), s.e.matrices["V"].values.copy())
    terms = []
    for i, q in enumerate(best[1]):
        z = np.asarray(line.x) / 10
        terms.append(terms[0] * np.log(z) if i == 1 and best[1][0] == q else (np.log(z) if q == 0 else z ** q))
    X0 = np.column_stack(terms + [np.ones(len(z))])
    np.testing.assert_allclose(line.y, X0 @ best[2], rtol=1e-6, atol=1e-8)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, best[3], X0))
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), se, rtol=1e-6)


def test_xtgee_needs_panels_and_draws_no_deviance_residuals(s):
    out, rc = run(s, "twoway fpfit y x, estcmd(xtgee)")  # not xtset: xtgee fails inside fracpoly
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    assert not np.isfinite(s.graphs[-1].panels[0].series[0].y).any()
    graph, fig = drawn(s, "twoway fpfit y x, estcmd(xtgee) estopts(i(g) family(binomial)) predopts(dresid) legend(on)")
    assert not np.isfinite(graph.panels[0].series[0].y).any() and legend_texts(fig) == ["deviance residuals for y"]


def test_mlogit_fits_then_fracpred_refuses(s):
    out, rc = run(s, "twoway fpfit m x, estcmd(mlogit)", stop_on_error=False)
    assert rc == 198 and "mlogit not yet supported by fracpred" in out
    out, rc = run(s, "gen one = 1\ntwoway fpfit one x, estcmd(mlogit)")  # mlogit fails: fracpoly's note
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    # mlogit's optimiser options change its path only: the fit stands and fracpred refuses it
    for estopts in ("iterate(1)", "tolerance(1e-4) ltolerance(1e-6) nrtolerance(1e-3)", "difficult technique(bhhh)"):
        out, rc = run(s, f"twoway fpfit m x, estcmd(mlogit) estopts({estopts})", stop_on_error=False)
        assert rc == 198 and "mlogit not yet supported by fracpred" in out, estopts
    out, rc = run(s, "twoway fpfit one x, estcmd(mlogit) estopts(iterate(5))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


def test_mlogit_constraints_and_from_in_every_fit(s):
    """estopts(constraints() from()) go to each mlogit fit fracpoly runs: valid ones leave the
    fits standing (fracpred's refusal), an undefined constraint or a from() every fit rejects
    makes every fit fail (fracpoly's note)."""
    refused = "mlogit not yet supported by fracpred"
    values = sorted(set(s.data.numeric("m")))
    run(s, f"constraint 1 [{values[0]:g}]_cons = 0\nconstraint 2 [{values[0]:g}]nosuch = 0")
    for estopts in ("constraints(1)", "constraints(1 2)", f"from({values[0]:g}:_cons=.1)",
                    "from(nosuch:x=1, skip)"):
        out, rc = run(s, f"twoway fpfit m x, estcmd(mlogit) estopts({estopts})", stop_on_error=False)
        assert rc == 198 and refused in out, estopts
    for estopts in ("constraints(9)", "from(nosuch:x=1)", "from(1 2 3, copy)", "from(nomatrix)"):
        out, rc = run(s, f"twoway fpfit m x, estcmd(mlogit) estopts({estopts})")
        assert rc == 0 and "(note:  fracpoly could not fit model)" in out, estopts


@pytest.mark.parametrize("text, message, rc", [
    ("twoway fpfit y x, estcmd(clogit) estopts(group(g)) predopts(dresid)",
     "dresid option of fracpred not supported for clogit", 198),
    ("twoway fpfitci y x, estcmd(clogit) estopts(group(g)) stdf", "option stdf not allowed", 198),
])
def test_errors(s, text, message, rc):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out


@pytest.mark.parametrize("estopts", ["", "estopts(group(g) noconstant)", "estopts(group(g) strata(g))"])
def test_clogit_failing_inside_fracpoly_is_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfit y x, estcmd(clogit) {estopts}")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    assert not np.isfinite(s.graphs[-1].panels[0].series[0].y).any()


@pytest.mark.parametrize("text", [
    "twoway fpfit y x, estcmd(clogit) estopts(group(g) score(sc))",
    "twoway fpfit y x, estcmd(clogit) estopts(sc(sc) group(g) vce(robust)) predopts(dresid)",
    "twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(jackknife, saving(jk)) score(sc)) stdf",
    "twoway fpfit y x, estcmd(clogit) estopts(group(g) score(y))",  # an existing variable: the first fit
])
def test_clogit_score_makes_fracpoly_fail(s, text):
    """clogit's score(newvar): the second fit that reaches clogit's confirm new var stops (the
    final model's, not captured), so fracpoly fails whatever else is typed -- fracpred, which
    would refuse dresid and stdf, never runs -- and the serset's preserve drops the variable."""
    out, rc = run(s, text)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    assert not any(np.isfinite(series.y).any() for series in s.graphs[-1].panels[0].series)
    assert "sc" not in s.data.varnames
    out, rc = run(s, "twoway fpfit y x, estcmd(clogit) estopts(group(g) sc(sc))")
    assert rc == 0 and "(note:  fracpoly" in out  # the same with score's shortest abbreviation


def test_xtgee_for_x_adds_the_constant(s):
    """predopts(for(x)) after xtgee (a constant): fracpred adds _b[_cons] and, with stdp, its
    variance and covariances -- with the one x, geepack's x b and its stdp."""
    ref = REFERENCE["xtgee"]
    opts = "estopts(family(binomial) link(logit) corr(independent) vce(robust))"
    graph, _ = drawn(s, f"xtset g t\ntwoway fpfit y x, estcmd(xtgee) {opts} predopts(for(x))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, ref["xb"], rtol=1e-5, atol=1e-7)
    graph, _ = drawn(s, f"xtset g t\ntwoway fpfit y x, estcmd(xtgee) {opts} predopts(for(x) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, ref["se"], rtol=1e-5)
