"""Fixes from the nineteenth held-out batch (tests/realworld/README.md, teaching do-files):

* ``melogit ... ||school:, intp(7)`` (heldout/lambert-ohara): the me commands' ``intp:oints()``
  and ``intm:ethod()`` abbreviate to four letters (their help files' syntax tables);
* ``menbreg deaths c.RMuv0 c.WRuv, || region: c.WRuv`` (heldout/anon-psqf7375-clustered): the
  continuous operator in an me command's random-effects equation names the variable, as in
  mixed's; other factor-variable terms stay r(101);
* ``margins, at(c.frlunch=(0 1) c.SMfrlunch30=(-.2 0 .2 .4))``: ``c.x`` in at() is ``x``;
* ``lincom c.WRuv*1 + i2.nation#c.WRuv*1``: ``i2.g`` names the indicator ``2.g``;
* ``estat recovariance, correlation format(%9.3f)`` (heldout/mcdonnell): matlist's format(),
  one of the matlist options [ME] estat recovariance takes;
* ``qui etable, append`` (heldout/mcdonnell): the active results as new columns of the last
  etable;
* ``mixed ..., stddev robust`` (heldout/lambert-ohara lab 2): _xtmixed_estimate's ``Robust``
  option is vce(robust) (tests/test_mixed_option_walk.py walks it with the other options);
* ``xtdes`` on data xtset with delta(10): Delta, Span and the patterns in units of delta;
* ``randomtag if pickone, count(50) gen(samp50)`` (SSC, Robert Picard): a random sample of
  exactly count() observations;
* the harness's rewrite of ``describe using FILE`` to the local look-alike.
"""
from __future__ import annotations

import os
import re
import sys

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def clustered():
    rng = np.random.default_rng(19)
    g = np.repeat(np.arange(1, 31), 12)
    x = rng.normal(size=g.size)
    u0, u1 = rng.normal(0, 0.6, 31)[g], rng.normal(0, 0.3, 31)[g]
    eta = -0.2 + (0.5 + u1) * x + u0
    return pd.DataFrame({"g": g, "x": x, "f": (g % 3) + 1, "y": (rng.random(g.size) < 1 / (1 + np.exp(-eta))).astype(float),
                         "n": rng.poisson(np.exp(0.3 + 0.4 * x + u0)).astype(float),
                         "z": 1.0 + x + u0 + rng.normal(size=g.size)})


def _scalar(session, name):
    return float(session.e.scalars[name])


@pytest.mark.parametrize("typed", ["intp(5)", "intpoi(5)", "intpoints(5)"])
def test_me_intpoints_abbreviates_to_four_letters(do, clustered, typed):
    rc, out, s = do("melogit y x || g:, intpoints(5)", clustered)
    assert rc == 0, out
    rc2, out2, s2 = do(f"melogit y x || g:, {typed}", clustered)
    assert rc2 == 0, out2
    assert _scalar(s2, "ll") == _scalar(s, "ll") and s2.e.scalars["n_quad"] == 5


def test_me_intmethod_abbreviates_and_three_letters_are_too_few(do, clustered):
    rc, out, s = do("mepoisson n x || g:, intm(laplace)", clustered)
    assert rc == 0, out
    assert s.e.macros["intmethod"] == "laplace"
    rc, out, _ = do("melogit y x || g:, int(5)", clustered)
    assert rc == 198, out


def test_me_random_slope_with_continuous_operator_is_the_variable(do, clustered):
    rc, out, s = do("mepoisson n x || g: x, cov(unstructured)", clustered)
    assert rc == 0, out
    rc2, out2, s2 = do("mepoisson n c.x || g: c.x, cov(unstructured)", clustered)
    assert rc2 == 0, out2
    assert _scalar(s2, "ll") == pytest.approx(_scalar(s, "ll"), rel=1e-10)
    np.testing.assert_allclose(s2.e.matrices["b"].values, s.e.matrices["b"].values, rtol=1e-8)
    # factor variables in a random-effects equation: Stata 16's _me_estimate fits them, an
    # explicit version below 16 refuses them (r(198))
    rc3, out3, _ = do("mepoisson n x || g: i.f", clustered)
    assert rc3 == 0, out3
    rc4, out4, _ = do("version 15: mepoisson n x || g: i.f", clustered)
    assert rc4 == 198, out4


def test_margins_at_continuous_operator(do, clustered):
    rc, out, s = do("regress z c.x##i.f\nmargins, at(x=(-1 0 1))\nmatrix A = r(b)\n"
                    "margins, at(c.x=(-1 0 1))\nmatrix B = r(b)", clustered)
    assert rc == 0, out
    np.testing.assert_array_equal(s.matrices["A"].values, s.matrices["B"].values)
    assert s.matrices["A"].values.shape == (1, 3)


