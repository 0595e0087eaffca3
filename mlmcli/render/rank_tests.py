"""ranksum's, signrank's and kwallis's output, laid out as Stata's ranksum.ado, signrank.ado and
kwallis.ado draw it (a copy of Stata's ado tree: github:opensafely-core/cohort-extractor
bin/ado/base/r/ranksum.ado, s/signrank.ado, k/kwallis.ado), without Stata 16's exact p-values."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def _row(label: str, obs: float, total: float, expected: float) -> str:
    line = f"{label[:12]:>12} |"
    line = _at(line, 17, format_number(float(obs), "%7.0g"))
    line = _at(line, 26, format_number(float(total), "%10.0g"))
    return _at(line, 38, format_number(float(expected), "%10.0g"))


def _variance_lines(rows, unadjusted: float, adjusted: float) -> list[str]:
    fmt = "%10.2f" if unadjusted < 1e7 else "%10.0g"
    lines = [""] + [_at(text, 22, format_number(value, fmt)) for text, value in rows]
    return lines + [" " * 21 + "-" * 10, _at("adjusted variance", 22, format_number(adjusted, fmt)), ""]


def _z_lines(z: float, p: float) -> list[str]:
    return [_at("", 14, "z = ") + format_number(z, "%7.3f"),
            _at("", 5, "Prob > |z| = ") + format_number(p, "%8.4f")]


def render_ranksum(t, by: str, labels: tuple[str, str], var: str, porder: bool) -> str:
    """t: RankSum; by and var as typed; labels: the two groups as ranksum shows them."""
    from mlmcli.render.abbrev import abbrev

    n = t.n1 + t.n2
    lines = ["", "Two-sample Wilcoxon rank-sum (Mann-Whitney) test", "",
             f"{abbrev(by, 12):>12} |      obs    rank sum    expected", "-" * 13 + "+" + "-" * 33,
             _row(labels[0], t.n1, t.sum1, t.n1 * (n + 1) / 2),
             _row(labels[1], t.n2, n * (n + 1) / 2 - t.sum1, t.n2 * (n + 1) / 2),
             "-" * 13 + "+" + "-" * 33, _row("combined", n, n * (n + 1) / 2, n * (n + 1) / 2)]
    lines += _variance_lines((("unadjusted variance", t.unadjusted), ("adjustment for ties", t.variance - t.unadjusted)),
                             t.unadjusted, t.variance)
    xab, byab = abbrev(var, 8), abbrev(by, 8)
    lines.append(f"Ho: {xab}({byab}=={labels[0]}) = {xab}({byab}=={labels[1]})")
    lines += _z_lines(t.z, t.p)
    if porder:
        lines += ["", f"P{{{xab}({byab}=={labels[0]}) > {xab}({byab}=={labels[1]})}} = " + format_number(t.porder, "%4.3f")]
    return "\n".join(lines)


def render_signrank(t, var: str, expression: str) -> str:
    """t: SignRank; var and expression as typed."""
    n, n0 = t.n, t.n_zero
    half = (t.sum_pos + t.sum_neg) / 2
    lines = ["", "Wilcoxon signed-rank test", "", "        sign |      obs   sum ranks    expected",
             "-" * 13 + "+" + "-" * 33, _row("positive", t.n_pos, t.sum_pos, half),
             _row("negative", t.n_neg, t.sum_neg, half), _row("zero", n0, n0 * (n0 + 1) / 2, n0 * (n0 + 1) / 2),
             "-" * 13 + "+" + "-" * 33, _row("all", n, n * (n + 1) / 2, n * (n + 1) / 2)]
    lines += _variance_lines((("unadjusted variance", t.unadjusted),
                              ("adjustment for ties", t.variance - t.unadjusted - t.zero_adjustment),
                              ("adjustment for zeros", t.zero_adjustment)), t.unadjusted, t.variance)
    lines.append(f"Ho: {var} = {expression}")
    return "\n".join(lines + _z_lines(t.z, t.p))


def render_kwallis(t, header: str, labels: list[str], left: bool) -> str:
    """t: KruskalWallis; the group table as ``list by Obs RankSum, noobs subvar div`` draws it
    (a separator every 5 rows); header: the by variable's name; left: a string by variable."""
    columns = [(header, labels, left), ("Obs", [format_number(float(k), "%12.0fc").strip() for k in t.obs], False),
               ("Rank Sum", [format_number(s, "%9.2f").strip() for s in t.rank_sums], False)]
    widths = [max([len(h)] + [len(c) for c in cells]) for h, cells, _ in columns]

    def line(cells, lefts) -> str:
        return "  | " + " | ".join(c.ljust(w) if lf else c.rjust(w) for c, w, lf in zip(cells, widths, lefts)) + " |"

    rule = "-+-".join("-" * w for w in widths)
    border = "  +-" + "-" * len(rule) + "-+"
    lines = ["", "Kruskal-Wallis equality-of-populations rank test", "", border,
             line([h for h, _, _ in columns], [left, False, False]), "  |-" + rule + "-|"]
    for i in range(len(labels)):
        if i and i % 5 == 0:
            lines.append("  |-" + rule + "-|")
        lines.append(line([cells[i] for _, cells, _ in columns], [c[2] for c in columns]))
    lines.append(border)
    df = str(t.df)
    lines += ["", "chi-squared = " + format_number(t.chi2, "%9.3f") + f" with {df} d.f.",
              "probability = " + format_number(max(t.p, .0001), "%10.4f"), "",
              "chi-squared with ties = " + format_number(t.chi2_adj, "%9.3f") + f" with {df} d.f.",
              "probability = " + format_number(max(t.p_adj, .0001), "%10.4f")]
    return "\n".join(lines)
