"""``mi xeq [numlist]: command [; command ...]`` ([MI] mi xeq): the commands run on each
completed dataset m of the numlist (default 0, 1, ..., M) in turn, each m announced as
``m=# data:`` and each command as ``-> command`` (mi_cmd_xeq.ado).  The numlist is sorted;
a repeated m is r(198), an m outside 0..M the numlist's r(125).  Commands that change the
structure of mi data are refused by name as the ado refuses them (r(119), ``use mi ...
instead``).

e() and r() of the last command stay (the ado's ``return add``).  Commands that change the data
(``generate``, ``egen`` ...) have their changes carried into the mi data as Stata's
u_mi_xeq_on_tmp_flongsep does: the completed datasets after the commands are put back in the
data's style (``mlmcli.mi.restructure``; new variables unregistered, in mlong kept on the
incomplete observations' m > 0 rows).  On some m's only (``mi xeq 1 2: ...``) the other m's
keep their data and all are made consistent with m = 0 as mi update does
(``mlmcli.mi.xeq_update``).
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.numlist import numlist
from mlmcli.textscan import find_top, split_top

# mi_cmd_xeq.ado's chk_rhscmds_chklist: (command, shortest abbreviation, the mi command to use)
_REFUSED = (("append", 3, "mi append"), ("merge", 3, "mi merge"), ("expand", 6, "mi expand"),
            ("reshape", 7, "mi reshape"), ("stsplit", 7, "mi stsplit"), ("stjoin", 6, "mi stjoin"),
            ("svyset", 6, "mi svyset"), ("xtset", 5, "mi xtset"), ("tsset", 5, "mi tsset"),
            ("tset", 4, "mi tsset"), ("stset", 5, "mi stset"), ("streset", 7, "mi streset"),
            ("st", 2, "mi st"), ("collapse", 8, ""), ("contract", 8, ""), ("statsby", 7, ""))


def mi_xeq(session, rest: str) -> None:
    ds = session.data
    styles.require_set(ds)
    colon = find_top(rest, ":", 0, "")
    if colon < 0:
        raise StataError("colon missing\n    syntax is    mi xeq [numlist]: ...", 198)
    M = styles.n_imputations(ds)
    ms = _which_m(rest[:colon], M)
    commands = [c.strip() for c in split_top(rest[colon + 1:], ";", brackets="") if c.strip()]
    for text in commands:
        _check_command(text)
    changed = False

    def announce_and_run(m, runner) -> None:
        nonlocal changed
        data = session.data
        session.print("")
        session.print(f"m={m} data:")
        for text in commands:
            session.print(f"-> {text}")
            runner.execute(text)
        changed = changed or session.data is not data or session.data.changed

    lineage = object()  # each completed dataset's rows identified by their observation
    parts = run_on_completed(session, ds, ms, announce_and_run, lineage)
    if changed:
        _carry(session, ds, parts, ms, M, lineage)


def run_on_completed(session, ds, ms, step, lineage: object = None) -> list:
    """The completed datasets m of ``ms`` in turn as the data in memory, ``step(m, runner)`` run on
    each (what it prints and runs is the caller's: mi xeq, mi passive, mi reshape/misstable), the
    datasets it leaves collected in order; the mi data ``ds`` back in memory at the end, also
    when a step fails."""
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    parts = []
    try:
        for m in ms:
            session.data = styles.completed(ds, m, lineage)
            step(m, runner)
            parts.append(session.data)
    finally:
        session.data = ds
    return parts


def _carry(session, ds, parts, ms, M, lineage) -> None:
    """The changed completed datasets put back as the mi data (u_mi_xeq_on_tmp_flongsep); on a
    numlist of some m's the others keep their data and mi update's rules make them consistent
    with m = 0 (``mlmcli.mi.xeq_update``)."""
    from mlmcli.commands.data.mi import commit_mi_data
    from mlmcli.mi.restructure import from_completed, registration_of

    registration = registration_of(ds)
    if list(ms) != list(range(M + 1)):
        from mlmcli.mi.xeq_update import consistent_parts

        done = dict(zip(ms, parts))
        parts = [done[m] if m in done else styles.completed(ds, m, lineage) for m in range(M + 1)]
        parts = consistent_parts(parts, registration, lineage, session)
    else:
        from mlmcli.mi.xeq_update import rows_in_m0_order

        parts = rows_in_m0_order(parts, lineage)
    commit_mi_data(session, from_completed(ds, parts, registration))


def _which_m(text: str, M: int) -> list[int]:
    if not text.strip():
        return list(range(M + 1))
    values = numlist(text)
    if any(v != int(v) for v in values):
        raise StataError(f"{text.strip()}: invalid numlist has noninteger elements", 126)
    if any(not 0 <= v <= M for v in values):
        raise StataError(f"{text.strip()}: invalid numlist has elements outside of allowed range", 125)
    ms = sorted(int(v) for v in values)
    if len(set(ms)) < len(ms):
        raise StataError("repeated m values not allowed", 198)
    return ms


def _check_command(text: str) -> None:
    word = text.split(None, 1)[0].split(",")[0].split(":")[0] if text.split() else ""
    for name, shortest, instead in _REFUSED:
        if len(word) >= shortest and name.startswith(word):
            detail = f"\n    use {instead} instead" if instead else ""
            raise StataError(f"mi xeq may not be used with {name}{detail}", 119)
