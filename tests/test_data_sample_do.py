"""samples/datamgmt.do runs clean through the CLI (exit 0, no error lines)."""
from __future__ import annotations

import os
import subprocess
import sys


def test_datamgmt_do_runs_clean(root_dir, tmp_path):
    # run from a scratch folder that sees the project's samples/, so the files the
    # script saves land there and not in the checkout
    os.symlink(root_dir / "samples", tmp_path / "samples")
    proc = subprocess.run([sys.executable, "-m", "mlmcli", "samples/datamgmt.do"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(root_dir)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert not any(line.startswith("r(") for line in out.splitlines())
    assert "internal error" not in out
    assert "file datamgmt_schools.dta saved" in out and "file datamgmt_prepared.dta saved" in out
    assert "    matched                             7,185  (_merge==3)" in out
    assert (tmp_path / "datamgmt_prepared.dta").exists()
    from mlmcli.dta import read_dta
    ds, _ = read_dta(str(tmp_path / "datamgmt_prepared.dta"))
    assert ds.nobs == 7185 and ds.varnames[:4] == ["school", "school_id", "nj", "first"]
    assert ds.value_labels["seslab"] == {1.0: "low", 2.0: "middle", 3.0: "high"}
    assert ds.types["first"] == "byte" and ds.types["ses_gmc"] == "double"
