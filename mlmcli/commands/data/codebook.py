"""``codebook [varlist] [if] [in] [, compact header notes tabulate(#) all]`` ([D] codebook),
Stata 13's layout (rules as wide as describe's, one short of the linesize).

For each variable: storage type, value label, range and units (the largest power of ten
every value is a multiple of), unique values and missing count; then a tabulation when it
has at most ``tabulate(#)`` (default 9) distinct values, else mean, standard deviation and
the 10/25/50/75/90th percentiles (numeric) or four examples (string), and warnings about
blanks in strings.  ``compact`` gives one line per variable.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.render.numfmt import drop_leading_zero, format_number
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

OPTIONS = [OptionSpec("compact"), OptionSpec("header", 1), OptionSpec("notes", 1), OptionSpec("all"),
           OptionSpec("tabulate", 3, takes_arg=True), OptionSpec("mv"), OptionSpec("problems", 4),
           OptionSpec("detail", 1), OptionSpec("dots"), OptionSpec("languages", 4, takes_arg=True, arg_optional=True)]


def _g(x: float, width: int = 9) -> str:
    return format_number(float(x), f"%{width}.0g").strip()


def _six_digits(x: float) -> str:
    """mean and std. dev.: six significant digits (6165.26, 2949.5, .456287), fewer when that
    would take more than nine characters."""
    if not np.isfinite(x):
        return "."
    for digits in range(6, 0, -1):
        text = f"{x:.{digits}g}"
        if "e" not in text:
            text = drop_leading_zero(text)
        if len(text) <= 9:
            return text
    return text


def _units(unit: float) -> str:
    return _g(unit)


def cmd_codebook(session, cmd) -> None:
    opts = resolve_options(cmd.options, OPTIONS)
    for unsupported in ("mv", "problems", "detail", "dots", "languages"):
        if unsupported in opts:
            raise StataError(f"codebook, {unsupported} is not implemented in mlm", 198)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    if not names:
        return
    rows = mark(session, cmd, strok=True)
    tab_limit = integer_option(opts, "tabulate", 9, minimum=0)
    from mlmcli.render.data_management import render_codebook
    from mlmcli.results.data_management import Codebook
    if opts.get("compact"):
        if opts.get("header") or opts.get("notes") or opts.get("all"):
            raise StataError("compact may not be combined with header, notes, or all", 198)
        book = Codebook(compact=tuple(_compact_row(ds, n, rows) for n in names), linesize=session.linesize - 1)
    else:
        header = _header(ds) if (opts.get("header") or opts.get("all")) else ()
        entries = tuple(_entry(ds, n, rows, tab_limit, bool(opts.get("notes") or opts.get("all"))) for n in names)
        book = Codebook(entries=entries, header=header, linesize=session.linesize - 1)
    session.print(render_codebook(book))


def _header(ds) -> tuple[tuple[str, str], ...]:
    import os
    import time
    out = [("Dataset", ds.filename or "(unnamed)")]
    if ds.filename and os.path.exists(ds.filename):
        out.append(("Last changed", time.strftime("%e %b %Y %H:%M", time.localtime(os.path.getmtime(ds.filename))).strip()))
    if ds.label:
        out.append(("Data label", ds.label))
    return tuple(out)


def _values(ds, name: str, rows: np.ndarray):
    if ds.is_string(name):
        col = ds.df[name].to_numpy(dtype=object)[rows]
        return np.array(["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in col],
                        dtype=object), True
    return ds.numeric(name)[rows], False


def _compact_row(ds, name: str, rows: np.ndarray):
    from mlmcli.results.data_management import CodebookCompactRow
    values, is_string = _values(ds, name, rows)
    label = ds.var_labels.get(name, "")
    if is_string:
        present = values[values != ""]
        return CodebookCompactRow(name, int(present.size), len(set(present.tolist())), ".", ".", ".", label)
    finite = values[~np.isnan(values)]
    if not finite.size:
        return CodebookCompactRow(name, 0, 0, ".", ".", ".", label)
    from mlmcli.summary_statistics import moments

    mean = float(finite[0]) if finite.min() == finite.max() else moments(finite)["mean"]  # scaled near 1e307
    return CodebookCompactRow(name, int(finite.size), int(np.unique(finite).size), _g(mean), _g(finite.min()),
                              _g(finite.max()), label)


def _entry(ds, name: str, rows: np.ndarray, tab_limit: int, with_notes: bool):
    from mlmcli.results.data_management import CodebookEntry
    from mlmcli.summary_statistics import moments, spaced_examples, stata_percentile, value_units
    values, is_string = _values(ds, name, rows)
    vtype = ds.types.get(name, "float")
    label = ds.var_labels.get(name, "")
    nobs = int(values.size)
    notes = tuple(_notes(ds, name)) if with_notes else ()
    if is_string:
        present = values[values != ""]
        uniq = sorted(set(present.tolist()))
        from mlmcli.text_bytes import longest_bytes

        longest = longest_bytes(values)  # str# counts bytes (Stata 14)
        type_text = f"string ({vtype})"
        if vtype.startswith("str") and vtype[3:].isdecimal() and longest < int(vtype[3:]):
            type_text += f", but longest is str{max(longest, 1)}"
        tab = ()
        examples = ()
        if len(uniq) <= tab_limit:
            counts = {v: 0 for v in uniq}
            for v in present:
                counts[v] += 1
            tab = tuple((counts[v], f'"{v}"', "") for v in uniq)
            if nobs > present.size:
                tab += ((nobs - int(present.size), '""', ""),)
        else:
            examples = tuple(f'"{v}"' for v in spaced_examples(sorted(values.tolist())))
        return CodebookEntry(name, label, type_text, "", None, None, len(uniq), '""', nobs - int(present.size), nobs,
                             tabulation=tab, examples=examples, warnings=_blank_warnings(present), notes=notes)
    finite = values[~np.isnan(values)]
    uniq = np.unique(finite)
    lab_name = ds.value_label_of.get(name, "")
    range_text = f"[{_g(finite.min())},{_g(finite.max())}]" if finite.size else "[.,.]"
    units = _units(value_units(finite)) if finite.size else "."
    base = dict(name=name, label=label, type_text=f"numeric ({vtype})", value_label=lab_name, range_text=range_text,
                units_text=units, unique=int(uniq.size), missing_label=".", missing=nobs - int(finite.size),
                nobs=nobs, notes=notes)
    if uniq.size <= tab_limit and finite.size:
        labels = ds.value_labels.get(lab_name, {}) if lab_name else {}
        counts = [(int((finite == u).sum()), _g(u), labels.get(float(u), "")) for u in uniq]
        missing = nobs - int(finite.size)
        if missing:
            counts.append((missing, ".", ""))
        return CodebookEntry(**base, tabulation=tuple(counts), labelled_tabulation=bool(lab_name))
    if not finite.size:
        return CodebookEntry(**base)
    both = moments(finite)  # scaled: values near 1e307 have a mean and a standard deviation
    mean = float(finite[0]) if finite.min() == finite.max() else both["mean"]
    sd = both["sd"] if finite.size > 1 else np.nan
    sx = np.sort(finite)
    pct = tuple(_g(stata_percentile(sx, p)) for p in (10, 25, 50, 75, 90))
    return CodebookEntry(**base, mean_text=_six_digits(mean), sd_text=_six_digits(sd), percentiles=pct)


def _blank_warnings(present: np.ndarray) -> tuple[str, ...]:
    lead = any(v != v.lstrip(" ") for v in present)
    trail = any(v != v.rstrip(" ") for v in present)
    embedded = any(" " in v.strip(" ") for v in present)
    out = []
    if lead and trail:
        out.append("variable has leading and trailing blanks")
    elif lead:
        out.append("variable has leading blanks")
    elif trail:
        out.append("variable has trailing blanks")
    if embedded:
        out.append("variable has embedded blanks")
    return tuple(out)


def _notes(ds, name: str) -> list[tuple[int, str]]:
    """A variable's notes (characteristics ``name[note1]`` ... ``name[note#]``, # from
    ``name[note0]``; a number ``notes drop`` left empty is skipped, the others keep theirs)."""
    try:
        last = int(float(ds.chars.get(f"{name}[note0]", "")))
    except ValueError:  # no count: the numbers present from 1 on
        last = 0
        while f"{name}[note{last + 1}]" in ds.chars:
            last += 1
    return [(k, ds.chars[f"{name}[note{k}]"]) for k in range(1, last + 1) if ds.chars.get(f"{name}[note{k}]")]
