"""Extended missing values ``.a`` … ``.z``: encoding, order, arithmetic, storage, display."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.expr import evaluate_scalar
from mlmcli.expr.values import clean, compare
from mlmcli.missing import LETTERS, canonical, code, extended, order_key, text
from mlmcli.render.numfmt import format_number


@pytest.fixture(scope="module")
def scalar(new_session):
    """The value of a Stata expression in an empty session."""
    return lambda expr: evaluate_scalar(new_session(), expr)


# ----------------------------------------------------------------------------- encoding
def test_encoding_round_trip():
    assert code(1.5) == -1 and code(float("nan")) == 0 and code(-float("nan")) == 0
    for k, letter in enumerate(LETTERS, start=1):
        v = extended(letter)
        assert math.isnan(v) and code(v) == k and text(v) == "." + letter
    assert text(float("nan")) == "."
    arr = np.array([2.0, np.nan, extended("a"), extended("z")])
    assert code(arr).tolist() == [-1, 0, 1, 26]
    assert list(order_key(arr)) == sorted(order_key(arr))
    assert code(canonical(arr)).tolist() == [-1, 0, 0, 0]
    assert code(clean(arr)).tolist() == [-1, 0, 0, 0]  # arithmetic results drop payloads
    assert code(clean(extended("q"))) == 0


# ----------------------------------------------------------------------------- expressions
def test_literals_and_comparisons(scalar):
    assert code(scalar(".a")) == 1 and code(scalar(".z")) == 26 and code(scalar(".")) == 0
    assert scalar(".z > .a") == 1 and scalar(".a > .") == 1 and scalar(". > 8.9e307") == 1
    assert scalar(".a < .b") == 1 and scalar(".b <= .a") == 0 and scalar(". >= .a") == 0
    assert scalar(".a == .a") == 1 and scalar(".a == .") == 0 and scalar(".a != .b") == 1
    assert scalar("inlist(.c, 1, ., .c)") == 1 and scalar("inlist(.c, 1, ., .d)") == 0


def test_arithmetic_gives_system_missing(scalar):
    for e in (".a + 1", ".b * 0", "-.a", ".c / 2", "ln(.d)", "abs(.e)", ".a + .a"):
        v = scalar(e)
        assert math.isnan(v) and code(v) == 0, e
    assert code(scalar("cond(1, .c, 2)")) == 3  # selection keeps the code, as in Stata


def test_missing_function(scalar):
    for e in ("missing(.)", "missing(.a)", "missing(.z)", "mi(.k)", "missing(1, .b)"):
        assert scalar(e) == 1, e
    assert scalar("missing(3)") == 0


# ----------------------------------------------------------------------------- data commands
@pytest.fixture
def with_codes(new_session, run):
    """x = 1 .a .b . .z 6"""
    s = new_session()
    run(s, "set obs 6")
    run(s, "generate x = _n")
    for line in ("replace x = .a in 2", "replace x = .b in 3", "replace x = . in 4", "replace x = .z in 5"):
        assert run(s, line) == ("(1 real change made, 1 to missing)\n", 0)
    return s


def test_generate_replace_store_codes(with_codes, run):
    s = with_codes
    x = s.data.numeric("x")
    assert code(x).tolist() == [-1, 1, 2, 0, 26, -1]  # float storage keeps the payload
    assert run(s, "replace x = .b in 2")[0] == "(1 real change made, 1 to missing)\n"  # .a -> .b changes
    assert run(s, "replace x = .b in 2")[0] == "(0 real changes made)\n"
    run(s, "generate byte b = x")
    run(s, "generate double d = x")
    for v in ("b", "d"):
        assert code(s.data.numeric(v)).tolist() == [-1, 2, 2, 0, 26, -1]
    run(s, "generate y = x + 1")
    assert code(s.data.numeric("y")).tolist() == [-1, 0, 0, 0, 0, -1]


def test_selection_count_summarize(with_codes, run):
    s = with_codes
    assert run(s, "count if x == .a")[0].strip() == "1"
    assert run(s, "count if x > .")[0].strip() == "3"
    assert run(s, "count if x >= .")[0].strip() == "4"
    assert run(s, "count if missing(x)")[0].strip() == "4"
    assert run(s, "count if x < .")[0].strip() == "2"
    out, rc = run(s, "summarize x")
    assert rc == 0 and out.splitlines()[-1].split()[:3] == ["x", "|", "2"]


def test_list_display_and_sort(with_codes, run):
    s = with_codes
    run(s, "sort x")
    assert code(s.data.numeric("x")).tolist() == [-1, -1, 0, 1, 2, 26]
    out, rc = run(s, "list")
    rows = [line for line in out.splitlines() if line.strip()[:2].rstrip(".").isdigit()]
    assert [r.split("|")[1] for r in rows] == ["  1 ", "  6 ", "  . ", " .a ", " .b ", " .z "]
    assert run(s, "display .a")[0] == ".a\n"
    assert run(s, "display x[6]")[0] == ".z\n"
    assert format_number(extended("c"), "%9.0g") == "       .c"
    assert format_number(extended("c"), "%8.2f") == "      .c"
    assert format_number(float("nan"), "%9.0g") == "        ."


def test_by_groups_separate_codes(with_codes, run):
    s = with_codes
    run(s, "sort x")
    run(s, "by x: generate n = _N")
    assert s.data.numeric("n").tolist() == [1.0] * 6


# ----------------------------------------------------------------------------- order property
_CODES = st.one_of(
    st.floats(min_value=-8.9e307, max_value=8.9e307, allow_nan=False, allow_infinity=False),
    st.sampled_from([""] + list(LETTERS)).map(extended),
)


def _rank(v: float):
    """Stata's order as a tuple: numbers first by value, then . < .a < … < .z."""
    return (1, code(v)) if math.isnan(v) else (0, v)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_CODES, _CODES), min_size=1, max_size=30))
