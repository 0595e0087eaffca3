"""twoway__fpfit_serset runs ``capture fracpoly`` and then fracpred: fracpred's errors -- stdf or
stdr (its syntax is ``[, For(str) Stdp Dresid All]``), ``dresid`` after clogit, an option or a
for() variable it does not take -- come only once fracpoly has fitted; a fit that fails is
Stata's note alone, whatever predopts() or the band ask for."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_grouped.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s(new_session):
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "g", "t")})
    df["one"] = 1.0
    return new_session(df)


@pytest.mark.parametrize("text, message", [
    ("twoway fpfitci y x, estcmd(logit) stdf", "option stdf not allowed"),
    ("twoway fpfitci y x, estcmd(clogit) estopts(group(g)) stdr", "option stdr not allowed"),
    ("twoway fpfit y x, estcmd(clogit) estopts(group(g)) predopts(dresid)",
     "dresid option of fracpred not supported for clogit"),
    ("twoway fpfit y x, estcmd(logit) predopts(for(g))", "g was not an xvar"),
    ("twoway fpfit y x, estcmd(logit) predopts(bogus)", "predopts(): option bogus not allowed"),
])
def test_fracpred_errors_after_a_fit(s, text, message):
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 198 and message in out, out


@pytest.mark.parametrize("text", [
    "twoway fpfitci one x, estcmd(logit) stdf",  # the outcome does not vary: logit fails
    "twoway fpfitci y x, estcmd(clogit) stdr",  # no group(): clogit fails
    "twoway fpfit y x, estcmd(clogit) predopts(dresid)",
    "twoway fpfit one x, estcmd(logit) predopts(for(g))",
    "twoway fpfit one x, estcmd(probit) predopts(bogus)",
    "twoway fpfitci y x, estcmd(stcox) stdf predopts(for(g))",  # not stset: stcox fails
    "twoway fpfitci y x, estcmd(streg) stdf",
])
def test_a_failing_fit_is_the_note_alone(s, text):
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 0 and NOTE in out, out
