"""mestreg with nested levels (``|| hosp: || doctor:``), random slopes above a nested level, and
identity/exchangeable covariances: the log likelihood at mlm's estimates against an
independent evaluation (tests/reference_values/mestreg_multilevel_check.py: dense trapezoid
grids, not the engine's adaptive quadrature) and optimality by its finite-difference gradient;
the new engine at one level against the one-level engine (itself checked against R in
test_mestreg.py); e(), the Stata 14 group table, predict and lrtest.

Data: tests/reference_values/mestreg_multilevel_sim.csv (mestreg_multilevel_sim.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

REF = Path(__file__).parent / "reference_values"
sys.path.insert(0, str(REF))
import mestreg_multilevel_check as check  # noqa: E402

CSV = REF / "mestreg_multilevel_sim.csv"
SETUP = f"import delimited using {CSV}, clear\nstset time, failure(fail)\n"


def _b(s):
    return np.asarray(s.e.matrices["b"].values).reshape(-1)


def _V(s):
    return np.asarray(s.e.matrices["V"].values)


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(CSV)
    X = np.column_stack([df.x, df.age, np.ones(len(df))])
    return dict(X=X, x_slope=df.x.to_numpy(float), t=df.time.to_numpy(float), d=df.fail.to_numpy(float),
                hosp=df.hosp.to_numpy(), doctor=df.doctor.to_numpy())


@pytest.fixture(scope="module")
def two_level(do):
    rc, out, s = do(SETUP + "mestreg x age || hosp: || doctor:, dist(weibull) intpoints(9)\n"
                    "estimates store two")
    assert rc == 0, out
    return out, s


def _intercepts(theta):
    return theta[:3], theta[3], np.array([[theta[4]]]), theta[5]


def test_two_level_loglik_and_optimum_by_an_independent_integration(two_level, data):
    out, s = two_level
    b = _b(s)
    assert list(s.e.matrices["b"].colnames) == ["_t:x", "_t:age", "_t:_cons", "/:ln_p", "/:var(_cons[hosp])",
                                                 "/:var(_cons[hosp>doctor])"]
    ll = check.loglik(*_intercepts(b), **data)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=2e-4)
    # at mlm's estimates the independent log likelihood is flat: each score times its SE is
    # the estimate's distance from the exact optimum in SEs
    g = check.gradient(b, _intercepts, **data)
    se = np.sqrt(np.diag(_V(s)))
    assert np.max(np.abs(g * se)) < 0.01
    # and it is a maximum: a step of 0.1 SE in any coordinate lowers it
    for k in range(len(b)):
        for sign in (-1, 1):
            th = b.copy()
            th[k] += sign * 0.1 * se[k]
            assert check.loglik(*_intercepts(th), **data) < ll


def test_two_level_output_in_stata14_layout(two_level):
    out, s = two_level
    lines = out.splitlines()
    k = lines.index(" Group Variable |     Groups    Minimum    Average    Maximum")
    assert lines[k - 2] == "-" * 61 and lines[k - 1] == " " * 16 + "|     No. of       Observations per Group"
    assert lines[k + 1] == "-" * 16 + "+" + "-" * 44
    assert lines[k + 2] == "           hosp |         18         14       20.3         24"
    assert lines[k + 3] == "         doctor |         72          3        5.1          7"
    assert lines[k + 4] == "-" * 61
    assert any(ln.startswith("Integration method: mvaghermite") and ln.endswith("Integration pts.  =          9")
               for ln in lines)
    assert "hosp         |" in lines and "hosp>doctor  |" in lines
    i = lines.index("hosp>doctor  |")
    assert lines[i + 1].startswith("   var(_cons)|")
    lr = next(ln for ln in lines if ln.startswith("LR test vs. Weibull model: chi2(2) ="))
    assert "Prob > chi2 = " in lr
    assert "Note: LR test is conservative and provided only for reference." in lines
    sc = s.e.scalars
    assert sc["chi2_c"] == pytest.approx(2 * (sc["ll"] - sc["ll_c"]))
    assert sc["p_c"] == pytest.approx(stats.chi2.sf(sc["chi2_c"], 2))
    assert sc["df_c"] == 2 and sc["k"] == 6 and sc["rank"] == 6 and sc["k_rs"] == 2
    assert s.e.macros["ivars"] == "hosp doctor" and s.e.macros["labels"] == "hosp hosp>doctor"
    assert list(np.asarray(s.e.matrices["N_g"].values).ravel()) == [18, 72]
    assert list(s.e.matrices["N_g"].colnames) == ["hosp", "doctor"]


def test_replay_at_another_level(two_level, do):
    out, s = two_level
    rc, out90, s = do("mestreg, level(90) nogroup", session=s)
    assert rc == 0, out90
    lines = out90.splitlines()
    assert " Group Variable |     Groups    Minimum    Average    Maximum" not in lines
    assert any("[90% Conf. Interval]" in ln for ln in lines)
    b, se = _b(s)[5], np.sqrt(_V(s)[5, 5])
    row = next(ln for ln in lines[lines.index("hosp>doctor  |"):] if ln.startswith("   var(_cons)|"))
    lo, hi = (float(v) for v in row.split()[-2:])
    z = stats.norm.ppf(0.95)
    assert lo == pytest.approx(b * np.exp(-z * se / b), rel=1e-5)
    assert hi == pytest.approx(b * np.exp(z * se / b), rel=1e-5)


def test_ll_c_is_streg(two_level, do):
    _, s = two_level
    rc, out, s2 = do(SETUP + "quietly streg x age, dist(weibull)")
    assert s.e.scalars["ll_c"] == pytest.approx(s2.e.scalars["ll"], abs=1e-6)


def test_predictions_after_two_levels(two_level, do, data):
    _, s = two_level
    rc, out, s = do("predict double u*, reffects reses(se*)\npredict double xb, xb\npredict double eta, eta\n"
                    "predict double s1, surv\npredict double s0, surv conditional(fixedonly)\n"
                    "predict double sm, surv marginal", session=s)
    assert rc == 0, out
    d = s.data
    b = _b(s)
    p, vh, vd = np.exp(b[3]), b[4], b[5]
    t = d.numeric("time")
    xb = b[0] * d.numeric("x") + b[1] * d.numeric("age") + b[2]
    assert d.numeric("xb") == pytest.approx(xb, rel=1e-6)
    assert d.numeric("eta") == pytest.approx(xb + d.numeric("u1") + d.numeric("u2"), rel=1e-6, abs=1e-8)
    assert d.numeric("s0") == pytest.approx(np.exp(-np.exp(xb) * t ** p), rel=1e-6)
    assert d.numeric("s1") == pytest.approx(np.exp(-np.exp(d.numeric("eta")) * t ** p), rel=1e-6)
    # a hospital's effect is constant within it, a doctor's within hospital and doctor
    for col, keys in (("u1", ["hosp"]), ("u2", ["hosp", "doctor"])):
        frame = pd.DataFrame({k: d.numeric(k) for k in keys} | {"v": d.numeric(col)})
        assert frame.groupby(keys)["v"].nunique().max() == 1
    # the EB means of one hospital and one of its doctors by direct integration
    h = 5
    rows = data["hosp"] == h
    z, lw = np.linspace(-8, 8, 321), None
    dz = z[1] - z[0]
    U = np.sqrt(vh) * z  # hospital nodes
    V = np.sqrt(vd) * z  # doctor nodes
    lphi = np.log(dz) - 0.5 * z * z - 0.5 * np.log(2 * np.pi)
    inner = {}
    for doc in np.unique(data["doctor"][rows]):
        r = rows & (data["doctor"] == doc)
        eta = xb[r][:, None, None] + U[None, :, None] + V[None, None, :]
        ll = (data["d"][r][:, None, None] * (eta + b[3] + p * np.log(t[r])[:, None, None])
              - np.exp(eta) * (t[r] ** p)[:, None, None]).sum(axis=0) + lphi[None, :]
        inner[doc] = ll  # (K_u, K_v)
    from scipy.special import logsumexp
    top = lphi + sum(logsumexp(a, axis=1) for a in inner.values())
    w = np.exp(top - logsumexp(top))
    u_mean = float(w @ U)
    assert d.numeric("u1")[rows][0] == pytest.approx(u_mean, abs=1e-5)
    assert d.numeric("se1")[rows][0] == pytest.approx(np.sqrt(w @ U ** 2 - u_mean ** 2), rel=1e-4)
    doc = 2
    cond = inner[doc]
    pv = np.exp(cond - logsumexp(cond, axis=1, keepdims=True))  # v given u, per u node
    v_mean = float(w @ (pv @ V))
    r = rows & (data["doctor"] == doc)
    assert d.numeric("u2")[r][0] == pytest.approx(v_mean, abs=1e-5)
    # marginal survival of a row: over hospital and doctor effects, z'u ~ N(0, vh + vd)
    i = int(np.flatnonzero(rows)[0])
    sd = np.sqrt(vh + vd)
    f = lambda e: np.exp(-np.exp(xb[i] + e) * t[i] ** p) * stats.norm.pdf(e, 0, sd)  # noqa: E731
    from scipy import integrate
    assert d.numeric("sm")[i] == pytest.approx(integrate.quad(f, -12 * sd, 12 * sd, epsabs=1e-13)[0], rel=1e-6)


def test_lrtest_against_one_level(two_level, do):
    _, s = two_level
    rc, out, s = do("quietly mestreg x age || hosp:, dist(weibull) intpoints(9)\nestimates store one\n"
                    "lrtest two one", session=s)
    assert rc == 0, out
    assert "LR chi2(1)" in out
    chi2 = 2 * (s.estimates["two"].scalars["ll"] - s.e.scalars["ll"])
    assert s.r["chi2"] == pytest.approx(chi2, rel=1e-6)
    assert s.r["df"] == 1


def test_new_engine_at_one_level_is_the_one_level_engine(do):
    """Identity covariance of one effect goes through mixed_survival; the same model written
    with covariance(exchangeable) of one slope and noconstant is the same, and the nested
    engine gives it the same fit."""
    from mlmcli.survival.mixed_survival import fit_mixed_survival
    from mlmcli.survival.nested_survival import fit_nested_survival
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS
    from mlmcli.mixed.spec import RandomTerm

    df = pd.read_csv(CSV)
    X = np.column_stack([df.x, df.age, np.ones(len(df))])
    t, d = df.time.to_numpy(float), df.fail.to_numpy(float)
    group = df.hosp.to_numpy() - 1
    Z = np.ones((len(df), 1))
    old = fit_mixed_survival(DISTRIBUTIONS["weibull"], False, X, t, np.zeros(len(df)), d, Z, group,
                             correlated=False, method="mvaghermite", points=7)
    term = RandomTerm("hosp", group, Z, ("_cons",), "identity", int(group.max()) + 1)
    new = fit_nested_survival(DISTRIBUTIONS["weibull"], False, X, t, np.zeros(len(df)), d, [term],
                              method="mvaghermite", points=7)
    assert new.loglik == pytest.approx(old.loglik, abs=1e-6)
    assert new.b == pytest.approx(old.b, rel=1e-3, abs=1e-4)
    assert np.sqrt(np.diag(new.V)) == pytest.approx(np.sqrt(np.diag(old.V)), rel=2e-3)
    assert new.effects[0].values[:, 0] == pytest.approx(old.eb_means[:, 0], abs=1e-5)


def _slope_model(data, method: str, points: int, terms_only: bool = False):
    """The engine's model of ``|| hosp: x, cov(unstructured) || doctor:`` on the test data."""
    from mlmcli.glmm.levels import build_structure
    from mlmcli.mixed.spec import RandomTerm
    from mlmcli.survival.mixed_survival import SurvivalRows
    from mlmcli.survival.nested_survival import NestedSurvivalModel
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

    n = len(data["t"])
    hosp = np.unique(data["hosp"], return_inverse=True)[1]
    doctor = np.unique(data["hosp"] * 100 + data["doctor"], return_inverse=True)[1]
    terms = [RandomTerm("hosp", hosp, np.column_stack([data["x_slope"], np.ones(n)]), ("x", "_cons"),
                        "unstructured", int(hosp.max()) + 1),
             RandomTerm("doctor", doctor, np.ones((n, 1)), ("_cons",), "identity", int(doctor.max()) + 1)]
    structure = build_structure(terms, n)
    family = SurvivalRows(DISTRIBUTIONS["weibull"], False, data["t"], np.zeros(n), data["d"])
    return NestedSurvivalModel(family, data["X"], structure, method, points), structure


