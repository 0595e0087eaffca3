"""The tables of var's postestimation commands (varsoc, vargranger, varstable, varlmar, varnorm,
varwle) as their ado files draw them with Stata's ``_tab`` class.

_tab's rules, read from published logs of varsoc, vargranger and varstable: a margin of two
columns; ``|`` where the width list has one; a number is ``pad`` spaces then its format, left in
its column; a string or title ends one column before its column's end; a missing ``.b`` cell is
blank; the top and bottom rules are ``+---+``, the rule under the titles ``|---+---|``.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number


@dataclass(frozen=True)
class Tab:
    widths: tuple[int, ...]
    bars: tuple[int, ...]  # a bar after column i (-1: before the first)
    formats: tuple[str | None, ...]
    pads: tuple[int, ...]
    margin: int = 2

    def _join(self, cells, bar="|", first="|", last="|") -> str:
        out = " " * self.margin + (first if -1 in self.bars else "")
        for i, cell in enumerate(cells):
            out += cell
            if i in self.bars:
                out += last if i == len(cells) - 1 else bar
        return out

    def rule(self, kind: str) -> str:
        cells = ["-" * w for w in self.widths]
        if kind == "mid":
            return self._join(cells, "+", "|", "|")
        return self._join(cells, "-", "+", "+")

    def titles(self, texts) -> str:
        return self._join([t.rjust(w - 1)[: w - 1] + " " if t else " " * w for t, w in zip(texts, self.widths)])

    def row(self, values) -> str:
        cells = []
        for v, w, fmt, pad in zip(values, self.widths, self.formats, self.pads):
            if v is None:
                cells.append(" " * w)
            elif isinstance(v, str):
                cells.append(v.rjust(w - 1) + " " if len(v) < w else v)
            else:
                cells.append((" " * pad + format_number(v, fmt)).ljust(w))
        return self._join(cells)


def star_text(x: float, fmt: str, star: bool) -> str:
    return format_number(x, fmt) + ("*" if star else " ")


SOC = Tab((4, 9, 8, 1, 5, 7, 8, 1, 9, 1, 9, 1, 9, 1, 1), (-1, 0, 14), ("%3.0f", "%8.7g", "%7.6g", None, "%4.0f",
          "%6.3f", "%8.7g", None, "%8.7g", None, "%8.7g", None, "%8.7g", None, None), (0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1,
                                                                                       0, 1, 0, 0))


def render_varsoc(r) -> str:
    out = ["", "   Selection-order criteria" + (" (lutstats)" if r.lutstats else "")]
    sample = "   Sample:  " + r.sample
    out.append(sample.ljust(48) + "Number of obs      = " + format_number(r.nobs, "%9.0f"))
    out += [SOC.rule("top"), "  |lag |    LL      LR      df    p      FPE       AIC      HQIC      SBIC    |",
            SOC.rule("mid")]
    for i, row in enumerate(r.rows):
        lag, ll, lr, df, p, fpe, aic, hq, sb = row
        stars = [i == k for k in r.best]
        line = "  |" + format_number(lag, "%3.0f") + " |" + " " + format_number(ll, "%8.7g") + " "
        line += (format_number(lr, "%7.6g") + ("*" if stars[0] else " ") if lr is not None else " " * 8)
        line += (format_number(df, "%4.0f") + " " + format_number(p, "%6.3f") if df is not None else " " * 11)
        line += " " + star_text(fpe, "%8.7g", stars[1]) + " " + star_text(aic, "%8.7g", stars[2])
        line += " " + star_text(hq, "%8.7g", stars[3]) + " " + star_text(sb, "%8.7g", stars[4]) + " |"
        out.append(line)
    out.append(SOC.rule("bottom"))
    out += _wrapped("   Endogenous:  ", r.endog) + _wrapped("    Exogenous:  ", r.exog)
    return "\n".join(out)


def _wrapped(label: str, text: str) -> list[str]:
    """varsoc's PDisp: pieces of at most 62 characters, continued at column 17."""
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > 62:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return [(label if i == 0 else " " * 16) + ln for i, ln in enumerate(lines)]


GRANGER = Tab((19, 19, 9, 6, 12), (-1, 1, 4), (None, None, "%7.6g", "%5.0f", "%6.3f"), (0, 0, 1, 0, 2))
GRANGER_F = Tab((19, 19, 9, 6, 8, 10), (-1, 1, 5), (None, None, "%7.6g", "%5.0f", "%7.0f", "%6.4f"), (0, 0, 1, 0, 0, 2))


