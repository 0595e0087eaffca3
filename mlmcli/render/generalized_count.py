"""``gnbreg`` as Stata 13 prints it (``ml display``): the constant-only and full models' logs,
the header (title; ``Number of obs``, ``LR chi2(k)`` or ``Wald chi2(k)``, ``Prob > chi2`` and
``Pseudo R2`` from column 51, the log likelihood on the last line), then the count equation
(its offset or exposure as a ``1  (offset)`` row) and ``lnalpha``'s.
"""
from __future__ import annotations

from mlmcli.render.coef_table import RIGHT_WIDTH, TableOptions, hline, name_width, offset_row, render_coef_table
from mlmcli.render.glm_table import fit_log_lines, header_pair, header_right, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.results.generalized_count import GeneralizedNBResult
from mlmcli.results.mixed import CoefRow


def render_header(r: GeneralizedNBResult) -> list[str]:
    ll = f"{'Log pseudolikelihood' if r.pseudo else 'Log likelihood'} = {format_number(r.loglik, '%10.0g')}"
    out = [header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
           header_pair("", header_right(f"{r.chi2_type} chi2({r.df_m})", format_number(r.chi2, "%10.2f")))]
    prob = header_right("Prob > chi2", format_number(r.p, "%10.4f"))
    if r.pseudo_r2 is None:
        return out + [header_pair(ll, prob)]
    return out + [header_pair("", prob), header_pair(ll, header_right("Pseudo R2", format_number(r.pseudo_r2, "%10.4f")))]


def render_table(r: GeneralizedNBResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    eqs = [(eq, opts.rows(rows)) for eq, rows in r.equations]
    extra = [CoefRow(r.offset[0], 0, 0, 0, 0, 0, 0)] if r.offset else []
    s = 12 if opts.nolstretch else name_width(eqs + [(None, extra)], linesize=linesize, baselevels=opts.baselevels)
    table = render_coef_table(None, "", level=r.level, linesize=linesize, robust=r.pseudo, cluster=r.cluster, width=s,
                              equations=eqs, legend_eqs=[eq for eq, _ in r.equations] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    if r.offset:
        mid = hline(s + 1) + "+" + hline(s + RIGHT_WIDTH - s - 2)
        at = [i for i, line in enumerate(table) if line == mid][1]  # the rule before lnalpha's block
        table.insert(at, offset_row(r.offset[0], s, f"({r.offset[1]})"))
    return "\n".join(table)


def render_gnbreg(r: GeneralizedNBResult, *, linesize: int = 80, log: bool = True, options=None) -> str:
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    out += [""] + render_header(r) + ["", render_table(r, linesize=linesize, options=options)]
    return "\n".join(out)
