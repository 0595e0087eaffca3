"""After sem with group(): estat ginvariant's Wald tests against e(b) and e(V) and its score
tests against a score statistic computed here from an independently written multiple-group
likelihood (numerical gradient and Hessian of the model with the parameter split by group);
estat ggof's group chi2s (summing to the overall one without cross-group constraints) and SRMR
written here; estat gof's multiple-group RMSEA; predict's factor scores from each group's
parameters by the empirical Bayes formula."""
import math

import numpy as np
import pytest

from tests.test_sem_group_estimation import coef, group_moments, ll_normal, run, scipy_fit, two_groups


def test_wald_tests_of_varying_parameters_use_e_b_and_e_v(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat ginvariant", df)
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    i, j = b.colnames.index("var(F):1bn.grp"), b.colnames.index("var(F):2.grp")
    d = b.values[0, i] - b.values[0, j]
    chi2 = d * d / (V.values[i, i] + V.values[j, j] - 2 * V.values[i, j])
    test = s.r["test"]
    row = test.rownames.index("var(F):_cons")
    assert test.values[row, 0] == pytest.approx(chi2, rel=1e-9)
    assert test.values[row, 1] == 1 and math.isnan(test.values[row, 3])
    # the latent mean: group 2's copy against group 1's fixed 0
    k = b.colnames.index("mean(F):2.grp")
    row = test.rownames.index("mean(F):_cons")
    assert test.values[row, 0] == pytest.approx(b.values[0, k] ** 2 / V.values[k, k], rel=1e-9)
    assert "Tests for group invariance of parameters" in out


def test_score_test_of_a_shared_loading_matches_an_independent_computation(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat ginvariant", df)
    params, _, moms = scipy_fit(df)
    from tests.test_sem_group_estimation import implied

    def ll(p):  # p: the 18 parameters, then x2's loading in group 2
        base = implied(p[:18])
        mu2, _ = base[1]
        lam = np.r_[1.0, p[18], p[1:3]]
        Sig2 = p[9] * np.outer(lam, lam) + np.diag(p[14:18])
        mu2 = p[3:7] + lam * p[7]
        fitted = [base[0], (mu2, Sig2)]
        return sum(ll_normal(n, m, S, mu, Sig) for (n, m, S), (mu, Sig) in zip(moms, fitted))
    x = np.r_[params, params[0]]
    k = len(x)
    h = 1e-4
    g = np.array([(ll(x + h * np.eye(k)[i]) - ll(x - h * np.eye(k)[i])) / (2 * h) for i in range(k)])
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (ll(x + ei + ej) - ll(x + ei - ej) - ll(x - ei + ej) + ll(x - ei - ej)) / (4 * h * h)
    score = g @ np.linalg.solve(-H, g)
    test = s.r["test"]
    row = test.rownames.index("x2:F")
    assert test.values[row, 3] == pytest.approx(score, rel=2e-3)
    assert test.values[row, 4] == 1 and math.isnan(test.values[row, 0])


def test_class_joint_tests_and_showpclass(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat ginvariant, showpclass(merrvar) class", df)
    assert s.r["test"].rownames == ("var(e.x1):_cons", "var(e.x2):_cons", "var(e.x3):_cons", "var(e.x4):_cons")
    joint = s.r["test_class"]
    assert joint.rownames == ("merrvar",) and joint.values[0, 1] == 4
    rc, out, _ = do("sem (F -> x1 x2 x3 x4), group(grp)\nestat ginvariant, legend", df=df)
    assert rc == 198 and "class must be specified if legend is specified" in out


def test_ggof_group_chi2s_sum_to_the_overall_and_srmr_matches(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(none)\nestat ggof", df)
    gfit = s.r["gfit"]
    cols = list(gfit.colnames)
    assert gfit.values[:, cols.index("chi2")].sum() == pytest.approx(s.e.scalars["chi2_ms"], abs=1e-8)
    assert gfit.values[:, cols.index("N")].tolist() == [300, 250]
    # SRMR of group 1 from its own fit's implied covariance
    _, single = run(do, "sem (F -> x1 x2 x3 x4) if grp == 1", df)
    lam = np.array([1.0] + [coef(single, f"x{k}:F") for k in (2, 3, 4)])
    Sig = coef(single, "var(F):_cons") * np.outer(lam, lam) + np.diag(
        [coef(single, f"var(e.x{k}):_cons") for k in (1, 2, 3, 4)])
    n, m, S = group_moments(df, ["x1", "x2", "x3", "x4"])[0]
    R = S / np.sqrt(np.outer(np.diag(S), np.diag(S))) - Sig / np.sqrt(np.outer(np.diag(Sig), np.diag(Sig)))
    srmr = math.sqrt(np.mean(R[np.triu_indices(4)] ** 2))
    assert gfit.values[0, cols.index("SRMR")] == pytest.approx(srmr, abs=1e-6)
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat ggof", df)
    assert "chi2" not in s.r["gfit"].colnames
    rc, out, _ = do("sem (F -> x1 x2 x3 x4)\nestat ggof", df=df)
    assert rc == 198 and "estat ggof requires multiple groups" in out


def test_gof_rmsea_uses_the_number_of_groups(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat gof, stats(all)", df)
    chi2, dfm = s.e.scalars["chi2_ms"], s.e.scalars["df_ms"]
    assert s.r["rmsea"] == pytest.approx(math.sqrt(2 * max(chi2 - dfm, 0) / (550 * dfm)), rel=1e-10)
    assert s.r["aic"] == pytest.approx(-2 * s.e.scalars["ll"] + 2 * 18, rel=1e-12)
    assert s.r["N_groups"] == 2


def test_predict_latent_uses_each_groups_parameters(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\npredict double fs, latent(F)", df)
    fs = s.data.df["fs"].to_numpy()
    for g, p in ((1, "1bn"), (2, "2")):
        lam = np.array([1.0] + [coef(s, f"x{k}:{p}.grp#c.F") for k in (2, 3, 4)])
        nu = np.array([coef(s, f"x{k}:{p}.grp") for k in (1, 2, 3, 4)])
        kappa, phi = coef(s, f"mean(F):{p}.grp"), coef(s, f"var(F):{p}.grp")
        theta = np.diag([coef(s, f"var(e.x{k}):{p}.grp") for k in (1, 2, 3, 4)])
        Sig = phi * np.outer(lam, lam) + theta
        rows = (df.grp == g).to_numpy()
        Y = df.loc[rows, ["x1", "x2", "x3", "x4"]].to_numpy()
        expected = kappa + (Y - (nu + lam * kappa)) @ np.linalg.solve(Sig, phi * lam)
        assert np.allclose(fs[rows], expected, atol=1e-9)


def test_estat_eqgof_and_residuals_are_shown_group_by_group(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat eqgof", df)
    assert "Group #1 (grp=1; N=300) " in out and "Group #2 (grp=2; N=250) " in out
    for g, p in ((1, "1bn"), (2, "2")):
        lam, phi, theta = coef(s, f"x3:{p}.grp#c.F"), coef(s, f"var(F):{p}.grp"), coef(s, f"var(e.x3):{p}.grp")
        eqfit = s.r[f"eqfit_{g}"]
        assert eqfit.values[2, 3] == pytest.approx(lam * lam * phi / (lam * lam * phi + theta), rel=1e-9)
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)\nestat residuals", df)
    for g, p in ((1, "1bn"), (2, "2")):
        n, m, S = group_moments(df, ["x1", "x2", "x3", "x4"])[g - 1]
        fitted = coef(s, f"x3:{p}.grp") + coef(s, f"x3:{p}.grp#c.F") * coef(s, f"mean(F):{p}.grp")
        assert s.r[f"res_mean_{g}"].values[0, 2] == pytest.approx(m[2] - fitted, abs=1e-6)
    assert s.r["N_groups"] == 2 and "Group #2 (grp=2; N=250) ----" in out


def test_predict_xb_is_each_groups_intercept_plus_loading_times_the_score(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(none)\npredict double fs, latent\n"
               "predict double xb3, xb(x3)", df)
    data = s.data.df
    for g, p in ((1, "1bn"), (2, "2")):
        rows = (data.grp == g).to_numpy()
        expected = coef(s, f"x3:{p}.grp") + coef(s, f"x3:{p}.grp#c.F") * data.fs.to_numpy()[rows]
        assert np.allclose(data.xb3.to_numpy()[rows], expected, atol=1e-10)


def test_a_path_model_without_latent_variables_predicts_by_group(do):
    rng = np.random.default_rng(5)
    import pandas as pd
    df = pd.DataFrame({"x": rng.normal(size=200), "grp": np.repeat([1, 2], 100)})
    df["y"] = np.where(df.grp == 1, 1 + df.x, -1 + 2 * df.x) + rng.normal(size=200)
    _, s = run(do, "sem (y <- x), group(grp) ginvariant(none)\npredict double yhat, xb", df)
    for g, p in ((1, "1bn"), (2, "2")):
        rows = (df.grp == g).to_numpy()
        expected = coef(s, f"y:{p}.grp") + coef(s, f"y:{p}.grp#c.x") * df.x.to_numpy()[rows]
        assert np.allclose(s.data.df.yhat.to_numpy()[rows], expected, atol=1e-10)
