"""Combining and reshaping data: ``merge``, ``append``, ``collapse``, ``reshape``."""
from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from mlmcli.commands.data_common import (check_new_name, dta_path, fit_storage, mark, split_using, statistic,
                                         string_type_for)
from mlmcli.commands.data_manage import _split_raw_options, sort_frame
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.render.data_combine import render_merge_table, render_reshape

MERGE_LABELS = {1.0: "master only (1)", 2.0: "using only (2)", 3.0: "matched (3)",
                4.0: "missing updated (4)", 5.0: "nonmissing conflict (5)"}
_NUMERIC_ORDER = ["byte", "int", "long", "float", "double"]


def _raw_options(text: str) -> dict[str, str | bool]:
    """``keep(match) nogen`` -> {"keep": "match", "nogen": True} (raw commands)."""
    out: dict[str, str | bool] = {}
    for m in re.finditer(r"([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?", text):
        out[m.group(1).lower()] = m.group(2) if m.group(2) is not None else True
    return out


def _match_option(opts: dict, full: str, min_len: int):
    for k, v in opts.items():
        if len(k) >= min_len and full.startswith(k):
            return v
    return None


def _check_options(opts: dict, allowed: list[tuple[str, int]]) -> None:
    for k in opts:
        if not any(len(k) >= n and full.startswith(k) for full, n in allowed):
            raise StataError(f"option {k} not allowed", 198)


def _load_using(text: str) -> Dataset:
    from mlmcli.dta import read_dta
    path = dta_path(text)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    return read_dta(path)[0]


def _wider_type(a: str, b: str) -> str:
    if a.startswith("str") and b.startswith("str"):
        wa = int(a[3:]) if a[3:].isdigit() else 2045
        wb = int(b[3:]) if b[3:].isdigit() else 2045
        return f"str{max(wa, wb)}"
    if a in _NUMERIC_ORDER and b in _NUMERIC_ORDER:
        if {a, b} == {"long", "float"}:
            return "double"
        return _NUMERIC_ORDER[max(_NUMERIC_ORDER.index(a), _NUMERIC_ORDER.index(b))]
    return a


def _adopt_metadata(ds: Dataset, other: Dataset, names) -> None:
    """Copy labels/formats/types of ``names`` from ``other`` where ``ds`` lacks them."""
    for n in names:
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            src, dst = getattr(other, attr), getattr(ds, attr)
            if n in src and n not in dst:
                dst[n] = src[n]
    for lab, mapping in other.value_labels.items():
        ds.value_labels.setdefault(lab, dict(mapping))


