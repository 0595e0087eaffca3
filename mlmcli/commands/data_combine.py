"""Combining data: ``merge``, ``append``, ``collapse`` (``reshape`` lives in ``data_reshape``)."""
from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from mlmcli.commands.data_common import (check_new_name, check_options, dta_path, fit_storage, mark,
                                         match_option, raw_options, split_raw_options, split_using, statistic,
                                         reject_weight, weights, wider_type)
from mlmcli.commands.data_reshape import cmd_reshape  # noqa: F401  (the registry points here)
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.render.data_combine import render_merge_table

MERGE_LABELS = {1.0: "master only (1)", 2.0: "using only (2)", 3.0: "matched (3)",
                4.0: "missing updated (4)", 5.0: "nonmissing conflict (5)"}


def _load_using(text: str) -> Dataset:
    from mlmcli.dta import read_dta
    path = dta_path(text)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    return read_dta(path)[0]


def _adopt_metadata(ds: Dataset, other: Dataset, names, value_labels: bool = True) -> None:
    """Copy labels/formats/types of ``names`` from ``other`` where ``ds`` lacks them (and the
    value-label definitions unless ``value_labels`` is false)."""
    for n in names:
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            src, dst = getattr(other, attr), getattr(ds, attr)
            if n in src and n not in dst:
                dst[n] = src[n]
    if value_labels:
        for lab, mapping in other.value_labels.items():
            ds.value_labels.setdefault(lab, dict(mapping))


# ----------------------------------------------------------------------------- merge
def cmd_merge(session, cmd) -> None:
    """``merge 1:1|m:1|1:m varlist using file [, keep() keepusing() generate() nogenerate noreport
    assert() update replace nolabel]``.

    Variables in both files keep the master's values; with ``update``, matched observations
    take the using value where the master's is missing (_merge 4) and count disagreements
    (_merge 5), which ``replace`` resolves in favour of the using data.
    """
    body, opt_text = split_raw_options(cmd.args)
    reject_weight(body)
    opts = raw_options(opt_text)
    check_options(opts, [("keep", 4), ("keepusing", 5), ("generate", 3), ("nogenerate", 5), ("noreport", 5),
                          ("assert", 6), ("nolabel", 5), ("nonotes", 7), ("sorted", 6),
                          ("update", 6), ("replace", 7)])
    update = match_option(opts, "update", 6) is not None
    replace = match_option(opts, "replace", 7) is not None
    if replace and not update:
        raise StataError("option replace requires option update", 198)
    parts = body.split(None, 1)
    if not parts or parts[0] not in ("1:1", "m:1", "1:m", "m:m"):
        raise StataError("invalid syntax", 198)
    kind = parts[0]
    keys_text, file_text = split_using(parts[1] if len(parts) > 1 else "")
    if not file_text:
        raise StataError("using required", 100)
    ds = session.data
    keys = ds.expand_varlist(keys_text)
    using = _load_using(file_text)
    for k in keys:
        if k not in using.df.columns:
            raise StataError(f"variable {k} not found", 111)
        if ds.is_string(k) != using.is_string(k):
            raise StataError(f"key variable {k} is {'str' if using.is_string(k) else 'numeric'} in using data", 106)
    keepusing = match_option(opts, "keepusing", 5)
    if isinstance(keepusing, str):
        wanted = using.expand_varlist(keepusing)
        using.df = using.df[[c for c in using.varnames if c in keys or c in wanted]]
    nogen = match_option(opts, "nogenerate", 5) is True
    genvar = match_option(opts, "generate", 3)
    genvar = genvar.strip() if isinstance(genvar, str) else "_merge"
    if not nogen:
        if genvar in ds.df.columns:
            raise StataError(f"variable {genvar} already defined", 110)
    for side, frame, unique in (("master", ds, kind[0] == "1"), ("using", using, kind[2] == "1")):
        if unique and frame.df.duplicated(subset=keys).any():
            what = f"variable {keys[0]} does" if len(keys) == 1 else f"variables {' '.join(keys)} do"
            raise StataError(f"{what} not uniquely identify observations in the {side} data", 459)
    left = ds.df.copy()
    right = using.df.copy()
    shared = [c for c in right.columns if c in left.columns and c not in keys]
    right = right.rename(columns={c: f"__mlm_u_{c}" for c in shared})
    left["__mlm_mrow"] = np.arange(len(left))
    right["__mlm_urow"] = np.arange(len(right))
    key_l = _key_frame(left, keys, ds)
    key_r = _key_frame(right, keys, using)
    left = pd.concat([left, key_l.add_prefix("__mlm_k_")], axis=1)
    right = pd.concat([right, key_r.add_prefix("__mlm_k_")], axis=1)
    kcols = [f"__mlm_k_{k}" for k in keys]
    if kind == "m:m":
        left, right = _pair_sequentially(left, right, kcols)
        kcols = kcols + ["__mlm_seq"]
    merged = left.merge(right.drop(columns=keys), on=kcols, how="outer", indicator=True, sort=False)
    code = merged["_merge"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float).to_numpy()
    merged = merged.drop(columns=["_merge"])
    # using-only rows take their key values (and shared variables) from the using data
    only_u = code == 2.0
    if only_u.any():
        urows = merged.loc[only_u, "__mlm_urow"].astype(int).to_numpy()
        for k in keys + shared:
            col = merged[k].astype(object) if ds.is_string(k) else merged[k]
            vals = using.df[k].to_numpy()[urows]
            col = col.copy()
            col[only_u] = vals
            merged[k] = col
    if update and shared:
        code = _apply_update(merged, shared, code, replace, ds)
    merged["__code"] = code
    merged = merged.sort_values(kcols + ["__mlm_mrow", "__mlm_urow"], kind="mergesort", na_position="last")
    merged = merged.drop(columns=[c for c in ("__mlm_seq",) if c in merged.columns])
    code = merged["__code"].to_numpy()
    keep = match_option(opts, "keep", 4)
    if isinstance(keep, str):
        allowed = _result_codes(keep)
        merged = merged[np.isin(code, list(allowed))]
        code = merged["__code"].to_numpy()
    assert_opt = match_option(opts, "assert", 6)
    if isinstance(assert_opt, str):
        allowed = _result_codes(assert_opt)
        if not np.isin(code, list(allowed)).all():
            raise StataError("merge:  after merge, not all observations matched as asserted", 9)
    out_cols = ds.varnames + [c for c in using.varnames if c not in ds.df.columns]
    frame = merged[out_cols].reset_index(drop=True)
    for c in out_cols:
        if (c in ds.df.columns and ds.is_string(c)) or (c not in ds.df.columns and using.is_string(c)):
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "")
        else:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    ds.df = frame
    _adopt_metadata(ds, using, [c for c in using.varnames if c not in keys],
                    value_labels=match_option(opts, "nolabel", 5) is None)
    for k in keys + shared:
        if k in using.types and k in ds.types:
            ds.types[k] = wider_type(ds.types[k], using.types[k])
    counts = {c: int((code == c).sum()) for c in (1.0, 2.0, 3.0, 4.0, 5.0)}
    if not nogen:
        ds.set_variable(genvar, code.astype(float), "byte")
        ds.value_labels.setdefault("_merge", dict(MERGE_LABELS))
        ds.value_label_of[genvar] = "_merge"
    ds.sortedby = tuple(keys)
    ds.changed = True
    if match_option(opts, "noreport", 5) is None:
        session.print(render_merge_table({int(c): n for c, n in counts.items()},
                                         False if nogen else genvar, update=update))


