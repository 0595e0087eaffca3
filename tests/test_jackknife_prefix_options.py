"""regress, vce(jackknife, ...)'s prefix options ([R] jackknife; jackknife.ado, _loop_jknife,
_jk_sum): reject(), n(), dots(#), title(), mse's vcetype, double, display options.  The
variances are checked against leave-one-out refits by numpy's least squares."""
import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run
from mlmcli.dataset import Dataset
from mlmcli.session import Session


def _data():
    x = np.arange(1.0, 13.0)
    y = 2 + 0.5 * x + np.mod(np.arange(1, 13) * 7, 5)
    return x, y


@pytest.fixture
def s():
    x, y = _data()
    import io

    from mlmcli.session import Output

    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame({"x": x, "y": y}), types={"x": "double", "y": "double"})
    return session


def _leave_one_out():
    x, y = _data()
    X = np.column_stack([x, np.ones_like(x)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y))])
    return b, B


def _variance(B, centre=None):
    n = B.shape[0]
    d = B - (B.mean(axis=0) if centre is None else centre)
    return (n - 1) / n * d.T @ d


def test_reject_leaves_the_rejected_replicates_out(s):
    """reject(): a replicate whose e() makes the expression true is posted missing ('x'); V,
    e(df_r) and e(N_reps) come from the others (_jk_sum); e(N_misreps) counts them."""
    b, B = _leave_one_out()
    rejected = B[:, 0] > 0.55
    assert 0 < rejected.sum() < len(B)
    out, rc = run(s, "regress y x, vce(jackknife, reject(_b[x] > .55))")
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(B[~rejected]), rtol=1e-9)
    assert s.e.scalars["N_reps"] == (~rejected).sum() and s.e.scalars["N_misreps"] == rejected.sum()
    assert s.e.scalars["df_r"] == (~rejected).sum() - 1 and s.e.scalars["N"] == 12
    dots = "".join("x" if r else "." for r in rejected)
    assert dots.ljust(50) + "    12" in out.splitlines()
    assert "Replications       =" + f"{(~rejected).sum():10d}" in out


def test_reject_with_mse_centres_on_b(s):
    b, B = _leave_one_out()
    keep = ~(B[:, 1] < 3.95)
    out, rc = run(s, "regress y x, vce(jackknife, mse reject(_b[_cons] < 3.95) nodots)")
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(B[keep], b), rtol=1e-9)
    assert s.e.macros["vcetype"] == "Jknife *" and "Jknife *" in out and "Jackknife replications" not in out
    # _prefix_footnote: the replicates reject() posted missing
    k = int((~keep).sum())
    assert out.endswith(f"could not be estimated in {k} jackknife replicate{'s' if k > 1 else ''};\n"
                        "      standard-error estimates include only complete replications.\n")


def test_n_function_marks_mismatched_counts(s):
    """n(exp): each replicate's int(exp) must be n0 less the observations left out; otherwise
    'n' and missing; none usable is _jk_sum's r(2000)."""
    out, rc = run(s, "regress y x, vce(jackknife, n(e(N)))")
    assert rc == 0 and s.e.macros["nfunction"] == "e(N)"
    out, rc = run(s, "regress y x, vce(jackknife, n(e(df_r) + 2))")  # e(df_r) + 2 = e(N): the same
    assert rc == 0 and s.e.scalars["N_reps"] == 12
    out, rc = run(s, "regress y x, vce(jackknife, n(12))", stop_on_error=False)
    assert rc == 2000 and "insufficient observations to compute jackknife standard errors" in out


def test_dots_every(s):
    out, rc = run(s, "regress y x, vce(jackknife, dots(5))")
    assert rc == 0 and ".." + " " * 48 + "    10" in out.splitlines()
    out, rc = run(s, "regress y x, vce(jackknife, dots(0))")
    assert rc == 0 and "Jackknife replications" not in out


def test_title_and_display_options(s):
    out, rc = run(s, 'regress y x, vce(jackknife, title(Leave one out) level(90) nodots)')
    assert rc == 0 and out.splitlines()[1].startswith("Leave one out")  # nodots: no _prefix_note
    assert "[90% Conf. Interval]" in out and s.e.macros["title"] == "Leave one out"
    out, rc = run(s, "regress y x, vce(jackknife, notable noheader nodots)")
    assert rc == 0 and out.strip() == ""  # _prefix_note exits with nodots
    out, rc = run(s, "regress y x, vce(jackknife, nolegend verbose force nomse eclass noheader nodots)")
    assert rc == 0 and "Root MSE" not in out and "Jackknife" in out


