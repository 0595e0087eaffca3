"""The single-level GLM commands as a user meets them: Stata 13's table layout, Stata's
messages and return codes for bad input, predict, replay, estimates store and lrtest."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


@pytest.fixture
def data():
    rng = np.random.default_rng(11)
    n = 400
    x = rng.normal(size=n)
    g = rng.integers(1, 4, n)
    eta = -0.3 + 0.8 * x + 0.4 * (g == 2)
    y = (rng.uniform(size=n) < special.expit(eta)).astype(float)
    t = rng.uniform(0.5, 3.0, n)
    cnt = rng.negative_binomial(2, 2 / (2 + t * np.exp(0.2 + 0.5 * x))).astype(float)
    lat = eta + rng.logistic(size=n)
    ordy = 1.0 + (lat > -1) + (lat > 0.5) + (lat > 2)
    cl = np.repeat(np.arange(40), 10).astype(float)
    return pd.DataFrame({"y": y, "x": x, "g": g.astype(float), "t": t, "cnt": cnt, "ordy": ordy, "cl": cl})


def _lines(text):
    return text.split("\n")


def _find(text, start):
    return next(line for line in _lines(text) if line.startswith(start))


# ------------------------------------------------------------------ layout
def test_logit_header_and_table_columns(do, data):
    rc, out, s = do("logit y x i.g", data.copy())
    assert rc == 0
    lines = _lines(out)
    assert lines[1].startswith("Iteration 0:   log likelihood = ")
    head = _find(out, "Logistic regression")
    assert head[50:] == "Number of obs   =        400" and len(head) == 78
    assert _find(out, " " * 50 + "LR chi2(3)")[50:66] == "LR chi2(3)      "
    ll = _find(out, "Log likelihood = ")
    assert ll[50:67] == "Pseudo R2       =" and len(ll) == 78
    assert f"{s.e.scalars['ll']:.8g}"[:9] in ll
    assert "       y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]" in out
    assert _find(out, "           g |") == "           g |"
    assert out.rstrip().split("\n")[-1] == "-" * 78


def test_or_replaces_the_column_heading_and_drops_the_constant(do, data):
    rc, out, s = do("logit y x, or nolog", data.copy())
    assert rc == 0 and "Iteration" not in out
    assert "           y | Odds Ratio   Std. Err." in out
    assert "_cons" not in out
    row = _find(out, "           x |")
    b = s.e.coefficients()
    assert float(row.split()[2]) == pytest.approx(np.exp(b.b[0]), rel=1e-6)
    rc, out2, _ = do("logistic y x", data.copy())
    assert "Odds Ratio" in out2 and "_cons" not in out2
    rc, out3, _ = do("logistic y x, coef", data.copy())
    assert "      Coef." in out3 and "_cons" in out3


def test_ordinal_cutpoints_print_without_z_and_p(do, data):
    rc, out, s = do("ologit ordy x i.g", data.copy())
    assert rc == 0
    assert _find(out, "Ordered logistic regression")
    cut = _find(out, "       /cut1 |")
    assert len(cut) == 78 and cut[37:54].strip() == ""  # no z, no P>|z|
    assert [n for n in s.e.matrices["b"].colnames if n.startswith("cut")] == \
        ["cut1:_cons", "cut2:_cons", "cut3:_cons"]
    assert s.e.scalars["k_cat"] == 4
    assert list(s.e.matrices["cat"].values.ravel()) == [1, 2, 3, 4]
    assert "_cons |" not in out.replace("/cut", "")


def test_nbreg_dispersion_line_alpha_rows_and_lr_test(do, data):
    rc, out, s = do("nbreg cnt x, exposure(t) irr", data.copy())
    assert rc == 0
    for heading in ("Fitting Poisson model:", "Fitting constant-only model:", "Fitting full model:"):
        assert heading in out
    assert _find(out, "Dispersion     = mean")[50:61] == "Prob > chi2"
    assert "        cnt |        IRR" in out or "         cnt |        IRR" in out
    assert _find(out, "       ln(t) |") == "       ln(t) |          1  (exposure)"
    assert _find(out, "    /lnalpha |")
    assert _find(out, "       alpha |")
    lr = _find(out, "Likelihood-ratio test of alpha=0:  chibar2(01) = ")
    assert lr.endswith(f" Prob>=chibar2 = {s.e.scalars['p_c']:5.3f}")
    assert f"chibar2(01) = {s.e.scalars['chi2_c']:7.2f} " in lr
    assert s.e.scalars["alpha"] == pytest.approx(np.exp(s.e.coefficients().b[-1]))
    rc, out, _ = do("nbreg cnt x, exposure(t) nolrtest nolog", data.copy())
    assert "Likelihood-ratio test" not in out
    rc, out, s = do("nbreg cnt x, dispersion(constant) nolog", data.copy())
    assert "Dispersion     = constant" in out and "/lndelta" in out and "delta=0" in out


def test_cloglog_reports_zero_and_nonzero_outcomes(do, data):
    rc, out, s = do("cloglog y x", data.copy())
    assert rc == 0
    n0 = int((data.y == 0).sum())
    assert _find(out, "Complementary log-log regression")[50:] == "Number of obs   =        400"
    assert _find(out, " " * 50 + "Zero outcomes")[50:] == f"Zero outcomes   = {n0:10d}"
    assert _find(out, " " * 50 + "Nonzero outcomes")[50:] == f"Nonzero outcomes ={400 - n0:10d}"
    assert "Pseudo R2" not in out


def test_robust_and_cluster_tables(do, data):
    rc, out, s = do("logit y x, vce(cluster cl)", data.copy())
    assert rc == 0
    assert "Iteration 0:   log pseudolikelihood = " in out
    assert _find(out, "Log pseudolikelihood = ")
    assert " " * 50 + "Wald chi2(1)" in out
    assert "(Std. Err. adjusted for 40 clusters in cl)" in out
    assert "             |               Robust" in out
    assert s.e.macros["vcetype"] == "Robust" and s.e.scalars["N_clust"] == 40
    rc, out, s = do("poisson cnt x, robust", data.copy())
    assert rc == 0 and s.e.macros["vce"] == "robust" and "Wald chi2(1)" in out


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("command, message, code", [
    ("logit z x", "outcome does not vary; remember:", 2000),
    ("logit y sep", "outcome = sep > 0 predicts data perfectly", 2000),
    ("logit y x [aw=t]", "aweights not allowed", 101),
    ("poisson cnt x [aw=t]", "aweights not allowed", 101),  # iweights: test_count_ordinal_iweights.py
    ("logit y x [fw=t]", "may not use noninteger frequency weights", 401),
    ("logit y x, foo", "option foo not allowed", 198),
    ("logit y x, vce(hc2)", "vcetype 'hc2' not allowed", 198),  # vce(jackknife): test_glm_replicates.py
    ("logit y nosuch", "variable nosuch not found", 111),
    ("logit y x if x > 100", "no observations", 2000),
    ("logit y x, irr", "option irr not allowed", 198),
    ("poisson neg x", "neg must be greater than or equal to zero", 459),
    ("poisson cnt x, exposure(neg)", "neg <= 0 in some observations", 459),
    ("poisson cnt x, exposure(t) offset(x)", "only one of offset() or exposure() can be specified", 198),
    ("nbreg cnt x, dispersion(other)", "dispersion(other) invalid", 198),
    ("ologit z x", "outcome does not vary", 2000),
    ("ologit ordy x, noconstant", "option noconstant not allowed", 198),
    ("probit", "last estimates not found", 301),
])
def test_bad_input_gets_statas_message_and_code(do, data, command, message, code):
    df = data.assign(z=0.0, sep=(data.y > 0).astype(float), neg=data.cnt - 1)
    before = df.copy()
    rc, out, s = do(command, df)
    assert rc == code, out
    assert message in out and f"r({code});" in out
    pd.testing.assert_frame_equal(s.data.df[before.columns], before)


def test_quasi_separation_drops_the_variable_with_statas_note(do, data):
    df = data.assign(d=np.where(data.index < 30, 1.0, 0.0))
    df.loc[df.index < 30, "y"] = 1.0
    rc, out, s = do("logit y x d", df)
    assert rc == 0
    assert "note: d != 0 predicts success perfectly" in out
    assert "d dropped and 30 obs not used" in out
    assert s.e.scalars["N"] == 370 and int(s.e.sample.sum()) == 370
    rc, out, s = do("logit y x d\npredict p\nmargins", df)
    assert rc == 0, out


# ------------------------------------------------------------------ predict and replay
def test_predict_statistics(do, data):
    rc, out, s = do("logit y x i.g\npredict p\npredict xb, xb\npredict se, stdp\n"
                    "predict bad, ir", data.copy(), echo=False)  # (``n`` is logit_p's number)
    assert rc == 198 and "(option pr assumed; Pr(y))" in out and "option ir not allowed" in out
    df = s.data.df
    assert np.allclose(df.p, special.expit(df.xb), atol=1e-7)
    assert s.data.var_labels["p"] == "Pr(y)" and s.data.var_labels["xb"] == "Linear prediction"
    assert (df.se > 0).all()


def test_ordinal_predictions_sum_to_one(do, data):
    rc, out, s = do("ologit ordy x\npredict p1-p4\npredict q*\npredict r3, outcome(3)\npredict r2, outcome(#2)\n"
                    "predict only", data.copy())
    assert rc == 0, out
    df = s.data.df
    assert np.allclose(df[["p1", "p2", "p3", "p4"]].sum(axis=1), 1, atol=1e-6)
    assert np.allclose(df.q3, df.r3) and np.allclose(df.p2, df.r2) and np.allclose(df.only, df.p1)
    assert s.data.var_labels["r3"] == "Pr(ordy==3)"
    rc, out, _ = do("ologit ordy x\npredict a b", data.copy())
    assert rc == 102 and "too few variables specified" in out


def test_count_predictions_with_exposure(do, data):
    rc, out, s = do("poisson cnt x, exposure(t)\npredict n\npredict ir, ir\npredict xb, xb\n"
                    "predict xb0, xb nooffset", data.copy())
    assert rc == 0 and "(option n assumed; predicted number of events)" in out
    df = s.data.df
    assert np.allclose(df.n, df.ir * df.t, rtol=1e-6)
    assert np.allclose(df.xb, df.xb0 + np.log(df.t), atol=1e-6)
    rc, out, s = do("poisson cnt x, exposure(t)\nmargins\npredict n\nsummarize n", data.copy())
    assert rc == 0
    margin = float([line for line in _lines(out) if line.startswith("       _cons |")][-1].split()[2])
    assert margin == pytest.approx(s.data.df.n.mean(), rel=1e-5)


def test_replay_estimates_store_and_lrtest(do, data):
    rc, out, s = do("quietly logit y x\nestimates store small\nquietly logit y x i.g\nestimates store big\n"
                    "lrtest big small\nlogit\nestimates replay small", data.copy())
    assert rc == 0, out
    assert "LR chi2(2)" in out and "(Assumption: small nested in big)" in out
    assert out.count("Logistic regression") == 2
    rc, out, s = do("quietly logit y x i.g\ntest 2.g 3.g\nlincom x + 2.g", data.copy())
    assert rc == 0 and "chi2(  2) =" in out


def test_logit_replays_logistic_results_as_coefficients_but_not_the_reverse(do, data):
    # logistic's help: "to view coefficients, type logit after running logistic";
    # logistic.ado replays only its own results (error 301 otherwise)
    rc, out, s = do("logistic y x, nolog\nlogit\nlogit, or", data.copy(), echo=True)
    assert rc == 0, out
    b = s.e.coefficients()
    coef_table = out.split(". logit\n")[1].split(". logit, or")[0]
    assert "      Coef." in coef_table and "_cons" in coef_table
    assert float(_find(coef_table, "           x |").split()[2]) == pytest.approx(b.b[0], rel=1e-6)
    assert "Odds Ratio" in out.split(". logit, or")[1]
    rc, out, _ = do("logit y x, nolog\nlogistic", data.copy())
    assert rc == 301 and "last estimates not found" in out


def test_weights_and_by(do, data):
    df = data.assign(fw=(data.index % 3 + 1).astype(float))
    rc, out, s = do("logit y x [fw=fw]", df)
    assert rc == 0 and s.e.scalars["N"] == df.fw.sum() and s.e.macros["wtype"] == "fweight"
    long = df.loc[df.index.repeat(df.fw.astype(int))].reset_index(drop=True)
    rc2, _, s2 = do("logit y x", long)
    assert np.allclose(s.e.coefficients().b, s2.e.coefficients().b, atol=1e-9)
    rc, out, s = do("bysort g: logit y x, nolog", data.copy())
    assert rc == 0 and out.count("Logistic regression") == 3


def test_nbreg_on_underdispersed_counts_says_it_did_not_converge(do, data):
    df = data.assign(k=np.floor(np.abs(data.x) * 2))
    before = df.copy()
    rc, out, s = do("nbreg k x, nolog", df)
    assert rc in (0, 430) and "internal error" not in out
    if rc == 430:
        assert "convergence not achieved" in out and s.e.cmd == "nbreg"
    pd.testing.assert_frame_equal(s.data.df[before.columns], before)


def test_lincom_eform_options(do, data):
    rc, out, s = do("quietly logit y x i.g\nlincom x + 2.g, or", data.copy())
    assert rc == 0, out
    assert "           y | Odds Ratio   Std. Err." in out
    b = s.e.coefficients()
    i, j = b.names.index("y:x"), b.names.index("y:2.g")
    est = b.b[i] + b.b[j]
    se = np.sqrt(b.V[i, i] + b.V[j, j] + 2 * b.V[i, j])
    row = _find(out, "         (1) |").split()
    assert float(row[2]) == pytest.approx(np.exp(est), rel=1e-6)
    assert float(row[3]) == pytest.approx(np.exp(est) * se, rel=1e-6)
    assert s.r["estimate"] == pytest.approx(est)  # r() keeps the linear combination
    rc, out, _ = do("quietly poisson cnt x\nlincom x, irr", data.copy())
    assert rc == 0 and "        IRR" in out
    rc, out, _ = do("quietly logit y x\nlincom x, or irr", data.copy())
    assert rc == 198 and "only one display option can be specified" in out


def test_replay_honours_display_options(do, data):
    rc, out, s = do("quietly logit y x\nlogit, level(90)\nlogit, or", data.copy())
    assert rc == 0, out
    b = s.e.coefficients()
    se = np.sqrt(b.V[0, 0])
    row = [line for line in _lines(out) if line.startswith("           x |")]
    lo = float(row[0].split()[6])
    assert "[90% Conf. Interval]" in out and lo == pytest.approx(b.b[0] - 1.6448536 * se, abs=2e-6)
    assert float(row[1].split()[2]) == pytest.approx(np.exp(b.b[0]), rel=1e-6)
    assert s.e.result.level == 95  # the stored results are unchanged


@pytest.mark.parametrize("command, heading", [("ologit ordy x, or", "Odds Ratio"), ("cloglog y x, eform", "exp(b)"),
                                              ("nbreg cnt x, irr", "IRR"), ("poisson cnt x, irr", "IRR")])
def test_eform_headings(do, data, command, heading):
    rc, out, _ = do(command, data.copy())
    assert rc == 0 and f" |{heading.rjust(11)}   Std. Err." in out
