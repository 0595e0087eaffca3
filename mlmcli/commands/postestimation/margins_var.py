"""margins' hook after ``var`` (var_p: e(marginsok) ``xb default``, e(marginsnotok) ``stdp Residuals``):

    xb [equation(eqno|eqname)]     x b of the equation (default the first)   "Linear prediction"

Every equation of a VAR has the same regressors (the lags of every dependent variable, exog(),
_cons), so margins' design is one equation's, read from e(b)'s names on e(sample)
(``margins_xb_only.coefficient_design``: ``L.y1 L2.y1 L.y2 ... _cons``), and the other equations
enter through ``margins_linear_systems`` as after sureg.  at(), over() and dydx() name the
regressors as Stata spells them (``L.y1``), as margins' covariates after var are e(b)'s.
stdp and residuals depend on more than e(b) (r(498)).  Stata 13's margins reads no
e(marginsdefault), so the default is predict's: xb of the first equation.  The Expression label
"Linear prediction" is margins' after sureg (decided without a Stata log of margins after var).
"""
from __future__ import annotations

from mlmcli.multivariate.linear_systems import LinearSystemModel


def var_margins_prediction(model, options: str):
    """The hook of var's fit (``VarModel``: its data, one equation's regressor names and
    ``margins_design``, the regressors' design on e(sample))."""
    from mlmcli.commands.postestimation.margins_linear_systems import linear_system_margins_prediction

    eqnames = [y.replace(".", "_") for y in model.data.endog]
    names = [f"{eq}:{n}" for eq in eqnames for n in model.names]
    system = LinearSystemModel(eqnames, list(model.data.endog), [model.margins_design] * len(eqnames), names)
    return linear_system_margins_prediction(system, options)


def var_margins_design(dataset, names, sample):
    """The design margins rebuilds after var (None when e(b)'s names are not plain covariates)."""
    from mlmcli.commands.postestimation.margins_xb_only import coefficient_design

    return coefficient_design(dataset, list(names), sample)
