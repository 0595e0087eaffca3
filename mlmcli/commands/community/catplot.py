"""``catplot varlist [if] [in] [weight] [, options]`` (Nick Cox's SSC package, catplot.ado
2.0.2 of 10 December 2010, the syntax Stata 13's users typed): bar, dot or hbar charts of the
frequencies, percents or fractions of up to three categorical variables.

As the ado-file does, catplot makes one variable to show and hands the chart to
``graph hbar|bar|dot (sum) toshow if touse, over(var1, var1opts()) ...``:

- the sample: if/in, no missing value in the varlist (unless ``missing``) or in the by()
  variable (unless by()'s own ``missing``), a weight neither missing nor zero;
- toshow: 1 per observation (frequency; the weight with one), or egen pc()'s percent
  (fraction with ``fraction``) of the total -- each observation's 100/N, or 100 w/sum(w) --
  within the groups of ``percent(varlist)`` / ``fraction(varlist)``, or of the whole sample
  for ``percent`` / ``fraction``;
- titles: ytitle() defaults to percent, fraction, the weight's label or expression, or
  frequency; one variable without by() names the categories' axis by its label (b1title(),
  or l1title() on an hbar chart that is not ``vertical``);
- every other option goes to graph unchanged (``blabel()``, ``bar()``, ``title()`` ...).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.sorted_codes import matrix_row_codes

PLOT_TYPES = ("bar", "dot", "hbar")
_TOSHOW, _TOUSE = "__mlm_catplot_show", "__mlm_catplot_touse"
CATPLOT_SPECS = [OptionSpec("percent", 4, takes_arg=True, arg_optional=True),
                 OptionSpec("fraction", 2, takes_arg=True, arg_optional=True),
                 OptionSpec("ytitle", 3, takes_arg=True), OptionSpec("by", None, takes_arg=True),
                 OptionSpec("vertical", 4), OptionSpec("missing", 4), OptionSpec("recast", None, takes_arg=True),
                 OptionSpec("var1opts", None, takes_arg=True), OptionSpec("var2opts", None, takes_arg=True),
                 OptionSpec("var3opts", None, takes_arg=True)]


def _typed(option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


def percent_of_total(weight: np.ndarray, rows: np.ndarray, groups: list[np.ndarray], total: float) -> np.ndarray:
    """egen pc(): ``total * w / sum(w)`` within the groups (missing values a group of their own),
    over ``rows``; missing elsewhere."""
    out = np.full(rows.size, np.nan)
    if groups:
        keys = np.column_stack([np.where(np.isnan(g), np.inf, g) for g in groups])[rows]
        codes = matrix_row_codes(keys)
    else:
        codes = np.zeros(int(rows.sum()), dtype=int)
    w = weight[rows]
    sums = np.bincount(codes, weights=w)
    out[rows] = total * w / sums[codes]
    return out


def _by_variable(session, by: str) -> tuple[str, bool]:
    """catplot's Checkbymiss: by()'s variable (``syntax varname [, MISSing *]``) and whether its
    own ``missing`` keeps the missing category."""
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(by)
    names = session.data.expand_varlist(body)
    if len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "varlist required",
                         103 if len(names) > 1 else 100)
    keep_missing = any(OptionSpec("missing", 4).matches(o.name) for o in options)
    return names[0], keep_missing


def _groups(data, names: list[str]) -> list[np.ndarray]:
    """Numeric codes of each grouping variable (strings by their distinct values)."""
    out = []
    for name in names:
        if data.is_string(name):
            values = data.df[name].astype(str).to_numpy()
            out.append(np.unique(values, return_inverse=True)[1].astype(float))
        else:
            out.append(np.asarray(data.numeric(name), dtype=float))
    return out


def cmd_catplot(session, cmd: Command) -> None:
    from mlmcli.commands.data.common import weights
    from mlmcli.commands.graphs.categorical import graph_bar, graph_dot, graph_hbar
    from mlmcli.sample import mark_sample

    data = session.data
    varlist = data.expand_varlist(cmd.args)
    if not varlist:
        raise StataError("varlist required", 100)
    if len(varlist) > 3:
        raise StataError("too many variables specified", 103)
    mine = [o for o in cmd.options if any(s.matches(o.name) for s in CATPLOT_SPECS)]
    passed = [o for o in cmd.options if o not in mine]
    # percent(varlist) and percent (the ado's PERCent2) are one option here: the argument tells
    opts = resolve_options(mine, CATPLOT_SPECS)
    touse = mark_sample(session, cmd, [] if opts.get("missing") else varlist, strok=True)
    by_text = opts.get("by")
    if by_text:
        by_var, by_missing = _by_variable(session, by_text)
        if not by_missing:
            touse &= mark_sample(session, Command(name="catplot"), [by_var], strok=True)
    touse, w, _ = weights(session, cmd, touse, ("fweight", "aweight", "iweight"), default="fweight")
    if not touse.any():
        raise StataError("no observations", 2000)
    recast = (opts.get("recast") or "hbar").strip()
    if recast not in PLOT_TYPES:
        raise StataError(f"{recast} not an allowed type, one of {' '.join(PLOT_TYPES)}", 198)
    percent, fraction = opts.get("percent"), opts.get("fraction")
    if percent is not None and fraction is not None:
        raise StataError("percent and fraction options may not be combined", 198)
    chosen = percent if percent is not None else fraction
    weight = np.ones(data.nobs) if w is None else np.where(touse, w, 0.0)
    if chosen is not None:
        pvars = [] if chosen is True else data.expand_varlist(chosen)
        toshow = percent_of_total(weight, touse, _groups(data, pvars), 100.0 if percent is not None else 1.0)
    else:
        toshow = np.where(touse, weight, 0.0)  # gen toshow = touse [* exp]: 0 outside, summed over touse
    ytitle = opts.get("ytitle")
    if ytitle is None:
        if percent is not None:
            ytitle = "percent"
        elif fraction is not None:
            ytitle = "fraction"
        elif cmd.weight is not None:
            exp = cmd.weight.exp.strip()
            label = data.var_labels.get(exp, "") if exp in data.varnames else ""
            ytitle = f'"{label}"' if label else exp
        else:
            ytitle = "frequency"
    words = [f"(sum) {_TOSHOW} if {_TOUSE}"]
    options = ["vertical"] if opts.get("vertical") else []
    for i, var in enumerate(varlist, 1):
        sub = (opts.get(f"var{i}opts") or "").strip()
        options.append(f"over({var}, {sub})" if sub else f"over({var})")
    if by_text:
        options.append(f"by({by_text})")
    options.append(f"ytitle({ytitle})")
    if len(varlist) == 1 and not by_text:
        title = data.var_labels.get(varlist[0]) or varlist[0]
        side = "l1title" if recast == "hbar" and not opts.get("vertical") else "b1title"
        options.append(f'{side}(`"{title}"\')')
    if opts.get("missing"):
        options.append("missing")
    options += [_typed(o) for o in passed]
    rest = f"{words[0]}, {' '.join(options)}"
    work = data.copy()
    work.df[_TOSHOW], work.types[_TOSHOW] = toshow, "double"
    work.df[_TOUSE], work.types[_TOUSE] = touse.astype(float), "byte"
    chart = {"bar": graph_bar, "dot": graph_dot, "hbar": graph_hbar}[recast]
    session.data = work
    try:
        chart(session, rest, Command(name="catplot", text=cmd.text))
    finally:
        session.data = data
