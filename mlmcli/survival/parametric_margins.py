"""margins after ``streg``: streg_p's statistics as functions of the _t equation's linear
predictor eta = x b (+ the offset) and the constant ancillary parameters a (``ln_p``,
``ln_sig``, ``gamma``, ``kappa``; ``ln_the`` when the predictions integrate over a frailty):

    median time (predict's default), median lntime, mean time, mean lntime, hazard (at each
    row's _t), surv (S(_t)/S(_t0)), hr (hazard form), xb.

Stata marks streg's results ``marginsprop nochainrule``: margins differentiates the
prediction numerically rather than through the chain rule of the linear predictors.  So does
this hook (``numeric_derivatives``): dp/deta and dp/da per row by Richardson-extrapolated
central differences, D = (4 D(h/2) - D(h)) / 3 (error O(h^4)); the engine then takes
derivatives in the covariates numerically too.  The residuals (csnell, mgale, deviance and
their cumulative forms), csurv (a product over a subject's records), stdp and the scores are
refused as stochastic predictions.  With ancillary(), anc2() or strata() an ancillary
equation has covariates: its linear predictor z g is built on each row under margins'
setting (``DesignOnRows.matrix`` of the equation's columns, so at() and the marginlist's
levels set its covariates too), a holds its coefficients g, and dp/dg_j = dp/d(z g) z_j.
"""
from __future__ import annotations

import copy

import numpy as np

STOCHASTIC_STATISTICS = ("stdp", "csurv", "csnell", "ccsnell", "mgale", "cmgale", "deviance")
STEP = 1e-3  # difference step in eta and in the (log-scale) ancillary parameters


class StregResponse:
    """margins' prediction (``estimation.interface.MarginsPrediction``) of one streg_p statistic."""

    linear = False
    numeric_derivatives = True  # streg's marginsprop nochainrule

    def __init__(self, model, statistic: str, label: str, ancillary: tuple[str, ...], offset_var: str | None,
                 aux_recipes=None, frailty: bool = False):
        self.model, self.statistic, self.label = model, statistic, label
        self.ancillary = ancillary
        self.offset_var = offset_var
        # each ancillary equation's column recipes (None: a constant), in the order of its
        # coefficients in ``ancillary``; then ln_the when ``frailty``
        self.aux_recipes = list(aux_recipes) if aux_recipes is not None else [None] * len(model.dist.aux)
        self.frailty = frailty

    def value(self, eta, aux_etas, log_theta=None, t=None, t0=None) -> np.ndarray:
        """The statistic on every row at linear predictor ``eta``, the ancillary equations'
        linear predictors ``aux_etas`` and ln theta of the frailty (None: none)."""
        model = self.model
        eta = np.asarray(eta, float)
        if log_theta is not None:  # the frailty variance enters unconditional predictions
            model = copy.copy(model)
            model.frailty_theta = float(np.exp(log_theta))
        eqs = [eta] + [np.broadcast_to(np.asarray(e, float), eta.shape) for e in aux_etas]
        stat = self.statistic
        with np.errstate(all="ignore"):
            if stat == "xb":
                return eta
            if stat == "hr":
                return np.exp(eta)
            if stat in ("median time", "median lntime"):
                out = model.median(eqs)
                return np.log(out) if stat == "median lntime" else out
            if stat == "mean time":
                return model.dist.mean_time(eqs, model.aft)
            if stat == "mean lntime":
                return model.dist.mean_log_time(eqs, model.aft)
            if stat == "hazard":
                return np.exp(model.log_hazard(t, eqs))
            ls = model.log_survivor(t, eqs)  # surv
            ls0 = np.where(t0 > 0, model.log_survivor(np.where(t0 > 0, t0, 1.0), eqs), 0.0)
            return np.exp(ls - ls0)

    def response(self, eta, a=None):
        if any(r is not None for r in self.aux_recipes) or self.statistic in ("hazard", "surv"):
            raise ValueError("streg's prediction reads the rows: call row_response")
        return self._derivatives(eta, a, None, None, None)

    def row_response(self, design, setting, eta, a):
        """The statistic and its derivatives on the rows (their _t, _t0, offset and the
        ancillary equations' covariates under ``setting``)."""
        eta = np.asarray(eta, float)
        if self.offset_var:
            eta = eta + np.asarray(design.observed(self.offset_var), float)
        t = t0 = None
        if self.statistic in ("hazard", "surv"):
            t = np.asarray(design.observed("_t"), float)
            t0 = np.asarray(design.observed("_t0"), float)
        Z = [None if r is None else design.matrix(setting, r) for r in self.aux_recipes]
        return self._derivatives(eta, a, Z, t, t0)

    def _derivatives(self, eta, a, Z, t, t0):
        a = np.zeros(0) if a is None else np.asarray(a, float)
        Z = Z or [None] * len(self.aux_recipes)
        eta = np.asarray(eta, float)
        # a number when every covariate is fixed (atmeans) and the statistic reads no rows: computed
        # on one row, returned as a number, as the engine averages numbers
        shape = eta.shape
        for extra in [t] + [z[:, 0] for z in Z if z is not None]:
            shape = shape if extra is None else np.broadcast_shapes(shape, np.shape(extra))
        eta = np.broadcast_to(eta, shape if shape else (1,)).astype(float)
        p, d1, da = self._on_rows(eta, a, Z, t, t0)
        if not shape:
            return p[0], d1[0], None, (None if da is None else da[0]), None
        return p, d1, None, da, None

    def _on_rows(self, eta, a, Z, t, t0):
        """p, dp/deta and dp/da on the rows: a = each ancillary equation's coefficients (one
        for a constant equation), then ln theta."""
        aux_etas, slices, at = [], [], 0
        for z in Z:
            k = 1 if z is None else z.shape[1]
            g = a[at:at + k]
            aux_etas.append(np.full(eta.shape, g[0]) if z is None else z @ g)
            slices.append(slice(at, at + k))
            at += k
        log_theta = a[at] if self.frailty else None

        def value(d_eta=0.0, d_aux=None, d_theta=0.0):
            shifted = [e + (0.0 if d_aux is None or d_aux[0] != k else d_aux[1]) for k, e in enumerate(aux_etas)]
            return self.value(eta + d_eta, shifted, None if log_theta is None else log_theta + d_theta, t, t0)

        def central(step_of):
            def diff(h):
                return (value(**step_of(h)) - value(**step_of(-h))) / (2 * h)
            return (4 * diff(STEP / 2) - diff(STEP)) / 3

        p = value()
        d1 = central(lambda h: {"d_eta": h})
        if not len(a):
            return p, d1, None
        da = np.zeros(eta.shape + (len(a),))
        for k, z in enumerate(Z):  # dp/dg_j = dp/d(z g) z_j
            g_k = central(lambda h, k=k: {"d_aux": (k, h)})
            da[..., slices[k]] = g_k[..., None] * (1.0 if z is None else z)
        if self.frailty:
            da[..., at] = central(lambda h: {"d_theta": h})
        return p, d1, da
