"""sem's multiple-group model ([SEM] sem group options, [SEM] intro 6): one RAM model per group
(mlmcli/sem/latent_model.py), every free slot keyed to one parameter of a common vector.

A slot's key: fixed -> none; a typed label ``@c1`` -> that label (shared by every group that
uses it); a slot whose class is in ginvariant() -> its name (one parameter for all groups);
else the group's own copy.  The classes ([SEM] sem group options, sem_classnames.ihlp):
mcoef/mcons the paths and intercepts of the measurement equations, scoef/scons those of the
structural ones, merrvar/serrvar the (co)variances of the measurement/structural errors,
smerrcov the covariances between the two, meanex/covex the means and (co)variances of the
exogenous variables -- the latent ones only unless noxconditional (the observed exogenous
moments of an x-conditional model stay each group's sample values).

The log likelihood is the sum of the groups' (Methods and formulas for sem: the multiple-group
discrepancy is the sum of the groups' ML discrepancies, each weighted by its N).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.glm.central_hessian import hessian_from_gradient
from mlmcli.sem.latent_model import Moments, RAMModel, Slot, saturated_loglik
from mlmcli.sem.latent_spec import BuiltModel, LatentSpec, build

CLASSES = ("scoef", "scons", "mcoef", "mcons", "serrvar", "merrvar", "smerrcov", "meanex", "covex")


def slot_class(built: BuiltModel, slot: Slot) -> str | None:
    """The ginvariant() class of a slot (None: an x-conditional observed exogenous moment,
    never constrained across groups)."""
    names = built.ram.variables
    a, b = names[slot.i], names[slot.j]
    measurement = set(built.measurement)
    endogenous = set(built.endogenous)
    observed_exo = {v for v in built.exogenous if v in built.observed}
    if slot.kind == "path":
        return "mcoef" if a in measurement else "scoef"
    if slot.kind == "cons":
        return "mcons" if a in measurement else "scons"
    if slot.kind == "mean":
        return None if built.xconditional and a in observed_exo else "meanex"
    if a in endogenous:  # an error's variance or covariance
        kinds = {a in measurement, b in measurement}
        return "merrvar" if kinds == {True} else "serrvar" if kinds == {False} else "smerrcov"
    if built.xconditional and a in observed_exo and b in observed_exo:
        return None
    return "covex"


@dataclass(frozen=True)
class GroupModel:
    """The groups' models (each's slots labelled with their keys), the keys of the common
    parameter vector and each group's map from its own parameters to the common ones."""

    values: tuple  # the group variable's values, ascending
    builts: tuple[BuiltModel, ...]
    keys: tuple[str, ...]
    maps: tuple[np.ndarray, ...]
    invariant: frozenset

    @property
    def n_free(self) -> int:
        return len(self.keys)

    def local(self, theta: np.ndarray, g: int) -> np.ndarray:
        return np.asarray(theta, float)[self.maps[g]]


def slot_key(built: BuiltModel, slot: Slot, g: int, invariant: frozenset) -> str | None:
    if slot.fixed is not None:
        return None
    shared = slot_class(built, slot) in invariant
    if slot.label is not None and slot.label.startswith("_cs") and not shared:
        return f"@{slot.label}#{g}"  # covstructure()'s identity/exchangeable: within each group
    if slot.label is not None:
        return "@" + slot.label
    return "=" + slot.name if shared else f"{g}:{slot.name}"


def build_groups(specs: list[LatentSpec], values: tuple, invariant: frozenset) -> GroupModel:
    builts, local_keys = [], []
    for g, spec in enumerate(specs):
        built = build(spec)
        keyed = []
        for s in built.ram.slots:
            key = slot_key(built, s, g, invariant)
            keyed.append(dataclasses.replace(s, label=key))
        ram = RAMModel(built.ram.variables, built.ram.p, tuple(keyed))
        builts.append(dataclasses.replace(built, ram=ram))
        local_keys.append(ram.labels)
    keys = list(dict.fromkeys(k for ks in local_keys for k in ks))
    pos = {k: i for i, k in enumerate(keys)}
    maps = tuple(np.array([pos[k] for k in ks], dtype=int) for ks in local_keys)
    return GroupModel(tuple(values), tuple(builts), tuple(keys), maps, invariant)


@dataclass(frozen=True)
class GroupMoments:
    """Each group's sample moments; ``n`` the total (the optimiser's scale)."""

    groups: tuple[Moments, ...]

    @property
    def n(self) -> int:
        return sum(m.n for m in self.groups)


class MultiGroupRAM:
    """The interface latent_fit.maximize uses (loglik, gradient, hessian, n_free) over the
    common parameter vector: sums of the groups'."""

    def __init__(self, model: GroupModel):
        self.model = model
        self.n_free = model.n_free

    def loglik(self, theta, mom: GroupMoments) -> float:
        total = 0.0
        for g, b in enumerate(self.model.builts):
            total += b.ram.loglik(self.model.local(theta, g), mom.groups[g])
            if not np.isfinite(total):
                return float("-inf")
        return total

    def gradient(self, theta, mom: GroupMoments) -> np.ndarray:
        out = np.zeros(self.n_free)
        for g, b in enumerate(self.model.builts):
            np.add.at(out, self.model.maps[g], b.ram.gradient(self.model.local(theta, g), mom.groups[g]))
        return out

    def hessian(self, theta, mom: GroupMoments) -> np.ndarray:
        return hessian_from_gradient(lambda t: self.gradient(t, mom), np.asarray(theta, float))

    def observation_scores(self, theta, Ys: list[np.ndarray]) -> list[np.ndarray]:
        """Each group's rows' scores over the common parameters."""
        from mlmcli.sem.latent_fit import observation_scores

        out = []
        for g, b in enumerate(self.model.builts):
            local = observation_scores(b.ram, self.model.local(theta, g), Ys[g])
            full = np.zeros((len(local), self.n_free))
            for k, j in enumerate(self.model.maps[g]):
                full[:, j] += local[:, k]
            out.append(full)
        return out


def starting_values(model: GroupModel, mom: GroupMoments) -> np.ndarray:
    """Each group's starting values (latent_fit.starting_values), a shared parameter at their mean."""
    from mlmcli.sem.latent_fit import starting_values as single

    total = np.zeros(model.n_free)
    count = np.zeros(model.n_free)
    for g, b in enumerate(model.builts):
        np.add.at(total, model.maps[g], single(b, mom.groups[g]))
        np.add.at(count, model.maps[g], 1.0)
    return total / np.maximum(count, 1.0)


def saturated_test(model: GroupModel, ll: float, mom: GroupMoments):
    """LR test against the groups' saturated models: df = G p(p+3)/2 - k."""
    from mlmcli import distributions as stats

    p = model.builts[0].ram.p
    df = len(model.builts) * p * (p + 3) // 2 - model.n_free
    sat = sum(saturated_loglik(m) for m in mom.groups)
    chi2 = max(2.0 * (sat - ll), 0.0) if df > 0 else 0.0
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")


def baseline_test(model: GroupModel, mom: GroupMoments):
    """The baseline model in every group, its parameters free in each: chi2 and df summed."""
    from mlmcli import distributions as stats
    from mlmcli.sem.latent_fit import baseline_test as single

    parts = [single(b, m) for b, m in zip(model.builts, mom.groups)]
    chi2 = sum(c for c, _, _ in parts)
    df = sum(d for _, d, _ in parts)
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")
