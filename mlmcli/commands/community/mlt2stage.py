"""``mlt2stage`` (Katja Moehring and Alexander Schmidt-Catran's ``mlt`` package, ``ssc install
mlt``): the two-step ("two-stage") approach to multilevel data -- one regression per level-2
unit, whose coefficients are kept as variables.  A compatible implementation written from the
package's ado-file (version 1.2, 26jan2013; read, not copied):

    mlt2stage depvar indepvars [if] [aweight fweight iweight], l2id(varname) [logit taboff drop]

For every level of ``l2id`` (those under ``if``) ``regress`` (``logit`` with ``logit``) of
depvar on indepvars is run on that unit's observations (and ``if``); its constant is stored in
the float variable ``cons_<depvar>`` and each slope in ``coef_<depvar>_<indepvar>`` (format
%9.3f, ``char [varname]`` "Constant" or the indepvar's name) on all of the unit's observations.
The table lists the first observation of each unit (``list l2id cons_* coef_*, divider
sep(#) noobs subvarname``); ``taboff`` leaves it out, ``drop`` drops the variables again.  A
string ``l2id`` is encoded into ``mltl2idstr`` for the fits (and dropped at the end).  Errors,
as the ado-file's: a depvar constant in a unit ("y is constant in id=3", r(2000)), a fit that
fails ("Model estimation failed in id=3 due to Stata-error 2001", r(2000)).

Decided here (a reviewer should know): on any error the data are left as they were before the
command (the ado-file would leave the variables it had made so far); r() is left empty (the
ado-file is r-class and returns nothing); e() holds the last unit's fit, as in the ado-file.
As in the ado-file, a weighted ``regress`` that fails stops with its own error.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mlt2stage": "mlt2stage depvar indepvars [if] [aw fw iw], l2id(varname) [logit taboff drop]"}

OPTIONS = [OptionSpec("l2id", None, takes_arg=True), OptionSpec("logit"), OptionSpec("taboff"),
           OptionSpec("drop")]

_WEIGHTS = {"aw": "aweight", "aweight": "aweight", "fw": "fweight", "fweight": "fweight",
            "iw": "iweight", "iweight": "iweight", "weight": "aweight"}
_HELPERS = ("L2ID_mlt", "n_mlt", "mltl2idstr")


def _varlist(ds, text: str) -> list[str]:
    names = ds.expand_varlist(text) if text.strip() else []
    for n in names:
        if ds.is_string(n):
            raise StataError(f"string variables not allowed in varlist;\n{n} is a string variable", 109)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    if len(names) > 101:
        raise StataError("too many variables specified", 103)
    return names


def _weight(cmd) -> tuple[str, str]:
    if cmd.weight is None:
        return "", ""
    kind = _WEIGHTS.get(cmd.weight.kind)
    if kind is None:
        raise StataError(f"{cmd.weight.kind} not allowed", 101)
    return kind, f"[{kind}={cmd.weight.exp}]"


def cmd_mlt2stage(session, cmd) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    if not isinstance(opts.get("l2id"), str) or not opts["l2id"].strip():
        raise StataError("option l2id() required", 198)
    if cmd.in_range is not None:
        raise StataError("in range not allowed", 101)
    ds = session.data
    names = _varlist(ds, cmd.args)
    l2id_name = ds.expand_varlist(opts["l2id"])
    if len(l2id_name) != 1:
        raise StataError("too many variables specified", 103)
    l2id_name = l2id_name[0]
    kind, weight = _weight(cmd)
    in_if = np.asarray(mark(session, cmd.__class__(name=cmd.name, if_exp=cmd.if_exp)), bool) \
        if cmd.if_exp else np.ones(ds.nobs, bool)
    runner = current_runner(session) or Runner(session)
    before = ds.copy()
    try:
        _run(session, runner, names, l2id_name, kind, weight, cmd.if_exp, in_if, opts)
    except BaseException:
        session.data = before
        raise
    finally:
        session.set_r({})


def _run(session, runner, names, l2id_name, kind, weight, if_exp, in_if, opts) -> None:
    from mlmcli.render.numfmt import format_number

    yvar, xvars = names[0], names[1:]
    for helper in _HELPERS:  # the ado-file's capture drop of its helper variables
        if helper in session.data.varnames:
            session.data.drop_variables([helper])
    l2id = l2id_name
    if session.data.is_string(l2id_name):
        runner.execute(f"quietly encode {l2id_name}, generate(mltl2idstr)")
        l2id = "mltl2idstr"
    ds = session.data
    session.print(" ")
    session.print(f"Two-stage values calculated for the dependent variable {yvar} ")
    session.print(f"and the independent variables  {' '.join(xvars)} ")
    if kind:
        session.print(f"and the weight: {kind}")
    session.print(" ")
    session.print(f"Level 2 variable is {l2id_name} ")
    session.print(" ")
    ids = ds.numeric(l2id)
    levels = np.unique(ids[in_if & ~np.isnan(ids)])
    if levels.size == 0:  # decided here: the ado-file would fail later, listing in 1/0
        raise StataError("no observations", 2000)
    texts = [format_number(v, "%18.0g").strip() for v in levels]
    y = ds.numeric(yvar)
    for v, text in zip(levels, texts):  # a depvar that does not vary in a unit
        values = y[(ids == v) & ~np.isnan(y)]
        if values.size > 1 and np.std(values) == 0:
            raise StataError(f"{yvar} is constant in {l2id_name}={text}", 2000)
    coef_vars = [f"coef_{yvar}_{x}" for x in xvars]
    out = {name: np.full(ds.nobs, np.nan) for name in [f"cons_{yvar}", *coef_vars]}
    estimator = "logit" if opts.get("logit") else "regress"
    condition = f" & {if_exp}" if if_exp else ""
    for v, text in zip(levels, texts):
        line = f"{estimator} {yvar} {' '.join(xvars)} {weight} if {l2id}=={text}{condition}"
        if kind and estimator == "regress":  # the ado-file's weighted regress is not captured
            runner.execute("quietly " + line)
        else:
            try:
                runner.execute("quietly " + line)
            except StataError as err:
                raise StataError(f"Model estimation failed in {l2id_name}={text} due to Stata-error "
                                 f"{err.rc}", 2000) from None
        b = session.e.matrices["b"].values[0].astype(float)
        unit = ids == v
        out[f"cons_{yvar}"][unit] = b[len(xvars)]
        for k, name in enumerate(coef_vars):
            out[name][unit] = b[k]
    ds = session.data
    for name, varname in zip([f"cons_{yvar}", *coef_vars], ["Constant", *xvars]):
        if name in ds.varnames:
            ds.drop_variables([name])
        ds.set_variable(name, out[name].astype(np.float32).astype(float), "float")
        runner.execute(f'quietly char {name}[varname] "{varname}"')
        runner.execute(f"quietly format {name} %9.3f")
    if not opts.get("taboff"):
        session.print(" ")
        session.print(f"Coefficients of the {l2id_name}-seperated regressions for  {' '.join(xvars)} on {yvar}:")
        _table(session, runner, l2id, yvar, coef_vars, len(levels))
    if opts.get("drop"):
        session.data.drop_variables([f"cons_{yvar}", *coef_vars])
    for helper in _HELPERS:
        if helper in session.data.varnames:
            session.data.drop_variables([helper])


def _table(session, runner, l2id, yvar, coef_vars, n_units) -> None:
    """The first observation of each unit, in the order of the units."""
    saved = session.data.copy()
    try:
        runner.execute(f"quietly bysort {l2id}: generate n_mlt = _n")
        runner.execute(f"quietly sort n_mlt {l2id}")
        runner.execute(f"list {l2id} cons_{yvar} {' '.join(coef_vars)} in 1/{n_units}, "
                       f"divider sep({n_units}) noobs subvarname")
    finally:
        session.data = saved
