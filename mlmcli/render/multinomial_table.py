"""``mlogit``'s output as Stata 13 prints it:

```
(blank)
Iteration 0:   log likelihood = -555.85446
...
(blank)
Multinomial logistic regression                   Number of obs   =        615
                                                  LR chi2(10)     =      42.99
                                                  Prob > chi2     =     0.0000
Log likelihood = -534.36165                       Pseudo R2       =     0.0387
(blank)
------------------------------------------------------------------------------
      insure |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
Indemnity    |  (base outcome)
-------------+----------------------------------------------------------------
Prepaid      |
         age |   -.011745   .0061946    -1.90   0.058    -.0238862    .0003962
...
```
The header is logit's (``glm_table.render_header``).  One block per outcome in outcome
order, introduced by its equation name; the base outcome's block is its name and
``(base outcome)``.  The name column is 12 wide, stretched to the longest row label or
equation name (up to 32 and the linesize).  ``rrr``: the first column ``RRR``, exp(b), and
no ``_cons`` rows (Stata 13's eform display).
"""
from __future__ import annotations

from mlmcli.render.coef_table import BASE_WIDTH, MAX_NAME_WIDTH, RIGHT_WIDTH, name_width, render_coef_table
from mlmcli.render.glm_table import crit, fit_log_lines, render_header
from mlmcli.results.multinomial import MultinomialResult

BASE_OUTCOME = "  (base outcome)"


def _blocks(r: MultinomialResult, eform: bool):
    out = []
    for eq in r.equations:
        rows = eq.eform_rows if eform else eq.rows
        if eform:
            rows = tuple(row for row in rows if row.name != "_cons")
        out.append((eq.name, rows))
    return out


def table_width(r: MultinomialResult, eform: bool, linesize: int, baselevels: bool) -> int:
    blocks = _blocks(r, eform)
    s = name_width(blocks, linesize=linesize, baselevels=baselevels)
    longest = max((len(name) for name, _ in blocks), default=0)
    return max(s, min(longest, MAX_NAME_WIDTH, linesize - RIGHT_WIDTH - 2), BASE_WIDTH)


def render_multinomial_table(r: MultinomialResult, *, eform: bool = False, linesize: int = 80,
                             baselevels: bool = False, cformat: str | None = None, sformat: str | None = None,
                             pformat: str | None = None, options=None) -> str:
    """The table, one block an outcome; ``options`` (``TableOptions``): the display options
    (coeflegend: each row's ``_b[outcome:name]``), which then carry baselevels and formats."""
    from mlmcli.render.coef_table import BASE_WIDTH, TableOptions

    opts = options or TableOptions(baselevels=baselevels, cformat=cformat, sformat=sformat, pformat=pformat)
    blocks = [(name, opts.rows(rows)) for name, rows in _blocks(r, eform)]
    s = BASE_WIDTH if opts.nolstretch else table_width(r, eform, linesize, opts.baselevels)
    cluster = (r.n_clusters, r.cluster_var) if r.cluster_var and r.n_clusters else None
    lines = render_coef_table(None, r.depvar, equations=blocks, level=r.level, linesize=linesize,
                              robust=r.vce == "robust", cluster=cluster, width=s,
                              vce_label=r.vce_label, stat_label="t" if r.df_r is not None else "z",
                              coef_label="RRR" if eform else "Coef.", eform=eform,
                              legend_eqs=[name for name, _ in blocks] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    from mlmcli.render.abbrev import abbrev

    for eq in r.equations:  # the base outcome's heading line carries the note
        if eq.base:
            head = abbrev(eq.name, s).ljust(s) + " |"
            at = lines.index(head)
            lines[at] = head + BASE_OUTCOME
    if r.replications:  # the replicates' clusters (_coef_table's legend)
        n, var = r.replications
        lines.insert(0, f"(Replications based on {n} clusters in {abbrev(var, 12)})".rjust(s + RIGHT_WIDTH))
    return "\n".join(lines)


def render_multinomial(r: MultinomialResult, *, eform: bool = False, linesize: int = 80, noheader: bool = False,
                       notable: bool = False, nolog: bool = True, baselevels: bool = False,
                       cformat: str | None = None, sformat: str | None = None, pformat: str | None = None,
                       cnsreport: bool = True, options=None, shown: frozenset = frozenset()) -> str:
    """Everything mlogit prints (leading blank line, no final newline); ``noheader``/``notable``
    leave out the header or the table; the constraints (`` ( 1)  [2]x = 0``) between them
    unless ``nocnsreport``."""
    out: list[str] = []
    if not nolog:
        out += fit_log_lines(r.iteration_log, crit(r), r.converged, shown=shown, linesize=linesize)
    out.append("")
    if not noheader:
        out += render_header(r, pseudo_r2=r.ll_0 == r.ll_0)  # noconstant: no e(ll_0), no Pseudo R2
        if notable:
            return "\n".join(out)
        out.append("")
    if notable:
        return "\n".join(out)
    if cnsreport and r.constraint_labels:
        out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraint_labels, start=1)]
    out.append(render_multinomial_table(r, eform=eform, linesize=linesize, baselevels=baselevels,
                                        cformat=cformat, sformat=sformat, pformat=pformat, options=options))
    return "\n".join(out)
