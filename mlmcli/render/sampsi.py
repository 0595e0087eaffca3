"""sampsi's output, laid out as sampsi.ado's _SAmpsi displays it."""
from __future__ import annotations

from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.results.sampsi import SampsiReport, SampsiRepeatedReport

_NOTE = ("Note: For the above sample size(s) and proportion(s), the normal approximation to the binomial "
         "may not be very accurate.  Thus, power calculations are questionable.")


def _at(column: int, text: str) -> str:
    """Text starting at 1-based column (Stata's _col())."""
    return " " * (column - 1) + text


def render_sampsi(r: SampsiReport, linesize: int) -> str:
    f = format_number
    means = r.kind == "means"
    what = "sample size" if r.solve == "n" else "power"
    if r.one_sample:
        noun = "mean" if means else "proportion"
        out = ["", f"Estimated {what} for one-sample comparison of {noun}", "  to hypothesized value", ""]
        if means:
            out.append(f"Test Ho: m = {f(r.m1, '%6.0g')}, where m is the mean in the population")
        else:
            out.append(f"Test Ho: p = {f(r.m1, '%6.4f')}, where p is the proportion in the population")
        out += ["", "Assumptions:", ""]
    else:
        noun, sym = ("means", "m") if means else ("proportions", "p")
        kind = "mean" if means else "proportion"
        out = ["", f"Estimated {what} for two-sample comparison of {noun}", "",
               f"Test Ho: {sym}1 = {sym}2, where {sym}1 is the {kind} in population 1",
               _at(21, f"and {sym}2 is the {kind} in population 2"), "Assumptions:", ""]
    out.append(_at(10, "alpha = ") + f(r.alpha, "%8.4f") + ("  (one-sided)" if r.one_sided else "  (two-sided)"))
    if r.solve == "n":
        out.append(_at(10, "power = ") + f(r.power, "%8.4f"))
    value = "%8.0g" if means else "%8.4f"
    if r.one_sample:
        out.append(f" alternative {'m' if means else 'p'} = " + f(r.m2, value))
        if means:
            out.append(_at(13, "sd = ") + f(r.sd1, "%8.0g"))
        if r.solve == "n":
            out += ["", "Estimated required sample size:", "", _at(14, "n = ") + f(r.n1, "%8.0f")]
        else:
            out += [" sample size n = " + f(r.n1, "%8.0f"), "", "Estimated power:", "",
                    _at(10, "power = ") + f(r.power, "%8.4f")]
    else:
        sym = "m" if means else "p"
        out += [_at(13, f"{sym}1 = ") + f(r.m1, value), _at(13, f"{sym}2 = ") + f(r.m2, value)]
        if means:
            out += [_at(12, "sd1 = ") + f(r.sd1, "%8.0g"), _at(12, "sd2 = ") + f(r.sd2, "%8.0g")]
        if r.solve == "n":
            out += [_at(10, "n2/n1 = ") + f(r.ratio, "%8.2f" if means else "%6.2f"), "",
                    "Estimated required sample sizes:", "",
                    _at(13, "n1 = ") + f(r.n1, "%8.0f"), _at(13, "n2 = ") + f(r.n2, "%8.0f")]
        else:
            out += ["sample size n1 = " + f(r.n1, "%8.0f"), _at(13, "n2 = ") + f(r.n2, "%8.0f"),
                    _at(10, "n2/n1 = ") + f(r.ratio, "%8.2f"), "", "Estimated power:", "",
                    _at(10, "power = ") + f(r.power, "%8.4f")]
    if r.warning:
        out += [""] + wrap_paragraph(_NOTE, linesize, first=0, hanging=6, right=4)
    return "\n".join(out)


def render_sampsi_repeated(r: SampsiRepeatedReport) -> str:
    """sampsi.ado's _MASs assumptions, the measurements, then each method's adjustment and result."""
    f = format_number
    what = "sample size" if r.solve == "n" else "power"
    samples = "one sample" if r.one_sample else "two samples"
    out = ["", f"Estimated {what} for {samples} with repeated measures", "Assumptions:",
           _at(39, "alpha = ") + f(r.alpha, "%8.4f") + ("  (one-sided)" if r.one_sided else "  (two-sided)")]
    if r.solve == "n":
        out.append(_at(39, "power = ") + f(r.power, "%8.4f"))
    if r.one_sample:
        out += [_at(30, " alternative m = ") + f(r.m2, "%8.0g"), _at(42, "sd = ") + f(r.sd1, "%8.0g")]
        if r.solve != "n":
            out.append(_at(30, " sample size n = ") + f(r.n1, "%8.0f"))
    else:
        out += [_at(42, "m1 = ") + f(r.m1, "%8.0g"), _at(42, "m2 = ") + f(r.m2, "%8.0g"),
                _at(41, "sd1 = ") + f(r.sd1, "%8.0g"), _at(41, "sd2 = ") + f(r.sd2, "%8.0g")]
        if r.solve == "n":
            out.append(_at(39, "n2/n1 = ") + f(r.ratio, "%8.2f"))
        else:
            out += [_at(30, "sample size n1 = ") + f(r.n1, "%8.0f"), _at(42, "n2 = ") + f(r.n2, "%8.0f"),
                    _at(39, "n2/n1 = ") + f(r.n2 / r.n1, "%8.2f")]
    out.append("           number of follow-up measurements = " + f(r.post, "%8.0f"))
    if r.post > 1:
        out.append(" correlation between follow-up measurements = " + f(r.r1, "%8.3f"))
    out.append("            number of baseline measurements = " + (f(r.pre, "%8.0f") if r.pre >= 1 else "       0"))
    if r.pre > 1:
        out.append("  correlation between baseline measurements = " + f(r.r0, "%8.3f"))
    if r.pre >= 1:
        out.append("   correlation between baseline & follow-up = " + f(r.r01, "%8.3f"))
    for m in r.methods:
        out += ["", f"Method: {m.name}", " relative efficiency = " + f(m.factor ** -2, "%8.3f"),
                "    adjustment to sd = " + f(m.factor, "%8.3f"), "        adjusted sd1 = " + f(m.sd1, "%8.3f")]
        if m.sd2 is not None:
            out.append("        adjusted sd2 = " + f(m.sd2, "%8.3f"))
        out.append("")
        if r.solve == "n":
            out.append(" Estimated required sample sizes:")
            out.append(_at(19, "n1 = ") + f(m.n1, "%8.0f"))
            if not r.one_sample:
                out.append(_at(19, "n2 = ") + f(m.n2, "%8.0f"))
        else:
            out += [" Estimated power:", "               power = " + f(m.power, "%8.3f")]
        if m.name == "POST" and r.method == "all" and r.pre == 0:
            out += ["", "method(change) and method(ancova) may only be used with baseline measurements"]
    return "\n".join(out)
