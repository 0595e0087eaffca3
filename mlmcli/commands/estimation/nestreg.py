"""``nestreg``: nested model statistics (Stata 13's nestreg.ado).

    nestreg [, waldtable lrtable quietly store(stub)] : command depvar (varlist) (varlist) ...
        [if] [in] [weight] [, command_options]

Fits the model with the first block, then with the first two, ... on one estimation sample
(every variable of every block nonmissing), printing ``Block  #: vars`` and the fit (unless
quietly), and tests each added block: the Wald table (F with the block and residual df, and
R2 and its change after regress; chi2 otherwise) and, with lrtable, the likelihood-ratio
table (LL, LR, df, Pr > LR, AIC, BIC).  r(wald) and r(lr) hold the tables.  The last fit
stays in e().  A block with no estimable coefficient in the full model is dropped with
Stata's note; a partly collinear block is kept (Stata's _rmcollblocks trims it) and its test
has the fewer degrees of freedom testparm gives it.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.commands.estimation.model_building import (drop_inestimable, estimation_sample, log_likelihood,
                                                       parse_prefix_line, refuse_lr_with_robust, run_fit, test_term)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

NESTREG_OPTIONS = [OptionSpec("waldtable", 4), OptionSpec("lrtable", 2), OptionSpec("quietly", 3),
                   OptionSpec("store", 5, takes_arg=True)]


def cmd_nestreg(session, cmd) -> None:
    from mlmcli.commands.estimation.model_building import SWML_COMMANDS
    line = parse_prefix_line(session, cmd.args, "nestreg", NESTREG_OPTIONS)
    opts = line.options
    lrtable = bool(opts.get("lrtable"))
    waldtable = bool(opts.get("waldtable")) or not lrtable
    if lrtable:
        if line.cmdname not in SWML_COMMANDS:
            raise StataError(f"{line.cmdname} does not allow the lrtable option of nestreg", 199)
        refuse_lr_with_robust(line, "lrtable")
    stub = str(opts["store"]).strip() if opts.get("store") else None
    if stub:
        existing = set(session.estimates)
        for i in range(1, len(line.terms) + 1):
            if f"{stub}{i}" in existing:
                raise StataError(f"estimation results {stub}{i} already exist", 322)
    with estimation_sample(session, line) as touse:
        wald, lr = _fit_blocks(session, line, touse, waldtable, lrtable, stub, bool(opts.get("quietly")))
    _show(session, line, wald, lr)


def _fit_blocks(session, line, touse, waldtable, lrtable, stub, quietly):
    from mlmcli.estimation.active import store

    run_fit(session, line, touse, " ".join(line.terms))  # the full model: terms without estimable coefficients
    line.terms[:] = drop_inestimable(session, line.terms)
    if not line.terms:
        raise StataError("all variables were dropped because of estimability", 322)
    ll0 = df0 = None
    if lrtable:
        run_fit(session, line, touse, "")
        ll0, df0 = log_likelihood(session.e)
    wald, lr, kind, r2_old = [], [], None, None
    session.print()
    current = ""
    for i, term in enumerate(line.terms, start=1):
        session.print(f"Block {i:2d}: {term}")
        run_fit(session, line, touse, f"{current} {term}", quietly=quietly)
        if stub:
            store(session, f"{stub}{i}")
        if not quietly:
            session.print()
        e = session.e
        if lrtable:
            ll, df = log_likelihood(e)
            rank = e.scalars.get("rank", float(np.linalg.matrix_rank(e.coefficients().V)))
            p = _chi2_sf(abs(df - df0), 2 * abs(ll - ll0))
            N = e.scalars.get("N", float("nan"))
            lr.append((ll, 2 * abs(ll - ll0), abs(df - df0), p, -2 * ll + 2 * rank, -2 * ll + math.log(N) * rank))
            ll0, df0 = ll, df
        if waldtable:
            stat, df, p, kind = test_term(session, term)
            df_r = session.e.scalars.get("df_r")
            if kind == "F":
                row = (stat, df, df_r, p)
            else:
                row = (stat, df, p)
            if line.cmdname == "regress":
                r2 = e.scalars.get("r2")
                row += (r2, None if r2_old is None else r2 - r2_old)
                r2_old = r2
            wald.append(row)
        current = f"{current} {term}".strip()
    return (kind, wald) if waldtable else None, lr if lrtable else None


def _chi2_sf(df: float, x: float) -> float:
    from mlmcli import distributions as stats

    return float(stats.chi2.sf(x, df)) if df > 0 else float("nan")


def _show(session, line, wald, lr) -> None:
    from mlmcli.render.model_building import render_nestreg_lr, render_nestreg_wald
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.model_building import NestregLRTable, NestregWaldTable

    r: dict = {}
    k = len(line.terms)
    rows = tuple(f"block{i}" for i in range(1, k + 1))
    if wald is not None:
        kind, body = wald
        table = NestregWaldTable(kind, tuple(body), r2=line.cmdname == "regress")
        session.print()
        session.print(render_nestreg_wald(table))
        cols = ("F", "df_block", "df_r", "pvalue") if kind == "F" else ("Wald chi2", "df_block", "pvalue")
        if table.r2:
            cols += ("R2", "deltaR2")
        values = np.array([[np.nan if v is None else v for v in row] for row in body], float)
        r["wald"] = Matrix(values, rows, cols)
    if lr is not None:
        session.print()
        session.print(render_nestreg_lr(NestregLRTable(tuple(lr))))
        r["lr"] = Matrix(np.array(lr, float), rows, ("LL", "LR", "df_block", "pvalue", "AIC", "BIC"))
    session.set_r(r)
