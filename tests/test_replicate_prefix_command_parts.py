"""_prefix_command's moves under ``bootstrap``/``jackknife`` (replicate_command_parts.py) and
jackknife's weighted loops on a command the prefix runs as typed (replicate_weighted.py).

The weighted numbers are checked against an independent numpy jackknife: fweights as the plain
leave-one-out jackknife of the data with each row repeated w times; pweights as leave-one-out
of the weighted within-school regression (areg, absorb(school)), V = (n-1)/n sum (b_i - c)^2."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def go(new_session, run):
    """``go(text) -> (rc, printed, session)`` on the hsb schools below 1500 (13 schools, 530 pupils)."""
    def run_on_hsb(text):
        session = new_session()
        printed, rc = run(session, f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\n"
                                   f"generate w = 1 + mod(_n, 3)\n{text}", echo=True, stop_on_error=False)
        return rc, printed, session
    return run_on_hsb


def _se(e, name):
    j = e.matrices["V"].colnames.index(name)
    return float(np.sqrt(e.matrices["V"].values[j, j]))


def _within_fit(y, x, g, w):
    """areg y x [w], absorb(g): the weighted within-group slope and the weighted grand-mean constant."""
    codes = np.unique(g, return_inverse=True)[1]
    sw = np.bincount(codes, w)
    xm = (np.bincount(codes, w * x) / sw)[codes]
    ym = (np.bincount(codes, w * y) / sw)[codes]
    b = np.sum(w * (x - xm) * (y - ym)) / np.sum(w * (x - xm) ** 2)
    return np.array([b, np.sum(w * y) / w.sum() - b * np.sum(w * x) / w.sum()])


def _data(s):
    df = s.data.df
    return (df["mathach"].to_numpy(float), df["ses"].to_numpy(float), df["school"].to_numpy(float),
            df["w"].to_numpy(float))


def test_jackknife_fweights_equal_the_expanded_data_leave_one_out(go):
    # seven of the schools (246 pupils, 492 with their weights): one fit per pupil left out
    rc, out, s = go("keep if school < 1400\njackknife, nodots: areg mathach ses [fw=w], absorb(school)")
    assert rc == 0, out
    y, x, g, w = _data(s)
    rows = np.repeat(np.arange(len(y)), w.astype(int))  # each row w times
    Y, X, G = y[rows], x[rows], g[rows]
    n = len(rows)
    reps = np.array([_within_fit(np.delete(Y, i), np.delete(X, i), np.delete(G, i), np.ones(n - 1))
                     for i in range(n)])
    V = (n - 1) / n * ((reps - reps.mean(0)) ** 2).sum(0)
    assert np.allclose(s.e.matrices["b"].values[0], _within_fit(y, x, g, w), atol=1e-8)
    assert abs(_se(s.e, "ses") - np.sqrt(V[0])) < 1e-7 and abs(_se(s.e, "_cons") - np.sqrt(V[1])) < 1e-7
    assert s.e.scalars["df_r"] == n - 1 and s.e.scalars["N"] == n
    assert f"F(   1, {n - 1:5d})" in out and "command:  areg mathach ses [fw=w], absorb(school)" in out


def test_jackknife_pweights_leave_one_out_and_the_prefix_weights_move_onto_the_command(go):
    # seven of the schools (246 pupils): one fit per pupil left out
    rc, out, s = go("keep if school < 1400\njackknife, nodots: areg mathach ses [pw=w], absorb(school)")
    assert rc == 0, out
    y, x, g, w = _data(s)
    n = len(y)
    keep = lambda i: np.arange(n) != i  # noqa: E731
    reps = np.array([_within_fit(y[keep(i)], x[keep(i)], g[keep(i)], w[keep(i)] * n / (n - 1)) for i in range(n)])
    V = (n - 1) / n * ((reps - reps.mean(0)) ** 2).sum(0)
    assert abs(_se(s.e, "ses") - np.sqrt(V[0])) < 1e-7 and abs(_se(s.e, "_cons") - np.sqrt(V[1])) < 1e-7
    assert s.e.scalars["df_r"] == n - 1
    rc2, out2, s2 = go("keep if school < 1400\njackknife [pw=w], nodots: areg mathach ses, absorb(school)")
    assert rc2 == 0, out2
    assert np.allclose(s2.e.matrices["V"].values, s.e.matrices["V"].values, rtol=1e-12)


def test_jackknife_fweights_by_cluster_count_each_cluster_f_times(go):
    rc, out, s = go("generate f = 1 + mod(school, 2)\njackknife, cluster(school) nodots: areg mathach ses [fw=f], absorb(sector)")
    assert rc == 0, out
    df = s.data.df
    y, x, sc, sector, f = (df[v].to_numpy(float) for v in ("mathach", "ses", "school", "sector", "f"))
    schools = np.unique(sc)
    reps, mult = [], []
    for k in schools:  # one copy of school k away
        fk = f - (sc == k)
        reps.append(_within_fit(y[fk > 0], x[fk > 0], sector[fk > 0], fk[fk > 0]))
        mult.append(f[sc == k][0])
    reps, mult = np.array(reps), np.array(mult)
    F = mult.sum()
    c = mult @ reps / F
    V = (F - 1) / F * (mult[:, None] * (reps - c) ** 2).sum(0)
    assert abs(_se(s.e, "ses") - np.sqrt(V[0])) < 1e-7
    assert s.e.scalars["df_r"] == F - 1


def test_prefix_if_in_equal_the_command_s(go):
    _, _, a = go("jackknife if sector == 0, nodots cluster(school): areg mathach ses, absorb(sector)")
    rc, out, b = go("jackknife, nodots cluster(school): areg mathach ses if sector == 0, absorb(sector)")
    assert rc == 0, out
    assert np.allclose(a.e.matrices["V"].values, b.e.matrices["V"].values, rtol=1e-12)
    assert "command:  areg mathach ses if sector == 0, absorb(sector)" in out
    assert a.e.macros["cmdline"].startswith("jackknife if sector == 0, nodots")
    rc, out, s = go("jackknife in 1/200, nodots: mixed mathach ses || school:")
    assert rc == 0, out  # the replicates run without the in range, on e(sample)'s rows
    assert s.e.scalars["N"] == 200 and s.e.scalars["N_reps"] == 200


def test_command_cluster_is_the_prefix_cluster(go):
    _, _, a = go("jackknife, nodots: areg mathach ses, absorb(sector) vce(cluster school)")
    _, _, b = go("jackknife, nodots cluster(school): areg mathach ses, absorb(sector)")
    assert a.e.scalars["N_clust"] == 13 and a.e.scalars["N_reps"] == 13
    assert np.allclose(a.e.matrices["V"].values, b.e.matrices["V"].values, rtol=1e-12)
    # a command with its own vce(jackknife) in mlm: the cluster() moves, robust is dropped
    rc, out, c = go("jackknife if sector == 1, nodots: regress mathach ses, cluster(school) robust")
    _, _, d = go("jackknife, nodots cluster(school): regress mathach ses if sector == 1")
    assert rc == 0, out
    assert np.allclose(c.e.matrices["V"].values, d.e.matrices["V"].values, rtol=1e-12)


def test_robust_runs_with_the_command_and_changes_no_number(go):
    _, out, a = go("bootstrap _b[ses], reps(5) seed(3) nodots: regress mathach ses, robust")
    _, _, b = go("bootstrap _b[ses], reps(5) seed(3) nodots: regress mathach ses")
    assert "command:  regress mathach ses, robust" in out
    assert np.allclose(a.e.matrices["V"].values, b.e.matrices["V"].values, rtol=1e-12)


@pytest.mark.parametrize("line, rc, message", [
    ("jackknife if ses > 0: regress mathach ses if sector == 1", 198,
     "jackknife and regress may not both specify an if condition"),
    ("bootstrap in 1/50, reps(3): areg mathach ses in 1/20, absorb(school)", 198,
     "bootstrap and areg may not both specify an in condition"),
    ("bootstrap, cluster(sector) reps(3): areg mathach ses, absorb(school) vce(cluster school)", 198,
     "option cluster() of bootstrap conflicts with option cluster() of areg"),
    ("jackknife [fw=w]: areg mathach ses [pw=w], absorb(school)", 198,
     "weights of jackknife conflict with weights of areg"),
    ("bootstrap if ses > 0 [fw=w], reps(3): areg mathach ses, absorb(school)", 101, "weights not allowed"),
    ("jackknife: areg mathach ses [aw=w], absorb(school)", 101, "aweights not allowed"),
    ("jackknife, cluster(school): areg mathach ses [fw=w], absorb(sector)", 198,
     "fweights must be constant within school"),
    ("jackknife: regress mathach ses, vce(bootstrap)", 198, "not supported by mlmcli"),
])
def test_errors_leave_the_data(go, line, rc, message):
    got, out, s = go(f"generate id = _n\n{line}")
    assert got == rc, out
    assert message in out
    assert "id" in s.data.varnames and s.data.nobs == 530 and "__000jkw" not in s.data.varnames


@pytest.mark.parametrize("line, first", [
    ('bootstrap, reps(3) seed(1) nodots title("My mixed"): mixed mathach ses || school:', "My mixed" + " " * 40),
    ("bootstrap, reps(3) seed(1) nodots title(My tobit): tobit mathach ses, ll(0)", "My tobit" + " " * 42),
    ("jackknife, cluster(school) nodots title(My meqr): meqrlogit hi ses || school:", "My meqr" + " " * 41),
])
def test_title_heads_the_command_s_own_table(go, line, first):
    """bootstrap.ado/jackknife.ado post title() as e(title), which the replay's header prints."""
    rc, out, s = go(f"generate hi = mathach > 13\n{line}")
    assert rc == 0, out
    assert any(ln.startswith(first + "Number of obs") for ln in out.split("\n")), out
    assert s.e.macros["title"] == first.strip()


