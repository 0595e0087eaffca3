"""jackknife.ado's checks of each replicate of regress's ``vce(jackknife, ...)``: the sample-size
function (``eclass``, the default, counts e(N); ``n(exp)`` another expression; ``nocount`` none)
and ``reject(exp)``, evaluated with the e() of each replicate's regress (the plain OLS fit
without the observation or cluster; the full sample's before the replicates).

- Before the replicates (``_prefix_reject``): ``reject(exp)`` is asserted over the data with the
  full sample's e(): true in every observation is "jackknife rejected results from regress while
  using the entire dataset" r(9); an expression that cannot be evaluated "reject() incorrectly
  specified: exp" r(198).  The count n0 = int(n(exp)) there: an error "n(exp) invalid", missing
  or zero "number of obs. exp evaluated to missing|zero in full sample" r(322).
- Each replicate (``_loop_jknife``): rejected (true, missing or failing) -> ``x``; else int(n(exp))
  differing from n0 less the observations left out -> ``n``; both post missing values, which
  the variance leaves out (``_jk_sum``: V and e(df_r) from the usable replicates; none usable is
  r(2000)).

With the default ``e(N)``, no ``reject()`` and no ``nodrop`` every replicate passes (leaving out
g's rows takes exactly those from e(N)), so nothing is refitted -- except with iweights
(``_loop_jknife_iw``): each replicate's regress takes the others' iweights times G/(G-1), G the
replicates (``gen double``: (w G)/(G-1) in double precision), and its e(N) is their sum, which
regress posts rounded down (Stata's regress posts the integer part of a sum of iweights:
Statalist 2009-12, msg00380); n0 is the full sample's int(e(N)) and g passes when int(e(N)) is
n0 less its observations -- _loop_jknife_iw (pweights and iweights) asks that within reldif 1e-5
(``count_matches``), so from 99,999 observations on one more or less passes too.  Where such a
sum is a whole number only up to rounding (unit iweights: every replicate's sum is G) the
rounding decides: the sum is added as ``ols.sequential_sum`` adds it (double precision, one
observation after another) in the order the loop leaves the data -- the full sample's in data
order, the replicates' after jackknife.ado's ``sort touse strata cluster subuse, stable`` and,
when the data were sorted, ``sort sortvars, stable`` (``loop_order``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


class ResultChecks:
    """reject() and n() of one jackknife over given e() (module docstring): ``check_full`` with the
    full sample's, ``usable`` with each replicate's; ``cmdname`` names the command in r(9)'s message."""

    def __init__(self, session, settings: dict, cmdname: str = "regress", nodrop: bool = False,
                 tolerant: bool = False):
        self.session, self.settings, self.cmdname, self.nodrop = session, settings, cmdname, nodrop
        self.tolerant = tolerant  # _loop_jknife_iw's count check (``count_matches``)
        self.n0: int | None = None

    @property
    def needed(self) -> bool:
        """Whether any replicate can fail: n() other than e(N) (any n() under nodrop, whose extra
        replicates leave out no row of regress's), or reject()."""
        nfunc = self.settings.get("nfunc")
        return bool(self.settings.get("reject")) or nfunc not in (None, "e(N)") or (
            nfunc is not None and self.nodrop)

    def check_full(self, results) -> None:
        """reject()'s assertion and n0 with the full sample's e() (module docstring)."""
        from mlmcli.expr import evaluate_number

        nfunc, reject = self.settings.get("nfunc"), self.settings.get("reject")
        if reject:
            try:
                values = self._with_results(results, lambda: _evaluate_all(self.session, reject))
            except StataError:
                raise StataError(f"reject() incorrectly specified: {reject}", 198) from None
            if np.all(values != 0):
                raise StataError(f"jackknife rejected results from {self.cmdname} while using the entire dataset", 9)
        if nfunc is not None:
            try:
                value = self._with_results(results, lambda: evaluate_number(self.session, nfunc))
            except StataError as err:
                raise StataError(f"n({nfunc}) invalid", err.rc) from None
            if not np.isfinite(value) or int(value) == 0:
                which = "missing" if not np.isfinite(value) else "zero"
                raise StataError(f"number of obs. {nfunc} evaluated to {which} in full sample", 322)
            self.n0 = int(value)

    def usable(self, results, left_out: int):
        """A replicate's mark with its e(): True, False (rejected: reject() true, missing or
        failing) or ``"n"`` (n() not n0 less the ``left_out`` observations)."""
        from mlmcli.expr import evaluate_number

        nfunc, reject = self.settings.get("nfunc"), self.settings.get("reject")
        if reject:
            try:
                if self._with_results(results, lambda: evaluate_number(self.session, reject)) != 0:
                    return False
            except StataError:
                return False
        if nfunc is not None and self.n0 is not None:
            try:
                value = self._with_results(results, lambda: evaluate_number(self.session, nfunc))
            except StataError:
                value = float("nan")
            if not np.isfinite(value) or not count_matches(int(value), self.n0 - int(left_out), self.tolerant):
                return "n"
        return True

    def _with_results(self, results, compute):
        saved = self.session.e
        self.session.e = results
        try:
            return compute()
        finally:
            self.session.e = saved


