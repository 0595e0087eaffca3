"""``power``'s methods: what each one's parameters are, how they become an engine Design,
and the lines, columns and r() it shows ([PSS] power onemean, twomeans, pairedmeans,
oneproportion, twoproportions).

A case is one combination of the typed values (``{"m1": 8, "m2": 12, "sd": 9, "alpha": .05 ...}``);
``evaluate`` completes it with the computed N or power and the derived delta.
"""
from __future__ import annotations

import math
import re

from mlmcli.errors import StataError
from mlmcli.power_analysis import Design, PowerComputationError, group_sizes, power_at, rounded_up, sample_size
from mlmcli.results.power import PowerLine

TITLES = {"onemean": "a one-sample mean test", "twomeans": "a two-sample means test",
          "pairedmeans": "a two-sample paired-means test", "oneproportion": "a one-sample proportion test",
          "twoproportions": "a two-sample proportions test", "onecorrelation": "a one-sample correlation test",
          "twocorrelations": "a two-sample correlations test", "oneway": "one-way ANOVA",
          "onevariance": "a one-sample variance test", "twovariances": "a two-sample variances test"}
TWO_SAMPLE = ("twomeans", "twoproportions", "twocorrelations", "twovariances")
# the typed arguments of each method, in order
ARGUMENTS = {"onemean": ("m0", "ma"), "twomeans": ("m1", "m2"), "pairedmeans": ("ma1", "ma2"),
             "oneproportion": ("p0", "pa"), "twoproportions": ("p1", "p2"), "onecorrelation": ("r0", "ra"),
             "twocorrelations": ("r1", "r2"), "oneway": (),     # oneway: m1, m2, ... as typed
             "onevariance": ("v0", "va"),                       # with sd: s0, sa
             "twovariances": ("v1", "v2")}                      # with sd: s1, s2
# options holding numbers (numlists) each method accepts besides alpha, power, beta, n
NUMBER_OPTIONS = {"onemean": ("sd", "diff"), "twomeans": ("sd", "sd1", "sd2", "diff", "n1", "n2", "nratio"),
                  "pairedmeans": ("sd", "sd1", "sd2", "sddiff", "corr", "altdiff", "nulldiff"),
                  "oneproportion": ("diff",), "twoproportions": ("diff", "n1", "n2", "nratio"),
                  "onecorrelation": ("diff",), "twocorrelations": ("diff", "n1", "n2", "nratio"),
                  "oneway": ("varerror", "npergroup"), "onevariance": ("ratio",),
                  "twovariances": ("ratio", "n1", "n2", "nratio")}


def group_means(case: dict) -> list[float]:
    """oneway's typed means m1, m2, ... of one case."""
    return [case[f"m{i}"] for i in range(1, 1 + sum(1 for k in case if re.fullmatch(r"m\d+", k)))]


def _bad(message: str, rc: int = 198) -> StataError:
    return StataError(message, rc)


def design_of(method: str, case: dict, flags: dict) -> Design:
    """The engine's Design of one case; r(198) on values the method rejects."""
    alpha = case["alpha"]
    if not 0 < alpha < 1:
        raise _bad("alpha() must contain numbers between 0 and 1")
    common = dict(alpha=alpha, onesided=flags["onesided"], nratio=case.get("nratio", 1.0))
    if common["nratio"] <= 0:
        raise _bad("nratio() must contain positive numbers")
    if method == "onemean":
        sd = case.get("sd", 1.0)
        _positive(sd, "sd()")
        return Design(method, case["m0"], case["ma"], sd, known_sd=flags["knownsd"], **common)
    if method == "twomeans":
        if "sd" in case:
            s1 = s2 = case["sd"]
        else:
            s1, s2 = case.get("sd1", 1.0), case.get("sd2", 1.0)
        for value, name in ((s1, "sd1()"), (s2, "sd2()")):
            _positive(value, name)
        equal = "sd1" not in case and "sd2" not in case
        return Design(method, case["m1"], case["m2"], s1, s2, equal_sds=equal, known_sd=flags["knownsd"], **common)
    if method in ("onevariance", "twovariances"):
        null, alt = ("v0", "va") if method == "onevariance" else ("v1", "v2")
        for name in (null, alt):
            _positive(case[name], "variances and standard deviations")
        return Design(method, case[null], case[alt], **common)
    if method == "oneway":
        _positive(case["Var_e"], "varerror()")
        return Design(method, 0.0, 0.0, groups=int(case["N_g"]), effect=case["Var_m"] / case["Var_e"], **common)
    if method == "pairedmeans":
        _positive(case["sd_d"], "sddiff()")
        return Design(method, case["d0"], case["da"], case["sd_d"], known_sd=flags["knownsd"], **common)
    for name in ARGUMENTS[method]:
        if "correlation" in method and not -1 < case[name] < 1:
            raise _bad("correlations must contain numbers between -1 and 1")
        if "proportion" in method and not 0 < case[name] < 1:
            raise _bad("proportions must contain numbers between 0 and 1")
    return Design(method, case[ARGUMENTS[method][0]], case[ARGUMENTS[method][1]], **common)


