"""``program define name [, nclass|rclass|eclass|sclass byable(recall[, noheader] | onecall)
properties(namelist) sortpreserve plugin]`` ([P] program): the options read once when the
program is defined (any other option is Stata's r(198)), ``sortpreserve``'s restored order
when the program ends, and ``by varlist: name`` for a program ([P] byable): refused with
Stata's r(190) unless it is byable; ``byable(recall)`` runs it once per by-group, the group
seen by ``marksample``/``mark`` (``session.program_by_mask``) and by no other command, as
Stata's by-state is, and by _by(), _byindex(), _bylastcall(), _byn1(), _byn2(); ``byable(onecall)`` runs it once with `_byvars' and `_byrc0'."""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

from mlmcli.errors import StataError


@dataclass(frozen=True)
class ProgramOptions:
    klass: str = "nclass"
    byable: str = ""  # "", "recall" or "onecall"
    noheader: bool = False
    sortpreserve: bool = False
    properties: tuple[str, ...] = ()


_CLASSES = ("nclass", "rclass", "eclass", "sclass")
_OPTION_RE = re.compile(r"\s*([A-Za-z_]\w*)\s*(\((?:[^()]|\([^()]*\))*\))?\s*")


def read_program_options(text: str) -> ProgramOptions:
    """The options after the comma of a ``program define`` line (``text``: the whole line)."""
    _, comma, rest = text.partition(",")
    if not comma:
        return ProgramOptions()
    klass, byable, noheader, sortpreserve, properties = "", "", False, False, ()
    i, rest = 0, rest.strip()
    while i < len(rest):
        m = _OPTION_RE.match(rest, i)
        if m is None or m.end() == i:
            raise StataError("invalid syntax", 198)
        name, arg, i = m.group(1), m.group(2), m.end()
        if name in _CLASSES and arg is None:
            if klass and klass != name:
                raise StataError(f"options {klass} and {name} may not be combined", 198)
            klass = name
        elif name == "byable" and arg is not None:
            words = arg[1:-1].replace(",", " , ").split()
            if words[:1] == ["recall"] and words[1:] in ([], [","], [",", "noheader"]):
                byable, noheader = "recall", words[1:] == [",", "noheader"]
            elif words == ["onecall"]:
                byable = "onecall"
            else:
                raise StataError(f"byable({arg[1:-1].strip()}) invalid", 198)
        elif name == "properties" and arg is not None:
            properties = tuple(arg[1:-1].split())
        elif name == "sortpreserve" and arg is None:
            sortpreserve = True
        elif name == "plugin":
            raise StataError("program ..., plugin is not supported by mlmcli (it runs no compiled plugins)", 198)
        else:
            raise StataError(f"option {name}{'()' if arg is not None else ''} not allowed", 198)
    return ProgramOptions(klass or "nclass", byable, noheader, sortpreserve, properties)


@contextmanager
def sort_preserved(session, options: ProgramOptions):
    """``sortpreserve``: the rows back in the order they had when the program was called, and
    the sort order it recorded, when the program ends (by an error too).  The order is kept
    in a temporary variable (``__######``, tempvar's counter; the local `_sortindex' names it)
    while the program runs; rows the program added go last, in their order; a program that dropped
    the variable or replaced the data (``use``) keeps its own order."""
    data = session.data
    if not options.sortpreserve or data is None or data.is_empty():
        yield
        return
    import numpy as np

    counter = getattr(session, "_temp_counter", 0)
    session._temp_counter = counter + 1
    name, sortedby, changed = f"__{counter:06X}", data.sortedby, data.changed
    data.set_variable(name, np.arange(data.nobs, dtype=np.float64), "double")
    data.sortedby, data.changed = sortedby, changed
    session.locals["_sortindex"] = name  # the program's own locals by now: `_sortindex' names the variable
    try:
        yield
    finally:
        now = session.data
        if now is not None and now.has_variable(name):
            changed = now.changed
            key = now.numeric(name)
            order = np.argsort(np.where(np.isnan(key), np.inf, key), kind="stable")
            if not np.array_equal(order, np.arange(len(order))):
                now.take_rows(order)
            now.drop_variables([name])
            now.sortedby = tuple(v for v in sortedby if now.has_variable(v))
            now.changed = changed


def by_program(runner, cmd, prefix, options: ProgramOptions, groups, call_program, print_error) -> None:
    """``by varlist: name`` for a program: ``groups`` yields (heading, row mask) per by-group
    (the data already checked sorted).  Recall: the program once per group with its heading
    (unless noheader); onecall: once, told the by-variables.  ``call_program``: blocks'
    (which imports this module); ``print_error``: the runner's, for ``rc0``'s errors."""
    session = runner.session

    groups = list(groups)
    if options.byable == "onecall":
        extra = {"_byvars": " ".join(prefix.varlist), "_byrc0": ", rc0" if prefix.rc0 else ""}
        state = {"index": 1, "last": True, "n1": 1, "n2": session.data.nobs}
        call_program(runner, cmd.name, cmd.args, extra_locals=extra, by_state=state)
        return
    import numpy as np

    for index, (label, mask) in enumerate(groups, 1):
        if not options.noheader:
            session.out.line("")
            session.out.line("-" * session.linesize)
            session.out.line(f"-> {label}")
        rows = np.flatnonzero(mask)
        state = {"index": index, "last": index == len(groups), "n1": int(rows[0]) + 1, "n2": int(rows[-1]) + 1}
        try:
            call_program(runner, cmd.name, cmd.args, by_mask=mask, by_state=state)
        except StataError as err:
            if not prefix.rc0:
                raise
            print_error(err.message, err.rc)
