"""``sampsi``: Stata 13's sample size and power for means and proportions (sampsi.ado's
_SAmpsi: normal approximations; two proportions with Fleiss' continuity correction unless
nocontinuity).

    sampsi #1 #2 [, alpha(#) power(#) n1(#) n2(#) ratio(#) sd1(#) sd2(#) onesample onesided
        nocontinuity]

Means when sd1() or sd2() is given, proportions otherwise; sample sizes unless n1() or n2() is
given.  Repeated measures (pre(), post(), r0(), r1(), r01(), method()): sampsi_repeated.py.  r(N_1),
r(N_2), r(power), r(adj) and, for the power of proportions, r(warning).  Numbers in
mlmcli.power_analysis's sampsi functions; layout from sampsi.ado.
"""
from __future__ import annotations

import math

from mlmcli.commands.statistics.power import no_sample_arguments
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("alpha", 1, True), OptionSpec("power", 1, True), OptionSpec("n1", None, True),
           OptionSpec("n2", None, True), OptionSpec("ratio", 1, True), OptionSpec("sd1", 2, True),
           OptionSpec("sd2", None, True), OptionSpec("onesample", 6), OptionSpec("onesided", 6),
           OptionSpec("nocontinuity", 6), OptionSpec("pre", 3, True), OptionSpec("post", 4, True),
           OptionSpec("r0", None, True), OptionSpec("r1", None, True), OptionSpec("r01", None, True),
           OptionSpec("method", 1, True)]


def _number(text, what: str, integer: bool = False) -> float:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {what}() incorrectly specified", 198) from None
    if integer and value != int(value):
        raise StataError(f"option {what}() incorrectly specified", 198)
    return value


def cmd_sampsi(session, cmd) -> None:
    from mlmcli.power_analysis import sampsi_means, sampsi_proportions
    from mlmcli.render.sampsi import render_sampsi
    from mlmcli.results.sampsi import SampsiReport

    body, options = no_sample_arguments(cmd.args or "")
    words = body.split()
    if len(words) < 2:
        raise StataError("invalid syntax", 198 if words else 7)
    try:
        m1, m2 = float(words[0]), float(words[1])
    except ValueError:
        bad = next(w for w in words[:2] if not _is_number(w))
        raise StataError(f"'{bad}' found where number expected", 7) from None
    if len(words) > 2:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, OPTIONS)
    from mlmcli.commands.statistics.sampsi_repeated import repeated_settings

    repeated = repeated_settings(opts, _number)
    alpha = _number(opts["alpha"], "alpha") if "alpha" in opts else 1 - getattr(session, "level", 95.0) / 100
    power = _number(opts["power"], "power") if "power" in opts else 0.90
    n1 = _number(opts.get("n1", 0), "n1", integer=True)
    n2 = _number(opts.get("n2", 0), "n2", integer=True)
    sd1 = _number(opts.get("sd1", 0), "sd1")
    sd2 = _number(opts.get("sd2", 0), "sd2")
    one_sample, one_sided = bool(opts.get("onesample")), bool(opts.get("onesided"))
    if one_sample and "ratio" in opts:
        raise StataError("options r() and onesample are incompatible", 198)
    ratio = _number(opts["ratio"], "ratio") if "ratio" in opts else 1.0
    if not 0 < alpha < 1:
        raise StataError("alpha() out of range", 198)
    if not 0 < power < 1:
        raise StataError("power() out of range", 198)
    if sd1 < 0 or sd2 < 0:
        raise StataError("sd() out of range", 198)
    continuity = not opts.get("nocontinuity")
    if not continuity and (sd1 != 0 or sd2 != 0 or one_sample):
        raise StataError("option nocontinuity not allowed", 198)
    if ratio <= 0:
        raise StataError("ratio() out of range", 198)
    if n1 < 0 or n2 < 0:
        raise StataError("n() out of range", 198)
    means = sd1 != 0 or sd2 != 0
    if not means and (m1 * (1 - m1) < 0 or m2 * (1 - m2) < 0):
        raise StataError("if testing means, then sd(#) must be specified\n"
                         "if testing proportions, the proportions must be between 0 and 1", 499)
    if means and sd1 != 0 and sd2 != 0 and one_sample:
        raise StataError("for one-sample comparison of mean, only one sd(#) can be specified", 499)
    compute = sampsi_means if means else sampsi_proportions
    kwargs = dict(alpha=alpha, power=power, n1=n1, n2=n2, ratio=ratio, one_sample=one_sample, one_sided=one_sided)
    if repeated is not None:
        return _show_repeated(session, repeated, m1, m2, sd1, sd2 if "sd2" in opts else None, kwargs)
    if means:
        kwargs.update(sd1=sd1, sd2=sd2)
    else:
        kwargs["continuity"] = continuity
    out = compute(m1, m2, **kwargs)
    report = SampsiReport("means" if means else "proportions", one_sample, one_sided, out["solve"], m1, m2,
                          alpha, out["power"], out["n1"], out["n2"], out.get("sd1", 0.0), out.get("sd2", 0.0),
                          out["ratio"], bool(out.get("warning")))
    session.print(render_sampsi(report, session.linesize))
    r = {"adj": 1.0, "power": out["power"], "N_2": out["n2"], "N_1": out["n1"]}
    if "warning" in out:
        r["warning"] = float(out["warning"])
    session.set_r(r)


def _show_repeated(session, settings: dict, m1: float, m2: float, sd1: float, sd2, kwargs: dict) -> None:
    """sampsi.ado's repeated measures: each method's sd factor, then the means computation on the
    adjusted sds (sd2 only when typed, as the ado passes it)."""
    from mlmcli.commands.statistics.sampsi_repeated import method_factors
    from mlmcli.power_analysis import sampsi_means
    from mlmcli.render.sampsi import render_sampsi_repeated
    from mlmcli.results.sampsi import RepeatedMethod, SampsiRepeatedReport

    methods = []
    for name, factor in method_factors(settings):
        out = sampsi_means(m1, m2, sd1=sd1 * factor, sd2=(sd2 * factor) if sd2 is not None else 0.0, **kwargs)
        methods.append(RepeatedMethod(name, factor, sd1 * factor, sd2 * factor if sd2 is not None else None,
                                      out["n1"], out["n2"], out["power"]))
    solve = "n" if kwargs["n1"] == 0 and kwargs["n2"] == 0 else "power"
    n1, n2 = kwargs["n1"], kwargs["n2"]
    if solve == "power":      # _MASs's display of the sizes: the missing one from ratio()
        ratio = kwargs["ratio"]
        n1, n2 = (n1, float(math.ceil(ratio * n1))) if n2 == 0 else ((float(math.ceil(n2 / ratio)), n2) if n1 == 0
                                                                    else (n1, n2))
    session.print(render_sampsi_repeated(SampsiRepeatedReport(
        "means", kwargs["one_sample"], kwargs["one_sided"], solve, m1, m2, kwargs["alpha"], kwargs["power"], n1, n2,
        sd1, sd2 if sd2 is not None else sd1, kwargs["ratio"], False, pre=settings["pre"], post=settings["post"],
        r0=settings["r0"], r1=settings["r1"], r01=settings["r01"], method=settings["method"], methods=tuple(methods))))
    last = methods[-1]
    session.set_r({"adj": last.factor, "power": last.power, "N_2": last.n2, "N_1": last.n1})


def _is_number(word: str) -> bool:
    try:
        float(word)
        return True
    except ValueError:
        return False
