"""sem with group(): the fit over the groups' models (mlmcli/sem/group_model.py) and its result.

e(b) holds every group's copy of every parameter, named with the group as a factor-variable
prefix ([SEM] sem group options, [SEM] example 20): ``peerrel2:1bn.grade#c.Peer`` (the first
group's level with ``bn``), ``peerrel2:2.grade#c.Peer``; an intercept or a (co)variance takes
the level alone (``peerrel2:1bn.grade``, ``var(e.peerrel2):2.grade``).  Copies constrained
equal are listed as ``[y]1bn.g#c.F - [y]2.g#c.F = 0`` and shown once, labelled ``[*]``; the
others one row per group.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.sem import latent_fit as lf
from mlmcli.sem.group_model import GroupModel, GroupMoments, MultiGroupRAM, baseline_test, \
    saturated_test, starting_values
from mlmcli.sem.latent_estimate import LatentSEMFit, LatentView, linear_predictions
from mlmcli.sem.latent_model import Moments


def level_text(value) -> str:
    v = float(value)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def group_name(slot_name: str, value, first: bool, gvar: str) -> str:
    eq, _, col = slot_name.partition(":")
    prefix = f"{level_text(value)}{'bn' if first else ''}.{gvar}"
    return f"{eq}:{prefix}" if col == "_cons" else f"{eq}:{prefix}#c.{col}"


@dataclass(frozen=True)
class GroupSEMFit(LatentSEMFit):
    """``extra``: model (GroupModel), theta (common), V_free, moments (GroupMoments), entries
    (each e(b) column's (group, slot)), gvar, labels (each group's display label)."""

    @property
    def built(self):
        return self.extra["model"].builts[0]

    @property
    def group_model(self) -> GroupModel:
        return self.extra["model"]

    def n_parameters(self) -> int:
        return self.group_model.n_free

    def group_theta(self, g: int) -> np.ndarray:
        return self.group_model.local(self.extra["theta"], g)

    def standardized_values(self):
        """(b, V, fixed) of every e(b) column standardized within its group (the group's
        model-implied standard deviations); V by the delta method over the common parameters."""
        model, entries = self.group_model, self.extra["entries"]

        def values(theta):
            per = [lf.standardize(b.ram, model.local(theta, g)) for g, b in enumerate(model.builts)]
            return np.array([per[g][k] for g, k in entries])
        theta = self.extra["theta"]
        base = values(theta)
        V = lf.delta_variance(values, theta, self.extra["V_free"])
        fixed = frozenset(c for c in range(len(base)) if V[c, c] < 1e-14 * max(1.0, base[c] ** 2))
        return base, V, fixed

    # ------------------------------------------------------------ predict
    def latent_values(self, Y: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
        return self._by_group(Y, groups, lambda b, t, rows: lf.latent_scores(
            b.ram, t, rows, [b.ram.p + k for k in range(len(b.latent))]), len(self.built.latent))

    def linear_prediction(self, Y: np.ndarray, latent: bool = False, groups: np.ndarray | None = None) -> np.ndarray:
        kinds = self.built.latent if latent else self.built.observed
        width = sum(1 for v in self.built.endogenous if v in kinds)
        return self._by_group(Y, groups, lambda b, t, rows: linear_predictions(b, t, rows, latent), width)

    def _by_group(self, Y, groups, compute, width) -> np.ndarray:
        """Each row by its group's model; a row outside the groups stays missing."""
        out = np.full((len(Y), width), np.nan)
        model = self.group_model
        for g, value in enumerate(model.values):
            rows = groups == value if groups is not None else np.zeros(len(Y), bool)
            if rows.any():
                out[rows] = compute(model.builts[g], self.group_theta(g), Y[rows])
        return out

    # ------------------------------------------------------------ the table
    def result(self):
        from mlmcli.sem.group_table import grouped_result

        if self.standardized:  # the table of standardized values (e(b) unchanged)
            b_std, V_std, fixed = self.standardized_values()
            shown = dataclasses.replace(self, b=b_std, V=V_std, constrained=fixed, standardized=False)
            return dataclasses.replace(grouped_result(shown), standardized=True)
        return grouped_result(self)


def _columns(model: GroupModel, mlmv: bool) -> list[tuple[int, int]]:
    """(group, slot) of every e(b) column: each shown parameter (in the first group's order,
    then any other group's new ones) followed by its copies in the other groups."""
    order: list[str] = []
    for b in model.builts:
        shown = range(len(b.ram.slots)) if mlmv else b.shown
        for k in shown:
            name = b.ram.slots[k].name
            if name not in order:
                order.append(name)
    out = []
    for name in order:
        for g, b in enumerate(model.builts):
            found = [k for k in (range(len(b.ram.slots)) if mlmv else b.shown) if b.ram.slots[k].name == name]
            if found:
                out.append((g, found[0]))
    return out


