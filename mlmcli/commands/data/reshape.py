"""``reshape long|wide``: between one row per (i, j) and one row per i with a variable per j."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import reject_weight, string_type_for, wider_type
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.render.data_combine import render_reshape
from mlmcli.results.data import ReshapeSummary
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES

RESHAPE_OPTIONS = [OptionSpec("i", 1, takes_arg=True), OptionSpec("j", 1, takes_arg=True), OptionSpec("string", 3)]


# ----------------------------------------------------------------------------- reshape
def cmd_reshape(session, cmd) -> None:
    """``reshape long|wide stubs, i(varlist) j(varname) [string]``."""
    body, options, _ = split_options(cmd.args)
    reject_weight(body)
    words = body.split()
    if not words or words[0] not in ("long", "wide"):
        raise StataError("invalid syntax", 198)
    direction, stubs = words[0], words[1:]
    ds = session.data
    if not stubs and not options and ds.chars.get("ReS_Xij"):
        # Stata: `reshape long` / `reshape wide` alone reverses the last reshape of these data
        stubs = ds.chars["ReS_Xij"].split()
        options = read_options(f"i({ds.chars['ReS_i']}) j({ds.chars['ReS_j']})"
                               + (" string" if ds.chars.get("ReS_str") else ""))
    if not stubs:
        raise StataError("varlist required", 100)
    opts = resolve_options(options, RESHAPE_OPTIONS)
    if not isinstance(opts.get("i"), str):
        raise StataError("option i() required", 198)
    ivars = ds.expand_varlist(opts["i"])
    jtext = opts.get("j")
    jwords = jtext.split() if isinstance(jtext, str) else []
    if len(jwords) > 1:  # Stata's j(varname values): a subset of j values
        raise StataError("j(): a list of j values is not supported; keep or drop the variables first", 198)
    jvar = jwords[0] if jwords else "_j"
    string_j = "string" in opts
    if direction == "long":
        _reshape_long(session, ds, stubs, ivars, jvar, string_j)
    else:
        _reshape_wide(session, ds, stubs, ivars, jvar)
    if not any("@" in stub for stub in stubs):  # remembered, as Stata's _dta[ReS_*], for the way back
        session.data.chars.update(ReS_i=" ".join(ivars), ReS_j=jvar, ReS_Xij=" ".join(stubs),
                                  ReS_str="1" if direction == "long" and string_j else "")


def _carry_characteristics(old: Dataset, new: Dataset, kept) -> None:
    """reshape.ado builds the new layout from the data in memory (keep, save, use, merge or
    append), so the dataset's characteristics -- notes, xtset's _dta[_TSpanel] _dta[_TStvar]
    -- and those of the i and xi variables come through: xtset id time, reshape wide, reshape
    long leaves the data xtset again."""
    keep = set(kept)
    for key, text in old.chars.items():
        var = key.split("[", 1)[0] if "[" in key else None
        if var is None or var in keep:
            new.chars[key] = text


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
    jvals = sorted(jset, key=(lambda s: s) if string_j else (lambda s: (float(s), s)))
    if not string_j:
        same = next((pair for pair in zip(jvals, jvals[1:]) if float(pair[0]) == float(pair[1])), None)
        if same is not None:  # x1 and x01 would both be j = 1
            raise StataError(f"j values {same[0]} and {same[1]} are the same number; use option string", 198)
    xij_vars = {v for found in members.values() for v in found.values()}
    xi = [v for v in ds.varnames if v not in xij_vars and v not in ivars]
    _check_new_names([jvar] + list(members), taken=set(ivars) | set(xi))
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
                t = wider_type(t, other)
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
    _carry_characteristics(ds, new, ivars + xi)
    new.sortedby = tuple(ivars) + (jvar,)
    session.data = new
    xij = [(_report_list([found[j] for j in jvals if j in found]), stub) for stub, found in members.items()]
    session.print(render_reshape(ReshapeSummary("long", tuple(jvals), n, new.nobs, k_before, len(order), jvar,
                                                tuple(xij))))


def _reshape_wide(session, ds: Dataset, stubs, ivars, jvar) -> None:
    """One row per i: each stub's values spread into ``stub<j>``; vectorised (an i group
    code and a j code per row, then one scatter per stub)."""
    if jvar not in ds.df.columns:
        raise StataError(f"variable {jvar} not found", 111)
    for s in stubs:
        if s not in ds.df.columns:
            raise StataError(f"variable {s} not found", 111)
    if jvar in ivars or jvar in stubs:
        raise StataError(f"variable {jvar} may not be both j() and in i() or the stubs", 198)
    clash = next((s for s in stubs if s in ivars), None)
    if clash is not None:
        raise StataError(f"variable {clash} may not be both a stub and in i()", 198)
    j_is_str = ds.is_string(jvar)
    if j_is_str:
        jcol = ds.df[jvar].fillna("").astype(str).to_numpy(dtype=object)
    else:
        jcol = ds.numeric(jvar)
        if np.isnan(jcol).any():
            raise StataError(f"variable {jvar} contains missing values", 498)
        if not np.all(np.isfinite(jcol)) or np.any(jcol != np.round(jcol)):
            raise StataError(f"variable {jvar} contains noninteger values", 198)
    jcodes, jvals = pd.factorize(jcol, sort=True)
    jvals = list(jvals)
    jtext = [str(j) if j_is_str else str(int(j)) for j in jvals]
    xi = [v for v in ds.varnames if v not in ivars and v != jvar and v not in stubs]
    new_names = [f"{stub}{jt}" for stub in stubs for jt in jtext]
    _check_new_names(new_names, taken=set(ivars) | set(xi))
    gcodes = ds.df.groupby(ivars, sort=True, dropna=False).ngroup().to_numpy()
    n_groups = int(gcodes.max()) + 1 if len(gcodes) else 0
    nj = len(jvals)
    cell = np.sort(gcodes.astype(np.int64) * nj + jcodes)
    if np.any(cell[1:] == cell[:-1]):
        raise StataError(f"values of variable {jvar} not unique within {' '.join(ivars)}", 9)
    for v in xi:  # an xi variable must be constant within i (missing counts as a value)
        if (ds.df[v].groupby(gcodes, dropna=False).nunique(dropna=False) > 1).any():
            raise StataError(f"variable {v} not constant within {' '.join(ivars)}", 9)
    first_rows = np.full(n_groups, len(gcodes), dtype=np.int64)
    np.minimum.at(first_rows, gcodes, np.arange(len(gcodes)))
    frame = {v: ds.df[v].to_numpy()[first_rows] for v in ivars}
    order = list(ivars)
    new = Dataset()
    for stub in stubs:
        is_str = ds.is_string(stub)
        src = ds.df[stub].to_numpy(dtype=object) if is_str else ds.numeric(stub)
        grid = np.full((n_groups, nj), "" if is_str else np.nan, dtype=object if is_str else float)
        grid[gcodes, jcodes] = src
        for k, jt in enumerate(jtext):
            name = f"{stub}{jt}"
            frame[name] = grid[:, k]
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
    _carry_characteristics(ds, new, ivars + xi)
    new.sortedby = tuple(ivars)
    k_before, n_before = len(ds.varnames), ds.nobs
    session.data = new
    xij = [(stub, _report_list([f"{stub}{jt}" for jt in jtext])) for stub in stubs]
    session.print(render_reshape(ReshapeSummary("wide", tuple(jtext), n_before, new.nobs, k_before, len(order), jvar,
                                                tuple(xij))))


def _check_new_names(names: list[str], taken: set[str]) -> None:
    """Variables reshape creates: valid names, none twice, none a variable that stays."""
    seen: set[str] = set()
    for name in names:
        if not NAME_RE.match(name) or name in RESERVED_NAMES:
            raise StataError(f"{name} invalid name", 198)
        if name in taken or name in seen:
            raise StataError(f"variable {name} already defined", 110)
        seen.add(name)


def _report_list(names: list[str]) -> str:
    """The wide names in reshape's report: all of up to three, else the first two, ``...`` and
    the last (reshape.ado's RepF: "inc80 inc81 ... inc87")."""
    return " ".join(names if len(names) <= 3 else names[:2] + ["..."] + names[-1:])
