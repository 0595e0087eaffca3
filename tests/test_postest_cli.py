"""Postestimation end to end through the command-line program (``python -m mlmcli file.do``)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HSB = ROOT / "samples" / "data" / "hsb.dta"


def run_do(tmp_path, text: str) -> subprocess.CompletedProcess:
    do = tmp_path / "t.do"
    do.write_text(text)
    return subprocess.run([sys.executable, "-m", "mlmcli", str(do)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)


def test_handout_style_postestimation_sequence(tmp_path):
    cp = run_do(tmp_path, f"""use "{HSB}", clear
quietly mixed mathach || school:, reml
estat group
estat icc
estat ic
estimates store null
estat reliability, nogroups
estat hlmchi2
predict eb, reffects
predict ebse, reses
quietly mixed mathach meanses || school:, reml
estimates store means
estat pve null means
quietly mixed mathach meanses cses || school: cses, reml
estimates store rc
quietly mixed mathach meanses cses || school:, reml
estimates store ri
lrtest rc ri
test meanses cses
lincom meanses - cses
estimates table ri rc, b se stats(N ll aic bic)
summarize eb ebse
""")
    out = cp.stdout
    assert cp.returncode == 0, out + cp.stderr
    assert "Traceback" not in out + cp.stderr
    assert "         school |      160         14       44.9         67" in out
    assert "                      school |   .1803518" in out  # R&B Table 4.1 rho = .18
    assert "Proportional reduction in variance components: null -> means" in out
    assert "(Assumption: ri nested in rc)" in out
    assert "LR chi2(1)" in out and "Note: LR tests based on REML are valid only" in out
    assert " ( 1)  [mathach]meanses = 0" in out
    assert "Reliability lambda_j" in out and "HLM chi-square test" in out


@pytest.mark.parametrize("lines,msg,rc", [
    (["estat icc"], "last estimates not found", 301),
    (["quietly mixed mathach || school:", "estat nonsense"], "invalid subcommand nonsense", 321),
    (["quietly mixed mathach || school:", "predict u1 u2, reffects"],
     "too many variables specified\nyou must specify 1 new variable(s)", 103),
    (["quietly mixed mathach || school:", "lrtest a"], "estimation result a not found", 111),
    (["quietly mixed mathach || school:", "test nosuch"], "[mathach]nosuch not found", 111),
])
def test_errors_print_stata_messages_not_tracebacks(tmp_path, lines, msg, rc):
    cp = run_do(tmp_path, "\n".join([f'use "{HSB}", clear', *lines, 'display "not reached"']) + "\n")
    out = cp.stdout + cp.stderr
    assert cp.returncode != 0
    assert "Traceback" not in out and "not reached" not in cp.stdout
    assert f"{msg}\nr({rc});" in out
