"""prtest/prtesti, bitest/bitesti, signtest, sdtest/sdtesti and robvar: numbers against R
(prop.test without continuity correction, binom.test, var.test, car::leveneTest; the script and
its values in tests/classic_tests_reference/), layouts as the ado files draw them (prtesti.ado,
bitesti.ado, signtest.ado, sdtesti.ado with _ttest.ado, robvar.ado), and the ado files' errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REFERENCE = Path(__file__).parent / "classic_tests_reference" / "reference_values.txt"


@pytest.fixture(scope="module")
def ref() -> dict[str, float]:
    return {k: float(v) for k, v in (line.split() for line in REFERENCE.read_text().splitlines())}


@pytest.fixture
def data():
    """The data of reference.R."""
    i = np.arange(1, 75, dtype=float)
    foreign = (i <= 22).astype(float)
    return pd.DataFrame({"foreign": foreign, "rep": (i % 3 == 0).astype(float), "y2": (i % 4 == 0).astype(float),
                         "mpg": 12 + (7 * i) % 23 + 3 * foreign * (i % 5), "mpg2": 10 + (5 * i) % 17})


LABELS = "label define fl 0 Domestic 1 Foreign\nlabel values foreign fl\n"


def test_prtest_one_sample(do, data, ref):
    rc, out, s = do("prtest foreign == .4", data.copy())
    assert rc == 0
    assert s.r["z"] == pytest.approx(ref["prtest1_z"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["prtest1_p"], rel=1e-10)
    assert (s.r["N"], s.r["N_1"]) == (74, 74) and s.r["P_1"] == pytest.approx(22 / 74)
    assert s.r["se"] == pytest.approx(np.sqrt(22 / 74 * 52 / 74 / 74))
    assert out.splitlines()[1:] == [
        "One-sample test of proportion                foreign: Number of obs =       74",
        "-" * 78,
        "    Variable |       Mean   Std. Err.                     [95% Conf. Interval]",
        "-" * 13 + "+" + "-" * 64,
        "     foreign |   .2972973   .0531331                      .1931583    .4014363",
        "-" * 78,
        "    p = proportion(foreign)                                       z =  -1.8034",
        "Ho: p = 0.4",
        "",
        "     Ha: p < 0.4                 Ha: p != 0.4                   Ha: p > 0.4",
        " Pr(Z < z) = 0.0357         Pr(|Z| > |z|) = 0.0713          Pr(Z > z) = 0.9643"]


def test_prtest_by_and_prtesti_count(do, data, ref):
    rc, out, s = do(LABELS.replace("foreign", "rep", 1).replace("values foreign", "values rep")
                    + "prtest foreign, by(rep)", data.copy())
    assert rc == 0
    assert s.r["z"] == pytest.approx(ref["prtest2_z"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["prtest2_p"], rel=1e-10)
    assert (s.r["N_1"], s.r["N_2"]) == (50, 24)
    lines = out.splitlines()
    assert "Two-sample test of proportions              Domestic: Number of obs =       50" in lines
    assert "                                             Foreign: Number of obs =       24" in lines
    assert "       Group |       Mean   Std. Err.      z    P>|z|     [95% Conf. Interval]" in lines
    assert "             |  under Ho:   .1135028     0.07   0.941" in lines
    assert "        diff = prop(Domestic) - prop(Foreign)                     z =   0.0734" in lines
    rc, out, s = do("prtesti 30 12 45 30, count", data.copy())
    assert rc == 0
    assert s.r["z"] == pytest.approx(ref["prtesti_z"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["prtesti_p"], rel=1e-10)
    assert out.splitlines()[4] == "             |       Mean   Std. Err.      z    P>|z|     [95% Conf. Interval]"


def test_bitest(do, data, ref):
    rc, out, s = do("bitest foreign == .4", data.copy())
    assert rc == 0
    for key in ("p", "p_u", "p_l"):
        assert s.r[key] == pytest.approx(ref[f"bitest_{key}"], rel=1e-9)
    assert s.r["k_opp"] == 38
    assert out.splitlines()[1:] == [
        "    Variable |        N   Observed k   Expected k   Assumed p   Observed p",
        "-" * 13 + "+" + "-" * 60,
        "     foreign |       74         22         29.6       0.40000      0.29730",
        "",
        "  Pr(k >= 22)            = 0.974470  (one-sided test)",
        "  Pr(k <= 22)            = 0.044207  (one-sided test)",
        "  Pr(k <= 22 or k >= 38) = 0.075619  (two-sided test)"]


def test_bitesti_detail_and_empty_tail(do, ref):
    rc, out, s = do("bitesti 225 9 .02, detail")
    assert rc == 0
    assert s.r["p"] == pytest.approx(ref["bitesti1_p"], rel=1e-9)
    assert s.r["P_k"] == pytest.approx(ref["bitesti1_P_k"], rel=1e-9)
    assert s.r["P_oppk"] == pytest.approx(ref["bitesti1_P_oppk"], rel=1e-9)
    assert (s.r["k_opp"], s.r["k_nopp"]) == (0, 1)
    assert out.splitlines()[-7:] == ["  Pr(k >= 9)           = 0.038629  (one-sided test)",
                                     "  Pr(k <= 9)           = 0.983945  (one-sided test)",
                                     "  Pr(k <= 0 or k >= 9) = 0.049243  (two-sided test)", "",
                                     "  Pr(k == 9)           = 0.022574  (observed)",
                                     "  Pr(k == 1)           = 0.048736",
                                     "  Pr(k == 0)           = 0.010614  (opposite extreme)"]
    rc, _, s = do("bitesti 10 0 .3")
    assert s.r["p"] == pytest.approx(ref["bitesti2_p"], rel=1e-8)
    rc, out, s = do("bitesti 3 3 .3")
    assert s.r["p"] == pytest.approx(ref["bitesti3_p"], rel=1e-10) and np.isnan(s.r["k_opp"])
    assert out.splitlines()[-3:] == ["  Pr(k >= 3) = 0.027000  (two-sided test)", "",
                                     "  note: lower tail of two-sided p-value is empty"]


def test_signtest(do, data, ref):
    rc, out, s = do("signtest mpg = 20", data.copy())
    assert rc == 0
    assert s.r["p_pos"] == pytest.approx(ref["signtest_p_pos"], rel=1e-9)
    assert s.r["p_neg"] == pytest.approx(ref["signtest_p_neg"], rel=1e-9)
    assert s.r["p_2"] == s.r["p"] == pytest.approx(ref["signtest_p"], rel=1e-9)
    d = data["mpg"].to_numpy() - 20
    assert (s.r["N_pos"], s.r["N_neg"], s.r["N_tie"]) == ((d > 0).sum(), (d < 0).sum(), (d == 0).sum())
    lines = out.splitlines()
    assert lines[1:4] == ["Sign test", "", "        sign |    observed    expected"]
    assert lines[11:15] == ["One-sided tests:", "  Ho: median of mpg - 20 = 0 vs.", "  Ha: median of mpg - 20 > 0",
                            f"      Pr(#positive >= {int((d > 0).sum())}) ="]


def test_sdtest_one_sample_and_by(do, data, ref):
    rc, out, s = do("sdtest mpg == 5", data.copy())
    assert rc == 0
    assert s.r["chi2"] == pytest.approx(ref["sdtest1_chi2"], rel=1e-10)
    assert s.r["p_u"] == pytest.approx(ref["sdtest1_p_u"], rel=1e-6)
    assert s.r["df"] == 73
    assert out.splitlines()[7:9] == ["    sd = sd(mpg)                                           c = chi2 = 180.1584",
                                     "Ho: sd = 5                                       degrees of freedom =       73"]
    rc, out, s = do(LABELS + "sdtest mpg, by(foreign)", data.copy())
    assert rc == 0
    assert s.r["F"] == pytest.approx(ref["sdtest2_F"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["sdtest2_p"], rel=1e-9)
    assert s.r["p_l"] == pytest.approx(ref["sdtest2_p_l"], rel=1e-9)
    assert (s.r["df_1"], s.r["df_2"], s.r["N"]) == (51, 21, 74)
    assert s.r["sd"] == pytest.approx(data["mpg"].std(ddof=1))
    lines = out.splitlines()
    assert lines[-7:] == [
        "combined |      74     24.7973    .9131034    7.854812    22.97748    26.61711",
        "-" * 78,
        "    ratio = sd(Domestic) / sd(Foreign)                            f =   0.6146",
        "Ho: ratio = 1                                    degrees of freedom =   51, 21",
        "",
        "    Ha: ratio < 1               Ha: ratio != 1                 Ha: ratio > 1",
        "  Pr(F < f) = 0.0794         2*Pr(F < f) = 0.1589            Pr(F > f) = 0.9206"]
    assert lines[3] == "   Group |     Obs        Mean    Std. Err.   Std. Dev.   [95% Conf. Interval]"
    rc, _, s = do("sdtest mpg == mpg2", data.copy())
    assert s.r["F"] == pytest.approx(ref["sdtest3_F"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["sdtest3_p"], rel=1e-8)


def test_sdtesti_manual_example(do):
    """[R] sdtest's sdtesti 75 . 6.5 65 . 7.5 (F = 0.7511, p = 0.2344), missing means shown as '.'."""
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("sdtesti 75 . 6.5 65 . 7.5")
    assert rc == 0
    f = (6.5 / 7.5) ** 2
    assert s.r["F"] == pytest.approx(f) and s.r["p_l"] == pytest.approx(st.f.cdf(f, 74, 64), rel=1e-10)
    assert "       x |      75           .    .7505553         6.5           .           ." in out.splitlines()
    assert "  Pr(F < f) = 0.1172         2*Pr(F < f) = 0.2344            Pr(F > f) = 0.8828" in out.splitlines()


