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
  nocount.  A zero frequency among them is -1 in the loop's ``quietly streset [fweight=wvar]``,
  which the loop does not capture: st_set marks its sample with ``mark goodwgt `ifif' [fw=]``
  (stset's ``if exp`` only), and [P] mark's rule 2 ("everything stops if weight is invalid (such
  as being less than 0 in some observation ...)") stops jackknife there: the dots so far, then
  "negative weights encountered" r(402) (``stops``).  On a row outside stset's ``if exp`` the -1
  is not looked at: stset leaves the row out as before, the replicate refits the sample (b),
  n() fails it and under nocount its multiplier (``summarize``'s r(max), 0 again) leaves it out
  of _jk_sum's ``[fw=]`` sums (marksample drops zero weights: e(N_misreps) counts it);
- pweights (_loop_jknife_iw): V with (n-1)/n over every replicate; stcrreg rescales the
  pweights, so b_(g) does not see the loop's G/(G-1);
- e(N) (unweighted, pweights) the if/in rows, e(sample) all of them (jackknife.ado's
  ``ereturn post ..., esample(touse)``); keep's pseudovalues on them;
- ``noisily``: jackknife.ado's first call and title, then each replicate's echoed line and
  stcrreg's output on its rows (``replicate_noisily.ReplicatePrinter``): a replicate of rows
  outside the sample prints the full sample's fit; the loop's messages after a failing fit or
  reject(), none after n()'s failure (the loop's ``bad 3`` is silent).  With stset weights the
  loops rescale them, which the echoed line cannot show: mlm's refusal, as without nodrop.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.commands.estimation.common import values_and_missing
from mlmcli.commands.estimation.replicate_noisily import PostedMissing
from mlmcli.errors import StataError, insufficient_replicates


@dataclass(frozen=True)
class NodropUnits:
    """``touse`` the if/in rows; ``units`` each estimation row's replicate (-1: none of its own);
    ``count`` the replicates; ``sizes`` each one's if/in rows; ``frequencies`` each one's fweight
    (None without); ``codes`` each if/in row's replicate (-1 none); ``nobs`` jackknife.ado's
    nobs (saving()'s jk_N); ``N`` e(N) (None: n()'s n0 with fweights, known after the check);
    ``stops`` the first replicate of a zero frequency on rows inside stset's ``if exp``."""

    touse: np.ndarray
    units: np.ndarray
    count: int
    sizes: np.ndarray
    frequencies: np.ndarray | None
    codes: np.ndarray
    nobs: int
    N: float | None
    stops: int | None = None  # the replicate whose -1 frequency stops jackknife (r(402))


def nodrop_units(ds, touse, sample, clustvar: str | None, weights, wkind: str, nfunc,
                 stset_if=None) -> NodropUnits | None:
    """The replicates of the if/in rows ``touse`` (module docstring); None when every one of them
    is in the estimation ``sample`` (nothing added).  ``stset_if`` the rows stset's ``if exp``
    keeps (None: every row)."""
    from mlmcli.commands.estimation.regress_jackknife import fweight_units, nodrop_units_codes

    touse = np.asarray(touse, bool)
    if not np.any(touse & ~sample):
        return None
    if clustvar:
        if values_and_missing(ds, clustvar, touse)[1].any():
            raise StataError(f"missing values not allowed in cluster variable {clustvar}", 459)
    codes, count = nodrop_units_codes(ds, touse, clustvar)
    frequencies, nobs, N, stops = None, int(touse.sum()), float(touse.sum()), None
    if wkind == "fweight":
        fw = np.asarray(weights, float)[touse]
        codes, count, frequencies, zero = fweight_units(fw, codes, count, clustvar)  # "constant within" first
        checked = np.ones(fw.size, bool) if stset_if is None else np.asarray(stset_if, bool)[touse]
        for g in np.flatnonzero(zero):  # the loop's streset of -1: mark's rule 2 inside stset's if
            if np.any(checked[codes == g]):
                stops = int(g)
                break
        nobs = int(np.isfinite(fw).sum())
        N = float(np.nansum(fw)) if nfunc is None else None
    sizes = np.bincount(codes[codes >= 0], minlength=count)
    return NodropUnits(touse=touse, units=codes[sample[touse]], count=count, sizes=sizes,
                       frequencies=frequencies, codes=codes, nobs=nobs, N=N, stops=stops)


def nodrop_jackknife(session, settings: dict, b, refit, units: NodropUnits, w, wkind: str, current: list):
    """(V, e(N_reps), e(df_r)) over every replicate of ``units``; prints the dots.  ``refit`` the
    recorded refit (reject() and n() raise ValueError); ``w`` the estimation rows' stcrreg
    weights; ``current[0]`` set to the replicate refitted (n()'s left-out rows)."""
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.replicate_variance import jackknife_variance

    printer = _printer(session, settings, wkind, units.count)
    b = np.asarray(b, float)
    B = np.full((units.count, b.size), np.nan)
    marks: list = []
    fw = wkind == "fweight"
    for g in range(units.count):
        current[0] = g
        if g == units.stops:  # the loop's ``quietly streset [fweight=wvar]`` of -1 (module docstring)
            dots = bootstrap_dots(marks, "stcrreg", units.count, settings["dots"], title="Jackknife", stopped=True)
            if dots:
                session.print(dots)
            raise StataError("negative weights encountered", 402)
        if fw:
            less = np.asarray(w, float) - (units.units == g)
            rows = np.flatnonzero(less > 0)
            frequencies = less[rows]
        else:
            rows, frequencies = np.flatnonzero(units.units != g), None
        if printer is not None:
            printer.replicate(rows, None)
        try:
            x = np.asarray(refit(rows, np.zeros(rows.size), frequencies), float)
        except ValueError as err:  # a failed fit or reject(): x; n(): the loop's n
            reason = err.reason if isinstance(err, PostedMissing) else ""
            marks.append("n" if reason == "n" else False)
            _loop_message(printer, reason)
            continue
        except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError, ArithmeticError):
            marks.append(False)
            _loop_message(printer, "")
            continue
        B[g] = x
        marks.append(True)
    kind = "fweight" if fw else ("pweight" if wkind == "pweight" else None)
    counted = units.frequencies
    if counted is not None:  # a zero multiplier: out of _jk_sum's [fw=] sums (marksample)
        counted = np.where(counted == 0, np.nan, counted)
    summary = jackknife_variance(B, b, mse=settings["mse"], weight_kind=kind, frequencies=counted)
    dots = bootstrap_dots(marks, "stcrreg", units.count, settings["dots"] and printer is None, title="Jackknife")
    if dots:
        session.print(dots)
    session.jackknife_pending = {"n_misreps": int(units.count - summary.usable), "settings": settings}
    if not summary.sufficient:  # _jk_sum's Error2000
        raise insufficient_replicates("jackknife")
    return summary.V, summary.usable, summary.df_r


def _printer(session, settings: dict, wkind: str, count: int):
    """noisily's printer with the first call and the title printed, or None (module docstring)."""
    if not settings.get("noisily"):
        return None
    if wkind:
        raise StataError("vce(jackknife, noisily) with weights not supported by mlmcli with stcrreg", 198)
    from mlmcli.commands.estimation.replicate_noisily import replicate_printer

    printer = replicate_printer(session, settings, "jackknife", "stcrreg", settings.get("_rows"))
    printer.first_call()
    printer.title(count)
    return printer


def _loop_message(printer, reason: str) -> None:
    """The loop's message after a replicate posted missing (noisily): none for n()'s ``bad 3``."""
    if printer is None or reason == "n":
        return
    from mlmcli.commands.estimation.replicate_noisily import COLLINEAR, FAILED, REJECTED

    printer.message(REJECTED if reason == "rejected" else FAILED if printer.failed_run else COLLINEAR)
