"""ltable ..., by() test (ltable.ado): the likelihood-ratio chi2 of equal exponential hazards
and the logrank that follows, against R (tests/ltable_reference/ltable_test.R: survreg's
exponential LR, survdiff); the ado's layout; logrank's errors."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

REF = Path(__file__).parent / "ltable_reference"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "ltable_test.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "ltable_test.json").read_text())


def _lr(out: str) -> tuple[float, float]:
    line = next(x for x in out.splitlines() if x.startswith("chi2( 2 ) = "))
    chi2, p = line[len("chi2( 2 ) = "):].split(",   P = ")
    return float(chi2), float(p)


@pytest.mark.parametrize("key, text", [("unweighted", "ltable t d, by(g) test"),
                                       ("weighted", "ltable t d [fw=w], by(g) test notable")])
def test_matches_r(do, data, reference, key, text):
    rc, out, s = do(text, data)
    assert rc == 0, out
    ref = reference[key]
    chi2, p = _lr(out)  # printed with display's %9.0g
    assert chi2 == pytest.approx(ref["lr"], rel=1e-6)
    assert p == pytest.approx(ref["p_lr"], rel=1e-3)
    assert s.r["chi2"] == pytest.approx(ref["logrank"], rel=1e-10)
    assert s.r["df"] == 2
    rows = [line for line in out.splitlines() if line[:1] in "123" and "|" in line]
    assert [float(r.split()[-1]) for r in rows] == pytest.approx(ref["expected"], abs=0.005)
    assert [float(r.split()[-2]) for r in rows] == ref["observed"]


def test_layout(do, data):
    rc, out, _ = do("ltable t d, by(g) test notable", data)
    assert out.splitlines()[-21:] == [
        "",
        "",
        "Likelihood-ratio test statistic of homogeneity (group=g):",
        "chi2( 2 ) = 14.50088,   P = .0007099",
        " ",
        "Logrank test of homogeneity (group=g):",
        "",
        "",
        "Log-rank test for equality of survivor functions",
        "",
        "      |   Events         Events",
        "g     |  observed       expected",
        "------+-------------------------",
        "1     |        17          10.04",
        "2     |        16          12.66",
        "3     |        14          24.30",
        "------+-------------------------",
        "Total |        47          47.00",
        "",
        "            chi2(2) =      12.96",
        "            Pr>chi2 =     0.0015"]


def test_without_by_prints_no_test(do, data):
    """ltable.ado runs the tests only with by()."""
    rc, out, _ = do("ltable t d, test notable", data)
    assert rc == 0 and "homogeneity" not in out


def test_logrank_errors(do, data):
    rc, out, _ = do("replace t = 0 in 1\nltable t d, by(g) test notable", data)
    assert rc == 498 and "Likelihood-ratio test statistic" in out and "survival time t <= 0" in out
    rc, out, _ = do("ltable t d if d == 0, by(g) test notable", data)
    assert rc == 2000 and "no test possible because there are no failures" in out