def test_robvar(do, data, ref):
    rc, out, s = do(LABELS + "robvar mpg, by(foreign)", data.copy())
    assert rc == 0
    for key in ("w0", "w50", "w10"):
        assert s.r[key] == pytest.approx(ref[key], rel=1e-10)
        assert s.r[f"p_{key}"] == pytest.approx(ref[f"p_{key}"], rel=1e-9)
    assert (s.r["df_1"], s.r["df_2"], s.r["N"]) == (1, 72, 74)
    assert out.splitlines()[-5:] == ["W0  =  1.5405110   df(1, 72)     Pr > F = 0.21857041", "",
                                     "W50 =  1.3459257   df(1, 72)     Pr > F = 0.24982419", "",
                                     "W10 =  1.3485986   df(1, 72)     Pr > F = 0.24935883"]
    assert "   Domestic |   22.865385   6.7243451          52" in out.splitlines()


@pytest.mark.parametrize("text, rc, message", [
    ("prtest mpg == .4", 450, "mpg is not a 0/1 variable"),
    ("prtest foreign == 1.5", 450, "1.5 is not in (0,1)"),
    ("prtest foreign == .4, by(rep)", 198, "may not combine == and option by()"),
    ("prtest foreign", 100, "option by() required"),
    ("prtest foreign == .4, cluster(rep)", 198, "option cluster() not allowed"),
    ("prtest foreign, by(mpg)", 450, "mpg takes on"),
    ("prtesti 30 .4", 198, "either three arguments"),
    ("prtesti 30 1.4 .5", 198, "1.4 not in [0,1]"),
    ("prtesti 30 40 45 30, count", 198, "40 not less than 30"),
    ("prtesti 1 .4 .5", 2001, "insufficient observations"),
    ("bitest mpg == .5", 450, "mpg is not a 0/1 variable"),
    ("bitesti 10 11 .5", 450, "number of successes invalid"),
    ("bitesti 10 3 1", 450, "p invalid"),
    ("bitesti 0 0 .5", 2001, "insufficient observations"),
    ("signtest mpg", 198, "= expected"),
    ("sdtest mpg == 5, by(foreign)", 198, "may not combine = and by()"),
    ("sdtest mpg", 100, "by() option required"),
    ("sdtest mpg, by(rep) level(90)", 0, ""),
    ("sdtest mpg, by(mpg2)", 420, "more than 2 groups found, only 2 allowed"),
    ("sdtest mpg == -1", 411, "hypothesized standard deviation is negative"),
    ("sdtesti 10 . -1 3", 411, "standard deviation is negative"),
    ("sdtesti 1 . 2 3", 499, "only one observation, but positive standard deviation"),
    ("sdtesti 0 . 2 3 . 1", 2000, "first sample has no observations"),
    ("sdtesti 10 . 2", 198, "either four arguments"),
    ("robvar mpg", 198, "option by() required"),
    ("robvar mpg if mpg > 1000, by(foreign)", 2000, "no observations"),
])
def test_errors(do, data, text, rc, message):
    got, out, _ = do(text, data.copy())
    assert got == rc and message in out


