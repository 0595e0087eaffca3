"""Fixes from the eighteenth held-out batch (tests/realworld/README.md):

* ``generate comp12 = 1.nextbirth*4.interval`` (heldout/anon-mlmus4-ch14, MLMUS4 ch. 14):
  factor-variable levels in expressions ([U] 13.8 "Indicator values for levels of factor
  variables"): ``#.var`` is 1 where var equals #, 0 where it holds another value; not a
  number such as ``1.e1`` and not inside ``_b[1.x]``;
* ``prsnperd id duration`` (heldout/zheng-ta, the duration-models session): Alexis Dinno's
  person-period expansion (dthaz, prsnperd.ado's version-8 branch): ``_period`` within id, and
  with a censoring variable ``_d#``, ``_Y`` and ``_status``;
* ``xi:xtserial lnc lnp lny lnpmin year i.state`` (heldout/anon-panel-wagepan-cn): the first
  differences of time-constant dummies are zero columns, which regress omits -- the test is the
  one without them (it was r(2000));
* ``grstyle set nogrid`` (heldout/anon-alspac-sleep): grstyle 14feb2018's subcommand, no grid
  lines;
* ``xtoverid`` was refused by name (Stata's r(199) without the package); batch 30 wrote it
  (``xtmrho`` is implemented now: tests/test_ssc_small99.py; ``pgmhaz8``: tests/test_pgmhaz8_100.py).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- #.var in expressions
@pytest.fixture(scope="module")
def levels_frame():
    return pd.DataFrame({"x": [1, 2, np.nan, 1, 3], "y": [2, np.nan, 3, 1, 2],
                         "z": [0.5, 1.5, 2.0, 3.5, 1.0], "s": ["a", "b", "a", "b", "a"]})


def test_level_of_a_factor_variable_is_an_indicator(do, levels_frame):
    rc, out, s = do("gen a = 1.x\ngen b = 2.x*1.y\ngen c = 3.x + 10", levels_frame)
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("a"), [1, 0, np.nan, 1, 0])
    np.testing.assert_array_equal(s.data.numeric("b"), [0, np.nan, np.nan, 0, 0])
    np.testing.assert_array_equal(s.data.numeric("c"), [10, 10, np.nan, 10, 11])


def test_level_indicator_equals_the_comparison_on_nonmissing_rows(do, levels_frame):
    rc, out, s = do("gen a = 2.y\ngen b = (y == 2) if !missing(y)", levels_frame)
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("a"), s.data.numeric("b"))


def test_numbers_and_coefficient_names_are_not_levels(do, levels_frame):
    rc, out, s = do("gen c = 1.e1 + 2.5\nregress z i.x\ndisplay _b[2.x] - (_b[2.x])\n"
                    "display 2.x", levels_frame)
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("c"), [12.5] * 5)
    assert out.rstrip().splitlines()[-1].strip() == "0"  # display 2.x: observation 1 (x = 1)


def test_level_of_a_string_or_unknown_variable(do, levels_frame):
    rc, out, _ = do("gen a = 1.s", levels_frame)
    assert rc == 109, out
    rc, out, _ = do("gen a = 1.nosuch", levels_frame)
    assert rc == 111, out


# ----------------------------------------------------------------------------- prsnperd
@pytest.fixture(scope="module")
def spells():
    # three people: 3 periods ending in an event, 2 censored, 1 event (censor 0 = event)
    return pd.DataFrame({"id": [12, 5, 9], "dur": [3, 2, 1], "cens": [0, 1, 0], "x": [1.5, 2.5, 3.5]})


def test_prsnperd_expands_and_numbers_periods(do, spells):
    rc, out, s = do("prsnperd id dur", spells)
    assert rc == 0, out
    d = s.data
    np.testing.assert_array_equal(d.numeric("id"), [5, 5, 9, 12, 12, 12])
    np.testing.assert_array_equal(d.numeric("_period"), [1, 2, 1, 1, 2, 3])
    np.testing.assert_array_equal(d.numeric("x"), [2.5, 2.5, 3.5, 1.5, 1.5, 1.5])
    assert d.types["_period"] == "float" and "_Y" not in d.varnames


def test_prsnperd_with_a_censoring_variable(do, spells):
    rc, out, s = do("prsnperd id dur cens", spells)
    assert rc == 0, out
    d = s.data
    np.testing.assert_array_equal(d.numeric("_Y"), [0, 0, 1, 0, 0, 1])
    np.testing.assert_array_equal(d.numeric("_status"), [2, 3, 1, 2, 2, 1])
    for k in (1, 2, 3):
        np.testing.assert_array_equal(d.numeric(f"_d{k}"), (d.numeric("_period") == k).astype(float))
    # period 2 and 3 rows are never events / always one kind: the ado's messages
    assert "No variation in event occurrence for period 2!" in out
    assert "No variation in event occurrence for period 3!" in out
    assert "period 1!" not in out


def test_prsnperd_cswitch_reads_1_as_the_event(do, spells):
    rc, out, s = do("gen ev = 1 - cens\nprsnperd id dur ev, cswitch", spells)
    assert rc == 0, out
    assert "CSwitch option ON" in out
    np.testing.assert_array_equal(s.data.numeric("_Y"), [0, 0, 1, 0, 0, 1])


def test_prsnperd_refusals(do, spells):
    rc, out, s = do("prsnperd id dur cens, truncate(2)", spells)
    assert rc == 198, out
    assert s.data.nobs == 3  # a failing command leaves the data unchanged
    rc, out, _ = do("prsnperd id", spells)
    assert rc == 102, out
    rc, out, _ = do("gen _period = 1\nprsnperd id dur", spells)
    assert rc == 110, out


# ----------------------------------------------------------------------------- xtserial with xi dummies
def test_xtserial_omits_the_zero_differences_of_panel_dummies(do):
    rng = np.random.default_rng(18)
    ids = np.repeat(np.arange(1, 11), 12)
    t = np.tile(np.arange(1, 13), 10)
    x = rng.normal(size=ids.size)
    e = np.zeros(ids.size)
    for i in range(ids.size):
        e[i] = rng.normal() + (0.5 * e[i - 1] if i and ids[i] == ids[i - 1] else 0)
    y = 1 + 0.5 * x + rng.normal(size=10)[ids - 1] + e
    frame = pd.DataFrame({"id": ids, "t": t, "x": x, "y": y})
    rc, out, s = do("xtset id t\nxtserial y x\nlocal F = r(F)\nxi: xtserial y x i.id\n"
                    "assert reldif(r(F), `F') < 1e-10", frame)
    assert rc == 0, out
    assert out.count("Wooldridge test for autocorrelation in panel data") == 2


# ----------------------------------------------------------------------------- grstyle set nogrid
def test_grstyle_set_nogrid(do):
    from mlmcli.graphs.style import scheme

    rc, out, s = do("grstyle init\ngrstyle set nogrid", pd.DataFrame({"x": [1.0]}))
    assert rc == 0, out
    assert scheme(s.graph_scheme).grid is None
    rc, out, s = do("grstyle init\ngrstyle set nogrid, horizontal", pd.DataFrame({"x": [1.0]}))
    assert rc == 198, out


# ----------------------------------------------------------------------------- refused by name
def test_xtoverid_needs_xtreg_re(do):
    # refused by name until batch 30 wrote it (tests/test_heldout_batch30.py); now the ado's r(301)
    rc, out, _ = do("xtoverid", pd.DataFrame({"x": [1.0]}))
    assert rc == 301 and "xtoverid works only after xtreg" in out


# ----------------------------------------------------------------------------- gllapred ll
@pytest.fixture(scope="module")
def clustered_binary():
    rng = np.random.default_rng(1418)
    g = np.repeat(np.arange(1, 41), 6)
    x = rng.normal(size=g.size)
    u = rng.normal(scale=0.9, size=40)[g - 1]
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(-0.3 + 0.8 * x + u)))).astype(float)
    return pd.DataFrame({"g": g, "x": x, "y": y})


@pytest.mark.parametrize("adapt", ["", "adapt"])
def test_gllapred_ll_sums_to_the_models_log_likelihood(do, clustered_binary, adapt):
    # one contribution per cluster, on each of its rows: their sum over clusters is e(ll)
    rc, out, s = do(f"gllamm y x, i(g) link(cll) family(binomial) {adapt}\n"
                    "gllapred lnl, ll\negen first = tag(g)\nquietly summarize lnl if first\n"
                    "assert reldif(r(sum), e(ll)) < 1e-7\nby g, sort: assert lnl == lnl[1]", clustered_binary)
    assert rc == 0, out


def test_gllapred_ll_fsample_reads_clusters_outside_the_sample(do, clustered_binary):
    # a new cluster of two rows with y = 0: exp(ll) is its marginal probability, the integral
    # of P(y1 = 0 | b) P(y2 = 0 | b) over the random intercept's N(0, s^2) -- checked here
    # against a fine grid (gllamm's 20-point adaptive rule: quadrature error below 1e-8)
    rc, out, s = do("gllamm y x, i(g) link(cll) family(binomial) adapt nip(20)\n"
                    "set obs 242\nreplace g = 99 in 241/242\nreplace x = 0.5 in 241\nreplace x = -1 in 242\n"
                    "replace y = 0 in 241/242\ngllapred lnl, ll fsample", clustered_binary)
    assert rc == 0, out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    cons, bx, sd = b["y:_cons"], b["y:x"], abs(b["g1:_cons"])  # gllamm's g1 equation: the SD
    grid = np.linspace(-10 * sd, 10 * sd, 40001)
    dens = np.exp(-0.5 * (grid / sd) ** 2) / (sd * np.sqrt(2 * np.pi))
    surv = np.ones_like(grid)
    for xv in (0.5, -1.0):
        surv *= np.exp(-np.exp(cons + bx * xv + grid))
    expected = float(np.log(np.sum(surv * dens) * (grid[1] - grid[0])))
    got = s.data.numeric("lnl")[240:242]
    np.testing.assert_allclose(got, [expected, expected], rtol=1e-6)


# ----------------------------------------------------------------------------- streg frailty(invgaussian)
def test_inverse_gaussian_mixture_closed_form_is_the_bessel_formula():
    # ln M(D, s) for D = 0, 1 now comes from K_(+-1/2)'s closed form (the plant-exit file's
    # streg ..., frailty(invgaussian) fits timed out in the Bessel function): the same values
    import scipy.special as sc

    from mlmcli.survival.parametric_frailty import log_mixture

    rng = np.random.default_rng(7)
    D = rng.integers(0, 5, size=300).astype(float)
    s = rng.exponential(2.0, size=300)
    for theta in (1e-6, 0.05, 0.7, 4.0, 60.0):
        root = np.sqrt(1 + 2 * theta * s)
        nu = D - 0.5
        bessel = (0.5 * np.log(2 / (np.pi * theta)) - 0.5 * nu * np.log1p(2 * theta * s)
                  + np.log(sc.kve(nu, root / theta)) - 2 * s / (1 + root))
        np.testing.assert_allclose(log_mixture("invgaussian", D, s, theta), bessel, rtol=1e-12, atol=1e-12)
