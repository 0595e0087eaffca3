"""``vce(bootstrap, group(v))`` typed alone on the xt commands (``commands.estimation.
bootstrap_group``): _vce_parserun appends ``cluster(tmpi) idcluster(panelvar)``, so Stata takes
group(v) and _loop_bs renumbers v in each replicate.  mlm honours it where that changes no fit (v
not read, or the panel variable without strata()) -- the replicates are then the plain vce()'s,
checked against numpy's within regressions on the same draws (the panels drawn by
``mlmcli.replication.draws`` from numpy's generator seeded by seed(), each drawn copy a panel) --
and refuses it where the fit reads v -- but for xtreg's and xtgee's depvar or a plain regressor, whose
replicates read _loop_bs's new numbers: checked against the same draws renumbered here by a
plain loop (copies in the order of the panel drawn, then the copy; v's distinct values
ascending in each; 1, 2, ... across them) and numpy's within/between regressions (xtreg) and
least squares (xtgee, corr(independent))."""
from __future__ import annotations

import numpy as np
import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/10 + mod(_n*7,5)/4\ngenerate id = ceil(_n/4)\n"
        "generate t = mod(_n-1,4)+1\ngenerate y = x + mod(_n*3,7)/2 + mod(id,3)\ngenerate yb = mod(_n*7,11) > 4\n"
        "generate c = mod(_n*5,7)\ngenerate k = mod(_n,3)\nxtset id t\n}\n")


def _within(y, x, g):
    means = lambda v: np.array([v[g == j].mean() for j in range(g.max() + 1)])[g]  # noqa: E731
    slope = float(((x - means(x)) @ (y - means(y))) / ((x - means(x)) @ (x - means(x))))
    return np.array([slope, y.mean() - x.mean() * slope])


def _between(y, x, g):
    G = g.max() + 1
    yb = np.array([y[g == j].mean() for j in range(G)])
    xb = np.array([x[g == j].mean() for j in range(G)])
    return np.linalg.lstsq(np.column_stack([xb, np.ones(G)]), yb, rcond=None)[0]


def _renumbered(values, units, copies):
    out = np.empty(len(values))
    counter = 0
    for c in sorted(set(copies.tolist()), key=lambda c: (units[copies == c][0], c)):
        here = np.flatnonzero(copies == c)
        for v in sorted(set(values[here].tolist())):
            counter += 1
            out[here[values[here] == v]] = counter
    return out


def _draws(panel, reps, seed):
    from mlmcli.replication.draws import draw, resampling_units

    units = resampling_units(len(panel), panel, None, None)
    rng = np.random.default_rng(seed)
    return [draw(units, rng) for _ in range(reps)]


@pytest.mark.parametrize("model, group, estimator", [("fe", "y", _within), ("fe", "x", _within),
                                                     ("be", "y", _between), ("be", "x", _between)])
def test_xtreg_group_of_what_it_reads_refits_the_new_numbers(do, model, group, estimator):
    rc, out, s = do(DATA + f"xtreg y x, {model} vce(bootstrap, reps(15) seed(3) group({group}))")
    assert rc == 0, out
    y, x = s.data.numeric("y"), s.data.numeric("x")
    panel = s.data.numeric("id").astype(int) - 1
    B = []
    for d in _draws(panel, 15, 3):
        copies = np.asarray(d.codes)
        yy, xx = y[d.rows], x[d.rows]
        if group == "y":
            yy = _renumbered(yy, panel[d.rows], copies)
        else:
            xx = _renumbered(xx, panel[d.rows], copies)
        B.append(estimator(yy, xx, copies))
    np.testing.assert_allclose(s.e.matrices["V"].values, np.cov(np.array(B), rowvar=False), rtol=1e-8)
    assert s.e.matrices["b"].values.reshape(-1)[0] == pytest.approx(
        estimator(y, x, panel)[0], rel=1e-9)  # the full-sample fit is not renumbered


def _ols(y, x, g):
    return np.linalg.lstsq(np.column_stack([x, np.ones(len(x))]), y, rcond=None)[0]


