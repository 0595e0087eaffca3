"""``mi``: the subset of Stata's multiple-imputation suite real do-files use.

    mi set wide|mlong|flong|M = #           mi register imputed|passive|regular varlist
    mi unregister varlist                   mi import wide, imputed(x = x1 x2 ... [y = ...])
                                                [passive(...) drop clear dupsok]
    mi describe [, detail]                  mi query
    mi extract # [, clear]                  mi xtset|tsset|svyset ...    (commands/data/mi_extract.py)
    mi convert wide|mlong|flong [, clear noupdate]   (mlmcli/mi/conversion.py)
    mi estimate [, options]: estimation command   (commands/estimation/mi_estimate.py)

The settings live in the dataset's characteristics (``mlmcli.mi.styles``), so a saved
file keeps them.  ``mi impute`` and the other subcommands mlm does not have stop with
r(199) and say so; an option mlm does not build is refused (r(198)).  ``mi impute`` is
commands/data/mi_impute.py; ``mi set M = #`` adds imputations that copy m = 0 or drops them.
"""
from __future__ import annotations

import re
import time

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import fit_storage
from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

def cmd_mi(session, cmd) -> None:
    m = re.match(r"\s*([^\W\d]\w*)(.*)\Z", cmd.args, re.S)
    if m is None:
        raise StataError("invalid syntax", 198)
    MI_SUBCOMMANDS.handler(m.group(1))(session, m.group(2))


def _stamp(ds) -> None:
    ds.chars["_mi_update"] = time.strftime("%d%b%Y %H:%M:%S", time.localtime()).lower()
    ds.changed = True


def _update_missing_flag(ds) -> None:
    """``_mi_miss``: 1 on the m = 0 rows where a registered imputed variable is missing."""
    flags = styles.incomplete_rows(ds).astype(np.int8)
    if styles.style(ds) == "wide":
        ds.set_variable("_mi_miss", flags, "byte")
    else:
        values = np.full(ds.nobs, np.nan)
        values[styles.original_rows(ds)] = flags
        ds.set_variable("_mi_miss", values, "byte")


def commit_mi_data(session, new) -> None:
    """The changed mi data in memory: ``_mi_miss`` recomputed, the update time stamped."""
    _update_missing_flag(new)
    _stamp(new)
    session.data = new


# ---------------------------------------------------------------- set, register
def _set(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    words = body.split()
    if re.match(r"\s*M\b", body):
        _set_M(session, body)
        return
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    word = words[0].lower()
    if re.match(r"m\b|m[-+]?=", word):
        _set_M(session, body)
        return
    if word == "flongsep":
        raise StataError("mi set flongsep is not implemented in mlm; use wide, mlong or flong", 198)
    if word not in styles.STYLES:
        raise StataError(f"mi set {word}: style must be wide, mlong, flong or flongsep", 198)
    ds = session.data
    if styles.is_set(ds):
        raise StataError(f"data are already mi set ({styles.style(ds)})", 459)
    for name in styles.SYSTEM:
        if name in ds.df.columns:
            raise StataError(f"variable {name} already defined", 110)
    new = ds.copy()
    new.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": word, "_mi_M": "0",
                      "_mi_ivars": "", "_mi_pvars": "", "_mi_rvars": ""})
    if word != "wide":
        new.set_variable("_mi_m", np.zeros(new.nobs, dtype=np.int16), "int")
        new.set_variable("_mi_id", np.arange(1, new.nobs + 1, dtype=np.int32), "long")
    commit_mi_data(session, new)


def _set_M(session, body: str) -> None:
    """``mi set M = #``, ``M += #``, ``M -= #``: imputations added as copies of m = 0 or dropped."""
    from mlmcli.mi.imputation_storage import with_imputations

    m = re.match(r"\s*M\s*([-+]?)=\s*(\d+)\s*\Z", body)
    if m is None:
        raise StataError("mi set M: specify M = #, M += # or M -= #", 198)
    ds = session.data
    styles.require_set(ds)
    M = styles.n_imputations(ds)
    n = int(m.group(2))
    target = {"": n, "+": M + n, "-": M - n}[m.group(1)]
    if target < 0 or target > styles.MAX_IMPUTATIONS:
        raise StataError(f"M must be between 0 and {styles.MAX_IMPUTATIONS}", 198)
    new = with_imputations(ds, target)
    if target > M:
        session.print(f"({target - M} imputation{'s' if target - M != 1 else ''} added; M = {target})")
    elif target < M:
        session.print(f"({M - target} imputation{'s' if M - target != 1 else ''} dropped; M = {target})")
    commit_mi_data(session, new)


