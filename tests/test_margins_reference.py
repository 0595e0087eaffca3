"""margins, contrasts and pairwise comparisons against independent R computations
(tests/reference_values/margins_reference.R -> margins_reference.json; emmeans and R-side
delta-method computations on the same data, see the script's header).

- ``regress`` and ``mixed``: mlm fits the model itself; its b and V agree with R's (lm: 1e-12,
  lmer ML with tight tolerances: b 1e-8, V 1e-6), and every margin and its delta-method SE
  must agree with R's to 1e-7 (relative).
- ``logit``: mlm's ``logit`` fits the model (b and V agree with R's glm to 1e-8 and 1e-7)
  and its margins hook must give R's margins to 1e-7.
- ``ologit``: R's polr V comes from a numerical Hessian (good to about 1e-5), so a test-double
  fit carries R's b and V and the margins hook (``OrdinalProbability``) and margins computed by
  mlm's engine from them must agree with R's to 1e-7; mlm's own ``ologit`` fit is checked
  against polr's b and V to polr's accuracy.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "reference_values" / "margins_reference.json").read_text())
FITS = {"ols": "regress mathach c.ses##i.sector i.minority female",
        "mixed": "mixed mathach c.ses##i.sector i.minority || school: ses, cov(unstructured)",
        "logit": "logit hi c.ses##i.sector i.minority",
        "probit": "probit hi c.ses##i.sector i.minority",
        "poisson": "poisson cnt c.ses##i.sector i.minority",
        "ols_cl": "regress mathach c.ses##i.sector i.minority female, vce(cluster school)",
        "ols4": "regress mathach i.sesq##i.sector female",
        "mixed4": "mixed mathach i.sesq##i.sector female || school:",
        "melogit": "melogit hi c.ses i.sector || school:",
        "mepoisson": "mepoisson cnt c.ses i.sector || school:",
        "meologit": "meologit mgroup c.ses i.sector || school:",
        # vce(unconditional) needs a robust or cluster fit (margins' ._parse_vce): R's linearization
        # takes the scores and (-H)^-1, which the robust fits share with the default ones
        "ols_robust": "regress mathach c.ses##i.sector i.minority female, vce(robust)",
        "logit_robust": "logit hi c.ses##i.sector i.minority, vce(robust)"}
ROBUST_FOR_UNCONDITIONAL = {"ols": "ols_robust", "logit": "logit_robust"}
# the me fits (adaptive quadrature) agree with R's only to about 1e-5: R's b and V are put into
# e() so that the margins hook and engine are checked to 1e-7 (``_use_r_estimates``)
R_ESTIMATES = ("melogit", "mepoisson", "meologit")
GENERATE = ("generate hi = mathach > 13\ngenerate mgroup = 1 + (mathach > 9) + (mathach > 16)\n"
            "generate cnt = floor(max(mathach, 0)/5)\ngenerate sesq = 1 + (ses > -.5) + (ses > 0) + (ses > .5)")
TOL = 1e-7


def _list(x):
    return x if isinstance(x, list) else [x]


def _cases(model):
    return [c for c in REF["cases"] if c["model"] == model]


@pytest.fixture(scope="module")
def sessions():
    """One interpreter per model, data loaded and the model fitted once."""
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    out = {}
    for model in ("ologit",) + tuple(FITS):
        s = Session(out=Output(io.StringIO()))
        r = Runner(s)
        assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear") == 0
        assert r.run_text(GENERATE) == 0
        if model in FITS:
            assert r.run_text("quietly " + FITS[model]) == 0, s.out.stream.getvalue()[-2000:]
            if model in R_ESTIMATES:
                _use_r_estimates(s, model)
        else:
            s.e = double_results(s, model)
        out[model] = (s, r)
    return out


def _use_r_estimates(session, model):
    """Replace the fixed part of e(b) and e(V) by R's estimates (R_ESTIMATES above), after
    checking that mlm's own fit is the same model (within a thousandth of a standard error)."""
    from mlmcli.results.matrix import Matrix

    e = session.e
    cf = e.coefficients()
    ref = REF["models"][model]
    depvar = e.macros["depvar"]
    idx = [cf.names.index(n if ":" in n else f"{depvar}:{n}") for n in ref["names"]]
    b_ref, V_ref = np.array(ref["b"]), np.array(ref["V"])
    assert np.max(np.abs(cf.b[idx] - b_ref) / np.sqrt(np.diag(V_ref))) < 1e-3
    b, V = cf.b.copy(), np.zeros_like(cf.V)
    b[idx] = b_ref
    V[np.ix_(idx, idx)] = V_ref
    rest = [i for i in range(len(b)) if i not in idx]
    V[np.ix_(rest, rest)] = cf.V[np.ix_(rest, rest)]
    e.matrices["b"] = Matrix(b[None, :], e.matrices["b"].rownames, cf.names)
    e.matrices["V"] = Matrix(V, cf.names, cf.names)


