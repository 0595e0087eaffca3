"""``icc``: intraclass correlations of ratings against R's psych::ICC
(tests/reference_values/icc_reference.R), the published [R] icc examples (Shrout and Fleiss's
6 targets x 4 judges), the layout, r() and Stata's refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "icc_reference.json").read_text())["estimates"]

# Shrout and Fleiss (1979), Table 2: rows are targets, columns judges ([R] icc's judges.dta)
JUDGES = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]


@pytest.fixture
def judges():
    rows = [(t + 1, j + 1, float(v)) for t, r in enumerate(JUDGES) for j, v in enumerate(r)]
    return pd.DataFrame(rows, columns=["target", "judge", "rating"])


@pytest.fixture
def ratings():
    return pd.read_csv(REF_DIR / "icc_ratings.csv").astype(float)


@pytest.mark.parametrize("options, individual, average", [
    ("", "ICC2", "ICC2k"),                 # two-way random, absolute agreement
    (", consistency", "ICC3", "ICC3k"),    # two-way random, consistency
    (", mixed", "ICC3", "ICC3k"),          # two-way mixed, consistency
    (", mixed absolute", "ICC2", "ICC2k"),
])
def test_two_way_models_against_psych(do, ratings, options, individual, average):
    rc, out, s = do(f"icc rating target rater{options}", df=ratings)
    assert rc == 0, out
    for key, ref in (("icc_i", REF[individual]), ("icc_avg", REF[average])):
        for stat in ("", "_F", "_lb", "_ub", "_p"):
            want = ref[{"": "icc", "_F": "F", "_lb": "lb", "_ub": "ub", "_p": "p"}[stat]]
            assert s.r[key + stat] == pytest.approx(want, rel=1e-9, abs=1e-14), key + stat
        assert (s.r[key + "_df1"], s.r[key + "_df2"]) == (ref["df1"], ref["df2"])
    assert (s.r["N_target"], s.r["N_rater"]) == (12, 5)


def test_one_way_model_against_psych(do, ratings):
    rc, out, s = do("icc rating target", df=ratings)
    assert rc == 0, out
    for key, ref in (("icc_i", REF["ICC1"]), ("icc_avg", REF["ICC1k"])):
        for stat, name in (("", "icc"), ("_F", "F"), ("_lb", "lb"), ("_ub", "ub"), ("_p", "p")):
            assert s.r[key + stat] == pytest.approx(ref[name], rel=1e-9, abs=1e-14)
    assert s.r["model"] == "one-way random" and s.r["type"] == "absolute" and "rater" not in s.r


def test_published_example_layout(do, judges):
    """[R] icc, example 1 (one-way) as Stata prints it; examples 2-3's numbers."""
    rc, out, s = do("icc rating target", df=judges)
    assert rc == 0, out
    assert out.splitlines()[1:] == [
        "Intraclass correlations",
        "One-way random-effects model",
        "Absolute agreement",
        "",
        "Random effects: target           Number of targets =         6",
        "                                 Number of raters  =         4",
        "",
        "--------------------------------------------------------------",
        "              rating |        ICC       [95% Conf. Interval]",
        "---------------------+----------------------------------------",
        "          Individual |   .1657418      -.1329323    .7225601",
        "             Average |   .4427971      -.8844422    .9124154",
        "--------------------------------------------------------------",
        "F test that",
        "  ICC=0.00: F(5.0, 18.0) = 1.79              Prob > F = 0.165",
        "",
        "Note: ICCs estimate correlations between individual measurements",
        "      and between average measurements made on the same target.",
    ]
    rc, out, s = do("icc rating target judge", df=judges)
    assert "Two-way random-effects model\nAbsolute agreement" in out
    assert "Random effects: judge            Number of raters  =         4" in out
    assert "          Individual |   .2897638       .0187865    .7610844" in out
    assert "             Average |   .6200505       .0711368     .927232" in out
    assert "  ICC=0.00: F(5.0, 15.0) = 11.03             Prob > F = 0.000" in out
    rc, out, s = do("icc rating target judge, mixed", df=judges)
    assert "Two-way mixed-effects model\nConsistency of agreement" in out
    assert "Fixed effects: judge             Number of raters  =         4" in out
    assert "          Individual |   .7148407       .3424648    .9458583" in out
    assert "             Average |   .9093155       .6756747    .9858917" in out
    rc, out, s = do("icc rating target judge, level(90) format(%6.3f)", df=judges)
    assert "              rating |        ICC       [90% Conf. Interval]" in out
    assert "          Individual |      0.290" in out


def test_if_in_and_string_identifiers(do, judges):
    judges["name"] = judges["target"].map(lambda t: f"t{t}")
    rc, out, s = do("icc rating name judge if target > 1", df=judges)
    assert rc == 0, out
    sub = np.array(JUDGES[1:], float)
    rc2, out2, s2 = do("icc rating target judge in 5/24", df=judges)
    assert s.r["N_target"] == 5 and s.r["icc_i"] == pytest.approx(s2.r["icc_i"], rel=1e-12)
    rowm = sub.mean(axis=1)
    msr = 4 * np.sum((rowm - sub.mean()) ** 2) / 4
    assert s.r["icc_i_F"] * (np.sum((sub - rowm[:, None] - sub.mean(0) + sub.mean()) ** 2) / 12) \
        == pytest.approx(msr, rel=1e-12)


@pytest.mark.parametrize("command, rc, message", [
    ("icc rating", 102, "too few variables specified"),
    ("icc rating target judge weight", 103, "too many variables specified"),
    ("icc rating target, consistency", 198, "not allowed with the one-way"),
    ("icc rating target, mixed", 198, "not allowed with the one-way"),
    ("icc rating target judge, absolute consistency", 184, "may not be combined"),
    ("icc rating target judge, testvalue(.5)", 199, "not implemented"),
    ("icc rating target judge, bogus", 198, "option bogus not allowed"),
    ("icc rating target judge, level(5)", 198, "level() must be between"),
    ("icc rating target if _n != 3", 459, "unbalanced"),
    ("icc rating target judge if _n != 3", 459, "unbalanced"),
    ("icc rating target judge if target == 1", 2001, "insufficient observations"),
    ("icc rating nosuch", 111, "variable nosuch not found"),
])
def test_refusals_leave_data_alone(do, judges, command, rc, message):
    judges["weight"] = 1.0
    got_rc, out, s = do(command, df=judges)
    assert got_rc == rc and message in out, out
    assert s.data.nobs == 24


def test_duplicate_cell_is_unbalanced(do, judges):
    extra = pd.concat([judges, judges.iloc[[0]]], ignore_index=True)
    rc, out, s = do("icc rating target judge", df=extra)
    assert rc == 459 and "exactly once" in out