def _register(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    words = body.split()
    if not words:
        raise StataError("invalid syntax", 198)
    kinds = {"imputed": "ivars", "passive": "pvars", "regular": "rvars"}
    kind = next((v for k, v in kinds.items() if len(words[0]) >= 3 and k.startswith(words[0].lower())), None)
    if kind is None:
        raise StataError(f"mi register: {words[0]} invalid; specify imputed, passive or regular", 198)
    names = ds.expand_varlist(words[1:])
    for n in names:
        if n in styles.SYSTEM or n in styles.imputation_columns(ds):
            raise StataError(f"variable {n} is an mi system variable", 198)
        if kind != "rvars" and ds.is_string(n):
            raise StataError(f"variable {n} is a string; imputed and passive variables must be numeric", 109)
    M = styles.n_imputations(ds)
    if kind == "ivars" and M > 0 and styles.style(ds) == "mlong":
        raise StataError("mlm registers imputed variables of mlong data only while M = 0", 459)
    new = ds.copy()
    for other in kinds.values():
        keep = [v for v in new.chars.get(f"_mi_{other}", "").split() if v not in names]
        new.chars[f"_mi_{other}"] = " ".join(keep + (names if other == kind else []))
    if kind != "rvars" and styles.style(new) == "wide":
        for n in names:
            for m in range(1, M + 1):
                if styles.wide_name(m, n) not in new.df.columns:
                    new.set_variable(styles.wide_name(m, n), new.df[n].to_numpy(), new.types.get(n))
    commit_mi_data(session, new)


def _unregister(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    names = ds.expand_varlist(rest.split())
    new = ds.copy()
    for kind in ("ivars", "pvars", "rvars"):
        new.chars[f"_mi_{kind}"] = " ".join(v for v in new.chars.get(f"_mi_{kind}", "").split() if v not in names)
    drop = [styles.wide_name(m, n) for n in names for m in range(1, styles.n_imputations(ds) + 1)
            if styles.style(ds) == "wide" and styles.wide_name(m, n) in new.df.columns]
    if drop:
        new.drop_variables(drop)
    commit_mi_data(session, new)


# ---------------------------------------------------------------- import wide
IMPORT_WIDE_OPTIONS = [OptionSpec("imputed", 3, takes_arg=True), OptionSpec("passive", 4, takes_arg=True),
                       OptionSpec("dupsok", 6), OptionSpec("drop", 4), OptionSpec("clear", 5)]


def _mvlist(ds, text: str, option: str) -> list[tuple[str, list[str | None]]]:
    """``x = x1 x2 x3 y = y1 . y3`` -> [(x, [x1, x2, x3]), (y, [y1, None, y3])]."""
    tokens = re.findall(r"=|[^\s=]+", text)
    groups: list[tuple[str, list[str | None]]] = []
    i = 0
    while i < len(tokens):
        if i + 1 >= len(tokens) or tokens[i + 1] != "=" or tokens[i] == "=":
            raise StataError(f"{option}() invalid: specify name = varlist ...", 198)
        name = ds.resolve(tokens[i])
        i += 2
        sources: list[str | None] = []
        while i < len(tokens) and tokens[i] != "=" and not (i + 1 < len(tokens) and tokens[i + 1] == "="):
            sources.append(None if tokens[i] == "." else tokens[i])
            i += 1
        expanded: list[str | None] = []
        for s in sources:
            expanded.extend([None] if s is None else ds.expand_varlist([s]))
        if not expanded:
            raise StataError(f"{option}(): no imputations of {name}", 198)
        groups.append((name, expanded))
    return groups


def _import(session, rest: str) -> None:
    m = re.match(r"\s*([A-Za-z]+)(.*)\Z", rest, re.S)
    kind = m.group(1).lower() if m else ""
    if kind != "wide":
        raise StataError(f"mi import {kind or '?'} is not implemented in mlm; mlm imports wide-like data"
                         " (mi import wide)", 198)
    body, options, _ = split_options(m.group(2))
    if body.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, IMPORT_WIDE_OPTIONS)
    ds = session.data
    if styles.is_set(ds):
        raise StataError("data are already mi set", 459)
    imputed = _mvlist(ds, opts.get("imputed", ""), "imputed")
    passive = _mvlist(ds, opts.get("passive", ""), "passive")
    groups = imputed + passive
    if not groups:
        raise StataError("mi import wide: nothing to import; specify imputed() or passive()", 198)
    M = len(groups[0][1])
    if any(len(src) != M for _, src in groups):
        raise StataError("mi import wide: the same number of imputations must be specified for each variable", 198)
    targets = [n for n, _ in groups]
    if len(set(targets)) != len(targets):
        raise StataError("mi import wide: a variable is specified more than once", 198)
    used = [s for _, src in groups for s in src if s is not None]
    if not opts.get("dupsok") and len(set(used)) != len(used):
        raise StataError("mi import wide: a variable is posted more than once; specify dupsok if you mean it", 198)
    for name in targets:
        if ds.is_string(name):
            raise StataError(f"variable {name} is a string; imputed and passive variables must be numeric", 109)
        for j in range(1, M + 1):
            if styles.wide_name(j, name) in ds.df.columns:
                raise StataError(f"variable {styles.wide_name(j, name)} already defined", 110)
    new = ds.copy()
    new.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "wide", "_mi_M": str(M),
                      "_mi_ivars": " ".join(n for n, _ in imputed), "_mi_pvars": " ".join(n for n, _ in passive),
                      "_mi_rvars": ""})
    _update_missing_flag(new)
    for name, sources in groups:
        original = ds.numeric(name)
        for j, source in enumerate(sources, start=1):
            values = np.full(ds.nobs, np.nan) if source is None else ds.numeric(source).copy()
            known = ~np.isnan(original)  # mi update: m > 0 equals m = 0 where m = 0 is not missing
            values[known] = original[known]
            # _m_x is stored as x is (the m-th completed data put _m_x into x)
            vtype = ds.types.get(name, "double")
            new.set_variable(styles.wide_name(j, name), fit_storage(values, vtype), vtype)
            if name in ds.formats:
                new.formats[styles.wide_name(j, name)] = ds.formats[name]
    if opts.get("drop"):
        gone = sorted({s for s in used if s not in targets}, key=new.varnames.index)
        if gone:
            new.drop_variables(gone)
    _stamp(new)
    session.data = new


