"""streg's ``from()``: ml's starting values as the Stata 13 ados hand them to ``ml model``
(and, without from(), gamma.ado's own ``init()``: ``ado_start``).

from() is ml's init(): ``matname [, skip]``, ``[eq:]name = # ...`` (``/ln_p`` is
``[ln_p]_cons``) or ``# ... , copy`` (``graphs.fpfit_ml_start.read_from``), over ml's
parameters ``_t:<covariates> _t:_cons`` then the ancillary equations (``ln_p``, ``gamma``,
``ln_sig``, ``ln_gam``, ``kappa``).  A name the model lacks without ``skip`` is ml_init's
``parameter eq:name not found`` r(111), a copy of another length r(503).  How each ado reads it:

- weibull without noconstant, offset(), strata() or ancillary() runs weibull_s, whose
  ``AdjFrom`` reads from() in the metric reported (the time form, or the hazard form) and
  requires ln_p's value (``must specify a value of ln_p:_cons in from()`` r(498)); with from()
  it fits no constant-only model (its ``if "`from'"=="" ...``), so ml has no ``lf0()`` nor
  ``continue`` and the model test is the Wald test of the _t slopes (no e(ll_0)), the log only
  ``Fitting full model:``.
- the other weibull fits (weibull_c), lnormal, llogistic and gamma fit the constant-only model
  as usual and hand ``init(from)`` to the full model's ml with ``continue``: the LR test stays
  and from() is in the metric ml fits, the one reported (weib1_lf/weib2_lf: time or hazard).
- ereg hands ``init(from)`` to ml, which fits ereg_lf's hazard metric and flips b to the time
  form afterwards unless the time form has an offset (ereg2_lf's time metric): so with the
  plain time form the _t values typed are the hazard metric's (b_t = -b_h); its ``lf0()`` (the
  closed-form constant-only fit) stays, so does the LR test.  gompertz: its one (hazard) metric.

Values from() does not give start where mlm would start them (ml would start them at 0):
starting values change ml's path, not the maximum it reaches.  Refused: with frailty()
(weibullhet and the others fit no model without frailty then), constraints() (weibull_s's
constrained metric) and vce(bootstrap|jackknife) (each replicate's start).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class TypedStart:
    values: np.ndarray   # at ml's parameters, nan where from() gives none, in the fit's metric
    skips_null: bool     # weibull_s: no constant-only fit, the Wald test

    def theta(self, data, default) -> np.ndarray:
        """The full model's starting vector: the typed values, ``default`` (or the fit's own
        start) elsewhere."""
        from mlmcli.survival.parametric_fit import start_values

        base = np.asarray(default if default is not None else start_values(data), float)
        return np.where(np.isfinite(self.values), self.values, base)


def _is_ln_p(ref: str) -> bool:
    from mlmcli.postest.wald import CoefIndex

    eq, name = CoefIndex.parse_ref(ref)
    return eq == "ln_p" and name == "_cons"


def typed_start(session, opts, dist, aft, design, aux_designs, offset_var, frailty, request, cns, names):
    """from()'s ``TypedStart`` (None when not typed) over ml's parameters ``names``
    (``streg.parameter_names``); StataError where Stata stops on it."""
    from mlmcli.graphs.fpfit_ml_start import read_from, start_at

    text = opts.get("from")
    if text is None:
        return None
    for other, typed in (("frailty", frailty), ("constraints", cns is not None),
                         ("vce(bootstrap|jackknife)", request is not None)):
        if typed:
            name = other if "(" in other else other + "()"
            raise StataError(f"option from() with {name} not supported by mlmcli", 198)
    start = read_from(session, str(text))
    if start[0] == "names":  # ml's /name is [name]_cons
        start = ("names", tuple((f"[{r[1:]}]_cons" if r.startswith("/") else r, v) for r, v in start[1]), start[2])
    weibull_s = (dist.name == "weibull" and not opts.get("noconstant") and offset_var is None
                 and not opts.get("strata") and all(d is None for d in aux_designs))
    if weibull_s and start[0] == "names" and not any(_is_ln_p(ref) for ref, _ in start[1]):
        raise StataError("must specify a value of ln_p:_cons in from()", 498)  # AdjFrom
    values = start_at(start, names)
    if dist.name == "exponential" and aft and offset_var is None:  # ereg_lf's hazard metric typed
        k = design.X.shape[1]
        values[:k] = -values[:k]
    return TypedStart(values, weibull_s)


def ado_start(data, constant_only_fit: bool, constant: bool):
    """The start an ado hands its ``ml model`` without from() where mlm follows it, else None
    (``parametric_fit.start_values``).  gamma.ado (version 1.7.5): cval = -ln(sum _d / sum _t)
    over the sample's records (its unweighted ``summ``, _t not _t - _t0); the constant-only
    fit ``init(_cons=cval /ln_sig=0 /kappa=1)`` less the offset's mean, search(off), the full
    model then continuing from it; without a constant-only fit (no covariates, noconstant)
    ``init(_cons=cval /ln_sig=1 /kappa=1)`` or ``init(/ln_sig=1 /kappa=1)``."""
    from mlmcli.survival.parametric_fit import constants_start

    if data.distribution != "gamma":
        return None
    failures, total = float(data.d.sum()), float(data.t.sum())
    cval = -np.log(failures / total) if failures > 0 and total > 0 else 0.0
    if constant_only_fit:
        offset = float(np.mean(data.offset)) if data.offset is not None else 0.0
        return constants_start(data, [cval - offset, 0.0, 1.0])
    return constants_start(data, [cval if constant else 0.0, 1.0, 1.0])
