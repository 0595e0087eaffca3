"""``strate`` and ``stptime``: failure rates and person-time of st data (strate.ado,
stptime.ado); the numbers from ``mlmcli.survival.rates``, the tables from ``render/st_tools``.

    strate [varlist] [if] [in] [, per(#) smr(varname) jackknife cluster(varname) missing
           level(#) nolist output(filename[, replace])]
    stptime [if] [, by(varname) per(#) at(numlist) trim dd(#) level(#) title(text) jackknife
           output(filename[, replace]) noshow]

strate's graph (and its graph options) is refused: mlm draws no rate plot.  stptime's smr()
and using() (a reference-rate file merged on the at() bands) are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options

STRATE_SPECS = [OptionSpec("jackknife", 1), OptionSpec("cluster", 2, takes_arg=True),
                OptionSpec("per", 3, takes_arg=True),
                OptionSpec("nolist", 4), OptionSpec("missing", 1), OptionSpec("smr", 3, takes_arg=True),
                OptionSpec("level", 1, takes_arg=True), OptionSpec("output", 3, takes_arg=True)]


def _refuse_graph(options, specs) -> None:
    """strate's graph is refused; without it an option strate does not take is Stata's error."""
    from mlmcli.errors import not_allowed_text

    for opt in options:
        if any(s.matches(opt.name) for s in specs):
            continue
        if len(opt.name) >= 1 and "graph".startswith(opt.name):
            raise StataError("option graph not supported by mlmcli (strate draws no rate graph)", 198)
    for opt in options:
        if not any(s.matches(opt.name) for s in specs):
            raise StataError(not_allowed_text(opt.name, opt.arg)
                             + "\n(option is invalid or you need to specify graph option, too)", 198)


def group_codes(ds, names: list[str], rows: np.ndarray) -> np.ndarray:
    """Codes 0, 1, ... of the varlist's value combinations over ``rows``, in Stata's sort
    order (numbers ascending, missing last; strings ascending)."""
    import pandas as pd

    if not names:
        return np.zeros(int(rows.sum()), np.int64)
    keys = []
    for v in names:
        col = ds.df[v].to_numpy()[rows]
        values = pd.Series(col).fillna("").astype(str).to_numpy(object) if ds.is_string(v) \
            else np.asarray(col, float)
        codes, uniques = pd.factorize(values, sort=True)
        codes[codes < 0] = len(uniques)
        keys.append(codes)
    order = np.lexsort(list(reversed(keys)))
    stacked = np.stack(keys, 1)[order]
    starts = np.r_[True, np.any(stacked[1:] != stacked[:-1], axis=1)]
    out = np.empty(len(order), np.int64)
    out[order] = np.cumsum(starts) - 1
    return out


def dd_option(opts) -> int:
    """dd(#): the decimals of stptime's and stci's numbers; -100 (their "%g") when absent."""
    if opts.get("dd") is None:
        return -100
    try:
        return int(str(opts["dd"]).strip())
    except ValueError:
        raise StataError("option dd() incorrectly specified", 198) from None


def _output_target(text: str | None):
    """output(filename[, replace]): (path, replace) checked before anything is computed."""
    from mlmcli.commands.data.common import dta_save_path

    if text is None:
        return None
    name, comma, rest = str(text).partition(",")
    if comma and rest.strip() != "replace":
        raise StataError("option output() invalid", 198)
    return dta_save_path(name.strip(), bool(comma)), bool(comma)


def _weights(ds, rows) -> np.ndarray:
    wv = ds.chars.get("st_wv", "")
    return ds.numeric(wv) if wv else np.ones(ds.nobs)


def cmd_strate(session, cmd) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.render.st_tools import render_strate
    from mlmcli.render.survival import render_st_show
    from mlmcli.survival.rates import rate_row
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    desc = require_st(ds)
    _refuse_graph(cmd.options, STRATE_SPECS)
    opts = resolve_options(cmd.options, STRATE_SPECS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    per = real_option(opts, "per", 1.0)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    target = _output_target(opts.get("output"))
    smr = ds.resolve(str(opts["smr"]).strip()) if opts.get("smr") is not None else None
    jack = bool(opts.get("jackknife")) or opts.get("cluster") is not None
    cluster = ds.resolve(str(opts["cluster"]).strip()) if opts.get("cluster") is not None else \
        (ds.chars.get("st_id", "") if jack else "")
    if ds.chars.get("st_wt", "") in ("iweight", "pweight"):
        jack = True
    show = ds.chars.get("st_show") != "noshow"
    if show:
        session.print(render_st_show(desc))
    if opts.get("nolist") and target is None:
        return
    w = _weights(ds, None)
    t, t0, d = ds.numeric("_t"), ds.numeric("_t0"), ds.numeric("_d")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        y = (t - t0) / per
        if ds.types.get("_t") == "float":  # strate.ado holds the person-time in _t's type
            y = ((t - t0).astype(np.float32) / np.float32(per)).astype(float)
    y[~np.isfinite(y)] = np.nan  # per(0), or past the largest value: missing, marked out as strate.ado does
    out_vars = [] if opts.get("missing") else names
    rows = mark(session, cmd, out_vars, strok=True) & (ds.numeric("_st") == 1)
    for arr in (w, d, y) + ((ds.numeric(smr),) if smr else ()):
        rows &= ~np.isnan(arr)
    if smr:
        y = ds.numeric(smr) * y
    codes = group_codes(ds, names, rows)
    idx = np.flatnonzero(rows)
    clusters = ds.df[cluster].to_numpy()[idx] if cluster else None
    groups, results = [], []
    for g in range(int(codes.max()) + 1 if codes.size else 0):
        sel = codes == g
        groups.append(int(idx[sel][0]))
        results.append(rate_row(d[idx][sel], y[idx][sel], w[idx][sel], level,
                                None if clusters is None else clusters[sel], jack))
    if not names and not idx.size:
        results = []
    total_clusters = sum(r.clusters for r in results)
    labels = [[_value_cell(ds, v, row) for row in groups] for v in names]
    from mlmcli.commands.data.common import plain_number
    from mlmcli.survival.rates import decimals_for
    decimals = decimals_for([v for r in results for v in (r.rate, r.lower, r.upper)], 8, 4 if smr else 5)
    text = render_strate(names, labels, results, level=plain_number(level), per=plain_number(per), smr=bool(smr),
                         records=int(rows.sum()), jackknife=jack, cluster=cluster, clusters=total_clusters,
                         show_list=not opts.get("nolist"), decimals=decimals, leading_blank=True)
    session.print(text)
    if target is not None:
        _save_rates(ds, names, groups, results, target, smr=bool(smr), level=plain_number(level))


def _value_cell(ds, var: str, row: int) -> str:
    from mlmcli.commands.data.common import value_text

    if ds.is_string(var):
        return str(ds.df[var].iloc[row])
    return value_text(ds, var, float(ds.numeric(var)[row]))


def _save_rates(ds, names, groups, results, target, *, smr: bool, level: str) -> None:
    """strate's output(): the by variables and _D _Y _Rate _Lower _Upper (_E _SMR with smr()),
    one observation per group, not st."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta

    path, replace = target
    frame = pd.DataFrame({v: ds.df[v].to_numpy()[groups] for v in names})
    cols = {"_D": [r.failures for r in results], ("_E" if smr else "_Y"): [r.person_time for r in results],
            ("_SMR" if smr else "_Rate"): [r.rate for r in results], "_Lower": [r.lower for r in results],
            "_Upper": [r.upper for r in results]}
    for k, v in cols.items():
        frame[k] = np.asarray(v, float)
    out = Dataset(df=frame)
    for v in names:
        out.types[v] = ds.types.get(v, "float")
        if v in ds.var_labels:
            out.var_labels[v] = ds.var_labels[v]
        if v in ds.value_label_of:
            out.value_label_of[v] = ds.value_label_of[v]
            out.value_labels[ds.value_label_of[v]] = ds.value_labels.get(ds.value_label_of[v], {})
    labels = {"_D": "# Failures", "_Y": "Person-time observation", "_Rate": "Rate estimate",
              "_E": "Expected # failures", "_SMR": "SMR estimate", "_Lower": f"Lower {level}% confidence limit",
              "_Upper": f"Upper {level}% confidence limit"}
    for k in cols:
        out.types[k] = "double"
        out.var_labels[k] = labels[k]
    out.formats["_D"] = "%4.0f"
    save_dta(out, path, replace=replace)


STPTIME_SPECS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("at", 2, takes_arg=True),
                 OptionSpec("output", 3, takes_arg=True), OptionSpec("dd", 2, takes_arg=True),
                 OptionSpec("level", 1, takes_arg=True), OptionSpec("title", 1, takes_arg=True),
                 OptionSpec("per", 3, takes_arg=True), OptionSpec("trim", 4), OptionSpec("noshow", 6),
                 OptionSpec("smr", 3, takes_arg=True), OptionSpec("using", 1, takes_arg=True),
                 OptionSpec("jackknife", 1)]
HUGE = 2.0 ** 1022  # stptime.ado's 1.0x+3fe: the band beyond the last at()


def _bands(t0, t, d, w, ids, rows, points, trim: bool, level: float, per: float, jack: bool):
    """stptime's Mstptime: the records split at ``points`` (stsplit ..., at() [trim]) and the
    rate of each band and of all, as strate _group and strate give them: [(band start, row)],
    total row."""
    from mlmcli.survival.rates import rate_row
    from mlmcli.survival.splitting import split_at

    ep = split_at(t0, t, d, rows, points, np.zeros(len(t)))
    m = int(rows.sum())
    src, band = ep.source[:len(ep.source) - (len(t) - m)], ep.marker[:len(ep.source) - (len(t) - m)]
    keep = np.ones(len(src), bool)
    if trim:
        b32 = band.astype(np.float32)
        keep = ~((b32 < np.float32(points[0])) | (b32 == np.float32(points[-1])))
    if not keep.any():
        raise StataError("invalid combination of at() and trim options\nno observations remaining", 2000)
    y = (ep.t[:len(src)] - ep.t0[:len(src)]) / per
    dd_, ww, cl = ep.d[:len(src)], w[src], (ids[src] if jack else None)
    out = []
    for b in np.unique(band[keep]):
        sel = keep & (band == b)
        out.append((float(b), rate_row(dd_[sel], y[sel], ww[sel], level, None if cl is None else cl[sel], jack)))
    total = rate_row(dd_[keep], y[keep], ww[keep], level, None if cl is None else cl[keep], jack)
    return out, total


def _save_bands(bands, total, last: float, per: float, target) -> None:
    """stptime's output(): _group (the band's start; the total's is the last at() with trim,
    else 1.0x+3fe) and strate's _D _Y (person-time, times per) _Rate _Lower _Upper."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta

    rows = [(b, r) for b, r in bands] + [(last, total)]
    frame = pd.DataFrame({"_group": [b for b, _ in rows], "_D": [r.failures for _, r in rows],
                          "_Y": [r.person_time * per for _, r in rows], "_Rate": [r.rate for _, r in rows],
                          "_Lower": [r.lower for _, r in rows], "_Upper": [r.upper for _, r in rows]})
    out = Dataset(df=frame)
    for name in frame.columns:
        out.types[name] = "double"
    out.types["_group"] = "float"
    out.formats["_D"] = "%4.0f"
    out.var_labels.update({"_D": "# Failures", "_Y": "Person-time observation", "_Rate": "Rate estimate"})
    path, replace = target
    save_dta(out, path, replace=replace)


def _group_bands(ds, by, rows, columns, points, trim, level, per, jack):
    """stptime by() at() (stptime.ado's CASE 3): per group, each at() band's row, labelled
    (a-b] or, for a band ending beyond the largest _t, "> a"; bands without records are left
    out (stptime.ado shows no row for them)."""
    t0, t, d, w, ids = columns
    codes = group_codes(ds, [by], rows)
    idx = np.flatnonzero(rows)
    max_t = float(np.nanmax(t[ds.numeric("_st") == 1])) if rows.any() else float("nan")
    out = []
    for g in range(int(codes.max()) + 1 if codes.size else 0):
        sub = np.zeros(ds.nobs, bool)
        sub[idx[codes == g]] = True
        try:
            present, _ = _bands(t0, t, d, w, ids, sub, points, trim, level, per, jack)
        except StataError:  # every record of the group trimmed away
            present = []
        found = {np.float32(a): row for a, row in present}  # stsplit holds the band starts in float
        rows_out = []
        for a, b in zip(points[:-1], points[1:]):
            if np.float32(a) in found:
                rows_out.append((float(a), float(b) if b <= max_t else None, found[np.float32(a)]))
        out.append((_value_cell(ds, by, int(idx[codes == g][0])), rows_out))
    return out


def cmd_stptime(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, plain_number
    from mlmcli.render.st_tools import render_stptime
    from mlmcli.render.survival import render_st_show
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, STPTIME_SPECS)
    if not ds.chars.get("st_id"):
        raise StataError("stptime requires that you have previously stset an id() variable", 198)
    if cmd.in_range is not None:
        raise StataError("in not allowed", 101)
    by = ds.resolve(str(opts["by"]).strip()) if opts.get("by") is not None else ""
    if by and ds.is_string(by) and ds.types.get(by) == "strL":
        raise StataError(f"{by} is strL; strL variables not allowed", 109)
    dd = dd_option(opts)
    if dd <= 0 and dd != -100:
        raise StataError("dd() should be a positive integer", 198)
    per = real_option(opts, "per", 1.0)
    if per <= 0:
        raise StataError("per() should be greater than zero", 198)
    for name in ("smr", "using"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not supported by mlmcli", 198)
    if opts.get("output") is not None:
        if by:
            raise StataError("output() option not valid in combination with by() option", 198)
    target = _output_target(opts.get("output"))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    at = sorted(numlist(str(opts["at"]))) if opts.get("at") is not None else None
    if at is not None and min(at) < 0:
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    trim = bool(opts.get("trim"))
    if trim and at is None:
        raise StataError("at() option required when specifying trim option", 198)
    title = str(opts["title"]).strip().strip('"')[:13] if opts.get("title") is not None else "person-time"
    jack = bool(opts.get("jackknife"))
    rows = mark(session, cmd, [by] if by else [], strok=True) & (ds.numeric("_st") == 1)
    t0, t, d = (ds.numeric(v).astype(float) for v in ("_t0", "_t", "_d"))
    w, ids = _weights(ds, None), ds.numeric(desc.id)
    atflg = at is None
    if at is None:
        points = np.array([float(np.max(t[rows]))]) if rows.any() else np.array([0.0])
    else:
        points = np.array(([0.0] if at[0] > 0 and not trim else []) + list(at) + ([] if trim else [HUGE]))
        points = np.unique(points)
    show = not opts.get("noshow") and ds.chars.get("st_show") != "noshow"
    group_bands = None
    if by and at is not None:
        group_bands = _group_bands(ds, by, rows, (t0, t, d, w, ids), points, trim, level, per, jack)
        _, total = _bands(t0, t, d, w, ids, rows, points, trim, level, per, jack)
        bands = groups = None
    elif by:
        codes = group_codes(ds, [by], rows)
        idx = np.flatnonzero(rows)
        groups = []
        for g in range(int(codes.max()) + 1 if codes.size else 0):
            sub = np.zeros(ds.nobs, bool)
            sub[idx[codes == g]] = True
            sub_points = np.array([float(np.max(t[sub]))])
            _, row = _bands(t0, t, d, w, ids, sub, sub_points, False, level, per, jack)
            groups.append((_value_cell(ds, by, int(idx[codes == g][0])), row))
        _, total = _bands(t0, t, d, w, ids, rows, points, False, level, per, jack)
        bands = None
    else:
        bands, total = _bands(t0, t, d, w, ids, rows, points, trim, level, per, jack)
        groups = None
    text = render_stptime(bands, groups, total, group_bands=group_bands, by=by, title=title, per=per, dd=dd,
                          level=plain_number(level),
                          trim=trim, atflg=atflg, top=float(max(0.0, *(at or [0.0]))), jackknife=jack)
    if show:
        session.print(render_st_show(desc))
    session.print(text)
    if target is not None:
        last = float(max(at)) if trim else HUGE
        _save_bands(bands, total, last, per, target)
    session.set_r({"ptime": total.person_time * per, "failures": total.failures, "rate": total.rate,
                   "lb": total.lower, "ub": total.upper})
