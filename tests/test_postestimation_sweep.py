"""Nothing a user types after an estimation command stops with an internal error: every
estimation command of the registry fits a small model (tests/postestimation_sweep.py), then
its replay, estimates replay/store/restore/table/stats, predict (each documented statistic,
with if and in), estat ic/vce/summarize, test, testparm, lincom, nlcom, margins (if/in),
contrast, pwcompare, lrtest, the other estat subcommands, etable/esttab and ereturn list run --
also on fits with factor variables and interactions, an if, and after the data are sorted,
dropped and kept (``python3 tests/postestimation_sweep.py`` adds vce(robust), vce(cluster),
pweights, fweights and L.) -- each ending in output or a Stata error with
its return code (never r(9999))."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("postestimation_sweep", Path(__file__).with_name("postestimation_sweep.py"))
sweep = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(sweep)


def test_every_estimation_command_has_a_model_in_the_sweep():
    covered = {name.split("_")[0] for name in sweep.FITS}
    missing = [c for c in sweep.registry_estimation_commands() if c not in covered]
    assert missing == []


@pytest.fixture(scope="module")
def data():
    return sweep.panel()


# the script runs every variant (about 45 s of CPU); the suite these five (about 30 s)
TESTED = ("", "fv", "interaction", "if", "data")


@pytest.mark.parametrize("variant, name", [(v, n) for v in TESTED for n in sweep.FITS],
                         ids=[f"{n}-{v or 'plain'}" for v in TESTED for n in sweep.FITS])
def test_no_internal_error_after(variant, name, data):
    run = sweep.Sweep()
    run.run_fit(name, data, variant)
    assert run.failures == [], "\n".join(f"{t}: {why}" for _, t, why in run.failures)
