"""The ``me`` commands' output as Stata 13 prints it (``melogit`` ... ``meglm``).

```
Mixed-effects logistic regression               Number of obs      =      1934
Group variable:        district                 Number of groups   =        60

                                                Obs per group: min =         2
                                                               avg =      32.2
                                                               max =       118

Integration method: mvaghermite                 Integration points =         7

                                                Wald chi2(5)       =    109.89
Log likelihood = -1206.6742                     Prob > chi2        =    0.0000
------------------------------------------------------------------------------
       c_use |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
       urban |   .7324134   .1194816     6.13   0.000     .4982338    .9665931
         ...
-------------+----------------------------------------------------------------
district     |
   var(_cons)|   .2154976   .0732916                      .1106484    .4197007
------------------------------------------------------------------------------
LR test vs. logistic regression: chibar2(01) =    43.38 Prob>=chibar2 = 0.0000
```
The random-effects parameters sit in the coefficient table: one block per level
(variances and their log-scale CIs, no z or P), then a block with the level's
covariances (z and P printed; a label too long for the name column is wrapped
after its comma).  Ordinal cut points (``/cut1``) and ``/lnalpha`` rows follow
the coefficients.  The text starts with Stata's blank line, no final newline.
"""
from __future__ import annotations

import re

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import BASE_WIDTH, hline, name_width, render_coef_table, RIGHT_WIDTH
from mlmcli.render.mixed_display import (LR_NOTE, header_line, obs_per_group, render_group_table,
                                         right_field)
from mlmcli.render.numfmt import format_number
from mlmcli.results.glmm import GLMMResult, IterationLog, LRTestSingle
from mlmcli.results.mixed import CoefRow, VarianceRow


# the heading of the exponentiated coefficients: ``or``, ``irr``, ``eform``
EFORM_LABELS = {"melogit": "Odds Ratio", "meologit": "Odds Ratio", "mepoisson": "IRR", "menbreg": "IRR"}


def _fmt(value, spec: str) -> str:
    return format_number(value, spec)


def is_pseudo(result: GLMMResult) -> bool:
    return bool(result.pseudo) or result.vce == "robust"


# ------------------------------------------------------------------ iteration log
def render_me_iteration_log(log: IterationLog, pseudo: bool = False) -> str:
    """``Fitting fixed-effects model:`` / ``Refining starting values:`` / ``Fitting full
    model:`` blocks; each line ``Iteration n:`` (or ``Grid node n:``) in 15 columns."""
    crit = "log pseudolikelihood" if pseudo else "log likelihood"
    out: list[str] = []
    for phase in log.phases:
        out += ["", phase.heading, ""] if phase.heading else [""]  # no heading: no random effects
        for step in phase.steps:
            line = f"{phase.label} {step.iteration}:".ljust(15) + f"{crit} = {_fmt(step.loglik, '%10.0g')}  "
            out.append((line + step.note).rstrip() if step.note else line)
    return "\n".join(out)


# ------------------------------------------------------------------ header
def family_title(family: str) -> str:
    """meglm's ``Family:`` as _me_display prints it: gaussian, bernoulli and poisson
    proper-cased (a Stata 13 log: ``Family:                 Poisson``), nbinomial spelled out,
    the others as typed."""
    if family in ("gaussian", "bernoulli", "poisson"):
        return family.capitalize()
    return "negative binomial" if family == "nbinomial" else family


def link_title(link: str) -> str:
    return "complementary log-log" if link == "cloglog" else link


def render_header(result: GLMMResult, *, nogroup: bool = False) -> list[str]:
    nobs = right_field("Number of obs", _fmt(result.nobs, "%9.0g"))
    out = [header_line(result.title, nobs)]
    if result.censoring is not None:
        # a blank line before ``Group variable:`` (the other layouts bring their own)
        out += censoring_lines(*result.censoring) + ([""] if len(result.groups) == 1 and not nogroup else [])
    if result.command == "meglm":
        out.append(f"Family:{family_title(result.family).rjust(24)}")
        out.append(f"Link:{link_title(result.link).rjust(26)}")
    if result.dispersion:
        out.append(f"Overdispersion:{result.dispersion.rjust(16)}")
    groups = [g.summary for g in result.groups]
    if len(groups) == 1 and not nogroup:
        g = groups[0]
        out.append(header_line(f"Group variable:{abbrev(g.levelvar, 12).rjust(16)}",
                         right_field("Number of groups", _fmt(g.n_groups, "%9.0g"))))
        out.append("")
        out += obs_per_group(g)
    elif groups and not nogroup:
        out.append("")
        out.extend(render_group_table(groups).split("\n"))
    out.append("")
    if result.groups:  # _me_display: no integration line when e(k_r) is 0 (no random effects)
        method = f"Integration method: {result.integration}"
        out.append(header_line(method, right_field("Integration points", _fmt(result.integration_points, "%9.0g"))))
        out.append("")
    elif nogroup:
        out.append("")
    out.append(header_line("", right_field(f"Wald chi2({result.wald_df})", _fmt(result.wald_chi2, "%9.2f"))))
    crit = "Log pseudolikelihood" if is_pseudo(result) else "Log likelihood"
    out.append(header_line(f"{crit} = {_fmt(result.loglik, '%10.0g')}",
                     right_field("Prob > chi2", _fmt(result.wald_p, "%6.4f"))))
    return out


