"""``stcurve`` after ``stcox``, ``streg`` and ``stcrreg`` ([ST] stcurve; Stata 13's stcurve.ado/_stcurv.ado):

    stcurve, {survival|cumhaz|hazard|cif} [at(varname=# ...) at1() ... at10() range(# #)
             outfile(fn[, replace]) kernel(kernel) width(#) noboundary alpha1 unconditional
             useoldbase leftboundary(#) plot() addplot() twoway_options]

The curves are computed by ``mlmcli.postest.survival_curves``; the graph is the ado's
``line yvars t, sort ytitle() xtitle("analysis time") title(r(bb)) [connect(J ...)] options``,
drawn on a scratch copy of the data (lroc's way), so every twoway option works; plot() and
addplot() are drawn after the curves on the same axes (the ado's ``graph addplot``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.graphs import regression_plot_common as common
from mlmcli.errors import StataError
from mlmcli.postest.survival_curves import left_boundary_option
from mlmcli.syntax.options import OptionSpec, real_option

_AT_NAMES = ("at", *(f"at{i}" for i in range(11)))
_SPECS = [OptionSpec("cumhaz", 4), OptionSpec("survival", 3), OptionSpec("hazard", 3), OptionSpec("cif", None),
          *(OptionSpec(n, None, True) for n in _AT_NAMES), OptionSpec("range", 1, True),
          OptionSpec("outfile", 3, True), OptionSpec("kernel", 1, True), OptionSpec("width", None, True),
          OptionSpec("noboundary", None), OptionSpec("alpha1", None), OptionSpec("unconditional", 6),
          OptionSpec("leftboundary", None, True), OptionSpec("useoldbase", None),
          OptionSpec("plot", None, True), OptionSpec("addplot", None, True),
          # after mestreg (Stata 14): the random effects at 0 or integrated out (the default)
          OptionSpec("marginal", 4), OptionSpec("fixedonly", 9), OptionSpec("conditional", 4, True)]
_KERNELS = (("epanechnikov", 2), ("epan2", 5), ("biweight", 2), ("cosine", 3), ("gaussian", 3), ("parzen", 3),
            ("rectangle", 3), ("triangle", 3))


def _split(cmd):
    mine = [o for o in cmd.options if any(s.matches(o.name) for s in _SPECS)]
    rest = [o for o in cmd.options if not any(s.matches(o.name) for s in _SPECS)]
    return mine, rest


def _statistic(opts) -> str:
    chosen = [n for n in ("cumhaz", "survival", "hazard", "cif") if opts.get(n)]
    if len(chosen) > 1:
        raise StataError(f"only one of {' '.join(chosen)} may be specified", 198)
    if not chosen:
        raise StataError("at least one of survival, cumhaz, hazard, or cif must be specified", 198)
    return chosen[0]


def _range(text) -> tuple[float | None, float | None]:
    if text is None:
        return None, None
    try:
        values = [float(v) for v in str(text).replace(",", " ").split()]
    except ValueError:
        raise StataError("invalid numlist", 121) from None
    if len(values) < 2:
        raise StataError("range():  too few elements", 122)
    if len(values) > 2:
        raise StataError("range():  too many elements", 123)
    if values[0] > values[1]:
        raise StataError("range():  invalid numlist has elements out of order", 124)
    return values[0], values[1]


def _checked_fit(session, opts, statistic: str):
    """stcurve.ado's checks on e(), in its order; (e, kind) kind cox|streg|crr."""
    e = session.e
    cmd2 = e.macros.get("cmd2", "") if e is not None else ""
    crr = e is not None and e.macros.get("cmd") == "stcrreg"
    if e is not None and e.macros.get("cmd") == "mestreg":
        return e, "mestreg"
    for name in ("marginal", "fixedonly", "conditional"):
        if opts.get(name) is not None:
            raise StataError(f"option {name} allowed only after mestreg", 198)
    if cmd2 not in ("stcox", "streg") and not crr:
        raise StataError("last estimates not found", 301)
    frailty = bool(e.macros.get("fr_title")) and cmd2 == "streg"
    for name in ("alpha1", "unconditional"):
        if opts.get(name) and not frailty:
            raise StataError(f"{name} allowed only with parametric frailty models", 198)
    if opts.get("alpha1") and opts.get("unconditional"):
        raise StataError("options alpha1 and unconditional may not be combined", 198)
    return e, ("cox" if cmd2 == "stcox" else "crr" if crr else "streg")