def _positive(value: float, name: str) -> None:
    if not value > 0:
        raise _bad(f"{name} must contain positive numbers")


def complete_case(method: str, case: dict) -> dict:
    """Derived parameters: the alternative from diff(), pairedmeans' differences and sd_d, delta."""
    case = dict(case)
    if method == "oneway":
        means = group_means(case)
        k = len(means)
        center = sum(means) / k
        case["N_g"] = float(k)
        case["Var_m"] = sum((m - center) ** 2 for m in means) / k
        case["Var_e"] = case.get("varerror", 1.0)
        case["delta"] = math.sqrt(case["Var_m"] / case["Var_e"]) if case["Var_e"] > 0 else float("nan")
        if "npergroup" in case:
            case["N"] = case.pop("npergroup") * k
        return case
    if method in ("onevariance", "twovariances"):
        return _variance_case(case)
    null, alt = ARGUMENTS[method]
    if method == "pairedmeans":
        case["d0"] = case.get("nulldiff", 0.0)
        if "altdiff" in case:
            case["da"] = case["altdiff"]
        elif "ma1" in case and "ma2" in case:
            case["da"] = case["ma2"] - case["ma1"]
        else:
            raise _bad("either altdiff() or both ma1 and ma2 must be specified")
        if "sddiff" in case:
            case["sd_d"] = case["sddiff"]
        elif "corr" in case:
            s1 = case.get("sd1", case.get("sd"))
            s2 = case.get("sd2", case.get("sd"))
            if s1 is None or s2 is None:
                raise _bad("sd1() and sd2() or sd() must be specified with corr()")
            if not -1 < case["corr"] < 1:
                raise _bad("corr() must contain numbers between -1 and 1")
            case["sd1"], case["sd2"] = s1, s2
            case["sd_d"] = math.sqrt(s1 * s1 + s2 * s2 - 2 * case["corr"] * s1 * s2)
        else:
            case["sd_d"] = 1.0
        case["delta"] = (case["da"] - case["d0"]) / case["sd_d"]
        return case
    if null not in case:
        raise _bad(f"{null} must be specified")
    if alt not in case:
        if "diff" not in case:
            raise _bad(f"either {alt} or diff() must be specified; mlm does not compute effect sizes")
        case[alt] = case[null] + case["diff"]
    elif "diff" in case:
        raise _bad(f"only one of {alt} or diff() may be specified")
    diff = case[alt] - case[null]
    case["delta"] = diff / case.get("sd", 1.0) if method == "onemean" else diff
    return case


def _variance_case(case: dict) -> dict:
    """onevariance: v0 and va (or s0 and sa with sd), va from ratio() when given; delta the ratio
    (twovariances: v1 and v2, or s1 and s2)."""
    sd_scale = "s0" in case or "s1" in case
    two = "v1" in case or "s1" in case
    null, alt = {(False, False): ("v0", "va"), (True, False): ("s0", "sa"), (False, True): ("v1", "v2"),
                 (True, True): ("s1", "s2")}[(sd_scale, two)]
    if alt in case and "ratio" in case:
        raise _bad(f"only one of {alt} or ratio() may be specified")
    if alt not in case:
        if "ratio" not in case:
            raise _bad(f"either {alt} or ratio() must be specified; mlm does not compute effect sizes")
        case[alt] = case[null] * case["ratio"]
    if sd_scale:
        case["v1" if two else "v0"], case["v2" if two else "va"] = case[null] ** 2, case[alt] ** 2
    case["delta"] = case[alt] / case[null] if case[null] else float("nan")
    return case


