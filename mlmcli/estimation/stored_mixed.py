"""The fit object of ``mixed`` results read by ``estimates use``: what e(b) and e(V) alone give.

Stata's predict after ``estimates use`` works on the data in memory.  For ``mixed``
(xtmixed_p.ado) the fixed portion needs only e(b) and e(V):

    xb = x b,   stdp = sqrt(x V(b) x')

with x rebuilt on every row from e(b)'s column names (``estimation.rows``), and ``margins``
(the fixed portion, its default) the same.  Everything that needs the random effects --
``reffects``, ``reses``, ``fitted``, ``residuals``, ``rstandard`` -- reruns the model at
e(b) on e(sample), and ``estimates use`` sets e(sample) to 0; until ``estimates esample:``
says which rows were used Stata stops with

    predict, reffects requires that the data used in estimation be in memory
    r(459);

``estimates esample:`` then replaces this object with the model rebuilt at e(b)
(``commands.postestimation.stored_mixed_model``).  Anything else asks for the model to be
fitted again (``MissingFit``, r(321)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.storage import MissingFit
from mlmcli.mixed.varcorr import MixedFitQueries


def data_not_in_memory(statistic: str) -> StataError:
    """xtmixed_p.ado's message when e(sample) is empty."""
    return StataError(f"predict, {statistic} requires that the data used in estimation be in memory", 459)


# hooks postestimation probes with getattr(fit, name, default): absent here, not an error
_OPTIONAL = frozenset(("predict_options", "predict_default", "predict_default_note", "margins_influence",
                       "margins_variables", "small_sample", "residual_macros", "icc", "s"))


class StoredMixedFit(MissingFit):
    """The fixed portion of a ``mixed`` fit from its e(b) and e(V) (module docstring)."""

    def __getattr__(self, name: str):
        if name in _OPTIONAL:
            raise AttributeError(name)
        return super().__getattr__(name)

    def __init__(self, cmd: str, names: tuple[str, ...], beta: np.ndarray, V_beta: np.ndarray):
        super().__init__(cmd)
        self.fixed_names = tuple(names)
        self.beta = np.asarray(beta, float)
        self.V_beta = np.asarray(V_beta, float)

    @classmethod
    def from_results(cls, e) -> "StoredMixedFit":
        fixed = e.coefficients().fixed_part(e.macros.get("depvar", ""))
        return cls(e.cmd, fixed.names, fixed.b, fixed.V)

    def fixef(self) -> np.ndarray:
        return self.beta

    def predict(self, statistic: str, rows) -> np.ndarray:
        if statistic in ("fitted", "residuals", "rstandard"):
            raise data_not_in_memory(statistic)
        return MixedFitQueries.predict(self, statistic, rows)  # xb, stdp (else r(198))

    def re_terms(self):
        raise data_not_in_memory("reffects")

    def blups(self):
        raise data_not_in_memory("reffects")

    margins_prediction = MixedFitQueries.margins_prediction  # the fixed portion x b, as after the fit
