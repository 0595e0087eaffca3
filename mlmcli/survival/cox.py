"""The Cox proportional-hazards model: the partial likelihood of (_t0, _t] records with
failure indicator d, its score and Hessian, Newton-Raphson as Stata's ml runs it, and the
robust (Lin-Wei) variance from the score residuals.

At each distinct failure time tau the risk set R is the records with t0 < tau <= t, D the
records failing at tau, r_j = w_j exp(x_j b) (w: frequency weights, 1 without).
  Breslow: ll = sum_tau [ sum_D w x b - W_D log S0(tau) ],  S0 = sum_R r, W_D = sum_D w.
  Efron:   ll = sum_tau [ sum_D w x b - sum_{l=0}^{M-1} log(S0 - (l/M) E0) ],  E0 = sum_D r,
           M = W_D (the tied failures counted with their frequency weights, as the expanded
           data would have them).
The score and Hessian follow with S1 = sum r x, S2 = sum r x x' (and E1, E2 over D).
pweights enter as w in Breslow's likelihood (a pseudolikelihood) with the robust variance.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class CoxData:
    t0: np.ndarray
    t: np.ndarray
    d: np.ndarray          # 0/1
    X: np.ndarray          # n x p
    w: np.ndarray          # weights (1 without)
    ties: str = "breslow"  # breslow | efron
    offset: np.ndarray | None = None  # offset(): added to x b with coefficient 1


# fit_cox takes ll from the evaluation with derivatives where that is the same bits (tests set
# it False to compare with the fit that evaluates the value alone)
SHARE_DERIVATIVES = True

# a risk-set sum below this (exp(-690)) lost its precision to the common shift: summed alone
FAINT_RISK_SET = 1e-300


SPARSE_RECORDS = 5000
# Efron's tied terms are formed this many values (terms x (1 + p + p^2)) at a time
TIED_CHUNK = 1 << 20
# _risk_sums of n x m values: the sparse product from n x m of these on (without, with delayed
# entry); measured per call: n = 228, m = 60 about equal (60 vs 56 us) without, n = 228,
# m = 13 already faster with (39 vs 33 us), n = 1000, m = 13 faster without (63 vs 50 us)
SPARSE_SIZE = {False: 12000, True: 3000}


class PartialLikelihood:
    """ll(b), its gradient and Hessian for CoxData (module docstring)."""

    def __init__(self, data: CoxData):
        self.data = data
        d = data.d == 1
        self.times = np.unique(data.t[d])
        # records by end time and by start time, for the risk-set sums by suffix sums
        self.by_t = np.argsort(data.t, kind="stable")
        self.by_t0 = np.argsort(data.t0, kind="stable")
        self.start_t = np.searchsorted(data.t[self.by_t], self.times, "left")
        self.start_t0 = np.searchsorted(data.t0[self.by_t0], self.times, "left")
        # suffix sums as rows of a running sum over the reversed order (row n - start; row 0 the
        # empty sum): the same additions in the same order, without a concatenated copy per call
        n = len(data.t)
        self._by_t_reversed, self._rows_t = self.by_t[::-1].copy(), n - self.start_t
        self._by_t0_reversed, self._rows_t0 = self.by_t0[::-1].copy(), n - self.start_t0
        self._entries = bool(self._rows_t0.any())  # a record entering at or after a failure time
        # many records (tvc()'s split records): the risk-set sums as one sparse product instead
        # (_sparse_sums); below this the sparse setup costs more than it saves
        self._rows = self._exit_entry_rows(data, self.times) if n >= SPARSE_RECORDS else None
        self._sparse_rows = self._rows  # built on the first wide risk-set sum (_risk_sums)
        self.event_group = np.searchsorted(self.times, data.t)  # the failure time a failing record belongs to
        self.dead = d
        self._dead_weights = np.where(d, data.w, 0.0)  # the failures' weights, 0 elsewhere
        self.W = np.bincount(self.event_group[d], weights=data.w[d], minlength=len(self.times))
        self._tied = None  # tied_terms(), made on first use

    @staticmethod
    def _suffix(values: np.ndarray, reversed_order: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """sum over the records order[starts:] of values (first axis), given order[::-1] and
        n - starts."""
        running = np.zeros((len(reversed_order) + 1,) + values.shape[1:])
        np.cumsum(values[reversed_order], axis=0, out=running[1:])
        return running[rows]

    @staticmethod
    def _exit_entry_rows(data: CoxData, times: np.ndarray):
        """The (K + 1) x n matrix with +1 in record j's exit row (the failure times <= its t)
        and -1 in its entry row (those <= its t0): the sum of its rows > k of r x is S1 at tau_k,
        the records with t >= tau_k less those with t0 >= tau_k (without delayed entry every
        entry row is 0, so no cancellation)."""
        from scipy.sparse import csc_matrix

        n = len(data.t)
        ends = np.empty(2 * n, dtype=np.intp)
        ends[0::2] = np.searchsorted(times, data.t, "right")
        ends[1::2] = np.searchsorted(times, data.t0, "right")
        return csc_matrix((np.tile([1.0, -1.0], n), ends, np.arange(0, 2 * n + 1, 2)), shape=(len(times) + 1, n))

    def _sparse_sums(self, r: np.ndarray | None, columns: np.ndarray) -> np.ndarray:
        """sum over each failure time's risk set of r times ``columns`` (n x m): r in the sparse
        rows' entries, so no n x m product is formed (r None: the columns alone)."""
        if self._sparse_rows is None:
            self._sparse_rows = self._exit_entry_rows(self.data, self.times)
        weighted = self._sparse_rows
        if r is not None:
            weighted = weighted.copy()
            weighted.data = self._sparse_rows.data * np.repeat(r, 2)
        rows = weighted @ columns
        return np.cumsum(rows[:0:-1], axis=0)[::-1]  # row k: the rows k + 1 ..

    def _moment_columns(self, X: np.ndarray) -> np.ndarray:
        """[1, x, x x' (row-major)] of each record (n x (1 + p + p^2)), kept for this X."""
        if getattr(self, "_moments_of", None) is not X:
            n, p = X.shape
            self._moments = np.concatenate([np.ones((n, 1)), X, (X[:, :, None] * X[:, None, :]).reshape(n, p * p)],
                                           axis=1)
            self._moments_of = X
        return self._moments

    def _risk_sums(self, values: np.ndarray) -> np.ndarray:
        """sum over each failure time's risk set (t0 < tau <= t) of values."""
        # the sparse product costs a fixed setup per call, the suffix sums about n x m (twice
        # with delayed entry): the sparse one from n x m of SPARSE_SIZE on (see the constant)
        if self._rows is not None or values.size >= SPARSE_SIZE[self._entries]:
            S = self._sparse_sums(None, values.reshape(len(values), -1))
            return S.reshape((len(S),) + values.shape[1:])
        exits = self._suffix(values, self._by_t_reversed, self._rows_t)
        if not self._entries:  # no delayed entry: the entry sums are all 0 (x - 0 is x, bit for bit)
            return exits
        return exits - self._suffix(values, self._by_t0_reversed, self._rows_t0)

    def _exit_sums(self, r: np.ndarray, X: np.ndarray, derivatives: bool) -> np.ndarray:
        """``_risk_sums`` of [r, r x, (r x x') row-major] without delayed entry (K x columns),
        laid out column by column: each column's products in the reversed end-time order (X's
        columns in that order kept for this X) and its running sum along a contiguous row --
        the same products and the same additions as the row-wise suffix sums, without their
        strided passes (a running sum is sequential, so the layout cannot change its bits)."""
        if getattr(self, "_reversed_of", None) is not X:
            self._XT_reversed, self._reversed_of = np.ascontiguousarray(X[self._by_t_reversed].T), X
        XT = self._XT_reversed
        p, n = XT.shape
        r_rev = r[self._by_t_reversed]
        rxT = r_rev * XT
        parts = [r_rev[None, :], rxT] + ([(rxT[:, None, :] * XT[None, :, :]).reshape(p * p, n)] if derivatives else [])
        values = np.concatenate(parts)
        running = np.zeros((len(values), n + 1))
        np.cumsum(values, axis=1, out=running[:, 1:])
        return running[:, self._rows_t].T

    def value_free_of_derivatives(self) -> bool:
        """Whether ``evaluate``'s ll is the same bits with and without derivatives: its risk-set
        sums take the same path (suffix sums or the sparse product) for the value's 1 + p
        columns as for the 1 + p + p^2 columns with the derivatives (each column's sums are
        then the same additions)."""
        if self._rows is not None:
            return True
        n, p = self.data.X.shape
        limit = SPARSE_SIZE[self._entries]
        return (n * (1 + p) >= limit) == (n * (1 + p + p * p) >= limit)

    def _death_sums(self, values: np.ndarray) -> np.ndarray:
        """sum over each failure time's failing records of values, in record order."""
        return self._sums_by_time(self.event_group[self.dead], values[self.dead])

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        data = self.data
        X, w = data.X, data.w
        eta = X @ b if X.shape[1] else np.zeros(len(w))
        if data.offset is not None:
            eta = eta + data.offset
        p = X.shape[1]
        if not len(self.times):  # no failure (a stratum of rologit's): what the sums below give
            return float(self._dead_weights @ eta), X.T @ self._dead_weights, np.zeros((p, p))
        shift = float(eta.max()) if eta.size else 0.0
        r = w * np.exp(eta - shift)
        efron = data.ties == "efron"
        n = len(r)
        width = 1 + p + (p * p if derivatives else 0)
        if not efron and self._rows is None and not self._entries and n * width < SPARSE_SIZE[False]:
            # the suffix sums below (_risk_sums' path for these sizes) with the columns written
            # straight into the running sum in its order: the same products, the same additions
            S = self._exit_sums(r, X, derivatives)
        else:
            rx = r[:, None] * X
            rxx = rx[:, :, None] * X[:, None, :] if derivatives and (self._rows is None or efron) else None
            # S0, S1 (and S2) from one risk-set sum over their columns side by side: each column's
            # running sum is the same additions as alone; split back into contiguous arrays
            if self._rows is not None:
                S = self._sparse_sums(r, self._moment_columns(X)[:, :width])
            else:
                parts = [r[:, None], rx] + ([rxx.reshape(n, p * p)] if derivatives else [])
                S = self._risk_sums(np.concatenate(parts, axis=1))
        S0, S1 = S[:, 0].copy(), np.ascontiguousarray(S[:, 1:1 + p])
        S2 = np.ascontiguousarray(S[:, 1 + p:]).reshape(len(S), p, p) if derivatives else None
        dw = self._dead_weights
        ll = float(dw @ eta)
        grad = X.T @ dw
        H = np.zeros((p, p))
        if efron:
            E0, E1 = self._death_sums(r), self._death_sums(rx)
            E2 = self._death_sums(rxx) if derivatives else None
        # a risk set far below the largest x b underflows with the common shift (a diverging
        # fit): its sums again, shifted by its own largest x b (log-sum-exp, as coxph centres);
        # without one, every risk set's shift is the common one (a scalar: the same sums)
        strong = S0 > FAINT_RISK_SET
        shifts = shift if strong.all() and not efron else np.full(len(self.times), shift)
        if not strong.all():
            for k in np.flatnonzero(~strong):
                S0[k], S1[k], S2k, shifts[k], E = self._risk_set_alone(k, eta, derivatives, efron)
                if derivatives:
                    S2[k] = S2k
                if efron:
                    E0[k], E1[k] = E[0], E[1]
                    if derivatives:
                        E2[k] = E[2]
        if efron:
            ll, grad, H = self._efron_terms(ll, grad, H, shifts, (S0, S1, S2), (E0, E1, E2), derivatives)
        else:
            ll -= float(self.W @ (np.log(S0) + shifts))
            mean = S1 / S0[:, None]
            grad = grad - self.W @ mean
            if derivatives:
                H = -np.einsum("k,kij->ij", self.W / S0, S2) + np.einsum("k,ki,kj->ij", self.W, mean, mean)
        return ll, grad, H

    def tied_terms(self) -> tuple[np.ndarray, np.ndarray]:
        """Efron's tied terms in the order of the sum over failure times k and l = 0..M_k-1
        (M_k = W_k, rounded): each term's k and c = l / M_k (kept: they depend on the data only)."""
        if self._tied is None:
            M = np.rint(self.W).astype(int)
            k = np.repeat(np.arange(len(self.times)), M)
            l = np.arange(len(k)) - np.repeat(np.cumsum(M) - M, M)
            self._tied = k, l / M[k]
        return self._tied

    def _efron_terms(self, ll, grad, H, shifts, S, E, derivatives: bool):
        """ll, grad and H less Efron's tied terms: for each (k, l) in tied_terms' order, with
        phi = S0 - c E0 and mean = (S1 - c E1) / phi, ll -= log(phi) + shift_k, grad -= mean and
        H -= (S2 - c E2) / phi - mean mean'.  The terms are formed side by side and subtracted
        in that order by running sums (a + (-t) is a - t): the loop's numbers, bit for bit."""
        k_all, c_all = self.tied_terms()
        (S0, S1, S2), (E0, E1, E2) = S, E
        p = len(grad)
        chunk = max(1, TIED_CHUNK // (1 + p + p * p))  # bounds the K-term x p x p products
        for start in range(0, len(k_all), chunk):
            k, c = k_all[start:start + chunk], c_all[start:start + chunk]
            phi = S0[k] - c * E0[k]
            ll = _subtract_in_order(ll, np.log(phi) + shifts[k])
            mean = (S1[k] - c[:, None] * E1[k]) / phi[:, None]
            grad = _subtract_in_order(grad, mean)
            if derivatives:
                H = _subtract_in_order(H, (S2[k] - c[:, None, None] * E2[k]) / phi[:, None, None]
                                       - mean[:, :, None] * mean[:, None, :])
        return ll, grad, H

    def _sums_by_time(self, k: np.ndarray, values: np.ndarray) -> np.ndarray:
        """values (terms x ...) summed by failure time k, each time's terms added to 0 in their
        order (bincount's loop: the loop's += bit for bit)."""
        K = len(self.times)
        if values.ndim == 1:
            return np.bincount(k, weights=values, minlength=K)
        flat = values.reshape(len(values), -1)
        out = np.stack([np.bincount(k, weights=flat[:, j], minlength=K) for j in range(flat.shape[1])], axis=1) \
            if flat.shape[1] else np.zeros((K, 0))
        return out.reshape((K,) + values.shape[1:])

    def _risk_set_alone(self, k: int, eta: np.ndarray, derivatives: bool, efron: bool):
        """S0, S1, S2 of failure time k's risk set scaled by exp(-its largest x b), that
        largest x b, and (efron) the same sums E0, E1, E2 over the records failing at k."""
        data = self.data
        tau = self.times[k]
        at_risk = (data.t0 < tau) & (data.t >= tau)
        top = float(np.max(eta[at_risk]))
        r = np.where(at_risk, data.w * np.exp(np.minimum(eta - top, 0.0)), 0.0)
        X = data.X
        rx = r[:, None] * X
        S2 = rx.T @ X if derivatives else None
        E = None
        if efron:
            failing = self.dead & (self.event_group == k)
            E = (float(r[failing].sum()), rx[failing].sum(axis=0),
                 rx[failing].T @ X[failing] if derivatives else None)
        return float(r.sum()), rx.sum(axis=0), S2, top, E

    def score_residuals(self, b: np.ndarray) -> np.ndarray:
        """Each record's score contribution (n x p), Breslow or Efron; sum = the score."""
        data = self.data
        X = data.X
        eta = X @ b if data.offset is None else X @ b + data.offset
        e = np.exp(eta - np.max(eta))
        r = data.w * e
        S0, S1 = self._risk_sums(r), self._risk_sums(r[:, None] * X)
        K = len(self.times)
        U = np.zeros_like(X)
        dead = self.dead
        faint = not np.all(S0 > FAINT_RISK_SET)
        if data.ties == "efron":
            E0, E1 = self._death_sums(r), self._death_sums(r[:, None] * X)
        if faint:  # each risk set scaled by its own largest x b (evaluate); e_i / S0_k densely below
            tops = np.zeros(K)
            for k in range(K):
                S0[k], S1[k], _, tops[k], E = self._risk_set_alone(k, eta, False, data.ties == "efron")
                if E is not None:
                    E0[k], E1[k] = E[0], E[1]
        # per failure time: (weight on x_i - xbar) for records at risk, as increments a_k, B_k
        if data.ties == "efron":
            # over all l: 1/phi, xbar/phi; weighted by (1 - c); the failures' mean xbar
            k, c = self.tied_terms()
            phi = S0[k] - c * E0[k]
            xbar = (S1[k] - c[:, None] * E1[k]) / phi[:, None]
            by_time = self._sums_by_time
            a_all, B_all = by_time(k, 1 / phi), by_time(k, xbar / phi[:, None])
            a_dead, B_dead = by_time(k, (1 - c) / phi), by_time(k, (1 - c)[:, None] * xbar / phi[:, None])
            mean_death = by_time(k, xbar / np.rint(self.W).astype(int)[k, None])
        else:
            a_all = self.W / S0
            B_all = self.W[:, None] * S1 / (S0 ** 2)[:, None]
            mean_death = S1 / S0[:, None]
            a_dead, B_dead = a_all, B_all
        if faint:
            return self._score_residuals_dense(eta, tops, a_all, B_all, a_dead, B_dead, mean_death)
        # cumulative over failure times: records at risk at tau_k for t0 < tau_k <= t
        ca = np.r_[0.0, np.cumsum(a_all)]
        cB = np.vstack([np.zeros((1, X.shape[1])), np.cumsum(B_all, axis=0)])
        hi = np.searchsorted(self.times, data.t, "right")     # failure times <= t
        lo = np.searchsorted(self.times, data.t0, "right")    # failure times <= t0
        A = ca[hi] - ca[lo]
        B = cB[hi] - cB[lo]
        # a failing record at its own time takes the dead weights instead of the all weights
        g = self.event_group
        if data.ties == "efron":
            A[dead] += a_dead[g[dead]] - a_all[g[dead]]
            B[dead] += B_dead[g[dead]] - B_all[g[dead]]
        U = -e[:, None] * (X * A[:, None] - B)
        U[dead] += X[dead] - mean_death[g[dead]]
        return U

    def _score_residuals_dense(self, eta, tops, a_all, B_all, a_dead, B_dead, mean_death) -> np.ndarray:
        """score_residuals with each failure time's sums scaled by exp(-tops[k]): the weight of
        record i at time k is exp(eta_i - tops[k]) (<= 1 in the risk set), an n x K matrix."""
        data = self.data
        X, dead, g = data.X, self.dead, self.event_group
        at_risk = (data.t0[:, None] < self.times[None, :]) & (data.t[:, None] >= self.times[None, :])
        C = np.where(at_risk, np.exp(np.minimum(eta[:, None] - tops[None, :], 0.0)), 0.0)
        A, B = C @ a_all, C @ B_all
        if data.ties == "efron":
            own = np.exp(np.minimum(eta[dead] - tops[g[dead]], 0.0))
            A[dead] += own * (a_dead[g[dead]] - a_all[g[dead]])
            B[dead] += own[:, None] * (B_dead[g[dead]] - B_all[g[dead]])
        U = -(X * A[:, None] - B)
        U[dead] += X[dead] - mean_death[g[dead]]
        return U


def _subtract_in_order(start, terms: np.ndarray):
    """start - terms[0] - terms[1] - ... in that order (terms' first axis): a running sum of
    start and the negated terms, whose last row is the sequential loop's result."""
    running = np.empty((len(terms) + 1,) + np.shape(start))
    running[0] = start
    np.negative(terms, out=running[1:])
    np.cumsum(running, axis=0, out=running)
    out = running[-1]
    return out[()] if out.ndim == 0 else out.copy()


@dataclass
class CoxFit:
    """stcox's estimates: the fit object of the estimation layer (e_matrices, result,
    predict xb/hr/stdp)."""

    labels: tuple
    b: np.ndarray
    V: np.ndarray
    loglik: float
    loglik0: float
    steps: list
    converged: bool
    vce: str
    level: float
    description: object
    ties: str
    n_obs: int
    n_subjects: float
    n_failures: float
    time_at_risk: float
    n_clusters: int | None = None
    cluster_var: str | None = None
    pseudo: bool = False
    limit_reached: bool = False
    replicated: dict | None = None  # vce(jackknife|bootstrap): stcox_replicates.replicate_fit's summary

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices
        return coefficient_matrices(self.labels, self.b, self.V)

    @property
    def df_m(self) -> int:
        from mlmcli.postest.coefficient_rows import safe_rank
        return safe_rank(self.V)

    def chi2(self) -> tuple[float, str]:
        if self.vce == "oim" and self.replicated is None:
            return 2.0 * (self.loglik - self.loglik0), "LR"
        if self.replicated is not None:  # _prefix_model_test: missing when V is singular
            from mlmcli.postest.prefix_model_test import replicate_wald
            return replicate_wald(self.b, self.V)[0], "Wald"
        try:
            return float(self.b @ np.linalg.solve(self.V, self.b)), "Wald"
        except np.linalg.LinAlgError:
            return float(self.b @ np.linalg.pinv(self.V) @ self.b), "Wald"

    def result(self, level: float | None = None):
        from mlmcli import distributions
        from mlmcli.postest.coefficient_rows import rows_from_estimates
        from mlmcli.results.glmm import IterationLog, IterationPhase
        from mlmcli.results.survival import CoxResult

        level = self.level if level is None else level
        chi2, kind = self.chi2()
        df = self.df_m
        p = float(distributions.chi2.sf(chi2, df)) if df else float("nan")
        rep = self.replicated or {}
        df_r = rep.get("df_r")
        if df_r is not None:  # jackknife: _prefix_model_test's F = W/df_m on e(df_r)
            chi2, kind = (chi2 / df if df else float("nan")), "F"
            p = float(distributions.f.sf(chi2, df, df_r)) if df else float("nan")
        return CoxResult(
            description=self.description, ties=self.ties,
            iteration_log=IterationLog((IterationPhase("", tuple(self.steps)),)), refining_loglik=self.loglik,
            n_subjects=self.n_subjects, n_failures=self.n_failures, time_at_risk=self.time_at_risk,
            nobs=self.n_obs, df_m=df, chi2=chi2, chi2_type=kind, p=p, loglik=self.loglik,
            coefs=rows_from_estimates(self.labels, self.b, self.V, level, df_r),
            coefs_hr=rows_from_estimates(self.labels, self.b, self.V, level, df_r, eform=True), level=level,
            vce=self.vce, n_clusters=self.n_clusters, cluster_var=self.cluster_var, pseudo=self.pseudo,
            df_r=df_r, vce_label=rep.get("label"), replications=rep.get("clusters"))

    def predict(self, statistic: str, rows) -> np.ndarray:
        from mlmcli.errors import StataError
        from mlmcli.postest.linear_prediction import linear_prediction, prediction_se

        X = rows.fixed_design()
        if statistic == "stdp":
            return prediction_se(X, self.V)
        xb = linear_prediction(X, self.b)
        if statistic == "xb":
            return xb
        if statistic == "hr":
            return np.exp(xb)
        raise StataError(f"option {statistic} not allowed", 198)

    def predict_options(self) -> tuple:
        return (("hr", 2, "Predicted hazard ratio"),)

    def margins_prediction(self, options: str):
        """margins' predict(): hr (the default, exp(x b)) or xb; stdp depends on V."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import InverseLink, LinearIndex

        words = options.replace(",", " ").split()  # names as typed: predict(XB) is refused
        if not words or words == ["hr"]:
            return InverseLink("log", "Predicted hazard ratio")
        if words in (["xb"], ["index"]):
            return LinearIndex("Linear prediction (log relative hazard)")
        if words == ["stdp"]:
            raise StataError("prediction is a function of possibly stochastic quantities other than e(b)", 498)
        raise StataError(f"option {' '.join(words)} not allowed", 198)

    predict_default = "hr"
    predict_default_note = "(option hr assumed; predicted hazard ratio)"


def robust_variance(lik: PartialLikelihood, b: np.ndarray, V: np.ndarray, clusters: np.ndarray | None,
                    weights: np.ndarray) -> np.ndarray:
    """V (sum_g u_g u_g') V with u_g the cluster's sum of w_i U_i (score residuals U)."""
    from mlmcli.robust.cluster_sandwich import cluster_sandwich

    return cluster_sandwich(V, lik.score_residuals(b) * weights[:, None], clusters, adjust=False)


def check_moments_finite(X: np.ndarray, w: np.ndarray) -> None:
    """The risk sets' sums of r x x' (r <= w after the shift by the largest x b) past the largest
    double: the Hessian is missing at every b, ml's r(430) (round 5's rule for hetprob/fracreg;
    decided without a Stata log).  Covariates near 1e300 reach it; they used to overflow."""
    from mlmcli.errors import derivatives_missing

    if not X.size:
        return
    top = np.max(np.abs(X), axis=0, initial=0.0)
    with np.errstate(over="ignore"):
        bound = np.square(np.max(top)) * np.sum(np.abs(w))
    if not np.isfinite(bound):
        raise derivatives_missing()


def fit_cox(data: CoxData, *, iterate: int = 300, tolerance: float = 1e-6, ltolerance: float = 1e-7,
            nrtolerance: float = 1e-5, likelihood=None, start: np.ndarray | None = None):
    """Newton-Raphson from b = 0: (PartialLikelihood, NewtonResult, V = (-H)^-1, ll at 0);
    ``likelihood``: another object with evaluate(b, derivatives) (strata, exact ties).  ``start``:
    Newton from there instead (the 4th value is then ll there) -- a replicate's refit from the
    full-sample optimum, where the polish (glm.newton) ends at the same optimum in fewer steps."""
    from mlmcli.glm.newton import inverse_information, maximize, objective_of

    lik = PartialLikelihood(data) if likelihood is None else likelihood
    p = data.X.shape[1]
    check_moments_finite(data.X, data.w)
    # the value from the evaluation with derivatives, where it is the same bits: an iteration
    # then costs one evaluation (rologit's many one-record strata spend their time here)
    share = SHARE_DERIVATIVES and getattr(lik, "value_free_of_derivatives", lambda: False)()
    fun, grad_hess = objective_of(lik.evaluate, share_derivatives=share)
    b0 = np.zeros(p) if start is None else np.asarray(start, float)
    ll0 = fun(b0)
    if p == 0:  # stcox, estimate: the null model, nothing to maximise
        from mlmcli.glm.newton import NewtonResult
        from mlmcli.results.glmm import IterationStep
        return lik, NewtonResult(b0, ll0, True, [IterationStep(0, ll0)]), np.zeros((0, 0)), ll0
    if not np.any((data.d != 0) & (data.w != 0)):
        # no failures: ln L is 0 at every b, no step can move, so the iterations would only run to
        # the limit (300 of them in each replicate of a jackknife: a hang); the same
        # "convergence not achieved" at once (decided without a Stata log)
        iterate = 0
    res = maximize(fun, grad_hess, b0, iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                   nrtolerance=nrtolerance, f0=ll0)
    # the Hessian at the optimum: shared_grad_hess's copy when the last evaluation was there (the
    # polish's last accepted step: the same evaluate(res.x), bit for bit), evaluated otherwise
    H = grad_hess(res.x)[1] if share else lik.evaluate(res.x)[2]
    return lik, res, inverse_information(H, pseudo_inverse=True), ll0