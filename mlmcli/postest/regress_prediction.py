"""What ``predict`` after ``regress`` (regres_p) names, labels and refuses, for ``predict`` and
for the twoway fits' ``predopts()``, which run the same predict.

- ``Prediction``: one statistic as read (xb, stdp, stdf, stdr, hat, residuals, score, rstandard,
  rstudent, cooksd, dfits, welsch, covratio, dfbeta(varname), pr(a,b), e(a,b), ystar(a,b)) and
  the variable label predict gives it (``Prediction.label``).
- ``parse_bounds``/``bound_values``: pr()/e()/ystar()'s a and b (regre_p2: exactly one comma; a
  number, ``.`` or a numeric variable; b >= a wherever both are set).
- ``AFTER_ROBUST``/``AFTER_PREFIX``: regres_p's refusals after a robust VCE (e(vcetype)
  "Robust") and after the bootstrap/jackknife/svy prefixes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

AFTER_ROBUST = ("cooksd", "covratio", "dfbeta", "dfits", "e", "hat", "pr", "rstandard", "rstudent",
                "stdf", "stdr", "welsch", "ystar")
# (residuals stays: regres_p adds it to its own options after a prefix and computes it as
# depvar - xb; it is not among those _prefix_nonoption refuses)
AFTER_PREFIX = ("cooksd", "covratio", "dfbeta", "dfits", "hat", "rstandard", "rstudent",
                "stdf", "stdr", "welsch")
LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction", "stdf": "S.E. of the forecast",
          "stdr": "S.E. of the residual", "hat": "Leverage", "residuals": "Residuals", "score": "Residuals",
          "rstandard": "Standardized residuals", "rstudent": "Studentized residuals", "cooksd": "Cook's D",
          "dfits": "DFITS", "welsch": "Welsch distance", "covratio": "COVRATIO"}


@dataclass(frozen=True)
class Prediction:
    """One of predict's statistics after regress: ``statistic``, the bounds of pr/e/ystar as
    typed, dfbeta's variable."""

    statistic: str = "xb"
    typed: tuple[str, str] | None = None  # the bounds as typed (the label shows them)
    explicit: bool = False  # xb typed: predict's label, not regres_p's default "Fitted values"
    variable: str = ""  # dfbeta(varname)

    def label(self, depvar: str) -> str:
        """The label ``predict`` gives the new variable."""
        if self.statistic == "xb":
            return LABELS["xb"] if self.explicit else "Fitted values"
        if self.statistic in LABELS:
            return LABELS[self.statistic]
        if self.statistic == "dfbeta":
            return f"DFBETA {self.variable}"
        lo, hi = self.typed or (".", ".")
        condition = {(True, True): "", (True, False): f"{depvar}<{hi}", (False, True): f"{depvar}>{lo}",
                     (False, False): f"{lo}<{depvar}<{hi}"}[(lo == ".", hi == ".")]
        if self.statistic == "pr":
            return f"Pr({condition or depvar})"
        star = "*" if self.statistic == "ystar" else ""
        return f"E({depvar}{star}|{condition})" if condition else f"E({depvar})"


def parse_bounds(arg, name: str, where: str = "") -> tuple[str, str]:
    """``pr(a,b)``'s two bounds as typed (regre_p2: exactly one comma, both sides typed);
    ``where``: the message's prefix (``predopts(): ``)."""
    parts = [p.strip() for p in str(arg).split(",")]
    if len(parts) != 2 or not all(parts):
        raise StataError(f"{where}option {name}() incorrectly specified", 198)
    return parts[0], parts[1]


def bound_from_text(data, text: str):
    """regre_p2's Fix of one bound: ``.`` (NaN: open), a number, or a numeric variable's values."""
    text = text.strip()
    if text == ".":
        return np.nan
    try:
        return float(text)
    except ValueError:
        return data.numeric(data.resolve(text))


def bound_values(prediction: Prediction, resolve) -> tuple[np.ndarray | float, np.ndarray | float]:
    """(a, b) of pr()/e()/ystar() at the rows: ``resolve(text)`` gives a number or a variable's
    values (nan: unbounded); b must not be below a where both are set."""
    lo_text, hi_text = prediction.typed or (".", ".")
    lo = np.nan if lo_text == "." else resolve(lo_text)
    hi = np.nan if hi_text == "." else resolve(hi_text)
    with np.errstate(invalid="ignore"):
        bad = np.asarray((np.asarray(lo) > np.asarray(hi)) & np.isfinite(lo) & np.isfinite(hi))
    if bad.any():
        raise StataError(f"option {prediction.statistic}(a,b) incorrectly specified; b must be >= a", 198)
    return lo, hi
