"""Helpers shared by the data-management commands (``data_*.py``).

They wrap the interpreter's interfaces (expression evaluation, sample
marking) and the small parsing jobs every data command has: file names,
``newvar = exp``, storage types, Stata's count formatting.
"""
from __future__ import annotations

import os
import re

import numpy as np

from mlmcli.characteristics import drop_for
from mlmcli.errors import StataError
from mlmcli.missing import text as missing_text
from mlmcli.parser import weight_kind
from mlmcli.syntax.varlist import NUMERIC_TYPES, counted_varlist
from mlmcli.textscan import find_top, split_words

from mlmcli.storage_types import INT_LIMITS, fit_storage  # noqa: F401 (the data commands' names for them)


def evaluate(session, text: str) -> np.ndarray:
    """Evaluate a Stata expression over every observation (float64 with NaN, or object str)."""
    from mlmcli.expr import evaluate as _evaluate
    return _evaluate(session, text)


def single_variable(ds, text: str) -> str:
    """The one variable a ``varname`` argument names (more: ``too many variables specified`` r(103))."""
    return counted_varlist(ds, text, 1, 1)[0]


def mark(session, cmd, varlist=(), *, strok: bool = False) -> np.ndarray:
    """Rows selected by ``if``/``in``/the current by-group, minus rows missing in varlist."""
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, list(varlist), strok=strok), dtype=bool)


def summarize_returns(m: dict | None, sum_w: float = 0.0, meanonly: bool = False) -> dict:
    """summarize's r() for one variable from its moments ``m``: only N, sum_w and sum (zero)
    for a string variable (``None``) or one without observations; meanonly keeps six."""
    if m is None or m["N"] == 0:
        return {"N": 0, "sum_w": 0.0, "sum": 0.0}
    if meanonly:
        return {"N": m["N"], "sum_w": sum_w, "sum": m["sum"], "mean": m["mean"], "min": m["min"], "max": m["max"]}
    return {"N": m["N"], "sum_w": sum_w, "mean": m["mean"], "Var": m["Var"], "sd": m["sd"],
            "min": m["min"], "max": m["max"], "sum": m["sum"]}


def commas(n) -> str:
    """An integer with thousands commas (``21,790``)."""
    return f"{int(n):,}"


def unquote(text: str) -> str:
    text = text.strip()
    if text.startswith('`"') and text.endswith("\"'"):
        return text[2:-2]
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def one_file_word(text: str) -> str:
    """A file name is one word: quoted when it holds blanks.  ``save my file`` is Stata's
    ``invalid 'file'`` r(198) (as export_file_words), never a file named after the words typed."""
    words = split_words(text.strip(), brackets="")
    if len(words) > 1:
        raise StataError(f"invalid '{words[1]}'", 198)
    return text


def one_using_file(text: str | None) -> str | None:
    """The file text after ``using`` of a command whose syntax takes neither if nor in there:
    one word (one_file_word), and a trailing ``if``/``in`` is syntax's ``if not allowed`` /
    ``in range not allowed`` r(101) -- never part of the file's name (``outreg2 using t in 1``
    wrote ``t in 1.txt``)."""
    if text is None:
        return None
    words = split_words(text.strip(), brackets="")
    if len(words) > 1 and words[1] in ("if", "in"):
        raise StataError("if not allowed" if words[1] == "if" else "in range not allowed", 101)
    return one_file_word(text)


def dta_path(text: str) -> str:
    """A file name as typed: quotes removed, ``~`` expanded, ``.dta`` added when there is no extension."""
    return plain_path(text, ".dta")


def dta_save_path(text: str, replace: bool) -> str:
    """The .dta a save command writes to: not a web address (r(633)), not an existing file
    unless ``replace`` (r(602))."""
    if web_address(text, "") is not None:
        raise StataError("may not write to web file", 633)
    path = dta_path(text)
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    return path


