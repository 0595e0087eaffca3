"""``EstimationResults``: what an estimation command leaves in ``e()`` (and what
``estimates store`` keeps), and ``Coefficients``, the one way to read ``e(b)``/``e(V)``.

Postestimation commands read Stata's own contract: scalars ``N``, ``ll``, ``ll_0``,
``rank`` (or ``k``), ``df_m``, ``df_r`` (t-based inference), ``N_clust``; macros
``cmd``, ``depvar``, ``vcetype``, ``wtype``, ``clustvar``, ``method``, ``ivars``;
matrices ``b`` and ``V``.  ``model`` is the engine's fit object (see
``mlmcli.estimation.interface``), ``result`` the pure result the command's renderer
replays, ``sample`` e(sample) over the rows at fit time, ``design`` the fixed-effects
design (``mlmcli.factor_variables.FixedDesign``) that rebuilds X on any rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MIXED_COMMANDS = ("mixed", "xtmixed")  # linear mixed models (the mixed engine's fits)
MULTILEVEL_COMMANDS = MIXED_COMMANDS  # estat group/icc/recovariance/sd and predict reffects


@dataclass
class EstimationResults:
    """``e()`` after an estimation command; see the module docstring."""

    cmd: str
    scalars: dict[str, float] = field(default_factory=dict)
    macros: dict[str, str] = field(default_factory=dict)
    matrices: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    model: Any = None
    sample: Any = None
    title: str = ""
    design: Any = None

    def coefficients(self) -> "Coefficients":
        """e(b), e(V) and their column names (r(301) when the results have none)."""
        import numpy as np

        from mlmcli.errors import StataError

        b, V = self.matrices.get("b"), self.matrices.get("V")
        if b is None or V is None:
            raise StataError("last estimates not found", 301)
        return Coefficients(tuple(b.colnames), np.asarray(b.values, float).ravel(), np.asarray(V.values, float))

    def n_parameters(self) -> int:
        """The number of estimated parameters: e(rank), else e(k), else colsof(e(b))."""
        for key in ("rank", "k"):
            if key in self.scalars:
                return int(self.scalars[key])
        b = self.matrices.get("b")
        return len(b.colnames) if b is not None else 0

    def residual_df(self) -> float | None:
        """e(df_r): t and F statistics when set (``regress``), z and chi2 otherwise."""
        return self.scalars.get("df_r")

    def level_variables(self) -> list[str]:
        """Distinct random-effects levels in model order (outermost first), from e(ivars)."""
        out: list[str] = []
        for v in self.macros.get("ivars", "").split():
            if v not in out:
                out.append(v)
        return out


@dataclass(frozen=True)
class Coefficients:
    """``e(b)`` as a vector, ``e(V)`` as a matrix and their ``eq:name`` column names."""

    names: tuple[str, ...]
    b: Any  # (k,)
    V: Any  # (k, k)

    def fixed_part(self, depvar: str) -> "Coefficients":
        """The estimable coefficients of the first (``depvar``) equation, base and omitted
        ones dropped, in e(b) order: the b and V of the linear predictor x b."""
        import numpy as np

        from mlmcli.syntax.coefnames import is_base_or_omitted, split_eq

        keep = []
        for i, full in enumerate(self.names):
            eq, name = split_eq(full)
            if (eq or depvar) == depvar and not is_base_or_omitted(name):
                keep.append(i)
        return Coefficients(tuple(split_eq(self.names[i])[1] for i in keep), self.b[keep],
                            self.V[np.ix_(keep, keep)])