# ----------------------------------------------------------------------------- merge
def cmd_merge(session, cmd) -> None:
    """``merge 1:1|m:1|1:m varlist using file [, keep() keepusing() generate() nogenerate noreport assert()]``."""
    body, opt_text = _split_raw_options(cmd.args)
    opts = _raw_options(opt_text)
    _check_options(opts, [("keep", 4), ("keepusing", 5), ("generate", 3), ("nogenerate", 5), ("noreport", 5),
                          ("assert", 6), ("nolabel", 5), ("nonotes", 7), ("sorted", 6), ("force", 5)])
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
    keepusing = _match_option(opts, "keepusing", 5)
    if isinstance(keepusing, str):
        wanted = using.expand_varlist(keepusing)
        using.df = using.df[[c for c in using.varnames if c in keys or c in wanted]]
    nogen = _match_option(opts, "nogenerate", 5) is True
    genvar = _match_option(opts, "generate", 3)
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
    right = right.drop(columns=shared)
    left["__m_row"] = np.arange(len(left))
    right["__u_row"] = np.arange(len(right))
    key_l = _key_frame(left, keys, ds)
    key_r = _key_frame(right, keys, using)
    left = pd.concat([left, key_l.add_prefix("__k_")], axis=1)
    right = pd.concat([right, key_r.add_prefix("__k_")], axis=1)
    kcols = [f"__k_{k}" for k in keys]
    merged = left.merge(right.drop(columns=keys), on=kcols, how="outer", indicator=True, sort=False)
    code = merged["_merge"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float).to_numpy()
    merged = merged.drop(columns=["_merge"])
    # using-only rows take their key values (and shared variables) from the using data
    only_u = code == 2.0
    if only_u.any():
        urows = merged.loc[only_u, "__u_row"].astype(int).to_numpy()
        for k in keys + shared:
            col = merged[k].astype(object) if ds.is_string(k) else merged[k]
            vals = using.df[k].to_numpy()[urows]
            col = col.copy()
            col[only_u] = vals
            merged[k] = col
    merged["__code"] = code
    merged = merged.sort_values(kcols + ["__m_row", "__u_row"], kind="mergesort", na_position="last")
    code = merged["__code"].to_numpy()
    keep = _match_option(opts, "keep", 4)
    if isinstance(keep, str):
        allowed = _result_codes(keep)
        merged = merged[np.isin(code, list(allowed))]
        code = merged["__code"].to_numpy()
    assert_opt = _match_option(opts, "assert", 6)
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
    _adopt_metadata(ds, using, [c for c in using.varnames if c not in keys])
    for k in keys + shared:
        if k in using.types and k in ds.types:
            ds.types[k] = _wider_type(ds.types[k], using.types[k])
    counts = {c: int((code == c).sum()) for c in (1.0, 2.0, 3.0)}
    if not nogen:
        ds.set_variable(genvar, code.astype(float), "byte")
        ds.value_labels.setdefault("_merge", dict(MERGE_LABELS))
        ds.value_label_of[genvar] = "_merge"
    ds.sortedby = tuple(keys)
    ds.changed = True
    if _match_option(opts, "noreport", 5) is None:
        session.print(render_merge_table({1: counts[1.0], 2: counts[2.0], 3: counts[3.0]},
                                         False if nogen else genvar))


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
            codes.add(3.0)
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
                wider = _wider_type(ds.types[c], using.types[c])
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
    """``collapse [(stat)] varlist [(stat) target=var ...] [if] [in] [, by(varlist) cw]``.

    Replaces the data with one observation per by-group (sorted by the by variables);
    new variables are labelled ``(stat) label``.
    """
    body, opt_text = _split_raw_options(cmd.args)
    m = re.search(r"\s(if|in)\s", " " + body + " ")
    row_cmd = cmd
    if m:
        from mlmcli.ast import Command
        from mlmcli.parser import parse_command
        cond = body[m.start():].strip()
        body = body[:m.start()]
        sub = parse_command("count " + cond)
        row_cmd = Command(name="count", if_exp=sub.if_exp, in_range=sub.in_range)
    opts = _raw_options(opt_text)
    _check_options(opts, [("by", 2), ("cw", 2), ("fast", 4)])
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
    if opts.get("cw"):
        for _, _, src in spec:
            rows &= ~np.isnan(ds.numeric(src)) if not ds.is_string(src) else True
    if not rows.any():
        raise StataError("no observations", 2000)
    for stat, _, src in spec:
        if ds.is_string(src) and stat not in ("count", "first", "last", "firstnm", "lastnm"):
            raise StataError("type mismatch", 109)
    sub = ds.df[rows].reset_index(drop=True)
    if by:
        keyframe = pd.DataFrame({b: sub[b] for b in by})
        grouped = keyframe.groupby(by, sort=True, dropna=False, observed=True).indices
        group_keys = list(grouped.keys())
        group_rows = [np.asarray(grouped[k]) for k in group_keys]
    else:
        group_keys, group_rows = [()], [np.arange(len(sub))]
    total_count = {src: float((~np.isnan(pd.to_numeric(sub[src], errors="coerce").to_numpy(dtype=float))).sum())
                   for _, _, src in spec if not ds.is_string(src)}
    out: dict[str, list] = {b: [] for b in by}
    for t in targets:
        out[t] = []
    for key, idx in zip(group_keys, group_rows):
        key = key if isinstance(key, tuple) else (key,)
        for b, v in zip(by, key):
            out[b].append(v)
        for stat, target, src in spec:
            col = sub[src].to_numpy()[idx]
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


