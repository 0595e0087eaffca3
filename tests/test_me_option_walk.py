"""Every option the me commands accept -- each row of ``me_syntax``'s option tables (the
common ones, each command's own, the fixed-effects equation's, the random-effects
equation's) -- is honoured (the check proves it changes what it should) or refused with
r(198) and nothing stored; none is silently ignored.  A new option in the tables without a
case here fails ``test_every_option_has_a_case``.  Refusals follow Stata 13's syntax
diagrams: ``meologit``/``meoprobit`` have no ``noconstant``, only the count models have
``exposure()``, only the binary ones ``asis``."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from mlmcli.commands.estimation.me_syntax import COMMON, FE_OPTIONS, REFUSED, global_options
from mlmcli.commands.estimation.mixed_syntax import RE_OPTIONS


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    g = np.repeat(np.arange(1, 19), 9)
    n = g.size
    x = rng.normal(size=n)
    f = (g + np.arange(n)) % 3
    u = rng.normal(0, 0.8, 19)[g]
    eta = -0.2 + 0.9 * x + 0.3 * f + u
    return pd.DataFrame({
        "g": g, "x": x, "x2": 2 * x, "f": f.astype(float), "h": (g % 2).astype(float),
        "wg": 1.0 + (g % 3), "expo": rng.uniform(0.5, 2.0, n),
        "y": (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float),
        "cnt": rng.poisson(np.exp(0.3 * x + u)).astype(float),
        "ord": 1.0 + (eta > -0.5) + (eta > 0.8)})


DF = _data()
LABELS = {"value_labels": {"flab": {0.0: "zero", 1.0: "one", 2.0: "two and a long label"}},
          "value_label_of": {"f": "flab"}}


@pytest.fixture
def me(do):
    def run(options: str = "", model: str = "y x || g:", cmd: str = "melogit", after: str = ""):
        sep = " " if "," in model.split("||")[-1] else ", "
        text = f"{cmd} {model}{sep + options if options else ''}\n{after}"
        return do(text, DF.copy(), **LABELS)
    return run


def _ok(res):
    rc, out, s = res
    assert rc == 0, out
    return out, s


def _refused(res, message: str) -> bool:
    rc, out, s = res
    return rc == 198 and message in out and s.e is None


def _default(me):
    return _ok(me("nolog"))[0]


def _x_row(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.strip().startswith("x |")][0].split("|")[1].split()


CASES = {
    "intmethod": lambda m: _ok(m("intmethod(laplace) nolog"))[1].e.macros["intmethod"] == "laplace"
    and _ok(m("intmethod(laplace) nolog"))[1].e.scalars["ll"] != _ok(m("nolog"))[1].e.scalars["ll"],
    "intpoints": lambda m: "Integration points =        12" in _ok(m("intpoints(12) nolog"))[0],
    # how Stata's ml gets the derivatives, not the model: the same fit; another type refused
    "evaltype": lambda m: _ok(m("evaltype(gf0) nolog"))[1].e.scalars["ll"] == _ok(m("nolog"))[1].e.scalars["ll"]
    and _refused(m("evaltype(d2)"), "evaltype(d2) invalid"),
    "vce": lambda m: _ok(m("vce(robust) nolog"))[1].e.macros["vcetype"] == "Robust",
    "level": lambda m: "[90% Conf. Interval]" in _ok(m("level(90) nolog"))[0],
    "notable": lambda m: "Coef." not in _ok(m("notable nolog"))[0],
    "noheader": lambda m: "Number of obs" not in _ok(m("noheader nolog"))[0],
    "nogroup": lambda m: "Group variable" not in _ok(m("nogroup nolog"))[0],
    "nolrtest": lambda m: "LR test" not in _ok(m("nolrtest nolog"))[0],
    "nolog": lambda m: "Iteration" not in _ok(m("nolog"))[0],
    "log": lambda m: "Iteration 0:" in _ok(m("log"))[0],
    "variance": lambda m: _ok(m("variance nolog"))[0] == _default(m),
    "stddeviations": lambda m: "sd(_cons)" in _ok(m("stddeviations nolog"))[0],
    # ml: iterate(#) reached posts the results with e(converged) = 0 and a warning, rc 0
    "iterate": lambda m: _ok(m("iterate(0) nolog"))[1].e.scalars["converged"] == 0
    and _ok(m("iterate(0) nolog"))[0].rstrip().endswith("Warning: convergence not achieved"),
    # [R] maximize's path options (tests/test_me_maximize_options.py checks their effect)
    "technique": lambda m: _ok(m("technique(nr 5 bfgs) nolog"))[1].e.scalars["ll"] == _ok(m("nolog"))[1].e.scalars["ll"]
    and _refused(m("technique(bhhh)"), "option technique(bhhh) not allowed"),
    "difficult": lambda m: _ok(m("difficult nolog"))[1].e.model.spec.difficult,
    "nonrtolerance": lambda m: _ok(m("nonrtolerance nolog"))[1].e.model.spec.nonrtolerance,
    "dnumerical": lambda m: _ok(m("dnumerical nolog"))[1].e.model.spec.dnumerical,
    "tolerance": lambda m: _ok(m("tolerance(1e-3) nolog"))[1].e.model.spec.fixed.tolerance == 1e-3,
    "ltolerance": lambda m: _ok(m("ltolerance(1e-3) nolog"))[1].e.model.spec.fixed.ltolerance == 1e-3,
    "nrtolerance": lambda m: _ok(m("nrtolerance(1e-3) nolog"))[1].e.model.spec.fixed.nrtolerance == 1e-3,
    "cformat": lambda m: len(_x_row(_ok(m("cformat(%9.2f) nolog"))[0])[0].split(".")[1]) == 2,
    "pformat": lambda m: "0.0000" in _ok(m("pformat(%5.4f) nolog"))[0],
    "sformat": lambda m: _x_row(_ok(m("sformat(%8.3f) nolog"))[0])[2].count(".") == 1
    and len(_x_row(_ok(m("sformat(%8.3f) nolog"))[0])[2].split(".")[1]) == 3,
    "baselevels": lambda m: "(base)" in _ok(m("baselevels nolog", "y i.f x || g:"))[0]
    and "(base)" not in _ok(m("nolog", "y i.f x || g:"))[0],
    "allbaselevels": lambda m: "(base)" in _ok(m("allbaselevels nolog", "y i.f x || g:"))[0],
    "nocnsreport": lambda m: _ok(m("nocnsreport nolog"))[0] == _default(m)  # no constraints to report
    and " ( 1)  [y]x = 1" not in _ok(m("constraints(1) nocnsreport nolog", cmd="constraint 1 x = 1\nmelogit"))[0],
    # constraints(), from(), collinear: tests/test_me_constraints_from.py
    "constraints": lambda m: "x |          1  (constrained)"
    in _ok(m("constraints(1) nolog", cmd="constraint 1 x = 1\nmelogit"))[0],
    "from": lambda m: _ok(m("from(y:x=2)"))[0].split("Fitting full model:")[1].split("\n")[2]
    != _ok(m("log"))[0].split("Fitting full model:")[1].split("\n")[2],
    # startvalues(), startgrid(): tests/test_me_start_values.py
    "startvalues": lambda m: "Fitting fixed-effects model:" not in _ok(m("startvalues(zero)"))[0]
    and _refused(m("startvalues(iv)"), "not supported by mlmcli"),
    "startgrid": lambda m: "Grid node 3:" in _ok(m("startgrid"))[0] and "Grid node 1:" not in _ok(m("log"))[0],
    "collinear": lambda m: _refused(m("nolog", "y x x2 || g:, collinear"), "collinear regressors not supported")
    and _ok(m("collinear nolog"))[0] == _default(m),
    "noestimate": lambda m: "Fitting full model" not in _ok(m("noestimate"))[0] and "_b[x]" in _ok(m("noestimate"))[0],

    "noomitted": lambda m: "(omitted)" in _ok(m("nolog", "y x x2 || g:"))[0]
    and "(omitted)" not in _ok(m("noomitted nolog", "y x x2 || g:"))[0],
    "vsquish": lambda m: re.search(r"\n +\|\n", _ok(m("nolog", "y i.f x || g:"))[0]) is not None
    and re.search(r"\n +\|\n", _ok(m("vsquish nolog", "y i.f x || g:"))[0]) is None,
    "noemptycells": lambda m: _ok(m("noemptycells nolog", "y i.f x || g:"))[0]
    == _ok(m("nolog", "y i.f x || g:"))[0],  # me tables show no empty cells to drop
    "nofvlabel": lambda m: "one  |" in _ok(m("nolog", "y i.f x || g:"))[0]
    and "1  |" in _ok(m("nofvlabel nolog", "y i.f x || g:"))[0],
    "fvlabel": lambda m: _refused(m("fvlabel nofvlabel"), "only one of fvlabel or nofvlabel is allowed")
    and "one  |" in _ok(m("fvlabel nolog", "y i.f x || g:"))[0],
    # docs/factor_labels.md: a label wider than the 11-column level field is cut with .., or wrapped
    "fvwrap": lambda m: "two and a..  |" in _ok(m("nolstretch nolog", "y i.f x || g:"))[0]
    and "\n  two and a  |\n long label  |" in _ok(m("nolstretch fvwrap(2) nolog", "y i.f x || g:"))[0]
    and _refused(m("fvwrap(-1)"), "invalid option fvwrap(-1); nonnegative integer required"),
    "fvwrapon": lambda m: "\ntwo and a l  |\n  ong label  |"
    in _ok(m("nolstretch fvwrap(2) fvwrapon(width) nolog", "y i.f x || g:"))[0]
    and _refused(m("fvwrapon(foo)"), "invalid fvwrapon() option;\noption foo not allowed"),
    "coeflegend": lambda m: "  _b[var(_cons[g]):_cons]" in _ok(m("coeflegend nolog"))[0]
    and "P>|z|" not in _ok(m("coeflegend nolog"))[0],
    "nolstretch": lambda m: "c.x#c.x2 |" in _ok(m("nolog", "y c.x#c.h || g:"))[0].replace("c.x#c.h", "c.x#c.x2")
    and any(ln.startswith("-------------+") for ln in _ok(m("nolstretch nolog", "y c.x#c.h || g:"))[0].splitlines()),
}

OWN_CASES = {
    "binomial": lambda m: _ok(m("binomial(2) nolog", "y x || g:"))[1].e.macros["binomial"] == "2"
    and _refused(m("binomial(2)", cmd="mepoisson", model="cnt x || g:"), "option binomial() not allowed"),
    "dispersion": lambda m: _ok(m("dispersion(constant) nolog", "cnt x || g:", cmd="menbreg"))[1].e.macros[
        "dispersion"] == "constant",
    "family": lambda m: _ok(m("family(poisson) nolog", "cnt x || g:", cmd="meglm"))[1].e.macros["family"]
    == "poisson"
    # quoted words are the same tokens (xthybrid.ado types family("gaussian") link("identity"))
    and _ok(m('family("poisson") nolog', "cnt x || g:", cmd="meglm"))[1].e.macros["family"] == "poisson",
    "link": lambda m: _ok(m("family(bernoulli) link(probit) nolog", cmd="meglm"))[1].e.macros["link"] == "probit"
    and _ok(m('family(bernoulli) link("probit") nolog', cmd="meglm"))[1].e.macros["link"] == "probit",
    "or": lambda m: "Odds Ratio" in _ok(m("or nolog"))[0],
    "irr": lambda m: "IRR" in _ok(m("irr nolog", "cnt x || g:", cmd="mepoisson"))[0],
    "eform": lambda m: "exp(b)" in _ok(m("eform nolog", cmd="mecloglog"))[0],
    # gsem's global noasis (rw105): taken where no fixed-part column predicts y perfectly
    "noasis": lambda m: _ok(m("noasis nolog"))[1].e.scalars["ll"] == _ok(m("nolog"))[1].e.scalars["ll"]
    and _refused(m("noasis", "cnt x || g:", cmd="mepoisson"), "option noasis not allowed"),
}

FE_CASES = {
    "noconstant": lambda m: "_cons |" not in _ok(m("nolog", "y x, noconstant || g:"))[0].split("var(")[0]
    and _refused(m("", "ord x, noconstant || g:", cmd="meologit"), "option noconstant not allowed")
    and _refused(m("", "ord x, noconstant || g:", cmd="meoprobit"), "option noconstant not allowed"),
    "offset": lambda m: _ok(m("nolog", "y x, offset(x2) || g:"))[1].e.macros["offset"] == "x2",
    "exposure": lambda m: _ok(m("nolog", "cnt x, exposure(expo) || g:", cmd="mepoisson"))[1].e.macros["offset"]
    == "ln(expo)" and _refused(m("", "y x, exposure(expo) || g:"), "option exposure() not allowed"),
    "asis": lambda m: _refused(m("", "cnt x, asis || g:", cmd="mepoisson"), "option asis not allowed")
    and _ok(m("nolog", "y x, asis || g:"))[1].e.scalars["ll"] < 0,
}

RE_CASES = {
    "covariance": lambda m: "cov(x,_cons)" in _ok(m("nolog", "y x || g: x, covariance(unstructured)"))[0]
    .replace("\n", "").replace(" ", "").replace("|", ""),
    "noconstant": lambda m: "var(_cons)" not in _ok(m("nolog", "y x || g: x, noconstant"))[0],
    "collinear": lambda m: _ok(m("nolog", "y x || g: x x2, nocons collinear"))[1].e.macros["revars"].split()
    == ["x", "x2"] and _ok(m("nolog", "y x || g: x x2, nocons"))[1].e.macros["revars"].split() == ["x"],
    "fweight": lambda m: _ok(m("nolog", "y x || g:, fweight(wg)"))[1].e.scalars["ll"]
    != _ok(m("nolog"))[1].e.scalars["ll"],
    "pweight": lambda m: _ok(m("nolog", "y x || g:, pweight(wg)"))[1].e.macros["vcetype"] == "Robust",
}


def test_every_option_has_a_case():
    accepted = {s.name for s in COMMON} - set(REFUSED)
    assert accepted == set(CASES), accepted ^ set(CASES)
    own = {s.name for c in ("melogit", "menbreg", "meglm", "mepoisson", "mecloglog") for s in global_options(c)}
    assert own - {s.name for s in COMMON} == set(OWN_CASES)
    assert {s.name for s in FE_OPTIONS} == set(FE_CASES)
    assert {s.name for s in RE_OPTIONS} == set(RE_CASES)


TABLES = {"common": CASES, "command": OWN_CASES, "fixed equation": FE_CASES, "random equation": RE_CASES}


@pytest.mark.parametrize("table, name", [(t, n) for t, cases in TABLES.items() for n in sorted(cases)])
def test_option_is_honoured_or_refused(table, name, me):
    assert TABLES[table][name](me)


# ``collinear`` after the last equation's comma is read as that equation's option (RE_CASES)
@pytest.mark.parametrize("name", sorted(set(REFUSED) - {s.name for s in RE_OPTIONS}))
def test_unsupported_option_is_refused(name, me):
    spec = next(s for s in COMMON if s.name == name)
    typed = f"{name}(1)" if spec.takes_arg else name
    rc, out, s = me(typed)
    assert rc == 198 and f"option {name}" in out and "not allowed" in out
    assert s.e is None
