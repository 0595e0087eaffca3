"""``qreg`` and ``rreg`` as Stata 13 prints them: the iteration log, the header, the t table.

qreg (qreg.ado's Replay): ``Median regression`` (or ``.25 Quantile regression``) and, at column
54, ``Number of obs =`` %10.0g; ``  Raw sum of deviations`` %9.0g `` (about q)``; ``  Min sum of
deviations`` %9.0g and ``Pseudo R2     =`` %10.4f (Stata 13's qreg foodexp income, vce(iid,
kernel(epan2)): ``Pseudo R2     =    0.6206``).  Its log: ``Iteration  #:  WLS sum of
weighted deviations =`` %10.0g per WLS step, then the linear program's ``sum of abs. weighted
deviations`` (mlm solves it in one HiGHS call: one line, the minimum).
bsqreg: the title ``Median regression, bootstrap(20) SEs``, no log (the command prints its
replication dots).
sqreg and iqreg (sqreg.ado/iqreg.ado of Stata 12 and 13): ``Simultaneous quantile regression`` or
``.75-.25 Interquantile regression``, Number of obs at column 54, ``  bootstrap(20) SEs`` and one
``.25 Pseudo R2 =`` %10.4f line a quantile (the quantile %8.2f without its leading 0), the table
with ``Bootstrap`` over Std. Err. (sqreg: a block per quantile equation).
rreg: ``   Huber iteration #:  maximum difference in weights = x`` / ``Biweight iteration ...``;
``Robust regression`` and, at column 56, Number of obs, F(df_m, df_r), Prob > F.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.robust_regression import BootstrapQuantilesResult, QregResult, RregResult


def _plain(value: float) -> str:
    """A number as display shows it without a format (up to 9 characters: .80280176, .0027233)."""
    return format_number(value, "%10.0g").strip()


def qreg_log(r: QregResult) -> str:
    lines = [f"Iteration {k:2d}:  WLS sum of weighted deviations = {format_number(v, '%10.0g')}"
             for k, v in enumerate(r.wls_log, 1)]
    lines += ["", f"Iteration  1: sum of abs. weighted deviations = {format_number(r.sum_adev, '%10.0g')}"]
    return "\n".join(lines)


def render_qreg(r: QregResult, *, linesize: int = 80, log: bool = True, options: TableOptions | None = None) -> str:
    """The log (unless nolog), a blank line, the header and the table."""
    out = [qreg_log(r)] if log else []
    title = "Median regression" if r.quantile == 0.5 else f"{_plain(r.quantile)} Quantile regression"
    if r.reps is not None:  # bsqreg
        title += f", bootstrap({r.reps}) SEs"
    out.append("")
    out.append(title.ljust(53) + "Number of obs =" + format_number(r.nobs, "%10.0g"))
    out.append("  Raw sum of deviations" + format_number(r.sum_rdev, "%9.0g") + f" (about {_plain(r.q_v)})")
    pseudo = 1 - r.sum_adev / r.sum_rdev if r.sum_rdev else float("nan")
    out.append(("  Min sum of deviations" + format_number(r.sum_adev, "%9.0g")).ljust(53)
               + "Pseudo R2     =" + format_number(pseudo, "%10.4f"))
    out.append("")
    opts = options or TableOptions()
    out.append(render_coef_table(opts.rows(r.coefs), r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                 robust=r.robust, width=opts.width(r.coefs, linesize), **opts.table_kwargs()))
    return "\n".join(out)


def rreg_log(r: RregResult) -> str:
    return "\n".join(f"{stage:>8} iteration {k}:  maximum difference in weights = {_plain(change)}"
                     for k, (stage, change) in enumerate(r.log, 1))


def render_rreg(r: RregResult, *, linesize: int = 80, log: bool = True, options: TableOptions | None = None) -> str:
    """A blank line, the log (unless nolog), a blank line, the header and the table."""
    out = ["", rreg_log(r), ""] if log else [""]
    f_label = f"F({r.df_m:3d},{r.df_r:6d})"
    out.append("Robust regression".ljust(55) + "Number of obs = " + format_number(r.nobs, "%7.0g"))
    out.append(" " * 55 + f_label.ljust(13) + " = " + format_number(r.F, "%7.2f"))
    out.append(" " * 55 + "Prob > F".ljust(13) + " = " + format_number(r.p_F, "%7.4f"))
    out.append("")
    opts = options or TableOptions()
    out.append(render_coef_table(opts.rows(r.coefs), r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                 width=opts.width(r.coefs, linesize), **opts.table_kwargs()))
    return "\n".join(out)


def _quantile_label(q: float) -> str:
    """sqreg.ado's PrForm: %8.2f, a leading 0 dropped (.25, .50)."""
    text = format_number(q, "%8.2f").strip()
    return text[1:] if text.startswith("0") else text


def render_bootstrap_quantiles(r: BootstrapQuantilesResult, *, linesize: int = 80,
                               options: TableOptions | None = None) -> str:
    """A blank line, the header and the table (the dots are the command's)."""
    if r.command == "iqreg":
        title = f"{_plain(r.quantiles[1])}-{_plain(r.quantiles[0])} Interquantile regression"
    else:
        title = "Simultaneous quantile regression"
    out = ["", title.ljust(53) + "Number of obs =" + format_number(r.nobs, "%10.0g")]
    for j, (q, pseudo) in enumerate(r.pseudo):
        left = f"  bootstrap({r.reps}) SEs" if j == 0 else ""
        out.append(left.ljust(53) + f"{_quantile_label(q)} Pseudo R2 =" + format_number(pseudo, "%10.4f"))
    out.append("")
    opts = options or TableOptions()
    blocks = [(name, opts.rows(rows)) for name, rows in r.equations]
    if r.command == "iqreg":
        table = render_coef_table(blocks[0][1], r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                  width=opts.width(r.equations[0][1], linesize),
                                  **opts.table_kwargs())
    else:
        table = render_coef_table(None, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                  equations=blocks, **opts.table_kwargs())
    out.append(_bootstrap_heading(table))
    return "\n".join(out)


def _bootstrap_heading(table: str) -> str:
    """``Bootstrap`` centred over Std. Err., as estimates display shows e(vcetype) (not the
    bootstrap prefix's Observed/Normal-based heading)."""
    lines = table.split("\n")
    bar = lines[1].index("|")
    return "\n".join([lines[0], " " * bar + "|" + " " * 14 + "Bootstrap", *lines[1:]])
