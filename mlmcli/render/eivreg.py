"""``eivreg``'s output as eivreg.ado displays it: the assumed reliabilities (``* 1`` for the
rest) down the left, the title, N, F, Prob > F, R-squared and Root MSE at column 49 (``=`` at
67), then the t table."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class EivregResult:
    depvar: str
    nobs: float
    reliabilities: tuple[tuple[str, float], ...]
    df_m: float
    df_r: float
    F: float
    p: float
    r2: float
    rmse: float
    rows: tuple[CoefRow, ...]
    level: float = 95.0


def _at(left: str, col: int) -> str:
    return left.ljust(col - 1)


def render_eivreg(r: EivregResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    stats = [f"F({format_number(r.df_m, '%3.0f')},{format_number(r.df_r, '%10.0f')})".ljust(18)
             + "=   " + format_number(r.F, "%8.2f"),
             "Prob > F".ljust(18) + "=   " + format_number(r.p, "%8.4f"),
             "R-squared".ljust(18) + "=   " + format_number(r.r2, "%8.4f"),
             "Root MSE".ljust(18) + "=   " + format_number(r.rmse, "%8.0g")]
    out = ["", _at(_at("", 20) + "assumed", 49) + "Errors-in-variables regression",
           _at("", 5) + "variable" + " " * 5 + "reliability",
           _at("-" * 28, 49) + "Number of obs".ljust(18) + "= " + format_number(r.nobs, "%10.0fc")]
    for k, (name, value) in enumerate(r.reliabilities):
        left = _at(abbrev(name, 12).rjust(12), 16) + format_number(value, "%10.4f")
        out.append((_at(left, 49) + stats[k]) if k < 4 else left.rstrip())
    for k in range(len(r.reliabilities), 4):
        out.append(_at("", 49) + stats[k])
    out.append("")
    rows = opts.rows(r.rows)
    out.append(render_coef_table(rows, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                 width=opts.width(rows, linesize), **opts.table_kwargs()))
    return "\n".join(out)
