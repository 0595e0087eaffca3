"""Combining data: ``append``, ``collapse`` (``merge`` and ``reshape``: their own modules)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import (adopt_metadata, fit_storage, if_in_command, load_using, mark,
                                         split_if_in, split_using, weights, wider_type)
from mlmcli import group_reductions as grouped
from mlmcli.commands.data.collapse_groups import sorted_groups
from mlmcli.dataset import Dataset
from mlmcli.group_reductions import Groups
from mlmcli.errors import StataError
from mlmcli.summary_statistics import statistic
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import check_new_name


# ----------------------------------------------------------------------------- append
def cmd_append(session, cmd) -> None:
    """``append using file [file ...] [, generate(newvar) keep(varlist) nolabel nonotes force]``."""
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True), OptionSpec("nolabel", 5),
                                       OptionSpec("force"), OptionSpec("keep", takes_arg=True),
                                       OptionSpec("nonotes", 7)])
    _, files_text = split_using(cmd.args)
    if not files_text:
        raise StataError("using required", 100)
    files = re.findall(r'"[^"]*"|\S+', files_text)
    ds = session.data
    gen = opts["generate"].strip() if isinstance(opts.get("generate"), str) else None
    if gen:
        check_new_name(session.data, gen)
    source = [0.0] * ds.nobs
    for fi, f in enumerate(files, start=1):
        using = load_using(f)
        append_dataset(ds, using, opts, session.print)
        source += [float(fi)] * using.nobs
    ds.sortedby = ()
    ds.changed = True
    if gen:
        ds.set_variable(gen, np.array(source), "byte")


def append_dataset(ds, using, opts: dict, say) -> None:
    """The rows of ``using`` added below ``ds`` (in place), as ``append`` does with one file:
    ``opts`` holds append's keep(), force, nolabel and nonotes; ``say`` prints the notes."""
    if isinstance(opts.get("keep"), str):
        wanted = list(dict.fromkeys(using.expand_varlist(opts["keep"])))  # keep(x x): x once
        using.df = using.df[wanted]
    for c in using.varnames:
        if c in ds.df.columns and ds.is_string(c) != using.is_string(c):
            if not opts.get("force"):
                kind = "str" if using.is_string(c) else "numeric"
                raise StataError(f"variable {c} is {kind} in using data", 106)
            using.df = using.df.drop(columns=[c])
    for c in using.varnames:
        if c in ds.types and c in using.types:
            wider = wider_type(ds.types[c], using.types[c])
            if wider != ds.types[c]:
                say(f"(note: variable {c} was {ds.types[c]}, now {wider} to accommodate using data's values)")
                ds.types[c] = wider
    frame = pd.concat([ds.df, using.df], ignore_index=True, sort=False)
    for c in frame.columns:
        is_str = (c in ds.df.columns and ds.is_string(c)) or (c not in ds.df.columns and using.is_string(c))
        if is_str:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "")
        else:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    new_vars = [c for c in using.varnames if c not in ds.df.columns]
    ds.append_rows(frame)  # e(sample) stays on the master rows
    adopt_metadata(ds, using, new_vars)
    if not opts.get("nolabel"):
        for lab, mapping in using.value_labels.items():
            ds.value_labels.setdefault(lab, dict(mapping))
    if not opts.get("nonotes"):
        from mlmcli.characteristics import DTA, adopt_notes

        adopt_notes(ds.chars, using.chars, [DTA] + using.varnames)


# ----------------------------------------------------------------------------- collapse
_COLLAPSE_STATS = {"mean", "median", "sd", "semean", "sum", "rawsum", "count", "percent", "max", "min",
                   "iqr", "first", "last", "firstnm", "lastnm"}


def _collapse_spec(ds: Dataset, text: str) -> list[tuple[str, str, str]]:
    """``(mean) a b (sd) sa=a`` -> [(stat, target, source), ...]."""
    text = re.sub(r"\s*=\s*", "=", text)
    text = re.sub(r"(?<=[\w*?~])\s*-\s*(?=[A-Za-z_*?~])", "-", text)  # a range typed ``a- b``, ``a - b``
    stat = "mean"
    spec = []
    for tok in re.findall(r"\([^)]*\)|\S+", text):
        if tok.startswith("("):
            stat = tok[1:-1].strip().lower()
            if stat == "median":
                stat = "p50"
            if stat not in _COLLAPSE_STATS and not re.fullmatch(r"p\d{1,2}", stat):
                raise StataError(f"({stat}) invalid statistic" if stat else "invalid syntax", 198)
            continue
        if "=" in tok:
            target, src = tok.split("=", 1)
            spec.append((stat, target, ds.resolve(src)))
        else:
            for v in ds.expand_varlist(tok):
                spec.append((stat, v, v))
    if not spec:
        raise StataError("varlist required", 100)
    return spec


