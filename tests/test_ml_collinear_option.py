"""``collinear`` on the single-level ML commands ([R] logit, logistic, probit, cloglog, poisson,
nbreg, ologit, oprobit, glm of Stata 13: "collinear  keep collinear variables"): without
collinear regressors the fit is the usual one (checked against R, glm_reference.json); with
them ml would iterate on a singular Hessian, which mlm refuses as mlogit does (docs/mlogit.md)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "reference_values" / "glm_reference.json").read_text())["models"]
DERIVED = """generate hi = mathach > 13
generate ord4 = 1 + (mathach > 7) + (mathach > 13) + (mathach > 18)
generate cnt = floor(max(mathach, 0) / 3)
generate cnt2 = floor(max(mathach, 0)^2 / 25)
generate ses2 = 2 * ses"""


@pytest.fixture(scope="module")
def hsb():
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\n{DERIVED}") == 0
    return s, r


def _run(hsb, command):
    s, r = hsb
    start = len(s.out.stream.getvalue())
    rc = r.run_text(command, stop_on_error=False)
    return rc, s.out.stream.getvalue()[start:], s.e


@pytest.mark.parametrize("key", ["logit", "probit", "cloglog", "poisson_robust", "nbreg", "ologit", "oprobit"])
def test_collinear_without_collinearity_is_the_usual_fit(hsb, key):
    ref = REF[key]
    command = ref["command"] + (" collinear" if "," in ref["command"] else ", collinear")
    rc, out, e = _run(hsb, "quietly " + command)
    assert rc == 0, out
    cf = e.coefficients()
    full = [n if ":" in n else f"{e.macros['depvar']}:{n}" for n in ref["names"]]
    b = cf.b[[cf.names.index(n) for n in full]]
    assert np.max(np.abs(b - np.array(ref["b"])) / np.array(ref["se"])) < 1e-6
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)


def test_glm_takes_collinear(hsb):
    ref = REF["logit"]
    rc, out, e = _run(hsb, "quietly glm hi ses i.sector minority female, family(binomial) col")
    assert rc == 0, out
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)


@pytest.mark.parametrize("command, option", [("logit hi ses ses2", ", collinear"), ("poisson cnt ses ses2", ", coll"),
                                             ("ologit ord4 ses ses2", ", collinear"),
                                             ("glm hi ses ses2, family(binomial)", " col")])
def test_collinear_with_collinear_regressors_is_refused_not_dropped(hsb, command, option):
    rc, out, _ = _run(hsb, command + option)
    assert rc == 198 and "option collinear with collinear regressors not supported by mlmcli" in out
    assert "omitted because of collinearity" not in out
    rc, out, _ = _run(hsb, command)  # without the option the collinear regressor is dropped
    assert rc == 0 and "note: ses2 omitted because of collinearity" in out, out
