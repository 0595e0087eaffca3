"""What a nonlinear mixed-effects fit needs, as plain data (``menl``'s engine input).

The model (Pinheiro & Bates 2000, ch. 7; Stata [ME] menl) for observation j of group i:

    y_ij = f(phi_ij) + e_ij,   e_ij ~ N(0, sigma^2),   u_i ~ N(0, sigma^2 Psi)

where ``phi_ij`` are the named inputs of the mean function: each linear combination
``xb_k = X_k beta_k (+ u_ir for the random effects listed in it)``, each free parameter
``a_m`` (a scalar) and each random effect ``u_ir`` entered directly.  The random effects
``u_i = (u_i1 .. u_iq)`` belong to one grouping variable; Psi is diagonal (Stata's
``independent``; ``identity`` when q = 1).  The mean function is a callable from the inputs
(arrays over the estimation sample, by name) to f over the sample; the command layer builds
it from the expression engine, the engine never sees an expression.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np

MeanFunction = Callable[[Mapping[str, np.ndarray]], np.ndarray]


@dataclass(frozen=True)
class LinearCombination:
    """``define(name: varlist [U[id] ...])``: ``X beta`` plus the listed random effects."""

    name: str
    X: np.ndarray  # n x p, the estimable columns
    names: tuple[str, ...]  # their coefficient names (``1.gender_bin``, ``_cons``)
    random: tuple[int, ...] = ()  # indices (into NLMESpec.random) of random effects added
    labels: tuple = ()  # every coefficient as the table shows it (``mixed.spec.CoefLabel``:
    #                     base and omitted levels too); empty: one estimable label per name


@dataclass(frozen=True)
class NLMESpec:
    y: np.ndarray
    mean: MeanFunction
    combinations: tuple[LinearCombination, ...]
    free: tuple[str, ...]  # free parameters {a0}
    free_start: tuple[float | None, ...]  # {a0=#}, None when not given
    random: tuple[str, ...]  # random effects, all at the level of ``group``
    direct: tuple[bool, ...]  # random effect r is an input of the mean function itself
    group: np.ndarray  # group code 0..n_groups-1 of each observation
    n_groups: int
    reml: bool = False
    iterate: int = 300  # Lindstrom-Bates alternations
    tolerance: float = 1e-6  # relative change of the parameters
    ltolerance: float = 1e-7  # relative change of the linearization log likelihood

    @property
    def n_fixed(self) -> int:
        return sum(c.X.shape[1] for c in self.combinations) + len(self.free)

    @property
    def q(self) -> int:
        return len(self.random)