# ----------------------------------------------------------------------------- reshape
def cmd_reshape(session, cmd) -> None:
    """``reshape long|wide stubs, i(varlist) j(varname) [string]``."""
    body, opt_text = _split_raw_options(cmd.args)
    words = body.split()
    if not words or words[0] not in ("long", "wide"):
        raise StataError("invalid syntax", 198)
    direction, stubs = words[0], words[1:]
    if not stubs:
        raise StataError("varlist required", 100)
    opts = _raw_options(opt_text)
    _check_options(opts, [("i", 1), ("j", 1), ("string", 3)])
    if not isinstance(opts.get("i"), str):
        raise StataError("option i() required", 198)
    ds = session.data
    ivars = ds.expand_varlist(opts["i"])
    jtext = opts.get("j")
    jvar = jtext.split()[0] if isinstance(jtext, str) and jtext.split() else "_j"
    string_j = opts.get("string") is not None or any(
        len(k) >= 3 and "string".startswith(k) for k in opts)
    if direction == "long":
        _reshape_long(session, ds, stubs, ivars, jvar, string_j)
    else:
        _reshape_wide(session, ds, stubs, ivars, jvar)


def _reshape_long(session, ds: Dataset, stubs, ivars, jvar, string_j) -> None:
    if jvar in ds.df.columns:
        raise StataError(f"variable {jvar} already defined", 110)
    if ds.df.duplicated(subset=ivars).any():
        raise StataError(f"variable {' '.join(ivars)} does not uniquely identify the observations", 9)
    members: dict[str, dict[str, str]] = {}
    jset: set[str] = set()
    for stub in stubs:
        pat = re.compile("^" + re.escape(stub).replace("@", "(.+)") + ("" if "@" in stub else "(.+)") + "$")
        found = {}
        for v in ds.varnames:
            m = pat.match(v)
            if m and v not in ivars:
                suffix = m.group(1)
                if not string_j and not re.fullmatch(r"-?\d+(\.\d+)?", suffix):
                    continue
                found[suffix] = v
        if not found:
            raise StataError(f"variable {stub.replace('@', '')}* not found", 111)
        members[stub.replace("@", "")] = found
        jset |= set(found)
    jvals = sorted(jset, key=(lambda s: s) if string_j else (lambda s: float(s)))
    xij_vars = {v for found in members.values() for v in found.values()}
    xi = [v for v in ds.varnames if v not in xij_vars and v not in ivars]
    n, k_before = ds.nobs, len(ds.varnames)
    rep = np.repeat(np.arange(n), len(jvals))
    frame = {}
    for v in ivars:
        frame[v] = ds.df[v].to_numpy()[rep]
    frame[jvar] = np.array(jvals * n, dtype=object) if string_j else np.tile(np.array([float(j) for j in jvals]), n)
    order = list(ivars) + [jvar]
    placed = set()
    new_types = {}
    for v in ds.varnames:
        if v in ivars:
            continue
        if v in xij_vars:
            stub = next(s for s, found in members.items() if v in found.values())
            if stub in placed:
                continue
            placed.add(stub)
            found = members[stub]
            is_str = any(ds.is_string(x) for x in found.values())
            cols = []
            types = []
            for j in jvals:
                src = found.get(j)
                if src is None:
                    cols.append(np.full(n, "" if is_str else np.nan, dtype=object if is_str else float))
                else:
                    cols.append(ds.df[src].to_numpy(dtype=object) if is_str else ds.numeric(src))
                    types.append(ds.types.get(src, "float"))
            frame[stub] = np.column_stack(cols).reshape(-1)
            t = types[0]
            for other in types[1:]:
                t = _wider_type(t, other)
            new_types[stub] = t
            order.append(stub)
        else:
            frame[v] = ds.df[v].to_numpy()[rep]
            order.append(v)
    new = Dataset(df=pd.DataFrame(frame, columns=order))
    for v in ivars + xi:
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            if v in getattr(ds, attr):
                getattr(new, attr)[v] = getattr(ds, attr)[v]
    new.types.update(new_types)
    new.types[jvar] = string_type_for(jvals) if string_j else ("int" if all(abs(float(j)) < 32740 and float(j) == int(float(j)) for j in jvals) else "float")
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label, new.filename, new.changed = ds.label, ds.filename, True
    new.sortedby = tuple(ivars) + (jvar,)
    session.data = new
    xij = [(" ".join(found[j] for j in jvals if j in found), stub) for stub, found in members.items()]
    session.print(render_reshape("long", jvals, n, new.nobs, k_before, len(order), jvar, xij))


