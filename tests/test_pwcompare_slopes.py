"""pwcompare grp#c.x: pairwise comparisons of the slope of x across grp's levels ([R] pwcompare
takes any factor-variable term of the model, as contrast does; a public Stata log of
``pwcompare c.yrint72#educ3, pveffects`` shows the term ``educ3#c.yrint72`` and rows ``HS vs not hs``),
and parentheses grouping marginlist terms as in any factor-variable list ([U] 11.4.3.4), as a
published psychology do-file types ``pwcompare (c.TrialNum#AgentType), mcompare(bonf) small``.
Was r(322) ``factor 'x' not found`` and r(198) ``(c: operator invalid``.

Numbers against numpy: OLS slopes per group and their differences with SEs from L V L'; after
``mixed ..., reml dfmethod(kroger)`` a comparison of a two-level factor's slopes equals
``lincom ..., small`` of the interaction coefficient (estimate, SE and DF)."""
from __future__ import annotations

import io
import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


def frame(seed=7):
    rng = np.random.default_rng(seed)
    n = 240
    grp = rng.integers(1, 4, n)
    x = rng.normal(10, 3, n)
    slope = np.array([0.0, 0.5, 0.8, -0.3])[grp]
    y = 1 + 0.4 * grp + slope * x + rng.normal(0, 1.5, n)
    return pd.DataFrame({"y": y, "x": x, "grp": grp})


@pytest.fixture()
def ols(tmp_path):
    df = frame()
    path = tmp_path / "slopes.csv"
    df.to_csv(path, index=False)
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f'import delimited using "{path}", clear\nquietly regress y i.grp##c.x')
    assert rc == 0, out
    return s, df


def numpy_slopes(df):
    """Each group's slope of x, and V of the three slopes, from OLS with separate lines."""
    G = [(df.grp == g).to_numpy(float) for g in (1, 2, 3)]
    x = df.x.to_numpy()
    X = np.column_stack(G + [g * x for g in G])
    b, *_ = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)
    resid = df.y.to_numpy() - X @ b
    s2 = resid @ resid / (len(x) - X.shape[1])
    V = s2 * np.linalg.inv(X.T @ X)
    return b[3:], V[3:, 3:], len(x) - X.shape[1]


def table_rows(out, labels):
    got = {}
    for ln in out.splitlines():
        head = ln.split("|")[0].strip()
        if head in labels and "|" in ln:
            got[head] = [float(v) for v in ln.split("|")[1].split()]
    return got


@pytest.mark.parametrize("typed", ["c.x#grp", "grp#c.x", "c.x#i.grp", "(c.x#grp)"])
def test_slope_differences_against_numpy(ols, typed):
    s, df = ols
    out, rc = run(s, f"pwcompare {typed}, effects")
    assert rc == 0, out
    assert "     grp#c.x |" in out
    slopes, V, dfr = numpy_slopes(df)
    labels = {f"{j + 1} vs {i + 1}": (j, i) for i, j in itertools.combinations(range(3), 2)}
    got = table_rows(out, labels)
    assert set(got) == set(labels)  # one factor: no parentheses around the levels
    for lab, (j, i) in labels.items():
        L = np.zeros(3)
        L[j], L[i] = 1, -1
        est, se = L @ slopes, np.sqrt(L @ V @ L)
        t = est / se
        assert got[lab][0] == pytest.approx(est, rel=1e-5, abs=1e-7)
        assert got[lab][1] == pytest.approx(se, rel=1e-5)
        assert got[lab][2] == pytest.approx(t, abs=0.006)
        assert got[lab][3] == pytest.approx(2 * stats.t.sf(abs(t), dfr), abs=6e-4)


def test_slopes_as_margins_and_stored_names(ols):
    s, df = ols
    out, rc = run(s, "pwcompare c.x#grp, cimargins mcompare(bonferroni)")
    assert rc == 0, out
    slopes, V, _ = numpy_slopes(df)
    got = table_rows(out, {"1", "2", "3"})
    for k in range(3):
        assert got[str(k + 1)][0] == pytest.approx(slopes[k], rel=1e-5)
        assert got[str(k + 1)][1] == pytest.approx(np.sqrt(V[k, k]), rel=1e-5)
    out, rc = run(s, "matrix list r(b_vs)")
    assert "2vs1.grp#c.x" in out and "3vs2.grp#c.x" in out
    out, rc = run(s, "display r(b_vs)[1,3]")
    assert float(out.split()[0]) == pytest.approx(slopes[2] - slopes[1], rel=1e-5)


