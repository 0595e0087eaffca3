"""``tabm varlist [if] [in] [fw aw iw] [, oneway transpose valuelabel(lblname) varnames missing
replace tabulate_options]``: Nick Cox's tabulation of several variables with the same values
(tab_chi package on SSC, tabm.ado 2.3.0, written from its public ado-file).

The variables of the first one's type (numeric or string; the others are listed as "different
type, so excluded") are stacked -- _stack, the variable's number labelled with its variable
label (its name under ``varnames`` or without a label), _values labelled "values" with the
first variable's value label (or ``valuelabel()``) -- and ``tabulate _stack _values`` run on
the stacked data with the weight, ``missing`` and the other options (``transpose``: values by
variable; ``oneway``: the values alone).  One variable of the right type is tabulated as it is.
``replace`` leaves the stacked data in memory (_stack, _values and, weighted, _weight)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OWN = [OptionSpec("oneway", 2), OptionSpec("transpose", 9), OptionSpec("valuelabel", 1, True),
        OptionSpec("varnames", 7), OptionSpec("missing", 4), OptionSpec("replace", 7)]


def cmd_tabm(session, cmd) -> None:
    from mlmcli.commands.data.common import weights
    from mlmcli.runner import Runner, current_runner
    from mlmcli.sample import mark_sample

    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    own = [o for o in cmd.options if any(spec.matches(o.name) for spec in _OWN)]
    passed = [o for o in cmd.options if o not in own]
    opts = resolve_options(own, _OWN)
    if opts.get("replace") and getattr(session, "by_mask", None) is not None:
        raise StataError("replace not allowed with by:", 198)
    touse = np.asarray(mark_sample(session, cmd, []), bool)
    touse, w, kind = weights(session, cmd, touse, ("fweight", "aweight", "iweight"), default="fweight")
    if not touse.any():
        raise StataError("no observations", 2000)
    first_string = ds.is_string(names[0])
    ok = [v for v in names if ds.is_string(v) == first_string]
    bad = [v for v in names if ds.is_string(v) != first_string]
    if bad:
        session.print("\n" + " ".join(bad) + " different type, so excluded")
    missing = " missing" if opts.get("missing") else ""
    rest = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in passed)
    weight_text = f" [{kind}=_weight]" if w is not None else ""
    runner = current_runner(session) or Runner(session)
    if len(ok) == 1:
        typed = "" if cmd.weight is None else f" [{cmd.weight.kind}={cmd.weight.exp}]"
        where = (f" if {cmd.if_exp}" if cmd.if_exp else "") + ("" if cmd.in_range is None else
                                                               f" in {cmd.in_range.first}"
                                                               + (f"/{cmd.in_range.last}" if cmd.in_range.last else ""))
        runner.execute(f"tabulate {ok[0]}{typed}{where}, {missing} {rest}".rstrip(" ,"))
        return
    stacked = _stacked(ds, ok, touse, w, opts, first_string, session)
    original = session.data
    by_state = (session.by_vars, session.by_mask)
    session.data = stacked
    # the by-group is already in ``touse``: the tabulate runs on the stacked rows, as tabm.ado's
    # (byable(recall)) inner tabulate, not under a mask made for the original rows
    session.by_vars, session.by_mask = (), None
    try:
        if opts.get("oneway"):
            line = f"tabulate _values{weight_text}"
        elif opts.get("transpose"):
            line = f"tabulate _values _stack{weight_text}"
        else:
            line = f"tabulate _stack _values{weight_text}"
        options = f"{missing} {rest}".strip()
        runner.execute(f"{line}, {options}" if options else line)
    except Exception:
        session.data = original
        raise
    finally:
        session.by_vars, session.by_mask = by_state
    if not opts.get("replace"):
        session.data = original


def _stacked(ds, names: list[str], touse, w, opts, strings: bool, session):
    from mlmcli.dataset import Dataset

    labels = {}
    for j, v in enumerate(names, start=1):
        label = ds.var_labels.get(v, "")
        labels[float(j)] = v if opts.get("varnames") or not label else label
    columns = {"_stack": np.repeat(np.arange(1, len(names) + 1, dtype=float), int(touse.sum()))}
    if strings:
        columns["_values"] = np.concatenate([ds.df[v].to_numpy(dtype=object)[touse] for v in names])
    else:
        columns["_values"] = np.concatenate([ds.numeric(v)[touse] for v in names])
    types = {"_stack": "byte" if len(names) < 100 else "int",
             "_values": "str244" if strings else "double"}
    if w is not None:
        columns["_weight"] = np.tile(np.asarray(w, float)[touse], len(names))
        types["_weight"] = "double"
    out = Dataset(df=pd.DataFrame(columns), var_labels={"_stack": "variable", "_values": "values",
                                                         **({"_weight": "weights"} if w is not None else {})},
                  value_label_of={"_stack": "_stack"}, value_labels={"_stack": labels}, types=types)
    value_label = opts.get("valuelabel")
    value_label = str(value_label).strip() if value_label else ds.value_label_of.get(names[0], "")
    if value_label:
        if strings:
            session.print("\nmay not label strings")
        elif value_label in ds.value_labels:
            out.value_labels[value_label] = dict(ds.value_labels[value_label])
            out.value_label_of["_values"] = value_label
        else:
            raise StataError(f"value label {value_label} not found", 111)
    return out
