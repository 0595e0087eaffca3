"""What ``sts graph`` estimates beyond the plain Kaplan-Meier line: the option rules of
sts.ado's Graph_wrk (which function, which band, adjustfor()/strata(), per(), the smoothing
options) and each group's curve -- Kaplan-Meier or Nelson-Aalen with their bands (``ci``,
``gwood``, ``cna``), the adjusted survivor or failure function (mlmcli.survival.
adjusted_survivor), the smoothed hazard (mlmcli.survival.sts_hazard)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.survival_curves import left_boundary_option
from mlmcli.syntax.options import real_option


@dataclass(frozen=True)
class GraphChoice:
    statistic: str              # survival | failure | cumhaz | hazard
    ci: bool                    # a band (gwood, cna or the hazard's)
    adjust: tuple[str, ...]     # adjustfor() variables
    strata: tuple[str, ...]     # strata() variables (the groups then)
    separate: bool
    per: float
    kernel: str
    widths: tuple               # width()'s numbers, None for "."
    boundary: bool
    deferred: StataError | None = None  # SmoothHazard's errors: raised after the st settings print
    left_boundary: float | None = None  # leftboundary(#) (undocumented): the hazard's L

    @property
    def grouped_by(self) -> str:
        return "strata" if self.strata else "by"


def graph_choice(session, opts: dict) -> GraphChoice:
    """Graph_wrk's checks, in its order; the choice they leave."""
    from mlmcli.commands.survival.sts import by_variables

    def typed(name):
        value = opts.get(name)
        return value is not None and value is not False

    left = left_boundary_option(opts.get("leftboundary"))  # a syntax error: before every check
    if typed("cumhaz") and typed("na"):
        raise StataError("options cumhaz and na may not be combined", 198)
    if typed("by") and typed("strata"):
        raise StataError("options by() and strata() may not be combined", 198)
    if typed("separate") and not (typed("by") or typed("strata")):
        raise StataError("option separate requires either by() or strata()", 198)
    _exclusive([n for n in ("survival", "failure", "hazard", "cumhaz", "na") if typed(n)])
    _exclusive([n for n in ("ci", "gwood", "cna") if typed(n)])
    functions = [n for n in ("survival", "failure", "hazard", "cumhaz", "na") if typed(n)]
    if not functions and typed("cna"):
        raise StataError("option cna may not be used with the default survivor function", 198)
    _exclusive([n for n in ("survival", "failure", "cna") if typed(n)])
    _exclusive([n for n in ("na", "cumhaz", "gwood") if typed(n)])
    _exclusive([n for n in ("hazard", "gwood", "cna") if typed(n)])
    statistic = "cumhaz" if typed("na") else (functions[0] if functions else "survival")
    ci = typed("ci") or typed("gwood") or typed("cna")
    adjust = tuple(by_variables(session, opts.get("adjustfor"))) if typed("adjustfor") else ()
    strata = tuple(by_variables(session, opts.get("strata"))) if typed("strata") else ()
    if strata and not adjust:
        raise StataError("strata() requires adjustfor(); perhaps you mean by()", 198)
    table = bool(opts.get("risktable"))
    if typed("separate") and table:
        raise StataError("options separate and risktable may not be combined", 198)
    # (atriskopts() means atrisk and lostopts() lost, as the ado sets them before these checks)
    atrisk, lost = typed("atrisk") or typed("atriskopts"), typed("lost") or typed("lostopts")
    per = real_option(opts, "per", 1.0)
    if statistic == "hazard":
        if per != 1.0:
            raise StataError("option hazard not allowed with per()", 198)
        for name, on in (("enter", typed("enter")), ("lost", lost), ("atrisk", atrisk)):
            if on:
                raise StataError(f"options {name} and hazard may not be combined", 198)
        if table:
            raise StataError("options hazard and risktable may not be combined", 198)
        if typed("censored"):
            raise StataError("options censored() and hazard may not be combined", 198)
    for name in ("kernel", "width", "noboundary"):
        if typed(name) and statistic != "hazard":
            raise StataError(f"option {name}{'()' if name != 'noboundary' else ''} only allowed with hazard", 198)
    if adjust:
        if statistic == "cumhaz":
            raise StataError(f"options adjustfor() and {'na' if typed('na') else 'cumhaz'} may not be combined", 198)
        if ci:
            word = "ci" if typed("ci") else "gwood"  # (hazard's own word cihazard is not typed)
            raise StataError(f"options adjustfor() and {word} may not be combined", 198)
    if per != 1.0:
        if statistic == "cumhaz":
            raise StataError(f"options {'na' if typed('na') else 'cumhaz'} and per() may not be combined", 198)
        if ci:
            raise StataError("option ci not allowed with per()", 198)
        if atrisk:
            raise StataError("option atrisk not allowed with per()", 198)
        if lost or typed("enter"):
            raise StataError("options lost and enter not allowed with per()", 198)
    groups = strata or tuple(by_variables(session, opts.get("by")) if typed("by") else ())
    if statistic == "hazard" and len(groups) > 1:
        raise StataError("may not specify hazard with more than one by/strata variable;\n"
                         f'use "egen ... = group({" ".join(groups)})" to make a single variable', 198)
    if adjust and (lost or atrisk or typed("enter") or typed("censored")):
        raise StataError("options atrisk, censored, lost, and enter may not be combined with adjustfor()", 198)
    if adjust and table:
        raise StataError("options adjustfor() and risktable may not be combined", 198)
    kernel, widths, deferred = _smoothing(opts)
    return GraphChoice(statistic, ci, adjust, strata, typed("separate"), per, kernel, widths, not typed("noboundary"),
                       deferred, left)