def _pair_sequentially(left: pd.DataFrame, right: pd.DataFrame, kcols: list[str]):
    """m:m: within a key, the i-th master observation meets the i-th using one; the shorter
    side's last observation is repeated to meet the rest of the longer side."""
    left = left.copy()
    right = right.copy()
    left["__mlm_seq"] = left.groupby(kcols, dropna=False).cumcount()
    right["__mlm_seq"] = right.groupby(kcols, dropna=False).cumcount()
    nl = left.groupby(kcols, dropna=False).size().rename("__mlm_nl")
    nr = right.groupby(kcols, dropna=False).size().rename("__mlm_nr")
    both = pd.concat([nl, nr], axis=1, join="inner")
    extra_left, extra_right = [], []
    for key, (n_l, n_r) in both.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        short, n_short, n_long, sink = (left, n_l, n_r, extra_left) if n_l < n_r else (right, n_r, n_l, extra_right)
        if n_short == n_long:
            continue
        sel = np.ones(len(short), dtype=bool)
        for c, v in zip(kcols, key):
            sel &= (short[c] == v).to_numpy()
        last = short[sel & (short["__mlm_seq"] == n_short - 1).to_numpy()]
        reps = last.loc[last.index.repeat(int(n_long - n_short))].copy()
        reps["__mlm_seq"] = np.arange(int(n_short), int(n_long))
        sink.append(reps)
    if extra_left:
        left = pd.concat([left] + extra_left, ignore_index=True)
    if extra_right:
        right = pd.concat([right] + extra_right, ignore_index=True)
    return left, right


