"""``replace x = exp`` where ``exp`` (or the ``if``) reads ``x`` at other observations.

Stata's replace works through the observations in order and stores each new value before
it computes the next, so ``replace x = x[_n-1] if missing(x)`` carries a value down a
whole run of missing values and ``replace y = y[_n-1]*2 if _n > 1`` doubles from row to
row.  Observation i therefore sees, through a subscript, the *new* values of the rows
before it and the *old* values of itself and the rows after it.

Columns of numpy cannot be evaluated one row at a time cheaply, so the rows are settled
in passes: each pass evaluates the expression over all rows with ``x[k]`` reading
``current`` where k < i and ``original`` where k >= i, and settles every row whose
subscripts read only rows already settled (the first unsettled row always qualifies).
The passes needed are the length of the longest chain of rows that read each other
(a run of missing values; a by-group).  A chain longer than ``PASSES`` is finished one
observation at a time (``_RowContext``), unless the expression draws random numbers or
keeps a running sum, whose order across rows that would change.

Time-series operators on ``x`` read the same way: ``L.x`` is x at the observation of the
period before, the new value when that observation comes earlier in the data (tsset's sort
order), so ``replace y = L.y + x`` accumulates as ``y[_n-1] + x`` does.  Evidence: a
Statalist log (2012-11, "Why does this scalar calculation return the wrong value when using
time series operators?") fits ``regress D.y L.y`` on ``replace y = cond(t == 1, 0, L.y +
rnormal())`` and gets the coefficients of the ``y[_n-1]`` version: a random walk, where
reading the old (missing) values would leave y missing after t = 1.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from mlmcli.errors import StataError
from mlmcli.expr.compiler import compile_expression, parse_expression
from mlmcli.expr.context import EvalContext
from mlmcli.expr.values import MISSING, broadcast
from mlmcli.temp_names import read_once, rebind

PASSES = 64
_STATEFUL = {"sum"}


def _calls_and_subscripts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The function names an expression calls and the variable names it subscripts (read
    once per expression with its temporary names abstracted: replace asks on every call)."""
    return read_once(text, _read_calls_and_subscripts,
                     lambda found, names: (found[0], frozenset(rebind(name, names) for name in found[1])))


@lru_cache(maxsize=1024)
def _read_calls_and_subscripts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    calls, subscripted = set(), set()
    for node in parse_expression(text).iter_subtrees():
        if node.data == "call" and node.children:
            calls.add(str(node.children[0]))
            if str(node.children[0]) == "_tsop" and len(node.children) == 3:  # L.x reads x's other rows
                subscripted.add(str(node.children[2].children[0]).strip('"'))
        elif node.data == "subscript" and node.children:
            subscripted.add(str(node.children[0]))
    return frozenset(calls), frozenset(subscripted)


def reads_other_rows(session, target: str, texts) -> bool:
    """Does any of ``texts`` (the expression, the ``if``) subscript ``target``?"""
    ds = session.data
    for text in texts:
        if not text:
            continue
        for name in _calls_and_subscripts(text)[1]:
            try:
                if ds.resolve(name) == target:
                    return True
            except StataError:
                continue
    return False


def _called_functions(texts) -> set[str]:
    return set().union(*(_calls_and_subscripts(text)[0] for text in texts if text))


def _draws_random_numbers(calls: set[str]) -> bool:
    from mlmcli.expr.functions import FUNCTIONS
    for name in calls:
        impl = FUNCTIONS.get(name)
        impl = impl[2] if isinstance(impl, tuple) else impl
        if getattr(impl, "__module__", "").endswith("random_numbers"):
            return True
    return False


def _terms(session, op: str, cache: dict):
    """``operator_terms`` of ``op`` over the data's tsset structure (one computation per op)."""
    if op not in cache:
        from mlmcli.panel.time_settings import time_structure
        from mlmcli.time_series_ops import operator_terms

        cache[op] = operator_terms(op, *time_structure(session.data))
    return cache[op]


