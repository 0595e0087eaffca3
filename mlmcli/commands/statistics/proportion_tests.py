"""``prtest``/``prtesti`` (large-sample tests of proportions), ``bitest``/``bitesti`` (exact
binomial test) and ``signtest``; numbers in ``mlmcli.classic_tests.proportions``.

    prtest varname == #p [if] [in] [, level(#)]
    prtest varname1 == varname2 [if] [in] [, level(#)]
    prtest varname [if] [in], by(groupvar) [level(#)]
    prtesti #obs1 #p1 #p2 [, level(#) count]        prtesti #obs1 #p1 #obs2 #p2 [, level(#) count]
    bitest varname == #p [if] [in] [fweight] [, detail]
    bitesti #N #succ #p [, detail]
    signtest varname = exp [if] [in]

r() as prtest.ado/prtesti.ado, bitesti.ado and signtest.ado leave them (the Stata 13 names --
prtest's N_1 P_1 N_2 P_2, signtest's p_pos p_neg p_2 -- beside the later ones).  Stata 13's
prtest has no cluster()/rho() options: they are refused as unknown options.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.commands.statistics.sample_groups import (first_column, group_values, immediate_words,
                                                         numeric_variable)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_EQUALS = re.compile(r"\s*([^=\s]+)\s*==?\s*(.+?)\s*")


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _zero_one(values: np.ndarray, name: str) -> None:
    v = values[~np.isnan(values)]
    if not np.all((v == 0) | (v == 1)):
        raise StataError(f"{name} is not a 0/1 variable", 450)


def _report_prtest(session, test) -> None:
    from mlmcli.render.proportion_tests import render_prtest

    session.print(render_prtest(test))
    z = test.z
    r = {"level": test.level, "p_u": z.p_u, "p": z.p, "p_l": z.p_l, "z": z.statistic}
    if test.diff is None:
        row = test.rows[0]
        r.update(lb=row.lb, ub=row.ub, se=row.se, P=row.p, N=row.n, N_1=row.n, P_1=row.p)
    else:
        a, b = test.rows
        r.update(ub_diff=test.diff.ub, lb_diff=test.diff.lb, ub2=b.ub, lb2=b.lb, ub1=a.ub, lb1=a.lb,
                 se_diff=test.diff.se, se_diff0=test.se_null, se2=b.se, se1=a.se, P_diff=test.diff.p,
                 P2=b.p, P1=a.p, N2=b.n, N1=a.n, P_2=b.p, P_1=a.p, N_2=b.n, N_1=a.n)
    session.set_r({k: float(v) for k, v in r.items()})


def cmd_prtest(session, cmd) -> None:
    from mlmcli.classic_tests.proportions import one_sample

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True)])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    m = _EQUALS.fullmatch(cmd.args or "")
    if m:
        if opts.get("by"):
            raise StataError("may not combine == and option by()", 198)
        x = numeric_variable(ds, m.group(1))
        rows = mark(session, cmd, [])
        p0 = _number(m.group(2))
        if p0 is not None:
            v = ds.numeric(x)[rows]
            v = v[~np.isnan(v)]
            _zero_one(v, x)
            if not 0 < p0 < 1:
                raise StataError(f"{m.group(2)} is not in (0,1)", 450)
            if v.size <= 1:
                raise StataError("insufficient observations", 2001)
            return _report_prtest(session, one_sample(x, int(v.size), float(v.mean()), p0, level, "Variable"))
        y = numeric_variable(ds, m.group(2))
        vx, vy = ds.numeric(x)[rows], ds.numeric(y)[rows]
        _zero_one(vx, x)
        _zero_one(vy, y)
        vx, vy = vx[~np.isnan(vx)], vy[~np.isnan(vy)]
        return _prtesti_two(session, [str(vx.size), _mean_text(vx), str(vy.size), _mean_text(vy)],
                            x, y, level, False)
    if not opts.get("by"):
        raise StataError("option by() required", 100)
    x = numeric_variable(ds, cmd.args)
    by = single_variable(ds, str(opts["by"]))
    rows = mark(session, cmd, [], strok=True)
    v = ds.numeric(x)[rows]
    values = np.unique(v[~np.isnan(v)])
    if values.size != 2:
        raise StataError(f"{x} takes on {values.size} values, not 2", 450)
    g, levels, labels = group_values(ds, by, rows)
    if ds.is_string(by):
        labels = [s[:8] for s in labels]
    if len(levels) != 2:
        raise StataError(f"{by} takes on {len(levels)} values, not 2", 450)
    stats = []
    for level_value in levels:
        part = v[(g == level_value) & ~np.isnan(v)]
        stats += [str(part.size), _mean_text(part)]
    _prtesti_two(session, stats, labels[0], labels[1], level, False)


def _mean_text(v: np.ndarray) -> str:
    """The proportion handed to prtesti as its macro holds it ("." without observations,
    which prtesti refuses as not in [0,1])."""
    return repr(float(v.mean())) if v.size else "."


def _confirm_integer(text: str) -> float:
    value = _number(text)
    if value is None:
        raise StataError(f"'{text}' found where number expected", 7)
    if value != int(value):
        raise StataError(f"'{text}' found where integer expected", 7)
    return value


def _confirm_number(text: str) -> float:
    value = float("nan") if text == "." else _number(text)
    if value is None:
        raise StataError(f"'{text}' found where number expected", 7)
    return value


def _proportion(text: str, n: float, count: bool) -> float:
    """prtesti's #p: with ``count`` an integer count made a proportion when at most n."""
    p = _confirm_integer(text) if count else _confirm_number(text)
    if count and p <= n:
        p = p / n
    if not 0 <= p <= 1:
        raise StataError(f"{text} not less than {n:g}" if count else f"{text} not in [0,1]", 198)
    return p


