"""contrast grp#c.x after regress y i.grp##c.x: contrasts of the slope of x across grp's levels
([R] contrast; was `factor 'x' not found in list of covariates` r(322)).  Numbers against R's lm
(tests/contrast_slopes_reference/contrast_slopes_reference.R and .json); the layout of contrast's
Wald and effects tables, the term named grp#c.x."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

REF = Path(__file__).parent / "contrast_slopes_reference"
R = json.loads((REF / "contrast_slopes_reference.json").read_text())


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


@pytest.fixture()
def s():
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f'import delimited using "{REF / "slopes.csv"}", clear\nquietly regress y i.grp##c.x')
    assert rc == 0, out
    return s


def rows(out, labels):
    got = []
    lines = out.splitlines()
    start = max(i for i, ln in enumerate(lines) if "Contrast" in ln and "Std. Err." in ln)
    for ln in lines[start:]:
        head = ln.split("|")[0].strip()
        if head in labels:
            got.append([float(v) for v in ln.split("|")[1].split()])
    return got


def test_joint_test_of_equal_slopes(s):
    out, rc = run(s, "contrast grp#c.x")
    assert rc == 0, out
    assert "Contrasts of marginal linear predictions" in out
    assert "Margins      : asbalanced" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("     grp#c.x |"))
    df, F, p = line.split("|")[1].split()
    assert int(df) == R["df"] and float(F) == pytest.approx(R["F"], abs=0.005)
    assert float(p) == pytest.approx(R["p"], abs=5e-5)
    assert f" Denominator |         {R['df_r']}" in out


@pytest.mark.parametrize("op,labels", [("r", ["(2 vs 1)", "(3 vs 1)"]), ("ar", ["(2 vs 1)", "(3 vs 2)"]),
                                       ("g", ["(1 vs mean)", "(2 vs mean)", "(3 vs mean)"])])
def test_slope_contrasts_against_lm(s, op, labels):
    out, rc = run(s, f"contrast {op}.grp#c.x, effects")
    assert rc == 0, out
    got = rows(out, labels)
    assert len(got) == len(labels)
    for k, row in enumerate(got):
        assert row[0] == pytest.approx(R[op]["b"][k], rel=1e-5, abs=1e-7)
        assert row[1] == pytest.approx(R[op]["se"][k], rel=1e-5, abs=1e-7)
    lines = out.splitlines()
    k = lines.index("     grp#c.x |", max(i for i, ln in enumerate(lines) if "Contrast" in ln and "Std. Err." in ln))
    assert lines[k + 1].split("|")[0].strip() == labels[0]
    assert not any(ln.startswith("x            |") for ln in lines)  # no equation heading


def test_slopes_refusals(s):
    out, rc = run(s, "contrast grp#c.nosuch")
    assert rc == 111
    out, rc = run(s, "contrast grp#c.grp")
    assert rc == 322
    out, rc = run(s, "contrast grp grp#c.x")  # a factor term beside a slope term: both tested (batch 34)
    assert rc == 0 and "     grp#c.x |" in out and "         grp |" in out


def test_continuous_alone_is_no_factor_term(s):
    out, rc = run(s, "contrast c.x")
    assert rc == 322 and "factor 'x' not found in list of covariates" in out
