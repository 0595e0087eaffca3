"""``misstable summarize|patterns [varlist] [if] [in] [, ...]`` ([R] misstable), as misstable.ado.

summarize: per numeric variable the counts of ``.`` (Obs=.), of ``.a``-``.z`` (Obs>.) and of
nonmissing values (Obs<.), the number of distinct nonmissing values (>500 shown as such), min
and max; without ``all`` only numeric variables with a missing value.  ``generate(stub[, exok])``
makes indicators ``stub<var>`` = (var>=.) (``exok``: var==.) on the if/in observations.
patterns: see ``misstable_patterns``.  ``tree`` and ``nested`` are not implemented (r(199)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code
from mlmcli.results.missing_values import MissingSummary, MissingSummaryRow
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name


def _generate_stub(text) -> tuple[str | None, bool]:
    """``generate(stub[, exok])``: the stub and whether .a-.z count as nonmissing."""
    if not isinstance(text, str) or not text.strip():
        return None, False
    stub, _, rest = text.partition(",")
    stub, rest = stub.strip(), rest.strip().lower()
    if len(stub.split()) != 1 or rest not in ("", "exok"):
        raise StataError("generate(): invalid syntax" if stub else "generate(): stub required", 198)
    if len(stub) > 16:
        raise StataError("generate(): stub cannot exceed 16 characters", 198)
    return stub, rest == "exok"


def _summarize(session, cmd, words: list[str]) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("all"), OptionSpec("showzeros", 4),
                                         OptionSpec("generate", 3, takes_arg=True), OptionSpec("nopreserve")])
    ds = session.data
    stub, exok = _generate_stub(opts.get("generate"))
    r = {"N_eq_dot": np.nan, "N_gt_dot": np.nan, "N_lt_dot": np.nan, "K_uniq": np.nan, "min": np.nan,
         "max": np.nan, "vartype": "none"}
    names = ds.expand_varlist(" ".join(words)) if words else list(ds.varnames)
    if not names:
        session.set_r(r)
        return
    rows = mark(session, cmd)
    if not opts.get("all"):
        names = [n for n in names if not ds.is_string(n) and np.isnan(ds.numeric(n)[rows]).any()]
        if not names:
            session.set_r(r)
            session.print("(variables nonmissing or string)")
            return
    if stub:
        for n in names:
            if not ds.is_string(n):
                check_new_name(ds, f"{stub}{n}"[:32])
    table_rows = []
    for n in names:
        if ds.is_string(n):
            r.update(vartype="string", N_eq_dot=np.nan, N_gt_dot=np.nan, N_lt_dot=np.nan, K_uniq=np.nan,
                     min=np.nan, max=np.nan)
            table_rows.append(MissingSummaryRow(n, is_string=True))
            continue
        x = ds.numeric(n)[rows]
        missing = np.isnan(x)
        codes = missing_code(x[missing])
        valid = x[~missing]
        distinct = int(np.unique(valid).size)
        unique = distinct if 0 < distinct <= 500 else None  # tabulate fails on no observations
        row = MissingSummaryRow(n, False, int((codes == 0).sum()), int((codes > 0).sum()), int(valid.size), unique,
                                float(valid.min()) if valid.size else np.nan, float(valid.max()) if valid.size else np.nan)
        r.update(vartype="numeric", N_eq_dot=row.n_eq_dot, N_gt_dot=row.n_gt_dot, N_lt_dot=row.n_lt_dot,
                 K_uniq=np.nan if unique is None else unique, min=row.minimum, max=row.maximum)
        table_rows.append(row)
    if stub:
        _make_indicators(ds, names, rows, stub, exok)
    from mlmcli.render.missing_values import render_missing_summary
    session.print(render_missing_summary(MissingSummary(tuple(table_rows), bool(opts.get("showzeros")))))
    session.set_r(r)


def _make_indicators(ds, names, rows, stub, exok) -> None:
    op = "==." if exok else ">=."
    for n in names:
        if ds.is_string(n):
            continue
        x = ds.numeric(n)
        flag = (missing_code(x) == 0) if exok else np.isnan(x)
        values = np.where(rows, flag.astype(float), np.nan)
        new = f"{stub}{n}"[:32]
        ds.set_variable(new, values, "byte")
        ds.var_labels[new] = f"({n}{op})"


def _patterns(session, cmd, words):
    from mlmcli.commands.data.misstable_patterns import misstable_patterns
    misstable_patterns(session, cmd, words)


def _unknown(word: str) -> StataError:
    head = f"misstable {word} unrecognized" if word else "misstable subcommand not specified"
    return StataError(f"{head}\nvalid misstable subcommands are summarize, patterns, tree, and nested", 198)


MISSTABLE_SUBCOMMANDS = NameTable(
    [("summarize", 3, _summarize), ("patterns", 3, _patterns), ("tree", 4, None), ("nested", 4, None)],
    unknown=_unknown, not_implemented=lambda n: StataError(f"misstable {n} is not implemented in mlm", 199))


def cmd_misstable(session, cmd) -> None:
    words = cmd.args.split()
    MISSTABLE_SUBCOMMANDS.handler(words[0] if words else "")(session, cmd, words[1:])