PRTESTI_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("count", 1),
                   OptionSpec("xname", 1, takes_arg=True), OptionSpec("yname", 1, takes_arg=True)]


def cmd_prtesti(session, cmd) -> None:
    from mlmcli.classic_tests.proportions import one_sample

    opts = resolve_options(cmd.options, PRTESTI_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    words = immediate_words(cmd, (3, 4), " either three arguments for a one-sample test or four arguments for"
                                         " a two-sample test must be specified")
    if len(words) == 4 and _number(words[3]) is not None:
        xname = str(opts.get("xname") or "").strip().strip('"')
        yname = str(opts.get("yname") or "").strip().strip('"')
        return _prtesti_two(session, words, xname, yname, level, bool(opts.get("count")))
    if len(words) == 4:
        raise StataError(f"'{words[3]}' found where number expected", 7)
    n = _confirm_integer(words[0])
    _confirm_number(words[1])
    p0 = _confirm_number(words[2])
    if not 0 <= p0 <= 1:
        raise StataError(f"{words[2]} not in [0,1]", 198)
    p = _proportion(words[1], n, bool(opts.get("count")))
    if n <= 1:
        raise StataError("insufficient observations", 2001)
    _report_prtest(session, one_sample("x", int(n), p, p0, level))


def _prtesti_two(session, words, xname: str, yname: str, level: float, count: bool) -> None:
    from mlmcli.classic_tests.proportions import two_sample

    n1, n2 = _confirm_integer(words[0]), _confirm_integer(words[2])
    _confirm_number(words[1])
    _confirm_number(words[3])
    p1, p2 = _proportion(words[1], n1, count), _proportion(words[3], n2, count)
    if n1 <= 1:
        raise StataError("insufficient observations", 2001)
    names = (xname[:12].strip() or "x", yname[:12].strip() or "y")
    _report_prtest(session, two_sample(names, int(n1), p1, int(n2), p2, level,
                                       first_column(session.data, xname)))


def cmd_bitest(session, cmd) -> None:
    from mlmcli.commands.data.common import weights
    from mlmcli.expr import evaluate_number

    ds = session.data
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1)])
    m = _EQUALS.fullmatch(cmd.args or "")
    if not m:
        raise StataError("= expected" if (cmd.args or "").strip() else "varlist required",
                         198 if (cmd.args or "").strip() else 100)
    x = numeric_variable(ds, m.group(1))
    rows = mark(session, cmd, [x])
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    v = ds.numeric(x)[rows]
    _zero_one(v, x)
    wv = w[rows] if w is not None else np.ones(v.size)
    p = evaluate_number(session, m.group(2))
    _binomial(session, float(wv.sum()), str(int(round(float((wv * v).sum())))), p, x, bool(opts.get("detail")))


