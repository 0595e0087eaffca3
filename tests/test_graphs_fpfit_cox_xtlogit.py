"""twoway fpfit/fpfitci with estcmd(cox) estopts(dead()) (Stata's built-in cox, ``graphs.fpfit_cox``),
estcmd(xtlogit) re and fe (``graphs.fpfit_xtlogit``), and the weights and robust variances of
estcmd(xtreg, fe), estcmd(weibull|ereg): the powers of the largest log likelihood, fracpred's x b,
its stdp band (normal quantile) and cox's dresid against R (``tests/graphs_reference/
fpfit_cox_xtlogit.R``: survival::coxph, lme4::glmer with 12 quadrature points, survival::clogit,
lm on the panel dummies, survival::survreg)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.distributions import norm
from mlmcli.session import Output, Session

# the same stcox/xtlogit fits drawn again by the next test: tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cox_xtlogit.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"
Q = float(norm.ppf(0.975))


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "d", "g", "yb", "w", "o", "s", "t0")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _band_matches(graph, ref, rtol_xb=1e-5, rtol_se=1e-4):
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REFERENCE["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=rtol_xb, atol=1e-7)
    np.testing.assert_allclose(band.y2 - band.y, 2 * Q * np.asarray(ref["stdp"]), rtol=rtol_se, atol=1e-7)


@pytest.mark.parametrize("case, text", [
    ("cox", "twoway fpfitci y x, estcmd(cox) estopts(dead(d))"),
    ("cox_efron", "twoway fpfitci y x, estcmd(cox) estopts(dead(d) efron nolog)"),
    ("cox_fw", "twoway fpfitci y x [fw=w], estcmd(cox) estopts(dead(d))"),
    ("cox_robust", "twoway fpfitci y x, estcmd(cox) estopts(dead(d) robust)"),
    ("cox_cluster", "twoway fpfitci y x, estcmd(cox) estopts(dead(d) cluster(g))"),
    ("cox_strata", "twoway fpfitci y x, estcmd(cox) estopts(dead(d) strata(s))"),
    ("cox_t0", "twoway fpfitci y x, estcmd(cox) estopts(dead(d) t0(t0))")])
def test_cox_matches_coxph(s, case, text):
    graph, _ = drawn(s, text)
    _band_matches(graph, REFERENCE[case])


def test_cox_dresid_is_the_refit_deviance_residual(s):
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(cox) estopts(dead(d)) predopts(dresid)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["cox"]["dresid"], rtol=1e-5)


def test_xtlogit_re_matches_glmer(s):
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) re)")
    _band_matches(graph, REFERENCE["xtlogit_re"], rtol_xb=1e-3, rtol_se=1e-3)


def test_xtlogit_re_robust_band_is_xtlogits_stdp(s):
    """vce(robust): the sandwich by panel -- mlm's xtlogit, vce(robust) at the chosen powers, its stdp."""
    p = REFERENCE["xtlogit_re"]["powers"]
    run(s, f"gen t1 = x^{p[0]}\ngen t2 = x^{p[1]}*ln(x)\nxtlogit yb t1 t2, i(g) vce(robust) nolog\npredict se, stdp")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) vce(robust))")
    band, line = graph.panels[0].series
    first = [int(np.flatnonzero(np.asarray(REFERENCE["x"]) == a)[0]) for a in REFERENCE["at"]]
    np.testing.assert_allclose(line.y, REFERENCE["xtlogit_re"]["xb"], rtol=1e-3)
    np.testing.assert_allclose(band.y2 - band.y, 2 * Q * s.data.numeric("se")[first], rtol=1e-5)


def test_xtlogit_fe_matches_clogit_and_drops_uninformative_panels(s):
    """fracpred predicts in e(sample): at an x whose kept row (the smallest outcome, the first in
    the data) is in a panel whose outcome does not vary there is no point."""
    ref = REFERENCE["xtlogit_fe"]
    x, yb, g = (np.asarray(REFERENCE[k], float) for k in ("x", "yb", "g"))
    first = [int(np.flatnonzero(x == a)[np.argmin(yb[x == a])]) for a in REFERENCE["at"]]
    kept = np.isin(g[first], ref["informative"])
    assert 0 < kept.sum() < kept.size
    graph, _ = drawn(s, "xtset g\ntwoway fpfitci yb x, estcmd(xtlogit) estopts(fe)")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, np.asarray(REFERENCE["at"])[kept])
    np.testing.assert_allclose(line.y, np.asarray(ref["xb"])[kept], rtol=1e-5)
    np.testing.assert_allclose(band.y2 - band.y, 2 * Q * np.asarray(ref["stdp"])[kept], rtol=1e-4)


