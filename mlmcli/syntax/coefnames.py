"""Coefficient names as Stata writes them in ``e(b)``, read and written in one place.

A full name is ``[eq:]part[#part...]``; a part is ``op.var`` or a bare ``var``
(``_cons``, a continuous variable).  The operator of a factor-variable part is
the level and its markers: ``1.f`` (level 1), ``1b.f`` (base level), ``2o.f``
(omitted), ``1bn.f`` (no base); continuous parts inside interactions are
``c.x``, and omitted ones ``o.x`` / ``co.x``.  Examples: ``educgroupc``,
``2.schgend``, ``1.weurope#c.educgroupc``, ``0b.a#1o.b``, ``pbw:_cons``,
``lns1_1_1:_cons``.

``factor_variables`` decides which parts and markers a column gets and writes
its name with ``CoefName``; postestimation (``predict``, ``estimates table``,
``statsby _b``, the coefficient table's labels) reads names back with
``parse_coef_name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_OP = re.compile(r"^(?P<level>\d*)(?P<c>c?)(?P<marks>[bno]*)$")
_OP_OPERATED = re.compile(r"^\d*c?(?P<marks>[bno]*)(?:[LFDS]\d*)+$")  # 1bL.f: L.i.f's base, 2oL.f


def split_eq(full: str) -> tuple[str, str]:
    """``eq:name`` -> (eq, name); a name without an equation -> ("", name)."""
    if ":" in full:
        eq, name = full.split(":", 1)
        return eq, name
    return "", full


def slash_equation(eq: str | None, name: str) -> str | None:
    """The equation an ancillary parameter's ``/name`` reference names: ``_b[/sigma_u]`` is
    ``[sigma_u]_cons`` ([U] 13.5); None when ``[eq]name`` is no such reference (an equation
    given, or nothing after the slash)."""
    if eq is None and name.startswith("/") and len(name) > 1:
        return name[1:].strip()
    return None


def free_parameter_alias(full: str) -> str | None:
    """The other spelling of an ancillary parameter's name, or None.

    Stata 15 and later post the me commands' variance components, cutpoints and ln alpha as free
    parameters of equation ``/`` (``/:var(_cons[id])``, ``/:cov(x[id],_cons[id])``, ``/:cut1``,
    ``/:lnalpha``; ``/name`` is ``/:name``); Stata 13 posts each as the constant of an equation of
    that name (``var(_cons[id]):_cons``).  mlm posts Stata 13's and finds a parameter by either
    (docs/parameter_names15.md): ``/:X`` and ``/X`` give ``X:_cons``, ``X:_cons`` gives ``/:X``."""
    text = full.strip()
    if text.startswith("/"):
        rest = text[2:] if text[1:2] == ":" else text[1:]
        rest = rest.strip()
        return f"{rest}:_cons" if rest and ":" not in rest else None
    eq, name = split_eq(text)
    if eq.strip() and eq.strip() != "/" and name.strip() == "_cons":
        return f"/:{eq.strip()}"
    return None


# The Stata 13 equations Stata 15 moved into equation "/" (docs/parameter_names15.md's table):
# variance components and covariances, cutpoints, ln alpha / ln delta.  mixed's lns1_1_1 and
# lnsig_e stayed equations, so a wildcard in "/" does not reach them.
_FREE_PARAMETER_EQ = re.compile(r"^(?:(?:var|cov)\(.*\)|cut\d+|lnalpha|lndelta)$")


def free_parameter_name(eq: str, name: str) -> str | None:
    """The name within equation ``/`` that Stata 15 gives the Stata 13 column ``eq:name``
    (``var(_cons[id])``, ``_cons`` -> ``var(_cons[id])``; ``/``, ``ln_p`` -> ``ln_p``), or None
    when Stata 15 posts that column outside ``/`` (``hi:_cons``, ``lns1_1_1:_cons``)."""
    eq, name = eq.strip(), name.strip()
    if eq == "/":
        return name
    if name == "_cons" and _FREE_PARAMETER_EQ.match(eq):
        return eq
    return None


def free_parameter_column(full: str, first_eq: str = "") -> str:
    """The name Stata 15 and later post for the Stata 13 column ``full``: ``var(_cons[id]):_cons``
    -> ``/:var(_cons[id])``, ``cut1:_cons`` -> ``/:cut1``; any other column (and the first
    equation ``first_eq``, the dependent variable's, whatever its name) unchanged."""
    eq, name = split_eq(full)
    if not eq or eq == "/" or eq == first_eq:
        return full
    free = free_parameter_name(eq, name)
    return f"/:{free}" if free is not None else full


def slash_pattern(pattern: str) -> str | None:
    """A pattern in Stata 15's spelling of equation ``/`` -> its name part (``/:var*`` and
    ``/var*`` -> ``var*``, ``/:*`` -> ``*``); None for any other pattern."""
    text = pattern.strip()
    if not text.startswith("/"):
        return None
    rest = (text[2:] if text[1:2] == ":" else text[1:]).strip()
    return rest if rest and ":" not in rest else None


def strmatch(pattern: str, text: str) -> bool:
    """Stata's ``strmatch()``: ``*`` and ``?`` are the only wildcards (a bracket is itself)."""
    glob = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(glob, text, re.DOTALL) is not None


def free_parameter_matches(pattern: str, eq: str, name: str) -> bool:
    """Does a pattern in Stata 15's spelling (``/:*``, ``/:var*``, ``/cut?``) name the column
    ``eq:name`` -- a Stata 13 column through its Stata 15 name, or a column already in ``/``?"""
    rest = slash_pattern(pattern)
    free = free_parameter_name(eq, name) if rest is not None else None
    return free is not None and strmatch(rest, free)


def has_wildcard(pattern: str) -> bool:
    return "*" in pattern or "?" in pattern


@dataclass(frozen=True)
class NamePart:
    """One ``op.var`` (or bare ``var``) of a coefficient name; ``op`` as written ("" for none)."""

    var: str
    op: str = ""

    @classmethod
    def factor(cls, var: str, level: str, marks: str = "") -> "NamePart":
        """``1.f``, ``1b.f``, ``2o.f``."""
        return cls(var, f"{level}{marks}")

    @classmethod
    def continuous(cls, var: str, *, explicit: bool = False, omitted: bool = False) -> "NamePart":
        """``x``, ``c.x`` (``explicit``), ``o.x``, ``co.x``."""
        return cls(var, ("c" if explicit else "") + ("o" if omitted else ""))

    def _op(self):
        return _OP.match(self.op)

    @property
    def level(self) -> str | None:
        """The factor level (``1`` of ``1b.f``); None for a continuous part."""
        m = self._op()
        return m.group("level") or None if m else None

    @property
    def marks(self) -> str:
        m = self._op() or _OP_OPERATED.match(self.op)
        return m.group("marks") if m else ""

    @property
    def is_base(self) -> bool:
        """``1b.f`` (base); ``1bn.f`` is a level with no base (margins' first level)."""
        return "b" in self.marks and "n" not in self.marks

    @property
    def is_omitted(self) -> bool:
        return "o" in self.marks

    def text(self, markers: bool = True) -> str:
        """As written (``markers``), or as the coefficient table shows it (``1b.f`` -> ``1.f``,
        ``o.x`` -> ``x``, ``co.x`` -> ``c.x``)."""
        if not self.op:
            return self.var
        if "." in self.var:  # a factor of an operated variable: 1L.x, 1bL.x, cL.x ([U] 11.4.4)
            ts_op, _, base = self.var.partition(".")
            return f"{NamePart(base, self.op).text(markers).rpartition('.')[0]}{ts_op}.{base}"
        m = self._op()
        if markers or m is None:
            return f"{self.op}.{self.var}"
        op = m.group("level") or m.group("c")
        return f"{op}.{self.var}" if op else self.var


@dataclass(frozen=True)
class CoefName:
    """A parsed coefficient name: its equation ("" when none) and its parts."""

    parts: tuple[NamePart, ...]
    eq: str = ""

    @property
    def is_base(self) -> bool:
        return any(p.is_base for p in self.parts)

    @property
    def is_omitted(self) -> bool:
        return any(p.is_omitted for p in self.parts)

    @property
    def is_base_or_omitted(self) -> bool:
        """A base or omitted coefficient: always 0 in e(b)."""
        return any(p.is_base or p.is_omitted for p in self.parts)

    def name(self, markers: bool = True) -> str:
        """The name without its equation."""
        return "#".join(p.text(markers) for p in self.parts)

    def full(self) -> str:
        return f"{self.eq}:{self.name()}" if self.eq else self.name()


def parse_coef_name(full: str) -> CoefName:
    """``[eq:]op.var#op.var...`` -> CoefName."""
    eq, name = split_eq(full)
    parts = []
    for piece in name.split("#"):
        op, dot, var = piece.partition(".")
        parts.append(NamePart(var, op) if dot else NamePart(piece))
    return CoefName(tuple(parts), eq)


def is_base_or_omitted(full: str) -> bool:
    """``1b.f``, ``o.x``, ``2o.f#c.x``: a base or omitted coefficient (always 0 in e(b))."""
    return parse_coef_name(full).is_base_or_omitted


def omitted_name(full: str) -> str:
    """An estimated coefficient's name once omitted: ``o.`` on each continuous part, ``o`` after
    each factor level (``d`` -> ``o.d``, ``2.g`` -> ``2o.g``, ``1.f#c.x`` -> ``1o.f#co.x``)."""
    parsed = parse_coef_name(full)
    parts = tuple(p if p.is_omitted else NamePart(p.var, p.op + "o") for p in parsed.parts)
    return CoefName(parts, parsed.eq).full()


def display_name(full: str) -> str:
    """The coefficient table's label: markers dropped (``0b.f`` -> ``0.f``, ``o.x`` -> ``x``)."""
    return parse_coef_name(full).name(markers=False)
