"""``mi extract`` and ``mi xtset``/``mi tsset``/``mi svyset`` ([MI] mi extract, [MI] mi XXXset).

    mi extract # [, clear]      the m-th completed dataset (0: the original data) replaces
                                the mi data in memory, no longer mi set
    mi xtset|tsset|svyset ...   xtset/tsset/svyset of the mi data: set on the m = 0 rows and the
                                settings kept with the data for every imputation
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def mi_extract(session, rest: str) -> None:
    ds = session.data
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("clear", 5), OptionSpec("esample", 3, takes_arg=True)])
    styles.require_set(ds)
    if "esample" in opts:
        raise StataError("mi extract: option esample() is not implemented in mlm", 198)
    text = body.strip()
    if not text:
        raise StataError("nothing found where number expected", 198)
    try:
        m = int(text)
    except ValueError:
        raise StataError(f"'{text}' found where integer expected", 198) from None
    M = styles.n_imputations(ds)
    if not 0 <= m <= M:
        raise StataError(f"m={m} does not exist; M = {M}", 198)
    if getattr(ds, "changed", False) and "clear" not in opts:
        raise StataError("no; data in memory would be lost", 4)
    new = styles.completed(ds, m)
    new.changed = True  # a new dataset, not the file on disk
    session.data = new


def mi_timeset(session, rest: str, command: str) -> None:
    """``mi xtset`` / ``mi tsset`` / ``mi svyset``: the command on the original (m = 0) data, its
    characteristics then carried by the mi data."""
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    styles.require_set(ds)
    original = styles.completed(ds, 0)
    before = dict(original.chars)
    runner = current_runner(session) or Runner(session)
    session.data = original
    try:
        runner.execute(f"{command} {rest}")
        after = dict(session.data.chars)
    finally:
        session.data = ds
    new = ds.copy()
    for key in set(before) | set(after):
        if key.startswith("_mi_"):
            continue
        if key in after:
            new.chars[key] = after[key]
        else:
            new.chars.pop(key, None)
    session.data = new
