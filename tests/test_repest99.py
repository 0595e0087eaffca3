"""repest (OECD, SSC; repest.ado 1.12.4): estimates with replicate weights and plausible values.

The evidence is a direct computation written out here from the OECD technical report's
formulas (PISA 2018 Technical Report ch. 8; PISA Data Analysis Manual ch. 4-8): with theta_p
the estimate under the final weight for plausible value p and theta_pr under replicate
weight r, the sampling variance of Fay's BRR is 1/(R (1-k)^2) sum_r (theta_pr - theta_p)^2
(R = 80, k = 0.5: 1/20), averaged over the M plausible values, plus (1 + 1/M) times the
variance of the theta_p (denominator M - 1).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

R, M = 80, 10


@pytest.fixture(scope="module")
def pisa():
    rng = np.random.default_rng(99)
    rows = []
    for c, (cnt, nschool) in enumerate([("AAA", 12), ("BBB", 10), ("CCC", 2)]):
        for s in range(nschool):
            n = 14 if cnt != "CCC" else 8
            rows += [(cnt, 1000 * (c + 1) + s) for _ in range(n)]
    df = pd.DataFrame(rows, columns=["cnt", "cntschid"])
    n = len(df)
    school_effect = rng.normal(0, 30, df.cntschid.nunique())[pd.factorize(df.cntschid)[0]]
    theta = 480 + school_effect + rng.normal(0, 70, n)
    df["escs"] = rng.normal(0, 1, n)
    df["girl"] = rng.integers(0, 2, n).astype(float)
    for p in range(1, M + 1):
        df[f"pv{p}math"] = theta + 15 * df.escs + rng.normal(0, 20, n)
    df["w_fstuwt"] = np.exp(rng.normal(3, 0.3, n))
    for r in range(1, R + 1):
        df[f"w_fsturwt{r}"] = df.w_fstuwt * np.where(rng.random(n) < 0.5, 1.5, 0.5)
    df["grade"] = rng.integers(1, 4, n).astype(float)
    return df


def _wmean(x, w):
    return float(np.sum(w * x) / np.sum(w))


def _direct(df, statistic, factor=1 / 20, pvs=M, nrep=R):
    """The report's formula for one statistic(frame, pv, weight name) -> float."""
    thetas, sampling = [], []
    for p in range(1, pvs + 1):
        full = statistic(df, p, "w_fstuwt")
        reps = np.array([statistic(df, p, f"w_fsturwt{r}") for r in range(1, nrep + 1)])
        thetas.append(full)
        sampling.append(factor * np.sum((reps - full) ** 2))
    thetas = np.array(thetas)
    b = thetas.mean()
    imputation = np.sum((thetas - b) ** 2) / (pvs - 1) if pvs > 1 else 0.0
    return b, np.mean(sampling) + (1 + 1 / pvs) * imputation


def test_means_of_plausible_values_match_the_brr_fay_formula(do, pisa):
    rc, out, s = do("repest PISA if cnt != \"CCC\", estimate(means pv@math) by(cnt)", pisa)
    assert rc == 0, out
    assert "Survey parameters have been changed to PISA2015" in out
    assert "cnt : AAA" in out and "cnt : BBB" in out and "pv_math_m" in out
    sub = pisa[pisa.cnt == "BBB"]
    b, v = _direct(sub, lambda d, p, w: _wmean(d[f"pv{p}math"], d[w]))
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(b, rel=1e-10)
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(v, rel=1e-8)