def _pctile(x, p):
    """_pctile's default percentile (R's quantile type 2), written out again here."""
    x = np.sort(x)
    n = len(x)
    P = n * p / 100
    i = int(np.floor(P))
    if i >= n:
        return x[-1]
    return (x[i - 1] + x[i]) / 2 if P == i and i >= 1 else x[i]


def test_bootstrap_bca_on_a_command_run_as_typed(go, tmp_path):
    """bca: the acceleration from the leave-one-out areg fits (Efron's sum d^3 / 6 (sum d^2)^1.5)
    and the BCa percentiles of the saved replicates, both recomputed here."""
    from scipy.stats import norm

    import pandas as pd

    saved = tmp_path / "bs.dta"
    rc, out, s = go(f"keep if school < 1300\nbootstrap, reps(20) seed(4) bca saving({saved}): "
                    "areg mathach ses, absorb(school)")
    assert rc == 0, out
    assert "Jackknife replications (120)" in out and "Bootstrap replications (20)" in out
    y, x, g, _ = _data(s)
    n = len(y)
    jack = np.array([_within_fit(np.delete(y, i), np.delete(x, i), np.delete(g, i), np.ones(n - 1))
                     for i in range(n)])
    d = jack.mean(0) - jack
    a = (d ** 3).sum(0) / (6 * ((d ** 2).sum(0)) ** 1.5)
    assert np.allclose(s.e.matrices["accel"].values[0], a, atol=1e-10)
    reps = pd.read_stata(saved).to_numpy(float)
    b = s.e.matrices["b"].values[0]
    for j in range(2):
        z0 = norm.ppf(np.mean(reps[:, j] <= b[j]))
        w = np.array([z0 - norm.ppf(0.975), z0 + norm.ppf(0.975)])
        p = 100 * norm.cdf(z0 + w / (1 - a[j] * w))
        assert np.allclose(s.e.matrices["ci_bca"].values[:, j], [_pctile(reps[:, j], q) for q in p], rtol=1e-6)
    rc, out, _ = go("bootstrap r(mean), bca reps(3): summarize ses")
    assert rc == 198 and "bootstrap option bca with an exp_list not supported by mlmcli" in out