def test_engine_likelihood_with_a_slope_above_a_nested_level(data):
    """At given parameters the engine's nested adaptive quadrature (12 points an effect, three
    effects a hospital) is the independent dense-grid integral."""
    beta, ln_p, S_h, var_d = np.array([0.6, 0.028, -2.8]), 0.33, np.array([[0.2, -0.05], [-0.05, 0.4]]), 0.22
    model, structure = _slope_model(data, "mvaghermite", 12)
    phi = np.concatenate([structure.levels[0].blocks[0].cov.est_from_cov(S_h),
                          structure.levels[1].blocks[0].cov.est_from_cov(np.array([[var_d]]))])
    ll = model.loglik(np.concatenate([beta, [ln_p], phi]))
    assert ll == pytest.approx(check.loglik(beta, ln_p, S_h, var_d, points=41, **data), abs=1e-5)


def test_random_slope_above_a_nested_level(do, data):
    rc, out, s = do(SETUP + "mestreg x age || hosp: x, cov(unstructured) || doctor:, dist(weibull) "
                    "intmethod(laplace) nolog")
    assert rc == 0, out
    assert list(s.e.matrices["b"].colnames)[4:] == ["/:var(x[hosp])", "/:var(_cons[hosp])",
                                                     "/:cov(x[hosp],_cons[hosp])", "/:var(_cons[hosp>doctor])"]
    b = _b(s)
    # e(ll) is the engine's joint Laplace approximation at e(b)
    model, structure = _slope_model(data, "laplace", 1)
    S_h = np.array([[b[4], b[6]], [b[6], b[5]]])
    phi = np.concatenate([structure.levels[0].blocks[0].cov.est_from_cov(S_h),
                          structure.levels[1].blocks[0].cov.est_from_cov(np.array([[b[7]]]))])
    assert model.loglik(np.concatenate([b[:4], phi])) == pytest.approx(s.e.scalars["ll"], abs=1e-6)
    lines = out.splitlines()
    i = lines.index("hosp         |")
    assert lines[i + 1].startswith("       var(x)|") and lines[i + 2].startswith("   var(_cons)|")
    assert lines[i + 4] == "hosp         |" and lines[i + 5].startswith(" cov(x,_cons)|")
    assert lines[i + 7] == "hosp>doctor  |"
    assert s.e.scalars["df_c"] == 4 and s.e.macros["vartypes"] == "Unstructured Identity"
    assert s.e.macros["revars"] == "x _cons _cons" and s.e.macros["redim"] == "2 1"
    rc, out, s = do("predict double r*, reffects\npredict double eta, eta", session=s)
    assert rc == 0, out
    d = s.data
    xb = b[0] * d.numeric("x") + b[1] * d.numeric("age") + b[2]
    eta = xb + d.numeric("x") * d.numeric("r1") + d.numeric("r2") + d.numeric("r3")
    assert d.numeric("eta") == pytest.approx(eta, rel=1e-9, abs=1e-12)