def render_vargranger(rows, neqs: int, small: bool) -> str:
    tab = GRANGER_F if small else GRANGER
    titles = ["Equation", "Excluded", "F  ", "df", "df_r", "Prob > F"] if small else \
        ["Equation", "Excluded", "chi2 ", "df", "Prob > chi2"]
    out = ["", "   Granger causality Wald tests", tab.rule("top"), tab.titles(titles), tab.rule("mid")]
    for i, row in enumerate(rows):
        if i and i % neqs == 0:
            out.append(tab.rule("mid"))
        out.append(tab.row([abbrev(row[0], 17), abbrev(row[1], 17), *row[2:]]))
    out.append(tab.rule("bottom"))
    return "\n".join(out)


STABLE = Tab((12, 14, 13), (-1, 1, 2), ("%10.7g", None, "%8.7g"), (1, 0, 2))


def render_varstable(values, moduli) -> str:
    out = ["", "   Eigenvalue stability condition", "  +" + "-" * 40 + "+",
           "  |        Eigenvalue        |   Modulus   |", "  |" + "-" * 26 + "+" + "-" * 13 + "|"]
    for z, mod in zip(values, moduli):
        im = ""
        if abs(z.imag) > 1e-10 * max(abs(z.imag), 1.0) and z.imag != 0:
            im = ("-" if z.imag < 0 else "+") + format_number(abs(z.imag), "%10.7g") + "i"
        out.append("  |" + (" " + format_number(z.real, "%10.7g")).ljust(12) + im.ljust(14) + "|"
                   + ("  " + format_number(mod, "%8.7g")).ljust(13) + "|")
    out.append("  +" + "-" * 40 + "+")
    if max(moduli, default=0) < 1:
        out += ["   All the eigenvalues lie inside the unit circle.", "   VAR satisfies stability condition."]
    else:
        out += ["   At least one eigenvalue is at least 1.0.", "   VAR does not satisfy stability condition."]
    return "\n".join(out)


LMAR = Tab((6, 12, 6, 13), (-1, 0, 3), ("%4.0f", "%8.4f", "%4.0f", "%6.5f"), (0, 2, 0, 3))


def render_varlmar(rows) -> str:
    out = ["", "   Lagrange-multiplier test", LMAR.rule("top"), LMAR.titles(["lag ", "chi2 ", "df ", "Prob > chi2"]),
           LMAR.rule("mid")]
    out += [LMAR.row(list(row)) for row in rows]
    out += [LMAR.rule("bottom"), "   H0: no autocorrelation at lag order"]
    return "\n".join(out)


NORM = Tab((20, 10, 8, 4, 13), (-1, 0, 4), (None, "%7.6g", "%7.3f", "%3.0f", "%6.5f"), (0, 1, 0, 0, 3))


def render_varnorm(title: str, rows) -> str:
    header = "" if title == "Jarque-Bera" else title
    out = ["", f"   {title} test", NORM.rule("top"), NORM.titles(["Equation", header, "chi2 ", "df", "Prob > chi2"]),
           NORM.rule("mid")]
    out += [NORM.row([abbrev(row[0], 19), *row[1:]]) for row in rows]
    out.append(NORM.rule("bottom"))
    return "\n".join(out)


WLE = Tab((5, 11, 6, 13), (-1, 0, 3), ("%4.0f", "%9.8g", "%5.0f", "%7.3f"), (0, 1, 0, 2))
WLE_F = Tab((5, 10, 6, 7, 10), (-1, 0, 4), ("%4.0f", "%8.7g", "%5.0f", "%6.0f", "%8.4f"), (0, 1, 0, 0, 0))


def render_varwle(blocks, small: bool) -> str:
    tab = WLE_F if small else WLE
    titles = ["lag", "F   ", "df", "df_r", "Prob > F"] if small else ["lag", "chi2  ", "df", "Prob > chi2"]
    out = []
    for name, rows in blocks:
        out += ["", f"   Equation: {name}", tab.rule("top"), tab.titles(titles), tab.rule("mid")]
        out += [tab.row(list(row)) for row in rows]
        out.append(tab.rule("bottom"))
    return "\n".join(out)
