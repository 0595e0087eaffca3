"""``regress`` (OLS with factor variables, byable) and ``statsby``.

    regress depvar [indepvars] [if] [in] [weight] [, noconstant vce(ols|robust|cluster v) level(#)]
    statsby [exp_list], by(varlist) [saving(file[, replace]) clear double nodots]: command
"""
from __future__ import annotations

import os
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import is_base_or_omitted
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options, vce_option

REGRESS_OPTIONS = [
    OptionSpec("noconstant", 6), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("noheader", 6), OptionSpec("notable", 5), OptionSpec("beta", 4),
    OptionSpec("hascons", 7), OptionSpec("tsscons", 7), OptionSpec("cformat", 7, takes_arg=True),
    OptionSpec("pformat", 7, takes_arg=True), OptionSpec("sformat", 7, takes_arg=True),
    OptionSpec("coeflegend", 5), OptionSpec("baselevels", 10), OptionSpec("allbaselevels", 13),
    OptionSpec("noomitted", 9), OptionSpec("noemptycells", 12), OptionSpec("vsquish", 7),
]


def _vce(ds, opts) -> tuple[str, str | None]:
    """(ols|robust|cluster, cluster variable) from vce()/robust/cluster()."""
    if opts.get("cluster"):
        return "cluster", ds.resolve(str(opts["cluster"]).strip())
    if opts.get("robust"):
        return "robust", None
    v = opts.get("vce")
    if v is None:
        return "ols", None
    kind, args = vce_option(v, (("ols", 1), ("robust", 1), ("cluster", 2)))
    if kind in ("ols", "robust") and not args:
        return kind, None
    if kind == "cluster" and len(args) == 1:
        return "cluster", ds.resolve(args[0])
    raise StataError(f"vcetype '{v}' not allowed", 198)


def _weights(session, weight):
    """(values over all rows, kind) for ``[fw|aw|pw|iw = exp]``."""
    if weight is None:
        return None, None
    from mlmcli.commands.estimation.mixed import evaluate_weight
    from mlmcli.parser import weight_kind

    kind = {"weight": "aweight"}.get(weight_kind(weight), weight_kind(weight))  # [fw=x] is an fweight
    w = evaluate_weight(session, weight.exp)
    return w, kind


def run_regress(session, cmd):
    """Fit ``regress`` for ``cmd``: returns (fit, design, depvar, sample, opts, weight kind)."""
    from mlmcli.commands.estimation.mixed import weight_vars
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.ols import fit_ols
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, REGRESS_OPTIONS)
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    depvar = ds.resolve(words[0]) if "." not in words[0] else None
    if depvar is None:
        raise StataError("depvar may not be a factor variable", 198)
    # a string variable empties the sample, as Stata's marksample: "no observations"
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    vce, clustvar = _vce(ds, opts)
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = [depvar] + term_variables(terms) + weight_vars(ds, wexp) + ([clustvar] if clustvar else [])
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    w, kind = _weights(session, cmd.weight)
    if w is not None:
        sample &= ~np.isnan(w)
        if np.any(w[sample] < 0):
            raise StataError("negative weights encountered", 402)
        if kind == "fweight" and np.any(w[sample] != np.floor(w[sample])):
            raise StataError("may not use noninteger frequency weights", 401)
        sample &= w != 0
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    if n <= design.X.shape[1] and not (kind == "fweight" and w[sample].sum() > design.X.shape[1]):
        raise StataError("insufficient observations", 2001)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cluster = None
    if vce == "cluster":
        vals = ds.column(clustvar).to_numpy()[sample]
        _, cluster = np.unique(vals.astype(str) if ds.is_string(clustvar) else vals, return_inverse=True)
    fit = fit_ols(ds.numeric(depvar)[sample], design.X, constant=constant,
                  weight=None if w is None else w[sample], weight_kind=kind, vce=vce,
                  cluster=cluster, level=level, coef_labels=design.labels, depvar=depvar, cluster_var=clustvar)
    return fit, design, depvar, sample, opts, kind, clustvar


