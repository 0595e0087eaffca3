"""alpha (Stata's alpha.ado layout: the compact summary, the item tables at linesize < 100
and >= 100, the detail matrices) and pca (pca_display.ado: header, eigenvalue table,
component table, rotation matrix)."""
from __future__ import annotations

import numpy as np

from mlmcli.render.abbrev import abbrev
from mlmcli.render.listings import render_matrix_list
from mlmcli.render.numfmt import format_number
from mlmcli.results.multivariate import AlphaResult, ComponentsResult, FactorResult
from mlmcli.results.postestimation import MatrixListing


def _at(line: str, col: int, text: str) -> str:
    """``text`` from 1-based column ``col`` (Stata's _col(#): no move left)."""
    return (line.ljust(col - 1) if len(line) < col - 1 else line) + text


def label_pieces(label: str, width: int) -> list[str]:
    """Stata's ``piece`` macro function: words packed into pieces of at most ``width``
    characters, a longer word cut."""
    from mlmcli.render.text_pieces import pieces

    return pieces(label, width)


def _alpha_compact(r: AlphaResult) -> list[str]:
    kind, fmt = ("covariance", "%9.0g") if not r.std else ("correlation", "%9.4f")
    out = []
    if r.reversed_text:
        word = "items" if len(r.reversed_text.split()) > 1 else "item"
        out.append(f"Reversed {word}: {r.reversed_text}")
    out.append("")
    out.append(_at(f"Average interitem {kind}:", 34, format_number(r.average, fmt)))
    out.append(_at("Number of items in the scale:", 34, format_number(r.k, "%9.0f")))
    out.append(_at("Scale reliability coefficient:", 34, format_number(r.alpha, "%9.4f")))
    return out


def _alpha_items(r: AlphaResult) -> list[str]:
    kind, fmt = ("covariance ", "%9.0g") if not r.std else ("correlation", "%9.4f")
    out = ["", " " * 60 + "average",
           "                             item-test     item-rest       interitem",
           f"Item         |  Obs  Sign   correlation   correlation     {kind}     alpha",
           "-" * 13 + "+" + "-" * 65]
    for it in r.items:
        line = _at(abbrev(it.name, 12), 14, "|")
        line = _at(line, 16, format_number(it.obs, "%4.0f"))
        line = _at(line, 24, "+" if it.sign > 0 else "-")
        line = _at(line, 31, format_number(it.item_test, "%7.4f"))
        line = _at(line, 45, format_number(it.item_rest, "%7.4f"))
        line = _at(line, 59, format_number(it.average, fmt))
        out.append(_at(line, 73, format_number(it.alpha, "%7.4f")))
    out.append("-" * 13 + "+" + "-" * 65)
    out.append(_at(_at("Test scale   |", 59, format_number(r.average, fmt)), 73, format_number(r.alpha, "%7.4f")))
    out.append("-" * 79)  # {hline 13}{c BT}{hline 65}: the bottom tee prints as a dash
    return out


def _label_lines(first: str, label: str, piece: int, col: int) -> list[str]:
    pieces = label_pieces(label, piece) or [""]
    lines = [first + pieces[0]]
    lines += [_at("             |", col, p) for p in pieces[1:]]
    return lines


# alpha.ado's item tables with labels: (columns of obs, sign, item-test, item-rest, average,
# alpha, label; the label's continuation column; formats; width of the rule before the label)
_NARROW = dict(obs=None, sign=16, test=19, rest=27, average=35, alpha=44, label=53, more=55,
               corr="%6.3f", alpha_fmt="%6.3f", fixed=38)
_WIDE = dict(obs=16, sign=24, test=28, rest=39, average=49, alpha=61, label=70, more=72,
             corr="%7.4f", alpha_fmt="%6.4f", fixed=55)