def test_keep_double_and_missing_pseudovalues(s):
    """keep: pseudovalues G b - (G - 1) b_(i), G the usable replicates; a rejected replicate's
    pseudovalue is missing; double stores them as double."""
    b, B = _leave_one_out()
    rejected = B[:, 0] > 0.55
    out, rc = run(s, "regress y x, vce(jackknife, keep double reject(_b[x] > .55) nodots)")
    assert rc == 0, out
    G = (~rejected).sum()
    got = s.data.numeric("_b_x")
    np.testing.assert_allclose(got[~rejected], G * b[0] - (G - 1) * B[~rejected, 0], rtol=1e-12)
    assert np.isnan(got[rejected]).all() and s.data.types["_b_x"] == "double"
    assert s.e.macros["pseudo"] == "_b_x _b_cons"


def test_nodrop_with_the_default_count_changes_nothing(s):
    run(s, "replace y = . in 3")
    out, rc = run(s, "regress y x, vce(jackknife, nodrop nodots)")
    assert rc == 0 and s.e.scalars["N"] == 11



def _nodrop_replicates(missing: int):
    """(b, B): the leave-one-out b of the rows with y, and b itself for row ``missing``, which
    leaves out nothing regress uses (jackknife.ado's replicate of an if/in row outside e(sample))."""
    x, y = _data()
    keep = np.arange(len(y)) != missing
    X = np.column_stack([x, np.ones_like(x)])
    b = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
    B = np.array([b if i == missing else np.linalg.lstsq(X[keep & (np.arange(len(y)) != i)],
                                                         y[keep & (np.arange(len(y)) != i)], rcond=None)[0]
                  for i in range(len(y))])
    return b, B


def test_nodrop_with_nocount_adds_the_dropped_observations(s):
    """nodrop nocount: touse stays the if/in selection, so the row without y is a replicate (b
    itself); e(N) and e(sample) count it, the dots and V have 12 replicates."""
    run(s, "replace y = . in 3")
    out, rc = run(s, "regress y x, vce(jackknife, nodrop nocount keep)")
    assert rc == 0, out
    b, B = _nodrop_replicates(2)
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(B), rtol=1e-10)
    assert s.e.scalars["N"] == 12 and s.e.scalars["N_reps"] == 12 and s.e.scalars["df_r"] == 11
    assert "Number of obs      =        12" in out and "Jackknife replications (12)" in out
    assert s.e.sample.sum() == 12
    # keep: the dropped row's pseudovalue is 12 b - 11 b = b
    assert s.data.numeric("_b_x")[2] == pytest.approx(np.float32(b[0]), rel=1e-6)


def test_nodrop_with_n_fails_the_dropped_observations(s):
    """n(e(N)): the replicate of the row without y keeps e(N) = n0, not n0 - 1: 'n', missing."""
    run(s, "replace y = . in 3")
    out, rc = run(s, "regress y x, vce(jackknife, nodrop n(e(N)))")
    assert rc == 0, out
    _, B = _nodrop_replicates(2)
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(np.delete(B, 2, 0)), rtol=1e-10)
    assert "..n........." in out and s.e.scalars["N_reps"] == 11 and s.e.scalars["N"] == 12
    assert s.e.scalars["N_misreps"] == 1 and s.e.macros["missing"] == "missing"


def test_nodrop_with_clusters_and_refusals(s):
    run(s, "replace y = . in 3\ngenerate c = mod(_n, 4)\ngenerate w = 2")
    out, rc = run(s, "regress y x, vce(jackknife, nodrop nocount cluster(c) nodots)")
    assert rc == 0 and s.e.scalars["N_reps"] == 4 and s.e.scalars["N"] == 12, out
    run(s, "replace w = 0 in 3")  # a dropped row's zero frequency less one is -1: its regress fails
    out, rc = run(s, "regress y x [fw=w], vce(jackknife, nodrop nocount)", stop_on_error=False)
    assert rc == 0 and "..x........." in out and s.e.scalars["N_reps"] == 11, out
    V, df = s.e.matrices["V"].values, s.e.scalars["df_r"]
    run(s, "regress y x [fw=w] if _n != 3, vce(jackknife)")  # the other replicates, the same V
    np.testing.assert_allclose(V, s.e.matrices["V"].values, rtol=1e-12)
    assert df == s.e.scalars["df_r"] == 21
    run(s, "replace c = . in 3")
    out, rc = run(s, "regress y x, vce(jackknife, nodrop nocount cluster(c))", stop_on_error=False)
    assert rc == 459 and "missing values not allowed in cluster variable c" in out