def _apply_update(merged: pd.DataFrame, shared: list[str], code: np.ndarray, replace: bool,
                  ds: Dataset) -> np.ndarray:
    """merge's update/replace on matched rows; returns the _merge codes (3, 4 or 5)."""
    code = code.copy()
    matched = code == 3.0
    updated = np.zeros(code.size, dtype=bool)
    conflict = np.zeros(code.size, dtype=bool)
    for c in shared:
        m = merged[c].to_numpy(dtype=object)
        u = merged[f"__mlm_u_{c}"].to_numpy(dtype=object)
        if ds.is_string(c):
            miss_m = np.array([v is None or v == "" or v != v for v in m], dtype=bool)
            miss_u = np.array([v is None or v == "" or v != v for v in u], dtype=bool)
        else:
            miss_m = pd.isna(pd.to_numeric(pd.Series(m), errors="coerce")).to_numpy()
            miss_u = pd.isna(pd.to_numeric(pd.Series(u), errors="coerce")).to_numpy()
        fill = matched & miss_m & ~miss_u
        differ = matched & ~miss_m & ~miss_u & np.array([a != b for a, b in zip(m, u)], dtype=bool)
        m = m.copy()
        m[fill] = u[fill]
        if replace:
            m[differ] = u[differ]
        merged[c] = m
        updated |= fill
        conflict |= differ
    code[matched & updated] = 4.0
    code[matched & conflict] = 5.0
    return code


def _key_frame(df: pd.DataFrame, keys: list[str], ds: Dataset) -> pd.DataFrame:
    out = {}
    for k in keys:
        if ds.is_string(k):
            out[k] = df[k].astype(object).astype(str)
        else:
            out[k] = pd.to_numeric(df[k], errors="coerce").astype(float)
    return pd.DataFrame(out, index=df.index)


def _result_codes(text: str) -> set[float]:
    codes: set[float] = set()
    for tok in text.split():
        t = tok.lower()
        if t in ("1",) or (len(t) >= 3 and "master".startswith(t)):
            codes.add(1.0)
        elif t in ("2",) or (len(t) >= 2 and "using".startswith(t)):
            codes.add(2.0)
        elif t in ("3",) or (len(t) >= 3 and "match".startswith(t)):
            codes.update((3.0, 4.0, 5.0))
        elif t in ("4",) or (len(t) >= 3 and "match_update".startswith(t)):
            codes.add(4.0)
        elif t in ("5",) or (len(t) >= 7 and "match_conflict".startswith(t)):
            codes.add(5.0)
        else:
            raise StataError(f"{tok} invalid in keep()/assert()", 198)
    return codes


# ----------------------------------------------------------------------------- append
def cmd_append(session, cmd) -> None:
    """``append using file [file ...] [, generate(newvar) nolabel force]``."""
    from mlmcli.options import OptionSpec, parse_options
    opts = parse_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True), OptionSpec("nolabel", 5),
                                       OptionSpec("force"), OptionSpec("keep", takes_arg=True),
                                       OptionSpec("nonotes", 7)])
    _, files_text = split_using(cmd.args)
    if not files_text:
        raise StataError("using required", 100)
    files = re.findall(r'"[^"]*"|\S+', files_text)
    ds = session.data
    gen = opts["generate"].strip() if isinstance(opts.get("generate"), str) else None
    if gen:
        check_new_name(session, gen)
    source = [0.0] * ds.nobs
    for fi, f in enumerate(files, start=1):
        using = _load_using(f)
        if isinstance(opts.get("keep"), str):
            wanted = using.expand_varlist(opts["keep"])
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
                    session.print(f"(note: variable {c} was {ds.types[c]}, now {wider} to accommodate "
                                  f"using data's values)")
                    ds.types[c] = wider
        frame = pd.concat([ds.df, using.df], ignore_index=True, sort=False)
        for c in frame.columns:
            is_str = (c in ds.df.columns and ds.is_string(c)) or (c not in ds.df.columns and using.is_string(c))
            if is_str:
                frame[c] = frame[c].astype(object).where(frame[c].notna(), "")
            else:
                frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
        new_vars = [c for c in using.varnames if c not in ds.df.columns]
        ds.df = frame
        _adopt_metadata(ds, using, new_vars)
        if not opts.get("nolabel"):
            for lab, mapping in using.value_labels.items():
                ds.value_labels.setdefault(lab, dict(mapping))
        source += [float(fi)] * using.nobs
    ds.sortedby = ()
    ds.changed = True
    if gen:
        ds.set_variable(gen, np.array(source), "byte")


# ----------------------------------------------------------------------------- collapse
_COLLAPSE_STATS = {"mean", "median", "sd", "semean", "sum", "rawsum", "count", "percent", "max", "min",
                   "iqr", "first", "last", "firstnm", "lastnm"}


def _collapse_spec(ds: Dataset, text: str) -> list[tuple[str, str, str]]:
    """``(mean) a b (sd) sa=a`` -> [(stat, target, source), ...]."""
    text = re.sub(r"\s*=\s*", "=", text)
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


