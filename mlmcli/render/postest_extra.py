"""Renderers for postestimation output the display engineer's modules do not cover.

Stata layouts: ``estimates dir``, ``ereturn list`` / ``return list``,
``matrix list``, the ``test`` constraint block.  mlmcli's own tables (no Stata
counterpart, laid out in Stata's style): ``estat reliability``, ``estat pve``,
``estat hlmchi2``.  Each function returns text without a final newline,
including the leading blank line Stata prints.
"""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.coefnames import split_eq

_G = "%9.0g"


def _num(v, fmt: str = _G) -> str:
    return format_number(v, fmt)


# ------------------------------------------------------------ ereturn / return list
def stata_scalar_text(v) -> str:
    """A scalar as ``ereturn list`` shows it: up to 16 significant digits, no leading 0."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "."
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    s = f"{v:.16g}"
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0] if exp[0] in "+-" else "+"
        return f"{mant}e{sign}{exp.lstrip('+-').zfill(2)}"
    if s.startswith("0."):
        return s[1:]
    if s.startswith("-0."):
        return "-" + s[2:]
    return s


def render_results_list(prefix: str, scalars: dict, macros: dict, matrices: dict,
                        functions: tuple[str, ...] = ()) -> str:
    """``ereturn list`` (prefix ``e``) / ``return list`` (prefix ``r``)."""
    lines: list[str] = []

    def key(name):
        return f"{prefix}({name})".rjust(22)

    if scalars:
        lines += ["", "scalars:"]
        lines += [f"{key(k)} =  {stata_scalar_text(v)}" for k, v in scalars.items()]
    if macros:
        lines += ["", "macros:"]
        lines += [f'{key(k)} : "{v}"' for k, v in macros.items()]
    if matrices:
        lines += ["", "matrices:"]
        for k, m in matrices.items():
            r, c = _shape(m)
            lines.append(f"{key(k)} :  {r} x {c}")
    if functions:
        lines += ["", "functions:"]
        lines += [f"{key(f)}   " for f in functions]
    return "\n".join(lines)


def _shape(m) -> tuple[int, int]:
    vals = getattr(m, "values", m)
    try:
        shape = vals.shape
    except AttributeError:
        return 1, 1
    if len(shape) == 1:
        return 1, shape[0]
    return shape[0], shape[1]


# ------------------------------------------------------------ matrix list
def render_matrix_list(name: str, values, rownames, colnames, symmetric: bool = False,
                       fmt: str = "%10.0g") -> str:
    """Stata's ``matrix list``: title ``name[r,c]`` (``symmetric`` prefix), an
    equation header line when names carry ``eq:``, columns 12 wide."""
    import numpy as np

    vals = np.atleast_2d(np.asarray(values, dtype=float))
    nr, nc = vals.shape
    col_eq, col_nm = zip(*[split_eq(c) for c in colnames]) if colnames else ((), ())
    row_eq, row_nm = zip(*[split_eq(r) for r in rownames]) if rownames else ((), ())
    has_row_eq = any(row_eq)
    row_labels = [f"{e}:{n}" if has_row_eq and e else n for e, n in zip(row_eq, row_nm)]
    row_labels = [abbrev(r, 32) for r in row_labels]
    stub = max((len(r) for r in row_labels), default=0)
    title = f"{'symmetric ' if symmetric else ''}{name}[{nr},{nc}]"
    lines = ["", title]
    width = 12
    if any(col_eq):
        lines.append(" " * stub + "".join(f"{abbrev(e, 10) + ':' if e else '':>{width}}" for e in col_eq))
    lines.append(" " * stub + "".join(f"{abbrev(n, 10):>{width}}" for n in col_nm))
    for i in range(nr):
        cells = []
        for j in range(nc):
            if symmetric and j > i:
                break
            cells.append(f"{format_number(vals[i, j], fmt).strip():>{width}}")
        lines.append(f"{row_labels[i]:>{stub}}" + "".join(cells))
    return "\n".join(lines)


# ------------------------------------------------------------ test
def render_test(constraints: tuple[str, ...], dropped: tuple[int, ...], chi2: float, df: int, p: float,
                F: float | None = None, df_r: float | None = None) -> str:
    """``test``'s output: `` ( 1)  [pbw]x1 = 0`` lines, then the statistic block."""
    lines = [""]
    for i, c in enumerate(constraints, start=1):
        lines.append(f" ({i:2d})  {c}")
    for i in dropped:
        lines.append(f"       Constraint {i + 1} dropped")
    lines.append("")
    if F is not None:
        lines.append(f"       F({df:3d},{format_number(df_r, '%6.0f')}) ={format_number(F, '%8.2f')}")
        lines.append(f"            Prob > F ={format_number(p, '%10.4f')}")
    else:
        lines.append(f"           chi2({df:3d}) ={format_number(chi2, '%8.2f')}")
        lines.append(f"         Prob > chi2 ={format_number(p, '%10.4f')}")
    return "\n".join(lines)


def render_constraint_lines(constraints: tuple[str, ...]) -> str:
    """The `` ( 1)  ...`` block ``lincom`` prints above its table."""
    return "\n".join([""] + [f" ({i:2d})  {c}" for i, c in enumerate(constraints, start=1)])


# ------------------------------------------------------------ mlmcli's own tables
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


def render_reliability(res, show_groups: bool = True) -> str:
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


def render_pve(res) -> str:
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
    out = []
    width = stub + 2 + 11 * 4
    out.append("-" * width)
    out.append(f"{'Component':>{stub}} |" + "".join(f"{h:>11}" for h in headers))
    out.append("-" * (stub + 1) + "+" + "-" * (width - stub - 2))
    for label, cells in rows:
        out.append(f"{label:>{stub}} |" + "".join(f"{c:>11}" for c in cells))
    out.append("-" * width)
    return "\n".join(title + out)


def render_hlmchi2(res) -> str:
    """``estat hlmchi2``: HLM's variance-component chi-square test per random coefficient."""
    headers = ["Variance", "df", "Chi-square", "P-value"]
    rows = [(r.coef, [_num(r.variance).strip(), str(r.df), format_number(r.chi2, "%10.2f").strip(),
                      format_number(r.p, "%6.3f").strip()]) for r in res.rows]
    title = ["", "HLM chi-square test of var(u) = 0   (Raudenbush & Bryk 2002, eq. 3.103)",
             f"  groups used: {res.n_used} of {res.n_groups} (enough observations for a separate OLS fit)", ""]
    return "\n".join(title + _table(abbrev(res.levelvar, 12), headers, rows))
