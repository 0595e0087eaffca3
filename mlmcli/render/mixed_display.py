"""``mixed`` output as Stata 13 prints it: header, fixed effects, random effects, LR test.

Layout rules: ``../shared/handout/LAYOUT.md`` sections 1-5.  The text starts
with the blank line Stata prints after the command and has no final newline.
"""
from __future__ import annotations

import re
from typing import Sequence

from mlmcli.render.abbrev import abbrev, abbrev_re
from mlmcli.render.coef_table import ci_header, hline, render_coef_table
from mlmcli.render.iteration_log import render_iteration_log  # noqa: F401  (re-exported)
from mlmcli.render.numfmt import format_number
from mlmcli.render.lrtest import BOUNDARY_NOTE, wrap_paragraph
from mlmcli.results.mixed import (CoefRow, GroupSummary, LRTestLinear, MixedResult, RandomLevel, ResidualBlock,
                                  VarianceRow)

RE_WIDTH = 78
RIGHT_COL = 48  # the header's right block starts at column 49
LR_NOTE = "Note: LR test is conservative and provided only for reference."


def _fmt(value, spec: str) -> str:
    return format_number(value, spec)


# ------------------------------------------------------------------ header
def right_field(label: str, value: str) -> str:
    """``Number of obs      =     21790``: label in 19 columns, ``=`` at col 68, value ends col 78."""
    return label.ljust(19) + "= " + value.rjust(9)


def header_line(left: str, right: str = "") -> str:
    if not right:
        return left
    return left.ljust(RIGHT_COL) + right


def obs_per_group(g: GroupSummary) -> list[str]:
    """The header's ``Obs per group: min/avg/max`` lines of one grouping level."""
    return [header_line("", right_field("Obs per group: min", _fmt(g.min, "%9.0g"))),
            header_line("", right_field(" " * 15 + "avg", _fmt(g.avg, "%9.1f"))),
            header_line("", right_field(" " * 15 + "max", _fmt(g.max, "%9.0g")))]


def is_pseudo(result: MixedResult) -> bool:
    """pweights or a robust/cluster VCE: Stata 13 reports a pseudolikelihood."""
    return bool(result.pseudo) or result.vce == "robust" or result.cluster_var is not None


def title(result: MixedResult) -> str:
    if result.title:  # _xtmixed_display's header prints e(title): the prefixes' title()
        return result.title
    if is_pseudo(result):
        return "Mixed-effects regression"
    return f"Mixed-effects {result.method} regression"


def loglik_label(result: MixedResult) -> str:
    if is_pseudo(result):
        return "Log pseudolikelihood"
    return "Log restricted-likelihood" if result.method == "REML" else "Log likelihood"


def render_group_table(groups: Sequence[GroupSummary]) -> str:
    """The ``No. of / Observations per Group`` table (59 wide), from rule to rule."""
    out = [hline(59),
           "                |   No. of       Observations per Group",
           " Group Variable |   Groups    Minimum    Average    Maximum",
           hline(16) + "+" + hline(42)]
    for g in groups:
        out.append(abbrev(g.levelvar, 12).rjust(15) + " |" + _fmt(g.n_groups, "%8.0g").rjust(9)
                   + _fmt(g.min, "%9.0g").rjust(11) + _fmt(g.avg, "%9.1f").rjust(11)
                   + _fmt(g.max, "%9.0g").rjust(11))
    out.append(hline(59))
    return "\n".join(out)


