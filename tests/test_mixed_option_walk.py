"""Every option the ``mixed`` syntax accepts -- each row of ``GLOBAL_OPTIONS``,
``RE_OPTIONS`` and ``FE_OPTIONS`` -- is either honoured (the check proves it changes what it
should) or refused with r(198); no option is silently ignored.  A new option in the tables
without a case here fails ``test_every_option_has_a_case``."""
from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from mlmcli.commands.estimation.mixed_syntax import FE_OPTIONS, GLOBAL_OPTIONS, RE_OPTIONS, REFUSED_OPTIONS


def _data() -> pd.DataFrame:
    rs = np.random.RandomState(11)
    rows = []
    for g in range(1, 21):
        u0, u1 = rs.normal(0, 1.0), rs.normal(0, 0.4)
        for t in range(1, 7):
            x = rs.normal()
            f = (g + t) % 3
            rows.append((g, t, x, 2 * x, f, float(g % 2), 1.0 + (g % 3), 1.0 + 0.1 * t,
                         2.0 + 0.5 * x + 0.3 * f + u0 + u1 * x + rs.normal(0, 0.7)))
    return pd.DataFrame(rows, columns=["g", "t", "x", "x2", "f", "h", "wg", "wo", "y"])


DF = _data()
LABELS = {"value_labels": {"flab": {0.0: "zero", 1.0: "one", 2.0: "two"}}, "value_label_of": {"f": "flab"}}
LONG_LABEL = 'label define flab 2 "two and a long label", modify'


@pytest.fixture
def mixed(do):
    def run(options: str, model: str = "y x || g:", before: str = "", after: str = ""):
        sep = " " if "," in model.split("||")[-1] else ", "
        text = f"{before}\nmixed {model}{sep + options if options else ''}\n{after}"
        return do(text, DF.copy(), **copy.deepcopy(LABELS))  # label define ..., modify leaves LABELS alone
    return run


def _ok(res):
    rc, out, s = res
    assert rc == 0, out
    return out, s


def _refused(res, message: str | None = None):
    rc, out, _ = res
    assert rc == 198, out
    if message:
        assert message in out, out


def _iterate_reached(res):
    """iterate(#) reached: results shown and posted with e(converged) = 0, rc 0 ([R] maximize)."""
    out, s = _ok(res)
    return (s.e.scalars["converged"] == 0 and "Mixed-effects ML regression" in out
            and out.rstrip().endswith("Warning: convergence not achieved"))


# Each case: (typed option, model or None, check(result, baseline_text)).
def _default_text(mixed):
    return _ok(mixed("nolog"))[0]