@pytest.mark.parametrize("case, text", [
    ("weibull_fw", "twoway fpfitci y x [fw=w], estcmd(weibull) estopts(dead(d))"),
    ("weibull_pw", "twoway fpfitci y x [pw=w], estcmd(weibull) estopts(dead(d))"),
    ("ereg_aw", "twoway fpfitci y x [aw=w], estcmd(ereg) estopts(dead(d))"),
    ("weibull_nocons", "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) noconstant)"),
    ("ereg_offset", "twoway fpfitci y x, estcmd(ereg) estopts(dead(d) offset(o))"),
    ("ereg_t0", "twoway fpfitci y x, estcmd(ereg) estopts(dead(d) t0(t0))"),
    ("weibull_t0", "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) t0(t0))")])
def test_weighted_weibull_ereg_match_survreg(s, case, text):
    graph, _ = drawn(s, text)
    _band_matches(graph, REFERENCE[case])


def test_xtreg_fe_aweights_curve_matches_weighted_within_fit(s):
    graph, _ = drawn(s, "twoway fpfit y x [aw=w], estcmd(xtreg) estopts(fe i(g))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["xtreg_fe_aw"]["xb"], rtol=1e-6)


def test_xtreg_fe_cluster_on_the_panels_is_vce_robust(s):
    """vce(cluster v) with v the panel variable is vce(robust) (clustered at the panels)."""
    robust, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe i(g) vce(robust))")
    cluster, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe i(g) cluster(g))")
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe i(g))")
    width = [g.panels[0].series[0].y2 - g.panels[0].series[0].y for g in (robust, cluster, plain)]
    np.testing.assert_allclose(width[1], width[0], rtol=1e-10)
    assert not np.allclose(width[0], width[2])


def test_xtreg_fe_weighted_band_is_the_xtreg_commands_stdp(s):
    """The band: xtreg's own weighted (pweights: robust) fit at the chosen powers, its stdp and t(e(df_r))."""
    from mlmcli.distributions import t as student

    p = REFERENCE["xtreg_fe_aw"]["powers"]
    run(s, f"gen t1 = x^{p[0]}\ngen t2 = x^{p[1]}*ln(x)\nxtreg y t1 t2 [pw=w], fe i(g)\npredict se, stdp")
    df_r = s.e.scalars["df_r"]
    graph, _ = drawn(s, "twoway fpfitci y x [pw=w], estcmd(xtreg) estopts(fe i(g))")
    band, _ = graph.panels[0].series
    first = [int(np.flatnonzero(np.asarray(REFERENCE["x"]) == a)[0]) for a in REFERENCE["at"]]
    se = s.data.numeric("se")[first]
    np.testing.assert_allclose(band.y2 - band.y, 2 * float(student.ppf(0.975, df_r)) * se, rtol=1e-6)


@pytest.mark.parametrize("text", [
    "twoway fpfit y x, estcmd(cox)",  # frac_cox: dead() required
    "twoway fpfit y x, estcmd(cox) estopts(dead(d) noconstant)",  # frac_154: noconstant invalid with cox
    "twoway fpfit y x [aw=w], estcmd(cox) estopts(dead(d))",  # cox takes no aweights
    "twoway fpfit y x [fw=w], estcmd(cox) estopts(dead(d) efron)",  # weights not with efron
    "twoway fpfit y x, estcmd(cox) estopts(dead(d) bogus)",
    "twoway fpfit y x, estcmd(cox) estopts(dead(d) mgale(m))",  # the model without x writes m: later fits fail
    "twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) pa)",  # xtgee posts no e(ll)
    "twoway fpfit yb x, estcmd(xtlogit)",  # not xtset: r(459)
    "twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) fe noconstant)",
    "twoway fpfit yb x [aw=w], estcmd(xtlogit) estopts(i(g))",
    "twoway fpfit yb x [fw=w], estcmd(xtlogit) estopts(i(g))",  # re and fe take iweights only: r(101)
    "twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) fe vce(robust))",  # fe: vce(oim) only
    "twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) intpoints(3))",  # 4..195
    "twoway fpfit y x [fw=w], estcmd(xtreg) estopts(be i(g))",  # xtreg: weights with fe only
    "twoway fpfit y x, estcmd(xtreg) estopts(be i(g) vce(robust))",
    "gen v = w + mod(_n, 2)\ntwoway fpfit y x [aw=v], estcmd(xtreg) estopts(fe i(g))",  # not constant in panel
    "twoway fpfit y x [aw=w], estcmd(weibull) estopts(dead(d))",  # weibull: fw pw iw
    "gen late = y + 1\ntwoway fpfit y x, estcmd(weibull) estopts(dead(d) t0(late))"])  # t0 >= t: r(498)
def test_failing_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and NOTE in out


def test_bootstrap_saving_without_replace_is_the_note(s, tmp_path):
    """The first fit writes f, the later fits fail on it (tests/test_graphs_fpfit_xt_bootstrap_reject.py)."""
    out, rc = run(s, f"twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) vce(bootstrap, reps(3) saving({tmp_path / 'f'})))")
    assert rc == 0 and NOTE in out and (tmp_path / "f.dta").exists()