def render_header(result: MixedResult, *, nogroup: bool = False, small: bool = False) -> list[str]:
    """The header; with ``small`` (dfmethod() results shown) Stata 14's DF summary and F
    test (``_xtmixed_display``'s DiDfTable: ``DF method: <title>`` beside ``DF: min avg
    max`` and ``F(df_m, ddf_m)`` / ``Prob > F``) in place of the Wald test, on Stata 13's
    grid (label in 19 columns from column 49, ``=`` at 68, values end at 78)."""
    nobs = right_field("Number of obs", _fmt(result.nobs, "%9.0g"))
    out: list[str] = []
    single = len(result.groups) == 1
    if single and not nogroup:
        g = result.groups[0]
        out.append(header_line(title(result), nobs))
        out.append(header_line(f"Group variable: {abbrev(g.levelvar, 14)}",
                         right_field("Number of groups", _fmt(g.n_groups, "%9.0g"))))
        out.append("")
        out += obs_per_group(g)
        out.append("")
    else:
        out.append(header_line(title(result), nobs))
        if result.groups and not nogroup:
            out.append("")
            out.extend(render_group_table(result.groups).split("\n"))
    ss = result.small
    if small and ss is not None:
        if not (single and not nogroup):
            out.append("")
        out.append(header_line(f"DF method: {ss.title}", right_field("DF:" + " " * 12 + "min", _fmt(ss.df_min, "%9.2f"))))
        out.append(header_line("", right_field(" " * 15 + "avg", _fmt(ss.df_avg, "%9.2f"))))
        out.append(header_line("", right_field(" " * 15 + "max", _fmt(ss.df_max, "%9.2f"))))
        out.append("")
        if ss.df_m:
            flab = f"F({ss.df_m},{_fmt(ss.ddf_m, '%9.2f')})"
            out.append(header_line("", right_field(flab, _fmt(ss.F, "%9.2f"))))
            prob = _fmt(ss.p, "%6.4f")
        else:
            out.append(header_line("", right_field(f"F({ss.df_m},  .  )", ".")))
            prob = "."
        out.append(header_line(f"{loglik_label(result)} = {_fmt(result.loglik, '%10.0g')}",
                         right_field("Prob > F", prob)))
        return out
    out.append("")
    out.append(header_line("", right_field(f"Wald chi2({result.wald_df})", _fmt(result.wald_chi2, "%9.2f"))))
    out.append(header_line(f"{loglik_label(result)} = {_fmt(result.loglik, '%10.0g')}",
                     right_field("Prob > chi2", _fmt(result.wald_p, "%6.4f"))))
    return out


# ------------------------------------------------------------------ random effects
_LABEL_RE = re.compile(r"^(\w+)\((.*)\)$")


def re_label(label: str) -> str:
    """Abbreviate the variable names inside ``var(...)``/``cov(...)``/``sd()``/``corr()``
    to 8 characters (``cov(educgroupc,_cons)`` -> ``cov(educg~pc,_cons)``)."""
    m = _LABEL_RE.match(label)
    if not m:
        return label
    func, inner = m.groups()
    if inner == "Residual" or ".." in inner:  # ``..``: a list already shortened (meqr_display)
        return label

    parts = [" ".join(abbrev_re(w, 8) for w in piece.split(" ")) for piece in inner.split(",")]
    return f"{func}({','.join(parts)})"


def _numbers(row: VarianceRow, cformat: str = "%9.0g") -> str:
    """A parameter's estimate, SE and CI in ``cformat`` (``_xtmixed_display``'s DiVarCompEst:
    ``display `cf' r(est)`` & co., each right-aligned where %9.0g's would end)."""
    return (_fmt(row.estimate, cformat).rjust(11) + _fmt(row.se, cformat).rjust(11)
            + _fmt(row.ci_lo, cformat).rjust(14) + _fmt(row.ci_hi, cformat).rjust(12))


def _re_row(row: VarianceRow, cformat: str = "%9.0g") -> str:
    return re_label(row.label).rjust(28) + " |" + _numbers(row, cformat)


def _residual_lines(block: ResidualBlock, cformat: str = "%9.0g") -> list[str]:
    """``Residual: <structure>`` (``,`` and ``    by <var>`` under by()) and its rows, as
    ``_xtmixed_display``'s DiResidualHeader and DiRes<structure> lay them out: under by()
    the independent structure prints ``<group>: var(e)`` rows; the others print the group's
    label (abbreviated to 26 - w, ending w + 2 columns before the bar, w = the widest
    parameter label) beside its first row and an empty ``|`` row between groups."""
    by = block.by
    out = [f"Residual: {block.structure}{',' if by else ''}".ljust(29) + "|"]
    if by:
        out.append(f"    by {abbrev(by, 21)}".ljust(29) + "|")
    if not by:
        out.extend(_re_row(r, cformat) for r in block.rows)
        return out
    if block.kind == "independent":
        width = 20 if block.rows and block.rows[0].label.endswith("var(e)") else 21
        for grp in block.groups:
            for r in grp.rows:
                out.append(f"{abbrev(grp.label, width)}: {r.label}".rjust(28) + " |" + _numbers(r, cformat))
        return out
    w = block.label_width
    for k, grp in enumerate(block.groups):
        if k:
            out.append(" " * 29 + "|")
        lab = abbrev(grp.label, 26 - w)
        prefix = " " * (26 - len(lab) - w) + lab + ":"
        for j, r in enumerate(grp.rows):
            label = re_label(r.label)
            line = (prefix if j == 0 else "")
            out.append(line + " " * (28 - len(line) - len(label)) + label + " |" + _numbers(r, cformat))
    return out


