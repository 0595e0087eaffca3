"""Which twoway plot types are commands too: Stata 13 runs `scatter`, `line`, `tsline` and
`tsrline` without `twoway` (scatter.ado, line.ado, tsline.ado, tsrline.ado: each runs
``graph twoway <type> `0'``), and histogram, kdensity, lowess, lpoly and lfit are commands of
their own syntax; every other plot type is only a plottype ([G-2] graph twoway connected:
"connected is a plottype"), so `connected y x` is ``unrecognized command:  connected`` r(199)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

PLOTTYPES_ONLY = ["connected", "area", "bar", "spike", "dropline", "dot", "rarea", "rbar", "rbarm",
                  "rspike", "rcap", "rcapsym", "rscatter", "rline", "rconnected", "qfit", "lfitci",
                  "qfitci", "function", "scatteri", "mband", "mspline", "fpfit", "fpfitci", "lpolyci",
                  "pcspike", "pccapsym", "pcarrow", "pcbarrow", "pcscatter", "pci", "pcarrowi",
                  "contour", "contourline"]


def _data():
    x = np.arange(1.0, 11.0)
    return pd.DataFrame({"x": x, "y": x ** 2, "lo": x - 1, "hi": x + 1})


@pytest.mark.parametrize("word", PLOTTYPES_ONLY)
def test_a_plottype_without_twoway_is_unrecognized_command(do, word):
    rc, out, s = do(f"{word} lo hi x", df=_data())
    assert rc == 199
    assert out.splitlines()[:2] == [f"unrecognized command:  {word}", f"(did you mean twoway {word}?)"]
    assert s.graphs == [] or not s.graphs  # nothing drawn
    rc, out, _ = do(f"capture {word} y x\ndisplay _rc", df=_data())
    assert rc == 0 and out.strip().splitlines()[-1] == "199"


def test_the_same_plots_draw_after_twoway(do):
    for line, kind in [("twoway connected y x", "connected"), ("twoway rcap lo hi x", "rcap"),
                       ("twoway function y = x^2, range(0 2)", "line"), ("twoway scatteri 1 2 3 4", "scatter"),
                       ("graph twoway mspline y x", "line")]:
        rc, out, s = do(line, df=_data())
        assert rc == 0, out
        assert s.graphs[-1].panels[0].series[0].kind == kind, line


def test_scatter_line_tsline_tsrline_are_commands(do):
    for line, same in [("scatter y x", "twoway scatter y x"), ("line y x", "twoway line y x"),
                       ("tsset x\ntsline y", "twoway line y x"), ("tsset x\ntsrline lo hi", "twoway rline lo hi x")]:
        rc, out, s = do(line, df=_data())
        assert rc == 0, out
        drawn = s.graphs[-1].panels[0].series[0]
        rc, out, s = do(same, df=_data())
        expected = s.graphs[-1].panels[0].series[0]
        assert drawn.kind == expected.kind, line
        np.testing.assert_allclose(drawn.x, expected.x)
        np.testing.assert_allclose(drawn.y, expected.y)


def test_a_word_that_is_no_plottype_gets_no_twoway_hint(do):
    rc, out, _ = do("zzqq y x", df=_data())
    assert rc == 199 and out.splitlines()[0] == "unrecognized command:  zzqq" and "twoway" not in out


@pytest.mark.parametrize("topic", ["rcap", "twoway rcap", "graph twoway rcap", "fpfitci", "twoway fpfitci",
                                   "mband", "twoway mband"])
def test_help_finds_the_twoway_pages(topic):
    from mlmcli.help import find_page

    page = find_page(topic)
    assert page is not None and page.name.startswith("twoway_")
    assert all(line.startswith("twoway ") for line in page.syntax if line and not line[0].isupper()
               and "(" not in line.split()[0])
