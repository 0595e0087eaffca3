"""``irf ograph`` and ``irf cgraph`` ([TS] irf ograph, irf cgraph; varirf_ograph.ado 1.0.15 and
varirf_cgraph.ado 2.2.17 of the Stata 16 tree):

    irf ograph (irfname impulse response stat [, line_options ciopts() noci ci cilines level(#)
               lstep(#) ustep(#)]) ... [, ci cilines level(#) lstep(#) ustep(#) set() twoway_options]
    irf cgraph (irfname impulse response stat [stat] [, noci level(#) lstep(#) ustep(#) cilines
               ci#opts() plot#opts() subtitle() name() saving()]) ... [, noci level(#) lstep(#)
               ustep(#) cilines ci#opts() plot#opts() individual title() iscale() imargin() name()
               saving() set() graph_combine_options]

ograph overlays the chosen lines (and, with ci, their intervals) in one graph, each keyed
"[irfname: ]stat of impulse -> response", legend(cols(1)) when there is more than one line or an
interval; cgraph draws one graph per specification (subtitle "irfname: impulse -> response",
xlabel(#4) ylabel(#4, grid angle(horizontal))) and combines them (iscale *1, *.75, *.6 and
imargin small, vsmall, tiny by ceil(sqrt(#graphs)) rows).  The ados' yvarlabel() are the
plotted columns' variable labels here.  cgraph's subtitles leave out the ado's size(scheme
heading) (a size mlmcli's text boxes do not take) and blstyle(none) (under which mlmcli's text box
loses its text): decided without a Stata log, to be restored when the graph layer takes them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option

_COMMON = [OptionSpec("lstep", 3, True), OptionSpec("ustep", 3, True), OptionSpec("level", 1, True),
           OptionSpec("cilines", 3)]


def _specs(text: str) -> list[str]:
    from mlmcli.graphs.syntax import matching_paren

    out, i = [], 0
    text = text.strip()
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] != "(":
            raise StataError(f"invalid specification: {text[i:]}", 198)
        close = matching_paren(text, i)
        out.append(text[i + 1:close])
        i = close + 1
    return out


def _split(spec: str):
    from mlmcli.syntax.options import split_options

    head, options, _ = split_options(spec)
    return head.split(), list(options)


def _load(session, opts):
    from mlmcli.commands.graphs.irf_plots import load_irf_file

    f = load_irf_file(session, opts)
    return f, f.frame.sort_values(["irfname", "impulse", "response", "step"], kind="stable").reset_index(drop=True)


def _rows(frame, irf, imp, res):
    return ((frame["irfname"].astype(str) == irf) & (frame["impulse"].astype(str) == imp)
            & (frame["response"].astype(str) == res)).to_numpy()


def _level(opts, default: float) -> float:
    from mlmcli.syntax.options import confidence_level

    return confidence_level(opts, default) if opts.get("level") is not None else default


def _steps(opts, glob: dict, top: int) -> tuple[int, int]:
    from mlmcli.syntax.options import integer_option

    lo = integer_option(opts, "lstep", glob.get("lstep", 0))
    hi = integer_option(opts, "ustep", glob.get("ustep", top))
    if hi < lo:
        raise StataError("ustep() cannot be less that lstep().", 198)
    return lo, hi


def irf_ograph(session, cmd, rest: str) -> None:
    from mlmcli.commands.graphs.irf_plots import draw_on, irf_dataset
    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.commands.statistics.normality import option_text
    from mlmcli.distributions import norm

    opts, tw_rest = take_options(cmd.options, [*_COMMON, OptionSpec("ci", 2), OptionSpec("set", 3, True)])
    level0 = _level(opts, getattr(session, "level", 95.0))
    f, frame = _load(session, opts)
    top = int(np.nanmax(frame["step"].to_numpy(float))) if len(frame) else 0
    step = frame["step"].to_numpy(float)
    glob = {k: integer_option(opts, k, None) for k in ("lstep", "ustep") if opts.get(k) is not None}
    lines, bands, labels = [], [], []
    columns = []
    for spec in _specs(rest):
        words, sopts_typed = _split(spec)
        sopts, line_opts = take_options(sopts_typed, [*_COMMON, OptionSpec("noci", 4), OptionSpec("ci", 2),
                                                      OptionSpec("ciopts", 4, True)])
        if sopts.get("ciopts") is not None and sopts.get("noci"):
            raise StataError("options ciopts() and noci may not be combined", 198)
        if sopts.get("ci") and sopts.get("noci"):
            raise StataError("options ci and noci may not be combined", 198)
        if sopts.get("cilines") and sopts.get("noci"):
            raise StataError("options cilines and noci may not be combined", 198)
        if sopts.get("level") is not None and sopts.get("noci"):
            raise StataError("options level() and noci may not be combined", 198)
        if len(words) != 4:
            raise StataError(f"invalid specification: {spec.strip()}", 103)
        irf, imp, res, stat = words
        irf = list(f.meta)[0] if irf == "." and f.meta else irf
        if irf not in f.meta:
            raise StataError(f"irfname {irf} not found", 198)
        if res not in f.meta[irf]["order"]:
            raise StataError(f"response {res} not found in results from {irf}", 198)
        if stat not in frame:
            raise StataError(f"{stat} is not valid statistic", 198)
        if imp not in f.meta[irf]["order"]:
            raise StataError(f"impulse {imp} not found in results from {irf}", 198)
        here = _rows(frame, irf, imp, res)
        if np.all(np.isnan(frame.loc[here, stat].to_numpy(float))):
            session.print(f"{stat} values are all missing for {irf}: {imp} -> {res}")
            continue
        lo, hi = _steps(sopts, glob, top)
        keep = here & (step >= lo) & (step <= hi)
        k = len(lines) + 1
        if k > 15:
            raise StataError("too many graph specifications, at most 15 specifications are allowed", 198)
        labels.append((irf, imp, res, stat))
        columns.append((f"__og_y{k}", np.where(keep, frame[stat].to_numpy(float), np.nan), None))
        lines.append((k, " ".join(option_text(o) for o in line_opts)))
        want_ci = not sopts.get("noci") and (sopts.get("ci") or opts.get("ci") or sopts.get("cilines")
                                             or opts.get("cilines") or sopts.get("ciopts") is not None)
        if want_ci:
            if np.all(np.isnan(frame.loc[frame["irfname"].astype(str) == irf, "stdirf"].to_numpy(float))):
                session.print(f"standard errors from irf results {irf} are missing, cannot compute confidence "
                              f"intervals for {stat}")
                continue
            lv = _level(sopts, level0)
            z = float(norm.ppf(0.5 + lv / 200))
            est, sd = frame[stat].to_numpy(float), frame["std" + stat].to_numpy(float)
            bands.append((k, len(bands) + 1, format(lv, "g"), bool(sopts.get("cilines") or opts.get("cilines")),
                          str(sopts.get("ciopts") or "")))
            columns += [(f"__og_l{k}", np.where(keep, est - z * sd, np.nan), None),
                        (f"__og_u{k}", np.where(keep, est + z * sd, np.nan), None)]
    if not lines:
        session.print("no graphs to produce")
        return
    several = len({lab[0] for lab in labels}) != 1
    texts = {k: f"{lab[0] + ': ' if several else ''}{lab[3]} of {lab[1]} -> {lab[2]}"
             for k, lab in zip((ln[0] for ln in lines), labels)}
    named = []
    for name, values, _ in columns:
        k = int(name[6:])
        label = texts[k] if name.startswith("__og_y") else None
        if label is None:
            lv = next(b[2] for b in bands if b[0] == k)
            label = f"{lv}% CI of {texts[k]}"
        named.append((name, values, label))
    plots = []
    for k, j, _, rline, ciopts in bands:
        style = "ci" if j == 1 else ("ci2" if j == 2 else f"p{min(len(lines) + j - 2, 15)}")
        plots.append(f"(rarea __og_l{k} __og_u{k} step, pstyle({style}) {'recast(rline)' if rline else ''} {ciopts})")
    ytitle = f'ytitle("{labels[0][3]}")' if len(lines) == 1 else 'ytitle("")'
    for k, extra in lines:
        plots.append(f"(line __og_y{k} step, {ytitle} pstyle(p{k}line) {extra})")
    extra = "legend(cols(1))" if bands or len(lines) > 1 else ""
    text = " ".join(plots) + f", {extra} " + " ".join(option_text(o) for o in tw_rest)
    draw_on(session, cmd, irf_dataset(frame, named), text)
    r = {"plots": float(len(lines)), "ciplots": float(len(bands))}
    for i, (irf, imp, res, stat) in enumerate(labels, start=1):
        r.update({f"irfname{i}": irf, f"impulse{i}": imp, f"response{i}": res, f"stat{i}": stat,
                  f"ci{i}": next((b[2] for b in bands if b[0] == i), "noci")})
    session.set_r(r)


_CG_SPEC = [*_COMMON, OptionSpec("noci", 4), OptionSpec("saving", 2, True), OptionSpec("name", 4, True),
            OptionSpec("subtitle", 3, True), *[OptionSpec(f"ci{i}opts", 3, True) for i in (1, 2)],
            *[OptionSpec(f"ciopts{i}", 7, True) for i in (1, 2)], *[OptionSpec(f"plot{i}opts", 5, True) for i in range(1, 5)]]


def irf_cgraph(session, cmd, rest: str) -> None:
    from mlmcli.commands.graphs.added_variable_plots import COMBINE_OPTION_SPECS
    from mlmcli.commands.graphs.irf_plots import draw_on, irf_dataset
    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.commands.statistics.normality import option_text
    from mlmcli.distributions import norm
    from mlmcli.runner import Runner, current_runner

    opts, others = take_options(cmd.options, [*_CG_SPEC, OptionSpec("individual", 2), OptionSpec("title", 2, True),
                                              OptionSpec("iscale", 6, True), OptionSpec("imargin", 7, True),
                                              OptionSpec("set", 3, True)])
    combine = [o for o in others if any(s.matches(o.name) for s in COMBINE_OPTION_SPECS)]
    each = [o for o in others if not any(o is c for c in combine)]
    individual = bool(opts.get("individual"))
    if individual and combine:
        raise StataError("graph_combine_opts cannot be specified with individual", 198)
    if opts.get("noci") and opts.get("level") is not None:
        raise StataError("noci and level() cannot both be specified", 198)
    if opts.get("noci") and opts.get("cilines"):
        raise StataError("noci and cilines cannot both be specified", 198)
    for i in (1, 2):
        if opts.get("noci") and (opts.get(f"ciopts{i}") or opts.get(f"ci{i}opts")):
            raise StataError(f"noci and ci{i}opts() cannot both be specified", 198)
    if individual:
        for name in ("saving", "name", "iscale"):
            if opts.get(name) is not None:
                raise StataError(f"no combined graph requested {name}({opts[name]}) not valid", 198)
    level0 = _level(opts, getattr(session, "level", 95.0))
    f, frame = _load(session, opts)
    top = int(np.nanmax(frame["step"].to_numpy(float))) if len(frame) else 0
    step = frame["step"].to_numpy(float)
    glob = {k: integer_option(opts, k, None) for k in ("lstep", "ustep") if opts.get(k) is not None}
    if glob.get("ustep", top) < glob.get("lstep", 0):
        raise StataError("ustep() cannot be less that lstep().", 198)
    runner = current_runner(session) or Runner(session)
    names, temp, r = [], [], {}
    every = " ".join(option_text(o) for o in each)
    lopt = "xlabel(#4) ylabel(#4, grid angle(horizontal))"
    for j, spec in enumerate(_specs(rest), start=1):
        words, typed = _split(spec)
        sopts, line_opts = take_options(typed, _CG_SPEC)
        if len(words) < 3:
            raise StataError(f"{words[0] if words else ''} is not a valid irfname", 498)
        irf, imp, res, stats = words[0], words[1], words[2], [w.lower() for w in words[3:]]
        if irf not in f.meta:
            raise StataError(f"{irf} is not a valid irfname", 498)
        if res not in f.meta[irf]["order"]:
            raise StataError(f"{res} is not a valid response", 498)
        if not stats:
            raise StataError("no statistics to graph", 198)
        if any(s not in frame for s in stats):
            raise StataError(f"{' '.join(stats)} not valid", 198)
        if imp not in f.meta[irf]["order"]:
            raise StataError(f"{imp} is not a valid impulse", 498)
        lo, hi = _steps(sopts, glob, top)
        here = _rows(frame, irf, imp, res)
        kept = []
        for s in stats:
            if np.all(np.isnan(frame.loc[here, s].to_numpy(float))):
                session.print(f"{s} contains all missing values for irf results {irf}")
                session.print("statistic dropped from specification")
                session.print("")
            else:
                kept.append(s)
        if len(set(kept)) < len(kept):
            raise StataError(f"duplicate elements found in {' '.join(kept)}", 198)
        noci = bool(sopts.get("noci") or opts.get("noci"))
        if sopts.get("level") is not None and opts.get("noci"):
            raise StataError("level() and noci cannot both be specified", 198)
        if not noci and len(kept) > 2:
            raise StataError("only two statistics may be included with CI's in one graph", 198)
        if noci and len(kept) > 4:
            raise StataError("only four statistics may be included in one graph", 198)
        lv = _level(sopts, level0)
        z = float(norm.ppf(lv / 100 + (100 - lv) / 200))
        cit = "rline" if (sopts.get("cilines") or opts.get("cilines")) else "rarea"

        def merged(key):
            return f"{opts.get(key) or ''} {sopts.get(key) or ''}".strip()

        keep = here & (step >= lo) & (step <= hi)
        columns, cis, lines = [], [], []
        for i, s in enumerate(kept, start=1):
            columns.append((f"__cg_s{i}", np.where(keep, frame[s].to_numpy(float), np.nan), s))
            sd = frame["std" + s].to_numpy(float) if "std" + s in frame else np.full(len(frame), np.nan)
            if not noci and np.any(~np.isnan(sd[here])):
                est = frame[s].to_numpy(float)
                lab = f"{format(lv, 'g')}% CI for {s}"
                columns += [(f"__cg_l{i}", np.where(keep, est - z * sd, np.nan), lab),
                            (f"__cg_u{i}", np.where(keep, est + z * sd, np.nan), lab)]
                cis.append(f"({cit} __cg_l{i} __cg_u{i} step, sort pstyle({'ci' if i == 1 else 'ci2'}) {lopt} "
                           f"{merged(f'ciopts{i}')} {merged(f'ci{i}opts')})")
            elif not noci and f.meta[irf]["model"] != "vec":
                session.print(f"standard errors not computed for {s} in irf results {irf}")
                session.print("cannot compute confidence interval")
        legon = "legend(on)" if len(kept) == 1 and not cis else ""
        own = " ".join(option_text(o) for o in line_opts)
        for i, s in enumerate(kept, start=1):
            style = f"pstyle(p{i}line)" if len(kept) == 2 and not noci else (f"pstyle(p{i})" if not noci else "")
            lines.append(f"(line __cg_s{i} step, sort {style} {lopt} {legon} {every} {own} {merged(f'plot{i}opts')})")
        if not kept:
            session.print(f"all variables contain all missing values for irf results {irf}")
            continue
        graph_name = f"__cgraph{j}" if not individual and sopts.get("name") is None else sopts.get("name")
        subtitle = (f'subtitle(`"{sopts["subtitle"]}"\')' if sopts.get("subtitle") is not None else
                    f'subtitle(`"{irf}: {imp} -> {res}"\', box bexpand)')  # see the module note
        text = (" ".join(cis + lines) + f', {"nodraw" if not individual else ""} ytitle("") '
                f'{"name(" + graph_name + ", replace)" if graph_name else ""} {subtitle} '
                f'{"saving(" + sopts["saving"] + ")" if sopts.get("saving") else ""}')
        draw_on(session, cmd, irf_dataset(frame, columns), text)
        if graph_name:
            names.append(graph_name.split(",")[0].strip())
            if graph_name.startswith("__cgraph"):
                temp.append(graph_name)
        r.update({f"stats{j}": " ".join(kept), f"irfname{j}": irf, f"impulse{j}": imp, f"response{j}": res,
                  f"ci{j}": "noci" if noci else format(lv, "g")})
    k = len([key for key in r if key.startswith("stats")])
    try:
        if not individual and names:
            rows = int(np.ceil(np.sqrt(k)))
            iscale = opts.get("iscale") or ("*1" if rows == 1 else ("*.75" if rows == 2 else "*.6"))
            imargin = opts.get("imargin") or ("small" if rows == 1 else ("vsmall" if rows == 2 else "tiny"))
            parts = [f"iscale({iscale})", f"imargin({imargin})"]
            parts += [f"{key}({opts[key]})" for key in ("saving", "name", "title") if opts.get(key) is not None]
            parts += [option_text(o) for o in combine]
            runner.execute(f"graph combine {' '.join(names)}, " + " ".join(parts))
    finally:
        if temp:
            try:
                runner.execute("graph drop " + " ".join(temp))
            except StataError:
                pass
    r["k"] = float(k)
    if individual:
        r["individual"] = "individual"
    session.set_r(r)
