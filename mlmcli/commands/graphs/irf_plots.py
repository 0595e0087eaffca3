"""``irf graph stat [stat ...] [, irf() impulse() response() noci level(#) lstep(#) ustep(#) cilines
plot#opts() ciopts#() ci#opts() individual isaving() iname() byopts() set() saving() name()
twoway_options]`` ([TS] irf graph; varirf_graph.ado 1.3.20 of the Stata 16 tree): the active irf
file's results, one panel per irfname/impulse/response, drawn as the ado draws them --

    twoway (rarea|rline lo_1 hi_1 step, sort pstyle(ci) yvarlabel("95% CI" ...) ciopts1 ci1opts)
           ... (line stat_1 step, sort pstyle(p1line) plot1opts) ... if touse & step in
           [lstep, ustep], by(irfname impulse response, byopts iscale(*.75)) ytitle("")
           ylabel(#4, angle(horizontal)) xlabel(#4) saving() name() twoway_options

with lo/hi = stat -/+ invnorm(level/100 + (100 - level)/200) std<stat>; ``individual``: one graph
per combination, subtitled "irfname: impulse -> response".  (The ado's ylabels()/xlabels() are
twoway's ylabel()/xlabel() under the undocumented plural spelling.)
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

_SPECS = [OptionSpec("irf", 2, True), OptionSpec("impulse", 1, True), OptionSpec("response", 1, True),
          OptionSpec("noci", 4), OptionSpec("level", 1, True), OptionSpec("lstep", 3, True),
          OptionSpec("ustep", 3, True), OptionSpec("cilines", 3), OptionSpec("individual", 2),
          OptionSpec("isaving", 3, True), OptionSpec("iname", 5, True), OptionSpec("byopts", 4, True),
          OptionSpec("set", 3, True), OptionSpec("saving", 3, True), OptionSpec("name", 4, True),
          *[OptionSpec(f"plot{i}opts", 5, True) for i in range(1, 5)],
          *[OptionSpec(f"ciopts{i}", 7, True) for i in (1, 2)], *[OptionSpec(f"ci{i}opts", 3, True) for i in (1, 2)]]


def _step(opts, name, default, low):
    from mlmcli.syntax.options import integer_option

    value = integer_option(opts, name, default)
    if not low <= value <= 500:
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    return value


def _checks(stats, opts) -> None:
    n = len(stats)
    if n > 4:
        raise StataError("at most four statistics may be included in one graph", 103)
    if n < 1:
        raise StataError("no statistics specified", 102)
    for i in range(n + 1, 5):
        if opts.get(f"plot{i}opts") is not None:
            raise StataError(f"option plot{i}opts() is not allowed with only {n} statistics", 198)
    if not opts.get("noci"):
        if n > 2:
            raise StataError("only two statistics may be included with CIs in one graph", 198)
        if n == 1:
            for name in ("ciopts2", "ci2opts"):
                if opts.get(name) is not None:
                    raise StataError(f"option {name}() is not allowed with only one statistic", 198)
    else:
        for name in ("ciopts1", "ciopts2", "ci1opts", "ci2opts"):
            if opts.get(name) is not None:
                raise StataError(f"options noci and {name}() may not be combined", 198)
        if opts.get("cilines"):
            raise StataError("options noci and cilines may not be combined", 198)
    if len(set(stats)) < n:
        raise StataError(f"duplicate elements found in statlist: {' '.join(stats)}", 198)
    for name in ("irf", "impulse", "response"):
        words = str(opts.get(name) or "").split()
        if len(set(words)) < len(words):
            raise StataError(f"duplicate elements found in {name}({opts[name]})", 198)
    if opts.get("level") is not None and opts.get("noci"):
        raise StataError("options level() and noci may not be combined", 198)
    for name in ("byopts", "name", "saving"):
        if opts.get(name) is not None and opts.get("individual"):
            raise StataError(f"options {name}() and individual may not be combined", 198)
    if not opts.get("individual"):
        for name in ("isaving", "iname"):
            if opts.get(name) is not None:
                raise StataError(f"option {name}() requires the individual option", 198)


def _combinations(f, opts):
    names = list(f.meta)
    chosen = str(opts.get("irf") or "").split() or names
    bad = [n for n in chosen if n not in names]
    if bad:
        raise StataError(f"irfname{'s' if len(bad) > 1 else ''} {' '.join(bad)} not found", 498)
    out = []
    for irf in chosen:
        order = f.meta[irf]["order"]
        impulses = str(opts.get("impulse") or "").split() or order
        responses = str(opts.get("response") or "").split() or order
        for kind, words in (("impulse", impulses), ("response", responses)):
            bad = [w for w in words if w not in order]
            if bad:
                raise StataError(f"{kind}{'s' if len(bad) > 1 else ''} {' '.join(bad)} not found in results from {irf}",
                                 498)
        out += [(irf, i, r) for i in impulses for r in responses]
    return chosen, out


def irf_graph(session, cmd, rest: str) -> None:
    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.commands.statistics.normality import option_text
    from mlmcli.distributions import norm
    from mlmcli.syntax.options import confidence_level

    opts, tw_rest = take_options(cmd.options, _SPECS)
    stats = [w.lower() for w in rest.split()]
    _checks(stats, opts)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    f = load_irf_file(session, opts)
    frame = f.frame
    lstep = _step(opts, "lstep", 0, 0)
    ustep = _step(opts, "ustep", int(np.nanmax(frame["step"].to_numpy(float))) if len(frame) else 0, 1)
    if ustep < lstep:
        raise StataError("ustep() may not be less than lstep()", 198)
    chosen, combos = _combinations(f, opts)
    touse = np.zeros(len(frame), bool)
    names = frame["irfname"].astype(str).to_numpy()
    imps = frame["impulse"].astype(str).to_numpy()
    ress = frame["response"].astype(str).to_numpy()
    for irf, imp, res in combos:
        here = (names == irf) & (imps == imp) & (ress == res)
        touse |= here
        for stat in stats:
            if stat in frame and np.all(np.isnan(frame.loc[here, stat].to_numpy(float))):
                session.print(f"{stat} values are all missing for {irf}: {imp} -> {res}")
    for stat in stats:
        if stat not in frame:
            raise StataError(f"variable {stat} not found", 111)
    noci = bool(opts.get("noci")) or all(f.meta[n]["model"] == "vec" for n in {c[0] for c in combos})
    if not noci and all(np.all(np.isnan(frame.loc[touse, "std" + s].to_numpy(float))) if "std" + s in frame else True
                        for s in stats):
        session.print("standard errors from all selected results are missing, cannot compute confidence "
                      "intervals for the chosen statistics")
        noci = True
    columns = [("__irf_touse", touse.astype(float), None)]
    ciplots, plots = [], []
    cit = "rline" if opts.get("cilines") else "rarea"
    if not noci:
        z = float(norm.ppf(level / 100 + (100 - level) / 200))
        lv = format(level, "g")
        for i, stat in enumerate(stats, start=1):
            add = f" for {stat}" if len(stats) > 1 else ""
            est, sd = frame[stat].to_numpy(float), frame["std" + stat].to_numpy(float)
            # the ado's yvarlabel("95% CI" "95% CI"): the bounds' labels, which the key shows
            columns += [(f"__irf_l{i}", est - z * sd, f"{lv}% CI{add}"), (f"__irf_u{i}", est + z * sd, f"{lv}% CI{add}")]
            extra = " ".join(str(opts.get(k) or "") for k in (f"ciopts{i}", f"ci{i}opts"))
            ciplots.append(f'({cit} __irf_l{i} __irf_u{i} step, sort pstyle({"ci" if i == 1 else "ci2"}) {extra})')
    for i, stat in enumerate(stats, start=1):
        plots.append(f"(line {stat} step, sort pstyle(p{i}line) {opts.get(f'plot{i}opts') or ''})")
    tw_opts = " ".join(option_text(o) for o in tw_rest)
    data = irf_dataset(frame, columns)
    body = " ".join(ciplots + plots)
    window = f"step <= {ustep} & step >= {lstep}"
    if not opts.get("individual"):
        byopts = str(opts.get("byopts") or "")
        iscale = "" if "iscale(" in byopts.lower().replace(" ", "") else "iscale(*.75)"
        keep = " ".join(f"{k}({opts[k]})" for k in ("saving", "name") if opts.get(k) is not None)
        text = (f"{body} if __irf_touse & {window}, by(irfname impulse response, {byopts} {iscale}) ytitle(\"\") "
                f"ylabel(#4, angle(horizontal)) xlabel(#4) {keep} {tw_opts}")
        draw_on(session, cmd, data, text)
    else:
        stub, replace = _stub(opts.get("isaving"), 32, "filenamestub")
        nstub, nreplace = _stub(opts.get("iname"), 24, "namestub")
        for k, (irf, imp, res) in enumerate(combos, start=1):
            keep = ""
            if stub:
                keep += f' saving("{stub}{k}"{", replace" if replace else ""})'
            if nstub:
                keep += f' name({nstub}{k}{", replace" if nreplace else ""})'  # the ado quotes the name
            text = (f'{body} if irfname == "{irf}" & impulse == "{imp}" & response == "{res}", ytitle("") '
                    f'ylabel(#4, grid gmax gmin angle(horizontal)) xlabel(#4) '
                    f'subtitle(`"{irf}: {imp} -> {res}"\', box bexpand) {keep} {tw_opts}')
            draw_on(session, cmd, data, text)
    session.set_r({"k": float(len(combos)), "stats": " ".join(stats),
                   "irfname": " ".join(dict.fromkeys(c[0] for c in combos)),
                   "impulse": " ".join(dict.fromkeys(c[1] for c in combos)),
                   "response": " ".join(dict.fromkeys(c[2] for c in combos)),
                   "ci": "noci" if noci else format(level, "g")})


def load_irf_file(session, opts):
    """set(): ``irf set`` first (the ados run it); then the active irf file, as on disk."""
    from mlmcli.commands.postestimation.irf_file import IrfFile

    if opts.get("set"):
        from mlmcli.runner import Runner, current_runner

        (current_runner(session) or Runner(session)).execute(f"irf set {opts['set']}")
    active = getattr(session, "irf_active", None)
    if active is None:
        raise StataError("no irf file active", 198)
    return IrfFile.load(active.path)


def _stub(text, most: int, what: str):
    if not text:
        return "", False
    head, _, tail = str(text).partition(",")
    stub = head.strip()
    if len(stub) > most:
        raise StataError(f"{what} may not have more than {most} characters", 198)
    return stub, tail.strip().lower().startswith("replace")


# the irf file's variable labels (_varirf's label var lines)
_LABELS = {"irf": "impulse-response function (irf)", "cirf": "cumulative irf", "oirf": "orthogonalized irf",
           "coirf": "cumulative orthogonalized irf", "sirf": "structural irf", "fevd": "fraction of mse due to impulse",
           "sfevd": "(structural) fraction of mse due to impulse", "step": "step", "irfname": "name of results",
           "impulse": "impulse variable", "response": "response variable"}


def irf_dataset(frame, columns):
    from mlmcli.dataset import Dataset

    df = frame.reset_index(drop=True).copy()
    for name, values, _ in columns:
        df[name] = values
    types = {c: ("str32" if df[c].dtype == object else "double") for c in df}
    data = Dataset(df=df, types=types)
    data.var_labels.update({k: v for k, v in _LABELS.items() if k in df})
    data.var_labels.update({name: label for name, _, label in columns if label})
    return data


def draw_on(session, cmd, data, text: str) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway, session_on
    from mlmcli.graphs.syntax import parse_twoway

    scratch = session_on(session, data)
    graph, builder = build_twoway(scratch, parse_twoway(text), cmd.text)
    finish(session, graph, builder.graph_options)
