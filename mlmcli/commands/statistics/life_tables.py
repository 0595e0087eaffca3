"""``ltable``: actuarial life tables (ltable.ado); not st -- the time and failure variables are
typed.  The numbers from ``mlmcli.survival.life_tables``, the tables from ``render/life_tables``.

    ltable timevar [deadvar] [fw] [if] [in] [, by(varname) survival failure hazard
           intervals(w | numlist) tvid(varname) noadjust notable level(#) saving(file[, replace]) ci]

graph, overlay and their options are refused (not supported by mlmcli); test (with by(): the
likelihood-ratio and logrank tests of homogeneity) is in ``life_table_tests``; ci (and the deprecated noconf) only
change ltable's graph, so they change nothing here, as in Stata without graph.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("noadjust", 5), OptionSpec("ci", 2), OptionSpec("noconf", 6), OptionSpec("failure", 1),
         OptionSpec("hazard", 1), OptionSpec("intervals", 1, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
         OptionSpec("survival", 2), OptionSpec("notable", 4), OptionSpec("test", 1),
         OptionSpec("tvid", 2, takes_arg=True), OptionSpec("saving", 3, takes_arg=True),
         OptionSpec("by", 2, takes_arg=True),
         OptionSpec("graph", 1), OptionSpec("overlay", 2), OptionSpec("ciopts", 4, takes_arg=True),
         OptionSpec("plotopts", 5, takes_arg=True), OptionSpec("plot", 4, takes_arg=True),
         OptionSpec("addplot", 6, takes_arg=True)]
GRAPH_OPTIONS = ("graph", "overlay", "ciopts", "plotopts", "plot", "addplot")


def _cuts(text: str | None) -> list[float]:
    from mlmcli.syntax.numlist import numlist

    if text is None or not str(text).strip():
        return [1.0]
    if str(text).strip() == "w":
        from mlmcli.survival.life_tables import WEEKS
        return [float(x) for x in WEEKS]
    values = numlist(str(text))
    if len(values) == 1:
        if not 0 < values[0] < float("inf"):
            raise StataError("interval() invalid", 198)
        return [float(values[0])]
    if any(b <= a for a, b in zip(values[:-1], values[1:])) or values[0] <= -1:
        raise StataError("intervals must be ascending", 198)
    if values[-1] == 0:
        raise StataError("intervals invalid", 198)
    return [float(v) for v in values]


def cmd_ltable(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, value_text
    from mlmcli.commands.survival.st_rates import group_codes
    from mlmcli.render.life_tables import render_life_table
    from mlmcli.survival.life_tables import life_table
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    opts = resolve_options(cmd.options, SPECS, allow_unknown=True)
    unknown = [k for k in opts if not any(s.name == k for s in SPECS)]
    if unknown or any(opts.get(g) for g in GRAPH_OPTIONS):
        if not any(opts.get(g) for g in GRAPH_OPTIONS[:2]):
            from mlmcli.errors import not_allowed_text
            arg = next(o.arg for o in cmd.options if o.name == unknown[0]) if unknown else None
            raise StataError(not_allowed_text(unknown[0], arg) + "\n(option is invalid or you need to specify graph)",
                             198)
        raise StataError("option graph not supported by mlmcli (ltable draws no graph)", 198)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    if len(names) > 2:
        raise StataError("too many variables specified", 103)
    for v in names:
        if ds.is_string(v):
            raise StataError("type mismatch", 109)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cuts = _cuts(opts.get("intervals"))
    by = ds.resolve(str(opts["by"]).strip()) if opts.get("by") is not None else ""
    tvid = ds.resolve(str(opts["tvid"]).strip()) if opts.get("tvid") is not None else ""
    saving = _saving_target(opts.get("saving"))
    rows = mark(session, cmd, [by] if by else [], strok=True)
    w = np.ones(ds.nobs)
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights
        rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
        w = np.asarray(w, float)
    if not rows.any():
        raise StataError("no observations", 2000)
    t = ds.numeric(names[0])
    d = ds.numeric(names[1]) if len(names) == 2 else np.ones(ds.nobs)
    rows &= (w > 0) & ~np.isnan(t)
    if np.any(t[rows] < 0):
        raise StataError("time variable has negative values", 411)
    logrank_rows = rows & ~np.isnan(d)  # test's logrank: the if/in sample, without tvid()
    if tvid:
        ids = ds.df[tvid].to_numpy()
        idx = np.flatnonzero(rows)
        order = idx[np.lexsort((d[idx], t[idx], group_codes(ds, [tvid], rows)))]
        last = np.r_[ids[order][1:] != ids[order][:-1], True]
        rows = np.zeros(ds.nobs, bool)
        rows[order[last]] = True
    notes = []
    missing_d = rows & np.isnan(d)
    if missing_d.any():
        notes.append(f"(warning:  {names[1]} has missing values; {int(missing_d.sum())} obs not used)")
        rows &= ~missing_d
    if not rows.any():
        raise StataError("no observations", 2000)
    groups = []
    if by:
        codes = group_codes(ds, [by], rows)
        idx = np.flatnonzero(rows)
        for g in range(int(codes.max()) + 1):
            sel = idx[codes == g]
            first = int(sel[0])
            if ds.is_string(by):
                head = str(ds.df[by].iloc[first])
                raw = head
            else:
                value = float(ds.numeric(by)[first])
                label = ds.value_label_text(by, value)
                from mlmcli.render.numfmt import format_number
                raw = value_text(ds, by, value, labels=False)
                head = label if label is not None else f"{by} = {format_number(value, ds.format_of(by)).strip()}"
            groups.append((head, f"{by} {raw}", first,
                           life_table(t[sel], d[sel], w[sel], cuts, level, not opts.get("noadjust"))))
    else:
        sel = np.flatnonzero(rows)
        groups.append(("", "", -1, life_table(t[sel], d[sel], w[sel], cuts, level, not opts.get("noadjust"))))
    for note in notes:
        session.print(note)
    kinds = [k for k in ("survival", "failure", "hazard") if opts.get(k)] or ["survival"]
    if opts.get("failure") or opts.get("hazard"):
        kinds = [k for k in kinds if k != "survival" or opts.get("survival")]
    if not opts.get("notable"):
        for kind in kinds:
            session.print(render_life_table(kind, groups if by else [("", "", -1, groups[0][3])], level=level))
    if saving is not None:
        _save(ds, by, groups, saving, level)
    if by and opts.get("test"):
        from mlmcli.commands.statistics.life_table_tests import print_tests

        print_tests(session, by, names[0], rows, t, d, w, logrank_rows)


def _saving_target(text):
    from mlmcli.commands.data.common import dta_save_path

    if text is None:
        return None
    name, comma, rest = str(text).partition(",")
    if comma and rest.strip() != "replace":
        raise StataError("invalid saving() option", 198)
    if not name.strip():
        raise StataError("invalid saving() option, filename is required", 198)
    return dta_save_path(name.strip().strip('"'), bool(comma)), bool(comma)


def _save(ds, by, groups, target, level) -> None:
    """saving(): ltable.ado's SaveData: one observation per group and interval."""
    import pandas as pd

    from mlmcli.commands.data.common import plain_number
    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta

    lev = plain_number(level)
    columns = [("t0", "t0", "start of time interval"), ("t1", "t1", "end of time interval"),
               ("start", "start", "beginning total"), ("deaths", "deaths", "deaths during interval"),
               ("lost", "lost", "lost during interval"), ("survival", "survival", "survival estimates"),
               ("sesurvival", "se_log", "standard error of survival log likelihood estimates"),
               ("lsurvival", "lower_s", f"lower {lev}% CI limit for survival"),
               ("usurvival", "upper_s", f"upper {lev}% CI limit for survival"),
               ("failure", "failure", "cumulative failure estimates"),
               ("sefailure", "se_failure", "standard error of cumulative failure estimates"),
               ("lfailure", "lower_f", f"lower {lev}% CI limit for cumulative failure"),
               ("ufailure", "upper_f", f"upper {lev}% CI limit for cumulative failure"),
               ("hazard", "hazard", "hazard estimates"),
               ("sehazard", "se_hazard", "standard error of hazard estimates"),
               ("lhazard", "lower_h", f"lower {lev}% CI limit for hazard"),
               ("uhazard", "upper_h", f"upper {lev}% CI limit for hazard")]
    frame = pd.DataFrame()
    if by:
        frame[by] = np.concatenate([np.repeat(ds.df[by].to_numpy()[first:first + 1], len(tab.t0))
                                    for _, _, first, tab in groups])
    for name, attr, _ in columns:
        frame[name] = np.concatenate([getattr(tab, attr) for _, _, _, tab in groups]).astype(float)
    out = Dataset(df=frame)
    if by:
        out.types[by] = ds.types.get(by, "float")
        for meta in ("var_labels", "value_label_of"):
            if by in getattr(ds, meta):
                getattr(out, meta)[by] = getattr(ds, meta)[by]
        if by in ds.value_label_of:
            out.value_labels[ds.value_label_of[by]] = ds.value_labels.get(ds.value_label_of[by], {})
    for name, _, label in columns:
        out.types[name] = "double" if name in ("start", "deaths", "lost", "survival") else "float"
        out.var_labels[name] = label
    path, replace = target
    save_dta(out, path, replace=replace)
