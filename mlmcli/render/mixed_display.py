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
from mlmcli.results.mixed import CoefRow, GroupSummary, LRTestLinear, MixedResult, RandomLevel, VarianceRow

RE_WIDTH = 78
RIGHT_COL = 48  # the header's right block starts at column 49
LR_NOTE = "Note: LR test is conservative and provided only for reference."


def _fmt(value, spec: str) -> str:
    return format_number(value, spec)


# ------------------------------------------------------------------ header
def _right(label: str, value: str) -> str:
    """``Number of obs      =     21790``: label in 19 columns, ``=`` at col 68, value ends col 78."""
    return label.ljust(19) + "= " + value.rjust(9)


def _pair(left: str, right: str = "") -> str:
    if not right:
        return left
    return left.ljust(RIGHT_COL) + right


def is_pseudo(result: MixedResult) -> bool:
    """pweights or a robust/cluster VCE: Stata 13 reports a pseudolikelihood."""
    return bool(result.pseudo) or result.vce != "oim" or result.cluster_var is not None


def title(result: MixedResult) -> str:
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


def render_header(result: MixedResult, *, nogroup: bool = False) -> list[str]:
    nobs = _right("Number of obs", _fmt(result.nobs, "%9.0g"))
    out: list[str] = []
    single = len(result.groups) == 1
    if single and not nogroup:
        g = result.groups[0]
        out.append(_pair(title(result), nobs))
        out.append(_pair(f"Group variable: {abbrev(g.levelvar, 14)}",
                         _right("Number of groups", _fmt(g.n_groups, "%9.0g"))))
        out.append("")
        out.append(_pair("", _right("Obs per group: min", _fmt(g.min, "%9.0g"))))
        out.append(_pair("", _right(" " * 15 + "avg", _fmt(g.avg, "%9.1f"))))
        out.append(_pair("", _right(" " * 15 + "max", _fmt(g.max, "%9.0g"))))
        out.append("")
    else:
        out.append(_pair(title(result), nobs))
        if result.groups and not nogroup:
            out.append("")
            out.extend(render_group_table(result.groups).split("\n"))
    out.append("")
    out.append(_pair("", _right(f"Wald chi2({result.wald_df})", _fmt(result.wald_chi2, "%9.2f"))))
    out.append(_pair(f"{loglik_label(result)} = {_fmt(result.loglik, '%10.0g')}",
                     _right("Prob > chi2", _fmt(result.wald_p, "%6.4f"))))
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
    if inner == "Residual":
        return label

    parts = [" ".join(abbrev_re(w, 8) for w in piece.split(" ")) for piece in inner.split(",")]
    return f"{func}({','.join(parts)})"


def _re_row(row: VarianceRow) -> str:
    return (re_label(row.label).rjust(28) + " |" + _fmt(row.estimate, "%9.0g").rjust(11)
            + _fmt(row.se, "%9.0g").rjust(11) + _fmt(row.ci_lo, "%9.0g").rjust(14)
            + _fmt(row.ci_hi, "%9.0g").rjust(12))


def render_re_table(levels: Sequence[RandomLevel], residual: VarianceRow | None, *,
                    level: float = 95.0, robust: bool = False) -> str:
    """The random-effects table (always 78 wide), from rule to rule."""
    mid = hline(29) + "+" + hline(48)
    out = [hline(RE_WIDTH)]
    if robust:
        out.append(" " * 29 + "|" + " " * 15 + "Robust" + " " * 11)  # Stata pads this line
    head = "  Random-effects Parameters  |   Estimate   Std. Err."
    out.append(head + ci_header(level).rjust(RE_WIDTH - len(head)))
    out.append(mid)
    for blk in levels:
        out.append(f"{abbrev(blk.levelvar, 12)}: {blk.covariance}".ljust(29) + "|")
        out.extend(_re_row(r) for r in blk.rows)
        out.append(mid)
    if residual is not None:
        out.append(_re_row(residual))
    out.append(hline(RE_WIDTH))
    return "\n".join(out)


# ------------------------------------------------------------------ LR test
def _lr_stat(chi2: float) -> str:
    if chi2 >= 1e5 or 0 < chi2 <= 0.005:
        return _fmt(chi2, "%8.2e")
    return _fmt(chi2, "%8.2f")


def render_lr_line(lr: LRTestLinear) -> str:
    """``LR test vs. linear regression: ...`` and, for chi2(k), the conservative note."""
    lead = "LR test vs. linear regression:"
    if lr.kind.startswith("chibar2"):
        return f"{lead} chibar2(01) = {_lr_stat(lr.chi2)} Prob >= chibar2 = {_fmt(lr.p, '%6.4f')}"
    df = f"chi2({lr.df}) = "
    line = f"{lead}{df.rjust(17)}{_lr_stat(lr.chi2)}   Prob > chi2 = {_fmt(lr.p, '%6.4f')}"
    return line + "\n\n" + LR_NOTE


# ------------------------------------------------------------------ whole output
def _estmetric_equations(result: MixedResult) -> list[tuple[str | None, list[CoefRow]]]:
    """``estmetric``: the fixed equation, then one ``_cons`` equation per parameter."""
    eqs: list[tuple[str | None, list[CoefRow]]] = [(result.depvar, list(result.fixed))]
    est_rows = [r for blk in result.random.get("est", ()) for r in blk.rows]
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
                 pformat: str | None = None, **_ignored) -> str:
    """Everything ``mixed`` prints after its iteration log.

    ``metric``: ``variance`` (default), ``sd`` (``stddeviations``) or ``est``
    (``estmetric``: one coefficient table with an equation per parameter).
    ``level`` only relabels the CI headers; the numbers come from the result
    (the command refits/recomputes CIs for another level).
    """
    lvl = result.level if level is None else level
    robust = result.vce != "oim" or result.cluster_var is not None
    cluster = (result.n_clusters, result.cluster_var) if result.cluster_var and result.n_clusters else None
    fmt = {"cformat": cformat, "sformat": sformat, "pformat": pformat}
    out: list[str] = [""]
    if not noheader:
        out.extend(render_header(result, nogroup=nogroup))
        out.append("")
    if metric == "est":
        out.append(render_coef_table(None, result.depvar, level=lvl, linesize=linesize, robust=robust,
                                     cluster=cluster, equations=_estmetric_equations(result),
                                     baselevels=baselevels, **fmt))
    else:
        if not nofetable:
            out.append(render_coef_table(result.fixed, result.depvar, level=lvl, linesize=linesize,
                                         robust=robust, cluster=cluster, baselevels=baselevels, **fmt))
        if not noretable:
            if not nofetable:
                out.append("")
            key = "sd" if metric == "sd" else "variance"
            out.append(render_re_table(result.random.get(key, ()), result.residual.get(key),
                                       level=lvl, robust=robust))
    if result.lr_test is not None and not nolrtest:
        out.append(render_lr_line(result.lr_test))
    while out and out[-1] == "" and len(out) > 1:
        out.pop()
    return "\n".join(out)