def _exclusive(words: list[str]) -> None:
    if len(words) > 1:
        raise StataError(f"options {words[0]} and {words[1]} may not be combined", 198)




def _smoothing(opts) -> tuple[str, tuple, StataError | None]:
    """(kernel, widths, the error SmoothHazard stops with): its ``confirm number`` of each
    width() word (r(7)), then kdensity's reading of the kernel word as its own option
    (``option bogus not allowed`` r(198)) -- both after sts.ado has printed the st settings."""
    from mlmcli.graphs.fitted_plots import kernel_name

    deferred = None
    widths = []
    for word in str(opts.get("width") or "").split():
        if word == ".":
            widths.append(None)
            continue
        try:
            widths.append(float(word))
        except ValueError:
            deferred = deferred or StataError(f"'{word}' found where number expected", 7)
            widths.append(None)
    typed = opts.get("kernel") if isinstance(opts.get("kernel"), str) else None
    try:
        name = kernel_name(typed)
    except StataError:
        name = "epanechnikov"
        deferred = deferred or StataError(f"option {typed.strip()} not allowed", 198)
    return name, tuple(widths), deferred


def function_name(choice: GraphChoice) -> str:
    """The plotted function's name, as the curve's legend entry."""
    return {"cumhaz": "Cumulative hazard", "failure": "Failure function",
            "hazard": "Smoothed hazard function"}.get(choice.statistic, "Survivor function")


def title(choice: GraphChoice, grouped: bool) -> str:
    """Graph_wrk's title: the function's words, "s" with groups, " per #", and the second line
    "adjusted for varlist" (cut to 47 characters and "..." beyond 50)."""
    words = {"cumhaz": "Nelson-Aalen cumulative hazard estimate", "hazard": "Smoothed hazard estimate",
             "survival": "Survivor function" if choice.adjust else "Kaplan-Meier survival estimate",
             "failure": "Failure function" if choice.adjust else "Kaplan-Meier failure estimate"}[choice.statistic]
    if grouped:
        words += "s"
    if choice.per != 1.0:
        words += f" per {choice.per:g}"
    if choice.adjust:
        listed = " ".join(choice.adjust)
        if len(listed) > 50:
            listed = listed[:47] + "..."
        words += "\nadjusted for " + listed
    return words


@dataclass(frozen=True)
class GroupCurve:
    x: np.ndarray
    y: np.ndarray
    lower: np.ndarray | None   # the band's bounds at x (None: no band)
    upper: np.ndarray | None
    step: bool                 # connect(J) and a stairs band; False: straight lines (hazard)
    km: object = None          # the Kaplan-Meier table (censored() marks), None otherwise


