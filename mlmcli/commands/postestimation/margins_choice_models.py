"""margins' hooks after the choice models ``mprobit``, ``slogit`` and ``rologit`` (Stata 13's
predict defaults: margins.ado before Stata 14 ignores e(marginsdefault)).

mprobit (mprobit_p)   pr [outcome()] (the default, outcome #1)   Pr(y==outcome)
                      xb [outcome()]                             x b of the outcome's equation
slogit (slogit_p)     pr [outcome()] (the default, outcome #1)   Pr(y==outcome)
                      xb                                         x b of dimension 1
rologit (rologit_p)   xb                                         x b
                      (pr, the default, and stdp: e(marginsnotok))

After mprobit e(b)'s first equation is the base outcome's (every coefficient omitted), so margins'
linear index is the first other outcome's equation (``margins_first_equation``) and the other
non-base equations enter as ``margins.equations`` equations over the same covariates.  After slogit
the index is x b of dimension 1; phi and theta (e(b)'s ``phi1_k:_cons``, ``theta k:_cons``) are
margins' ancillary parameters: Pr(y = k) = exp(theta_k - phi_k x b) / sum_m exp(theta_m - phi_m x b).
Both go through ``EquationsResponse`` (numerical derivatives in the linear predictors).

Statistics of e(marginsnotok) (stdp, scores; rologit's pr) are refused before these hooks run,
by margins' _check_e_margins (``margins_notok``: "predict option ... not appropriate with
margins", r(322)); the hooks' r(498) is for results without the list.  After rologit margins
without predict() is refused the same way: its predict's default is pr (rologit.ado lists
``default`` in e(marginsnotok); predict(xb) is its e(marginsdefault), which Stata 13's margins
does not read).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from scipy import special

from mlmcli.errors import StataError, option_not_allowed
from mlmcli.glm.multinomial import MultinomialFit
from mlmcli.glm.multinomial_probit import MultinomialProbitFit

_CHOICES = (("pr", 1), ("xb", 2))
_NOT_OK = (("stdp", 4), ("scores", 2))


def _statistic_and_outcome(options: str, statistics, stochastic, outcome_ok: bool = True):
    """(statistic or None, outcome text or None) of margins' predict() text (or its read
    options); ``statistics`` and ``stochastic``: (name, minimal abbreviation) pairs, the latter
    refused with r(498)."""
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    stat, outcome = None, None
    for o in read_options(options) if isinstance(options, str) else options:
        low = o.name
        if outcome_ok and "outcome".startswith(low) and o.arg is not None:
            outcome = o.arg
            continue
        if o.arg is None and resolve_choice(low, stochastic) is not None:
            raise StataError(STOCHASTIC, 498)
        name = resolve_choice(low, statistics) if o.arg is None else None
        if name is None:
            raise option_not_allowed(o.name, o.arg)
        if stat is not None and stat != name:
            raise StataError("only one statistic may be specified", 198)
        stat = name
    return stat, outcome


statistic_and_outcome = _statistic_and_outcome  # xtmlogit's margins (predict_xtmlogit)


# ---------------------------------------------------------------------------------- mprobit

def outcome_equations_prediction(fit, options: str, design, probabilities, not_ok=_NOT_OK, statistics=_CHOICES):
    """margins' prediction after a model with one linear index per outcome (mprobit, mlogit):
    ``probabilities(index)`` maps the n x K matrix of the outcomes' indexes (the base outcome's
    0) to their probabilities.  The first non-base outcome's index is margins' linear index
    (``margins_first_equation``), the others' equations are ancillary over the same design."""
    from mlmcli.commands.postestimation.predict_mlogit import outcome_index
    from mlmcli.margins.equations import Equation, EquationsResponse
    from mlmcli.margins.response import LinearIndex

    stat, typed = _statistic_and_outcome(options, statistics, not_ok)
    stat = {"index": "xb", None: "pr"}.get(stat, stat)  # mlogit_p: index is xb
    k = outcome_index(fit, typed) if typed is not None else 0
    spec = fit.spec
    first, others = _outcome_equations(fit)
    names = tuple(f"{spec.eq_names[j]}:{c}" for j in others for c in design.column_names)
    equations = tuple(Equation(tuple(design.recipes)) for _ in others)
    shown = f"{spec.depvar}=={spec.eq_names[k]}"
    if stat == "xb":
        if k == first:
            return LinearIndex(f"Linear prediction, {shown}")
        if k == spec.base:
            return EquationsResponse(f"Linear prediction, {shown}", lambda eta, etas: np.zeros_like(eta), (), ())
        at = others.index(k)
        return EquationsResponse(f"Linear prediction, {shown}", lambda eta, etas: etas[at], names, equations)

    def probability(eta, etas):
        index = np.zeros((len(eta), spec.K))
        index[:, first] = eta
        for j, e in zip(others, etas):
            index[:, j] = e
        return probabilities(index)[:, k]

    return EquationsResponse(f"Pr({shown})", probability, names, equations)


