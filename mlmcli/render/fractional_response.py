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
<table: Robust Std. Err.; with het() two blocks, depvar's and lnsigma's>
```
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.glm_table import crit, render_glm, render_glm_iteration_log, render_header
from mlmcli.results.fractional_response import FractionalResult


def render_fractional(r: FractionalResult, *, eform: bool = False, linesize: int = 80, log: bool = True,
                      noheader: bool = False, notable: bool = False, options: TableOptions | None = None) -> str:
    m = r.main
    if r.het_rows is None:
        return render_glm(m, eform=eform, linesize=linesize, nolog=not log, noheader=noheader, notable=notable,
                          options=options)
    opts = options or TableOptions()
    out: list[str] = []
    if log and m.iteration_log.phases:
        out.append(render_glm_iteration_log(m.iteration_log, crit(m)))
        if not m.converged:
            out.append("convergence not achieved")
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
