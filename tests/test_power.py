"""``power`` onemean, twomeans, pairedmeans, oneproportion, twoproportions: numbers against
R (tests/power_reference/power_reference.R, its output committed beside it), layouts against
Stata's published logs ([PSS] power outputs quoted in the comments), r() and refusals."""
from __future__ import annotations

from pathlib import Path

import pytest

REFERENCE = {line.split()[0]: float(line.split()[1]) for line in
             (Path(__file__).parent / "power_reference" / "power_reference.txt").read_text().splitlines()}

# Stata 15's log of `power twomeans 8 12, sd(9)` (the [PSS] power twomeans quick start)
TWOMEANS = """
Performing iteration ...

Estimated sample sizes for a two-sample means test
t test assuming sd1 = sd2 = sd
Ho: m2 = m1  versus  Ha: m2 != m1

Study parameters:

        alpha =    0.0500
        power =    0.8000
        delta =    4.0000
           m1 =    8.0000
           m2 =   12.0000
           sd =    9.0000

Estimated sample sizes:

            N =       162
  N per group =        81"""

# Stata's log of `power twomeans 8 (10(1)14), sd(9) onesided`
TWOMEANS_TABLE = """
Performing iteration ...

Estimated sample sizes for a two-sample means test
t test assuming sd1 = sd2 = sd
Ho: m2 = m1  versus  Ha: m2 > m1

  +-------------------------------------------------------------------------+
  |   alpha   power       N      N1      N2   delta      m1      m2      sd |
  |-------------------------------------------------------------------------|
  |     .05      .8     504     252     252       2       8      10       9 |
  |     .05      .8     224     112     112       3       8      11       9 |
  |     .05      .8     128      64      64       4       8      12       9 |
  |     .05      .8      82      41      41       5       8      13       9 |
  |     .05      .8      58      29      29       6       8      14       9 |
  +-------------------------------------------------------------------------+"""

# Stata's log of `power pairedmeans 73 57, corr(.5) sd1(29) sd2(40)` (two columns of parameters)
PAIRED = """
Study parameters:

        alpha =    0.0500          ma1 =   73.0000
        power =    0.8000          ma2 =   57.0000
        delta =   -0.4470          sd1 =   29.0000
           d0 =    0.0000          sd2 =   40.0000
           da =  -16.0000         corr =    0.5000
         sd_d =   35.7911

Estimated sample size:

            N =        42"""

# Stata's help power_errors: `power onemean (0 1) (1 2)` with a failed computation
FAILED_TABLE = """
  +---------------------------------------------------------+
  |   alpha   power       N   delta      m0      ma      sd |
  |---------------------------------------------------------|
  |     .05      .8      10       1       0       1       1 |
  |     .05      .8       5       2       0       2       1 |
  |     .05      .8       .       0       1       1       1 |
  |     .05      .8      10       1       1       2       1 |
  +---------------------------------------------------------+
  Warning: some of the computations failed; execute each 
           computation separately to see the specific error"""


def test_twomeans_layout_and_r(do):
    rc, out, s = do("power twomeans 8 12, sd(9)")
    assert rc == 0 and out.rstrip("\n").endswith(TWOMEANS), out
    assert s.r["N"] == 162 and s.r["N1"] == s.r["N2"] == REFERENCE["twomeans_n_8_12_sd9_pergroup"]
    assert s.r["method"] == "twomeans" and s.r["delta"] == 4 and s.r["sd"] == 9


def test_numlist_table(do):
    rc, out, s = do("power twomeans 8 (10(1)14), sd(9) onesided")
    assert rc == 0 and TWOMEANS_TABLE in out, out
    for row, m2 in enumerate(range(10, 15)):
        assert s.r["pss_table"].values[row, 3] == REFERENCE[f"twomeans_n_8_{m2}_sd9_onesided_pergroup"]


def test_failed_table_cell(do):
    rc, out, _ = do("power onemean (0 1) (1 2)")
    assert rc == 0 and FAILED_TABLE in out, out