COLLAPSE_OPTIONS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("cw", 2), OptionSpec("fast", 4)]


def cmd_collapse(session, cmd) -> None:
    """``collapse [(stat)] varlist [(stat) target=var ...] [if] [in] [weight] [, by(varlist) cw]``.

    Replaces the data with one observation per by-group (sorted by the by variables);
    new variables are labelled ``(stat) label``.  Weights (aweights by default): see
    ``_weighted_value``.  Steps: read the line, select the rows, group them, compute each
    statistic per group, build the new dataset (the data in memory change only then).
    """
    body, options, _ = split_options(cmd.args)
    weight = None
    wm = re.search(r"\[\s*([A-Za-z]+)\s*=\s*([^\]]+)\]", body)
    if wm:
        from mlmcli.ast import Weight
        weight = Weight(wm.group(1), wm.group(2).strip())
        body = body[:wm.start()] + " " + body[wm.end():]
    body, cond = split_if_in(body)
    row_cmd = if_in_command(cond) if cond else cmd
    opts = resolve_options(options, COLLAPSE_OPTIONS)
    ds = session.data
    spec = _collapse_spec(ds, body)
    targets = [t for _, t, _ in spec]
    if len(set(targets)) != len(targets):
        raise StataError("target variable names must be unique", 198)
    by = ds.expand_varlist(opts["by"]) if isinstance(opts.get("by"), str) else []
    for t in targets:
        if t in by:
            raise StataError(f"{t} may not be both a target and a by variable", 198)
    rows, w, kind = _collapse_rows(session, row_cmd, weight, spec, bool(opts.get("cw")))
    for stat, _, src in spec:
        if ds.is_string(src) and stat not in ("count", "first", "last", "firstnm", "lastnm"):
            raise StataError("type mismatch", 109)
    sub = ds.df[rows].reset_index(drop=True)
    wsub = w[rows] if w is not None else None
    out = _collapse_values(ds, sub, wsub, kind, spec, by)
    session.data = _collapsed_dataset(ds, spec, by, out)


def _collapse_rows(session, row_cmd, weight, spec, cw: bool):
    """(rows, weights, kind): if/in, rows with a missing or zero weight out, and with ``cw``
    rows missing in any source variable out (r(2000) when none is left)."""
    ds = session.data
    rows = mark(session, row_cmd)
    w, kind = None, None
    if weight is not None:
        import dataclasses
        rows, w, kind = weights(session, dataclasses.replace(row_cmd, weight=weight), rows,
                                ("aweight", "fweight", "iweight", "pweight"), default="aweight")
    if cw:
        for _, _, src in spec:
            rows &= ~np.isnan(ds.numeric(src)) if not ds.is_string(src) else True
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows, w, kind