def test_summarize_sd_is_the_population_sd_and_outfile_holds_b_and_se(do, pisa, tmp_path):
    path = tmp_path / "sd"
    rc, out, s = do(f'repest PISA, estimate(summarize pv@math escs, stats(sd p50)) by(cnt, levels(AAA)) '
                    f'outfile("{path}")', pisa)
    assert rc == 0, out
    assert "cnt : AAA" not in out  # outfile without display: the levels and dots only
    res = pd.read_stata(f"{path}.dta")
    assert list(res.columns[:5]) == ["cnt", "pv_math_sd_b", "pv_math_sd_se", "pv_math_p50_b", "pv_math_p50_se"]
    sub = pisa[pisa.cnt == "AAA"]

    def sd(d, p, w):
        x, ww = d[f"pv{p}math"].to_numpy(), d[w].to_numpy()
        m = _wmean(x, ww)
        return float(np.sqrt(np.sum(ww * (x - m) ** 2) / np.sum(ww)))

    b, v = _direct(sub, sd)
    row = res[res.cnt == "AAA"].iloc[0]
    assert row.pv_math_sd_b == pytest.approx(b, rel=1e-9)
    assert row.pv_math_sd_se == pytest.approx(np.sqrt(v), rel=1e-8)
    # escs has no plausible values: its variance is the sampling variance of one estimate
    b1, v1 = _direct(sub.assign(**{f"pv{p}math": sub.escs for p in range(1, M + 1)}), sd, pvs=M)
    assert row.escs_sd_se == pytest.approx(np.sqrt(v1), rel=1e-8)


def test_stata_regress_with_a_pvvarname_under_svy_settings(do, pisa):
    # SVY: the design from svyparms() -- 3 plausible values, 8 replicates, factor 1/2 (JK-like)
    rc, out, s = do("repest SVY if cnt == \"AAA\", estimate(stata: regress pv@math escs) results(add(r2)) "
                    "svyparms(NBpv(3) final_weight_name(w_fstuwt) rep_weight_name(w_fsturwt) variancefactor(1/2) "
                    "NREP(8))", pisa)
    assert rc == 0, out
    sub = pisa[pisa.cnt == "AAA"]

    def slope(d, p, w):
        X = np.column_stack([d.escs, np.ones(len(d))])
        W = d[w].to_numpy()
        coef = np.linalg.solve(X.T @ (W[:, None] * X), X.T @ (W * d[f"pv{p}math"]))
        return coef[0]

    b, v = _direct(sub, slope, factor=1 / 2, pvs=3, nrep=8)
    names = list(s.e.matrices["b"].colnames)
    assert names == ["escs", "_cons", "e_r2"]
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(b, rel=1e-8)
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(v, rel=1e-6)
    assert " : _pooled" in out


def test_freq_percentages_and_flag(do, pisa, tmp_path):
    path = tmp_path / "fr"
    rc, out, _ = do(f'repest PISA, estimate(freq grade) by(cnt) flag outfile("{path}", pvalue)', pisa)
    assert rc == 0, out
    res = pd.read_stata(f"{path}.dta").set_index("cnt")
    sub = pisa[pisa.cnt == "AAA"]
    share = 100 * sub.w_fstuwt[sub.grade == 2].sum() / sub.w_fstuwt.sum()
    assert res.loc["AAA", "grade_2_b"] == pytest.approx(share, rel=1e-10)
    assert "grade_2_pv" in res.columns
    assert np.isnan(res.loc["CCC", "grade_2_b"])  # 16 students in 2 schools: flagged (.f)
    assert not np.isnan(res.loc["BBB", "grade_2_b"])


def test_over_with_test_is_the_difference(do, pisa):
    rc, out, s = do("repest PISA if cnt == \"AAA\", estimate(means escs) over(girl, test)", pisa)
    assert rc == 0, out
    assert " over girl = 0 1 " in out
    names = list(s.e.matrices["b"].colnames)
    b = dict(zip(names, s.e.matrices["b"].values[0]))
    assert b["girl=d:escs_m"] == pytest.approx(b["girl=1:escs_m"] - b["girl=0:escs_m"], rel=1e-10)


@pytest.mark.parametrize("line, rc, message", [
    ("repest SVY, estimate(means escs)", 198, "option svyparms required with repest SVY"),
    ("repest PISA, estimate(means escs) debug(1)", 198, "debug() is not implemented"),
    ("repest PISA, estimate(means escs) over(girl pv@math)", 198, "over() with several variables holding"),
    ("repest PISA, estimate(summarize escs, stats(mode))", 0,
     "estimate suboption stats must contain elements computed in stata's summarize command"),
    ("repest TALISTCH, estimate(means escs)", 111, "variable tchwgt not found"),
])
def test_refusals_with_repest_messages(do, pisa, line, rc, message):
    got_rc, out, _ = do(line, pisa)
    assert got_rc == rc and message in out


