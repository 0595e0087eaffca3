"""margins' hook after ``sureg``, ``reg3`` and ``mvreg`` (reg3_p's statistics that are functions of
e(b) alone, through ``margins.equations``):

    xb [equation(eqno)]            x_k b_k of equation k (default the first)   "Linear prediction"
    difference equation(#a,#b)     x_a b_a - x_b b_b                          "Fitted diff.: a - b"

margins' first equation is e(b)'s first; any other equation enters as a ``margins.equations``
equation whose coefficients are margins' ancillary parameters, so the delta method reads every
equation's block of the full e(V) and at()/dydx() set the covariates of all equations.
stdp, stddp and residuals depend on more than e(b) (r(498)).  The Expression label "Linear
prediction" is margins' name for x b after regress; it was decided without a Stata log of margins
after sureg.
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed
from mlmcli.multivariate.linear_systems import LinearSystemModel

_NAMES = (("xb", 2), ("stdp", 4), ("residuals", 1), ("difference", 3), ("stddp", 5))


def _statistic(model, options: str) -> tuple[str, list[int]]:
    """(statistic, the equations' indexes) of margins' predict() text."""
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    eq_text, chosen = None, []
    for o in read_options(options):
        low = o.name
        if "equation".startswith(low) and o.arg is not None:
            eq_text = o.arg
            continue
        name = resolve_choice(low, _NAMES)
        if name is None or o.arg is not None:
            raise option_not_allowed(o.name, o.arg)
        chosen.append(name)
    if len(set(chosen)) > 1:
        raise StataError("only one of xb, stdp, residuals, difference, stddp may be specified", 198)
    stat = chosen[0] if chosen else "xb"
    parts = [p.strip() for p in eq_text.split(",")] if eq_text is not None else []
    if len(parts) > 2:
        raise StataError("invalid syntax", 198)
    ks = [model.equation_index(p) for p in parts] or [0]
    if stat in ("difference", "stddp") and len(ks) < 2:
        raise StataError(f"option {stat} must be specified with option equation()\n  You should specify 2 "
                         "equations using the syntax equation(#a,#b)", 198)
    if stat in ("stdp", "stddp", "residuals"):
        raise StataError(STOCHASTIC, 498)
    return stat, ks


def linear_system_margins_prediction(model, options: str):
    from mlmcli.margins.equations import EquationsResponse, other_equations
    from mlmcli.margins.response import LinearIndex

    stat, ks = _statistic(model, options)
    if stat == "xb":
        ks = ks[:1]
    if ks == [0]:
        return LinearIndex("Linear prediction")
    # the other equations the prediction reads, in order: etas[j] is equation others[j]'s x b
    names, equations, others = other_equations(model.designs, model.eqnames, ks)

    def index(eta, etas, k):
        return eta if k == 0 else etas[others.index(k)]

    if stat == "xb":
        k = ks[0]
        return EquationsResponse("Linear prediction", lambda eta, etas: index(eta, etas, k), names, equations)
    a, b = ks
    label = f"Fitted diff.: {model.eqnames[a]} - {model.eqnames[b]}"
    return EquationsResponse(label, lambda eta, etas: index(eta, etas, a) - index(eta, etas, b), names,
                             equations)


class LinearSystemFit(LinearSystemModel):
    """The system fit e() keeps, with margins' hooks (``estimation.interface.MarginsFit``)."""

    def margins_prediction(self, options: str):
        return linear_system_margins_prediction(self, options)

    def margins_other_labels(self) -> tuple:
        """Every other equation's coefficients: margins sets and differentiates their covariates."""
        return tuple(lab for d in self.designs[1:] if d is not self.designs[0] for lab in d.labels)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.margins.equations import equation_variables

        return equation_variables(tuple(r for d in self.designs[1:] for r in d.recipes))
