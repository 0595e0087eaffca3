"""``xtbsht name1 name2 [, reps(#) seed(string) cluster keep(varlist)]`` (Volker Ludwig, SSC
package xtfeis, xtbsht.ado 1.0 of 16apr2019): the bootstrapped Hausman test of two stored
panel models, resampling whole panels.

As the ado: ``estimates restore`` of each name to read its ``e(cmdline)``; the tested
coefficients are name1's e(b) columns without ``_cons`` and without base or omitted columns
(``_ms_extract_varlist, noomitted``), or keep()'s; b1 and b2 are both models' coefficients on
them.  Each of reps() replications (default 50) draws panels with replacement from name1's
e(sample) (``bsample if touse, cluster(ivar) idcluster(newid)``), renumbers the panels, xtsets
them again, reruns name1's command line, keeps its e(sample), reruns name2's and records both
models' ``_b[]``; the data come back after each replication, and the ado prints the
replication's number at every 50th.  V is the covariance of the differences of the
replications' coefficients (divisor reps - 1), chi2 = (b1-b2)' invsym(V) (b1-b2) on k
degrees of freedom.  r(p), r(chi2), r(df), r(reps) are macros (the ado's ``return local``),
r(V_diff), r(b1), r(b2) matrices.  The ado's ``cluster`` option is accepted and, as in the
ado, changes nothing (panels are always the resampling unit).  e() is left as the ado leaves
it: the last replication's fit of name2.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.community.xtart import run_quietly
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

OPTIONS = [OptionSpec("reps", 4, True), OptionSpec("seed", 4, True), OptionSpec("cluster", 7),
           OptionSpec("keep", 4, True)]


def _coefficient_lookup(e) -> dict[str, float]:
    """e(b) by name with the base/omitted markers dropped (``_b[2.f]`` finds ``2o.f`` as 0)."""
    from mlmcli.syntax.coefnames import display_name

    b = e.matrices.get("b")
    if b is None:
        raise StataError("last estimates not found", 301)
    values = np.asarray(b.values, float).ravel()
    return {display_name(name): float(v) for name, v in zip(b.colnames, values)}


def _tested_names(session, e, keep) -> list[str]:
    from mlmcli.syntax.coefnames import display_name, is_base_or_omitted, split_eq

    if isinstance(keep, str) and keep.strip():
        names = []
        for token in keep.split():
            names += ([token] if ("." in token or "#" in token) else session.data.expand_varlist(token))
        return names
    return [display_name(name) for name in e.matrices["b"].colnames
            if split_eq(name)[1] != "_cons" and not is_base_or_omitted(name)]


def _pick(lookup: dict[str, float], names: list[str]) -> np.ndarray:
    missing = [n for n in names if n not in lookup]
    if missing:
        raise StataError(f"[{missing[0]}] not found", 111)
    return np.array([lookup[n] for n in names])


def cmd_xtbsht(session, cmd) -> None:
    from mlmcli.commands.program.macro_functions import macro_number
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.frame_store import put
    from mlmcli.panel.time_settings import time_setting
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    names = cmd.args.split()
    if len(names) != 2:
        # the ado prints this and goes on to fail at estimates restore; mlm stops here
        raise StataError("You need to specify the names of two models to compare", 198)
    reps = integer_option(opts, "reps", 50)  # syntax's reps(integer 50): reps(--1) is r(198)
    if reps < 2:
        raise StataError("reps() must be at least 2", 198)
    runner = current_runner(session) or Runner(session)
    model1, model2 = names
    run_quietly(session, runner, f"estimates restore {model2}")
    est2 = session.e.macros.get("cmdline", "")
    run_quietly(session, runner, f"estimates restore {model1}")
    e1 = session.e
    est1 = e1.macros.get("cmdline", "")
    ds = session.data
    ivar = e1.macros.get("ivar", "")
    if not ivar:
        raise StataError(f"estimates {model1} have no e(ivar): xtbsht resamples the panels of an xt fit", 459)
    timevar = time_setting(ds) or ""  # the ado's _dta[tis]
    touse = np.asarray(e1.sample_mask(ds), bool)
    uvnames = _tested_names(session, e1, opts.get("keep"))
    k = len(uvnames)
    b1 = _pick(_coefficient_lookup(e1), uvnames)
    run_quietly(session, runner, f"estimates restore {model2}")
    b2 = _pick(_coefficient_lookup(session.e), uvnames)

    if opts.get("seed") is not None:
        run_quietly(session, runner, f"set seed {str(opts['seed']).strip()}")
    bs1, bs2 = np.full((reps, k), np.nan), np.full((reps, k), np.nan)
    sam, newid = temporary_name(session), temporary_name(session)
    original, frame = ds, session.current_frame
    try:
        for i in range(reps):
            work = original.copy()
            put(session, frame, work)
            work.set_variable(sam, touse.astype(float), vtype="byte")
            run_quietly(session, runner, f"bsample if {sam}, cluster({ivar}) idcluster({newid})")
            run_quietly(session, runner, f"replace {ivar} = {newid}")
            run_quietly(session, runner, f"xtset {ivar} {timevar}".rstrip())
            run_quietly(session, runner, est1)
            run_quietly(session, runner, "keep if e(sample)")
            bs1[i] = _pick(_coefficient_lookup(session.e), uvnames)
            run_quietly(session, runner, est2)
            bs2[i] = _pick(_coefficient_lookup(session.e), uvnames)
            if (i + 1) % 50 == 0:
                runner.execute(f'di in red "{i + 1}"')
    finally:
        put(session, frame, original)

    from mlmcli.missing import stata_matrix

    diff = stata_matrix(lambda: (bs1 - bs1.mean(axis=0)) - (bs2 - bs2.mean(axis=0)))
    V = stata_matrix(lambda: diff.T @ diff / (reps - 1))  # estimates near 1e300: missing
    from mlmcli.commands.community.xtfeis import invsym_values
    from scipy.stats import chi2

    d = b1 - b2
    H = float(d @ invsym_values(V) @ d)
    p = float(chi2.sf(H, k)) if k > 0 else float("nan")
    for line in ("di _newline(3)", 'di "----------------------------------------------"',
                 'di _n as text "Bootstrapped Hausman Test" _n', 'di _n as text "Pairwise-clustered Bootstrapping" _n',
                 'di "----------------------------------------------"', "di _newline(1)",
                 f'di as text "Comparing models: " as res "{model1}" as text " and " as res "{model2}"',
                 "di _newline(1)",
                 f'di as text "Bootstrapped estimates with " as res {reps} as text " replications"',
                 f'di as text "Sampling from clusters defined by " as res "{ivar}"', "di _newline(1)",
                 f'di in gr "Test of H0: estimates of {model1} and {model2} consistent"',
                 f'di in gr "Alternative H1: {model1} consistent, {model2} inconsistent"', "di _newline(1)",
                 f'di in gr "Test statistic: chi2({k}) =" _column(35) as res %6.2f {macro_number(H)}',
                 f'di in gr "Prob > chi2 =" _column(35) as res %6.4f {macro_number(p)}'):
        runner.execute(line)
    rows = tuple(uvnames)
    session.set_r({"p": macro_number(p), "chi2": macro_number(H), "df": str(k), "reps": str(reps),
                   "V_diff": Matrix(V, rows, rows), "b1": Matrix(b1[:, None], rows, ("c1",)),
                   "b2": Matrix(b2[:, None], rows, ("c1",))})