def evaluate(method: str, case: dict, flags: dict, solve: str) -> dict:
    """The case with N (N1, N2) or power filled in; PowerComputationError when it fails."""
    design = design_of(method, case, flags)
    out = dict(case)
    two = method in TWO_SAMPLE
    if method == "oneway":
        k = design.groups
        if solve == "n":
            per = rounded_up(sample_size(design, case["power"]) / k)
            out.update(N=float(per * k), N_per_group=float(per))
            return out
        if case["N"] % k:
            raise PowerComputationError("group sizes are not integers")
        out.update(N_per_group=case["N"] / k, power=power_at(design, case["N"]))
        out["beta"] = 1 - out["power"]
        return out
    if solve == "n":
        n = sample_size(design, case["power"])
        if two:
            n1 = n / (1 + design.nratio)
            out["N1"], out["N2"] = rounded_up(n1), rounded_up(design.nratio * n1)
            out["N"] = out["N1"] + out["N2"]
        else:
            out["N"] = rounded_up(n)
        return out
    if two:
        n1, n2 = _groups(design, case)
        out.update(N1=n1, N2=n2, N=n1 + n2)
        out["power"] = power_at(design, n1, n2)
    else:
        out["power"] = power_at(design, case["N"])
    out["beta"] = 1 - out["power"]
    return out


def _groups(design: Design, case: dict) -> tuple[float, float]:
    if "n1" in case and "n2" in case:
        return case["n1"], case["n2"]
    if "n1" in case:
        return case["n1"], case["n1"] * design.nratio
    if "n2" in case:
        return case["n2"] / design.nratio, case["n2"]
    n1, n2 = group_sizes(design, case["N"])
    if abs(n1 - round(n1)) > 1e-9 or abs(n2 - round(n2)) > 1e-9:
        raise PowerComputationError("group sizes are not integers")
    return float(round(n1)), float(round(n2))


def test_line(method: str, case: dict, flags: dict) -> str:
    if method == "onemean":
        return "z test" if flags["knownsd"] else "t test"
    if method == "twomeans":
        if "sd1" in case or "sd2" in case:
            return "z test" if flags["knownsd"] else "Satterthwaite's t test assuming unequal variances"
        return ("z test" if flags["knownsd"] else "t test") + " assuming sd1 = sd2 = sd"
    if method == "pairedmeans":
        return "Paired z test" if flags["knownsd"] else "Paired t test"
    if "correlation" in method:
        return "Fisher's z test"
    if method == "oneway":
        return "F test for group effect"
    if method == "onevariance":
        return "Chi-squared test"
    if method == "twovariances":
        return "F test"
    return "Score z test" if method == "oneproportion" else "Pearson's chi-squared test"


def hypothesis(method: str, case: dict, onesided: bool) -> str:
    if method == "oneway":
        return "Ho: delta = 0  versus  Ha: delta != 0"
    if method == "twovariances":
        par, null = ("s2", "s1") if "s1" in case else ("v2", "v1")
        sign = "!=" if not onesided else ">" if case["delta"] > 1 else "<"
        return f"Ho: {par} = {null}  versus  Ha: {par} {sign} {null}"
    if method == "onevariance":
        par, null = ("s", "s0") if "s0" in case else ("v", "v0")
        sign = "!=" if not onesided else ">" if case["delta"] > 1 else "<"
        return f"Ho: {par} = {null}  versus  Ha: {par} {sign} {null}"
    par, null = {"onemean": ("m", "m0"), "twomeans": ("m2", "m1"), "pairedmeans": ("d", "d0"),
                 "oneproportion": ("p", "p0"), "twoproportions": ("p2", "p1"), "onecorrelation": ("r", "r0"),
                 "twocorrelations": ("r2", "r1")}[method]
    sign = "!="
    if onesided:
        sign = ">" if case["delta"] > 0 else "<"
    return f"Ho: {par} = {null}  versus  Ha: {par} {sign} {null}"


