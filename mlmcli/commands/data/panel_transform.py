"""``xtdata``: the data in memory replaced by their fixed-, between- or random-effects transform
([XT] xtdata), as xtdata.ado:

    xtdata [varlist] [if] [in] [, fe | be | re ratio(#)] [clear i(varname) nodouble]

The observations outside if/in or missing in a variable of the varlist (all variables when none
is given) or the panel variable leave; string variables and the panel variable are not
transformed, and the strings leave too.  ``fe``: x_it - xbar_i + xbar (the grand mean of the
sample); ``be``: one observation per panel holding xbar_i; ``re`` (the default): x_it - theta_i
xbar_i with theta_i = 1 - 1/sqrt(T_i ratio^2 + 1), ratio = sigma_u/sigma_e, and a new float
variable ``constant`` = 1 - theta_i (theta printed: one value for balanced panels, else its
min, 5%, median, 95% and max over the panels).  The transformed variables become double (float
under ``nodouble``, where an integer type could not hold them) and lose their value labels; the
data are sorted by the panel variable and labelled ``xtdata, <model>; <file>``.  Data changed
since the last save need ``clear`` (r(4)); nothing changes when a check fails.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("be", 2), OptionSpec("fe", 2), OptionSpec("re", 2), OptionSpec("ratio", 1, takes_arg=True),
            OptionSpec("clear", 5), OptionSpec("i", 1, takes_arg=True), OptionSpec("nodouble", 8)]


def _ratio(opts: dict) -> float:
    text = opts.get("ratio")
    try:
        value = float(str(text).strip()) if text is not None else -1.0
    except ValueError:
        raise StataError("option ratio() incorrectly specified", 198) from None
    if not 0 <= value < np.inf:
        raise StataError("ratio() required", 198)
    return value


def _theta_note(theta_panels: np.ndarray, balanced: bool) -> str:
    from mlmcli.render.numfmt import format_number
    from mlmcli.summary_statistics import stata_percentile

    if balanced:
        return "(theta=" + format_number(float(theta_panels[0]), "%5.4f") + ")"
    s = np.sort(theta_panels)
    stats = (s[0], stata_percentile(s, 5), stata_percentile(s, 50), stata_percentile(s, 95), s[-1])
    fmts = ("%6.4f", "%9.4f", "%11.4f", "%11.4f", "%9.4f")
    return "\n".join(["", "-" * 19 + " theta " + "-" * 20, "  min      5%       median        95%      max",
                      "".join(format_number(float(v), f) for v, f in zip(stats, fmts))])


def cmd_xtdata(session, cmd) -> None:
    from mlmcli.commands.data.common import DATA_CHANGED, fit_storage, keep_columns
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, _OPTIONS)
    if sum(bool(opts.get(k)) for k in ("be", "fe", "re")) > 1:
        raise StataError("invalid syntax", 198)
    model = "fe" if opts.get("fe") else "be" if opts.get("be") else "re"
    ds = session.data
    ivar = panel_variable(session, opts.get("i"))
    ratio = _ratio(opts) if model == "re" else None
    if not opts.get("clear") and ds.changed and not ds.is_empty():
        raise StataError(DATA_CHANGED, 4)
    if model == "re" and "constant" in ds.varnames:  # confirm new variable constant
        raise StataError("variable constant already defined", 110)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    names = [n for n in dict.fromkeys(names) if n != ivar and not ds.is_string(n)]
    rows = np.asarray(mark_sample(session, cmd, names), bool)
    rows &= np.asarray(mark_sample(session, cmd, [ivar], strok=True), bool)
    if not rows.any():
        raise StataError("no observations", 2000)
    idx = np.flatnonzero(rows)
    panel_values = ds.df[ivar].to_numpy()[idx]
    order = idx[np.argsort(_sort_key(ds, ivar, panel_values), kind="stable")]
    codes = np.unique(_sort_key(ds, ivar, ds.df[ivar].to_numpy()[order]), return_inverse=True)[1].ravel()
    sizes = np.bincount(codes)
    new_values = {}
    theta = None
    if model == "re":
        theta_panels = 1 - 1 / np.sqrt(sizes * ratio * ratio + 1)
        theta = theta_panels[codes]
        note = _theta_note(theta_panels, bool(np.all(sizes == sizes[0])))
    for n in names:
        x = ds.numeric(n)[order]
        mean = np.bincount(codes, weights=x) / sizes
        if model == "fe":
            new_values[n] = x - mean[codes] + x.mean()
        elif model == "be":
            new_values[n] = mean
        else:
            new_values[n] = x - theta * mean[codes]
    keep = order if model != "be" else order[np.cumsum(sizes) - 1]  # be: each panel's last row
    new = ds.copy()
    new.take_rows(keep)
    new = keep_columns(new, [v for v in ds.varnames if v in names or v == ivar])
    for n in names:
        vtype = "double" if not opts.get("nodouble") else ("double" if ds.types.get(n) == "double" else "float")
        new.set_variable(n, fit_storage(new_values[n], vtype), vtype)
        new.value_label_of.pop(n, None)
    if model == "re":
        new.set_variable("constant", fit_storage(1 - theta, "float"), "float")
        session.print(note)
    file_tail = (ds.filename or "")[-15:]
    new.label = f"xtdata, {model}; {file_tail}"
    new.filename = None
    new.sortedby = (ivar,)
    new.changed = True
    session.data = new


def _sort_key(ds, ivar: str, values: np.ndarray) -> np.ndarray:
    if ds.is_string(ivar):
        return np.asarray(values).astype(str)
    from mlmcli.missing import order_key

    return order_key(np.asarray(values, float))