CENSORING_LABELS = (("N_unc", "Uncensored"), ("N_lc", "Left-censored"), ("N_rc", "Right-censored"),
                    ("N_int", "Interval-cens."))


def censoring_lines(counts: dict, limits: tuple) -> list[str]:
    """metobit's (Stata 15 tobit's) summary under the title: the counts indented under
    ``Number of obs``, beside ``Limits: lower = #`` / ``upper = #``; meintreg's without the
    limits and with its interval-censored count."""
    rows = [(label, counts[key]) for key, label in CENSORING_LABELS if key != "N_int" or not limits]
    left = ["", f"Limits: lower = {limits[0]}", f"        upper = {limits[1]}"] if limits else []
    return [header_line(left[i] if i < len(left) else "", right_field("   " + label, _fmt(n, "%9.0g")))
            for i, (label, n) in enumerate(rows)]


# ------------------------------------------------------------------ coefficient table
def _numbers(est, se, z, p, lo, hi, fmts) -> str:
    c, s, pf = fmts
    stat = _fmt(z, s).rjust(9) + _fmt(p, pf).rjust(8) if z == z else " " * 17
    return (_fmt(est, c).rjust(11) + _fmt(se, c).rjust(11) + stat
            + _fmt(lo, c).rjust(13) + _fmt(hi, c).rjust(12))


def _coef_line(label: str, row: CoefRow | VarianceRow, s: int, fmts, show_z: bool = True) -> list[str]:
    z = getattr(row, "stat", getattr(row, "z", float("nan"))) if show_z else float("nan")
    est = getattr(row, "coef", getattr(row, "estimate", float("nan")))
    heads = _label_lines(label, s + 1)
    if getattr(row, "constrained", False):  # fixed by constraints(): _coef_table's note
        return heads[:-1] + [heads[-1] + _fmt(est, fmts[0]).rjust(11) + "  (constrained)"]
    nums = _numbers(est, row.se, z, row.p if show_z else float("nan"), row.ci_lo, row.ci_hi, fmts)
    return heads[:-1] + [heads[-1] + nums]


def _label_lines(label: str, w: int) -> list[str]:
    """The name column of a row, through its ``|``: one line, or two when ``cov(a,b)`` is too
    long (wrapped after the comma: ``cov(urban,`` / ``_cons)``); the numbers follow the last."""
    if len(label) <= w:
        return [label.rjust(w) + "|"]
    m = re.match(r"^(\w+)\((.*)\)$", label)
    if not m:
        return [abbrev(label, w).rjust(w) + "|"]
    func, inner = m.groups()
    names = inner.split(",")
    if len(names) == 1:  # var(longname): the name abbreviated to fit
        return [f"{func}({abbrev(names[0], w - len(func) - 2)})".rjust(w) + "|"]
    head = f" {func}({abbrev(names[0], w - len(func) - 3)},"
    tail = abbrev(",".join(names[1:]), w - 1) + ")"
    return [head.ljust(w) + "|", tail.rjust(w) + "|"]


def level_label_lines(label: str, width: int) -> list[str]:
    """A level's label as the lines Stata prints it above the level's rows, each padded to
    the name column (``width`` characters, usually 12).

    A label that fits is one line (``district``); a longer single name is abbreviated
    (``abbrev(label, width)``).  A nested path longer than the column (``location>brood``,
    14 characters) is split at its ``>``: each line holds an (abbreviated) outer level and
    ``>``, then as many further levels with their ``>`` as still fit in the column; the
    innermost level gets a line of its own -- ``location>`` / ``brood``.  This is the rule
    of Stata's coefficient-table code for equation headers (``_b_table::comment()`` with
    header 3, in Stata 14's and 16's ``_b_table.mata``; see docs/me_layout_evidence.md)."""
    if len(label) <= width or ">" not in label:
        return [abbrev(label, width)]
    parts = label.split(">")
    lines: list[str] = []
    i = 0
    while i < len(parts) - 1:
        text = abbrev(parts[i], width) + ">"
        room = width - len(text)
        i += 1
        while i < len(parts) - 1 and len(parts[i]) < room:
            text += parts[i] + ">"
            room -= len(parts[i]) + 1
            i += 1
        lines.append(text)
    lines.append(abbrev(parts[-1], width))
    return lines