def render_re_table(levels: Sequence[RandomLevel], residual: VarianceRow | None, *,
                    level: float = 95.0, robust: bool = False,
                    residual_block: ResidualBlock | None = None, vce_label: str | None = None,
                    cformat: str | None = None) -> str:
    """The random-effects table (always 78 wide), from rule to rule.  ``vce_label``: the
    prefixes' e(vcetype) (DiVarComp: ``Observed`` at column 34 and ``Normal-based`` at 63 under
    bootstrap, the label at 45, and the line runs to column 62 at least).  ``cformat``: the
    numbers' format, the fixed-effects table's (``_xtmixed_display`` and ``_xtme_display`` hand
    DiVarComp the cformat() typed, else c(cformat), else %9.0g)."""
    cf = cformat or "%9.0g"
    mid = hline(29) + "+" + hline(48)
    out = [hline(RE_WIDTH)]
    if vce_label:
        boot = vce_label in ("Bootstrap", "Bstrap *")
        line = (" " * 29 + "|").ljust(33) + ("Observed" if boot else "")
        line = line.ljust(44) + vce_label
        out.append(line.ljust(62) + ("Normal-based" if boot else ""))
    elif robust:
        out.append(" " * 29 + "|" + " " * 15 + "Robust" + " " * 11)  # Stata pads this line
    head = "  Random-effects Parameters  |   Estimate   Std. Err."
    out.append(head + ci_header(level).rjust(RE_WIDTH - len(head)))
    out.append(mid)
    for blk in levels:
        if blk.empty:  # _xtmixed_display: abbrev(lev,12) ":" _col(22) "(empty)" _col(30) "|"
            out.append(f"{abbrev(blk.levelvar, 12)}:".ljust(21) + "(empty) |")
            out.append(mid)
            continue
        out.append(f"{abbrev(blk.levelvar, 12)}: {blk.covariance}".ljust(29) + "|")
        out.extend(_re_row(r, cf) for r in blk.rows)
        out.append(mid)
    if residual_block is not None:
        out.extend(_residual_lines(residual_block, cf))
    elif residual is not None:
        out.append(_re_row(residual, cf))
    out.append(hline(RE_WIDTH))
    return "\n".join(out)


# ------------------------------------------------------------------ LR test
def _lr_stat(chi2: float) -> str:
    if chi2 >= 1e5 or 0 < chi2 <= 0.005:
        return _fmt(chi2, "%8.2e")
    return _fmt(chi2, "%8.2f")


def render_lr_line(lr: LRTestLinear, linesize: int = 80) -> str:
    """``LR test vs. linear regression: ...`` and, for chi2(k), the conservative note -- or,
    when every random-effects equation is empty (a residuals()-only model), Stata's note
    that the degrees of freedom assume no boundary (``_xtmixed_display``'s DiLRTest)."""
    lead = "LR test vs. linear regression:"
    if lr.kind.startswith("chibar2"):
        return f"{lead} chibar2(01) = {_lr_stat(lr.chi2)} Prob >= chibar2 = {_fmt(lr.p, '%6.4f')}"
    df = f"chi2({lr.df}) = "
    line = f"{lead}{df.rjust(17)}{_lr_stat(lr.chi2)}   Prob > chi2 = {_fmt(lr.p, '%6.4f')}"
    if lr.undetermined:
        return line + "\n\n" + "\n".join(wrap_paragraph(BOUNDARY_NOTE, linesize))
    return line + "\n\n" + LR_NOTE


# ------------------------------------------------------------------ whole output
def _estmetric_equations(result: MixedResult, fixed) -> list[tuple[str | None, list[CoefRow]]]:
    """``estmetric``: the fixed equation, then one ``_cons`` equation per parameter in
    e(b)'s order (random effects, lnsig_e, the residual structure's parameters)."""
    eqs: list[tuple[str | None, list[CoefRow]]] = [(result.depvar, list(fixed))]
    est_rows = [r for blk in result.random.get("est", ()) if not blk.empty for r in blk.rows]
    if result.residual_blocks is not None:
        est_rows.extend(result.residual_blocks["est"].rows)
    else:
        res = result.residual.get("est")
        if res is not None:
            est_rows.append(res)
    for r in est_rows:
        eqs.append((r.label, [CoefRow("_cons", r.estimate, r.se, getattr(r, "z", float("nan")),
                                      getattr(r, "p", float("nan")), r.ci_lo, r.ci_hi)]))
    return eqs