# ---------------------------------------------------------------- describe, query
def _age(ds) -> str:
    stamp = ds.chars.get("_mi_update", "")
    try:
        then = time.mktime(time.strptime(stamp, "%d%b%Y %H:%M:%S"))
    except ValueError:
        return stamp
    seconds = max(int(time.time() - then), 0)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = seconds // size
            return f"{stamp}, {n} {unit}{'s' if n != 1 else ''} ago"
    return f"{stamp}, {seconds} second{'s' if seconds != 1 else ''} ago"


def _describe(session, rest: str) -> None:
    from mlmcli.render.mi_display import render_mi_describe
    from mlmcli.results.mi import MIDescription

    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(rest)
    if body.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(options, [OptionSpec("detail", 3), OptionSpec("noupdate", 8)])
    incomplete = styles.incomplete_rows(ds)
    rows0 = styles.original_rows(ds)

    def missing_counts(names):
        return tuple((n, int(ds.df.loc[rows0, n].isna().sum())) for n in names)

    ivars, pvars, rvars = (styles.registered(ds, k) for k in ("ivars", "pvars", "rvars"))
    system = tuple(styles.system_variables(ds))
    registered = set(ivars + pvars + rvars + list(system) + styles.imputation_columns(ds))
    d = MIDescription(style=styles.style(ds), updated=_age(ds), complete=int((~incomplete).sum()),
                      incomplete=int(incomplete.sum()), M=styles.n_imputations(ds),
                      imputed=missing_counts(ivars), passive=missing_counts(pvars), regular=tuple(rvars),
                      system=system, unregistered=tuple(n for n in ds.varnames if n not in registered),
                      detail=bool(opts.get("detail")))
    session.print(render_mi_describe(d))
    session.set_r({"N": float(d.complete + d.incomplete), "N_incomplete": float(d.incomplete),
                   "N_complete": float(d.complete), "M": float(d.M), "style": d.style,
                   "ivars": " ".join(ivars), "pvars": " ".join(pvars), "rvars": " ".join(rvars)})