class _PassContext(EvalContext):
    """Column mode; ``target[k]`` in observation i reads ``current`` if k < i, else ``original``,
    and every row read is recorded for the settling rule."""

    def __init__(self, session, target, original, current, reads):
        super().__init__(session)
        self.target, self.original, self.current, self.reads = target, original, current, reads
        self._op_terms: dict = {}

    def subscript(self, name, index):
        if self.session.data.resolve(name) != self.target:
            return super().subscript(name, index)
        if isinstance(index, str) or (isinstance(index, np.ndarray) and index.dtype == object):
            raise StataError("type mismatch", 109)
        index = np.broadcast_to(np.asarray(index, dtype=float), (self.nobs,))
        rows, ok = self.subscript_rows(index)
        rows = np.where(ok, rows, 0)
        self.reads.append(np.where(ok, rows, -1))
        here = np.arange(self.nobs)
        values = np.where(rows < here, self.current[rows], self.original[rows])
        missing = "" if self.original.dtype == object else MISSING
        return np.where(ok, values, np.array(missing, dtype=self.original.dtype))

    def operated(self, op, name):
        """``L.target``: each term's observation read as a subscript is (None: any other variable,
        or a string target, whose refusal the ordinary path gives)."""
        if self.original.dtype == object or self.session.data.resolve(name) != self.target:
            return None
        here = np.arange(self.nobs)
        total = np.zeros(self.nobs)
        for c, rows in _terms(self.session, op, self._op_terms):
            self.reads.append(rows)
            at = np.maximum(rows, 0)
            total = total + c * np.where(rows < 0, np.nan, np.where(rows < here, self.current[at],
                                                                     self.original[at]))
        return total


class _RowContext(EvalContext):
    """Scalar mode at observation ``i``: names read row i, ``_n``/``_N`` and subscripts
    count within the by-group, and ``target`` is read from ``live`` (new values before i)."""

    def __init__(self, session, target, live):
        super().__init__(session, scalar=True)
        self.target, self.live, self.i = target, live, 0
        self._columns: dict[str, np.ndarray] = {}
        self._names: set[str] | None = None
        self._op_terms: dict = {}

    def operated(self, op, name):
        """``L.x`` at observation i: the target from ``live``, any other variable's operated column."""
        full = self.session.data.resolve(name)
        if full != self.target or self.live.dtype == object:
            return float(self.column(f"{op}.{full}")[self.i])
        total = 0.0
        for c, rows in _terms(self.session, op, self._op_terms):
            k = int(rows[self.i])
            total += c * (float(self.live[k]) if k >= 0 else float("nan"))
        return total

    def column(self, name):
        if name not in self._columns:  # the data do not change while a replace runs
            full = self.session.data.resolve(name)
            self._columns[name] = self.live if full == self.target else super().column(name)
        return self._columns[name]

    def has_variable(self, name: str) -> bool:
        if self._names is None:
            self._names = set(self.session.data.varnames)
        return name in self._names

    def scalar_row(self) -> int:
        return self.i

    def obs_n(self):
        if not self.by_vars:
            return float(self.i + 1)
        first, _ = self.groups()
        return float(self.i - first[self.i] + 1)

    def obs_N(self):
        if not self.by_vars:
            return float(self.nobs)
        _, size = self.groups()
        return float(size[self.i])

    def subscript(self, name, index):
        col = self.column(name)
        missing = "" if col.dtype == object else MISSING
        if isinstance(index, str):
            raise StataError("type mismatch", 109)
        if math.isnan(float(index)):
            return missing
        k = int(float(index))
        if self.by_vars:
            first, size = self.groups()
            if not 1 <= k <= size[self.i]:
                return missing
            return col[first[self.i] + k - 1]
        return col[k - 1] if 1 <= k <= self.nobs else missing


