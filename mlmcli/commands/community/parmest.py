"""``parmest`` (Roger Newson, ``ssc install parmest``): the active estimation results as a
dataset with one observation per parameter,

    parmest , list(...) saving(file [, replace]) norestore fast
              [level(numlist) eform dof(#) label idnum(#) idstr(str) rename(old new ...)
               format(varlist %fmt ...) float]

following parmest.ado 10 June 2008 (with parmcip): variables ``eq`` (dropped when every
equation name is ``_``), ``parm``, ``estimate``, ``stderr`` (sqrt of e(V)'s diagonal),
``dof`` when the results have e(df_r) (or ``dof(#)`` > 0; ``dof(0)``: normal limits), then
``z`` (or ``t`` with dof), ``p`` and per level ``min##`` ``max##``; ``eform`` exponentiates the
estimate and the limits and multiplies the standard error by exp(estimate).  At least one of
list(), saving(), norestore and fast is required (r(498) otherwise, with parmest's message);
without norestore/fast the data in memory are restored afterwards.  Returns r(nparm),
r(dof), r(level) and r(eform).  ``erows(namelist)`` adds, for the k-th e() matrix, variables
``er_k_j`` holding its column j with row i in observation i (missing beyond its rows; the
naming is parmest's, the row-to-observation layout as the do-files that use it read it, not
checked against parmest.ado's text).  The resultsset options emac() escal() evec() ecols(),
stars(), clnumber(), flist(), ylabel and parmest's later bmat()/vmat() are refused (option not
allowed, r(198)).  As in parmest.ado, a format() that ``format`` refuses is skipped (``cap format``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from mlmcli import distributions as stats  # scipy.stats.t/norm to the last bit, without its ~1 s import

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options
from mlmcli.syntax.settings import setting_value
from mlmcli.text_bytes import string_storage_type

HELP = {"parmest": "parmest , list(...) saving(file[, replace]) norestore fast [level() eform dof(#) label "
                   "idnum(#) idstr(str) rename() format() float]"}

OPTIONS = [OptionSpec("list", 2, takes_arg=True), OptionSpec("saving", 2, takes_arg=True),
           OptionSpec("norestore", 4), OptionSpec("fast", 4), OptionSpec("eform", 2),
           OptionSpec("dof", 1, takes_arg=True), OptionSpec("level", 2, takes_arg=True),
           OptionSpec("label", 1), OptionSpec("idnum", 3, takes_arg=True), OptionSpec("idstr", 3, takes_arg=True),
           OptionSpec("rename", 3, takes_arg=True), OptionSpec("format", 2, takes_arg=True),
           OptionSpec("float", 5), OptionSpec("nodouble", 4), OptionSpec("erows", 3, takes_arg=True)]

NEED_DESTINATION = ("You must specify at least one of the four options:\nlist(), saving(), norestore, and fast.\n"
                    "If you specify list(), then the output variables specified are listed.\n"
                    "If you specify saving(), then the new data set is output to a disk file.\n"
                    "If you specify norestore and/or fast, then the new data set is created in the memory,\n"
                    "and any existing data set in the memory is destroyed.\n"
                    "For more details, see on-line help for parmby and parmest.")


def cmd_parmest(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    if cmd.args.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, OPTIONS)
    keep = "norestore" in opts or "fast" in opts
    if not any(k in opts for k in ("list", "saving")) and not keep:
        raise StataError(NEED_DESTINATION, 498)
    e = active(session)
    if e.cmd in ("exlogistic", "expoisson"):
        raise StataError("parmest and parmby cannot work after exlogistic or expoisson", 498)
    # as the ado reads e(b): Stata 15's equation "/" after a fit under version 15
    b, V = (e.stata_matrix("b"), e.stata_matrix("V")) if hasattr(e, "stata_matrix") else \
        (e.matrices.get("b"), e.matrices.get("V"))
    if b is None or V is None:
        raise StataError("last estimates not found", 301)
    levels = _levels(opts.get("level"), session)
    dof_opt = real_option(opts, "dof", -1.0)
    if dof_opt > 0:
        dof = dof_opt
    elif dof_opt == 0:
        dof = None
    else:
        df_r = e.scalars.get("df_r")
        dof = float(df_r) if df_r is not None and np.isfinite(df_r) else None
    out = _resultsset(session, e, b, V, dof, levels, "eform" in opts, "label" in opts, opts)
    runner = current_runner(session) or Runner(session)
    original = session.data
    session.data = out
    try:
        if opts.get("rename"):
            _rename(session, str(opts["rename"]).split())
        if opts.get("format"):
            _format(runner, str(opts["format"]))
        if opts.get("list"):
            runner.execute(f"list {opts['list']}")
        if opts.get("saving"):
            runner.execute(f"save {opts['saving']}")
    except BaseException:
        session.data = original
        raise
    if not keep:
        session.data = original
    else:
        out.changed = True
    session.set_r({"nparm": float(len(out.df)), "dof": float(dof) if dof is not None else dof_opt,
                   "level": " ".join(_fmt_level(x) for x in levels), "eform": "eform" if "eform" in opts else ""})


def _levels(text, session) -> list[float]:
    if not text:
        return [setting_value(session, "level")]
    from mlmcli.syntax.numlist import numlist
    values = sorted(float(v) for v in numlist(str(text)))
    if any(v < 0 or v >= 100 for v in values):
        raise StataError("numlist has elements outside of allowed range", 125)
    return values


def _fmt_level(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


def _resultsset(session, e, b, V, dof, levels, eform, label, opts) -> Dataset:
    names = list(b.colnames)
    est = np.asarray(b.values, float).reshape(-1)
    se = np.sqrt(np.diag(np.asarray(V.values, float)))
    eqs = [n.split(":", 1)[0] if ":" in n else "_" for n in names]
    parms = [n.split(":", 1)[1] if ":" in n else n for n in names]
    cols: dict[str, object] = {}
    types: dict[str, str] = {}
    labels: dict[str, str] = {}
    if opts.get("idnum") is not None:
        cols["idnum"], types["idnum"], labels["idnum"] = [real_option(opts, "idnum", None)] * len(est), "double", "Numeric ID"
    if opts.get("idstr") is not None:
        text = str(opts["idstr"]).strip().strip('"')
        cols["idstr"], types["idstr"], labels["idstr"] = [text] * len(est), string_storage_type([text]), "String ID"
    if any(q != "_" for q in eqs):
        cols["eq"], types["eq"], labels["eq"] = eqs, string_storage_type(eqs), "Equation name"
    cols["parm"], types["parm"], labels["parm"] = parms, string_storage_type(parms), "Parameter name"
    if label:
        texts = [_parm_label(session, p) for p in parms]
        cols["label"], types["label"] = texts, string_storage_type(texts)
        labels["label"] = "Parameter label"
    stat = est / se
    cols["estimate"], labels["estimate"] = est, "Parameter estimate"
    cols["stderr"], labels["stderr"] = se, "SE of parameter estimate"
    if dof is not None:
        cols["dof"], labels["dof"] = np.full(len(est), dof), "Degrees of freedom"
        cols["t"], labels["t"] = stat, "t-test statistic"
        p = 2 * stats.t.sf(np.abs(stat), dof)
    else:
        cols["z"], labels["z"] = stat, "z-test statistic"
        p = 2 * stats.norm.sf(np.abs(stat))
    cols["p"], labels["p"] = p, "P-value"
    for lev in levels:
        crit = stats.t.ppf(0.5 + lev / 200, dof) if dof is not None else stats.norm.ppf(0.5 + lev / 200)
        tag = _fmt_level(lev).replace(".", "_")
        lo, hi = est - crit * se, est + crit * se
        if eform:
            lo, hi = np.exp(lo), np.exp(hi)
        cols[f"min{tag}"], labels[f"min{tag}"] = lo, f"Lower {_fmt_level(lev)}% confidence limit"
        cols[f"max{tag}"], labels[f"max{tag}"] = hi, f"Upper {_fmt_level(lev)}% confidence limit"
    if eform:
        cols["estimate"] = np.exp(est)
        cols["stderr"] = se * np.exp(est)
    numeric_type = "float" if ("float" in opts or "nodouble" in opts) else "double"
    _matrix_rows(e, opts.get("erows"), len(est), cols, labels)
    for name, values in cols.items():
        if name not in types:
            types[name] = "byte" if name == "dof" and float(dof).is_integer() and dof < 101 else numeric_type
    frame = pd.DataFrame({k: (pd.Series(v, dtype=object) if types[k].startswith("str") else
                              pd.Series(np.asarray(v, float))) for k, v in cols.items()})
    if "dof" in cols and not types["dof"] == "byte":
        types["dof"] = "int" if float(dof).is_integer() and dof < 32741 else numeric_type
    return Dataset(df=frame, var_labels=labels, types=types)


def _matrix_rows(e, names, nparm: int, cols: dict, labels: dict) -> None:
    """erows(namelist): for the k-th e() matrix, variable er_k_j holds its column j, row i in
    observation i (missing past its last row; rows past the last parameter are not kept)."""
    for k, name in enumerate(str(names or "").split(), start=1):
        mat = e.matrices.get(name)
        if mat is None:
            raise StataError(f"matrix e({name}) not found", 111)
        values = np.asarray(mat.values, float)
        for j in range(values.shape[1]):
            column = np.full(nparm, np.nan)
            rows = min(nparm, values.shape[0])
            column[:rows] = values[:rows, j]
            cols[f"er_{k}_{j + 1}"] = column
            labels[f"er_{k}_{j + 1}"] = f"e({name})[row,{j + 1}]"


def _parm_label(session, parm: str) -> str:
    if parm == "_cons":
        return "Constant"
    ds = session.data
    return ds.var_labels.get(parm, "") if parm in ds.varnames else ""


def _rename(session, words: list[str]) -> None:
    ds = session.data
    if len(words) % 2:
        session.print("Warning: odd number of variable names in rename list - last one ignored")
        words = words[:-1]
    for old, new in zip(words[0::2], words[1::2]):
        if old not in ds.varnames or new in ds.varnames:
            session.print(f"Warning: it is not possible to rename {old} to {new}")
            continue
        ds.rename_variable(old, new)


def _format(runner, text: str) -> None:
    """format(varlist1 %fmt1 ...): parmest's loop, one format command per varlist."""
    pending: list[str] = []
    for word in text.split():
        if word.startswith("%"):
            if pending:
                runner.execute(f"capture format {' '.join(pending)} {word}")
            pending = []
        else:
            pending.append(word)