def _constraint_text(model: GroupModel, entries, names) -> list[str]:
    """Group by group: fixed parameters ``[x1]1bn.g#c.F = 1``; at a shared parameter's first
    copy, one line per later copy ``[x2]1bn.g#c.F - [x2]2.g#c.F = 0``."""
    label = {}
    for (g, k), full in zip(entries, names):
        eq, _, col = full.partition(":")
        label[(g, k)] = f"[{eq}]{col}"
    by_key: dict[int, list] = {}
    for g, k in entries:
        j = model.builts[g].ram.index[k]
        if j is not None:
            by_key.setdefault(int(model.maps[g][j]), []).append((g, k))
    out = []
    for g in range(len(model.builts)):
        for gg, k in entries:
            if gg != g:
                continue
            s = model.builts[g].ram.slots[k]
            if s.fixed is not None:
                v = s.fixed
                out.append(f"{label[(g, k)]} = {int(v) if float(v).is_integer() else v:g}")
                continue
            same = by_key[int(model.maps[g][model.builts[g].ram.index[k]])]
            if same[0] == (g, k):
                out += [f"{label[(g, k)]} - {label[o]} = 0" for o in same[1:]]
    return out


def estimate_groups(model: GroupModel, Ys: list[np.ndarray], gvar: str, labels: tuple[str, ...], *,
                    level: float = 95.0, nolog: bool = False, iterate: int | None = None, mlmv: bool = False,
                    vce: str = "oim", clusters: list | None = None, clustvar: str | None = None,
                    standardized: bool = False) -> GroupSEMFit:
    from mlmcli.errors import StataError

    moms = GroupMoments(tuple(Moments.with_missing(Y) if mlmv else Moments.of(Y) for Y in Ys))
    p = model.builts[0].ram.p
    for m in moms.groups:
        if np.linalg.matrix_rank(m.cov) < p:
            raise StataError("the observed variables' covariance matrix is singular", 506)
    ram = MultiGroupRAM(model)
    best = lf.maximize(ram, starting_values(model, moms), moms, limit=300 if iterate is None else iterate)
    theta = best.theta
    Vfree = lf.oim_variance(ram, theta, moms)
    n_clust = None
    if vce in ("robust", "cluster"):
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        rows = [Y[np.isfinite(Y).any(axis=1)] if mlmv else Y for Y in Ys]
        scores = np.vstack(ram.observation_scores(theta, rows))
        codes = None
        if vce == "cluster":
            codes, n_clust = cluster_index(np.concatenate(clusters))
        Vfree = cluster_sandwich(Vfree, scores, codes)
    entries = _columns(model, mlmv)
    names = tuple(group_name(model.builts[g].ram.slots[k].name, model.values[g], g == 0, gvar) for g, k in entries)
    b = np.empty(len(entries))
    idx = np.empty(len(entries), dtype=int)
    for c, (g, k) in enumerate(entries):
        ramg = model.builts[g].ram
        j = ramg.index[k]
        b[c] = ramg.slots[k].fixed if j is None else theta[model.maps[g][j]]
        idx[c] = -1 if j is None else model.maps[g][j]
    V = np.zeros((len(b), len(b)))
    free = idx >= 0
    V[np.ix_(free, free)] = Vfree[np.ix_(idx[free], idx[free])]
    constrained = frozenset(np.flatnonzero(~free).tolist())
    variances = frozenset(c for c, (g, k) in enumerate(entries) if model.builts[g].ram.slots[k].kind == "var")
    built = model.builts[0]
    view = LatentView(tuple(v for v in built.endogenous if v in built.observed), built.exogenous, built.latent)
    extra = {"model": model, "theta": theta, "moments": moms, "V_free": Vfree, "entries": tuple(entries),
             "baseline": baseline_test(model, moms), "gvar": gvar, "labels": labels,
             "constraint_text": _constraint_text(model, entries, names), "method": "mlmv" if mlmv else "ml",
             "log_concave": tuple(c for _, c in best.log), "built": built}
    return GroupSEMFit("sem", view, names, b, V, best.loglik, moms.n, level, tuple(ll for ll, _ in best.log),
                       constrained=constrained, variances=variances,
                       lr_saturated=saturated_test(model, best.loglik, moms), converged=best.converged,
                       limit_reached=best.limit_reached, nolog=nolog, extra=extra, vce=vce, clustvar=clustvar,
                       n_clust=n_clust, standardized=standardized)
