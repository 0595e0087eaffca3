"""compress's rule for numeric storage types, as the commands that end with a ``compress`` use
it: compress itself, destring, stset's _t/_t0, stsplit, contract and coefplot's generate().
Stata's rule ([D] compress, [D] data types): byte holds whole -127..100, int -32,767..32,740,
long -2,147,483,647..2,147,483,620; a double becomes float when every value is exact in
single precision; a type is only ever narrowed; missing values do not count.  The commands
once had their own copies of the rule; these tests pin what each one gives."""
from __future__ import annotations

import pytest

COMPRESS = """clear
set obs 6
gen double a = _n
gen double b = _n + .5
gen double c = _n + .1
gen float d = _n*100
gen int e = _n
gen long f = _n*40000
gen double g = .
gen double h = 1e10
gen double k = -_n
gen double m = cond(_n == 1, -127, 100)
gen double n = cond(_n == 1, -128, 100)
gen double o = cond(_n == 1, ., 101)
gen float p = 2147483520
gen double q = 2^24 + 1
gen long r = 5
compress
"""


def _types(run, session, names: str) -> dict[str, str]:
    printed, rc = run(session, f'foreach v in {names} {{\nlocal t : type `v\'\ndisplay "`v\' `t\'"\n}}')
    assert rc == 0, printed
    pairs = [line.split() for line in printed.splitlines()]
    return {p[0]: p[1] for p in pairs if len(p) == 2}


@pytest.fixture
def fresh(new_session, run):
    def make(text: str):
        session = new_session(None)
        printed, rc = run(session, text)
        assert rc == 0, printed
        return session
    return make


def test_compress_narrows_each_type(fresh, run):
    session = fresh(COMPRESS)
    got = _types(run, session, "a b c d e f g h k m n o p q r")
    assert got == {
        "a": "byte", "b": "float", "c": "double", "d": "int", "e": "byte", "f": "long",
        "g": "byte",           # all missing: the narrowest type
        "h": "float",          # 1e10 is whole but past long; exact in single precision
        "k": "byte", "m": "byte", "n": "int", "o": "int",
        "p": "float",          # whole, but long takes the same 4 bytes: compress leaves it
        "q": "long", "r": "byte"}


def test_destring_compresses_from_double_or_float(fresh, run):
    session = fresh("clear\nset obs 4\ngen s1 = string(_n)\ngen s2 = string(_n+.5)\ngen s3 = string(_n+.1)\n"
                    "gen s4 = string(_n*1000)\ndestring s1 s2 s3 s4, gen(n1 n2 n3 n5)\n"
                    "destring s3, gen(n4) float\n")
    assert _types(run, session, "n1 n2 n3 n4 n5") == {"n1": "byte", "n2": "float", "n3": "double",
                                                       "n4": "float", "n5": "int"}


def test_stset_and_stsplit_time_types(fresh, run):
    session = fresh("clear\nset obs 6\ngen id = _n\ngen tt = _n * 1.5\ngen died = mod(_n, 2)\n"
                    "gen double tw = _n * 1000\ngen double tx = _n + .1\n"
                    "quietly stset tt, failure(died) id(id)\n")
    assert _types(run, session, "_t _t0 _d _st") == {"_t": "float", "_t0": "byte", "_d": "byte", "_st": "byte"}
    run(session, "quietly stsplit cut, at(2 4)")
    assert _types(run, session, "_t _t0 cut") == {"_t": "float", "_t0": "byte", "cut": "byte"}
    run(session, "quietly stjoin")
    session = fresh("clear\nset obs 6\ngen double tw = _n * 1000\ngen double tx = _n + .1\n"
                    "quietly stset tw\n")
    assert _types(run, session, "_t _t0") == {"_t": "int", "_t0": "byte"}
    run(session, "quietly stset tx")
    assert _types(run, session, "_t") == {"_t": "double"}


def test_contract_compresses_its_new_variables(fresh, run):
    session = fresh("clear\nset obs 6\ngen g = mod(_n, 3)\ncontract g, percent(pc) cfreq(cf) cpercent(cpc)\n")
    got = _types(run, session, "_freq pc cf cpc")
    assert got == {"_freq": "byte", "pc": "double", "cf": "byte", "cpc": "double"}  # 33.3...: not exact in float
    session = fresh("clear\nset obs 6\ngen g = mod(_n, 3)\ncontract g, percent(pc) float\n")
    assert _types(run, session, "pc") == {"pc": "float"}
    session = fresh("clear\nset obs 6\ngen g = mod(_n, 2)\ncontract g, percent(pc)\n")
    assert _types(run, session, "_freq pc") == {"_freq": "byte", "pc": "byte"}


def test_coefplot_generate_types(fresh, run):
    session = fresh("clear\nset obs 40\nset seed 1\ngen x = rnormal()\ngen y = x + rnormal()\n"
                    "quietly regress y x\nestimates store m1\nquietly regress y\nestimates store m2\n"
                    "quietly coefplot m1 m2, generate(c_) nodraw\n")
    got = _types(run, session, "c_plot c_at c_b")
    assert got["c_plot"] == "byte" and got["c_b"] == "float"
    assert got["c_at"] == "float"   # two models side by side: offsets off the whole positions


def test_compressed_type_rule_directly():
    """The shared rule: only narrower types, NaN ignored, float only from double."""
    import numpy as np

    from mlmcli.storage_types import compressed_type

    nan = np.nan
    assert compressed_type(np.array([1.0, 2.0, nan])) == "byte"
    assert compressed_type(np.array([1.0, 200.0]), "int") == "int"        # int is as narrow as it goes
    assert compressed_type(np.array([1.0, 200.0]), "long") == "int"
    assert compressed_type(np.array([1.0, 2.0]), "byte") == "byte"
    assert compressed_type(np.array([0.5]), "float") == "float"
    assert compressed_type(np.array([0.1]), "double") == "double"
    assert compressed_type(np.array([0.1]), "float") == "float"
    assert compressed_type(np.array([2.0 ** 31]), "double") == "float"    # whole, past long, exact in float
    assert compressed_type(np.array([1e300]), "double") == "double"       # past float's range
    assert compressed_type(np.array([], dtype=float), "double") == "byte"


def test_margins_saving_compresses(fresh, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = fresh("clear\nset obs 60\nset seed 3\ngen g = mod(_n,3)\ngen x = 1+runiform()\n"
                    "gen y = 1 + x + g + rnormal()\nquietly regress y x i.g\n"
                    "quietly margins g, saving(m1)\nquietly margins, at(x=(1 1.5 2) g=1) saving(m2)\n"
                    "use m1, clear\n")
    assert _types(run, session, "_deriv _term _at _m1 _margin _se _pvalue") == {
        "_deriv": "byte", "_term": "byte", "_at": "byte", "_m1": "byte", "_margin": "float", "_se": "float",
        "_pvalue": "float"}
    run(session, "use m2, clear")
    assert _types(run, session, "_at1 _at2 _margin") == {"_at1": "float", "_at2": "byte", "_margin": "float"}
