"""``regress ..., vce(bootstrap [, reps(#) seed(#) nodots])``: bootstrap standard errors.

B replicates (default 50), each drawing N observations of the estimation sample with
replacement and refitting OLS (``mlmcli.panel.bootstrap`` with each observation its own
"panel"); V = the replicates' sample covariance; z = b/se, p and the normal-based
interval b +/- z_(1-a/2) se ([R] bootstrap); the model test is Wald chi2 = b' V^-1 b over
the slopes.  Output as Stata 13's: ``(running regress on estimation sample)``, the
replication dots (neither with nodots: _prefix_note exits when called with nodots), then

```
Linear regression                               Number of obs      =        74
                                                Replications       =        50
                                                Wald chi2(2)       =     95.62
                                                Prob > chi2        =    0.0000
                                                R-squared          =    0.6627
                                                Adj R-squared      =    0.6532
                                                Root MSE           =    3.4071
```
(the right block's labels at column 49, values ending at column 78) and the table headed
``Observed Coef. / Bootstrap Std. Err. / Normal-based [95% Conf. Interval]``.  The draws come
from mlm's random-number stream (``set seed``/``seed()``), so the standard errors are not
Stata's to the digit: Stata's own draws differ.  Weights are refused with vce(bootstrap).

``noisily`` (and ``trace``, noisily with each run traced) prints what bootstrap.ado and
_loop_bs.ado print: "bootstrap: First call to regress with data as is:", a blank, the echoed
line and regress's output on the estimation sample; a blank and "Bootstrap replications (#)";
then for each draw the echoed line and regress's output on it (a draw whose regressors are
collinear followed by _loop_bs's "collinearity in replicate sample is not the same as the full
sample, posting missing values").  The heading and the title are plain ``di``; the rest is shown
through ``noisily``, under an enclosing ``quietly`` too (as jackknife's: ``jackknife_noisily``).
"""
from __future__ import annotations

import dataclasses

import numpy as np
from mlmcli.distributions import chi2 as chi2_dist, norm  # (not scipy.stats: ~0.9 s to import on every regress)

from mlmcli.errors import StataError


def is_bootstrap(opts: dict) -> bool:
    v = opts.get("vce")
    if v is None:
        return False
    word = str(v).split(",")[0].strip()  # syntax's BOOTstrap: the case counts
    return len(word) >= 4 and "bootstrap".startswith(word)


def bootstrap_settings(opts: dict) -> dict:
    """vce(bootstrap [, reps(#) seed(#) nodots]); the rest of vce()'s text must be empty."""
    from mlmcli.syntax.replicate_vce import bootstrap_options

    head = str(opts["vce"]).split(",")[0].split()
    if len(head) != 1:
        raise StataError(f"vcetype '{opts['vce']}' not allowed", 198)
    from mlmcli.commands.estimation.bootstrap_run import refuse_unsupported

    settings = bootstrap_options(opts["vce"], noisily_ok=True, full=True)
    refuse_unsupported(settings, "regress", display_ok=True, reject_ok=True)
    if settings.get("level") is not None and opts.get("level") is None:  # the prefix's level
        opts["level"] = f"{settings['level']:g}"
    for name in ("notable", "noheader"):  # bootstrap.ado hands its table options to regress's replay
        if name in settings["display"]:
            opts[name] = True
    if settings.get("eform") and not opts.get("eform"):
        opts["eform"] = settings["eform"]
    for option in settings.get("display_options", ()):
        opts.setdefault(option.name, option.arg if option.arg is not None else True)
    return settings