def without_value_labels(ds):
    """``save``/``saveold ..., nolabel``: the data without value-label definitions; which
    label each variable names stays, as Stata's nolabel keeps those associations."""
    clone = ds.snapshot()
    clone.value_labels = {}
    return clone


def plain_path(text: str, default_ext: str) -> str:
    """A file name as typed: quotes removed, ``~`` expanded, ``default_ext`` added when there
    is no extension."""
    name = os.path.expanduser(unquote(one_file_word(text)))
    if not name:
        raise StataError("invalid file specification", 198)
    if not os.path.splitext(os.path.basename(name))[1]:
        name += default_ext
    return name


DATA_CHANGED = "no; dataset in memory has changed since last saved"


def refuse_if_changed(session, clear: bool) -> None:
    """r(4) before data in memory that changed since they were saved are replaced without ``clear``."""
    if not clear and session.data.changed and not session.data.is_empty():
        raise StataError(DATA_CHANGED, 4)


def keep_columns(ds, names: list[str]):
    """``ds`` narrowed to the variables ``names`` (in that order), their metadata with them
    (the rows keep their identity: e(sample) still marks them)."""
    dropped = set(ds.varnames) - set(names)
    ds.replace_columns(ds.df[names])
    for meta in (ds.types, ds.formats, ds.var_labels, ds.value_label_of):
        for k in list(meta):
            if k not in names:
                del meta[k]
    drop_for(ds.chars, dropped)
    return ds


def split_using(args: str) -> tuple[str, str | None]:
    """``varlist using file`` -> (varlist text, file text or None)."""
    m = re.search(r"(?:^|\s)using(?:\s+|(?=\"))", args)
    if not m:
        return args.strip(), None
    return args[: m.start()].strip(), args[m.end():].strip()


def split_assignment(args: str) -> tuple[str, str]:
    """``[type] name = exp`` -> (left text, expression text); error when ``=`` is missing."""
    i = find_top(args, "=", brackets="(")
    while i >= 0:
        if args[i + 1: i + 2] != "=" and (args[i - 1: i] if i else "") not in "=!~<>":
            return args[:i].strip(), args[i + 1:].strip()
        i = find_top(args, "=", i + 1, brackets="(")  # a top-level index: the scan resumes there
    raise StataError("invalid syntax", 198)




def smallest_type(values: np.ndarray, current: str) -> str:
    """The storage type ``replace`` promotes ``current`` to so that ``values`` fit."""
    finite = values[~np.isnan(values)]
    if current in INT_LIMITS:
        if finite.size and not np.all(finite == np.trunc(finite)):
            return "double" if current == "long" else "float"
        order = ["byte", "int", "long"]
        for t in order[order.index(current):]:
            lo, hi = INT_LIMITS[t]
            if not finite.size or (finite.min() >= lo and finite.max() <= hi):
                return t
        return "double"
    return current


def string_type_for(values) -> str:
    """``str#`` wide enough in UTF-8 bytes for every value, as Stata 14 counts (``strL`` past 2045)."""
    from mlmcli.text_bytes import string_storage_type

    return string_storage_type(values)


def string_format(vtype: str) -> str:
    """Stata's default display format of a new string variable: ``%9s`` up to str9, else ``%#s``."""
    width = vtype[3:]
    return f"%{width}s" if width.isdecimal() and int(width) > 9 else "%9s"


def as_text_array(values) -> np.ndarray:
    from mlmcli.expr.distinct_values import all_python_strings

    if all_python_strings(values):
        return values.copy()
    arr = np.empty(len(values), dtype=object)
    arr[:] = ["" if v is None else str(v) for v in values]
    return arr


def value_text(ds, name: str, value, *, labels: bool = True, fmt: str | None = None) -> str:
    """How Stata shows one value of a variable (label text if labelled), trimmed."""
    from mlmcli.render.numfmt import format_number
    if isinstance(value, str):
        return value
    if labels:
        text = ds.value_label_text(name, value)
        if text is not None:
            return text
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return missing_text(value) if value is not None else "."
    return format_number(float(value), fmt or ds.format_of(name)).strip()


