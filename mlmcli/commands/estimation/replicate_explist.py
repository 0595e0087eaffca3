"""``bootstrap exp_list [, options]: command`` and ``jackknife exp_list [, options]: command``
(the options: replicate_explist_options.py).

Each expression of the exp_list (``r(mean)``, ``e(N)``, ``_b[x]``, ``(exp)``, ``name=(exp)``;
unnamed ones are ``_bs_#`` / ``_jk_#``) is read after the command runs on the data in memory
(the observed values), then after each replicate: bootstrap draws _N observations with
replacement from mlm's ``set seed``/seed() stream (within strata(), size() of them); jackknife
leaves each observation out in turn.  After an e-class command (one that leaves e(sample)) the
units are the rows of its e(sample), as the prefixes drop the others (``_prefix_check4esample``),
and Number of obs is their count.
The command runs quietly through the session's runner; the data are restored afterwards, also
after an error.  V is the replicates' covariance (jackknife: (n-1)/n times the sum of squared
deviations from their mean, t on n-1 df).  Output as Stata 13's "Bootstrap results" /
"Jackknife results" ([R] bootstrap, [R] jackknife).  The draws are mlm's, so bootstrap standard
errors are not Stata's to the digit.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, insufficient_replicates

_NAMED = re.compile(r"([^\W\d]\w*)\s*=\s*")


def split_exp_list(text: str, kind: str) -> list[tuple[str, str]]:
    """(name, expression) pairs; default names _bs_1, _bs_2 ... (_jk_ for jackknife)."""
    from mlmcli.textscan import find_top

    items: list[tuple[str | None, str]] = []
    rest = text.strip()
    while rest:
        name = None
        m = _NAMED.match(rest)
        if m and not rest.startswith("_b["):
            name, rest = m.group(1), rest[m.end():]
        cut = find_top(rest + " ", " ")
        if rest.startswith("("):
            depth = 0
            for i, ch in enumerate(rest):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    cut = i + 1
                    break
            else:
                raise StataError("unmatched parentheses", 198)
        exp, rest = rest[:cut].strip(), rest[cut:].strip()
        if exp.startswith("(") and exp.endswith(")"):  # the legend shows the expression bare
            exp = exp[1:-1].strip()
        if exp in ("_b", "_se") or ":" in exp.split("[")[0]:  # _b among others; (name: exp) groups
            raise StataError(f"{kind}: {exp} among other expressions not supported by mlmcli", 198)
        if not exp:
            raise StataError("invalid syntax", 198)
        items.append((name, exp))
    prefix = {"bootstrap": "_bs_", "simulate": "_sim_", "permute": "_pm_"}.get(kind, "_jk_")
    return [(name or f"{prefix}{i + 1}", exp) for i, (name, exp) in enumerate(items)]


def replicate_exp_list(session, runner, items, command: str, settings: dict, kind: str) -> None:
    """Run, replicate, post e() and print the results (replicate_explist_options' settings)."""
    for option in ("bca", "ties"):
        if settings.get(option):
            raise StataError(f"{kind} option {option} with an exp_list not supported by mlmcli", 198)
    from mlmcli.render.panel_regression import bootstrap_dots

    wkind, wexp = _command_weight(command, kind)
    original, before = session.data, session.e
    idcluster = settings.get("idcluster")
    # idcluster(): the clusters numbered 1, 2, ... -- bootstrap.ado egens a new variable only and
    # leaves an existing one for the full-sample run (the manual's `generate newid = id` example);
    # jackknife.ado drops an existing one and renames its cluster ids to it
    if idcluster and not (kind == "bootstrap" and idcluster in original.varnames):
        original = original.copy()
        identify_units(original, idcluster, resampling_units(original, settings["cluster"]))
    base, n = original, original.nobs
    from mlmcli.commands.estimation.replicate_prefix_noisily import prefix_printer

    printer = prefix_printer(session, settings, kind, command)
    if printer is not None:
        printer.first_call(command)
    lifted = None  # statsby's or by's group mask while the replicates run
    try:
        observed = _run_on(session, runner, items, command, original.copy(), printer is not None)
        for (_, exp), value in zip(items, observed):  # bootstrap.ado, jackknife.ado: before any replicate
            if not np.isfinite(value):
                raise StataError(f"'{exp}' evaluated to missing in full sample", 322)
        sample = estimation_sample(session, before, original.nobs)
        replicated, rows = command, None
        if sample is not None:  # an e-class command: the prefix resamples e(sample)'s rows
            from mlmcli.commands.estimation.replicate_command_parts import without_if_in

            base = original.copy()
            base.take_rows(np.flatnonzero(sample))
            n = base.nobs
            replicated = without_if_in(command)  # bootstrap.ado: "command without [if] [in]"
        else:  # an r-class command: the prefixes keep its if/in rows and run it without them
            from mlmcli.commands.estimation.replicate_command_parts import if_in_rows, without_if_in

            session.data = original
            rows = if_in_rows(session, command)
            if rows is not None:
                base = original.copy()
                base.take_rows(np.flatnonzero(rows))
                n = base.nobs
                replicated = without_if_in(command)
        base, lifted = lift_group_mask(session, original, base, sample if sample is not None else rows)
        n = base.nobs
        nfunc = _count_function(session, settings, before) if kind == "jackknife" else None
        units = resampling_units(base, settings.get("cluster"))
        if kind == "jackknife" and settings.get("cluster") and len(units) <= 2:  # jackknife.ado
            raise StataError("jackknife requires more than 2 clusters", 459)
        weights = None
        if wkind is not None:  # jackknife.ado's weighted loops (replicate_weighted.py)
            from mlmcli.commands.estimation.replicate_weighted import (unit_weights, weighted_command,
                                                                       weighted_datasets)

            weights = unit_weights(session, base, units, wkind, wexp, settings.get("cluster"))
            replicated = weighted_command(replicated, wkind)
        if printer is not None:
            printer.title(settings["reps"] if kind == "bootstrap" else len(units))
        B, marks = _replicates(session, runner, items, replicated, settings, kind, base, units,
                               None if weights is None else weighted_datasets(base, units, wkind, weights), printer)
    finally:
        session.data = original  # the data as they were (with idcluster()'s variable)
        restore_group_mask(session, lifted)
    reps = len(B)
    if settings["dots"]:
        session.print(bootstrap_dots(marks, command.split()[0], reps, True, title=kind.capitalize()))
    V, good, summary = replicates_variance(B, observed, kind, settings, units,
                                           None if weights is None else (wkind, weights))
    if settings.get("saving") is not None:
        save_replicates(settings["saving"], items, B, kind, command,
              jackknife=None if kind != "jackknife" else {"observed": observed, "nfunc": nfunc, "n_obs": n,
                                                          "cluster": settings.get("cluster"),
                                                          "n_cluster": len(units)})
    _post(session, items, observed, V, kind, command, n, len(good), settings)
    if summary is not None:  # _jk_sum's df; jackknife.ado's e(N) with fweights: their sum
        session.e.scalars["df_r"] = float(summary.df_r)
        if wkind == "fweight":
            session.e.scalars["N"] = float(np.nansum(weights))
        session.e.macros.update(wtype=wkind, wexp=f"= {wexp}")
    clusters = (len(units), settings["cluster"]) if settings.get("cluster") else None
    if clusters is not None:
        session.e.scalars["N_clust"] = float(len(units))
        session.e.macros["cluster"] = settings["cluster"]
    if nfunc:
        session.e.macros["nfunction"] = nfunc
    if settings.get("notable") and settings.get("noheader"):
        return
    session.print(render_exp_list(session.e, items, coef_rows(session.e, items), command, kind, nfunc, clusters,
                                  settings))


def replicates_variance(B: np.ndarray, observed: np.ndarray, kind: str, settings: dict, units, weighting=None):
    """(V, the replicates without a missing value, the weighted jackknife's summary or None):
    with ``weighting`` (its kind, the units' weights) _jk_sum with the loop's multipliers
    (replicate_weighted), otherwise ``replicate_covariance`` of the usable replicates;
    ``insufficient_replicates`` where too few are usable."""
    good = B[np.all(np.isfinite(B), axis=1)]
    if weighting is not None:
        from mlmcli.commands.estimation.replicate_weighted import frequencies
        from mlmcli.replicate_variance import jackknife_variance

        summary = jackknife_variance(B, observed, mse=settings["mse"], weight_kind=weighting[0],
                                     frequencies=frequencies(weighting[1], units), n_replicates=len(units))
        if not summary.sufficient:
            raise insufficient_replicates(kind)
        return summary.V, good, summary
    if len(good) < 2:
        raise insufficient_replicates(kind)
    return replicate_covariance(good, observed, kind, settings["mse"]), good, None


def replicate_covariance(good: np.ndarray, observed: np.ndarray, kind: str, mse: bool) -> np.ndarray:
    """V from the usable replicates b_r (R of them): bootstrap sum (b_r - c)(b_r - c)'/(R - 1),
    c their mean, or with mse sum (b_r - b)(b_r - b)'/R about the observed b; jackknife
    (R-1)/R sum (b_r - c)(b_r - c)', c their mean or (mse) b."""
    from mlmcli.missing import stata_matrix

    R = len(good)
    centre = observed if mse else good.mean(axis=0)
    dev = stata_matrix(lambda: good - centre)
    if kind == "bootstrap":  # replicates near 1e300: their cross-products missing, as Stata's
        return stata_matrix(lambda: dev.T @ dev / (R if mse else R - 1))
    return stata_matrix(lambda: (R - 1) / R * dev.T @ dev)


def run_quietly(session, runner, command: str, data, shown: bool = False):
    """Run ``command`` on a replicate's ``data`` without output (``shown``: with it, under
    quietly too, as the prefixes' noisily runs it); its e() (None if it posts none)."""
    session.data = data
    saved = session.out.quiet
    session.out.quiet = 0 if shown else saved + 1
    try:
        runner.execute(command)
    finally:
        session.out.quiet = saved
    return session.e


def _run_on(session, runner, items, command: str, data, shown: bool = False) -> np.ndarray:
    from mlmcli.expr import evaluate_scalar

    run_quietly(session, runner, command, data, shown)
    values = [evaluate_scalar(session, exp) for _, exp in items]
    if any(isinstance(v, str) for v in values):
        raise StataError("type mismatch", 109)
    return np.array(values, float)


def lift_group_mask(session, original, base, chosen):
    """(base, the lifted mask): under ``by`` or ``statsby`` (``session.by_mask``, a group over the
    rows of ``original``) the prefix resamples the group's rows, as statsby.ado's ``if`` on the
    command makes it: of ``chosen`` (the rows ``base`` took from ``original``: e(sample)'s or
    the if/in rows; None: all) only the group's, and the replicates run on them without the
    mask (their data are not the rows it was made for: a mixed replicate met a 40-row mask on
    15 rows).  The caller restores the mask."""
    mask = getattr(session, "by_mask", None)
    if mask is None:
        return base, None
    session.by_mask = None
    rows = np.asarray(mask, bool)
    if chosen is not None:
        rows = rows & np.asarray(chosen, bool)
    restricted = original.copy()
    restricted.take_rows(np.flatnonzero(rows))
    return restricted, mask


def restore_group_mask(session, mask) -> None:
    if mask is not None:
        session.by_mask = mask


def estimation_sample(session, before, nobs: int):
    """e(sample) of an e-class command's full-sample run (None for an r-class one)."""
    e = session.e
    if e is None or e is before or getattr(e, "sample", None) is None or len(e.sample) != nobs:
        return None
    return np.asarray(e.sample, bool)


def _count_function(session, settings: dict, before) -> str | None:
    """jackknife's n(): typed (eclass, rclass, n(), nocount) or implied -- e(N) after an
    e-class command that posts it, else r(N) when the command leaves it (jackknife.ado)."""
    if settings["nfunc"] != "":
        return settings["nfunc"]
    if session.e is not None and session.e is not before and "N" in session.e.scalars:
        return "e(N)"
    return "r(N)" if "N" in getattr(session, "r", {}) else None


def _command_weight(command: str, kind: str):
    """(weight type, expression) on the command, or (None, None); bootstrap.ado refuses weights
    (``syntax [, NONOPTION]``), jackknife.ado aweights (``syntax [fw]``)."""
    from mlmcli.commands.estimation.replicate_weighted import command_weight
    from mlmcli.parser import parse_command

    try:
        parsed = parse_command(command)
    except StataError:
        return None, None
    wkind, wexp = command_weight(parsed)
    if wkind is not None and kind == "bootstrap":
        raise StataError("weights not allowed", 101)
    if wkind == "aweight":
        raise StataError("aweights not allowed", 101)
    return wkind, wexp


def _replicates(session, runner, items, command, settings, kind, base, units, datasets=None, printer=None):
    """(one row of values per replicate, whether each replicate was usable); ``datasets``: the
    replicates' data when not replicate_datasets' (the weighted jackknife); ``printer``: noisily's
    (replicate_prefix_noisily), each run shown."""
    from mlmcli.expr import evaluate_scalar

    reps = settings["reps"] if kind == "bootstrap" else len(units)
    rows, marks = [], []
    for data in datasets if datasets is not None else replicate_datasets(session, settings, kind, base, units):
        if printer is not None:
            printer.replicate(command)
        try:
            values = _run_on(session, runner, items, command, data, printer is not None)
            if settings.get("reject") and is_true(evaluate_scalar(session, settings["reject"])):
                values = np.full(len(items), np.nan)
                if printer is not None:
                    printer.rejected()
        except StataError as err:
            values = np.full(len(items), np.nan)
            if printer is not None:
                printer.failed(err)
        marks.append(bool(np.all(np.isfinite(values))))
        rows.append(values)
    return np.array(rows, float).reshape(reps, len(items)), marks


def replicate_datasets(session, settings, kind, base, units):
    """Each replicate's data: bootstrap's draws of the units (within strata; seed() restarts the
    stream; idcluster() numbers each drawn copy as a cluster of its own), or jackknife's data
    without unit j."""
    rng = None
    if kind == "bootstrap":
        from mlmcli.expr.random_numbers import generator, restart

        if settings["seed"] is not None:
            restart(session, settings["seed"])
        rng = generator(session)
        draw = stratified_draw(base, units, settings)
    reps = settings["reps"] if kind == "bootstrap" else len(units)
    for j in range(reps):
        drawn = draw(rng) if rng is not None else np.delete(np.arange(len(units)), j)
        taken = np.concatenate([units[k] for k in drawn]) if len(drawn) else np.array([], int)
        data = base.copy()
        data.take_rows(taken)
        if settings.get("idcluster") and kind == "bootstrap":
            sizes = np.array([len(units[k]) for k in drawn])
            ends = np.cumsum(sizes)
            identify_units(data, settings["idcluster"], [np.arange(e - m, e) for m, e in zip(sizes, ends)])
        if settings.get("group") and kind == "bootstrap":
            renumber_groups(data, settings)
        yield data


def renumber_groups(data, settings) -> None:
    """bootstrap's group(v) in a replicate, as _loop_bs.ado 1.2.0 after bsample: the rows sorted
    (stably) by strata, idcluster and v, and v replaced by the running number of its distinct
    (strata, idcluster, v) combinations -- a float variable generated anew, so last in the data."""
    import pandas as pd

    name = data.resolve(settings["group"])
    keys = [data.resolve(k) for k in (settings.get("strata"), settings.get("idcluster")) if k] + [name]
    frame = pd.DataFrame({f"k{i}": data.column(k) for i, k in enumerate(keys)})
    order = frame.sort_values(list(frame.columns), kind="stable").index.to_numpy()
    data.take_rows(order)
    ordered = frame.iloc[order].reset_index(drop=True)
    first = np.ones(len(ordered), dtype=bool)
    if len(ordered):
        first[1:] = (ordered.iloc[1:].to_numpy() != ordered.iloc[:-1].to_numpy()).any(axis=1)
    numbers = np.cumsum(first).astype(float)
    data.drop_variables([name])
    data.set_variable(name, numbers, "float")


def is_true(value) -> bool:
    return not isinstance(value, str) and np.isfinite(value) and value != 0


def stratified_draw(base, units, settings):
    """The bootstrap's draw: size() units (default: all of them) with replacement from each
    stratum's units (a unit's stratum: its first row's), strata in order of first appearance."""
    strata = settings.get("strata")
    if strata is None:
        groups = [np.arange(len(units))]
    else:
        import pandas as pd

        name = base.resolve(strata)
        column = pd.Series(base.column(name)).reset_index(drop=True)
        first = column.iloc[[int(u[0]) for u in units]].reset_index(drop=True)
        codes, _ = pd.factorize(first)
        groups = [np.flatnonzero(codes == k) for k in range(codes.max() + 1)] if len(codes) else []
        settings["N_strata"] = len(groups)
    size = settings.get("size")
    for g in groups:
        if size is not None and size > len(g):
            what = "clusters" if settings.get("cluster") else "observations"
            raise StataError(f"size() must not be greater than the number of {what}"
                             + (" within strata" if strata else ""), 498)

    def draw(rng):
        return np.concatenate([g[rng.integers(0, len(g), size or len(g))] for g in groups])
    return draw


def identify_units(data, name: str, units) -> None:
    """A new variable numbering ``units`` (row arrays) 1, 2, ...; other rows missing."""
    values = np.full(data.nobs, np.nan)
    for k, rows in enumerate(units):
        values[rows] = k + 1
    data.set_variable(name, values, "long")


def save_replicates(saving: dict, items, B: np.ndarray, kind: str, command: str, jackknife: dict | None = None) -> None:
    """saving(): one observation per replicate, one variable per statistic (named as in the
    legend, labelled with its expression), float unless double.  jackknife.ado labels the data
    ``jackknife: cmdname`` and stores what it ran: ``_dta[jk_command]`` the whole command (its
    ``s(command)``), ``jk_cmdname``, ``jk_names``, ``jk_nfunction`` (n()'s expression),
    ``jk_cluster``/``jk_N_cluster`` under cluster(), ``jk_N`` the observations used,
    ``jk_version`` 1, and each variable's ``[observed]``, ``[expression]`` and ``[colname]``
    (``jackknife``: those values); bootstrap's file keeps the label ``bootstrap: command``."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta

    names = [name for name, _ in items]
    columns = {name: (B[:, j] if saving["double"] else B[:, j].astype(np.float32).astype(float))
               for j, name in enumerate(names)}
    storage = "double" if saving["double"] else "float"
    ds = Dataset(df=pd.DataFrame(columns), types={v: storage for v in names},
                 formats={v: "%10.0g" if saving["double"] else "%9.0g" for v in names},
                 var_labels={name: exp for name, exp in items}, label=f"{kind}: {command}")
    if jackknife is not None:
        ds.label = f"jackknife: {command.split()[0]}"
        chars = {"jk_command": command, "jk_cmdname": command.split()[0], "jk_names": " ".join(names)}
        if jackknife["nfunc"]:
            chars["jk_nfunction"] = jackknife["nfunc"]
        if jackknife["cluster"]:
            chars.update(jk_cluster=jackknife["cluster"], jk_N_cluster=str(jackknife["n_cluster"]))
        chars["jk_N"] = f"{jackknife['n_obs']:.17g}"
        for (name, exp), b in zip(items, np.asarray(jackknife["observed"], float)):
            chars.update({f"{name}[observed]": f"{b:.17g}", f"{name}[expression]": exp, f"{name}[colname]": name})
        chars["jk_version"] = "1"
        ds.chars = chars
    save_dta(ds, saving["filename"], replace=saving["replace"])


def resampling_units(data, cluster: str | None) -> list[np.ndarray]:
    """The rows of each resampling unit: each observation, or each cluster's (in order of first
    appearance); observations with a missing cluster are left out, as Stata's marksample."""
    if cluster is None:
        return [np.array([i]) for i in range(data.nobs)]
    import pandas as pd

    name = data.resolve(cluster)
    values = pd.Series(data.column(name)).reset_index(drop=True)
    missing = values.isna() | (values == "") if data.is_string(name) else values.isna()
    codes, _ = pd.factorize(values.where(~missing))
    return [np.flatnonzero(codes == k) for k in range(codes.max() + 1)] if (codes >= 0).any() else []


