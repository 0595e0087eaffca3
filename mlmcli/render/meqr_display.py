"""``meqrlogit``/``meqrpoisson`` and their old names ``xtmelogit``/``xtmepoisson``: the
layout of Stata's ``_xtme_display`` (shared by the four commands), unlike the ``me``
commands' single table:

```
Mixed-effects logistic regression               Number of obs      =      1934
Group variable: district                        Number of groups   =        60

                                                Obs per group: min =         2
                                                               avg =      32.2
                                                               max =       118

Integration points =   7                        Wald chi2(5)       =    109.60
Log likelihood = -1206.8322                     Prob > chi2        =    0.0000

------------------------------------------------------------------------------
       c_use |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
         ...
------------------------------------------------------------------------------

------------------------------------------------------------------------------
  Random-effects Parameters  |   Estimate   Std. Err.     [95% Conf. Interval]
-----------------------------+------------------------------------------------
district: Identity           |
                   var(_cons) |  ...
------------------------------------------------------------------------------
LR test vs. logistic regression: chibar2(01) = 43.39   Prob >= chibar2 = 0.0000
```
Several levels: the group table gains an ``Integration Points`` column and the
``Integration points =`` line is left out.  ``laplace``: a closing note.  The header
lines use Stata 13's grid (as ``mixed``); the group table, the random-effects table and
the LR line follow ``_xtme_display``'s columns (group table: names end at column 15,
``|`` at 17, counts end at 28, 39, 50, 61, points at 71-73; LR line: ``Prob >=
chibar2 =`` from column 55, ``Prob > chi2 =`` from 59, p-value from 73).  The wording
``LR test vs. logistic regression:`` is Stata 13's (Stata 14 prints ``... model:``).

Identity and exchangeable blocks over three or more variables (``_xtme_display``'s GetNames):
the row is labelled with the variable names, each abbreviated to 8 characters, joined by
blanks -- unless that list is longer than 20 characters; then only the first and the last
name, joined by ``..``, and a footnote number: ``sd(slope~_1..slope~51)(1)``.  The footnotes,
``(1)`` followed by the block's full variable names, are printed after the LR test line
(``{p 0 4 4}``: hanging indent 3 + the number's width) and before the conservative-LR note.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mlmcli.render.abbrev import abbrev, abbrev_re
from mlmcli.render.coef_table import hline, render_coef_table
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.mixed_display import LR_NOTE, render_re_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.glmm import GLMMResult, IterationLog, LRTestSingle
from mlmcli.results.mixed import RandomLevel

RIGHT_COL = 48
LONG_NAME_LIST = 20  # a block's abbreviated names longer than this print as first..last plus a footnote
LAPLACE_NOTE = "Note: Log-likelihood calculations are based on the Laplacian approximation."
EFORM_LABELS = {"logistic": "Odds Ratio", "Poisson": "IRR"}


def _fmt(value, spec: str) -> str:
    return format_number(value, spec)


def header_right(label: str, value: str) -> str:
    """A field of the header's right block: label in 19 columns from column 49, ``=`` at 68,
    the value ending at 78 (Stata 13's grid, as ``mixed``'s)."""
    return label.ljust(19) + "= " + value.rjust(9)


def header_pair(left: str, right: str = "") -> str:
    return left.ljust(RIGHT_COL) + right if right else left


_right, _pair = header_right, header_pair


def render_qr_iteration_log(log: IterationLog, refining: bool = True) -> str:
    """``Refining starting values:`` (unless ``refining`` is False: refineopts(nolog)) then
    ``Performing gradient-based optimization:`` (the fixed-effects starting fit is not shown by
    these commands)."""
    out: list[str] = []
    for phase in log.phases:
        if phase.heading.startswith("Fitting fixed") or not refining and phase.heading.startswith("Refining"):
            continue
        heading = ("Performing gradient-based optimization:" if phase.heading.startswith("Fitting full")
                   else phase.heading)
        out += ["", heading, ""]
        for k, step in enumerate(phase.steps):
            line = f"Iteration {k}:".ljust(15) + f"log likelihood = {_fmt(step.loglik, '%10.0g')}  "
            out.append((line + step.note).rstrip() if step.note else line)
    return "\n".join(out)


def render_qr_group_table(result: GLMMResult, points: Sequence[int]) -> str:
    """The nested-groups table with its ``Integration Points`` column, rule to rule."""
    out = [hline(76),
           " " * 16 + "|     No. of       Observations per Group       Integration",
           " Group Variable |     Groups    Minimum    Average    Maximum      Points",
           hline(16) + "+" + hline(59)]
    for g, q in zip(result.groups, points):
        s = g.summary
        out.append(abbrev(s.levelvar, 12).rjust(15) + " |" + " " * 3 + _fmt(s.n_groups, "%8.0fc")
                   + " " * 2 + _fmt(s.min, "%9.0fc") + " " * 2 + _fmt(s.avg, "%9.1fc")
                   + " " * 2 + _fmt(s.max, "%9.0fc") + " " * 9 + _fmt(q, "%3.0f"))
    out.append(hline(76))
    return "\n".join(out)


def render_qr_header(result: GLMMResult, *, points: Sequence[int], nogroup: bool = False,
                     binomial: str | None = None) -> list[str]:
    out = [_pair(result.title, _right("Number of obs", _fmt(result.nobs, "%9.0g")))]
    if binomial:
        try:
            out.append("Binomial trials = " + _fmt(float(binomial), "%3.0f"))
        except ValueError:
            out.append(f"Binomial variable: {binomial}")
    single = len(result.groups) == 1
    if not nogroup and result.groups:
        if single:
            g = result.groups[0].summary
            out.append(_pair(f"Group variable: {abbrev(g.levelvar, 14)}",
                             _right("Number of groups", _fmt(g.n_groups, "%9.0g"))))
            out.append("")
            out.append(_pair("", _right("Obs per group: min", _fmt(g.min, "%9.0g"))))
            out.append(_pair("", _right(" " * 15 + "avg", _fmt(g.avg, "%9.1f"))))
            out.append(_pair("", _right(" " * 15 + "max", _fmt(g.max, "%9.0g"))))
            out.append("")
        else:
            out.append("")
            out.extend(render_qr_group_table(result, points).split("\n"))
            out.append("")
    left = f"Integration points = {_fmt(points[0], '%3.0f')}" if len(points) == 1 else ""
    out.append(_pair(left, _right(f"Wald chi2({result.wald_df})", _fmt(result.wald_chi2, "%9.2f"))))
    out.append(_pair(f"Log likelihood = {_fmt(result.loglik, '%10.0g')}",
                     _right("Prob > chi2", _fmt(result.wald_p, "%6.4f"))))
    return out


def render_qr_lr_line(lr: LRTestSingle) -> str:
    """``_xtme_display``'s DiLRTest: the statistic trimmed after ``chibar2(01) =`` or
    ``chi2(k) =``, the p-value from column 73; with k > 1 Stata's conservative note."""
    chi = _fmt(lr.chi2, "%8.2f" if (0.005 < lr.chi2 < 1e5) or lr.chi2 == 0 else "%8.2e").strip()
    lead = f"LR test vs. {lr.model} regression: "
    if lr.kind.startswith("chibar2"):
        return (lead + f"chibar2(01) = {chi}").ljust(54) + "Prob >= chibar2 = " + _fmt(lr.p, "%6.4f")
    line = (lead + f"chi2({lr.df}) = {chi}").ljust(58) + "Prob > chi2 = " + _fmt(lr.p, "%6.4f")
    return line + "\n\n" + LR_NOTE