# ------------------------------------------------------------------ test-double fits
class DoubleFit:
    """A logit or ologit fit whose numbers are R's (the engines are being written on their
    branches): only what margins needs -- e(b)/e(V) and the margins hook."""

    def __init__(self, model: str, names, b, V):
        self.model, self.names, self.b, self.V = model, tuple(names), np.asarray(b), np.asarray(V)

    def e_matrices(self):
        from mlmcli.results.matrix import Matrix

        return Matrix(self.b[None, :], ("y1",), self.names), Matrix(self.V, self.names, self.names)

    def result(self):
        return None

    def predict(self, statistic, rows):
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        from mlmcli.margins.response import InverseLink, LinearIndex, OrdinalProbability

        words = options.replace("(", " ( ").replace(")", " ) ").split()
        if self.model == "logit":
            if not words or words == ["pr"]:
                return InverseLink("logit", "Pr(hi)")
            if words == ["xb"]:
                return LinearIndex("Linear prediction (log odds)")
            raise StataError(f"option {words[0]} not allowed", 198)
        k = 1
        if "outcome" in words:
            k = int(words[words.index("outcome") + 2])
        return OrdinalProbability("logit", k - 1, ("cut1:_cons", "cut2:_cons"), f"Pr(mgroup=={k})")


def double_results(session, model):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import build_design, parse_terms

    data = session.data
    depvar = "hi" if model == "logit" else "mgroup"
    sample = np.ones(data.nobs, bool)
    design = build_design(data, parse_terms(data, "c.ses##i.sector i.minority"), sample,
                          constant=(model == "logit"))
    ref = REF["models"][model]
    names = [f"{depvar}:{lab.name}" for lab in design.labels]
    if model == "ologit":
        names += ["cut1:_cons", "cut2:_cons"]
    k = len(names)
    b, V = np.zeros(k), np.zeros((k, k))
    pos = []
    for rn in ref["names"]:
        full = rn if ":" in rn else f"{depvar}:{rn}"
        pos.append(names.index(full))
    b[pos] = ref["b"]
    V[np.ix_(pos, pos)] = np.array(ref["V"])
    fit = DoubleFit(model, names, b, V)
    eb, eV = fit.e_matrices()
    return EstimationResults(cmd=model, scalars={"N": float(data.nobs)},
                             macros={"depvar": depvar, "vce": "oim", "cmd": model}, matrices={"b": eb, "V": eV},
                             model=fit, sample=sample, design=design)


# ------------------------------------------------------------------ the fits themselves
@pytest.mark.parametrize("model, btol, vtol", [("ols", 1e-11, 1e-10), ("mixed", 1e-7, 1e-5), ("logit", 1e-8, 1e-7),
                                              ("probit", 1e-8, 1e-7), ("poisson", 1e-8, 1e-7)])
def test_fit_agrees_with_r(sessions, model, btol, vtol):
    s, _ = sessions[model]
    cf = s.e.coefficients()
    ref = REF["models"][model]
    short = [n.split(":")[-1] for n in cf.names]
    idx = [short.index(n) for n in ref["names"]]
    b_ref, V_ref = np.array(ref["b"]), np.array(ref["V"])
    assert np.max(np.abs(cf.b[idx] - b_ref) / np.abs(b_ref)) < btol
    assert np.max(np.abs(cf.V[np.ix_(idx, idx)] - V_ref)) / np.max(np.abs(V_ref)) < vtol


