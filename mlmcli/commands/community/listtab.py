"""``listtab varlist [using filename] [if] [in] [, options]`` (Roger Newson's community command,
SSC ``listtab``): the observations as rows of a text table (LaTeX, HTML, Markdown ...), written
from listtab.ado (04 November 2012) and listtab_rstyle.ado (21 September 2020; read, not copied):

    begin() delimiter() end() missnum() rstyle(tabular|halign|settabs|html|htmlhead|bbcode|
    markdown|tabdelim) vbegin() vdelimiter() vend() headlines() footlines() headchars()
    footchars() nolabel type replace appendto()

As the ado-files do: each selected observation is begin + value1 + delimiter + ... + end (the
per-observation vbegin()/vdelimiter()/vend() string variables instead when given); string
variables as they are, numeric ones as their value labels (unless ``nolabel``) or
``string(x, format)`` in their display format, missing ``missnum()`` (default empty).
``rstyle()`` fills what begin()/delimiter()/end() leave empty (tabular: ``&`` and ``\\\\``; an
unknown style is noted and ignored).  headlines()/footlines() are lines before/after the rows,
headchars()/footchars() rows of the variables' characteristics.  The text goes to the
``using`` file (``replace``), is appended to ``appendto()``, and with ``type`` is shown in
the log; one of them is required (r(498)).  ``handle()`` (an open file handle) is refused.
"""
from __future__ import annotations

import os
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"listtab": "listtab varlist [using filename] [if] [in] [, begin() delimiter() end() missnum() "
                   "rstyle() headlines() footlines() nolabel type replace appendto()]"}

OPTIONS = [OptionSpec("begin", 1, True), OptionSpec("delimiter", 1, True), OptionSpec("end", 1, True),
           OptionSpec("missnum", 1, True), OptionSpec("vbegin", 2, True), OptionSpec("vdelimiter", 2, True),
           OptionSpec("vend", 2, True), OptionSpec("rstyle", 2, True), OptionSpec("headlines", 2, True),
           OptionSpec("footlines", 2, True), OptionSpec("headchars", 5, True), OptionSpec("footchars", 5, True),
           OptionSpec("nolabel", 3), OptionSpec("type", 1), OptionSpec("replace", None),
           OptionSpec("appendto", 2, True), OptionSpec("handle", 2, True)]

STYLES = {"html": ("<tr><td>", "</td><td>", "</td></tr>"), "htmlhead": ("<tr><th>", "</th><th>", "</th></tr>"),
          "bbcode": ("[tr][td]", "[/td][td]", "[/td][/tr]"), "tabular": ("", "&", "\\\\"),
          "halign": ("", "&", "\\cr"), "settabs": ("\\+", "&", "\\cr"), "markdown": ("|", "|", "|"),
          "tabdelim": ("", "\t", "")}

_TOKEN = re.compile(r'`"(.*?)"\'|"([^"]*)"|(\S+)', re.S)


def tokens(text: str) -> list[str]:
    """Mata's tokens() of a list of (quoted) strings, quotes removed."""
    return [next(g for g in m.groups() if g is not None) for m in _TOKEN.finditer(text or "")]


def _string_option(opts, name: str) -> str:
    value = opts.get(name)
    if not isinstance(value, str):
        return ""
    found = tokens(value)
    return value.strip() if len(found) != 1 else found[0]


def row_style(opts) -> tuple[str, str, str, str, str]:
    """listtab_rstyle's inputs: (begin, delimiter, end, missnum, rstyle)."""
    begin, delim, end = (_string_option(opts, k) for k in ("begin", "delimiter", "end"))
    style = _string_option(opts, "rstyle")
    return begin, delim, end, _string_option(opts, "missnum"), style


def cmd_listtab(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, split_using

    opts = resolve_options(cmd.options, OPTIONS)
    if "handle" in opts:
        raise StataError("listtab: option handle() not available in mlm", 198)
    body, using = split_using(cmd.args)
    using = using.strip().strip('"') if using else None
    appendto = _string_option(opts, "appendto")
    if not using and not opts.get("type") and not appendto:
        raise StataError("You must specify using and/or type and/or appendto() and/or handle().\n"
                         "If type is specified, then data are typed to the Stata log.\n"
                         "If using is specified, then data are output to a file.\n"
                         "If appendto() is specified, then data are appended to a file.\n"
                         "If handle() is specified, then data are added to a file already open with that handle.",
                         498)
    ds = session.data
    names = ds.expand_varlist(body) if body.strip() else list(ds.varnames)
    begin, delim, end, missnum, style = row_style(opts)
    if style in STYLES:
        b0, d0, e0 = STYLES[style]
        begin, delim, end = begin or b0, delim or d0, end or e0
    elif style:
        session.print(f"Unrecognised row style: {style}")
        session.print("Default row style used instead")
    touse = np.asarray(mark(session, cmd, strok=True), bool)
    lines = [line for line in tokens(opts.get("headlines"))]
    for char in (opts.get("headchars") or "").split():
        lines.append(begin + delim.join(ds.chars.get(f"{n}[{char}]", "") for n in names) + end)
    lines += _rows(ds, names, touse, begin, delim, end, missnum, bool(opts.get("nolabel")), opts)
    for char in (opts.get("footchars") or "").split():
        lines.append(begin + delim.join(ds.chars.get(f"{n}[{char}]", "") for n in names) + end)
    lines += tokens(opts.get("footlines"))
    text = "".join(line + "\n" for line in lines)
    if using:
        _write(using, text, replace=bool(opts.get("replace")))
    if appendto:
        if not os.path.exists(appendto):
            from mlmcli.errors import file_not_found
            raise file_not_found(appendto)
        with open(appendto, "a", encoding="utf-8") as fh:
            fh.write(text)
    if opts.get("type"):
        for line in lines:
            session.print(line)


def _write(path: str, text: str, *, replace: bool) -> None:
    from mlmcli.fileformats.safe_write import write_bytes_atomic

    path = os.path.expanduser(path)
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    write_bytes_atomic(path, text.encode("utf-8"), replace=replace)


def _rows(ds, names, touse, begin, delim, end, missnum, nolabel, opts) -> list[str]:
    from mlmcli.render.numfmt import format_number_with_period

    def stata_string_of(v, fmt):  # string(x, fmt): leading blanks dropped
        return format_number_with_period(float(v), fmt).strip()

    columns = []
    for name in names:
        if ds.is_string(name):
            columns.append(ds.column(name).astype(str).to_numpy())
            continue
        values = ds.numeric(name)
        lname = ds.value_label_of.get(name)
        labels = ds.value_labels.get(lname, {}) if lname and not nolabel else None
        fmt = ds.format_of(name)
        out = []
        for v in values:
            if labels is not None:
                out.append(labels.get(float(v), "" if np.isnan(v) else stata_string_of(v, fmt)))
            else:
                out.append(missnum if np.isnan(v) else stata_string_of(v, fmt))
        columns.append(np.asarray(out, dtype=object))
    per = {}
    for key, default in (("vbegin", begin), ("vdelimiter", delim), ("vend", end)):
        var = _string_option(opts, key)
        per[key] = ds.column(ds.expand_varlist(var)[0]).astype(str).to_numpy() if var else None
    lines = []
    for i in np.flatnonzero(touse):
        b = per["vbegin"][i] if per["vbegin"] is not None else begin
        d = per["vdelimiter"][i] if per["vdelimiter"] is not None else delim
        e = per["vend"][i] if per["vend"] is not None else end
        lines.append(b + d.join(str(col[i]) for col in columns) + e)
    return lines
