"""``mi append using filename [, generate(newvar) nolabel nonotes force noupdate]`` ([MI] mi
append): append for mi data.  Every imputation m = 0 ... max(M_master, M_using) of the master
gets the same imputation of the using data appended (an imputation a file lacks is a copy of its
m = 0, as ``mi set M`` and ``mi merge`` make it), the result put back in the master's style.

The using data need not be mi set (then M_using = 0).  Variables registered in the using data
keep their registration; one registered differently in the two files takes the master's.
r() holds N_master, N_using, M_master and M_using, as the ado's stored results.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_OPTIONS = [OptionSpec("generate", 3, takes_arg=True), OptionSpec("nolabel", 5), OptionSpec("nonotes", 7),
            OptionSpec("force"), OptionSpec("noupdate", 4)]


def mi_append(session, rest: str) -> None:
    from mlmcli.commands.data.combine import append_dataset
    from mlmcli.commands.data.common import load_using, split_using
    from mlmcli.commands.data.mi import commit_mi_data
    from mlmcli.commands.data.mi_merge import original_obs_count
    from mlmcli.mi.restructure import from_completed, registration_of
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(rest)
    opts = resolve_options(options, _OPTIONS)
    head, file_text = split_using(body)
    if head.strip():
        raise StataError("invalid syntax", 198)
    if not file_text:
        raise StataError("using required", 100)
    genvar = opts["generate"].strip() if isinstance(opts.get("generate"), str) else None
    if genvar:
        check_new_name(ds, genvar)
    using_file = load_using(file_text, session)
    using_mi = styles.is_set(using_file)
    M_m = styles.n_imputations(ds)
    M_u = styles.n_imputations(using_file) if using_mi else 0
    M = max(M_m, M_u)
    append_opts = {k: v for k, v in opts.items() if k in ("nolabel", "nonotes", "force")}
    parts = []
    for m in range(M + 1):
        master = styles.completed(ds, m if m <= M_m else 0)
        using = styles.completed(using_file, m if m <= M_u else 0) if using_mi else using_file.copy()
        n_master = master.nobs
        append_dataset(master, using, append_opts, session.print if m == 0 else (lambda text: None))
        if genvar:
            master.set_variable(genvar, np.r_[np.zeros(n_master), np.ones(using.nobs)], "byte")
        parts.append(master)
    registration = registration_of(ds)
    if using_mi:
        taken = {n for names in registration.values() for n in names}
        for kind in ("ivars", "pvars", "rvars"):
            registration[kind] = registration[kind] + [v for v in styles.registered(using_file, kind)
                                                       if v not in taken]
    template = ds.copy()
    if M > M_m:
        session.print(f"(M increased from {M_m} to {M})")
        template.chars["_mi_M"] = str(M)
    result = from_completed(template, parts, registration)
    result.sortedby = ()
    result.changed = True
    commit_mi_data(session, result)
    session.set_r({"N_master": float(original_obs_count(ds)), "N_using": float(original_obs_count(using_file)),
                   "M_master": float(M_m), "M_using": float(M_u)})