def test_ologit_fit_agrees_with_polr():
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    own = Session(out=Output(io.StringIO()))
    runner = Runner(own)
    assert runner.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\n"
                           "generate mgroup = 1 + (mathach > 9) + (mathach > 16)\n"
                           "quietly ologit mgroup c.ses##i.sector i.minority") == 0
    cf = own.e.coefficients()
    ref = REF["models"]["ologit"]
    idx = [cf.names.index(n if ":" in n else f"mgroup:{n}") for n in ref["names"]]
    se_ref = np.sqrt(np.diag(np.array(ref["V"])))
    assert np.max(np.abs(cf.b[idx] - np.array(ref["b"])) / se_ref) < 1e-4
    assert np.max(np.abs(np.sqrt(np.diag(cf.V))[idx] - se_ref) / se_ref) < 1e-4


def _run(sessions, model, command):
    if "vce(unconditional)" in command:
        model = ROBUST_FOR_UNCONDITIONAL.get(model, model)
    s, r = sessions[model]
    rc = r.run_text(command, stop_on_error=False)
    assert rc == 0, s.out.stream.getvalue()[-2000:]
    return s


PLAIN = [c for c in REF["cases"] if not c["case"].startswith(("r_", "pw_", "cmd_", "pwcmd_", "mc_"))]


@pytest.mark.parametrize("case", PLAIN, ids=[f"{c['model']}-{c['case']}" for c in PLAIN])
def test_margins_agree_with_r(sessions, case):
    s = _run(sessions, case["model"], case["command"])
    names = list(s.r["b"].colnames)
    values = s.r["b"].values.ravel()
    se = np.sqrt(np.diag(s.r["V"].values))
    want_names = _list(case["names"])
    idx = [names.index(n) for n in want_names]
    want_b, want_se = np.array(_list(case["b"])), np.array(_list(case["se"]))
    scale = np.maximum(np.abs(want_b), np.abs(want_se))
    assert np.all(np.abs(values[idx] - want_b) <= TOL * scale), (values[idx], want_b)
    assert np.all(np.abs(se[idx] - want_se) <= TOL * np.maximum(want_se, 1e-12)), (se[idx], want_se)
    base = [i for i, n in enumerate(names) if n not in want_names]
    assert np.all(values[base] == 0) and np.all(se[base] == 0)


CONTRASTS = [c for c in REF["cases"] if c["case"].startswith("r_")]


@pytest.mark.parametrize("case", CONTRASTS, ids=[f"{c['model']}-{c['case']}" for c in CONTRASTS])
def test_contrast_of_margins_agrees_with_r(sessions, case):
    s = _run(sessions, case["model"], case["command"])
    b = s.r["b"].values.ravel()
    se = np.sqrt(np.diag(s.r["V"].values))
    want_b, want_se = _list(case["b"])[0], _list(case["se"])[0]
    assert abs(b[0] - want_b) <= TOL * abs(want_b)
    assert abs(se[0] - want_se) <= TOL * want_se
    if "wald" in case:
        stat = s.r["F"] if "F" in s.r else s.r["chi2"]
        assert abs(stat.values[0, 0] - case["wald"]) <= 1e-6 * case["wald"]


PAIRWISE = [c for c in REF["cases"] if c["case"].startswith("pw_")]


@pytest.mark.parametrize("case", PAIRWISE, ids=[f"{c['model']}-{c['case']}" for c in PAIRWISE])
@pytest.mark.parametrize("method", ["none", "bonferroni", "sidak", "scheffe"])
def test_pairwise_comparisons_agree_with_emmeans(sessions, case, method):
    opt = "" if method == "none" else f" mcompare({method})"
    s = _run(sessions, case["model"], case["command"] + opt)
    b = s.r["b_vs"].values.ravel()
    se = np.sqrt(np.diag(s.r["V_vs"].values))
    table = s.r["table_vs"]
    assert np.allclose(b, case["b"], rtol=TOL, atol=0)
    assert np.allclose(se, case["se"], rtol=TOL, atol=0)
    p = table.values[table.rownames.index("pvalue")]
    lo = table.values[table.rownames.index("ll")]
    hi = table.values[table.rownames.index("ul")]
    # emmeans' p-values below its reporting precision (~1e-16) are compared absolutely
    assert np.allclose(p, case[f"p_{method}"], rtol=1e-6, atol=1e-12)
    assert np.allclose(lo, case[f"lo_{method}"], rtol=1e-6, atol=1e-10)
    assert np.allclose(hi, case[f"hi_{method}"], rtol=1e-6, atol=1e-10)