def render_mixed(result: MixedResult, *, linesize: int = 110, metric: str = "variance",
                 level: float | None = None, noheader: bool = False, nogroup: bool = False,
                 nofetable: bool = False, noretable: bool = False, nolrtest: bool = False,
                 baselevels: bool = False, cformat: str | None = None, sformat: str | None = None,
                 pformat: str | None = None, fixed=None, dftable: str | None = None,
                 coeflegend: bool = False, vsquish: bool = False, nolstretch: bool = False,
                 depvar_eq: str | None = None, fvwrap: int = 1, fvwrapon: str = "word", **_ignored) -> str:
    """Everything ``mixed`` prints after its iteration log.

    ``metric``: ``variance`` (default), ``sd`` (``stddeviations``) or ``est``
    (``estmetric``: one coefficient table with an equation per parameter).
    ``level`` only relabels the CI headers; the numbers come from the result
    (the command refits/recomputes CIs for another level).  ``fixed``: the coefficient
    rows to show (default ``result.fixed``; the command passes the dfmethod() rows and
    drops omitted/empty ones for ``noomitted``/``noemptycells``).  ``dftable``: None, or
    ``default``/``ci``/``pvalue`` -- the small-sample table and header (Stata 14).
    ``coeflegend``: the ``_b[]`` legend in place of the statistics; ``fvwrap``/``fvwrapon``:
    long value labels' wrapping (``render_coef_table``).
    """
    lvl = result.level if level is None else level
    vce_label = getattr(result, "vce_label", None)
    robust = (result.vce != "oim" or result.cluster_var is not None) and vce_label is None
    cluster = (result.n_clusters, result.cluster_var) if result.cluster_var and result.n_clusters else None
    fmt = {"cformat": cformat, "sformat": sformat, "pformat": pformat}
    rows = result.fixed if fixed is None else fixed
    small = dftable is not None and result.small is not None
    table = {"vsquish": vsquish, "nolstretch": nolstretch, "fvwrap": fvwrap, "fvwrapon": fvwrapon}
    out: list[str] = [""]
    if not noheader:
        out.extend(render_header(result, nogroup=nogroup, small=small))
        out.append("")
    if metric == "est":
        eqs = _estmetric_equations(result, result.fixed)
        out.append(render_coef_table(None, result.depvar, level=lvl, linesize=linesize, robust=robust,
                                     cluster=cluster, equations=eqs, baselevels=baselevels, vce_label=vce_label,
                                     mode="legend" if coeflegend else None,
                                     legend_eqs=[e for e, _ in eqs] if coeflegend else None, **fmt, **table))
        if small:
            out.extend(wrap_paragraph("Note: Large-sample z-statistics are reported when results are "
                                      "displayed in the estimation metric.", linesize))
    else:
        if not nofetable and rows:
            mode = "legend" if coeflegend else (dftable if dftable in ("ci", "pvalue") else None)
            out.append(render_coef_table(rows, result.depvar, level=lvl, linesize=linesize,
                                         robust=robust, cluster=cluster, baselevels=baselevels,
                                         stat_label="t" if small or result.vce == "jackknife" else "z",
                                         mode=mode, vce_label=vce_label, **fmt, **table))
        if not noretable:
            if not nofetable and rows:
                out.append("")
            key = "sd" if metric == "sd" else "variance"
            blocks = result.residual_blocks
            out.append(render_re_table(result.random.get(key, ()), result.residual.get(key),
                                       level=lvl, robust=robust, vce_label=vce_label, cformat=cformat,
                                       residual_block=None if blocks is None else blocks[key]))
    if result.lr_test is not None and not nolrtest and metric != "est" and not noretable:
        out.append(render_lr_line(result.lr_test, linesize))
    if small and result.small.oim and metric != "est":
        out.append("")
        out.extend(wrap_paragraph(f"Note: The observed information matrix is used to compute "
                                  f"{result.small.title} degrees of freedom.", linesize))
    while out and out[-1] == "" and len(out) > 1:
        out.pop()
    return "\n".join(out)
