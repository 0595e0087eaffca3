"""``fracreg`` as ml display lays it out (Stata 13's ml header, ``render.glm_table``):

```
(blank)
Iteration 0:   log pseudolikelihood = -...
(blank)
Fractional probit regression                      Number of obs   =        200
                                                  Wald chi2(2)    =      41.27
                                                  Prob > chi2     =     0.0000
Log pseudolikelihood = -117.67                    Pseudo R2       =     0.0573
(blank)
<table: Robust Std. Err.; with het() two blocks, depvar's and lnsigma's, the depvar over them
 (ml display names a single depvar above the table: hetregress's published log)>
```
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.glm_table import crit, fit_log_lines, likelihood, render_glm, render_header
from mlmcli.results.fractional_response import FractionalResult


def render_fractional(r: FractionalResult, *, eform: bool = False, linesize: int = 80, log: bool = True,
                      noheader: bool = False, notable: bool = False, options: TableOptions | None = None) -> str:
    m = r.main
    if r.het_rows is None:
        return render_glm(m, eform=eform, linesize=linesize, nolog=not log, noheader=noheader, notable=notable,
                          options=options)
    opts = options or TableOptions()
    out: list[str] = []
    if log:
        out += fit_log_lines(m.iteration_log, crit(m), m.converged)
    out.append("")
    if not noheader:
        out += render_header(m) + [""]
    if notable:
        return "\n".join(out[:-1])
    eqs = [(m.depvar, opts.rows(m.fixed)), ("lnsigma", opts.rows(r.het_rows))]
    width = opts.width([row for _, rows in eqs for row in rows], linesize)
    cluster = (m.n_clusters, m.cluster_var) if m.cluster_var and m.n_clusters else None
    out.append(render_coef_table(None, m.depvar, level=m.level, linesize=linesize, robust=True, cluster=cluster,
                                 width=width, equations=eqs,
                                 legend_eqs=[m.depvar, "lnsigma"] if opts.coeflegend else None,
                                 **opts.table_kwargs()))
    return "\n".join(out)


def render_hetprob(r, *, linesize: int = 80, log: bool = True, options: TableOptions | None = None) -> str:
    """hetprob.ado's Display (Stata 13): the header from column 49 (``=`` at 67, values %9.0g and
    %9.2f/%9.4f at 70), ml display's two equations, then ``LR test of lnsigma2=0: chi2(#) = #``
    with ``Prob > chi2 = %6.4f`` from column 59."""
    from mlmcli.render.numfmt import format_number

    opts = options or TableOptions()
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)

    def right(left: str, label: str, value: str) -> str:
        return (left.ljust(48) + label).ljust(66) + "=" + " " * 2 + value

    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    out += ["", right("Heteroskedastic probit model", "Number of obs", format_number(r.nobs, "%9.0g")),
            right("", "Zero outcomes", format_number(r.n_zero, "%9.0g")),
            right("", "Nonzero outcomes", format_number(r.n_nonzero, "%9.0g")), "",
            right("", f"Wald chi2({r.df_m})", format_number(r.chi2, "%9.2f")),
            right(f"{crit} = " + format_number(r.loglik, "%9.0g"), "Prob > chi2", format_number(r.p, "%9.4f")), ""]
    eqs = [(r.depvar, opts.rows(r.rows)), ("lnsigma2", opts.rows(r.het_rows))]
    width = opts.width([row for _, rows in eqs for row in rows], linesize)
    out.append(render_coef_table(None, r.depvar, level=r.level, linesize=linesize, robust=r.vce_label == "Robust",
                                 vce_label=r.vce_label, cluster=r.cluster, width=width, equations=eqs,
                                 legend_eqs=[r.depvar, "lnsigma2"] if opts.coeflegend else None,
                                 **opts.table_kwargs()))
    kind, chi2, df, p = r.het_test
    text = f"{kind} test of lnsigma2=0: chi2({df}) = {format_number(chi2, '%8.2f').strip()}"
    out.append(text.ljust(58) + "Prob > chi2 = " + format_number(p, "%6.4f"))
    return "\n".join(out)


def render_betareg(r, *, linesize: int = 80, log: bool = True, options: TableOptions | None = None) -> str:
    """betareg.ado's Head: the right block's labels at column 49, ``=`` at 67, N %10.0fc at 69,
    chi2 %9.2f and p %9.4f at 70; ``Link function``/``Slink function`` with ``:`` at column 16 (22
    for a pseudolikelihood), their names in brackets at 49; the log likelihood %11.8g after ``=``
    at the same column; then _coef_table's two equations (depvar, scale)."""
    from mlmcli.render.numfmt import format_number

    opts = options or TableOptions()
    out: list[str] = []
    crit = likelihood(r.pseudo)
    if log:
        out += fit_log_lines(r.iteration_log, crit, r.converged)

    def right(label: str, value: str, at: int = 69) -> str:
        return (" " * 48 + label).ljust(66) + "=" + " " * (at - 68) + value

    col = 16 if not r.pseudo else 22
    out += ["", "Beta regression".ljust(48) + right("Number of obs", format_number(r.nobs, "%10.0fc"))[48:],
            right(f"{r.chi2_type} chi2({r.df_m})", format_number(r.chi2, "%9.2f"), 70),
            right("Prob > chi2", format_number(r.p, "%9.4f"), 70), "",
            ("Link function".ljust(col - 1) + ":  g(u) = " + r.linkf).ljust(48) + f"[{r.linkt}]",
            ("Slink function".ljust(col - 1) + ":  g(u) = " + r.slinkf).ljust(48) + f"[{r.slinkt}]", "",
            (crit[0].upper() + crit[1:]).ljust(col - 1) + "=" + format_number(r.loglik, "%11.8g"), ""]
    eqs = [(r.depvar, opts.rows(r.rows)), ("scale", opts.rows(r.scale_rows))]
    width = opts.width([row for _, rows in eqs for row in rows], linesize)
    out.append(render_coef_table(None, r.depvar, level=r.level, linesize=linesize, robust=r.pseudo,
                                 cluster=r.cluster, width=width, equations=eqs,
                                 legend_eqs=[r.depvar, "scale"] if opts.coeflegend else None, **opts.table_kwargs()))
    return "\n".join(out)


