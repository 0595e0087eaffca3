"""``regress`` output as Stata 13 prints it (golden 07, LAYOUT.md section 10).

```
(blank)
      Source |       SS       df       MS              Number of obs =    1820
-------------+------------------------------           F(  1,  1818) =  165.02
       Model |  133.640874     1  133.640874           Prob > F      =  0.0000
    Residual |  1472.33192  1818  .809863544           R-squared     =  0.0832
-------------+------------------------------           Adj R-squared =  0.0827
       Total |   1605.9728  1819  .882887739           Root MSE      =  .89992
(blank)
<coefficient table with t>
```
SS and MS are ``%11.0g`` in 12 columns, df ``%5.0f`` in 6; the right block
starts at column 56 and its values end at column 78.  Robust/cluster/hc2/hc3 fits
print ``Linear regression`` and the statistics only (the table headed ``Robust``,
``Robust HC2``, ``Robust HC3``); vce(jackknife) prints the prefix's header (labels at column
49, values ending at column 78, ``Replications``) and ``Jackknife`` over the table; with its
cluster() the replications are the clusters and, as every replication prefix does
(_coef_table_header), ``(Replications based on G clusters in var)`` stands over the table;
with its eform options the first column is headed ``exp(b)``, ``Odds Ratio`` ... (the rows
come exponentiated, without ``_cons``).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import RIGHT_WIDTH, TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.regress import RegressResult


def weight_sum_line(total: float) -> str:
    """``(sum of wgt is   7.5821e+01)``: the sum of the aweights or pweights, %12.4e, that
    regress (and correlate) print before their output."""
    return f"(sum of wgt is {format_number(total, '%12.4e')})"


def _f_label(r: RegressResult) -> str:
    return f"F({format_number(r.df_model, '%3.0f')},{format_number(r.df_resid, '%6.0f')})"


def _stat(label: str, value: str) -> str:
    """``Prob > F      =  0.0000``: ``=`` at col 70, the value right-aligned in cols 71-78
    (a wide value such as ``49118.25`` runs up to the ``=``, as in Stata's logs)."""
    return label.ljust(14) + "=" + value.rjust(8)


def _anova_row(name: str, ss: float, df: int, ms: float) -> str:
    return (name.rjust(12) + " |" + format_number(ss, "%11.0g").rjust(12)
            + format_number(df, "%5.0f").rjust(6) + format_number(ms, "%11.0g").rjust(12))


def render_regress(r: RegressResult, *, linesize: int = 80, level: float | None = None,
                   noheader: bool = False, baselevels: bool = False, cformat: str | None = None,
                   sformat: str | None = None, pformat: str | None = None,
                   options: TableOptions | None = None, notable: bool = False, depname: str | None = None,
                   betas=None, plus: bool = False) -> str:
    """The text ``regress`` prints (leading blank line, no final newline); ``options``: the
    display options (in place of ``baselevels`` and the formats); ``notable``: the header only;
    ``depname``: the name over the table; ``betas``: the beta column; ``plus``: an open table."""
    nobs = _stat("Number of obs", format_number(r.nobs, "%7.0g"))
    ftext = _stat(_f_label(r), format_number(r.F, "%7.2f"))
    prob = _stat("Prob > F", format_number(r.p_F, "%7.4f"))
    r2 = _stat("R-squared", format_number(r.r2, "%7.4f"))
    r2a = _stat("Adj R-squared", format_number(r.r2_a, "%7.4f"))
    rmse = _stat("Root MSE", format_number(r.rmse, "%7.0g"))
    out = [""]
    robust = r.vce != "ols" or r.cluster_var is not None
    vce_label = r.vcetype or {"hc2": "Robust HC2", "hc3": "Robust HC3", "jackknife": "Jackknife"}.get(r.vce)
    if not noheader:
        if r.vce == "jackknife":
            out += _replicates_header(r)
        elif robust:
            out.append(r.title.ljust(55) + nobs)  # "Linear regression", or ivreg's title
            out.extend(" " * 55 + s for s in (ftext, prob, r2, rmse))
        else:
            rule = "-" * 13 + "+" + "-" * 30
            out.append("      Source |       SS       df       MS".ljust(55) + nobs)
            out.append(rule.ljust(55) + ftext)
            out.append(_anova_row("Model", r.ss_model, r.df_model, r.ms_model).ljust(55) + prob)
            out.append(_anova_row("Residual", r.ss_resid, r.df_resid, r.ms_resid).ljust(55) + r2)
            out.append(rule.ljust(55) + r2a)
            out.append(_anova_row("Total", r.ss_total, r.df_total, r.ms_total).ljust(55) + rmse)
        out.append("")
    cluster = (r.n_clusters, r.cluster_var) if r.cluster_var and r.n_clusters else None
    if notable:
        return "\n".join(out[:-1] if out and out[-1] == "" and len(out) > 1 else out)
    opts = options or TableOptions(baselevels=baselevels, cformat=cformat, sformat=sformat, pformat=pformat)
    if cluster is not None and r.vce == "jackknife":
        cluster = None
        replications = f"(Replications based on {r.n_clusters} clusters in {abbrev(r.cluster_var, 12)})"
        out.append(replications.rjust(opts.width(r.coefs, linesize) + RIGHT_WIDTH))
    out.append(render_coef_table(opts.rows(r.coefs), depname or r.depvar, stat_label="t", coef_label=r.eform_label or "Coef.",
                                 level=r.level if level is None else level, linesize=linesize, robust=robust,
                                 cluster=cluster, width=opts.width(r.coefs, linesize), vce_label=vce_label,
                                 eform=bool(r.eform_label), betas=betas, plus=plus, **opts.table_kwargs()))
    return "\n".join(out)


def _replicates_header(r: RegressResult) -> list[str]:
    """The jackknife prefix's header: its replications (one per observation) and F(df_m, N-1)."""
    def right(left: str, label: str, value: str) -> str:
        return left.ljust(48) + label.ljust(19) + "=" + value.rjust(10)

    f_label = f"F({format_number(r.df_model, '%4.0f')},{format_number(r.df_resid, '%7.0f')})"
    reps = r.replications if r.replications is not None else (
        r.n_clusters if r.cluster_var and r.n_clusters else r.nobs)
    return [right(r.title, "Number of obs", format_number(r.nobs, "%10.0g")),
            right("", "Replications", format_number(reps, "%10.0g")),
            right("", f_label, format_number(r.F, "%10.2f")),
            right("", "Prob > F", format_number(r.p_F, "%10.4f")),
            right("", "R-squared", format_number(r.r2, "%10.4f")),
            right("", "Adj R-squared", format_number(r.r2_a, "%10.4f")),
            right("", "Root MSE", format_number(r.rmse, "%10.4f"))]
