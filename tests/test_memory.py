"""memory ([D] memory): the data's bytes (observations x storage widths, as describe's size),
matrices at 8 bytes an element, in the used/allocated table."""
from __future__ import annotations


def test_memory_counts_data_and_matrices(do):
    rc, out, s = do("set obs 10\ngen x = 1\ngen double y = 2\ngen str5 z = \"a\"\nmatrix A = (1,2\\3,4)\nmemory")
    assert rc == 0
    lines = out.split("obs was 0, now 10\n", 1)[1].splitlines()
    data = 10 * (4 + 8 + 5)  # float, double, str5
    assert lines[:5] == ["", "Memory usage", f"{'used':>45}{'allocated':>25}", "-" * 70,
                         f"{'data':<29}{data:>16,}{data:>25,}"]
    assert f"{'Stata matrices':<29}{32:>16,}{32:>25,}" in lines
    total = int(lines[-1].split()[-1].replace(",", ""))
    assert lines[-1].startswith("grand total") and total >= data + 32


def test_memory_takes_no_arguments(do):
    rc, out, s = do("memory all")
    assert rc == 198
