"""A fit on shifted columns (``glm.rescaled_fit.FittedMetric``: a regressor near 1e9) under
vce(bootstrap|jackknife) or the prefixes: its replicates in the full fit's metric too, and their V
there -- the same bootstrap or jackknife summary -- where margins' delta method works.  In the
user's units J V J' cancels terms near 1e15 (margins after logit near x2, vce(bootstrap): an SE of
.61 for .027; after xtgee, glm and mlogit 0).

Each replicate maps from its own fitted metric (``FittedMetric.replicate_b``: its columns shifted
by its own sample's means, the map between the two metrics exact), so V' keeps its digits; a
replicate fitted in the user's units maps by T^-1.  Replicates are matched to the rows of the
summary by their estimates (a rejected or failed replicate is a row of missing values)."""
from __future__ import annotations

import copy
import dataclasses

import numpy as np


class ReplicatesInMetric:
    """The replicates of a fit whose ``metric`` is a ``FittedMetric`` (None: nothing to do), its
    ``estimated`` positions in e(b) the replicated ones (None: every column)."""

    def __init__(self, metric, estimated=None):
        self.metric = metric
        size = 0 if metric is None else len(metric.b)
        self.estimated = np.arange(size) if estimated is None else np.asarray(estimated, int)
        self._rows: dict = {}

    def record(self, theta, replicate_metric) -> None:
        """A replicate's estimates ``theta`` (user's units, at the ``estimated`` positions) and
        its own fitted metric (None: fitted in the user's units)."""
        if self.metric is None:
            return
        theta = np.asarray(theta, float)
        b_user = np.zeros(len(self.metric.b))
        b_user[self.estimated] = theta
        if replicate_metric is not None and len(replicate_metric.b) != len(self.metric.b):
            replicate_metric = None
        self._rows[theta.tobytes()] = self.metric.replicate_b(replicate_metric, b_user)[self.estimated]

    def in_metric(self, B: np.ndarray) -> np.ndarray | None:
        """The replicates' rows ``B`` (user's units) in the fitted metric (None: a row not recorded)."""
        k = len(self.estimated)
        rows = []
        for row in np.asarray(B, float).reshape(-1, k):
            if not np.all(np.isfinite(row)):
                rows.append(np.full(k, np.nan))
                continue
            hit = self._rows.get(row.tobytes())
            if hit is None:
                return None
            rows.append(hit)
        return np.array(rows, float).reshape(-1, k)

    def observed(self) -> np.ndarray:
        """The full fit's estimates in its metric."""
        return self.metric.b[self.estimated]

    def with_variance(self, V_estimated: np.ndarray):
        """The fitted metric with V' over the estimated positions (zeros elsewhere)."""
        V = np.zeros_like(self.metric.V)
        V[np.ix_(self.estimated, self.estimated)] = V_estimated
        return dataclasses.replace(self.metric, V=V)

    def after(self, session, kind: str, settings: dict, factor: float = 1.0):
        """The fitted metric with the replicates' V' (times ``factor``, as the command scales its
        V) from the summary the shared loop left (``session.bootstrap_pending`` or
        ``jackknife_pending``); None when not fitted on shifted columns or a replicate is unmatched."""
        from mlmcli.replicate_variance import jackknife_variance
        from mlmcli.replication.summary import bootstrap_summary

        pending = getattr(session, "bootstrap_pending" if kind == "bootstrap" else "jackknife_pending", None)
        if self.metric is None or not pending or "B" not in pending:
            return None
        B = self.in_metric(pending["B"])
        if B is None:
            return None
        if kind == "bootstrap":
            V = bootstrap_summary(B, self.observed(), mse=bool(settings.get("mse"))).V
        else:
            V = jackknife_variance(B, self.observed(), mse=bool(settings.get("mse")),
                                   weight_kind=pending.get("weight_kind"), frequencies=pending.get("frequencies")).V
        return self.with_variance(V * factor)


def fitted_metric_of(model):
    """A fit's fitted metric (``margins_fitted_metric``; None: fitted in the user's units)."""
    getter = getattr(model, "margins_fitted_metric", None)
    return getter() if getter is not None else None


def with_fitted_metric(model, metric):
    """A copy of ``model`` holding ``metric`` as its fitted metric (``fitted_metric``)."""
    if dataclasses.is_dataclass(model) and any(f.name == "fitted_metric" for f in dataclasses.fields(model)):
        return dataclasses.replace(model, fitted_metric=metric)
    out = copy.copy(model)
    out.fitted_metric = metric
    return out