def _post(session, items, observed, V, kind, command, n, reps, settings) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(name for name, _ in items)
    level = settings.get("level") or getattr(session, "level", 95.0)
    scalars = {"N": float(n), "N_reps": float(reps), "level": float(level), "k_exp": float(len(items)),
               "k_eexp": 0.0}
    if kind == "jackknife":
        scalars["df_r"] = float(reps - 1)
    macros = {"cmd": kind, "prefix": kind, "command": command, "exp": " ".join(e for _, e in items),
              "vcetype": kind.capitalize(), "properties": "b V"}
    if settings.get("mse"):  # the variance about the observed values: Stata's starred heading
        macros.update(vcetype="Jknife *" if kind == "jackknife" else "Bstrap *", mse="mse")
    if settings.get("strata"):
        scalars["N_strata"] = float(settings["N_strata"])
        macros["strata"] = settings["strata"]
    if settings.get("size"):
        macros["size"] = str(settings["size"])
    if settings.get("title"):
        macros["title"] = settings["title"]
    matrices = {"b": Matrix(np.atleast_2d(observed), ("y1",), names), "V": Matrix(V, names, names)}
    session.e = EstimationResults(cmd=kind, scalars=scalars, macros=macros, matrices=matrices)


def coef_rows(e, items) -> list:
    """The table's rows from e(b) and e(V): z and normal-based intervals, or (jackknife) t on
    e(df_r), at e(level)."""
    from mlmcli.distributions import norm, t as t_dist
    from mlmcli.results.mixed import CoefRow

    b, V = e.matrices["b"].values[0], e.matrices["V"].values
    df = e.scalars.get("df_r")
    upper = 1 - (1 - e.scalars.get("level", 95.0) / 100) / 2
    rows = []
    for j, (name, _) in enumerate(items):
        se = float(np.sqrt(max(V[j, j], 0.0)))
        stat = b[j] / se if se > 0 else float("nan")
        if df is None:
            p, crit = 2 * norm.sf(abs(stat)), norm.ppf(upper)
        else:
            p, crit = 2 * t_dist.sf(abs(stat), df), t_dist.ppf(upper, df)
        rows.append(CoefRow(name=name, coef=float(b[j]), se=se, stat=stat, p=float(p),
                            ci_lo=b[j] - crit * se, ci_hi=b[j] + crit * se))
    return rows


