"""``suest``'s output as Stata 13 prints it: suest.ado's Display (``_coef_table_header,
title() nocluster``, a blank line, ``ereturn display``).

The title is ``Simultaneous results for a, b`` (several models), ``Cluster adjusted results
for a`` (one model, vce(cluster)) or ``Robust results for a``.  _coef_table_header 1.4.x puts
the title on the line of ``Number of obs`` only when the title's text is shorter than 49
characters -- and suest's title holds est_clickable's SMCL links, ``{stata estimates replay
a:a}``, which count: with two models the title stands on its own line, then a blank line,
then ``Number of obs   =`` at column 51 (label in 16 columns, ``= ``, %10.0f)::

    (blank)
    Simultaneous results for re, fe
    (blank)
                                                      Number of obs   =        100
    (blank)
    (Std. Err. adjusted for 20 clusters in id)            <- vce(cluster), right-aligned
    ------------------------------------------------------------------------------
                 |               Robust
                 |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
    -------------+----------------------------------------------------------------
    re_mean      |
    ...
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.suest import SuestResult

TITLE_ROOM = 49  # _coef_table_header: c3 - 2


def suest_title(names, clustered: bool) -> tuple[str, int]:
    """(the title as shown, the length _coef_table_header measures: with the SMCL links)."""
    shown = ", ".join(names)
    links = ", ".join(f"{{stata estimates replay {n}:{n}}}" for n in names)
    if len(names) > 1:
        lead = "Simultaneous results for "
    elif clustered:
        lead = "Cluster adjusted results for "
    else:
        lead = "Robust results for "
    return lead + shown, len(lead + links)


def render_suest_header(r: SuestResult) -> str:
    """From the leading blank line to the title block's end (no trailing blank line)."""
    title, measured = suest_title(r.names, r.cluster is not None)
    right = " " * 50 + "Number of obs".ljust(16) + "= " + format_number(r.n_obs, "%10.0f").rjust(10)
    if measured < TITLE_ROOM:
        return "\n".join(["", title.ljust(50) + right[50:]])
    return "\n".join(["", title, "", right])


def render_suest_table(r: SuestResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    """suest's blank line, then ereturn display's table (the cluster note over it)."""
    opts = options or TableOptions()
    blocks = [(eq, opts.rows(rows)) for eq, rows in r.blocks]
    return "\n" + render_coef_table(None, "", stat_label="z", level=r.level, linesize=linesize,
                                    robust=not opts.coeflegend,  # the legend has no Std. Err. column
                                    cluster=r.cluster, equations=blocks, coef_label=r.coef_label, eform=r.eform,
                                    legend_eqs=[eq for eq, _ in blocks], **opts.table_kwargs())


def render_suest(r: SuestResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    return render_suest_header(r) + "\n" + render_suest_table(r, linesize=linesize, options=options)