def _stcurv_checks(e, opts, statistic: str, kind: str) -> None:
    """After stcurve.ado's notes (frailty, stcox shared()): its tvc() and noboundary checks,
    then _stcurv's."""
    if e.macros.get("texp"):
        raise StataError("stcurve is not allowed after estimation with tvc();\n"
                         "see tvc note for an alternative to the tvc() option", 198)
    if opts.get("noboundary") and statistic != "hazard":
        raise StataError("noboundary allowed only with hazard", 198)
    if kind == "streg" and any(d is not None for d in e.model.designs[1:]):
        raise StataError(f"stcurve cannot graph the {e.macros.get('cmd')} distribution\n"
                         "when ancillary() or strata() options are specified", 301)
    if kind == "cox" and e.macros.get("strata"):
        raise StataError("stcurve not allowed after stcox, strata()", 198)
    if kind != "cox" and (opts.get("kernel") is not None or opts.get("width") is not None):
        raise StataError("smoothing options kernel() and width() only valid after stcox", 198)
    if kind == "crr" and statistic in ("survival", "hazard"):
        raise StataError(f"{statistic} not available after stcrreg", 198)
    if statistic == "cif" and kind != "crr":
        raise StataError("cif available only after stcrreg", 198)


def _cox_checks(e, opts, statistic: str) -> float | None:
    """_stcurv's and CoxPlot's checks after the at() lists are read: useoldbase's stored
    baseline variable (stcox's basesurv()/basehc()/basechazard()), CoxPlot's syntax
    (leftboundary(), returned), then kernel()/width()."""
    if opts.get("useoldbase"):
        option, macro = {"survival": ("basesurv", "bases"), "hazard": ("basehc", "basehc"),
                         "cumhaz": ("basechazard", "basech")}[statistic]
        if not e.macros.get(macro):
            raise StataError(f"must specify {option}() option in stcox", 198)
    left = left_boundary_option(opts.get("leftboundary"))
    if statistic != "hazard":
        for name in ("kernel", "width"):
            if opts.get(name) is not None:
                raise StataError(f"{name}() allowed only with hazard", 198)
    return left


def _old_baseline(session, e, statistic: str):
    """useoldbase: (e(sample), the variable stcox's basesurv()/basehc()/basechazard() made, as
    it is now in the data) -- the ado's base without predict."""
    from mlmcli.postest.survival_curves import sample_of

    name = e.macros[{"survival": "bases", "hazard": "basehc", "cumhaz": "basech"}[statistic]]
    if name not in session.data.varnames:
        raise StataError(f"{name} not found", 111)
    sample = sample_of(session, e)
    return sample, session.data.numeric(name)[sample]



def _smoothing(opts) -> tuple[str, float | None]:
    from mlmcli.syntax.abbreviation import resolve_choice

    name = "epanechnikov"
    if opts.get("kernel") is not None:
        name = resolve_choice(str(opts["kernel"]).strip().lower(), _KERNELS)
        if name is None:
            raise StataError(f"kernel({opts['kernel']}) invalid", 198)
    width = real_option(opts, "width", None)
    if width == -1:
        width = None
    return name, width


