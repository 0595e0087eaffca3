"""Fine and Gray's model when a member's covariates depend on the failure time or members
enter late: stcrreg's tvc()/texp(), multiple records per subject and delayed entry.

tvc(): covariates z g(t) whose value in the risk set of a failure time tau_k is z g(tau_k) for
every member, the competing-failed subjects kept after their failure included (StataCorp:
with tvc() "Stata can extrapolate values ... past the time of the [competing event] because
it has a mathematical expression for doing so"; R's cmprsk::crr with cov2/tf computes the same).

Multiple records per subject (id(), records (t0, t] following each other): a subject at risk
at tau_k enters with the record that contains tau_k; a subject failed of the competing event
stays with its last record's covariates ("when you split observations ... Stata has no
recourse but to keep [the covariate] fixed at its" last value).

Delayed entry (a subject's first record starting at e > 0), Geskus's (2011) weights as R's
survival::finegray builds them: the competing-failed subject's weight is
G(tau_k-) H(tau_k) / (G(T-) H(T)), G the censoring Kaplan-Meier with risk sets
Y(u) = the records with t0 < u <= t, H the reverse-time Kaplan-Meier of the entry times,
H(t) = prod_{a >= t} (1 - m(a)/n(a)), m(a) the subjects entering at a, n(a) the records with
t0 <= a < t (without delayed entry H is 1 and G the subjects' Kaplan-Meier).

The risk-set sums are taken on a failure-times-by-records grid: W[k, r] the weight of record r
at tau_k (1 when t0_r < tau_k <= t_r, that weight for a competing subject's last record with
T_r < tau_k, 0 otherwise; times stset's weight), x_kr = (x_r, z_r g(tau_k)).  The likelihood,
its derivatives and the baseline are subdistribution_hazard's with x_kr for x_j.  A record's
score residual is its part of eta (subdistribution_hazard's docstring) plus the linearised
influence of the two estimated hazards, each over the record's own time at risk (the id()
clusters sum a subject's records):
  psiG = [censored last record] qG(t)/Y(t) - sum_{t0 < u <= t} c(u) qG(u)/Y(u)^2,
  qG(u) = sum_{tau_k >= u} d_k/S0_k sum_{competing, T_j < u} W r (x_kj - xbar_k);
  psiH = -[first record entering at t0 > 0] qH(t0)/n(t0) + sum_{t0 <= a < t} m(a) qH(a)/n(a)^2,
  qH(a) = sum_{tau_k > a} d_k/S0_k sum_{competing, T_j <= a} W r (x_kj - xbar_k)
(psiG is crr's psi; psiH the same derivation for the reverse hazard m/n, whose increase at
a in [T_j, tau_k) raises the weight of j at tau_k).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.survival.subdistribution_hazard import SubdistributionLikelihood

GRID_LIMIT = 30_000_000  # failure times x records x coefficients (the grid's 8-byte cells)


class GridSubdistribution(SubdistributionLikelihood):
    """The likelihood on the records of ``data`` (their exit times data.t, statuses on the
    last records) with the columns ``Z`` times g(tau_k) after data.X's; ``t0`` the records'
    entry times and ``last`` their subjects' last records (None: one record each)."""

    def __init__(self, data, Z: np.ndarray | None = None, g: np.ndarray | None = None,
                 t0: np.ndarray | None = None, last: np.ndarray | None = None, first: np.ndarray | None = None):
        n_rec = len(data.t)
        last = np.ones(n_rec, bool) if last is None else np.asarray(last, bool)
        first = np.ones(n_rec, bool) if first is None else np.asarray(first, bool)
        t0 = np.zeros(n_rec) if t0 is None else np.asarray(t0, float)
        # the subjects (their last records): the censoring Kaplan-Meier, the failure times
        super().__init__(replace(data, t=data.t[last], status=data.status[last], X=data.X[last],
                                 offset=data.offset[last], w=None if data.w is None else data.w[last]))
        self.records = data
        self.last = last
        t = np.asarray(data.t, float)
        wr = np.ones(n_rec) if data.w is None else np.asarray(data.w, float)
        self.wr = wr
        self.row_weights = data.w  # the score residuals' rows are the records
        p = data.X.shape[1] + (Z.shape[1] if Z is not None else 0)
        if len(self.times) * n_rec * max(p, 1) > GRID_LIMIT:
            raise StataError("op. sys. refuses to provide memory", 909)  # the dense grid mlm builds
        # without tvc() every failure time's rows are data.X's: _risk's sums are then plain
        # products with X (BLAS), not sums over the K x records x p grid
        self.fixed_X = np.ascontiguousarray(data.X, float) if Z is None else None
        columns = [np.broadcast_to(data.X, (len(self.times),) + data.X.shape)]
        if Z is not None:
            g_tau = _at_times(t, g, self.times)
            columns.append(Z[None, :, :] * g_tau[:, None, None])
        self.grid = np.concatenate(columns, axis=2)  # K x records x p
        self.p = self.grid.shape[2]
        at_risk = (t0[None, :] < self.times[:, None]) & (t[None, :] >= self.times[:, None])
        competing = last & (data.status == 2)
        self.later = competing[None, :] & (t[None, :] < self.times[:, None])
        self.t0, self.t, self.first = t0, t, first
        # delayed entry: the censoring Kaplan-Meier's risk sets hold the records with t0 < u <= t
        u = self.cens_times
        self.censoring_km(_weight_from(t, wr, u, "left") - _weight_from(t0, wr, u, "left"))
        self._entry_distribution(wr)
        G_rec = np.ones(n_rec)
        G_rec[last] = self.G_subject[np.argsort(self.order)]  # G(T-) of each subject, on its last record
        GH_rec = G_rec * self._H(t)
        if np.any(self.later & ~(GH_rec[None, :] > 0)):
            # G(T-) H(T) = 0 at a competing event (every record at risk at a later entry time
            # entered then: H's factor 1 - m/n is 0): the event's weight G H / (G H) is 0/0
            # (mlm's refusal and wording: Stata's handling of entry times is not documented)
            raise StataError("delayed entry: the entry-time distribution is zero at a competing event's "
                             "time; its weight is undefined", 459)
        with np.errstate(divide="ignore", invalid="ignore"):  # records not competing may have G H = 0
            ratio = (self.G_tau * self._H(self.times))[:, None] / GH_rec[None, :]
        self.W = np.where(at_risk, 1.0, np.where(self.later, ratio, 0.0)) * wr
        self.offr = np.asarray(data.offset, float)
        self.fail_rows = np.flatnonzero(last & (data.status == 1))
        self.fail_k = np.searchsorted(self.times, t[self.fail_rows])
        self.by_exit = np.argsort(t, kind="stable")
        self.t_sorted = t[self.by_exit]

    def _entry_distribution(self, wr: np.ndarray) -> None:
        """H, the reverse-time Kaplan-Meier of the entry times a (the subjects' first records):
        m(a) entering at a, n(a) the records with t0 <= a < t; H(t) = prod_{a >= t} (1 - m/n)."""
        entries = self.first & (self.t0 > 0)
        self.entry_times, where = np.unique(self.t0[entries], return_inverse=True)
        self.entry_counts = np.bincount(where, weights=wr[entries], minlength=self.entry_times.size)
        a = self.entry_times
        self.entry_at_risk = _weight_from(self.t, wr, a, "right") - _weight_from(self.t0, wr, a, "right")
        factors = 1.0 - self.entry_counts / self.entry_at_risk
        self.H_suffix = np.append(np.cumprod(factors[::-1])[::-1], 1.0)

    def _H(self, x: np.ndarray) -> np.ndarray:
        return self.H_suffix[np.searchsorted(self.entry_times, x, "left")]  # entry times >= x

    def _risk(self, b: np.ndarray):
        if not self.p:
            eta = np.zeros(self.W.shape) + self.offr[None, :]
        elif self.fixed_X is not None:
            eta = np.broadcast_to(self.fixed_X @ b + self.offr, self.W.shape)
        else:
            eta = self.grid @ b + self.offr[None, :]
        shift = float(np.max(eta)) if eta.size else 0.0
        r = self.W * np.exp(eta - shift)
        S0 = r.sum(axis=1)
        S1 = r @ self.fixed_X if self.fixed_X is not None else np.matmul(r[:, None, :], self.grid)[:, 0, :]
        return eta, shift, r, S0, S1

    def _second_moments(self, r: np.ndarray) -> np.ndarray:
        """S2[k] = sum_j r_kj x_kj x_kj' (K x p x p), as batched matrix products."""
        if self.fixed_X is not None:
            X = self.fixed_X
            return (r @ (X[:, :, None] * X[:, None, :]).reshape(len(X), -1)).reshape(-1, self.p, self.p)
        return np.matmul(self.grid.transpose(0, 2, 1) * r[:, None, :], self.grid)

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        eta, shift, r, S0, S1 = self._risk(b)
        own = self.grid[self.fail_k, self.fail_rows]   # each failure's covariates at its time
        wf = self.wr[self.fail_rows]
        ll = float(wf @ eta[self.fail_k, self.fail_rows] - self.d @ (np.log(S0) + shift))
        mean = S1 / S0[:, None]
        grad = wf @ own - self.d @ mean
        H = np.zeros((self.p, self.p))
        if derivatives and self.p:
            S2 = self._second_moments(r)
            H = -np.tensordot(self.d / S0, S2, axes=1) + (self.d[:, None] * mean).T @ mean
        return ll, grad, H

    def score_residuals(self, b: np.ndarray) -> np.ndarray:
        """Each record's score residual per unit of weight, the records' order (n x p): eta, the
        censoring hazard's term over the record's (t0, t] (its jump on a censored last record),
        the entry hazard's over [t0, t) (its jump on a first record entering after 0)."""
        _, _, r, S0, S1 = self._risk(b)
        xbar = S1 / S0[:, None]
        a = self.d / S0
        centred = self.grid - xbar[:, None, :]                        # K x records x p
        U = -np.einsum("k,kj,kjp->jp", a, r, centred) / self.wr[:, None]
        U[self.fail_rows] += centred[self.fail_k, self.fail_rows]
        if not (self.cens_times.size or self.entry_times.size):
            return U
        M = np.where(self.later[:, :, None], (a[:, None] * r)[:, :, None] * centred, 0.0)[:, self.by_exit]
        before = np.concatenate([np.zeros((M.shape[0], 1, self.p)), np.cumsum(M, axis=1)], axis=1)
        total = np.concatenate([np.cumsum(before[::-1], axis=0)[::-1], np.zeros((1,) + before.shape[1:])])
        if self.cens_times.size:  # psiG: the censoring hazard's influence
            u = self.cens_times
            from_k = np.searchsorted(self.times, u, "left")                # failure times >= u
            q = total[from_k, np.searchsorted(self.t_sorted, u, "left")]   # competing with T_j < u
            Y, c = self.cens_at_risk.astype(float), self.cens_counts
            U -= self._compensated(u, c[:, None] * q / (Y ** 2)[:, None], self.t0, self.t, "right")
            cens = self.last & (self.records.status == 0)
            at = np.searchsorted(u, self.t[cens])
            U[cens] += q[at] / Y[at][:, None]
        if self.entry_times.size:  # psiH: the entry (reverse) hazard's influence
            e = self.entry_times
            from_k = np.searchsorted(self.times, e, "right")                # failure times > a
            q = total[from_k, np.searchsorted(self.t_sorted, e, "right")]   # competing with T_j <= a
            n, m = self.entry_at_risk, self.entry_counts
            U += self._compensated(e, m[:, None] * q / (n ** 2)[:, None], self.t0, self.t, "left")
            enters = self.first & (self.t0 > 0)
            at = np.searchsorted(e, self.t0[enters])
            U[enters] -= q[at] / n[at][:, None]
        return U

    @staticmethod
    def _compensated(times, jumps, lo, hi, side):
        """Each record's sum of ``jumps`` at the ``times`` inside it: (lo, hi] with side
        "right" (the censoring hazard's risk sets), [lo, hi) with "left" (the entries')."""
        cum = np.concatenate([np.zeros((1, jumps.shape[1])), np.cumsum(jumps, axis=0)])
        return cum[np.searchsorted(times, hi, side)] - cum[np.searchsorted(times, lo, side)]

    def baseline(self, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _, shift, _, S0, _ = self._risk(b)
        return self.times, np.cumsum(self.d / (S0 * np.exp(shift)))


def _weight_from(x: np.ndarray, w: np.ndarray, at: np.ndarray, side: str) -> np.ndarray:
    """The weight of the records with x >= at (side "left") or x > at ("right")."""
    order = np.argsort(x, kind="stable")
    tail = np.append(np.cumsum(w[order][::-1])[::-1], 0.0)
    return tail[np.searchsorted(x[order], at, side)]


def _at_times(t: np.ndarray, g: np.ndarray, times: np.ndarray) -> np.ndarray:
    """g (one value per distinct t) at ``times`` (each some record's t)."""
    order = np.argsort(t, kind="stable")
    return g[order][np.searchsorted(t[order], times, "left")]


def subject_records(ids: np.ndarray | None, t0: np.ndarray, t: np.ndarray,
                    what: str = "stcrreg") -> tuple[np.ndarray, np.ndarray] | None:
    """(each subject's last record, its first record), None with one record per subject and no
    delayed entry (subdistribution_hazard's model); a subject's records must follow each other
    (gaps are refused), the first may start after time 0 (delayed entry)."""
    if ids is None or np.unique(ids).size == ids.size:
        every = np.ones(t.size, bool)
        return (every, every) if np.any(t0 > 0) else None
    order = np.lexsort((t, ids))
    first = np.r_[True, ids[order][1:] != ids[order][:-1]]
    previous_exit = np.r_[0.0, t[order][:-1]]
    if np.any(t0[order][~first] != previous_exit[~first]):
        raise StataError(f"{what} with gaps between a subject's records not supported by mlmcli", 198)
    last, starts = np.zeros(t.size, bool), np.zeros(t.size, bool)
    last[order[np.r_[first[1:], True]]] = True
    starts[order[first]] = True
    return last, starts
