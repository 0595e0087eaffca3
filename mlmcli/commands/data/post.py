"""``postfile``, ``post``, ``postclose``, ``postutil`` ([P] postfile): build a dataset one
observation at a time (simulation results, estimates collected in a loop) and save it.

``postfile postname [type] newvar [[type] newvar ...] using filename [, replace every(#)]``
opens a post; ``post postname (exp) (exp) ...`` adds an observation (one expression per
variable, evaluated as ``display`` evaluates them); ``postclose postname`` writes the file
(Stata 13's .dta, atomically: an existing file is replaced only with ``replace``, checked
when the post is opened); ``postutil dir`` lists the open posts, ``postutil clear`` closes
them all (writing each).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.commands.data.common import dta_path, split_using
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.safe_write import check_writable
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES, STORAGE_TYPE_RE


@dataclass
class OpenPost:
    path: str
    names: list[str]
    types: list[str]
    rows: list[list] = field(default_factory=list)
    replace: bool = False


def _posts(session) -> dict:
    return session.postfiles


def cmd_postfile(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("replace"), OptionSpec("every", takes_arg=True)])
    integer_option(opts, "every", 1, minimum=1)  # Stata's write buffer size: checked, nothing else
    left, file_text = split_using(body)
    if file_text is None:
        raise StataError("using required", 100)
    words = typed_groups(left).split()
    if len(words) < 2:
        raise invalid_syntax()
    post, spec = words[0], words[1:]
    if not NAME_RE.match(post):
        raise StataError(f"{post} invalid name", 198)
    if post in _posts(session):
        raise StataError(f"postname {post} already in use", 110)
    names, types = typed_new_variables(spec)
    path = dta_path(file_text)
    # Stata opens the file here: an existing one without replace r(602), a read-only one r(608),
    # a missing folder r(603) -- not only when postclose writes it
    check_writable(path, bool(opts.get("replace")))
    _posts(session)[post] = OpenPost(path, names, types, replace=bool(opts.get("replace")))


def typed_new_variables(words: list[str]) -> tuple[list[str], list[str]]:
    """``[type] newvar [[type] newvar ...]`` (typed_groups already applied) -> names and their
    storage types (float unless typed)."""
    names, types = [], []
    vtype = "float"
    for word in words:
        if STORAGE_TYPE_RE.match(word) and word not in names:
            vtype = word
            continue
        if not NAME_RE.match(word) or word in RESERVED_NAMES:
            raise StataError(f"{word} invalid name", 198)
        if word in names:
            raise StataError(f"{word} mentioned more than once", 198)
        names.append(word)
        types.append(vtype)
        vtype = "float"
    if not names:
        raise StataError("varlist required", 100)
    return names, types


def typed_groups(text: str) -> str:
    """A newvarlist's ``double(a b)`` ([U] 11.4.2, types for a list of new variables) as
    ``double a double b``; spaces inside the parentheses are allowed."""
    def expand(m: re.Match) -> str:
        vtype, names = m.group(1), m.group(2).split()
        if not STORAGE_TYPE_RE.match(vtype) or not names:
            raise invalid_syntax()
        return " " + " ".join(f"{vtype} {name}" for name in names) + " "
    return re.sub(r"\b(\w+)\s*\(([^()]*)\)", expand, text)


def cmd_post(session, cmd) -> None:
    """``post postname (exp) (exp) ...``; a string into a numeric variable (or the reverse)
    is a type mismatch, nothing is posted then."""
    from mlmcli.expr import evaluate_scalar
    text = cmd.args.strip()
    name, _, rest = text.partition(" ")
    if name not in _posts(session):
        raise StataError(f"post {name} not found", 111)
    post = _posts(session)[name]
    exps = parenthesized_expressions(rest)
    if len(exps) != len(post.names):
        raise StataError(f"post: {len(post.names)} expressions expected and {len(exps)} found", 198)
    row = []
    for exp, vtype in zip(exps, post.types):
        value = evaluate_scalar(session, exp)
        if isinstance(value, str) != vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        row.append(value)
    post.rows.append(row)


def parenthesized_expressions(text: str) -> list[str]:
    """``(exp) (exp) ...`` -> the expressions' texts (post, frame post)."""
    exps, rest = [], text.strip()
    while rest:
        if not rest.startswith("("):
            raise invalid_syntax()
        close = closing_parenthesis(rest)
        if close < 0:
            raise StataError("unmatched parentheses", 132)
        exps.append(rest[1:close])
        rest = rest[close + 1:].strip()
    return exps


def closing_parenthesis(text: str) -> int:
    """Index of the parenthesis closing the one at 0 (quotes skipped), or -1."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                return -1
            i = end + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _write(post: OpenPost) -> None:
    import pandas as pd

    from mlmcli.commands.data.common import fit_storage
    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.dta_write import save_dta
    columns, types = {}, {}
    for k, (name, vtype) in enumerate(zip(post.names, post.types)):
        values = [row[k] for row in post.rows]
        if vtype.startswith("str"):
            if vtype != "strL":  # the declared width: longer text is cut, as Stata stores it
                values = [v[:int(vtype[3:])] for v in values]
            columns[name] = np.array(values, dtype=object)
            types[name] = vtype
        else:
            columns[name] = fit_storage(np.array(values, dtype=float), vtype)
            types[name] = vtype
    ds = Dataset(df=pd.DataFrame(columns), types=types)
    save_dta(ds, post.path, replace=True)


def cmd_postclose(session, cmd) -> None:
    names = cmd.args.split()
    if len(names) != 1:
        raise invalid_syntax()
    post = _posts(session).get(names[0])
    if post is None:
        raise StataError(f"post {names[0]} not found", 111)
    try:
        _write(post)
    finally:
        del _posts(session)[names[0]]


def cmd_postutil(session, cmd) -> None:
    """``postutil dir`` / ``postutil clear``."""
    words = cmd.args.split()
    if words == ["dir"]:
        posts = _posts(session)
        if not posts:
            session.print("  (no postfiles open)")
        for name, post in posts.items():
            session.print(f"  {name}  {post.path}  ({len(post.rows):,} observations posted)")
        return
    if words == ["clear"]:
        posts = _posts(session)
        for name in list(posts):
            post = posts.pop(name)
            _write(post)
        return
    raise invalid_syntax()

