"""Commands about variables' storage: ``clonevar``, ``compress``, ``recast``, ``separate``
([D] clonevar, [D] compress, [D] recast, [D] separate)."""
from __future__ import annotations

import numpy as np

from mlmcli.characteristics import copy_for
from mlmcli.commands.data.common import (as_text_array, evaluate, fit_storage, mark, single_variable,
                                         split_assignment, storage_bytes, string_format, value_text)
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.storage_types import compressed_type
from mlmcli.syntax.options import OptionSpec, required_text_option, resolve_options
from mlmcli.syntax.varlist import NUMERIC_TYPES, check_new_name
from mlmcli.text_bytes import byte_length, fit_bytes, string_storage_type



# ----------------------------------------------------------------------------- clonevar
def cmd_clonevar(session, cmd) -> None:
    """``clonevar newvar = varname [if] [in]``: a copy with the same storage type, display
    format, value label and variable label; observations outside if/in are missing."""
    resolve_options(cmd.options, [])
    left, right = split_assignment(cmd.args)
    if len(left.split()) != 1 or len(right.split()) != 1:
        raise invalid_syntax()
    ds = session.data
    new, src = left.strip(), ds.resolve(right.strip())
    check_new_name(ds, new)
    rows = mark(session, cmd, strok=True)
    vtype = ds.types.get(src, "float")
    if ds.is_string(src):
        values = ds.df[src].to_numpy(dtype=object).copy()
        values[~rows] = ""
        values = as_text_array(values)
        missing = int((~rows).sum())
    else:
        values = ds.numeric(src).copy()
        values[~rows] = np.nan
        missing = int(np.isnan(values).sum())
    ds.set_variable(new, values, vtype)
    for meta in (ds.formats, ds.value_label_of, ds.var_labels):
        if src in meta:
            meta[new] = meta[src]
    copy_for(ds.chars, src, new)  # characteristics (notes) too
    if missing:  # as generate reports it
        session.print(f"({missing:,} missing value{'s' if missing != 1 else ''} generated)")


# ----------------------------------------------------------------------------- compress
def smallest_storage(ds, name: str) -> str:
    """The narrowest type holding a variable's values exactly: strings their longest text,
    numbers byte/int/long when whole and in range, float when exact in single precision."""
    if ds.is_string(name):
        return string_storage_type(ds.df[name].to_numpy(dtype=object))
    return compressed_type(ds.numeric(name), ds.types.get(name, "float"))


def cmd_compress(session, cmd) -> None:
    """``compress [varlist]``: every variable in the narrowest type that loses nothing;
    reports each change and the bytes saved."""
    resolve_options(cmd.options, [OptionSpec("nocoalesce", 5)])
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    saved = 0
    for name in names:
        old = ds.types.get(name, "float" if not ds.is_string(name) else "str1")
        new = smallest_storage(ds, name)
        if new == old or storage_bytes(new) >= storage_bytes(old) and not old == "strL":
            continue  # only a change that saves memory (float to long saves nothing)
        saved += (storage_bytes(old) - storage_bytes(new)) * ds.nobs
        ds.types[name] = new
        if not ds.is_string(name):
            ds.df[name] = fit_storage(ds.numeric(name), new)
        session.print(f"  variable {name} was {old} now {new}")
    if saved:
        ds.changed = True
    session.print(f"  ({saved:,} bytes saved)")


# ----------------------------------------------------------------------------- recast
def cmd_recast(session, cmd) -> None:
    """``recast type varlist [, force]``: change storage types; a change that would alter
    values is refused for that variable (``x:  N values would be changed; not changed``,
    return code 0) unless ``force``."""
    opts = resolve_options(cmd.options, [OptionSpec("force")])
    words = cmd.args.split(None, 1)
    if len(words) != 2:
        raise invalid_syntax()
    new = words[0]
    if new not in NUMERIC_TYPES and not (new.startswith("str") and (new[3:].isdigit() or new == "strL")):
        raise StataError(f"{new} invalid type", 198)
    ds = session.data
    names = ds.expand_varlist(words[1])
    for name in names:
        if ds.is_string(name) != new.startswith("str"):
            raise StataError(f"{name}: type mismatch", 109)
        if new.startswith("str") and new != "strL" and not 1 <= int(new[3:]) <= 2045:
            raise StataError(f"{new} invalid type", 198)
    for name in names:
        if new.startswith("str"):
            texts = ds.df[name].to_numpy(dtype=object)
            width = 2_000_000_000 if new == "strL" else int(new[3:])
            changed = sum(1 for t in texts if byte_length(str(t)) > width)
            if changed and not opts.get("force"):
                session.print(f"{name}:  {changed:,} value{'s' if changed != 1 else ''} would be changed; not changed")
                continue
            ds.df[name] = as_text_array([fit_bytes(str(t), width) for t in texts])
            ds.types[name] = new
            ds.formats[name] = string_format(new)
        else:
            x = ds.numeric(name)
            fitted = fit_storage(x, new)
            differ = ~((fitted == x) | (np.isnan(fitted) & np.isnan(x)))
            if differ.any() and not opts.get("force"):
                n = int(differ.sum())
                session.print(f"{name}:  {n:,} value{'s' if n != 1 else ''} would be changed; not changed")
                continue
            ds.df[name] = fitted
            ds.types[name] = new
            if ds.formats.get(name) in ("%8.0g", "%9.0g", "%10.0g", "%12.0g", None):
                ds.formats.pop(name, None)  # the default format of the new type
        ds.changed = True