def test_ksmirnov_two_sample(do, data, ref):
    """D and the one- and two-sided p against R's ks.test; Stata 13's corrected p from its formula."""
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do(LABELS + "ksmirnov mpg, by(foreign)", data.copy())
    assert rc == 0
    assert s.r["D"] == pytest.approx(ref["ks_D"], rel=1e-12) and s.r["D_1"] == pytest.approx(ref["ks_D_1"], rel=1e-12)
    assert s.r["D_2"] == pytest.approx(-ref["ks_D_2"], abs=1e-12)
    assert s.r["p"] == pytest.approx(ref["ks_p"], rel=1e-9)
    assert (s.r["p_1"], s.r["p_2"]) == (pytest.approx(ref["ks_p_1"], rel=1e-12), pytest.approx(ref["ks_p_2"]))
    m, k = 52, 22
    z = st.norm.ppf(ref["ks_p"]) + 1.04 / k + 2.09 / m - 1.35 / np.sqrt(m * k / (m + k))
    assert s.r["p_cor"] == pytest.approx(st.norm.cdf(z), rel=1e-8)
    assert (s.r["group1"], s.r["group2"]) == ("Domestic", "Foreign")
    assert out.splitlines()[1:] == [
        "Two-sample Kolmogorov-Smirnov test for equality of distribution functions", "",
        " Smaller group       D       P-value  Corrected", " " + "-" * 46,
        " Domestic:           0.3409    0.028",
        " Foreign:            0.0000    1.000",
        " Combined K-S:       0.3409    0.055      0.032"]


