"""tests/slowest_files.txt (the files conftest.py has xdist's workers take first) names test
files that exist, each once, with its seconds: a renamed file would silently lose its place."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_listed_file_exists_once_with_its_seconds():
    lines = [ln.split() for ln in (ROOT / "tests" / "slowest_files.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines
    names = [name for _, name in lines]
    assert len(set(names)) == len(names)
    for seconds, name in lines:
        assert float(seconds) > 0 and (ROOT / name).is_file() and name.startswith("tests/test_"), name
