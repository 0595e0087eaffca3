"""``xtabond2`` as it prints (published logs of xtabond2 and Roodman 2009's examples):

```
Dynamic panel-data estimation, two-step difference GMM
------------------------------------------------------------------------------
Group variable: id                              Number of obs      =       611
Time variable : year                            Number of groups   =       140
Number of instruments = 36                      Obs per group: min =         4
Wald chi2(4)  =    1234.56                                     avg =      4.36
Prob > chi2   =      0.000                                     max =         6
------------------------------------------------------------------------------
             |              Corrected
           n |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
...
------------------------------------------------------------------------------
Instruments for first differences equation
  Standard
    D.k
  GMM-type (missing=0, separate instruments for each period unless collapsed)
    L(1/3).w
------------------------------------------------------------------------------
Arellano-Bond test for AR(1) in first differences: z =  -1.19  Pr > z =  0.235
...
```
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.results.xtabond2 import Xtabond2Result

RULE = "-" * 78


def _num(x: float, fmt: str) -> str:
    """Stata's missing value "." right-aligned where a number does not exist."""
    width = int(fmt.split(".")[0])
    return format(x, fmt) if x == x else ".".rjust(width)


def _test_line(label: str, df: int, chi2: float, p: float) -> str:
    return f"{label}{f'chi2({df})'.ljust(11)}= {_num(chi2, '6.2f')}  Prob > chi2 = {_num(p, '6.3f')}"


def _wrap(words: str, width: int = 78, indent: int = 4) -> list[str]:
    lines, cur = [], ""
    for w in words.split():
        if cur and indent + len(cur) + 1 + len(w) > width:
            lines.append(" " * indent + cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(" " * indent + cur)
    return lines


def _continued(line: str, linesize: int) -> list[str]:
    """A display line longer than the line size, continued on lines starting "> " (Stata)."""
    indent = len(line) - len(line.lstrip(" "))
    out, cur = [], line[:indent]
    for w in line.split():
        if cur.strip() and len(cur) + 1 + len(w) > linesize - 1:
            out.append(cur)
            cur = "> " + w
        else:
            cur = f"{cur} {w}" if cur.strip() else cur + w
    out.append(cur)
    return out


def render_xtabond2(r: Xtabond2Result, *, linesize: int = 80) -> str:
    out = list(r.notes) + list(r.warnings) + ["", r.title, RULE]
    if r.small:
        stat = [f"F({r.df_m}, {r.df_r})".ljust(14) + "=" + _num(r.model_stat, "10.2f"),
                "Prob > F".ljust(14) + "=" + _num(r.model_p, "10.3f")]
    else:
        stat = [f"Wald chi2({r.df_m})".ljust(14) + "=" + _num(r.model_stat, "10.2f"),
                "Prob > chi2".ljust(14) + "=" + _num(r.model_p, "10.3f")]
    out += [f"Group variable: {r.ivar}".ljust(48) + f"Number of obs      = {r.nobs:9d}",
            f"Time variable : {r.tvar}".ljust(48) + f"Number of groups   = {r.n_groups:9d}",
            f"Number of instruments = {r.n_instruments}".ljust(48) + f"Obs per group: min = {r.g_min:9d}",
            stat[0].ljust(63) + f"avg = {r.g_avg:9.2f}",
            stat[1].ljust(63) + f"max = {r.g_max:9d}", RULE]
    table = render_coef_table(r.rows, r.depvar, stat_label="t" if r.small else "z", level=r.level,
                              linesize=linesize, vce_label=r.vcetype).split("\n")
    out += table[1:] if table and set(table[0]) == {"-"} else table  # the header's rule is its top
    transformed = "orthogonal deviations" if r.orthogonal else "first differences"
    for heading, sections in ((f"Instruments for {transformed} equation", r.diff_lists),
                              ("Instruments for levels equation", r.level_lists)):
        if not sections:
            continue
        out.append(heading)
        for name, lines in sections:
            out.append("  " + name)
            for text in lines:
                out += _wrap(text)
    out.append(RULE)
    for order, z, p in r.ar:
        out.append(f"Arellano-Bond test for AR({order}) in first differences: z = {_num(z, '6.2f')}  "
                   f"Pr > z = {_num(p, '6.3f')}")
    if r.ar:
        out.append(RULE)
    df, chi2, p = r.sargan
    out += [_test_line("Sargan test of overid. restrictions: ", df, chi2, p),
            "  (Not robust, but not weakened by many instruments.)"]
    if r.hansen is not None:
        df, chi2, p = r.hansen
        out += [_test_line("Hansen test of overid. restrictions: ", df, chi2, p),
                "  (Robust, but weakened by many instruments.)"]
    if r.subsets:
        out += ["", "Difference-in-Hansen tests of exogeneity of instrument subsets:"]
        for label, df_x, j_x, p_x, df_d, j_d, p_d in r.subsets:
            out += _continued("  " + label, linesize)
            out.append(_test_line("    Hansen test excluding group:     ", df_x, j_x, p_x))
            out.append(_test_line("    Difference (null H = exogenous): ", df_d, j_d, p_d))
    return "\n".join(out)
