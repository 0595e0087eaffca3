"""``tobit`` and ``intreg`` as Stata 13 prints them.

tobit (tobit.ado's Display: _coef_table_header, _coef_table, then _tobit's summary; no
iteration log unless ``log`` is typed -- tobit defaults to nolog):

```
Tobit regression                                  Number of obs   =        753
                                                  LR chi2(7)      =     271.59
                                                  Prob > chi2     =     0.0000
Log likelihood = -3819.0946                       Pseudo R2       =     0.0343

------------------------------------------------------------------------------
       hours |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
    nwifeinc |  -8.814243   4.459096    -1.98   0.048    -17.56811   -.0603724
         ...
-------------+----------------------------------------------------------------
      /sigma |   1122.022   41.57903                      1040.396    1203.647
------------------------------------------------------------------------------
  Obs. summary:        325  left-censored observations at hours<=0
                       428     uncensored observations
                         0 right-censored observations
```
(Wooldridge's MROZ example as Stata prints it.)  The summary's counts are %9.0g from column 18,
the words right-aligned on column 41; a limit typed (or taken from the data) follows as
``at y<=#``/``at y>=#``.  vce(robust|cluster): ``F(df_m, df_r)`` and ``Log pseudolikelihood``.

intreg (intreg.ado's DiIntreg: the iteration log of the constant-only and full models, ml
display's three-line header, the model equation without a heading, ``/lnsigma`` and its
``sigma`` as ancillary rows without z and P (e(k_aux) = 1), then censobs_table's summary):

```
Interval regression                               Number of obs   =        488
                                                  LR chi2(6)      =     221.61
Log likelihood = -856.33293                       Prob > chi2     =     0.0000
<table>
  Observation summary:        14  left-censored observations
                               0     uncensored observations
                               6 right-censored observations
                             468       interval observations
```
(Stata 15 moved these counts into the header; Stata 13 prints them below the table.)

cnreg (cnreg.ado's Display, as tobit's, "Censored-normal regression"; its e(footnote)
censobs_table's three lines right under the table, no limits).
"""
from __future__ import annotations

from mlmcli.render.coef_table import RIGHT_WIDTH, hline, name_width, render_coef_table
from mlmcli.render.glm_table import fit_log_lines, header_pair, header_right, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.results.censored_regression import CensoredRegressionResult