def _alpha_items_labels(r: AlphaResult) -> list[str]:
    test_text = f"mean({'' if r.std else 'un'}standardized items)"
    longest = max([len(it.label) for it in r.items] + [len(test_text)])
    if r.linesize < 100:
        c = _NARROW
        kind, fmt = ("cov", "%7.0g") if not r.std else ("cor", "%7.3f")
        piece = 3 if r.linesize < 55 else min(longest, r.linesize - 52)
        head = ["", f"Items        | S  it-cor  ir-cor   ii-{kind}   alpha   label"]
    else:
        c = _WIDE
        kind, fmt = ("cov. ", "%9.0g") if not r.std else ("corr.", "%8.4f")
        piece = min(longest, r.linesize - 69)
        head = ["", "                          item-test  item-rest  interitem",
                f"Item         |  Obs  Sign   corr.      corr.       {kind}     alpha   Label"]
    rule = "-" * 13 + "+" + "-" * (c["fixed"] + piece)
    out = head + [rule]
    for it in r.items:
        line = _at(abbrev(it.name, 12), 14, "| ")
        if c["obs"] is not None:
            line = _at(line, c["obs"], format_number(it.obs, "%4.0f"))
        line = _at(line, c["sign"], "+" if it.sign > 0 else "-")
        for key, value, form in (("test", it.item_test, c["corr"]), ("rest", it.item_rest, c["corr"]),
                                 ("average", it.average, fmt), ("alpha", it.alpha, c["alpha_fmt"])):
            line = _at(line, c[key], format_number(value, form))
        out += _label_lines(_at(line, c["label"], ""), it.label, piece, c["more"])
    out.append(rule)
    out.append(_at(_at(_at("Test scale   |", c["average"], format_number(r.average, fmt)), c["alpha"],
                       format_number(r.alpha, c["alpha_fmt"])), c["label"], test_text))
    out.append("-" * (14 + c["fixed"] + piece))
    return out


def _alpha_detail(r: AlphaResult) -> list[str]:
    obs = f"(obs={r.n} in all pairs)" if r.complete else "(obs=pairwise, see below)"
    rev = "(reverse applied) " if r.reversed_text else ""
    kind, fmt = ("correlations", "%6.4f") if r.std else ("covariances", "%9.4f")
    out = ["", f"Interitem {kind} {rev}{obs}"]
    out.append(render_matrix_list(MatrixListing("C", r.C, r.names, r.names, symmetric=True, fmt=fmt,
                                                header=False)))
    if not r.complete:
        out += ["", "Pairwise number of observations"]
        out.append(render_matrix_list(MatrixListing("Obs", r.obs, r.names, r.names, symmetric=True,
                                                    fmt="%5.0f", header=False)))
    return out


def render_alpha(r: AlphaResult) -> str:
    out = ["", f"Test scale = mean({'' if r.std else 'un'}standardized items)"]
    if not r.items:
        out += _alpha_compact(r)
    elif not r.label:
        out += _alpha_items(r)
    else:
        out += _alpha_items_labels(r)
    if r.detail:
        out += _alpha_detail(r)
    return "\n".join(line.rstrip() for line in out)


# ---------------------------------------------------------------------- matlist, border(row) left(4)
def _fmt_width(fmt: str) -> int:
    import re
    m = re.match(r"%-?0?(\d+)", fmt)
    return int(m.group(1)) if m else 9


def bordered_matrix(rownames, colnames, values, fmt: str, *, rowtitle: str = "", title: str = "",
                    rowtotal: bool = False, lower: bool = False) -> list[str]:
    """matlist's ``border(row) left(4)`` table: a blank line (and the title with one above),
    row names right-aligned in 12 columns, each column a space, the value right-aligned in the
    wider of the format and its name, a space; ``rowtotal``: a rule above the last row;
    ``lower``: a symmetric matrix's lower triangle only."""
    values = np.atleast_2d(np.asarray(values, float))
    width = max([_fmt_width(fmt)] + [len(c) for c in colnames])
    full = 13 + 1 + (width + 2) * len(colnames)
    out = ["", title] if title else []
    out += ["", "    " + "-" * full,
            "    " + abbrev(rowtitle, 12).rjust(12) + " |" + "".join(" " + c.rjust(width) + " " for c in colnames),
            "    " + "-" * 13 + "+" + "-" * (full - 14)]
    for i, name in enumerate(rownames):
        if rowtotal and i == len(rownames) - 1:
            out.append("    " + "-" * 13 + "+" + "-" * (full - 14))
        cells = "".join(" " + ("" if lower and j > i else "." if np.isnan(v) else format_number(v, fmt)).strip()
                        .rjust(width) + " " for j, v in enumerate(values[i]))
        out.append("    " + abbrev(name, 12).rjust(12) + " |" + cells)
    out.append("    " + "-" * full)
    return [line.rstrip() for line in out]


