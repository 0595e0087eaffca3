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
