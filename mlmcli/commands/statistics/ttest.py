"""``ttest`` and ``ttesti``: t tests of means.

    ttest varname == #  [if] [in] [, level(#)]                         one-sample
    ttest varname1 == varname2 [if] [in] [, level(#)]                  paired
    ttest varname1 == varname2 [if] [in], unpaired [unequal welch level(#)]
    ttest varname [if] [in], by(groupvar) [unequal welch reverse level(#)]
    ttesti #obs #mean #sd #val [, level(#)]
    ttesti #obs1 #mean1 #sd1 #obs2 #mean2 #sd2 [, unequal welch level(#)]

Numbers from ``mlmcli.mean_tests``; r(N_1), r(mu_1), r(N_2), r(mu_2), r(df_t), r(t),
r(p), r(p_l), r(p_u), r(se), r(sd_1), r(sd_2), r(sd), r(level) as Stata leaves them.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

TTEST_OPTIONS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("unpaired", 3), OptionSpec("unequal", 3),
                 OptionSpec("welch", 1), OptionSpec("level", 1, takes_arg=True), OptionSpec("reverse", 3)]
TTESTI_OPTIONS = [OptionSpec("unequal", 3), OptionSpec("welch", 1), OptionSpec("level", 1, takes_arg=True),
                  OptionSpec("xname", 1, takes_arg=True), OptionSpec("yname", 1, takes_arg=True)]


def _variances(opts) -> str:
    return "welch" if opts.get("welch") else ("unequal" if opts.get("unequal") else "equal")


def _report(session, result, level: float, first: str = "Variable") -> None:
    from mlmcli.mean_tests import table
    from mlmcli.render.mean_tests import render_ttest

    session.print(render_ttest(table(result, level), first))
    r = {"N_1": result.rows[0].n, "mu_1": result.rows[0].mean, "df_t": result.df, "t": result.t, "p": result.p,
         "p_l": result.p_l, "p_u": result.p_u, "se": result.se, "sd_1": result.rows[0].sd, "level": level}
    if len(result.rows) == 2:
        r.update(N_2=result.rows[1].n, mu_2=result.rows[1].mean, sd_2=result.rows[1].sd)
    if result.combined is not None:
        r["sd"] = result.combined.sd
    session.set_r({k: float(v) for k, v in r.items()})


def _numeric(ds, name: str) -> str:
    full = ds.resolve(name)
    if ds.is_string(full):
        raise StataError("type mismatch", 109)
    return full


def cmd_ttest(session, cmd) -> None:
    from mlmcli.mean_tests import one_sample, paired, sample, two_sample

    ds = session.data
    opts = resolve_options(cmd.options, TTEST_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    text = cmd.args.strip()
    m = re.fullmatch(r"(\S+)\s*==?\s*(\S+)", text)
    if m:
        if opts.get("by"):
            raise StataError("may not combine = and option by()", 198)
        if opts.get("reverse"):
            raise StataError("may not combine = and option reverse", 198)
        x = _numeric(ds, m.group(1))
        rhs = m.group(2)
        rows = mark(session, cmd, [])
        if opts.get("unpaired"):
            y = _numeric(ds, rhs)
            a = sample(x, ds.numeric(x)[rows & ~np.isnan(ds.numeric(x))])
            b = sample(y, ds.numeric(y)[rows & ~np.isnan(ds.numeric(y))])
            _check_two(a, b)
            return _report(session, two_sample(a, b, _variances(opts)), level)
        if opts.get("unequal"):
            raise StataError("unequal option invalid for one-sample or paired tests", 198)
        if opts.get("welch"):
            raise StataError("welch option invalid for one-sample or paired tests", 198)
        try:
            mu0 = float(rhs)
        except ValueError:
            mu0 = None
        if mu0 is not None:
            v = ds.numeric(x)[rows]
            v = v[~np.isnan(v)]
            if v.size == 0:
                raise StataError("no observations", 2000)
            return _report(session, one_sample(sample(x, v), mu0), level)
        y = _numeric(ds, rhs)
        vx, vy = ds.numeric(x)[rows], ds.numeric(y)[rows]
        ok = ~np.isnan(vx) & ~np.isnan(vy)
        if not ok.any():
            raise StataError("no observations", 2000)
        return _report(session, paired(sample(x, vx[ok]), sample(y, vy[ok]), sample("diff", vx[ok] - vy[ok])), level)
    if not opts.get("by"):
        raise StataError("by() option required", 100)
    x = _numeric(ds, single_variable(ds, text))
    by = ds.resolve(str(opts["by"]).strip())
    rows = mark(session, cmd, [x, by], strok=True)
    a, b = _by_groups(ds, x, by, rows, bool(opts.get("reverse")))
    _check_two(a, b)
    _report(session, two_sample(a, b, _variances(opts)), level, first="   Group")


def _by_groups(ds, x: str, by: str, rows, reverse: bool):
    from mlmcli.mean_tests import sample

    if not rows.any():
        raise StataError("no observations", 2000)
    if ds.is_string(by):
        g = ds.df[by].to_numpy(dtype=object)[rows].astype(str)
        values = sorted(set(g.tolist()))
    else:
        g = ds.numeric(by)[rows]
        values = sorted(set(g.tolist()))
    if len(values) == 1:
        raise StataError("1 group found, 2 required", 420)
    if len(values) > 2:
        raise StataError("more than 2 groups found, only 2 allowed", 420)
    if reverse:
        values = values[::-1]
    v = ds.numeric(x)[rows]
    out = []
    for val in values:
        if ds.is_string(by):
            label = str(val)[:8]
        else:
            label = (ds.value_label_text(by, val) or _value(val))[:8]
        out.append(sample(label, v[g == val]))
    return out


def _value(v: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(v, "%10.0g").strip()


def _check_two(a, b) -> None:
    for s, which in ((a, "first"), (b, "second")):
        if s.n == 0:
            raise StataError(f"{which} sample has no observations", 2000)


def cmd_ttesti(session, cmd) -> None:
    from mlmcli.mean_tests import Sample, one_sample, two_sample

    opts = resolve_options(cmd.options, TTESTI_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    words = cmd.args.replace(",", " ").split()
    try:
        nums = [float(w) for w in words]
    except ValueError:
        raise StataError("invalid syntax", 198) from None
    if len(nums) not in (4, 6):
        raise StataError(" either four arguments for a one-sample test or six arguments for a two-sample test "
                         "must be specified", 198)
    first = "   Group" if opts.get("xname") else ""
    xname = str(opts.get("xname") or "x").strip('"')
    yname = str(opts.get("yname") or "y").strip('"')
    groups = [nums[:3]] + ([nums[3:]] if len(nums) == 6 else [])
    samples = []
    for k, (n, m, s) in enumerate(groups):
        which = "one" if len(nums) == 4 else ("first" if k == 0 else "second")
        _check_numbers(which, n, s)
        count = int(n) if n < 2 ** 53 else n  # past 2^53 a double's whole number (int(1e300) is a bignum numpy refuses)
        samples.append(Sample(xname if k == 0 else yname, count, m, s if n > 1 else float("nan")))
    if len(nums) == 4:
        if opts.get("unequal") or opts.get("welch"):
            raise StataError("unequal option invalid for one-sample or paired tests", 198)
        return _report(session, one_sample(samples[0], nums[3]), level, first)
    _report(session, two_sample(samples[0], samples[1], _variances(opts)), level, first)


def _check_numbers(which: str, n: float, s: float) -> None:
    prefix = "" if which == "one" else f"{which} sample "
    if n != int(n):
        raise StataError(f"'{n:g}' found where integer expected", 7)
    if n < 0:
        raise StataError(("number of observations is negative" if which == "one" else
                          f"number of observations of {which} sample is negative"), 411)
    if n == 0:
        raise StataError("no observations" if which == "one" else f"{which} sample has no observations", 2000)
    if s < 0:
        raise StataError("standard deviation is negative" if which == "one" else
                         f"{which} sample has a negative standard deviation", 411)
    if n == 1 and s != 0:
        raise StataError(("only one observation, but positive standard deviation" if which == "one" else
                          f"{prefix}has only one observation, but positive standard deviation"), 499)
