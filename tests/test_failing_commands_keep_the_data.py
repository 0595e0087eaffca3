"""A command that fails leaves the data in memory exactly as before it, and the files it
read untouched (issue 18: ``append using a nosuch`` appended ``a``, then reported r(601)).

Every command the registry runs is a transaction (``session.data_transaction``): the
natural failures below, a bug that strikes after the data changed, and Ctrl-C."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_state import assert_unchanged, file_digest, snapshot
from mlmcli.dataset import Dataset


@pytest.fixture
def panel(new_session):
    df = pd.DataFrame({"id": [1.0, 2.0, 3.0, 4.0], "g": [1.0, 1.0, 2.0, 2.0], "x": [1.5, 2.5, 3.5, 4.5],
                       "s": ["b", "a", "b", "c"]})
    return new_session(df, var_labels={"x": "the x"}, value_labels={"yn": {0.0: "no", 1.0: "yes"}})


@pytest.fixture
def files(tmp_path, do):
    a = tmp_path / "a.dta"
    b = tmp_path / "b.dta"
    _, out, _ = do(f'set obs 2\ngen id = _n\ngen y = 10*_n\nsave "{a}"\nclear\nset obs 2\n'
                   f'gen id = _n\ngen str3 x = "abc"\ngen _merge = 1\nsave "{b}"')
    assert a.is_file() and b.is_file(), out
    return a, b


def _fails_and_keeps(session, run, text, rc):
    before = snapshot(session)
    out, got = run(session, text)
    assert got == rc, out
    assert_unchanged(session, before)
    return out


@pytest.mark.parametrize("command,rc", [
    ('append using "{a}" nosuch', 601),                 # the second file is missing
    ('append using "{a}" "{b}"', 106),                  # the second file's x is a string
    ('append using "{a}", generate(x)', 110),
    ('merge 1:1 id using "{b}"', 110),                  # the using file has _merge
    ('merge 1:1 id using "{a}", assert(master)', 9),
    ('merge 1:1 id using "{a}", keepusing(nosuch)', 111),
    ('merge m:1 g using "{a}"', 111),
    ("merge 1:1 g using nosuch", 601),
])
def test_multi_file_commands(panel, run, files, command, rc):
    a, b = files
    digests = [file_digest(a), file_digest(b)]
    _fails_and_keeps(panel, run, command.format(a=a, b=b), rc)
    assert [file_digest(a), file_digest(b)] == digests


@pytest.mark.parametrize("command,rc", [
    ("reshape wide x, i(g) j(id)", 9),                  # s not constant within g
    ("collapse (mean) x (sd) x, by(g)", 198),
    ("collapse (mean) s, by(g)", 109),
    ("collapse (nosuch) x", 198),
    ("encode x, generate(e)", 107),
    ("encode s, generate(x)", 110),
    ("recode x (1.5=2) 3=4", 198),                      # a malformed rule refuses the whole command
    ("recode x (1.5=2) (2.5=)", 198),
    ("recode x s (1.5=2)", 109),                        # x would be recoded before s failed
    ("egen m = mean(nosuch), by(g)", 111),
    ("egen x = mean(x)", 110),
    ("statsby m=r(mean) m=r(sd), by(g) clear: summarize x", 110),
    ("statsby g=r(mean), by(g) clear: summarize x", 110),
    ("statsby m=r(mean), by(g) clear: summarize nosuch", 111),
    ("rename (x s) (s s)", 198),
])
def test_multi_step_commands(panel, run, command, rc):
    _fails_and_keeps(panel, run, command, rc)


@pytest.mark.parametrize("command", [
    "generate y = x * 2", "replace x = 0", "egen m = mean(x), by(g)", "encode s, generate(e)",
    "recode x (1.5=9) (2.5=8), generate(r)", "append using {a}, generate(src)",
])
def test_a_bug_after_the_data_changed_undoes_the_change(panel, run, files, monkeypatch, command):
    """An internal error raised after a variable was written: r(9999) and the data as before."""
    written = Dataset.set_variable

    def write_then_fail(self, *args, **kwargs):
        written(self, *args, **kwargs)
        raise RuntimeError("injected after the write")

    monkeypatch.setattr(Dataset, "set_variable", write_then_fail)
    out = _fails_and_keeps(panel, run, command.format(a=files[0]), 9999)
    assert "internal error: RuntimeError: injected after the write" in out


class _InterruptOn:
    """An output stream that raises KeyboardInterrupt (Ctrl-C) when ``trigger`` is printed."""

    def __init__(self, trigger: str):
        self.trigger = trigger

    def write(self, text: str) -> int:
        if self.trigger in text:
            raise KeyboardInterrupt
        return len(text)

    def flush(self) -> None:
        pass

    def seek(self, _):
        pass

    def truncate(self):
        pass

    def getvalue(self) -> str:
        return ""


@pytest.mark.parametrize("command,trigger", [
    ("reshape long w, i(id) j(k)", "Data"),                     # after the data were replaced
    ('merge 1:1 id using "{a}"', "matched"),
    ("recode x g (1.5=9) (1=7)", "changes made"),               # after the first of two variables
    ("statsby m=r(mean), by(g) clear: summarize x", "Statsby groups"),
    ('append using "{a}" "{a}"', "note:"),
])
def test_ctrl_c_keeps_the_data(panel, run, files, command, trigger):
    for name in ("w1", "w2"):
        panel.data.df[name] = panel.data.df["x"]
        panel.data.types[name] = "float"
    panel.data.types["id"] = "byte"  # append's note about widening id prints mid-command
    before = snapshot(panel)
    panel.out.stream = _InterruptOn(trigger)
    with pytest.raises(KeyboardInterrupt):
        run(panel, command.format(a=files[0]))
    assert_unchanged(panel, before)


def test_capture_of_a_failing_append_keeps_the_data_and_sets_rc(panel, run, files):
    before = snapshot(panel)
    out, rc = run(panel, f'capture append using "{files[0]}" nosuch\ndisplay _rc')
    assert rc == 0 and out.strip() == "601"
    assert_unchanged(panel, before)


def test_a_do_file_keeps_what_ran_before_its_error(panel, run, tmp_path):
    script = tmp_path / "two.do"
    script.write_text("generate y = 1\nnosuchcommand\n")
    out, rc = run(panel, f'do "{script}"')
    assert rc == 199 and "y" in panel.data.varnames  # only the failing command is undone


def test_statsby_with_mixed_names_its_results_per_equation(new_session, run):
    rng = np.random.default_rng(3)
    n = 120
    df = pd.DataFrame({"g": np.repeat([1.0, 2.0], n // 2), "h": np.tile(np.arange(10.0), n // 10),
                       "x": rng.normal(size=n)})
    df["y"] = 1 + 0.5 * df["x"] + rng.normal(size=n) + 0.8 * rng.normal(size=10)[df["h"].astype(int)]
    s = new_session(df)
    out, rc = run(s, "statsby _b, by(g) clear: mixed y x || h:")
    assert rc == 0, out
    assert s.data.varnames == ["g", "y_b_x", "y_b_cons", "lns1_1_1_b_cons", "lnsig_e_b_cons"]
    assert s.data.nobs == 2 and np.all(np.abs(s.data.df["y_b_x"] - 0.5) < 0.5)


def test_statsby_with_several_statistics(new_session, run):
    s = new_session(pd.DataFrame({"g": [1.0, 1.0, 2.0, 2.0], "x": [1.0, 3.0, 5.0, 9.0]}))
    out, rc = run(s, "statsby m=r(mean) sd=r(sd), by(g) clear: summarize x")
    assert rc == 0, out
    assert s.data.df["m"].tolist() == [2.0, 7.0]
    np.testing.assert_allclose(s.data.df["sd"], [np.sqrt(2), np.sqrt(8)], rtol=1e-6)


@pytest.mark.parametrize("text", ["input x x\n1 2\nend", "input x y x\n1 2 3\nend", "input x str3 x"])
def test_input_repeating_a_name_is_refused(new_session, run, text):
    session = new_session()
    out = _fails_and_keeps(session, run, text, 110)
    assert "x already defined" in out and session.data.df.columns.tolist() == []


def test_by_failing_in_a_later_group_undoes_the_earlier_groups(panel, run):
    """Found by the fuzz suite: the first group's tabulate, gen() made d1 before the second
    group's failed; bysort's sort itself stays, as in Stata."""
    run(panel, "sort g")
    out = _fails_and_keeps(panel, run, "by g: tabulate id, gen(d)", 110)
    assert "d1 already defined" in out and "d1" not in panel.data.df.columns
