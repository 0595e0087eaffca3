"""The meta suite's commands ([META]): declaration (meta set, meta esize, meta update/query/clear),
meta summarize, meta bias, meta trimfill, the plots and meta regress with its postestimation,
on metafor's BCG and pupil-IQ data (tests/data/meta).  The numbers themselves are checked against
metafor in tests/test_meta_engines.py; here: that the commands pass the right studies and options
to the engines, print Stata 16's layout, set r()/e() and refuse what they must."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent / "data" / "meta"
R = json.loads((DATA / "metafor_values.json").read_text())


@pytest.fixture
def bcg(new_session):
    return new_session(pd.read_csv(DATA / "bcg.csv"))


@pytest.fixture
def generic(new_session):
    """Generic effect sizes with 95% limits symmetric on the log scale (as meta set es cil ciu reads them)."""
    yi = np.array(R["bcg_lnrr"]["yi"])
    se = np.sqrt(R["bcg_lnrr"]["vi"])
    df = pd.DataFrame({"es": yi, "se": se, "lo": yi - 1.959963984540054 * se, "hi": yi + 1.959963984540054 * se,
                       "study": pd.read_csv(DATA / "bcg.csv").author, "alloc": pd.read_csv(DATA / "bcg.csv").alloc,
                       "year": pd.read_csv(DATA / "bcg.csv").year})
    return new_session(df)


def test_meta_set_with_standard_errors_declares_the_data(generic, run):
    out, rc = run(generic, "meta set es se, studylabel(study)")
    assert rc == 0, out
    for text in ("Meta-analysis setting information", "No. of studies:  13", "Study label:  study",
                 "Std. Err.:  se", "Model:  Random-effects", "Method:  REML"):
        assert text in out
    ds = generic.data
    for name in ("_meta_id", "_meta_studylabel", "_meta_es", "_meta_se", "_meta_cil", "_meta_ciu"):
        assert ds.has_variable(name)
    assert ds.df["_meta_studylabel"].iloc[0] == "Aronson"
    assert np.allclose(ds.numeric("_meta_ciu") - ds.numeric("_meta_es"), 1.959963984540054 * ds.numeric("se"))


def test_meta_set_with_confidence_limits_computes_the_standard_errors(generic, run):
    out, rc = run(generic, "meta set es lo hi, fixed")
    assert rc == 0, out
    assert "User CI:  [lo, hi]" in out and "Model:  Fixed-effects" in out
    assert np.allclose(generic.data.numeric("_meta_se"), generic.data.numeric("se"), rtol=1e-12)


def test_asymmetric_limits_are_refused_unless_tolerated(generic, run):
    out, rc = run(generic, "replace hi = hi + 0.05 in 1\nmeta set es lo hi", stop_on_error=False)
    assert rc == 459 and "civartolerance()" in out
    assert not generic.data.has_variable("_meta_es")  # the failing command left the data alone
    out, rc = run(generic, "meta set es lo hi, civartolerance(0.1)")
    assert rc == 0, out


def test_the_analyses_need_declared_data(generic, run):
    out, rc = run(generic, "meta summarize", stop_on_error=False)
    assert rc == 119 and "meta set" in out
    out, rc = run(generic, "meta query")
    assert rc == 0 and "not meta set" in out


def test_meta_summarize_prints_the_table_and_sets_r(generic, run):
    out, rc = run(generic, "meta set es se, studylabel(study) nometashow\nmeta summarize")
    assert rc == 0, out
    lines = out.splitlines()
    assert any(ln.startswith("Meta-analysis summary") and "Number of studies =     13" in ln for ln in lines)
    assert any(ln.endswith("tau2 =  0.3132") and len(ln) == 68 for ln in lines)  # Stata 16: values end at 68
    assert "Study |    Effect Size    [95% Conf. Interval]  % Weight" in out
    rule = next(ln for ln in lines if ln.startswith("-") and "+" in ln)
    assert rule.index("+") == 21 and len(rule) == 71  # the id column as wide as the longest label (20)
    assert next(ln for ln in lines if ln.startswith("Test of theta")).index("Prob") == 52
    theta = next(ln for ln in lines if ln.strip().startswith("theta |"))
    assert theta.split()[2:5] == ["-0.715", "-1.067", "-0.362"]
    assert "Test of theta = 0: z = -3.97" in out and "Test of homogeneity: Q = chi2(12) = 152.23" in out
    r = generic.r
    reml = R["bcg_random"]["reml"]
    assert r["theta"] == pytest.approx(reml["theta"], rel=1e-5) and r["tau2"] == pytest.approx(reml["tau2"], rel=1e-5)
    assert r["N"] == 13 and r["model"] == "random" and r["method"] == "reml"


def test_summarize_options_eform_sort_method_khartung(generic, run):
    out, rc = run(generic, "meta set es se, studylabel(study) nometashow\n"
                           "meta summarize, eform(Risk ratio) sort(year) random(dlaird) se(khartung) predinterval")
    assert rc == 0, out
    assert "Risk ratio" in out and "exp(theta)" in out and "Method: DerSimonian-Laird" in out
    assert "SE adjustment: Knapp-Hartung" in out and "Test of theta = 0: t(12)" in out
    assert "95% prediction interval for exp(theta): [" in out and "Sorted by: year" in out
    rows = [ln.split("|")[0].strip() for ln in out.splitlines() if "|" in ln]
    years = pd.read_csv(DATA / "bcg.csv").sort_values("year", kind="mergesort").author.tolist()
    assert rows[1:14] == years
    assert generic.r["tau2"] == pytest.approx(R["bcg_random"]["dlaird"]["tau2"])
    exp_theta = next(ln for ln in out.splitlines() if "exp(theta)" in ln).split()
    assert float(exp_theta[2]) == pytest.approx(np.exp(generic.r["theta"]), abs=6e-4)


def test_keep_if_changes_the_studies(generic, run):
    out, rc = run(generic, "meta set es se, nometashow\nkeep if year > 1950\nmeta summarize, common")
    assert rc == 0, out
    assert generic.r["N"] == 11 and "Common-effect model" in out and "tau2" not in out


def test_subgroup_and_leave_one_out(generic, run):
    out, rc = run(generic, "meta set es se, studylabel(study) nometashow\nmeta summarize, subgroup(alloc)")
    assert rc == 0, out
    assert "Test of group differences: Q_b = chi2(2)" in out and "Heterogeneity summary" in out
    out, rc = run(generic, "meta summarize, leaveoneout")
    assert rc == 0, out
    first = next(ln for ln in out.splitlines() if ln.strip().startswith("Aronson"))
    from mlmcli.meta.estimators import pool
    y, v = np.array(R["bcg_lnrr"]["yi"]), np.array(R["bcg_lnrr"]["vi"])
    assert float(first.split("|")[1].split()[0]) == pytest.approx(pool(y[1:], v[1:]).theta, abs=6e-4)


def test_settings_survive_preserve_restore_and_update(generic, run):
    out, rc = run(generic, "meta set es se, nometashow\npreserve\nmeta clear\nrestore\nmeta update, common\n"
                           "meta query")
    assert rc == 0, out
    assert "Model:  Common-effect" in out and "Method:  Inverse-variance" in out


def test_meta_esize_binary_and_continuous(bcg, run, new_session):
    out, rc = run(bcg, "meta esize tpos tneg cpos cneg")
    assert rc == 0, out
    assert "Label:  Log Odds-Ratio" in out and "Summary data:  tpos tneg cpos cneg" in out
    assert np.allclose(bcg.data.numeric("_meta_es"), R["bcg_lnor"]["yi"])
    out, rc = run(bcg, "meta summarize, common")  # binary data: Mantel-Haenszel
    assert rc == 0 and "Method: Mantel-Haenszel" in out
    assert bcg.r["theta"] == pytest.approx(R["bcg_mh"]["OR"]["b"], rel=1e-10)
    s = new_session(pd.read_csv(DATA / "normand1999.csv"))
    out, rc = run(s, "meta esize n1i m1i sd1i n2i m2i sd2i, esize(hedgesg, exact) nometashow")
    assert rc == 0, out
    assert np.allclose(s.data.numeric("_meta_es"), R["normand_SMD"]["yi"])
    out, rc = run(s, "meta esize n1i m1i sd1i n2i m2i sd2i, esize(ratio)", stop_on_error=False)
    assert rc == 198


def test_meta_bias_and_trimfill(bcg, run):
    out, rc = run(bcg, "meta esize tpos tneg cpos cneg, esize(lnrratio) nometashow\nmeta bias, egger")
    assert rc == 0, out
    assert "Regression-based Egger test for small-study effects" in out and "Method: REML" in out
    assert bcg.r["z"] == pytest.approx(R["bcg_egger_reml"]["z"], rel=1e-5)
    out, rc = run(bcg, "meta bias, begg")
    assert rc == 0 and "Kendall's score =      2.00" in out
    out, rc = run(bcg, "meta bias", stop_on_error=False)
    assert rc == 198
    out, rc = run(bcg, "meta trimfill, eform itermethod(fixed)")  # metafor's trimfill of a fixed-effect fit
    assert rc == 0, out
    assert "Linear estimator, imputing on the right" in out and "Observed + Imputed" in out
    assert bcg.r["K_imputed"] == R["bcg_trimfill_fe"]["k0"]


def test_forest_plot_rows_weights_and_columns(generic, run):
    out, rc = run(generic, "meta set es lo hi, studylabel(study) nometashow\n"
                           "meta forestplot, eform(Risk ratio) noohetstats noohomtest esrefline cibind(none) "
                           "columnopts(_lb, mask(\"[%4.2f\",)) columnopts(_ub, mask(\"%4.2f]\")) "
                           "crop(0.25 16) xscale(range(.5 16)) xlabel(0.25 0.5 1 2 4 8 16, format(%2.1f))")
    assert rc == 0, out
    graph = generic.graphs[-1]
    panel = graph.panels[0]
    labels = panel.yticklabels
    assert labels[0] == "Aronson" and labels[13].startswith("Overall (Random-effects REML)")
    assert not any(lab.startswith("Heterogeneity") for lab in labels)
    texts = [t.text for t in panel.texts if t.y == panel.yticks[0]]
    assert texts == ["0.41", "[0.13,", "1.26]", "5.06"]
    squares = next(s for s in panel.series if s.kind == "scatter")
    weights = pd.Series([float(t) for t in [t.text for t in panel.texts if t.text.replace(".", "").isdigit()]])
    assert squares.marker_scales.argmax() == 7  # TPT Madras, the largest weight
    assert graph.xaxis.log and any(line.pattern == "dash" for line in graph.reflines)
    assert len(weights) > 0
    out, rc = run(generic, "meta forestplot, ciopts(lwidth(thick))", stop_on_error=False)
    assert rc == 198 and "lwidth" in out


def test_funnel_and_galbraith_plots(generic, run):
    out, rc = run(generic, "meta set es se, nometashow\nmeta funnelplot\nmeta galbraithplot\n"
                           "meta trimfill, funnel")
    assert rc == 0, out
    funnel = generic.graphs[-1]
    assert funnel.yaxis.reverse and any(s.label == "Imputed studies" for s in funnel.panels[0].series)


def test_meta_regress_posts_e_and_predicts(bcg, run):
    out, rc = run(bcg, "meta esize tpos tneg cpos cneg, esize(lnrratio) nometashow\nmeta regress ablat")
    assert rc == 0, out
    assert "Random-effects meta-regression" in out and "Test of residual homogeneity: Q_res = chi2(11)" in out
    e = bcg.e
    r = R["bcg_regress_reml"]
    assert e.cmd == "meta regress" and e.scalars["tau2"] == pytest.approx(r["tau2"], rel=1e-4)
    assert e.matrices["b"].values.ravel()[::-1] == pytest.approx(r["b"], rel=1e-4)
    out, rc = run(bcg, "estat heterogeneity\npredict fit, xb")
    assert rc == 0, out
    assert "Residual heterogeneity:" in out and bcg.r["R2"] == pytest.approx(r["R2"], rel=1e-3)
    b = e.matrices["b"].values.ravel()
    assert np.allclose(bcg.data.numeric("fit"), b[0] * bcg.data.numeric("ablat") + b[1])
    out, rc = run(bcg, "meta regress ablat, se(khartung)")
    assert rc == 0 and "Model F(1,11)" in out and "P>|t|" in out


def test_stata17_subcommands_are_refused_by_name(generic, run):
    out, rc = run(generic, "meta set es se, nometashow\nmeta mvregress es",
                  stop_on_error=False)
    assert rc == 199 and "Stata 17" in out
    out, rc = run(generic, "meta nosuch", stop_on_error=False)
    assert rc == 198


def test_meta_update_runs_the_declaration_again(new_session, run):
    """As a published Stata 16 log shows it: the command run again, then the settings "from meta esize"."""
    s = new_session(pd.read_csv(DATA / "normand1999.csv"))
    out, rc = run(s, "meta esize n1i m1i sd1i n2i m2i sd2i, studylabel(source) esize(hedgesg)\n"
                     "meta update, esize(mdiff)")
    assert rc == 0, out
    assert "-> meta esize n1i m1i sd1i n2i m2i sd2i , esize(mdiff) studylabel(source)" in out
    assert "Meta-analysis setting information from meta esize" in out and "Label:  Mean Diff." in out
    assert "    Std. Err. adj.:  None" in out
    assert np.allclose(s.data.numeric("_meta_es"), R["normand_MD"]["yi"])
    out, rc = run(s, "meta update, random(dlaird) nometashow\nmeta query")
    assert rc == 0 and "Method:  DerSimonian-Laird" in out and "Type:  mdiff" in out
    out, rc = run(s, "meta update, nosuch", stop_on_error=False)
    assert rc == 198


def test_summarize_refuses_option_combinations_as_stata(generic, run):
    run(generic, "meta set es se, nometashow")
    for line, rc_expected in (("meta summarize, se(khartung) tdistribution", 184),
                              ("meta summarize, fixed se(khartung)", 184),
                              ("meta summarize, common predinterval", 198),
                              ("meta summarize, transform(tanh)", 198)):
        out, rc = run(generic, line, stop_on_error=False)
        assert rc == rc_expected, (line, out)
