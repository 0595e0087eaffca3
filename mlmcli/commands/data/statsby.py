"""``statsby``: run a command for each group and keep its results as a dataset.

    statsby [exp_list], by(varlist) [saving(file[, replace]) clear double nodots]: command

Steps: read the syntax; run the command once on all the data (it fixes the estimation
sample and the names ``_b``/``_se`` stand for); print the header; run it on each by-group
of the estimation sample (a group where it fails gets missing values and an ``x``); print
the dots; build the dataset of results (float unless ``double``) and save it or put it in
memory.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

from mlmcli.commands.data.common import refuse_if_changed
from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import is_base_or_omitted
from mlmcli.syntax.options import OptionSpec, lower_names, resolve_options, suboptions

STATSBY_OPTIONS = [
    OptionSpec("by", 2, takes_arg=True), OptionSpec("saving", 4, takes_arg=True),
    OptionSpec("clear", 5), OptionSpec("double", 6), OptionSpec("nodots", 6),
    OptionSpec("noisily", 1), OptionSpec("basepop", 7, takes_arg=True), OptionSpec("total", 5),
    OptionSpec("subsets", 7), OptionSpec("forcedrop", 9), OptionSpec("nolegend", 8),
    OptionSpec("verbose", 1),
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
    dots: bool


def cmd_statsby(session, cmd) -> None:
    """``statsby exp_list, by(varlist) [saving(file[, replace])] [clear]: command``."""
    from mlmcli.commands import lookup
    from mlmcli.parser import parse_command

    sb = _parse(session, cmd.args)
    sub = parse_command(sb.command)
    spec = lookup(sub.name)
    handler = spec.handler()
    # the full-sample run fixes the estimation sample (and the _b names)
    session.print(f"(running {spec.name} on estimation sample)")
    _quietly(session, lambda: handler(session, sub))
    e_full = session.e
    items = _exp_list(sb.exp_text, e_full) or _exp_list("_b", e_full)
    clash = next((n for n, _ in items if n in sb.by_vars), None)
    if clash is not None:
        raise StataError(f"variable {clash} already defined", 110)
    from mlmcli.expr import evaluate_scalar

    for _, exp in items:  # bad expressions fail here, once, as in Stata
        evaluate_scalar(session, exp)
    _print_header(session, sb, items)
    ds = session.data
    esample = e_full.sample_mask(ds) if e_full is not None else None
    if esample is None:
        esample = np.ones(ds.nobs, dtype=bool)
    keys = ds.df.loc[esample, sb.by_vars].drop_duplicates().sort_values(sb.by_vars)
    results, dots = _run_by_group(session, lambda: handler(session, sub), keys, sb.by_vars, items)
    if sb.dots:
        _print_dots(session, dots)
    new = _results_dataset(ds, keys, sb.by_vars, items, results, sb.double)
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
    opts = resolve_options(lower_names(typed.options), STATSBY_OPTIONS)
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    ds = session.data
    by_vars = ds.expand_varlist(str(opts["by"]))
    saving, replace = None, False
    if opts.get("saving"):
        body, sub = suboptions(str(opts["saving"]))
        saving = body.strip('"')
        if not os.path.splitext(saving)[1]:
            saving += ".dta"
        replace = any(o.name.lower() == "replace" for o in sub)
        if not replace and os.path.exists(saving):
            raise StataError(f"file {saving} already exists", 602)
    else:
        refuse_if_changed(session, bool(opts.get("clear")))
    return _Statsby(typed.args or "", command, by_vars, saving, replace, bool(opts.get("double")),
                    not opts.get("nodots"))


def _quietly(session, action) -> None:
    session.out.quiet += 1
    try:
        action()
    finally:
        session.out.quiet -= 1


def _exp_list(text: str, e) -> list[tuple[str, str]]:
    """``name=exp`` items (and ``_b`` / ``_se``) -> [(new variable, expression)]."""
    from mlmcli.textscan import split_top

    items: list[tuple[str, str]] = []
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
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name) or not exp:
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
                vname = f"{kind}_{re.sub(r'[^A-Za-z0-9_]', '_', base.lstrip('_'))}"
                if len(equations) > 1 and eq:
                    vname = re.sub(r"[^A-Za-z0-9_]", "_", eq) + vname
                k += 1
                items.append((vname if len(vname) <= 32 else f"_stat_{k}", f"{kind}[{col}]"))
        else:
            k += 1
            items.append((f"_stat_{k}", t))
    names = [n for n, _ in items]
    repeated = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if repeated is not None:
        raise StataError(f"variable {repeated} already defined", 110)
    return items


def _print_header(session, sb: _Statsby, items) -> None:
    """The command, each new variable's expression and the by variables, right-aligned names."""
    session.print()
    width = max([len("command")] + [len(n) for n, _ in items] + [len("by")])
    session.print(f"{'command':>{width + 6}}:  {sb.command}")
    for n, exp in items:
        session.print(f"{n:>{width + 6}}:  {exp}")
    session.print(f"{'by':>{width + 6}}:  {' '.join(sb.by_vars)}")


def _run_by_group(session, run, keys, by_vars, items) -> tuple[dict[str, list[float]], list[str]]:
    """Each group's values of ``items`` after ``run()`` with the group as the by-mask (missing
    where the command fails), and a dot (``.`` ok, ``x`` failed) per group."""
    from mlmcli.expr import evaluate_scalar

    ds = session.data
    results: dict[str, list[float]] = {n: [] for n, _ in items}
    dots = []
    old_mask = getattr(session, "by_mask", None)
    for _, key in keys.iterrows():
        mask = np.ones(ds.nobs, dtype=bool)
        for v in by_vars:
            mask &= (ds.df[v] == key[v]).to_numpy()
        session.by_mask = mask
        session.out.quiet += 1
        try:
            run()
            vals = [float(evaluate_scalar(session, exp)) for _, exp in items]
            dots.append(".")
        except StataError:
            vals = [float("nan")] * len(items)
            dots.append("x")
        finally:
            session.out.quiet -= 1
            session.by_mask = old_mask
        for (n, _), v in zip(items, vals):
            results[n].append(v)
    return results, dots


def _print_dots(session, dots: list[str]) -> None:
    session.print()
    session.print("Statsby groups")
    session.print("----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 ")
    for i in range(0, len(dots), 50):
        chunk = "".join(dots[i:i + 50])
        session.print(chunk if len(chunk) < 50 else f"{chunk}{i + 50:>6}")


def _results_dataset(ds, keys, by_vars, items, results, double: bool):
    """One observation per group: the by variables (with their metadata) and the results,
    stored as float (Stata's default) or double, labelled with their expressions."""
    from mlmcli.dataset import Dataset

    new = Dataset()
    frame = keys.reset_index(drop=True).copy()
    for n, _ in items:
        values = np.asarray(results[n], dtype=float)
        frame[n] = values if double else values.astype(np.float32).astype(np.float64)
    new.df = frame
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