def test_jackknife_and_bootstrap_cluster_on_stcox(do):
    """The prefix's cluster(v) on stcox (its vce() machinery's prefix clusters): against
    survival::coxph leaving out each cluster (tests/replicate_command_parts/stcox_cluster_jackknife.R)."""
    import json

    import pandas as pd

    here = Path(__file__).resolve().parent
    ref = json.loads((here / "replicate_command_parts/stcox_cluster_jackknife.json").read_text())
    df = pd.read_csv(here / "reference_values/st_replicates_subjects.csv")
    rc, out, s = do("generate g = mod(pid, 7)\nquietly stset t1, id(pid) failure(died)\n"
                    "jackknife, cluster(g) nodots: stcox x grp", df=df, echo=True)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se"], rtol=1e-5)
    assert s.e.scalars["N_clust"] == 7 and s.e.scalars["df_r"] == 6
    assert "(Replications based on 7 clusters in g)".rjust(78) in out.splitlines()
    assert "Cox regression -- Breslow method for ties" in out
    rc, out, s = do("generate g = mod(pid, 7)\nquietly stset t1, id(pid) failure(died)\n"
                    "bootstrap, cluster(g) reps(5) seed(1) nodots: stcox x grp", df=df, echo=True)
    assert rc == 0, out
    assert s.e.scalars["N_clust"] == 7 and "Bootstrap" in out


