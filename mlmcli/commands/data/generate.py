"""Creating variables: ``generate``, ``replace``, ``egen``.

Under a ``by`` prefix the runner sets ``session.by_vars`` and the expression
engine computes ``_n``/``_N``/``x[_n-1]`` within groups; ``egen`` uses the by
variables as groups.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import (INT_LIMITS, as_text_array, evaluate, fit_storage, mark,
                                         smallest_type, split_assignment, string_format, string_type_for)
from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import apply_distinct
from mlmcli.missing import code as missing_code, order_key
from mlmcli.sorted_codes import row_codes, text_codes
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_typed_name
from mlmcli.text_bytes import fit_bytes, longest_bytes


def _missing_message(session, n: int) -> None:
    if n > 0:
        session.print(f"({n:,} missing value{'s' if n != 1 else ''} generated)")


def _broadcast(values, n: int) -> np.ndarray:
    arr = np.asarray(values)
    if arr.ndim == 0:
        arr = np.full(n, arr.item(), dtype=object if isinstance(arr.item(), str) else float)
    return arr


def _is_text(arr: np.ndarray) -> bool:
    return arr.dtype == object or arr.dtype.kind in "US"


def _split_label(name: str) -> tuple[str, str | None]:
    if ":" in name:
        var, lab = name.split(":", 1)
        return var, lab or None
    return name, None


def default_numeric_type(session) -> str:
    """The type of a new numeric variable when none is typed: ``set type`` (float or double)."""
    return session.settings.get("type", "float")


# ----------------------------------------------------------------------------- generate
_PLACEMENT_OPTS = [OptionSpec("before", takes_arg=True), OptionSpec("after", takes_arg=True)]


def _placement(session, options) -> int | None:
    """Where ``before(varname)`` / ``after(varname)`` (Stata 16's [D] generate) put the new
    variable: the column index, None for the end.  Both at once r(198); an unknown varname
    r(111) -- checked before anything is made."""
    opts = resolve_options(options, _PLACEMENT_OPTS)
    if "before" in opts and "after" in opts:
        raise StataError("options before() and after() may not be combined", 198)
    side = next((o for o in ("before", "after") if o in opts), None)
    if side is None:
        return None
    text = opts[side].strip() if isinstance(opts[side], str) else ""
    if not text or len(text.split()) != 1:
        raise StataError("varname required" if not text else "too many variables specified",
                         100 if not text else 103)
    ds = session.data
    anchor = ds.resolve(text)
    return ds.varnames.index(anchor) + (1 if side == "after" else 0)


def cmd_generate(session, cmd) -> None:
    """``generate [type] newvar[:lblname] = exp [if] [in] [, before(varname) | after(varname)]``.

    Numeric results are stored as their type holds them (``float`` rounds to single
    precision); rows outside if/in get missing; prints ``(N missing values generated)``.
    """
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "generate"):
            return
    _require_exp(cmd.args)
    left, exp = split_assignment(cmd.args)
    vtype, name = parse_typed_name(left, allow_str=True)
    name, lblname = _split_label(name)
    check_new_name(session.data, name)
    if not exp:
        raise StataError("invalid syntax", 198)
    position = _placement(session, cmd.options)
    ds = session.data
    n = ds.nobs
    values = _broadcast(evaluate(session, exp), n)
    sel = mark(session, cmd)
    if _is_text(values):
        if vtype is not None and not vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        out = np.full(n, "", dtype=object)
        out[sel] = as_text_array(values[sel])
        if vtype and vtype not in ("strL", "str"):
            width = int(vtype[3:])
            out = as_text_array(apply_distinct(lambda s: fit_bytes(s, width), [out], len(out)))
        elif vtype != "strL":
            vtype = string_type_for(out)
        ds.set_variable(name, out, vtype, position)
        ds.formats[name] = string_format(vtype)
        nmiss = int((out == "").sum()) if isinstance(out, np.ndarray) else int(sum(1 for s in out if s == ""))
        _missing_message(session, nmiss)
    else:
        if vtype is not None and vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        vtype = vtype or default_numeric_type(session)
        out = np.full(n, np.nan)
        out[sel] = np.asarray(values, dtype=float)[sel]
        out = fit_storage(out, vtype)
        ds.set_variable(name, out, vtype, position)
        _missing_message(session, int(np.isnan(out).sum()))
    if lblname:
        ds.value_label_of[name] = lblname


# ----------------------------------------------------------------------------- replace
def cmd_replace(session, cmd) -> None:
    """``replace oldvar = exp [if] [in] [, nopromote]``: ``(N real changes made[, M to missing])``.

    An integer or too-narrow string type is promoted when the new values need it
    (``variable x was byte now float``).
    """
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "replace"):
            return
    opts = resolve_options(cmd.options, [OptionSpec("nopromote")])
    _require_exp(cmd.args)
    left, exp = split_assignment(cmd.args)
    parts = left.split()
    if len(parts) != 1:
        raise StataError("invalid syntax", 198)
    ds = session.data
    name = ds.resolve(parts[0])
    n = ds.nobs
    vtype = ds.types.get(name, "float")
    from mlmcli.expr.sequential import reads_other_rows, replace_sequentially
    if reads_other_rows(session, name, (exp, cmd.if_exp)):
        # x[_n-1] on the right reads the values already replaced, as Stata's replace does
        import dataclasses
        allowed = mark(session, dataclasses.replace(cmd, if_exp=None))
        store = (lambda v: fit_storage(v, vtype)) if vtype == "float" else (lambda v: v)
        values, sel = replace_sequentially(session, name, exp, cmd.if_exp, allowed, store)
    else:
        values = _broadcast(evaluate(session, exp), n)
        sel = mark(session, cmd)
    if ds.is_string(name):
        if not _is_text(values):
            raise StataError("type mismatch", 109)
        old = ds.df[name].to_numpy(dtype=object)
        new = old.copy()
        new[sel] = as_text_array(values[sel])
        if vtype != "strL":
            width = int(vtype[3:] or 1)
            need = longest_bytes(new)
            if need > width:
                if opts.get("nopromote"):
                    new = as_text_array(apply_distinct(lambda s: fit_bytes(s, width), [new], len(new)))
                else:
                    newtype = string_type_for(new)
                    session.print(f"variable {name} was {vtype} now {newtype}")
                    vtype = newtype
        changed = int(sum(1 for a, b in zip(old, new) if a != b))
        ds.set_variable(name, new, vtype)
        ds.changed = True
        session.print(f"({changed:,} real change{'s' if changed != 1 else ''} made)")
        return
    if _is_text(values):
        raise StataError("type mismatch", 109)
    old = ds.numeric(name)
    new = np.where(sel, np.asarray(values, dtype=float), old)  # one pass (not copy, gather, scatter)
    if vtype in INT_LIMITS and not opts.get("nopromote"):
        target = smallest_type(new[sel], vtype)
        if target != vtype:
            session.print(f"variable {name} was {vtype} now {target}")
            vtype = target
    new = fit_storage(new, vtype)
    new_missing = np.isnan(new)
    diff = new != old  # NaN != NaN: where both are missing, their codes decide (.a -> .b is a change)
    both = new_missing & np.isnan(old)
    if both.any():
        diff[both] = missing_code(new[both]) != missing_code(old[both])
    changed = int(diff.sum())
    to_missing = int((diff & new_missing).sum())
    ds.set_variable(name, new, vtype)
    ds.changed = True
    if name in ds.sortedby and changed:
        ds.sortedby = ()
    msg = f"({changed:,} real change{'s' if changed != 1 else ''} made"
    msg += f", {to_missing:,} to missing)" if to_missing else ")"
    session.print(msg)


# ----------------------------------------------------------------------------- egen
_EGEN_RE = re.compile(r"^\s*([^\W\d]\w*)\s*\((.*)\)\s*$", re.S)

_EGEN_OPTS = [OptionSpec("by", takes_arg=True), OptionSpec("missing", 1), OptionSpec("field", 1),
              OptionSpec("track", 1), OptionSpec("unique", 1), OptionSpec("p", takes_arg=True),
              OptionSpec("mean", takes_arg=True), OptionSpec("std", takes_arg=True),
              OptionSpec("at", takes_arg=True), OptionSpec("group", takes_arg=True),
              OptionSpec("icodes"), OptionSpec("minmode"), OptionSpec("maxmode"),
              OptionSpec("values", takes_arg=True), OptionSpec("label", takes_arg=True, arg_optional=True),
              OptionSpec("truncate", takes_arg=True), OptionSpec("format", takes_arg=True), OptionSpec("decode"),
              OptionSpec("maxlength", takes_arg=True), OptionSpec("punct", takes_arg=True), OptionSpec("trim"),
              OptionSpec("head"), OptionSpec("last"), OptionSpec("tail"), OptionSpec("from", takes_arg=True),
              OptionSpec("to", takes_arg=True), OptionSpec("block", takes_arg=True),
              OptionSpec("nquantiles", 1, takes_arg=True), OptionSpec("percentiles", 2, takes_arg=True),
              OptionSpec("weights", 1, takes_arg=True), OptionSpec("altdef", 3)]
# the functions each option belongs to (an option given to another function is refused)
_EGEN_OPTION_OWNERS = {
    "field": {"rank"}, "track": {"rank"}, "unique": {"rank"}, "p": {"pctile", "rowpctile", "xtile"},
    "mean": {"std"}, "std": {"std"}, "at": {"cut"}, "group": {"cut"}, "icodes": {"cut"},
    "minmode": {"mode"}, "maxmode": {"mode"}, "values": {"anymatch", "anycount", "anyvalue"},
    "label": {"cut", "group"}, "truncate": {"group"}, "format": {"concat"}, "decode": {"concat"},
    "maxlength": {"concat"}, "punct": {"concat", "ends"}, "trim": {"ends"}, "head": {"ends"}, "last": {"ends"},
    "tail": {"ends"}, "from": {"seq"}, "to": {"seq"}, "block": {"seq"},
    "missing": {"total", "sum", "group", "tag", "rowtotal", "mode"},
    "nquantiles": {"xtile"}, "percentiles": {"xtile"}, "weights": {"xtile"}, "altdef": {"xtile"},
    "weight": {"wtmean"},
}
# _gwtmean.ado: ``syntax newvarname =/exp [if] [in] [, by(varlist) weight(string)]`` -- weight() in
# full (xtile()'s Weights() would otherwise take it)
_WTMEAN_OPTS = [OptionSpec("by", takes_arg=True), OptionSpec("weight", takes_arg=True)]


def _wtmean_weights(session, text: str, n: int) -> np.ndarray:
    """The ado's ``capture noisily gen double w = weight``: its error shown, then r(198)."""
    try:
        values = _broadcast(evaluate(session, text), n)
    except StataError as err:
        session.print(err.message)
        raise StataError("error in weight expression", 198) from None
    if values.dtype == object:
        session.print("type mismatch")
        raise StataError("error in weight expression", 198)
    return np.asarray(values, dtype=float)


def _seq_abbreviations(options, right: str):
    """seq()'s options at _gseq.ado's abbreviations (``Block From To``: ``f(1) t(10) b(5)``),
    read before the shared table, where f/t/b would be ambiguous."""
    m = _EGEN_RE.match(right)
    if not m or m.group(1) != "seq":
        return options
    from mlmcli.ast import Option

    full = {"block": 1, "from": 1, "to": 1}
    return [Option(next((n for n, k in full.items() if len(o.name) >= k and n.startswith(o.name)), o.name),
                   o.arg) for o in options]


def cmd_egen(session, cmd) -> None:
    """``egen [type] newvar = fcn(arguments) [if] [in] [, by(varlist) options]``."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "egen"):
            return
    from mlmcli.egen_functions import FUNCTIONS, ROWWISE, EgenCall
    left, right = split_assignment(cmd.args)
    fcall = _EGEN_RE.match(right)
    specs = _WTMEAN_OPTS if fcall and fcall.group(1) == "wtmean" else _EGEN_OPTS
    opts = resolve_options(_seq_abbreviations(cmd.options, right), specs)
    vtype, name = parse_typed_name(left, allow_str=True)
    check_new_name(session.data, name)
    m = _EGEN_RE.match(right)
    if not m:
        raise StataError("invalid syntax", 198)
    fname, arg = m.group(1), m.group(2).strip()
    if fname not in FUNCTIONS:
        raise StataError(f"unknown egen function {fname}()", 133)
    func, kind = FUNCTIONS[fname]
    for option in opts:
        if option != "by" and fname not in _EGEN_OPTION_OWNERS.get(option, {fname}):
            raise StataError(f"option {option} not allowed", 198)
    ds = session.data
    n = ds.nobs
    sample = mark(session, cmd)
    by_vars = list(getattr(session, "by_vars", ()) or ())
    if isinstance(opts.get("by"), str):
        by_vars += ds.expand_varlist(opts["by"])
    if by_vars and fname in ROWWISE:
        raise StataError(f"egen ... {fname}() may not be combined with by", 190)
    groups = _group_codes(ds, by_vars, sample)
    call = EgenCall(sample=sample, groups=groups, options={k: v for k, v in opts.items() if k != "by"}, text=arg)
    if isinstance(opts.get("weights"), str):  # xtile(), weights(varname)
        call.weights = ds.numeric(ds.resolve(opts["weights"].strip()))
    if isinstance(opts.get("weight"), str) and opts["weight"].strip():  # wtmean(), weight(exp)
        call.weights = _wtmean_weights(session, opts["weight"], n)
    if kind == "exp":
        if not arg:
            raise StataError("invalid syntax", 198)
        call.x = _broadcast(evaluate(session, arg), n)
        if call.x.dtype != object:
            call.x = np.asarray(call.x, dtype=float)
    elif kind == "varlist":
        names = ds.expand_varlist(arg)
        call.columns = [ds.df[v].to_numpy(dtype=object) if ds.is_string(v) else ds.numeric(v) for v in names]
        call.column_is_string = [ds.is_string(v) for v in names]
        if "label" in opts or "decode" in opts:  # each value as shown (its value label)
            call.texts = [_shown(ds, v) for v in names]
    elif kind == "none" and arg:
        raise StataError("invalid syntax", 198)
    if fname == "fill" and (cmd.if_exp or cmd.in_range or by_vars):
        raise StataError("fill() may not be combined with by, if, or in", 190)
    values, default_type = func(call)
    if default_type == "str":  # concat(), ends(): text
        if vtype is not None and not vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        texts = as_text_array(values)
        vtype = vtype if vtype and vtype != "str" else string_type_for(texts)
        if vtype != "strL" and vtype[3:].isdigit():
            width = int(vtype[3:])
            texts = as_text_array(apply_distinct(lambda t: t[:width], [texts], len(texts)))
        ds.set_variable(name, texts, vtype)
        ds.formats[name] = string_format(vtype)
        _missing_message(session, int((texts == "").sum()))
        return
    vtype = vtype or (default_numeric_type(session) if default_type == "float" else default_type)
    if vtype.startswith("str"):
        raise StataError("type mismatch", 109)
    values = fit_storage(np.asarray(values, dtype=float), vtype)
    ds.set_variable(name, values, vtype)
    if call.value_labels:
        label_name = opts["label"].strip() if isinstance(opts.get("label"), str) and opts["label"].strip() else name
        ds.value_labels[label_name] = dict(sorted(call.value_labels.items()))
        ds.value_label_of[name] = label_name
    _missing_message(session, int(np.isnan(values).sum()))


def _shown(ds, name: str) -> list[str]:
    """A variable's values as list shows them (value labels, display format)."""
    from mlmcli.commands.data.common import value_text
    if ds.is_string(name):
        return [str(v) for v in ds.df[name].to_numpy(dtype=object)]
    return [value_text(ds, name, float(v)) for v in ds.numeric(name)]


def _group_codes(ds, by_vars: list[str], sample: np.ndarray) -> np.ndarray:
    """An integer per row naming its by-group (missing values form their own groups)."""
    n = ds.nobs
    if not by_vars:
        return np.zeros(n, dtype=int)
    keys = []
    for v in by_vars:
        if ds.is_string(v):
            keys.append(text_codes(ds.df[v]).astype(float))  # np.unique's inverse
        else:
            x = ds.numeric(v)
            keys.append(order_key(x))
    return row_codes(keys).astype(int)


def _require_exp(args: str) -> None:
    """``generate newvar`` / ``replace var`` without ``= exp``: Stata's "=exp required", r(100)
    (published logs: ``. gen wage_n`` -> ``=exp required`` ``r(100);``)."""
    from mlmcli.textscan import find_top

    if args.strip() and find_top(args, "=", brackets="(") < 0:
        raise StataError("=exp required", 100)
