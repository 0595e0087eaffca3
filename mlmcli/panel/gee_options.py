"""``xtgee``'s model options read into the engine's objects: ``family()`` and ``link()`` as
glm's Family and Link (``mlmcli.glm.exponential_family``), ``corr()`` as a
WorkingCorrelation (``mlmcli.panel.gee_structures``), and the time positions the
time-indexed structures use.

    family(gaussian|igaussian|binomial [#|varname]|poisson|nbinomial [#]|gamma)
    link(identity|cloglog|log|logit|nbinomial|opower #|power #|probit|reciprocal)
    corr(exchangeable|independent|unstructured|fixed matname|ar #|stationary #|nonstationary #)

The defaults are the canonical links (gamma: reciprocal, inverse Gaussian: power -2) except
the negative binomial's, log; help xtgee: logit, probit and cloglog (and opower) are for
the binomial, link(nbinomial) for the negative binomial.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

FAMILY_WORDS = {"gaussian": ("gaussian", 3), "normal": ("gaussian", 3), "binomial": ("binomial", 1),
                "poisson": ("poisson", 1), "igaussian": ("igaussian", 2), "nbinomial": ("nbinomial", 2),
                "gamma": ("gamma", 3)}
LINK_WORDS = {"identity": 1, "logit": 4, "log": 3, "probit": 1, "cloglog": 1, "power": 3, "opower": 3,
              "nbinomial": 2, "reciprocal": 3}
CORR_WORDS = {"exchangeable": 3, "independent": 3, "unstructured": 3, "ar": 2, "stationary": 3,
              "nonstationary": 3, "fixed": 3}
FAMILY_TITLE = {"gaussian": "Gaussian", "binomial": "binomial", "poisson": "Poisson", "gamma": "gamma",
                "igaussian": "inverse Gaussian", "nbinomial": "negative binomial"}
CANONICAL = {"gaussian": "identity", "binomial": "logit", "poisson": "log", "nbinomial": "log",
             "gamma": "reciprocal", "igaussian": "power -2"}
_BINOMIAL_ONLY = ("logit", "probit", "cloglog", "opower")


def word(text: str, table: dict, what: str) -> tuple[str, list[str]]:
    """(the full word of ``table`` the first word abbreviates, the words after it)."""
    words = str(text).replace(",", " ").split()
    if not words:
        raise StataError(f"{what}() invalid", 198)
    w = words[0].lower()
    if w == "log" and what == "link":
        return "log", words[1:]
    for full, spec in table.items():
        n = spec[1] if isinstance(spec, tuple) else spec
        if len(w) >= n and full.startswith(w):
            return (spec[0] if isinstance(spec, tuple) else full), words[1:]
    raise StataError(f"unknown {what}() {words[0]}", 198)


def family_and_link_text(opts: dict, fixed_family: str | None, fixed_link: str | None):
    """(family name, family() words after the name, link() text)."""
    if fixed_family is not None:
        for bad in ("family", "link"):
            if opts.get(bad):
                raise StataError(f"option {bad}() not allowed", 198)
        return fixed_family, [], fixed_link or CANONICAL[fixed_family]
    family, rest = word(opts.get("family") or "gaussian", FAMILY_WORDS, "family")
    if len(rest) > 1 or rest and family not in ("binomial", "nbinomial"):
        raise StataError("family() invalid", 198)
    link_text = str(opts.get("link") or CANONICAL[family])
    link, _ = word(link_text, LINK_WORDS, "link")
    if link in _BINOMIAL_ONLY and family != "binomial" or link == "nbinomial" and family != "nbinomial":
        raise StataError(f"link({link}) not allowed with family({family})", 198)
    return family, rest, link_text


def build_family(ds, sample: np.ndarray, name: str, rest: list[str]):
    """glm's Family on the estimation rows (binomial denominators, negative binomial k)."""
    from mlmcli.glm.exponential_family import Family, family_from_option

    if not rest:
        return Family(name)
    if name == "binomial" and rest == ["1"]:
        return Family(name)
    return family_from_option(" ".join([name] + rest), ds, sample)


def build_link(text: str, family):
    """glm's Link; ``reciprocal`` is power -1; the nbinomial link takes the family's k."""
    from mlmcli.glm.exponential_family import Link, link_from_option

    name, rest = word(text, LINK_WORDS, "link")
    if name == "reciprocal":
        if rest:
            raise StataError("link() invalid", 198)
        return Link("power", -1.0)
    if name in ("power", "opower") and not rest:  # xtgee's GetName: no # is power 1 (glm refuses it)
        rest = ["1"]
    if name == "power" and len(rest) == 1:
        try:
            a = float(rest[0])
        except ValueError:
            raise StataError("link() invalid", 198) from None
        return Link("log") if a == 0 else Link("identity") if a == 1 else Link("power", a, rest[0])
    return link_from_option(" ".join([name] + rest), family)


def link_title(link) -> str:
    """The header's ``Link:`` and e(link)."""
    if link.name == "power":
        if link.power == -1:
            return "reciprocal"
        return f"power({link.power_text or _g(link.power)})"
    if link.name == "opower":
        return f"odds power({link.power_text or _g(link.power)})"
    if link.name == "nbinomial":
        return "negative binomial"
    return link.name