CASES = {
    "mle": lambda m: _ok(m("mle nolog"))[1].e.macros["method"] == "ML",
    "reml": lambda m: _ok(m("reml nolog"))[1].e.macros["method"] == "REML"
    and "Log restricted-likelihood" in _ok(m("reml nolog"))[0],
    "dfmethod": lambda m: "DF method: Residual" in _ok(m("dfmethod(residual) nolog"))[0],
    "pwscale": lambda m: (_ok(m("pwscale(size) nolog", "y x [pw=wo] || g:, pweight(wg)"))[1].e.matrices["b"].values
                          != _ok(m("nolog", "y x [pw=wo] || g:, pweight(wg)"))[1].e.matrices["b"].values).any()
    and m("pwscale(size)")[0] == 198,
    "residuals": lambda m: _ok(m("residuals(ar 1, t(t)) nolog"))[1].e.macros["rstructure"] == "ar"
    and "Residual: AR(1)" in _ok(m("residuals(ar 1, t(t)) nolog"))[0],
    "vce": lambda m: _ok(m("vce(robust) nolog"))[1].e.macros["vcetype"] == "Robust",
    "level": lambda m: "[90% Conf. Interval]" in _ok(m("level(90) nolog"))[0],
    "variance": lambda m: _ok(m("variance nolog"))[0] == _default_text(m)
    and "var(_cons)" in _ok(m("variance nolog", before="", after="")) [0]
    and m("variance stddeviations")[0] == 198,
    "stddeviations": lambda m: "sd(_cons)" in _ok(m("stddeviations nolog"))[0],
    "dftable": lambda m: "      DF" in _ok(m("dfmethod(residual) dftable(pvalue) nolog"))[0]
    and m("dftable(pvalue)")[0] == 198,
    "small": lambda m: m("small")[0] == 198
    and " P>|t|" in _ok(m("dfmethod(residual) nolog", after="mixed, small"))[0],
    "noretable": lambda m: "Random-effects Parameters" not in _ok(m("noretable nolog"))[0],
    "nofetable": lambda m: "Coef." not in _ok(m("nofetable nolog"))[0],
    "estmetric": lambda m: "lns1_1_1" in _ok(m("estmetric nolog"))[0],
    "noheader": lambda m: "Number of obs" not in _ok(m("noheader nolog"))[0],
    "nogroup": lambda m: "Group variable" not in _ok(m("nogroup nolog"))[0],
    "nostderr": lambda m: _nostderr(m),
    "nolrtest": lambda m: "LR test" not in _ok(m("nolrtest nolog"))[0],
    "nolog": lambda m: "Iteration" not in _ok(m("nolog"))[0],
    "log": lambda m: "Iteration 0:" in _ok(m("log"))[0],
    "iterate": lambda m: _iterate_reached(m("iterate(0) nolog")),
    "difficult": lambda m: _ok(m("difficult nolog"))[0] == _default_text(m),
    # EM only moves the start (docs/me_start_values.md); emiterate(0) runs none: no EM heading
    "emiterate": lambda m: "Performing EM optimization" not in _ok(m("emiterate(0)"))[0]
    and "\nPerforming gradient-based optimization: \n" in _ok(m("emiterate(0)"))[0]
    and "Performing EM optimization" in _ok(m("emiterate(3)"))[0]
    and _ok(m("emiterate(5) nolog"))[0] == _default_text(m)
    and m("emiterate(a)")[0] == 198 and "emiterate() incorrectly" in m("emiterate(a)")[1],
    "emtolerance": lambda m: _ok(m("emtolerance(1e-4) nolog"))[0] == _default_text(m)
    and m("emtolerance(x)")[0] == 198,
    "tolerance": lambda m: _spec_value(m, "tolerance(1e-3)", "tolerance", 1e-3),
    "ltolerance": lambda m: _spec_value(m, "ltolerance(1e-3)", "ltolerance", 1e-3),
    "matsqrt": lambda m: _ok(m("matsqrt nolog"))[0] == _default_text(m)
    and _ok(m("matsqrt nolog"))[1].e.macros["optmetric"] == "matsqrt",
    "matlog": lambda m: _ok(m("matlog nolog"))[0] == _default_text(m)
    and _ok(m("matlog nolog"))[1].e.macros["optmetric"] == "matlog",
    "cluster": lambda m: _ok(m("cluster(g) nolog"))[0] == _ok(m("vce(cluster g) nolog"))[0]
    and m("cluster(g) vce(robust)")[0] == 198,
    # robust: _xtmixed_estimate's Robust option, vce(robust) by _vce_parse's old syntax
    "robust": lambda m: _ok(m("robust nolog"))[0] == _ok(m("vce(robust) nolog"))[0]
    and _ok(m("robust cluster(g) nolog"))[0] == _ok(m("vce(cluster g) nolog"))[0]
    and m("robust vce(robust)")[0] == 198 and m("robust reml")[0] == 198,
    "technique": lambda m: _ok(m("technique(nr) nolog"))[1].e.macros["technique"] == "nr"
    and m("technique(bhhh)")[0] == 198 and "technique(bhhh) not allowed" in m("technique(bhhh)")[1]
    and m("technique(bfgs)")[0] == 198,
    "cformat": lambda m: _x_row(m("cformat(%9.2f) nolog"))[0].split(".")[1].__len__() == 2,
    "pformat": lambda m: "0.0000" in _ok(m("pformat(%5.4f) nolog"))[0],
    "sformat": lambda m: _ok(m("sformat(%8.3f) nolog"))[0] != _default_text(m),
    "nolstretch": lambda m: _nolstretch(m),
    "noomitted": lambda m: "(omitted)" in _ok(m("nolog", "y x x2 || g:"))[0]
    and "(omitted)" not in _ok(m("noomitted nolog", "y x x2 || g:"))[0],
    "vsquish": lambda m: "\n             |\n" in _ok(m("nolog", "y i.f x || g:"))[0].split("Random")[0]
    and "\n             |\n" not in _ok(m("vsquish nolog", "y i.f x || g:"))[0].split("Random")[0],
    "noemptycells": lambda m: "(empty)" in _ok(m("nolog", "y i.f#i.h x if !(f==2 & h==1) || g:"))[0]
    and "(empty)" not in _ok(m("noemptycells nolog", "y i.f#i.h x if !(f==2 & h==1) || g:"))[0],
    "baselevels": lambda m: "(base)" in _ok(m("baselevels nolog", "y i.f x || g:"))[0],
    "allbaselevels": lambda m: "(base)" in _ok(m("allbaselevels nolog", "y i.f x || g:"))[0],
    "nofvlabel": lambda m: "one  |" in _ok(m("nolog", "y i.f x || g:"))[0]
    and "1  |" in _ok(m("nofvlabel nolog", "y i.f x || g:"))[0],
    "fvlabel": lambda m: "one  |" in _ok(m("fvlabel nolog", "y i.f x || g:", before="set fvlabel off"))[0]
    and "one  |" not in _ok(m("nolog", "y i.f x || g:", before="set fvlabel off"))[0],  # overrides the setting
    # docs/factor_labels.md: a label wider than the 11-column level field is cut with .., or wrapped
    "fvwrap": lambda m: "two and a..  |" in _ok(m("nolstretch nolog", "y i.f x || g:", before=LONG_LABEL))[0]
    and "\n  two and a  |\n long label  |" in _ok(m("nolstretch fvwrap(2) nolog", "y i.f x || g:",
                                                   before=LONG_LABEL))[0] and m("fvwrap(-1)")[0] == 198,
    "fvwrapon": lambda m: "\ntwo and a l  |\n  ong label  |" in _ok(m("nolstretch fvwrap(2) fvwrapon(width) nolog",
                                                                    "y i.f x || g:", before=LONG_LABEL))[0]
    and m("fvwrapon(x)")[0] == 198,
    "coeflegend": lambda m: "_b[x]" in _ok(m("coeflegend nolog"))[0],
}


