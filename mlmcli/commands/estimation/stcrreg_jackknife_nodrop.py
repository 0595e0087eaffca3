"""stcrreg's ``vce(jackknife, nodrop n()|nocount)`` (and ``jackknife, nodrop n()|nocount:
stcrreg``) when the if/in rows include rows outside stcrreg's sample (stset's exclusions,
missing covariates, zero or missing stset weights).

jackknife.ado (9.13.0) marks its touse from the command's if/in (``mark touse cmdif cmdin``;
_vce_parserun hands stcrreg's if/in on as typed) and restricts it to e(sample) only when the
count is e(N) (``eclass``, typed or implied) or when ``nodrop`` is not typed
(``_prefix_check4esample``).  With nodrop and n() or nocount every if/in row (or cluster:
stset's id(), the prefix's cluster()) is a replicate:

- a replicate leaves out its rows that stcrreg uses (the others stcrreg drops anyway); one with
  none of them refits the full sample: b_(g) = b.  Under nocount it enters V as b; n(exp)
  compares its int(exp) with n0 less its if/in rows (the loop's nobs), which it fails (posted
  missing, ``n`` among the dots);
- clusters are counted over the if/in rows: a missing value there is "missing values not
  allowed in cluster variable v" r(459);
- stset fweights (_loop_jknife_fw): the replicates are ``summarize``'s r(N) of the frequency over
  the if/in rows, the first that many in data order (regress_jackknife.fweight_units: a row with
  a missing frequency takes a place and posts a missing multiplier, the last rows then have no
  replicate of their own); e(N) is n0 under n(), the if/in rows' frequencies summed under
  nocount; a zero frequency among them would be -1 in the loop's ``streset [fweight=]`` (not
  captured there; what stset does with it is not established): mlm's refusal;
- pweights (_loop_jknife_iw): V with (n-1)/n over every replicate; stcrreg rescales the
  pweights, so b_(g) does not see the loop's G/(G-1);
- e(N) (unweighted, pweights) the if/in rows, e(sample) all of them (jackknife.ado's
  ``ereturn post ..., esample(touse)``); keep's pseudovalues on them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError, insufficient_replicates


@dataclass(frozen=True)
class NodropUnits:
    """``touse`` the if/in rows; ``units`` each estimation row's replicate (-1: none of its own);
    ``count`` the replicates; ``sizes`` each one's if/in rows; ``frequencies`` each one's fweight
    (None without); ``codes`` each if/in row's replicate (-1 none); ``nobs`` jackknife.ado's
    nobs (saving()'s jk_N); ``N`` e(N) (None: n()'s n0 with fweights, known after the check)."""

    touse: np.ndarray
    units: np.ndarray
    count: int
    sizes: np.ndarray
    frequencies: np.ndarray | None
    codes: np.ndarray
    nobs: int
    N: float | None


def nodrop_units(ds, touse, sample, clustvar: str | None, weights, wkind: str, nfunc) -> NodropUnits | None:
    """The replicates of the if/in rows ``touse`` (module docstring); None when every one of them
    is in the estimation ``sample`` (nothing added)."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.regress_jackknife import fweight_units

    touse = np.asarray(touse, bool)
    if not np.any(touse & ~sample):
        return None
    if clustvar:
        values = ds.df[clustvar].to_numpy()[touse]
        missing = (values.astype(str) == "") if ds.is_string(clustvar) else ~np.isfinite(values.astype(float))
        if missing.any():
            raise StataError(f"missing values not allowed in cluster variable {clustvar}", 459)
        codes = group_codes(ds, clustvar, touse)
        count = int(codes.max()) + 1
        if count <= 2:
            raise StataError("jackknife requires more than 2 clusters", 459)
    else:
        codes, count = np.arange(int(touse.sum())), int(touse.sum())
    frequencies, nobs, N = None, int(touse.sum()), float(touse.sum())
    if wkind == "fweight":
        fw = np.asarray(weights, float)[touse]
        codes, count, frequencies, _ = fweight_units(fw, codes, count, clustvar)  # "constant within" first
        if np.any(np.isfinite(fw) & (fw <= 0)):
            raise StataError("vce(jackknife, nodrop) with a zero stset fweight among the if/in observations not "
                             "supported by mlmcli with stcrreg", 198)
        nobs = int(np.isfinite(fw).sum())
        N = float(np.nansum(fw)) if nfunc is None else None
    sizes = np.bincount(codes[codes >= 0], minlength=count)
    return NodropUnits(touse=touse, units=codes[sample[touse]], count=count, sizes=sizes,
                       frequencies=frequencies, codes=codes, nobs=nobs, N=N)


def nodrop_jackknife(session, settings: dict, b, refit, units: NodropUnits, w, wkind: str, current: list):
    """(V, e(N_reps), e(df_r)) over every replicate of ``units``; prints the dots.  ``refit`` the
    recorded refit (reject() and n() raise ValueError); ``w`` the estimation rows' stcrreg
    weights; ``current[0]`` set to the replicate refitted (n()'s left-out rows)."""
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.replicate_variance import jackknife_variance

    if settings.get("noisily"):
        raise StataError("vce(jackknife, nodrop noisily) with observations outside the estimation sample not "
                         "supported by mlmcli with stcrreg", 198)
    b = np.asarray(b, float)
    B = np.full((units.count, b.size), np.nan)
    marks: list = []
    fw = wkind == "fweight"
    for g in range(units.count):
        current[0] = g
        if fw:
            less = np.asarray(w, float) - (units.units == g)
            rows = np.flatnonzero(less > 0)
            frequencies = less[rows]
        else:
            rows, frequencies = np.flatnonzero(units.units != g), None
        try:
            x = np.asarray(refit(rows, np.zeros(rows.size), frequencies), float)
        except ValueError as err:  # a failed fit or reject(): x; n(): the loop's n
            marks.append("n" if str(err) == "n" else False)
            continue
        except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError, ArithmeticError):
            marks.append(False)
            continue
        B[g] = x
        marks.append(True)
    kind = "fweight" if fw else ("pweight" if wkind == "pweight" else None)
    summary = jackknife_variance(B, b, mse=settings["mse"], weight_kind=kind, frequencies=units.frequencies)
    dots = bootstrap_dots(marks, "stcrreg", units.count, settings["dots"], title="Jackknife")
    if dots:
        session.print(dots)
    session.jackknife_pending = {"n_misreps": int(units.count - summary.usable), "settings": settings}
    if not summary.sufficient:  # _jk_sum's Error2000
        raise insufficient_replicates("jackknife")
    return summary.V, summary.usable, summary.df_r