def test_comparisons_follow_stata_order(pairs):
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    expected = {
        "<": [_rank(x) < _rank(y) for x, y in pairs],
        "<=": [_rank(x) <= _rank(y) for x, y in pairs],
        ">": [_rank(x) > _rank(y) for x, y in pairs],
        ">=": [_rank(x) >= _rank(y) for x, y in pairs],
        "==": [_rank(x) == _rank(y) for x, y in pairs],
        "!=": [_rank(x) != _rank(y) for x, y in pairs],
    }
    for op, want in expected.items():
        assert compare(op, a, b).tolist() == [float(w) for w in want], op
        x, y = pairs[0]
        assert compare(op, x, y) == float(want[0]), op


# ----------------------------------------------------------------------------- .dta files
def test_dta_reads_extended_codes(tmp_path):
    """A Stata double ``.c`` (0x7FE0 0300 0000 0000) is patched into a pandas-written file."""
    import struct

    from mlmcli.dta import read_dta, write_dta
    path = tmp_path / "codes.dta"
    pd.DataFrame({"x": [1.0, 12345.678, 3.0, np.nan]}).to_stata(path, write_index=False, version=118)
    raw = path.read_bytes()
    marker = struct.pack("<d", 12345.678)
    assert raw.count(marker) == 1
    path.write_bytes(raw.replace(marker, struct.pack("<Q", 0x7FE0000000000000 + 3 * (1 << 40))))
    ds, _ = read_dta(str(path))
    assert code(ds.numeric("x")).tolist() == [-1, 3, -1, 0]
    out = tmp_path / "back.dta"
    write_dta(ds, str(out))
    back, _ = read_dta(str(out))
    assert code(back.numeric("x")).tolist() == [-1, 3, -1, 0]


def test_dta_round_trip_every_storage_type(tmp_path):
    from mlmcli.dta import read_dta, write_dta
    values = np.array([1.0, extended("a"), np.nan, extended("z"), -2.0, extended("m")])
    types = ("byte", "int", "long", "float", "double")
    ds = Dataset(df=pd.DataFrame({"v_" + t: values.copy() for t in types}))
    ds.types.update({"v_" + t: t for t in types})
    frac = clean(values * 0.5)  # arithmetic drops the codes
    frac[1] = extended("b")
    ds.df["frac"] = frac
    ds.types["frac"] = "double"
    path = tmp_path / "all.dta"
    write_dta(ds, str(path))
    back, _ = read_dta(str(path))
    for t in types:
        assert back.types["v_" + t] == t
        assert code(back.numeric("v_" + t)).tolist() == [-1, 1, 0, 26, -1, 13], t
        assert back.numeric("v_" + t)[[0, 4]].tolist() == [1.0, -2.0]
    assert code(back.numeric("frac")).tolist() == [-1, 2, 0, 0, -1, 0]


# ----------------------------------------------------------------------------- tables and recode
def test_tabulate_missing_rows_per_code(with_codes, run):
    s = with_codes
    out, rc = run(s, "tabulate x, missing")
    assert rc == 0
    firsts = [line.split("|")[0].strip() for line in out.splitlines() if "|" in line]
    assert firsts[1:8] == ["1", "6", ".", ".a", ".b", ".z", "Total"]
    out, rc = run(s, "tabulate x")
    assert rc == 0 and ".a" not in out


def test_recode_matches_and_sets_codes(with_codes, run):
    s = with_codes
    out, rc = run(s, "recode x (.a = 20) (. = .c) (6 = .z), generate(y)")
    assert (out, rc) == ("(3 differences between x and y)\n", 0)
    assert code(s.data.numeric("y")).tolist() == [-1, -1, 2, 3, 26, 26]
    assert s.data.numeric("y")[1] == 20
    assert run(s, "recode x (missing = 0)") == ("(x: 4 changes made)\n", 0)


def test_scalar_keeps_code(new_session, run):
    s = new_session()
    run(s, "scalar s = .b")
    assert run(s, "display s") == (".b\n", 0)
    assert run(s, "display s == .b") == ("1\n", 0)
    assert run(s, "display %9.2f .c") == ("       .c\n", 0)


# ----------------------------------------------------------------------------- value labels
def test_value_labels_on_codes(tmp_path, with_codes, run):
    s = with_codes
    assert run(s, 'label define yn 1 "yes" .a "refused" .z "n/a"') == ("", 0)
    assert run(s, 'label define bad .A "x"')[1] == 198
    run(s, "label values x yn")
    out, _ = run(s, "label list yn")
    assert out.splitlines() == ["yn:", "           1 yes", "          .a refused", "          .z n/a"]
    out, _ = run(s, "list x")
    assert " refused |" in out and " n/a |" in out and " .b |" in out
    out, _ = run(s, "tabulate x, missing")
    assert "    refused |" in out and "         .b |" in out
    run(s, "decode x, generate(t)")
    assert s.data.df["t"].tolist() == ["yes", "refused", "", "", "n/a", ""]
    path = tmp_path / "lab.dta"
    run(s, f'save "{path}"')
    assert run(s, f'use "{path}", clear')[1] == 0
    assert s.data.value_labels["yn"] == {1.0: "yes", order_key(extended("a")): "refused",
                                         order_key(extended("z")): "n/a"}
    assert code(s.data.numeric("x")).tolist() == [-1, 1, 2, 0, 26, -1]


def test_a_local_keeps_the_extended_missing_code():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "mlmcli", "-q", "-c",
                          "local m = .a; display \"`m'\"; local n = .; display \"`n'\""],
                         capture_output=True, text=True, timeout=120).stdout
    assert out.split() == [".a", "."]
