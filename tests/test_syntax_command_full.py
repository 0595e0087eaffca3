"""``syntax`` for user programs, element by element ([P] syntax): the first element
(varlist, varname, newvarlist, newvarname, namelist, name, anything and their parameters),
if/in/using/=exp/weight allowed, required or refused, and every option type (flags,
noName on/off flags, string [asis], integer/real with defaults, numlist, varlist/varname/
newvarname, namelist/name, passthru, cilevel, ``*``) with the capitals-abbreviation rule,
plus Stata's message and return code for each failure."""
from __future__ import annotations

import pytest

DATA = ('clear\nset obs 3\ngenerate x = _n\ngenerate y = 2*_n\ngenerate z = 1\n'
        'generate str3 s = "a"\n')


@pytest.fixture
def call(new_session, run):
    """``call(spec, arguments, shown)`` -> (the program's printed line, rc): a program whose
    only line is ``syntax spec``, then a display of the locals named in ``shown``."""

    def go(spec: str, arguments: str, shown: tuple[str, ...]):
        session = new_session()
        body = "".join(f"[`{name}']" for name in shown)
        out, rc = run(session, f"{DATA}program define p\n  syntax {spec}\n  display `\"{body}\"'\nend\n")
        assert rc == 0, out
        out, rc = run(session, f"p {arguments}")
        lines = out.strip().splitlines()
        return (lines[-1] if rc == 0 else "\n".join(lines)), rc

    return go


# ------------------------------------------------------------------ first elements
FIRST_ELEMENT_LOCALS = [
    # estadd.ado's form: anything(equalok) keeps its "=", the options comma is the top-level one
    ("anything(equalok) [, Prefix(name) *]", "r2 = 5, prefix(e_) replace",
     ("anything", "prefix", "options"), "[r2 = 5][e_][replace]"),
    ("anything(equalok) [, Prefix(name) *]", "r(mean) b[1,2]", ("anything", "prefix"), "[r(mean) b[1,2]][]"),
    ("[anything(name=eqs everything)] [, x]", "a if b in 1 using c, x", ("eqs", "x"),
     "[a if b in 1 using c][x]"),
    ("[anything] [if] [, X]", "a b if x>1, x", ("anything", "if", "x"), "[a b][if x>1][x]"),
    ("namelist(min=2 max=3)", "a b", ("namelist",), "[a b]"),
    ("[namelist(name=eqs max=2)]", "a b", ("eqs",), "[a b]"),
    ("[namelist]", "", ("namelist",), "[]"),
    ("namelist(local)", "1a _b", ("namelist",), "[1a _b]"),
    ("name", "alpha", ("namelist",), "[alpha]"),
    ("newvarlist", "double u v w", ("varlist", "typlist"), "[u v w][double double double]"),
    ("newvarlist", "u int v", ("varlist", "typlist"), "[u v][float int]"),
    ("newvarname", "u", ("varlist", "typlist"), "[u][float]"),
    ("varlist", "x-z", ("varlist",), "[x y z]"),
    ("varname", "y", ("varlist",), "[y]"),
    ("[varlist]", "", ("varlist",), "[x y z s]"),
    ("[varlist(default=none)]", "", ("varlist",), "[]"),
    ("varlist(min=2 max=2 numeric)", "x y", ("varlist",), "[x y]"),
    ("varlist(string)", "s", ("varlist",), "[s]"),
    ("varlist(fv)", "i.x c.y#c.z", ("varlist",), "[i.x c.y#c.z]"),
    ("anything(equalok) [=exp]", "a = b", ("anything", "exp"), "[a][= b]"),  # =exp takes the "="
    ("anything", "x>=2 & y!=3 | z==1", ("anything",), "[x>=2 & y!=3 | z==1]"),  # comparisons are no =exp
    ("anything [, X]", '"a, b" c, x', ("anything", "x"), '["a, b" c][x]'),  # a quoted comma
]


