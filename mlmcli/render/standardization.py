"""dstdize's output as dstdize.ado displays it (its _col() and _skip() arithmetic)."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.standardization import DstdizeReport


class _Line:
    """One display line built as Stata's di does: _col(n) pads up to column n, never back."""

    def __init__(self) -> None:
        self.text = ""

    def col(self, n: int) -> "_Line":
        if len(self.text) < n - 1:
            self.text += " " * (n - 1 - len(self.text))
        return self

    def add(self, s: str) -> "_Line":
        self.text += s
        return self


def _value(v, width: int = 9) -> str:
    """A stratum or group value: strings end at column 9 (_col(10 - length)), numbers %9.0g."""
    if isinstance(v, str):
        return " " * max(0, 9 - len(v)) + v if len(v) <= 9 else v
    return format_number(v, "%9.0g")


def render_dstdize(r: DstdizeReport) -> str:
    f = format_number
    k = len(r.strata_names)
    col = -6 + 9 * k
    out: list[str] = []
    if r.standard:
        dashes = 28 + col
        d2 = min(80, round((dashes - 19) / 2))
        dashes = min(dashes, 80)
        out += ["", "-" * d2 + "Standard Population" + "-" * d2,
                _Line().col(col).add("Stratum       Pop.     Dist.").text, "-" * dashes]
        for values, pop, share in r.standard:
            out.append("".join(_value(v) for v in values) + "  " + f(pop, "%9.0g") + f(share, "%10.3f"))
        out += ["-" * dashes, _Line().add("Total:").col(col).add(f(r.standard_total, "%14.0g")).text]
    if r.excluded:
        out.append(f"({r.excluded} observation{'s' if r.excluded != 1 else ''} excluded because of missing values)")
    dashes = min(55 + col, 80)
    cl = col + 6
    level_text = f"{r.level:g}"
    spaces = "   " if len(level_text) == 2 else " " if len(level_text) == 4 else ""
    for g in r.groups:
        out += ["", "-" * dashes,
                "-> " + " ".join(r.by_names) + "= " + "".join(_group_value(v) + " " for v in g.group),
                _Line().col(col).add("                       -----Unadjusted-----  Std.").text,
                _Line().col(col).add("                              Pop.  Stratum  Pop.").text,
                _Line().col(col).add("Stratum       Pop.     Cases  Dist. Rate[s] Dst[P]  s*P").text,
                "-" * dashes]
        for row in g.rows:
            out.append("".join(_value(v) for v in row.stratum) + f(row.pop, "%11.0g") + f(row.cases, "%10.0g")
                       + f(row.share, "%7.3f") + f(row.rate, "%7.4f") + f(row.std_share, "%7.3f")
                       + f(row.rate * row.std_share, "%7.4f"))
        out += ["-" * dashes,
                _Line().add("Totals:").col(cl).add(f(g.pop, "%12.0g") + f(g.cases, "%10.0g")
                                                   + "    Adjusted Cases:" + f(g.adjusted_cases, "%9.1f")).text,
                _Line().col(cl).add(" " * 30 + "Crude Rate:" + f(g.crude, "%9.4f")).text,
                _Line().col(cl).add(" " * 27 + "Adjusted Rate:" + f(g.adjusted, "%9.4f")).text,
                _Line().col(cl).add(" " * 12 + spaces + level_text + "% Conf. Interval: [" + f(g.lower, "%6.4f")
                                    + ", " + f(g.upper, "%6.4f") + "]").text]
    out += ["", "Summary of Study Populations:"]
    names = [abbrev(n, 8) for n in r.by_names]
    for name in names[:-1]:
        out.append(_Line().col(10 - len(name)).add(name + " ").text)
    last = _Line().col(10 - len(names[-1])).add(names[-1])
    last.col(14).add("N").col(21).add("Crude").col(31).add("Adj_Rate").col(46).add("Confidence Interval")
    out += [last.text, " " + "-" * 74]
    width = _format_width(r.fmt)
    skip = " " * max(0, 10 - width)
    for g in r.groups:
        for v in g.group[:-1]:
            out.append(_group_cell(v) + " ")
        line = _Line().add(_group_cell(g.group[-1]))
        line.col(4).add(f(g.pop, "%11.0g")).col(16).add(skip + f(g.crude, r.fmt)).col(29).add(skip + f(g.adjusted, r.fmt))
        line.col(43).add("[" + skip + f(g.lower, r.fmt) + ",").col(57).add(skip + f(g.upper, r.fmt) + "]")
        out.append(line.text)
    return "\n".join(out)


def _group_value(v) -> str:
    return v if isinstance(v, str) else format_number(v, "%9.0g").strip()


def _group_cell(v) -> str:
    if isinstance(v, str):
        return _Line().col(max(1, 10 - len(v))).add(v if len(v) < 10 else v[:9] + " ").text
    return format_number(v, "%9.0g")


def _format_width(fmt: str) -> int:
    import re

    m = re.match(r"%-?0?(\d+)", fmt)
    return int(m.group(1)) if m else 10