def render_exp_list(e, items, rows, command: str, kind: str, nfunc: str | None, clusters=None,
                    shown: dict | None = None) -> str:
    """The header (``Number of strata`` with strata()), the legend (``command:``, ``_bs_1:
    r(mean)``, jackknife's ``n():``) and the table of ``rows``; ``shown``: title(), noheader
    (which implies nolegend), nolegend, notable."""
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.render.numfmt import format_number

    shown = shown or {}

    def right(left: str, label: str, value: str) -> str:
        return left.ljust(48) + label.ljust(19) + "=" + value.rjust(10)

    out = [""]
    if not shown.get("noheader"):
        title = e.macros.get("title") or ("Bootstrap results" if kind == "bootstrap" else "Jackknife results")
        block = [("Number of strata", e.scalars["N_strata"])] if "N_strata" in e.scalars else []
        block += [("Number of obs", e.scalars["N"]), ("Replications", e.scalars["N_reps"])]
        out += [right(title if i == 0 else "", label, format_number(value, "%10.0g"))
                for i, (label, value) in enumerate(block)] + [""]
    if not shown.get("nolegend"):
        legend = [("command", command)] + list(items) + ([("n()", nfunc)] if nfunc else [])
        out += [f"{name}:".rjust(14) + "  " + exp for name, exp in legend] + [""]
    if shown.get("notable"):
        return "\n".join(out[:-1] if len(out) > 1 else out)
    if clusters is not None:  # [R] bootstrap: the replicates resampled clusters
        out.append(f"(Replications based on {clusters[0]} clusters in {clusters[1]})".rjust(78))
    from mlmcli.commands.estimation.common import display_formats

    jack = kind == "jackknife"
    out.append(render_coef_table(rows, "", stat_label="t" if jack else "z", level=e.scalars.get("level", 95.0),
                                 vce_label=e.macros.get("vcetype"), **display_formats({})))  # set cformat ...
    return "\n".join(out)