def _query(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    if body.strip():
        raise StataError("invalid syntax", 198)
    ds = session.data
    if not styles.is_set(ds):
        session.print("(data not mi set)")
        session.set_r({"style": ""})
        return
    M = styles.n_imputations(ds)
    session.print(f"data mi set {styles.style(ds)}, M = {M}")
    session.print(f"last mi update {_age(ds)}")
    session.set_r({"style": styles.style(ds), "M": float(M), "update": ds.chars.get("_mi_update", "")})


def replay(session, e, *, noheader: bool = False) -> None:
    """``estimates replay`` of ``mi estimate`` results."""
    from mlmcli.commands.estimation.mi_estimate import replay as replay_estimate

    replay_estimate(session, e, noheader=noheader)


def _update(session, rest: str) -> None:
    """``mi update`` (mi_cmd_update.ado: ``u_mi_certify_data, acceptable proper``): silent on
    consistent mi data.  Where m > 0 rows disagree with m = 0 -- an unimputed variable's value,
    an imputed variable's nonmissing original, ``_mi_miss`` -- Stata repairs them and reports
    it; mlm does not build the repairs and stops (r(459)), the data unchanged."""
    if rest.strip():
        raise StataError("invalid syntax", 198)
    ds = session.data
    styles.require_set(ds)
    if styles.style(ds) == "wide" or "_mi_m" not in ds.df.columns:
        return
    if _inconsistent(ds):
        raise StataError(f"mi update: the m > 0 rows disagree with m = 0 ({_inconsistent(ds)}); "
                         "mlm does not repair mi data", 459)


def _convert(session, rest: str) -> None:
    """``mi convert wide|mlong|flong [, clear noupdate]`` (mi_cmd_convert.ado): silent, or
    "(data already style)"; changed data need ``clear`` (r(4)); c(changed) as it was before."""
    from mlmcli.commands.data.common import refuse_if_changed
    from mlmcli.mi.conversion import convert

    ds = session.data
    styles.require_set(ds)
    m = re.match(r"\s*([^\s,\[\]()=]*)(.*)\Z", rest, re.S)
    to = _style_word(m.group(1))
    if to in ("wide", "flongsep"):
        _check_name_lengths(ds, to)
    body, options, _ = split_options(m.group(2))
    if to == "flongsep":
        if not body.strip():
            raise StataError("syntax error\n    nothing found where name expected;\n"
                             "    syntax is mi convert flongsep name", 198)
        raise StataError("mi convert flongsep is not implemented in mlm; use wide, mlong or flong", 198)
    if body.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, [OptionSpec("clear", 5), OptionSpec("noupdate", 4), OptionSpec("replace", 7)])
    current = styles.style(ds)
    if current == to:
        session.print(f"(data already {to})")
        return
    refuse_if_changed(session, bool(opts.get("clear")))
    if not opts.get("noupdate"):
        _update(session, "")
    if opts.get("replace") and current == "flong":
        raise StataError("option replace not allowed", 198)
    new = convert(ds, to)
    _stamp(new)
    new.changed = ds.changed
    session.data = new


def _style_word(word: str) -> str:
    """u_mi_map_style: fl(ong), flongs(ep), ml(ong), w(ide) with their minimal abbreviations."""
    for name, least in (("flongsep", 6), ("flong", 2), ("mlong", 2), ("wide", 1)):
        if word == name[:max(least, len(word))]:
            return name
    first = "must specify dataset style" if not word else f"{word}: invalid style"
    raise StataError(f"{first}\n    styles are wide, mlong, flong, and flongsep", 198)