def test_lincom_indicator_level_spelling(do, clustered):
    rc, out, s = do("poisson n c.x i.f i.f#c.x\nlincom c.x*1 + 2.f#c.x*1\nscalar a = r(estimate)\n"
                    "lincom c.x*1 + i2.f#c.x*1\nscalar b = r(estimate)\nscalar c = _b[x] + _b[2.f#c.x]", clustered)
    assert rc == 0, out
    assert s.scalars["a"] == s.scalars["b"] == pytest.approx(s.scalars["c"], rel=1e-12)
    assert out.count("[n]x + [n]2.f#c.x = 0") == 2, out  # the constraint shown as Stata names it


def test_estat_recovariance_format(do, clustered):
    rc, out, s = do("mixed z x || g: x, cov(un)\nestat recovariance, correlation format(%9.3f)", clustered)
    assert rc == 0, out
    table = out.split("Random-effects correlation matrix for level g")[1]
    cells = re.findall(r"-?\d*\.\d+", table)
    assert cells and all(len(c.split(".")[1]) == 3 for c in cells), table
    assert "1.000" in table
    rc, out, _ = do("estat recovariance, format(%5x)", session=s)
    assert rc == 120 and "invalid %format" in out


def _header(table: str) -> str:
    return [ln for ln in table.splitlines() if ln.strip() and not ln.startswith("-")][0]


def test_etable_append_adds_the_active_results(do, clustered):
    rc, out, s = do("quietly regress z x\nquietly etable\nquietly mixed z x || g:\netable, append", clustered)
    assert rc == 0, out
    assert _header(out).split() == ["z", "z"], out  # two columns, each headed by the depvar
    assert "var(_cons)" in out
    rc, out, s = do("quietly mixed z || g:\netable, append", session=s)
    assert rc == 0 and _header(out).split() == ["z", "z", "z"], out


def test_etable_append_needs_a_table(do, clustered):
    rc, out, s = do("regress z x\netable\ncollect clear\netable, append", clustered)
    assert rc == 111 and "collection ETable not found" in out
    rc, out, _ = do("etable\netable, append showstars", session=s)
    assert rc == 198 and "showstars not allowed with append" in out


def test_xtdescribe_honours_xtset_delta(do):
    frame = pd.DataFrame({"id": np.repeat([1, 2, 3], 6), "year": np.tile(np.arange(1971, 2031, 10), 3)})
    frame = frame[~((frame.id == 3) & (frame.year == 1991))]
    rc, out, s = do("xtset id year, delta(10)\nxtdescribe", frame)
    assert rc == 0, out
    assert "Delta(year) = 10 units" in out and "Span(year)  = 6 periods" in out
    assert re.search(r"\|\s+111111\n", out) and re.search(r"\|\s+11\.111\n", out), out
    assert "Each column represents" not in out
    rc, out, _ = do("xtset id year\nxtdescribe", frame)  # delta 1: the 51 years, one column per 10
    assert "Delta(year) = 1 unit" in out and "Span(year)  = 51 periods" in out


def test_randomtag_picks_exactly_count(do):
    frame = pd.DataFrame({"id": np.arange(1, 201), "keep": (np.arange(200) % 2).astype(float)})
    rc, out, s = do("set seed 20230906\nrandomtag if keep, count(37) gen(samp)", frame)
    assert rc == 0, out
    tag = s.data.numeric("samp")
    assert tag.sum() == 37 and set(np.unique(tag)) == {0.0, 1.0}
    assert np.all(tag[frame["keep"].to_numpy() == 0] == 0)  # only the if-sample is drawn from
    assert s.data.types["samp"] == "byte"
    rc, out, s2 = do("set seed 20230906\nrandomtag if keep, count(37) gen(samp)", frame)
    np.testing.assert_array_equal(s2.data.numeric("samp"), tag)  # the same seed, the same sample
    rc, out, s3 = do("randomtag, count(500)", frame)
    assert rc == 0 and s3.data.numeric("_randomtag").sum() == 200  # count above N: every observation
    assert do("randomtag, count(5) gen(id)", frame)[0] == 110
    assert do("randomtag, count(0)", frame)[0] == 411
    assert do("randomtag", frame)[0] == 198


@pytest.mark.parametrize("count", [1, 2, 5, 50, 99, 100])
def test_randomtag_cutoff_search_reaches_count(count):
    from mlmcli.commands.community.randomtag import picks

    rng = np.random.default_rng(count)
    u1 = rng.random(100)
    chosen = picks(u1, count, lambda k: rng.random(k))
    assert chosen.sum() == count
    # the picked draws are the smallest ones (the tie-breaking draw never matters without ties)
    assert set(np.flatnonzero(chosen)) == set(np.argsort(u1)[:count])


def _rewriter(tmp_path, datamap):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    return Rewriter(datamap, str(tmp_path))


def test_realworld_rewrite_describe_using(tmp_path):
    local = str(tmp_path / "nurses.dta")
    rw = _rewriter(tmp_path, {"nurses.dta": local})
    assert rw.rewrite(r'de using C:\1\sgsss-2025\data\nurses.dta') == f'de using "{local}"'
    assert rw.rewrite(r'describe using "C:\1\data\nurses.dta", short') == f'describe using "{local}", short'
    assert rw.rewrite("describe gcse lrt") == "describe gcse lrt"
