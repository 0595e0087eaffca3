"""``mi varying [varlist] [, unregistered noupdate]`` ([MI] mi varying): the variables whose
values differ over m where they should not.  A variable is *varying* when it differs over m in
the complete observations and *super varying* when it differs in the incomplete ones.  Five
lists, as the manual describes them: imputed nonvarying and passive nonvarying (registered but
the same in every m), unregistered varying, unregistered super/varying (super varying, but
only where its m = 0 value is missing: it would be varying if registered as imputed) and
unregistered super varying.  ``unregistered`` lists only the last three.

r() holds the lists (r(ivars_nv), r(pvars_nv), r(uvars_v), r(uvars_s_s), r(uvars_s_v)) --
names taken from the ado's stored results as the help file describes them; where Stata's
wording of the table differs is uncertain (no Stata log of it at hand).
"""
from __future__ import annotations

import textwrap

import numpy as np

from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_OPTIONS = [OptionSpec("unregistered", 5), OptionSpec("noupdate", 4)]
_ROWS = (("ivars_nv", "imputed nonvarying"), ("pvars_nv", "passive nonvarying"),
         ("uvars_v", "unregistered varying"), ("uvars_s_s", "*unregistered super/varying"),
         ("uvars_s_v", "unregistered super varying"))


def _differs(values: list[np.ndarray], string: bool) -> np.ndarray:
    """Rows where some m's value differs from m = 0's (missing equals missing)."""
    base = values[0]
    out = np.zeros(len(base), dtype=bool)
    for other in values[1:]:
        if string:
            out |= np.asarray(other, dtype=object) != np.asarray(base, dtype=object)
        else:
            a, b = np.asarray(base, float), np.asarray(other, float)
            out |= ~((a == b) | (np.isnan(a) & np.isnan(b)))
    return out


def classify(ds, names: list[str]) -> dict[str, list[str]]:
    M = styles.n_imputations(ds)
    parts = [styles.completed(ds, m) for m in range(M + 1)]
    incomplete = styles.incomplete_rows(ds)
    imputed, passive = set(styles.registered(ds, "ivars")), set(styles.registered(ds, "pvars"))
    regular = set(styles.registered(ds, "rvars"))
    lists = {key: [] for key, _ in _ROWS}
    for name in names:
        string = parts[0].is_string(name)
        differs = _differs([p.df[name].to_numpy() for p in parts], string)
        if name in imputed or name in passive:
            if not differs.any():
                lists["ivars_nv" if name in imputed else "pvars_nv"].append(name)
            continue
        if name in regular:
            continue
        if differs[~incomplete].any():
            lists["uvars_v"].append(name)
        elif differs[incomplete].any():
            base = parts[0].df[name].to_numpy()
            missing0 = (base == "") if string else np.isnan(np.asarray(base, float))
            only_missing = not (differs & incomplete & ~missing0).any()
            lists["uvars_s_s" if only_missing else "uvars_s_v"].append(name)
    return lists


def mi_varying(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    body, options, _ = split_options(rest)
    opts = resolve_options(options, _OPTIONS)
    skip = set(styles.system_variables(ds)) | set(styles.imputation_columns(ds))
    names = ds.expand_varlist(body) if body.strip() else list(ds.varnames)
    names = [n for n in names if n not in skip]
    lists = classify(ds, names)
    rows = _ROWS[2:] if opts.get("unregistered") else _ROWS
    width = 79
    lines = ["", f"{'Possible problem':>28}   variable names", "-" * width]
    for key, label in rows:
        listed = " ".join(lists[key]) or "(none)"
        wrapped = textwrap.wrap(listed, width - 31) or ["(none)"]
        lines.append(f"{label + ':':>29}  {wrapped[0]}")
        lines.extend(" " * 31 + more for more in wrapped[1:])
    lines.append("-" * width)
    lines.append("* super/varying means super varying but would be varying if registered as")
    lines.append("  imputed; variables vary only where equal to soft missing in m=0.")
    session.print("\n".join(lines))
    session.set_r({key: " ".join(lists[key]) for key, _ in rows})