FIRST_ELEMENT_FAILURES = [
    ("anything", "", "something required", 100),
    ("anything", "a = b", "=exp not allowed", 101),
    ("namelist", "", "nothing found where name expected", 198),
    ("namelist", "1a", "1a invalid name", 198),
    ("namelist", "_all", "_all invalid name", 198),
    ("namelist(min=2 max=3)", "a", "too few names specified", 102),
    ("namelist(min=2 max=3)", "a b c d", "too many names specified", 103),
    ("name", "a b", "too many names specified", 103),
    ("varlist", "", "varlist required", 100),
    ('varlist(id="outcome")', "", "outcome required", 100),
    ("varlist(min=2)", "x", "too few variables specified", 102),
    ("varlist(max=2)", "x y z", "too many variables specified", 103),
    ("varname", "x y", "too many variables specified", 103),
    ("varlist(numeric)", "s", "string variables not allowed in varlist;", 109),
    ("varlist(string)", "x", "numeric variables not allowed in varlist;", 109),
    ("varlist", "nosuch", "variable nosuch not found", 111),
    ("varlist", "i.x", "factor-variable and time-series operators not allowed", 101),
    ("varlist", "L.x", "time-series operators not allowed", 101),
    ("newvarname", "x", "variable x already defined", 110),
    ("newvarlist", "u 2v", "2v invalid name", 198),
    ("[if]", "x", "varlist not allowed", 101),
    ("varlist(bogus)", "x", "invalid syntax specification: varlist(bogus)", 197),
    ("foo", "x", "invalid syntax specification: foo", 197),
]


# ------------------------------------------------------------------ if in using =exp weight
QUALIFIER_LOCALS = [
    ("varlist [=exp]", "x = y+1", ("varlist", "exp"), "[x][= y+1]"),
    ("varlist [=/exp]", "x = y+1", ("varlist", "exp"), "[x][y+1]"),
    ("varlist [if/]", "x if y>2", ("varlist", "if"), "[x][y>2]"),
    ("varlist [if] [in]", "x if y>2 in 2/3", ("if", "in"), "[if y>2][in 2/3]"),
    ("[varlist] [in/]", "in 2/3", ("in",), "[2/3]"),
    ("using/ [, clear]", 'using "a b.dta", clear', ("using", "clear"), "[a b.dta][clear]"),
    ("[using]", "using a.dta", ("using",), '[using "a.dta"]'),
    ("varlist [fw aw]", "x [aw=y]", ("weight", "exp"), "[aweight][= y]"),
]


QUALIFIER_FAILURES = [
    ("varlist", "x = y+1", "=exp not allowed", 101),
    ("varlist =/exp", "x", "=exp required", 100),
    ("varlist", "x if y>2", "if not allowed", 101),
    ("varlist if", "x", "if required", 100),
    ("varlist", "x in 1", "in range not allowed", 101),
    ("varlist in", "x", "in range required", 100),
    ("varlist", "x using a.dta", "using not allowed", 101),
    ("varlist using", "x", "using required", 100),
    ("anything(equalok)", "a = b using f", "using not allowed", 101),  # only everything keeps using
    ("varlist", "x [fw=z]", "weights not allowed", 101),
    ("varlist [fw]", "x [aw=y]", "aweights not allowed", 101),
    ("varlist fw", "x", "weights required", 100),
]


