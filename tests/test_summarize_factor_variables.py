"""``summarize`` with factor variables (``summarize i.sector ses``) on samples/data/hsb.dta.

Numbers: each level row is the indicator (times any continuous variables) summarized like a
variable, checked against pandas.  Layout and base levels, from the evidence found:
- [R] summarize (manuals13/rsummarize.pdf): "varlist may contain factor variables"; display
  options baselevels, allbaselevels, noemptycells, nofvlabel, vsquish.
- Statalist thread (i(numlist) levels, quoted in nvidia/Nemotron-CC-Math-v1): "summ i.rep78:
  Group 1 is the reference, and groups 2-5 are shown"; "summ ibn.rep78" shows every category.
- johanosterberg.com/factor-variables-stata: "summarize i.south" shows only south = 1, the
  base level 0 needs allbaselevels; ibn.south shows all levels.
- the heading row ``      sector |`` over right-aligned level rows ``   Catholic  |`` follows
  Stata's factor-variable tables (the term's name, then value labels or levels ending one
  column before the name column's edge, as mlmcli/render/coef_table.py lays them out).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HSB = Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"


@pytest.fixture
def hsb(new_session, run):
    s = new_session()
    out, rc = run(s, f"use {HSB}, clear")
    assert rc == 0
    return s


@pytest.fixture(scope="module")
def frame():
    return pd.read_stata(HSB, convert_categoricals=False).astype(float)


def _body(out: str) -> list[str]:
    lines = out.strip("\n").splitlines()
    assert lines[0].split() == ["Variable", "|", "Obs", "Mean", "Std.", "Dev.", "Min", "Max"]
    return lines[2:]


def _numbers(line: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d*\.?\d+(?:e[+-]\d+)?", line.split("|", 1)[1])]


def _check_row(line: str, x: pd.Series) -> None:
    n, mean, sd, lo, hi = _numbers(line)
    assert n == x.count()
    np.testing.assert_allclose([mean, sd, lo, hi], [x.mean(), x.std(ddof=1), x.min(), x.max()], rtol=5e-7, atol=1e-7)  # %9.0g: 7 digits or fewer


def test_i_prefix_skips_the_base_and_shows_heading_then_levels(hsb, run, frame):
    out, rc = run(hsb, "summarize i.sector ses")
    assert rc == 0
    body = _body(out)
    assert body[0] == "      sector |"
    assert body[1].startswith("   Catholic  |")  # level 1 (value label), base 0 (Public) left out
    _check_row(body[1], (frame.sector == 1).astype(float))
    assert body[2].startswith("         ses |")
    _check_row(body[2], frame.ses)
    assert len(body) == 3
    assert hsb.r["N"] == 7185 and hsb.r["mean"] == pytest.approx(frame.ses.mean(), rel=1e-12)


def test_ibn_and_allbaselevels_show_every_level(hsb, run, frame):
    for text in ("summarize ibn.sector", "summarize i.sector, allbaselevels", "summarize i.sector, base"):
        out, rc = run(hsb, text)
        assert rc == 0
        body = _body(out)
        assert [ln.split("|")[0].strip() for ln in body] == ["sector", "Public", "Catholic"]
        _check_row(body[1], (frame.sector == 0).astype(float))
        _check_row(body[2], (frame.sector == 1).astype(float))


def test_nofvlabel_shows_level_numbers(hsb, run):
    out, rc = run(hsb, "summarize i.sector, nofvlabel")
    assert rc == 0
    assert _body(out)[1].startswith("          1  |")


def test_factor_by_continuous_interaction_and_continuous_product(hsb, run, frame):
    out, rc = run(hsb, "summarize i.minority#c.ses c.ses#c.mathach")
    assert rc == 0
    body = _body(out)
    assert body[0].split("|")[0].strip() == "minority#c~s"
    # no base with c.ses absent from the varlist: both cells, as fvexpand names them
    _check_row(body[1], frame.ses * (frame.minority == 0))
    _check_row(body[2], frame.ses * (frame.minority == 1))
    assert body[3].split("|")[0].strip() == "c.ses#c.ma~h"
    _check_row(body[3], frame.ses * frame.mathach)
    assert hsb.r["mean"] == pytest.approx((frame.ses * frame.mathach).mean(), rel=1e-12)


def test_missing_factor_values_leave_the_levels_sample(hsb, run, frame):
    assert run(hsb, "replace sector = . in 1/100")[1] == 0
    out, rc = run(hsb, "summarize i.sector")
    assert rc == 0
    sub = frame.sector.iloc[100:]
    _check_row(_body(out)[1], (sub == 1).astype(float))
    assert hsb.r["N"] == len(frame) - 100


def test_if_restricts_rows_and_levels(hsb, run, frame):
    out, rc = run(hsb, "summarize ibn.minority if sector == 1")
    assert rc == 0
    sub = frame[frame.sector == 1]
    body = _body(out)
    _check_row(body[1], (sub.minority == 0).astype(float))
    _check_row(body[2], (sub.minority == 1).astype(float))


def test_meanonly_returns_the_last_row(hsb, run, frame):
    out, rc = run(hsb, "summarize ibn.sector, meanonly")
    assert rc == 0 and out.strip() == ""
    assert hsb.r["mean"] == pytest.approx((frame.sector == 1).mean(), rel=1e-12)
    assert hsb.r["sum"] == (frame.sector == 1).sum()


def test_detail_titles_each_column_with_its_name(hsb, run, frame):
    out, rc = run(hsb, "summarize i.minority, detail")
    assert rc == 0
    assert out.strip("\n").splitlines()[0].strip() == "1.minority"
    indicator = (frame.minority == 1).astype(float)
    assert hsb.r["p50"] == indicator.median() and hsb.r["mean"] == pytest.approx(indicator.mean(), rel=1e-12)
    assert hsb.r["skewness"] == pytest.approx(indicator.skew(), rel=1e-3)  # pandas: bias-corrected


def test_separator_goes_above_a_heading(hsb, run):
    out, rc = run(hsb, "summarize ses ibn.sector, separator(1)")
    assert rc == 0
    labels = ["" if ln.startswith("---") else ln.split("|")[0].strip() for ln in _body(out)]
    assert labels == ["ses", "", "sector", "Public", "", "Catholic"]  # "" : a rule


def test_format_keeps_a_continuous_variable_format(hsb, run):
    out, rc = run(hsb, "format ses %6.2f\nsummarize i.sector c.ses, format")
    assert rc == 0
    assert _body(out)[2].split()[3] == "0.00"


def test_errors(hsb, run):
    for text, rc_expected in (("summarize i.nosuch", 111), ("tabstat i.sector", 101), ("summarize i.sector, bogus", 198)):
        out, rc = run(hsb, text, stop_on_error=False)
        assert rc == rc_expected, text


def test_plain_varlists_unchanged(hsb, run, frame):
    out, rc = run(hsb, "summarize ses mathach")
    assert rc == 0
    body = _body(out)
    _check_row(body[0], frame.ses)
    _check_row(body[1], frame.mathach)


def test_factor_by_factor_cells_leave_only_the_all_base_cell(hsb, run, frame):
    out, rc = run(hsb, "summarize i.sector#i.minority")
    assert rc == 0
    body = _body(out)
    assert len(body) == 4  # heading + 3 cells; 0b.sector#0b.minority is the base (fvexpand's order)
    for line, (s, m) in zip(body[1:], ((0, 1), (1, 0), (1, 1))):
        _check_row(line, ((frame.sector == s) & (frame.minority == m)).astype(float))


def test_frequency_weights_apply_to_level_rows(hsb, run, frame):
    out, rc = run(hsb, "summarize ibn.sector [fweight = 3]")
    assert rc == 0
    n, mean, sd, lo, hi = _numbers(_body(out)[2])
    x = np.repeat((frame.sector == 1).astype(float).to_numpy(), 3)
    assert n == x.size
    np.testing.assert_allclose([mean, sd], [x.mean(), x.std(ddof=1)], rtol=5e-7)
