"""``ppmlhdfe``'s output (ppmlhdfe 2.3): the IRLS log of ``GLM::inner_irls``, the header of
``ppmlhdfe_header.ado``, ``_coef_table`` (z statistics, Robust) and reghdfe_footnote's absorbed
degrees of freedom.

```
Iteration 1:   deviance = 1.23456e+03  eps = .         iters = 1    tol = 1e-04  min(eta) =  -2.31  PS
...
------------------------------------------------------------------------------------------------------------
(legend: p: exact partial-out   s: exact solver   h: step-halving   o: epsilon below tolerance)
Converged in 7 iterations and 7 HDFE sub-iterations (tol = 1e-08)

HDFE PPML regression                              No. of obs     =        760
Absorbing 1 HDFE group                            Residual df    =        739
Statistics robust to heteroskedasticity           Wald chi2(6)   =      91.74
Deviance             =  8842.166951               Prob > chi2    =     0.0000
Log pseudolikelihood = -5401.246436               Pseudo R2      =     0.5231

Number of clusters (cid)  =         40
```
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.hdfe_regression import absorbed_footnote
from mlmcli.render.numfmt import format_number


def _mata_e(value, fmt: str) -> str:
    """Mata's printf of %-11.5e / %-9.4e / %5.0e: a missing value is '.'."""
    if value is None:
        text = "."
        width = int(fmt.strip("%-").split(".")[0])
        return text.ljust(width) if "-" in fmt else text.rjust(width)
    return fmt % value


def _at(text: str, column: int) -> str:
    """SMCL's {col #}: pad to column # (1-based); a line already past it is left as it is."""
    return text.ljust(column - 1)


def render_iteration_log(lines, tolerance: float) -> str:
    """The progress report, one line per IRLS iteration, the rule and legend, the summary."""
    out = []
    for it in lines:
        text = f"Iteration {it.iteration}:"
        text = _at(text, 16) + "deviance = " + _mata_e(it.deviance, "%-11.5e")
        text = _at(text, 39) + "eps = " + _mata_e(it.eps, "%-9.4e")
        text = _at(text, 55) + f"iters = {it.inner_iterations}"
        text = _at(text, 68) + "tol =" + _mata_e(it.inner_tol, "%5.0e")
        text = _at(text, 82) + " min(eta) = " + format_number(it.min_eta, "%6.2f")
        text += "  " + ("P" if it.exact_partial else " ") + ("S" if it.exact_solver else " ") + " " \
            + ("O" if it.below else " ")
        out.append(text)
    out += ["-" * 108,
            "(legend: p: exact partial-out   s: exact solver   h: step-halving   o: epsilon below tolerance)"]
    return "\n".join(out)


def render_converged(iterations: int, subiterations: int, tolerance: float) -> str:
    return f"Converged in {iterations} iterations and {subiterations} HDFE sub-iterations (tol ={tolerance:4.0e})"


def _right(left: str, label: str, value: str) -> str:
    return left.ljust(50) + label.ljust(16) + "= " + value


def render_header(r) -> str:
    p = format_number(r.p, "%10.4f")
    out = ["", _right(r.title, "No. of obs", format_number(r.nobs, "%10.0gc")),
           _right(r.title2, "Residual df", format_number(r.df, "%10.0gc")),
           _right(r.title3, f"Wald chi2({r.df_m})", format_number(r.chi2, "%10.2f")),
           ("Deviance".ljust(21) + "= " + format_number(r.deviance, "%12.0g")).ljust(50) + "Prob > chi2".ljust(16)
           + "= " + p,
           ("Log pseudolikelihood = " + format_number(r.ll, "%12.0g")).ljust(50) + "Pseudo R2".ljust(16) + "= "
           + format_number(r.r2_p, "%10.4f")]
    if r.clusters:
        out.append("")
        for name, n in r.clusters:
            out.append(f"Number of clusters ({name})".ljust(28) + "= " + format_number(n, "%10.0fc"))
    return "\n".join(out)


def render_ppml(r, *, linesize: int = 80, options=None, noheader: bool = False, notable: bool = False) -> str:
    """ppmlhdfe's Replay: header (unless ``noheader``), table (unless ``notable``), footnote."""
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions()
    out = []
    if not noheader:
        out.append(render_header(r))
    if not notable:
        rows = opts.rows(r.coefs)  # exponentiated already under eform
        cluster = (r.clusters[0][1], r.clusters[0][0]) if r.clusters else None
        out.append(render_coef_table(rows, r.depvar, stat_label="z", level=r.level, linesize=linesize,
                                     robust=True, cluster=cluster, width=opts.width(rows, linesize),
                                     eform=r.eform, **({"coef_label": "exp(b)"} if r.eform else {}),
                                     **opts.table_kwargs()))
    if r.absorbed:
        out += absorbed_footnote(r.absorbed)
    return "\n".join(out)