def test_exchangeable_and_identity_slopes(do):
    rc, out, s = do(SETUP + "mestreg x age || hosp: x, cov(exchangeable) dist(weibull) intmethod(laplace) nolog")
    assert rc == 0, out
    names = list(s.e.matrices["b"].colnames)[4:]
    assert names == ["/:var(x[hosp])", "/:var(_cons[hosp])", "/:cov(x[hosp],_cons[hosp])"]
    b = _b(s)
    assert b[4] == pytest.approx(b[5], rel=1e-10)  # one common variance
    assert s.e.scalars["df_c"] == 2 and s.e.scalars["rank"] == 6
    rc, out, s = do(SETUP + "mestreg x age || hosp: x, cov(identity) dist(weibull) intmethod(laplace) nolog")
    assert rc == 0, out
    b = _b(s)
    assert list(s.e.matrices["b"].colnames)[4:] == ["/:var(x[hosp])", "/:var(_cons[hosp])"]
    assert b[4] == pytest.approx(b[5], rel=1e-10) and s.e.scalars["df_c"] == 1


@pytest.mark.parametrize("model, rc", [
    ("mestreg x || _all: R.doctor, dist(weibull)", 198),
    ("mestreg x || hosp: R.doctor, dist(weibull)", 198),
    ("mestreg x || hosp: || doctor:, dist(weibull) intpoints(200)", 198),
    # 30^6 quadrature nodes per hospital: refused before any fit, as meglm refuses them
    ("mestreg x || hosp: x age, cov(unstr) || doctor: x age, dist(weibull) intpoints(30)", 909),
])
def test_refusals(do, model, rc):
    assert do(SETUP + model)[0] == rc


