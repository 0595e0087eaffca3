"""``regress`` typed with options only: the last fit replayed ([R] regress, "Reporting").

    regress [, level(#) beta eform(string) depname(varname) noheader notable plus
               nocnsreport display_options]

- ``level()``: the intervals recomputed at that level (t on e(df_r); normal-based after
  vce(bootstrap)); e() is unchanged.
- ``beta``: the standardized coefficients b sd(x)/sd(y) over the estimation sample in place of
  the interval (``_cons`` shows ``.``); computed at the fit (``standardized_coefficients``).
- ``eform()``, ``noheader``, ``notable``, the display options: as at the fit.
- ``depname()``: the name over the table's first column; ``plus``: the table ends with the
  ``-----+-----`` rule so that rows may be added; ``nocnsreport``: regress reports no
  constraints, so there is nothing to leave out.
- Any other option (an estimation option such as ``noconstant`` or ``vce()``) is refused, as
  Stata's replay syntax does: ``option noconstant not allowed`` r(198).
"""
from __future__ import annotations

import dataclasses

import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

DISPLAY_ONLY = [
    OptionSpec("level", 1, takes_arg=True), OptionSpec("beta", 4), OptionSpec("eform", 2, takes_arg=True),
    OptionSpec("depname", 7, takes_arg=True), OptionSpec("noheader", 6), OptionSpec("notable", 5),
    OptionSpec("plus", 4), OptionSpec("nocnsreport", 6),
]


def replay_options(options) -> dict:
    """The replay's options resolved (unknown ones: ``option X not allowed`` r(198))."""
    from mlmcli.commands.estimation.common import display_option_specs
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(options, DISPLAY_ONLY + display_option_specs())
    if "depname" in opts:
        name = str(opts["depname"]).strip()
        if not name or len(name.split()) != 1:
            raise StataError("depname() invalid", 198)
        opts["depname"] = name
    return opts


def at_level(fit, level: float, *, normal: bool = False):
    """``fit`` with its intervals at ``level`` (t on df_r, or the normal's after a bootstrap)."""
    from mlmcli.distributions import norm, t

    p = 0.5 + level / 200.0
    q = float(norm.ppf(p)) if normal else float(t.ppf(p, fit.df_r if fit.df_r > 0 else np.nan))
    b, se = np.asarray(fit.b, float), np.asarray(fit.se, float)
    return dataclasses.replace(fit, level=level, ci_lo=b - q * se, ci_hi=b + q * se)


def standardized_coefficients(fit, y: np.ndarray, X: np.ndarray, weight, kind) -> dict[str, float]:
    """beta's column by coefficient name: b_j sd(x_j)/sd(y) over the estimation sample, the
    frequency or analytic weights weighting both deviations (their scale cancels in the ratio);
    ``_cons``: missing."""
    w = np.ones(len(y)) if weight is None else np.asarray(weight, float)
    X = np.asarray(X, float)
    y = np.asarray(y, float)

    def spread(v):
        """(sqrt of the sum of squares of v / k, k): values near 1e307 as v / 2^j (exact)."""
        top = float(np.max(np.abs(v), initial=0.0))
        k = math.ldexp(1.0, min(math.frexp(top)[1], 1023)) if top > 2.0 ** 480 else 1.0
        v = v / k
        m = float(np.sum(w * v) / np.sum(w))
        with np.errstate(over="ignore"):  # a sum of squares beyond the double range is missing
            ss = float(np.sum(w * (v - m) ** 2))
        return (float(np.sqrt(ss)) if np.isfinite(ss) else float("nan")), k

    sy, ky = spread(y)
    out: dict[str, float] = {}
    shown = [lab for lab in fit.coef_labels if not (lab.base or lab.omitted)]
    for j, lab in enumerate(shown):
        if lab.name == "_cons" or sy == 0:
            out[lab.name] = float("nan")
        else:
            sx, kx = spread(X[:, j])
            out[lab.name] = float(fit.b[j]) / ky * sx * kx / sy if kx == ky == 1.0 else \
                float(fit.b[j]) / ky * kx * (sx / sy)
    return out


def check_beta(opts: dict, kind, vce: str, *, replay: bool = False) -> None:
    """beta is computed for OLS fits with or without frequency/analytic weights (module docstring).
    At a vce(jackknife) fit it is one of regress's options the prefix hands every regress
    (jackknife.ado's cmdopts: not a display option of _get_diopts), so it shapes only noisily's
    tables and the jackknife's table has no beta column; a replay's beta after the jackknife
    (_prefix_display's table) stays refused."""
    if not opts.get("beta"):
        return
    if kind in ("pweight", "iweight"):
        raise StataError(f"option beta not supported by mlmcli with {kind}s", 198)
    if vce == "bootstrap" or (vce == "jackknife" and replay):
        raise StataError(f"option beta not supported by mlmcli with vce({vce})", 198)
    if opts.get("eform"):
        raise StataError("options beta and eform() may not be combined", 198)


def replay_stored(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    """Print stored ``regress`` results again (``regress`` alone, ``estimates replay``: the
    module regress's ``replay``) under the replay's options (module docstring)."""
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.render.regress_table import render_regress
    from mlmcli.syntax.options import confidence_level

    opts = dict(opts or {})
    bootstrap = e.macros.get("vcetype") == "Bootstrap"
    if "eform" in opts:
        from mlmcli.commands.estimation.regress_eform import eform_heading

        opts["eform"] = eform_heading(opts["eform"])
    check_beta(opts, e.macros.get("wtype"), "bootstrap" if bootstrap else e.macros.get("vce", "ols"), replay=True)
    table = table_options_with_notes(session, opts)
    fit = e.model
    if opts.get("level") is not None:
        fit = at_level(fit, confidence_level(opts, fit.level), normal=bootstrap)
    noheader = noheader or bool(opts.get("noheader"))
    if noheader and opts.get("notable"):
        return
    if bootstrap:
        from mlmcli.commands.estimation.regress_bootstrap import render_regress_bootstrap

        extra = {k: e.scalars[k] for k in ("N_reps", "chi2", "p", "df_m")}
        if "N_clust" in e.scalars and e.macros.get("clustvar"):  # cluster(): the Replications line
            extra.update(N_clust=e.scalars["N_clust"], clustvar=e.macros["clustvar"])
        session.print(render_regress_bootstrap(fit, extra, linesize=session.linesize, eform=opts.get("eform"),
                                               noheader=noheader, notable=bool(opts.get("notable")),
                                               options=table, depname=opts.get("depname"),
                                               plus=bool(opts.get("plus"))))
    else:
        result = e.result  # the stored table (results from estimates use hold no fit to recompute it)
        if opts.get("level") is not None:
            result = dataclasses.replace(result, coefs=fit.coef_rows(), level=fit.level)
        if opts.get("eform"):
            from mlmcli.commands.estimation.regress_eform import exponentiated

            result = exponentiated(result, opts["eform"])
        session.print(render_regress(result, linesize=session.linesize, noheader=noheader,
                                     notable=bool(opts.get("notable")), options=table, depname=opts.get("depname"),
                                     betas=fit.betas if opts.get("beta") else None, plus=bool(opts.get("plus"))))
    if not opts.get("notable"):  # _prefix_display's _prefix_footnote
        from mlmcli.commands.estimation.regress_jackknife import missing_replicates_note

        for line in missing_replicates_note(e.scalars, e.macros):
            session.print(line)
