"""``power``: sample size or power of the classic tests ([PSS] power).

    power onemean m0 [ma] [, options]
    power twomeans m1 [m2] [, options]
    power pairedmeans [ma1 ma2] [, options]
    power oneproportion p0 [pa] [, options]
    power twoproportions p1 [p2] [, options]
    power twovariances v1 [v2] [, options]   (and the other methods in ``power_methods``)

Any argument may be a parenthesized numlist and numeric options take numlists: then every
combination is computed and shown as a table (as is one computation with ``table``).  Sample
size is computed unless ``n()`` (or ``n1()``/``n2()``) is given, in which case power is.
Not implemented, and refused with a message rather than ignored: effect-size computation
(both n() and power()), ``graph``, the other methods and tests, iteration and table
sub-options.  Numbers in ``mlmcli.power_analysis``; layout from Stata's published logs
(docs/power.md).
"""
from __future__ import annotations

import itertools
import re

import numpy as np

from mlmcli.commands.statistics import power_methods as pm
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import matching_close

# name, minimal abbreviation
_METHODS = [("onemean", 7), ("twomeans", 8), ("pairedmeans", 11), ("oneproportion", 7), ("twoproportions", 7),
            ("onecorrelation", 7), ("twocorrelations", 7), ("oneway", 6), ("onevariance", 6),
            ("twovariances", 6)]
_NOT_IMPLEMENTED = ("twoway", "repeated", "pairedproportions", "pairedpr",
                    "oneslope", "rsquared", "pcorr", "cmh", "mcc", "trend", "cox", "exponential", "logrank")
_NUMBER_SPECS = [OptionSpec("alpha", 1, True), OptionSpec("power", 1, True), OptionSpec("beta", 1, True),
                 OptionSpec("n", None, True), OptionSpec("n1", None, True), OptionSpec("n2", None, True),
                 OptionSpec("nratio", 4, True), OptionSpec("sd", None, True), OptionSpec("sd1", None, True),
                 OptionSpec("sd2", None, True), OptionSpec("diff", None, True), OptionSpec("sddiff", 6, True),
                 OptionSpec("corr", None, True), OptionSpec("altdiff", 6, True), OptionSpec("nulldiff", 5, True),
                 OptionSpec("varerror", 4, True), OptionSpec("npergroup", 4, True), OptionSpec("ratio", None, True)]
_FLAG_SPECS = [OptionSpec("onesided", 6), OptionSpec("knownsd", 7), OptionSpec("knownsds", 8),
               OptionSpec("table", 3, True, arg_optional=True), OptionSpec("notable", 5),
               OptionSpec("graph", 2, True, arg_optional=True), OptionSpec("test", None, True)]


def no_sample_arguments(text: str) -> tuple:
    """(arguments, options) of a command that takes no if or in (power, sampsi): r(101) on them."""
    body, options, _ = split_options(text)
    for word in ("if", "in"):
        if re.search(rf"(^|\s){word}\s", body + " "):
            raise StataError(f"{word} not allowed", 101)
    return body, options


def _method(word: str) -> str:
    low = word.lower()
    for name, minimum in _METHODS:
        if abbreviates(low, name, minimum):
            return name
    if low in _NOT_IMPLEMENTED:
        raise StataError(f"power {low}: this method is not implemented in mlm", 198)
    raise StataError(f"method {word} not allowed", 198)


def _arguments(text: str) -> list[list[float]]:
    """``8 (10(1)14)`` -> [[8], [10, 11, 12, 13, 14]]."""
    out, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "(":
            close = matching_close(text, i, "(")
            if close < 0:
                raise StataError("invalid syntax", 198)
            out.append(_numbers(text[i + 1:close], "arguments"))
            i = close + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] != "(":
                j += 1
            out.append(_numbers(text[i:j], "arguments"))
            i = j
    return out


def _numbers(text: str, what: str) -> list[float]:
    def invalid():
        return StataError(f"{what} must contain numbers", 198)

    values = numlist(text, invalid=invalid)
    if not values:
        raise invalid()
    return values


def cmd_power(session, cmd) -> None:
    body, options = no_sample_arguments(cmd.args or "")
    word, _, rest = body.strip().partition(" ")
    if not word:
        raise StataError("method required", 198)
    method = _method(word)
    # onevariance's sd (no argument) says the arguments are standard deviations
    sd_scale = method in ("onevariance", "twovariances") and any(o.name == "sd" and o.arg is None for o in options)
    options = tuple(o for o in options if not (sd_scale and o.name == "sd" and o.arg is None))
    opts = resolve_options(options, _NUMBER_SPECS + _FLAG_SPECS)
    if sd_scale:
        opts["sd_scale"] = True
    flags = _flags(method, opts)
    values = _values(method, rest, opts)
    solve = _solve(method, values)
    names = list(values)
    cases = []
    for combo in itertools.product(*(values[k] for k in names)):
        case = dict(zip(names, combo))
        if "beta" in case:
            case["power"] = 1 - case.pop("beta")
        if solve == "power" and "n" in case:
            case["N"] = case.pop("n")
        cases.append(pm.complete_case(method, case))
    table_wanted = opts.get("table") is not None and "notable" not in opts
    as_table = (len(cases) > 1 or table_wanted) and "notable" not in opts
    if len(cases) > 1 and "notable" in opts:
        raise StataError("option notable not allowed with multiple values", 198)
    _show(session, method, cases, flags, solve, as_table)


