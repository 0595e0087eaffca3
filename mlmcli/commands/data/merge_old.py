"""``merge varlist using filename`` -- the syntax before Stata 11, which Stata still runs:
merge.ado prints a note and hands the line to merge_10.ado, whose built-in ``_merge`` matches
the two files, both sorted by varlist:

    merge varlist using filename [, _merge(newvar) unique uniqmaster uniqusing sort nokeep
        keep(varlist) update replace nolabel nonotes]

Without ``unique``/``uniqmaster``/``uniqusing`` the i-th observation of a key in one file meets
the i-th of the other, the last of the shorter side repeated (what ``merge m:m`` does); with
them the key must identify observations in that file (``unique``: both), as 1:1, 1:m and m:1
do.  ``sort`` sorts both files first (and implies ``unique`` unless uniqmaster or uniqusing);
without it a file not sorted by varlist is refused (r(5)).  ``nokeep`` drops the observations
only in the using file, ``keep()`` names the using file's variables to add.  No table is printed
(the old merge prints none); ``_merge`` is 1, 2 or 3 (4, 5 after ``update``).
Not supported (r(198)): several using files, and the sequential merge without a varlist.
"""
from __future__ import annotations

from mlmcli.commands.data.common import split_using
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

OLD_OPTIONS = [
    OptionSpec("_merge", 6, takes_arg=True), OptionSpec("unique", 4), OptionSpec("uniqmaster", 5),
    OptionSpec("uniqusing", 6), OptionSpec("sort"), OptionSpec("nokeep"), OptionSpec("keep", 4, takes_arg=True),
    OptionSpec("update", 6), OptionSpec("replace", 7), OptionSpec("nolabel", 5), OptionSpec("nonotes", 7),
    OptionSpec("nosummary", 4),
]
NOTE = "(note: you are using old merge syntax; see [D] merge for new syntax)"


def is_old_syntax(args: str) -> bool:
    """Whether a merge line has no match type (1:1, m:1 ...) before its varlist."""
    first = args.split(None, 1)[0] if args.split() else ""
    return bool(first) and ":" not in first and first != ","


def parse_old(ds, cmd):
    """The old line as the new merge's parts: (kind, keys, file text, new-syntax options, genvar)."""
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OLD_OPTIONS)
    keys_text, file_text = split_using(body)
    if file_text is None:
        raise StataError("using required", 100)
    if not keys_text.strip():
        raise StataError("merge without a varlist (the old sequential merge) is not supported by mlm; "
                         "use merge 1:1 with key variables", 198)
    if len(_words(file_text)) > 1:
        raise StataError("old merge syntax with several using files is not supported by mlm", 198)
    keys = ds.expand_varlist(keys_text)
    if "replace" in opts and "update" not in opts:
        raise StataError("option replace requires option update", 198)
    unique = "unique" in opts or ("sort" in opts and "uniqmaster" not in opts and "uniqusing" not in opts)
    kind = ("1" if unique or "uniqmaster" in opts else "m") + ":" + ("1" if unique or "uniqusing" in opts else "m")
    genvar = str(opts["_merge"]).strip() if opts.get("_merge") else "_merge"
    new_opts = {k: opts[k] for k in ("update", "replace", "nolabel", "nonotes") if k in opts}
    if opts.get("keep"):
        new_opts["keepusing"] = opts["keep"]
    if "nokeep" in opts:
        new_opts["keep"] = "1 3 4 5"
    new_opts["noreport"] = True
    new_opts["_old_syntax"] = True
    return kind, keys, file_text, new_opts, genvar, "sort" in opts


def check_sorted(ds, using, keys: list[str], sort: bool) -> None:
    """Both files sorted by the keys (``sort``: sorted here); else merge_10's r(5)."""
    from mlmcli.by_groups import sort_dataset

    for side, data in (("master", ds), ("using", using)):
        if tuple(data.sortedby[:len(keys)]) != tuple(keys):
            if not sort:
                raise StataError(f"{side} data not sorted", 5)
            if side == "using":
                sort_dataset(data, keys)


def _words(text: str) -> list[str]:
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()
