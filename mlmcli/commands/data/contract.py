"""``contract varlist [if] [in] [fw] [, freq() percent() cfreq() cpercent() float format() zero
nomiss]`` ([D] contract): the data replaced by one observation per combination of the varlist's
values, with its frequency.

Follows contract.ado's steps: observations outside if/in (and, with ``nomiss``, those missing in
any variable, "" for strings) leave; the rest are grouped by the varlist in sort order (missing
values are values, sorted last); ``zero`` adds every combination of the values seen, with
frequency 0 (fillin); ``cfreq``/``percent``/``cpercent`` are computed in double (float with
``float``), percentages formatted ``%8.2f`` unless ``format()``; finally the new variables are
compressed.  The data in memory change only when everything has been computed.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import fit_storage, mark, storage_bytes, weights
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.missing import order_key
from mlmcli.render.numfmt import is_valid_format
from mlmcli.sorted_codes import first_rows, row_codes
from mlmcli.storage_types import compressed_type
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

CONTRACT_OPTIONS = [OptionSpec("freq", 1, takes_arg=True), OptionSpec("cfreq", 2, takes_arg=True),
                    OptionSpec("percent", 1, takes_arg=True), OptionSpec("cpercent", 2, takes_arg=True),
                    OptionSpec("float"), OptionSpec("format", 4, takes_arg=True), OptionSpec("zero", 1),
                    OptionSpec("nomiss", 6)]


def _name_option(opts: dict, key: str) -> str | None:
    value = opts.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value.split()) != 1:
        raise StataError(f"option {key}() incorrectly specified", 198)
    return value.strip()


def _new_names(ds, opts: dict) -> dict[str, str | None]:
    """The generated variables' names, checked in contract.ado's order and with its messages."""
    names = {k: _name_option(opts, k) for k in ("freq", "cfreq", "percent", "cpercent")}
    if opts.get("zero") and "_fillin" in ds.varnames:
        raise StataError("_fillin already defined", 110)
    if names["freq"] is None:
        if "_freq" in ds.varnames:
            raise StataError("_freq already defined: use freq() option to specify frequency variable", 110)
        names["freq"] = "_freq"
    given = [n for n in names.values() if n is not None]
    for name in given:
        check_new_name(ds, name)
    if len(set(given)) != len(given):
        dup = next(n for n in given if given.count(n) > 1)
        raise StataError(f"variable {dup} already defined", 110)
    return names


def _key_column(ds, name: str, rows: np.ndarray) -> np.ndarray:
    if ds.is_string(name):
        return ds.df[name].to_numpy(dtype=object)[rows].astype(str)
    return order_key(ds.numeric(name)[rows])


def _groups(ds, names: list[str], rows: np.ndarray, w: np.ndarray | None):
    """(values of each variable per group, frequencies), groups in sort order."""
    idx = np.flatnonzero(rows)
    # groupby(sort=True).ngroup() of the keys: strings ranked by factorize(sort=True)
    keys = [_key_column(ds, n, rows) for n in names]
    ngroup = row_codes([pd.factorize(k, sort=True)[0] if k.dtype.kind == "U" else k for k in keys])
    count = int(ngroup.max()) + 1
    weight = w[rows] if w is not None else np.ones(idx.size)
    freq = np.bincount(ngroup, weights=weight, minlength=count)
    first = idx[first_rows(ngroup, count)]  # the first row of each group carries its values
    values = {n: ds.df[n].to_numpy()[first] for n in names}
    return values, freq


def _all_combinations(ds, names: list[str], values: dict, freq: np.ndarray):
    """``zero``: every combination of the values seen (fillin), in sort order, absent ones 0."""
    levels = []
    for n in names:
        col = values[n]
        key = col.astype(str) if ds.is_string(n) else order_key(col.astype(float))
        _, first = np.unique(key, return_index=True)
        levels.append([col[i] for i in first])
    seen = {tuple(_cell_key(ds, n, values[n][g]) for n in names): freq[g] for g in range(freq.size)}
    combos = list(itertools.product(*levels))
    out = {n: np.array([c[k] for c in combos], dtype=values[n].dtype) for k, n in enumerate(names)}
    out_freq = np.array([seen.get(tuple(_cell_key(ds, n, v) for n, v in zip(names, c)), 0.0) for c in combos])
    return out, out_freq


def _cell_key(ds, name: str, value):
    return str(value) if ds.is_string(name) else float(order_key(float(value)))


def _compressed(values: np.ndarray, vtype: str) -> tuple[np.ndarray, str]:
    """contract.ado's final ``compress``: the narrowest type that loses nothing and saves bytes."""
    new = compressed_type(values, vtype)
    if new != vtype and storage_bytes(new) < storage_bytes(vtype):
        return fit_storage(values, new), new
    return values, vtype


def cmd_contract(session, cmd) -> None:
    opts = resolve_options(cmd.options, CONTRACT_OPTIONS)
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    pct_wanted = opts.get("percent") is not None or opts.get("cpercent") is not None
    if opts.get("float") and not pct_wanted:
        raise StataError("percent or cpercent must be specified", 198)
    if opts.get("format") is not None and not pct_wanted:
        raise StataError("percent or cpercent must be specified", 198)
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%8.2f"
    if not is_valid_format(fmt):
        raise StataError(f"{fmt} invalid format", 120)
    numtype = "float" if opts.get("float") else "double"
    rows = mark(session, cmd, names if opts.get("nomiss") else (), strok=True)
    new_names = _new_names(ds, opts)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    values, freq = _groups(ds, list(dict.fromkeys(names)), rows, w)
    names = list(dict.fromkeys(names))
    if opts.get("zero"):
        values, freq = _all_combinations(ds, names, values, freq)
    session.data = _contracted_dataset(ds, names, values, freq, new_names, numtype, fmt)


def _contracted_dataset(ds, names, values, freq, new_names, numtype, fmt) -> Dataset:
    new = Dataset()
    frame: dict[str, np.ndarray] = {}
    for n in names:
        frame[n] = values[n]
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            if n in getattr(ds, attr):
                getattr(new, attr)[n] = getattr(ds, attr)[n]
    total = freq.sum()
    cfreq = np.cumsum(freq)
    made = [(new_names["freq"], freq, "long", "Frequency", None)]
    if new_names["cfreq"]:
        made.append((new_names["cfreq"], cfreq, numtype, "Cumulative frequency", None))
    if new_names["percent"]:
        made.append((new_names["percent"], 100 * freq / total, numtype, "Percent", fmt))
    if new_names["cpercent"]:
        made.append((new_names["cpercent"], 100 * cfreq / total, numtype, "Cumulative percent", fmt))
    for name, vals, vtype, label, vfmt in made:
        vals, vtype = _compressed(fit_storage(np.asarray(vals, dtype=float), vtype), vtype)
        frame[name] = vals
        new.types[name] = vtype
        new.var_labels[name] = label
        if vfmt:
            new.formats[name] = vfmt
    new.df = pd.DataFrame(frame, columns=list(frame))
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    new.label = ds.label
    new.sortedby = tuple(names)
    new.changed = True
    new.filename = ds.filename
    return new
