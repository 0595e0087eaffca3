"""manova's and manovatest's table as Stata 13 prints it.

Evidence: the [MV] manova examples and a published Stata 11+ log (UCLA's profile-analysis
page, http://www.ats.ucla.edu/stat/stata/faq/profile.htm, whose whitespace the copy collapsed):
the column positions below are reconstructed from the manual's layout -- the legend and
"Number of obs" at column 28, a 24-column Source field, then W/P/L/R with the statistic %9.4f,
df %7.0f (first line only), F(df1, df2) %8.1f %8.1f, F %9.2f, Prob>F %7.4f and the e/a/u flag
-- and were not checked against a byte-exact log.  One term: no Model block.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.manova import ManovaSource, ManovaTable

_INDENT = " " * 27
_RULE = " " * 14 + "-" * 11 + "+" + "-" * 50
_SUB = " " * 25 + "|" + "-" * 50


def _source(src: ManovaSource) -> list[str]:
    out = []
    for i, t in enumerate(src.tests):
        label = abbrev(src.label, 24).rjust(24) if i == 0 else " " * 24
        df = format_number(src.df, "%7.0f") if i == 0 else " " * 7
        out.append(f"{label} | {t.letter}{format_number(t.statistic, '%9.4f')}{df}"
                   f"{format_number(t.df1, '%8.1f')}{format_number(t.df2, '%8.1f')}"
                   f"{format_number(t.F, '%9.2f')}{format_number(t.p, '%7.4f')} {t.kind}")
    out.append(_SUB)
    return out


def _df_row(label: str, df: float) -> str:
    return label.rjust(24) + " |" + format_number(df, "%18.0f").rstrip()


def render_manova(r: ManovaTable) -> str:
    out = [""]
    out += list(r.preamble)
    if r.nobs is not None:
        out += [_INDENT + "Number of obs =" + format_number(r.nobs, "%8.0f"), ""]
    out += [_INDENT + "W = Wilks' lambda      L = Lawley-Hotelling trace",
            _INDENT + "P = Pillai's trace     R = Roy's largest root", "",
            "Source |  Statistic     df   F(df1,    df2) =   F   Prob>F".rjust(24 + 52), _RULE]
    if r.model is not None:
        out += _source(r.model) + [_df_row("Residual", r.residual_df), _RULE]
    for term in r.terms:
        out += _source(term)
    out.append(_df_row("Residual", r.residual_df))
    if r.total_df is not None:
        out += [_RULE, _df_row("Total", r.total_df)]
    out += [" " * 14 + "-" * 62, _INDENT + "e = exact, a = approximate, u = upper bound on F"]
    return "\n".join(out)