def test_force_takes_aweights(s):
    """force: jackknife.ado runs regress [aw] leaving out each observation (without force,
    syntax [fw]'s "aweights not allowed" r(101)); V from the weighted refits (numpy)."""
    run(s, "generate w = 1 + mod(_n, 3)")
    out, rc = run(s, "regress y x [aw=w], vce(jackknife)", stop_on_error=False)
    assert rc == 101 and "aweights not allowed" in out
    out, rc = run(s, "regress y x [aw=w], vce(jackknife, force reject(_b[x] > .6) nodots)")
    assert rc == 0, out
    x, y = _data()
    w = 1 + np.mod(np.arange(1, 13), 3)
    X = np.column_stack([x, np.ones_like(x)])

    def wls(rows):
        sw = np.sqrt(w[rows])
        return np.linalg.lstsq(X[rows] * sw[:, None], y[rows] * sw, rcond=None)[0]

    B = np.array([wls(np.arange(12) != i) for i in range(12)])
    keep = ~(B[:, 0] > .6)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), wls(np.arange(12) >= 0), rtol=1e-10)
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(B[keep]), rtol=1e-9)
    assert s.e.macros["wtype"] == "aweight" and s.e.scalars["N_reps"] == keep.sum()


def test_force_aweights_leaving_out_clusters(s):
    run(s, "generate w = 1 + mod(_n, 3)")
    run(s, "generate c = mod(_n * 5, 4)")
    out, rc = run(s, "regress y x [aw=w], vce(jackknife, force cluster(c) nodots)")
    assert rc == 0, out
    x, y = _data()
    w = 1 + np.mod(np.arange(1, 13), 3)
    c = np.mod(np.arange(1, 13) * 5, 4)
    X = np.column_stack([x, np.ones_like(x)])
    B = []
    for g in np.unique(c):
        rows = c != g
        sw = np.sqrt(w[rows])
        B.append(np.linalg.lstsq(X[rows] * sw[:, None], y[rows] * sw, rcond=None)[0])
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(np.array(B)), rtol=1e-9)
    assert s.e.scalars["N_clust"] == 4


def _weighted_nodrop(w, missing: int):
    """b and the replicates of y on (x, 1) with weights w: without each row, b itself for the
    row without y."""
    x, y = _data()
    X = np.column_stack([x, np.ones_like(x)])
    idx = np.arange(len(y))

    def wls(rows):
        return np.linalg.solve(X[rows].T @ (X[rows] * w[rows, None]), X[rows].T @ (w[rows] * y[rows]))

    keep = idx != missing
    b = wls(keep)
    return b, np.array([b if i == missing else wls(keep & (idx != i)) for i in idx])


def test_nodrop_with_pweights_and_fweights(s):
    run(s, "replace y = . in 3\ngenerate pw = 1 + mod(_n, 4) / 2\ngenerate fw = 1 + mod(_n, 3)")
    out, rc = run(s, "regress y x [pw=pw], vce(jackknife, nodrop nocount nodots)")
    assert rc == 0, out
    _, B = _weighted_nodrop(s.data.numeric("pw"), 2)
    np.testing.assert_allclose(s.e.matrices["V"].values, _variance(B), rtol=1e-10)  # (n-1)/n, n = 12
    assert s.e.scalars["N"] == 12 and s.e.scalars["df_r"] == 11
    # fweights (one copy less; a dropped row's replicate is b, counted with its frequency)
    fw = s.data.numeric("fw")
    out, rc = run(s, "regress y x [fw=fw], vce(jackknife, nodrop nocount nodots)")
    assert rc == 0, out
    x, y = _data()
    X = np.column_stack([x, np.ones_like(x)])
    keep = np.arange(12) != 2
    b = np.linalg.solve(X[keep].T @ (X[keep] * fw[keep, None]), X[keep].T @ (fw[keep] * y[keep]))
    B = []
    for i in range(12):
        f = np.where(keep, fw, 0.0)
        f[i] = max(f[i] - 1, 0) if keep[i] else 0
        B.append(np.linalg.solve(X.T @ (X * f[:, None]), X.T @ (f * np.where(keep, y, 0))) if keep[i] else b)
    B = np.array(B)
    F = fw.sum()
    D = B - fw @ B / F
    np.testing.assert_allclose(s.e.matrices["V"].values, (F - 1) / F * D.T @ (D * fw[:, None]), rtol=1e-10)
    assert s.e.scalars["N"] == F and s.e.scalars["df_r"] == F - 1
    out, rc = run(s, "regress y x [fw=fw], vce(jackknife, nodrop n(e(N)) nodots)")
    assert rc == 0 and s.e.scalars["N"] == F - fw[2] and s.e.scalars["N_reps"] == 11, out
