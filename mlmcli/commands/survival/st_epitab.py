"""``stir``: incidence-rate comparison of st data (stir.ado): ``ir`` on the failures, a
two-valued exposure and the time at risk (_t - _t0) of the stset records, ``strata()`` its
by().  The failure row is labelled "Failure" (stir.ado since Stata 14; a Stata 13 run labels it
with _d's variable label when _d has one -- a decision without a Stata 13 log).

    stir exposedvar [if] [in] [, strata(varname) noshow tb level(#) ir's by() options]
"""
from __future__ import annotations

import copy

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("strata", 2, takes_arg=True), OptionSpec("noshow", 6), OptionSpec("tb", 2),
         OptionSpec("level", 1, takes_arg=True)]


def _exposure(ds, name: str, rows: np.ndarray):
    """stir.ado's Uncode/Unstring: 1 for the larger of two values, 0 for the smaller, and the
    note naming them."""
    from mlmcli.commands.data.common import value_text

    if ds.is_string(name):
        values = np.asarray(ds.df[name].fillna("").astype(str).to_numpy(object))
        levels = sorted(set(values[rows]))
        if len(levels) > 2:
            raise StataError(f"{name} takes on more than two values", 134)
        low, high = levels[0], levels[-1]
        x = np.where(values == high, 1.0, np.where(values == low, 0.0, np.nan))
        if len(levels) == 1:
            x = np.zeros(len(values))
        note = f"note:  Exposed <-> {name}=={high[:32]} and Unexposed <-> {name}=={low[:32]}"
        return x, ["", note]
    v = ds.numeric(name)
    present = v[rows & ~np.isnan(v)]
    low, high = (float(present.min()), float(present.max())) if present.size else (np.nan, np.nan)
    x = np.where(v == low, 0.0, np.where(v == high, 1.0, np.nan))
    if np.any(rows & np.isnan(x) & ~np.isnan(v)):
        raise StataError(f"{name} takes on more than two values", 134)
    texts = [value_text(ds, name, low), value_text(ds, name, high)]
    return x, ["", f"note:  Exposed <-> {name}=={texts[1]} and Unexposed <-> {name}=={texts[0]}"]


def cmd_stir(session, cmd) -> None:
    from mlmcli.commands import lookup
    from mlmcli.commands.data.common import mark
    from mlmcli.dataset import Dataset
    from mlmcli.parser import parse_command
    from mlmcli.render.survival import render_st_show

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS, allow_unknown=True)
    extra = [o for o in cmd.options if not any(s.matches(o.name) for s in SPECS)]
    if extra and opts.get("strata") is None:
        words = " ".join(o.name + (f"({o.arg})" if o.arg is not None else "") for o in extra)
        raise StataError(f"option{'s' if len(extra) > 1 else ''} {words} "
                         f"{'are' if len(extra) > 1 else 'is'} relevant only if strata() is specified", 198)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("varlist required" if not names else "too many variables specified",
                         100 if not names else 103)
    strata = ds.resolve(str(opts["strata"]).strip()) if opts.get("strata") is not None else ""
    if not opts.get("noshow") and ds.chars.get("st_show") != "noshow":
        session.print(render_st_show(desc))
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    wt, wv = ds.chars.get("st_wt", ""), ds.chars.get("st_wv", "")
    if wt and wt != "fweight":
        raise StataError(f"stir does not allow {wt}s", 101)
    x, note = _exposure(ds, names[0], rows)
    scratch_data = Dataset(df=ds.df.loc[rows, [c for c in dict.fromkeys([strata, wv]) if c]].reset_index(drop=True))
    for col in (strata, wv):
        if col:
            scratch_data.types[col] = ds.types.get(col, "float")
            for meta in ("var_labels", "value_label_of", "formats"):
                if col in getattr(ds, meta):
                    getattr(scratch_data, meta)[col] = getattr(ds, meta)[col]
            if col in ds.value_label_of:
                scratch_data.value_labels[ds.value_label_of[col]] = ds.value_labels.get(ds.value_label_of[col], {})
    exposure_label = ds.var_labels.get(names[0], "").strip() or names[0]
    for name, values, label in (("__stir_d", ds.numeric("_d")[rows], "Failure"), ("__stir_x", x[rows], exposure_label),
                                ("__stir_t", (ds.numeric("_t") - ds.numeric("_t0"))[rows], "Time")):
        scratch_data.set_variable(name, np.asarray(values, float), "double")
        scratch_data.var_labels[name] = label
    scratch = copy.copy(session)
    scratch.data = scratch_data
    scratch.by_mask = None  # the by-group is already in ``rows``
    options = " ".join(o.name + (f"({o.arg})" if o.arg is not None else "") for o in extra)
    if strata:
        options += f" by({strata})"
    if opts.get("tb"):
        options += " tb"
    if opts.get("level") is not None:
        options += f" level({opts['level']})"
    weight = f" [fw={wv}]" if wv else ""
    session.print("\n".join(note))
    lookup("ir").handler()(scratch, parse_command(f"ir __stir_d __stir_x __stir_t{weight}, {options}".rstrip(", ")))
    session.set_r(dict(scratch.r))
