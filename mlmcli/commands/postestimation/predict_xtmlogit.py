"""``predict`` and margins' predictions after ``xtmlogit`` ([XT] xtmlogit postestimation):

    predict [type] newvar [if] [in] [, pr pu0 xb stdp outcome(outcome)]
    predict [type] {stub*|newvar1 ... newvarK} [if] [in] [, pr pu0]

``pr`` (the default after ``re``): the marginal probability of the outcome, the random
intercepts integrated out; ``pu0`` (the default after ``fe``, the only probability there): the
probability with the panel effects at zero; ``xb``/``stdp``: the outcome equation's linear
prediction and its standard error.  With one new variable the outcome is ``outcome()``'s (#k,
a value or an equation name; the first outcome without it), with K new variables (or ``stub*``)
one per outcome.  margins: the same statistics; its default is the first outcome's pr (re) or
pu0 (fe), and after ``re`` e(b)'s variance parameters enter pr's derivatives as margins'
ancillary parameters.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.commands.postestimation.margins_choice_models import outcome_equations_prediction
from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_glm import expand_new_range
from mlmcli.commands.postestimation.predict_mlogit import outcome_index
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.panel.multinomial_panel_fit import PanelMultinomialFit
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_OPTS = [OptionSpec("pr", 2), OptionSpec("pu0", 3), OptionSpec("xb", 2), OptionSpec("stdp", 4),
         OptionSpec("outcome", 1, takes_arg=True), OptionSpec("scores", 2)]
_ORDER = ("pr", "pu0", "xb", "stdp", "scores")
_NOT_OK = (("stdp", 4), ("scores", 2))


@dataclass
class XtMlogitFit(PanelMultinomialFit):
    """xtmlogit's fit with margins' hooks; ``margins_design`` the covariates' design."""

    margins_design: object = None

    def margins_prediction(self, options: str):
        stat, outcome = _margins_statistic(options, self.kind)
        if stat in ("xb", "pu0") or self.kind == "fe":
            statistics = (("pu0", 3), ("xb", 2)) if stat == "pu0" or self.kind == "fe" else (("xb", 2),)
            text = " ".join(w for w in (stat if stat != "pu0" else "", f"outcome({outcome})" if outcome else "") if w)
            return outcome_equations_prediction(self, text, self.margins_design,
                                                lambda index: self.probabilities_of(index, "pu0"), _NOT_OK,
                                                statistics)
        return self._marginal_pr(outcome)

    def _marginal_pr(self, typed):
        """Pr(y = k) integrated over u: the first free outcome's index is margins' linear
        index, the other outcomes' equations and e(b)'s variance parameters ancillary."""
        from mlmcli.margins.equations import Equation, EquationsResponse

        spec, design = self.spec, self.margins_design
        k = outcome_index(self, typed) if typed is not None else 0
        free = [j for j in range(spec.K) if j != spec.base]
        first, others = free[0], free[1:]
        names = tuple(f"{spec.eq_names[j]}:{c}" for j in others for c in design.column_names)
        names += tuple(self.variance_names())
        equations = tuple(Equation(tuple(design.recipes)) for _ in others)
        equations += tuple(Equation(None) for _ in self.gamma)
        m = len(others)

        def probability(eta, etas):
            index = np.zeros((len(eta), spec.K))
            index[:, first] = eta
            for j, e in zip(others, etas[:m]):
                index[:, j] = e
            gamma = np.array([np.asarray(g, float).ravel()[0] for g in etas[m:]])
            return self.probabilities_of(index, "pr", gamma)[:, k]

        return EquationsResponse(f"Pr({spec.depvar}=={spec.eq_names[k]})", probability, names, equations)

    def margins_first_equation(self) -> str:
        return self.spec.eq_names[[j for j in range(self.spec.K) if j != self.spec.base][0]]


def _margins_statistic(options: str, kind: str):
    """(statistic, outcome text or None) of margins' predict(): pr (re) or pu0 by default."""
    from mlmcli.commands.postestimation.margins_choice_models import statistic_and_outcome

    allowed = (("pr", 2), ("pu0", 3), ("xb", 2)) if kind == "re" else (("pu0", 3), ("xb", 2))
    stat, outcome = statistic_and_outcome(options or "", allowed, _NOT_OK)
    return stat or ("pr" if kind == "re" else "pu0"), (str(outcome).strip() if outcome is not None else None)


def _label(fit, stat: str, k: int) -> str:
    name, y = fit.spec.eq_names[k], fit.spec.depvar
    if stat == "pr":
        return f"Pr({y}=={name})"
    if stat == "pu0":
        return f"Pr({y}=={name}) assuming u_i=0"
    return ("Linear prediction" if stat == "xb" else "S.E. of linear prediction") + f", {y}=={name}"


def predict_xtmlogit(session, e, cmd) -> None:
    fit, opts = e.model, resolve_options(cmd.options, _OPTS)
    stats = [s for s in _ORDER if s in opts]
    if len(stats) > 1:
        raise StataError(f"only one of {' or '.join(stats)} is allowed", 198)
    rows, K = rows_selected(session, cmd), fit.spec.K
    default = "pr" if fit.kind == "re" else "pu0"
    stat = stats[0] if stats else default
    if stat == "scores":
        raise StataError("option scores not supported by mlmcli after xtmlogit", 198)
    if stat == "pr" and fit.kind == "fe":
        raise StataError("option pr not allowed after fe; use pu0", 198)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    vtype, names, stub = parse_new_varlist(expand_new_range(cmd.args))
    if stub is not None:
        names = [f"{stub}{k + 1}" for k in range(K)]
    typed = opts.get("outcome")
    if not stats:
        session.print(f"(option {default} assumed; predicted probabilit" + ("y)" if typed is not None or len(names) == 1
                                                                            else "ies)"))
    if len(names) > 1:
        if typed is not None or stat in ("xb", "stdp"):
            raise StataError(f"option {stat} requires that you specify 1 new variable", 103)
        if len(names) != K:
            few = len(names) < K
            raise StataError(f"{'too few' if few else 'too many'} variables specified\n{fit.spec.depvar} has {K} "
                             f"outcomes and so you must specify {K} new variables, or you can use the outcome() "
                             "option and specify variables one at a time", 102 if few else 103)
        for name in names:
            check_new_name(session.data, name)
        X = PredictionRows(session, e).fixed_design()
        P = np.full((X.shape[0], K), np.nan)
        ok = np.isfinite(X).all(axis=1) & rows
        if ok.any():
            P[ok] = fit.probabilities_at(X[ok], stat)
        for k, name in enumerate(names):
            store_prediction(session, name, P[:, k], vtype, _label(fit, stat, k))
        return
    check_new_name(session.data, names[0])
    k = outcome_index(fit, typed) if typed is not None else 0
    values = fit.predict(stat, PredictionRows(session, e), outcome=k)
    store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, _label(fit, stat, k))
