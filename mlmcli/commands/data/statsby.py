"""``statsby``: run a command for each group and keep its results as a dataset.

    statsby [exp_list], by(varlist[, missing]) [saving(file[, replace]) clear double total
        subsets nodots dots(#) noisily nolegend verbose basepop(exp) forcedrop force]: command

Steps: read the syntax; run the command once on the base population (all the data, or
``basepop()``): it fixes the estimation sample and the names ``_b``/``_se`` stand for; print
the legend; run it on each by-group of the estimation sample (a group where it fails, or
where a value is missing, gets an ``x``), on every combination of the by variables with
``subsets`` and on all the data with ``total`` (the by variables missing in those rows);
print the dots; build the dataset of results (float unless ``double``), sorted by the by
variables with missing last, and save it or put it in memory.

``noisily`` and ``trace`` print what statsby.ado prints with them (``statsby_noisily``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import fit_storage, refuse_if_changed
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.missing import order_key
from mlmcli.syntax.coefnames import is_base_or_omitted
from mlmcli.syntax.options import OptionSpec, resolve_options, suboptions
from mlmcli.syntax.varlist import is_name

STATSBY_OPTIONS = [
    OptionSpec("by", 2, takes_arg=True), OptionSpec("saving", 4, takes_arg=True),
    OptionSpec("clear", 5), OptionSpec("double", 6), OptionSpec("nodots", 6),
    OptionSpec("noisily", 1), OptionSpec("basepop", 7, takes_arg=True), OptionSpec("total", 5),
    OptionSpec("subsets", 7), OptionSpec("forcedrop", 9), OptionSpec("nolegend", 8),
    OptionSpec("verbose", 1), OptionSpec("dots", 4, takes_arg=True), OptionSpec("force", 5),
    OptionSpec("trace", 2),
]


@dataclass(frozen=True)
class _Statsby:
    """A parsed ``statsby`` line."""

    exp_text: str
    command: str  # the command after the colon, as typed
    by_vars: list[str]
    saving: str | None  # file name with its extension
    replace: bool
    double: bool
    dots_every: int  # 0: no dots
    noisily: bool
    legend: str  # "none", "default" (no _b/_se rows) or "verbose"
    by_missing: bool  # by(, missing): missing values form groups too
    total: bool
    subsets: bool
    basepop: str | None
    forcedrop: bool
    trace: bool  # noisily with each group's run traced (statsby.ado's TRace)


def cmd_statsby(session, cmd) -> None:
    """``statsby exp_list, by(varlist) [saving(file[, replace])] [clear]: command``."""
    from mlmcli.commands import lookup
    from mlmcli.expr import evaluate_condition, evaluate_scalar
    from mlmcli.parser import parse_command

    sb = _parse(session, cmd.args)
    sub = parse_command(sb.command)
    spec = lookup(sub.name)
    handler = spec.handler()
    ds = session.data
    base = None if sb.basepop is None else np.asarray(evaluate_condition(session, sb.basepop), dtype=bool)
    # the base run fixes the estimation sample (and the _b names); _prefix_note is silent with
    # nodots, which dots(0) and noisily imply (_get_dots_option)
    if sb.dots_every:
        session.print(f"(running {spec.name} on estimation sample)")
    if sb.noisily:
        from mlmcli.commands.data.statsby_noisily import first_call_lines

        for line in first_call_lines(spec.name, sb.command):
            session.print(line)
    e_before = session.e
    _run_on(session, lambda: handler(session, sub), base, forcedrop=False, noisily=sb.noisily)
    e_full = session.e
    estimation = e_full is not None and e_full is not e_before
    items, coefficients = _exp_list(sb.exp_text, e_full)
    if not items and estimation:
        items, coefficients = _exp_list("_b", e_full)
    elif not items:  # an r-class command: all its r() scalars, named as in r()
        items = [(name, f"r({name})") for name, value in session.r.items()
                 if isinstance(value, (int, float, np.floating)) and not isinstance(value, bool)]
        if not items:
            raise StataError("expression list required", 100)
    clash = next((n for n, _ in items if n in sb.by_vars), None)
    if clash is not None:
        raise StataError(f"variable {clash} already defined", 110)
    for _, exp in items:  # bad expressions fail here, once, as in Stata
        evaluate_scalar(session, exp)
    _print_legend(session, sb, [(n, x) for n, x in items if sb.legend == "verbose" or n not in coefficients])
    population = np.ones(ds.nobs, dtype=bool)
    if base is None and estimation:
        sample = e_full.sample_mask(ds)
        if sample is not None:
            population = np.asarray(sample, dtype=bool)
    groups = _groups(ds, population, sb)
    if sb.noisily:  # _dots 0, title() nodots: the title alone
        session.print()
        session.print("Statsby subsets" if sb.subsets else "Statsby groups")
    results, dots = _run_by_group(session, lambda: handler(session, sub), groups, items, sb)
    if sb.dots_every:
        _print_dots(session, dots[sb.dots_every - 1::sb.dots_every], sb.subsets)
    new = _results_dataset(ds, [key for key, _, _ in groups], sb.by_vars, items, results, sb.double)
    if sb.saving:
        from mlmcli.dta import write_dta

        write_dta(new, sb.saving)
    else:
        new.changed = True
        session.data = new


def _parse(session, text: str) -> _Statsby:
    """``[exp_list] [, options] : command`` -> what to run and how (Stata's errors first)."""
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0:
        raise StataError("invalid syntax", 198)
    head, command = text[:colon], text[colon + 1:].strip()
    if not command:
        raise StataError("invalid syntax", 198)
    typed = parse_arguments(head, "statsby")
    if typed.if_exp is not None or typed.in_range is not None or typed.weight is not None:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(typed.options, STATSBY_OPTIONS)
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    ds = session.data
    by_text, by_sub = suboptions(str(opts["by"]))
    for o in by_sub:
        if o.name != "missing":
            raise option_not_allowed(o.name, o.arg)
    by_vars = ds.expand_varlist(by_text)
    dots_every = 1
    if opts.get("dots") is not None:
        try:
            dots_every = int(str(opts["dots"]).strip())
        except ValueError:
            raise StataError("dots() invalid -- invalid number", 198) from None
        if dots_every < 0:
            raise StataError("dots() must be a nonnegative integer", 198)
    noisily = bool(opts.get("noisily") or opts.get("trace"))  # statsby.ado: trace implies noisily
    if opts.get("nodots") or noisily:  # noisily implies nodots
        dots_every = 0
    legend = "none" if opts.get("nolegend") else "verbose" if opts.get("verbose") else "default"
    basepop = str(opts["basepop"]).strip() if opts.get("basepop") else None
    saving, replace = None, False
    if opts.get("saving"):
        body, sub = suboptions(str(opts["saving"]))
        saving = body.strip('"')
        if not os.path.splitext(saving)[1]:
            saving += ".dta"
        replace = any(o.name == "replace" for o in sub)
        if not replace and os.path.exists(saving):
            raise StataError(f"file {saving} already exists", 602)
    else:
        refuse_if_changed(session, bool(opts.get("clear")))
    return _Statsby(typed.args or "", command, by_vars, saving, replace, bool(opts.get("double")),
                    dots_every, noisily, legend, bool(by_sub), bool(opts.get("total")),
                    bool(opts.get("subsets")), basepop, bool(opts.get("forcedrop")), bool(opts.get("trace")))


def _run_on(session, action, mask, forcedrop: bool, noisily: bool) -> None:
    """``action()`` on the rows of ``mask`` (all rows when None): as a by-mask, or with
    ``forcedrop`` on a dataset holding only those rows; quietly unless ``noisily`` (then shown
    whatever quietly is in force, as the ado's ``capture noisily``)."""
    old_mask, old_data = getattr(session, "by_mask", None), session.data
    if mask is not None and forcedrop:
        group_data = old_data.copy()
        group_data.take_rows(mask)
        session.data = group_data
    elif mask is not None:
        session.by_mask = mask
    quiet = session.out.quiet
    session.out.quiet = 0 if noisily else quiet + 1  # capture noisily: shown under quietly too
    try:
        action()
    finally:
        session.out.quiet = quiet
        session.by_mask = old_mask
        session.data = old_data


def _exp_list(text: str, e) -> tuple[list[tuple[str, str]], set[str]]:
    """``name=exp`` items (and ``_b`` / ``_se``) -> [(new variable, expression)], and the
    names that ``_b``/``_se`` stood for (the legend shows them only with ``verbose``)."""
    from mlmcli.textscan import split_top

    items: list[tuple[str, str]] = []
    coefficients: set[str] = set()
    toks = [t for t in split_top(text.strip(), " ") if t]
    # rejoin ``name = exp`` typed with spaces
    joined: list[str] = []
    for t in toks:
        if joined and (t.startswith("=") or joined[-1].endswith("=")):
            joined[-1] += t
        else:
            joined.append(t)
    k = 0
    for t in joined:
        if "=" in t:
            name, exp = t.split("=", 1)
            if not is_name(name) or not exp:
                raise StataError("invalid syntax", 198)
            items.append((name, exp))
        elif t in ("_b", "_se", "(_b)", "(_se)"):
            kind = t.strip("()")
            if e is None or "b" not in e.matrices:
                raise StataError("last estimates not found", 301)
            columns = e.matrices["b"].colnames
            equations = {col.split(":")[0] for col in columns if ":" in col}
            for col in columns:
                eq, _, base = col.rpartition(":")
                if is_base_or_omitted(base):
                    continue
                # Stata's names: _b_x (one equation), eq_b_x (several: mixed's lns1_1_1_b_cons)
                vname = kind + "_" + re.sub(r"\W", "_", base.lstrip("_"))
                if len(equations) > 1 and eq:
                    vname = re.sub(r"\W", "_", eq) + vname
                k += 1
                items.append((vname if len(vname) <= 32 else f"_stat_{k}", f"{kind}[{col}]"))
                coefficients.add(items[-1][0])
        else:
            k += 1
            items.append((f"_stat_{k}", t))
    names = [n for n, _ in items]
    repeated = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if repeated is not None:
        raise StataError(f"variable {repeated} already defined", 110)
    return items, coefficients


def _print_legend(session, sb: _Statsby, items) -> None:
    """The command, each shown variable's expression and the by variables, right-aligned names."""
    if sb.legend == "none":
        return
    if sb.noisily:  # _prefix_legend's heading under noisily
        session.print()
        session.print("statsby legend:")
    session.print()
    width = max([len("command")] + [len(n) for n, _ in items] + [len("by")])
    session.print(f"{'command':>{width + 6}}:  {sb.command}")
    for n, exp in items:
        session.print(f"{n:>{width + 6}}:  {exp}")
    session.print(f"{'by':>{width + 6}}:  {' '.join(sb.by_vars)}")


def _groups(ds, population: np.ndarray, sb: _Statsby) -> list[tuple[dict, np.ndarray, str | None]]:
    """(key, rows, what) of every run, in statsby.ado's order: with ``total`` first all of
    ``population`` (``what`` None: PostGroups runs it silently, without a dot); the by-groups
    of ``population`` (without those where a by variable is missing unless ``by(, missing)``),
    sorted, ``what`` "group"; with ``subsets`` those of every combination of the by variables
    in SubSets's order (its GetMat: the combinations counted in binary, the last by variable the
    lowest bit, so the empty one -- all of ``population`` -- first), ``what`` "subset".  A by
    variable outside the combination is missing in the key (None)."""
    frame = ds.df[sb.by_vars]
    missing = {v: (frame[v] == "").to_numpy() if ds.is_string(v) else frame[v].isna().to_numpy()
               for v in sb.by_vars}
    # numbers by their order key: . < .a < ... < .z, each its own group (pandas pools NaNs)
    keyed = pd.DataFrame({v: frame[v] if ds.is_string(v) else order_key(frame[v].to_numpy(dtype=float, na_value=np.nan))
                          for v in sb.by_vars}, index=frame.index)
    k = len(sb.by_vars)
    if sb.subsets:
        combos = [tuple(v for j, v in enumerate(sb.by_vars) if i >> (k - 1 - j) & 1) for i in range(2 ** k)]
    else:
        combos = [tuple(sb.by_vars)]
    what = "subset" if sb.subsets else "group"
    groups: list[tuple[dict, np.ndarray, str | None]] = []
    if sb.total and not sb.subsets:
        groups.append(({v: None for v in sb.by_vars}, population.copy(), None))
    for subset in combos:
        rows = population.copy()
        if not sb.by_missing:
            for v in subset:
                rows &= ~missing[v]
        if not subset:
            groups.append(({v: None for v in sb.by_vars}, rows, what))
            continue
        distinct = keyed.loc[rows, list(subset)].drop_duplicates().sort_values(list(subset))
        for first, key in distinct.iterrows():
            mask = rows.copy()
            for v in subset:
                mask &= (keyed[v] == key[v]).to_numpy()
            groups.append(({v: (frame.at[first, v] if v in subset else None) for v in sb.by_vars}, mask, what))
    return groups


def _run_by_group(session, run, groups, items, sb: _Statsby) -> tuple[dict[str, list[float]], list[str]]:
    """Each group's values of ``items`` after ``run()`` on the group's rows (missing where the
    command fails), and a dot per group but the total (``.`` ok, ``x`` failed or a value
    missing).  With ``noisily`` each run but the total's is headed as PostGroups heads it, a
    failure followed by its message (``statsby_noisily``); with ``trace`` each run (the
    total's too) is traced."""
    from mlmcli.commands.data.statsby_noisily import captured_error_lines, run_heading_lines
    from mlmcli.expr import evaluate_scalar
    from mlmcli.program_trace import emit, traced_command

    results: dict[str, list[float]] = {n: [] for n, _ in items}
    dots = []
    count = 0
    for _, mask, what in groups:
        values: list[float] = []
        failed_exps: list[str] = []
        if what is not None:
            count += 1
            if sb.noisily:
                for line in run_heading_lines(sb.command, what, count):
                    session.out.noisily_line(line)

        def run_and_collect():
            if sb.trace:
                emit(session, traced_command(session, sb.command))
            run()
            for _, exp in items:
                try:
                    values.append(float(evaluate_scalar(session, exp)))
                except StataError:  # PostGroups: that value missing, the run not failed
                    values.append(float("nan"))
                    failed_exps.append(exp)

        failed = False
        try:
            _run_on(session, run_and_collect, mask, sb.forcedrop, sb.noisily and what is not None)
        except StataError as err:
            failed = True
            values = [float("nan")] * len(items)
            if sb.noisily and err.message and what is not None:  # capture noisily shows the message
                session.out.noisily_line(err.message)
        if sb.noisily:
            for line in captured_error_lines(sb.command, failed_exps if not failed else None, session.linesize):
                session.out.noisily_line(line)
        if what is not None:
            dots.append("x" if failed or any(np.isnan(v) for v in values) else ".")
        for (n, _), v in zip(items, values):
            results[n].append(v)
    return results, dots


def _print_dots(session, dots: list[str], subsets: bool) -> None:
    session.print()
    session.print("Statsby subsets" if subsets else "Statsby groups")
    session.print("----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 ")
    for i in range(0, len(dots), 50):
        chunk = "".join(dots[i:i + 50])
        session.print(chunk if len(chunk) < 50 else f"{chunk}{i + 50:>6}")


def _results_dataset(ds, keys: list[dict], by_vars, items, results, double: bool):
    """One observation per group: the by variables (with their metadata; missing where a
    ``subsets``/``total`` row does not split by them) and the results, stored as float
    (Stata's default) or double, labelled with their expressions; sorted by the by variables."""
    from mlmcli.dataset import Dataset

    new = Dataset()
    frame = pd.DataFrame({v: _key_column(ds, v, [k[v] for k in keys]) for v in by_vars})
    for n, _ in items:
        values = np.asarray(results[n], dtype=float)
        frame[n] = values if double else fit_storage(values, "float")  # beyond float's range: missing
    order = np.lexsort([_sort_key(frame[v], ds.is_string(v)) for v in reversed(by_vars)])
    new.df = frame.iloc[order].reset_index(drop=True)
    for v in by_vars:
        for meta_src, meta_dst in ((ds.types, new.types), (ds.formats, new.formats),
                                   (ds.var_labels, new.var_labels), (ds.value_label_of, new.value_label_of)):
            if v in meta_src:
                meta_dst[v] = meta_src[v]
        lab = ds.value_label_of.get(v)
        if lab in ds.value_labels:
            new.value_labels[lab] = dict(ds.value_labels[lab])
    for n, exp in items:
        new.types[n] = "double" if double else "float"
        new.formats[n] = "%10.0g" if double else "%9.0g"
        new.var_labels[n] = exp
    new.sortedby = tuple(by_vars)
    return new


def _key_column(ds, name: str, values: list) -> pd.Series:
    """A by variable's values in the results (None: missing), in its own storage where it can."""
    if ds.is_string(name):
        return pd.Series(["" if v is None else v for v in values], dtype=object)
    if any(v is None for v in values):
        return pd.Series([np.nan if v is None else v for v in values], dtype=float)
    return pd.Series(values, dtype=ds.df[name].dtype)


def _sort_key(column: pd.Series, is_string: bool) -> np.ndarray:
    """Stata's sort order: strings alphabetically ("" first), numbers with missing last."""
    if is_string:
        return pd.factorize(column, sort=True)[0]
    values = column.to_numpy(dtype=float)
    return np.where(np.isnan(values), np.inf, values)


# rolling (commands/statistics/rolling.py) reads its exp_list and runs on a row mask as statsby does
exp_list_items, run_on_rows = _exp_list, _run_on
