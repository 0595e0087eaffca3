"""predict after streg (Stata's streg_p):

    predict [type] newvar [if] [in] [, median time | median lntime | mean time | mean lntime | hazard | hr |
            xb | stdp | surv | csurv | csnell | mgale | deviance | ccsnell | cmgale  partial
            unconditional | alpha1]

mean time is the integral of S(t) in closed form (``Distribution.mean_time``); median time
(the default) solves S(t) = 1/2 on each row (bisection on ln t); median lntime is its log;
mean lntime E[ln t] in closed form (``Distribution.mean_log_time``; refused after gompertz);
hazard is f(_t)/S(_t); hr exp(xb) (hazard form only); surv S(_t)/S(_t0) and
csurv the product of a subject's records' surv up to the record; csnell -ln S(_t|_t0) (a
subject's records summed onto its last record, as Stata's csnell without partial), mgale
_d - csnell, deviance sign(m) sqrt(-2 (m + _d ln(_d - m))); with partial each record's own
(labels "Partial ..." with an id()); ccsnell and cmgale are csnell and mgale without partial.  After frailty(): unconditional (S and
h integrated over the frailty, ``parametric_frailty``; the default unshared) or alpha1 (at frailty
1; the default with shared()), streg_p's defaults; mean time/lntime unconditional refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.streg_statistics import LABELS, STATS, unconditional_choice
from mlmcli.errors import StataError


class StregModel:
    """The fitted streg model on any rows: each equation's linear predictor from its design's
    columns (offset added), the family's log survivor and log density of ln t."""

    predict_default = "median"

    def __init__(self, fi, matrices, result):
        self.fit_info = fi  # the fit's pieces: replay rebuilds the table at another level() from them
        self.dist, self.aft = fi["dist"], fi["aft"]
        self.designs = [fi["design"]] + list(fi["aux_designs"])
        self.theta, self.V = fi["res"].x, fi["V"]
        self.offset_var, self.id_var = fi["offset_var"], fi["desc"].id
        fr = fi.get("frailty")
        # frailty(): its kind and variance; predictions unconditional (integrated over the frailty)
        # by default when unshared, at frailty 1 (alpha1) when shared ([ST] streg postestimation)
        self.frailty = fr["kind"] if fr else None
        self.frailty_theta = float(np.exp(self.theta[-1])) if fr else None
        self.unconditional = self.unconditional_default = bool(fr) and not fr["shared"]
        self.partial = False  # predict's partial: csnell, mgale, deviance of each record, not summed
        self._matrices, self._result = matrices, result

    def e_matrices(self):
        return self._matrices["b"], self._matrices["V"]

    def result(self):
        return self._result

    def equations(self, data):
        eqs, at = [], 0
        for design in self.designs:
            X = np.ones((data.nobs, 1)) if design is None else np.asarray(design.columns(data), float).reshape(
                data.nobs, -1)
            eqs.append(X @ self.theta[at:at + X.shape[1]])
            if at == 0:
                X0 = X
            at += X.shape[1]
        if self.offset_var:
            eqs[0] = eqs[0] + data.numeric(self.offset_var)
        return eqs, X0

    def predict(self, statistic: str, rows) -> np.ndarray:
        """xb and stdp of the _t equation for the generic callers (margins)."""
        from mlmcli.postest.linear_prediction import prediction_se

        X = rows.fixed_design()
        k = X.shape[1]
        if statistic == "xb":
            return X @ self.theta[:k] + (rows.variable(self.offset_var) if self.offset_var else 0.0)
        if statistic == "stdp":
            return prediction_se(X, self.V[:k, :k])
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """margins' hook (``streg_margins``)."""
        from mlmcli.commands.postestimation.streg_margins import streg_margins_prediction

        return streg_margins_prediction(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.streg_margins import streg_margins_variables

        return streg_margins_variables(self)

    def log_survivor(self, t, eqs):
        from mlmcli.survival.parametric_frailty import population_log_survivor

        with np.errstate(all="ignore"):
            ls = self.dist.log_survivor(np.log(t), t, eqs, self.aft)
            if self.unconditional:
                return population_log_survivor(self.frailty, ls, self.frailty_theta)
            return ls

    def _log_mixture(self, D, H):
        from mlmcli.survival.parametric_frailty import log_mixture

        return log_mixture(self.frailty, np.full(np.shape(H), float(D)), np.where(np.isfinite(H), H, np.nan),
                           self.frailty_theta)

    def log_hazard(self, t, eqs):
        """ln h(t); unconditional: ln h + ln M(1, H) - ln M(0, H) (parametric_frailty)."""
        lt = np.log(t)
        ls = self.dist.log_survivor(lt, t, eqs, self.aft)
        lh = self.dist.log_density(lt, t, eqs, self.aft) - lt - ls
        if self.unconditional:
            lh = lh + self._log_mixture(1, -ls) - self._log_mixture(0, -ls)
        return lh

    def median(self, eqs):
        """S(t) = 1/2 by bisection on ln t (S decreasing), up to 200 halvings; it stops once a
        halving moves no bound on any row (after ~60: the bounds are adjacent doubles), since
        every later one would compute the same midpoints and keep the same bounds."""
        lo, hi = np.full(len(eqs[0]), -50.0), np.full(len(eqs[0]), 50.0)
        half = np.log(0.5)
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            above = self.log_survivor(np.exp(mid), eqs) > half
            new_lo, new_hi = np.where(above, mid, lo), np.where(above, hi, mid)
            if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
                break
            lo, hi = new_lo, new_hi
        out = np.exp(0.5 * (lo + hi))
        return np.where(np.isfinite(eqs[0]) & (hi < 50.0), out, np.nan)

    def compute(self, statistic, data):
        from mlmcli.postest.linear_prediction import prediction_se

        eqs, X = self.equations(data)
        k = X.shape[1]
        if statistic == "xb":
            return eqs[0]
        if statistic == "stdp":
            return prediction_se(X, self.V[:k, :k])
        if statistic == "median time":
            return self.median(eqs)
        if statistic == "median lntime":
            return np.log(self.median(eqs))
        if statistic.startswith("mean") and self.unconditional:
            raise StataError(f"option {statistic} not supported by mlmcli with unconditional predictions", 198)
        if statistic == "mean time":
            with np.errstate(all="ignore"):
                return self.dist.mean_time(eqs, self.aft)
        if statistic == "mean lntime":
            out = self.dist.mean_log_time(eqs, self.aft)
            if out is None:
                raise StataError(f"option mean lntime not supported by mlmcli after distribution({self.dist.name})",
                                 198)
            return out
        if statistic == "hr":
            if self.aft:
                raise StataError("option hr not allowed after the accelerated failure-time form", 198)
            return np.exp(eqs[0])
        t, t0, d = data.numeric("_t"), data.numeric("_t0"), data.numeric("_d")
        with np.errstate(all="ignore"):
            ls = self.log_survivor(t, eqs)
            ls0 = np.where(t0 > 0, self.log_survivor(np.where(t0 > 0, t0, 1.0), eqs), 0.0)
            if statistic == "hazard":
                return np.exp(self.log_hazard(t, eqs))
            if statistic == "surv":
                return np.exp(ls - ls0)
            cum = self._by_subject(data, ls - ls0, statistic)
            if statistic == "csurv":
                return np.exp(cum)
            cs = -cum
            if statistic == "csnell":
                return cs
            dd = self._by_subject(data, d, statistic)
            m = dd - cs
            if statistic == "mgale":
                return m
            return np.sign(m) * np.sqrt(-2 * (m + dd * np.log(np.where(dd > 0, dd - m, 1.0))))

    def _by_subject(self, data, values, statistic):
        """A subject's records summed in time order: running sums (csurv) or the total on its
        last record, missing on the others (csnell, mgale, deviance); per record without id()."""
        if not self.id_var or (self.partial and statistic != "csurv"):
            return values
        ids, t = data.numeric(self.id_var), data.numeric("_t")
        st = data.numeric("_st") == 1
        out = np.full(len(values), np.nan)
        order = np.lexsort((t, ids))
        order = order[st[order]]
        for sid in np.unique(ids[order]):
            rows = order[ids[order] == sid]
            run = np.cumsum(values[rows])
            if statistic == "csurv":
                out[rows] = run
            else:
                out[rows[-1]] = run[-1]
        return out


def predict_streg(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.syntax.options import OptionSpec, resolve_options

    if any(len(o.name) >= 2 and "scores".startswith(o.name) for o in cmd.options):  # streg_p: e(predict_sub)
        from mlmcli.commands.postestimation.predict_streg_scores import predict_streg_scores

        return predict_streg_scores(session, e, cmd)
    opts = resolve_options(cmd.options, [OptionSpec(n, k) for n, k in STATS]
                           + [OptionSpec("time", 4), OptionSpec("lntime", 3), OptionSpec("nooffset", 5),
                              OptionSpec("unconditional", 6), OptionSpec("alpha1", 6), OptionSpec("partial", 4)])
    if opts.get("nooffset"):
        raise StataError("option nooffset not supported by mlmcli", 198)
    e.model.unconditional = unconditional_choice(e.model, opts)
    chosen = [n for n, _ in STATS if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "median"
    if opts.get("partial") and stat not in ("csnell", "mgale", "deviance"):  # ccsnell, cmgale too (streg_p)
        raise StataError("option partial not allowed", 198)
    # ccsnell, cmgale: streg_p's cumulative csnell and mgale, which the defaults are
    stat = {"ccsnell": "csnell", "cmgale": "mgale"}.get(stat, stat)
    e.model.partial = bool(opts.get("partial"))
    if stat in ("median", "mean"):
        unit = "lntime" if opts.get("lntime") else "time"
        if opts.get("lntime") and opts.get("time"):
            raise StataError("only one of time and lntime may be specified", 198)
        stat = f"{stat} {unit}"
    elif opts.get("time") or opts.get("lntime"):
        raise StataError(f"option {'time' if opts.get('time') else 'lntime'} not allowed", 198)
    vtype, name = one_new_variable(session, cmd)
    try:
        values = e.model.compute(stat, session.data)
    finally:
        partial, e.model.partial = e.model.partial, False  # not for later callers of compute
    if not chosen:
        session.print("(option median time assumed; predicted median time)")
    if stat == "deviance" and e.model.frailty and not (opts.get("alpha1") or opts.get("unconditional")):
        # streg_p's FrailtyWarn (deviance residuals only)
        session.print(f"(option {'unconditional' if e.model.unconditional else 'alpha1'} assumed)")
    rows = rows_selected(session, cmd)
    label = LABELS[stat]
    if partial and e.model.id_var:  # streg_p's ReLabel
        label = "Partial " + (label if stat == "csnell" else label[0].lower() + label[1:])
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
