"""The estimation commands ``fracpoly`` runs and their deviances (frac_chk, frac_dv).

regress: least squares (``fractional_polynomials.regress_fit``).  logit, logistic, probit,
poisson, glm: -2 e(ll) of the command's maximum-likelihood fit on each candidate design
(``graphs.fpfit_models.deviance_criterion``, the fits ``twoway fpfit`` makes); glm with its
family() and link().  stcox: -2 times the log partial likelihood (Breslow's ties, or efron)
on stset's (_t0, _t], _d, no constant.  A fit that fails is frac_154's captured failure
(deviance ".", never the best).

Options: those that change no log likelihood (the VCE, the level, the display's) go to the
final fit only, as frac_154's ``options`` reach every fit without changing a deviance; glm's
family() and link() and stcox's breslow/efron enter every fit; any other is refused by name
(offset(), exposure(), constraints(), asis, scale(), strata(), tvc() ... would change the
fits the search ranks and are not run here).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

# frac_chk's dist: 0 normal, 1 binomial, 2 poisson, 4 glm, 7 st
DIST = {"regress": 0, "logit": 1, "logistic": 1, "probit": 1, "poisson": 2, "glm": 4, "stcox": 7}
# (name, minimum abbreviation) of the options passed to the final fit only
_DISPLAY_OPTIONS = (("level", 1), ("vce", 3), ("robust", 1), ("cluster", 2), ("nolog", 5), ("noheader", 6), ("nocnsreport", 6), ("or", 2), ("irr", 3), ("eform", 5), ("coef", 4),
                    ("nohr", 4), ("noshow", 6), ("nodisplay", 6))
_SEARCH_OPTIONS = {"glm": (("family", 1), ("link", 1)), "stcox": (("breslow", 3), ("efron", 3))}


def parse_estimation_command(text: str, prefix: str, others):
    """(command, its parsed line) of ``prefix``'s ``cmd depvar ...`` (fracpoly, mfp): a command
    mlm does not run under ``prefix`` is refused (``others``: frac_chk's, named), an unknown word
    is "invalid or unrecognized command", weights are refused."""
    from mlmcli.commands import full_command_name
    from mlmcli.parser import parse_arguments

    words = text.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    name = full_command_name(words[0])
    if name not in DIST:
        if name in others:
            raise StataError(f"{prefix} with {name} is not implemented in mlm ({prefix} runs regress, logit, "
                             "logistic, probit, poisson, glm and stcox)", 199)
        raise StataError(f"invalid or unrecognized command, {words[0]}", 198)
    inner = parse_arguments(words[1] if len(words) > 1 else "", name)
    if inner.weight is not None:
        raise StataError(f"{prefix} with weights is not implemented in mlm", 101)
    return name, inner


def _matches(name: str, table) -> str | None:
    low = name.lower()
    for full, k in table:
        if len(low) >= k and full.startswith(low):
            return full
    return None


def model_options(command: str, options, prefix: str = "fracpoly") -> dict:
    """The options that enter every fit ({name: argument or True}); refuses those mlm does not
    run inside ``prefix`` (module docstring).  fracpoly regress: every option is passed (as
    before)."""
    found: dict = {}
    if command == "regress" and prefix == "fracpoly":
        return found
    for o in options:
        own = _matches(o.name, _SEARCH_OPTIONS.get(command, ()))
        if own is not None:
            found[own] = o.arg if o.arg is not None else True
        elif _matches(o.name, _DISPLAY_OPTIONS) is None:
            shown = f"{o.name}()" if o.arg is not None else o.name
            raise StataError(f"{prefix} {command}: option {shown} is not implemented in mlm", 198)
    if found.get("breslow") and found.get("efron"):
        raise StataError("options breslow and efron may not be specified together", 198)
    return found


def criterion(session, command: str, y: np.ndarray, touse: np.ndarray, options: dict):
    """``X -> -2 ll`` (None when the fit fails) of ``command`` on the design X (the constant
    first; stcox: no constant); None for regress."""
    if command == "regress":
        return None
    if command == "stcox":
        return _guarded(_cox_criterion(session, touse, "efron" if options.get("efron") else "breslow"))
    from mlmcli.graphs.fpfit_models import deviance_criterion, glm_model

    if command == "glm":
        model = glm_model(options.get("family"), options.get("link"), session.data, touse)
        return _guarded(deviance_criterion("glm", y, None, None, True, model=model))
    if command in ("logit", "logistic", "probit"):
        y = (y != 0).astype(float)  # logit's outcome: zero or not
    return _guarded(deviance_criterion(command, y, None, None, True))


def _guarded(deviance):
    """A candidate whose fit overflows (an extreme power of x) is a failed fit, as frac_154's
    captured failure: None, never a floating-point warning."""
    import warnings

    def guarded(X):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                value = deviance(X)
            except (FloatingPointError, OverflowError, RuntimeWarning):
                return None
        return value if value is None or np.isfinite(value) else None
    return guarded


def _cox_criterion(session, touse, ties: str):
    from mlmcli.survival.cox import CoxData, fit_cox

    ds = session.data
    t0, t, d = (ds.numeric(v)[touse] for v in ("_t0", "_t", "_d"))
    weights = np.ones(t.size)

    def deviance(X: np.ndarray) -> float | None:
        try:
            _, res, _, _ = fit_cox(CoxData(t0=t0, t=t, d=(d != 0).astype(float), X=X, w=weights, ties=ties))
        except (StataError, np.linalg.LinAlgError):
            return None
        return -2.0 * float(res.f) if res.converged and np.isfinite(res.f) else None
    return deviance