def cmd_bitesti(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("xname", 2, takes_arg=True), OptionSpec("detail", 1)])
    words = (cmd.args or "").split()
    if len(words) != 3:
        raise StataError("invalid syntax", 198)
    n = _confirm_integer(words[0])
    p = _confirm_number(words[2])
    _binomial(session, n, words[1], p, str(opts.get("xname") or "").strip().strip('"'), bool(opts.get("detail")))


def _binomial(session, n: float, k_text: str, p: float, name: str, detail: bool) -> None:
    from mlmcli.classic_tests.proportions import binomial_test
    from mlmcli.render.proportion_tests import render_bitest

    if n < 1:
        raise StataError("insufficient observations", 2001)
    k = _confirm_number(k_text)
    if k != int(k):  # a proportion: the count nearest k n
        k = float(np.floor(k * n + 0.5))
    if k < 0 or k > n:
        raise StataError("number of successes invalid", 450)
    if not 0 < p < 1:
        raise StataError("p invalid", 450)
    t = binomial_test(name, _count(n), _count(k), p, detail)
    session.print(render_bitest(t))
    r = {"p_u": t.p_u, "p_l": t.p_l, "N": t.n, "P_p": t.p0, "k": t.k, "p": t.p,
         "k_opp": t.k_opp if t.k_opp is not None else float("nan")}
    for k_row, prob, note in t.detail:
        r[{"observed": "P_k", "opposite extreme": "P_oppk"}.get(note, "P_noppk")] = prob
        if not note:
            r["k_nopp"] = k_row
    session.set_r({key: float(v) for key, v in r.items()})


def _count(v: float):
    """A whole number as an int, past 2^53 the double itself (int(1e300) is a bignum numpy refuses)."""
    return int(v) if v < 2 ** 53 else v


def cmd_signtest(session, cmd) -> None:
    from mlmcli.classic_tests.proportions import sign_test
    from mlmcli.expr import evaluate
    from mlmcli.render.proportion_tests import render_signtest

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    resolve_options(cmd.options, [])
    m = re.fullmatch(r"\s*([^=\s]+)\s*=(?!=)\s*(.+?)\s*", cmd.args or "")
    if not m:
        if "=" not in (cmd.args or ""):
            raise StataError("= expected" if (cmd.args or "").strip() else "varlist required",
                             198 if (cmd.args or "").strip() else 100)
        raise StataError("invalid syntax", 198)
    x = numeric_variable(session.data, m.group(1))
    rows = mark(session, cmd, [])
    other = np.asarray(evaluate(session, m.group(2), rows))
    if other.dtype.kind not in "fiub":
        raise StataError("type mismatch", 109)
    d = session.data.numeric(x) - other.astype(float)
    d = d[rows & ~np.isnan(d)]
    t = sign_test(x, m.group(2), d)
    session.print(render_signtest(t))
    session.set_r({key: float(v) for key, v in {
        "p_u": t.p_pos, "p_l": t.p_neg, "p": t.p_two, "N_tie": t.n_zero, "N_neg": t.n_neg, "N_pos": t.n_pos,
        "N": t.n_pos + t.n_neg + t.n_zero, "p_neg": t.p_neg, "p_pos": t.p_pos, "p_2": t.p_two}.items()})
