"""``sdtest``/``sdtesti`` (variance-comparison tests) and ``robvar`` (Levene's robust test);
numbers in ``mlmcli.classic_tests.variances``.

    sdtest varname == # [if] [in] [, level(#)]
    sdtest varname1 == varname2 [if] [in] [, level(#)]
    sdtest varname [if] [in], by(groupvar) [level(#)]
    sdtesti #obs {#mean | .} #sd #val [, xname(string) level(#)]
    sdtesti #obs1 {#mean1 | .} #sd1 #obs2 {#mean2 | .} #sd2 [, xname() yname() level(#)]
    robvar varname [if] [in], by(groupvar)

r() as sdtesti.ado and robvar.ado leave them; errors as _ttest.ado's checks raise them.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.commands.statistics.sample_groups import (first_column, group_values, immediate_words,
                                                         numeric_variable)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

SDTEST_OPTIONS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True)]
SDTESTI_OPTIONS = [OptionSpec("xname", 1, takes_arg=True), OptionSpec("yname", 1, takes_arg=True),
                   OptionSpec("level", 1, takes_arg=True)]


def _moments(v: np.ndarray) -> tuple[int, float, float]:
    v = v[~np.isnan(v)]
    with np.errstate(over="ignore", invalid="ignore"):  # sums past the largest double: inf, shown missing
        return (int(v.size), float(v.mean()) if v.size else float("nan"),
                float(v.std(ddof=1)) if v.size > 1 else float("nan"))


def cmd_sdtest(session, cmd) -> None:
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, SDTEST_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    m = re.fullmatch(r"\s*([^=\s]+)\s*==?\s*(.+?)\s*", cmd.args or "")
    if m:
        if opts.get("by"):
            raise StataError("may not combine = and by()", 198)
        x = numeric_variable(ds, m.group(1))
        rows = mark(session, cmd, [])
        try:
            sd0 = float(m.group(2))
        except ValueError:
            sd0 = None
        if sd0 is not None:
            n, mean, sd = _moments(ds.numeric(x)[rows])
            return _one_sample(session, (n, mean, sd if n > 1 else 0.0, sd0), x, level)
        y = numeric_variable(ds, m.group(2))
        return _two_sample(session, _moments(ds.numeric(x)[rows]) + _moments(ds.numeric(y)[rows]), x, y, level)
    if not opts.get("by"):
        raise StataError("by() option required", 100)
    x = numeric_variable(ds, cmd.args)
    by = single_variable(ds, str(opts["by"]))
    rows = mark(session, cmd, [x, by], strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    g, levels, labels = group_values(ds, by, rows)
    if len(levels) == 1:
        raise StataError("1 group found, 2 required", 420)
    if len(levels) > 2:
        raise StataError("more than 2 groups found, only 2 allowed", 420)
    v = ds.numeric(x)[rows]
    _two_sample(session, _moments(v[g == levels[0]]) + _moments(v[g == levels[1]]),
                labels[0][:8], labels[1][:8], level)


def _one_sample(session, numbers, name: str, level: float) -> None:
    from mlmcli.classic_tests.variances import chi2_test, sample_row
    from mlmcli.render.variance_tests import render_sdtest
    from mlmcli.results.classic_tests import VarianceTest

    n, mean, sd, sd0 = numbers
    _check(session, "one", n, sd)
    if sd0 < 0:
        raise StataError("hypothesized standard deviation is negative", 411)
    tails, df = chi2_test(int(n), sd, sd0)
    row = sample_row(name or "x", int(n), mean, sd, level)
    session.print(render_sdtest(VarianceTest((row,), None, tails, (df,), level, sd0,
                                             first_column(session.data, name))))
    session.set_r({"N": float(n), "df": df, "chi2": tails.statistic, "sd": row.sd, "p_u": tails.p_u,
                   "p_l": tails.p_l, "p": tails.p})


def _two_sample(session, numbers, xname: str, yname: str, level: float) -> None:
    from mlmcli.classic_tests.variances import combined_sd, ratio_test, sample_row
    from mlmcli.render.variance_tests import render_sdtest
    from mlmcli.results.classic_tests import VarianceTest

    n1, m1, s1, n2, m2, s2 = numbers
    s1 = s1 if n1 > 1 else 0.0
    s2 = s2 if n2 > 1 else 0.0
    _check(session, "first", n1, s1)
    _check(session, "second", n2, s2)
    tails = ratio_test(int(n1), s1, int(n2), s2)
    a = sample_row(xname or "x", int(n1), m1, s1, level)
    b = sample_row(yname or "y", int(n2), m2, s2, level)
    m, s = combined_sd(int(n1), m1, a.sd, int(n2), m2, b.sd)
    combined = sample_row("combined", int(n1 + n2), m, s, level)
    df = (float(n1 - 1), float(n2 - 1))
    session.print(render_sdtest(VarianceTest((a, b), combined, tails, df, level,
                                             first_column=first_column(session.data, xname))))
    session.set_r({"N": float(n1 + n2), "df_1": df[0], "df_2": df[1], "F": tails.statistic, "sd_1": a.sd,
                   "sd_2": b.sd, "p_u": tails.p_u, "p_l": tails.p_l, "p": tails.p, "sd": s})


def _check(session, which: str, n: float, sd: float) -> None:
    """_ttest.ado's _check for sdtest: the number of observations and the sd."""
    one = which == "one"
    if np.isnan(n):
        raise StataError("number of observations is missing" if one else
                         f"number of observations of {which} sample is missing", 416)
    if n != int(n):
        raise StataError(f"'{n:g}' found where integer expected", 7)
    if n < 0:
        raise StataError("number of observations is negative" if one else
                         f"number of observations of {which} sample is negative", 411)
    if n == 0:
        raise StataError("no observations" if one else f"{which} sample has no observations", 2000)
    if np.isnan(sd):
        if n != 1:
            raise StataError("standard deviation is missing" if one else
                             f"standard deviation of {which} sample is missing", 416)
        return
    if sd < 0:
        raise StataError("standard deviation is negative" if one else
                         f"{which} sample has a negative standard deviation", 411)
    if n == 1 and sd != 0:
        raise StataError("only one observation, but positive standard deviation" if one else
                         f"{which} sample has only one observation, but positive standard deviation", 499)


