"""mlmcli's own multilevel statistics (no Stata counterpart), laid out in Stata's style:
``estat reliability``, ``estat pve``, ``estat hlmchi2``.  Each function returns text
without a final newline, including the leading blank line."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.multilevel_statistics import HLMChi2Result, PVEResult, ReliabilityResult

_G = "%9.0g"


def _num(v, fmt: str = _G) -> str:
    return format_number(v, fmt)


def _table(stub_title: str, headers: list[str], rows: list[tuple[str, list[str]]],
           footer: list[tuple[str, list[str]]] = (), stub: int = 12, col: int = 11) -> list[str]:
    width = stub + 2 + col * len(headers)
    rule_in = "-" * (stub + 1) + "+" + "-" * (width - stub - 2)
    out = ["-" * width,
           f"{stub_title:>{stub}} |" + "".join(f"{h:>{col}}" for h in headers),
           rule_in]
    for label, cells in rows:
        out.append(f"{abbrev(label, stub):>{stub}} |" + "".join(f"{c:>{col}}" for c in cells))
    if footer:
        if rows:
            out.append(rule_in)
        for label, cells in footer:
            out.append(f"{label:>{stub}} |" + "".join(f"{c:>{col}}" for c in cells))
    out.append("-" * width)
    return out


def render_reliability(res: ReliabilityResult, show_groups: bool = True) -> str:
    """``estat reliability``: lambda_j by group and on average."""
    q = len(res.coef_names)
    headers = ["n_j"] + [abbrev(n, 10) for n in res.coef_names]
    rows = []
    if show_groups:
        for j, g in enumerate(res.group_labels):
            rows.append((str(g), [_num(res.n_obs[j], "%10.0g").strip()] +
                         [_num(v, _G).strip() for v in res.lam[j]]))
    avg_n = float(sum(res.n_obs)) / max(len(res.n_obs), 1)
    footer = [("Average", [_num(avg_n, "%9.1f").strip()] + [_num(v, _G).strip() for v in res.average])]
    title = ["", "Reliability lambda_j of the group-specific OLS estimates",
             "  lambda_j = tau / (tau + sigma2 / n_j)   (Raudenbush & Bryk 2002, eq. 3.53)", ""]
    return "\n".join(title + _table(abbrev(res.levelvar, 12), headers, rows, footer))


def render_pve(res: PVEResult) -> str:
    """``estat pve A B``: each variance component in A and B and (A - B) / A."""
    stub = max([29] + [len(f"{r.level}: {r.label}") for r in res.rows if r.level != "Residual"])
    headers = [abbrev(res.name_a, 10), abbrev(res.name_b, 10), "PVE", "Percent"]
    rows = []
    for r in res.rows:
        label = r.label if r.level == "Residual" else f"{r.level}: {r.label}"
        rows.append((label, [_num(r.var_a).strip(), _num(r.var_b).strip(), _num(r.pve).strip(),
                             format_number(100 * r.pve, "%8.1f").strip()]))
    title = ["", f"Proportional reduction in variance components: {res.name_a} -> {res.name_b}",
             "  PVE = (var_A - var_B) / var_A   (Raudenbush & Bryk 2002, eq. 4.12)", ""]
    return "\n".join(title + _table("Component", headers, rows, stub=stub))


def render_hlmchi2(res: HLMChi2Result) -> str:
    """``estat hlmchi2``: HLM's variance-component chi-square test per random coefficient."""
    headers = ["Variance", "df", "Chi-square", "P-value"]
    rows = [(r.coef, [_num(r.variance).strip(), str(r.df), format_number(r.chi2, "%10.2f").strip(),
                      format_number(r.p, "%6.3f").strip()]) for r in res.rows]
    title = ["", "HLM chi-square test of var(u) = 0   (Raudenbush & Bryk 2002, eq. 3.103)",
             f"  groups used: {res.n_used} of {res.n_groups} (enough observations for a separate OLS fit)", ""]
    return "\n".join(title + _table(abbrev(res.levelvar, 12), headers, rows))
