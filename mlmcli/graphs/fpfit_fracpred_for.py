"""fracpred's ``for(x)`` after ``fracpoly nbreg|cnreg ..., noconstant`` (twoway fpfit's
``predopts(for(x))``), as fracpred.ado (1.2.2 01feb2010, Stata 12 and 13) computes it:

    local nfvl: word count `e(fp_fvl)'
    local ncons=`nfvl'+1
    if missing(`V'[`ncons',`ncons']) | "`cmd'"=="ologit" | "`cmd'"=="oprobit" local ncons 0

e(V) after nbreg and cnreg has a row after the terms even without a constant: nbreg's
``lnalpha:_cons`` (``lndelta:_cons`` with dispersion(constant)), cnreg's ``sigma:_cons`` (cnreg.ado's
NewStripes: sigma itself, not its log).  So ncons is that row, and

- without ``stdp`` pcalc adds ``_b[_cons]``, which names the first equation's constant, absent:
  fracpred stops with ``[_cons] not found`` r(111), and twoway with it (twoway__fpfit_serset does
  not capture fracpred);
- with ``stdp`` vcalc computes sqrt(sum_ij V[i,j] Ix_i Ix_j + V[a,a] + 2 sum_i V[a,i] Ix_i), a the
  ancillary parameter's row: the centred terms' variance plus the ancillary parameter's variance
  and twice its covariances with the terms, as if it were a constant (missing where that sum is
  negative: Stata's sqrt of a negative number).  With ``vce(jackknife|bootstrap)`` that row is the
  replicates' covariance of e(b) whole, ln alpha (sigma) included, as jackknife.ado and bootstrap
  post it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import quadratic_form_rows

ANCILLARY_AFTER_TERMS = ("nbreg", "cnreg")


def check_for_without_constant(command: str, stdp: bool) -> None:
    """pcalc's ``_b[_cons]`` without a constant in the first equation (module docstring)."""
    if command in ANCILLARY_AFTER_TERMS and not stdp:
        raise StataError("[_cons] not found", 111)


def for_stdp_reading_ancillary(centred: np.ndarray, V_full: np.ndarray) -> np.ndarray:
    """vcalc's sqrt(.) with e(V)'s row after the k terms read as the constant's (``V_full``: the
    terms' and the ancillary parameter's covariance, that parameter last)."""
    k = centred.shape[1]  # vce(jackknife|bootstrap): the replicates cover the ancillary parameter too
    design = np.column_stack([centred, np.ones(centred.shape[0])])
    v = quadratic_form_rows(design, np.asarray(V_full, float)[:k + 1, :k + 1])
    with np.errstate(invalid="ignore"):
        return np.sqrt(v)
