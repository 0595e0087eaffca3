"""``dtable varlist`` (Stata 18's table of descriptive statistics, [R] dtable), its default
form: a ``Summary`` column with the sample size N first, then mean (sd) of each continuous
variable (%9.3f) and, under a heading row, frequency (percent%) of each level of a factor
variable ``i.x`` (%9.0fc and %9.1f), over the observations with no missing value in the
varlist (listwise, unless ``nolistwise``).  Written as ``etable``'s tables are
(``mlmcli.render.collected_table``; ``export()`` as etable's).  Layout read off a published
``dtable ..., export(x.md)`` file (docs/etable.md); by(), continuous(), factor(), sample(),
nformat() and the other options of Stata's dtable are refused (r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import unquote
from mlmcli.commands.postestimation.etable import export_spec, reject_stray_comma, show_table
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("export", 6, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
         OptionSpec("nolistwise", 6)]


def _terms(session, text: str) -> list[tuple[str, bool]]:
    """(variable, is a factor) per term: ``x``, ``i.z`` (varlists and abbreviations allowed)."""
    out = []
    for word in text.split():
        factor = word.lower().startswith("i.")
        if factor:
            word = word[2:]
        elif "." in word:
            raise StataError(f"{word.split('.')[0]}: operator not allowed in mlm's dtable", 198)
        for name in session.data.expand_varlist(word):
            if session.data.is_string(name):
                raise StataError(f"string variable {name} not allowed", 109)
            out.append((name, factor))
    return out


def cmd_dtable(session, cmd) -> None:
    from mlmcli.results.collected_table import CellPart, CollectedTable, TableCell, TableRow
    from mlmcli.sample import mark_sample

    reject_stray_comma(cmd.text)
    opts = resolve_options(cmd.options, SPECS)
    if cmd.weight is not None:
        raise StataError("weights not allowed in mlm's dtable", 101)
    terms = _terms(session, cmd.args)
    names = [n for n, _ in terms]
    rows_in = mark_sample(session, cmd, () if opts.get("nolistwise") else names)
    data = session.data
    n = int(rows_in.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    rows = [TableRow("N", ((TableCell((CellPart(float(n), "%9.0fc"),)),),))]
    for name, factor in terms:
        x = data.numeric(name)[rows_in]
        x = x[~np.isnan(x)]
        label = data.var_labels.get(name) or name
        if factor:
            if x.size and np.any(x != np.floor(x)) or np.any(x < 0):
                raise StataError("factor variables may not contain noninteger or negative values", 452)
            rows.append(TableRow(label))
            levels, counts = np.unique(x, return_counts=True)
            for level, count in zip(levels, counts):
                text = data.value_label_text(name, float(level)) if name in data.value_label_of else None
                cell = TableCell((CellPart(float(count), "%9.0fc"), CellPart(100.0 * count / x.size, "%9.1f", "(", "%)")))
                rows.append(TableRow(text or f"{int(level)}", ((cell,),), indent=2))
        else:
            mean = float(x.mean()) if x.size else None
            sd = float(x.std(ddof=1)) if x.size > 1 else None
            rows.append(TableRow(label, ((TableCell((CellPart(mean, "%9.3f"), CellPart(sd, "%9.3f", "(", ")"))),),)))
    title = unquote(opts["title"]) if isinstance(opts.get("title"), str) else ""
    export = export_spec(opts["export"]) if isinstance(opts.get("export"), str) else None
    table = CollectedTable(columns=("Summary",), rows=tuple(rows), title=title)
    show_table(session, table, export)
