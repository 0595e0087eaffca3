"""``eventstudyinteract``'s display (eventstudyinteract.ado 0.1): ``_coef_table_header`` (1.4.1,
the ml scheme: labels at column 51, ``= `` at 67, values %10.0f / %10.2f / %10.4f) over the
e() reghdfe left, its title replaced by "IW estimates for dynamic effects", then ``_coef_table,
bmatrix(e(b_iw)) vmatrix(diag(V_iw))``::

    (blank)
    IW estimates for dynamic effects                  Number of obs   =      1,200
                                                      F(  12,     99) =      32.15
    ...
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.event_study import EventStudyResult

TITLE_ROOM = 49  # _coef_table_header: c3 - 2


def _right(label: str, value: str) -> str:
    return " " * 50 + label.ljust(16) + "= " + value


def render_event_study(r: EventStudyResult, *, linesize: int = 80, options=None) -> str:
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions()
    f_label = f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})"
    right = [_right("Number of obs", format_number(r.nobs, "%10.0f")),
             _right(f_label, format_number(r.F, "%10.2f") if r.F == r.F else ".".rjust(10)),
             _right("Prob > F", format_number(r.p, "%10.4f") if r.F == r.F else ".".rjust(10)),
             _right("R-squared", format_number(r.r2, "%10.4f")),
             _right("Adj R-squared", format_number(r.r2_a, "%10.4f")),
             _right("Root MSE", format_number(r.rmse, "%10.4f"))]
    out = [""]
    if len(r.title) < TITLE_ROOM:
        right[0] = r.title.ljust(50) + right[0][50:]
    else:
        out += [r.title, ""]
    out += right + [""]
    rows = opts.rows(r.coefs)
    out.append(render_coef_table(rows, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                 robust=r.robust, cluster=r.cluster, width=opts.width(rows, linesize),
                                 **opts.table_kwargs()))
    return "\n".join(out)
