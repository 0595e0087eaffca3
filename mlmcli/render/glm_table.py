"""Single-level ``logit``/``logistic``/``probit``/``cloglog``/``poisson``/``nbreg``/
``ologit``/``oprobit`` output as Stata 13 prints it (``ml display``).

```
(blank)
Iteration 0:   log likelihood =  -45.03321
Iteration 1:   log likelihood = -29.238536
(blank)
Logistic regression                               Number of obs   =         74
                                                  LR chi2(2)      =      35.72
                                                  Prob > chi2     =     0.0000
Log likelihood = -27.175156                       Pseudo R2       =     0.3966
(blank)
<coefficient table with z; ancillary rows /cut1 ... or /lnalpha and alpha below + rules>
```
The header's right block starts at column 51: the label in 16 columns, ``=`` at
column 67, the value (``%10.0g`` N, ``%10.2f`` chi2, ``%10.4f`` p and pseudo R2)
ending at column 78.  ``nbreg`` adds ``Dispersion     = mean`` on the left and
``Likelihood-ratio test of alpha=0:`` below the table; ``cloglog`` has the
``Zero outcomes``/``Nonzero outcomes`` block and no pseudo R2.  With ``or``/``irr``
the coefficient column is ``Odds Ratio``/``IRR`` and ``_cons`` is not shown (Stata
13).  Ancillary rows (``/cut1``, ``/lnalpha``) print estimate, SE and CI only.
An ``exposure()``/``offset()`` variable is a row ``ln(t) | 1  (exposure)``.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import (RIGHT_WIDTH, TableOptions, ancillary_line, hline, name_width, offset_row,
                                     render_coef_table)
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.results.glmm import GLMResult, IterationLog
from mlmcli.results.mixed import CoefRow

RIGHT_COL = 50  # the right block of the header starts at column 51


def header_right(label: str, value: str) -> str:
    """A right-block entry of the single-level ML header: ``label = value``."""
    return label.ljust(16) + "= " + value.rjust(10)


def header_pair(left: str, right: str = "") -> str:
    """A header line: ``left``, then ``right`` from column 51 (tobit/intreg's header too)."""
    return left.ljust(RIGHT_COL) + right if right else left


def crit(result: GLMResult) -> str:
    return "log pseudolikelihood" if _pseudo(result) else "log likelihood"


def _pseudo(result: GLMResult) -> bool:
    """Stata reports a pseudolikelihood after pweights or vce(robust|cluster)."""
    return bool(result.pseudo) or result.vce not in ("oim", "bootstrap", "jackknife")


def likelihood(pseudo: bool) -> str:
    """The iteration log's criterion: ``log pseudolikelihood`` after pweights or a robust VCE."""
    return "log pseudolikelihood" if pseudo else "log likelihood"


def fit_log_lines(log: IterationLog | None, criterion: str, converged: bool, *,
                  shown: frozenset = frozenset(), linesize: int = 80) -> list[str]:
    """An ml fit's iteration log, then ml's ``convergence not achieved`` after a maximiser that
    stopped short; nothing when no iteration was logged."""
    if log is None or not log.phases:
        return []
    out = [render_glm_iteration_log(log, criterion, shown=shown, linesize=linesize)]
    if not converged:
        out.append("convergence not achieved")
    return out


def render_glm_iteration_log(log: IterationLog, criterion: str = "log likelihood", *,
                             shown: frozenset = frozenset(), linesize: int = 80) -> str:
    """Each phase: its heading (``Fitting Poisson model:``) and a blank line, then the
    ``Iteration n:`` lines; phases separated by blank lines.  Leading blank line.  ``shown``:
    maximize's display options, for the phases that recorded details
    (render/ml_iteration_detail.py)."""
    from mlmcli.render.ml_iteration_detail import detail_block

    out: list[str] = []
    for phase in log.phases:
        out.append("")
        if phase.heading:
            out += [phase.heading, ""]
        if phase.notes:
            out += [*phase.notes, ""]
        details = {d.iteration: d for d in phase.details}
        for s in phase.steps:
            if shown and details:
                out += detail_block(s, details.get(s.iteration), phase.names, criterion, shown, linesize)
            else:
                out.append(iteration_line(s.iteration, s.loglik, criterion, s.note))
    return "\n".join(out)


def render_header(r: GLMResult, *, pseudo_r2: bool = True) -> list[str]:
    """The header's lines; without ``pseudo_r2`` (no e(r2_p)) the log likelihood shares the
    line of Prob > chi2."""
    n = header_right("Number of obs", format_number(r.nobs, "%10.0g"))
    df_r, n_reps = getattr(r, "df_r", None), getattr(r, "n_reps", None)  # mlogit's result shares the header
    test = f"{r.chi2_type} chi2({r.df_m})"
    if df_r is not None:  # vce(jackknife): _coef_table_header's F(%4.0f,%7.0f)
        test = f"F({format_number(r.df_m, '%4.0f')},{format_number(df_r, '%7.0f')})"
    chi2 = header_right(test, format_number(r.chi2, "%10.2f"))
    prob = header_right("Prob > F" if df_r is not None else "Prob > chi2", format_number(r.p, "%10.4f"))
    ll = f"{'Log pseudolikelihood' if _pseudo(r) else 'Log likelihood'} = {format_number(r.loglik, '%10.0g')}"
    reps = [] if n_reps is None else [header_pair("", header_right("Replications", format_number(n_reps, "%10.0g")))]
    if r.n_zero is not None:  # cloglog (vce(bootstrap|jackknife): Replications over the test, a guess)
        return [header_pair(r.title, n),
                header_pair("", header_right("Zero outcomes", format_number(r.n_zero, "%10.0g"))),
                header_pair("", "Nonzero outcomes =" + format_number(r.n_nonzero, "%10.0g").rjust(10)),
                "",
                *reps,
                header_pair("", chi2),
                header_pair(ll, prob)]
    if not pseudo_r2 and r.dispersion:  # nbreg under constraints(): its Dispersion line kept (mlm's reading)
        return [header_pair(r.title, n), *reps, header_pair("", chi2),
                header_pair(f"Dispersion     = {r.dispersion}", prob), ll]
    if not pseudo_r2:
        return [header_pair(r.title, n), *reps, header_pair("", chi2), header_pair(ll, prob)]
    r2 = header_right("Pseudo R2", format_number(r.pseudo_r2, "%10.4f"))
    third = f"Dispersion     = {r.dispersion}" if r.dispersion else ""
    return [header_pair(r.title, n), *reps, header_pair("", chi2), header_pair(third, prob), header_pair(ll, r2)]


def ancillary_legend(row: CoefRow, s: int, cformat: str | None, free: bool = False) -> str:
    """coeflegend's ancillary row: ``/cut1 |  value  _b[cut1:_cons]`` (e(b)'s name of the
    parameter; ``free``: Stata 15's free parameter ``_b[/cut1]``); a transformed parameter
    (nbreg's alpha) has no ``_b[]`` name: the value alone."""
    value = abbrev(row.name, s).rjust(s) + " |" + format_number(row.coef, cformat or "%9.0g").rjust(11)
    if not row.name.startswith("/"):
        return value
    return value + (f"  _b[{row.name}]" if free else f"  _b[{row.name[1:]}:_cons]")


def render_glm_table(r: GLMResult, *, eform: bool = False, linesize: int = 80, baselevels: bool = False,
                     cformat: str | None = None, sformat: str | None = None,
                     pformat: str | None = None, options: TableOptions | None = None) -> str:
    """The coefficient table with the offset row and the ancillary parameters; ``options``:
    the display options (``TableOptions``: noomitted, vsquish, coeflegend ...), which then
    carry the base levels and formats."""
    opts = options or TableOptions(baselevels=baselevels, cformat=cformat, sformat=sformat, pformat=pformat)
    rows = r.fixed_eform if eform else r.fixed
    if eform:
        rows = tuple(row for row in rows if row.name != "_cons")
    rows = opts.rows(rows)
    legend = opts.coeflegend
    offset_label = r.offset_name
    extra = [CoefRow(offset_label, 0, 0, 0, 0, 0, 0)] if offset_label else []
    anc = list(r.ancillary)
    s = opts.width(list(rows) + extra + anc, linesize)
    cluster = (r.n_clusters, r.cluster_var) if r.cluster_var and r.n_clusters else None
    table = render_coef_table(rows, r.depvar, level=r.level, linesize=linesize, robust=r.vce != "oim",
                              cluster=cluster, vce_label=r.vce_label, stat_label="t" if r.df_r is not None else "z",
                              width=s, eform=eform, **opts.table_kwargs()).split("\n")
    if eform:
        at = next(i for i, line in enumerate(table) if line.startswith(abbrev(r.depvar, s).rjust(s) + " |"))
        head = table[at]
        table[at] = head[:s + 2] + r.eform_label.rjust(11) + head[s + 13:]
    table.pop()  # the bottom rule, added back below the last block
    total = s + RIGHT_WIDTH
    replications = getattr(r, "replications", None)
    if replications:  # the prefix's cluster(): _coef_table's legend over the table
        n, var = replications
        table.insert(0, f"(Replications based on {n} clusters in {abbrev(var, 12)})".rjust(total))
    mid = hline(s + 1) + "+" + hline(total - s - 2)
    if offset_label:
        kind = "(exposure)" if offset_label.startswith("ln(") else "(offset)"
        table.append(offset_row(offset_label, s, kind))
    if anc:
        if rows or offset_label:  # no rule twice when the model has no covariates
            table.append(mid)
        table += [ancillary_legend(row, s, opts.cformat, opts.free_parameters) if legend else ancillary_line(row, s, opts.cformat)
                  for row in anc]
    if r.ancillary_natural:
        table.append(mid)
        for v in r.ancillary_natural:
            row = CoefRow(v.label, v.estimate, v.se, 0, 0, v.ci_lo, v.ci_hi)
            table.append(ancillary_legend(row, s, opts.cformat, opts.free_parameters) if legend else ancillary_line(row, s, opts.cformat))
    table.append(hline(total))
    return "\n".join(table)


def render_alpha_test(r: GLMResult) -> str:
    """nbreg's ``Likelihood-ratio test of alpha=0:  chibar2(01) = ... Prob>=chibar2 = ...``."""
    t = r.lr_alpha
    what = t.label.replace("LR test of ", "").rstrip(":")
    stat = format_number(t.chi2, "%8.2f").strip()
    return (f"Likelihood-ratio test of {what}:  chibar2(01) = {stat.rjust(7)} "
            f"Prob>=chibar2 = {format_number(t.p, '%5.3f')}")


def render_glm(r: GLMResult, *, eform: bool = False, linesize: int = 80, noheader: bool = False,
               nolog: bool = True, baselevels: bool = False, cformat: str | None = None,
               sformat: str | None = None, pformat: str | None = None, nolrtest: bool = False,
               notable: bool = False, options: TableOptions | None = None, cnsreport: bool = True,
               shown: frozenset = frozenset()) -> str:
    """Everything the command prints after its notes (leading blank line, no final newline);
    ``notable`` (vce(bootstrap, notable)): the header alone; constraints() listed over the
    table (`` ( 1)  [y]x1 - [y]x2 = 0``) unless ``nocnsreport``, with no Pseudo R2 (ml drops
    lf0() under constraints: no e(ll_0))."""
    out: list[str] = []
    if not nolog:
        out += fit_log_lines(r.iteration_log, crit(r), r.converged, shown=shown, linesize=linesize)
    out.append("")
    if not noheader:
        out += render_header(r, pseudo_r2=not r.constraint_labels or r.ll_0 == r.ll_0)
        out.append("")
    if notable:
        return "\n".join(out[:-1])
    if cnsreport and r.constraint_labels:
        out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels, start=1)]
    out.append(render_glm_table(r, eform=eform, linesize=linesize, baselevels=baselevels,
                                cformat=cformat, sformat=sformat, pformat=pformat, options=options))
    if r.lr_alpha is not None and not nolrtest and not (options and options.coeflegend):
        out.append(render_alpha_test(r))
    return "\n".join(out)
