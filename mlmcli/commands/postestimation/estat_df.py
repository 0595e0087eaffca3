"""``estat df`` after ``mixed``: the degrees of freedom of each fixed effect (Stata 14).

    estat df [, method(df_methods) post[(df_method)] eim oim]

Syntax, checks and messages as Stata's ``_mixed_ddf.ado``: without ``method()`` the DFs of
the fit's own ``dfmethod()`` (else "no degrees of freedom found" r(198)); ``method()``
lists one or more of residual, repeated, anova, satterthwaite, kroger (computed by the
engine, ``fit.small_sample``); ``post``/``post()`` stores one method's results in e() as
``dfmethod()`` would have, so ``test, small``, ``lincom, small`` and ``mixed, small`` use
them.  r(df) (rows: e(b)'s columns, one column per method), r(dfmethods), r(V_df) (kroger).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require
from mlmcli.estimation.results import MIXED_COMMANDS
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("method", 4, takes_arg=True), OptionSpec("post", 4, takes_arg=True, arg_optional=True),
         OptionSpec("eim", 3), OptionSpec("oim", 3)]


def estat_df(session, cmd) -> None:
    from mlmcli.commands.estimation.mixed_small import (TITLES, DFMethod, check_model, method_name,
                                                        small_sample)
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.matlist import render_df_table
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import DFTableResult

    e = require(session, MIXED_COMMANDS)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, _OPTS)
    post = opts.get("post")
    if opts.get("eim") and opts.get("oim"):
        raise StataError("only one of eim or oim is allowed", 198)
    if opts.get("method") is None:
        if post is not None:
            raise StataError("options post and post() require option method()", 198)
        if opts.get("eim") or opts.get("oim"):
            raise StataError("option eim or oim requires option method()", 198)
    k_f = int(e.scalars.get("k_f", 0))
    names = tuple(e.matrices["b"].colnames)
    fixed = tuple(n.split(":", 1)[-1] for n in names[:k_f])
    if opts.get("method") is None:
        if not e.macros.get("dfmethod"):
            raise StataError("no degrees of freedom found\n    Degrees of freedom cannot be displayed because "
                             "the previously used mixed command did not specify the dfmethod() option.  Use "
                             "option method() with estat df or option dfmethod() with mixed to compute degrees "
                             "of freedom.", 198)
        df = e.matrices["df"].values.ravel()
        note = ""
        if e.scalars.get("eim") == 0:
            note = (f"Note: The observed information matrix is used to compute {e.macros['dftitle']} "
                    "degrees of freedom.")
        session.print(render_df_table(DFTableResult(fixed, (e.macros["dftitle"],),
                                                    tuple((float(v),) for v in df[:k_f]), note),
                                      linesize=session.linesize))
        r = {"dfmethods": e.macros["dfmethod"], "df": Matrix(df[:, None], names, (e.macros["dfmethod"],))}
        if "V_df" in e.matrices:
            r["V_df"] = e.matrices["V_df"]
        session.set_r(r)
        return
    if k_f == 0:
        raise StataError("model contains no fixed effects; DF computation is not available", 198)
    methods = list(dict.fromkeys(method_name(w) for w in str(opts["method"]).split()))
    info = "oim" if opts.get("oim") else "eim"
    if (opts.get("eim") or opts.get("oim")) and not {"kroger", "satterthwaite"} & set(methods):
        raise StataError(f"option {info} can only be specified when option method() contains kroger or "
                         "satterthwaite", 198)
    posted = None
    if post is True:
        if len(methods) > 1:
            raise StataError("multiple DF methods specified\n    When multiple methods are specified on "
                             "option method(), you must specify which DF method to post in option post().", 198)
        posted = methods[0]
    elif post is not None:
        words = str(post).split()
        if len(words) != 1:
            raise StataError("only one DF method can be specified in option post()", 198)
        posted = method_name(words[0])
        if posted not in methods:
            raise StataError(f"method {posted} in option post() is not one of methods from option method()", 198)
    fit = e.model
    spec = fit.spec
    columns, extras = [], {}
    for m in methods:
        dfm = DFMethod(m, info if m in ("kroger", "satterthwaite") else "eim")
        check_model(dfm, spec, fit.has_weights(), fit.robust)
        with np.errstate(all="ignore"):
            extras[m] = small_sample(fit, dfm, e.result.level)
        columns.append(extras[m][3]["df"].values.ravel())
    DF = np.column_stack(columns)
    note = ""
    if info == "oim":
        which = [TITLES[m] for m in ("kroger", "satterthwaite") if m in methods]
        note = f"Note: The observed information matrix is used to compute {' and '.join(which)} degrees of freedom."
    session.print(render_df_table(DFTableResult(fixed, tuple(TITLES[m] for m in methods),
                                                tuple(tuple(float(x) for x in row) for row in DF[:k_f]), note),
                                  linesize=session.linesize))
    r = {"dfmethods": " ".join(methods), "df": Matrix(DF, names, tuple(methods))}
    if "kroger" in extras:
        r["V_df"] = extras["kroger"][3]["V_df"]
    if posted is not None:
        result, sc, mac, mats, _ = extras[posted]
        scalars = {k: v for k, v in e.scalars.items() if k != "eim"}
        scalars.update(sc)
        macros = {**e.macros, **mac}
        matrices = {k: v for k, v in e.matrices.items() if k != "V_df"}
        matrices.update(mats)
        session.e = dataclasses.replace(e, scalars=scalars, macros=macros, matrices=matrices,
                                        result=dataclasses.replace(e.result, small=result))
        stored = e.macros.get("_estimates_name")
        if stored and stored in session.estimates:
            session.estimates[stored] = session.e
    session.set_r(r)
