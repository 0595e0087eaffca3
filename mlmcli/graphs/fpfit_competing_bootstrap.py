"""fpfit's ``estcmd(stcrreg) estopts(compete(...) vce(bootstrap, reject() ...))``: the bootstrap
prefix in each fit fracpoly makes (the first fit ``stcrreg x``, every candidate under ``capture``,
the final model on fracgen's centred terms), as ``_vce_parserun stcrreg, stdata`` runs it around
stcrreg each time -- stcox's run (``graphs.fpfit_stcox_bootstrap.StcoxBootstrapRun``) with
stcrreg's fit and e().

In each fit, as bootstrap.ado does: stcrreg on the full sample, reject() asserted with that e()
(true: r(9) -- a candidate is skipped, the first or the final fit fails fracpoly: the note), then
``reps()`` draws of the clusters (stset's id(), bootstrap's cluster(), stcrreg's cluster(), else
the records), a replicate whose e() makes reject() true (or cannot evaluate it) posted missing and
left out of V; fewer than two usable: "insufficient observations" inside fracpoly, the note.
The plain command's reject() (``bootstrap_run.reject_check``) sees e(b) and e(N) and refuses
an expression reading another e() result or _se[]; fracpoly's fits take the same rule
(``check_reject_reads``; e(cmd) and e(depvar), stcrreg and _t, are there too), so each fit
applies reject() as ``stcrreg ..., vce(bootstrap, reject())`` would on its terms.  idcluster()/group() over a variable stcrreg reads: each replicate rebuilt
(``fpfit_competing_replicates.renumbering``, the plain command's), in every fit.  saving(): the
last fit's replicates (without ``replace`` the second fit fails: the note), seed() restarting the
draws in every fit, else each fit carrying on from the session's stream.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_stcox_bootstrap import StcoxBootstrapRun


def check_reject_reads(s) -> None:
    """reject() reading an e() the replicates do not hold (besides e(b), e(N), e(cmd), e(depvar))
    or _se[]: mlm's refusal, as the plain command's (``bootstrap_run``'s check)."""
    text = (s.bootstrap or {}).get("reject") if s.replicates is not None else None
    if not text:
        return
    from mlmcli.graphs.fpfit_bootstrap_prefix import unread_results

    unread = unread_results(text)
    if unread:
        raise StataError(f"estopts(): vce(bootstrap, reject()) reading {unread} with estcmd(stcrreg) not supported "
                         "by mlmcli", 198)


def uses_prefix(s) -> bool:
    """Whether stcrreg's bootstrap runs through the prefix in every fit (reject())."""
    return (s.replicates is not None and s.replicates.kind == "bootstrap" and s.bootstrap is not None
            and bool(s.bootstrap.get("reject")))


class CompetingBootRefit:
    """stcrreg on some of a fit's records: ``fit(design, rows, numbers)`` -> (e(b), e(V), e(ll)),
    as ``StcoxBootstrapRun`` calls its refit; ``numbers`` the drawn units' copy numbers (a subject
    drawn twice two subjects; idcluster()/group() rebuilt from them)."""

    def __init__(self, base, n_tvc: int, constraints_for, renumbering_for):
        self.base, self.n_tvc = base, n_tvc  # fpfit_competing_replicates.CompetingRefit of the sample
        self.constraints_for, self.renumbering_for = constraints_for, renumbering_for
        self.final = False
        self.start = None  # the fit's full-sample b: each replicate's Newton-Raphson starts there
        self.last_times = None

    def fit(self, design, rows=None, numbers=None):
        from mlmcli.graphs.fpfit_models import FracpolyFailed
        from mlmcli.survival.subdistribution_hazard import CompetingData
        from mlmcli.survival.subdistribution_replicates import replicate_refit

        base = self.base
        k = design.shape[1] + self.n_tvc
        full = rows is None
        start = np.zeros(k) if full or self.start is None or self.start.size != k else self.start
        data = CompetingData(t=base.t, status=base.status, X=design, offset=base.offset, w=None)
        refit = replicate_refit(data, base.t0, base.ids, start, {}, Z=base.tvc[0], g=base.tvc[1],
                                constraints=self.constraints_for(design.shape[1] - 1, self.final),
                                renumbered=None if full else self.renumbering_for(design.shape[1]))
        idx = np.arange(base.t.size) if full else np.asarray(rows)
        draw = np.zeros(idx.size) if numbers is None else np.asarray(numbers)
        try:
            b, V, ll = refit(idx, draw, None, True)
        except ValueError as err:
            raise FracpolyFailed(str(err)) from None
        if full:
            self.start = np.asarray(b, float)
        return np.asarray(b, float), np.asarray(V, float), float(ll)


class CompetingBootstrapRun(StcoxBootstrapRun):
    """The prefix's side of each of fracpoly's stcrreg fits (module docstring)."""

    def __init__(self, ctx, hooks, vce, settings, refit: CompetingBootRefit, covariate, layout, subjects, status,
                 cluster, strata, write=None, scalars=None):
        # scalars(status, subjects, b, V, ll): stcrreg's e() scalars (fpfit_competing_jackknife's)
        super().__init__(ctx, hooks, vce, settings, refit, covariate, layout, subjects, cluster, strata, write,
                         scalars)
        self.status = np.asarray(status)
        self.checks = hooks.result_checks({"reject": settings.get("reject"), "nfunc": None}, "stcrreg")

    def _results(self, labels, b, V, loglik, rows, times=None):
        rows = np.asarray(rows)
        scalars = self.scalars(self.status[rows], self.subjects[rows], b, V, loglik)
        return self.hooks.fit_results("stcrreg", "_t", labels, b, V, scalars)

    def fit(self, X, names, final: bool = False, centre=None):
        self.refit.final = final  # the constraints name fracgen's terms in the final fit
        return super().fit(X, names, final, centre)

    def finish(self, ran):
        """Write the file of the last fit that ran (e(b) ``_t:``, after tvc() ``main:``/``tvc:``)."""
        if self.saved is not None and self.write is not None:
            B, b, params, equations = self.saved
            colnames = [f"{e}:{p}" for e, p in zip(equations, params)]
            main = [p for e, p in zip(equations, params) if e in ("main", "_t")]
            self.write(B, b, None, colnames, "stcrreg " + " ".join(main))
            self.saved = None
        return ran if ran else None