def mprobit_margins_prediction(fit, options: str):
    from mlmcli.glm.multinomial_probit import outcome_probabilities

    return outcome_equations_prediction(fit, options, fit.margins_design,
                                        lambda index: outcome_probabilities(index, fit.probitparam, fit.points))


def _outcome_equations(fit) -> tuple[int, list[int]]:
    """(the outcome whose equation is margins' linear index, the other non-base outcomes)."""
    free = [j for j in range(fit.spec.K) if j != fit.spec.base]
    return free[0], free[1:]


class MprobitFit(MultinomialProbitFit):
    """mprobit's fit with margins' hooks (``estimation.interface.MarginsFit``); ``margins_design``
    is the covariates' design (set by the command)."""

    margins_design = None

    def margins_prediction(self, options: str):
        return mprobit_margins_prediction(self, options)

    def margins_first_equation(self) -> str:
        return self.spec.eq_names[_outcome_equations(self)[0]]


# ----------------------------------------------------------------------------------- mlogit

_MLOGIT_NOT_OK = (("stdp", 4), ("stddp", 5), ("scores", 2))  # mlogit's e(marginsnotok)
_MLOGIT_STATISTICS = (("pr", 1), ("xb", 2), ("index", 1))


@dataclass
class MlogitFit(MultinomialFit):
    """mlogit's fit with margins' hooks: Pr(y = k) = exp(x b_k) / sum_j exp(x b_j), the base
    outcome's index 0 (mlogit_p's pr, xb/index; ``margins_design`` the covariates' design)."""

    margins_design: object = None

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.predict_mlogit import (check_derivative_options, derivative_label,
                                                                   derivative_outcomes, outcome_index)
        from mlmcli.glm.multinomial import probability_derivatives

        typed, d1, d2 = _mlogit_options(options)
        if d1 is None and d2 is None:
            return outcome_equations_prediction(self, typed, self.margins_design,
                                                lambda index: special.softmax(index, axis=1),
                                                _MLOGIT_NOT_OK, _MLOGIT_STATISTICS)
        # predict(pr d1() [d2()]): the probability's derivative in an outcome's index (Stata 15's
        # mlogit_p), averaged as any prediction; its own derivatives in e(b) numerically
        stat, outcome = _statistic_and_outcome(typed, _MLOGIT_STATISTICS, _MLOGIT_NOT_OK)
        check_derivative_options(d1, d2, stat)
        j, l = derivative_outcomes(self, d1, d2)
        k = outcome_index(self, outcome) if outcome is not None else 0
        response = outcome_equations_prediction(
            self, typed, self.margins_design,
            lambda index: probability_derivatives(special.softmax(index, axis=1), self.spec.base, j, l),
            _MLOGIT_NOT_OK, _MLOGIT_STATISTICS)
        response.label = derivative_label(self, k, j, l)
        return response

    def margins_first_equation(self) -> str:
        return self.spec.eq_names[_outcome_equations(self)[0]]

    @property
    def margins_influence_weighted(self) -> bool:
        """The scores carry the weights: with pweights IF_j = (-H_w)^-1 w_j s_j."""
        return self.spec.pweight is not None

    def margins_influence(self, X=None):
        """vce(unconditional): each row's influence (-H)^-1 s_j on e(b) (the base equation's
        and omitted columns zero) and the cluster variable of a vce(cluster) fit."""
        from mlmcli.mixed.inference import invert_negative_hessian

        if self.spec.constraints is not None:
            raise StataError("vce(unconditional) not allowed after constrained estimation", 198)
        # a replicate VCE never gets here: margins_unconditional refuses it first (r(322) without
        # svy, r(459)/r(322) after svy), as _marg_work's ._parse_vce does
        IF = self.model.scores(self.theta) @ invert_negative_hessian(self.model.hessian(self.theta))
        out = np.zeros((IF.shape[0], len(self.column_names())))
        out[:, self.positions()] = IF
        return out, self.spec.cluster_var if self.spec.cluster is not None else None