def group_curves(session, choice: GraphChoice, group_list, weights, level: float, noorigin: bool,
                 tmin: float, tmax: float) -> list[GroupCurve | None]:
    """One curve per group of group_list; None for a group without failures under hazard."""
    from mlmcli.commands.survival.sts import estimate

    failure = choice.statistic == "failure"
    if choice.statistic == "hazard":
        return _hazards(session, choice, group_list, weights, level, tmin, tmax)
    if choice.adjust:
        out = []
        for times, surv, _ in adjusted_tables(session, choice, group_list, weights):
            x, y = (times, surv) if noorigin else (np.r_[0.0, times], np.r_[1.0, surv])
            y = (1.0 - y) if failure else y
            keep = (x >= tmin) & (x <= tmax)
            out.append(GroupCurve(x[keep], y[keep] * choice.per, None, None, True))
        return out
    from mlmcli.commands.survival.sts_graph_parts import step_points

    # sts.ado draws the cumulative hazard without the origin row (Graph_wrk: `if "`na'" != ""
    # local origin "noorigin"`, cumhaz being na there): it starts at the first row
    noorigin = noorigin or choice.statistic == "cumhaz"
    out = []
    for _, _, mask in group_list:
        km = estimate(session, mask, weights, level)
        x, y, lo, hi = step_points(km, failure, noorigin, tmin, tmax, choice.statistic == "cumhaz")
        if choice.statistic == "cumhaz" and choice.ci:
            lo, hi = _nelson_aalen_bounds(km, level, x, noorigin)
        out.append(GroupCurve(x, y * choice.per, lo if choice.ci else None, hi if choice.ci else None, True, km))
    return out


def _nelson_aalen_bounds(km, level: float, x, noorigin: bool):
    """AddSurv's lba/uba: A exp(-+z sqrt(sum d/n^2)/A) at each table row (missing where A = 0),
    the last row's missing bound carried from the row before (the ado's "extend properly")."""
    from mlmcli.survival.kaplan_meier import nelson_aalen

    _, _, lo, hi = nelson_aalen(km, level)
    if not noorigin:
        lo, hi = np.r_[np.nan, lo], np.r_[np.nan, hi]
        times = np.r_[-np.inf, km.time]
    else:
        times = km.time
    at = np.searchsorted(times, x)  # x: the rows step_points kept
    return lo[at], hi[at]


def adjusted_fit(session, adjust, strata, group_list, weights):
    """(rows of the sample, their _t, the baselines): one stcox of _t on the adjustfor() variables
    per by() group (or, with strata(), one stratified fit), every adjustfor() variable at 0."""
    from mlmcli.commands.survival.sts import st_columns
    from mlmcli.survival.adjusted_survivor import adjusted_baselines

    rows = np.zeros(session.data.nobs, bool)
    code = np.full(session.data.nobs, -1)
    for k, (_, _, mask) in enumerate(group_list):
        rows |= mask
        code[mask] = k
    t0, t, d = st_columns(session, rows)
    X = np.column_stack([session.data.numeric(v)[rows] for v in adjust])
    codes = code[rows]
    bases = adjusted_baselines(t0, t, d, X, None if weights is None else weights[rows],
                               None if strata or len(group_list) == 1 else codes, codes if strata else None)
    return rows, t, bases


def adjusted_tables(session, choice: GraphChoice, group_list, weights):
    """(distinct _t, S0, basehc) per group of group_list (by() groups or strata)."""
    _, t, bases = adjusted_fit(session, choice.adjust, choice.strata, group_list, weights)
    return [b.table(t) for b in bases]


def adjusted_rows(session, adjust) -> np.ndarray:
    """st_smpl's marking out of records with a missing adjustfor() variable."""
    keep = np.ones(session.data.nobs, bool)
    for v in adjust:
        keep &= ~np.isnan(session.data.numeric(v))
    return keep


def _hazards(session, choice, group_list, weights, level, tmin, tmax) -> list[GroupCurve]:
    from mlmcli.commands.survival.sts import estimate
    from mlmcli.survival.sts_hazard import Contributions, km_contributions, smoothed_hazards

    if choice.adjust:
        contributions = [Contributions(times, hazard) for times, _, hazard in
                         adjusted_tables(session, choice, group_list, weights)]
    else:
        contributions = [km_contributions(estimate(session, mask, weights, level)) for _, _, mask in group_list]
    curves = smoothed_hazards(contributions, choice.kernel, choice.widths, choice.boundary,
                              None if not np.isfinite(tmin) else tmin, None if not np.isfinite(tmax) else tmax,
                              level if choice.ci else None, left_boundary=choice.left_boundary)
    return [None if c is None else GroupCurve(c.at, c.y, c.lower, c.upper, False) for c in curves]