class ReplicateChecks:
    """The checks of one jackknife of regress (module docstring); ``marks``: each replicate's dot."""

    def __init__(self, session, settings: dict, y: np.ndarray, X: np.ndarray, codes: np.ndarray,
                 *, constant: bool, labels: tuple, depvar: str, weight: np.ndarray | None = None,
                 weight_kind: str | None = None, sizes: np.ndarray | None = None,
                 failed: np.ndarray | None = None, sort_keys: tuple = ()):
        self.session, self.settings, self.weight = session, settings, weight
        self.weight_kind = None if weight is None else (weight_kind or "aweight")
        self.y, self.X, self.constant, self.labels, self.depvar = y, X, constant, labels, depvar
        self.result_checks = ResultChecks(session, settings, nodrop=sizes is not None,
                                          tolerant=tolerant_count(self.weight_kind))
        if sizes is not None:  # nodrop: ``codes`` already 0..G-1, ``sizes`` each replicate's if/in rows
            self.codes, self.sizes = np.asarray(codes), np.asarray(sizes)
        else:
            _, self.codes = np.unique(np.asarray(codes), return_inverse=True)
            self.sizes = np.bincount(self.codes)
        self.marks: list = [True] * len(self.sizes)
        self.collinear = np.zeros(len(self.sizes), bool)  # set by __call__
        # replicates whose regress fails whatever the checks (nodrop's zero frequency less one): x
        self.failed = np.zeros(len(self.sizes), bool) if failed is None else np.asarray(failed, bool)
        self.loop_order = loop_order(self.codes, sort_keys)

    @property
    def needed(self) -> bool:
        """The result checks', or replicates that fail anyway, or n() under iweights (whose
        e(N) is the rounded-down sum, module docstring)."""
        return self.result_checks.needed or bool(self.failed.any()) or (
            self.settings.get("nfunc") is not None and self.weight_kind == "iweight")

    def full_sample(self) -> None:
        """reject()'s assertion and n0 (module docstring), with the full sample's regress."""
        if self.needed:
            self.result_checks.check_full(self._results(self.weight))

    def __call__(self, replicates: np.ndarray) -> np.ndarray:
        """Usable replicates (ols.fit_ols's ``replicate_filter``); ``marks`` set.  Missing rows of
        ``replicates`` are those whose regress omits a regressor the full sample's estimated
        (``ols_jackknife.COLLINEAR``): the loops post missing values before reject() or n()."""
        # a failing regress (``failed``) stops the loop's checks before _check_omit
        self.collinear = ~np.all(np.isfinite(np.asarray(replicates, float)), axis=1) & ~self.failed
        good = ~self.collinear
        for g in np.flatnonzero(self.collinear):
            self.marks[g] = False
        if not self.needed:
            return good
        for g in range(len(self.sizes)):
            if self.failed[g]:
                good[g], self.marks[g] = False, False
                continue
            if self.collinear[g]:
                continue
            mark = self.result_checks.usable(self._results(self.replicate_weights(g), self.loop_order),
                                             int(self.sizes[g]))
            if mark is not True:
                good[g], self.marks[g] = False, mark
        return good

    def replicate_weights(self, g: int) -> np.ndarray:
        """Replicate g's weights as its regress gets them (0: left out): one copy less of its
        rows with fweights (_loop_jknife_fw), its rows left out otherwise, the others' iweights
        and pweights times G/(G-1) (_loop_jknife_iw; no b changes, the pweights' sum does)."""
        weight = np.ones(len(self.y)) if self.weight is None else np.asarray(self.weight, float)
        if self.weight_kind == "fweight":
            return weight - (self.codes == g)
        if self.weight_kind in ("iweight", "pweight"):  # _loop_jknife_iw: the others' times G/(G-1)
            G = len(self.sizes)
            return np.where(self.codes == g, 0.0, weight * G / (G - 1))
        return np.where(self.codes == g, 0.0, weight)

    def _results(self, weight: np.ndarray | None, order: np.ndarray | None = None):
        """The e() of ``regress`` (OLS) with these weights (rows of weight 0 left out): what the
        prefix's expressions see; ``order``: the rows' order in the data as regress sees them
        (the replicates': ``loop_order``), which decides an iweights' e(N) on the edge of a
        whole number (module docstring)."""
        from mlmcli.estimation.results import EstimationResults
        from mlmcli.ols import fit_ols

        rows = np.ones(len(self.y), bool) if weight is None else weight > 0
        if order is not None:
            rows = order[rows[order]]  # the used rows' indices, in that order
        kind = self.weight_kind
        w = None if kind is None else weight[rows]
        fit = fit_ols(self.y[rows], self.X[rows], constant=self.constant, coef_labels=self.labels,
                      depvar=self.depvar, weight=w, weight_kind=kind)
        b, V = fit.e_matrices()
        scalars = {"N": fit.N, "mss": fit.mss, "rss": fit.rss, "df_m": float(fit.df_m), "df_r": fit.df_r,
                   "r2": fit.r2, "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "ll": fit.ll,
                   "ll_0": fit.ll_0, "rank": float(fit.rank)}
        return EstimationResults(cmd="regress", scalars=scalars,
                                 macros={"cmd": "regress", "depvar": self.depvar, "model": "ols"},
                                 matrices={"b": b, "V": V}, model=fit)


