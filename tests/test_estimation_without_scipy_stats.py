"""logit, test, xtreg and the me commands take their p-values and quantiles from
mlmcli.distributions: importing scipy.stats costs ~0.6 s of CPU and ~40 MiB a process
(bench/README.md, "Start-up of the estimation commands")."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import contextlib, io, sys
from mlmcli.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main(["-q", sys.argv[1]])
    except SystemExit:
        pass
assert not any(line.startswith("r(") for line in out.getvalue().splitlines()), out.getvalue()
print("scipy.stats" in sys.modules)
"""

DO = """use "{data}", clear
gen hi = mathach > 13
logit hi ses minority
test ses minority
xtset school
xtreg mathach ses, fe
xtreg mathach ses, re
xtreg mathach ses, mle
xtlogit hi ses
melogit hi ses || school:
"""


def test_estimation_commands_do_not_import_scipy_stats(tmp_path):
    do = tmp_path / "fits.do"
    do.write_text(DO.format(data=ROOT / "samples" / "data" / "hsb.dta"))
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(do)], capture_output=True, text=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False"
