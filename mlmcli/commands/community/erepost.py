"""``erepost`` (Ben Jann, ``ssc install erepost``): repost e(b), e(V) or e(sample) of the
current estimation results.  A compatible implementation written from the package's ado-file
(version 1.0.2, 15jun2015):

    erepost [b = matname] [V = matname] [, cmd(string) rename noesample esample(varname)
            obs(#) dof(#) properties(string) depname(string) buildfvinfo findomitted]

As the ado-file, the command backs up e()'s macros (not ``_estimates_name``; not
``properties`` when properties() is given), scalars (not ``N`` with obs(), not ``df_r`` with
dof()) and matrices other than b and V, posts b and V with ``ereturn post`` (so b must be
1 x k and V k x k with b's names: r(503), r(507), r(505)) and restores the backup; ``cmd()``
then sets e(cmd).  b or V not given are the current e(b) and e(V).  ``rename`` gives V the
names of b.  e(sample) stays, is taken from esample(varname) (the variable is dropped, as
ereturn post does) or is removed by noesample.  Unlike ``ereturn repost`` it works outside
eclass programs and b and V may change size or names.

Commands that read e(b) and e(V) (esttab, estimates table, test, lincom, nlcom, coefplot)
use the new matrices.  mlm's margins and replay work from the fit, which no longer describes a
reposted e(b): after a new b or V they are refused (r(321), r(301)), where Stata's would use the
new e(b).  predict's xb and stdp follow the new e(b) and e(V); its other statistics are refused
(r(199); commands/postestimation/predict_reposted.py).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.commands.postestimation.predict_reposted import default_statistic
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"erepost": "erepost [b = b] [V = V] [, cmd(string) rename noesample esample(varname) obs(#) dof(#) "
                   "properties(string)] : repost the estimation results (community command)"}

OPTIONS = [OptionSpec("cmd", 3, takes_arg=True), OptionSpec("noesample", 3), OptionSpec("esample", 1, takes_arg=True),
           OptionSpec("rename", 3), OptionSpec("obs", 1, takes_arg=True), OptionSpec("dof", 1, takes_arg=True),
           OptionSpec("properties", 4, takes_arg=True), OptionSpec("depname", 3, takes_arg=True),
           OptionSpec("buildfvinfo", 8), OptionSpec("findomitted", 11)]


def parse_targets(text: str) -> dict[str, str]:
    """``b = name``, ``V = name`` or both in that order (the ado-file's tokenize on " =")."""
    tokens = re.findall(r"=|[^\s=]+", text)
    if not tokens:
        return {}
    if len(tokens) > 6:
        raise invalid_syntax()
    out: dict[str, str] = {}
    pos = 0
    for key in ("b", "V"):
        if pos < len(tokens) and tokens[pos] == key:
            if len(tokens) < pos + 3 or tokens[pos + 1] != "=" or tokens[pos + 2] == "=":
                raise invalid_syntax()
            out[key] = tokens[pos + 2]
            pos += 3
    if pos != len(tokens):
        raise invalid_syntax()
    return out


def cmd_erepost(session, cmd) -> None:
    from mlmcli.commands.program.returns import check_posted_bV, find_omitted, scalar_value
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OPTIONS)
    if opts.get("noesample") and opts.get("esample") is not None:
        raise StataError("only one allowed of noesample and esample()", 198)
    targets = parse_targets(body.strip())
    for name in targets.values():
        if name not in session.matrices:
            raise StataError(f"matrix {name} not found", 111)
    e = session.e if session.e is not None else EstimationResults(cmd="")
    b = session.matrices[targets["b"]] if "b" in targets else e.matrices.get("b")
    V = session.matrices[targets["V"]] if "V" in targets else e.matrices.get("V")
    if b is None and V is not None:
        raise StataError("matrix b not found", 111)  # ereturn post V without b
    if b is not None and V is not None and opts.get("rename"):
        if np.shape(np.atleast_2d(V.values))[1] != np.shape(np.atleast_2d(b.values))[1]:
            raise StataError("conformability error", 503)  # the ado-file's b \ V
        V = Matrix(V.values, b.colnames, b.colnames)
    matrices = {k: v for k, v in e.matrices.items() if k not in ("b", "V")}
    if b is not None:
        check_posted_bV(b, V)
        if opts.get("findomitted"):
            b, V = find_omitted(b, V)
        cols = tuple(b.colnames)
        rows = e.matrices["b"].rownames if "b" in e.matrices else ("y1",)
        matrices["b"] = Matrix(np.atleast_2d(np.asarray(b.values, float)), rows, cols)
        if V is not None:
            matrices["V"] = Matrix(np.asarray(V.values, float), cols, cols)
    macros = {k: v for k, v in e.macros.items() if k != "_estimates_name"}
    props = opts.get("properties")
    if isinstance(props, str):
        macros["properties"] = props.strip().strip('"')
    elif "properties" not in macros and b is not None:
        macros["properties"] = "b V" if V is not None else "b"  # ereturn post's own
    if isinstance(opts.get("cmd"), str):
        macros["cmd"] = opts["cmd"].strip().strip('"')
    scalars = dict(e.scalars)
    for key, opt in (("N", "obs"), ("df_r", "dof")):
        if opts.get(opt):
            scalars[key] = scalar_value(session, "=" + opts[opt])
    for name in targets.values():
        session.matrices.pop(name, None)  # ereturn post moves the matrices into e()
    new = dataclasses.replace(e, cmd=macros.get("cmd", e.cmd), matrices=matrices, macros=macros, scalars=scalars)
    if targets:  # new b or V: the fit and its printed result no longer describe them (Stata's
        new = dataclasses.replace(new, model=None, result=None, reposted=True,  # predict reads e(b))
                                  reposted_default=default_statistic(e))
    if opts.get("noesample"):  # noesample: e(sample) removed
        new = dataclasses.replace(new, sample=None, sample_stamp=None, lazy_sample=None)
    elif isinstance(opts.get("esample"), str):
        var = session.data.resolve(opts["esample"].strip())
        sample = session.data.numeric(var) != 0
        session.data.drop_variables([var])  # ereturn post's esample() takes the variable over
        new = dataclasses.replace(new, sample=sample, sample_stamp=None, lazy_sample=None)
        new.stamp_sample(session.data)
    session.e = new
