"""End to end: `python -m mlmcli samples/handout.do` and `samples/hsb.do` through the CLI.

These run the whole product (interpreter, data commands, mixed, postestimation,
display).  They are never skipped: until every command the scripts use works,
they fail and say which command stopped the run.

handout.do: exit 0, every model block present, the handout's sample sizes,
no Python warnings or tracebacks.  hsb.do: the REML estimates equal Raudenbush
& Bryk's published ones (2002, Tables 4.2-4.5) within the precision the book
prints.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TIMEOUT = 600

PYTHON_NOISE = re.compile(
    r"Traceback \(most recent call last\)|internal error|--debug|"
    r"(Runtime|Future|Deprecation|User|Convergence|Performance)Warning|"
    r"SettingWithCopy|np\.|numpy\.|pandas\.|scipy\.")
MIXED_HEADER = re.compile(r"^Mixed-effects (?:ML |REML )?regression\s+Number of obs\s+=\s+([\d,]+)",
                          re.M)


def _run_do(script: str, tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    """Run samples/<script> from a scratch folder that sees the shipped samples/ as ./samples,
    so files the script writes (statsby's saving()) land in the scratch folder."""
    (tmp_path / "samples").symlink_to(SAMPLES, target_is_directory=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "mlmcli", *options, f"samples/{script}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, env=env)


def _failure_context(run: subprocess.CompletedProcess) -> str:
    """The last command echoed and what followed it: the command that stopped the run."""
    out = run.stdout
    last = out.rfind("\n. ")
    tail = out[last:] if last >= 0 else out[-2000:]
    return f"exit {run.returncode}; stopped at:{tail[-3000:]}\nstderr:\n{run.stderr[-3000:]}"


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    folder = tmp_path_factory.mktemp("handout_run")
    (folder / "graphs").mkdir()
    return _run_do("handout.do", folder, "--graphs", "graphs"), folder


@pytest.fixture(scope="module")
def hsb(tmp_path_factory) -> subprocess.CompletedProcess:
    return _run_do("hsb.do", tmp_path_factory.mktemp("hsb_run"))


# --- handout.do ------------------------------------------------------------------------

def test_handout_runs_clean(handout):
    run, _ = handout
    assert run.returncode == 0, _failure_context(run)
    assert not re.search(r"^r\(\d+\);$", run.stdout, re.M), _failure_context(run)


def test_handout_no_python_noise(handout):
    run, _ = handout
    assert run.stderr.strip() == "", run.stderr[-3000:]
    match = PYTHON_NOISE.search(run.stdout)
    assert match is None, run.stdout[max(0, match.start() - 500): match.end() + 500]


def _harmonized_n() -> int:
    return len(pd.read_stata(SAMPLES / "data" / "harmonized_sim.dta"))


def test_handout_every_model_block_with_its_sample_size(handout):
    run, _ = handout
    sizes = [int(n.replace(",", "")) for n in MIXED_HEADER.findall(run.stdout)]
    expected = [
        21790,                      # 1. null model                          (golden 01)
        21158,                      # 2. ANCOVA                              (golden 06)
        21741, 21741,               # 3. education fixed / random            (goldens 08, 09)
        21158, 21158, 21158,        # 4. intercepts as outcomes              (goldens 11-13)
        21158,                      # 5. cross-level interaction             (golden 14)
        21790, 21790,               # weighted fits (level-1; level-1 and level-2 weights)
        20785, 20161, 20161,        # three-level models                     (goldens 16-18)
        _harmonized_n(),            # cross-classified model
    ]
    assert sizes == expected, _failure_context(run)


def test_handout_group_counts(handout):
    run, _ = handout
    out = run.stdout
    assert len(re.findall(r"Number of groups\s+=\s+17\b", out)) >= 10, _failure_context(run)
    # three-level group tables: 16 countries, 218 regions (goldens 16-18)
    assert len(re.findall(r"^\s+cntryid \|\s+16\s", out, re.M)) >= 3, _failure_context(run)
    assert len(re.findall(r"^\s+region \|\s+218\s", out, re.M)) >= 3, _failure_context(run)
    assert re.search(r"Obs per group: min =\s+979\b", out)       # ANCOVA sample (golden 06)


def test_handout_ols_lrtest_and_tables(handout):
    run, _ = handout
    out = run.stdout
    assert "-> cntryid = d" in out and re.search(r"Number of obs =\s+1820\b", out)   # golden 07
    assert "Likelihood-ratio test" in out and "(Assumption: rie nested in rce)" in out  # golden 10
    assert "Intraclass correlation" in out                                       # golden 03
    assert "Summary for variables: lambda_j" in out                              # golden 05
    assert "Summary for variables: eb" in out
    assert re.search(r"^\s+cntryid \|\s+251\s+252\s+253", out, re.M)             # golden 15


GOLDEN = Path(__file__).resolve().parent / "samples_golden"


def _golden(name: str) -> str:
    text = (GOLDEN / name).read_text()
    return text.split("\n", 1)[1] if text.startswith("// ") else text


def _command_block(out: str, command: str) -> str:
    """The echo of `command` and its output, up to the next echoed command."""
    start = out.find(f". {command}\n")
    assert start >= 0, f"no echo of {command!r}"
    end = out.find("\n. ", start + 2)
    return out[start: end + 1 if end >= 0 else len(out)]


@pytest.mark.parametrize("command, golden, whole", [
    ("estat group", "02_null-model-estat-group.txt", True),
    ("fre cntryid nj", "04_fre-cntryid-nj.txt", True),
    ("tab cntryid region if cntryid < 10", "15_tab-cntryid-region.txt", False),  # first panels
])
def test_handout_tables_fixed_by_the_data_match_the_goldens(handout, command, golden, whole):
    # the synthetic file has the handout's sample sizes and region counts, so these tables
    # are the handout's, character for character
    run, _ = handout
    assert run.returncode == 0, _failure_context(run)
    block, expected = _command_block(run.stdout, command).rstrip(), _golden(golden).rstrip()
    assert (block if whole else block[: len(expected)]) == expected


def _header_lines(text: str) -> list[str]:
    """The sample-size part of a mixed header: Number of obs/groups, Obs per group, group table."""
    keep = re.compile(r"Number of obs|Number of groups|Obs per group|^\s+(avg|max) =|"
                      r"^\s+\w+ \|\s+\d+\s+\d+\s+[\d.]+\s+\d+$|No\. of|Group Variable")
    return [line for line in text.splitlines() if keep.search(line)]


@pytest.mark.parametrize("command, golden", [
    ("mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid:",
     "06_ancova-mixed.txt"),
    ("mixed pbw educgroupc || cntryid:", "08_rcrm-fixed-mixed.txt"),
    ("mixed pbw || cntryid: || region:", "16_three-level-null.txt"),
    ("mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid: || region:",
     "17_three-level-ancova.txt"),
])
def test_handout_mixed_sample_headers_match_the_goldens(handout, command, golden):
    run, _ = handout
    assert run.returncode == 0, _failure_context(run)
    got = _header_lines(_command_block(run.stdout, command))
    expected = _header_lines(_golden(golden))
    assert got and got == expected


def test_handout_writes_only_to_the_working_folder(handout):
    run, folder = handout
    assert run.returncode == 0, _failure_context(run)
    assert (folder / "ols_educ.dta").exists()
    assert not (SAMPLES / "ols_educ.dta").exists()
    assert not (SAMPLES / "data" / "ols_educ.dta").exists()


def test_handout_draws_its_graphs(handout):
    # the caterpillar plot of the country effects, Germany's scatter with lfitci, the trellis
    # by country, the spaghetti plot, the marginsplot of the cross-level interaction (saved by
    # --graphs DIR)
    run, folder = handout
    assert run.returncode == 0, _failure_context(run)
    pngs = sorted(p.name for p in (folder / "graphs").iterdir())
    assert pngs == ["Graph1.png", "Graph2.png", "Graph3.png", "Graph4.png", "Graph5.png"]
    assert all((folder / "graphs" / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    exported = sorted(p.name for p in (folder / "handout_graphs").iterdir())
    assert exported == ["caterpillar.png", "germany_lfitci.png", "margins_weurope.png", "spaghetti.png",
                        "trellis_by_country.png"]
    assert all((folder / "handout_graphs" / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in exported)
    assert "(file handout_graphs/spaghetti.png written in PNG format)" in run.stdout


# --- hsb.do ----------------------------------------------------------------------------

# Raudenbush & Bryk (2002), ch. 4: the values as printed in the book.
# fixed: name -> (coefficient, standard error); random: Stata label -> estimate.
PUBLISHED = [
    ("Table 4.2", {"_cons": (12.64, 0.24)},
     {"var(_cons)": 8.61, "var(Residual)": 39.15}),
    ("Table 4.3", {"_cons": (12.65, 0.15), "MEANSES": (5.86, 0.36)},
     {"var(_cons)": 2.64, "var(Residual)": 39.16}),
    ("Table 4.4", {"cses": (2.19, 0.13)},
     {"var(_cons)": 8.68, "cov(cses,_cons)": 0.05, "var(Residual)": 36.70}),
    ("Table 4.5", {"_cons": (12.10, 0.20), "MEANSES": (5.33, 0.37), "sector": (1.23, 0.31),
                   "cses": (2.94, 0.16), "c.MEANSES#c.cses": (1.04, 0.30),
                   "c.sector#c.cses": (-1.64, 0.24)},
     {"var(_cons)": 2.38, "cov(cses,_cons)": 0.19, "var(cses)": 0.10}),
]
ROW = re.compile(r"^\s*(\S.*?) \|\s+(-?\d*\.\d+)\s+(\d*\.\d+)", re.M)


def _model_blocks(out: str) -> list[dict[str, tuple[float, float]]]:
    """Per mixed output block: table row label -> (first, second number)."""
    starts = [m.start() for m in re.finditer(r"^Mixed-effects REML regression", out, re.M)]
    blocks = []
    for i, start in enumerate(starts):
        text = out[start: starts[i + 1] if i + 1 < len(starts) else len(out)]
        text = text.split("LR test vs. linear regression")[0]   # the model's own tables only
        blocks.append({m.group(1).strip(): (float(m.group(2)), float(m.group(3)))
                       for m in ROW.finditer(text)})
    return blocks


def _printed_tolerance(published: float) -> float:
    text = f"{published:.2f}"
    return 0.5 * 10 ** -len(text.split(".")[1]) + 1e-9


def test_hsb_runs_clean(hsb):
    assert hsb.returncode == 0, _failure_context(hsb)
    assert hsb.stderr.strip() == "", hsb.stderr[-3000:]
    assert PYTHON_NOISE.search(hsb.stdout) is None


@pytest.mark.parametrize("index", range(len(PUBLISHED)))
def test_hsb_matches_raudenbush_bryk(hsb, index):
    blocks = _model_blocks(hsb.stdout)
    assert len(blocks) == len(PUBLISHED), _failure_context(hsb)
    table, fixed, random = PUBLISHED[index]
    rows = blocks[index]
    for name, (coef, se) in fixed.items():
        assert name in rows, f"{table}: no row {name!r} in {sorted(rows)}"
        got_coef, got_se = rows[name]
        assert abs(got_coef - coef) <= _printed_tolerance(coef), (table, name, got_coef, coef)
        assert abs(got_se - se) <= _printed_tolerance(se), (table, name, "se", got_se, se)
    for label, estimate in random.items():
        assert label in rows, f"{table}: no row {label!r} in {sorted(rows)}"
        got = rows[label][0]
        assert abs(got - estimate) <= _printed_tolerance(estimate), (table, label, got, estimate)


@pytest.mark.parametrize("table, df, chi2", [("Table 4.2", 159, "1660.23"),
                                             ("Table 4.3", 158, "633.52")])
def test_hsb_hlm_chi_square_matches_the_book(hsb, table, df, chi2):
    # HLM's homogeneity test of tau00 = 0 (estat hlmchi2), as the book prints it
    assert hsb.returncode == 0, _failure_context(hsb)
    pattern = rf"^\s+_cons \|\s+[\d.]+\s+{df}\s+{re.escape(chi2)}\s"
    assert re.search(pattern, hsb.stdout, re.M), (table, chi2)


def test_hsb_reliability_and_icc_match_the_book(hsb):
    # Table 4.2's text: intraclass correlation .18, average reliability of the school means .90
    assert hsb.returncode == 0, _failure_context(hsb)
    icc = re.search(r"^\s+school \|\s+(\.\d+)\s", hsb.stdout, re.M)
    reliability = re.search(r"^\s+Average \|\s+44\.9\s+(\.\d+)\s*$", hsb.stdout, re.M)
    assert icc and abs(float(icc.group(1)) - 0.18) <= _printed_tolerance(0.18)
    assert reliability and abs(float(reliability.group(1)) - 0.90) <= _printed_tolerance(0.90)
