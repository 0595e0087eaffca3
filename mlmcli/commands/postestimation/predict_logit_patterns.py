"""``predict`` after ``logit``/``logistic``: logit_p's covariate-pattern statistics.

    predict [type] newvar [if] [in], {number|residuals|rstandard|hat|dbeta|dx2|ddeviance|deviance} [nooffset]

On the estimation sample only (missing elsewhere), by covariate pattern (``mlmcli.glm.
pattern_statistics``), with logit_p's labels: ``covariate pattern``, ``Pearson residual``,
``standardized Pearson residual``, ``leverage``, ``Pregibon's dbeta``, ``H-L dX^2``, ``H-L dD``,
``deviance residual`` (``weighted `` before Pearson residual, leverage and deviance residual
under fweights; other weights: ``not possible with pweights`` r(135), except for ``number``).
As logit_p, ``ddeviance`` is computed on the whole estimation sample whatever the if/in
(its ``predict ..., deviance`` and ``hat`` calls take no if/in).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows

PATTERN_STATISTICS = ("number", "residuals", "rstandard", "hat", "dbeta", "dx2", "ddeviance", "deviance")
LABELS = {"number": "covariate pattern", "residuals": "Pearson residual",
          "rstandard": "standardized Pearson residual", "hat": "leverage", "dbeta": "Pregibon's dbeta",
          "dx2": "H-L dX^2", "ddeviance": "H-L dD", "deviance": "deviance residual"}
WEIGHTED_LABELS = ("residuals", "hat", "deviance")  # logit_p's `lab' prefix


def predict_pattern_statistic(session, e, cmd, stat: str, opts: dict, rows: np.ndarray) -> None:
    """One statistic of the module docstring into a new variable."""
    from mlmcli.glm.covariate_patterns import CovariatePatterns
    from mlmcli.glm.pattern_statistics import covariate_variables, pattern_statistic

    if "outcome" in opts:
        raise StataError("option outcome() not allowed", 198)
    vtype, name = one_new_variable(session, cmd)
    wtype = e.macros.get("wtype", "")
    if stat != "number" and wtype and wtype != "fweight":
        raise StataError(f"not possible with {wtype}s", 135)
    prows = PredictionRows(session, e)
    keys = np.column_stack([prows.variable(v) for v in covariate_variables(e.coefficients().names)]
                           or [np.zeros(prows.n)])
    sample = e.sample_mask(session.data)
    w = None
    if wtype == "fweight":
        from mlmcli.commands.estimation.common import evaluate_weight

        w = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)
    nooffset = bool(opts.get("nooffset"))
    p = e.model.predict("pr", prows, nooffset=nooffset)
    stdp = e.model.predict("stdp", prows) if stat not in ("number", "residuals", "deviance") else None
    values = pattern_statistic(stat, CovariatePatterns(keys, prows.depvar(), p, sample, w), stdp)
    if stat != "ddeviance":
        values = np.where(rows & sample, values, np.nan)
    label = ("weighted " if wtype == "fweight" and stat in WEIGHTED_LABELS else "") + LABELS[stat]
    store_prediction(session, name, values, vtype, label)
