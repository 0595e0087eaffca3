"""Wald tests of linear hypotheses (``test``) and linear combinations (``lincom``).

A hypothesis is R b = r (q rows).  The Wald statistic is

    W = (R b - r)' (R V R')^-1 (R b - r),

chi2(q) after ``mixed`` (large-sample z statistics); after ``regress`` Stata
reports F = W / q with (q, e(df_r)) degrees of freedom.  ``lincom`` estimates
c'b with SE sqrt(c' V c) and a normal (or t with e(df_r)) interval.
Reference: Stata [R] test, [R] lincom.

Linear expressions are sums of terms ``[k*]coef`` / ``coef[*k]`` / ``k``
where coef is ``name``, ``[eq]name``, ``_b[name]``, ``_b[eq:name]`` or
``[eq]_b[name]``; a bare name refers to the first equation of e(b).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.errors import StataError
from mlmcli.results.postestimation import LincomResult, MtestRow, WaldTestResult
from mlmcli.syntax.coefnames import display_name, free_parameter_alias, slash_equation, split_eq

# a bracketed reference may hold one level of brackets: the me commands' variance components
# (``_b[var(_cons[id]):_cons]``, ``_b[/var(_cons[id])]``, ``[var(_cons[id])]_cons``, ``[/]var(_cons[id])``)
_BRACKETED = r"\[(?:[^\[\]]|\[[^\[\]]*\])+\]"
_COMPONENT = r"(?:var|cov)\((?:[^()\[\]]|\[[^\[\]]*\])*\)"
_TOKEN = re.compile(rf"""
    \s*(?:
      (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.#]))
     |(?P<coef>(?:{_BRACKETED})?(?:_b{_BRACKETED}|{_COMPONENT}|[\w.#~]+))
     |(?P<op>[-+*/()=])
    )""", re.VERBOSE)


@dataclass(frozen=True)
class Constraint:
    """c'b = rhs over the columns of e(b)."""

    coefs: np.ndarray
    rhs: float


class CoefIndex:
    """Resolve coefficient references against e(b)'s ``eq:name`` column names."""

    def __init__(self, colnames, multi_equation: bool | None = None):
        self.colnames = list(colnames)
        self.eqs = [split_eq(c)[0] for c in self.colnames]
        self.names = [split_eq(c)[1] for c in self.colnames]
        first = self.eqs[0] if self.eqs else ""
        self.first_eq = first
        # Stata's test/lincom write [eq]name whenever e(b)'s columns carry equation names -- one
        # named equation too (logit's y:x gives ``[y]x = 0``); regress's unnamed columns stay bare
        self.multi = any(self.eqs) if multi_equation is None else multi_equation

    def find(self, ref: str) -> int:
        eq, name = self.parse_ref(ref)
        try:
            return self._find(eq, name)
        except StataError:
            # Stata 15's /:var(_cons[id]) for Stata 13's var(_cons[id]):_cons, and back
            alias = free_parameter_alias(f"{eq}:{name}" if eq is not None else name)
            if alias is None:
                raise
            alias_eq, alias_name = split_eq(alias)
            try:
                return self._find(alias_eq, alias_name)
            except StataError:
                pass
            raise

    def _find(self, eq: str | None, name: str) -> int:
        name = _upper_time_series_operators(name)  # ``l.res`` names L.res, as in Stata
        name = _indicator_levels(name)  # ``i2.g`` is the indicator ``2.g``
        ancillary = slash_equation(eq, name)  # _b[/lnalpha] is _b[lnalpha:_cons], or Stata 15's /:lnalpha
        if ancillary is not None:
            for i, (e, n) in enumerate(zip(self.eqs, self.names)):
                if (e == ancillary and n == "_cons") or (e == "/" and n == ancillary):
                    return i
        eq = self.first_eq if eq is None else self.equation_named(eq)
        for i, (e, n) in enumerate(zip(self.eqs, self.names)):
            if e == eq and n == name:
                return i
        # ``0.f`` also names ``0b.f`` / ``0bn.f`` (margins' r(b)), as in Stata
        typed = display_name(name)
        for i, (e, n) in enumerate(zip(self.eqs, self.names)):
            if e == eq and display_name(n) == typed:
                return i
        typed = _without_continuous_operator(typed)  # ``c.x`` names the coefficient on x, as in Stata
        for i, (e, n) in enumerate(zip(self.eqs, self.names)):
            if e == eq and _without_continuous_operator(display_name(n)) == typed:
                return i
        # an interaction's parts in another order, a variable abbreviated (``c.b#c.a``, ``c.WSIQperf``
        # for c.a#c.b and WSIQperfz, as published do-files use them): the one column they name
        found = [i for i, (e, n) in enumerate(zip(self.eqs, self.names))
                 if e == eq and _same_parts(typed, _without_continuous_operator(display_name(n)))]
        if len(found) == 1:
            return found[0]
        raise StataError(f"{'[' + eq + ']' if eq and self.multi else ''}{name} not found", 111)

    def equation_named(self, eq: str) -> str:
        """``#k``: the k-th equation of e(b) (Stata's [#1]x, regress's unnamed one too)."""
        m = re.fullmatch(r"#\s*(\d+)", eq)
        if not m:
            return eq
        ordered = list(dict.fromkeys(self.eqs))
        k = int(m.group(1))
        if not 1 <= k <= len(ordered):
            raise StataError(f"equation #{k} not found", 303)  # as estat vce, equation(); Stata's exact text unverified
        return ordered[k - 1]

    @staticmethod
    def parse_ref(ref: str) -> tuple[str | None, str]:
        ref = ref.strip()
        eq = None
        inside, rest = _leading_bracket(ref)
        if inside is not None:
            eq, ref = inside.strip(), rest.strip()
        if ref.startswith("_b["):
            inside, rest = _leading_bracket(ref[2:])
            if inside is not None and not rest.strip():
                ref = inside.strip()
                if ":" in ref:
                    eq, ref = (s.strip() for s in split_eq(ref))
        return eq, ref

    def label(self, i: int) -> str:
        return f"[{self.eqs[i]}]{self.names[i]}" if self.multi and self.eqs[i] else self.names[i]


def _leading_bracket(text: str) -> tuple[str | None, str]:
    """(what the ``[...]`` text starts with holds, the rest), brackets inside it balanced;
    (None, text) when it does not start with one."""
    if not text.startswith("["):
        return None, text
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return text[1:k], text[k + 1:]
    return None, text


_TIME_SERIES_OPERATOR = re.compile(r"^((?:[LFDS]\d*)+)\.", re.I)


def _upper_time_series_operators(name: str) -> str:
    """Time-series operators in each #-part in capitals (``l.x#c.z`` -> ``L.x#c.z``): Stata reads
    them in either case ([U] 11.4.4) and names the coefficients with capitals."""
    return "#".join(_TIME_SERIES_OPERATOR.sub(lambda m: m.group(1).upper() + ".", part)
                    for part in name.split("#"))


_INDICATOR_LEVEL = re.compile(r"^i(\d+)\.", re.I)


def _indicator_levels(name: str) -> str:
    """``i2.g`` in each #-part as ``2.g`` ([U] 11.4.3: ``i2.group`` is the indicator for level
    2, as ``2.group``; a published course file writes ``lincom c.x*1 + i2.nation#c.x*1``)."""
    return "#".join(_INDICATOR_LEVEL.sub(lambda m: m.group(1) + ".", part) for part in name.split("#"))


def _without_continuous_operator(name: str) -> str:
    """A coefficient name with each ``c.`` dropped (``c.x#c.z`` -> ``x#z``): Stata's _ms_parse
    reads ``c.x`` as x, so ``lincom c.x*2`` and ``test (c.x#c.z=0)`` name those columns."""
    return "#".join(part[2:] if part[:2].lower() == "c." else part for part in name.split("#"))


def _same_parts(typed: str, name: str) -> bool:
    """Whether ``typed``'s #-parts are ``name``'s in some order, each equal or a variable
    name's abbreviation (a part with a factor operator must be equal)."""
    want, have = typed.split("#"), name.split("#")
    if len(want) != len(have):
        return False
    left = list(have)
    for part in want:
        hit = next((h for h in left if h == part), None)
        if hit is None and "." not in part:
            hits = [h for h in left if "." not in h and h.startswith(part)]
            hit = hits[0] if len(hits) == 1 else None
        if hit is None:
            return False
        left.remove(hit)
    return True


def parse_linear(text: str, index: CoefIndex) -> tuple[np.ndarray, float]:
    """A linear expression -> (coefficient vector, constant): terms joined by + and -, each
    numbers and at most one coefficient joined by * and / (dividing by a number only), and
    parenthesized subexpressions (``([y]a - [y]b) - ([y]c - [y]d)``; ``2*(x1 - x2)``)."""
    tokens = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise StataError("invalid syntax", 198)
        pos = m.end()
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
    parser = _LinearParser(tokens, index)
    coefs, const = parser.expression()
    if parser.i != len(tokens):
        raise StataError("invalid syntax", 198)
    return coefs, const


class _LinearParser:
    """Recursive descent over the tokens of a linear expression."""

    def __init__(self, tokens, index: CoefIndex):
        self.tokens, self.index, self.i = tokens, index, 0

    def _peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def expression(self) -> tuple[np.ndarray, float]:
        coefs, const = self.term()
        while self._peek() in (("op", "+"), ("op", "-")):
            sign = -1.0 if self._peek()[1] == "-" else 1.0
            self.i += 1
            c, k = self.term()
            coefs, const = coefs + sign * c, const + sign * k
        return coefs, const

    def term(self) -> tuple[np.ndarray, float]:
        coefs, const = self.factor()
        while self._peek() in (("op", "*"), ("op", "/")):
            op = self._peek()[1]
            self.i += 1
            if self._peek()[0] is None:
                raise StataError("invalid syntax", 198)
            c, k = self.factor()
            if op == "*":
                if np.any(coefs) and np.any(c):
                    raise StataError("not possible with test", 131)
                with np.errstate(all="ignore"):  # 1e400 (inf) * 0: nan, refused below as missing
                    coefs, const = (coefs * k if np.any(coefs) else c * const), const * k
            else:
                if np.any(c) or k == 0:  # x/0 is missing in Stata: not a linear restriction
                    raise StataError("invalid syntax", 198)
                with np.errstate(all="ignore"):  # x/1e-320 overflows: missing, refused below
                    coefs, const = coefs / k, const / k
        if not (math.isfinite(const) and np.all(np.isfinite(coefs))):  # 1e400 and overflows are missing
            raise StataError("invalid syntax", 198)
        return coefs, const

    def factor(self) -> tuple[np.ndarray, float]:
        kind, val = self._peek()
        zero = np.zeros(len(self.index.colnames))
        if kind == "op" and val in "+-":
            self.i += 1
            c, k = self.factor()
            return (-c, -k) if val == "-" else (c, k)
        if kind == "num":
            self.i += 1
            return zero, float(val)
        if kind == "coef":
            self.i += 1
            zero[self.index.find(val)] = 1.0
            return zero, 0.0
        if (kind, val) == ("op", "("):
            self.i += 1
            out = self.expression()
            if self._peek() != ("op", ")"):
                raise StataError("invalid syntax", 198)
            self.i += 1
            return out
        raise StataError("invalid syntax", 198)


def parse_constraint(text: str, index: CoefIndex) -> Constraint:
    """``exp = exp`` or ``exp`` (meaning exp = 0) -> c'b = rhs."""
    parts = text.split("=")
    if len(parts) > 2 or not parts[0].strip():
        raise StataError("invalid syntax", 198)
    left, lc = parse_linear(parts[0], index)
    if len(parts) == 2:
        if not parts[1].strip():
            raise StataError("invalid syntax", 198)
        right, rc = parse_linear(parts[1], index)
    else:
        right, rc = np.zeros_like(left), 0.0
    coefs = left - right
    if not np.any(coefs):
        raise StataError("invalid syntax", 198) if not np.any(left) and len(parts) == 1 else \
            StataError("constraint invalid", 198)
    return Constraint(coefs, rc - lc)


def format_constraint(c: Constraint, index: CoefIndex) -> str:
    """Stata's display: ``[pbw]x1 - [pbw]x2 = 0``, ``2*x1 + x2 = 1``."""
    out = ""
    for i in np.flatnonzero(c.coefs):
        v = c.coefs[i]
        mag = abs(v)
        term = index.label(i) if mag == 1 else f"{_g(mag)}*{index.label(i)}"
        if not out:
            out = ("-" if v < 0 else "") + term
        else:
            out += (" - " if v < 0 else " + ") + term
    return f"{out} = {_g(c.rhs)}"


def _g(x: float) -> str:
    if float(x).is_integer() and abs(x) < 1e15:  # 1e300 is no 301-digit integer (mlm's choice: %.8g)
        return str(int(x))
    text = f"{x:.8g}"  # Stata's %g: no leading zero (.5, -.5)
    return text.replace("0.", ".", 1) if abs(x) < 1 and "e" not in text else text


def _used_columns(R: np.ndarray, b: np.ndarray, V: np.ndarray):
    """R, b, V restricted to the coefficients the constraints involve: a missing variance
    elsewhere in e(V) (a variance component on its boundary) must not spoil the test."""
    used = np.flatnonzero(np.any(R != 0, axis=0))
    b = np.asarray(b, dtype=float)
    V = np.asarray(V, dtype=float)
    return R[:, used], b[used], V[np.ix_(used, used)]


def wald_test(constraints: list[Constraint], b: np.ndarray, V: np.ndarray,
              labels: list[str], df_r: float | None = None) -> WaldTestResult:
    """W = (Rb - r)'(R V R')^-1 (Rb - r); redundant constraints are dropped
    (Stata's ``Constraint k dropped``) so df = rank(R V R')."""
    R = np.array([c.coefs for c in constraints], dtype=float)
    r = np.array([c.rhs for c in constraints], dtype=float)
    R, b, V = _used_columns(R, b, V)
    with np.errstate(over="ignore", invalid="ignore"):  # test 1e300*x = 0: past the largest double is r(504)
        d = R @ b - r
        S = R @ V @ R.T
    if not (np.isfinite(d).all() and np.isfinite(S).all()):
        raise StataError("matrix has missing values", 504)
    keep: list[int] = []
    # the rank is judged on the correlations of R b: constraints on coefficients of very different
    # scales (mvreg's price and mpg equations) are not redundant; a zero variance always is
    sd = np.sqrt(np.maximum(np.diag(S), 0.0))
    C = S / np.outer(np.where(sd > 0, sd, 1.0), np.where(sd > 0, sd, 1.0))
    for j in range(len(constraints)):
        trial = keep + [j]
        if sd[j] > 0 and np.linalg.matrix_rank(C[np.ix_(trial, trial)], tol=1e-10) == len(trial):
            keep = trial
    dropped = tuple(j for j in range(len(constraints)) if j not in keep)
    q = len(keep)
    if q == 0:
        return WaldTestResult(tuple(labels), float("nan"), 0, float("nan"), dropped=dropped)
    Sk = S[np.ix_(keep, keep)]
    dk = d[keep]
    from mlmcli.missing import stata_double

    with np.errstate(over="ignore", invalid="ignore"):  # test _b[x] = 1e300: W past the largest double is missing
        W = stata_double(float(dk @ np.linalg.solve(Sk, dk)))
    if df_r is not None:
        F = W / q
        return WaldTestResult(tuple(labels), W, q, float(stats.f.sf(F, q, df_r)), F=F, df_r=df_r, dropped=dropped)
    return WaldTestResult(tuple(labels), W, q, float(stats.chi2.sf(W, q)), dropped=dropped)


def linear_combination(c: Constraint, label: str, b: np.ndarray, V: np.ndarray,
                       level: float = 95.0, df_r: float | None = None) -> LincomResult:
    """estimate = c'b - rhs, se = sqrt(c'Vc); z (or t with df_r) test of 0 and CI."""
    R, b, V = _used_columns(np.asarray(c.coefs, dtype=float)[None, :], b, V)
    with np.errstate(over="ignore", invalid="ignore"):  # lincom 1e300*x: past the largest double is r(504)
        est = float(R[0] @ b - c.rhs)
        var = float(R[0] @ V @ R[0])
    if not (np.isfinite(est) and np.isfinite(var)):
        raise StataError("matrix has missing values", 504)
    se = float(np.sqrt(max(var, 0.0)))
    stat = est / se if se > 0 else float("nan")
    alpha = 1 - level / 100
    if df_r is not None:
        p = float(2 * stats.t.sf(abs(stat), df_r))
        crit = float(stats.t.ppf(1 - alpha / 2, df_r))
    else:
        p = float(2 * stats.norm.sf(abs(stat)))
        crit = float(stats.norm.ppf(1 - alpha / 2))
    return LincomResult(label, est, se, stat, p, est - crit * se, est + crit * se, df_r, level)


def single_constraint_tests(constraints: list[Constraint], b: np.ndarray, V: np.ndarray,
                            df_r: float | None) -> list[tuple[float, float, float | None]]:
    """test's mtest rows before adjustment: each constraint alone, W_i = (R_i b - r_i)^2 /
    (R_i V R_i') with its chi2(1) (F(1, df_r) after regress) p; (W, p, None) per constraint --
    no row DF of its own (the common df_r heads the table)."""
    R = np.array([c.coefs for c in constraints], dtype=float)
    r = np.array([c.rhs for c in constraints], dtype=float)
    b, V = np.asarray(b, float), np.asarray(V, float)
    used = np.flatnonzero(np.any(R != 0, axis=0))
    d = R[:, used] @ b[used] - r
    with np.errstate(divide="ignore", invalid="ignore"):
        W = d * d / np.einsum("ij,jk,ik->i", R[:, used], V[np.ix_(used, used)], R[:, used])
    W = np.where(np.isfinite(W), W, np.nan)
    p = stats.f.sf(W, 1, df_r) if df_r is not None else stats.chi2.sf(W, 1)
    return [(float(W[i]), float(p[i]), None) for i in range(len(p))]


def multiple_tests(row_tests, method: str) -> tuple[MtestRow, ...]:
    """test's mtest table from each constraint's own test ``(statistic, p, ddf or None)`` --
    ``single_constraint_tests``, or the dfmethod()'s F tests of ``test, small`` -- with the p
    adjusted by _mtest's ``method`` (bonferroni: min(1, m p); holm: min(1, (1 + #others with
    p_i <= p_j (1 + 1e-8)) p_i); sidak: 1 - (1 - p)^m; noadjust: none), m the tests whose p
    is known."""
    adj = adjusted_p_values([p for _, p, _ in row_tests], method)
    return tuple(MtestRow(stat=stat, p=p, adjusted_p=None if method == "noadjust" else float(a), ddf=ddf)
                 for (stat, p, ddf), a in zip(row_tests, adj))


def adjusted_p_values(p, method: str) -> np.ndarray:
    """_mtest adjust: ``method``'s p-values over the tests whose p is known (noadjust: NaN)."""
    p = np.asarray(p, float)
    known = np.flatnonzero(~np.isnan(p))
    m = len(known)
    adj = np.full(len(p), np.nan)
    for i in known:
        if method == "bonferroni":
            adj[i] = min(1.0, m * p[i])
        elif method == "holm":
            n_p = sum(1 for j in known if j != i and p[i] <= p[j] * (1 + 1e-8))
            adj[i] = min(1.0, (1 + n_p) * p[i])
        elif method == "sidak":
            adj[i] = 1 - (1 - p[i]) ** m
    return adj


MTEST_METHODS = (("bonferroni", 1), ("holm", 1), ("sidak", 1), ("noadjust", 5))


def mtest_method(typed) -> str:
    """_mtest syntax: ``mtest`` alone (``typed`` True or blank) is noadjust, ``mtest(method)``
    one of bonferroni, holm, sidak, noadjust (abbreviated); an unknown word is ``invalid
    mtest()``, several methods ``invalid option mtest`` (r(198))."""
    from mlmcli.syntax.abbreviation import resolve_choice

    if not isinstance(typed, str) or not typed.strip():
        return "noadjust"
    found = [resolve_choice(w.lower(), MTEST_METHODS) for w in typed.split()]
    if None in found:
        raise StataError(f"invalid mtest(): {typed.strip()}", 198)
    if len(found) != 1:
        raise StataError(f"invalid option mtest: {typed.strip()}", 198)
    return found[0]