def replay(session, e, *, noheader: bool = False) -> None:
    """Print stored ``regress`` results again (``regress`` alone, ``estimates replay``)."""
    from mlmcli.render.regress_table import render_regress

    session.print(render_regress(e.result, linesize=session.linesize, noheader=noheader))


def cmd_regress(session, cmd) -> None:
    """``regress``: OLS, ANOVA header and coefficient table, e()."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.regress_table import render_regress

    if not cmd.args.strip():  # replay
        e = session.e
        if e is None or e.cmd != "regress" or e.result is None:
            raise StataError("last estimates not found", 301)
        return replay(session, e)
    fit, design, depvar, sample, opts, kind, clustvar = run_regress(session, cmd)
    for note in design.notes:
        session.print(note)
    result = fit.result()
    b, V = fit.e_matrices()
    scalars = {"N": fit.N, "mss": fit.mss, "rss": fit.rss, "df_m": float(fit.df_m), "df_r": fit.df_r,
               "r2": fit.r2, "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "ll": fit.ll,
               "ll_0": fit.ll_0, "rank": float(fit.rank), "level": fit.level}
    if fit.n_clusters is not None:
        scalars["N_clust"] = float(fit.n_clusters)
    macros = {"cmd": "regress", "cmdline": cmd.text or f"regress {cmd.args}".strip(), "depvar": depvar,
              "model": "ols", "title": "Linear regression", "vce": fit.vce, "properties": "b V",
              "predict": "regres_p", "estat_cmd": "regress_estat", "marginsok": "XB default"}
    if fit.vce != "ols":
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = clustvar
    if cmd.weight is not None:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    session.e = EstimationResults(cmd="regress", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=result, model=fit, sample=sample.copy(), title="Linear regression",
                                  design=design)
    session.print(render_regress(result, linesize=session.linesize, noheader=bool(opts.get("noheader")),
                                 baselevels=bool(opts.get("baselevels") or opts.get("allbaselevels")),
                                 cformat=opts.get("cformat"), sformat=opts.get("sformat"),
                                 pformat=opts.get("pformat")))


# ====================================================================== statsby

STATSBY_OPTIONS = [
    OptionSpec("by", 2, takes_arg=True), OptionSpec("saving", 4, takes_arg=True),
    OptionSpec("clear", 5), OptionSpec("double", 6), OptionSpec("nodots", 6),
    OptionSpec("noisily", 1), OptionSpec("basepop", 7, takes_arg=True), OptionSpec("total", 5),
    OptionSpec("subsets", 7), OptionSpec("forcedrop", 9), OptionSpec("nolegend", 8),
    OptionSpec("verbose", 1),
]


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
            for col in e.matrices["b"].colnames:
                base = col.split(":")[-1]
                if is_base_or_omitted(base):
                    continue
                vname = f"{kind}_{re.sub(r'[^A-Za-z0-9_]', '_', base.lstrip('_'))}"
                items.append((vname[:32], f"{kind}[{col}]"))
        else:
            k += 1
            items.append((f"_stat_{k}", t))
    return items


def _store_float(values: np.ndarray, double: bool) -> np.ndarray:
    """Values as Stata stores them: float (single precision) unless ``double``."""
    return values if double else values.astype(np.float32).astype(np.float64)


def _save(ds, path: str, replace: bool) -> None:
    if not os.path.splitext(path)[1]:
        path += ".dta"
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    try:
        from mlmcli.dta import write_dta
    except ImportError:  # the data-I/O module is optional: fall back to pandas
        write_dta = None
    if write_dta is not None:
        write_dta(ds, path)
        return
    tmp = path + ".tmp"
    ds.df.to_stata(tmp, write_index=False, version=117)
    os.replace(tmp, path)


def cmd_statsby(session, cmd) -> None:
    """``statsby exp_list, by(varlist) [saving(file[, replace])] [clear]: command``."""
    from mlmcli.commands import lookup
    from mlmcli.dataset import Dataset
    from mlmcli.parser import parse_arguments, parse_command
    from mlmcli.textscan import find_top

    text = cmd.args
    colon = find_top(text, ":")
    if colon < 0:
        raise StataError("invalid syntax", 198)
    head, command = text[:colon], text[colon + 1:].strip()
    if not command:
        raise StataError("invalid syntax", 198)
    typed = parse_arguments(head, "statsby")
    exp_text = typed.args or ""
    if typed.if_exp is not None or typed.in_range is not None or typed.weight is not None:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(tuple(type(o)(o.name.lower(), o.arg) for o in typed.options), STATSBY_OPTIONS)
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    ds = session.data
    by_vars = ds.expand_varlist(str(opts["by"]))
    saving = replace = None
    if opts.get("saving"):
        parts = [p.strip() for p in str(opts["saving"]).split(",")]
        saving = parts[0].strip('"')
        replace = any(p.lower() == "replace" for p in parts[1:])
        if not replace and os.path.exists(saving if os.path.splitext(saving)[1] else saving + ".dta"):
            raise StataError(f"file {saving if os.path.splitext(saving)[1] else saving + '.dta'} already exists", 602)
    elif ds.changed and not opts.get("clear"):
        raise StataError("no; dataset in memory has changed since last saved", 4)

    sub = parse_command(command)
    spec = lookup(sub.name)
    handler = spec.handler()
    name = spec.name
    out = session.out
    # the full-sample run fixes the estimation sample (and the _b names)
    session.print(f"(running {name} on estimation sample)")
    out.quiet += 1
    try:
        handler(session, sub)
    finally:
        out.quiet -= 1
    e_full = session.e
    items = _exp_list(exp_text, e_full)
    if not items:
        items = _exp_list("_b", e_full)
    from mlmcli.expr import evaluate_scalar

    for _, exp in items:  # bad expressions fail here, once, as in Stata
        evaluate_scalar(session, exp)
    esample = np.asarray(e_full.sample, dtype=bool) if e_full is not None and e_full.sample is not None \
        else np.ones(ds.nobs, dtype=bool)

    session.print()
    width = max([len("command")] + [len(n) for n, _ in items] + [len("by")])
    session.print(f"{'command':>{width + 6}}:  {command}")
    for n, exp in items:
        session.print(f"{n:>{width + 6}}:  {exp}")
    session.print(f"{'by':>{width + 6}}:  {' '.join(by_vars)}")

    keys = ds.df.loc[esample, by_vars].drop_duplicates().sort_values(by_vars)
    results = {n: [] for n, _ in items}
    dots = []
    old_mask = getattr(session, "by_mask", None)
    for _, key in keys.iterrows():
        mask = np.ones(ds.nobs, dtype=bool)
        for v in by_vars:
            mask &= (ds.df[v] == key[v]).to_numpy()
        session.by_mask = mask
        out.quiet += 1
        try:
            handler(session, sub)
            vals = [float(evaluate_scalar(session, exp)) for _, exp in items]
            dots.append(".")
        except StataError:
            vals = [float("nan")] * len(items)
            dots.append("x")
        finally:
            out.quiet -= 1
            session.by_mask = old_mask
        for (n, _), v in zip(items, vals):
            results[n].append(v)
    if not opts.get("nodots"):
        session.print()
        session.print("Statsby groups")
        session.print("----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 ")
        for i in range(0, len(dots), 50):
            chunk = "".join(dots[i:i + 50])
            session.print(chunk if len(chunk) < 50 else f"{chunk}{i + 50:>6}")

    new = Dataset()
    frame = keys.reset_index(drop=True).copy()
    for n, _ in items:
        frame[n] = _store_float(np.asarray(results[n], dtype=float), bool(opts.get("double")))
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
        new.types[n] = "double" if opts.get("double") else "float"
        new.formats[n] = "%10.0g" if opts.get("double") else "%9.0g"
        new.var_labels[n] = exp
    new.sortedby = tuple(by_vars)
    if saving:
        _save(new, saving, bool(replace))
    else:
        new.changed = True
        session.data = new