def test_xtlogit_bootstrap_and_constraints_are_xtlogits(s):
    """vce(bootstrap) draws the band of the panels' replicates (tests/test_graphs_fpfit_xtlogit_replicates.py
    checks the numbers); an undefined constraint makes every xtlogit fit fail: the note."""
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe vce(bootstrap, reps(10) seed(1)))")
    band, line = graph.panels[0].series
    assert len(line.x) and np.all(band.y2 - band.y > 0)
    out, rc = run(s, "twoway fpfit yb x, estcmd(xtlogit) estopts(i(g) constraints(1))")
    assert rc == 0 and NOTE in out


@pytest.fixture
def outcomes(s) -> Session:
    run(s, "gen m = 1 + mod(_n*5, 3)")
    return s


@pytest.mark.parametrize("setup, estopts, noted", [
    ("", "constraints(1)", True),  # undefined: ml's r(111) in every fit
    ("constraint 1 [2]_cons = 0", "constraints(1)", False),
    ("matrix b = (1, 2)", "from(b, copy)", True),  # 2 values for 6 parameters
    ("matrix b = (1, 2, 3, 4, 5, 6)", "from(b, copy)", False),
    ("", "from(nosuch)", True),
    ("", "vce(bootstrap, reps(5))", False),
    ("", "vce(jackknife)", False)])
def test_mprobit_constraints_from_and_replicates(outcomes, setup, estopts, noted):
    """mprobit fits under them (fracpred then refuses it) unless ml cannot read them: the note."""
    if setup:
        run(outcomes, setup)
    out, rc = run(outcomes, f"twoway fpfit m x, estcmd(mprobit) estopts({estopts})", stop_on_error=False)
    if noted:
        assert rc == 0 and NOTE in out
    else:
        assert rc == 198 and "mprobit not yet supported by fracpred" in out


@pytest.mark.parametrize("weight", ["fw", "pw"])
def test_mprobit_bootstrap_takes_no_weights(outcomes, weight):
    """bootstrap: "weights not allowed" inside fracpoly (the note); jackknife takes fweights and pweights."""
    out, rc = run(outcomes, f"twoway fpfit m x [{weight}=w], estcmd(mprobit) estopts(vce(bootstrap, reps(5)))")
    assert rc == 0 and NOTE in out
    out, rc = run(outcomes, f"twoway fpfit m x [{weight}=w], estcmd(mprobit) estopts(vce(jackknife))",
                  stop_on_error=False)
    assert rc == 198 and "mprobit not yet supported by fracpred" in out


@pytest.mark.parametrize("vce", ["", "vce(jackknife, nodots)"])
def test_xtreg_mle_noconstant_is_xtreg_on_the_centred_terms(s, vce):
    """Every fit without the constant on the raw terms (the largest e(ll)), the final one on the
    terms centred at the mean of x: x b and stdp are mlm's xtreg, mle noconstant's there (under
    vce(jackknife): its leave-one-panel-out V, t on e(df_r))."""
    from itertools import combinations_with_replacement

    from mlmcli.distributions import t as student_t

    x = s.data.numeric("x")
    powers = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)

    def terms(v, p):
        a = np.log(v) if p[0] == 0 else v ** p[0]
        return a, (np.log(v) if p[1] == 0 else v ** p[1]) * (np.log(v) if p[0] == p[1] else 1)

    def xtreg(p, at=None):
        a, b = terms(x, p)
        if at is not None:
            a0, b0 = terms(np.array([at]), p)
            a, b = a - a0[0], b - b0[0]
        s.data.set_variable("t1", a, vtype="double")
        s.data.set_variable("t2", b, vtype="double")
        out, rc = run(s, "quietly xtreg y t1 t2, mle noconstant i(g)")
        assert rc == 0, out
        return s.e.scalars["ll"]

    best = max(combinations_with_replacement(powers, 2), key=xtreg)
    a, b = terms(x, best)
    a0, b0 = terms(np.array([float(np.mean(x))]), best)
    s.data.set_variable("t1", a - a0[0], vtype="double")
    s.data.set_variable("t2", b - b0[0], vtype="double")
    out, rc = run(s, f"quietly xtreg y t1 t2, mle noconstant i(g) {vce}\npredict double xb, xb\n"
                     "predict double se, stdp")
    assert rc == 0, out
    q = float(student_t.ppf(0.975, s.e.scalars["df_r"])) if vce else Q
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(mle noconstant i(g) {vce})")
    band, line = graph.panels[0].series
    first = [int(np.flatnonzero(x == a)[0]) for a in REFERENCE["at"]]
    np.testing.assert_allclose(line.y, s.data.numeric("xb")[first], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(band.y2 - band.y, 2 * q * s.data.numeric("se")[first], rtol=1e-6)
