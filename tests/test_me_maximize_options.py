"""[R] maximize's options on the me commands (meglm and its siblings): each honoured with a
check of its effect, or refused by name with r(198) and nothing stored.

Honoured: ``difficult`` (another step in nonconcave regions, the same maximum),
``nonrtolerance`` (ml's stopping rule without g'(-H)^-1 g: a loose ``ltolerance()`` then stops
the log earlier), gsem's ``dnumerical`` (numerical derivatives: the analytic gradient is never
asked for), ``iterate(#)`` (ml_max.ado: typed, the limit ends with the warning and rc 0;
``e(converged)`` 0).  Refused: the iteration log's displays ``trace``, ``gradient``,
``hessian``, ``showstep``, ``showtolerance`` (mlmcli's BFGS iterates in its own
parametrization, so their vectors would not be Stata's) and ``technique(bhhh)``; mestreg's
table has none of them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special

from mlmcli.glm.newton import newton_direction
from mlmcli.glmm.optimize import difficult_direction


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    g = np.repeat(np.arange(1, 31), 10)
    x = rng.normal(size=g.size)
    u = rng.normal(0, 0.8, 31)[g]
    eta = -0.3 + 0.7 * x + u
    return pd.DataFrame({"g": g, "x": x, "y": (rng.random(g.size) < special.expit(eta)).astype(float),
                         "c": rng.poisson(np.exp(0.2 + 0.4 * x + 0.5 * u)).astype(float),
                         "o": 1.0 + (eta + rng.logistic(size=g.size) > -1) + (eta + rng.logistic(size=g.size) > 0.5)})


DF = _data()
MODELS = {"melogit": "y x || g:", "meprobit": "y x || g:", "mecloglog": "y x || g:", "mepoisson": "c x || g:",
          "menbreg": "c x || g:", "meologit": "o x || g:", "meoprobit": "o x || g:",
          "meglm": "y x || g:, family(bernoulli)"}


@pytest.fixture
def me(do):
    def run(cmd: str, options: str):
        model = MODELS[cmd]
        sep = " " if "," in model else ", "
        return do(f"{cmd} {model}{sep}{options}", DF.copy())
    return run


def _ok(res):
    rc, out, s = res
    assert rc == 0, out
    return out, s.e


def _log(out: str) -> list[str]:
    return [ln.strip() for ln in out.split("Fitting full model:")[1].splitlines() if ln.startswith("Iteration")]


def _random_intercept_logit_ll(b0, b1, lnsd, nodes=60) -> float:
    """The marginal log likelihood by plain Gauss-Hermite quadrature (independent of mlmcli)."""
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    w = w / w.sum()
    ll = 0.0
    for _, grp in DF.groupby("g"):
        eta = b0 + b1 * grp["x"].to_numpy()[:, None] + np.exp(lnsd) * z[None, :]
        y = grp["y"].to_numpy()[:, None]
        lik = np.exp(np.sum(y * np.log(special.expit(eta)) + (1 - y) * np.log(special.expit(-eta)), axis=0))
        ll += np.log(lik @ w)
    return ll


def test_difficult_direction_splits_the_curvature():
    H = -np.diag([2.0, 1.0, -3.0])  # -H has a wrong-signed curvature in the third direction
    g = np.array([1.0, 1.0, 1.0])
    d, concave = difficult_direction(g, H)
    assert not concave
    np.testing.assert_allclose(d, [0.5, 1.0, 1.0 / 2.0])  # Newton, Newton, gradient over the largest right curvature
    modified, _ = newton_direction(g, H)
    np.testing.assert_allclose(modified, [0.5, 1.0, 1.0 / 3.0])  # the default: |eigenvalue|
    assert g @ d > 0
    concave_H = -np.array([[2.0, 0.3], [0.3, 1.0]])
    np.testing.assert_allclose(difficult_direction(g[:2], concave_H)[0], newton_direction(g[:2], concave_H)[0])


def test_difficult_changes_the_path_not_the_maximum(me):
    out_d, e_d = _ok(me("melogit", "difficult"))
    out, e = _ok(me("melogit", "log"))
    assert _log(out_d) != _log(out)  # the nonconcave first iteration steps elsewhere
    np.testing.assert_allclose(e_d.matrices["b"].values, e.matrices["b"].values, atol=1e-6)
    assert e_d.scalars["converged"] == 1
    b = e_d.matrices["b"].values.ravel()
    # independently: scipy's maximum of the Gauss-Hermite likelihood
    best = optimize.minimize(lambda p: -_random_intercept_logit_ll(*p), [0.0, 0.5, 0.0], method="Nelder-Mead",
                             options={"xatol": 1e-7, "fatol": 1e-9, "maxiter": 4000})
    assert abs(-best.fun - e_d.scalars["ll"]) < 1e-4
    np.testing.assert_allclose([b[1], b[0], np.exp(2 * best.x[2])], [best.x[0], best.x[1], b[2]], atol=2e-3)


def test_nonrtolerance_drops_the_scaled_gradient_check(me):
    loose, e_loose = _ok(me("melogit", "ltolerance(1e-2)"))
    off, e_off = _ok(me("melogit", "ltolerance(1e-2) nonrtolerance"))
    assert len(_log(off)) < len(_log(loose))
    assert e_off.model.spec.nonrtolerance and not e_loose.model.spec.nonrtolerance
    # the estimates are taken on to the maximum either way
    np.testing.assert_allclose(e_off.matrices["b"].values, e_loose.matrices["b"].values, atol=1e-6)


def test_dnumerical_never_asks_for_the_analytic_gradient(me, monkeypatch):
    _, e = _ok(me("melogit", "nolog"))
    import mlmcli.glmm.estimate as estimate

    def refuse(model):
        raise AssertionError("analytic gradient asked for")
    monkeypatch.setattr(estimate, "model_gradient", refuse)
    _, e_num = _ok(me("melogit", "dnumerical nolog"))
    assert abs(e_num.scalars["ll"] - e.scalars["ll"]) < 1e-7
    np.testing.assert_allclose(e_num.matrices["b"].values, e.matrices["b"].values, atol=1e-5)
    np.testing.assert_allclose(np.sqrt(np.diag(e_num.matrices["V"].values)),
                               np.sqrt(np.diag(e.matrices["V"].values)), rtol=1e-3)


@pytest.mark.parametrize("cmd", sorted(MODELS))
def test_path_options_reach_the_same_maximum_on_every_command(cmd, me):
    _, e = _ok(me(cmd, "nolog"))
    for option in ("difficult", "nonrtolerance", "dnumerical", "technique(nr)"):
        _, e_opt = _ok(me(cmd, f"{option} nolog"))
        assert abs(e_opt.scalars["ll"] - e.scalars["ll"]) < 1e-6 * abs(e.scalars["ll"]), option
        b, b_opt = e.matrices["b"].values.ravel(), e_opt.matrices["b"].values.ravel()
        interior = np.abs(b) < 10  # menbreg's ln(alpha) runs off to -inf here: any far value is the maximum
        np.testing.assert_allclose(b_opt[interior], b[interior], atol=1e-4, err_msg=option)
        assert np.all(b_opt[~interior] < -10), option


@pytest.mark.parametrize("cmd", ["melogit", "mepoisson", "meologit"])
def test_iterate_stops_with_the_warning(cmd, me):
    out, e = _ok(me(cmd, "iterate(2)"))
    assert len(_log(out)) == 3  # iterations 0, 1, 2
    assert "convergence not achieved" in out and "Warning: convergence not achieved" in out
    assert e.scalars["converged"] == 0 and e.scalars["rc"] == 0


@pytest.mark.parametrize("cmd", sorted(MODELS))
@pytest.mark.parametrize("option", ["trace", "gradient", "hessian", "showstep", "showtolerance"])
def test_log_displays_are_refused_by_name(cmd, option, me):
    rc, out, s = me(cmd, option)
    assert rc == 198 and f"option {option} not allowed" in out
    assert s.e is None


def test_bhhh_is_refused(me):
    rc, out, s = me("meglm", "technique(bhhh)")
    assert rc == 198 and "option technique(bhhh) not allowed" in out and s.e is None


@pytest.mark.parametrize("option", ["difficult", "trace", "nonrtolerance", "tolerance(1e-4)", "technique(nr)"])
def test_mestreg_refuses_what_its_fit_does_not_take(option, do):
    df = DF.assign(t=np.exp(-0.3 * DF["x"]) + 0.1, d=1.0)
    rc, out, s = do(f"stset t, failure(d)\nmestreg x || g:, distribution(weibull) {option}", df)
    assert rc == 198 and f"option {option.split('(')[0]}" in out and "not allowed" in out
    assert s.e is None


def test_gsem_hands_the_path_options_to_its_me_fit(do):
    def run(option: str):
        return _ok(do(f"gsem (y <- x M[g]), logit {option}", DF.copy()))
    out, e = run("")
    out_d, e_d = run("difficult")
    assert _log(out_d) != _log(out)
    _, e_me = _ok(do("melogit y x || g:, nolog", DF.copy()))
    for option in ("nonrtolerance", "dnumerical", "technique(nr)", "tolerance(1e-4) ltolerance(1e-5) nrtolerance(1e-4)"):
        assert abs(run(option + " nolog")[1].scalars["ll"] - e_me.scalars["ll"]) < 1e-6, option
    assert abs(e_d.scalars["ll"] - e_me.scalars["ll"]) < 1e-6


@pytest.mark.parametrize("option", ["difficult", "nonrtolerance", "dnumerical", "technique(nr)", "tolerance(1e-4)"])
def test_gsem_without_the_me_engine_refuses_them(option, do):
    rc, out, s = do(f"gsem (x <- M[g]), {option}", DF.copy())  # Gaussian: the sem engine's likelihood
    assert rc == 198 and f"option {option.split('(')[0]}" in out and "not allowed" in out
    assert s.e is None


@pytest.mark.parametrize("option", ["trace", "gradient", "hessian", "showstep", "showtolerance"])
def test_gsem_refuses_the_log_displays(option, do):
    rc, out, s = do(f"gsem (y <- x M[g]), logit {option}", DF.copy())
    assert rc == 198 and f"option {option} not allowed" in out and s.e is None