def parameter_names(method: str, case: dict) -> tuple[list[str], list[str]]:
    """The study parameters after alpha and power/N: left column, right column (pairedmeans)."""
    if method == "onemean":
        return ["delta", "m0", "ma"] + (["diff"] if "diff" in case else []) + ["sd"], []
    if method == "twomeans":
        sds = ["sd1", "sd2"] if ("sd1" in case or "sd2" in case) else ["sd"]
        return ["delta", "m1", "m2"] + (["diff"] if "diff" in case else []) + sds, []
    if method == "twovariances":
        names = ["s1", "s2"] if "s1" in case else ["v1", "v2"]
        return ["delta"] + names + (["ratio"] if "ratio" in case else []), []
    if method == "onevariance":
        names = ["s0", "sa"] if "s0" in case else ["v0", "va"]
        return ["delta"] + names + (["ratio"] if "ratio" in case else []), []
    if method == "oneway":
        return ["delta", "N_g"] + [f"m{i + 1}" for i in range(len(group_means(case)))] + ["Var_m", "Var_e"], []
    if method == "pairedmeans":
        right = (["ma1", "ma2"] if "ma1" in case and "altdiff" not in case else [])
        right += ["sd1", "sd2", "corr"] if "corr" in case and "sddiff" not in case else []
        return ["delta", "d0", "da", "sd_d"], right
    null, alt = ARGUMENTS[method]
    return ["delta", null, alt] + (["diff"] if "diff" in case else []), []


def value_of(case: dict, name: str) -> float:
    if name in ("sd", "sd1", "sd2") and name not in case:
        return case.get("sd", 1.0) if name == "sd" else case.get(name, case.get("sd", 1.0))
    return float(case[name])


def lines(method: str, case: dict, solve: str) -> tuple[tuple[PowerLine, ...], tuple[PowerLine, ...], tuple[PowerLine, ...]]:
    """Study parameters (left, right) and the estimate lines of one case."""
    two = method in TWO_SAMPLE
    nratio = case.get("nratio", 1.0)
    left = [PowerLine("alpha", case["alpha"])]
    left += [PowerLine("power", case["power"])] if solve == "n" else _size_lines(method, case)
    names, right_names = parameter_names(method, case)
    for name in names:
        left.append(PowerLine(name, value_of(case, name), "integer" if name == "N_g" else "real",
                              note="(difference)" if method == "twoproportions" and name == "delta" else ""))
    if solve == "n" and two and nratio != 1:
        left.append(PowerLine("N2/N1", nratio))
    right = tuple(PowerLine(name, value_of(case, name)) for name in right_names)
    estimates = _size_lines(method, case) if solve == "n" else [PowerLine("power", case["power"])]
    return tuple(left), right, tuple(estimates)


def _size_lines(method: str, case: dict) -> list[PowerLine]:
    """N, then N per group (equal groups) or N1 and N2."""
    out = [PowerLine("N", case["N"], "count")]
    if method == "oneway":
        out.append(PowerLine("N per group", case["N_per_group"], "count"))
    elif method in TWO_SAMPLE and case["N1"] == case["N2"]:
        out.append(PowerLine("N per group", case["N1"], "count"))
    elif method in TWO_SAMPLE:
        out += [PowerLine("N1", case["N1"], "count"), PowerLine("N2", case["N2"], "count")]
    return out


def table_columns(method: str, case: dict) -> list[str]:
    names, right = parameter_names(method, case)
    groups = ["N1", "N2"] if method in TWO_SAMPLE else []
    return ["alpha", "power", "N"] + groups + names + right


def stored(method: str, case: dict, flags: dict) -> dict:
    """r() of one case: its scalars (as [PSS] power's stored results name them) and macros."""
    out: dict = {}
    for name in ("alpha", "power", "beta", "N", "N1", "N2", "nratio", "delta", "diff", "sd", "sd1", "sd2",
                 "m0", "ma", "m1", "m2", "ma1", "ma2", "d0", "da", "sd_d", "corr", "p0", "pa", "p1", "p2",
                 "r0", "ra", "r1", "r2", "N_g", "Var_m", "Var_e", "v0", "va", "s0", "sa", "v1", "v2", "s1", "s2", "ratio") + tuple(k for k in case if re.fullmatch(r"m\d+", k)):
        if name in case:
            out[name] = float(case[name])
    if method in TWO_SAMPLE:
        out.setdefault("nratio", 1.0)
    if method == "onemean" or (method == "twomeans" and "sd1" not in case and "sd2" not in case):
        out["sd"] = value_of(case, "sd")
    if "beta" not in out and "power" in out:
        out["beta"] = 1 - out["power"]
    out["onesided"] = float(flags["onesided"])
    if method in ("onemean", "twomeans", "pairedmeans"):
        out["knownsd" + ("s" if method == "twomeans" else "")] = float(flags["knownsd"])
    out["type"] = "test"
    out["method"] = method
    if "proportion" in method:       # the methods with a test() option
        out["test"] = "score" if method == "oneproportion" else "chi2"
    if flags["onesided"]:
        out["direction"] = "upper" if case["delta"] > 0 else "lower"
    return out