# ------------------------------------------------------------------ options
OPTION_LOCALS = [
    ("[, noCONStant noLOg DETail]", ", nocons nolog det", ("constant", "log", "detail"),
     "[noconstant][nolog][detail]"),
    ("[, noCONStant noLOg DETail]", "", ("constant", "log", "detail"), "[][][]"),
    ("[, NOIsily]", ", noi", ("noisily",), "[noisily]"),  # capital NO: a plain flag
    ("[, noUPdate]", ", noup", ("update",), "[noupdate]"),
    ("[, detail]", ", detail", ("detail",), "[detail]"),
    ("[, Level(cilevel)]", "", ("level",), "[95]"),
    ("[, Level(cilevel)]", ", l(90)", ("level",), "[90]"),
    ("[, N(integer 5) R(real 0.5)]", "", ("n", "r"), "[5][0.5]"),
    ("[, N(integer 5) R(real 0.5)]", ", n(3) r(.25)", ("n", "r"), "[3][.25]"),
    ("[, T(string) U(string asis)]", ', t("a b") u("a b")', ("t", "u"), '[a b]["a b"]'),
    ("[, T(string)]", ', t("a" "b")', ("t",), '["a" "b"]'),
    ("[, V(varlist numeric) W(varname)]", ", v(x-z) w(y)", ("v", "w"), "[x y z][y]"),
    ("[, G(newvarname)]", ", g(u)", ("g",), "[u]"),
    ("[, L(numlist integer >0)]", ", l(1/3)", ("l",), "[1 2 3]"),
    ("[, NL(namelist) NM(name)]", ", nl(a b) nm(c)", ("nl", "nm"), "[a b][c]"),
    ("[, VCE(passthru)]", ", vce(robust)", ("vce",), "[vce(robust)]"),
    ("[, VCE(passthru)]", "", ("vce",), "[]"),
    ("[, DETail *]", ", b(1) det c nox", ("detail", "options"), "[detail][b(1) c nox]"),
    ("[, *]", "", ("options",), "[]"),
    ("varlist [, Title(string)]", 'x, title("a, b")', ("varlist", "title"), "[x][a, b]"),  # comma in ()
]


OPTION_FAILURES = [
    ("[, DETail]", ", d", "option d not allowed", 198),          # shorter than its capitals
    ("[, detail]", ", det", "option det not allowed", 198),      # no capitals: typed in full
    ("[, noCONStant]", ", constant", "option constant not allowed", 198),
    ("[, noUPdate]", ", nou", "option nou not allowed", 198),
    ("[, a]", ", b", "option b not allowed", 198),
    ("[, a]", ", b(1)", "option b() not allowed", 198),
    ("[, FLAG]", ", flag(3)", "option flag() not allowed", 198),
    ("[, Title(string)]", ", title", "option title() required", 198),
    (", REQuired(string)", "", "option required() required", 198),
    (", FLAG", "", "option flag required", 198),
    ("[, N(integer 5)]", ", n(2.5)", "option n() incorrectly specified", 198),
    ("[, R(real 1)]", ", r(abc)", "option r() incorrectly specified", 198),
    ("[, Level(cilevel)]", ", level(101)", "level() must be between 10 and 99.99 inclusive", 198),
    ("[, W(varname)]", ", w(x y)", "too many variables specified", 103),
    ("[, W(varlist)]", ", w(nosuch)", "variable nosuch not found", 111),
    ("[, G(newvarname)]", ", g(x)", "variable x already defined", 110),
    ("[, NM(name)]", ", nm(1c)", "1c invalid name", 198),
    ("[, X(bogus)]", "", "invalid syntax specification: X(bogus)", 197),
]


def test_a_failing_syntax_leaves_the_data_alone(new_session, run):
    session = new_session()
    out, rc = run(session, DATA + "program define p\n  syntax newvarlist\n  generate `varlist' = 1\nend\n")
    assert rc == 0, out
    out, rc = run(session, "p u x")
    assert rc == 110 and session.data.varnames == ["x", "y", "z", "s"]


@pytest.mark.parametrize("spec, arguments, shown, expected", FIRST_ELEMENT_LOCALS + QUALIFIER_LOCALS + OPTION_LOCALS)
def test_locals(call, spec, arguments, shown, expected):
    assert call(spec, arguments, shown) == (expected, 0)


@pytest.mark.parametrize("spec, arguments, message, rc",
                         FIRST_ELEMENT_FAILURES + QUALIFIER_FAILURES + OPTION_FAILURES)
def test_failures(call, spec, arguments, message, rc):
    assert call(spec, arguments, ()) == (f"{message}\nr({rc});", rc)