# ---------------------------------------------------------------------- pca
def render_components(r: ComponentsResult) -> str:
    """pca_display.ado's pca_display_Std: header, eigenvalue (variance) table, components."""
    out = ["", _at(f"Principal components/{r.ctype}", 50, "Number of obs    = " + format_number(r.n, "%10.0fc")),
           _at("", 50, "Number of comp.  = " + format_number(r.retained, "%10.0f")),
           _at(_at("", 50, "Trace            "), 67, "=  " + format_number(r.trace, "%9.0g")),
           _at("    " + ("Rotation:" + r.rotation_text if r.rotated else "Rotation: (unrotated = principal)"), 50,
               "Rho              = " + format_number(r.rho, "%10.4f")), ""]
    rule = "    " + "-" * 13 + "+" + "-" * 60
    out.append("    " + "-" * 74)
    ev = r.variances
    if r.orthogonal:
        label = "  Variance" if r.rotated else "Eigenvalue"
        out.append(f"       Component |   {label}   Difference         Proportion   Cumulative")
        out.append(rule)
        total = 0.0
        for j, value in enumerate(ev):
            diff = value - ev[j + 1] if j + 1 < len(ev) else float("nan")
            total += value
            out.append("    " + f"Comp{j + 1}".rjust(12) + " |" + " " + format_number(value, "%12.6g")
                       + " " + format_number(diff, "%12.6g") + " " * 6 + " " + format_number(value / r.trace, "%12.4f")
                       + " " + format_number(total / r.trace, "%12.4f"))
    else:
        out.append("       Component |     Variance   Proportion     Rotated comp. are correlated")
        out.append(rule)
        for j, value in enumerate(ev):
            out.append("    " + f"Comp{j + 1}".rjust(12) + " |" + " " + format_number(value, "%12.6g")
                       + " " + format_number(value / r.trace, "%12.4f"))
    out.append("    " + "-" * 13 + "-" + "-" * 60)
    if r.retained > 0:
        blanks = f" (blanks are abs(loading)<{format_number(r.blanks, '%9.0g').strip()})" if r.blanks is not None else ""
        out += ["", f"{r.title} {blanks}".rstrip(), ""]
        k = r.loadings.shape[1]
        inner = 10 * k
        out.append("    " + "-" * (13 + 1 + inner + 1 + 13))
        out.append("        Variable |" + "".join(" " + f"Comp{j + 1}".rjust(8) + " " for j in range(k))
                   + "| Unexplained")
        out.append("    " + "-" * 13 + "+" + "-" * inner + "+" + "-" * 13)
        for i, name in enumerate(r.names):
            cells = ""
            for v in r.loadings[i]:
                shown = "" if r.blanks is not None and abs(v) < r.blanks else format_number(v, "%8.4f")
                cells += " " + shown.rjust(8) + " "
            out.append("    " + abbrev(name, 12).rjust(12) + " |" + cells + "| "
                       + format_number(r.unexplained[i], "%11.4g"))
        out.append("    " + "-" * (13 + 1 + inner + 1 + 13))
    if r.rotation_matrix is not None:
        names = tuple(f"Comp{j + 1}" for j in range(r.rotation_matrix.shape[1]))
        out += ["", "Component rotation matrix"]
        out += bordered_matrix(names, names, r.rotation_matrix, "%8.4f")
    return "\n".join(line.rstrip() for line in out)


# ---------------------------------------------------------------------- factor
def _chi2_text(value: float) -> str:
    """factor.ado's %8.2f, or %8.2e outside (0.005, 1e4); Stata's %8.2e keeps a column for the
    sign, so a positive number shows one decimal (a published log: ``= 1.6e+04``)."""
    if 0.005 < value < 1e4:
        return format_number(value, "%8.2f")
    text = format_number(value, "%8.2e").strip()
    if len(text) >= 8:
        text = format_number(value, "%8.1e").strip()
    return text.rjust(8)


def _df_parts(df: float) -> tuple[str, str]:
    if df < 10:
        return "  chi2(", ")  ="
    if df < 100:
        return "  chi2(", ") ="
    if df < 1000:
        return " chi2(", ") ="
    return " chi2(", ")="


