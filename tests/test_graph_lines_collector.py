"""tests/graphs_reference/collect_graph_lines.py, the tool that gathers real_graph_lines.txt:
comments and continuations as mlm's do-file reader takes them, Stata blocks of Quarto/markstat
documents."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).parent / "graphs_reference" / "collect_graph_lines.py"


@pytest.fixture(scope="module")
def collector():
    spec = importlib.util.spec_from_file_location("collect_graph_lines", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_continuation_inside_quotes_is_text(collector):
    text = ('twoway (kdensity x), ///\n'
            'caption("{stMono:twoway (kdensity x), ///}" "{stMono:by(u)}") // a comment\n'
            'scatter y x // note\n')
    assert collector.logical_lines(text) == [
        'twoway (kdensity x), caption("{stMono:twoway (kdensity x), ///}" "{stMono:by(u)}")',
        "scatter y x"]


def test_url_slashes_are_no_comment(collector):
    assert collector.split_comment('note("http://x.org") // c') == ('note("http://x.org") ', False)


def test_quarto_and_markstat_blocks(collector):
    qmd = "Text\n```{r}\nplot(x)\n```\n```{stata, collectcode=TRUE}\nhistogram y, percent\n```\n"
    code = collector.stata_blocks(qmd, markstat=False)
    assert "histogram y, percent" in code and "plot(x)" not in code
    stmd = "# Title\n\n    twoway lfit y x\n\tgraph export a.png\nprose twoway words\n"
    lines = collector.logical_lines(collector.stata_blocks(stmd, markstat=True))
    assert lines == ["twoway lfit y x", "graph export a.png"]


def test_delimit_without_a_blank(collector):
    # Mixtape's synth_7.do types `#delimit;` (Stata reads it as `#delimit ;`)
    text = "#delimit;\ntwoway\n(line a year)\n(line b year), legend(off);\n#delimit cr\nscatter y x\n"
    assert collector.logical_lines(text) == ["twoway (line a year) (line b year), legend(off)", "scatter y x"]


# ---------------------------------------------------------------- collect_graph_macros.py
def _tool(name: str):
    """A module of tests/graphs_reference (which import each other from that folder)."""
    import sys

    sys.path.insert(0, str(_PATH.parent))
    spec = importlib.util.spec_from_file_location(name, _PATH.parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def macros():
    return _tool("collect_graph_macros")


@pytest.fixture(scope="module")
def sweep():
    return _tool("real_lines_sweep")


@pytest.mark.parametrize("line, want", [
    ('local opts "title(x)"', (["opts"], 'local opts "title(x)"')),
    ("qui gl out figures", (["out"], "gl out figures")),
    ("foreach v in price mpg {", (["v"], "local v price")),
    ("foreach v of varlist y* x {", (["v"], "local v y1")),
    ("foreach v of varlist hungary-sweden {", (["v"], "local v hungary")),
    ('foreach x in "a b" c {', (["x"], "local x a b")),
    ("foreach x in $years {", (["x"], "local x : word 1 of $years")),
    ("forvalues i = 2(2)10 {", (["i"], "local i 2")),
    ("foreach n of numlist 5/9 {", (["n"], "local n 5")),
    ("foreach c of local countries {", (["c"], "local c : word 1 of `countries'")),
    ("foreach c of global cs {", (["c"], "local c : word 1 of $cs")),
    ("tempvar a b", (["a", "b"], "tempvar a b")),
    ("scatter y x", None),
])
def test_macro_definitions(macros, line, want):
    assert macros.definition(line) == want


def test_macro_names_used(macros):
    assert macros.used_names("scatter `y' ${x} $z, title(`\"`t'\"') `=1+1'") == {"y", "x", "z", "t"}


def test_sweep_expands_a_line_with_its_definitions(sweep):
    session = sweep.empty_session()
    defs = ['local opts "title(Hi)"', "global out /home/someone/figs", "foreach v in y2 y3 {"]
    defs = [sweep.definition(d)[1] for d in defs]
    assert sweep.with_macros(session, 'scatter `v\' x, `opts\' saving("$out/f", replace)', defs) == \
        'scatter y2 x, title(Hi) saving("f", replace)'  # an absolute path cut to its file
    assert sweep.with_macros(sweep.empty_session(), "scatter `w' x", defs) is None  # still empty
    assert sweep.classify("scatter `nowhere' x", defs)[0] == "skipped-macro"


def test_sweep_skips_a_macro_built_from_an_empty_one(sweep):
    # mthevenin's formation23.qmd: `l' comes from levelsof, which the sweep does not run
    defs = ["local v : word 1 of `l'", "local scat `scat' scatter y x if g==`v' ||"]
    assert sweep.with_macros(sweep.empty_session(), "tw `scat', legend(off)", defs) is None
    defs = ["local v 2", "local scat `scat' scatter y x if g==`v' ||"]
    assert sweep.with_macros(sweep.empty_session(), "tw `scat', legend(off)", defs) == \
        "tw scatter y x if g==2 ||, legend(off)"


def test_program_arguments_are_macros_too(macros):
    assert macros.used_names("tw scatter `1' `2' if !`3'") == {"1", "2", "3"}


def test_sweep_skips_a_nested_macro_name_left_empty(sweep):
    # dina-latam's 05b-rescale-and-impute.do: `addgraphlines_`iv'' built in a loop the sweep skips
    assert sweep.with_macros(sweep.empty_session(), "graph twoway `addgraphlines_`iv'' if x", ["local iv 1"]) is None
    assert sweep.with_macros(sweep.empty_session(), "graph twoway `a_`iv'' if x",
                             ["local iv 1", "local a_1 scatter y x"]) == "graph twoway scatter y x if x"