def cmd_collapse(session, cmd) -> None:
    """``collapse [(stat)] varlist [(stat) target=var ...] [if] [in] [weight] [, by(varlist) cw]``.

    Replaces the data with one observation per by-group (sorted by the by variables);
    new variables are labelled ``(stat) label``.  Weights (aweights by default): see
    ``_weighted_value``.
    """
    body, opt_text = split_raw_options(cmd.args)
    weight = None
    wm = re.search(r"\[\s*([A-Za-z]+)\s*=\s*([^\]]+)\]", body)
    if wm:
        from mlmcli.ast import Weight
        weight = Weight(wm.group(1), wm.group(2).strip())
        body = body[:wm.start()] + " " + body[wm.end():]
    m = re.search(r"\s(if|in)\s", " " + body + " ")
    row_cmd = cmd
    if m:
        from mlmcli.ast import Command
        from mlmcli.parser import parse_command
        cond = body[m.start():].strip()
        body = body[:m.start()]
        sub = parse_command("count " + cond)
        row_cmd = Command(name="count", if_exp=sub.if_exp, in_range=sub.in_range)
    opts = raw_options(opt_text)
    check_options(opts, [("by", 2), ("cw", 2), ("fast", 4)])
    ds = session.data
    spec = _collapse_spec(ds, body)
    targets = [t for _, t, _ in spec]
    if len(set(targets)) != len(targets):
        raise StataError("target variable names must be unique", 198)
    by_text = opts.get("by")
    by = ds.expand_varlist(by_text) if isinstance(by_text, str) else []
    for t in targets:
        if t in by:
            raise StataError(f"{t} may not be both a target and a by variable", 198)
    rows = mark(session, row_cmd)
    w, kind = None, None
    if weight is not None:
        import dataclasses
        rows, w, kind = weights(session, dataclasses.replace(row_cmd, weight=weight), rows,
                                ("aweight", "fweight", "iweight", "pweight"), default="aweight")
    if opts.get("cw"):
        for _, _, src in spec:
            rows &= ~np.isnan(ds.numeric(src)) if not ds.is_string(src) else True
    if not rows.any():
        raise StataError("no observations", 2000)
    for stat, _, src in spec:
        if ds.is_string(src) and stat not in ("count", "first", "last", "firstnm", "lastnm"):
            raise StataError("type mismatch", 109)
    sub = ds.df[rows].reset_index(drop=True)
    wsub = w[rows] if w is not None else None
    if by:
        keyframe = pd.DataFrame({b: sub[b] for b in by})
        grouped = keyframe.groupby(by, sort=True, dropna=False, observed=True).indices
        group_keys = list(grouped.keys())
        group_rows = [np.asarray(grouped[k]) for k in group_keys]
    else:
        group_keys, group_rows = [()], [np.arange(len(sub))]
    total_count = {}
    for _, _, src in spec:
        if not ds.is_string(src):
            ok = ~np.isnan(pd.to_numeric(sub[src], errors="coerce").to_numpy(dtype=float))
            total_count[src] = float(ok.sum() if wsub is None or kind == "aweight" else wsub[ok].sum())
    out: dict[str, list] = {b: [] for b in by}
    for t in targets:
        out[t] = []
    for key, idx in zip(group_keys, group_rows):
        key = key if isinstance(key, tuple) else (key,)
        for b, v in zip(by, key):
            out[b].append(v)
        for stat, target, src in spec:
            col = sub[src].to_numpy()[idx]
            if wsub is not None and not ds.is_string(src):
                out[target].append(_weighted_value(stat, col, wsub[idx], kind, total_count.get(src, 0.0)))
            else:
                out[target].append(_collapse_value(stat, col, ds.is_string(src), total_count.get(src, 0.0)))
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
            arr = np.array(vals, dtype=float)
            vtype = _collapse_type(stat, src_type)
            frame[target] = fit_storage(arr, vtype)
            new.types[target] = vtype
        label = ds.var_labels.get(src) or src
        new.var_labels[target] = f"({_stat_title(stat)}) {label}"[:80]
        if stat in ("first", "last", "firstnm", "lastnm", "min", "max"):
            if src in ds.value_label_of:
                new.value_label_of[target] = ds.value_label_of[src]
            if src in ds.formats:
                new.formats[target] = ds.formats[src]
    new.df = pd.DataFrame(frame, columns=by + targets)
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label = ds.label
    new.sortedby = tuple(by)
    new.changed = True
    new.filename = ds.filename
    session.data = new


def _weighted_value(stat: str, col, w: np.ndarray, kind: str, total: float) -> float:
    """A collapse statistic with weights.  mean = sum(w x)/sum(w) for every weight type;
    aweights are rescaled to sum to the group's number of observations, so their sum is
    sum(w' x) and their count the number of observations; other weights count sum(w).
    rawsum ignores the weights; min/max/first/last do too; sd/percentiles as summarize."""
    from mlmcli.commands.data_common import weighted_moments, weighted_percentile
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