def render_factor(r: FactorResult) -> str:
    out = ["", _at("Factor analysis/correlation", 50, "Number of obs    = " + format_number(r.n, "%10.0fc")),
           _at("    Method: " + r.method_title, 50, "Retained factors =   " + format_number(r.f, "%8.0fc")),
           _at("    Rotation: " + r.rotation_text, 50, "Number of params =   " + format_number(r.df_m, "%8.0fc"))]
    if r.ll is not None:
        out.append(_at("", 50, "Schwarz's BIC    =   " + format_number(r.bic, "%8.0g")))
        out.append(_at("    Log likelihood = " + format_number(r.ll, "%9.0g"), 50,
                       "(Akaike's) AIC   =   " + format_number(r.aic, "%8.0g")))
    if r.heywood:
        out += ["", "    Beware: solution is a Heywood case",
                "            (i.e., invalid or boundary values of uniqueness)"]
    out += ["", "    " + "-" * 13 + "-" + "-" * 60]
    if not r.rotated or r.orthogonal:
        label = "Variance" if r.rotated else "Eigenvalue"
        out.append(f"         Factor  | {label.rjust(12)}   Difference        Proportion   Cumulative")
        out.append("    " + "-" * 13 + "+" + "-" * 60)
        total = 0.0
        values = [v for v in r.variances if not np.isnan(v)]
        for j, value in enumerate(values):
            diff = value - values[j + 1] if j + 1 < len(values) else float("nan")
            total += value
            out.append("    " + f"Factor{j + 1}".rjust(11) + "  |" + " " + format_number(value, "%12.5f")
                       + " " + format_number(diff, "%12.5f") + " " * 4 + "  " + format_number(value / r.evsum, "%12.4f")
                       + " " + format_number(total / r.evsum, "%12.4f"))
    else:
        out.append("         Factor  |     Variance   Proportion    Rotated factors are correlated")
        out.append("    " + "-" * 13 + "+" + "-" * 60)
        for j, value in enumerate(r.variances):
            out.append("    " + f"Factor{j + 1}".rjust(11) + "  |" + " " + format_number(value, "%12.5f")
                       + " " + format_number(value / r.evsum, "%12.4f"))
    out.append("    " + "-" * 74)
    pre, post = _df_parts(r.df_i)
    out.append(f"    LR test: independent vs. saturated:{pre}{format_number(r.df_i, '%9.0g').strip()}{post}"
               f"{_chi2_text(r.chi2_i)} Prob>chi2 ={format_number(r.p_i, '%7.4f')}")
    if r.df_1 is not None and r.df_1 == 0:
        out.append(f"    (the model with {r.f} factors is saturated)")
    elif r.df_1 is not None:
        pre, post = _df_parts(r.df_1)
        factors = "factor" if r.f == 1 else "factors"
        out.append(f"    LR test:{' ' if r.f == 1 else ''}{format_number(r.f, '%4.0f')} {factors} vs. saturated:{pre}"
                   f"{format_number(r.df_1, '%9.0g').strip()}{post}{_chi2_text(r.chi2_1)} Prob>chi2 ="
                   f"{format_number(r.p_1, '%7.4f')}")
        if r.heywood:
            out.append("    (tests formally not valid because a Heywood case was encountered)")
    if r.f > 0:
        k = r.loadings.shape[1]
        out += ["", f"{r.loading_title} loadings (pattern matrix) and unique variances", ""]
        width = 13 + 1 + 10 * k + 1 + 14
        out.append("    " + "-" * width)
        out.append("        Variable |" + "".join(" " + f"Factor{j + 1}".rjust(8) + " " for j in range(k))
                   + "|   Uniqueness")
        out.append("    " + "-" * 13 + "+" + "-" * (10 * k) + "+" + "-" * 14)
        for i, name in enumerate(r.names):
            cells = "".join(" " + ("" if r.blanks is not None and abs(v) < r.blanks
                                   else format_number(v, "%8.4f")).rjust(8) + " " for v in r.loadings[i])
            out.append("    " + abbrev(name, 12).rjust(12) + " |" + cells + "|  "
                       + format_number(r.uniqueness[i], "%10.4f"))
        out.append("    " + "-" * width)
        if r.blanks is not None:
            out.append(f"    (blanks represent abs(loading)<{format_number(r.blanks, '%9.0g').strip()})")
    if r.rotation_matrix is not None:
        names = tuple(f"Factor{j + 1}" for j in range(r.rotation_matrix.shape[1]))
        out += ["", "Factor rotation matrix"]
        out += bordered_matrix(names, names, r.rotation_matrix, "%7.4f")
    return "\n".join(line.rstrip() for line in out)
