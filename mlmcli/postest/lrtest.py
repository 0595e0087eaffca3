"""Likelihood-ratio tests between two estimation results (``lrtest``).

LR chi2 = -2 (ll_restricted - ll_unrestricted) with df = df_u - df_r, the
difference in the number of estimated parameters (e(rank)); p = chi2tail(df,
LR).  As Stata's lrtest, the model with more parameters is taken as the
unrestricted one, whatever order the names were typed in.  For mixed models
that differ in their random-effects variance parameters the test is
conservative (the null is on the boundary of the parameter space; Self &
Liang 1987), which Stata notes under the result.  The same nesting checks and
note apply to the me commands (lrtest.ado's ``e(mecmd)`` models), and a negative
binomial model against a Poisson one (e(model) ``nbinomial`` vs ``Poisson``, menbreg
vs mepoisson) is noted as conservative too: the dispersion's null is on the boundary.
Reference: Stata [R] lrtest; lrtest.ado 4.4.1.

"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import chi2 as chi2_dist
from mlmcli.errors import StataError
from mlmcli.results.postestimation import LRTestResult

MIXED_CMDS = ("mixed", "xtmixed")


@dataclass(frozen=True)
class ModelInfo:
    """What lrtest needs from one set of estimation results."""

    name: str  # stored name or "." for the active results
    cmd: str
    nobs: int
    ll: float
    df: int  # e(rank): number of estimated parameters
    depvar: str = ""
    method: str = ""  # ML | REML for mixed
    k_f: int | None = None
    k_rs: int | None = None
    k_rc: int | None = None
    wtype: str = ""
    vcetype: str = ""
    clustvar: str = ""
    crittype: str = ""
    sample: np.ndarray | None = None  # bool mask over the dataset rows
    multilevel: bool = False  # e(mecmd) posted: mixed and the me commands
    model: str = ""  # e(model) of a multilevel fit: Poisson, nbinomial, logistic ...


def _check_valid(m: ModelInfo) -> None:
    if m.vcetype.lower() == "robust":
        raise StataError("LR test likely invalid for models with robust vce", 498)
    if m.clustvar:
        raise StataError(f"LR test likely invalid with cluster({m.clustvar})", 498)
    if m.wtype == "pweight":
        raise StataError("LR test invalid in case of pweighted estimators", 498)
    if m.crittype == "log pseudolikelihood":
        raise StataError("LR test likely invalid with log pseudolikelihoods", 498)
    if m.ll is None or not np.isfinite(m.ll):
        raise StataError(f"{m.name}: e(ll) is missing", 498)


def _multilevel(m: ModelInfo) -> bool:
    return m.multilevel or m.cmd in MIXED_CMDS


def _negbin_vs_poisson(a: ModelInfo, b: ModelInfo) -> bool:
    """lrtest.ado's k1/k2: a negative binomial me model against a Poisson one (``model``
    is e(model) of a multilevel fit only, as lrtest.ado's GetInfo reads it)."""
    return {a.model, b.model} == {"nbinomial", "Poisson"}


def likelihood_ratio_test(a: ModelInfo, b: ModelInfo, *, force: bool = False,
                          df: float | None = None) -> LRTestResult:
    """Test ``a`` against ``b`` (either may be the restricted one).

    Refusals (r(498)) as Stata's lrtest unless ``force``: robust/clustered/
    pweighted fits, equal or reversed df, mixed models that are not nested
    (fewer fixed or random parameters in the bigger model), ML vs REML, REML
    fits with different fixed effects, different N or samples, different
    estimators or dependent variables.
    """
    if not force:
        _check_valid(a)
        _check_valid(b)
    unres, res = (a, b) if a.df >= b.df else (b, a)
    tdf = unres.df - res.df if df is None else df
    conservative = reml_note = False
    if not force:
        if tdf == 0:
            raise StataError(f"df(unrestricted) = df(restricted) = {unres.df}", 498)
        if _multilevel(unres) and _multilevel(res):
            ku = (unres.k_f or 0, unres.k_rc or 0, unres.k_rs or 0)
            kr = (res.k_f or 0, res.k_rc or 0, res.k_rs or 0)
            if any(u < r for u, r in zip(ku, kr)):
                raise StataError("Mixed models are not nested", 498)
            if unres.method != res.method:
                raise StataError("cannot compare a REML model with an ML model", 498)
            if unres.method == "REML":
                if unres.k_f != res.k_f:
                    raise StataError("REML criterion is not comparable under different "
                                     "fixed-effects specifications", 498)
                reml_note = True
            if unres.k_rs != res.k_rs:
                conservative = True
        if unres.nobs != res.nobs:
            raise StataError(f"observations differ: {unres.nobs} vs. {res.nobs}", 498)
        su, sr = unres.sample, res.sample
        if su is not None and sr is not None and len(su) == len(sr) and not np.array_equal(su, sr):
            raise StataError("samples differ", 498)
        if unres.cmd != res.cmd:
            raise StataError(f"test involves different estimators: {unres.cmd} vs. {res.cmd}", 498)
        if unres.depvar and res.depvar and unres.depvar.split() != res.depvar.split():
            raise StataError(f"dependent variables differ: {unres.depvar} vs. {res.depvar}", 498)
    elif _multilevel(unres) and _multilevel(res) and unres.k_rs != res.k_rs:
        conservative = True
    if _negbin_vs_poisson(unres, res):  # set before lrtest.ado's checks, force or not
        conservative = True
    stat = -2.0 * (res.ll - unres.ll)
    p = float(chi2_dist.sf(stat, tdf)) if tdf > 0 else float("nan")
    return LRTestResult(float(stat), int(tdf) if float(tdf).is_integer() else tdf, p,
                        res.name, unres.name, conservative, reml_note)