def plain_number(value: float) -> str:
    """A category value as ``tab`` shows it without a label (``%9.0g``, trimmed)."""
    from mlmcli.render.numfmt import format_number
    return format_number(float(value), "%9.0g").strip()


def storage_bytes(vtype: str) -> int:
    if vtype.startswith("str"):
        rest = vtype[3:]
        return int(rest) if rest.isdecimal() else 8
    return {"byte": 1, "int": 2, "long": 4, "float": 4, "double": 8}.get(vtype, 8)


# ----------------------------------------------------------------------------- weights
def weights(session, cmd, mask: np.ndarray, allowed: tuple[str, ...], default: str = "aweight"):
    """(mask, weights or None, kind) for ``[fw|aw|iw|pw = exp]``; rows with missing or zero
    weight leave the sample.  Stata's errors: a kind the command does not take
    (``pweights not allowed`` r(101)), negative weights r(402), non-integer fweights r(401) on
    any if/in row with a weight, as [P] mark checks them (also where the varlist is missing)."""
    if cmd.weight is None:
        return mask, None, None
    from mlmcli.sample import mark_weight
    kind = weight_kind(cmd.weight)  # every abbreviation the grammar takes (`fwe`, `freq`)
    if kind == "weight":
        kind = default
    if kind not in allowed:
        raise StataError(f"{kind}s not allowed", 101)
    from mlmcli.commands.estimation.common import check_marked_weights
    mask, w = mark_weight(session, cmd, mask)
    w = np.asarray(w, dtype=float)
    check_marked_weights(session, cmd, w, kind)
    mask = mask & (w != 0)
    return mask, w, kind


# ----------------------------------------------------------------------------- raw arguments
_TOKEN_RE = re.compile(r'`"(.*?)"\'|"([^"]*)"|(\S+)', re.S)


def raw_tokens(text: str) -> list[tuple[str, bool]]:
    """Words of a raw argument; quoted strings come back unquoted with flag True."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        if m.group(1) is not None:
            out.append((m.group(1), True))
        elif m.group(2) is not None:
            out.append((m.group(2), True))
        else:
            out.append((m.group(3), False))
    return out


def split_if_in(body: str) -> tuple[str, str]:
    """Raw commands: (the text before a top-level ``if``/``in``, the ``if ... in ...`` text or "")."""
    m = re.search(r"\s(if|in)\s", " " + body + " ")
    if not m:
        return body, ""
    return body[:m.start()], body[m.start():].strip()


def if_in_command(cond: str):
    """A command carrying ``cond``'s if/in (read by the command parser), for ``mark``."""
    from mlmcli.ast import Command
    from mlmcli.parser import parse_command

    sub = parse_command("count " + cond)
    return Command(name="count", if_exp=sub.if_exp, in_range=sub.in_range)


def reject_weight(text: str) -> None:
    """Raw commands that take no weights: ``[aw=x]`` in their text is Stata's r(101)."""
    if re.search(r"\[\s*[A-Za-z]+\s*=[^\]]*\]", re.sub(r'"[^"]*"', "", text)):
        raise StataError("weights not allowed", 101)


_NUMERIC_ORDER = list(NUMERIC_TYPES)


def wider_type(a: str, b: str) -> str:
    if a.startswith("str") and b.startswith("str"):
        if "strL" in (a, b):  # Stata promotes str# to strL, never strL to str2045
            return "strL"
        wa = int(a[3:]) if a[3:].isdecimal() else 2045
        wb = int(b[3:]) if b[3:].isdecimal() else 2045
        return f"str{max(wa, wb)}"
    if a in _NUMERIC_ORDER and b in _NUMERIC_ORDER:
        if {a, b} == {"long", "float"}:
            return "double"
        return _NUMERIC_ORDER[max(_NUMERIC_ORDER.index(a), _NUMERIC_ORDER.index(b))]
    return a