# ----------------------------------------------------------------------------- separate
SEPARATE_OPTIONS = [OptionSpec("by", takes_arg=True), OptionSpec("generate", 1, takes_arg=True),
                    OptionSpec("sequential", 3), OptionSpec("missing"), OptionSpec("shortlabel", 5)]


def cmd_separate(session, cmd) -> None:
    """``separate varname [if] [in], by(groupvar | exp) [generate(stub) sequential missing
    shortlabel]``: one new variable per group holding varname's values in that group and
    missing elsewhere, named stub + the group's value (``sequential``: 1, 2, ...), labelled
    ``varname, groupvar == value`` (``shortlabel``: the value alone); prints their
    description."""
    from mlmcli.render.data_list import render_describe_table
    from mlmcli.results.data import DescribeRow, DescribeTable
    opts = resolve_options(cmd.options, SEPARATE_OPTIONS)
    ds = session.data
    var = single_variable(ds, cmd.args)
    by = required_text_option(opts, "by")
    rows = mark(session, cmd, strok=True)
    if by in ds.df.columns or (len(by.split()) == 1 and _is_name(by) and _resolves(ds, by)):
        gvar = ds.resolve(by)
        if ds.is_string(gvar):
            groups = ds.df[gvar].to_numpy(dtype=object)
            keys = sorted({g for g, r in zip(groups, rows) if r and (g != "" or opts.get("missing"))})
            texts = {g: str(g) for g in keys}
            suffix = {g: str(g) for g in keys}
        else:
            groups = ds.numeric(gvar)
            present = groups[rows]
            keys = sorted({float(v) for v in present if not np.isnan(v)})
            if opts.get("missing") and np.isnan(present).any():
                keys.append(np.nan)
            texts = {g: value_text(ds, gvar, g) for g in keys}
            suffix = {g: (str(int(g)) if float(g).is_integer() and g >= 0 else None) for g in keys}
        label_of = lambda g: f"{var}, {gvar} == {texts[g]}"  # noqa: E731
    else:
        values = np.asarray(evaluate(session, by), dtype=float)
        groups = np.broadcast_to(values, (ds.nobs,))
        gvar = by
        keys = sorted({float(v) for v in groups[rows] if not np.isnan(v)})
        texts = {g: value_text(ds, "", g, labels=False) for g in keys}
        suffix = {g: (str(int(g)) if float(g).is_integer() and g >= 0 else None) for g in keys}
        label_of = lambda g: f"{var}, {by} == {texts[g]}"  # noqa: E731
    stub = opts.get("generate", var).strip() if isinstance(opts.get("generate"), str) else var
    sequential = opts.get("sequential") or any(v is None for v in suffix.values())
    if any(v is None for v in suffix.values()) and not opts.get("sequential"):
        raise StataError(f"{gvar} takes on values other than nonnegative integers; specify sequential", 198)
    new_names = [f"{stub}{k}" if sequential else f"{stub}{suffix[g]}" for k, g in enumerate(keys, 1)]
    for n in new_names:
        check_new_name(ds, n)
    is_string = ds.is_string(var)
    source = ds.df[var].to_numpy(dtype=object) if is_string else ds.numeric(var)
    vtype = ds.types.get(var, "float")
    described = []
    for name, g in zip(new_names, keys):
        in_group = rows & (np.array([x == g for x in groups]) if groups.dtype == object
                           else (np.isnan(groups) if isinstance(g, float) and np.isnan(g) else groups == g))
        if is_string:
            values = as_text_array([s if m else "" for s, m in zip(source, in_group)])
        else:
            values = np.where(in_group, source, np.nan)
        ds.set_variable(name, values, vtype)
        if var in ds.formats:
            ds.formats[name] = ds.formats[var]
        ds.var_labels[name] = texts[g] if opts.get("shortlabel") else label_of(g)
        described.append(DescribeRow(name, vtype, ds.format_of(name), "", ds.var_labels[name]))
    session.print("")  # the new variables as `describe varlist` shows them
    session.print(render_describe_table(DescribeTable(tuple(described), with_header_rule=False),
                                        linesize=session.linesize))


def _is_name(text: str) -> bool:
    from mlmcli.syntax.varlist import NAME_RE
    return bool(NAME_RE.match(text))


def _resolves(ds, name: str) -> bool:
    try:
        ds.resolve(name)
    except StataError:
        return False
    return True
