"""``outreg`` (John Luke Gallup, SSC; built on ``frmttable``): the active estimation
results as a formatted table, in the Results window and optionally in a Word (RTF) or TeX
file.

    outreg [using filename] [, stats(statlist) se pvalue ci bdec(#) tdec(#) sdec(#)
        level(#) nostars starlevels(numlist) nocons keep(names) drop(names) varlabels
        noautosumm summstat(egrid) summdec(numlist) summtitles(textgrid) title(text)
        ctitles(textgrid) rtitles(textgrid) note(text)
        store(tblname) replay[(tblname)] append[(tblname)] merge[(tblname)]
        replace addtable tex nodisplay]

One table column: each coefficient of e(b) (base and omitted ones left out; equations
after the first are named ``eq:name``) is a row with the statistics of ``stats()`` below
each other: ``b`` (coefficient), ``se`` (standard error), ``t`` (b/se, in parentheses
when second, as outreg's t statistics), ``p`` (two-sided p-value: Student's t on e(df_r)
when the model has it, else normal), ``ci`` (``lo - hi`` at ``level()``).  The default is
``stats(b t)``; ``se``, ``pvalue`` and ``ci`` replace the t statistic.  Decimals: ``bdec()``
for b, se and ci (default 3), ``tdec()`` for t and p (default 2); ``sdec(#)`` sets both.
Unless ``nostars``, b carries stars at ``starlevels()`` (default 5 1: ``*`` p<0.05, ``**``
p<0.01) and the note says so.  ``nocons`` drops the ``_cons`` rows, ``varlabels`` titles
rows with variable labels and the column with the dependent variable's label.  Unless
``noautosumm``, summary rows close the table (``summstat() summdec() summtitles()``, see
outreg_summary; by default ``R2`` (e(r2), when the model has one) then ``N``).  Tables,
``store``/``replay``/``append``/``merge`` and files as ``frmttable``.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.results.formatted_table import FormattedTable
from mlmcli.syntax.options import OptionSpec

HELP = {"outreg": "outreg [using file] [, stats(b se t p ci) se pvalue ci bdec() tdec() sdec() nostars nocons "
                  "varlabels noautosumm summstat() summdec() summtitles() store() replay() merge() append() replace addtable tex] : formatted "
                  "regression table (community command)"}

OUTREG_SPECS = [OptionSpec("stats", 4, True), OptionSpec("se", None), OptionSpec("pvalue", 2), OptionSpec("ci", None),
                OptionSpec("bdec", 2, True), OptionSpec("tdec", 2, True), OptionSpec("sdec", 2, True),
                OptionSpec("level", 1, True), OptionSpec("nostars", 6), OptionSpec("starlevels", 5, True),
                OptionSpec("nocons", 6), OptionSpec("keep", None, True), OptionSpec("drop", None, True),
                OptionSpec("varlabels", 4), OptionSpec("noautosumm", 4), OptionSpec("summstat", 5, True),
                OptionSpec("summdec", 5, True), OptionSpec("summtitles", 5, True)]
_STATS = ("b", "se", "t", "p", "ci")


def _decimals(opts: dict, name: str, default: int) -> int:
    for key in (name, "sdec"):
        if opts.get(key) not in (None, True):
            text = str(opts[key]).strip()
            if not text.isdecimal() or int(text) > 15:
                raise StataError(f"option {key}() incorrectly specified", 198)
            return int(text)
    return default


def _stats(opts: dict) -> list[str]:
    if opts.get("stats") not in (None, True):
        stats = str(opts["stats"]).split()
        bad = [s for s in stats if s not in _STATS]
        if bad or not stats:
            raise StataError(f"stats({' '.join(bad) or ''}) not allowed; outreg in mlm has stats "
                             "b se t p ci", 198)
        return stats
    second = "se" if opts.get("se") else "p" if opts.get("pvalue") else "ci" if opts.get("ci") else "t"
    return ["b", second]


def regression_table(session, opts: dict) -> FormattedTable:
    from mlmcli.distributions import norm, t as student_t
    from mlmcli.estimation import active as estimates
    from mlmcli.syntax.coefnames import is_base_or_omitted, split_eq
    from mlmcli.syntax.options import confidence_level

    from mlmcli.commands.community.frmttable import BRACKETS, format_stat, titled

    e = estimates.active(session)
    coefs = e.coefficients()
    stats = _stats(opts)
    bdec, tdec = _decimals(opts, "bdec", 3), _decimals(opts, "tdec", 2)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    df = e.scalars.get("df_r")
    use_t = df is not None and math.isfinite(df) and df > 0
    crit = float(student_t.isf((1 - level / 100) / 2, df)) if use_t else float(norm.isf((1 - level / 100) / 2))
    stars = not opts.get("nostars")
    levels = [5.0, 1.0]
    if opts.get("starlevels") not in (None, True):
        try:
            levels = sorted((float(v) for v in str(opts["starlevels"]).split()), reverse=True)
        except ValueError:
            raise StataError("option starlevels() incorrectly specified", 198) from None
        if not levels or any(not 0 < v < 100 for v in levels):
            raise StataError("option starlevels() incorrectly specified", 198)
    keep = str(opts["keep"]).split() if opts.get("keep") not in (None, True) else None
    drop = str(opts["drop"]).split() if opts.get("drop") not in (None, True) else []
    depvar = e.macros.get("depvar", "").split()
    first_eq = split_eq(coefs.names[0])[0] if coefs.names else ""
    labels = session.data.var_labels if opts.get("varlabels") else {}
    body, rtitles = [], []
    for i, full in enumerate(coefs.names):
        eq, name = split_eq(full)
        if is_base_or_omitted(name) or (opts.get("nocons") and name == "_cons"):
            continue
        shown = name if eq in ("", first_eq) else f"{eq}:{name}"
        if keep is not None and name not in keep and shown not in keep:
            continue
        if name in drop or shown in drop:
            continue
        b = float(coefs.b[i])
        se = math.sqrt(float(coefs.V[i, i])) if coefs.V is not None and coefs.V[i, i] >= 0 else math.nan
        tval = b / se if se > 0 else math.nan
        p = (2 * float(student_t.sf(abs(tval), df)) if use_t else 2 * float(norm.sf(abs(tval)))) \
            if math.isfinite(tval) else math.nan
        values = {"b": format_stat(b, bdec), "se": format_stat(se, bdec), "t": format_stat(abs(tval), tdec),
                  "p": format_stat(p, tdec),
                  "ci": (f"{format_stat(b - crit * se, bdec)} - {format_stat(b + crit * se, bdec)}"
                         if math.isfinite(se) else "")}
        for k, stat in enumerate(stats):
            text = values[stat]
            if stat == "b" and stars and math.isfinite(p):
                text += "*" * sum(p < lv / 100 for lv in levels)
            if text and k > 0:
                left, right = BRACKETS[min(k, len(BRACKETS) - 1)]
                text = f"{left}{text}{right}"
            body.append((text,))
            rtitles.append((labels.get(name) or name if eq in ("", first_eq) else shown) if k == 0 else "")
    if not opts.get("noautosumm"):  # outreg: noautosumm drops summstat() too
        from mlmcli.commands.community.outreg_summary import summary_rows

        for title, cells in summary_rows(e.scalars, opts):
            body.append(cells)
            rtitles.append(title)
    head = depvar[0] if depvar else ""
    if opts.get("varlabels") and head in labels:
        head = labels[head]
    notes = ()
    if stars and "b" in stats and opts.get("merge") is None:  # outreg.ado: no legend of its own under merge
        notes = ("; ".join(f"{'*' * (k + 1)} p<{lv / 100:g}" for k, lv in enumerate(levels)),)
    return titled(FormattedTable(tuple(body), tuple(rtitles), (("", head),), notes=notes), opts)


def cmd_outreg(session, cmd) -> None:
    from mlmcli.commands.community.frmttable import TABLE_SPECS, finish_table
    from mlmcli.commands.data.common import one_using_file, split_using
    from mlmcli.syntax.options import resolve_options, split_options

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, TABLE_SPECS + OUTREG_SPECS)
    before, file_text = split_using(body)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    if before.strip():
        raise StataError("invalid syntax", 198)
    new = None if "replay" in opts else regression_table(session, opts)
    finish_table(session, cmd, new, opts, file_text)
