"""What fpfit's st commands (stcox, streg, stcrreg: ``graphs.fpfit_survival``, ``fpfit_stcox``,
``fpfit_streg``, ``fpfit_competing``) share: fracpoly's own option names, the exception standing
for the command failing inside fracpoly's capture, fracpred's stdp option, the rows twoway keeps
and the line fracpred draws."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text

# fracpoly's own options (passed on to fit_options.fracpoly_options)
FRACPOLY_NAMES = (("degree", 3), ("powers", 2), ("center", 4), ("adjust", 2), ("noscaling", 5), ("all", 3),
                  ("log", 2), ("compare", 3))


def last_records(ds, rows, t) -> np.ndarray:
    """Each subject's last record among ``rows`` (every record without stset's id()): e(N_sub)."""
    if not ds.chars.get("st_id"):
        return np.ones(int(rows.sum()), bool)
    ids = ds.numeric(ds.chars["st_id"])[rows]
    last = np.zeros(ids.size, bool)
    order = np.lexsort((t, ids))
    last[order[np.r_[ids[order][1:] != ids[order][:-1], True]]] = True
    return last


def with_fracpoly_sample(ds, settings: dict, fp_values, sample) -> dict:
    """fracpoly's settings with ``fracpoly_x``: the FP variable over frac_154's own sample in its st
    form -- ``mark touse if in``, ``markout touse rhs _t base`` (the plot's rows with y, x and _t;
    _t is missing on stset's excluded records) --, over which frac_xo shifts and scales it and
    fracgen (``if touse``) centres its terms, whatever rows the command then drops (a missing
    offset(), tvc(), strata(), shared() or cluster variable, a stset weight): best_fp's and
    candidate_terms' ``fracpoly_x`` (docs/fpfit_cluster_sample.md)."""
    touse = np.asarray(sample, bool) & np.isfinite(ds.numeric("_t"))
    return dict(settings, fracpoly_x=np.asarray(fp_values, float)[touse])


def matches_option(name: str, table) -> str | None:
    """The option of ``table`` ((name, minimal abbreviation) pairs) that ``name`` abbreviates."""
    from mlmcli.syntax.abbreviation import resolve_choice

    return resolve_choice(name, table)


class StCommandFailed(Exception):
    """The st command fails inside fracpoly's capture: Stata's note, nothing drawn."""


def texp_values(ctx, texp: str, t: np.ndarray) -> np.ndarray:
    """texp() at the records' _t (evaluated as a function of _t); invalid or missing: the
    command (stcox, stcrreg) fails inside fracpoly."""
    try:
        g = np.asarray(ctx.evaluate(texp, t, "_t"), dtype=float)
    except (StataError, TypeError, ValueError):
        raise StCommandFailed() from None
    g = np.broadcast_to(g, t.shape).astype(float)
    if np.isnan(g).any():
        raise StCommandFailed()
    return g


def fracpred_stdp(text) -> bool:
    """fracpred's options -> stdp."""
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return False
    stdp = False
    for option in read_options(text):
        name = matches_option(option.name, (("stdp", 4), ("for", 3), ("all", 3), ("dresid", 2)))
        if name is None:
            raise StataError(f"predopts(): {not_allowed_text(option.name, option.arg)}", 198)
        stdp = stdp or name == "stdp"
    return stdp


def check_band(plot) -> None:
    """fpfitci's stdf/stdr: fracpred's syntax has Stdp only, so fracpred stops on them -- once
    fracpoly has fitted (a failing fit is the note alone)."""
    opts = plot.options
    if plot.kind == "fpfitci" and (opts.get("stdf") or opts.get("stdr")):
        raise StataError(f"option {'stdf' if opts.get('stdf') else 'stdr'} not allowed", 198)


def plot_points(ctx, plot, keep):
    """(fpfitci?, level, stdp, y, x, the plot's sample, twoway's kept row at each distinct x
    (the data sorted by x and y: the smallest y there), those x); None when no row is usable."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import confidence_level

    opts = plot.options
    with_ci = plot.kind == "fpfitci"
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    stdp = fracpred_stdp(last_option(opts, "predopts"))
    x_all, y_all = ctx.data.numeric(plot.x), ctx.data.numeric(plot.ys[0])
    sample = keep & np.isfinite(x_all) & np.isfinite(y_all)
    if not sample.any():
        return None
    order = np.flatnonzero(sample)[np.lexsort((y_all[sample], x_all[sample]))]
    first = order[np.r_[True, np.diff(x_all[order]) != 0]]
    return with_ci, level, stdp, y_all, x_all, sample, first, x_all[first]


def failed_fit(ctx, plot, at, level, with_ci):
    """The command failing inside fracpoly's capture: Stata's note, nothing drawn."""
    from mlmcli.graphs import fits
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.graphs.fpfit_models import FAILED_NOTE

    ctx.messages.append(FAILED_NOTE)
    nan = np.full(at.shape, np.nan)
    return fit_and_band(ctx, plot, fits.LineFit(at, nan, nan, nan.copy()), level, with_ci, "Fitted values")


def fracpred_line(ctx, plot, at, X0, b, V, outside, stdp, level, with_ci, shift=0.0, label=None, values=None,
                  df_r=None):
    """fracpred's x b (plus ``shift``: streg's offset) or stdp at the kept rows X0, missing
    ``outside`` e(sample); the band with the normal quantile (t on ``df_r``, jackknife's
    e(df_r), when given); ``label``: the line's, if not
    twoway's default; ``values``: fracpred's statistic itself (dresid) in place of x b."""
    from mlmcli.graphs import fits
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.postest.linear_prediction import quadratic_form_rows

    var_p = quadratic_form_rows(X0, V)
    fitted = np.sqrt(np.maximum(var_p, 0.0)) if stdp else X0 @ b + shift
    if values is not None:
        fitted = values
    fitted = np.where(outside, np.nan, fitted)
    lower = upper = None
    if with_ci:
        from mlmcli.distributions import norm, t as student
        q = float(norm.ppf(0.5 + level / 200.0) if df_r is None or not np.isfinite(df_r)
                  else student.ppf(0.5 + level / 200.0, df_r))
        width = np.where(outside, np.nan, np.sqrt(np.maximum(var_p, 0.0)))
        lower, upper = fitted - q * width, fitted + q * width
    label = label or ("S.E. of the prediction" if stdp else "Fitted values")
    return fit_and_band(ctx, plot, fits.LineFit(at, fitted, lower, upper), level, with_ci, label)


def fit_constraints(ctx, numbers: str | None, fp_name: str):
    """constraints(numlist) in each of fracpoly's fits of an st command: a function of (the
    fit's other parameter names after the terms, the number of FP terms, whether it is the
    final fit) giving (R, r) or None.  The terms are named as in the fit fracpoly runs --
    temporary names in the search, fracgen's ``Iy__1 ...`` in the final model -- so a
    constraint on the terms binds the final fit only and one on the linear covariate or an
    ancillary parameter every fit (a constraint naming what a fit lacks is left out, makecns'
    note hidden by fracpoly's quietly); an undefined number makes the command fail (the note)."""
    if numbers is None:
        return lambda *_: None
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.postest.ml_constraints import read_constraints

    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None or not hasattr(hooks, "session"):
        raise StataError("estopts(constraints()) not supported by mlmcli here", 198)

    def constraints(head: str, k_terms: int, others: list[str], final: bool):
        terms = fracgen_names(fp_name, k_terms) if final else [f"__fp{j + 1}" for j in range(k_terms)]
        names = [f"{head}:{t}" for t in terms] + others
        try:
            found = read_constraints(hooks.session, names, numbers)
        except StataError:
            raise StCommandFailed() from None
        return None if found is None else (found.R, found.r)
    return constraints


def st_fracpoly_settings(ctx, fracpoly_typed) -> dict:
    """fracpoly's own options among an st command's estopts() (``fit_options.fracpoly_options``
    reads them as typed: the repeatable ``estopts`` is a list of texts)."""
    from mlmcli.graphs.fit_options import fracpoly_options

    spelled = " ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name for o in fracpoly_typed)
    return fracpoly_options(ctx, {"estopts": [spelled]} if spelled else {}, "regress")[0]


def strata_term(ds, var: str, rows) -> str:
    """strata(v)'s factor term: the streg ados run ``xi, prefix(_S) i.v`` below version 15, so
    the level left out is xi's (the lowest, v[omit]'s, or with _dta[omit] the most frequent, over
    the rows in memory: ``characteristics.xi_omitted_level``): ``ib<level>.v`` when that is
    not the lowest of the rows' levels; a level the rows lack leaves their lowest out."""
    from mlmcli.characteristics import xi_omitted_level

    level = xi_omitted_level(ds, var)
    values = ds.numeric(var)[np.asarray(rows, bool)]
    values = values[np.isfinite(values)]
    if level is None or not values.size or level == values.min() or not np.any(values == level):
        return "i." + var
    return f"ib{int(level)}.{var}"
