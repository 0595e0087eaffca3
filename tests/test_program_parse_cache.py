"""The parse cache keyed on a line with its temporary names abstracted (mlmcli/temp_names.py;
docs/program_speed.md): a program's line is parsed once and the real ``tempvar``/``tempname``
names are put back, so what runs is what the line says on every call -- with other temporary
names, with macros that changed, after a new variable changed what a name means, and with
errors naming what was typed.  Expected values are computed here with numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.expr.compiler import parse_expression
from mlmcli.parser import parse_command
from mlmcli.temp_names import abstract, rebind


@pytest.fixture
def data():
    rng = np.random.default_rng(8901)
    return pd.DataFrame({"xa": rng.normal(size=12), "w": rng.integers(1, 4, size=12).astype(float),
                         "g": np.repeat([1.0, 2.0, 3.0], 4)})


# ----------------------------------------------------------------------- the abstraction itself
def test_lines_differing_only_in_temporary_names_share_one_canonical_text():
    a, names_a = abstract("replace __00000A = ln(normal(__00000B)) if __00000A > 0")
    b, names_b = abstract("replace __0000FF = ln(normal(__000100)) if __0000FF > 0")
    assert a == b == "replace __000000 = ln(normal(__000001)) if __000000 > 0"
    assert names_a == ("__00000A", "__00000B") and names_b == ("__0000FF", "__000100")
    assert rebind("normal(__000001) + __000000", names_b) == "normal(__000100) + __0000FF"


@pytest.mark.parametrize("line", ["gen y = x__000001", "gen y = ___000001", "gen y = __0000011 + __000002",
                                  "gen y = __00000a", "gen y = x"])
def test_a_name_glued_to_other_name_characters_is_not_abstracted(line):
    assert abstract(line) == (line, ())


def test_a_cached_parse_carries_the_real_names_into_every_piece():
    first = "by __000003 (__000005): generate double __000007 = sum(__000003) if __000005 [fw=__000004], over(__000003)"
    second = first.replace("__000003", "__00001A").replace("__000005", "__00001B") \
        .replace("__000007", "__00001C").replace("__000004", "__00001D")
    parse_command(first)
    misses = parse_command.cache_info().misses
    cmd = parse_command(second)
    assert parse_command.cache_info().misses == misses  # the canonical line's parse was reused
    assert cmd.text == second
    assert cmd.args == "double __00001C = sum(__00001A)"
    assert cmd.if_exp == "__00001B"
    assert cmd.weight.exp == "__00001D"
    assert [(o.name, o.arg) for o in cmd.options] == [("over", "__00001A")]
    assert cmd.prefixes[0].varlist == ("__00001A",) and cmd.prefixes[0].sort_only == ("__00001B",)


def test_a_cached_expression_tree_carries_the_real_names():
    tree = parse_expression('ln(normalden(y, __000010, exp(__000011))) + ("__000010" == "a")')
    tokens = [str(t) for t in tree.scan_values(lambda v: True)]
    assert "__000010" in tokens and "__000011" in tokens and '"__000010"' in tokens
    assert "__000000" not in tokens and "__000001" not in tokens


# ----------------------------------------------------------------------- through programs
def test_a_program_gives_the_right_values_on_every_call_with_new_temporary_names(do, data):
    program = """
program define colmean, rclass
    args k
    tempvar t s
    quietly generate double `t' = xa * `k'
    quietly generate double `s' = `t'
    quietly replace `s' = `s'[_n-1] + `t' if _n > 1
    quietly summarize `s'
    return scalar last = `s'[_N]
    return scalar mean = r(mean)
end
"""
    text = program + "".join(f"colmean {k}\nscalar m{k} = r(mean)\nscalar l{k} = r(last)\n" for k in (2, 3, 5))
    rc, printed, s = do(text, data)
    assert rc == 0, printed
    for k in (2, 3, 5):  # `k' changes between calls as well as the temporary names
        running = np.cumsum(data["xa"].to_numpy() * k)
        assert s.scalars[f"m{k}"] == pytest.approx(running.mean(), rel=1e-12)
        assert s.scalars[f"l{k}"] == pytest.approx(running[-1], rel=1e-12)
    assert not [v for v in s.data.varnames if v.startswith("__")]  # the temporaries were dropped


def test_a_name_whose_meaning_changes_with_a_new_variable_is_read_again(do, data):
    program = """
program define twice, rclass
    tempvar t
    quietly generate double `t' = x * 2
    quietly summarize `t'
    return scalar mean = r(mean)
end
"""
    rc, printed, s = do(program + "twice\nscalar first = r(mean)\ngenerate xb = 1\ntwice", data)
    assert s.scalars["first"] == pytest.approx(2 * data["xa"].mean(), rel=1e-12)  # x abbreviates xa
    assert rc == 111 and "x ambiguous abbreviation" in printed  # xa and xb: the same line now fails


def test_a_scalar_then_a_variable_of_the_same_name(do, data):
    program = """
program define plusone, rclass
    tempvar t
    quietly generate double `t' = a + 1
    return scalar v = `t'[3]
end
"""
    rc, printed, s = do(program + "scalar a = 10\nplusone\nscalar first = r(v)\n"
                        "generate double a = xa\nplusone\nscalar second = r(v)", data)
    assert rc == 0, printed
    assert s.scalars["first"] == 11
    assert s.scalars["second"] == pytest.approx(data["xa"][2] + 1, rel=1e-12)  # the variable wins


def test_a_parse_error_names_the_real_temporary_name(do, data):
    rc, printed, _ = do("program define bad\n    tempvar a b c\n    `c' xa\nend\nbad", data)
    assert rc == 199
    real = [w for w in printed.split() if w.startswith("__")]
    assert real == ["__000002"], printed  # not the canonical line's __000000


def test_a_program_redefined_or_dropped_between_calls(do, data):
    text = ("program define hello\n    display \"one\"\nend\nhello\nprogram drop hello\n"
            "program define hello\n    display \"two\"\nend\nhello\nprogram drop hello\nhello")
    rc, printed, _ = do(text, data)
    assert printed.split("\n")[:2] == ["one", "two"]
    assert rc == 199 and "unrecognized command:  hello" in printed


def test_by_groups_inside_a_program_with_temporary_names(do, data):
    program = """
program define groupsum
    args out
    tempvar t
    quietly generate double `t' = xa * w
    quietly bysort g: egen double `out' = total(`t')
end
"""
    rc, printed, s = do(program + "groupsum s1\ngroupsum s2", data)
    assert rc == 0, printed
    expected = (data["xa"] * data["w"]).groupby(data["g"]).transform("sum").to_numpy()
    np.testing.assert_allclose(s.data.numeric("s1"), expected, rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("s2"), expected, rtol=1e-12)


def test_a_failing_line_of_a_program_leaves_the_data_alone(do, data):
    program = """
program define halfway
    tempname k
    scalar `k' = 3
    replace xa = xa * `k'
    local z = nosuch + 1
end
"""
    rc, printed, s = do(program + "capture noisily halfway", data)
    assert s.rc == 111  # the local's expression failed after replace had run
    np.testing.assert_allclose(s.data.numeric("xa"), data["xa"].to_numpy() * 3)  # Stata keeps replace
    assert not [k for k in s.scalars if k.startswith("__")]  # the tempname went with the program


def test_column_reads_match_the_frame(new_session, data):
    s = new_session(data)
    values = s.data.numeric("xa")
    np.testing.assert_array_equal(values, data["xa"].to_numpy())
    assert s.data.has_variable("xa") and not s.data.has_variable("x")
    assert s.data.resolve("x") == "xa" and not s.data.is_string("xa")
