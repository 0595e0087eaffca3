"""Held-out batch 33 (tests/realworld/README.md, thirty-third batch): what its files needed.

- ``technique()`` on the me commands (a paediatric cohort fits ten ``xi: melogit ... ||
  studyno:, intpoints(30) technique(nr) or``; mlm said "option technique() not allowed").  [R]
  maximize: the technique picks the steps ml takes to the maximum, not the maximum; the me
  commands' help lists technique() among their maximize_options.  mlm now takes nr, dfp and
  bfgs (with counts, read as ml reads them) and fits as usual; bhhh is refused (under ml it also
  changes the default variance to the outer product of the gradients), and a word that is no
  technique is ml's "option technique() invalid" r(198).  The estimates are checked against
  a marginal likelihood computed here with numpy (Gauss-Hermite quadrature on 100 points):
  e(ll) is that likelihood at e(b), and its gradient there is zero.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3311)
    g = np.repeat(np.arange(1, 61), 8)
    x = rng.normal(size=g.size)
    eta = -0.3 + 0.7 * x + rng.normal(0, 0.9, 60)[g - 1]
    y = (rng.random(g.size) < 1 / (1 + np.exp(-eta))).astype(float)
    return pd.DataFrame({"y": y, "x": x, "g": g})


def _marginal_ll(params, data) -> float:
    """ln L of a random-intercept logit at (b_x, b_0, var(u)): each group's integral over u by
    Gauss-Hermite quadrature on 100 points."""
    bx, b0, var = params
    nodes, weights = np.polynomial.hermite.hermgauss(100)
    u = np.sqrt(2 * var) * nodes
    total = 0.0
    for _g, grp in data.groupby("g"):
        eta = b0 + bx * grp["x"].to_numpy()[:, None] + u[None, :]
        y = grp["y"].to_numpy()[:, None]
        lik = np.exp((y * eta - np.log1p(np.exp(eta))).sum(axis=0))
        total += np.log((weights * lik).sum() / np.sqrt(np.pi))
    return total


def _params(session):
    b = session.e.matrices["b"]
    return dict(zip(b.colnames, b.values.ravel()))


@pytest.mark.parametrize("technique", ["nr", "bfgs", "dfp 5 nr 10", "BFGS 3 nr"])
def test_technique_is_honoured_with_the_same_estimates(do, data, technique):
    rc, out, s = do(f"melogit y x || g:, intpoints(30) technique({technique})", data.copy())
    assert rc == 0, out
    b = _params(s)
    params = (b["y:x"], b["y:_cons"], b["var(_cons[g]):_cons"])
    assert s.e.scalars["ll"] == pytest.approx(_marginal_ll(params, data), abs=1e-4)
    step = 1e-4
    for k in range(3):
        up, down = list(params), list(params)
        up[k] += step
        down[k] -= step
        assert (_marginal_ll(up, data) - _marginal_ll(down, data)) / (2 * step) == pytest.approx(0, abs=2e-3)


def test_xi_prefix_with_technique_and_or(do, data):
    """The file's form: ``xi: melogit y i.f ... || g:, intpoints(30) technique(nr) or``."""
    df = data.copy()
    df["f"] = (df["x"] > 0).astype(float)
    rc, out, s = do("xi: melogit y i.f || g:, intpoints(30) technique(nr) or", df)
    assert rc == 0, out
    assert "Odds ratio" in out or "Odds Ratio" in out
    rc2, _out2, s2 = do("xi: melogit y i.f || g:, intpoints(30) or", df)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-10)


@pytest.mark.parametrize("command", ["mepoisson y x || g:", "meologit y x || g:", "meglm y x || g:, family(bernoulli)"])
def test_other_me_commands_take_technique(do, data, command):
    sep = " " if "," in command else ", "
    rc, out, _s = do(command + sep + "technique(bfgs 10 nr)", data.copy())
    assert rc == 0, out


@pytest.mark.parametrize("typed, message", [("bhhh", "option technique(bhhh) not allowed"),
                                            ("nr 5 bhhh", "option technique(bhhh) not allowed"),
                                            ("newton", "option technique() invalid: newton"),
                                            ("5 nr", "option technique() invalid: 5 nr")])
def test_bhhh_and_bad_words_are_refused(do, data, typed, message):
    before = data.copy()
    df = data.copy()
    rc, out, s = do(f"melogit y x || g:, technique({typed})", df)
    assert rc == 198 and message in out
    assert s.e is None
    pd.testing.assert_frame_equal(s.data.df[list(before.columns)].reset_index(drop=True), before)