def render_header(r: CensoredRegressionResult) -> list[str]:
    t = r.test
    if t.kind == "F":
        label = f"F({format_number(t.df, '%4.0f')},{format_number(t.df_r, '%7.0f')})"
        test = header_right(label, format_number(t.stat, "%10.2f"))
        prob = header_right("Prob > F", format_number(t.p, "%10.4f"))
    else:
        test = header_right(f"{t.kind} chi2({t.df})", format_number(t.stat, "%10.2f"))
        prob = header_right("Prob > chi2", format_number(t.p, "%10.4f"))
    ll = f"{'Log pseudolikelihood' if r.pseudo else 'Log likelihood'} = {format_number(r.loglik, '%10.0g')}"
    first = [header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g")))]
    if r.n_reps is not None:  # _coef_table_header: e(N_reps) under Number of obs
        first.append(header_pair("", header_right("Replications", format_number(r.n_reps, "%10.0g"))))
    if r.command == "intreg":  # ml display: no pseudo R2
        return [*first, header_pair("", test), header_pair(ll, prob)]
    return [*first, header_pair("", test), header_pair("", prob),
            header_pair(ll, header_right("Pseudo R2", format_number(r.pseudo_r2, "%10.4f")))]


def render_table(r: CensoredRegressionResult, *, linesize: int = 80, options=None) -> str:
    """The coefficient table: the model's rows, then the ancillary rows (and intreg's sigma);
    ``options`` (``TableOptions``): the display options (coeflegend: ``/sigma`` as
    ``_b[sigma:_cons]``, intreg's transformed sigma its value alone, and tobit's sigma too under
    ``free_parameters``, when e(b) holds Stata 15's ``/:var(e.y)``)."""
    from mlmcli.render.coef_table import BASE_WIDTH, TableOptions, ancillary_line
    from mlmcli.render.glm_table import ancillary_legend

    opts = options or TableOptions()
    rows = opts.rows(r.rows)
    extra = list(r.ancillary) + ([r.natural] if r.natural else [])
    if r.het_rows:  # het(): two equations, model and lnsigma, as ml display shows them
        eqs = [("model", rows), ("lnsigma", opts.rows(r.het_rows))]
        s = BASE_WIDTH if opts.nolstretch else name_width(eqs, linesize=linesize, baselevels=opts.baselevels)
        return render_coef_table(None, r.depvar, stat_label=r.stat_label, level=r.level, linesize=linesize,
                                 robust=r.pseudo, cluster=r.cluster, width=s, vce_label=r.vce_label,
                                 equations=eqs, legend_eqs=["model", "lnsigma"] if opts.coeflegend else None,
                                 **opts.table_kwargs())
    s = opts.width(list(rows) + extra, linesize)
    table = render_coef_table(rows, r.depvar, stat_label=r.stat_label, level=r.level, linesize=linesize,
                              robust=r.pseudo, cluster=r.cluster, width=s, vce_label=r.vce_label,
                              **opts.table_kwargs()).split("\n")
    _ancillary = (lambda row, s: ancillary_legend(row, s, opts.cformat)) if opts.coeflegend else (lambda row, s: ancillary_line(row, s, opts.cformat))
    if opts.coeflegend and opts.free_parameters:  # tobit under version 15: e(b) holds /:var(e.y), no sigma
        _ancillary = (lambda row, s: ancillary_legend(row, s, opts.cformat).split("  _b[")[0])
    bottom = table.pop()
    mid = hline(s + 1) + "+" + hline(s + RIGHT_WIDTH - s - 2)
    if r.ancillary:
        if r.rows:
            table.append(mid)
        table += [_ancillary(row, s) for row in r.ancillary]
    if r.natural is not None:
        table += [mid, _ancillary(r.natural, s)]
    table.append(bottom)
    return "\n".join(table)


def render_summary(r: CensoredRegressionResult) -> list[str]:
    """tobit's ``Obs. summary:`` (always plural, as _tobit prints it) or censobs_table's
    ``Observation summary:`` (a count of 1 says "observation"): intreg's after a blank line
    with the interval count, cnreg's (its e(footnote)) right under the table."""
    c = r.counts
    num = lambda v: format_number(v, "%9.0g")  # noqa: E731
    if r.command == "tobit":
        dep = r.depvar
        ll, ul = r.limits
        left = f" at {dep}<={ll}" if ll else ""
        right = f" at {dep}>={ul}" if ul else ""
        return ["  Obs. summary:  " + num(c["N_lc"]) + "  left-censored observations" + left,
                " " * 17 + num(c["N_unc"]) + "     uncensored observations",
                " " * 17 + num(c["N_rc"]) + " right-censored observations" + right]

    def noun(v) -> str:
        return "observation" if v == 1 else "observations"
    lines = ["  Observation summary: " + num(c["N_lc"]) + "  left-censored " + noun(c["N_lc"]),
             " " * 22 + num(c["N_unc"]) + "     uncensored " + noun(c["N_unc"]),
             " " * 22 + num(c["N_rc"]) + " right-censored " + noun(c["N_rc"])]
    if r.command == "cnreg":  # e(footnote): censobs_table right under the table
        return lines
    return [""] + lines + [" " * 22 + num(c["N_int"]) + "       interval " + noun(c["N_int"])]


def render_censored_regression(r: CensoredRegressionResult, *, linesize: int = 80, log: bool = False,
                               options=None, cnsreport: bool = True) -> str:
    """Everything after the command's notes (leading blank line, no final newline); ``log``:
    the iteration log first; tobit's constraints() listed over the table unless ``nocnsreport``."""
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    cns = [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels if cnsreport else (), start=1)]
    out += [""] + render_header(r) + ["", *cns, render_table(r, linesize=linesize, options=options)] + render_summary(r)
    return "\n".join(out)
