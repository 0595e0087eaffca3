"""margins' hooks after ``heckman`` (heckma_p) and ``heckprob`` (heckpr_p), through
``margins.equations``: x b the outcome equation (margins' first), z g the selection equation,
rho = tanh(athrho), sigma = exp(lnsigma) (e(b)'s constants, so the delta method sees them).

heckman: ``xb`` (the default; "Linear prediction", as margins names x b after regress),
``ycond`` x b + rho sigma phi(z g)/Phi(z g), ``yexpected`` x b Phi(z g) + rho sigma phi(z g),
``mills``/``nshazard`` phi/Phi, ``psel`` Phi(z g), ``xbsel`` z g (labels as heckma_p's).  After
the two-step estimator heckma_p reads rho and sigma from e(rho), e(sigma) (not e(b)): they enter
as constants, as there.  heckprob: ``pmargin`` (the default) Phi(x b), ``p11`` Phi2(x b, z g, rho),
``p10``, ``p01``, ``p00``, ``pcond`` p11/Phi(z g), ``psel``, ``xb``, ``xbsel``.
stdp, stdpsel, stdf and scores are refused as functions of more than e(b) (r(498)); heckman's
pr(), e(), ystar() and d1()/d2() are refused as predict refuses them.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.errors import StataError

_HECKMAN = (("xb", 2), ("ycond", 2), ("yexpected", 2), ("nshazard", 2), ("mills", 1), ("psel", 2), ("xbsel", 3))
_HECKPROB = (("pmargin", 2), ("p11", 3), ("p10", 3), ("p01", 3), ("p00", 3), ("psel", 2), ("pcond", 2),
             ("xb", 2), ("xbsel", 3))
STOCHASTIC_OPTIONS = (("stdp", 4), ("stdpsel", 5), ("stdf", 4), ("scores", 2), ("scoresel", 6))


def _mills(zg):
    return np.exp(-0.5 * zg * zg - 0.5 * np.log(2 * np.pi) - special.log_ndtr(zg))


def _statistic(options: str, choices, default: str, refused=()) -> tuple[str, bool]:
    """(statistic, nooffset) from margins' predict() text."""
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    typed = read_options(options)
    for o in typed:
        if o.name in refused:
            raise StataError(f"option {o.name} not supported by mlmcli after heckman", 198)
    specs = [OptionSpec(n, k) for n, k in choices + STOCHASTIC_OPTIONS] + [OptionSpec("nooffset", 5)]
    opts = resolve_options(typed, specs)
    if any(opts.get(n) for n, _ in STOCHASTIC_OPTIONS):
        raise StataError(STOCHASTIC, 498)
    chosen = [n for n, _ in choices if opts.get(n)]
    if "nshazard" in chosen and "mills" in chosen:
        chosen.remove("mills")
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    return (chosen[0] if chosen else default), bool(opts.get("nooffset"))


def selection_margins_variables(model) -> tuple[str, ...]:
    """The select equation's covariates and both offset variables."""
    from mlmcli.margins.equations import equation_variables

    return equation_variables(model.select_design.recipes, model.offset_vars)


def _equations(model, nooffset: bool):
    from mlmcli.margins.equations import Equation, Offset

    prep = model.prep
    off1, off2 = model.offset_vars
    use1 = Offset(off1) if off1 and not nooffset else None
    select = Equation(tuple(model.select_design.recipes), Offset(off2) if off2 and not nooffset else None)
    names = tuple(f"{prep.selname}:{c}" for c in model.select_design.column_names)
    return use1, select, names


def heckman_margins_prediction(model, options: str):
    from mlmcli.margins.equations import Equation, EquationsResponse
    from mlmcli.margins.response import LinearIndex

    stat, nooffset = _statistic(options, _HECKMAN, "xb", ("pr", "e", "ystar", "d1", "d2", "constant", "selconst"))
    dep = model.depvars.split()
    y, sel = dep[0], (dep[1] if len(dep) > 1 else "select")
    off1, select, names = _equations(model, nooffset)
    if stat == "xb":
        if off1 is None:
            return LinearIndex("Linear prediction")
        return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), off1)
    if stat == "xbsel":
        return EquationsResponse(f"Linear prediction of {sel}", lambda eta, etas: etas[0], names, (select,))
    if stat == "psel":
        return EquationsResponse(f"Pr({sel})", lambda eta, etas: special.ndtr(etas[0]), names, (select,))
    if stat in ("mills", "nshazard"):
        return EquationsResponse("Mills' ratio", lambda eta, etas: _mills(etas[0]), names, (select,))
    if model.method == "ml":
        equations, names = (select, Equation(), Equation()), names + ("athrho:_cons", "lnsigma:_cons")

        def lam(etas):
            return np.tanh(etas[1]) * np.exp(etas[2])
    else:
        equations = (select,)
        lam_value = float(model.rho * model.sigma)

        def lam(etas):
            return lam_value
    if stat == "ycond":
        return EquationsResponse(f"E({y}|Zg>0)", lambda eta, etas: eta + lam(etas) * _mills(etas[0]),
                                 names, equations, off1)
    return EquationsResponse(f"E({y}*|Pr({sel}))",
                             lambda eta, etas: eta * special.ndtr(etas[0]) + lam(etas) * np.exp(
                                 -0.5 * etas[0] ** 2) / np.sqrt(2 * np.pi), names, equations, off1)


def heckprob_margins_prediction(model, options: str):
    from mlmcli.glm.bivariate_normal import cdf
    from mlmcli.margins.equations import Equation, EquationsResponse
    from mlmcli.margins.response import InverseLink, LinearIndex

    stat, nooffset = _statistic(options, _HECKPROB, "pmargin")
    dep = model.depvars.split()
    y, sel = dep[0], (dep[1] if len(dep) > 1 else "select")
    off1, select, names = _equations(model, nooffset)
    if stat in ("xb", "pmargin"):
        label = f"Linear prediction of {y}" if stat == "xb" else f"Pr({y}=1)"
        if off1 is None:
            return LinearIndex(label) if stat == "xb" else InverseLink("probit", label)
        fn = (lambda eta, etas: eta) if stat == "xb" else (lambda eta, etas: special.ndtr(eta))
        return EquationsResponse(label, fn, (), (), off1)
    if stat == "xbsel":
        return EquationsResponse(f"Linear prediction of {sel}", lambda eta, etas: etas[0], names, (select,))
    if stat == "psel":
        return EquationsResponse(f"Pr({sel})", lambda eta, etas: special.ndtr(etas[0]), names, (select,))
    equations, names = (select, Equation()), names + ("athrho:_cons",)
    sx = -1.0 if stat in ("p01", "p00") else 1.0
    sz = -1.0 if stat in ("p10", "p00") else 1.0

    def joint(eta, etas):
        zg, r = etas[0], np.tanh(etas[1])
        x, z = np.broadcast_arrays(np.asarray(eta, float), np.asarray(zg, float))
        p = cdf(sx * x, sz * z, np.full(x.shape, sx * sz) * r)
        return p / special.ndtr(z) if stat == "pcond" else p

    label = f"Pr({y}=1|{sel}=1)" if stat == "pcond" else f"Pr({y}={int(sx > 0)},{sel}={int(sz > 0)})"
    return EquationsResponse(label, joint, names, equations, off1)