def render_scobit(r, *, n_zero: float, n_nonzero: float, lr_test, eform: bool = False, log: bool = True,
                  linesize: int = 80, options: TableOptions | None = None, warn: bool = True) -> str:
    """scobit.ado's Display: the title with Number of obs from column 49 (``=`` at 67, %10.0gc at
    69), Zero outcomes, the log likelihood %9.0g beside Nonzero outcomes; ml display's table with
    /lnalpha and alpha (``render_glm_table``); scobit_footnote's ``LR test of alpha=1: chi2(1) = #``
    (``Prob > chi2 = %6.4f`` from column 59) and its note on likelihood-ratio tests."""
    from mlmcli.render.glm_table import crit as criterion
    from mlmcli.render.glm_table import render_glm_table
    from mlmcli.render.numfmt import format_number

    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, criterion(r), r.converged)

    def right(left: str, label: str, value: float) -> str:
        return (left.ljust(48) + label).ljust(66) + "= " + format_number(value, "%10.0gc")

    crit = criterion(r)
    out += ["", right(r.title, "Number of obs", r.nobs), right("", "Zero outcomes", n_zero),
            right(f"{crit[0].upper() + crit[1:]} = " + format_number(r.loglik, "%9.0g"), "Nonzero outcomes", n_nonzero),
            "", render_glm_table(r, eform=eform, linesize=linesize, options=options)]
    if lr_test is not None:  # (chi2, p)
        chi2, p = lr_test
        text = format_number(chi2, "%9.2f" if chi2 < 1e5 else "%9.2e").strip()
        out.append(f"LR test of alpha=1: chi2(1) = {text}".ljust(58) + "Prob > chi2 = " + format_number(p, "%6.4f"))
    if warn:
        out += ["", "Note: Likelihood-ratio tests are recommended for inference with scobit models."]
    return "\n".join(out)
