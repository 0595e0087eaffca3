"""esttab/estout's stats() rows (the statistics under the table, their labels and formats,
estout's layout() cells and stats(, star)) and the option readers they share with
estout_options (quoted words, formats)."""
from __future__ import annotations

import re

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import split_words

_BACK_TO_BACK = re.compile(r'(?:"[^"]*"){2,}')


def quoted_words(text: str | None) -> list[str]:
    """Words of an option's argument, quotes removed (``"a b" c`` -> ``a b``, ``c``).  Quoted
    strings typed back to back are words each, as Stata's tokenizer ends a string at its
    closing quote (``mtitle("OLS""FE")``: two titles)."""
    out = []
    for word in split_words(text or ""):
        parts = re.findall(r'"[^"]*"', word) if _BACK_TO_BACK.fullmatch(word) else [word]
        out += [unquote(p) for p in parts]
    return out


def option_format(opts: dict, name: str, default: str) -> str:
    v = opts.get(name)
    return checked_format(v.strip()) if isinstance(v, str) and v.strip() else default


def checked_format(fmt: str) -> str:
    """An ``a#`` format whose # is not an integer: estout.ado's SignificantDigits says
    "`fmt' not allowed" r(198) (``a`` alone is mlm's a3)."""
    if fmt[:1] == "a" and not fmt.startswith("autodigits") and fmt[1:] and not re.fullmatch(r"[+-]?\d+", fmt[1:]):
        raise StataError(f"{fmt} not allowed", 198)
    return fmt


def stats_spec(opts: dict, mode: str, bfmt: str, plain: bool, long_labels: bool) -> list:
    """(name, label, format, None, starred) of the statistics rows; a layout() row is (names,
    label, formats, template, starred) -- its cell's text with a placeholder per statistic;
    starred: stats(, star) puts the model's significance stars on the row."""
    from mlmcli.render.estout import stat_label

    if isinstance(opts.get("stats"), str):
        body, sub, _ = split_options(opts["stats"])
        sub_opts = resolve_options(sub, [OptionSpec("fmt", 1, takes_arg=True), OptionSpec("labels", 1, takes_arg=True),
                                         OptionSpec("star", 4, takes_arg=True, arg_optional=True),
                                         OptionSpec("layout", 3, takes_arg=True), OptionSpec("pchar", 2, takes_arg=True),
                                         OptionSpec("nostar", 3)])
        names = body.split()
        fmts = [checked_format(f) for f in quoted_words(sub_opts.get("fmt"))] or [bfmt]
        labels = quoted_words(sub_opts.get("labels"))
        star = sub_opts.get("star")  # star: the first statistic; star(list): those named
        starred = set(star.split()) if isinstance(star, str) and star.strip() else (
            set(names[:1]) if star and not sub_opts.get("nostar") else set())
        if isinstance(sub_opts.get("layout"), str):
            return _stats_layout(sub_opts, names, fmts, labels, starred)
        return [(n, labels[i] if i < len(labels) else n, fmts[min(i, len(fmts) - 1)], None, n in starred)
                for i, n in enumerate(names)]
    out = []
    if not opts.get("noobs") and not opts.get("obslast"):
        out.append(("N", stat_label("N", mode, long_labels), "%18.0g"))
    for opt, name in (("r2", "r2"), ("ar2", "r2_a"), ("pr2", "r2_p"), ("aic", "aic"), ("bic", "bic")):
        if opts.get(opt):
            default = bfmt if (plain or opt in ("aic", "bic")) else "3"
            out.append((name, stat_label(name, mode, long_labels), option_format(opts, opt, default)))
    sfmt = [checked_format(f) for f in quoted_words(opts.get("sfmt"))] or [bfmt]
    for i, item in enumerate(quoted_words(opts.get("scalars"))):
        parts = item.split(None, 1)
        name, label = parts[0], (parts[1] if len(parts) > 1 else parts[0])
        if any(name == n for n, _, _ in out) or (name == "N" and not opts.get("noobs") and opts.get("obslast")):
            continue
        out.append((name, label, sfmt[min(i, len(sfmt) - 1)]))
    if opts.get("obslast") and not opts.get("noobs"):
        out.append(("N", stat_label("N", mode, long_labels), "%18.0g"))
    return [row + (None, False) for row in out]


def _stats_layout(sub_opts: dict, names: list, fmts: list, labels: list, starred: set) -> list:
    """stats(, layout(array) [pchar()]): a row per element of the array, each of its cells in a
    column of every model (cells beyond a model's columns not shown), the placeholders taking
    the statistics one after another (each statistic's fmt() by its place in the list), the other
    text printed as is; labels() label the rows, else a row is labelled by its cells' text with
    the statistics' names in place of the placeholders; statistics left over get a row each
    (estout.ado's ProcessStatslayout).  A row of one cell carries its template (text, pchar); a
    row of several carries per cell ((text, pchar), number of statistics, starred)."""
    pchar = unquote(sub_opts.get("pchar") or "@").strip() or "@"
    rows, used = [], 0
    for row in quoted_words(sub_opts["layout"]):
        cells, row_names, row_fmts, labelled = [], [], [], []
        for template in (quoted_words(row) or [""]):
            k = template.count(pchar)
            cell_names = names[used:used + k]
            if len(cell_names) < k:  # more placeholders than statistics: the rest print nothing
                template = pchar.join(template.split(pchar)[:len(cell_names) + 1])
            row_fmts += [fmts[min(i, len(fmts) - 1)] for i in range(used, used + len(cell_names))]
            used += len(cell_names)
            pieces = template.split(pchar)
            labelled.append(pieces[0] + "".join(n + rest for n, rest in zip(cell_names, pieces[1:])))
            cells.append(((template, pchar), len(cell_names), bool(starred & set(cell_names))))
            row_names += cell_names
        label = labels[len(rows)] if len(rows) < len(labels) else " ".join(labelled)
        template = cells[0][0] if len(cells) == 1 else tuple(cells)
        rows.append((tuple(row_names), label, tuple(row_fmts), template, bool(starred & set(row_names))))
    for i in range(used, len(names)):  # statistics the layout leaves over: a row each
        label = labels[len(rows)] if len(rows) < len(labels) else names[i]
        rows.append((names[i], label, fmts[min(i, len(fmts) - 1)], None, names[i] in starred))
    return rows
