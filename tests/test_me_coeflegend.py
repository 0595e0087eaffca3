"""``melogit, coeflegend`` (and the other me commands): Stata's legend layout -- each row's
value (%9.0g) and its ``_b[]`` name, the random-effects parameters as
``_b[var(_cons[school]):_cons]`` (the names of e(b)), a wrapped ``cov(a,`` / ``b)`` label."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fitted():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"
                      "keep if school < 3000\nquietly melogit hi ses || school: ses, cov(unstr)") == 0
    return s, r


def _table(s, r, text):
    start = len(s.out.stream.getvalue())
    rc = r.run_text(text, stop_on_error=False)
    out = s.out.stream.getvalue()[start:]
    return rc, out[out.index("-" * 78):]


def test_melogit_replay_coeflegend_layout(fitted):
    s, r = fitted
    rc, table = _table(s, r, "melogit, coeflegend")
    assert rc == 0
    lines = table.rstrip("\n").split("\n")
    assert lines[1] == "          hi |      Coef.  Legend"
    assert lines[3].startswith("         ses |") and lines[3].endswith("  _b[ses]")
    assert lines[4].startswith("       _cons |") and lines[4].endswith("  _b[_cons]")
    assert lines[6] == "school       |"
    assert lines[7].startswith("     var(ses)|") and lines[7].endswith("  _b[var(ses[school]):_cons]")
    assert lines[8].endswith("  _b[var(_cons[school]):_cons]")
    assert lines[9] == " cov(ses,    |"
    assert lines[10].startswith("       _cons)|")
    assert lines[10].endswith("  _b[cov(ses[school],_cons[school]):_cons]")
    assert lines[11] == "-" * 78
    assert "LR test" not in table


def test_coeflegend_names_are_usable(fitted):
    s, r = fitted
    rc, out = _table(s, r, "melogit, coeflegend\ndisplay _b[var(_cons[school]):_cons]")
    assert rc == 0
    legend_value = [ln for ln in out.split("\n") if ln.endswith("_b[var(_cons[school]):_cons]")][0]
    shown = legend_value.split("|")[1].split()[0]
    assert out.rstrip().split("\n")[-1].startswith(shown[:6])


def test_meologit_coeflegend_cutpoints(fitted):
    s, r = fitted
    rc, table = _table(s, r, "meologit hi ses || school:, coeflegend nolog")
    assert rc == 0
    assert any(ln.startswith("       /cut1 |") and ln.endswith("  _b[cut1:_cons]") for ln in table.split("\n"))


def test_coeflegend_still_refuses_unknown_replay_options(fitted):
    s, r = fitted
    r.run_text("quietly melogit hi ses || school:", stop_on_error=False)
    rc = r.run_text("melogit, coeflegend nosuchoption", stop_on_error=False)
    assert rc == 198