@pytest.mark.parametrize("command", ["logit hi ses", "regress mathach ses", "glm hi ses, family(binomial)"])
def test_bootstrap_cluster_on_commands_without_panels_is_their_vce_bootstrap_cluster(go, command):
    """bootstrap, cluster(v) idcluster(new): cmd = cmd, vce(bootstrap, cluster(v) ...): the
    clusters of v drawn (the shared vce(bootstrap)); idcluster()'s variable kept."""
    rc, out, a = go(f"generate hi = mathach > 13\n"
                    f"bootstrap, cluster(school) idcluster(nid) reps(4) seed(5) nodots: {command}")
    assert rc == 0, out
    comma = ", " if "," not in command else " "
    _, _, b = go(f"generate hi = mathach > 13\n{command}{comma}vce(bootstrap, cluster(school) reps(4) seed(5) nodots)")
    assert np.allclose(a.e.matrices["V"].values, b.e.matrices["V"].values, rtol=1e-12)
    assert a.e.scalars["N_clust"] == 13 and "nid" in a.data.varnames
    _, _, c = go(f"generate hi = mathach > 13\nbootstrap, reps(4) seed(5) nodots: {command}")
    assert not np.allclose(a.e.matrices["V"].values, c.e.matrices["V"].values)


@pytest.mark.parametrize("line, condition", [
    ("jackknife r(mean) if sector == 1, nodots: summarize mathach", "sector == 1"),
    ("jackknife r(mean), nodots: summarize mathach in 1/50", "np.arange(530) < 50"),
])
def test_r_class_command_runs_on_its_if_in_rows(go, line, condition):
    """After an r-class command the prefixes keep its if/in rows (bootstrap.ado's keep if touse):
    the jackknife SE of a mean is sd/sqrt(n) of those rows."""
    rc, out, s = go(line)
    assert rc == 0, out
    df = s.data.df
    rows = (df["sector"] == 1).to_numpy() if condition == "sector == 1" else np.arange(530) < 50
    y = df["mathach"].to_numpy(float)[rows]
    assert s.e.scalars["N"] == len(y) and s.e.scalars["N_reps"] == len(y)
    assert abs(np.sqrt(s.e.matrices["V"].values[0, 0]) - y.std(ddof=1) / np.sqrt(len(y))) < 1e-10


def test_jackknife_exp_list_with_fweights_on_the_command(go):
    """_loop_jknife_fw under an exp_list: the jackknife SE of an fweighted mean is the expanded
    data's sd/sqrt(N), N the frequencies' sum (e(N)); bootstrap refuses the weights."""
    rc, out, s = go("jackknife r(mean), nodots: summarize mathach [fw=w]")
    assert rc == 0, out
    df = s.data.df
    y = np.repeat(df["mathach"].to_numpy(float), df["w"].to_numpy(int))
    assert s.e.scalars["N"] == len(y) and s.e.scalars["df_r"] == len(y) - 1
    assert abs(np.sqrt(s.e.matrices["V"].values[0, 0]) - y.std(ddof=1) / np.sqrt(len(y))) < 1e-10
    rc, out, _ = go("bootstrap r(mean), reps(3): summarize mathach [fw=w]")
    assert rc == 101 and "weights not allowed" in out
    rc, out, _ = go("jackknife r(mean): summarize mathach [aw=w]")
    assert rc == 101 and "aweights not allowed" in out
