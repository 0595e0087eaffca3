"""mvtest's output as mvtest_*.ado display it (Stata 16 tree; the same programs in Stata 11-13):
mvtest_chi2test/mvtest_ftest's ``{ralign 22:title chi2(df)} = %9.2f`` lines, mvtest_norm's
DiSkew/DiKurt/DiHZ/DiDH lines and Skt_Out table, BiTable, and mvtest_manotab's table of the four
multivariate tests.  mvtest_manotab draws with the ._tab class (lmargin 5, widths 23| 10 6 10 10
11 2, pads 1 2 2 2 2): its columns here are that reading of the class, not checked against a log.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number as fmt


def _df(df: float) -> str:
    return fmt(round(df, 1), "%15.0g").strip()


def chi2_lines(title: str, chi2: float, df: float, p: float, oneline: bool = False) -> list[str]:
    head = f"{title} chi2({_df(df)})".rjust(22) + " = " + fmt(chi2, "%9.2f")
    if oneline:
        return [head + "   Prob > chi2 = " + fmt(p, "%7.4f")]
    return [head, "Prob > chi2".rjust(22) + " = " + fmt(p, "%9.4f")]


def f_lines(title: str, F: float, df1: float, df2: float, p: float, oneline: bool = False) -> list[str]:
    head = f"{title} F({_df(df1)},{_df(df2)})".rjust(22) + " = " + fmt(F, "%9.2f")
    if oneline:
        return [head + " " * 6 + "Prob > F = " + fmt(p, "%7.4f")]
    return [head, "Prob > F".rjust(22) + " = " + fmt(p, "%9.4f")]


def normality_line(name: str, value, df: float, chi2: float, p: float) -> str:
    """DiSkew, DiKurt, DiHZ (value shown) and DiDH/DiComb (value None)."""
    lead = "    " + name.ljust(16) + (" = " + fmt(value, "%9.0g") if value is not None else "   " + " " * 9)
    return lead + f"chi2({_df(df)})".rjust(12) + " =" + fmt(chi2, "%9.3f") + "   Prob>chi2 = " + fmt(p, "%7.4f")


def univariate_table(rows, indent: int = 4) -> list[str]:
    """Skt_Out: (variable, Pr(Skewness), Pr(Kurtosis), adj chi2(2), Prob>chi2) rows."""
    pad = " " * indent
    out = ["", pad + "-" * 13 + "+" + "-" * 55,
           pad + " " * 13 + "|" + " " * 35 + "------- joint ------",
           pad + "    Variable |  Pr(Skewness)   Pr(Kurtosis)  adj chi2(2)    Prob>chi2",
           pad + "-" * 13 + "+" + "-" * 55]
    for name, ps, pk, chi2, p in rows:
        line = pad + abbrev(name, 12).rjust(12) + " |"
        line = line.ljust(indent + 19) + fmt(ps, "%6.4f")
        line = line.ljust(indent + 34) + fmt(pk, "%6.4f")
        line = line.ljust(indent + 46) + fmt(chi2, "%9.2f")
        line = line.ljust(indent + 62) + fmt(p, "%6.4f")
        out.append(line)
    out.append(pad + "-" * 13 + "+" + "-" * 55)
    return out


def bivariate_table(rows) -> list[str]:
    """BiTable: (var1, var2, chi2, df, p) rows, var1 shown only when it changes."""
    out = ["", "    " + "-" * 27 + "+" + "-" * 28, "    Pair of variables          |      chi2    df   Prob>chi2",
           "    " + "-" * 27 + "+" + "-" * 28]
    last = None
    for v1, v2, chi2, df, p in rows:
        shown = abbrev(v1, 12) if v1 != last else ""
        last = v1
        out.append("    " + shown.ljust(12) + "  " + abbrev(v2, 12).ljust(12) + " | " + fmt(chi2, "%9.2f")
                   + fmt(df, "%6.0f") + " " + fmt(p, "%10.4f"))
    out.append("    " + "-" * 27 + "+" + "-" * 28)
    return out


_TITLES = ("Wilks' lambda", "Pillai's trace", "Lawley-Hotelling trace", "Roy's largest root")


def manova_tests_table(tests) -> list[str]:
    """mvtest_manotab over the four ``MultivariateTest``s."""
    margin = " " * 5
    out = [margin + " " * 23 + "|" + " Statistic" + "   F(df1" + ",     df2)" + "   =  F   " + "   Prob>F".rjust(11),
           margin + "-" * 23 + "+" + "-" * 47]
    for title, t in zip(_TITLES, tests):
        out.append(margin + title.rjust(22) + " |" + fmt(t.statistic, "%9.4f") + " " + fmt(t.df1, "%6.1f") + "  "
                   + fmt(t.df2, "%8.1f") + "  " + fmt(t.F, "%8.2f") + "  " + (fmt(t.p, "%7.4f") + "  ").rjust(11)
                   + t.kind.rjust(2))
    out.append(margin + "-" * 23 + "+" + "-" * 47)
    out.append(" " * 10 + "e = exact, a = approximate, u = upper bound on F".rjust(66))
    return out
