"""``margins`` after sem: the linear prediction x b of one observed endogenous variable, a
function of e(b) alone (mlm's sem has observed variables only, so no factor scores enter).

Evidence (help sem_postestimation 1.1.4, Stata 14, and 1.1.8, Stata 16; sem.ado 1.4.0; sem_p.ado
1.2.0; _check_e_margins.ado 1.1.0 and _marg_work.class, Stata 16):

- margins' statistics: ``xb(varname)``, "linear prediction for the specified OEn variable", and
  the default, "linear prediction for all OEn variables" -- e(marginsdefault), one
  ``predict(xb(y))`` per observed endogenous variable, which margins reads under version 14 or
  later (``commands.postestimation.margins.default_predictions``; the stacked ``k._predict``
  table).  Under version 13 margins runs predict's own default, sem_p's ``xb`` of every
  observed endogenous variable: one variable for one equation, else predict's newvarlist(min=2)
  says "too few variables specified" (r(102)); so does ``xb(y1 y2)``.
- e(marginsnotok) is ``XBLATent1(passthru) XBLATent LATent1(passthru) LATent SCores xb``
  (posted by the sem command); margins' _check_e_margins (``margins_notok``) names the first
  of them typed as the local syntax gave it (``xblatent1`` for ``xblatent(...)``, ``latent1``
  for ``latent(...)``) in "predict option ... not appropriate with margins" (r(322)).
- sem_p's checks of xb(): "duplicate variables not allowed" (r(198)), "'z' is not an observed
  endogenous variable in the fitted model" (r(111)), names as typed (no abbreviations);
  the variable is labelled "Linear prediction (<variable label or name>)", margins' Expression.

x b reads the observed values of the endogenous variables on its right-hand side (sem_p's
``st_sem_predict_xb``), so at(), over() and dydx() treat them as covariates: dydx of a path's
variable is that path's coefficient (the direct effect).  The equation of e(b)'s first block is
margins' own; any other enters as a ``margins.equations`` equation whose coefficients are
ancillary parameters, so the delta method reads the full e(V) (OIM or the sandwich of
vce(robust|cluster)).

gsem's Gaussian path models fitted by the same engine (several equations, random intercepts or
slopes at one level) take gsem's statistics (``gsem_margins.parse_statistic``): mu and eta of
outcome(depvar) are the same x b, the latent variables having mean 0 (``gsem_gaussian_prediction``).
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed
from mlmcli.margins.equations import EquationsResponse, equation_variables, other_equations
from mlmcli.margins.response import LinearIndex
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import read_options

def marginsdefault(fit) -> str:
    """e(marginsdefault): the linear prediction of every observed endogenous variable (after
    gsem its expected value, as ``gsem_margins.marginsdefault`` posts one per outcome)."""
    stat = "mu outcome({})" if fit.command == "gsem" else "xb({})"
    return " ".join(f"predict({stat.format(y)})" for y in fit.model.endogenous)


def endogenous_named(fit, options) -> list[str]:
    """The observed endogenous variables predict's options name (sem_p's rules)."""
    typed = None
    for o in options:
        if o.arg is not None and resolve_choice(o.name, (("xb", 2),)) == "xb":
            typed = o.arg
            continue
        raise option_not_allowed(o.name, o.arg)
    endogenous = list(fit.model.endogenous)
    words = str(typed or "").split()
    if not words:  # sem_p's default (or an empty xb()): xb of every observed endogenous variable
        return endogenous
    if len(set(words)) < len(words):
        raise StataError("xb() invalid;\nduplicate variables not allowed", 198)
    for w in words:
        if w not in endogenous:
            raise StataError(f"xb() invalid;\n'{w}' is not an observed endogenous variable in the fitted model", 111)
    return words


def sem_margins_prediction(fit, options: str):
    """margins' prediction (``estimation.interface.MarginsPrediction``) after sem; module docstring."""
    typed = read_options(options.replace(",", " "))  # e(marginsnotok)'s refusals: margins_notok, before
    names = endogenous_named(fit, typed)
    if len(names) > 1:  # predict's one new variable for several linear predictions
        raise StataError("too few variables specified", 102)
    (y,) = names
    return _linear_prediction(fit, y, f"Linear prediction ({fit.extra.get('depvar_labels', {}).get(y) or y})")


def gsem_gaussian_prediction(fit, options: str):
    """margins after gsem's Gaussian path models (the sem engine: several equations, random
    intercepts or slopes in one level): mu and eta are x b of the outcome() depvar (the first by
    default, gsem_p's rule) -- the latent variables have mean 0 and enter linearly, so the
    marginal mean and the fixed portion are the same; pr is refused as after any Gaussian gsem."""
    from .gsem_margins import parse_statistic

    stat, outcome, flags, _ = parse_statistic(options)
    endogenous = list(fit.model.endogenous)
    y = str(outcome).split()[0] if outcome and str(outcome).split() else endogenous[0]
    if y not in endogenous or (outcome and len(str(outcome).split()) > 1):
        raise StataError(f"outcome({outcome}) invalid", 198)
    if stat == "pr":
        raise StataError("option pr not allowed", 198)
    tail = ", fixed portion only" if "fixedonly" in flags and fit.model.latents else ""
    label = f"Linear prediction ({y})" if stat == "eta" else f"Predicted mean ({y}){tail}"
    return _linear_prediction(fit, y, label)


def _linear_prediction(fit, y: str, label: str):
    """x b of equation ``y``: margins' own (e(b)'s first) or an ancillary equation."""
    k = list(fit.model.endogenous).index(y)
    if k == 0:
        return LinearIndex(label)
    anc, equations, _ = other_equations(fit.extra["margins_designs"], fit.model.endogenous, [k])
    return EquationsResponse(label, lambda eta, etas: etas[0], anc, equations)


def other_labels(fit) -> tuple:
    """The other equations' coefficients: margins sets and differentiates their covariates."""
    return tuple(lab for d in fit.extra.get("margins_designs", ())[1:] for lab in d.labels)


def other_variables(fit) -> tuple[str, ...]:
    return equation_variables(tuple(r for d in fit.extra.get("margins_designs", ())[1:] for r in d.recipes))
