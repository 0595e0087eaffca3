"""The one place every command's ``vce(bootstrap [, options])`` runs its replicates
(``cluster_replicates.replicate_variance``, regress, xtreg): bootstrap.ado's order and options
over ``mlmcli.replication``:

1. ``seed()`` restarts mlm's stream; ``saving()`` to an existing file without replace is
   r(602) before anything runs (postfile's check);
2. the units: the command's clusters (observations; the command's groups or panels; cluster()),
   split by ``strata()`` (a cluster's stratum is its first row's), ``size()`` per stratum
   (r(498) when larger); missing strata values are r(459) (bootstrap.ado marks them out of its
   sample, which the command's e(sample) would then lose: not mimicked);
3. ``bca``: first the jackknife of JKAccel (one unit left out at a time; its own
   "(running cmd on estimation sample)" and "Jackknife replications" dots unless nodots or
   jackknifeopts(nodots)), the acceleration from its pseudovalues; a missing one is
   bootstrap.ado's warning and no BCa interval;
4. the replicates (dots: bootstrap's; with bca no second "running" note, as bootstrap.ado
   calls _prefix_note only without bca); ``reject(exp)``, where the caller gives e(b)'s names,
   evaluated with the replicate's e(b) and e(N): true or missing makes it an ``x`` (without the
   names: mlm's refusal);
5. the summary (``mlmcli.replication.summary``): V (``mse``), and the rest kept in
   ``session.bootstrap_pending`` for ``estimation.bootstrap_results`` to post when the command
   has posted e() (e(b_bs), e(se), e(z0), e(ci_*), e(N_strata), e(size), saving()'s file).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import values_and_missing
from mlmcli.errors import StataError, insufficient_replicates
from mlmcli.sorted_codes import row_codes

def refuse_unsupported(settings: dict, command: str, *, display_ok: bool = False, reject_ok: bool = False,
                       weights: str | None = None) -> None:
    """mlm's refusals (r(198), "... not supported by mlmcli with cmd") of what a command's
    bootstrap cannot honour here: the display options, eform and display options (``display_ok``:
    regress), reject() without e(b)'s names (``reject_ok``), nodrop; weights are bootstrap.ado's
    "weights not allowed" r(101) unless force."""
    def refuse(what: str):
        raise StataError(f"vce(bootstrap, {what}) not supported by mlmcli with {command}", 198)
    if not display_ok:
        for name in settings.get("display", ()):
            refuse(f"{name}{'()' if name == 'title' else ''}")
        if settings.get("eform"):
            refuse("eform options")
        if settings.get("display_options"):
            refuse(settings["display_options"][0].name)
    if settings.get("reject") and not reject_ok:
        refuse("reject()")
    if settings.get("reject"):
        _check_reject_reads(str(settings["reject"]), command)
    if settings.get("nodrop"):
        refuse("nodrop")
    if weights is not None and not settings.get("force"):
        raise StataError("weights not allowed", 101)


def hand_display_options(settings: dict, opts: dict, command: str, accepted, eform_options: dict) -> None:
    """bootstrap.ado's display options handed to the command's replay (as regress's are,
    regress_bootstrap): notable and noheader go to its table; nolegend is honoured as it stands
    (the replay of an eclass command shows no ``command:`` legend unless verbose); level() is
    vce_level's.  A display option (cformat() ...) or an eform option goes to the command when
    the command itself accepts it (``accepted``: its OptionSpecs; ``eform_options``: heading ->
    the command's option giving it); verbose, title() and the rest are mlm's refusal, r(198)."""
    from mlmcli.syntax.replicate_vce import eform_option_name

    def refuse(what: str):
        raise StataError(f"vce(bootstrap, {what}) not supported by mlmcli with {command}", 198)

    for name in settings.get("display", ()):
        if name in ("notable", "noheader"):
            opts[name] = True
        elif name != "nolegend":
            refuse(f"{name}{'()' if name == 'title' else ''}")
    heading = settings.get("eform")
    if heading:
        own = eform_options.get(heading)
        if own is None:
            refuse(eform_option_name(heading))
        opts[own] = True
    for option in settings.get("display_options", ()):
        spec = next((s for s in accepted if s.matches(option.name)), None)
        if spec is None:
            refuse(option.name)
        opts.setdefault(spec.name, option.arg if option.arg is not None else True)


def refuse_own_clusters(settings: dict, group_ok: bool = False) -> None:
    """The commands whose vce(bootstrap) draws their own groups or panels (_vce_parserun appends
    ``cluster(panelvar) idcluster()`` or clogit's ``cluster(group)``): a cluster(), idcluster()
    or group() typed in vce() is bootstrap.ado's second one, "option cluster() not allowed"
    r(198) (docs/grouped_jackknife_fweights.md: a repeated option ends in _get_diopts).
    ``group_ok``: the xt commands without their own cluster(), where _vce_parserun appends no
    group(), so a typed one is bootstrap's only one (``bootstrap_group.check_group``)."""
    if settings.get("prefix"):
        return
    for name in ("cluster", "idcluster") + (() if group_ok else ("group",)):
        if settings.get(name):
            raise StataError(f"option {name}() not allowed", 198)
    if group_ok and settings.get("group"):  # run_bootstrap checks it against the command's line
        settings["_panel_group"] = True


def cluster_codes(ds, names: str, sample: np.ndarray) -> np.ndarray:
    """0.. codes of the clusters of cluster(varlist) over the estimation sample (every
    combination of the variables' values); a missing value there is bootstrap.ado's "missing
    values in cluster variable v not allowed" r(459)."""
    columns = []
    for name in str(names).split():
        name = ds.resolve(name)
        values, missing = values_and_missing(ds, name, sample)
        if missing.any():
            raise StataError(f"missing values in cluster variable {name} not allowed", 459)
        columns.append(np.unique(values, return_inverse=True)[1].reshape(-1))
    if len(columns) == 1:
        return columns[0]
    return row_codes(columns)


def make_idcluster(session, settings: dict) -> None:
    """idcluster(newvar): bootstrap.ado's ``egen newvar = group(cluster)`` over the data when the
    variable is new (it stays); an existing one is left as it is."""
    name = settings.get("idcluster")
    if not name or not settings.get("cluster") or settings.get("prefix"):
        return
    ds = session.data
    try:
        ds.resolve(name)
        return
    except StataError:
        pass
    from mlmcli.syntax.varlist import check_new_name

    check_new_name(ds, name)
    cols = [ds.df[ds.resolve(v)] for v in settings["cluster"].split()]
    import pandas as pd

    frame = pd.concat(cols, axis=1)
    missing = frame.isna().any(axis=1)
    for v, c in zip(settings["cluster"].split(), cols):
        if ds.is_string(ds.resolve(v)):
            missing |= c.astype(str) == ""
    ranks = frame[~missing].drop_duplicates().sort_values(list(frame.columns))
    key = {tuple(row): i + 1 for i, row in enumerate(ranks.itertuples(index=False, name=None))}
    values = [np.nan if miss else key[tuple(row)] for miss, row in
              zip(missing, frame.itertuples(index=False, name=None))]
    ds.set_variable(name, np.asarray(values, float))


def _strata_codes(session, settings: dict, rows, command: str):
    if not settings.get("strata"):
        return None
    if rows is None:
        raise StataError(f"vce(bootstrap, strata()) not supported by mlmcli with {command}", 198)
    ds = session.data
    columns = []
    for name in settings["strata"].split():
        name = ds.resolve(name)
        values, missing = values_and_missing(ds, name, rows)
        if missing.any():
            raise StataError(f"vce(bootstrap, strata()) with missing values of {name} in the estimation sample "
                             f"not supported by mlmcli", 459)
        columns.append(np.unique(values, return_inverse=True)[1].reshape(-1))
    return row_codes(columns)


def run_bootstrap(session, settings: dict, b: np.ndarray, refit, codes: np.ndarray, command: str, *,
                  rows: np.ndarray | None = None, colnames=None, level: float | None = None):
    """(V, usable replicates, units) of the bootstrap (module docstring); prints the dots.
    ``refit(rows, codes)``: the statistics on those rows of the estimation sample (each drawn
    unit its own code); ``codes``: the units over the estimation sample's rows; ``rows``: those
    rows in the data (strata()); ``colnames``: e(b)'s names of ``b`` (reject())."""
    import os

    from mlmcli.expr.random_numbers import generator, restart
    from mlmcli.panel.replicates import cluster_jackknife
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.replication.draws import bootstrap_replicates, resampling_units
    from mlmcli.replication.summary import acceleration, bootstrap_summary

    if settings.get("_panel_group"):  # group(v) typed alone on an xt command: v must not change the fit
        from mlmcli.commands.estimation.bootstrap_group import check_group

        check_group(session, settings, command)
    b = np.asarray(b, float).reshape(-1)
    k = len(b)
    saving = settings.get("saving")
    if saving and os.path.exists(saving["filename"]) and not saving.get("replace"):
        raise StataError(f"file {saving['filename']} already exists", 602)
    if settings.get("seed") is not None:
        restart(session, settings["seed"])
    seed = session.seed
    strata = _strata_codes(session, settings, rows, command)
    units = resampling_units(len(codes), codes, strata, settings.get("size"))
    reject = reject_check(session, settings, b, colnames, command, len(codes))
    printer = None
    if settings.get("noisily") and command != "regress":  # regress prints its own (regress_bootstrap)
        from mlmcli.commands.estimation.replicate_noisily import replicate_printer

        printer = replicate_printer(session, settings, "bootstrap", command, rows)
        printer.first_call()
    accel = None
    if settings.get("bca"):
        jk = settings.get("jackknife") or {}
        jmarks: list = []
        jfit = getattr(refit, "unrenumbered", refit)  # JKAccel's jackknife: no bsample, no idcluster() numbers
        if jk.get("noisily"):  # jackknifeopts(noisily|trace): JKAccel's jackknife prints each run
            from mlmcli.commands.estimation.replicate_noisily import replicate_printer

            jprinter = replicate_printer(session, jk, "jackknife", command, rows)
            jprinter.first_call()
            jprinter.title(units.n_units)
            jfit = jprinter.wrap(jfit)
        J = cluster_jackknife(jfit, codes, k, jmarks.append)
        show = settings.get("dots", True) and jk.get("dots", True)
        text = bootstrap_dots(jmarks, command, units.n_units, show, title="Jackknife",
                              every=jk.get("dots_every", 1))
        if text:
            session.print(text)
        accel = acceleration(J, b)
        if not np.all(np.isfinite(accel)):
            session.print()
            session.print("warning: jackknife returned missing acceleration estimates. BCa confidence intervals "
                          "cannot be computed.")
            accel = None

    fit = refit if printer is None else printer.wrap(refit)  # noisily: each replicate's run shown

    def estimate(rows_drawn, codes_drawn):
        theta = fit(rows_drawn, codes_drawn)
        if reject is not None and reject(np.asarray(theta, float), len(rows_drawn)):
            if printer is not None:
                printer.message(printer.REJECTED)
            elif settings.get("noisily"):  # regress prints its own runs (regress_bootstrap), not this
                from mlmcli.commands.estimation.replicate_noisily import REJECTED
                from mlmcli.render.lrtest import wrap_paragraph

                for line in wrap_paragraph(REJECTED.format(name=command), session.linesize, hanging=0):
                    session.out.noisily_line(line)
            return np.full(k, np.nan)
        return theta

    if printer is not None:
        printer.title(settings["reps"])

    marks: list = []
    B = bootstrap_replicates(estimate, units, settings["reps"], generator(session), k, marks.append)
    text = bootstrap_dots(marks, command, settings["reps"], settings.get("dots", True),
                          every=settings.get("dots_every", 1))
    if text and settings.get("bca"):  # bootstrap.ado's _prefix_note only without bca
        text = "\n".join(text.split("\n")[1:])
    if text:
        session.print(text)
    level = settings.get("level") or level or float(getattr(session, "level", None) or 95.0)
    stats = bootstrap_summary(B, b, level=level, mse=bool(settings.get("mse")), ties=bool(settings.get("ties")),
                              accel=accel)
    if stats.n_reps < 2 or not np.all(np.isfinite(stats.V)):
        raise insufficient_replicates("bootstrap")
    session.bootstrap_pending = {"B": B, "b": b, "accel": accel, "settings": settings, "level": level,
                                 "n_units": units.n_units, "n_strata": units.n_strata, "n_obs": len(codes),
                                 "seed": seed, "command": command}
    return stats.V, stats.n_reps, units.n_units


def reject_check(session, settings: dict, b: np.ndarray, colnames, command: str, n_obs: int,
                 prefix: str = "bootstrap"):
    """reject(exp) as _prefix_reject and _loop_bs apply it: with the full sample's e(b) the
    expression must not be true ("bootstrap rejected results from cmd while using the entire
    dataset" r(9), ``prefix`` naming the prefix; an expression that cannot be evaluated: "reject()
    incorrectly specified" r(198)); a replicate where it is true or missing is rejected.  e()
    holds e(b) and e(N)."""
    text = settings.get("reject")
    if not text:
        return None
    if colnames is None:
        raise StataError(f"vce(bootstrap, reject()) not supported by mlmcli with {command}", 198)
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.expr import evaluate_scalar
    from mlmcli.results.matrix import Matrix

    names = tuple(colnames)

    def value(theta, n):
        saved = session.e
        session.e = EstimationResults(cmd=command.split(",")[0], scalars={"N": float(n)},
                                      matrices={"b": Matrix(np.asarray(theta, float).reshape(1, -1), ("y1",), names)})
        try:
            return float(evaluate_scalar(session, text))
        finally:
            session.e = saved

    try:
        full = value(b, n_obs)
    except StataError:
        raise StataError(f"reject() incorrectly specified: {text}", 198) from None
    if not np.isfinite(full) or full != 0:
        raise StataError(f"{prefix} rejected results from {command.split(',')[0]} while using the entire dataset", 9)

    def rejected(theta, n) -> bool:
        try:
            v = value(theta, n)
        except StataError:
            return True
        return not np.isfinite(v) or v != 0
    return rejected


def _check_reject_reads(text: str, command: str) -> None:
    """The replicates' e() here holds e(b) and e(N) only: reject() reading another e() result or
    _se[] (Stata evaluates them; here they would be missing, r(9) on the full sample) is mlm's refusal."""
    import re

    other = [name for name in re.findall(r"\be\(\s*(\w+)\s*\)", text) if name not in ("N", "b")]
    if re.search(r"\b_se\s*\[", text):
        other.append("_se[]")
    if other:
        shown = other[0] if other[0] == "_se[]" else f"e({other[0]})"
        raise StataError(f"vce(bootstrap, reject()) reading {shown} not supported by mlmcli with "
                         f"{command.split(',')[0]}", 198)