def collapse_long_names(levels: Sequence[RandomLevel]) -> tuple[list[RandomLevel], list[str]]:
    """Identity/exchangeable blocks over 3+ variables whose abbreviated names run longer than
    ``LONG_NAME_LIST``: rows relabelled ``f(first..last)(k)``; returns the blocks and the
    footnotes ``(k) full names`` (see the module docstring)."""
    out, notes = [], []
    for blk in levels:
        names = _block_names(blk)
        short = [abbrev_re(n, 8) for n in names]
        if len(names) < 3 or len(" ".join(short)) <= LONG_NAME_LIST:
            out.append(blk)
            continue
        k = len(notes) + 1
        rows = tuple(replace(r, label=f"{r.label.split('(', 1)[0]}({short[0]}..{short[-1]})({k})")
                     for r in blk.rows)
        out.append(replace(blk, rows=rows))
        notes.append(f"({k}) " + " ".join(names))
    return out, notes


def _block_names(blk: RandomLevel) -> list[str]:
    """The variables of an identity/exchangeable block, from its first row ``var(a b c)``."""
    if blk.empty or blk.covariance not in ("Identity", "Exchangeable") or not blk.rows:
        return []
    label = blk.rows[0].label
    if "(" not in label or not label.endswith(")"):
        return []
    return label[label.index("(") + 1:-1].split()


