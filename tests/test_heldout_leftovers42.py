"""Held-out leftovers of the forty-second session (task hf101), each on data of its own:

* ``set emptycells drop`` ([R] set emptycells: Stata drops an interaction's empty cells from
  the coefficient list -- e(b), e(V) and the table --; Stata's fix note says a one-factor term
  is not touched).  ``keep`` stays the default and shows the cell as ``(empty)``;
* ``net describe pkgname [, from()]`` ([R] net; the Stata Journal's own instructions read
  ``net from .../sj3-2/``, ``net describe st0039``, ``net install st0039``): the package file's
  title, description and files, read from a local net location here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _two_factors(seed: int = 11, n: int = 90) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a = np.arange(n) % 3
    b = (np.arange(n) // 3) % 2
    b[a == 2] = 0  # the cell a=2, b=1 is empty
    y = 0.5 * a + 0.8 * b - 0.4 * (a == 1) * b + rng.normal(size=n)
    return pd.DataFrame({"a": a.astype(float), "b": b.astype(float), "y": y})


def _names(do, text, df):
    rc, out, s = do(text + '\nlocal names : colnames e(b)\ndisplay "NAMES `names\'"', df=df)
    assert rc == 0, out
    line = [ln for ln in out.splitlines() if ln.startswith("NAMES ")][-1]
    return line.split()[1:], out, s


def _ols(df):
    a, b = df["a"].to_numpy(), df["b"].to_numpy()
    X = np.column_stack([a == 1, a == 2, b == 1, (a == 1) & (b == 1), np.ones(len(df))]).astype(float)
    return np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0]


def test_emptycells_keep_is_the_default_and_shows_the_empty_cell(do):
    df = _two_factors()
    names, out, _ = _names(do, "display c(emptycells)\nregress y i.a##i.b", df)
    assert "keep" in out.splitlines()[0]
    assert "2o.a#1o.b" in names
    assert "(empty)" in out


def test_emptycells_drop_leaves_the_interaction_cell_out_of_e_b(do):
    df = _two_factors()
    names, out, s = _names(do, "set emptycells drop\ndisplay c(emptycells)\nregress y i.a##i.b", df)
    assert "drop" in out.splitlines()[0]
    assert not any(n.startswith("2o.a#1") or n == "2.a#1.b" for n in names)
    assert "(empty)" not in out
    assert names == ["0b.a", "1.a", "2.a", "0b.b", "1.b", "0b.a#0b.b", "0b.a#1o.b", "1o.a#0b.b",
                     "1.a#1.b", "2o.a#0b.b", "_cons"]
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    pick = [names.index(k) for k in ("1.a", "2.a", "1.b", "1.a#1.b", "_cons")]
    assert np.allclose(b[pick], _ols(df), atol=1e-8)
    assert np.asarray(s.e.matrices["V"].values).shape == (len(names), len(names))


def test_emptycells_drop_keeps_one_factor_terms_and_other_estimators(do):
    df = _two_factors()
    kept, _, _ = _names(do, "regress y i.a i.b", df)
    dropped, _, _ = _names(do, "set emptycells drop\nregress y i.a i.b", df)
    assert kept == dropped
    df = df.assign(hi=(df["y"] > df["y"].median()).astype(float))
    names, out, _ = _names(do, "set emptycells drop\nlogit hi i.a##i.b", df)
    assert "2o.a#1o.b" not in names and "1.a#1.b" in names


def test_emptycells_takes_keep_or_drop_only(do):
    rc, out, _ = do("set emptycells sometimes")
    assert rc == 198 and "keep or drop required" in out
    rc, out, s = do("set emptycells drop\nset emptycells keep\ndisplay c(emptycells)")
    assert rc == 0 and out.strip().splitlines()[-1] == "keep"


# ----------------------------------------------------------------------------- net describe
def _site(tmp_path):
    (tmp_path / "stata.toc").write_text("v 3\nd A site\np pk1 one package\n")
    (tmp_path / "pk1.pkg").write_text("v 3\nd 'PK1': a package of two commands\nd\nd by Some Author\n"
                                      "f pk1/one.ado\nf pk1/one.sthlp\nF pk1/data1.dta\n")
    return str(tmp_path)


def test_net_describe_reads_the_package_file_of_the_net_location(do, tmp_path):
    site = _site(tmp_path)
    rc, out, _ = do(f"net from {site}\nnet describe pk1")
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index(f"package pk1 from {site}")
    body = lines[start + 1:]
    assert body[body.index("TITLE") + 1].strip() == "'PK1': a package of two commands"
    assert body[body.index("DESCRIPTION/AUTHOR(S)") + 2].strip() == "by Some Author"
    inst = [i for i, ln in enumerate(body) if ln.startswith("INSTALLATION FILES")][0]
    assert body[inst].endswith("(type net install pk1)")
    assert [ln.strip() for ln in body[inst + 1:inst + 3]] == ["pk1/one.ado", "pk1/one.sthlp"]
    anc = [i for i, ln in enumerate(body) if ln.startswith("ANCILLARY FILES")][0]
    assert body[anc].endswith("(type net get pk1)") and body[anc + 1].strip() == "pk1/data1.dta"


def test_net_describe_from_option_and_errors(do, tmp_path):
    site = _site(tmp_path)
    rc, out, _ = do(f"net describe pk1, from({site})")
    assert rc == 0 and "(type net install pk1)" in out
    rc, out, _ = do(f"net describe nosuch, from({site})")
    assert rc == 601 and "nosuch.pkg not found" in out
    assert do(f"net describe, from({site})")[0] == 198
    assert do(f"net describe pk1, from({site}) all")[0] == 198


# ----------------------------------------------------------------------------- me optimizer
def test_maximize_climbs_the_gradient_when_no_finite_curvature_is_available():
    """A fit whose finite-difference Hessian is not finite (far from the optimum, e.g. a start
    from from()) used to stop at once, "convergence not achieved"; it now takes steepest-ascent
    steps and reaches the optimum (here of a concave quadratic, known in closed form)."""
    from mlmcli.glmm.optimize import Objective, maximize

    target = np.array([1.0, -2.0, 0.5])
    scale = np.array([1.0, 3.0, 0.5])

    def f(x):
        return -float(np.sum(scale * (x - target) ** 2))

    obj = Objective(f, 3, grad_fn=lambda x: -2.0 * scale * (x - target))
    obj.rough_hessian = lambda x, f0=None, g0=None: np.full((3, 3), np.nan)
    res = maximize(obj, np.zeros(3), iterate=500)
    assert res.converged
    assert np.allclose(res.x, target, atol=1e-4)


def test_non_finite_modes_do_not_start_the_next_mode_search():
    """A trial point whose modes are not finite (a line search's step far off) must not leave
    them as the next search's start: every later evaluation was -inf from then on."""
    from types import SimpleNamespace

    from mlmcli.glmm.single_level import SingleLevelModel

    eng = SimpleNamespace(last_modes=None)
    good = np.zeros((4, 1))
    SingleLevelModel.remember_modes(eng, good, np.zeros(4))
    assert eng.last_modes is good
    SingleLevelModel.remember_modes(eng, np.full((4, 1), np.nan), np.zeros(4))
    assert eng.last_modes is None
    SingleLevelModel.remember_modes(eng, good, np.array([0.0, -np.inf, 0.0, 0.0]))
    assert eng.last_modes is None


def test_meologit_from_a_smaller_models_estimates_reaches_the_default_starts_optimum(do):
    """meologit with interactions started from() the e(b) of the model without them (matched
    by name, the interactions at the engine's start) ends at the fit of the default start."""
    rng = np.random.default_rng(42)
    G, n = 25, 30
    g = np.repeat(np.arange(G), n)
    x1, x2 = rng.normal(size=G * n), rng.normal(size=G * n)
    u = rng.normal(scale=0.4, size=G)[g]
    lat = 0.5 * x1 - 0.3 * x2 + 0.2 * x1 * x2 + u + rng.logistic(size=G * n)
    y = np.digitize(lat, [-1.0, 0.5, 2.0]).astype(float)
    df = pd.DataFrame({"y": y, "x1": x1, "x2": x2, "g": g.astype(float)})
    base = "meologit y c.x1##c.x2 || g:"
    rc, out, s = do(f"quietly meologit y x1 x2 || g:\nmatrix S = e(b)\n{base}, from(S)", df=df)
    assert rc == 0, out
    ll_from = s.e.scalars["ll"]
    rc, out, s = do(base, df=df)
    assert rc == 0, out
    assert abs(ll_from - s.e.scalars["ll"]) < 1e-5
