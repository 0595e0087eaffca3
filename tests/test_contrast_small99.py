"""contrast/pwcompare ``small`` after ``mixed, dfmethod()`` (Stata 14+; mixed_postestimation.sthlp).

Evidence:
- a balanced split-plot design (groups between subjects, times within, random intercept):
  Kenward-Roger and Satterthwaite reproduce the classical ANOVA F tests exactly -- the
  group test on a(n-1) ddf against the subjects-within-groups mean square, the time and
  interaction tests on a(n-1)(T-1) ddf against the error mean square -- computed here
  from the sums of squares with numpy, independently of mlm's mixed machinery;
- for one contrast (q = 1) the Kenward-Roger ddf reduces algebraically to Satterthwaite's
  2 (c'Phi c)^2 / (g'W g) (A1 = A2 = A in Kenward & Roger's formulas gives nu = 2/A), which
  is what the Stata logs of the held-out sleep notes show (27.7 and 24.8 under both
  methods, anon-ivrm-ch17), while the SEs differ (Kenward-Roger's adjusted V);
- each contrast's t equals ``lincom ..., small`` of the same combination of coefficients;
- table layouts as Stata's logs print them (a df/ddf/F/P>F Wald table; Contrast, Std. err.,
  df and t, P>|t| or the interval; no df column with ``effects``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

A, N_PER, T = 3, 6, 4


def split_plot(drop: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for g in range(1, A + 1):
        for s in range(N_PER):
            u = rng.normal(0, 3)
            for t in range(1, T + 1):
                rows.append(dict(id=(g - 1) * N_PER + s + 1, group=g, time=t,
                                 y=10 + g + 0.5 * t * (g == 2) + u + rng.normal(0, 1.5)))
    d = pd.DataFrame(rows)
    if drop:  # unbalanced: every drop-th observation gone
        d = d.drop(index=d.index[::drop]).reset_index(drop=True)
    return d


def classical_anova(d: pd.DataFrame) -> dict:
    """Split-plot ANOVA F tests: (F, df1, df2) per term from the sums of squares."""
    y = d["y"].to_numpy()
    grand = y.mean()
    mg = d.groupby("group")["y"].transform("mean").to_numpy()
    mt = d.groupby("time")["y"].transform("mean").to_numpy()
    ms = d.groupby("id")["y"].transform("mean").to_numpy()
    mgt = d.groupby(["group", "time"])["y"].transform("mean").to_numpy()
    ss_g = np.sum((mg - grand) ** 2)
    ss_subj = np.sum((ms - mg) ** 2)
    ss_t = np.sum((mt - grand) ** 2)
    ss_gt = np.sum((mgt - mg - mt + grand) ** 2)
    ss_e = np.sum((y - mgt - ms + mg) ** 2)
    df_g, df_subj, df_t, df_gt = A - 1, A * (N_PER - 1), T - 1, (A - 1) * (T - 1)
    df_e = A * (N_PER - 1) * (T - 1)
    mse = ss_e / df_e
    return {"group": (ss_g / df_g / (ss_subj / df_subj), df_g, df_subj),
            "time": (ss_t / df_t / mse, df_t, df_e), "group#time": (ss_gt / df_gt / mse, df_gt, df_e)}


FIT = "quietly mixed y i.group##i.time || id:, reml dfmethod({m})\n"


@pytest.mark.parametrize("method", ["kroger", "satterthwaite"])
def test_balanced_split_plot_gives_the_classical_anova_f_tests(do, method):
    d = split_plot()
    rc, out, s = do(FIT.format(m=method) + "contrast group time group#time, small", df=d)
    assert rc == 0, out
    ref = classical_anova(d)
    F, df, df2, p = (s.r[k].values[0] for k in ("F", "df", "df2", "p"))
    for j, term in enumerate(("group", "time", "group#time")):
        f0, d1, d2 = ref[term]
        assert F[j] == pytest.approx(f0, rel=1e-5), term
        assert df[j] == d1 and df2[j] == pytest.approx(d2, rel=1e-5), term
        assert p[j] == pytest.approx(stats.f.sf(f0, d1, d2), rel=1e-4), term
    lines = out.splitlines()
    at = lines.index("             |         df        ddf           F        P>F")
    assert lines[at - 1] == "-" * 59 and lines[at + 1] == "-" * 13 + "+" + "-" * 45
    assert lines[at + 2] == f"       group |          2      15.00{F[0]:12.2f}{p[0]:11.4f}"
    assert "Denominator" not in out


@pytest.mark.parametrize("method", ["kroger", "satterthwaite"])
def test_each_contrast_is_lincom_small_of_its_coefficients(do, method):
    d = split_plot(drop=5)
    rc, out, s = do(FIT.format(m=method) + "lincom 3.time + (2.group#3.time + 3.group#3.time)/3, small", df=d)
    assert rc == 0, out
    rc, out, s2 = do(FIT.format(m=method) + "contrast r.time, nowald pveffects small", df=d)
    assert rc == 0, out
    tab = s2.r["table"]
    rows = {n: i for i, n in enumerate(tab.rownames)}
    col = tab.colnames.index("r3vs1.time")
    assert tab.values[rows["se"], col] == pytest.approx(s.r["se"], rel=1e-7)
    assert tab.values[rows["b"], col] == pytest.approx(s.r["estimate"], rel=1e-9)
    assert tab.values[rows["df"], col] == pytest.approx(s.r["df"], rel=1e-7)
    assert tab.values[rows["pvalue"], col] == pytest.approx(s.r["p"], rel=1e-6)
    assert tab.rownames[2] == "t"


def test_one_contrast_kroger_ddf_equals_satterthwaite_but_not_its_se(do):
    d = split_plot(drop=5)
    got = {}
    for method in ("kroger", "satterthwaite"):
        rc, out, s = do(FIT.format(m=method) + "contrast ar.time#group, nowald pveffects small", df=d)
        assert rc == 0, out
        tab = s.r["table"]
        got[method] = (tab.values[tab.rownames.index("df")], tab.values[tab.rownames.index("se")])
    assert got["kroger"][0] == pytest.approx(got["satterthwaite"][0], rel=1e-6)
    assert np.all(got["kroger"][1] > got["satterthwaite"][1])  # the adjusted V(b) is larger


def test_residual_method_t_on_n_minus_rank(do):
    d = split_plot(drop=7)
    rc, out, s = do("quietly mixed y i.group##i.time || id:, dfmethod(residual)\n"
                    "contrast r.group, small", df=d)
    assert rc == 0, out
    n, rank = len(d), A * T
    assert list(s.r["df2"].values[0]) == [n - rank] * 3  # two contrasts and the joint test
    tab = s.r["table"]
    t = tab.values[2]
    assert tab.values[3] == pytest.approx(2 * stats.t.sf(np.abs(t), n - rank), rel=1e-9)


def test_table_layouts_as_stata_prints_them(do):
    d = split_plot()
    rc, out, s = do(FIT.format(m="kroger") + "contrast r.time, nowald pveffects small\n"
                    "contrast r.time, nowald small\ncontrast r.time, nowald effects small", df=d)
    assert rc == 0, out
    lines = out.splitlines()
    pv = lines.index("             |   Contrast   Std. Err.           df       t    P>|t|")
    assert lines[pv - 1] == "-" * 67
    assert lines[pv + 3].startswith("   (2 vs 1)  |") and lines[pv + 3][36:50] == "          45.0"
    ci = lines.index("             |   Contrast   Std. Err.           df      [95% Conf. Interval]")
    assert lines[ci - 1] == "-" * 76 and len(lines[ci + 3]) == 76
    full = [i for i, x in enumerate(lines) if x.startswith("             |   Contrast   Std. Err.      t    P>|t|")]
    assert len(full) == 1  # effects: t, P and the interval, no df column


def test_pwcompare_small_each_comparison_and_margin_df(do):
    d = split_plot()
    rc, out, s = do(FIT.format(m="satterthwaite") + "pwcompare group, small cimargins pveffects\n", df=d)
    assert rc == 0, out
    assert list(s.r["L_df"].values[0]) == pytest.approx([15, 15, 15], rel=1e-5)
    assert s.r["L_df"].colnames == ("2vs1.group", "3vs1.group", "3vs2.group")
    assert s.r["M_df"].values.shape == (1, 3)
    tab = s.r["table_vs"]
    t = tab.values[2]
    assert tab.values[3] == pytest.approx(2 * stats.t.sf(np.abs(t), 15), rel=1e-5)
    assert "|     Margin   Std. Err.           df      [95% Conf. Interval]" in out
    rc, out, s = do(FIT.format(m="satterthwaite") + "pwcompare group, small mcompare(bonferroni)", df=d)
    tab = s.r["table_vs"]
    crit = (tab.values[5] - tab.values[0]) / tab.values[1]
    assert crit == pytest.approx([stats.t.ppf(1 - 0.05 / 6, 15)] * 3, rel=1e-5)


@pytest.mark.parametrize("setup, command, message", [
    ("quietly mixed y i.group##i.time || id:, reml\n", "contrast group, small",
     "option small requires that option dfmethod() is specified with mixed during estimation"),
    ("quietly regress y i.group\n", "pwcompare group, small",
     "option small requires that option dfmethod() is specified with mixed during estimation"),
    (FIT.format(m="kroger"), "margins group, small", "option small not allowed"),
    (FIT.format(m="kroger"), "margins r.group, small", "option small not allowed"),
    (FIT.format(m="kroger"), "contrast group, small df(10)", "options df() and small may not be combined"),
    (FIT.format(m="kroger"), "pwcompare group, small mcompare(snk)",
     "option small may not be combined with mcompare(snk)"),
])
def test_refusals(do, setup, command, message):
    rc, out, _ = do(setup + command, df=split_plot())
    assert rc == 198 and message in out


def test_joint_rows_are_test_small_of_the_same_hypothesis(do):
    """The Joint row of r.time@group spans the same hypothesis as testparm i.time i.group#i.time:
    Kenward-Roger's F and ddf do not depend on the basis of the constraints."""
    d = split_plot(drop=5)
    rc, out, s = do(FIT.format(m="kroger") + "contrast r.time@group, small", df=d)
    assert rc == 0, out
    F, df, df2 = (s.r[k].values[0][-1] for k in ("F", "df", "df2"))
    assert "Joint" in out and df == 9
    rc, out, t = do(FIT.format(m="kroger") + "testparm i.time i.group#i.time, small", df=d)
    assert rc == 0, out
    assert F == pytest.approx(t.r["F"], rel=1e-6) and df2 == pytest.approx(t.r["df_r"], rel=1e-6)


@pytest.mark.parametrize("method", ["kroger", "satterthwaite", "repeated", "anova"])
def test_a_contrast_that_is_one_coefficient_has_its_e_df(do, method):
    """r.group@time at time 1 is the coefficient 2.group: its DF is mixed's e(df) for it
    (the Stata log of the sleep notes: the first contrast's t, 3.36, is the coefficient's)."""
    d = split_plot(drop=5)
    fit = FIT.format(m=method) if method in ("kroger", "satterthwaite") else FIT.format(m=method).replace(" reml", "")
    rc, out, s = do(fit + "contrast r.group@time, nowald pveffects small", df=d)
    assert rc == 0, out
    tab = s.r["table"]
    col = tab.colnames.index("r2vs1.group@1.time")
    e_df = s.e.matrices["df"]
    j = [n.split(":")[-1] for n in e_df.colnames].index("2.group")
    assert tab.values[tab.rownames.index("df"), col] == pytest.approx(e_df.values[0, j], rel=1e-7)
    b = s.e.matrices["b"]
    jb = [n.split(":")[-1] for n in b.colnames].index("2.group")
    assert tab.values[0, col] == pytest.approx(b.values[0, jb], rel=1e-9)