def _immediate_number(text: str) -> float:
    if text == ".":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        raise StataError(f"'{text}' found where number expected", 7) from None


def cmd_sdtesti(session, cmd) -> None:
    opts = resolve_options(cmd.options, SDTESTI_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    words = immediate_words(cmd, (4, 6), " either four arguments for a one-sample test or six arguments for"
                                         " a two-sample test must be specified")
    nums = [_immediate_number(w) for w in words]
    xname = str(opts.get("xname") or "").strip().strip('"')
    if len(nums) == 4:
        if np.isnan(nums[3]):
            _check(session, "one", nums[0], nums[2])
            raise StataError("hypothesized value is missing", 416)
        return _one_sample(session, nums, xname, level)
    yname = str(opts.get("yname") or "").strip().strip('"')
    _two_sample(session, nums, xname, yname, level)


def cmd_robvar(session, cmd) -> None:
    from mlmcli.classic_tests.variances import levene
    from mlmcli.render.variance_tests import render_robvar
    from mlmcli.results.anova import OnewaySummaryRow
    from mlmcli.results.classic_tests import LeveneTest

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True)])
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    x = numeric_variable(ds, cmd.args)
    by = single_variable(ds, str(opts["by"]))
    rows = mark(session, cmd, [x, by], strok=True)
    if ds.is_string(by):
        rows &= ds.df[by].to_numpy(dtype=object) != ""
    if not rows.any():
        raise StataError("no observations", 2000)
    g, levels, labels = group_values(ds, by, rows, None)
    codes = np.searchsorted(np.array(levels), g) if not ds.is_string(by) else \
        np.array([levels.index(v) for v in g], dtype=int)
    v = ds.numeric(x)[rows]
    k = len(levels)
    w, p = zip(*(levene(v, codes, k, centre) for centre in ("mean", "median", "trimmed")))

    def summary(label: str, part: np.ndarray) -> OnewaySummaryRow:
        return OnewaySummaryRow(label, float(part.mean()), float(part.std(ddof=1)) if part.size > 1 else np.nan,
                                int(part.size))

    groups = tuple(summary(lab, v[codes == j]) for j, lab in enumerate(labels))
    test = LeveneTest(ds.var_labels.get(x) or x, ds.var_labels.get(by) or by, groups, summary("Total", v),
                      tuple(w), tuple(p), (k - 1, int(v.size) - k))
    session.print(render_robvar(test))
    session.set_r({"df_2": float(v.size - k), "df_1": float(k - 1), "p_w0": p[0], "w0": w[0], "p_w50": p[1],
                   "w50": w[1], "p_w10": p[2], "w10": w[2], "N": float(v.size)})
