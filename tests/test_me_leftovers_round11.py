"""Leftovers of the me commands, round 11 (docs/me_leftovers_round11.md).

- ``(using # quadrature points)``: gsem_p's Mata (``_gsem_predict_latent``) prints it after a
  computation of posterior means; mu, pr, eta and meglm_p's residuals with posterior means go
  through that routine as reffects do (gsem_p 1.3.2 and 1.4.5, meglm_p 1.2.1 and 1.3.4), so
  the line follows them; modes, fixedonly, xb, stdp and a model without random effects print
  none.
- meglm_p 1.3.4: ``reffects`` (or remeans/remodes) after a model without random effects is
  "random-effects equation(s) empty; predictions of random effects not available" r(198);
  ``ebmeans``/``ebmodes`` without reffects are "option ebmeans requires the reffects option"
  r(198).
- ``startvalues(ivloadings)`` is fixedonly (no free loadings in an me model); ``startvalues(iv)``
  is refused by name.
- mecloglog ... cov(un) laplace: the case whose variance jumped to zero and stayed there 1e-5
  below glmmTMB's log likelihood; with the correlation re-chosen when the boundary is
  verified the fit reaches at least R's optimum (tests/me_differential/r_values.json).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "me_differential"


@pytest.fixture(scope="module")
def data():
    rng = np.random.RandomState(86)
    g = np.repeat(np.arange(1, 16), 8)
    x = rng.normal(size=g.size)
    u = rng.normal(scale=0.8, size=15)[g - 1]
    y = (rng.uniform(size=g.size) < 1 / (1 + np.exp(-(-0.3 + 0.7 * x + u)))).astype(float)
    k = np.digitize(-0.3 + 0.7 * x + u + rng.logistic(size=g.size), [-0.5, 0.8]) + 1
    return pd.DataFrame({"g": g, "x": x, "y": y, "k": k.astype(float)})


@pytest.fixture(scope="module")
def fitted(data, new_session, run):
    s = new_session(data)
    _, rc = run(s, "melogit y x || g:, nolog")
    assert rc == 0
    return s


BASED = "(predictions based on fixed effects and posterior {} of random effects)\n"
USING = "(using {} quadrature points)\n"


@pytest.mark.parametrize("line, printed", [
    ("predict f", "(option mu assumed)\n" + BASED.format("means") + USING.format(7)),
    ("predict f, pr", BASED.format("means") + USING.format(7)),
    ("predict f, eta", BASED.format("means") + USING.format(7)),
    ("predict f, fitted", BASED.format("means") + USING.format(7)),
    ("predict f, deviance", BASED.format("means") + USING.format(7)),
    ("predict f, anscombe means", BASED.format("means") + USING.format(7)),
    ("predict f, mu intpoints(11)", BASED.format("means") + USING.format(11)),
    ("predict f, mu modes", BASED.format("modes")),
    ("predict f, eta modes", BASED.format("modes")),
    ("predict f, mu fixedonly", ""),
    ("predict f, xb", ""),
    ("predict f, reffects", "(calculating posterior means of random effects)\n" + USING.format(7)),
    ("predict f, reffects ebmodes", "(calculating posterior modes of random effects)\n"),
])
def test_quadrature_line_follows_the_posterior_means(fitted, do, line, printed):
    rc, out, _ = do(f"capture drop f\n{line}", session=fitted)
    assert rc == 0 and out == printed, out


def test_quadrature_line_uses_the_fits_points(data, do):
    rc, out, _ = do("meologit k x || g:, intpoints(9) nolog\npredict p*", df=data, echo=True)
    assert rc == 0, out
    assert ("predict p*\n(option pr assumed)\n" + BASED.format("means") + USING.format(9)) in out


def test_no_random_effects_no_notes_and_no_reffects(data, do):
    rc, out, s = do("melogit y x, nolog", df=data)
    assert rc == 0, out
    rc, out, s = do("predict p", session=s)
    assert rc == 0 and out == "(option mu assumed)\n", out
    for line in ("predict r, reffects", "predict r, remeans", "predict r, remodes reses(v)",
                 "predict r, reffects ebmodes"):
        rc, out, s = do(line, session=s)
        assert rc == 198, (line, out)
        assert "random-effects equation(s) empty; predictions of random effects not available" in out
        assert "r" not in s.data.df.columns and "v" not in s.data.df.columns


@pytest.mark.parametrize("line, word", [
    ("predict f, ebmeans", "ebmeans"),
    ("predict f, ebmodes", "ebmodes"),
    ("predict f, mu ebmeans", "ebmeans"),
    ("predict f, eta ebmodes", "ebmodes"),
])
def test_ebmeans_needs_reffects(fitted, do, line, word):
    rc, out, s = do(f"capture drop f\n{line}", session=fitted)
    assert rc == 198 and f"option {word} requires the reffects option" in out, out
    assert "f" not in s.data.df.columns


def test_ebmeans_with_reffects_and_the_stata13_names(fitted, do):
    rc, out, s = do("capture drop a b\npredict a, reffects ebmeans\npredict b, reffects", session=fitted)
    assert rc == 0, out
    assert np.array_equal(s.data.df["a"].to_numpy(), s.data.df["b"].to_numpy())
    rc, out, _ = do("predict c, remeans ebmeans", session=fitted)
    assert rc == 198 and "option means not allowed with remeans" in out, out
    rc, out, s = do("capture drop f\npredict f, means", session=fitted)  # meglm_p's undocumented means
    assert rc == 0 and out == "(option mu assumed)\n" + BASED.format("means") + USING.format(7), out


def _fit(do, data, options):
    rc, out, s = do(f"melogit y x || g: x, {options}", df=data)
    assert rc == 0, out
    return out, s


def test_startvalues_ivloadings_is_fixedonly(data, do):
    out_fixed, s_fixed = _fit(do, data, "startvalues(fixedonly)")
    out_iv, s_iv = _fit(do, data, "startvalues(ivloadings)")
    assert out_iv == out_fixed and "Fitting fixed-effects model:" in out_iv
    assert np.array_equal(s_iv.e.matrices["b"].values, s_fixed.e.matrices["b"].values)
    out_fixed, _ = _fit(do, data, "startvalues(fixedonly, iterate(1))")
    out_iv, _ = _fit(do, data, "startvalues(ivloadings, iterate(1))")
    assert out_iv == out_fixed
    zero, _ = _fit(do, data, "startvalues(zero)")
    assert zero != out_fixed  # the option is read, not ignored


def test_startvalues_iv_refused_by_name(data, do):
    rc, out, s = do("melogit y x || g:, startvalues(iv)", df=data)
    assert rc == 198 and "option startvalues(iv) not supported by mlmcli" in out, out
    assert "instrumental-variable estimates" in out and s.e is None


def _generate():
    spec = importlib.util.spec_from_file_location("me_differential_generate_r11", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_cloglog_unstructured_laplace_reaches_r_optimum(do):
    """The case that stopped at var(_cons) = 6.5e-10 with ln L 1.0e-5 below glmmTMB's
    (-114.73896364): the variance jumped to zero early, its correlation then drifted to
    ~0 where it no longer mattered, and the boundary check restored the variance at that
    stale correlation.  Now ln L is at least R's and var(_cons) small but positive."""
    generate = _generate()
    name = "cloglog_slope_un_laplace_1016"
    case = next(c for c in generate.cases() if c.name == name)
    ref = next(c for c in json.loads((HERE / "r_values.json").read_text())["cases"] if c["name"] == name)
    df = generate.data(case)
    assert generate.checksum(df) == ref["checksum"]
    rc, out, s = do(case.stata, df)
    assert rc == 0, out
    ll = s.e.scalars["ll"]
    assert ll >= ref["loglik"] - 1e-9 * abs(ref["loglik"]), (ll, ref["loglik"])
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert 1e-8 < b["var(_cons[g]):_cons"] < 1e-4
    for key in ("y:x", "y:z", "y:_cons", "var(x[g]):_cons"):
        assert abs(b[key] - ref["est"][key]) < 2e-3 * max(1.0, abs(ref["est"][key])), key


