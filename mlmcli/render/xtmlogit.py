"""``xtmlogit`` as mlm prints it: the xt header (``random_effects_header`` after ``re``; after
``fe`` the conditional model's: title, panels, sizes, LR chi2 -- Wald chi2 with a sandwich VCE --
and the log likelihood), the outcome blocks as mlogit's (``multinomial_table``: the base
outcome's ``(base outcome)``), then after ``re`` the covariance parameters of the random
intercepts (``var(u2)``, ``cov(u2,u3)``: estimate, SE and the variance's log-scale limits) and

    LR test vs. multinomial logit: chi2(2) = 12.34                Prob > chi2 = 0.0021
    Note: LR test is conservative and provided only for reference.

(``chibar2(01)`` and ``Prob >= chibar2`` for a single variance).  The text starts with a blank
line and has no final newline."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.meqr_display import header_pair, header_right
from mlmcli.render.numfmt import format_number
from mlmcli.render.xt_random_intercept import parameter_line, random_effects_header
from mlmcli.results.xtmlogit import PanelMultinomialResult

BASE_OUTCOME = "  (base outcome)"
CONSERVATIVE = "Note: LR test is conservative and provided only for reference."


def _fe_header(r: PanelMultinomialResult) -> list[str]:
    crit = "Log pseudolikelihood" if r.robust else "Log likelihood"
    test = f"{r.chi2_type} chi2({r.wald_df})"
    return ["", r.title,
            header_pair(f"Group variable: {abbrev(r.ivar, 12)}", header_right("Number of obs", format_number(r.nobs, "%9.0g"))),
            header_pair("", header_right("Number of groups", format_number(r.n_groups, "%9.0g"))), "",
            header_pair("", header_right("Obs per group: min", format_number(r.g_min, "%9.0g"))),
            header_pair("", header_right(" " * 15 + "avg", format_number(r.g_avg, "%9.1f"))),
            header_pair("", header_right(" " * 15 + "max", format_number(r.g_max, "%9.0g"))), "",
            header_pair("", header_right(test, format_number(r.wald_chi2, "%9.2f"))),
            header_pair(f"{crit} = " + format_number(r.loglik, "%10.0g"),
                        header_right("Prob > chi2", format_number(r.wald_p, "%6.4f"))), ""]


def lr_lines(lr: tuple[float, int, float]) -> list[str]:
    chi2, df, p = lr
    stat = format_number(chi2, "%8.2f").strip()
    if df == 1:
        return [f"LR test vs. multinomial logit: chibar2(01) = {stat}".ljust(55)
                + "Prob >= chibar2 = " + format_number(p, "%6.4f")]
    return [f"LR test vs. multinomial logit: chi2({df}) = {stat}".ljust(59) + "Prob > chi2 = "
            + format_number(p, "%6.4f"), CONSERVATIVE]


def render_xtmlogit(r: PanelMultinomialResult, *, eform: bool = False, linesize: int = 80, options=None) -> str:
    from mlmcli.render.coef_table import BASE_WIDTH, TableOptions

    opts = options or TableOptions()
    out = random_effects_header(r, r.title, ivar_width=12) if r.model == "re" else _fe_header(r)
    blocks = []
    for eq in r.equations:
        rows = eq.eform_rows if eform else eq.rows
        if eform:
            rows = tuple(row for row in rows if row.name != "_cons")
        blocks.append((eq.name, opts.rows(rows)))
    s = opts.width([row for _, rows in blocks for row in rows], linesize)
    longest = max((len(name) for name, _ in blocks), default=0)
    s = max(s, min(longest, 32, linesize - 68), BASE_WIDTH)
    if r.variances:
        s = max(s, max(len(v.label) for v in r.variances))
    lines = render_coef_table(None, r.depvar, equations=blocks, level=r.level, linesize=linesize, robust=r.robust,
                              cluster=r.cluster, width=s, coef_label="RRR" if eform else "Coef.", eform=eform,
                              legend_eqs=[name for name, _ in blocks] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    for eq in r.equations:
        if eq.base:
            head = abbrev(eq.name, s).ljust(s) + " |"
            if head in lines:
                lines[lines.index(head)] = head + BASE_OUTCOME
    if r.variances:
        total = len(lines[-1])
        mid = "-" * (s + 1) + "+" + "-" * (total - s - 2)
        lines = lines[:-1] + [mid] + [parameter_line(v, s, opts.cformat) for v in r.variances] + ["-" * total]
    out += lines
    if r.lr is not None and not opts.coeflegend:
        out += lr_lines(r.lr)
    return "\n".join(out)
