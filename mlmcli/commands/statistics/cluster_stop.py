"""``cluster stop`` (cluster_stop.ado): the Calinski-Harabasz pseudo-F (rule(calinski), the
default) and the Duda-Hart Je(2)/Je(1) with its pseudo T-squared (rule(duda), hierarchical
analyses only), over groups() of a hierarchical analysis or the one partition of kmeans.
r(calinski_#), r(duda_#), r(dudat2_#) and the labels; matrix() saves them."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.statistics import cluster_objects as store
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

STOP_OPTIONS = [OptionSpec("rule", 1, takes_arg=True), OptionSpec("groups", 2, takes_arg=True),
                OptionSpec("matrix", 3, takes_arg=True), OptionSpec("variables", 3, takes_arg=True)]


def _counts(text, low: int, high: int) -> list[int]:
    from mlmcli.syntax.numlist import numlist

    values = numlist(text)
    if any(v != int(v) for v in values):
        raise StataError("invalid numlist has noninteger elements", 126)
    counts = sorted(int(v) for v in values)
    if any(c < low or c > high for c in counts):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    return counts


def cluster_stop(session, cmd) -> None:
    from mlmcli.commands.statistics.cluster_generate import tree_groups
    from mlmcli.multivariate.cluster_analysis import calinski, duda
    from mlmcli.render.cluster_stop import render_calinski, render_duda

    ds = session.data
    opts = resolve_options(cmd.options, STOP_OPTIONS)
    current = store.names(ds)
    words = (cmd.args or "").split()
    if not current:
        raise StataError("no cluster solutions currently defined", 198)
    name = store.expand(ds, words[0], onlyone=True)[0] if words else current[0]
    r = store.query(ds, name)
    rule = str(opts.get("rule") or "calinski").strip().lower()
    if len(rule) >= 3 and "calinski".startswith(rule):
        rule = "calinski"
    elif rule != "duda":
        raise StataError(f"unrecognized command:  clstop_{rule}", 199)
    if opts.get("variables"):
        names = ds.expand_varlist(str(opts["variables"]))
    else:
        tags = [k[1:-4] for k in r if k.startswith("o") and k.endswith("_tag") and r[k] == "varlist"]
        names = r[f"o{tags[0]}_val"].split() if tags else []
    if not names:
        tags = [k[1:-4] for k in r if k.startswith("o") and k.endswith("_tag") and r[k] == "cmd"]
        if tags and r[f"o{tags[0]}_val"].split()[:1] == ["clustermat"]:
            raise StataError("variables() option required after clustermat", 198)
        raise StataError(f"original varlist was not saved in {name}", 198)
    matrix_name = str(opts.get("matrix") or "").strip()
    result: dict = {}
    if r.get("groupvar"):
        if rule == "duda":
            raise StataError("rule(duda) allowed only with hierarchical clustering", 198)
        if opts.get("groups"):
            raise StataError("groups() invalid", 198)
        groups = ds.numeric(r["groupvar"])
        rows = ~np.isnan(groups)
        x = np.column_stack([ds.numeric(n)[rows] for n in names])
        count = int(np.nanmax(groups))
        plan = [(count, groups[rows], None)]
    else:
        n = int(np.nanmax(ds.numeric(r["ordervar"])))
        if rule == "calinski":
            counts = _counts(opts["groups"], 2, n - 1) if opts.get("groups") else list(range(2, min(n - 1, 15) + 1))
        else:
            counts = _counts(opts["groups"], 1, n - 2) if opts.get("groups") else list(range(1, min(n, 17) - 1))
        rows, x, plan = None, None, []
        for count in counts:
            try:
                rows, fewer = tree_groups(ds, name, count, "skip" if rule == "calinski" else "error")
                more = tree_groups(ds, name, count + 1, "error")[1] if rule == "duda" else None
            except StataError:
                continue
            if fewer is None:
                continue
            plan.append((count, fewer, more))
        if rows is not None:
            x = np.column_stack([ds.numeric(v)[rows] for v in names])
    if not plan:
        return
    if rule == "calinski":
        values = [calinski(x, fewer) for _, fewer, _ in plan]
        result = {f"calinski_{c}": v for (c, _, _), v in zip(plan, values)}
        result.update(rule="calinski", label="C-H pseudo-F", longlabel="Calinski & Harabasz pseudo-F")
        table = [[c, v] for (c, _, _), v in zip(plan, values)]
        session.print(render_calinski([c for c, _, _ in plan], values))
    else:
        pairs = [duda(x, fewer, more) for _, fewer, more in plan]
        for (c, _, _), (ratio, t2) in zip(plan, pairs):
            result[f"duda_{c}"], result[f"dudat2_{c}"] = ratio, t2
        result.update(rule="duda", label="D-H Je(2)/Je(1)", longlabel="Duda & Hart Je(2)/Je(1)",
                      label2="D-H pseudo T-squared", longlabel2="Duda & Hart pseudo T-squared")
        table = [[c, ratio, t2] for (c, _, _), (ratio, t2) in zip(plan, pairs)]
        session.print(render_duda([c for c, _, _ in plan], [p[0] for p in pairs], [p[1] for p in pairs]))
    session.set_r(result)
    if matrix_name:
        from mlmcli.results.matrix import Matrix
        values = np.array(table, float)
        session.matrices[matrix_name] = Matrix(values, tuple(f"r{i + 1}" for i in range(len(values))),
                                               tuple(f"c{j + 1}" for j in range(values.shape[1])))
