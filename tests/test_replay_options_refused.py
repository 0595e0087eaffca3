"""An estimation command typed with options only replays its results: a reporting option is
honoured, an estimation option is the replay syntax's ``option X not allowed`` r(198) -- never
silently ignored (logit, poisson, mlogit, stcox/streg share ``replay_option_specs``; qreg's and
sem's replays, which show the stored table, refuse every option but level(); anova's as anova.ado's OldOpt)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


def _run(text):
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n"
                            "gen hi = mathach > 13\ngen t = _n\ngen st = mod(_n, 3)\n"
                            f"quietly stset t, failure(st == 1)\n{text}", stop_on_error=False)
    return rc, s.out.stream.getvalue()


@pytest.mark.parametrize("fit, typed, message", [
    ("logit hi ses", "logit, noconstant", "option noconstant not allowed"),
    ("logit hi ses", "logit, vce(robust)", "option vce() not allowed"),
    ("logit hi ses", "logit, iterate(3)", "option iterate() not allowed"),
    ("poisson sector ses", "poisson, exposure(ses)", "option exposure() not allowed"),
    ("mlogit sector ses", "mlogit, baseoutcome(1)", "option baseoutcome() not allowed"),
    ("qreg mathach ses", "qreg, noconstant", "option noconstant not allowed"),
    ("qreg mathach ses", "qreg, noheader", "option noheader not supported by mlmcli when qreg replays"),
    ("rreg mathach ses", "rreg, tune(5)", "option tune() not allowed"),
    ("anova mathach sector", "anova, level(90)", "option level(90) not allowed\n    Option level(90) only allowed under"),
    ("sem (mathach <- ses)", "sem, method(mlmv)", "option method() not allowed"),
    ("reghdfe mathach ses, absorb(school)", "reghdfe, absorb(sector)", "option absorb() not allowed"),
    ("stcrreg ses if _n <= 300, compete(st == 2) nolog", "stcrreg, vce(robust)", "option vce() not allowed"),
])
def test_estimation_option_on_replay_is_refused(fit, typed, message):
    rc, out = _run(f"quietly {fit}\n{typed}")
    assert rc == 198 and message in out, out


@pytest.mark.parametrize("fit, typed, shown", [
    ("logit hi ses", "logit, or level(90)", "Odds Ratio"),
    ("poisson sector ses", "poisson, irr", "IRR"),
])
def test_reporting_options_on_replay_are_honoured(fit, typed, shown):
    rc, out = _run(f"quietly {fit}\n{typed}")
    assert rc == 0 and shown in out, out
