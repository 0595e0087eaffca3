"""fracpred's ``for(v)`` (twoway fpfit's ``predopts(for(v) [stdp])``) as fracpred.ado computes it
(1.2.2 01feb2010, Stata 12 and 13; 1.3.0 19feb2019 the same): pcalc and vcalc over v's own terms,
and e(V)'s row after the ``e(fp_fvl)`` terms read as the constant's whenever it exists:

    local nfvl: word count `e(fp_fvl)'
    local ncons=`nfvl'+1
    if missing(`V'[`ncons',`ncons']) | "`cmd'"=="ologit" | "`cmd'"=="oprobit" local ncons 0
    if `ncons'>0 replace `v'=`v'+`xb'_b[_cons]                      (pcalc)
    replace `v'=`v'+`V'[`ncons',`ncons']                             (vcalc, stdp)
    replace `v'=`v'+2*`V'[`ncons',`i']*`xi'

So pcalc is sum_j b_j Ix_j over v's terms plus ``_b[_cons]`` -- the first equation's constant
(streg.ado's Display itself tells "no constant term was estimated in the main equation" by
``capture di _b[_cons]``); without one fracpred stops with ``[_cons] not found`` r(111), and the
graph with it (twoway__fpfit_serset does not capture fracpred) -- and vcalc is
sqrt(Ix' V Ix + V[a,a] + 2 Ix' V[., a]), a that row (missing where the sum is negative: Stata's
sqrt of a negative number), whatever parameter it holds:

- nbreg and cnreg without a constant: nbreg's ``lnalpha:_cons`` (``lndelta:_cons`` with
  dispersion(constant)), cnreg's ``sigma:_cons`` (cnreg.ado's NewStripes: sigma itself); with
  ``vce(jackknife|bootstrap)`` the replicates' covariance of e(b) whole;
- cox with ``tvc()``: the first tvc coefficient (cox's e(b) is the main equation's terms, then
  the tvc equation's);
- streg (fp_fvl: the plot's y's terms and x) with ``strata(v)``: the first strata indicator
  (weibull_c.ado and the other streg programs append ``xi``'s ``_S*`` to the covariates, before
  ``_t:_cons``), otherwise ``_t:_cons`` (frac_154 refuses ``noconstant`` with streg).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import quadratic_form_rows

ANCILLARY_AFTER_TERMS = ("nbreg", "cnreg")


def check_for_without_constant(row_after_terms: bool, stdp: bool) -> None:
    """pcalc's ``_b[_cons]`` without a constant when e(V) has a row after the terms (nbreg's and
    cnreg's ancillary parameter, cox's tvc(): module docstring)."""
    if row_after_terms and not stdp:
        raise StataError("[_cons] not found", 111)


def fracpred_for(X: np.ndarray, b: np.ndarray, V: np.ndarray, columns: list[int], n_fvl: int,
                 constant: int | None, stdp: bool) -> np.ndarray:
    """for(v) at the rows of ``X`` (the first equation's columns in e(b)'s order): pcalc's value,
    or with ``stdp`` vcalc's standard error (module docstring).  ``columns``: v's terms; ``n_fvl``:
    the number of e(fp_fvl) terms, so e(V)'s row ``n_fvl`` (from 0) is ncons's; ``constant``:
    the column of the first equation's ``_cons`` in e(b), None without one."""
    V = np.asarray(V, float)
    ncons = n_fvl if V.shape[0] > n_fvl and np.isfinite(V[n_fvl, n_fvl]) else None
    design = X[:, columns]
    if not stdp:
        value = design @ np.asarray(b, float)[columns]
        if ncons is None:
            return value
        if constant is None:
            raise StataError("[_cons] not found", 111)
        return value + float(b[constant])
    rows = list(columns)
    if ncons is not None:
        design, rows = np.column_stack([design, np.ones(design.shape[0])]), rows + [ncons]
    with np.errstate(invalid="ignore"):
        return np.sqrt(quadratic_form_rows(design, V[np.ix_(rows, rows)]))