def _flags(method: str, opts: dict) -> dict:
    if "graph" in opts:
        raise StataError("option graph not allowed: mlm does not draw power graphs", 198)
    if isinstance(opts.get("table"), str) and opts["table"].strip():
        raise StataError("table(): suboptions are not implemented in mlm", 198)
    if "test" in opts:
        wanted = str(opts["test"]).strip().lower()
        default = {"twoproportions": "chi2", "oneproportion": "score"}.get(method)
        if wanted != default:
            raise StataError(f"test({wanted}) not allowed: mlm implements test({default or 't'}) only", 198)
    if method == "oneway" and "onesided" in opts:
        raise StataError("option onesided not allowed", 198)
    known = "knownsd" in opts or "knownsds" in opts
    if known and method not in ("onemean", "twomeans", "pairedmeans"):
        raise StataError(f"option knownsd{'s' if 'knownsds' in opts else ''} not allowed", 198)
    return {"onesided": "onesided" in opts, "knownsd": known}


def _values(method: str, rest: str, opts: dict) -> dict:
    values: dict = {}
    args = _arguments(rest)
    names = pm.ARGUMENTS[method]
    if opts.get("sd_scale"):     # onevariance, twovariances, sd: the arguments are standard deviations
        names = ("s0", "sa") if method == "onevariance" else ("s1", "s2")
    if method == "oneway":
        if len(args) < 2:
            raise StataError("power oneway: at least two group means required (mlm does not implement varmeans())",
                             198)
        names = tuple(f"m{i + 1}" for i in range(len(args)))
    if len(args) > len(names):
        raise StataError("too many arguments specified", 198)
    for name, v in zip(names, args):
        values[name] = v
    allowed = ("alpha", "power", "beta", "n") + pm.NUMBER_OPTIONS[method]
    for spec in _NUMBER_SPECS:
        if spec.name in opts:
            if spec.name not in allowed:
                raise StataError(f"option {spec.name}() not allowed", 198)
            values[spec.name] = _numbers(str(opts[spec.name]), f"{spec.name}()")
    values.setdefault("alpha", [0.05])
    if "sd" in values and ("sd1" in values or "sd2" in values) and method == "twomeans":
        raise StataError("option sd() may not be combined with sd1() or sd2()", 198)
    return values


def _solve(method: str, values: dict) -> str:
    sizes = [k for k in ("n", "n1", "n2", "npergroup") if k in values]
    if "power" in values and "beta" in values:
        raise StataError("only one of power() or beta() is allowed", 198)
    if sizes and ("power" in values or "beta" in values):
        raise StataError("computing effect size (both a sample size and power) is not implemented in mlm", 198)
    if not sizes:
        if "beta" not in values:
            values.setdefault("power", [0.8])
        for p in values.get("power", []) + [1 - b for b in values.get("beta", [])]:
            if not 0 < p < 1:
                raise StataError("power() must contain numbers between 0 and 1", 198)
        return "n"
    if "n" in values and ("n1" in values or "n2" in values or "npergroup" in values):
        raise StataError("option n() may not be combined with n1() or n2()", 198)
    if "n1" in values and "n2" in values and "nratio" in values:
        raise StataError("option nratio() may not be combined with both n1() and n2()", 198)
    for k in sizes:
        for v in values[k]:
            if v != int(v) or v < (2 if method not in pm.TWO_SAMPLE or k != "n" else 4):
                raise StataError(f"sample size in {k}() must be an integer of at least 2 (per group)", 198)
    return "power"


def _show(session, method: str, cases: list[dict], flags: dict, solve: str, as_table: bool) -> None:
    from mlmcli.power_analysis import PowerComputationError
    from mlmcli.render.power import render_power_report, render_power_table
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.power import PowerReport, PowerTable

    normal = flags["knownsd"] or "proportion" in method or "correlation" in method
    iterated = solve == "n" and not (flags["onesided"] and normal)
    what = "sample size" if method not in pm.TWO_SAMPLE else "sample sizes"
    several = method in pm.TWO_SAMPLE or method == "oneway"
    test_name = pm.TITLES[method]
    if method == "onevariance" and "s0" in cases[0]:
        test_name = "a one-sample standard-deviation test"
    title = f"Estimated {what if solve == 'n' else 'power'} for {test_name}"
    done, failed = [], False
    for case in cases:
        try:
            done.append(pm.evaluate(method, case, flags, solve))
        except PowerComputationError as exc:
            if not as_table:
                raise StataError(_failure_message(str(exc)), 198) from None
            done.append({**case, ("N" if solve == "n" else "power"): float("nan")})
            failed = True
    first = done[0]
    test = pm.test_line(method, first, flags)
    hyp = pm.hypothesis(method, first, flags["onesided"])
    r = pm.stored(method, done[-1], flags)
    if as_table:
        columns = pm.table_columns(method, first)
        rows = tuple(tuple(_cell(c, name) for name in columns) for c in done)
        session.print(render_power_table(PowerTable(iterated, title, test, hyp, tuple(columns), rows, failed)))
        r["pss_table"] = Matrix(np.array(rows, float), tuple(str(i + 1) for i in range(len(rows))), tuple(columns))
    else:
        left, right, estimates = pm.lines(method, first, solve)
        session.print(render_power_report(PowerReport(iterated, title, test, hyp, left, right,
                                                      "Estimated sample sizes:" if several and solve == "n"
                                                      else f"Estimated {'sample size' if solve == 'n' else 'power'}:",
                                                      estimates)))
    session.set_r(r)


def _cell(case: dict, name: str) -> float:
    try:
        return pm.value_of(case, name)
    except (KeyError, TypeError):
        return float("nan")


def _failure_message(reason: str) -> str:
    if "alternative equals null" in reason:
        return "the alternative value must differ from the null value"
    if "group sizes" in reason:
        return "n() does not split into integer group sizes under nratio(); mlm does not round them"
    return f"power computation failed: {reason}"

