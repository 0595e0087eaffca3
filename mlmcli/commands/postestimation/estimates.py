"""Stored estimation results and the listings of stored results.

``estimates store|restore|replay|dir|drop|clear|table|stats|query``,
``ereturn list``, ``return list`` and ``matrix list`` with Stata's syntax,
messages and r() results.  ``lrtest`` lives in ``lrtest_cmd``; ``test`` and
``lincom`` in ``linear_hypotheses``.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import parse_coef_name, split_eq
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE

MIXED_CMDS = ("mixed", "xtmixed")


# ====================================================================== helpers
HELP = {
    "estimates": "estimates store name | restore name | replay [names] | dir [names] | drop names | clear"
                 " | table [names] [, b se t p star stats(N ll aic bic)] | stats [names] | query",
    "ereturn": "ereturn list -- list e() results.",
    "return": "return list -- list r() results.",
    "matrix": "matrix list e(b) | e(V) | r(name) [, format(%fmt)]",
}


def lookup_estimates(session, name: str):
    """A stored result set by name (``.`` = the active results)."""
    if name == ".":
        if session.e is None:
            raise StataError("last estimates not found", 301)
        return session.e
    if name not in session.estimates:
        raise StataError(f"estimation result {name} not found", 111)
    return session.estimates[name]


def _expand_names(session, words: list[str]) -> list[str]:
    """Names with ``*``/``?`` wildcards and ``_all`` expanded over the stored names."""
    import fnmatch
    out: list[str] = []
    for w in words:
        if w in ("_all", "*"):
            out.extend(n for n in session.estimates if n not in out)
        elif any(ch in w for ch in "*?"):
            hits = [n for n in session.estimates if fnmatch.fnmatchcase(n, w)]
            if not hits:
                raise StataError(f"estimation result {w} not found", 111)
            out.extend(h for h in hits if h not in out)
        else:
            out.append(w)
    return out


def _npar(e) -> int:
    if "rank" in e.scalars:
        return int(e.scalars["rank"])
    b = e.matrices.get("b")
    return len(b.colnames) if b is not None else 0


def _active_name(session) -> str:
    e = session.e
    return e.macros.get("_estimates_name", "") if e is not None else ""


# ====================================================================== estimates
# (name, minimal abbreviation) in Stata's order of matching (estimates.ado): ``r``/``re``/``rep``
# are replay, ``res`` restore; ``drop`` and ``clear`` must be typed in full
_SUBS = [("query", 1), ("store", 3), ("restore", 3), ("change", 6), ("for", 3), ("dir", 3),
         ("stats", 4), ("table", 3), ("replay", 1), ("drop", 4), ("notes", 4), ("title", 5),
         ("clear", 5), ("describe", 3), ("save", 4), ("use", 3)]


def cmd_estimates(session, cmd) -> None:
    """``estimates subcommand ...`` (``estimates`` alone replays the active results)."""
    words = cmd.args.split()
    if not words:
        if session.e is not None:
            _replay(session, cmd, ["."])
        return
    key = words[0]
    sub = next((n for n, k in _SUBS if len(key) >= k and n.startswith(key)), None)
    if sub is None:
        raise StataError(f"subcommand estimates {key} is unrecognized", 198)
    rest = words[1:]
    handler = {"store": _store, "restore": _restore, "replay": _replay, "dir": _dir, "drop": _drop,
               "clear": _clear, "table": _table, "stats": _stats, "query": _query,
               "title": _title}.get(sub)
    if handler is None:
        raise StataError(f"estimates {sub} is not implemented in mlmcli", 199)
    handler(session, cmd, rest)


def _title(session, cmd, words) -> None:
    """``estimates title`` shows e(estimates_title); ``estimates title: text`` sets it."""
    if session.e is None:
        raise StataError("last estimates not found", 301)
    text = cmd.args.split(None, 1)[1] if len(cmd.args.split(None, 1)) > 1 else ""
    if text.startswith(":"):
        macros = dict(session.e.macros)
        macros["estimates_title"] = text[1:].strip()
        design = getattr(session.e, "design", None)
        session.e = dataclasses.replace(session.e, macros=macros)
        if design is not None:
            session.e.design = design
    elif text:
        raise StataError("invalid syntax", 198)
    elif session.e.macros.get("estimates_title"):
        session.print(session.e.macros["estimates_title"])


def _store(session, cmd, names) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("title", 5, takes_arg=True), OptionSpec("nocopy", 6)])
    if len(names) != 1:
        raise StataError("invalid syntax" if names else "name required", 198)
    name = names[0]
    if not NAME_RE.match(name) or name in ("_all", "."):
        raise StataError(f"{name} invalid name", 198)
    e = session.e
    if e is None:
        raise StataError("last estimation results not found, nothing to store", 301)
    macros = dict(e.macros)
    macros["_estimates_name"] = name
    title = opts.get("title")
    if isinstance(title, str):
        macros["estimates_title"] = title.strip().strip('"')
    e = dataclasses.replace(e, macros=macros)
    if hasattr(session.e, "design"):
        e.design = session.e.design
    session.e = e
    session.estimates[name] = e


def _restore(session, cmd, names) -> None:
    resolve_options(cmd.options, [OptionSpec("drop", 4)])
    if len(names) != 1:
        raise StataError("invalid syntax", 198)
    name = names[0]
    session.e = lookup_estimates(session, name)
    if cmd.options:
        session.estimates.pop(name, None)
    session.print(f"(results {name} are active now)")


def _replay(session, cmd, names) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("noheader", 5)])
    names = _expand_names(session, names) if names else ["."]
    for name in names:
        e = lookup_estimates(session, name)
        session.print()
        session.print("-" * session.linesize)
        label = _active_name(session) if name == "." else name
        title = e.macros.get("estimates_title", "")
        session.print((f"Model {label}" + (f" ({title})" if title else "")) if label else "active results")
        session.print("-" * session.linesize)
        _replay_results(session, e, bool(opts.get("noheader")))


def _replay_results(session, e, noheader: bool = False) -> None:
    if e.cmd in MIXED_CMDS:
        from mlmcli.render.mixed_display import render_mixed
        session.print(render_mixed(e.result, noheader=noheader, linesize=session.linesize))
    elif e.cmd == "regress":
        from mlmcli.render.regress_table import render_regress
        session.print(render_regress(e.result, linesize=session.linesize))
    else:
        raise StataError(f"cannot replay {e.cmd} results", 321)


def _dir(session, cmd, names) -> None:
    """``estimates dir [names]``: name, command, depvar, number of parameters (colsof e(b)), title."""
    opts = resolve_options(cmd.options, [OptionSpec("width", 1, takes_arg=True)])
    names = _expand_names(session, names) if names else list(session.estimates)
    rows = []
    for name in names:
        e = lookup_estimates(session, name)
        b = e.matrices.get("b")
        npar = len(b.colnames) if b is not None else 0
        dep = e.macros.get("depvar", "").split()
        depn = "no depvar" if not dep else (dep[0] if len(dep) == 1 else "mult. depvar")
        rows.append((name, e.cmd, depn, npar, e.macros.get("estimates_title", "")))
    if not rows:
        return
    longest = max([8] + [len(r[4]) for r in rows])
    if "width" in opts:
        try:
            piece = max(int(opts["width"]), 60) - 48
        except ValueError:
            raise StataError("option width() incorrectly specified", 198) from None
    else:
        piece = min(session.linesize - 47, longest)
    from mlmcli.render.postest_extra import render_estimates_dir
    session.print(render_estimates_dir(rows, title_width=piece))
    session.set_r({"names": " ".join(names)})


def _drop(session, cmd, names) -> None:
    resolve_options(cmd.options, [])
    if not names:
        raise StataError("name required", 198)
    for name in _expand_names(session, names):
        if name == ".":
            continue
        if name not in session.estimates:
            raise StataError(f"estimation result {name} not found", 111)
        del session.estimates[name]
        if session.e is not None and _active_name(session) == name:
            # the active results are no longer stored under that name
            macros = {k: v for k, v in session.e.macros.items()
                      if k not in ("_estimates_name", "estimates_title")}
            design = getattr(session.e, "design", None)
            session.e = dataclasses.replace(session.e, macros=macros)
            if design is not None:
                session.e.design = design


def _clear(session, cmd, names) -> None:
    resolve_options(cmd.options, [])
    if names:
        raise StataError("invalid syntax", 198)
    session.estimates.clear()


def _query(session, cmd, names) -> None:
    e = session.e
    if e is None:
        session.print("(no estimation results)")
        return
    name = _active_name(session)
    if name:
        session.print(f"(active results produced by {e.cmd}; also stored as {name})")
    else:
        session.print(f"(active results produced by {e.cmd}; not yet stored)")


def _stats(session, cmd, names) -> None:
    """``estimates stats [namelist] [, n(#)]``: the estat ic table for several models."""
    opts = resolve_options(cmd.options, [OptionSpec("n", 1, takes_arg=True)])
    names = _expand_names(session, names) if names else ["."]
    from mlmcli.commands.postestimation.estat import _print_ic, model_ic_row, sample_size_option
    n = sample_size_option(opts) if "n" in opts else None
    rows = []
    for name in names:
        e = lookup_estimates(session, name)
        row = model_ic_row(e, name if name != "." else (_active_name(session) or "."))
        if n is not None:
            from mlmcli.postest.criteria import with_sample_size
            row = with_sample_size(row, n)
        rows.append(row)
    _print_ic(session, rows)


def _table(session, cmd, names) -> None:
    """``estimates table [namelist] [, b[(fmt)] se[(fmt)] t p star[(#1 #2 #3)] stats(list) keep() drop()]``."""
    opts = resolve_options(cmd.options, [
        OptionSpec("b", 1, takes_arg=True, arg_optional=True),
        OptionSpec("se", 2, takes_arg=True, arg_optional=True),
        OptionSpec("t", 1, takes_arg=True, arg_optional=True),
        OptionSpec("p", 1, takes_arg=True, arg_optional=True),
        OptionSpec("star", 4, takes_arg=True, arg_optional=True),
        OptionSpec("stats", 4, takes_arg=True), OptionSpec("stfmt", 5, takes_arg=True),
        OptionSpec("keep", 4, takes_arg=True), OptionSpec("drop", 4, takes_arg=True),
        OptionSpec("varwidth", 4, takes_arg=True), OptionSpec("modelwidth", 6, takes_arg=True),
        OptionSpec("equations", 2, takes_arg=True), OptionSpec("varlabel", 4),
        OptionSpec("newpanel", 3), OptionSpec("title", 5, takes_arg=True),
    ])
    if opts.get("star") and (opts.get("se") or opts.get("t") or opts.get("p")):
        raise StataError("option star may not be combined with se, t, or p", 198)
    names = _expand_names(session, names) if names else ["."]
    models = [(n if n != "." else "active", lookup_estimates(session, n)) for n in names]
    stats = (opts.get("stats") or "").replace(",", " ").split()
    from mlmcli.render.estimates_table import render_estimates_table
    session.print(render_estimates_table(build_estimates_table(models, opts, stats)))


def stat_value(e, stat: str) -> float:
    """A ``stats()`` entry: an e() scalar, or ``aic``/``bic`` computed as estat ic does."""
    if stat in ("aic", "bic"):
        from mlmcli.commands.postestimation.estat import model_ic_row
        row = model_ic_row(e)
        return row.aic if stat == "aic" else row.bic
    return float(e.scalars.get(stat, np.nan))


def build_estimates_table(models, opts: dict, stats: list[str]):
    """Coefficient rows over the models: equations and names in first-seen order."""
    from scipy import stats as st

    from mlmcli.results.postestimation import (EstimatesTableResult, EstTableCell, EstTableEquation,
                                               EstTableRow)
    star = opts.get("star")
    levels = (0.05, 0.01, 0.001)
    if isinstance(star, str):
        try:
            levels = tuple(float(x) for x in star.split())
        except ValueError:
            raise StataError("star() invalid", 198) from None
        if len(levels) != 3:
            raise StataError("star() invalid", 198)
    show = tuple(k for k in ("b", "se", "t", "p") if k == "b" or opts.get(k))
    order: list[str] = []
    names_by_eq: dict[str, list[str]] = {}
    per_model = []
    for _, e in models:
        b, V, cols = _bv(e)
        se = np.sqrt(np.maximum(np.diag(V), 0))
        df_r = e.scalars.get("df_r") if e.cmd not in MIXED_CMDS else None
        d = {}
        for j, full in enumerate(cols):
            name = parse_coef_name(full)
            eq, nm = split_eq(full)
            z = b[j] / se[j] if se[j] > 0 else np.nan
            p = float(2 * (st.t.sf(abs(z), df_r) if df_r else st.norm.sf(abs(z)))) if np.isfinite(z) else np.nan
            d[(eq, nm)] = EstTableCell(float(b[j]), float(se[j]), float(z), p, omitted=name.is_omitted,
                                       base=name.is_base_or_omitted and not name.is_omitted)
            if eq not in names_by_eq:
                names_by_eq[eq] = []
                order.append(eq)
            if nm not in names_by_eq[eq]:
                names_by_eq[eq].append(nm)
        per_model.append(d)
    keep = (opts.get("keep") or "").split()
    drop = (opts.get("drop") or "").split()
    equations = []
    for eq in order:
        rows = []
        for nm in names_by_eq[eq]:
            full = f"{eq}:{nm}"
            if (keep and nm not in keep and full not in keep) or nm in drop or full in drop:
                continue
            rows.append(EstTableRow(nm, tuple(d.get((eq, nm)) for d in per_model)))
        if rows:
            equations.append(EstTableEquation(eq if len(order) > 1 and eq else None, tuple(rows)))
    stat_rows = tuple((s, tuple(stat_value(e, s) for _, e in models)) for s in stats)
    return EstimatesTableResult(models=tuple(n for n, _ in models), equations=tuple(equations),
                                stats=stat_rows, show=show, star=bool(star), star_levels=levels,
                                b_format=_fmt(opts.get("b")), se_format=_fmt(opts.get("se")),
                                t_format=_fmt(opts.get("t")), p_format=_fmt(opts.get("p")),
                                stats_format=_fmt(opts.get("stfmt")))


def _fmt(value) -> str | None:
    """A typed ``%fmt`` (None when absent); an invalid one is Stata's r(120)."""
    from mlmcli.render.numfmt import is_valid_format

    if not (isinstance(value, str) and value.strip()):
        return None
    if not is_valid_format(value.strip()):
        raise StataError("invalid %format", 120)
    return value.strip()


def _bv(e):
    b = e.matrices.get("b")
    V = e.matrices.get("V")
    if b is None or V is None:
        raise StataError("last estimates not found", 301)
    return np.asarray(b.values, float).ravel(), np.asarray(V.values, float), tuple(b.colnames)


# ====================================================================== ereturn / return
def cmd_ereturn(session, cmd) -> None:
    """``ereturn list``: e() scalars, macros, matrices, functions."""
    words = cmd.args.split()
    if not words or not "list".startswith(words[0]) or len(words[0]) < 1:
        raise StataError("invalid syntax" if words else "subcommand required", 198)
    if words[0] not in ("li", "lis", "list", "l"):
        raise StataError(f"invalid subcommand {words[0]}" if words else "invalid syntax", 198)
    e = session.e
    if e is None:
        return
    from mlmcli.render.postest_extra import render_results_list
    scalars = {k: v for k, v in e.scalars.items() if np.isscalar(v)}
    macros = dict(e.macros)
    macros.setdefault("cmd", e.cmd)
    mats = {k: v for k, v in e.matrices.items()}
    session.print(render_results_list("e", _order_scalars(scalars), _order_macros(macros), mats,
                                      ("sample",) if e.sample is not None else ()))


def _order_scalars(d: dict) -> dict:
    return dict(sorted(d.items(), key=lambda kv: (kv[0] not in ("N",), 0)))


def _order_macros(d: dict) -> dict:
    return dict(sorted(d.items(), key=lambda kv: (kv[0].startswith("_"), kv[0] not in ("cmd", "cmdline"))))


def cmd_return(session, cmd) -> None:
    """``return list``: r() of the last r-class command."""
    words = cmd.args.split()
    if not words or words[0] not in ("li", "lis", "list", "l"):
        raise StataError("invalid syntax", 198)
    from mlmcli.render.postest_extra import render_results_list
    from mlmcli.results.matrix import Matrix
    scalars, macros, mats = {}, {}, {}
    for k, v in session.r.items():
        if isinstance(v, Matrix) or isinstance(v, np.ndarray):
            mats[k] = v
        elif isinstance(v, str):
            macros[k] = v
        else:
            scalars[k] = v
    text = render_results_list("r", scalars, macros, mats)
    if text:
        session.print(text)


# ====================================================================== matrix
def cmd_matrix(session, cmd) -> None:
    """``matrix list e(b)|e(V)|r(name)|name [, format(%fmt) noheader nonames]``."""
    text = cmd.args.strip()
    body, _, opt_text = text.partition(",")
    words = body.split()
    if not words:
        raise StataError("invalid syntax", 198)
    sub = words[0]
    if sub in ("list", "li", "lis", "l") or ("list".startswith(sub) and len(sub) >= 1 and sub[0] == "l"):
        if len(words) != 2:
            raise StataError("invalid syntax", 198)
        fmt = "%10.0g"
        for m in re.finditer(r"(\w+)(?:\(([^)]*)\))?", opt_text):
            name, arg = m.group(1), m.group(2)
            if "format".startswith(name) and len(name) >= 3 and arg:
                fmt = _fmt(arg)
            elif name not in ("noheader", "nohalf", "nonames", "noblank"):
                raise StataError(f"option {name} not allowed", 198)
        return _matrix_list(session, words[1], fmt)
    if sub in ("dir",):
        return
    raise StataError(f"matrix {sub} is not implemented in mlmcli", 199)


def _matrix_list(session, ref: str, fmt: str) -> None:
    from mlmcli.render.postest_extra import render_matrix_list
    from mlmcli.results.matrix import Matrix
    m = re.match(r"^([er])\((\w+)\)$", ref)
    if m:
        kind, name = m.groups()
        src = (session.e.matrices if session.e is not None else {}) if kind == "e" else \
            {k: v for k, v in session.r.items() if isinstance(v, Matrix)}
        mat = src.get(name)
    else:
        mat = getattr(session, "matrices", {}).get(ref) if hasattr(session, "matrices") else None
    if mat is None:
        raise StataError(f"matrix {ref} not found", 111)
    vals = np.atleast_2d(np.asarray(mat.values, float))
    symmetric = vals.shape[0] == vals.shape[1] and vals.shape[0] > 1 and np.allclose(vals, vals.T) \
        and tuple(mat.rownames) == tuple(mat.colnames)
    session.print(render_matrix_list(ref, vals, mat.rownames, mat.colnames, symmetric=symmetric, fmt=fmt))