def test_the_heldout_lines_betalog_svyparms_and_pisacoverage(do, pisa, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outfile() and betalog() write relative names
    rc, out, _ = do("repest PISA, estimate(summarize pv@math, stats(mean sd p10 p90 idr)) by(cnt, levels(BBB)) "
                    "betalog(blog) outfile(o1) flag\n"
                    "repest PISA if cnt != \"AAA\", estimate (summarize pv@math,stats(mean Var))  by(cnt, levels(CCC)) "
                    "outfile(o2, replace) "
                    "flag pisacoverage\n"
                    "repest PISA , estimate(summarize pv@math, stats(Var)) outfile(o3, replace) "
                    "svyparms(nbpv(10) final_weight_name(w_fstuwt))", pisa)
    assert rc == 0, out
    blog = pd.read_stata("blog.dta")
    assert len(blog) == M * (R + 1) and {"pv", "weight", "cnt", "pv_math_idr"} <= set(blog.columns)
    o2 = pd.read_stata("o2.dta")
    assert "pv_math_mean_c" in o2.columns
    assert pd.read_stata("o3.dta").shape == (1, 3)


def test_piaac_jackknife_factor_from_vemethodn(do, pisa):
    from mlmcli.survey.repest_design import piaac_variance_factor

    piaac = pisa.rename(columns={"w_fstuwt": "spfwt0", **{f"w_fsturwt{r}": f"spfwt{r}" for r in range(1, R + 1)}})
    piaac["vemethodn"] = 1.0
    rc, out, s = do("repest PIAAC if cnt == \"BBB\", estimate(means escs)", piaac)
    assert rc == 0, out
    sub = pisa[pisa.cnt == "BBB"]
    _, v = _direct(sub, lambda d, p, w: _wmean(d.escs, d[w]), factor=79 / 80, pvs=1)
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(v, rel=1e-9)
    # Australia keeps 60 replicates; a pooled JK1/JK2 sample mixes the factors by weight
    assert piaac_variance_factor(np.ones(3), np.ones(3), 80, "AUS") == pytest.approx(59 / 60)
    assert piaac_variance_factor(np.array([1.0, 2, 2, 2]), np.ones(4), 80, "x") == pytest.approx((80 - 0.25) / 80)


def test_over_outfile_wide_and_long(do, pisa, tmp_path):
    wide, long = tmp_path / "wide", tmp_path / "long"
    rc, out, _ = do(f'repest PISA, estimate(means escs) by(cnt, levels(AAA)) over(girl, test) outfile("{wide}")\n'
                    f'repest PISA, estimate(means escs) by(cnt, levels(AAA)) over(girl) outfile("{long}", long_over)',
                    pisa)
    assert rc == 0, out
    w = pd.read_stata(f"{wide}.dta")
    assert list(w.columns) == ["cnt", "_0_escs_m_se", "_1_escs_m_se", "_d_escs_m_se",
                               "_0_escs_m_b", "_1_escs_m_b", "_d_escs_m_b"]
    assert w._d_escs_m_b[0] == pytest.approx(w._1_escs_m_b[0] - w._0_escs_m_b[0], rel=1e-10)
    lo = pd.read_stata(f"{long}.dta")
    assert list(lo.columns) == ["cnt", "girl", "escs_m_b", "escs_m_se"] and list(lo.girl) == [0, 1]
    assert lo.escs_m_b[1] == pytest.approx(w._1_escs_m_b[0], rel=1e-12)


def test_pisacoverage_marks_low_coverage(do, pisa, tmp_path):
    path = tmp_path / "cov"
    data = pisa.copy()
    data.loc[data.index % 5 < 2, "escs"] = np.nan  # 60% of each country observed
    rc, out, _ = do(f'repest PISA, estimate(means escs girl) by(cnt, levels(AAA)) outfile("{path}") pisacoverage',
                    data)
    assert rc == 0, out
    res = pd.read_stata(f"{path}.dta")
    assert list(res.columns) == ["cnt", "escs_m_b", "escs_m_se", "escs_m_c", "girl_m_b", "girl_m_se", "girl_m_c"]
    assert res.escs_m_c[0] == "†" and res.girl_m_c[0] == ""


def test_results_keep_and_store(do, pisa):
    rc, out, s = do("repest SVY, estimate(stata: regress escs girl) by(cnt, levels(AAA BBB)) "
                    "results(keep(girl)) store(m) svyparms(final_weight_name(w_fstuwt) rep_weight_name(w_fsturwt) "
                    "NREP(4) variancefactor(1/2))\nestimates dir", pisa)
    assert rc == 0, out
    assert list(s.e.matrices["b"].colnames) == ["girl"]
    assert {"mAAA", "mBBB"} <= set(s.estimates)


def _stata_weighted_percentile(x, w, p):
    """summarize, detail's weighted percentile: the first x with cumulative weight above
    P = W p / 100 (the mean with the next when one equals P)."""
    order = np.argsort(x)
    x, w = x[order], w[order]
    cum = np.cumsum(w)
    P = cum[-1] * p / 100
    i = int(np.searchsorted(cum, P, side="right"))
    return x[i]


def test_quantiletable_quarter_means(do, pisa):
    rc, out, s = do("repest PISA if cnt == \"AAA\", estimate(quantiletable escs pv@math, test)", pisa)
    assert rc == 0, out
    sub = pisa[pisa.cnt == "AAA"]

    def quarter_mean(d, p, w, var, q):
        x, ww = d.escs.to_numpy(), d[w].to_numpy()
        cuts = [-np.inf] + [_stata_weighted_percentile(x, ww, 25 * k) for k in (1, 2, 3)] + [np.inf]
        inq = (x > cuts[q - 1]) & (x <= cuts[q])
        y = d.escs.to_numpy() if var == "escs" else d[f"pv{p}math"].to_numpy()
        return _wmean(y[inq], ww[inq])

    names = list(s.e.matrices["b"].colnames)
    assert names == [f"escs_q{q}" for q in range(1, 5)] + [f"pv_math_q{q}" for q in range(1, 5)] + ["pv_math_qd"]
    b = dict(zip(names, s.e.matrices["b"].values[0]))
    se = dict(zip(names, np.sqrt(np.diag(s.e.matrices["V"].values))))
    b1, v1 = _direct(sub, lambda d, p, w: quarter_mean(d, p, w, "escs", 1))
    assert b["escs_q1"] == pytest.approx(b1, rel=1e-9) and se["escs_q1"] == pytest.approx(np.sqrt(v1), rel=1e-6)
    b4, _ = _direct(sub, lambda d, p, w: quarter_mean(d, p, w, "pv", 4))
    assert b["pv_math_q4"] == pytest.approx(b4, rel=1e-9)
    assert b["pv_math_qd"] == pytest.approx(b["pv_math_q4"] - b["pv_math_q1"], rel=1e-9)


def test_several_over_variables_are_long(do, pisa, tmp_path):
    path = tmp_path / "two"
    rc, out, s = do(f'repest PISA if cnt == "AAA", estimate(means escs) over(girl grade) outfile("{path}") display',
                    pisa)
    assert rc == 0, out
    assert " over mygroup1 = 1 2 3 4 5 6 " in out and "_pooled - mygroup1 = 6 ." in out
    res = pd.read_stata(f"{path}.dta")
    assert list(res.columns) == ["_pooled", "escs_m_b", "escs_m_se", "girl", "grade"]
    sub = pisa[pisa.cnt == "AAA"]
    cell = sub[(sub.girl == 1) & (sub.grade == 2)]
    row = res[(res.girl == 1) & (res.grade == 2)].iloc[0]
    assert row.escs_m_b == pytest.approx(_wmean(cell.escs, cell.w_fstuwt), rel=1e-10)
    assert "girl=1*grade=2:escs_m" in list(s.e.matrices["b"].colnames)
