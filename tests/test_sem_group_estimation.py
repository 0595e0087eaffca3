"""sem with group(): the multiple-group likelihood (the sum of the groups' normal log
likelihoods, [SEM] Methods and formulas for sem) against a scipy minimisation written here of a
one-factor model with loadings and intercepts equal across groups (ginvariant(mcoef mcons),
the default), the group-1 latent mean fixed at 0 and the others free; lavaan's multiple-group
chi2 (N times the N_g/N-weighted sum of the groups' F_ML, means included); ginvariant(none)
against separate fits of each group; ginvariant(all) on a single group against the plain fit;
the e(b) names, the constraint list and the ``[*]`` rows."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

SCIPY = {"ftol": 1e-15, "gtol": 1e-10, "maxiter": 100000, "maxfun": 1000000}


def two_groups(seed=3, sizes=(300, 250), means=(0.0, 0.5), variances=(1.0, 1.5)):
    rng = np.random.default_rng(seed)
    frames = []
    for g, (n, mu, lv) in enumerate(zip(sizes, means, variances), 1):
        f = mu + math.sqrt(lv) * rng.normal(size=n)
        df = pd.DataFrame({"x1": 1 + f + 0.6 * rng.normal(size=n), "x2": 2 + 0.8 * f + 0.7 * rng.normal(size=n),
                           "x3": 0.5 + 1.2 * f + 0.5 * rng.normal(size=n),
                           "x4": -1 + 0.9 * f + 0.8 * rng.normal(size=n)})
        df["grp"] = g
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def coef(session, name):
    b = session.e.matrices["b"]
    return float(b.values[0, b.colnames.index(name)])


def se(session, name):
    V = session.e.matrices["V"]
    j = V.colnames.index(name)
    return math.sqrt(float(V.values[j, j]))


def group_moments(df, cols):
    out = []
    for _, d in df.groupby("grp"):
        Y = d[cols].to_numpy(float)
        m = Y.mean(axis=0)
        D = Y - m
        out.append((len(Y), m, D.T @ D / len(Y)))
    return out


def ll_normal(n, m, S, mu, Sigma):
    sign, logdet = np.linalg.slogdet(Sigma)
    if sign <= 0:
        return -1e300
    inv = np.linalg.inv(Sigma)
    d = m - mu
    return -0.5 * n * (len(m) * np.log(2 * np.pi) + logdet + np.trace(S @ inv) + d @ inv @ d)


def implied(params):
    """theta = loadings 2-4, intercepts 1-4, group-2 mean, var(F) by group, error variances by group."""
    lam = np.r_[1.0, params[0:3]]
    nu = params[3:7]
    kappa = [0.0, params[7]]
    phi = params[8:10]
    theta = [params[10:14], params[14:18]]
    return [(nu + lam * kappa[g], phi[g] * np.outer(lam, lam) + np.diag(theta[g])) for g in range(2)]


def scipy_fit(df):
    moms = group_moments(df, ["x1", "x2", "x3", "x4"])

    def negll(p):
        return -sum(ll_normal(n, m, S, mu, Sig) for (n, m, S), (mu, Sig) in zip(moms, implied(p)))
    start = np.r_[np.ones(3), moms[0][1], 0.0, 1.0, 1.0, 0.5 * np.ones(8)]
    res = minimize(negll, start, method="L-BFGS-B", options=SCIPY,
                   bounds=[(None, None)] * 8 + [(1e-4, None)] * 10)
    res = minimize(negll, res.x, method="BFGS", options={"gtol": 1e-9, "maxiter": 10000})
    return res.x, -res.fun, moms


def run(do, text, df):
    rc, out, session = do(text, df=df.copy())
    assert rc == 0, out
    return out, session


def test_the_group_likelihood_is_the_sum_of_the_groups_and_matches_scipy(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)", df)
    params, ll, moms = scipy_fit(df)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    for k, v in enumerate(("x2", "x3", "x4")):
        assert coef(s, f"{v}:1bn.grp#c.F") == pytest.approx(params[k], abs=2e-5)
        assert coef(s, f"{v}:2.grp#c.F") == pytest.approx(params[k], abs=2e-5)
    for k, v in enumerate(("x1", "x2", "x3", "x4")):
        assert coef(s, f"{v}:1bn.grp") == pytest.approx(params[3 + k], abs=2e-5)
        assert coef(s, f"var(e.{v}):1bn.grp") == pytest.approx(params[10 + k], abs=2e-5)
        assert coef(s, f"var(e.{v}):2.grp") == pytest.approx(params[14 + k], abs=2e-5)
    assert coef(s, "mean(F):1bn.grp") == 0.0
    assert coef(s, "mean(F):2.grp") == pytest.approx(params[7], abs=2e-5)
    assert coef(s, "var(F):2.grp") == pytest.approx(params[9], abs=2e-5)
    # lavaan's multiple-group statistic: N sum_g (N_g/N) F_ML,g with the mean part
    fitted = implied(params)
    F = 0.0
    for (n, m, S), (mu, Sig) in zip(moms, fitted):
        inv = np.linalg.inv(Sig)
        f = (np.linalg.slogdet(Sig)[1] + np.trace(S @ inv) - np.linalg.slogdet(S)[1] - 4 + (m - mu) @ inv @ (m - mu))
        F += n * f
    assert s.e.scalars["chi2_ms"] == pytest.approx(F, abs=1e-5)
    assert s.e.scalars["df_ms"] == 2 * 14 - 18
    assert s.e.scalars["N_groups"] == 2 and s.e.scalars["N"] == 550


def test_oim_standard_errors_match_a_numerical_hessian_of_the_scipy_likelihood(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)", df)
    params, _, moms = scipy_fit(df)

    def ll(p):
        return sum(ll_normal(n, m, S, mu, Sig) for (n, m, S), (mu, Sig) in zip(moms, implied(p)))
    k = len(params)
    H = np.zeros((k, k))
    h = 1e-4
    for i in range(k):
        for j in range(k):
            e_i, e_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (ll(params + e_i + e_j) - ll(params + e_i - e_j) - ll(params - e_i + e_j)
                       + ll(params - e_i - e_j)) / (4 * h * h)
    V = np.linalg.inv(-H)
    assert se(s, "x3:1bn.grp#c.F") == pytest.approx(math.sqrt(V[1, 1]), rel=1e-3)
    assert se(s, "mean(F):2.grp") == pytest.approx(math.sqrt(V[7, 7]), rel=1e-3)
    assert se(s, "var(e.x4):2.grp") == pytest.approx(math.sqrt(V[17, 17]), rel=1e-3)


def test_ginvariant_none_is_the_sum_of_separate_fits(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(none)", df)
    total = 0.0
    for g in (1, 2):
        _, single = run(do, f"sem (F -> x1 x2 x3 x4) if grp == {g}", df)
        total += single.e.scalars["ll"]
        prefix = "1bn" if g == 1 else "2"
        assert coef(s, f"x3:{prefix}.grp#c.F") == pytest.approx(coef(single, "x3:F"), abs=2e-6)
        assert coef(s, f"var(F):{prefix}.grp") == pytest.approx(coef(single, "var(F):_cons"), abs=2e-6)
    assert s.e.scalars["ll"] == pytest.approx(total, abs=1e-7)
    assert "mean(F):2.grp" not in s.e.matrices["b"].colnames  # mcons free: no latent mean


def test_ginvariant_all_on_one_group_is_the_single_group_fit(do):
    df = two_groups()
    df = df[df.grp == 1]
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(all)", df)
    _, single = run(do, "sem (F -> x1 x2 x3 x4)", df)
    assert s.e.scalars["ll"] == pytest.approx(single.e.scalars["ll"], abs=1e-8)
    assert s.e.scalars["chi2_ms"] == pytest.approx(single.e.scalars["chi2_ms"], abs=1e-6)
    assert coef(s, "x2:1bn.grp#c.F") == pytest.approx(coef(single, "x2:F"), abs=1e-6)
    assert se(s, "x2:1bn.grp#c.F") == pytest.approx(se(single, "x2:F"), rel=1e-5)


def test_ginvariant_all_constrains_the_variances_and_fixes_the_means(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(all)", df)
    assert coef(s, "var(e.x2):1bn.grp") == coef(s, "var(e.x2):2.grp")
    assert coef(s, "var(F):1bn.grp") == coef(s, "var(F):2.grp")
    assert "mean(F):2.grp" not in s.e.matrices["b"].colnames
    # every parameter equal across groups: the likelihood of the rows is the pooled fit's
    _, pooled = run(do, "sem (F -> x1 x2 x3 x4)", df)
    assert s.e.scalars["ll"] == pytest.approx(pooled.e.scalars["ll"], abs=1e-7)
    assert coef(s, "x3:2.grp#c.F") == pytest.approx(coef(pooled, "x3:F"), abs=2e-6)
    assert coef(s, "var(e.x4):2.grp") == pytest.approx(coef(pooled, "var(e.x4):_cons"), abs=2e-6)
    assert s.e.scalars["df_ms"] == 2 * 14 - 12


def test_ginvariant_merrvar_adds_error_variance_constraints(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(mcoef mcons merrvar)", df)
    assert coef(s, "var(e.x3):1bn.grp") == coef(s, "var(e.x3):2.grp")
    assert coef(s, "var(F):1bn.grp") != pytest.approx(coef(s, "var(F):2.grp"), abs=1e-3)
    assert s.e.macros["ginvariant"] == "mcoef mcons merrvar"
    _, d = run(do, "sem (F -> x1 x2 x3 x4), group(grp)", df)
    assert s.e.scalars["df_ms"] == d.e.scalars["df_ms"] + 4


def test_the_table_shows_shared_parameters_once_and_the_others_by_group(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp)", df)
    assert "Grouping variable  = grp" in out and "Number of groups   =         2" in out
    assert " ( 1)  [x1]1bn.grp#c.F = 1" in out
    assert " ( 3)  [x2]1bn.grp#c.F - [x2]2.grp#c.F = 0" in out
    assert "[mean(F)]1bn.grp = 0" in out and "[x1]2.grp#c.F = 1" in out
    lines = out.splitlines()
    i = lines.index("     mean(F) |")
    assert lines[i + 1].startswith("           1 |          0  (constrained)")
    assert lines[i + 2].startswith("           2 |")
    assert any(line.startswith("         [*] |          1  (constrained)") for line in lines)
    assert "Note: [*] identifies parameter estimates constrained to be equal across" in out


def test_value_labels_name_the_groups_in_the_table(do):
    df = two_groups()
    out, s = run(do, "label define g 1 boys 2 \"girls of the school\"\nlabel values grp g\n"
                 "sem (F -> x1 x2 x3 x4), group(grp)", df)
    assert "        boys |" in out
    assert s.e.macros["grouplabel"] == 'boys "girls of the school"'
    assert s.e.matrices["groupvalue"].values.tolist() == [[1.0, 2.0]]
    lines = out.splitlines()
    i = lines.index("   var(e.x1) |")  # a long label abbreviated in the name column, numbers beside it
    assert lines[i + 2].startswith("girls of t~l |   ")


def test_a_label_is_one_parameter_in_every_group(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(none) var(e.x1@v1 e.x2@v1)", df)
    vals = {coef(s, f"var(e.{v}):{p}.grp") for v in ("x1", "x2") for p in ("1bn", "2")}
    assert len(vals) == 1


def test_group_specific_paths_and_options_override_the_common_ones(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4) (2: F -> x4@1), group(grp) var(2: e.x3@0.3)", df)
    assert coef(s, "x4:2.grp#c.F") == 1.0
    assert coef(s, "x4:1bn.grp#c.F") != pytest.approx(1.0, abs=1e-3)
    assert coef(s, "var(e.x3):2.grp") == 0.3
    assert coef(s, "var(e.x3):1bn.grp") != pytest.approx(0.3, abs=1e-4)


def test_an_observed_variable_path_model_fits_by_group(do):
    rng = np.random.default_rng(11)
    n = 400
    df = pd.DataFrame({"x": rng.normal(size=n), "grp": np.repeat([1, 2], n // 2)})
    df["y"] = np.where(df.grp == 1, 1 + 0.5 * df.x, 2 - 0.3 * df.x) + rng.normal(size=n)
    _, s = run(do, "sem (y <- x), group(grp)", df)
    for g, p in ((1, "1bn"), (2, "2")):
        d = df[df.grp == g]
        slope, icept = np.polyfit(d.x, d.y, 1)
        assert coef(s, f"y:{p}.grp#c.x") == pytest.approx(slope, abs=1e-6)
        assert coef(s, f"y:{p}.grp") == pytest.approx(icept, abs=1e-6)


@pytest.mark.parametrize("text, message", [
    ("sem (F -> x1 x2 x3 x4), ginvariant(mcoef)", "option ginvariant() requires option group()"),
    ("sem (F -> x1 x2 x3 x4), group(grp) ginvariant(foo)", "foo invalid class name"),
    ("sem (F -> x1 x2 x3 x4) (3: F -> x4@1), group(grp)", "group 3 not found in grp"),
])
def test_bad_group_specifications_are_refused(do, text, message):
    rc, out, _ = do(text, df=two_groups())
    assert rc == 198 and message in out


@pytest.mark.parametrize("option, rc, message", [
    ("group()", 100, "varname required"), ("group(grp x1)", 103, "too many variables specified"),
    ("group(nosuch)", 111, "variable nosuch not found")])
def test_group_takes_one_variable(do, option, rc, message):
    code, out, _ = do(f"sem (F -> x1 x2 x3 x4), {option}", df=two_groups())
    assert code == rc and message in out


def test_a_group_variable_with_noninteger_values_is_refused(do):
    df = two_groups()
    df["grp"] = df.grp + 0.5
    rc, out, session = do("sem (F -> x1 x2 x3 x4), group(grp)", df=df)
    assert rc == 452 and "factor variables may not contain noninteger values" in out
    assert session.e is None or session.e.cmd != "sem"


HS = __import__("pathlib").Path(__file__).parent / "data" / "sem" / "HolzingerSwineford1939.csv"


@pytest.mark.parametrize("option, chi2, df, aic", [
    ("ginvariant(none)", 115.851, 48, 7484.4),
    ("ginvariant(mcoef)", 124.044, 54, 7480.6),
    ("", 164.103, 60, 7508.6),
])
def test_holzinger_swineford_by_school_reproduces_lavaans_invariance_models(do, option, chi2, df, aic):
    """lavaan's tutorial: cfa(HS.model, group = "school") configural, group.equal = "loadings",
    and c("loadings", "intercepts") (latent means free in the second group)."""
    data = pd.read_csv(HS)
    data["sch"] = (data.school == "Pasteur").astype(int) + 1
    _, s = run(do, "sem (Visual -> x1 x2 x3) (Textual -> x4 x5 x6) (Speed -> x7 x8 x9), group(sch) "
               f"{option} nolog", data)
    assert s.e.scalars["chi2_ms"] == pytest.approx(chi2, abs=6e-4)
    assert s.e.scalars["df_ms"] == df
    assert -2 * s.e.scalars["ll"] + 2 * s.e.scalars["k"] == pytest.approx(aic, abs=0.06)


def test_a_path_of_one_group_is_fixed_at_zero_in_the_others(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3) (2: F -> x4), group(grp)", df)
    assert coef(s, "x4:1bn.grp#c.F") == 0.0 and "[x4]1bn.grp#c.F = 0" in out
    assert coef(s, "x1:1bn.grp#c.F") == 1.0  # the anchor stays in every group
    assert s.e.macros["oyvars"] == "x1 x2 x3 x4"
    # group 1: x4 is uncorrelated with the factor, its error variance the ML one about the
    # intercept both groups share
    g1 = df[df.grp == 1]
    nu = coef(s, "x4:1bn.grp")
    assert coef(s, "var(e.x4):1bn.grp") == pytest.approx(((g1.x4 - nu) ** 2).mean(), rel=1e-6)


def test_mlmv_and_robust_by_group_match_separate_fits(do):
    df = two_groups()
    df.loc[df.index % 7 == 0, "x2"] = np.nan
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) ginvariant(none) method(mlmv) vce(robust)", df)
    total, n = 0.0, len(df)
    for g, p in ((1, "1bn"), (2, "2")):
        _, single = run(do, f"sem (F -> x1 x2 x3 x4) if grp == {g}, method(mlmv) vce(robust)", df)
        total += single.e.scalars["ll"]
        n_g = int((df.grp == g).sum())
        assert coef(s, f"x3:{p}.grp#c.F") == pytest.approx(coef(single, "x3:F"), abs=2e-6)
        # the sandwich's n/(n-1): the pooled N's in the group fit, the group's own in the single fit
        ratio = math.sqrt((n / (n - 1)) / (n_g / (n_g - 1)))
        assert se(s, f"x3:{p}.grp#c.F") == pytest.approx(se(single, "x3:F") * ratio, rel=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(total, abs=1e-6)
    assert s.e.macros["vcetype"] == "Robust"


def test_paths_typed_group_by_group_are_the_common_model(do):
    """[SEM] sem path notation extensions: (0: mpg <- turn ...) (1: mpg <- turn ...), group(foreign)
    is sem (mpg <- turn ...), group(foreign)."""
    df = two_groups()
    _, common = run(do, "sem (F -> x1 x2 x3 x4), group(grp)", df)
    _, typed = run(do, "sem (1: F -> x1 x2 x3 x4) (2: F -> x1 x2 x3 x4), group(grp)", df)
    assert typed.e.scalars["ll"] == pytest.approx(common.e.scalars["ll"], abs=1e-8)
    assert typed.e.matrices["b"].colnames == common.e.matrices["b"].colnames


def test_means_typed_without_a_group_apply_to_every_group(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) mean(F@0)", df)
    _, t = run(do, "sem (F -> x1 x2 x3 x4), group(grp) mean(1:F@0) mean(2:F@0)", df)
    assert coef(s, "mean(F):2.grp") == 0.0 and coef(t, "mean(F):2.grp") == 0.0
    assert s.e.scalars["ll"] == pytest.approx(t.e.scalars["ll"], abs=1e-8)
    _, v = run(do, "sem (F -> x1 x2 x3 x4), group(grp) variance(1:F@v) variance(2:F@v)", df)
    assert coef(v, "var(F):1bn.grp") == coef(v, "var(F):2.grp")


def test_covstructure_for_one_group(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) covstructure(2: e._En, identity)", df)
    assert coef(s, "var(e.x1):2.grp") == coef(s, "var(e.x4):2.grp")
    assert coef(s, "var(e.x1):1bn.grp") != pytest.approx(coef(s, "var(e.x4):1bn.grp"), abs=1e-3)


def test_a_common_covstructure_holds_within_each_group(do):
    df = two_groups()
    _, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) covstructure(e._En, identity)", df)
    assert coef(s, "var(e.x1):1bn.grp") == coef(s, "var(e.x4):1bn.grp")
    assert coef(s, "var(e.x1):2.grp") == coef(s, "var(e.x4):2.grp")
    assert coef(s, "var(e.x1):1bn.grp") != pytest.approx(coef(s, "var(e.x1):2.grp"), abs=1e-4)
    _, t = run(do, "sem (F -> x1 x2 x3 x4), group(grp) covstructure(e._En, identity) ginvariant(mcoef mcons merrvar)",
               df)
    assert coef(t, "var(e.x1):1bn.grp") == coef(t, "var(e.x4):2.grp")


def test_standardized_values_use_each_groups_implied_deviations(do):
    df = two_groups()
    out, s = run(do, "sem (F -> x1 x2 x3 x4), group(grp) standardized", df)
    assert "Standardized |" in out
    res = s.e.result
    rows = dict(res.equations)["x3"]
    for g, p in ((1, "1bn"), (2, "2")):
        lam, phi = coef(s, f"x3:{p}.grp#c.F"), coef(s, f"var(F):{p}.grp")
        sd = math.sqrt(lam * lam * phi + coef(s, f"var(e.x3):{p}.grp"))
        label = str(g)
        row = [r for r in rows if r.label == label][0]  # the F loading's row of group g
        assert row.coef == pytest.approx(lam * math.sqrt(phi) / sd, rel=1e-9)
    # e(b) stays unstandardized
    assert coef(s, "x1:1bn.grp#c.F") == 1.0
