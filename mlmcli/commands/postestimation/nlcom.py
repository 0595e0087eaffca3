"""``nlcom``: point estimates, standard errors, tests and intervals for nonlinear
combinations of the coefficients by the delta method (``mlmcli.postest.delta_method``).

``nlcom [name:] exp [, options]`` or ``nlcom (name1: exp1) (name2: exp2) ... [, options]``;
options ``level(#)``, ``df(#)`` (t instead of z), ``post`` (the transformations become the
active estimation results), ``noheader``, ``iterate(#)`` (accepted: the derivatives here
are not iterative).  r(b), r(V) (and r(N), r(df_r)) as Stata stores them.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.estimation.active import active
from mlmcli.syntax.options import (OptionSpec, confidence_level, integer_option, number_option, resolve_options,
                                   split_options)
from mlmcli.syntax.varlist import NAME_RE
from mlmcli.textscan import find_top, matching_close

HELP = {"nlcom": "nlcom [name:] exp | (name: exp) (name: exp) ... [, level(#) df(#) post noheader "
                  "cformat(%fmt) pformat(%fmt) sformat(%fmt) nolstretch]"}

# nlcom.ado (1.4.1, Stata 13) hands every other option to _get_diopts: the table's display formats
OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("df", 2, takes_arg=True), OptionSpec("post", 4),
           OptionSpec("noheader", 5), OptionSpec("iterate", 4, takes_arg=True),
           OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
           OptionSpec("sformat", 7, takes_arg=True), OptionSpec("nolstretch", 10)]
_NAME = NAME_RE


def parse_terms(body: str) -> list[tuple[str | None, str]]:
    """``[name:] exp`` or ``(name: exp) (exp) ...`` -> (name or None, expression) pairs."""
    body = body.strip()
    if not body:
        raise invalid_syntax()
    if body.startswith("(") and matching_close(body, 0) > 0:
        rest = body
        pieces = []
        while rest:
            end = matching_close(rest, 0)
            if not rest.startswith("(") or end < 0:
                pieces = []
                break
            pieces.append(rest[1:end])
            rest = rest[end + 1:].strip()
        if pieces and (len(pieces) > 1 or find_top(pieces[0], ":", brackets="([") > 0):
            return [_named(p) for p in pieces]
    return [_named(body)]


def _named(text: str) -> tuple[str | None, str]:
    colon = find_top(text, ":", brackets="([")
    if colon > 0 and _NAME.match(text[:colon].strip()):
        exp = text[colon + 1:].strip()
        if not exp:
            raise invalid_syntax()
        return text[:colon].strip(), exp
    return None, text.strip()


def nonlinear_combination(session, e, exps: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The expressions at e(b) and their delta-method variance; e() is ``e`` again after."""
    from mlmcli.expr import evaluate_number
    from mlmcli.postest.delta_method import delta_method
    from mlmcli.results.matrix import Matrix

    coefs = e.coefficients()
    b0 = e.matrices["b"]

    def g(beta: np.ndarray) -> np.ndarray:
        trial = Matrix(np.asarray(beta, float).reshape(1, -1), tuple(b0.rownames), tuple(b0.colnames))
        session.e = dataclasses.replace(e, matrices={**e.matrices, "b": trial})
        return np.array([evaluate_number(session, x) for x in exps], float)

    try:
        value = g(coefs.b)
        for x, v in zip(exps, value):
            if not math.isfinite(v):
                raise StataError(f"expression ({x}) evaluates to missing", 498)
        estimate, V, _ = delta_method(g, coefs.b, coefs.V)
    finally:
        session.e = e
    return estimate, V


def cmd_nlcom(session, cmd) -> None:
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.hypotheses import render_nlcom
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import NlcomResult

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OPTIONS)
    integer_option(opts, "iterate", 100, minimum=0)
    e = active(session)
    display = table_options_with_notes(session, opts)
    terms = parse_terms(body)
    names = [n or f"_nl_{k}" for k, (n, _) in enumerate(terms, 1)]
    if len(set(names)) != len(names):
        raise StataError("duplicate names in nlcom", 198)
    exps = [x for _, x in terms]
    estimate, V = nonlinear_combination(session, e, exps)
    level = confidence_level(opts, 95.0)
    df = number_option(opts, "df", None)
    if df is not None and not df > 0:
        raise StataError("option df() incorrectly specified", 198)
    ((_, rows),) = rows_by_equation(names, estimate, V, df_r=df, level=level)
    depvar = e.macros.get("depvar", "").split()
    depvar = depvar if len(depvar) == 1 else []  # nlcom.ado's depn(): one dependent variable only
    session.print("")
    session.print(render_nlcom(NlcomResult(tuple(names), tuple(exps), tuple(rows), depvar[0] if depvar else "",
                                           level, "t" if df else "z", header="noheader" not in opts,
                                           cformat=display.cformat, sformat=display.sformat,
                                           pformat=display.pformat, nolstretch=display.nolstretch)))
    b = Matrix(estimate.reshape(1, -1), ("r1",), tuple(names))
    Vm = Matrix(V, tuple(names), tuple(names))
    r = {"b": b, "V": Vm}
    if "N" in e.scalars:
        r["N"] = e.scalars["N"]
    if df is not None:
        r["df_r"] = float(df)
    session.set_r(r)
    if opts.get("post"):
        scalars = {k: v for k, v in (("N", e.scalars.get("N")), ("df_r", df)) if v is not None}
        macros = {"cmd": "nlcom", "properties": "b V"}
        if depvar:
            macros["depvar"] = depvar[0]
        session.e = EstimationResults(cmd="nlcom", scalars=scalars, macros=macros,
                                      matrices={"b": Matrix(b.values, (depvar[0] if depvar else "y1",), b.colnames),
                                                "V": Vm}, sample=e.sample,
                                      sample_stamp=e.sample_stamp, lazy_sample=e.lazy_sample)