def test_estat_icc_refused_and_estat_group(two_level, do):
    _, s = two_level
    rc, out, s = do("estimates restore two\nestat icc", session=s)
    assert rc == 321


def test_three_levels_table_estat_group_and_stcurve(do, tmp_path):
    """Three nested levels: the group table's three rows, Stata's wrapped label of the
    innermost block, a variance at its boundary still converged, estat group, stcurve."""
    f = tmp_path / "curve"
    rc, out, s = do(SETUP + "generate region = ceil(hosp/6)\n"
                    "mestreg x age || region: || hosp: || doctor:, dist(lognormal) intmethod(laplace) nolog\n"
                    f"estat group\nstcurve, survival outfile({f}, replace)")
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index(" Group Variable |     Groups    Minimum    Average    Maximum")
    assert [ln.split("|")[0].strip() for ln in lines[k + 2:k + 5]] == ["region", "hosp", "doctor"]
    i = lines.index("region>hosp> |")
    assert lines[i + 1] == "doctor       |" and lines[i + 2].startswith("   var(_cons)|")
    assert list(s.e.matrices["b"].colnames)[4:] == ["/:var(_cons[region])", "/:var(_cons[region>hosp])",
                                                     "/:var(_cons[region>hosp>doctor])"]
    assert s.e.scalars["converged"] == 1
    assert any(ln.startswith("LR test vs. lognormal model: chi2(3) =") for ln in lines)
    assert lines.count("         region |        3        118      121.7        129") == 1  # estat group
    rc, out, s = do(f"use {f}, clear", session=s)
    assert rc == 0 and s.data.nobs == 101