def _random_block_lines(result: GLMMResult, metric: str, s: int, fmts) -> list[str]:
    mid = hline(s + 1) + "+" + hline(RIGHT_WIDTH - 2)
    out: list[str] = []
    blocks = result.random.get(metric, ())
    labels = result.random_labels or tuple(b.levelvar for b in blocks)
    for blk, lab in zip(blocks, labels):
        name = lab if lab != "_all" else "_all"
        head = [text.ljust(s + 1) + "|" for text in level_label_lines(name, s)]
        first = [r for r in blk.rows if r.label.startswith(("var(", "sd("))]
        second = [r for r in blk.rows if not r.label.startswith(("var(", "sd("))]
        for part in (first, second):
            if not part:
                continue
            out += [mid, *head]
            for r in part:
                out += _coef_line(r.label, r, s, fmts, show_z=part is second)
    return out


def render_glmm_table(result: GLMMResult, *, eform: bool = False, eform_label: str | None = None, linesize: int = 80,
                      metric: str = "variance", baselevels: bool = False, nofetable: bool = False,
                      noretable: bool = False, cformat: str | None = None, sformat: str | None = None,
                      pformat: str | None = None, vsquish: bool = False, nolstretch: bool = False,
                      legend: tuple[str, ...] | None = None, fvwrap: int = 1, fvwrapon: str = "word") -> str:
    """The coefficient table with the ancillary and random-effects rows, rule to rule.
    ``legend``: e(b)'s names -- coeflegend's layout, each row's ``_b[]`` name after its value."""
    fixed = result.fixed_eform if eform else result.fixed
    s = BASE_WIDTH if nolstretch else name_width([(None, fixed)], linesize=linesize, baselevels=baselevels)
    vce_label = getattr(result, "vce_label", None)
    robust = result.vce != "oim" and vce_label is None
    cluster = (result.n_clusters, result.cluster_var) if result.cluster_var and result.n_clusters else None
    table = render_coef_table(fixed if not nofetable else (), result.depvar, level=result.level,
                              linesize=linesize, robust=robust, cluster=cluster, baselevels=baselevels,
                              vce_label=vce_label, stat_label="t" if result.vce in ("jackknife", "linearized") else "z",
                              width=s, cformat=cformat, sformat=sformat, pformat=pformat, vsquish=vsquish,
                              mode="legend" if legend is not None else None, eform=eform,
                              fvwrap=fvwrap, fvwrapon=fvwrapon)
    if legend is not None:
        return _legend_table(result, table, legend, s, metric)
    lines = table.split("\n")
    if eform:
        k = next(i for i, ln in enumerate(lines) if "Coef." in ln)
        label = eform_label or EFORM_LABELS.get(result.command, "exp(b)")
        lines[k] = lines[k].replace("      Coef.", label.rjust(11), 1)
    bottom = lines.pop()
    if nofetable:
        lines.pop()  # no row under the column heads: the blocks bring their own rules
    fmts = (cformat or "%9.0g", sformat or "%8.2f", pformat or "%5.3f")
    mid = hline(s + 1) + "+" + hline(RIGHT_WIDTH - 2)
    if result.offset_name and not nofetable:  # the offset's coefficient, constrained to 1
        kind = "(exposure)" if result.offset_name.startswith("ln(") else "(offset)"
        lines.append(abbrev(result.offset_name, s).rjust(s) + " |" + _fmt(1, fmts[0]).rjust(11) + "  " + kind)
    if result.ancillary:
        lines.append(mid)
        for r in result.ancillary:
            lines += _coef_line(r.name + " ", r, s, fmts, show_z=False)
    if not noretable:
        lines += _random_block_lines(result, metric, s, fmts)
        if result.residual is not None:  # gaussian family: the residual variance
            lines.append(mid)
            lines += _coef_line(result.residual.label, result.residual, s, fmts, show_z=False)
    lines.append(bottom)
    return "\n".join(lines)