# ---------------------------------------------------------------- xi's substitution
def test_xi_replaces_the_first_occurrence_of_each_term(do, data):
    """``xi: cmd i.v i.v_azm``: xi.ado replaces each term's first occurrence (``subinstr`` without
    ``all``), so i.v does not eat the start of i.v_azm (mlm made ``_Iv_*_azm``, r(111)).  The
    fit is the regression on the dummies typed by hand, checked with numpy's least squares."""
    df = data.copy()
    df["v"] = (np.arange(len(df)) % 3).astype(float)
    df["v_azm"] = (np.arange(len(df)) % 2).astype(float)
    rc, out, s = do("xi: regress y i.v i.v_azm", df)
    assert rc == 0, out
    names = list(s.e.matrices["b"].colnames)
    assert {"_Iv_1", "_Iv_2", "_Iv_azm_1"} <= set(names)
    X = np.column_stack([df["v"] == 1, df["v"] == 2, df["v_azm"] == 1, np.ones(len(df))]).astype(float)
    beta = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0]
    b = _params(s)
    got = [b["_Iv_1"], b["_Iv_2"], b["_Iv_azm_1"], b["_cons"]]
    assert got == pytest.approx(beta, abs=1e-9)


def test_xi_depvar_term_is_the_outcome(do, data):
    """``xi: melogit i.s x || g:`` with a string yes/no s: the depvar becomes ``_Is_*``, whose one
    variable is the outcome (syntax's varlist expands it; mlm said "variable _Is_* not found").
    Same fit as on the 0/1 variable made by hand."""
    df = data.copy()
    df["s"] = np.where(df["y"] == 1, "yes", "no")
    rc, out, s = do("xi: melogit i.s x || g:", df)
    assert rc == 0, out
    assert s.e.macros["depvar"] == "_Is_2"
    rc2, out2, s2 = do("melogit y x || g:", data.copy())
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-10)


def test_wildcard_depvar_of_several_variables(do, data):
    """A depvar pattern matching several variables: the first is the outcome, the others join the
    regressors (as ``melogit y x`` typed as ``melogit y-x``)."""
    rc, out, s = do("melogit y-x || g:", data.copy())
    assert rc == 0, out
    rc2, _out2, s2 = do("melogit y x || g:", data.copy())
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-10)
    rc3, out3, _s3 = do("melogit zz* x || g:", data.copy())
    assert rc3 == 111


# ---------------------------------------------------------------- graph export .svg, width()
def _svg_root(path):
    import re

    text = path.read_text()
    return re.search(r"<svg\b[^>]*>", text).group(0)


def _attr(tag, name):
    import re

    return re.search(rf'\b{name}="([^"]*)"', tag).group(1)


@pytest.fixture()
def drawn(do, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("scatter y x", data.copy())
    assert rc == 0, out
    return s


def test_svg_width_in_inches_keeps_the_aspect_ratio(do, drawn, tmp_path):
    """svg_options (Stata 16's svg_options.sthlp): ``width(#px|#in)``, pixels without a unit, the
    height from the graph's aspect ratio (an OpenSAFELY-style file exports ``width(12in)``; mlm
    said "option width() not allowed with svg files")."""
    assert do("graph export plain.svg", session=drawn)[0] == 0
    plain = _svg_root(tmp_path / "plain.svg")
    w_pt, h_pt = (float(_attr(plain, n).rstrip("pt")) for n in ("width", "height"))
    rc, out, _s = do("graph export wide.svg, width(12in) replace", session=drawn)
    assert rc == 0, out
    wide = _svg_root(tmp_path / "wide.svg")
    assert _attr(wide, "width") == "12in"
    assert float(_attr(wide, "height").rstrip("in")) == pytest.approx(12 * h_pt / w_pt, rel=1e-5)
    assert _attr(wide, "viewBox") == _attr(plain, "viewBox")  # the same drawing, scaled
    assert do("graph export px.svg, height(300)", session=drawn)[0] == 0
    px = _svg_root(tmp_path / "px.svg")
    assert _attr(px, "height") == "300px"
    assert float(_attr(px, "width").rstrip("px")) == pytest.approx(300 * w_pt / h_pt, rel=1e-5)


@pytest.mark.parametrize("typed", ["12cm", "-3", "wide"])
def test_svg_width_with_another_unit_is_refused(do, drawn, tmp_path, typed):
    rc, out, _s = do(f"graph export bad.svg, width({typed})", session=drawn)
    assert rc == 198 and "option width() incorrectly specified" in out
    assert not (tmp_path / "bad.svg").exists()


def test_width_is_still_refused_for_pdf(do, drawn):
    rc, out, _s = do("graph export a.pdf, width(12in)", session=drawn)
    assert rc == 198 and "option width() not allowed with pdf files" in out