@pytest.mark.parametrize("group", ["y", "x"])
def test_xtgee_group_of_what_it_reads_refits_the_new_numbers(do, group):
    # corr(independent), gaussian: each replicate's GEE is least squares on the renumbered data
    rc, out, s = do(DATA + f"xtgee y x, corr(independent) vce(bootstrap, reps(15) seed(3) group({group}))")
    assert rc == 0, out
    y, x = s.data.numeric("y"), s.data.numeric("x")
    panel = s.data.numeric("id").astype(int) - 1
    B = []
    for d in _draws(panel, 15, 3):
        copies = np.asarray(d.codes)
        yy, xx = y[d.rows], x[d.rows]
        if group == "y":
            yy = _renumbered(yy, panel[d.rows], copies)
        else:
            xx = _renumbered(xx, panel[d.rows], copies)
        B.append(_ols(yy, xx, copies))
    np.testing.assert_allclose(s.e.matrices["V"].values, np.cov(np.array(B), rowvar=False), rtol=1e-6)


@pytest.mark.parametrize("group", ["k", "id", "yb"])
def test_xtreg_fe_group_not_read_gives_the_panels_bootstrap(do, group):
    from mlmcli.replication.draws import draw, resampling_units

    rc, out, s = do(DATA + f"xtreg y x, fe vce(bootstrap, reps(20) seed(5) group({group}))")
    assert rc == 0, out
    y, x = s.data.numeric("y"), s.data.numeric("x")
    panel = s.data.numeric("id").astype(int) - 1
    units = resampling_units(40, panel, None, None)
    rng = np.random.default_rng(5)
    B = []
    for _ in range(20):
        d = draw(units, rng)
        B.append(_within(y[d.rows], x[d.rows], np.asarray(d.codes)))
    np.testing.assert_allclose(s.e.matrices["V"].values, np.cov(np.array(B), rowvar=False), rtol=1e-8)
    _, _, plain = do(DATA + "xtreg y x, fe vce(bootstrap, reps(20) seed(5))")
    np.testing.assert_array_equal(plain.e.matrices["V"].values, s.e.matrices["V"].values)
    assert "Bootstrap" in out and s.data.numeric(group).tolist() == plain.data.numeric(group).tolist()


@pytest.mark.parametrize("line", ["xtreg y x, vce(bootstrap, reps(4) seed(2){})",
                                  "xtlogit yb x, fe vce(bootstrap, reps(4) seed(2){})",
                                  "xtgee y x, vce(bootstrap, reps(4) seed(2){})",
                                  "xtprobit yb x, pa vce(bootstrap, reps(4) seed(2){})"])
def test_other_xt_commands_take_it(do, line):
    rc, out, s = do(DATA + line.format(" group(k)"))
    assert rc == 0, out
    _, _, plain = do(DATA + line.format(""))
    np.testing.assert_array_equal(plain.e.matrices["V"].values, s.e.matrices["V"].values)


@pytest.mark.parametrize("line, message, rc", [
    ("xtreg y x c.x#c.x, fe vce(bootstrap, reps(3) group(x))",
     "vce(bootstrap, group(x)) not supported by mlmcli with xtreg: x is a variable xtreg reads", 198),
    ("xtreg y x, fe vce(bootstrap, reps(3) group(y) noisily)",
     "vce(bootstrap, group(y) noisily) not supported by mlmcli with xtreg when xtreg reads y", 198),
    ("xtreg y x, fe vce(bootstrap, reps(3) group(y) strata(k))", "y is a variable xtreg reads", 198),
    ("xtpoisson c x, fe vce(bootstrap, reps(3) group(c))",
     "vce(bootstrap, group(c)) not supported by mlmcli with xtpoisson: c is a variable xtpoisson reads", 198),
    ("xtreg y x, vce(bootstrap, reps(3) group(t))", "t is the time variable", 198),
    ("xtreg y x, vce(bootstrap, reps(3) group(id) strata(k))", "id is the panel variable with strata()", 198),
    ("xtreg y x, vce(bootstrap, reps(3) group(k)) cluster(id)", "option group() not allowed", 198),
    ("xtreg y x, vce(bootstrap, reps(3) group(nosuch))", "variable nosuch not found", 111),
    ("clogit yb x, group(id) vce(bootstrap, reps(3) group(k))",
     "group() can only be specified with the idcluster() option", 198),
    ("regress y x, vce(bootstrap, reps(3) group(k))", "group() can only be specified with the idcluster() option", 198),
])
def test_refused(do, line, message, rc):
    got, out, s = do(DATA + line)
    assert got == rc and message in out, out
    assert s.e is None