def replace_sequentially(session, target: str, exp: str, condition: str | None, allowed: np.ndarray,
                         store) -> tuple[np.ndarray, np.ndarray]:
    """New values of ``target`` and the rows replaced, observation by observation as Stata.

    ``allowed``: rows the ``in`` range and by-group permit; ``condition``: the ``if``
    expression, evaluated in the same order; ``store(values)``: the values as the
    variable's storage type holds them (what later rows read)."""
    ds = session.data
    original = ds.df[target].to_numpy(dtype=object) if ds.is_string(target) else ds.numeric(target).copy()
    if original.dtype == object:
        original = np.array(["" if not isinstance(v, str) else v for v in original], dtype=object)
    state = _State(session, target, original, compile_expression(exp),
                   compile_expression(condition) if condition else None, allowed, store)
    if not len(original):  # no observations: one pass over none still types the expression (r(109))
        state.one_pass()
        return state.values, state.chosen
    calls = _called_functions([exp, condition])
    random, stateful = _draws_random_numbers(calls), bool(calls & _STATEFUL)
    if random and not stateful:
        # Stata draws once an observation, in order: passes would draw each row again
        state.row_by_row()
    for _ in range(PASSES):
        if state.settled.all():
            return state.values, state.chosen
        state.one_pass()
    if not state.settled.all():
        if not (random or stateful):
            state.row_by_row()
        while not state.settled.all():
            state.one_pass()
    return state.values, state.chosen


class _State:
    def __init__(self, session, target, original, node, test, allowed, store):
        self.session, self.target, self.original = session, target, original
        self.node, self.test, self.allowed, self.store = node, test, allowed, store
        n = len(original)
        self.current = original.copy()
        self.values = np.empty(n, dtype=original.dtype)
        self.chosen = np.zeros(n, dtype=bool)
        self.settled = np.zeros(n, dtype=bool)

    def one_pass(self) -> None:
        """Settle the rows whose ``if`` reads only settled rows and that are either not
        replaced or read, in the expression, only rows whose values are final: settled
        before, or not replaced in this pass."""
        n = len(self.original)
        here = np.arange(n)
        cond_reads: list[np.ndarray] = []
        ctx = _PassContext(self.session, self.target, self.original, self.current, cond_reads)
        keep = self.allowed & (_truth(broadcast(self.test(ctx), n)) if self.test else True)
        ready = ~self.settled
        for rows in cond_reads:
            ready &= (rows < 0) | (rows >= here) | self.settled[np.maximum(rows, 0)]
        final = self.settled | (ready & ~keep)
        ctx.reads = exp_reads = []
        v = broadcast(self.node(ctx), n)
        for rows in exp_reads:
            ready &= ~keep | (rows < 0) | (rows >= here) | final[np.maximum(rows, 0)]
        self._put(ready & keep, v)
        self.settled |= ready

    def row_by_row(self) -> None:
        """Settle the rows from the first unsettled one on, one observation at a time."""
        start = int(np.argmin(self.settled))
        live = self.current.copy()
        live[start:] = self.original[start:]
        ctx = _RowContext(self.session, self.target, live)
        for i in range(start, len(live)):
            ctx.i = i
            if self.allowed[i] and (self.test is None or _truth(np.asarray([self.test(ctx)]))[0]):
                live[i] = self.values[i] = self.store(_as(np.asarray([self.node(ctx)]), self.original))[0]
                self.chosen[i] = True
        self.current[start:] = live[start:]
        self.settled[:] = True

    def _put(self, take: np.ndarray, v: np.ndarray) -> None:
        if take.any():
            new = self.store(_as(v[take], self.original))
            self.current[take] = new
            self.values[take] = new
            self.chosen[take] = True


def _truth(value: np.ndarray) -> np.ndarray:
    if value.dtype == object:
        raise StataError("type mismatch", 109)
    return np.asarray(value, dtype=float) != 0  # missing is true, as in ``if``


def _as(values: np.ndarray, like: np.ndarray) -> np.ndarray:
    if like.dtype == object:
        if values.dtype.kind == "U":
            values = values.astype(object)
        if values.dtype != object:
            raise StataError("type mismatch", 109)
        return values
    if values.dtype == object:
        raise StataError("type mismatch", 109)
    return np.asarray(values, dtype=float)