def _collapse_values(ds, sub: pd.DataFrame, wsub, kind, spec, by: list[str]) -> dict[str, list]:
    """Per by-group (sorted; all rows when no by): the by values and each target's statistic."""
    grouping = sorted_groups(sub, by, [ds.is_string(b) for b in by]) if by else None
    if grouping is not None:
        codes, n_groups, out = grouping.codes, grouping.n_groups, dict(zip(by, grouping.keys))
    else:
        if by:
            keyframe = pd.DataFrame({b: sub[b] for b in by})
            indices = keyframe.groupby(by, sort=True, dropna=False, observed=True).indices
            keys = list(indices.keys())
            rows_of = [np.asarray(indices[k]) for k in keys]
        else:
            keys, rows_of = [()], [np.arange(len(sub))]
        codes, n_groups = np.empty(len(sub), dtype=np.int64), len(keys)
        for k, idx in enumerate(rows_of):
            codes[idx] = k
        out = {b: [] for b in by}
        for key in keys:
            key = key if isinstance(key, tuple) else (key,)
            for b, v in zip(by, key):
                out[b].append(v)
    groups = Groups(codes, np.ones(codes.size, dtype=bool))
    group_rows: list[np.ndarray] = []  # each group's rows in data order, when a statistic needs them
    total_count = {}  # the denominator of percent: observations (fweights/iweights/pweights: their sum)
    for _, _, src in spec:
        if not ds.is_string(src):
            ok = ~np.isnan(pd.to_numeric(sub[src], errors="coerce").to_numpy(dtype=float))
            total_count[src] = float(ok.sum() if wsub is None or kind == "aweight" else wsub[ok].sum())
    columns = {src: sub[src].to_numpy() for _, _, src in spec}  # once, not once per group
    strings = {src: ds.is_string(src) for _, _, src in spec}
    for stat, target, src in spec:
        col, is_string = columns[src], strings[src]
        if wsub is None and not is_string and (stat in _VECTOR_STATS or _grouped_moment(stat)):
            x = pd.to_numeric(pd.Series(col), errors="coerce").to_numpy(dtype=float)
            out[target] = _grouped_statistic(stat, x, codes, groups)
            continue
        if not group_rows:
            group_rows = np.split(groups.order, groups.starts[1:])
        out[target] = []
        for idx in group_rows:
            if wsub is not None and not is_string:
                out[target].append(_weighted_value(stat, col[idx], wsub[idx], kind, total_count.get(src, 0.0)))
            else:
                out[target].append(_collapse_value(stat, col[idx], is_string, total_count.get(src, 0.0)))
    return out


_VECTOR_STATS = ("mean", "sum", "rawsum", "count", "min", "max", "first", "last")


def _grouped_moment(stat: str) -> bool:
    """sd, median, iqr and p1..p99: statistic()'s answers, from group_reductions."""
    return stat in ("sd", "median", "iqr") or (re.fullmatch(r"p\d{1,2}", stat) is not None and 1 <= int(stat[1:]) <= 99)


def _grouped_statistic(stat: str, x: np.ndarray, codes: np.ndarray, groups: Groups) -> np.ndarray:
    """An unweighted statistic of every group at once (what _collapse_value gives group by
    group): ``codes`` number the groups 0, 1, ...; ``groups`` holds their rows."""
    g = groups.n_groups
    if stat in ("first", "last"):
        ends = groups.starts if stat == "first" else groups.starts + groups.counts - 1
        return x[groups.order[ends]]
    valid = ~np.isnan(x)
    count = np.bincount(codes[valid], minlength=g).astype(float)
    if stat == "count":
        return count
    if stat in ("sum", "rawsum", "mean"):
        total = np.bincount(codes[valid], weights=x[valid], minlength=g)
        if stat != "mean":
            return total
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / np.where(count > 0, count, 1.0), np.nan)
    if stat in ("min", "max"):
        fill = np.inf if stat == "min" else -np.inf
        res = np.full(g, fill)
        (np.minimum if stat == "min" else np.maximum).at(res, codes[valid], x[valid])
        return np.where(count > 0, res, np.nan)
    counted = Groups(codes, valid)
    v = counted.values(x)
    if stat == "sd":
        return grouped.sds(counted, v)
    if stat == "iqr":
        ordered = counted.sorted_values(v)
        return grouped.percentiles(counted, v, 75, ordered) - grouped.percentiles(counted, v, 25, ordered)
    return grouped.percentiles(counted, v, 50 if stat == "median" else int(stat[1:]))


def _collapsed_dataset(ds, spec, by: list[str], out: dict[str, list]) -> Dataset:
    """The by variables (with their metadata) and the targets: storage types for the
    statistic, labels ``(stat) label``, value labels and formats kept for first/last/min/max."""
    new = Dataset()
    frame = {}
    for b in by:
        frame[b] = np.array(out[b], dtype=object) if ds.is_string(b) else np.array(out[b], dtype=float)
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            if b in getattr(ds, attr):
                getattr(new, attr)[b] = getattr(ds, attr)[b]
    for stat, target, src in spec:
        vals = out[target]
        src_type = ds.types.get(src, "float")
        if ds.is_string(src) and stat != "count":
            frame[target] = np.array(vals, dtype=object)
            new.types[target] = src_type
        else:
            vtype = _collapse_type(stat, src_type)
            frame[target] = fit_storage(np.array(vals, dtype=float), vtype)
            new.types[target] = vtype
        label = ds.var_labels.get(src) or src
        new.var_labels[target] = f"({_stat_title(stat)}) {label}"[:80]
        if stat in ("first", "last", "firstnm", "lastnm", "min", "max"):
            if src in ds.value_label_of:
                new.value_label_of[target] = ds.value_label_of[src]
            if src in ds.formats:
                new.formats[target] = ds.formats[src]
    new.df = pd.DataFrame(frame, columns=by + [t for _, t, _ in spec])
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label = ds.label
    new.sortedby = tuple(by)
    new.changed = True
    new.filename = ds.filename
    return new


