"""teffects against Stata's own printed numbers on Cattaneo's (2010) birthweight data
(cattaneo2, Stata's manual dataset): the [TE] manual's RA example and a published Stata 18
run of RA, IPW, IPWRA, AIPW, nnmatch and psmatch (carlos-mendez.org "Treatment Effects in Stata: six estimators",
its results report).  The data are read from ``../shared/data/stata/cattaneo2.csv`` (a public
CSV copy: github.com/sergiodaneris/Semana-Academica-de-Ciencias-Economicas, cattaneo2.csv,
4,642 rows); the tests skip when it is absent."""
from __future__ import annotations

import pandas as pd
import pytest

OUTCOME = "bweight mmarried mage prenatal1 fbaby"
TREATMENT = "mbsmoke mmarried mage fbaby medu, probit"
MATCH = "bweight mmarried mage fage medu prenatal1"
MATCH_OPTIONS = "ematch(mmarried prenatal1) biasadj(mage fage medu)"

# (command, the effect row as Stata prints it: coef, SE, z, P, CI)
CASES = [
    (f"teffects ra ({OUTCOME}) (mbsmoke), ate",
     "-239.6392   23.82402   -10.06   0.000    -286.3334    -192.945"),
    (f"teffects ra ({OUTCOME}) (mbsmoke), atet",
     "-223.3017    22.7422    -9.82   0.000    -267.8755   -178.7278"),
    (f"teffects ipw (bweight) ({TREATMENT}), ate",
     "-230.906   24.30987    -9.50   0.000    -278.5525   -183.2595"),
    (f"teffects ipw (bweight) ({TREATMENT}), atet",
     "-219.6338   23.38456    -9.39   0.000    -265.4667   -173.8009"),
    (f"teffects ipwra ({OUTCOME}) ({TREATMENT}), ate",
     "-231.8723    25.1541    -9.22   0.000    -281.1735   -182.5712"),
    (f"teffects ipwra ({OUTCOME}) ({TREATMENT}), atet",
     "-220.6476   23.37268    -9.44   0.000    -266.4572    -174.838"),
    (f"teffects aipw ({OUTCOME}) ({TREATMENT}), ate",
     "-232.4759   24.83406    -9.36   0.000    -281.1497    -183.802"),
    (f"teffects nnmatch ({MATCH}) (mbsmoke), {MATCH_OPTIONS}",
     "-210.0558   29.32803    -7.16   0.000    -267.5377   -152.5739"),
    (f"teffects nnmatch ({MATCH}) (mbsmoke), {MATCH_OPTIONS} atet",
     "-238.5204   30.41661    -7.84   0.000    -298.1359    -178.905"),
    ("teffects psmatch (bweight) (mbsmoke mmarried mage fage medu prenatal1)",
     "-229.4492   25.88746    -8.86   0.000    -280.1877   -178.7107"),
]


@pytest.fixture(scope="module")
def cattaneo(shared_dir):
    path = shared_dir / "data" / "stata" / "cattaneo2.csv"
    if not path.exists():
        pytest.skip("../shared/data/stata/cattaneo2.csv is not available")
    return pd.read_csv(path)


@pytest.mark.parametrize("command, row", CASES)
def test_effect_rows_match_stata(do, cattaneo, command, row):
    rc, printed, _ = do(command + (" nolog" if "match" not in command else ""), cattaneo.copy())
    assert rc == 0, printed
    line = next(ln for ln in printed.split("\n") if ln.startswith("   (1 vs 0)  |"))
    assert line.split("|")[1].split() == row.split()


def test_ra_pomeans_and_control_mean_match_stata(do, cattaneo):
    rc, printed, _ = do(f"teffects ra ({OUTCOME}) (mbsmoke), pomeans nolog", cattaneo.copy())
    assert rc == 0, printed
    lines = printed.split("\n")
    assert "          0  |   3403.242   9.525207   357.29   0.000     3384.573    3421.911" in lines
    assert "          1  |   3163.603   21.86351   144.70   0.000     3120.751    3206.455" in lines
    assert "Treatment-effects estimation                    Number of obs     =       4642" in lines


def test_nnmatch_header_matches_stata(do, cattaneo):
    rc, printed, _ = do(f"teffects nnmatch ({MATCH}) (mbsmoke), {MATCH_OPTIONS}", cattaneo.copy())
    assert rc == 0, printed
    assert "Distance metric: Mahalanobis                                  max =         16" in printed.split("\n")