# ----------------------------------------------------------------------------- files at a URL
def web_address(text: str, default_ext: str) -> str | None:
    """The URL a file name typed in a command names (``default_ext`` added when its last part
    has none), or None for a local file."""
    from mlmcli.fileformats.web import is_url, with_extension
    name = unquote(text)
    if not is_url(name):
        return None
    return with_extension(name, default_ext) if default_ext else name


def download(session, url: str) -> str:
    """The local (cached) copy of ``url``; when the network is unreachable an earlier
    download is used and the session told so (without a session: the error stands)."""
    from mlmcli.fileformats.web import fetch
    got = fetch(url, allow_stale=session is not None)
    if got.stale:
        import time
        when = time.strftime("%d %b %Y %H:%M", time.localtime(got.cached_at)) if got.cached_at else "earlier"
        session.print(f"(network unreachable: using the copy of {url} downloaded {when})")
    return got.path


class web_messages:
    """Errors about a downloaded file name its URL, not the cache file it was read from."""

    def __init__(self, url: str | None, local: str):
        self.url, self.local = url, local

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        if self.url is not None and isinstance(err, StataError) and self.local in err.message:
            err.message = err.message.replace(self.local, self.url)
            err.args = (err.message,)
        return False


# ----------------------------------------------------------------------------- other files
def load_using(text: str, session=None) -> "Dataset":
    """The dataset of a ``using`` file (``.dta`` added when the name has no extension; a URL
    is downloaded first)."""
    from mlmcli.dta import read_dta
    url = web_address(text, ".dta")
    if url is not None:
        local = download(session, url)
        with web_messages(url, local):
            return read_dta(local)[0]
    path = dta_path(text)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    return read_dta(path)[0]


def adopt_metadata(ds: "Dataset", other: "Dataset", names, value_labels: bool = True) -> None:
    """Copy labels/formats/types of ``names`` from ``other`` where ``ds`` lacks them (and the
    value-label definitions unless ``value_labels`` is false)."""
    for n in names:
        for attr in ("var_labels", "formats", "types", "value_label_of"):
            src, dst = getattr(other, attr), getattr(ds, attr)
            if n in src and n not in dst:
                dst[n] = src[n]
    if value_labels:
        for lab, mapping in other.value_labels.items():
            ds.value_labels.setdefault(lab, dict(mapping))


# ----------------------------------------------------------------------------- gsort's keys
def gsort_keys(ds, text: str) -> tuple[list[str], list[bool]]:
    """``gsort [+|-]varname ...`` -> (variables, descending flags)."""
    toks = text.replace("- ", "-").replace("+ ", "+").split()
    if not toks:
        raise StataError("varlist required", 100)
    names, desc = [], []
    for t in toks:
        for n in ds.expand_varlist(t.lstrip("+-")):
            names.append(n)
            desc.append(t.startswith("-"))
    return names, desc


def export_file_words(session, rest: str) -> None:
    """export_delimited.ado's and export_excel.ado's three syntax tries: ``[varlist] using
    file``, then ``using`` put in front of what was typed (one word: the file, all variables),
    then ``[varlist] using file`` again for its message -- so several words without ``using``
    are a varlist (``variable file not found`` r(111)) needing ``using`` (r(100)), and a file
    name is one word (quoted when it has blanks): never a file named after the words typed."""
    varlist_text, file_text = split_using(rest)
    if file_text is None:  # ``name using`` with no file: the caller's r(198)
        if len(split_words(varlist_text, brackets="")) > 1 and rest.split()[-1:] != ["using"]:
            session.data.expand_varlist(varlist_text)
            raise StataError("using required", 100)
        return
    words = split_words(file_text, brackets="")
    if len(words) > 1:
        raise StataError(f"invalid '{words[1]}'", 198)