def _reshape_wide(session, ds: Dataset, stubs, ivars, jvar) -> None:
    if jvar not in ds.df.columns:
        raise StataError(f"variable {jvar} not found", 111)
    for s in stubs:
        if s not in ds.df.columns:
            raise StataError(f"variable {s} not found", 111)
    j_is_str = ds.is_string(jvar)
    jcol = ds.df[jvar].to_numpy(dtype=object) if j_is_str else ds.numeric(jvar)
    if not j_is_str and np.isnan(jcol).any():
        raise StataError(f"variable {jvar} contains missing values", 498)
    if ds.df.duplicated(subset=ivars + [jvar]).any():
        raise StataError(f"values of variable {jvar} not unique within {' '.join(ivars)}", 9)
    from mlmcli.render.numfmt import format_number
    jvals = sorted(set(jcol.tolist()))
    jtext = [str(j) if j_is_str else format_number(float(j), "%12.0g").strip() for j in jvals]
    xi = [v for v in ds.varnames if v not in ivars and v != jvar and v not in stubs]
    keyframe = ds.df[ivars]
    groups = keyframe.groupby(ivars, sort=True, dropna=False).indices
    gkeys = list(groups.keys())
    for v in xi:
        for k in gkeys:
            idx = groups[k]
            vals = ds.df[v].to_numpy()[idx]
            if len({("nan" if isinstance(x, float) and np.isnan(x) else x) for x in vals}) > 1:
                raise StataError(f"variable {v} not constant within {' '.join(ivars)}", 9)
    first_rows = np.array([groups[k][0] for k in gkeys], dtype=int)
    frame = {v: ds.df[v].to_numpy()[first_rows] for v in ivars}
    order = list(ivars)
    new = Dataset()
    jpos = {j: i for i, j in enumerate(jvals)}
    row_of = np.empty(ds.nobs, dtype=int)
    for gi, k in enumerate(gkeys):
        row_of[groups[k]] = gi
    for stub in stubs:
        is_str = ds.is_string(stub)
        src = ds.df[stub].to_numpy(dtype=object) if is_str else ds.numeric(stub)
        for j, jt in zip(jvals, jtext):
            name = f"{stub}{jt}"
            col = np.full(len(gkeys), "" if is_str else np.nan, dtype=object if is_str else float)
            sel = np.array([jpos[x] == jpos[j] for x in jcol.tolist()], dtype=bool)
            col[row_of[sel]] = src[sel]
            frame[name] = col
            order.append(name)
            new.types[name] = ds.types.get(stub, "float")
            if stub in ds.formats:
                new.formats[name] = ds.formats[stub]
            new.var_labels[name] = f"{jt} {ds.var_labels.get(stub, stub)}"[:80]
    for v in xi:
        frame[v] = ds.df[v].to_numpy()[first_rows]
        order.append(v)
    new.df = pd.DataFrame(frame, columns=order)
    for v in ivars + xi:
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            if v in getattr(ds, attr):
                getattr(new, attr)[v] = getattr(ds, attr)[v]
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label, new.filename, new.changed = ds.label, ds.filename, True
    new.sortedby = tuple(ivars)
    k_before, n_before = len(ds.varnames), ds.nobs
    session.data = new
    xij = [(stub, " ".join(f"{stub}{jt}" for jt in jtext)) for stub in stubs]
    session.print(render_reshape("wide", jtext, n_before, new.nobs, k_before, len(order), jvar, xij))