def test_paired_two_columns(do):
    rc, out, s = do("power pairedmeans 73 57, corr(.5) sd1(29) sd2(40)")
    assert rc == 0 and PAIRED in out, out
    rc, out, s = do("power pairedmeans, altdiff(-16) sddiff(36)")
    assert s.r["N"] == REFERENCE["paired_n_d16_sd36"] and "ma1" not in out


@pytest.mark.parametrize("command, key, r_name", [
    ("power onemean 15 40, sd(40)", "onemean_n_15_40_sd40", "N"),
    ("power oneproportion .3 .5", "oneprop_n_.3_.5", "N"),
    ("power twoproportions .3 .5", "twoprop_n_.3_.5_pergroup", "N1"),
    ("power twoproportions .5 .8, power(.95)", "twoprop_n_.5_.8_power.95_pergroup", "N1"),
])
def test_sample_sizes(do, command, key, r_name):
    rc, out, s = do(command)
    assert rc == 0 and s.r[r_name] == REFERENCE[key], out


@pytest.mark.parametrize("command, key", [
    ("power onemean 0 .5, n(20)", "onemean_power_n20_d0.5"),
    ("power twomeans 0 10, sd(15) n(60)", "twomeans_power_n30each_d10_sd15"),
    ("power twomeans 0 10, sd(15) n(60) onesided", "twomeans_power_n30each_d10_sd15_onesided"),
    ("power pairedmeans, altdiff(16) sddiff(36) n(30)", "paired_power_n30_d16_sd36"),
    ("power oneproportion .3 .5, n(50)", "oneprop_power_n50_.3_.5"),
    ("power twoproportions .3 .5, n(200)", "twoprop_power_n100each_.3_.5"),
    ("power twomeans 0 5, sd1(8) sd2(12) n1(40) n2(30)", "twomeans_power_satt_n40_30_d5_sd8_12"),
])
def test_power_values(do, command, key):
    rc, out, s = do(command)
    assert rc == 0 and abs(s.r["power"] - REFERENCE[key]) < 1e-8, out
    assert "Estimated power:" in out and f"power = {REFERENCE[key]:9.4f}" in out


def test_proportion_layouts(do):
    # Stata 15's log of `power twoproportions 0.025 0.0125, power(0.8)`
    rc, out, _ = do("power twoproportions 0.025 0.0125, power(0.8)")
    assert "        delta =   -0.0125  (difference)" in out and "            N =     3,696" in out, out
    assert "Pearson's chi-squared test\nHo: p2 = p1  versus  Ha: p2 != p1" in out
    rc, out, _ = do("power oneproportion 0.3 0.5")
    assert "Score z test\nHo: p = p0  versus  Ha: p != p0" in out and "            N =        44" in out


@pytest.mark.parametrize("command, message", [
    ("power onemean 0 1, graph", "option graph not allowed"),
    ("power onemean 0 1, n(20) power(.9)", "effect size"),
    ("power twoway 1 2", "not implemented"),
    ("power onecorrelation 0 1.2", "correlations must contain numbers between -1 and 1"),
    ("power onemean 0 1 if 1", "if not allowed"),
    ("power onemean 0 1, alpha(1.5)", "alpha() must contain numbers between 0 and 1"),
    ("power twoproportions .3 1.5", "proportions must contain numbers between 0 and 1"),
    ("power twoproportions .3 .5, test(fisher)", "test(fisher) not allowed"),
    ("power onemean 0 1, sd(-2)", "sd() must contain positive numbers"),
    ("power onemean 0 1, bogus", "option bogus not allowed"),
    ("power onemean 1 1", "alternative value must differ"),
    ("power twomeans 0 1, n(61)", "integer group sizes"),
])
def test_refusals(do, command, message):
    rc, out, _ = do(command)
    assert rc == (101 if message == "if not allowed" else 198) and message in out, out


