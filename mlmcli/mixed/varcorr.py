"""What a fitted linear mixed model tells postestimation (a mixin of ``MixedFit``).

As lme4's ``VarCorr``/``getME``/``fixef`` and MixedModels.jl's ``VarCorr``/``fixef``:

- ``re_covariance(k)`` = sigma^2 Lambda_k Lambda_k', the covariance matrix of term k's
  random effects (Lambda_k: the term's relative covariance factor at theta^);
- ``residual_variance()`` = sigma^2; ``response()`` = y, ``model_matrix()`` = X (estimable
  columns), ``fixef()`` = beta^, all over the estimation sample;
- ``predict(statistic, rows)`` on the data in memory, with x the fixed-effects row and
  z_k, u_k a term's covariates and empirical Bayes predictions of the row's group:

      xb = x beta^,  stdp = sqrt(x V(beta^) x'),  fitted = xb + sum_k z_k u_k
      (terms from the top down to ``relevel`` only), residuals = y - fitted,
      rstandard = residuals / sigma (estimation sample only).

These methods implement ``mlmcli.estimation.interface.MultilevelFit``.
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..postest.linear_prediction import linear_prediction, prediction_se


class MixedFitQueries:
    """Methods of ``MixedFit`` for postestimation (fields: spec, model, theta, sigma2, beta, V_beta)."""

    def re_terms(self):
        return self.spec.terms

    def re_covariance(self, k: int) -> np.ndarray:
        lam = self.model.lambdas(self.theta)[k]
        with np.errstate(over="ignore", invalid="ignore"):  # y ~ 1e150: sigma^2 ~ 1e300
            cov = self.sigma2 * (lam @ lam.T)
        return np.where(np.isfinite(cov), cov, np.nan)  # past the largest double: missing

    def residual_variance(self) -> float:
        return self.sigma2

    def response(self) -> np.ndarray:
        if self.spec.group_sums is not None:  # fitted from lazy data: no rows
            from .group_sums import rows_not_held
            raise rows_not_held("this postestimation command")
        return self.spec.y

    def model_matrix(self) -> np.ndarray:
        if self.spec.group_sums is not None:
            from .group_sums import rows_not_held
            raise rows_not_held("this postestimation command")
        return self.model.X

    def fixef(self) -> np.ndarray:
        return self.beta

    def has_weights(self) -> bool:
        spec = self.spec
        return spec.fweight is not None or spec.pweight is not None or any(
            t.fweight is not None or t.pweight is not None for t in spec.terms)

    def margins_prediction(self, options: str):
        """margins' hook (``estimation.interface.MarginsFit``): the fixed portion x b."""
        from ..margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction, fixed portion", ("xb",),
                                     ("stdp", "fitted", "residuals", "rstandard", "reffects", "reses", "scores"))

    def predict(self, statistic: str, rows) -> np.ndarray:
        if statistic == "xb":
            return linear_prediction(rows.fixed_design(), self.beta)
        if statistic == "stdp":
            return prediction_se(rows.fixed_design(), self.V_beta)
        if statistic not in ("fitted", "residuals", "rstandard"):
            raise StataError(f"option {statistic} not allowed", 198)
        groups = rows.groups()  # first: r(459) when the estimation data are gone
        out = linear_prediction(rows.fixed_design(), self.beta)
        preds = self.blups()
        terms = list(self.spec.terms)
        last = len(terms)
        if rows.relevel is not None:
            # levels from the top down to relevel (xtmixed_p.ado: BlupList)
            last = max(k for k, t in enumerate(terms)
                       if (t.levelvar if not t.crossed_factor else "_all") == rows.relevel) + 1
        for k in range(last):
            code = groups.codes[k]
            known = code >= 0
            factor = getattr(terms[k], "factor", None)
            fvals = rows.variable(factor[2:]) if factor else None
            for j, zname in enumerate(terms[k].names):
                if factor:  # indicator columns ``<level>.x`` of an R.x term
                    z = (fvals == float(zname.split(".", 1)[0])).astype(float)
                else:
                    z = np.ones(rows.n) if zname == "_cons" or zname.startswith("R.") else rows.variable(zname)
                u = np.full(rows.n, np.nan)
                u[known] = preds[k].modes[code[known], j]
                out = out + u * z
        if statistic == "fitted":
            return out
        resid = rows.depvar() - out
        if statistic == "rstandard":
            return np.where(groups.sample, resid / np.sqrt(self.sigma2), np.nan)
        return resid