def _weighted_value(stat: str, col, w: np.ndarray, kind: str, total: float) -> float:
    """A collapse statistic with weights.  mean = sum(w x)/sum(w) for every weight type;
    aweights are rescaled to sum to the group's number of observations, so their sum is
    sum(w' x) and their count the number of observations; other weights count sum(w).
    rawsum ignores the weights; min/max/first/last do too; sd/percentiles as summarize."""
    from mlmcli.summary_statistics import weighted_moments, weighted_percentile
    x = pd.to_numeric(pd.Series(col), errors="coerce").to_numpy(dtype=float)
    if stat in ("first", "last", "firstnm", "lastnm", "min", "max", "rawsum"):
        return _collapse_value(stat, col, False, total)
    valid = ~np.isnan(x)
    xv, wv = x[valid], w[valid]
    n = xv.size
    if kind == "aweight" and n:
        wv = wv * n / wv.sum()
    if stat == "count":
        return float(n) if kind == "aweight" else float(wv.sum())
    if stat == "percent":
        count = float(n) if kind == "aweight" else float(wv.sum())
        return 100.0 * count / total if total else np.nan
    if stat == "sum":
        return float((wv * xv).sum())
    if n == 0:
        return np.nan
    if stat == "mean":
        return float((wv * xv).sum() / wv.sum())
    if stat in ("sd", "semean"):
        if kind == "pweight":
            raise StataError(f"pweights may not be used with {stat}", 101)
        m = weighted_moments(xv, wv, "fweight" if kind != "aweight" else "aweight")
        if stat == "sd":
            return m["sd"]
        count = n if kind == "aweight" else wv.sum()
        return float(m["sd"] / np.sqrt(count))
    order = np.argsort(xv, kind="stable")
    sx, sw = xv[order], wv[order]
    if stat == "iqr":
        return weighted_percentile(sx, sw, 75) - weighted_percentile(sx, sw, 25)
    return weighted_percentile(sx, sw, float(stat[1:]))


def _stat_title(stat: str) -> str:
    return "p 50" if stat == "p50" else stat


def _collapse_type(stat: str, src_type: str) -> str:
    if stat in ("count",):
        return "long"
    if stat in ("sum", "rawsum"):
        return "double"
    if stat in ("first", "last", "firstnm", "lastnm", "min", "max"):
        return src_type
    return "double" if src_type in ("double", "long") else "float"


def _collapse_value(stat: str, col, is_string: bool, total: float):
    if is_string:
        vals = [v for v in col]
        nonmiss = [v for v in vals if v != ""]
        if stat == "count":
            return float(len(nonmiss))
        if stat == "first":
            return vals[0] if vals else ""
        if stat == "last":
            return vals[-1] if vals else ""
        if stat == "firstnm":
            return nonmiss[0] if nonmiss else ""
        return nonmiss[-1] if nonmiss else ""
    x = pd.to_numeric(pd.Series(col), errors="coerce").to_numpy(dtype=float)
    valid = x[~np.isnan(x)]
    if stat == "first":
        return float(x[0]) if x.size else np.nan
    if stat == "last":
        return float(x[-1]) if x.size else np.nan
    if stat == "firstnm":
        return float(valid[0]) if valid.size else np.nan
    if stat == "lastnm":
        return float(valid[-1]) if valid.size else np.nan
    if stat == "percent":
        return 100.0 * valid.size / total if total else np.nan
    if stat == "count":
        return float(valid.size)
    if stat in ("sum", "rawsum"):
        return float(valid.sum())
    return statistic(stat, valid)
