"""The ``by`` prefix run (the runner's dispatch hands it ``by varlist:``): the groups in their
sort order, the command over each, one transaction over all of them; and the line whose
``by`` lacks its colon, which the command grammar cannot split."""
from __future__ import annotations

from mlmcli import ast
from mlmcli.by_groups import by_groups, is_sorted, sort_dataset
from mlmcli.errors import StataError, not_sorted
from mlmcli.session import data_transaction


def run_by(runner, cmd: ast.Command, prefix: ast.Prefix, rest: list[ast.Prefix]) -> None:
    """``by varlist: cmd`` (``bysort``, ``by ..., rc0``): the command once over all the groups
    (a by-native one), else once per group under its ``-> group`` heading; a byable program
    gets its groups through marksample ([P] byable)."""
    from mlmcli.commands import lookup, user_program

    session = runner.session
    user_program(session, cmd.name)  # an ado-file's program is loaded before its options are read
    program = session.program_options.get(cmd.name) if cmd.name in session.programs else None
    spec = None if program else lookup(cmd.name)
    if not (program.byable if program else spec.byable):
        raise StataError(f"{cmd.name} may not be combined with by", 190)
    if cmd.in_range is not None and not program:
        raise StataError("in may not be combined with by", 190)
    if spec is not None:
        from mlmcli.syntax.by_vce import check_by_vce

        check_by_vce(spec.name, cmd.options)  # _vce_parserun's by check: before any group runs
    data = session.data
    byvars = data.expand_varlist(list(prefix.varlist))
    extra = data.expand_varlist(list(prefix.sort_only)) if prefix.sort_only else []
    keys = byvars + extra
    if prefix.sort:
        sort_dataset(data, keys)
    elif not is_sorted(data, keys):
        raise not_sorted()
    if program:  # [P] byable: a program's by-groups, seen by marksample
        from mlmcli.program_calls import call_program
        from mlmcli.program_options import by_program

        by_program(runner, cmd, prefix, program, by_groups(data, byvars), call_program, runner.print_error)
        return
    saved = (session.by_vars, session.by_mask)
    try:
        session.by_vars = tuple(byvars)
        session.by_mask = None
        if spec.by_native:
            runner.dispatch(cmd, rest)
            return
        # one command over all the groups: an error in a later group also undoes what the
        # earlier groups changed (bysort's sort stays, as in Stata)
        with data_transaction(session):
            for label, mask in by_groups(data, byvars):
                session.out.line("")
                session.out.line("-" * session.linesize)
                session.out.line(f"-> {label}")
                session.by_mask = mask
                try:
                    runner.dispatch(cmd, rest)
                except StataError as err:
                    if err.rc == 2000 and err.message == "no observations" and not prefix.rc0:
                        # a group without observations: its message, and by goes on to the next
                        # (a Stata log of bysort year: reg ..., years with no data between groups);
                        # other r(2000)s (outcome does not vary) still stop it: no log shows them
                        session.out.line(err.message)
                        continue
                    if not prefix.rc0:
                        raise
                    runner.print_error(err.message, err.rc)
    finally:
        session.by_vars, session.by_mask = saved


_NO_COLON_RE = None


def by_without_colon(text: str) -> tuple[tuple[ast.Prefix, ...], str] | None:
    """A line whose by prefix lacks its colon (which the command grammar cannot split):
    the capture/quietly/noisily prefixes typed before it and the words after ``by``."""
    import re

    global _NO_COLON_RE
    if _NO_COLON_RE is None:
        _NO_COLON_RE = re.compile(r"\s*((?:(?:cap|capt|captu|captur|capture|qui|quie|quiet|quietl|quietly|"
                                     r"n|no|noi|nois|noisi|noisil|noisily)\s*:?\s+)*)"
                                     r"(?:by|bys|byso|bysor|bysort)(?=\s|$)(.*)$", re.S)
    m = _NO_COLON_RE.match(text)
    if m is None or ":" in m.group(2):
        return None
    names = {"cap": "capture", "qui": "quietly"}
    prefixes = tuple(ast.Prefix(name=names.get(w[:3], "noisily")) for w in m.group(1).replace(":", " ").split())
    return prefixes, m.group(2)
