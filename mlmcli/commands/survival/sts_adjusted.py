"""``sts list`` and ``sts generate`` with ``adjustfor()`` (and ``strata()``): the adjusted
survivor function of mlmcli.survival.adjusted_survivor -- sts.ado's ByStAdj checks, the
listing of List/Listata and Gen's s and h (the only functions it computes with adjustfor())."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def adjusted_setup(session, cmd, opts):
    """(adjust vars, strata vars, group_list, weights) after ByStAdj's checks; the groups are
    the by() groups, or the strata, or one group."""
    from mlmcli.commands.survival.sts import by_variables, groups, st_sample, st_weights
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_rows
    from mlmcli.commands.data.survival_settings import require_st

    if opts.get("strata") and not opts.get("by") and not opts.get("adjustfor"):
        raise StataError("strata() requires adjustfor(); perhaps you mean by()", 198)
    if opts.get("by") and opts.get("strata"):
        raise StataError("options by() and strata() may not be combined", 198)
    adjust = by_variables(session, opts.get("adjustfor"))
    strata = by_variables(session, opts.get("strata"))
    grouping = strata or by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, grouping) & adjusted_rows(session, adjust)
    if not rows.any():
        raise StataError("no observations", 2000)
    weights = st_weights(session, require_st(session.data))
    return adjust, strata, groups(session, grouping, rows), weights


def _choice(adjust, strata):
    from mlmcli.commands.survival.sts_graph_estimates import GraphChoice

    return GraphChoice("survival", False, tuple(adjust), tuple(strata), False, 1.0, "epanechnikov", (), True)


def list_adjusted(session, cmd, opts, description, saving=None) -> None:
    """List's adjustfor() branch: the table (every distinct time), Listata (at()), Licomp
    (compare, default at(10)); at(#) is Reat's grid over the adjusted rows' times; ``enter`` is
    never read there (the adjusted rows have no entries); saving() after the listing."""
    from types import SimpleNamespace

    from mlmcli.commands.survival.sts import show_st
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_tables
    from mlmcli.commands.survival.sts import at_times, compare_texts, group_key
    from mlmcli.commands.survival.sts_list_saving import save_adjusted, save_compare
    from mlmcli.render.survival_sts import render_sts_compare
    from mlmcli.render.survival_sts_adjusted import render_sts_list_adjusted
    from mlmcli.survival.km_listing import grid

    for name in ("cumhaz", "na"):
        if opts.get(name):
            raise StataError(f"options adjustfor() and {name} may not be combined", 198)
    if opts.get("strata") and not opts.get("by") and not opts.get("adjustfor"):
        raise StataError("strata() requires adjustfor(); perhaps you mean by()", 198)
    if opts.get("by") and opts.get("strata"):
        raise StataError("options by() and strata() may not be combined", 198)
    compare = bool(opts.get("compare"))
    if compare and not (opts.get("by") or opts.get("strata")):
        raise StataError("compare requires by() or strata()", 198)
    at_text = opts.get("at") or ("10" if compare else None)
    at = at_times(str(at_text)) if at_text else None
    adjust, strata, group_list, weights = adjusted_setup(session, cmd, opts)
    grouping = strata or by_variables_of(session, opts)
    failure = bool(opts.get("failure"))
    show_st(session, opts, description)
    tables = [(times, 1.0 - surv if failure else surv) for times, surv, _ in
              adjusted_tables(session, _choice(adjust, strata), group_list, weights)]
    if isinstance(at, tuple):  # Reat over KeepDead's rows of every group
        at = grid([SimpleNamespace(time=times) for times, _ in tables], at[1])
    keys = [group_key(session, grouping, mask) for _, _, mask in group_list]
    if compare:
        values = [[_compare_value(times, value, u) for u in at] for times, value in tables]
        chunks = [(grouping, [compare_texts(session, grouping, key) for key in keys[i:i + 6]], values[i:i + 6])
                  for i in range(0, len(keys), 6)]
        function = "failure" if failure else "survival"
        session.print(render_sts_compare(chunks, function, at, adjusted=True)
                      + f"\n{'Failure' if failure else 'Survivor'} function adjusted for {' '.join(adjust)}")
        if saving:
            save_compare(session, *saving, grouping, keys, at, values, function, adjusted=True)
        return
    listed = []
    for (_, heading, _), (times, value) in zip(group_list, tables):
        if at is None:
            listed.append((heading, list(zip(times, value))))
            continue
        rows = []
        for u in at:  # Listata: the row in effect at u; before the first time 1 (0), after the last "."
            i = int(np.searchsorted(times, u, side="right")) - 1
            rows.append((u, (0.0 if failure else 1.0) if i < 0 else np.nan if u > times[-1] else value[i]))
        listed.append((heading, rows))
    session.print(render_sts_list_adjusted(listed, failure, adjust, at is not None))
    if saving:
        save_adjusted(session, *saving, grouping, [(key, rows) for key, (_, rows) in zip(keys, listed)], failure,
                      at is not None)


def by_variables_of(session, opts) -> list[str]:
    from mlmcli.commands.survival.sts import by_variables

    return by_variables(session, opts.get("by"))


def _compare_value(times, value, u) -> float:
    """Licompu: 1 before the group's first row (the failure function too), missing after its
    last unless u is that time, else the row in effect."""
    i = int(np.searchsorted(times, u, side="right")) - 1
    if i < 0:
        return 1.0
    if i == times.size - 1 and times[i] != u:
        return float("nan")
    return float(value[i])


def generate_adjusted(session, cmd, opts, pairs, kept=None) -> None:
    """Gen with adjustfor(): s is S(t+0) at each record's _t, h the baseline hazard
    contribution on the failing records; any other function is an error."""
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_fit

    other = [(name, fn) for name, fn in pairs if fn not in ("s", "h", "dchaz")]
    if other and opts.get("adjustfor"):
        name, fn = other[-1]
        raise StataError(f"cannot calculate {name}{'==' if fn == 'd' else '='}{fn} with adjustfor()", 198)
    pairs = pairs if kept is None else kept  # Gen's one newvar per function
    adjust, strata, group_list, weights = adjusted_setup(session, cmd, opts)
    rows, _, bases = adjusted_fit(session, adjust, strata, group_list, weights)
    where = np.flatnonzero(rows)
    values = {"s": np.full(session.data.nobs, np.nan), "h": np.full(session.data.nobs, np.nan)}
    for b in bases:
        values["s"][where[b.rows]] = b.survival
        values["h"][where[b.rows]] = b.hazard
    labels = {"s": "S(t+0), adjusted", "h": "Delta_H(t), adjusted"}
    for name, fn in pairs:  # all at once: a failing sts generate leaves the data unchanged
        fn = "h" if fn == "dchaz" else fn
        # DoAdjust with by(): gen double, filled group by group; otherwise stcox's own bases()/basehc()
        session.data.set_variable(name, values[fn], "double" if opts.get("by") else "float")
        session.data.var_labels[name] = labels[fn]
