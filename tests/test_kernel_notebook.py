"""``samples/handout.ipynb`` executed by ``jupyter nbconvert --execute`` on the mlm kernel:
every cell runs without error, the fits print Stata's tables, the graphs come inline."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("ipykernel")
pytest.importorskip("nbconvert")

from kernel_harness import ROOT, jupyter_environment, png_size  # noqa: E402

NOTEBOOK = ROOT / "samples" / "handout.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import nbformat

    tmp = tmp_path_factory.mktemp("nbconvert")
    env = dict(os.environ)
    env.update(jupyter_environment(tmp))
    before = sorted(os.listdir(NOTEBOOK.parent))
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", str(NOTEBOOK),
         "--output-dir", str(tmp), "--output", "executed.ipynb", "--ExecutePreprocessor.timeout=600"],
        env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(os.listdir(NOTEBOOK.parent)) == before  # the notebook writes nothing beside itself
    return nbformat.read(tmp / "executed.ipynb", as_version=4)


def outputs(nb, kind):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == kind]


def test_every_cell_ran_without_error(executed):
    code_cells = [c for c in executed.cells if c.cell_type == "code"]
    assert len(code_cells) >= 8
    assert all(c.execution_count for c in code_cells)
    assert outputs(executed, "error") == []
    assert all(o.name == "stdout" for o in outputs(executed, "stream"))


def test_the_first_model_prints_stata_tables(executed):
    text = "".join(o.text for o in outputs(executed, "stream"))
    assert "Mixed-effects ML regression                     Number of obs      =     21790" in text
    # the numbers samples/README.md quotes for the synthetic data
    assert "       _cons |   .1002213   .0906488     1.11   0.269     -.077447    .2778897" in text
    assert "               var(Residual) |    .812475   .0077869      .7973554    .8278814" in text
    assert "Intraclass correlation" in text
    # estat pve compares the ANCOVA with the stored ANOVA fit of an earlier cell
    assert "          cntryid: var(_cons) |   .1390259   .1350071" in text


def test_the_graphs_are_inline_images(executed):
    displays = outputs(executed, "display_data")
    assert len(displays) == 2  # the caterpillar plot and Germany's scatter with its fit
    for shown in displays:
        width, height = png_size(shown.data["image/png"])
        assert width > 300 and height > 200
    graph_cells = [c.source for c in executed.cells if c.cell_type == "code"
                   and any(o.output_type == "display_data" for o in c.outputs)]
    assert graph_cells[0].startswith("estat caterpillar") and graph_cells[1].startswith("twoway")
