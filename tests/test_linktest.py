"""linktest ([R] linktest; linktest.ado): the model's command refitted with _hat (the linear
prediction) and _hatsq as the only covariates; its output is that refit's table; r(t) and r(df);
the model's e() restored and _hat/_hatsq dropped after it; linktest.ado's refusals.  Numbers
against R's lm/glm refits (tests/linktest_reference/linktest_reference.R and .json)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

REF = Path(__file__).parent / "linktest_reference"
R = json.loads((REF / "linktest_reference.json").read_text())


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


@pytest.fixture()
def s():
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f'import delimited using "{REF / "linktest.csv"}", clear')
    assert rc == 0, out
    return s


def table_row(out, name):
    line = next(ln for ln in out.splitlines() if ln.split("|")[0].strip() == name)
    return [float(v) for v in line.split("|")[1].split()]


def check(s, out, ref, tol=1e-5):
    # _hat, _hatsq, _cons against R's (Intercept), hat, hatsq
    for name, k in (("_hat", 1), ("_hatsq", 2), ("_cons", 0)):
        row = table_row(out, name)
        assert row[0] == pytest.approx(ref["b"][k], rel=1e-4, abs=1e-6)
        assert row[1] == pytest.approx(ref["se"][k], rel=1e-4, abs=1e-6)
    assert s.r["t"] == pytest.approx(ref["t_hatsq"], rel=tol)


@pytest.mark.parametrize("model,key", [("logit yb x x2", "logit"), ("logistic yb x x2", "logit"),
                                       ("probit yb x x2", "probit"), ("poisson cnt x x2", "poisson")])
def test_ml_models_against_r(s, model, key):
    run(s, f"quietly {model}")
    before = dict(s.e.scalars), s.e.macros.get("cmdline")
    out, rc = run(s, "linktest")
    assert rc == 0, out
    check(s, out, R[key])
    assert f"Log likelihood = {R[key]['ll']:.8g}"[:24] in out  # the refit's header
    assert "Iteration 0:" in out  # the refit's own log
    assert s.r["df"] != s.r["df"]  # e(df_r) of an ml fit: missing
    # estimates unhold: the model's e() again, no _hat/_hatsq left
    assert (dict(s.e.scalars), s.e.macros.get("cmdline")) == before
    assert "_hat" not in s.data.varnames and "_hatsq" not in s.data.varnames


def test_logistic_refits_with_logit_coefficients(s):
    run(s, "quietly logistic yb x x2")
    out, _ = run(s, "linktest, nolog")
    assert "Iteration" not in out
    assert "      Coef.   Std. Err." in out and "Odds Ratio" not in out
    assert s.e.cmd == "logistic"


def test_regress_layout_and_numbers(s):
    run(s, "quietly regress y x x2")
    out, rc = run(s, "linktest")
    assert rc == 0
    ref = R["regress"]
    check(s, out, ref)
    assert s.r["df"] == ref["df_r"] == 77
    lines = out.strip("\n").splitlines()
    assert lines[0].startswith("      Source |       SS       df       MS              Number of obs =      80")
    assert f"R-squared     =  {ref['r2']:.4f}" in out
    header = "           y |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]"
    assert header in lines
    k = lines.index(header)
    assert lines[k + 2].startswith("        _hat |")
    assert lines[k + 3].startswith("      _hatsq |")
    assert lines[k + 4].startswith("       _cons |")
    assert s.e.macros["cmdline"] == "regress y x x2"


def test_if_restricts_the_refit_sample(s):
    run(s, "quietly regress y x x2")
    out, rc = run(s, "linktest if x > 0")
    assert rc == 0
    n = int((s.data.numeric("x") > 0).sum())
    assert f"Number of obs =      {n}" in out


def errors(s, text):
    out, rc = run(s, text)
    return out.strip().splitlines()[-2:], rc


def test_refusals(s):
    assert errors(s, "linktest") == (["last estimates not found", "r(301);"], 301)
    run(s, "quietly regress y x x2\ngenerate _hat = 1")
    assert errors(s, "linktest") == (["_hat already defined", "r(110);"], 110)
    run(s, "drop _hat\ngenerate id = mod(_n, 8)\nquietly xtreg y x, i(id)")
    assert errors(s, "linktest") == (["not possible after xtreg", "r(131);"], 131)
    run(s, "quietly mlogit cnt x")
    assert errors(s, "linktest") == (["not possible after mlogit", "r(131);"], 131)
    n = s.data.nobs
    assert "_hat" not in s.data.varnames and s.data.nobs == n


def test_failed_refit_restores_estimates_and_drops_variables(s):
    run(s, "quietly regress y x x2")
    out, rc = run(s, "linktest, nosuchoption")
    assert rc == 198
    assert s.e.cmd == "regress" and s.e.macros["cmdline"] == "regress y x x2"
    assert not any(v.startswith("_hat") or v.startswith("__") for v in s.data.varnames)


def test_two_dependent_variables_and_required_options(s):
    # intreg's e(depvar) "lo hi": linktest.ado's `confirm var' takes both
    run(s, "generate lo = y\ngenerate hi = y + 1\nquietly intreg lo hi x x2")
    out, rc = run(s, "linktest, nolog")
    assert rc == 0, out
    assert "Interval regression" in out and "      _hatsq |" in out
    # the refit takes the model's options from the user, as [R] linktest says: tobit needs ll()/ul()
    run(s, "quietly tobit y x x2, ll(0)")
    out, rc = run(s, "linktest")
    assert rc == 198 and "must specify ll() and/or ul()" in out
    assert "_hat" not in s.data.varnames and s.e.cmd == "tobit"
    out, rc = run(s, "linktest, ll(0)")
    assert rc == 0, out
