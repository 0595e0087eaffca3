"""``metobit`` and ``meintreg`` ([ME] metobit, [ME] meintreg; Stata 15): the me commands'
family(gaussian) link(identity) model with a censored outcome, on the same engine
(``glmm``, its family ``glm.censored_gaussian``), tables and postestimation.

    metobit depvar [indepvars] [if] [in] [weight] || re_equation ... [, ll[(varname|#)] ul[(varname|#)] ...]
    meintreg depvar_lower depvar_upper [indepvars] ... || re_equation ... [, ...]

As metobit.ado and meintreg.ado post them: e(cmd) ``meglm`` and e(cmd2) the command (so
meglm's predict, margins, estat and lrtest serve them), e(model) ``tobit`` / ``interval``,
e(N_unc), e(N_lc), e(N_rc) (meintreg also e(N_int)), metobit's e(llopt)/e(ulopt) and
meintreg's e(depvar) with both variables.  metobit's ``ll`` typed bare is the minimum of
depvar in the sample, ``ul`` the maximum; an observation with depvar <= ll is left-censored
at ll, depvar >= ul right-censored at ul (a limit variable's missing value: no limit).
meintreg, as intreg: lower missing is left-censored, upper missing right-censored, both
missing leaves the sample, lower > upper is an error.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

def interval_depvars(ds, lower: str, fixed_text: str) -> tuple[str, str]:
    """meintreg's second dependent variable (the first word of the fixed part) and the rest."""
    words = fixed_text.split()
    if not words:
        raise StataError("two dependent variables required", 198)
    if "." in words[0]:
        raise StataError("depvar may not be a factor variable", 198)
    return ds.resolve(words[0]), " ".join(words[1:])


def _limit(ds, typed, name: str, y: np.ndarray, sample: np.ndarray) -> tuple[np.ndarray | None, str]:
    """ll()/ul() on the sample (None: not typed) and the text the header shows."""
    if typed is None:
        return None, ""
    if typed is True or not str(typed).strip():  # ll / ul bare: the sample's min / max
        v = float(np.min(y) if name == "ll" else np.max(y))
        from mlmcli.render.numfmt import format_number
        return np.full(len(y), v), format_number(v, "%10.0g").strip()
    text = str(typed).strip()
    try:
        v = float(text)
    except ValueError:
        if len(text.split()) != 1:
            raise StataError(f"invalid option {name}()", 198) from None
        try:
            var = ds.resolve(text)
        except StataError:
            raise StataError(f"variable {text} not found", 198) from None
        return ds.numeric(var)[sample], var
    from mlmcli.render.numfmt import format_number
    return np.full(len(y), v), format_number(v, "%10.0g").strip()


def censoring_bounds(ds, command: str, opts: dict, depvar: str, upper_var: str | None, sample: np.ndarray):
    """(y the engine's starts read, the GLMSpec fields ``censor`` and ``censor_limits``)."""
    if command == "meintreg":
        from mlmcli.glm.censored_gaussian import interval_response

        lower, upper = ds.numeric(depvar)[sample], ds.numeric(upper_var)[sample]
        lo, hi = np.where(np.isnan(lower), -np.inf, lower), np.where(np.isnan(upper), np.inf, upper)
        if np.any(lo > hi):
            raise StataError(f"observations with {depvar} > {upper_var} not allowed", 498)
        return interval_response(lower, upper), {"censor": (lo, hi), "censor_limits": ()}
    y = ds.numeric(depvar)[sample]
    ll, ll_text = _limit(ds, opts.get("ll"), "ll", y, sample)
    ul, ul_text = _limit(ds, opts.get("ul"), "ul", y, sample)
    if ll is not None and ul is not None and np.any((ll > ul) & ~np.isnan(ll) & ~np.isnan(ul)):
        raise StataError("observations with ll() > ul() not allowed", 198)
    lo, hi = y.copy(), y.copy()
    if ll is not None:
        left = ~np.isnan(ll) & (y <= ll)
        lo, hi = np.where(left, -np.inf, lo), np.where(left, ll, hi)
    if ul is not None:
        right = ~np.isnan(ul) & (y >= ul) & np.isfinite(lo)
        lo, hi = np.where(right, ul, lo), np.where(right, np.inf, hi)
    return y, {"censor": (lo, hi), "censor_limits": (ll_text or "-inf", ul_text or "+inf")}


def post_censored(session, e, command: str, mc) -> None:
    """The e() entries metobit.ado and meintreg.ado add to _me_estimate's (svy's fit too):
    e(cmd) meglm, e(cmd2) the command, the censoring counts and limits."""
    fit = e.model
    upper_var = interval_depvars(session.data, fit.spec.depvar, mc.fixed)[0] if command == "meintreg" else None
    counts, limits = fit.censoring()
    e.scalars.update({k: v for k, v in counts.items() if command == "meintreg" or k != "N_int"})
    e.macros.update(cmd="meglm", cmd2=command, model="tobit" if command == "metobit" else "interval",
                    predict=f"{command}_p", estat_cmd=f"{command}_estat")
    if command == "metobit":
        e.macros.update(llopt=limits[0] if limits[0] != "-inf" else "", ulopt=limits[1] if limits[1] != "+inf" else "")
    else:
        e.macros["depvar"] = f"{fit.spec.depvar} {upper_var}"
    e.cmd = "meglm"
