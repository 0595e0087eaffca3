"""A path model: equations ``y <- x1 x2 ... L[g]`` among observed variables, with
random intercepts ``L[g]`` (latent variables constant within groups of g).

Observed variables that appear only on right-hand sides are exogenous; every left-hand
side is endogenous.  A model is recursive when the endogenous variables can be ordered
so that each equation uses only earlier ones; with uncorrelated errors the joint density
then factors into one conditional density per equation (the Jacobian of e -> y is
triangular with unit diagonal).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Latent:
    """A multilevel latent variable ``name[group]`` (its loading fixed at 1)."""

    name: str
    group: str

    @property
    def label(self) -> str:
        return f"{self.name}[{self.group}]"


@dataclass(frozen=True)
class Equation:
    """``depvar <- regressors latents _cons``."""

    depvar: str
    regressors: tuple[str, ...]
    latents: tuple[Latent, ...] = ()


@dataclass(frozen=True)
class PathModel:
    equations: tuple[Equation, ...]

    @property
    def endogenous(self) -> tuple[str, ...]:
        return tuple(eq.depvar for eq in self.equations)

    @property
    def exogenous(self) -> tuple[str, ...]:
        """Observed exogenous variables in order of first appearance."""
        endo = set(self.endogenous)
        out: list[str] = []
        for eq in self.equations:
            for x in eq.regressors:
                if x not in endo and x not in out:
                    out.append(x)
        return tuple(out)

    @property
    def latents(self) -> tuple[Latent, ...]:
        out: list[Latent] = []
        for eq in self.equations:
            for lat in eq.latents:
                if lat not in out:
                    out.append(lat)
        return tuple(out)

    @property
    def variables(self) -> tuple[str, ...]:
        return self.endogenous + self.exogenous

    def recursive_order(self) -> tuple[int, ...] | None:
        """Equation indices ordered so that each uses only earlier endogenous variables;
        None when the paths form a loop (a nonrecursive model)."""
        index = {eq.depvar: k for k, eq in enumerate(self.equations)}
        needs = {k: {index[x] for x in eq.regressors if x in index} for k, eq in enumerate(self.equations)}
        done: list[int] = []
        while len(done) < len(self.equations):
            ready = [k for k in needs if k not in done and needs[k] <= set(done)]
            if not ready:
                return None
            done.append(ready[0])
        return tuple(done)
