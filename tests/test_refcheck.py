"""Issue 3's acceptance check: every reference fit reproduces through the CLI.

Runs ``../shared/tools/refcheck.py --mlm "<python> -m mlmcli" --only-mixed`` on each
reference JSON (skips without ../shared).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFS = sorted((SHARED / "reference").glob("*.json")) if (SHARED / "reference").is_dir() else []


@pytest.mark.parametrize("ref", REFS, ids=[p.stem for p in REFS])
def test_reference_fit_reproduces(shared_dir, root_dir, ref):
    tool = shared_dir / "tools" / "refcheck.py"
    cp = subprocess.run(
        [sys.executable, str(tool), "--mlm", f"{sys.executable} -m mlmcli", "--only-mixed", "--show", str(ref)],
        capture_output=True, text=True, timeout=600, cwd=root_dir,
    )
    assert cp.returncode == 0 and "1 passed, 0 failed" in cp.stdout, cp.stdout[-4000:] + cp.stderr[-2000:]
