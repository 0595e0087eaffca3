"""``zscore`` (ssc install zscore; zscore.ado 2.0.1, SRD & JI, 22jul2010): standardized copies of
variables.  A compatible implementation written from the ado-file:

    zscore varlist [aweight fweight iweight] [if] [in] [, stub(string) listwise]

For each variable the new double ``<stub><name>`` (stub ``z_`` by default) is
(x - r(mean)) / r(sd) of ``summarize x [weight] if in`` (weights as summarize: W - 1 in the
sd's denominator for fweights and iweights, W - W/N for aweights), filled in on every
observation of if/in.  ``listwise`` adds the condition that no variable of varlist is
missing.  A name that is taken or invalid stops the command before anything is made
("z_x is not a valid variable name" r(198)); after each variable it says how many
observations of the new one are missing ("z_x created with 3 missing values").
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.community.center import group_moments
from mlmcli.errors import StataError
from mlmcli.sample import mark_sample, mark_weight
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

HELP = {"zscore": "zscore varlist [aweight fweight iweight] [if] [in] [, stub(string) listwise]"}

OPTIONS = [OptionSpec("stub", None, takes_arg=True), OptionSpec("listwise", 1)]


def cmd_zscore(session, cmd) -> None:
    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    variables = ds.expand_varlist(cmd.args)
    kind = None
    if cmd.weight is not None:
        kind = cmd.weight.kind.lower()
        if kind.startswith("p"):
            raise StataError("pweight not allowed", 101)
        kind = "a" if kind == "weight" else kind[0]
    stub = str(opts.get("stub") or "").strip() or "z_"
    for v in variables:  # capture confirm new variable: taken or not a name
        name = stub + v
        if not is_name(name) or len(name) > 32 or name in ds.varnames:
            raise StataError(f"{name} is not a valid variable name", 198)
    for v in variables:
        if ds.is_string(v):
            raise StataError("type mismatch", 109)  # (x - r(mean)) / r(sd) of a string
    rows = mark_sample(session, cmd)  # if/in only: the ado's `if' `in'
    if opts.get("listwise"):
        for v in variables:
            rows = rows & ~np.isnan(ds.numeric(v))
    for v in variables:
        x = ds.numeric(v)
        used, w = mark_weight(session, cmd, rows & ~np.isnan(x))
        mean, sd = group_moments(x[used], None if w is None else w[used], kind or "a")
        if kind == "f" and w is not None and np.any(w[used] != np.round(w[used])):
            raise StataError("may not use noninteger frequency weights", 401)
        z = np.full(ds.nobs, np.nan)
        with np.errstate(all="ignore"):
            z[rows] = (x[rows] - mean) / sd
        z[~np.isfinite(z)] = np.nan
        name = stub + v
        ds.set_variable(name, z, "double")
        miss = int(np.isnan(z).sum())
        session.print(f"{name} created with {miss} missing value{'' if miss == 1 else 's'}")