def _x_row(res):
    """The numbers of the fixed-effects row of x."""
    out, _ = _ok(res)
    return [ln for ln in out.splitlines() if ln.strip().startswith("x |")][0].split("|")[1].split()


def _spec_value(m, option, field, value):
    from mlmcli.commands.estimation.mixed import build_spec
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    _, s = _ok(m(option + " nolog"))
    spec, _, _ = build_spec(s, parse_mixed(f"y x || g:, {option}"))
    return getattr(spec, field) == value


def _nostderr(m):
    out, s = _ok(m("nostderr nolog"))
    row = [ln for ln in out.splitlines() if "var(_cons)" in ln][0]
    k_f = int(s.e.scalars["k_f"])
    return row.split("|")[1].split()[1] == "." and not s.e.matrices["V"].values[k_f:, k_f:].any() \
        and m("nostderr residuals(ar 1, t(t))")[0] == 198


def _nolstretch(m):
    model = "y c.x#c.x2 || g:"
    wide = _ok(m("nolog", model))[0]
    narrow = _ok(m("nolstretch nolog", model))[0]
    return "c.x#c.x2 |" in wide and any(ln.startswith("------------- ") or ln.startswith("-------------+")
                                          for ln in narrow.splitlines())


RE_CASES = {
    "covariance": lambda m: "g: Unstructured" in _ok(m("nolog", "y x || g: x, covariance(unstructured)"))[0],
    "noconstant": lambda m: "var(_cons)" not in _ok(m("nolog", "y x || g: x, noconstant"))[0],
    "collinear": lambda m: "note: x2 omitted because of collinearity" in _ok(m("nolog", "y x || g: x x2, nocons"))[0]
    and _spec_names(m, "y x || g: x x2, nocons collinear") == ("x", "x2"),
    "fweight": lambda m: _ok(m("nolog", "y x || g:, fweight(wg)"))[1].e.macros["fweight1"] == "wg",
    "pweight": lambda m: _ok(m("nolog", "y x || g:, pweight(wg)"))[1].e.macros["vcetype"] == "Robust",
}


def _spec_names(m, model):
    from mlmcli.commands.estimation.mixed import build_spec
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    _, _, s = m("nolog")
    spec, _, _ = build_spec(s, parse_mixed(model))
    return spec.terms[0].names


FE_CASES = {
    "noconstant": lambda m: "_cons" not in _ok(m("nolog", "y x, noconstant || g:"))[0].split("Random")[0],
}


def test_every_option_has_a_case():
    missing = {s.name for s in GLOBAL_OPTIONS} - set(CASES) - set(REFUSED_OPTIONS)
    assert not missing, missing
    assert {s.name for s in RE_OPTIONS} == set(RE_CASES)
    assert {s.name for s in FE_OPTIONS} == set(FE_CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_global_option_is_honoured(name, mixed):
    assert CASES[name](mixed)


@pytest.mark.parametrize("name", sorted(REFUSED_OPTIONS))
def test_unsupported_option_is_refused(name, mixed):
    spec = next(s for s in GLOBAL_OPTIONS if s.name == name)
    typed = f"{name}(1)" if spec.takes_arg else name
    rc, out, s = mixed(typed)
    assert rc == 198 and f"option {name}" in out and "not allowed" in out
    assert s.e is None  # nothing fitted, nothing stored


@pytest.mark.parametrize("name", sorted(RE_CASES))
def test_equation_option_is_honoured(name, mixed):
    assert RE_CASES[name](mixed)


@pytest.mark.parametrize("name", sorted(FE_CASES))
def test_fixed_option_is_honoured(name, mixed):
    assert FE_CASES[name](mixed)


def test_r_terms_take_identity_or_exchangeable_only(mixed):
    # _mixed_parsecmd.ado's ParseCov refuses independent/unstructured for a factor; its
    # syntax takes noconstant and sets constant_i to noconstant for an R. term either way
    _refused(mixed("", "y x || g: R.f, covariance(unstructured)"),
             "unstructured covariance structure not allowed for factor variables")
    _, plain = _ok(mixed("nolog", "y x || g: R.f"))
    _, nocons = _ok(mixed("nolog", "y x || g: R.f, noconstant"))
    assert nocons.e.scalars["ll"] == plain.e.scalars["ll"] and nocons.e.scalars["k_r"] == plain.e.scalars["k_r"]
    out, s = _ok(mixed("nolog", "y x || g: R.f, covariance(exchangeable)"))
    assert "g: Exchangeable" in out and "var(R.f)" in out and "cov(R.f)" in out
    assert s.e.macros["revars"] == "R.f" and s.e.macros["redim"] == "1"