def test_correlation_partners_and_their_trials():
    from mlmcli.glmm.derivatives import correlation_partners
    from mlmcli.glmm import optimize
    from mlmcli.glmm.boundary_jumps import best_correlations

    class Cov:
        def __init__(self, names):
            self.names, self.n_est = names, len(names)

        def est_names(self):
            return self.names

    class Block:
        def __init__(self, names):
            self.cov = Cov(names)

    class Level:
        def __init__(self, *blocks):
            self.blocks = blocks

    class Model:
        p, m = 2, 1
        structure = type("S", (), {"levels": [
            Level(Block(["lns1_1_1", "lns1_1_2", "lns1_1_3", "atr1_1_1_2", "atr1_1_1_3", "atr1_1_2_3"])),
            Level(Block(["lns2_1_1", "atr2_1_1_2"]), Block(["lns2_2_1"]))]})

    partners = correlation_partners(Model())
    assert partners == {3: (6, 7), 4: (6, 8), 5: (7, 8), 9: (10,)}
    # the best correlation of a grid replaces a stale one; an already better one stays
    obj = optimize.Objective(lambda x: -(np.tanh(x[1]) - 0.6) ** 2, 2)
    x, f = best_correlations(obj, np.array([0.0, 0.0]), obj.value(np.array([0.0, 0.0])), (1,))
    assert np.tanh(x[1]) == pytest.approx(0.6) and f == pytest.approx(0.0)
    obj = optimize.Objective(lambda x: -(np.tanh(x[1]) - 0.65) ** 2, 2)
    x, f = best_correlations(obj, np.array([0.0, np.arctanh(0.65)]), 0.0, (1,))
    assert np.tanh(x[1]) == pytest.approx(0.65) and f == 0.0
