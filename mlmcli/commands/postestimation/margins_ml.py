"""margins' hook after ``ml`` (e(predict) ml_p, whose statistics margins can use):

    xb [equation(#k|name)] [nooffset]     x_k b_k (+ offset) of equation k (default the first)

margins' first equation is e(b)'s first (its design rebuilt from the equation's covariates on
e(sample), ``margins_xb_only.coefficient_design``); any other equation enters as a
``margins.equations`` equation whose coefficients are margins' ancillary parameters, so at(),
over() and dydx() set the covariates of every equation and the delta method reads the full e(V).
An equation's offset() or exposure() enters its index unless nooffset.  stdp depends on more
than e(b) (r(498)); ml_p's scores are not margins' (r(198) as in predict after ml here).
The Expression label "Linear prediction" is predict's variable label after ml (decided without a
Stata log of margins after ml).
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed

_NAMES = (("xb", 2), ("stdp", 4))


def equation_designs(dataset, equations, sample) -> list:
    """Each ml equation's design on e(sample) (None where its names are not plain covariates)."""
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design

    # an omitted (collinear, o.) covariate's coefficient is 0: the design leaves it out; a
    # factor-variable equation's design is the one ml model built on the sample
    return [eq.design if eq.design is not None else
            coefficient_design(dataset, [c for c in eq.column_names() if not c.startswith("o.")], sample)
            for eq in equations]


def read_statistic(options: str, names, nooffset_allowed: bool):
    """(equation() text or None, nooffset, the statistics typed) of margins' predict() text;
    anything else is an option not allowed (r(198))."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    eq_text, nooffset, chosen = None, False, []
    for o in read_options(options):
        low = o.name
        if len(low) >= 2 and "equation".startswith(low) and o.arg is not None:
            eq_text = o.arg
        elif nooffset_allowed and len(low) >= 7 and "nooffset".startswith(low) and o.arg is None:
            nooffset = True
        elif o.arg is None and (name := resolve_choice(low, names)) is not None:
            chosen.append(name)
        else:
            raise option_not_allowed(o.name, o.arg)
    if len(set(chosen)) > 1:
        raise StataError(f"only one of {' or '.join(n for n, _ in names)} may be specified", 198)
    return eq_text, nooffset, chosen


def _read(model, options: str) -> tuple[int, bool]:
    """(the equation's index, nooffset) of margins' predict() text."""
    from mlmcli.margins.response import STOCHASTIC

    eq_text, nooffset, chosen = read_statistic(options, _NAMES, True)
    if "stdp" in chosen:
        raise StataError(STOCHASTIC, 498)
    return model.equation_index(eq_text), nooffset


def ml_margins_prediction(model, options: str):
    """The prediction (``estimation.interface.MarginsPrediction``) of ``predict(options)``."""
    from mlmcli.margins.equations import Equation, EquationsResponse, Offset
    from mlmcli.margins.response import LinearIndex

    k, nooffset = _read(model, options)

    def offset_of(j):
        _, _, _, variable, exposure = model.equations[j]
        return Offset(variable, exposure) if variable and not nooffset else None

    if k == 0:
        first = offset_of(0)
        if first is None:
            return LinearIndex("Linear prediction")
        return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), offset=first)
    design = model.designs[k]
    if design is None:
        raise StataError("requested action not valid after most recent estimation command", 321)
    name = model.equations[k][0]
    names = tuple(f"{name}:{c}" for c in design.column_names)
    return EquationsResponse("Linear prediction", lambda eta, etas: etas[0], names,
                             (Equation(tuple(design.recipes), offset_of(k)),))


def other_labels(model) -> tuple:
    """The other equations' coefficients: margins sets and differentiates their covariates."""
    return tuple(lab for d in model.designs[1:] if d is not None for lab in d.labels)


def other_variables(model) -> tuple[str, ...]:
    from mlmcli.margins.equations import equation_variables

    recipes = tuple(r for d in model.designs[1:] if d is not None for r in d.recipes)
    return equation_variables(recipes, tuple(eq[3] for eq in model.equations))