def test_bonferroni_p_values(ols):
    s, df = ols
    out, rc = run(s, "pwcompare grp#c.x, pveffects mcompare(bonf)")
    assert rc == 0, out
    slopes, V, dfr = numpy_slopes(df)
    got = table_rows(out, {"3 vs 2"})
    t = (slopes[2] - slopes[1]) / np.sqrt(V[1, 1] + V[2, 2] - 2 * V[1, 2])
    assert got["3 vs 2"][3] == pytest.approx(min(1.0, 3 * 2 * stats.t.sf(abs(t), dfr)), abs=6e-4)


def test_refusals(ols):
    s, _ = ols
    out, rc = run(s, "pwcompare grp grp#c.x")
    assert rc == 198 and "not supported by mlmcli" in out
    out, rc = run(s, "pwcompare c.x")
    assert rc == 322
    out, rc = run(s, "pwcompare grp#c.nosuch")
    assert rc == 111


def test_parentheses_group_marginlist_terms(ols):
    s, _ = ols
    plain, rc = run(s, "contrast grp")
    assert rc == 0
    grouped, rc = run(s, "contrast (grp)")
    assert rc == 0 and grouped == plain
    plain, _ = run(s, "margins grp")
    grouped, rc = run(s, "margins (grp)")
    assert rc == 0 and grouped == plain
    plain, _ = run(s, "pwcompare grp, effects")
    grouped, rc = run(s, "pwcompare ( grp ), effects")
    assert rc == 0 and grouped == plain


def test_small_after_kroger_matches_lincom(tmp_path):
    rng = np.random.default_rng(11)
    ids = np.repeat(np.arange(1, 31), 8)
    trial = np.tile(np.arange(1, 9), 30)
    arm = rng.integers(0, 2, len(ids))
    y = 0.5 * arm + (0.1 - 0.06 * arm) * trial + rng.normal(0, 0.4, 30)[ids - 1] + rng.normal(0, 0.5, len(ids))
    path = tmp_path / "k.csv"
    pd.DataFrame({"id": ids, "trial": trial, "arm": arm, "y": y}).to_csv(path, index=False)
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f'import delimited using "{path}", clear\n'
                     "quietly mixed y i.arm##c.trial || id:, reml dfmethod(kroger)")
    assert rc == 0, out
    out, rc = run(s, "lincom 1.arm#c.trial, small")
    assert rc == 0, out
    est, se, dfk = (float(run(s, f"display r({k})")[0].split()[0]) for k in ("estimate", "se", "df"))
    out, rc = run(s, "pwcompare (c.trial#arm), small")
    assert rc == 0, out
    row = table_rows(out, {"1 vs 0"})["1 vs 0"]
    assert row[0] == pytest.approx(est, rel=1e-5)
    assert row[1] == pytest.approx(se, rel=1e-5)
    assert row[2] == pytest.approx(dfk, abs=0.06)


def test_slope_beside_its_square_is_taken_at_zero(ols):
    """With c.x#c.x terms the slope of x varies with x; the slope contrasts, like every
    contrast of a term's cells, read the term's coefficients (covariates at 0): contrast
    grp#c.x is the Wald test of the grp#c.x coefficients, pwcompare's differences are them."""
    s, df = ols
    out, rc = run(s, "quietly regress y c.x##c.x##i.grp")
    assert rc == 0, out
    out, rc = run(s, "contrast grp#c.x")
    assert rc == 0, out
    F = float(next(ln for ln in out.splitlines() if ln.startswith("     grp#c.x |")).split("|")[1].split()[1])
    run(s, "quietly test 2.grp#c.x 3.grp#c.x")
    assert F == pytest.approx(float(run(s, "display r(F)")[0].split()[0]), abs=0.006)
    out, rc = run(s, "pwcompare grp#c.x, effects")
    got = table_rows(out, {"2 vs 1", "3 vs 1"})
    b = {k: float(run(s, f"display _b[{k}.grp#c.x]")[0].split()[0]) for k in (2, 3)}
    assert got["2 vs 1"][0] == pytest.approx(b[2], rel=1e-5)
    assert got["3 vs 1"][0] == pytest.approx(b[3], rel=1e-5)