def cmd_stcurve(session, cmd) -> None:
    from mlmcli.postest import survival_curves as sc
    from mlmcli.syntax.options import resolve_options

    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError("stcurve may not be combined with by", 190)
    common.refuse_if_in(cmd, varlist=True)  # syntax [, ...]: no varlist, if or in
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    mine, rest = _split(cmd)
    opts = resolve_options(mine, _SPECS)
    statistic = _statistic(opts)
    e, kind = _checked_fit(session, opts, statistic)
    begin, end = _range(opts.get("range"))
    ats = [opts[n] for n in _AT_NAMES if isinstance(opts.get(n), str) and opts[n].strip()]
    unconditional = None
    if e.macros.get("fr_title") and kind == "streg":
        if not (opts.get("alpha1") or opts.get("unconditional")):
            shared = bool(e.macros.get("shared"))
            session.print(f"(option {'alpha1' if shared else 'unconditional'} assumed)")
            unconditional = not shared
        else:
            unconditional = bool(opts.get("unconditional"))
    if e.macros.get("cmd") == "stcox_fr":
        session.print("note: all plots evaluated at frailty equal to one")
    _stcurv_checks(e, opts, statistic, kind)
    at_lists = [(sc.parse_at(session, e, text) if text else {}, text) for text in ats or [None]]
    label = sc.LABELS[statistic]
    baseline, kernel_name, width, left = None, "epanechnikov", None, None
    if kind == "cox":
        left = _cox_checks(e, opts, statistic)
        kernel_name, width = _smoothing(opts)
        if statistic == "hazard":
            label = sc.SMOOTHED
        if opts.get("useoldbase"):
            baseline = _old_baseline(session, e, statistic)
        else:  # predict's basesurv/basechazard/basehc on e(sample)
            from mlmcli.commands.postestimation.predict_stcox import cox_baseline

            baseline = cox_baseline(session, e, {"survival": "basesurv", "cumhaz": "basechazard",
                                                 "hazard": "basehc"}[statistic])
    elif kind == "crr" and statistic == "cumhaz":
        label = sc.SUBHAZARD
    curves = []
    for at, text in at_lists:
        shown = sc.at_label(text) if text else label
        if kind == "cox":
            curves.append(sc.cox_curve(session, e, baseline, statistic, at, shown, begin, end, kernel_name, width,
                                       not opts.get("noboundary"), left_boundary=left))
        elif kind == "crr":
            curves.append(sc.crr_curve(session, e, statistic, at, shown, begin, end))
        elif kind == "mestreg":
            from mlmcli.commands.postestimation.predict_mestreg import mestreg_curve

            curves.append(mestreg_curve(session, e, statistic, at, shown, begin, end, _mestreg_kind(opts)))
        else:
            curves.append(sc.streg_curve(session, e, statistic, at, shown, begin, end, unconditional))
    title = sc.TITLES.get(e.macros.get("cmd", "").removesuffix("het"), "") if kind != "mestreg" else e.title
    step = kind in ("cox", "crr") and statistic != "hazard"
    _draw(session, cmd, curves, label, title, step, rest, _added(opts))
    if opts.get("outfile"):
        _save(session, curves, statistic, str(opts["outfile"]))


def _mestreg_kind(opts) -> str:
    """marginal (the default) or fixedonly; conditional(ebmeans) has no meaning for a curve at
    covariate means (no group): refused."""
    if opts.get("marginal") and (opts.get("fixedonly") or opts.get("conditional") is not None):
        raise StataError("options marginal and conditional() may not be combined", 198)
    typed = opts.get("conditional")
    if typed is not None and str(typed).strip().lower() not in ("fixedonly", "fixed", "fixedo", "fixedon", "fixedonl"):
        raise StataError(f"conditional({typed}) not allowed with stcurve; use fixedonly or marginal", 198)
    return "fixedonly" if opts.get("fixedonly") or typed is not None else "marginal"


def _added(opts) -> str:
    """plot() and addplot(): the ado's ``graph addplot `plot' || `addplot'`` after the curves."""
    return "".join(f" || {opts[n]}" for n in ("plot", "addplot") if isinstance(opts.get(n), str) and opts[n].strip())