def _legend_table(result: GLMMResult, table: str, names: tuple[str, ...], s: int, metric: str) -> str:
    """coeflegend: the fixed part as ``_coef_table``'s legend, then the ancillary parameters
    (``_b[cut1:_cons]``) and the random-effects parameters (``_b[var(_cons[school]):_cons]``,
    the names of e(b), in its order) with their values (``%9.0g``); Stata 15's free parameters
    (``/:var(_cons[school])``) as ``_b[/var(_cons[school])]``."""
    lines = table.split("\n")
    bottom = lines.pop()
    mid = hline(s + 1) + "+" + hline(RIGHT_WIDTH - 2)
    extra = [n for n in names if ":" in n and not n.startswith(f"{result.depvar}:")]

    def line(label: str, value: float, name: str) -> list[str]:
        heads = _label_lines(label, s + 1)
        ref = "/" + name[2:] if name.startswith("/:") else name  # Stata 15's free parameter: _b[/var(_cons[id])]
        return heads[:-1] + [heads[-1] + _fmt(value, "%9.0g").rjust(11) + "  _b[" + ref + "]"]

    k = 0
    if result.ancillary:
        lines.append(mid)
        for r in result.ancillary:
            lines += line(r.name + " ", r.coef, extra[k] if k < len(extra) else r.name)
            k += 1
    blocks = result.random.get(metric if metric in result.random else "variance", ())
    labels = result.random_labels or tuple(b.levelvar for b in blocks)
    first = "sd(" if metric == "sd" else "var("  # estat sd, post coeflegend: the sd metric's rows
    for blk, lab in zip(blocks, labels):
        lines += [mid, abbrev(lab, s + 1).ljust(s + 1) + "|"]
        for r in sorted(blk.rows, key=lambda r: not r.label.startswith(first)):
            lines += line(r.label, r.estimate, extra[k] if k < len(extra) else r.label)
            k += 1
    if result.residual is not None:
        lines += [mid] + line(result.residual.label, result.residual.estimate,
                              extra[k] if k < len(extra) else result.residual.label)
    lines.append(bottom)
    return "\n".join(lines)


# ------------------------------------------------------------------ LR test
def _lr_stat(chi2: float) -> str:
    if chi2 >= 1e5 or 0 < chi2 <= 0.005:
        return _fmt(chi2, "%8.2e")
    return _fmt(chi2, "%8.2f")


def render_lr_line(lr: LRTestSingle) -> str:
    """``LR test vs. logistic regression: chibar2(01) = ... Prob>=chibar2 = ...``; with
    several random-effects parameters ``chi2(k)`` and Stata's conservative note."""
    if lr.kind.startswith("chibar2"):
        return f"{lr.label} chibar2(01) = {_lr_stat(lr.chi2)} Prob>=chibar2 = {_fmt(lr.p, '%6.4f')}"
    df = f"chi2({lr.df}) = "
    line = f"{lr.label}{df.rjust(17)}{_lr_stat(lr.chi2)}   Prob > chi2 = {_fmt(lr.p, '%6.4f')}"
    return line + "\n\n" + LR_NOTE


# ------------------------------------------------------------------ everything
def render_glmm(result: GLMMResult, *, linesize: int = 80, eform: bool = False, eform_label: str | None = None,
                metric: str = "variance",
                noheader: bool = False, nogroup: bool = False, notable: bool = False,
                nofetable: bool = False, noretable: bool = False, nolrtest: bool = False,
                baselevels: bool = False, cformat: str | None = None, sformat: str | None = None,
                pformat: str | None = None, vsquish: bool = False, nolstretch: bool = False,
                legend: tuple[str, ...] | None = None, fvwrap: int = 1, fvwrapon: str = "word",
                nocnsreport: bool = False) -> str:
    """Everything an ``me`` command prints after its iteration log (``fvwrap``/``fvwrapon``:
    long value labels' wrapping in the fixed-effects rows)."""
    out: list[str] = [""]
    if not noheader:
        out.extend(render_header(result, nogroup=nogroup))
    if not notable and not nocnsreport and result.constraint_labels:
        # _coef_table's report of constraints(), after a blank line as in the ml commands'
        # tables (xtlogit's); not checked against an me log (docs/me_constraints.md)
        out += [""] + [f" ({i:2d})  {c}" for i, c in enumerate(result.constraint_labels, start=1)]
    if not notable:
        out.append(render_glmm_table(result, eform=eform, eform_label=eform_label, linesize=linesize, metric=metric,
                                     baselevels=baselevels, nofetable=nofetable, noretable=noretable,
                                     cformat=cformat, sformat=sformat, pformat=pformat,
                                     vsquish=vsquish, nolstretch=nolstretch, legend=legend,
                                     fvwrap=fvwrap, fvwrapon=fvwrapon))
        if result.lr_test is not None and not nolrtest and legend is None:
            out.append(render_lr_line(result.lr_test))
    return "\n".join(out)