def family_title(family) -> str:
    """The header's ``Family:`` and e(family)."""
    if family.name == "nbinomial":
        return f"negative binomial(k={family.k_text or _g(family.k)})"
    return FAMILY_TITLE[family.name]


def _g(x: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(float(x), "%9.0g").strip()


def correlation_option(session, text: str | None):
    """The WorkingCorrelation of ``corr()`` (exchangeable by default)."""
    from mlmcli.panel.gee_structures import WorkingCorrelation

    if not text:
        return WorkingCorrelation("exchangeable")
    import re

    glued = re.fullmatch(r"\s*([A-Za-z]+)(\d+)\s*", str(text))  # corr(ar1), corr(stationary2)
    kind, rest = word(f"{glued.group(1)} {glued.group(2)}" if glued else text, CORR_WORDS, "corr")
    if kind in ("ar", "stationary", "nonstationary"):
        if len(rest) > 1:
            raise StataError("corr() invalid", 198)
        try:
            g = int(rest[0]) if rest else 1
        except ValueError:
            raise StataError("corr() invalid", 198) from None
        if g < 1 or rest and str(g) != rest[0]:
            raise StataError("corr() invalid", 198)
        return WorkingCorrelation(kind, g)
    if kind == "fixed":
        if len(rest) != 1:
            raise StataError("corr(fixed) requires a matrix name", 198)
        matrix = session.matrices.get(rest[0]) if hasattr(session, "matrices") else None
        if matrix is None:
            raise StataError(f"matrix {rest[0]} not found", 111)
        R = np.asarray(matrix.values, float)
        if R.ndim != 2 or R.shape[0] != R.shape[1] or not np.allclose(R, R.T) or not np.allclose(np.diag(R), 1):
            raise StataError(f"matrix {rest[0]} is not a correlation matrix", 198)
        return WorkingCorrelation(kind, matrix=R)
    if rest:
        raise StataError("corr() invalid", 198)
    return WorkingCorrelation(kind)


def correlation_title(corr) -> str:
    """The header's ``Correlation:`` line."""
    if corr.kind == "ar":
        return f"AR({corr.order})"
    if corr.kind in ("stationary", "nonstationary"):
        return f"{corr.kind}({corr.order})"
    if corr.kind == "fixed":
        return "fixed (specified)"
    return corr.kind


def modal_spacing(tval: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, float] | None:
    """xtgee.ado's KeepMode for ar, stationary and nonstationary without ``force`` (rows sorted
    by panel and time): None when every within-panel step of the time variable is the same;
    else (the panels to keep, one flag per row; the modal step), a panel with a step other
    than the modal one being dropped.  Each row's step is from the row before it in its panel,
    a panel's first row taking its second row's (so it counts twice); the mode is the most
    frequent step, the smallest of equally frequent ones.  Steps are in the time variable's own
    units: tsset's delta() enters only the note (``commands.estimation.gee``)."""
    tval, codes = np.asarray(tval, float), np.asarray(codes)
    n = len(tval)
    step = np.full(n, np.nan)
    same = np.r_[False, np.diff(codes) == 0]
    step[same] = np.diff(tval)[same[1:]]
    first = np.flatnonzero(~same)
    second = first + 1
    has_second = second < n
    has_second[has_second] &= same[second[has_second]]
    step[first[has_second]] = step[second[has_second]]
    known = step[np.isfinite(step)]
    if known.size == 0 or np.all(known == known.min()):
        return None
    values, counts = np.unique(known, return_counts=True)
    mesh = float(values[counts == counts.max()].min())
    bad_row = same & (step != mesh)
    panel_index = np.cumsum(~same) - 1
    bad_panel = np.zeros(len(first), dtype=bool)
    np.logical_or.at(bad_panel, panel_index, bad_row)
    return ~bad_panel[panel_index], mesh


def time_positions(tval: np.ndarray, codes: np.ndarray, corr, force: bool, tvar: str) -> np.ndarray:
    """Time positions 0..T-1 of the rows (sorted by panel and time): the distinct times for
    unstructured and fixed; for ar, stationary and nonstationary (t - min t)/delta with delta
    the smallest within-panel step, equal spacing required unless ``force`` (which then takes
    the observations as consecutive)."""
    if corr.kind in ("unstructured", "fixed"):
        return np.unique(tval, return_inverse=True)[1]
    same = np.diff(codes) == 0
    steps = np.diff(tval)[same]
    delta = float(steps.min()) if steps.size else 1.0
    gaps = steps.size and np.any(np.abs(steps - delta) > 1e-9 * max(1.0, abs(delta)))
    if gaps and not force:
        raise StataError(f"{tvar} is not regularly spaced -- use the force option to override", 198)
    if gaps:  # force: the observations of a panel as consecutive periods
        starts = np.flatnonzero(np.r_[True, ~same])
        first = np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
        return np.arange(len(codes)) - first
    return np.rint((tval - tval.min()) / delta).astype(int)


def fixed_scale_option(opts: dict, family: str, pearson: float, deviance: float, N: int, p: int):
    """The conventional variance's scale: scale(#|x2|dev|phi) or the family's default (phi for
    gaussian, 1 for binomial and Poisson); None means phi.  x2 and dev divide by N (N - p under
    nmp), as phi does ([XT] xtgee, nmp; xtgee.ado's FixScale)."""
    text = scale_macro(opts, family)
    if text == "phi" or (text == "x2" and not str(opts.get("scale") or "").strip()):
        return None
    dof = N - p if opts.get("nmp") else N  # FixScale's S_E_dof: N, or N - p under nmp
    if text == "x2":
        return pearson / dof
    if text == "dev":
        return deviance / dof
    value = float(text)
    if value <= 0:
        raise StataError("scale() must be positive", 198)
    return value


def scale_macro(opts: dict, family: str) -> str:
    """e(scale): scale() as typed (x2, dev, phi or a number, as xtgee.ado checks it: anything
    else is 'option scale(): invalid specification' r(198)), else FixScale's default, x2 for
    the gaussian, gamma and inverse Gaussian families and 1 for the others."""
    text = str(opts.get("scale") or "").strip()
    if not text:
        return "x2" if family in ("gaussian", "gamma", "igaussian") else "1"
    if text not in ("x2", "dev", "phi"):
        try:
            float(text)
        except ValueError:
            raise StataError("option scale(): invalid specification", 198) from None
    return text


def scale_note(scale: str, family: str) -> str | None:
    """xtgee's footnote under the table when the standard errors were scaled by a dispersion
    computed from the fit (scale(x2) or scale(dev)) that is not the family's default."""
    if (family in ("gaussian", "gamma") and scale == "dev") or (family in ("poisson", "binomial")
                                                                 and scale in ("x2", "dev")):
        kind = "Pearson X2-based dispersion" if scale == "x2" else "deviance based dispersion"
        return f"(Standard errors scaled using square root of {kind})"
    return None


def rescaled_variance(fit, scale: float):
    from dataclasses import replace

    V = fit.V_model / fit.scale * scale
    fitted = fit.fitted  # a fit on shifted columns: its own metric's V (the model-based one) likewise
    if fitted is not None:
        fitted = (fitted[0], fitted[1], fitted[2] / fit.scale * scale)
    return replace(fit, V=V, V_model=V, scale=scale, fitted=fitted)


def rescaled_model_variance(fit, scale: float):
    from dataclasses import replace

    return replace(fit, V_model=fit.V_model / fit.scale * scale, scale=scale)


def check_outcome_range(depvar: str, y: np.ndarray, family, family_rest: list[str]) -> None:
    """xtgee.ado's checks of depvar (xtlogit/xtprobit, pa pass theirs unchanged, so a value
    above 1 stops them too): binomial: "variable y > 1 in some cases" (or "> m", the
    denominator typed) r(499) -- values between 0 and 1 are fractional outcomes, denominator 1;
    below 0: mlm's refusal (the ado has no check); Poisson: nonnegative."""
    if family.name == "binomial":
        m = family.denominators(len(y))
        if np.any(y > m):
            raise StataError(f"variable {depvar} > {family_rest[0] if family_rest else 1} in some cases", 499)
        if family.m is None and np.any(y < 0):
            raise StataError(f"{depvar} must be between 0 and 1 for family(binomial)", 459)
    if family.name == "poisson" and np.any(y < 0):
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    if family.name != "poisson" and family.m is None and family.name != "binomial":
        family.check_outcome(y)
    if family.name == "binomial" and family.m is not None:
        family.check_outcome(y)


def check_enough_observations(n: int, p: int | None = None) -> None:
    """xtgee.ado: one observation, or no more observations than coefficients, is
    "insufficient observations" r(2001); no coefficient at all (noconstant without regressors)
    is error 102 (``p`` None: the first check, before the design)."""
    if p is not None and p <= 0:
        raise StataError("too few variables specified", 102)
    if n <= 1 or p is not None and p >= n:
        raise StataError("insufficient observations", 2001)


def iteration_log(iterations, resets, log: bool = True) -> str | None:
    """xtgee's log: "Iteration k: tolerance = #", each alpha reset's note before its line; the
    notes are ``noi di`` in the ado, so nolog keeps them (None: nothing to print)."""
    from mlmcli.render.numfmt import format_number

    notes = dict(resets)
    lines = [""]
    for i, t in enumerate(iterations, 1):
        if i in notes:
            lines.append(f"(resetting alpha to {notes[i]:6.4f})")
        if log:
            lines.append(f"Iteration {i}: tolerance = {format_number(t, '%9.0g').strip()}")
    if not log:
        return "\n".join(lines[1:]) if len(lines) > 1 else None
    return "\n".join(lines)


def stop_lines(rc_fit) -> list[str]:
    """geerpt's lines after the table when e(rc) is 430 (the error's own line follows)."""
    if getattr(rc_fit, "alpha_reset", False):
        return ["exchangeable working correlation matrix not positive definite"]
    if getattr(rc_fit, "nonpd", False):
        return ["working correlation matrix not positive definite"]
    return []