def test_ksmirnov_exact_and_one_sample(do, data, ref):
    small = pd.DataFrame({"x": [2.0, 3, 5, 1, 7, 8, 9, 4], "g": [0.0, 0, 0, 0, 1, 1, 1, 1]})
    rc, out, s = do("ksmirnov x, by(g) exact", small)
    assert rc == 0 and s.r["p_exact"] == pytest.approx(ref["ks_exact_p"], rel=1e-10) and "p_cor" not in s.r
    assert out.splitlines()[3] == " Smaller group       D       P-value      Exact"
    rc, out, s = do("ksmirnov mpg = normal((mpg-24)/8)", data.copy())
    assert rc == 0
    assert s.r["D"] == pytest.approx(ref["ks1_D"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["ks1_p"], rel=1e-3)  # Stata's A is n 10^7/(n + 10^7), R's n
    assert out.splitlines()[1:3] == ["One-sample Kolmogorov-Smirnov test against theoretical distribution",
                                     "           normal((mpg-24)/8)"]
    assert (s.r["group1"], s.r["group2"]) == ("mpg", "Cumulative")


@pytest.mark.parametrize("text, rc, message", [
    ("ksmirnov mpg, by(rep) exact corrected", 198, "option corrected not allowed"),
    ("ksmirnov mpg, by(mpg2)", 450, "mpg2 takes on 17 values, not 2"),
    ("ksmirnov mpg = normal(mpg), exact", 198, "invalid syntax"),
    ("ksmirnov mpg = normal(mpg), by(rep)", 198, "invalid syntax"),
    ("ksmirnov mpg = cond(mpg > 20, ., .5)", 450, "=exp evaluate to missing in some or all observations"),
])
def test_ksmirnov_errors(do, data, text, rc, message):
    got, out, _ = do(text, data.copy())
    assert got == rc and message in out


def test_median_two_groups(do, data, ref):
    rc, out, s = do(LABELS + 'label var foreign "Car type"\nmedian mpg, by(foreign)', data.copy())
    assert rc == 0
    for key in ("chi2", "p", "chi2_cc", "p_cc"):
        assert s.r[key] == pytest.approx(ref[f"median_{key}"], rel=1e-10)
    assert (s.r["groups"], s.r["N"]) == (2, 74) and np.isnan(s.r["p_exact"]) and np.isnan(s.r["p1_exact"])
    assert out.splitlines()[1:6] == ["Median test", "", "   Greater |", "  than the |       Car type",
                                     "    median |  Domestic    Foreign |     Total"]
    assert out.splitlines()[-4:] == ["          Pearson chi2(1) =   2.8151   Pr = 0.093", "",
                                     "   Continuity corrected:", "          Pearson chi2(1) =   2.0261   Pr = 0.155"]


def test_median_exact_ties_and_groups(do, data, ref):
    rc, out, s = do(LABELS + "median mpg, by(foreign) exact medianties(above)", data.copy())
    assert rc == 0
    assert s.r["p_exact"] == pytest.approx(ref["median_above_p_exact"], rel=1e-9)
    assert s.r["p1_exact"] == pytest.approx(ref["median_above_p1_exact"], rel=1e-9)
    assert "Greater or |" in out.splitlines()
    assert "           Fisher's exact =                 0.073" in out.splitlines()
    frame = data.assign(g3=np.arange(1, 75) % 3)
    rc, out, s = do("median mpg, by(g3) exact", frame)
    assert rc == 0 and s.r["groups"] == 3 and "p_cc" not in s.r
    assert s.r["chi2"] == pytest.approx(ref["median3_chi2"], rel=1e-10)
    assert s.r["p_exact"] == pytest.approx(ref["median3_p_exact"], rel=1e-9)


@pytest.mark.parametrize("text, rc, message", [
    ("median mpg", 198, "option by() required"),
    ("median mpg, by(foreign) medianties(middle)", 198, "medianties(middle) option invalid"),
    ("median mpg, by(foreign) medianties(split)", 198, "medianties(split) not available"),
    ("median mpg if foreign, by(foreign)", 499, "1 group found, 2 required"),
    ("median mpg if mpg > 1000, by(foreign)", 2000, "no observations"),
])
def test_median_errors(do, data, text, rc, message):
    got, out, _ = do(text, data.copy())
    assert got == rc and message in out


def test_tabi(do, data, ref):
    rc, out, s = do("tabi 30 18 \\ 38 14", data.copy())
    assert rc == 0
    assert s.r["p_exact"] == pytest.approx(ref["tabi_p_exact"], rel=1e-9)
    assert s.r["p1_exact"] == pytest.approx(ref["tabi_p1_exact"], rel=1e-9)
    assert (s.r["N"], s.r["r"], s.r["c"]) == (100, 2, 2) and "chi2" not in s.r
    assert out.splitlines() == ["", "           |          col", "       row |         1          2 |     Total",
                                "-----------+----------------------+----------",
                                "         1 |        30         18 |        48 ",
                                "         2 |        38         14 |        52 ",
                                "-----------+----------------------+----------",
                                "     Total |        68         32 |       100 ", "",
                                "           Fisher's exact =                 0.289",
                                "   1-sided Fisher's exact =                 0.179"]
    assert s.data.nobs == 74  # the data in memory are untouched
    rc, out, s = do("tabi 10 2 3 \\ 4 5 6, chi2 exact replace", data.copy())
    assert s.r["chi2"] == pytest.approx(ref["tabi23_chi2"], rel=1e-10)
    assert s.r["p"] == pytest.approx(ref["tabi23_p"], rel=1e-10)
    assert s.r["p_exact"] == pytest.approx(ref["tabi23_p_exact"], rel=1e-9) and "p1_exact" not in s.r
    assert s.data.varnames == ["row", "col", "pop"] and s.data.numeric("pop").tolist() == [10, 2, 3, 4, 5, 6]
    rc, out, s = do("tabi 10 2 3 \\ 4 5 6")  # a larger table: chi2 by default
    assert "Pearson chi2(2) =" in out and "Fisher" not in out


@pytest.mark.parametrize("text, rc, message", [
    ("tabi 1 2 \\ 3", 198, "invalid syntax"),
    ("tabi 1 \\ 3", 198, "too few columns"),
    ("tabi 1 2", 198, "invalid syntax"),
    ("tabi 1 -2 \\ 3 4", 411, "nonpositive values encountered"),
    ("tabi 1 2.5 \\ 3 4", 7, "'2.5' found where integer expected"),
    ("tabi 1 2 \\ 3 4, gamma", 198, "option gamma not allowed"),
])
def test_tabi_errors(do, text, rc, message):
    got, out, _ = do(text)
    assert got == rc and message in out


def test_tabulate_exact(do, data, ref):
    """tabulate's exact option (tabi and median print through it)."""
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("tabulate y2 foreign, exact", data.copy())
    assert rc == 0
    table = pd.crosstab(data["y2"], data["foreign"]).to_numpy()
    assert s.r["p_exact"] == pytest.approx(st.fisher_exact(table).pvalue, rel=1e-9)
    one_sided = min(st.fisher_exact(table, alternative=a).pvalue for a in ("less", "greater"))
    assert s.r["p1_exact"] == pytest.approx(one_sided, rel=1e-9)
    rc, out, _ = do("tabulate y2, exact", data.copy())
    assert rc == 198 and "option exact not allowed" in out


def test_ksmirnov_exact_past_large_path_counts(do, ref):
    """300 + 300 values: the path counts pass 1e100 and are rescaled (R's exact psmirnov)."""
    n = np.arange(1, 601)
    frame = pd.DataFrame({"x": np.sin(n) + 0.15 * (n > 300), "g": (n > 300).astype(float)})
    rc, _, s = do("ksmirnov x, by(g) exact", frame)
    assert rc == 0
    assert s.r["D"] == pytest.approx(ref["ks_big_D"], rel=1e-12)
    assert s.r["p_exact"] == pytest.approx(ref["ks_big_p_exact"], rel=1e-8)


@pytest.fixture
def raters():
    """reference.R's raters: 60 subjects, three categories."""
    n = np.arange(1, 61)
    r1 = 1 + n % 3
    r2 = np.where(n % 4 == 0, 1 + (n + 1) % 3, r1)
    r2[n > 55] = 3
    return pd.DataFrame({"r1": r1.astype(float), "r2": r2.astype(float)})


def test_kap_two_raters(do, raters, ref):
    rc, out, s = do("kap r1 r2", raters)
    assert rc == 0
    assert s.r["kappa"] == pytest.approx(ref["kap_kappa"], rel=1e-12)
    assert s.r["z"] == pytest.approx(ref["kap_z"], rel=1e-12)
    assert (s.r["N"], s.r["prop_o"]) == (60, pytest.approx(44 / 60))
    assert out.splitlines() == ["", "             Expected",
                                "Agreement   Agreement     Kappa   Std. Err.         Z      Prob>Z", "-" * 65,
                                "  73.33%      33.33%     0.6000     0.0908       6.61      0.0000"]
    rc, out, s = do("kap r1 r2, wgt(w)", raters)
    assert s.r["kappa"] == pytest.approx(ref["kap_w_kappa"], rel=1e-12)
    assert s.r["z"] == pytest.approx(ref["kap_w_z"], rel=1e-12)
    assert out.splitlines()[:5] == ["", "Ratings weighted by:", "   1.0000   0.5000   0.0000",
                                    "   0.5000   1.0000   0.5000", "   0.0000   0.5000   1.0000"]
    rc, _, s = do("kap r1 r2, wgt(w2)", raters)
    assert s.r["kappa"] == pytest.approx(ref["kap_w2_kappa"], rel=1e-12)
    rc, _, s2 = do("global mine kapwgt 3 1 .5 1 0 .5 1\nkap r1 r2, wgt(mine)", raters)
    assert rc == 0 and s2.r["kappa"] == pytest.approx(ref["kap_w_kappa"], rel=1e-12)
    rc, out, _ = do("kap r1 r2, tab", raters)
    assert "        r1 |         1          2          3 |     Total" in out.splitlines()


def test_kap_nonunique_raters(do, raters, ref):
    """kap_3.ado: three rater variables counted by category, reported by kappa (Fleiss)."""
    frame = raters.assign(r3=1.0 + (2 * np.arange(1, 61)) % 3)
    rc, out, s = do("kap r1 r2 r3", frame)
    assert rc == 0
    assert s.r["kappa"] == pytest.approx(ref["kap3_kappa"], rel=1e-12)
    assert s.r["z"] == pytest.approx(ref["kap3_z"], rel=1e-12)
    lines = out.splitlines()
    assert lines[:4] == ["", "There are 3 raters per subject:", "", "         Outcome |    Kappa          Z     Prob>Z"]
    assert lines[5].startswith("               1 |")
    rc, out, s = do("gen r4 = .\nkap r1 r2 r4", frame)
    assert rc == 0 and s.r["kappa"] == pytest.approx(ref["kap_kappa"], rel=1e-12)
    assert out.splitlines()[:3] == ["(60 missing values generated)",
                                    "note:  r4 contains all missing values; variable ignored",
                                    ""] and "There are 2 identified raters per subject:" in out
    rc, out, s = do("replace r3 = . in 1/5\nkap r1 r2 r3", frame)
    assert rc == 0 and np.isnan(s.r["z"])
    assert "There are between 2 and 3 (median = 3.00) raters per subject:" in out


def test_kappa_counts_of_ratings(do, ref):
    n = np.arange(1, 11)
    d1, d2 = n % 3, (n + 1) % 2
    frame = pd.DataFrame({"d1": d1, "d2": d2, "d3": 4 - d1 - d2, "c1": n % 4, "c2": 3 - n % 4}).astype(float)
    rc, out, s = do("kappa d1 d2 d3", frame)
    assert rc == 0
    assert s.r["kappa"] == pytest.approx(ref["kappa3_kappa"], rel=1e-12)
    assert s.r["z"] == pytest.approx(ref["kappa3_z"], rel=1e-12)
    lines = out.splitlines()
    assert lines[1:3] == ["         Outcome |    Kappa          Z     Prob>Z", "-" * 17 + "+" + "-" * 31]
    for j, line in enumerate(lines[3:6], start=1):
        assert line.startswith(f"              d{j} |")
        assert float(line.split("|")[1].split()[0]) == pytest.approx(ref[f"kappa3_k{j}"], abs=5e-5)
        assert float(line.split("|")[1].split()[1]) == pytest.approx(ref[f"kappa3_z{j}"], abs=5e-3)
    rc, out, s = do("kappa c1 c2", frame)
    assert s.r["kappa"] == pytest.approx(ref["kappa2_kappa"], rel=1e-12)
    assert s.r["z"] == pytest.approx(ref["kappa2_z"], rel=1e-12)
    assert out.splitlines()[1] == "Two-outcomes, multiple raters:"
    rc, out, s = do("replace d3 = d3 + 1 in 1\nkappa d1 d2 d3", frame)
    assert rc == 0 and np.isnan(s.r["z"])
    assert out.splitlines()[-2:] == ["Note: Number of ratings per subject vary; cannot calculate test",
                                     "      statistics."]


@pytest.mark.parametrize("text, rc, message", [
    ("kap r1", 102, "too few variables specified"),
    ("kap r1 r2 r1, tab", 198, "option tab not allowed with 3 or more raters"),
    ("gen e = .\ngen f = .\nkap r1 e f", 498, "only one rating variable remains"),
    ("kap r1 r2, wgt(other)", 111, "kappawgt  not found"),
    ("global bad kapwgt 2 1 0 1\nkap r1 r2, wgt(bad)", 198, "kapwgt not 3 x 3"),
    ("kap r1 r2 if r1 == 1 & r2 == 1", 499, "too few rating categories"),
    ("kap r1 r2 in 1", 2001, "insufficient observations"),
    ("replace r1 = 0 in 1\nkap r1 r2, absolute", 498, "r1 and r2 not integers 1, ..., K"),
    ("replace r1 = -1 in 1\nkappa r1 r2", 499, "negative, missing, or noninteger values encountered"),
    ("replace r1 = 1.5 in 1\nkappa r1 r2 r1", 498, "noninteger, negative, or missing values encountered"),
])
def test_kap_errors(do, raters, text, rc, message):
    got, out, _ = do(text, raters)
    assert got == rc and message in out


def test_degenerate_inputs_give_missing_not_errors(do, data):
    """robvar with one group: W and its p missing (zero divisors, as robvar.ado's arithmetic);
    prtest of two variables without observations: prtesti's ". not in [0,1]"; a bad exact(#)
    is refused before any table is printed."""
    rc, out, s = do("robvar mpg if y2 == 1, by(y2)", data.copy())
    assert rc == 0 and np.isnan(s.r["w0"]) and np.isnan(s.r["p_w50"]) and (s.r["df_1"], s.r["df_2"]) == (0, 17)
    rc, out, _ = do("prtest foreign == y2 if mpg > 1000", data.copy())
    assert rc == 198 and ". not in [0,1]" in out
    rc, out, _ = do("tabi 3 1 \\ 0 2, exact(0)")
    assert rc == 198 and out.strip().splitlines()[0] == "exact() invalid"


@pytest.mark.parametrize("text", [
    "bitesti 1e300 .5 .3",  # counts past 2^53: no bignum reaches numpy, the search stops
    "sdtest mpg == 1e-320",  # the hypothesized sd's square underflows: chi2 missing
    "sdtesti 10 . 1e200 10 . 1e-200",  # the ratio leaves the doubles: f missing
])
def test_extreme_numbers_give_output_not_internal_errors(do, data, text):
    rc, out, _ = do(text, data.copy())
    assert rc == 0 and "internal error" not in out
