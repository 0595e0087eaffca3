"""``[by varlist:] ingap [numlist] [if] [in] [, options]`` (Roger Newson's community command,
SSC ``ingap``): insert gap observations (empty rows of a table held as a dataset) before or
after the observations at the given positions.  Written from ingap.ado (24 April 2009; read,
not copied):

    after rowlabel(strvar) growlabels(strings) rstring(rule) grexpression(strexp)
    gapindicator(newvar[, replace]) neworder(newvar[, replace]) fast

As the ado-file does: the numlist (default 1) gives positions within the data or each
by-group, a negative one counted from the end; each selected (if/in) observation at a listed
position gets a gap observation, in the order of the list, before it (after it with
``after``).  In a gap observation the by-variables keep their values, the ``rowlabel()``
variable takes the list's word of ``growlabels()`` and then ``grexpression()``, other string
variables are empty (or, with ``rstring()``, the variable's order, name, type, format,
variable label, characteristic, value-label name or label-else-name) and numeric ones missing.
``gapindicator()`` marks gaps 1, others 0; ``neworder()`` numbers the observations in their new
order (within by-groups); the data end sorted by the by-variables and that order.  r() is
cleared (the program is r-class and returns nothing).  Errors as the ado-file's (r(498)).
"""
from __future__ import annotations

import shlex

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"ingap": "[by varlist:] ingap [numlist] [if] [in] [, after rowlabel(strvar) growlabels(strings) "
                 "rstring(rule) grexpression(exp) gapindicator(newvar) neworder(newvar) fast]"}

OPTIONS = [OptionSpec("after", 2), OptionSpec("rowlabel", 2, True), OptionSpec("growlabels", 2, True),
           OptionSpec("rstring", 2, True), OptionSpec("grexpression", 3, True),
           OptionSpec("gapindicator", 1, True), OptionSpec("neworder", 4, True), OptionSpec("fast", None)]
_RULES = ("order", "name", "type", "format", "varlab", "char", "label", "labname")


def _text(opts, name: str) -> str:
    value = opts.get(name)
    return value.strip() if isinstance(value, str) else ""


def _new_name(ds, text: str) -> tuple[str, bool]:
    """genvar_parse: ``name [, replace]``."""
    if not text:
        return "", False
    name, _, rest = text.partition(",")
    words = name.split()
    if len(words) > 1:
        raise StataError(f"Invalid multiple gap indicator variables: {name.strip()}", 498)
    return (words[0] if words else ""), rest.strip() == "replace"


def _positions(text: str) -> list[int]:
    if not text.strip():
        return [1]
    from mlmcli.syntax.numlist import numlist

    values = [float(v) for v in numlist(text)]
    if any(v != int(v) for v in values):
        raise StataError("invalid numlist has noninteger elements", 126)
    return [int(v) for v in values]


def cmd_ingap(session, cmd) -> None:
    from mlmcli.commands.data.common import mark

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    gaps = _positions(cmd.args)
    by = list(session.by_vars or ())
    rowlabel = ds.expand_varlist(_text(opts, "rowlabel")) if _text(opts, "rowlabel") else []
    for name in rowlabel:
        if not ds.is_string(name):
            raise StataError(f"variable {name} is not a string variable", 109)
        if name in by:
            raise StataError(f"Error: row label variable {name} is a by-variable", 498)
    neworder, neworder_replace = _new_name(ds, _text(opts, "neworder"))
    gapind, gapind_replace = _new_name(ds, _text(opts, "gapindicator"))
    generated = [v for v in rowlabel + [neworder, gapind] if v]
    if len(set(generated)) != len(generated):
        raise StataError("neworder(), gapindicator() and rowlabel() options may not specify the same variable", 498)
    if set(generated) & set(by):
        raise StataError("neworder(), gapindicator() and rowlabel() options may not specify by-variables", 498)
    rule, charname = _rule(_text(opts, "rstring"))
    growlabels = shlex.split(_text(opts, "growlabels"), posix=True) if _text(opts, "growlabels") else []
    for name, replace in ((gapind, gapind_replace), (neworder, neworder_replace)):
        if name and name in ds.varnames and not replace:
            raise StataError(f"variable {name} already defined", 110)
    saved = session.by_vars
    session.by_vars = ()
    try:
        touse = np.asarray(mark(session, cmd), bool)
    finally:
        session.by_vars = saved
    before = ds.copy()
    try:
        _insert(session, gaps, by, touse, rowlabel, growlabels, rule, charname, bool(opts.get("after")),
                gapind, neworder)
        expression = _text(opts, "grexpression")
        if expression and rowlabel:
            from mlmcli.runner import Runner, current_runner

            prefix = f"by {' '.join(by)}: " if by else ""
            flag = gapind or "__ingap_gap"
            for name in rowlabel:
                (current_runner(session) or Runner(session)).execute(
                    f"quietly {prefix}replace {name} = ({expression}) if {flag} == 1")
            if not gapind:
                session.data.drop_variables([flag])
        elif not gapind and "__ingap_gap" in session.data.varnames:
            session.data.drop_variables(["__ingap_gap"])
    except BaseException:
        session.data = before
        raise
    session.set_r({})