def tolerant_count(weight_kind: str | None) -> bool:
    """Whether the prefix's loop for these weights is _loop_jknife_iw (pweights, iweights),
    whose n() check is ``count_matches``' tolerant one."""
    return weight_kind in ("iweight", "pweight")


def count_matches(nn: int, target: int, tolerant: bool) -> bool:
    """A replicate's int(n(exp)) against n0 less its observations: _loop_jknife and
    _loop_jknife_fw ask ``nn == target``; _loop_jknife_iw (pweights, iweights) asks
    ``reldif(nn, target) <= 1e-5``, reldif(a, b) = |a - b| / (|b| + 1)."""
    if tolerant:
        return abs(nn - target) / (abs(target) + 1) <= 1e-5
    return nn == target


def _evaluate_all(session, text: str) -> np.ndarray:
    """``assert exp``'s values: every observation (missing is true)."""
    from mlmcli.expr import evaluate

    values = evaluate(session, text)
    if values.dtype == object:
        raise StataError("type mismatch", 109)
    return np.where(np.isnan(values), 1.0, values)


def loop_order(codes: np.ndarray, sort_keys: tuple = ()) -> np.ndarray:
    """The estimation rows' order during jackknife.ado's loop: ``sort touse strata cluster
    subuse, stable`` (by replicate ``codes``, which follow the cluster values' sort order, data
    order within), then, when the data were sorted by some variables, ``sort sortvars, stable``
    (``sort_keys``: their codes on these rows, most significant first)."""
    keys = [np.arange(len(codes)), np.asarray(codes)] + [np.asarray(k) for k in reversed(sort_keys)]
    return np.lexsort(keys)


def replicate_codes(n_rows: int, cluster_codes: np.ndarray | None) -> np.ndarray:
    """Each estimation row's replicate: its own (one per observation) or its cluster's."""
    return np.arange(n_rows) if cluster_codes is None else np.asarray(cluster_codes)