# ------------------------------------------------------------------ the contrast and pwcompare commands
COMMANDS = [c for c in REF["cases"] if c["case"].startswith(("cmd_", "mc_"))]


def model_is_ols(case) -> bool:
    return case["model"].startswith("ols")


def _table_row(table, name):
    return table.values[table.rownames.index(name)]


@pytest.mark.parametrize("case", COMMANDS, ids=[f"{c['model']}-{c['case']}" for c in COMMANDS])
def test_contrast_command_and_mcompare_agree_with_r(sessions, case):
    """contrast's operators, Wald tests and mcompare(); margins' own mcompare() (``mc_``)."""
    methods = [m for m in ("bonferroni", "sidak", "scheffe") if f"p_{m}" in case] or [None]
    for method in methods:
        s = _run(sessions, case["model"], case["command"] + (f", mcompare({method})" if method else ""))
        names = list(s.r["b"].colnames)
        want = _list(case["names"])
        idx = [names.index(n) for n in want]
        b = s.r["b"].values.ravel()[idx]
        se = np.sqrt(np.diag(s.r["V"].values))[idx]
        want_b, want_se = np.array(_list(case["b"])), np.array(_list(case["se"]))
        assert np.all(np.abs(b - want_b) <= TOL * np.maximum(np.abs(want_b), want_se)), (b, want_b)
        assert np.allclose(se, want_se, rtol=TOL, atol=0)
        if "wald" in case:
            stat = s.r["F"] if case["df_r"] != "NA" and case["df_r"] is not None else s.r["chi2"]
            # a Wald statistic is a ratio of squares: the fits' 1e-8 agreement after mixed gives ~1e-7
            assert np.allclose(stat.values.ravel(), _list(case["wald"]), rtol=1e-7 if model_is_ols(case) else 1e-6,
                               atol=0)
        if method:
            table = s.r["table"]
            assert np.allclose(_table_row(table, "pvalue")[idx], case[f"p_{method}"], rtol=1e-6, atol=1e-12)
            assert np.allclose(_table_row(table, "ll")[idx], case[f"lo_{method}"], rtol=1e-6, atol=1e-10)
            assert np.allclose(_table_row(table, "ul")[idx], case[f"hi_{method}"], rtol=1e-6, atol=1e-10)


PWCOMMANDS = [c for c in REF["cases"] if c["case"].startswith("pwcmd_")]


@pytest.mark.parametrize("case", PWCOMMANDS, ids=[f"{c['model']}-{c['case']}" for c in PWCOMMANDS])
@pytest.mark.parametrize("method", ["none", "bonferroni", "sidak", "scheffe", "tukey"])
def test_pwcompare_command_agrees_with_emmeans(sessions, case, method):
    opt = "" if method == "none" else f" mcompare({method})"
    s = _run(sessions, case["model"], case["command"] + opt)
    assert list(s.r["b_vs"].colnames) == case["names"]
    assert np.allclose(s.r["b_vs"].values.ravel(), case["b"], rtol=TOL, atol=0)
    assert np.allclose(np.sqrt(np.diag(s.r["V_vs"].values)), case["se"], rtol=TOL, atol=0)
    assert np.allclose(s.r["b"].values.ravel(), case["margins"], rtol=TOL, atol=0)
    assert np.allclose(np.sqrt(np.diag(s.r["V"].values)), case["margins_se"], rtol=TOL, atol=0)
    table = s.r["table_vs"]
    # p-values below R's ptukey/emmeans reporting precision are compared absolutely
    assert np.allclose(_table_row(table, "pvalue"), case[f"p_{method}"], rtol=1e-6, atol=1e-10)
    assert np.allclose(_table_row(table, "ll"), case[f"lo_{method}"], rtol=1e-6, atol=1e-10)
    assert np.allclose(_table_row(table, "ul"), case[f"hi_{method}"], rtol=1e-6, atol=1e-10)
