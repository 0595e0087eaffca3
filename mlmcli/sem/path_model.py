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
class Response:
    """gsem's family and link of an equation (``family(bernoulli) link(logit)``, ``poisson`` ...);
    ``trials``: binomial's number of trials (a number or a variable); ``exposure``/``offset``:
    a variable.  The default is Gaussian with the identity link."""

    family: str = "gaussian"
    link: str = "identity"
    trials: str | None = None
    exposure: str | None = None
    offset: str | None = None

    @property
    def gaussian(self) -> bool:
        return self.family == "gaussian" and self.link == "identity" and not (self.exposure or self.offset)


@dataclass(frozen=True)
class Equation:
    """``depvar <- regressors latents _cons``; ``slopes``: random slopes ``c.x#L[g]`` as
    (x, L) pairs (loading fixed at 1 on x)."""

    depvar: str
    regressors: tuple[str, ...]
    latents: tuple[Latent, ...] = ()
    slopes: tuple[tuple[str, Latent], ...] = ()
    response: Response = Response()
    order: tuple[str, ...] = ()  # the random intercept and slopes' labels as typed (``c.x#M2[id]``)
    factor_response: bool = False  # typed ``i.y`` (a multinomial response)
    base_level: float | None = None  # ``ib#.y``'s base outcome; None: the lowest value

    @property
    def random_labels(self) -> tuple[str, ...]:
        """The labels of the random intercept and slopes as typed (``M1[id]``, ``c.x#M2[id]``)."""
        return self.order or tuple(lat.label for lat in self.latents)

    @property
    def random_latents(self) -> tuple[Latent, ...]:
        """The latent variable of each of random_labels, in that order."""
        by_label = {lat.label: lat for lat in self.latents}
        by_label.update({lat.label: lat for _, lat in self.slopes})
        return tuple(by_label[label.split("#")[-1]] for label in self.random_labels)


def _factor(term: str) -> bool:
    return "." in term or "#" in term


@dataclass(frozen=True)
class PathModel:
    equations: tuple[Equation, ...]
    # gsem's ``(w -> M1[g])``: a random intercept or slope regressed on observed variables
    # (M1 = w g + e.M1), each (latent, regressors)
    latent_paths: tuple[tuple[Latent, tuple[str, ...]], ...] = ()

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
        """The latent variables (random intercepts and slopes), first seen first."""
        out: list[Latent] = []
        for eq in self.equations:
            for lat in eq.random_latents:
                if lat not in out:
                    out.append(lat)
        return tuple(out)

    @property
    def generalized(self) -> bool:
        """A response that is not Gaussian-identity, a random slope, or random intercepts at
        several (nested) levels: the me engine's model."""
        return bool(self.latent_paths) or any(
            (eq.slopes and len(self.equations) == 1) or not eq.response.gaussian
            or len({lat.group for lat in eq.latents}) > 1
            or any(_factor(x) for x in eq.regressors) for eq in self.equations)

    @property
    def variables(self) -> tuple[str, ...]:
        """The observed variables: responses, regressors, then the variables of random slopes."""
        out = list(self.endogenous + self.exogenous)
        for eq in self.equations:
            out += [x for x, _ in eq.slopes if x not in out]
        return tuple(out)

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
