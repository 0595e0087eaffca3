"""margins' hook after ``gmm`` (gmm.ado's e(marginsok) ``xb``, e(marginsnotok) ``Residuals SCores``;
[R] gmm postestimation lists margins, Stata 14.2 on):

    xb [equation(#k|name)]     x b of a linear combination ({xb: x1 x2 _cons}), the only one
                               unless equation() names one                      "Linear prediction"

margins' first equation is e(b)'s first (a linear combination, or a free parameter's constant);
the others enter as ``margins.equations`` equations whose coefficients are margins' ancillary
parameters, so at(), over() and dydx() set the covariates of every combination and the delta
method reads the full e(V).  ``expression()`` combines these (``expression(normal(predict(xb)))``).
residuals -- gmm_p's default, so also margins without predict() -- and scores are
e(marginsnotok): r(498), Stata's message for them.
"""
from __future__ import annotations

from mlmcli.errors import StataError

_NAMES = (("xb", 2), ("residuals", 1), ("scores", 2))


def equation_designs(dataset, colnames, sample) -> tuple[list[str], list]:
    """(e(b)'s equations in order, each one's design on e(sample) or None)."""
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design

    eqs = list(dict.fromkeys(c.partition(":")[0] for c in colnames))
    return eqs, [coefficient_design(dataset, [c.partition(":")[2] for c in colnames if c.partition(":")[0] == eq],
                                    sample) for eq in eqs]


def _combination(model, text) -> int:
    """equation()'s linear combination as an index into e(b)'s equations (predict_gmm's rule)."""
    combos = [eq for eq, d in zip(model.margins_eqs, model.margins_designs)
              if any(c.startswith(f"{eq}:") and not c.endswith(":_cons") for c in model.colnames)]
    if text is None:
        if len(combos) != 1:
            raise StataError("option xb requires equation() naming a linear combination", 198)
        name = combos[0]
    else:
        key = str(text).strip().lstrip("#")
        name = key if key in combos else None
        if name is None and key.isdecimal() and 1 <= int(key) <= len(combos) and str(text).strip().startswith("#"):
            name = combos[int(key) - 1]
        if name is None:
            raise StataError(f"equation {str(text).strip()} not found", 303)
    return model.margins_eqs.index(name)


def gmm_margins_prediction(model, options: str):
    from mlmcli.commands.postestimation.margins_ml import read_statistic
    from mlmcli.margins.equations import Equation, EquationsResponse
    from mlmcli.margins.response import STOCHASTIC, LinearIndex

    eq_text, _, chosen = read_statistic(options, _NAMES, False)
    if chosen != ["xb"]:  # residuals (typed or gmm_p's default), scores: e(marginsnotok)
        raise StataError(STOCHASTIC, 498)
    k = _combination(model, eq_text)
    design = model.margins_designs[k]
    if design is None:
        raise StataError("requested action not valid after most recent estimation command", 321)
    if k == 0:
        return LinearIndex("Linear prediction")
    names = tuple(f"{model.margins_eqs[k]}:{c}" for c in design.column_names)
    return EquationsResponse("Linear prediction", lambda eta, etas: etas[0], names, (Equation(tuple(design.recipes)),))


def other_labels(model) -> tuple:
    return tuple(lab for d in model.margins_designs[1:] if d is not None for lab in d.labels)


def other_variables(model) -> tuple[str, ...]:
    from mlmcli.margins.equations import equation_variables

    return equation_variables(tuple(r for d in model.margins_designs[1:] if d is not None for r in d.recipes))