def _mlogit_options(options: str) -> tuple[list, str | None, str | None]:
    """mlogit_p's options: equation() a synonym of outcome() (not both); d1() and d2() (the
    probability's derivatives in an outcome's index) set apart: (the others, d1, d2)."""
    from mlmcli.ast import Option
    from mlmcli.syntax.options import read_options

    out, named, derivatives = [], set(), {}
    for o in read_options(options):
        low = o.name
        if low in ("d1", "d2") and o.arg is not None:
            derivatives[low] = str(o.arg).strip()
            continue
        if o.arg is not None and ("equation".startswith(low) or ("outcome".startswith(low) and low)):
            named.add("equation" if "equation".startswith(low) else "outcome")
            o = Option("outcome", o.arg)
        out.append(o)
    if len(named) > 1:
        raise StataError("options equation() and outcome() may not be combined", 198)
    return out, derivatives.get("d1"), derivatives.get("d2")


def as_mlogit_fit(fit: MultinomialFit, design) -> MlogitFit:
    """mlogit's fit (or its replicate-VCE copy) with the margins hooks and ``design``."""
    return MlogitFit(**{f.name: getattr(fit, f.name) for f in fields(MultinomialFit)}, margins_design=design)


# ----------------------------------------------------------------------------------- slogit

def slogit_margins_prediction(fit, options: str):
    from mlmcli.commands.postestimation.predict_mlogit import outcome_index
    from mlmcli.margins.equations import Equation, EquationsResponse
    from mlmcli.margins.response import LinearIndex

    from mlmcli.syntax.options import read_options

    typed_options = read_options(options)
    kept = [o for o in typed_options if not (len(o.name) >= 3 and "dimension".startswith(o.name))]
    for o in typed_options:
        if o not in kept and str(o.arg or "").strip() != "1":  # predict_slogit's rule
            raise StataError("dimension() must be 1 after a slogit of dimension 1", 198)
    stat, typed = _statistic_and_outcome(kept, _CHOICES, _NOT_OK)
    if stat == "xb":
        if typed is not None:
            raise StataError("option outcome() not allowed with xb", 198)  # decided: slogit_p's xb has none
        return LinearIndex("Linear prediction")
    k = outcome_index(fit, typed) if typed is not None else 0
    K, others = fit.K, list(fit.others)
    names = tuple(f"phi1_{j + 1}:_cons" for j in others) + tuple(f"theta{j + 1}:_cons" for j in others)
    equations = tuple(Equation() for _ in names)

    def probability(eta, etas):
        index = np.zeros((len(eta), K))
        for i, j in enumerate(others):  # theta_j - phi_j x b; the base outcome's is 0
            index[:, j] = etas[len(others) + i] - etas[i] * eta
        return np.exp(index[:, k] - special.logsumexp(index, axis=1))

    return EquationsResponse(f"Pr({fit.spec.depvar}=={fit.spec.eq_names[k]})", probability, names, equations)


# ---------------------------------------------------------------------------------- rologit

def rologit_margins_prediction(options: str):
    from mlmcli.margins.response import STOCHASTIC, LinearIndex

    stat, _ = _statistic_and_outcome(options, (("xb", 2),), (("pr", 1), ("stdp", 4)),
                                  outcome_ok=False)
    if stat is None:  # the default statistic is pr
        raise StataError(STOCHASTIC, 498)
    return LinearIndex("Linear prediction")