def _check_name_lengths(ds, to: str) -> None:
    """u_mi_chk_longvnames_exist: imputed and passive names of at most 29 characters (wide:
    32 - strlen(M) - 2)."""
    M = styles.n_imputations(ds)
    limit = 29 - (len(str(M)) - 1 if to == "wide" else 0)
    for kind, word in (("ivars", "imputed"), ("pvars", "passive")):
        for name in styles.registered(ds, kind):
            if len(name) > limit:
                extra = (f"  In the wide style, variable names are restricted to 32 - strlen(\"{M}\") - 2 = "
                         f"{limit} for M={M} imputation{'s' if M != 1 else ''}.  " if to == "wide" else "  ")
                raise StataError(f"mi convert: long variable names detected\n    Variable {name} is registered as "
                                 f"{word} and contains more than 29 characters.  This is not allowed in style "
                                 f"{to}.{extra}Use mi rename to rename this variable to have a shorter name.", 198)


def _inconsistent(ds) -> str:
    df = ds.df
    rows0 = styles.original_rows(ds)
    ids0 = df.loc[rows0, "_mi_id"].to_numpy()
    flags = styles.incomplete_rows(ds).astype(float)
    if "_mi_miss" in df.columns and not np.array_equal(df.loc[rows0, "_mi_miss"].to_numpy(dtype=float), flags):
        return "_mi_miss"
    position = {float(v): k for k, v in enumerate(ids0)}
    later = np.flatnonzero(~rows0)
    where = np.array([position.get(float(v), -1) for v in df["_mi_id"].to_numpy()[later]], dtype=int)
    if (where < 0).any():
        return "_mi_id"
    passive = set(styles.registered(ds, "pvars")) | set(styles.SYSTEM)
    for name in [n for n in ds.varnames if n not in passive]:
        first = df.loc[rows0, name].to_numpy()[where]
        now = df[name].to_numpy()[later]
        same = (first == now) | (pd.isna(first) & pd.isna(now))
        if name in styles.registered(ds, "ivars"):
            same |= pd.isna(first)
        if not np.all(same):
            return name
    return ""


def _not_implemented(name: str) -> StataError:
    extra = " (mlm fits models to imputed data: mi import wide, then mi estimate)" if name == "impute" else ""
    return StataError(f"mi {name} is not implemented in mlm{extra}", 199)


_EST = "mlmcli.commands.estimation.mi_estimate:"
_EXTRACT = "mlmcli.commands.data.mi_extract:"
_XEQ = "mlmcli.commands.data.mi_xeq:"


def _timeset(session, rest: str, command: str) -> None:
    from mlmcli.commands.data.mi_extract import mi_timeset
    mi_timeset(session, rest, command)

MI_SUBCOMMANDS = NameTable([
    ("set", 3, _set), ("register", 3, _register), ("unregister", 5, _unregister), ("import", 3, _import),
    ("describe", 1, _describe), ("query", 1, _query), ("estimate", 3, _EST + "cmd_mi_estimate"),
    ("impute", 3, "mlmcli.commands.data.mi_impute:cmd_mi_impute"), ("convert", 4, _convert), ("extract", 3, _EXTRACT + "mi_extract"),
    ("passive", 3, "mlmcli.commands.data.mi_passive:mi_passive"),
    ("xtset", 5, lambda session, rest: _timeset(session, rest, "xtset")),
    ("tsset", 5, lambda session, rest: _timeset(session, rest, "tsset")),
    ("svyset", 6, lambda session, rest: _timeset(session, rest, "svyset")),
    ("misstable", 4, "mlmcli.commands.data.mi_restructure:mi_misstable"), ("varying", 3, "mlmcli.commands.data.mi_varying:mi_varying"), ("update", 3, _update), ("unset", 5, None), ("xeq", 3, _XEQ + "mi_xeq"),
    ("test", 4, None), ("testtransform", 6, None), ("predict", 4, None), ("predictnl", 9, None),
    ("add", 3, None), ("append", 3, "mlmcli.commands.data.mi_append:mi_append"), ("merge", 3, "mlmcli.commands.data.mi_merge:mi_merge"), ("reshape", 7, "mlmcli.commands.data.mi_restructure:mi_reshape"), ("expand", 6, None),
    ("rename", 3, None), ("erase", 5, None), ("copy", 4, None), ("export", 3, None), ("ptrace", 6, None),
    ("select", 6, None), ("fvset", 5, None), ("reset", 5, None), ("stsplit", 7, None), ("stjoin", 6, None),
], unknown=lambda word: StataError(f"mi {word}: unrecognized subcommand", 199), not_implemented=_not_implemented)
