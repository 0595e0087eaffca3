"""``mi merge 1:1|m:1|1:m|m:m varlist using filename [, generate(newvar) keep() assert() force
nolabel nonotes noreport noupdate]`` ([MI] mi merge; mi_cmd_merge.ado): the m = 0 data merged
as merge does (its table shown unless noreport; no _merge unless generate()), then every
imputation m = 1 ... max(M_master, M_using) with the same match (an imputation a file lacks is
a copy of its m = 0, as ``mi set M`` makes it), the result put back in the master's style.

The using data need not be mi set.  Its new variables keep their registration
("(new variables ... registered as imputed)"), r() holds newvars, N_master, N_using, N_result,
M_master, M_using and M_result.  Not built: the re-registration of master variables that
unmatched-but-kept using observations leave missing (the ado's r1_ivars/r1_pvars).
"""
from __future__ import annotations

import textwrap

import numpy as np

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_OPTIONS = [OptionSpec("generate", 3, takes_arg=True), OptionSpec("noupdate", 4), OptionSpec("force"),
            OptionSpec("assert", 6, takes_arg=True), OptionSpec("keep", 4, takes_arg=True),
            OptionSpec("nolabel", 5), OptionSpec("nonotes", 7), OptionSpec("noreport", 5)]


def mi_merge(session, rest: str) -> None:
    from mlmcli.commands.data.common import load_using, split_using
    from mlmcli.commands.data.merge import MATCH_TYPES, MergeSpec, checked_using, install_merged, match
    from mlmcli.commands.data.mi import commit_mi_data
    from mlmcli.mi.restructure import from_completed, registration_of
    from mlmcli.render.data_combine import render_merge_table
    from mlmcli.results.data import MergeSummary

    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(rest)
    words = body.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    if words[0] not in MATCH_TYPES:
        raise StataError(f"merge {words[0]}: invalid mtype\n    mtype must be 1:1, 1:m, m:1, or m:m", 198)
    opts = resolve_options(options, _OPTIONS)
    keys_text, file_text = split_using(words[1] if len(words) > 1 else "")
    if not file_text:
        raise StataError("using required", 100)
    keys = ds.expand_varlist(keys_text)
    system = [k for k in keys if k in styles.SYSTEM]
    if system:
        raise StataError(f"varlist may not contain mi system variable {system[0]}", 198)
    genvar = opts["generate"].strip() if isinstance(opts.get("generate"), str) else None
    if genvar is not None and genvar in ds.varnames:
        raise StataError(f"variable {genvar} already defined", 110)
    using_file = load_using(file_text, session)
    using_mi = styles.is_set(using_file)
    missing = [k for k in keys if k not in using_file.varnames]
    if missing:
        raise StataError(f"variable{'s' if len(missing) > 1 else ''} {' '.join(missing)} not found", 111)
    if genvar is not None and genvar in using_file.varnames:
        raise StataError(f"variable {genvar} already defined in using data", 459)
    merge_opts = {k: v for k, v in opts.items() if k in ("keep", "assert", "force", "nolabel", "nonotes")}
    spec = MergeSpec(MATCH_TYPES[words[0]], keys, file_text, merge_opts, genvar)
    M_m = styles.n_imputations(ds)
    M_u = styles.n_imputations(using_file) if using_mi else 0
    M = max(M_m, M_u)
    parts, counts = [], None
    for m in range(M + 1):
        master = styles.completed(ds, m if m <= M_m else 0)
        using = styles.completed(using_file, m if m <= M_u else 0) if using_mi else using_file.copy()
        using = checked_using(master, using, spec)
        merged, code, shared = match(master, using, spec)
        install_merged(master, using, merged, code, shared, spec)
        if m == 0:
            counts = {int(c): int((code == c).sum()) for c in (1.0, 2.0, 3.0, 4.0, 5.0)}
            n_master, n_using = original_obs_count(ds), original_obs_count(using_file)
        elif master.nobs != parts[0].nobs:
            raise StataError(f"mi merge: imputation m={m} matched other observations than m=0", 459)
        parts.append(master)
    if M > M_m:
        session.print(f"(M increased from {M_m} to {M})")
    registration = registration_of(ds)
    new_vars = [v for v in parts[0].varnames if v not in ds.varnames and v != genvar]
    if using_mi:
        for kind, word in (("ivars", "imputed"), ("pvars", "passive"), ("rvars", "regular")):
            added = [v for v in new_vars if v in styles.registered(using_file, kind)]
            registration[kind] = registration[kind] + added
            if added and "noreport" not in opts:
                text = f"(new variable{'s' if len(added) > 1 else ''} {' '.join(added)} registered as {word})"
                session.print("\n".join(textwrap.wrap(text, 79)))
    template = ds.copy()
    if M > M_m:
        template.chars["_mi_M"] = str(M)
    result = from_completed(template, parts, registration)
    if "noreport" not in opts:
        session.print(render_merge_table(MergeSummary(counts, genvar if genvar else False, update=False)))
    commit_mi_data(session, result)
    session.set_r({"newvars": " ".join(new_vars + ([genvar] if genvar else [])),
                   "N_master": float(n_master), "N_using": float(n_using), "N_result": float(parts[0].nobs),
                   "M_master": float(M_m), "M_using": float(M_u), "M_result": float(M)})


def original_obs_count(ds) -> int:
    """The observations of (mi) data: m = 0's."""
    if styles.is_set(ds) and "_mi_m" in ds.df.columns:
        return int(np.sum(ds.df["_mi_m"].to_numpy() == 0))
    return ds.nobs