def render_meqr(result: GLMMResult, *, points: Sequence[int], model: str, metric: str = "variance",
                eform: bool = False, laplace: bool = False, binomial: str | None = None,
                linesize: int = 80, noheader: bool = False, nogroup: bool = False,
                nofetable: bool = False, noretable: bool = False, nolrtest: bool = False,
                baselevels: bool = False, cformat: str | None = None, sformat: str | None = None,
                pformat: str | None = None, options=None) -> str:
    """Everything the command prints after its iteration log (``metric``: ``variance`` or
    ``sd``; ``model``: e(model), ``logistic`` or ``Poisson``); ``options`` (``TableOptions``):
    the display options of the fixed-effects table (coeflegend, noomitted, vsquish, formats ...;
    then it carries baselevels and the formats), the random-effects table as ever."""
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions(baselevels=baselevels, cformat=cformat, sformat=sformat, pformat=pformat)
    cformat = opts.cformat
    out: list[str] = []
    if not noheader:
        out.append("")
        out.extend(render_qr_header(result, points=points, nogroup=nogroup, binomial=binomial))
    if not nofetable and result.fixed:
        rows = opts.rows(result.fixed_eform if eform else result.fixed)
        vce_label = getattr(result, "vce_label", None)  # the bootstrap/jackknife prefixes
        table = render_coef_table(rows, result.depvar, level=result.level, linesize=linesize,
                                  width=opts.width(rows, linesize), **opts.table_kwargs(),
                                  eform=eform, vce_label=vce_label,
                                  stat_label="t" if result.vce == "jackknife" else "z")
        if eform:
            table = table.replace("      Coef.", EFORM_LABELS.get(model, "exp(b)").rjust(11), 1)
        out += ["", table]
        if result.offset_name:
            lines = out.pop().split("\n")
            s = lines[0].index("|") if "|" in lines[0] else 12
            kind = "(exposure)" if result.offset_name.startswith("ln(") else "(offset)"
            lines.insert(-1, abbrev(result.offset_name, s - 1).rjust(s - 1) + " |"
                         + _fmt(1, cformat or "%9.0g").rjust(11) + "  " + kind)
            out.append("\n".join(lines))
    note = False
    if not noretable:
        levels, footnotes = collapse_long_names(result.random.get(metric, ()))
        re_lines = render_re_table(levels, None, level=result.level, cformat=cformat,  # _xtme_display's DiVarComp, cformat(`cf')
                                   vce_label=getattr(result, "vce_label", None)).split("\n")
        del re_lines[-2]  # the last level closes with the table's bottom rule
        out += [""] + re_lines
        lr = render_qr_lr_line(result.lr_test) if result.lr_test is not None and not nolrtest else ""
        lr_line, _, conservative = lr.partition("\n\n")
        if lr_line:
            out.append(lr_line)
        for text in footnotes:
            out.extend(wrap_paragraph(text, linesize, hanging=3 + len(text.split(")")[0]) - 1, right=4))
        if conservative:
            out += ["", conservative]
            note = True
    if laplace:
        if not note:
            out.append("")
        out.extend(wrap_paragraph(LAPLACE_NOTE, linesize))
    return "\n".join(out)