# outfile()'s variables: Stata 16-on's stcurve names the curves surv1, surv2, ... and haz1, haz2,
# ... in the order drawn (a published mestreg do-file reads haz1/haz2 and surv1/surv2 after
# at1() at2()); cumhaz and cif by the same rule (their stems are not in the manual)
OUTFILE_STEMS = {"survival": "surv", "hazard": "haz", "cumhaz": "cumhaz", "cif": "cif"}


def _columns(curves, statistic: str):
    """The ado's merged file: one row per distinct time, each curve's value where it has one."""
    times = np.unique(np.concatenate([c.t for c in curves]))
    stem = OUTFILE_STEMS[statistic]
    out = {}
    for j, c in enumerate(curves, start=1):
        col = np.full(len(times), np.nan)
        col[np.searchsorted(times, c.t)] = c.y
        out[f"{stem}{j}"] = (col, c.label)
    return times, out


def _draw(session, cmd, curves, ytitle: str, title: str, step: bool, rest, added: str = "") -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import session_with_columns
    from mlmcli.commands.graphs.roc_curves import free_name, option_text
    from mlmcli.commands.graphs.twoway import build_twoway
    from mlmcli.graphs.syntax import parse_twoway

    data = session.data
    names = [free_name(data, f"__stc_y{j}") for j in range(len(curves))]
    tname = free_name(data, "__stc_t")
    shared = all(len(c.t) == len(curves[0].t) and np.array_equal(c.t, curves[0].t) for c in curves)
    if shared:  # the ado's merge on the time variable: every curve on the same rows
        columns = [(tname, curves[0].t, "analysis time")]
        columns += [(name, c.y, c.label) for name, c in zip(names, curves)]
    else:  # each curve on its own rows
        columns = [(tname, np.concatenate([c.t for c in curves]), "analysis time")]
        total, at = sum(len(c.t) for c in curves), 0
        for name, c in zip(names, curves):
            col = np.full(total, np.nan)
            col[at:at + len(c.t)] = c.y
            columns.append((name, col, c.label))
            at += len(c.t)
    scratch = session_with_columns(session, columns, types="float", formats="%9.0g")
    legend = " legend(nodraw)" if len(curves) == 1 and not added else ""  # the ado's: none with added plots
    recast = [str(o.arg).strip().lower() for o in rest if o.name == "recast" and o.arg is not None]
    if recast and recast[-1] not in ("line", "li", "lin", "connected", "con", "conn", "conne", "connec", "connect"):
        step = False  # the ado steps line and connected plots only
    connect = " connect(J ...)" if step else ""
    text = (f'(line {" ".join(names)} {tname}, sort ytitle(`"{ytitle}"\') xtitle(`"analysis time"\') '
            f'title(`"{title}"\'){legend}{connect} {option_text(rest)})' + added)
    graph, builder = build_twoway(scratch, parse_twoway(text), cmd.text)
    finish(session, graph, builder.graph_options)


def _save(session, curves, statistic: str, text: str) -> None:
    """outfile(filename[, replace]): the curves' variables (``OUTFILE_STEMS`` numbered 1, 2, ...
    as drawn: surv1, haz1, cumhaz1, ...) and _t, saved as a .dta."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta

    import os

    from mlmcli.commands.data.common import dta_path

    name, _, option = text.partition(",")
    option = option.strip().lower()
    if option not in ("", "replace"):
        raise StataError(f"option {option} not allowed", 198)
    path = dta_path(name.strip())
    if os.path.exists(path) and option != "replace":
        raise StataError(f"file {path} already exists", 602)
    times, cols = _columns(curves, statistic)
    df = pd.DataFrame({**{k: v for k, (v, _) in cols.items()}, "_t": times})
    ds = Dataset(df=df, types={k: "double" for k in df},
                 var_labels={**{k: lab for k, (_, lab) in cols.items()}, "_t": "_t"})
    write_dta(ds, path)