def test_correlations_against_r(do):
    rc, out, s = do("power onecorrelation 0 0.3")
    assert rc == 0 and s.r["N"] == REFERENCE["onecorr_n_0_.3"] and "Fisher's z test\nHo: r = r0  versus  Ha: r != r0" in out
    rc, out, s = do("power onecorr 0.2 0.4, onesided")
    assert s.r["N"] == REFERENCE["onecorr_n_.2_.4_onesided"] and "Performing iteration" not in out, out
    rc, out, s = do("power twocorrelations 0.2 0.5")
    assert s.r["N1"] == s.r["N2"] == REFERENCE["twocorr_n_.2_.5_pergroup"], out
    rc, out, s = do("power twocorr 0.2 0.5, n(200)")
    assert abs(s.r["power"] - REFERENCE["twocorr_power_100each"]) < 1e-10 and s.r["method"] == "twocorrelations"


# the published Stata log of `power oneway 21 19 18, varerror(16)`
ONEWAY = """
Performing iteration ...

Estimated sample size for one-way ANOVA
F test for group effect
Ho: delta = 0  versus  Ha: delta != 0

Study parameters:

        alpha =    0.0500
        power =    0.8000
        delta =    0.3118
          N_g =         3
           m1 =   21.0000
           m2 =   19.0000
           m3 =   18.0000
        Var_m =    1.5556
        Var_e =   16.0000

Estimated sample sizes:

            N =       105
  N per group =        35"""


def test_oneway(do):
    rc, out, s = do("power oneway 21 19 18, varerror(16)")
    assert rc == 0 and out.rstrip("\n").endswith(ONEWAY), out
    assert s.r["N"] == 3 * REFERENCE["oneway_n_pergroup_ve16"] and s.r["N_g"] == 3
    rc, out, s = do("power oneway 21 19 18, varerror(16 25)")
    assert s.r["pss_table"].values[1, 2] == 3 * REFERENCE["oneway_n_pergroup_ve25"], out
    rc, out, s = do("power oneway 21 19 18, varerror(16) npergroup(30)")
    assert abs(s.r["power"] - REFERENCE["oneway_power_n30"]) < 1e-9 and s.r["N"] == 90, out
    rc, out, _ = do("power oneway 21 19 18, n(91)")
    assert rc == 198 and "integer group sizes" in out
    rc, out, _ = do("power oneway 21")
    assert rc == 198 and "at least two group means" in out


def test_far_tails_and_huge_effects(do):
    # scipy's noncentral t lower tail is NaN far out; the power there is the upper tail alone
    rc, out, s = do("power onemean 0 2, n(20)")
    assert rc == 0 and abs(s.r["power"] - 1) < 1e-9 and "power =    1.0000" in out, out
    rc, out, s = do("power onemean 0 1e300")
    assert rc == 0 and s.r["N"] == 2, out
    rc, out, _ = do("power onemean 0 1e-300")
    assert rc == 198 and "sample size too large" in out


def test_onevariance_against_r(do):
    rc, out, s = do("power onevariance 1 1.5")
    assert rc == 0 and s.r["N"] == REFERENCE["onevar_n_1_1.5"] and "Chi-squared test" in out, out
    assert "Estimated sample size for a one-sample variance test" in out
    rc, out, s = do("power onevariance 1 1.5, onesided")
    assert s.r["N"] == REFERENCE["onevar_n_1_1.5_onesided"] and "Ha: v > v0" in out
    rc, out, s = do("power onevariance 1, ratio(0.5)")
    assert s.r["N"] == REFERENCE["onevar_n_ratio_.5"] and "        ratio =    0.5000" in out
    rc, out, s = do("power onevariance 2 3, sd n(40)")
    assert abs(s.r["power"] - REFERENCE["onevar_power_sd_2_3_n40"]) < 1e-10
    assert "standard-deviation test" in out and "           s0 =    2.0000" in out and s.r["va"] == 9