def bootstrap_fit(session, fit, design, y: np.ndarray, settings: dict, *, command: str = "", constant: bool = True):
    """The OLS fit with its variance, tests and intervals replaced by the bootstrap's; prints the
    dots, or with noisily each run's output (module docstring; ``command``: the echoed line).
    The replicates run in ``bootstrap_run.run_bootstrap`` (every bootstrap option);
    ``settings["_sample"]``: regress's e(sample)."""
    from mlmcli.commands.estimation.bootstrap_run import cluster_codes, make_idcluster, run_bootstrap
    from mlmcli.ols import replicate_coefficients

    X = np.asarray(design.X, float)
    sample = settings.get("_sample")
    rows = None if sample is None else np.flatnonzero(sample)
    codes = np.arange(len(y))
    if settings.get("cluster"):
        codes = cluster_codes(session.data, settings["cluster"], sample)
        make_idcluster(session, settings)
    if settings.get("seed") is not None:  # set before noisily's first run, as bootstrap.ado
        from mlmcli.expr.random_numbers import restart

        restart(session, settings["seed"])
        settings = {**settings, "seed": None}
    progress, on_sample = None, None
    weights = settings.get("_weights")  # force with weights: weighted least squares (b the same for
    root = None if weights is None else np.sqrt(np.asarray(weights, float))  # every weight kind)
    if settings.get("noisily"):
        progress, on_sample = _noisily(session, y, X, design, constant, command, settings, [], fit.depvar,
                                       weights)

    def refit(rows_drawn, codes_drawn):
        if on_sample is not None:
            on_sample(y[rows_drawn], X[rows_drawn], None if weights is None else weights[rows_drawn])
        try:
            if root is not None:
                r = root[rows_drawn]
                return replicate_coefficients(y[rows_drawn] * r, X[rows_drawn] * r[:, None], codes_drawn)
            return replicate_coefficients(y[rows_drawn], X[rows_drawn], codes_drawn)
        except np.linalg.LinAlgError:
            if progress is not None:
                progress(False)
            raise

    names = [lab.name for lab in fit.coef_labels if not (lab.base or lab.omitted)]
    V, reps, units = run_bootstrap(session, settings, np.asarray(fit.b, float), refit, codes, "regress", rows=rows,
                               colnames=names, level=fit.level)
    b = np.asarray(fit.b, float)
    se = np.sqrt(np.maximum(np.diag(V), 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, b / se, np.nan)
    zc = norm.ppf(0.5 + fit.level / 200)
    slopes = [j for j, lab in enumerate(l for l in fit.coef_labels if not (l.base or l.omitted))
              if lab.name != "_cons"]
    chi2 = float(b[slopes] @ np.linalg.solve(V[np.ix_(slopes, slopes)], b[slopes])) if slopes else float("nan")
    boot = dataclasses.replace(fit, V=V, se=se, t=z, p=2 * norm.sf(np.abs(z)), ci_lo=b - zc * se,
                               ci_hi=b + zc * se)
    return boot, {"chi2": chi2, "df_m": float(len(slopes)), "p": float(chi2_dist.sf(chi2, len(slopes)))
                  if slopes else float("nan"), "N_reps": float(reps), "title": settings.get("title"),
                  **({"N_clust": float(units), "clustvar": " ".join(session.data.resolve(v) for v in
                                                                    settings["cluster"].split())}
                     if settings.get("cluster") else {})}


def _noisily(session, y, X, design, constant: bool, command: str, settings: dict, marks: list, depvar: str,
             weights=None):
    """Print the first call's heading and output and the title; return the (progress, on_sample)
    hooks that print each draw's echo, trace and regress output, and the collinearity message
    after a draw that fails.  ``weights`` (force): each run is the weighted regress, its aweights'
    and pweights' "(sum of wgt is ...)" line first, as regress prints it."""
    from mlmcli.replication.replicate_design import replicate_design
    from mlmcli.ols import fit_ols
    from mlmcli.ols_jackknife import COLLINEAR
    from mlmcli.program_trace import traced_command
    from mlmcli.render.lrtest import wrap_paragraph
    from mlmcli.render.regress_table import render_regress

    out = session.out
    labels = tuple(design.labels)
    level = float(getattr(session, "level", None) or 95.0)  # c(level): the prefix keeps level()
    run = [f". {command}"]

    kind = settings.get("_weight_kind") if weights is not None else None

    def output(y_r, X_r, w_r=None):
        from mlmcli.render.regress_table import weight_sum_line

        X_kept, kept, notes = replicate_design(X_r, labels, constant)
        ols = fit_ols(y_r, X_kept, constant=constant, coef_labels=kept, depvar=depvar, level=level,
                      weight=w_r, weight_kind=kind if w_r is not None else None,
                      vce="robust" if kind == "pweight" else "ols")
        total = [weight_sum_line(float(np.sum(w_r)))] if kind in ("aweight", "pweight") else []
        for line in [*run[1:], *notes, *total, render_regress(ols.result(), linesize=session.linesize)]:
            out.noisily_line(line)

    def on_sample(y_r, X_r, w_r=None):
        run[1:] = traced_command(session, command) if settings.get("trace") else []
        out.noisily_line(run[0])
        output(y_r, X_r, w_r)

    def progress(ok: bool):
        if not ok:
            for line in wrap_paragraph(COLLINEAR, session.linesize, hanging=0):
                out.noisily_line(line)

    session.print("bootstrap: First call to regress with data as is:")
    session.print()
    session.print(run[0])
    run[1:] = traced_command(session, command) if settings.get("trace") else []
    output(y, X, weights)
    session.print()
    session.print(f"Bootstrap replications ({settings['reps']})")
    return progress, on_sample


def _print_dots(session, text: str) -> None:
    """The note and dots; nothing at all under nodots (not even a blank line)."""
    if text:
        session.print(text)


def render_regress_bootstrap(fit, extra: dict, *, linesize: int = 80, eform: str | None = None,
                             noheader: bool = False, notable: bool = False, options=None,
                             depname: str | None = None, plus: bool = False) -> str:
    """The bootstrap header and table; ``eform``: the table exponentiated under that heading
    (exp(b), exp(b) se, the normal-based interval's ends exponentiated, no ``_cons``, as with
    vce(jackknife)); the display options as regress's."""
    from mlmcli.render.coef_table import TableOptions, render_coef_table
    from mlmcli.render.numfmt import format_number

    def right(left: str, label: str, value: str) -> str:
        return left.ljust(48) + label.ljust(19) + "=" + value.rjust(10)

    df = int(extra["df_m"])
    header = ["", right(extra.get("title") or "Linear regression", "Number of obs", format_number(fit.N, "%10.0g")),
              right("", "Replications", format_number(extra["N_reps"], "%10.0g")),
              right("", f"Wald chi2({df})", format_number(extra["chi2"], "%10.2f")),
              right("", "Prob > chi2", format_number(extra["p"], "%10.4f")),
              right("", "R-squared", format_number(fit.r2, "%10.4f")),
              right("", "Adj R-squared", format_number(fit.r2_a, "%10.4f")),
              right("", "Root MSE", format_number(fit.rmse, "%10.4f")), ""]
    out = [""] if noheader else header
    if notable:
        return "\n".join(header[:-1])
    opts = options or TableOptions()
    if extra.get("N_clust"):  # cluster(): _coef_table's legend over the table
        from mlmcli.render.abbrev import abbrev
        from mlmcli.render.coef_table import RIGHT_WIDTH

        rows_shown = fit.coef_rows()
        out.append(f"(Replications based on {format_number(extra['N_clust'], '%10.0g').strip()} clusters in "
                   f"{abbrev(str(extra.get('clustvar', '')), 12)})".rjust(opts.width(rows_shown, linesize) + RIGHT_WIDTH))
    rows = fit.coef_rows()
    if eform:
        from mlmcli.commands.estimation.regress_eform import exponentiated_rows

        rows = exponentiated_rows(rows)
    out.append(render_coef_table(opts.rows(rows), depname or fit.depvar, stat_label="z", level=fit.level,
                                 linesize=linesize, vce_label="Bootstrap", coef_label=eform or "Coef.",
                                 eform=bool(eform), width=opts.width(rows, linesize), plus=plus,
                                 **opts.table_kwargs()))
    return "\n".join(out)
