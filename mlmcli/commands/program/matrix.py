"""``matrix``: Stata 13's matrix language ([P] matrix define, [P] matrix utility,
[P] matrix rownames) over ``session.matrices``.

``matrix [define] A = exp`` (``mlmcli.expr.matrix_expression``), ``matrix A[i,j] = exp``
(element or block substitution), ``matrix input A = (1,2\\3,4)``, ``matrix list A|e(b)|r(x)
[, format() title() noheader nohalf nonames noblank]``, ``matrix rownames|colnames|roweq|
coleq A = names``, ``matrix drop A|_all``, ``matrix dir``, ``matrix rename A B``,
``matrix symeigen X v = A`` and ``matrix svd U w V = A``.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE
from mlmcli.textscan import find_top, split_words

HELP = {
    "matrix": ("matrix [define] A = exp | A[i,j] = exp | input A = (#,#\\#,#) | list A|e(b)|r(x) [, format(%fmt) "
               "title() noheader nohalf nonames noblank] | rownames|colnames|roweq|coleq A = names | drop A|_all "
               "| dir | rename A B | symeigen X v = A | svd U w V = A"),
}

_NAME = NAME_RE


def cmd_matrix(session, cmd) -> None:
    text = cmd.args.strip()
    if not text:
        raise invalid_syntax()
    eq = find_top(text, "=")
    if eq > 0 and len(split_words(text[:eq])) == 1:
        return define(session, text[:eq].strip(), text[eq + 1:])
    word = text.split(None, 1)[0]
    rest = text[len(word):].strip()
    MATRIX_SUBCOMMANDS.handler(word)(session, rest)


# ---------------------------------------------------------------- define
def define(session, target: str, expression: str) -> None:
    """``matrix A = exp`` or ``matrix A[i,j] = exp``; the matrix is replaced only on success."""
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_matrix

    if not expression.strip():
        raise invalid_syntax()
    if "[" in target:
        name, row, col = _element_target(session, target)
        current = M.Mat.of(session.matrices[name])
        value = evaluate_matrix(session, expression)
        session.matrices[name] = M.finish(M.substitute(current, row, col, value))
        return
    name = _matrix_name(target)
    session.matrices[name] = M.finish(evaluate_matrix(session, expression))


def _matrix_name(text: str) -> str:
    name = text.strip()
    if not _NAME.match(name):
        raise StataError(f"{name} invalid name", 198)
    return name


def _element_target(session, target: str) -> tuple[str, int, int]:
    """``A[i,j]`` on the left of ``=``: the matrix and the 0-based position (numbers or names)."""
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_subscripts, parse_matrix_expression, require_matrix

    tree = parse_matrix_expression(target)
    if tree.data != "subscript" or any(s.data != "index" for s in tree.children[1:]):
        raise invalid_syntax()
    name = str(tree.children[0])
    m = M.Mat.of(require_matrix(session, name))
    i, j = evaluate_subscripts(session, tree.children[1:])
    rows = M.positions(m.rows, ("index", i), m.shape[0])
    cols = M.positions(m.cols, ("index", j), m.shape[1])
    return name, rows[0], cols[0]


def _input(session, rest: str) -> None:
    """``matrix input A = (1,2\\3,4)``: numbers (and missing values) only."""
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_matrix, parse_matrix_expression

    eq = find_top(rest, "=")
    if eq <= 0:
        raise invalid_syntax()
    name = _matrix_name(rest[:eq])
    # a comma that ends a row, `(., ., \ ., .,)`, separates nothing: matrix input takes it (a
    # public do-file fills such a 3 x 12 matrix from r() and reports its values)
    body = re.sub(r",(\s*)(?=[)\\])", r"\1", rest[eq + 1:])
    tree = parse_matrix_expression(body)
    allowed = {"number", "missing", "negate", "row_join", "col_join"}
    if any(node.data not in allowed for node in tree.iter_subtrees()):
        raise invalid_syntax()
    session.matrices[name] = M.finish(evaluate_matrix(session, body))


def _define(session, rest: str) -> None:
    eq = find_top(rest, "=")
    if eq <= 0 or len(split_words(rest[:eq])) != 1:
        raise invalid_syntax()
    define(session, rest[:eq].strip(), rest[eq + 1:])


# ---------------------------------------------------------------- list
LIST_OPTIONS = [OptionSpec("format", 3, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
                OptionSpec("noheader", 5), OptionSpec("nohalf", 6), OptionSpec("nonames", 6),
                OptionSpec("noblank", 5)]


def _list(session, rest: str) -> None:
    """``matrix list A|e(b)|r(x) [, format(%fmt) title(text) noheader nohalf nonames noblank]``."""
    from mlmcli.commands.postestimation.estimates import format_option
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.results.postestimation import MatrixListing

    body, options, _ = split_options(rest)
    words = body.split()
    if len(words) != 1:
        raise invalid_syntax()
    opts = resolve_options(options, LIST_OPTIONS)
    ref = words[0]
    mat = lookup_any(session, ref)
    vals = np.atleast_2d(np.asarray(mat.values, float))
    title = opts.get("title")
    session.print(render_matrix_list(MatrixListing(
        ref, vals, tuple(mat.rownames), tuple(mat.colnames), symmetric=is_symmetric(vals),
        fmt=format_option(opts.get("format")) or "%10.0g",
        title=title.strip().strip('"') if isinstance(title, str) else "",
        header="noheader" not in opts, half="nohalf" not in opts, names="nonames" not in opts,
        blank="noblank" not in opts, linesize=session.linesize)))


def lookup_any(session, ref: str):
    """A matrix named as ``matrix list`` names it: ``A``, ``e(b)``, ``r(table)``."""
    from mlmcli.expr.matrix_expression import require_matrix, stored_matrix

    m = re.match(r"^([er])\((\w+)\)$", ref)
    if m:
        found = stored_matrix(session, m.group(1), m.group(2))
        if found is None:
            raise StataError(f"matrix {ref} not found", 111)
        return found
    return require_matrix(session, ref)


def is_symmetric(vals: np.ndarray) -> bool:
    """Square and symmetric (to rounding: engines' e(V) are symmetric up to the last bits)."""
    if vals.shape[0] != vals.shape[1]:
        return False
    from mlmcli.missing import code as missing_code

    codes = missing_code(vals)  # .a and .z are different values (.a == .z is false in Stata)
    both_missing = np.isnan(vals) & np.isnan(vals.T) & (codes == codes.T)
    close = np.isclose(vals, vals.T, rtol=1e-12, atol=0) | both_missing
    return bool(close.all())


# ---------------------------------------------------------------- names
def _names(session, rest: str, which: str) -> None:
    """``matrix rownames|colnames|roweq|coleq A = names``: names with ``eq:`` set both parts; a
    simple name sets the name (rownames/colnames) or the equation (roweq/coleq) and keeps the
    other part; one equation name applies to every row or column."""
    from mlmcli.results.matrix import Matrix

    eq = find_top(rest, "=")
    if eq <= 0:
        raise invalid_syntax()
    name = rest[:eq].strip()
    m = lookup_owned(session, name)
    names = [_unquote(w) for w in split_words(rest[eq + 1:].strip())]
    on_rows = which.startswith("row")
    current = list(m.rownames if on_rows else m.colnames)
    if which.endswith("eq") and len(names) == 1:
        names = names * len(current)
    if len(names) != len(current):
        raise StataError("conformability error", 503)
    new = []
    for old, typed in zip(current, names):
        old_eq, _, old_nm = old.rpartition(":")
        if ":" in typed:
            t_eq, _, t_nm = typed.partition(":")
            value = f"{t_eq}:{t_nm or old_nm}" if t_eq else (t_nm or old_nm)
        elif which.endswith("eq"):
            value = f"{typed}:{old_nm}" if typed not in ("", "_") else old_nm
        else:
            value = f"{old_eq}:{typed}" if old_eq else typed
        new.append(value)
    session.matrices[name] = Matrix(m.values, tuple(new), m.colnames) if on_rows else \
        Matrix(m.values, m.rownames, tuple(new))


def lookup_owned(session, name: str):
    from mlmcli.expr.matrix_expression import require_matrix

    if re.match(r"^[er]\(", name):
        raise StataError(f"matrix {name} not found", 111)
    return require_matrix(session, name)


def _unquote(word: str) -> str:
    if word.startswith('`"') and word.endswith("\"'"):
        return word[2:-2]
    if len(word) >= 2 and word[0] == word[-1] == '"':
        return word[1:-1]
    return word


# ---------------------------------------------------------------- utilities
def _drop(session, rest: str) -> None:
    names = rest.split()
    if not names:
        raise invalid_syntax()
    if names == ["_all"]:
        session.matrices.clear()
        return
    for n in names:
        if n not in session.matrices:
            raise StataError(f"matrix {n} not found", 111)
    for n in names:
        del session.matrices[n]


def _dir(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    for name, m in session.matrices.items():
        r, c = np.atleast_2d(np.asarray(m.values)).shape
        session.print(f"{name:>12}[{r},{c}]")


def _rename(session, rest: str) -> None:
    words = rest.split()
    if len(words) != 2:
        raise invalid_syntax()
    old, new = words
    m = lookup_owned(session, old)
    new = _matrix_name(new)
    del session.matrices[old]
    session.matrices[new] = m


def _symeigen(session, rest: str) -> None:
    """``matrix symeigen X v = A``: eigenvectors (columns of X) and eigenvalues (row vector v) of
    a symmetric A, largest eigenvalue first.  An eigenvector's sign is arbitrary; here each
    column sums to a nonnegative number (Stata's choice of sign may differ)."""
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_matrix
    from mlmcli.results.matrix import Matrix

    eq = find_top(rest, "=")
    targets = rest[:eq].split() if eq > 0 else []
    if len(targets) != 2:
        raise invalid_syntax()
    x_name, v_name = (_matrix_name(t) for t in targets)
    a = M.as_mat(evaluate_matrix(session, rest[eq + 1:]))
    if a.shape[0] != a.shape[1]:
        raise StataError("conformability error", 503)
    if np.isnan(a.values).any():
        raise StataError("matrix has missing values", 504)
    if not is_symmetric(a.values):
        raise StataError("matrix not symmetric", 505)
    w, X = np.linalg.eigh((a.values + a.values.T) / 2)
    order = np.argsort(-w, kind="stable")
    w, X = w[order], X[:, order]
    X = X * np.where(X.sum(axis=0) < 0, -1.0, 1.0)  # eigenvectors' signs are arbitrary: fix them
    rows = M.finish(a).rownames
    cols = tuple(f"e{k}" for k in range(1, len(w) + 1))
    session.matrices[x_name] = Matrix(X, rows, cols)
    session.matrices[v_name] = Matrix(w.reshape(1, -1), ("eigenvalues",), cols)


def _svd(session, rest: str) -> None:
    """``matrix svd U w V = A``: A = U diag(w) V' (w a row vector of singular values)."""
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_matrix
    from mlmcli.results.matrix import Matrix

    eq = find_top(rest, "=")
    targets = rest[:eq].split() if eq > 0 else []
    if len(targets) != 3:
        raise invalid_syntax()
    u_name, w_name, v_name = (_matrix_name(t) for t in targets)
    a = M.finish(evaluate_matrix(session, rest[eq + 1:]))
    values = np.asarray(a.values, float)
    if np.isnan(values).any():
        raise StataError("matrix has missing values", 504)
    if values.shape[0] < values.shape[1]:
        raise StataError("conformability error", 503)
    U, w, Vt = np.linalg.svd(values, full_matrices=False)
    session.matrices[u_name] = Matrix(U, a.rownames, a.colnames)
    session.matrices[w_name] = Matrix(w.reshape(1, -1), ("r1",), a.colnames)
    session.matrices[v_name] = Matrix(Vt.T, a.colnames, a.colnames)


def _dissimilarity(session, rest: str) -> None:  # [MV] matrix dissimilarity (statistics/matrix_dissimilarity.py)
    from mlmcli.commands.statistics.matrix_dissimilarity import matrix_dissimilarity
    matrix_dissimilarity(session, rest)


def _score(session, rest: str) -> None:  # [P] matrix score (program/matrix_score.py)
    from mlmcli.commands.program.matrix_score import matrix_score
    matrix_score(session, rest, lookup_any)


def _accum(which: str):  # [P] matrix accum (program/matrix_accum.py)
    def run(session, rest: str) -> None:
        from mlmcli.commands.program import matrix_accum
        getattr(matrix_accum, which)(session, rest)
    return run


# name, minimal abbreviation, handler(session, text after the subcommand) ([P] matrix)
MATRIX_SUBCOMMANDS = NameTable([
    ("define", 3, _define), ("input", 3, _input), ("list", 1, _list), ("rownames", 4, lambda s, r: _names(s, r, "rownames")),
    ("colnames", 4, lambda s, r: _names(s, r, "colnames")), ("roweq", 5, lambda s, r: _names(s, r, "roweq")),
    ("coleq", 5, lambda s, r: _names(s, r, "coleq")), ("drop", 4, _drop), ("dir", 3, _dir),
    ("rename", 3, _rename), ("symeigen", 4, _symeigen), ("svd", 3, _svd),
    ("accum", 1, _accum("accum")), ("glsaccum", 4, _accum("glsaccum")), ("vecaccum", 4, _accum("vecaccum")),
    ("score", 3, _score), ("eigenvalues", 5, None), ("dissimilarity", 4, _dissimilarity),
    ("opaccum", 2, _accum("opaccum")),
], unknown=lambda word: StataError(f"unrecognized command:  matrix {word}", 199),
   not_implemented=lambda name: StataError(f"matrix {name} is not implemented in mlmcli", 199))