def _rule(text: str) -> tuple[str, str]:
    if not text:
        return "", ""
    words = text.split()
    if len(words) > 2 or words[0] not in _RULES:
        raise StataError(f"Invalid rstring() option: {text}", 498)
    if words[0] == "char" and len(words) < 2:
        raise StataError(f"Invalid rstring() option: {text}\nNo characteristic name supplied", 498)
    return words[0], (words[1] if len(words) > 1 else "")


def _gap_string(ds, name: str, rule: str, charname: str, order: int) -> str:
    if rule == "order":
        return str(order)
    if rule == "name":
        return name
    if rule == "type":
        return ds.types.get(name, "")
    if rule == "format":
        return ds.format_of(name)
    if rule in ("varlab", "label"):
        return ds.var_labels.get(name, "")
    if rule == "char":
        return ds.chars.get(f"{name}[{charname}]", "")
    if rule == "labname":
        return ds.var_labels.get(name, "") or name
    return ""


def _insert(session, gaps, by, touse, rowlabel, growlabels, rule, charname, after, gapind, neworder) -> None:
    ds = session.data
    n = ds.nobs
    existing = list(ds.varnames)
    if by:
        keys = pd.DataFrame({v: ds.df[v] for v in by})
        changed = np.r_[True, (keys.iloc[1:].to_numpy() != keys.iloc[:-1].to_numpy()).any(axis=1)] if n else []
        group = np.cumsum(changed) - 1 if n else np.zeros(0, int)
    else:
        group = np.zeros(n, int)
    within = pd.Series(np.ones(n)).groupby(group).cumsum().to_numpy().astype(int) if n else np.zeros(0, int)
    total = pd.Series(np.ones(n)).groupby(group).transform("sum").to_numpy().astype(int) if n else within
    source, gapseq = [], []
    for k, gap in enumerate(gaps, start=1):
        at = within == (gap if gap >= 0 else total + gap + 1)
        rows = np.flatnonzero(touse & at)
        source.extend(rows.tolist())
        gapseq.extend([k] * len(rows))
    source = np.asarray(source, int)
    frame = ds.df
    copies = frame.iloc[source].reset_index(drop=True)
    for pos, name in enumerate(existing, start=1):
        if name in by or name in rowlabel:
            continue
        if ds.is_string(name):
            copies[name] = _gap_string(ds, name, rule, charname, pos)
        else:
            copies[name] = np.nan
    for k, name in enumerate(rowlabel):
        copies[name] = [growlabels[s - 1] if s - 1 < len(growlabels) else "" for s in gapseq]
    flag = gapind or "__ingap_gap"
    seqord = np.r_[np.arange(n), source]
    indicator = np.r_[np.zeros(n), np.ones(len(source))]
    gseq = np.r_[np.full(n, np.inf), np.asarray(gapseq, float)]
    combined = pd.concat([frame, copies], ignore_index=True)
    ind_key = indicator if after else -indicator
    order = np.lexsort((gseq, ind_key, seqord))  # gsort by-vars seqord (-)gapindicator gapseq
    combined = combined.iloc[order].reset_index(drop=True)
    indicator = indicator[order]
    ds.replace_columns(combined)
    if flag in ds.varnames:
        ds.drop_variables([flag])
    ds.set_variable(flag, indicator, "byte")
    ds.var_labels[flag] = "Gap observation indicator"
    if neworder:
        group_new = np.r_[group, group[source]][order] if n else np.zeros(0, int)
        newo = pd.Series(np.ones(len(order))).groupby(group_new).cumsum().to_numpy()
        if neworder in ds.varnames:
            ds.drop_variables([neworder])
        ds.set_variable(neworder, newo, "byte" if newo.max(initial=0) <= 100 else "int" if newo.max() < 32741 else "long")
        ds.var_labels[neworder] = "Order within dataset" if not by else (
            f"Order within: {' '.join(by)}" if len(" ".join(by)) + 14 <= 80 else "Order within by-group")
        ds.sortedby = tuple(by) + (neworder,)
    else:
        ds.sortedby = tuple(by)
    ds.changed = True
